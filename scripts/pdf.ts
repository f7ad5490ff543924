/**
 * `npm run pdf -- <deck> [<deck> …] [--notes | --notes=separate-page]` and `npm run pdf -- --all`:
 * PDF handouts in pdf/<deck>.pdf, one page per slide (fragments shown), math and code rendered,
 * every widget printed as a still of a meaningful state (a trained boundary, a descent path; see
 * widgets/_shared/print-ready.ts). `--notes` prints the speaker notes on each page.
 *
 * The decks are built fresh (production build of just those decks, in node_modules/.dl-pdf) and
 * printed by headless Chromium through reveal.js's `?print-pdf` mode.
 */
import { TRANSFORM } from '../build/transform.ts';
import { mkdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { chromium, type Page } from 'playwright';
import { build } from 'vite';
import { decksPlugin, findDecks, type DeckEntry } from '../build/decks.ts';
import { serveStatic } from '../build/static-server.ts';
import { CHROMIUM_ARGS, chromiumPath } from '../tests/helpers/chromium.ts';

/** Options for {@link printDeck}. */
export interface PrintOptions {
  /** Speaker notes: on the slide's page, or on a page of their own. */
  notes?: false | 'page' | 'separate-page';
  /** Milliseconds to wait for the widgets' print states. */
  timeoutMs?: number;
}

/**
 * Print one deck to `out` with an open Playwright page. `deckUrl` is the deck's index.html on a
 * server (production build). Returns the number of pages.
 */
export async function printDeck(page: Page, deckUrl: string, out: string, options: PrintOptions = {}): Promise<number> {
  const notes = options.notes === 'page' ? '&notes' : options.notes === 'separate-page' ? '&notes=separate-page' : '';
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(`${deckUrl}?print-pdf${notes}`);
  await page.waitForFunction(() => window.dlPrintReady !== undefined, undefined, { timeout: options.timeoutMs ?? 300_000 });
  await page.evaluate(() => window.dlPrintReady);
  await page.evaluate(() => document.fonts.ready);
  const pages = await page.evaluate(() => document.querySelectorAll('.pdf-page').length);
  await page.pdf({ path: out, preferCSSPageSize: true, printBackground: true });
  return pages;
}

const USAGE = `Usage: npm run pdf -- <deck> [<deck> …] [--notes | --notes=separate-page]
       npm run pdf -- --all [--notes]
Writes pdf/<deck>.pdf. <deck> is a folder name under decks/ or student-talks/, e.g. 01-ml-basics.`;

async function main(argv: string[]): Promise<number> {
  const root = join(import.meta.dirname, '..');
  const all = findDecks(root);
  const names = argv.filter((a) => !a.startsWith('-'));
  const notesArg = argv.find((a) => a.startsWith('--notes'));
  const notes: PrintOptions['notes'] = notesArg === '--notes=separate-page' ? 'separate-page' : notesArg ? 'page' : false;
  const unknownFlags = argv.filter((a) => a.startsWith('-') && a !== '--all' && !a.startsWith('--notes'));
  if (argv.includes('--help') || argv.includes('-h') || (names.length === 0 && !argv.includes('--all')) || unknownFlags.length > 0) {
    if (unknownFlags.length > 0 && !argv.includes('--help')) console.error(`pdf: unknown option ${unknownFlags.join(' ')}`);
    console.log(USAGE);
    console.log(`Decks: ${all.map((d) => basename(d.path)).join(', ')}`);
    return argv.includes('--help') || argv.includes('-h') ? 0 : 1;
  }
  const match = (a: string) => (d: DeckEntry) => basename(d.path) === a.replace(/\/$/, '') || d.path === a.replace(/\/$/, '');
  const missing = names.filter((a) => !all.some(match(a)));
  if (missing.length > 0) {
    console.error(`pdf: no deck or talk named ${missing.map((m) => `"${m}"`).join(', ')}.\nDecks: ${all.map((d) => basename(d.path)).join(', ')}`);
    return 1;
  }
  const chosen = argv.includes('--all') ? all : all.filter((d) => names.some((a) => match(a)(d)));

  const outDir = join(root, 'node_modules/.dl-pdf');
  console.log(`pdf: building ${chosen.length} deck(s)…`);
  await build({
    ...TRANSFORM,
    root,
    // Not vite.config.ts: its input list (every deck) would merge with ours.
    configFile: false,
    base: './',
    plugins: [decksPlugin(root)],
    logLevel: 'warn',
    build: {
      target: 'es2022',
      chunkSizeWarningLimit: 100_000,
      outDir,
      emptyOutDir: true,
      reportCompressedSize: false,
      rollupOptions: { input: Object.fromEntries(chosen.map((d) => [d.path, join(root, d.path, 'index.html')])) },
    },
  });
  const server = await serveStatic(outDir);
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  mkdirSync(join(root, 'pdf'), { recursive: true });
  let failed = 0;
  try {
    for (const d of chosen) {
      const page = await browser.newPage();
      page.on('pageerror', (e) => console.error(`  ${d.path}: page error: ${e.message}`));
      const out = join(root, 'pdf', `${basename(d.path)}.pdf`);
      const t0 = Date.now();
      try {
        const pages = await printDeck(page, `${server.url}${d.path}/index.html`, out, { notes });
        console.log(`pdf/${basename(d.path)}.pdf  ${pages} pages  (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
      } catch (err) {
        failed++;
        console.error(`pdf: ${d.path} failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
      }
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
  return failed === 0 ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('scripts/pdf.ts')) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(`pdf: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
