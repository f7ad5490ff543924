/** `npm run new-talk` against a temporary project folder: the talk is found, lints clean, mistakes get sentences. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findDecks } from '../../build/decks.ts';
import { lintDeck, type WidgetInfo } from '../../build/lint-decks.ts';
import { checkValue, choicesFrom, ruleFor } from '../../build/lint-values.ts';
import { handleOf, newTalk, slugify } from '../../scripts/new-talk.ts';

const TITLE = 'Grokking: when networks suddenly generalize';
let root: string;
let out: string[];
let err: string[];
const run = (...argv: string[]) => newTalk(argv, (l) => out.push(l), (l) => err.push(l), {});

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'dl-new-talk-'));
  out = [];
  err = [];
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** The decision-boundary attributes the template uses, with their value rules. */
const widgets = new Map<string, WidgetInfo>([
  [
    'dl-decision-boundary',
    {
      tag: 'dl-decision-boundary',
      attributes: new Set(['dataset', 'hidden-layers', 'activation', 'learning-rate', 'controls']),
      values: new Map([
        ['activation', ruleFor({ name: 'activation', type: { text: 'string' }, description: 'Hidden activation: relu | tanh | sigmoid | linear.' })!],
        ['learning-rate', ruleFor({ name: 'learning-rate', type: { text: 'number' }, description: 'Learning rate.' })!],
      ]),
    },
  ],
]);

describe('new-talk', () => {
  it('creates a talk folder that the site finds and the lint accepts', () => {
    expect(run(TITLE, '--author', 'Ada Lovelace', '--root', root, '--year', '2026')).toBe(0);
    const folder = '2026-alovelace-grokking-when-networks-suddenly-generalize';
    const decks = findDecks(root);
    expect(decks.map((d) => d.path)).toEqual([`student-talks/${folder}`]);
    expect(decks[0]).toMatchObject({ kind: 'talk', title: TITLE, author: 'Ada Lovelace', problems: [] });
    const md = readFileSync(join(root, 'student-talks', folder, 'slides.md'), 'utf8');
    expect(lintDeck(`student-talks/${folder}/slides.md`, md, widgets, root)).toEqual([]);
    // Every feature a student needs is on a slide.
    for (const feature of ['$$', '```python', '](assets/figure.svg)', 'class="columns"', 'Note:', '<dl-decision-boundary', 'class="fragment"', '## References']) {
      expect(md).toContain(feature);
    }
    expect(readFileSync(join(root, 'student-talks', folder, 'index.html'), 'utf8')).toContain(`'student-talks/${folder}/slides.md'`);
    expect(out.join('\n')).toContain(`npm run pdf -- ${folder}`);
  });

  it('refuses an existing folder with a sentence, not a stack trace', () => {
    expect(run(TITLE, '--author', 'Ada Lovelace', '--root', root)).toBe(0);
    expect(run(TITLE, '--author', 'Ada Lovelace', '--root', root)).toBe(1);
    expect(err.join('\n')).toMatch(/already exists/);
    expect(err.join('\n')).not.toMatch(/\n\s+at /);
  });

  it('prints the usage when the title or the author is missing', () => {
    expect(run('--author', 'Ada Lovelace', '--root', root)).toBe(1);
    expect(err.join('\n')).toMatch(/title of your talk is missing[\s\S]*Usage: npm run new-talk/);
    err = [];
    expect(run(TITLE, '--root', root)).toBe(1);
    expect(err.join('\n')).toMatch(/--author/);
    expect(findDecks(root)).toEqual([]);
  });

  it('says to put -- before the options when npm kept --author for itself', () => {
    // `npm run new-talk "Focal loss" --author "Me Too"`: npm sets npm_config_author and passes the rest.
    const argv = ['Focal loss', 'Me Too', '--root', root];
    expect(newTalk(argv, (l) => out.push(l), (l) => err.push(l), { npm_config_author: 'true' })).toBe(1);
    const text = err.join('\n');
    expect(text).toContain('npm kept --author for itself');
    expect(text).toContain('npm run new-talk -- "Focal loss" --author "Me Too"');
    expect(text).not.toMatch(/separate words|name is missing/);
    expect(findDecks(root)).toEqual([]);
    err = [];
    expect(newTalk(['Focal loss', '--root', root], (l) => out.push(l), (l) => err.push(l), { npm_config_author: 'Me Too' })).toBe(1);
    expect(err.join('\n')).toContain('npm run new-talk -- "Focal loss" --author "Me Too"');
    // With -- the option reaches the script, and a stray npm_config_author does not matter.
    expect(newTalk(['Focal loss', '--author', 'Me Too', '--root', root], (l) => out.push(l), (l) => err.push(l), { npm_config_author: 'x' })).toBe(0);
  });

  it('makes folder names from titles and names', () => {
    expect(slugify('Attention Is All You Need!')).toBe('attention-is-all-you-need');
    expect(handleOf('Ada Lovelace')).toBe('alovelace');
    expect(handleOf('Émile')).toBe('emile');
  });
});

describe('attribute values from the manifest', () => {
  it('reads plain choice lists and ignores prose', () => {
    expect(choicesFrom('Dataset: circle | xor | gauss (classification), plane (regression).')).toEqual(['circle', 'xor', 'gauss', 'plane']);
    expect(choicesFrom('Padding: valid | same | a whole number of zero rows per side.')).toEqual([]);
  });

  it('names the file, line, value and the accepted values', () => {
    const md = readFileSync(join(import.meta.dirname, '../../student-talks/_template/slides.md'), 'utf8').replace('activation="tanh"', 'activation="tanhh"').replace('learning-rate="0.03"', 'learning-rate="fast"');
    const problems = lintDeck('student-talks/x/slides.md', md, widgets, '/nonexistent').filter((p) => !p.message.startsWith('Image'));
    const line = md.split('\n').findIndex((l) => l.includes('tanhh')) + 1;
    expect(problems).toEqual([
      { file: 'student-talks/x/slides.md', line, message: expect.stringContaining('activation="tanhh": "tanhh" is not accepted. Use one of relu, tanh, sigmoid, linear.') },
      { file: 'student-talks/x/slides.md', line, message: expect.stringContaining('learning-rate="fast" is not a number') },
    ]);
    expect(checkValue('dl-x', 'kinds', 'a,c', { kind: 'enum', values: ['a', 'b'], list: true })).toMatch(/"c" is not accepted/);
  });
});
