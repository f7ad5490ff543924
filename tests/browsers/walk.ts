/**
 * The deck walk in Firefox ESR and WebKitGTK (the Chromium walk is tests/e2e/deck-smoke.spec.ts).
 * For every deck and student talk of the production build (`npm run build` first): open it, check
 * every formula's MathML, show the slides in order (see `allSlides` for which), and on each slide
 * with a `<dl-…>` widget wait until the widget has started. Fails on any console error, widget warning, page error, failed
 * load, request to another host, or widget that shows an error or never starts.
 *
 *   npm run test:browsers                      # both browsers, every deck
 *   npm run test:browsers -- firefox           # one browser
 *   npm run test:browsers -- webkit --deck rnn # decks whose path matches the regular expression "rnn"
 *   npm run test:browsers -- --all-slides      # WebKit shows every slide too (slower)
 *   npm run test:browsers -- --serial          # one browser after the other
 *
 * It starts what it needs and stops it at the end: the preview server (a free port), Xvfb (a free
 * display), the browsers. Exit status 0 only if every deck passed in every browser.
 */
import { findDecks, type DeckEntry } from '../../build/decks.ts';
import { firefox, webkit, type Driver } from './drivers.ts';
import { call, deckFacts, showSlides, takeLog, type DeckFacts, type SlideResult } from './in-page.ts';
import { startServer, type TestServer } from './server.ts';
import { startXvfb } from './xvfb.ts';

/** How long a widget may take to start (software WebGL and a cold TensorFlow.js are slow here). */
const WIDGET_MS = Number(process.env.DL_WALK_WIDGET_MS ?? 45_000);
/** Pause on each slide before checking it (transitions, lazy work started by slidechanged). */
const SETTLE_MS = 60;
/**
 * Which slides a browser shows. Firefox: every one (it reports MathML trouble only when a formula is
 * laid out). WebKit, whose software rendering takes most of a second per slide change here: every
 * slide with a widget, the first slide with math, and the first and the last (`--all-slides`: every
 * slide in both). Every formula's MathML is checked in both, on every slide, when the deck opens.
 */
const allSlides = (browser: string) => browser === 'firefox' || process.argv.includes('--all-slides');
/** `--verbose`: print each call's duration and how each widget started. */
const VERBOSE = process.argv.includes('--verbose');

interface DeckOutcome {
  deck: string;
  problems: string[];
  slides: number;
  /** Slides shown (all of them, or the representative set). */
  visited: number;
  widgets: number;
  ms: number;
}

async function walkDeck(driver: Driver, server: TestServer, deck: DeckEntry, allSlides: boolean): Promise<DeckOutcome> {
  const t0 = Date.now();
  const problems: string[] = [];
  const where = (i: number, r?: SlideResult) => `slide ${i + 1}${r?.title ? ` "${r.title}"` : ''}`;
  const collect = async (at: string) => {
    const log = await driver.eval<{ errors: string[]; outside: string[] }>(call(takeLog));
    for (const e of log.errors) problems.push(`${at}: ${e}`);
    for (const u of log.outside) problems.push(`${at}: outside request ${u}`);
    for (const p of driver.take()) problems.push(`${at}: ${p}`);
    for (const f of server.takeFailed()) problems.push(`${at}: HTTP ${f}`);
  };
  await driver.goto(`${server.url}${deck.path}/index.html`);
  const facts = await driver.eval<DeckFacts>(call(deckFacts), 120_000);
  if (VERBOSE) console.log(`    opened in ${Date.now() - t0} ms`);
  for (const m of facts.badMath) problems.push(`MathML: ${m}`);
  for (const k of facts.katexErrors) problems.push(`KaTeX: ${k}`);
  await collect('opening');
  let widgets = 0;
  const visit = allSlides
    ? Array.from({ length: facts.slides }, (_, i) => i)
    : [...new Set([0, facts.slides - 1, ...facts.widgetSlides, ...facts.mathSlides.slice(0, 1)])].sort((a, b) => a - b);
  // One call per widget slide (it may wait long), one per run of slides between them.
  const batches: number[][] = [];
  for (const i of visit) {
    const last = batches.at(-1);
    if (!facts.widgetSlides.includes(i) && last && !facts.widgetSlides.includes(last[0])) last.push(i);
    else batches.push([i]);
  }
  for (const batch of batches) {
    const t = Date.now();
    const results = await driver.eval<SlideResult[]>(call(showSlides, batch, WIDGET_MS, SETTLE_MS), WIDGET_MS + batch.length * 5_000 + 30_000);
    if (VERBOSE) console.log(`    slides ${batch[0] + 1}–${batch.at(-1)! + 1} (${batch.length}): ${Date.now() - t} ms`);
    for (const r of results) {
      const at = where(r.index, r);
      if (VERBOSE) for (const w of r.widgets) console.log(`      ${at}: <${w.tag}> ${w.how} in ${w.ms} ms`);
      for (const w of r.widgets) {
        widgets++;
        if (!w.ok) problems.push(`${at}: <${w.tag}> ${w.how}`);
      }
      for (const e of r.errors) problems.push(`${at}: ${e}`);
      for (const u of r.outside) problems.push(`${at}: outside request ${u}`);
    }
    await collect(where(batch.at(-1)!, results.at(-1)));
  }
  return { deck: deck.path, problems, slides: facts.slides, visited: visit.length, widgets, ms: Date.now() - t0 };
}

interface Count {
  passed: number;
  failed: number;
}

/** Walk every deck in one browser; print one line per deck (and its problems). */
async function walkBrowser(name: string, display: string, server: TestServer, decks: DeckEntry[]): Promise<Count> {
  const t0 = Date.now();
  const count: Count = { passed: 0, failed: 0 };
  let driver: Driver;
  try {
    driver = name === 'firefox' ? await firefox(display, new URL(server.url).origin) : await webkit(display);
  } catch (e) {
    console.log(`✗ ${name}: could not start: ${e instanceof Error ? e.message : String(e)}`);
    return { passed: 0, failed: decks.length };
  }
  console.log(`${name}: ${driver.version}, display ${display}, ${server.url}`);
  try {
    for (const deck of decks) {
      let outcome: DeckOutcome;
      try {
        outcome = await walkDeck(driver, server, deck, allSlides(name));
      } catch (e) {
        outcome = { deck: deck.path, problems: [`walk stopped: ${e instanceof Error ? e.message : String(e)}`], slides: 0, visited: 0, widgets: 0, ms: 0 };
      }
      const ok = outcome.problems.length === 0;
      count[ok ? 'passed' : 'failed']++;
      const lines = [`  ${ok ? '✓' : '✗'} ${name} ${outcome.deck}: ${outcome.visited} of ${outcome.slides} slides shown, ${outcome.widgets} widgets started, ${(outcome.ms / 1000).toFixed(1)} s`];
      for (const p of [...new Set(outcome.problems)]) lines.push(`      ${p}`);
      console.log(lines.join('\n'));
    }
  } finally {
    await driver.close().catch(() => undefined);
  }
  console.log(`${name}: ${((Date.now() - t0) / 1000).toFixed(0)} s for ${decks.length} decks`);
  return count;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const deckFilter = args.includes('--deck') ? args[args.indexOf('--deck') + 1] : undefined;
  const named = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--deck');
  const browsers = named.length > 0 ? named : ['firefox', 'webkit'];
  for (const b of browsers) if (b !== 'firefox' && b !== 'webkit') throw new Error(`Unknown browser "${b}": firefox or webkit`);
  const decks = findDecks(process.cwd()).filter((d) => !deckFilter || new RegExp(deckFilter).test(d.path));
  if (decks.length === 0) throw new Error(`No deck matches "${deckFilter}"`);

  const server = await startServer(process.cwd());
  const x = await startXvfb();
  let passed = 0;
  let failed = 0;
  try {
    // The two browsers walk at the same time (each waits mostly on its own widgets); --serial: one after the other.
    const runs = browsers.map((name) => () => walkBrowser(name, x.display, server, decks));
    const counts = process.argv.includes('--serial') ? await runs.reduce(async (acc, run) => [...(await acc), await run()], Promise.resolve([] as Count[])) : await Promise.all(runs.map((r) => r()));
    for (const c of counts) {
      passed += c.passed;
      failed += c.failed;
    }
  } finally {
    await x.stop();
    await server.close();
  }
  console.log(`browsers: ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
