/**
 * Accessibility (axe-core, WCAG 2.1 A/AA rules and best practices) on the home page, the widget
 * gallery with every widget started, and one slide per deck (its first live widget, else its title),
 * in the light and the dark theme.
 *
 * Page level (everything outside a widget's shadow root): no serious or critical violation at all.
 * Inside widgets: each widget's serious and critical findings are reported by widget, and the test
 * fails on any that is not in tests/e2e/a11y-known.json (the widget refactor's to-do list: remove
 * an entry when it is fixed; the test then keeps it fixed).
 */
import { AxeBuilder } from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { findDecks } from '../../build/decks.ts';
import { expect, openDeck, test } from './fixtures.ts';

type Impact = 'minor' | 'moderate' | 'serious' | 'critical';
/** One finding: where (page, or the widget's tag), which rule, which element. */
interface Finding {
  where: string;
  rule: string;
  impact: Impact;
  element: string;
  help: string;
}

const SEVERE: Impact[] = ['serious', 'critical'];
/** Known widget-internal findings, as "dl-tag rule" strings. */
const known = new Set<string>(JSON.parse(readFileSync(new URL('./a11y-known.json', import.meta.url), 'utf8')).widgets as string[]);

/** Run axe on the page; split its findings into page-level ones and per-widget (shadow DOM) ones. */
async function audit(page: Page): Promise<Finding[]> {
  // In a deck only the slide on screen counts (the others are hidden, and auditing them is slow).
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .exclude('.reveal .slides section:not(.present)')
    .analyze();
  const out: Finding[] = [];
  for (const v of results.violations) {
    for (const node of v.nodes) {
      // A target inside a shadow root is a chain of selectors: [host, …, element].
      const first = node.target[0];
      const chain = Array.isArray(first) ? first.map(String) : [String(first)];
      const host = chain.length > 1 ? (chain[0].match(/dl-[a-z0-9-]+/g)?.pop() ?? chain[0]) : 'page';
      out.push({ where: host, rule: v.id, impact: (node.impact ?? v.impact ?? 'minor') as Impact, element: chain.join(' >>> '), help: v.help });
    }
  }
  return out;
}

/** Fail on severe page-level findings and on severe widget findings not yet known; report the rest. */
function judge(findings: Finding[], label: string): void {
  const lines = findings.map((f) => `${f.impact} ${f.rule} [${f.where}] ${f.element}: ${f.help}`);
  // Printed as well as attached: the list of open findings is the widget refactor's to-do list.
  if (lines.length > 0) {
    test.info().annotations.push({ type: 'axe', description: `${label}\n${lines.join('\n')}` });
    console.log(`axe, ${label}:\n  ${lines.join('\n  ')}`);
  }
  const widgetSevere = findings.filter((f) => f.where !== 'page' && SEVERE.includes(f.impact));
  for (const f of widgetSevere) if (known.has(`${f.where} ${f.rule}`)) test.info().annotations.push({ type: 'known widget issue', description: `${label}: ${f.where} ${f.rule} ${f.element}` });
  expect(findings.filter((f) => f.where === 'page' && SEVERE.includes(f.impact)).map((f) => `${f.rule}: ${f.element}`), `${label}: page-level serious/critical`).toEqual([]);
  expect(
    widgetSevere.filter((f) => !known.has(`${f.where} ${f.rule}`)).map((f) => `${f.where} ${f.rule}: ${f.element}`),
    `${label}: new widget findings (fix the widget, or list "<tag> <rule>" in a11y-known.json)`,
  ).toEqual([]);
}

/** Record which widgets said dl-ready (they start only when shown, so the log starts empty). */
async function recordReady(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { dlReadyWidgets: Element[] };
    w.dlReadyWidgets = [];
    addEventListener('dl-ready', (e) => w.dlReadyWidgets.push(e.target as Element), true);
  });
}

/** Wait until the widgets inside `scope` have started (dl-ready, or no pending state), at most `ms`. */
async function widgetsStarted(page: Page, scope: string, ms: number): Promise<void> {
  await page
    .waitForFunction(
      (sel) =>
        Array.from(document.querySelectorAll(sel))
          .flatMap((s) => Array.from(s.querySelectorAll('*')).filter((el) => el.localName.startsWith('dl-')))
          .every((el) => {
            if ((window as unknown as { dlReadyWidgets: Element[] }).dlReadyWidgets.includes(el)) return true;
            const root = el.shadowRoot;
            if (!root || root.childElementCount === 0) return false;
            const status = Array.from(root.querySelectorAll('.dl-status'), (s) => s.textContent ?? '').join(' ');
            return !/Starts when shown|Loading/.test(status);
          }),
      scope,
      { timeout: ms },
    )
    .catch(() => undefined); // a slow widget is audited as it is; the deck walks check that it starts
}

/** Audit in the light theme, switch to dark (what the D key and ?theme=dark do) and audit again. */
async function auditBothThemes(page: Page, label: string): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
    judge(await audit(page), `${label}, ${theme}`);
  }
}

test.describe('accessibility (axe-core), light and dark', () => {
  test('home page', async ({ page, watch }) => {
    await page.goto('index.html');
    await page.locator('.deck').first().waitFor();
    await auditBothThemes(page, 'home');
    expect(watch.errors).toEqual([]);
  });

  test('gallery, with every widget started', async ({ page, watch }) => {
    test.setTimeout(420_000); // about 27 widgets; 3.7 min here under heavy load
    await recordReady(page);
    await page.goto('gallery/index.html');
    const ids = await page.locator('section.widget').evaluateAll((els) => els.map((e) => e.id));
    expect(ids.length).toBeGreaterThan(10);
    // Widgets start when scrolled into view (and pause when they leave): show each in turn.
    for (const id of ids) {
      await page.locator(`#${id} .live`).scrollIntoViewIfNeeded();
      await widgetsStarted(page, `#${id} .live`, 6_000);
    }
    await page.evaluate(() => window.scrollTo(0, 0));
    await auditBothThemes(page, 'gallery');
    expect(watch.errors).toEqual([]);
  });

  for (const deck of findDecks(process.cwd())) {
    test(`${deck.path}: its first live slide (else its title)`, async ({ page, watch }) => {
      await recordReady(page);
      await openDeck(page, `${deck.path}/index.html`);
      // Screen readers read the MathML: every fixed-arity element has its number of children.
      const badMath = await page.evaluate(() => {
        const arity: Record<string, number> = { msub: 2, msup: 2, msubsup: 3, mfrac: 2, mroot: 2, munder: 2, mover: 2, munderover: 3 };
        return Array.from(document.querySelectorAll(Object.keys(arity).join(',')))
          .filter((el) => el.children.length !== arity[el.localName])
          .map((el) => el.closest('math')?.querySelector('annotation')?.textContent ?? el.localName);
      });
      expect(badMath, 'malformed MathML').toEqual([]);
      const hasWidget = await page.evaluate(() => {
        const el = Array.from(document.querySelectorAll('.reveal .slides *')).find((e) => e.localName.startsWith('dl-'));
        const slide = el?.closest('section');
        if (!slide) return false;
        const { h, v } = window.Reveal.getIndices(slide as HTMLElement);
        window.Reveal.slide(h, v);
        return true;
      });
      if (hasWidget) await widgetsStarted(page, '.reveal .slides section.present', 20_000);
      await page.waitForTimeout(400); // reveal's fade
      await auditBothThemes(page, deck.path);
      expect(watch.errors).toEqual([]);
    });
  }
});
