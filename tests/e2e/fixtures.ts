/** Shared e2e helpers: an offline guard, a console watcher, and deck navigation. */
import { test as base, expect, type Page } from '@playwright/test';

/** Problems seen on a page: console errors, widget warnings, page errors, outside requests. */
export interface PageWatch {
  errors: string[];
  outside: string[];
  jsBytes: { url: string; bytes: number }[];
}

export const test = base.extend<{ watch: PageWatch }>({
  watch: async ({ page }, use) => {
    const w: PageWatch = { errors: [], outside: [], jsBytes: [] };
    page.on('console', (m) => {
      const text = m.text();
      if (m.type() === 'error' || (m.type() === 'warning' && text.startsWith('<dl-'))) w.errors.push(`console.${m.type()}: ${text}`);
    });
    page.on('pageerror', (e) => w.errors.push(`pageerror: ${e.message}`));
    // Offline: anything not served by the local preview server is aborted and recorded.
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
      w.outside.push(route.request().url());
      return route.abort();
    });
    page.on('response', async (r) => {
      if (r.url().endsWith('.js')) w.jsBytes.push({ url: r.url(), bytes: (await r.body().catch(() => Buffer.alloc(0))).length });
    });
    await use(w);
  },
});
export { expect };

/** Open a deck and wait until reveal, math and widget definitions are ready. */
export async function openDeck(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.waitForFunction(() => window.dlDeckReady !== undefined);
  await page.evaluate(() => window.dlDeckReady);
}

/** Indices of the current slide as a string. */
export function slideKey(page: Page): Promise<string> {
  return page.evaluate(() => JSON.stringify(window.Reveal.getIndices()));
}

/** Navigate to the slide holding the first element matching `selector`. */
export async function gotoSlideWith(page: Page, selector: string, nth = 0): Promise<void> {
  await page.evaluate(
    ([sel, n]) => {
      const el = document.querySelectorAll(sel as string)[n as number];
      const slide = el?.closest('section');
      if (!slide) throw new Error(`No slide holds ${sel}`);
      const { h, v } = window.Reveal.getIndices(slide as HTMLElement);
      window.Reveal.slide(h, v);
    },
    [selector, nth],
  );
}

/** A PNG (a Playwright screenshot) decoded by the page: width, height and RGBA bytes, row-major. */
export async function decodePng(page: Page, png: Buffer): Promise<{ width: number; height: number; data: number[] }> {
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = new OffscreenCanvas(img.width, img.height);
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    return { width: img.width, height: img.height, data: Array.from(ctx.getImageData(0, 0, img.width, img.height).data) };
  }, png.toString('base64'));
}
