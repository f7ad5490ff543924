/**
 * `npm run bench`: every speed and learning target, printed. Runs each `bench/*.bench.ts` in Node
 * (cpu backend unless the bench names one) and/or in headless Chromium (wasm unless named), plus
 * the site's first-slide weight and time. Results also go to bench/results/latest.json.
 *
 * Usage: npm run bench [-- <filter>]   (filter: substring of a bench name or file)
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { chromium, type Browser, type Page } from 'playwright';
import { createServer, preview } from 'vite';
import { CHROMIUM_ARGS, chromiumPath } from '../tests/helpers/chromium.ts';
import { formatFirstSlides, measureFirstSlides, summarise } from './first-slide.site.ts';
import { formatLongTasks, LARGEST_LONG_TASK_MS, measureLongTasks, summariseLongTasks } from './longtasks.site.ts';
import type { Bench } from './types.ts';

const root = join(import.meta.dirname, '..');
const filter = process.argv[2] ?? '';
const results: { name: string; where: string; backend: string; result: Record<string, unknown> }[] = [];

function print(name: string, where: string, backend: string, result: Record<string, unknown>): void {
  console.log(`\n■ ${name}  [${where}, ${backend}]`);
  for (const [k, v] of Object.entries(result)) console.log(`    ${k.padEnd(52)} ${typeof v === 'number' ? v.toLocaleString('en-US', { maximumFractionDigits: 3 }) : String(v)}`);
  results.push({ name, where, backend, result });
}

async function runNode(): Promise<void> {
  const files = readdirSync(join(root, 'bench')).filter((f) => f.endsWith('.bench.ts')).sort();
  for (const f of files) {
    const { benches } = (await import(join(root, 'bench', f))) as { benches: Bench[] };
    for (const b of benches) {
      if (b.where === 'browser' || !(`${f} ${b.name}`.includes(filter))) continue;
      const backend = b.backend ?? 'cpu';
      await tf.setBackend(backend);
      await tf.ready();
      try {
        print(b.name, 'node', backend, await b.run());
      } catch (err) {
        print(b.name, 'node', backend, { error: err instanceof Error ? err.message : String(err) });
      }
    }
  }
}

/**
 * Run `work` on the page, again if the page reloaded under it: on a fresh machine the dev server
 * finds a dependency to pre-bundle at the first visit and reloads the page once.
 */
async function surviveReload<T>(page: Page, work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (attempt >= 3 || !(err instanceof Error && /context was destroyed|navigation/i.test(err.message))) throw err;
      await page.waitForLoadState('load');
    }
  }
}

async function runBrowser(browser: Browser): Promise<void> {
  const server = await createServer({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'error', server: { port: 5199, strictPort: true } });
  await server.listen();
  try {
    const url = 'http://127.0.0.1:5199/bench/browser.html';
    const page = await browser.newPage();
    await page.goto(url);
    const list = (await surviveReload(page, () => page.evaluate(() => window.benchList()))).filter((b) => b.where !== 'node' && `${b.file} ${b.name}`.includes(filter));
    await page.close();
    for (const b of list) {
      const p = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      p.on('pageerror', (e) => console.log(`    page error: ${e.message}`));
      await p.goto(url);
      try {
        const r = await surviveReload(p, () => p.evaluate(([file, index]) => window.runBench(file as string, index as number), [b.file, b.index] as const));
        print(b.name, 'chromium', r.backend, r.result);
      } catch (err) {
        print(b.name, 'chromium', '?', { error: err instanceof Error ? err.message.split('\n')[0] : String(err) });
      }
      await p.close();
    }
  } finally {
    await server.close();
  }
}

/** First-slide JavaScript weight (gzip) and time to the first slide, from the production build. */
async function runSite(browser: Browser): Promise<void> {
  if (!`site first slide`.includes(filter) && filter) return;
  if (!existsSync(join(root, 'dist/index.html'))) execSync('npx vite build', { cwd: root, stdio: 'ignore' });
  const server = await preview({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'error', preview: { port: 4199, strictPort: true } });
  try {
    const times: number[] = [];
    let bytes = 0;
    let gz = 0;
    let files = 0;
    for (let i = 0; i < 3; i++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      const bodies = new Map<string, Buffer>();
      page.on('response', async (r) => {
        if (r.url().endsWith('.js')) bodies.set(r.url(), await r.body().catch(() => Buffer.alloc(0)));
      });
      const t0 = Date.now();
      await page.goto('http://127.0.0.1:4199/decks/01-ml-basics/index.html');
      await page.waitForFunction(() => (window as { Reveal?: { isReady(): boolean } }).Reveal?.isReady());
      times.push(Date.now() - t0);
      await page.waitForFunction(() => (window as { dlFirstSlideAt?: number }).dlFirstSlideAt !== undefined);
      // Scripts requested before the first slide was on screen (later lazy loads do not delay it).
      const loaded = await page.evaluate(() => {
        const at = (window as { dlFirstSlideAt?: number }).dlFirstSlideAt ?? Infinity;
        return performance
          .getEntriesByType('resource')
          .filter((e) => e.name.endsWith('.js') && e.startTime < at)
          .map((e) => e.name);
      });
      await page.waitForTimeout(300);
      if (i === 0) {
        for (const u of loaded) {
          const b = bodies.get(u) ?? Buffer.alloc(0);
          bytes += b.length;
          gz += gzipSync(b).length;
          files++;
        }
      }
      await page.close();
    }
    const median = [...times].sort((a, b) => a - b)[1];
    print('site: lecture 1, first slide', 'chromium', 'none (no widget on slide 1)', {
      'JS files requested before the first slide showed': files,
      'JS KiB (minified)': Math.round(bytes / 1024),
      'JS KiB gzip': Math.round(gz / 1024),
      'time to first slide, ms (median of 3, local server)': median,
      target: '< 150 KiB gzip',
      target_met: gz / 1024 < 150,
    });
  } finally {
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}

/** Every deck's first slide: JavaScript loaded until idle, gzip, on the production build (bench/first-slide.site.ts). */
async function runFirstSlides(browser: Browser): Promise<void> {
  if (filter && !'decks: first slide javascript'.includes(filter)) return;
  if (!existsSync(join(root, 'dist/index.html'))) execSync('npx vite build', { cwd: root, stdio: 'ignore' });
  const rows = await measureFirstSlides(browser);
  print('decks: first slide JavaScript, every deck', 'chromium', 'production build', summarise(rows));
  console.log(`\n${formatFirstSlides(rows)}`);
}

/** Longest main-thread task on every widget slide, building and training (bench/longtasks.site.ts). */
async function runLongTasks(browser: Browser): Promise<void> {
  if (filter && !'widgets: long tasks on every slide'.includes(filter)) return;
  if (!existsSync(join(root, 'dist/index.html'))) execSync('npx vite build', { cwd: root, stdio: 'ignore' });
  const rows = await measureLongTasks(browser);
  print('widgets: long tasks on every widget slide', 'chromium', 'wasm (?backend=wasm)', summariseLongTasks(rows));
  console.log(`\n${formatLongTasks(rows)}`);
}

/** The same at the largest settings each widget accepts, once per widget, against 100 ms. */
async function runLongTasksLargest(browser: Browser): Promise<void> {
  if (filter && !'widgets: long tasks at the largest settings'.includes(filter)) return;
  if (!existsSync(join(root, 'dist/index.html'))) execSync('npx vite build', { cwd: root, stdio: 'ignore' });
  const rows = await measureLongTasks(browser, { largest: true });
  print('widgets: long tasks at the largest settings, each widget once', 'chromium', 'wasm (?backend=wasm)', summariseLongTasks(rows, LARGEST_LONG_TASK_MS, 'the largest settings'));
  console.log(`\n${formatLongTasks(rows, LARGEST_LONG_TASK_MS)}`);
}

const browser = await chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS, '--enable-unsafe-webgpu'] });
console.log(`dl-live benchmarks — ${new Date().toISOString()} — Node ${process.version}, ${(await import('node:os')).cpus().length} cores`);
try {
  await runNode();
  await runBrowser(browser);
  await runSite(browser);
  await runFirstSlides(browser);
  await runLongTasks(browser);
  await runLongTasksLargest(browser);
} finally {
  await browser.close();
}
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/latest.json'), JSON.stringify(results, null, 2));
console.log(`\n${results.length} benchmarks; results in bench/results/latest.json`);
