/**
 * Walks every slide of every deck and student talk of the production build, as a presenter would
 * (Space, which also enters vertical slides, until the slide stops changing), with the network cut off. Fails on any console
 * error, widget warning, page error or request to another host, and checks that live widgets
 * do not pile up tensors as slides come and go, and that no bullet reveals only its last bold word.
 */
import { findDecks } from '../../build/decks.ts';
import { expect, openDeck, slideKey, test } from './fixtures.ts';

const decks = findDecks(process.cwd());

/** The current slide's title and how far its content reaches, if past y = 700 or x = 1290 (slide pixels). */
function overflow(): string | null {
  const slide = window.Reveal.getCurrentSlide();
  const box = slide.getBoundingClientRect();
  const scale = box.width / 1280;
  let bottom = 0;
  let right = 0;
  for (const el of slide.querySelectorAll(':scope li, :scope p, :scope pre, :scope img, :scope table, :scope .katex-display, :scope h1, :scope h2, :scope h3, :scope > :not(aside, ul, ol)')) {
    const r = el.getBoundingClientRect();
    if (r.height === 0) continue;
    bottom = Math.max(bottom, (r.bottom - box.top) / scale);
    right = Math.max(right, (r.right - box.left) / scale);
  }
  if (bottom <= 700 && right <= 1290) return null;
  return `"${(slide.querySelector('h1, h2, h3')?.textContent ?? '').trim()}" reaches y = ${Math.round(bottom)}, x = ${Math.round(right)}`;
}

for (const deck of decks) {
  test(`walks ${deck.path} with no error and no outside request`, async ({ page, watch }) => {
    test.setTimeout(300_000);
    await openDeck(page, `${deck.path}/index.html`);
    const seen = new Set<string>();
    const slideOf = () => page.evaluate(() => {
      const { h, v } = window.Reveal.getIndices();
      return `${h}.${v}`;
    });
    seen.add(await slideOf());
    // A fragment comment at the end of a bullet belongs to the bullet, not to its last bold word.
    const halfFragments = await page.evaluate(() =>
      Array.from(document.querySelectorAll('.reveal .slides :is(li, p) > .fragment:is(strong, em, code, a)'))
        .filter((el) => (el.parentElement!.textContent ?? '').trim() !== (el.textContent ?? '').trim())
        .map((el) => el.parentElement!.textContent!.trim().slice(0, 60)),
    );
    expect(halfFragments).toEqual([]);
    let last = await slideKey(page);
    const tensorCounts: number[] = [];
    const overflowing = new Set<string>();
    for (;;) {
      await page.keyboard.press('Space');
      await page.waitForTimeout(120);
      const key = await slideKey(page);
      if (key === last) break;
      last = key;
      seen.add(await slideOf());
      // Widgets on this slide start; let them build before moving on.
      const busy = await page.evaluate(() => {
        const slide = window.Reveal.getCurrentSlide();
        return !!slide && Array.from(slide.querySelectorAll('*')).some((el) => el.localName.startsWith('dl-'));
      });
      if (busy) {
        await page.waitForTimeout(1500);
        const n = await page.evaluate(() => (globalThis as { dlLive?: { memory(): { numTensors: number } } }).dlLive?.memory().numTensors ?? 0);
        tensorCounts.push(n);
      }
      const spill = await page.evaluate(overflow);
      if (spill) overflowing.add(spill);
    }
    // Every slide was shown (fragments are extra steps on the same slide).
    expect(seen.size).toBe(await page.evaluate(() => window.Reveal.getTotalSlides()));
    expect(watch.errors).toEqual([]);
    expect(watch.outside).toEqual([]);
    // Nothing runs into the footer (slide number, course link) or off the 1280 × 720 slide.
    expect([...overflowing]).toEqual([]);
    // Leaving slides pauses widgets; their tensors are owned and bounded (no growth per slide visited).
    if (tensorCounts.length > 2) expect(Math.max(...tensorCounts)).toBeLessThan(5000);
  });
}
