/**
 * First-slide JavaScript weight of every deck, on the production build (`dist/`, from
 * `npm run build`): each deck opens at its first slide in headless Chromium. The target counts the
 * JavaScript requested before the first slide was on screen (`window.dlFirstSlideAt`, set by
 * decks/_shared/boot.ts); the table also shows everything loaded until the page is idle (no new
 * resource for a second), which adds KaTeX and the prefetched code of the next widget slides and
 * does not delay the first slide. The list comes from the Resource Timing API; the bytes are the
 * built files, gzipped here with node:zlib (level 6, what servers use), so the number does not
 * depend on the server.
 * Target (issue 18): under 150 KiB gzip before the first slide shows, for every deck.
 *
 * `npm run bench -- first slide` runs it with the rest; `npx tsx bench/first-slide.site.ts` alone.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright';
import { preview } from 'vite';
import { findDecks } from '../build/decks.ts';

const root = join(import.meta.dirname, '..');
/** The target from issue 18. */
export const TARGET_KIB = 150;
/** How long the resource list must stay unchanged to call the page idle. */
const QUIET_MS = 1000;

/** One deck's first slide. */
export interface FirstSlideRow {
  /** Folder, e.g. `decks/01-ml-basics`. */
  deck: string;
  /** JavaScript files loaded. */
  files: number;
  /** Minified bytes, KiB. */
  kib: number;
  /** Gzip bytes, KiB. */
  gzipKib: number;
  /** Gzip KiB of the part requested before the first slide was on screen (`dlFirstSlideAt`). */
  beforeShownKib: number;
  /** The three largest files, by gzip size. */
  largest: { file: string; gzipKib: number }[];
  /** Whether the page loaded TensorFlow.js. */
  tfjs: boolean;
  /** Milliseconds from navigation to idle (local server). */
  idleMs: number;
}

/** Measure every deck's first slide with `browser` against a preview server of `dist/` on `port`. */
export async function measureFirstSlides(browser: Browser, port = 4198): Promise<FirstSlideRow[]> {
  const dist = join(root, 'dist');
  if (!existsSync(join(dist, 'index.html'))) throw new Error('No production build: run `npm run build` first.');
  const server = await preview({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'error', preview: { port, strictPort: true } });
  const rows: FirstSlideRow[] = [];
  try {
    for (const deck of findDecks(root)) {
      if (!existsSync(join(dist, deck.path, 'index.html'))) continue; // added after the build
      // A fresh context per deck: nothing cached from the deck before.
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      const page = await context.newPage();
      const t0 = Date.now();
      await page.goto(`http://127.0.0.1:${port}/${deck.path}/index.html`);
      await page.waitForFunction(() => (window as { dlFirstSlideAt?: number }).dlFirstSlideAt !== undefined, null, { timeout: 60_000 });
      // Idle: no new resource for QUIET_MS, then one idle callback.
      let count = -1;
      for (let waited = 0; waited < 30_000; waited += QUIET_MS) {
        const now = await page.evaluate(() => performance.getEntriesByType('resource').length);
        if (now === count) break;
        count = now;
        await page.waitForTimeout(QUIET_MS);
      }
      await page.evaluate(() => new Promise((r) => requestIdleCallback(r, { timeout: 2000 })));
      const idleMs = Date.now() - t0 - QUIET_MS;
      const entries = await page.evaluate(() => {
        const shown = (window as { dlFirstSlideAt?: number }).dlFirstSlideAt ?? Infinity;
        return performance
          .getEntriesByType('resource')
          .map((e) => ({ path: new URL(e.name).pathname, early: e.startTime < shown }))
          .filter((e) => /\.m?js$/.test(e.path));
      });
      await context.close();
      const early = new Set(entries.filter((e) => e.early).map((e) => e.path));
      const files = [...new Set(entries.map((e) => e.path))].map((path) => {
        const bytes = readFileSync(join(dist, decodeURIComponent(path)));
        return { file: basename(path), path, bytes: bytes.length, gzip: gzipSync(bytes, { level: 6 }).length, early: early.has(path) };
      });
      const sum = (k: 'bytes' | 'gzip') => files.reduce((s, f) => s + f[k], 0) / 1024;
      rows.push({
        deck: deck.path,
        files: files.length,
        kib: round(sum('bytes')),
        gzipKib: round(sum('gzip')),
        beforeShownKib: round(files.filter((f) => f.early).reduce((s, f) => s + f.gzip, 0) / 1024),
        largest: [...files].sort((a, b) => b.gzip - a.gzip).slice(0, 3).map((f) => ({ file: f.file, gzipKib: round(f.gzip / 1024) })),
        tfjs: files.some((f) => /tfjs|tensorflow/i.test(f.file)),
        idleMs,
      });
    }
  } finally {
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
  return rows;
}

/** The table, one line per deck, with the verdict. */
export function formatFirstSlides(rows: FirstSlideRow[]): string {
  const lines = [
    `| deck | KiB gzip before slide 1 shows | < ${TARGET_KIB} | JS files until idle | KiB until idle | KiB gzip until idle | tf.js by idle | three largest by idle (KiB gzip) |`,
    '| --- | ---: | :---: | ---: | ---: | ---: | :---: | --- |',
    ...rows.map(
      (r) =>
        `| ${r.deck} | ${r.beforeShownKib} | ${r.beforeShownKib < TARGET_KIB ? 'yes' : 'NO'} | ${r.files} | ${r.kib} | ${r.gzipKib} | ${r.tfjs ? 'yes' : 'no'} | ${r.largest.map((l) => `${l.file} ${l.gzipKib}`).join(', ')} |`,
    ),
  ];
  const over = rows.filter((r) => r.beforeShownKib >= TARGET_KIB);
  lines.push('', over.length === 0 ? `All ${rows.length} decks under ${TARGET_KIB} KiB gzip before the first slide shows.` : `Over target: ${over.map((r) => r.deck).join(', ')}.`);
  return lines.join('\n');
}

/** The summary record for `npm run bench` (bench/results/latest.json). */
export function summarise(rows: FirstSlideRow[]): Record<string, number | string | boolean> {
  const out: Record<string, number | string | boolean> = {};
  for (const r of rows) {
    out[`${r.deck}: KiB gzip until idle (${r.files} files${r.tfjs ? ', loads tf.js' : ''})`] = r.gzipKib;
    out[`${r.deck}: KiB gzip before slide 1 shows`] = r.beforeShownKib;
  }
  const worst = rows.reduce((a, b) => (b.beforeShownKib > a.beforeShownKib ? b : a), rows[0]);
  out['heaviest first slide'] = worst ? `${worst.deck} (${worst.beforeShownKib} KiB gzip)` : 'none';
  out['build from'] = existsSync(join(root, 'dist/index.html')) ? statSync(join(root, 'dist/index.html')).mtime.toISOString() : 'none';
  out.target = `every deck < ${TARGET_KIB} KiB gzip of JavaScript before its first slide shows`;
  out.target_met = rows.length > 0 && rows.every((r) => r.beforeShownKib < TARGET_KIB);
  return out;
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}

// Run alone: npx tsx bench/first-slide.site.ts
if (import.meta.filename === process.argv[1]) {
  const { chromium } = await import('playwright');
  const { CHROMIUM_ARGS, chromiumPath } = await import('../tests/helpers/chromium.ts');
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS, '--enable-unsafe-webgpu'] });
  try {
    const rows = await measureFirstSlides(browser);
    console.log(formatFirstSlides(rows));
  } finally {
    await browser.close();
  }
}
