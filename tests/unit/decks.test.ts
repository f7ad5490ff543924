import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findDecks } from '../../build/decks.ts';
import { lintDeck, loadWidgetInfo, type WidgetInfo } from '../../build/lint-decks.ts';
import { parseFrontMatter } from '../../decks/_shared/front-matter.ts';
import { extractMath } from '../../decks/_shared/math.ts';

const root = join(import.meta.dirname, '../..');
let widgets: Map<string, WidgetInfo>;

beforeAll(async () => {
  const manifest = join(root, 'custom-elements.json');
  if (!existsSync(manifest)) execSync('npm run manifest', { cwd: root });
  widgets = await loadWidgetInfo(manifest, root);
}, 120_000);

describe('every deck and talk', () => {
  const decks = findDecks(root);
  it('are found from the folders, with lecture 1 first', () => {
    expect(decks.length).toBeGreaterThan(0);
    expect(decks[0].path).toBe('decks/01-ml-basics');
  });
  it.each(decks.map((d) => d.path))('%s passes the lint', (path) => {
    const file = `${path}/slides.md`;
    expect(lintDeck(file, readFileSync(join(root, file), 'utf8'), widgets, root)).toEqual([]);
  });
});

describe('the lint', () => {
  const md = (body: string) => `---\ntitle: T\nsummary: S\n---\n\n${body}\n`;
  it('names an unknown widget, an unknown attribute and the global hidden trap, with lines', () => {
    const problems = lintDeck('decks/x/slides.md', md('## A\n\n<dl-decision-boundry></dl-decision-boundry>\n\n---\n\n<dl-decision-boundary hidden="8,8" learning-rate="0.1"></dl-decision-boundary>'), widgets, root);
    expect(problems.map((p) => [p.line, p.message.split('.')[0]])).toEqual([
      [8, 'Unknown widget <dl-decision-boundry>'],
      [12, '<dl-decision-boundary> has no attribute "hidden" (the global "hidden" attribute would hide the widget; did you mean hidden-layers?)'],
    ]);
  });
  it('rejects an out-of-range number with the rule the widget itself applies', () => {
    const problems = lintDeck('decks/x/slides.md', md('<dl-residual depth="400" learning-rate=""></dl-residual>'), widgets, root);
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [6, '<dl-residual> depth="400" is not allowed. Use a whole number from 2 to 40.'],
      [6, '<dl-residual> learning-rate="" is empty. Use a number from 0.0001 to 1.'],
    ]);
  });
  it('reports broken math and missing or remote images', () => {
    const problems = lintDeck('decks/x/slides.md', md('$\\frac{1}{$\n\n![a](assets/none.png)\n\n![b](https://example.org/b.png)'), widgets, root);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatchObject({ line: 6 });
    expect(problems[0].message).toMatch(/^Math error/);
    expect(problems[1].message).toMatch(/Image "assets\/none.png" not found/);
    expect(problems[2].message).toMatch(/loaded from the network/);
  });
  it('reports malformed front matter with its line', () => {
    const { problems } = parseFrontMatter('---\ntitle: T\nsummary S\n---\n');
    expect(problems).toContainEqual({ line: 3, message: 'Expected "key: value" in the front matter, found "summary S".' });
    expect(problems.some((p) => p.message.includes('needs a "summary'))).toBe(true);
    expect(parseFrontMatter('# no front matter').problems[0].line).toBe(1);
    expect(parseFrontMatter('---\ntitle: T\n').problems[0].message).toMatch(/never closed/);
  });
});

describe('math extraction', () => {
  it('takes formulas out of markdown but leaves code and prices alone', () => {
    const { text, items } = extractMath('a $x_i * y_i$ b\n\n$$\n\\sum_i x_i\n$$\n\n`$not math$` and $5 or $6\n\n```\n$code$\n```\n');
    expect(items.map((i) => [i.tex, i.display, i.line])).toEqual([
      ['x_i * y_i', false, 1],
      ['\\sum_i x_i', true, 3],
    ]);
    expect(text).toContain('`$not math$`');
    expect(text).toContain('$5 or $6');
    expect(text).toContain('$code$');
  });
});
