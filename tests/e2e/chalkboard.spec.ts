/**
 * Drawing on slides (reveal.js-plugins chalkboard, decks/_shared/chalkboard.ts): the pen draws
 * over a widget slide, is kept for the slide (session storage: back on the slide, after a reload)
 * and across its fragments, Z undoes one stroke, the widget has its pointer again once the pen is
 * off, and the drawing reaches the PDF handout.
 * Offline: the plugin's images are bundled, nothing is requested from outside.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { decodePng, expect, gotoSlideWith, openDeck, test } from './fixtures.ts';

const DECK = 'decks/01-ml-basics/index.html';
const WIDGET = 'dl-decision-boundary[dataset="gauss"]';

/** Dark (ink) pixels in a region of the page, from a screenshot decoded in the page. */
async function inkIn(page: Page, box: { x: number; y: number; width: number; height: number }): Promise<number> {
  const { data: d } = await decodePng(page, await page.screenshot({ clip: box }));
  let n = 0;
  // The pen's colour: rgb(29, 36, 48).
  for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - 29) < 25 && Math.abs(d[i + 1] - 36) < 25 && Math.abs(d[i + 2] - 48) < 25) n++;
  return n;
}

/** A horizontal stroke across the lower slide area (a band free of text), at height `y`. */
async function drawStroke(page: Page, y = 650): Promise<{ x: number; y: number; width: number; height: number }> {
  await page.mouse.move(200, y);
  await page.mouse.down();
  for (let x = 210; x <= 600; x += 10) await page.mouse.move(x, y);
  await page.mouse.up();
  return { x: 180, y: y - 12, width: 440, height: 24 };
}

test('the pen draws over a widget slide, the drawing stays with the slide, and the widget keeps its pointer', async ({ page, watch }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openDeck(page, DECK);
  await gotoSlideWith(page, WIDGET);
  const widget = page.locator(`section.present ${WIDGET}`);
  await expect(widget.locator('.dl-status')).toContainText(/weights/, { timeout: 30_000 });
  // The pen and whiteboard buttons are there, with names.
  await expect(page.getByRole('button', { name: 'Pen' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Whiteboard' })).toBeVisible();

  const band = { x: 180, y: 638, width: 440, height: 24 };
  const before = await inkIn(page, band);
  await page.keyboard.press('c');
  await drawStroke(page);
  await page.keyboard.press('c');
  const drawn = await inkIn(page, band);
  expect(drawn - before).toBeGreaterThan(200);

  // Pen off: a click on the plot reaches the widget (it adds a point).
  const added = widget.evaluate((el) => new Promise<boolean>((resolve) => {
    el.addEventListener('dl-point-added', () => resolve(true), { once: true });
    setTimeout(() => resolve(false), 5000);
  }));
  const plot = await widget.locator('[part=plot]').boundingBox();
  await page.mouse.click(plot!.x + plot!.width * 0.3, plot!.y + plot!.height * 0.4);
  expect(await added).toBe(true);

  // W saves every drawing to a file (the deck's drawings.json, once renamed).
  const download = page.waitForEvent('download');
  await page.keyboard.press('w');
  const saved = JSON.parse(readFileSync(await (await download).path(), 'utf8')) as { data: { slide: { h: number }; events: unknown[] }[] }[];
  const here = await page.evaluate(() => window.Reveal.getIndices().h);
  expect(saved[0].data.find((d) => d.slide.h === here)?.events.length).toBeGreaterThan(30);

  // Next slide: no drawing there; back: it is still on this one.
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => inkIn(page, band)).toBeLessThan(before + 50);
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => inkIn(page, band), { timeout: 5000 }).toBeGreaterThan(before + 200);

  // A reload of the tab keeps it (session storage, per deck).
  await page.reload();
  await page.waitForFunction(() => window.dlDeckReady !== undefined);
  await page.evaluate(() => window.dlDeckReady);
  await gotoSlideWith(page, WIDGET);
  await expect.poll(() => inkIn(page, band), { timeout: 5000 }).toBeGreaterThan(before + 200);
  expect(watch.errors).toEqual([]);
  expect(watch.outside).toEqual([]);
});

test('Z undoes the last stroke only, and a drawing stays as the slide\'s fragments appear', async ({ page, watch }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openDeck(page, DECK);
  // "What is machine learning?": its bullets are fragments.
  await page.evaluate(() => window.Reveal.slide(2, 0, -1));
  expect(await page.evaluate(() => window.Reveal.getCurrentSlide().querySelectorAll('.fragment').length)).toBeGreaterThan(1);
  await page.keyboard.press('c');
  const first = await drawStroke(page, 650);
  const second = await drawStroke(page, 560);
  await page.keyboard.press('c');
  expect(await inkIn(page, first)).toBeGreaterThan(200);
  expect(await inkIn(page, second)).toBeGreaterThan(200);
  await page.keyboard.press('z');
  await expect.poll(() => inkIn(page, second)).toBeLessThan(20);
  expect(await inkIn(page, first)).toBeGreaterThan(200);
  // The next fragment appears: the same slide, the drawing stays.
  const before = await page.evaluate(() => window.Reveal.getIndices());
  await page.keyboard.press('Space');
  const after = await page.evaluate(() => window.Reveal.getIndices());
  expect([after.h, after.v, after.f]).toEqual([before.h, before.v, (before.f ?? -1) + 1]);
  await page.waitForTimeout(400);
  expect(await inkIn(page, first)).toBeGreaterThan(200);
  expect(watch.errors).toEqual([]);
});

test('the drawing is printed on its slide in the PDF handout', async ({ page, watch }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await openDeck(page, DECK);
  await page.evaluate(() => window.Reveal.slide(1, 0));
  await page.keyboard.press('c');
  await drawStroke(page);
  await page.keyboard.press('c');
  // The same tab prints (npm run pdf's way), with the drawings of the session.
  await page.goto(`${DECK}?print-pdf`);
  await page.waitForFunction(() => window.dlPrintReady !== undefined, undefined, { timeout: 200_000 });
  await page.evaluate(() => window.dlPrintReady);
  const printed = await page.evaluate(() => {
    const canvases = Array.from(document.querySelectorAll<HTMLCanvasElement>('.pdf-page canvas.dl-print-drawing'));
    const pages = Array.from(document.querySelectorAll('.pdf-page'));
    return canvases.map((c) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let ink = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i] > 128) ink++;
      return { page: pages.indexOf(c.closest('.pdf-page')!), ink };
    });
  });
  expect(printed).toHaveLength(1);
  expect(printed[0].page).toBe(1);
  expect(printed[0].ink).toBeGreaterThan(500);
  expect(watch.errors).toEqual([]);
  expect(watch.outside).toEqual([]);
});
