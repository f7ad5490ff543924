/**
 * The four ways the course leaves the lecture hall, each against a production build:
 * 1. dist/ served below a sub-path (/course/) with no network: every page loads and the first
 *    widget of every deck and talk starts (builds its network) offline;
 * 2. a single-file deck (npm run build:file) opened from file:// trains a widget and opens one on
 *    the trained weights bundled from the deck's folder;
 * 3. a PDF handout (npm run pdf's printDeck) shows a trained decision boundary on its page;
 * 4. the widget library (npm run build:widgets) on plain pages under a strict CSP (no inline
 *    script or style): two widgets of one kind, started by scrolling, working independently; and
 *    every widget of the library on one page, each started, with no violation and no error.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test as plain, type Page } from '@playwright/test';
import { findDecks } from '../../build/decks.ts';
import { serveStatic, type StaticServer } from '../../build/static-server.ts';
import { printDeck } from '../../scripts/pdf.ts';
import { decodePng, expect, gotoSlideWith, test } from './fixtures.ts';

const root = process.cwd();

/** Share of clearly blue and clearly orange pixels in a region (fractions) of a PNG, decoded by the browser. */
async function colourShares(page: Page, png: Buffer, r = { x: 0, y: 0, w: 1, h: 1 }): Promise<{ blue: number; orange: number }> {
  const { width, height, data: d } = await decodePng(page, png);
  const x0 = Math.round(r.x * width);
  const y0 = Math.round(r.y * height);
  const w = Math.max(1, Math.round(r.w * width));
  const h = Math.max(1, Math.round(r.h * height));
  let blue = 0;
  let orange = 0;
  for (let y = y0; y < Math.min(height, y0 + h); y++) {
    for (let x = x0; x < Math.min(width, x0 + w); x++) {
      const i = (y * width + x) * 4;
      if (d[i + 2] > d[i] + 40) blue++;
      else if (d[i] > d[i + 2] + 40) orange++;
    }
  }
  return { blue: blue / (w * h), orange: orange / (w * h) };
}

/** Record `dl-ready` events (they bubble out of every widget) from the first script on. */
async function recordReady(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { dlReadySeen: Set<EventTarget> };
    w.dlReadySeen = new Set();
    document.addEventListener('dl-ready', (e) => w.dlReadySeen.add(e.composedPath()[0] ?? e.target!), true);
  });
}

test.describe('the course as a static site below a sub-path, offline', () => {
  let server: StaticServer;
  test.beforeAll(async () => {
    server = await serveStatic(join(root, 'dist'), { base: '/course/' });
  });
  test.afterAll(async () => server.close());

  test('home, gallery and every deck load below /course/, and each deck’s first widget starts', async ({ page, watch }) => {
    test.setTimeout(300_000);
    await recordReady(page);
    await page.goto(`${server.url}index.html`);
    const decks = findDecks(root);
    const links = await page.locator('a.deck, li.deck a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links.length).toBe(decks.length);
    for (const href of links) expect(href.startsWith(server.url)).toBe(true);
    const notStarted: string[] = [];
    for (const deck of decks) {
      await page.goto(`${server.url}${deck.path}/index.html`);
      await page.waitForFunction(() => window.dlDeckReady !== undefined);
      await page.evaluate(() => window.dlDeckReady);
      const widget = await page.evaluate(() => Array.from(document.querySelectorAll('.slides *')).find((el) => el.localName.startsWith('dl-'))?.localName ?? null);
      if (!widget) continue;
      await gotoSlideWith(page, widget);
      // Ready: the widget said dl-ready, or its status no longer says it is loading.
      const started = await page
        .waitForFunction(
          (tag) => {
            const el = document.querySelector('section.present ' + tag) ?? document.querySelector(tag);
            if (!el) return false;
            const seen = (window as unknown as { dlReadySeen: Set<EventTarget> }).dlReadySeen;
            const text = el.shadowRoot?.textContent ?? '';
            if (/Could not start|cannot start/.test(text)) return 'error';
            return seen.has(el) || ((el as HTMLElement & { running?: boolean }).running === true && !/Loading TensorFlow|Starts when shown|Loading/.test(text));
          },
          widget,
          { timeout: 20_000 },
        )
        .then((h) => h.jsonValue())
        .catch(() => false);
      if (started !== true) notStarted.push(`${deck.path} <${widget}>: ${started === 'error' ? 'error' : 'did not start in 20 s'}`);
    }
    await page.goto(`${server.url}gallery/index.html`);
    const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8')) as { modules: { declarations?: { tagName?: string }[] }[] };
    const tags = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName?.startsWith('dl-')).length;
    await expect(page.locator('section.widget')).toHaveCount(tags);
    await expect(page.locator('section.widget table').first()).toBeVisible();
    expect(notStarted).toEqual([]);
    expect(watch.outside).toEqual([]);
    expect(watch.errors).toEqual([]);
    // Everything came from below the sub-path.
    expect(server.requests.filter((p) => !p.startsWith('/course/'))).toEqual([]);
  });
});

plain('a single-file deck opens from file:// and its widget trains', async ({ page }) => {
  plain.setTimeout(240_000);
  execFileSync('npx', ['tsx', 'scripts/build-file.ts', '01-ml-basics'], { cwd: root, stdio: 'pipe', timeout: 200_000 });
  const file = join(root, 'dist-file/01-ml-basics.html');
  console.log(`dist-file/01-ml-basics.html: ${(statSync(file).size / 1024 / 1024).toFixed(2)} MiB`);
  const errors = pageErrors(page);
  const outside: string[] = [];
  page.on('request', (r) => {
    if (!/^(file|data|blob):/.test(r.url())) outside.push(r.url());
  });
  // ?backend=wasm: proves the inlined WebAssembly binaries load from a file:// page.
  await page.goto(`${pathToFileURL(file).href}?backend=wasm`);
  await page.waitForFunction(() => window.dlDeckReady !== undefined);
  await page.evaluate(() => window.dlDeckReady);
  await gotoSlideWith(page, 'dl-decision-boundary');
  const widget = page.locator('section.present dl-decision-boundary');
  await expect(widget.locator('.dl-status')).toContainText(/wasm.*weights/);
  // One file has no course home page beside it, so it shows no link to one.
  await expect(page.locator('.dl-home-link')).toHaveCount(0);
  const step = await widget.evaluate(
    (el: HTMLElement & { play(): void }) =>
      new Promise<{ epoch: number; trainLoss: number }>((resolve) => {
        el.addEventListener('dl-train-step', (e) => resolve((e as CustomEvent).detail), { once: true });
        el.play();
      }),
  );
  expect(step.epoch).toBeGreaterThan(0);
  expect(Number.isFinite(step.trainLoss)).toBe(true);
  // The slide that opens on weights trained before class: the file is inside the one HTML file.
  await gotoSlideWith(page, 'dl-decision-boundary[weights]');
  const saved = page.locator('section.present dl-decision-boundary[weights]');
  await expect(saved.locator('.dl-status')).toContainText('from overfit-spiral.weights.json (6000 epochs)', { timeout: 30_000 });
  const trainLoss = await saved.evaluate((el) => Number(el.shadowRoot!.querySelectorAll('.stats dd')[1].textContent));
  expect(trainLoss).toBeLessThan(0.05);
  expect(errors).toEqual([]);
  expect(outside).toEqual([]);
});

test('the lecture 1 handout prints a trained decision boundary', async ({ page, watch }) => {
  test.setTimeout(240_000);
  const dir = mkdtempSync(join(tmpdir(), 'dl-pdf-'));
  try {
    const out = join(dir, 'lecture-1.pdf');
    const pages = await printDeck(page, 'decks/01-ml-basics/index.html', out);
    const total = await page.evaluate(() => window.Reveal.getTotalSlides());
    expect(pages).toBeGreaterThanOrEqual(total);
    // Where the spiral widget's picture sits: its page and its box on that page (CSS pixels).
    await page.waitForFunction(() => document.querySelector('dl-decision-boundary[dataset="spiral"]')?.closest('.pdf-page'));
    const where = await page.evaluate(() => {
      const el = document.querySelector('dl-decision-boundary[dataset="spiral"]')!;
      const pdfPage = el.closest('.pdf-page')!;
      const all = Array.from(document.querySelectorAll('.pdf-page'));
      const plot = el.shadowRoot!.querySelector('.plot')!.getBoundingClientRect();
      const box = pdfPage.getBoundingClientRect();
      return { heading: pdfPage.querySelector('h2')?.textContent ?? '', index: all.indexOf(pdfPage) + 1, x: plot.left - box.left, y: plot.top - box.top, w: plot.width, h: plot.height, pageWidth: box.width, pageHeight: box.height };
    });
    // A slide taller than the page spills onto a second one, so find the page by its heading.
    const pdfPages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [out], { encoding: 'utf8' }))![1]);
    let pageNo = 0;
    for (let p = where.index; p <= pdfPages && pageNo === 0; p++) {
      if (execFileSync('pdftotext', ['-f', String(p), '-l', String(p), out, '-'], { encoding: 'utf8' }).includes(where.heading)) pageNo = p;
    }
    expect(pageNo).toBeGreaterThan(0);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', String(pageNo), '-l', String(pageNo), '-singlefile', out, join(dir, 'page')]);
    const png = readFileSync(join(dir, 'page.png'));
    mkdirSync(join(root, 'test-results'), { recursive: true });
    writeFileSync(join(root, 'test-results/handout-widget-page.png'), png);
    // The same box as fractions of the page, whatever size the PDF page has.
    const region = { x: where.x / where.pageWidth, y: where.y / where.pageHeight, w: where.w / where.pageWidth, h: where.h / where.pageHeight };
    const shares = await colourShares(page, png, region);
    expect(shares.blue).toBeGreaterThan(0.15);
    expect(shares.orange).toBeGreaterThan(0.15);
    expect(watch.errors).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Console errors, widget warnings and uncaught errors of a page, as they happen. */
function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || (m.type() === 'warning' && m.text().startsWith('<dl-'))) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

plain.describe('the widget library on a plain page under a strict CSP', () => {
  let server: StaticServer;
  plain.beforeAll(async () => {
    plain.setTimeout(200_000);
    execFileSync('npx', ['tsx', 'scripts/build-widgets.ts'], { cwd: root, stdio: 'pipe', timeout: 180_000 });
    server = await serveStatic(join(root, 'dist-widgets'), { base: '/lib/', mounts: { '/page/': join(root, 'tests/e2e/fixtures') } });
  });
  plain.afterAll(async () => server?.close());

  plain('two widgets start when scrolled into view and train independently', async ({ page }) => {
    plain.setTimeout(120_000);
    const errors = pageErrors(page);
    await page.addInitScript(() => {
      const w = window as unknown as { cspViolations: string[]; steps: Record<string, number> };
      w.cspViolations = [];
      w.steps = { left: 0, right: 0 };
      document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(`${e.violatedDirective}: ${e.blockedURI}`));
      document.addEventListener('dl-train-step', (e) => (w.steps[(e.target as HTMLElement).id] += 1));
    });
    await page.setViewportSize({ width: 900, height: 700 });
    await page.goto(`${server.url.replace('/lib/', '/page/')}embed.html?backend=wasm`);
    const left = page.locator('#left');
    const right = page.locator('#right');
    await expect(left.locator('.dl-status')).toContainText('Starts when shown');
    expect(await page.evaluate(() => 'dlLive' in globalThis)).toBe(false);
    await left.scrollIntoViewIfNeeded();
    await expect(left.locator('.dl-status')).toContainText(/wasm.*weights/);
    await expect(right.locator('.dl-status')).toContainText(/wasm.*weights/);
    // Play the left one only: it trains, the right one stays where it was.
    await left.locator('button', { hasText: 'Play' }).click();
    await page.waitForFunction(() => (window as unknown as { steps: Record<string, number> }).steps.left >= 5);
    await left.locator('button', { hasText: 'Pause' }).click();
    expect(await page.evaluate(() => (window as unknown as { steps: Record<string, number> }).steps.right)).toBe(0);
    const fonts = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
    expect(fonts).toContain('Georgia');
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
    expect(errors).toEqual([]);
    // Only the library and the page itself were requested.
    expect(server.requests.filter((p) => !p.startsWith('/lib/') && !p.startsWith('/page/'))).toEqual([]);
    expect(server.requests.some((p) => p.startsWith('/lib/chunks/'))).toBe(true);
  });

  plain('an installed package resolves dl-live/widgets/<name> to the built entry', () => {
    // A consumer project with dl-live in its node_modules (a link, as npm link or a workspace makes).
    const consumer = mkdtempSync(join(tmpdir(), 'dl-consumer-'));
    try {
      mkdirSync(join(consumer, 'node_modules'));
      symlinkSync(root, join(consumer, 'node_modules/dl-live'), 'dir');
      const resolved = createRequire(join(consumer, 'index.js')).resolve('dl-live/widgets/decision-boundary');
      expect(realpathSync(resolved)).toBe(realpathSync(join(root, 'dist-widgets/widgets/decision-boundary.js')));
    } finally {
      rmSync(consumer, { recursive: true, force: true });
    }
  });

  plain('every widget starts on a page that forbids inline styles and scripts', async ({ page }) => {
    plain.setTimeout(180_000);
    const errors = pageErrors(page);
    await page.addInitScript(() => {
      const w = window as unknown as { cspViolations: string[]; ready: string[] };
      w.cspViolations = [];
      w.ready = [];
      document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(`${e.violatedDirective}: ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
      document.addEventListener('dl-ready', (e) => w.ready.push((e.target as HTMLElement).localName));
    });
    await page.setViewportSize({ width: 1100, height: 800 });
    await page.goto(`${server.url.replace('/lib/', '/page/')}every-widget.html?backend=wasm`);
    await page.waitForFunction(() => Array.isArray((window as unknown as { everyWidget?: string[] }).everyWidget));
    const tags = await page.evaluate(() => (window as unknown as { everyWidget: string[] }).everyWidget);
    expect(tags.length).toBeGreaterThanOrEqual(19);
    for (const tag of tags) {
      const el = page.locator(tag);
      await el.scrollIntoViewIfNeeded();
      // Engine widgets say dl-ready; <dl-lora> is a picture with no engine: it has drawn when its canvas has a size.
      if (tag === 'dl-lora') await expect(el.locator('canvas').last()).toHaveJSProperty('width', 48, { timeout: 10_000 });
      else await page.waitForFunction((t) => (window as unknown as { ready: string[] }).ready.includes(t), tag, { timeout: 60_000 });
      await expect(el.locator('.dl-problem')).toHaveCount(0);
    }
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
    expect(errors).toEqual([]);
    expect(server.requests.filter((p) => !p.startsWith('/lib/') && !p.startsWith('/page/'))).toEqual([]);
  });
});
