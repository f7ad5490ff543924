/** Lecture 1 as a presenter uses it: live widgets, pointer input on a scaled slide, speaker view. */
import { decodePng, expect, gotoSlideWith, openDeck, slideKey, test } from './fixtures.ts';

const DECK = 'decks/01-ml-basics/index.html';

test('the first slide paints without loading TensorFlow.js', async ({ page, watch }) => {
  await openDeck(page, DECK);
  await page.waitForTimeout(500);
  const engineLoaded = await page.evaluate(() => 'dlLive' in globalThis);
  expect(engineLoaded).toBe(false);
  const total = watch.jsBytes.reduce((s, r) => s + r.bytes, 0);
  expect(total).toBeGreaterThan(0);
  // The engine chunk (TensorFlow.js) is engine-<hash>.js; engine-task-<hash>.js is the small lazy loader.
  expect(watch.jsBytes.some((r) => /\/engine-[\w-]{8}\.js$/.test(r.url))).toBe(false);
});

test('the spiral slide trains, separates the classes and the picture is not blank', async ({ page, watch }) => {
  await openDeck(page, DECK);
  await gotoSlideWith(page, 'dl-decision-boundary[dataset="spiral"]');
  const widget = page.locator('section.present dl-decision-boundary');
  await expect(widget.locator('.dl-status')).toContainText(/weights/);
  const accuracy = await widget.evaluate(async (el: HTMLElement & { trainFor(n: number): Promise<unknown>; accuracy: number }) => {
    await el.trainFor(800);
    return el.accuracy;
  });
  // Seeded: the slide's 8-8 tanh network reaches about 88 % test accuracy after 800 epochs.
  expect(accuracy).toBeGreaterThan(0.85);
  const plot = widget.locator('.plot');
  const shot = await plot.screenshot({ path: 'test-results/decision-boundary-spiral.png' });
  // Both class colours must cover a real share of the picture (a blank or one-colour canvas fails).
  const { data: d } = await decodePng(page, shot);
  let blue = 0;
  let orange = 0;
  for (let i = 0; i < d.length; i += 4) {
    if (d[i + 2] > d[i] + 40) blue++;
    else if (d[i] > d[i + 2] + 40) orange++;
  }
  const stats = { blue: blue / (d.length / 4), orange: orange / (d.length / 4) };
  expect(stats.blue).toBeGreaterThan(0.2);
  expect(stats.orange).toBeGreaterThan(0.2);
  expect(watch.errors).toEqual([]);
});

test('a click lands where the pointer is on a scaled-down slide', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 450 });
  await openDeck(page, DECK);
  const scale = await page.evaluate(() => window.Reveal.getScale());
  expect(scale).toBeLessThan(0.8);
  await gotoSlideWith(page, 'dl-decision-boundary[dataset="gauss"]');
  const widget = page.locator('section.present dl-decision-boundary');
  await expect(widget.locator('.dl-status')).toContainText(/weights/);
  const box = (await widget.locator('.plot').boundingBox())!;
  await widget.evaluate((el) => el.addEventListener('dl-point-added', (e) => ((window as { added?: unknown }).added = (e as CustomEvent).detail), { once: true }));
  // One quarter across and one quarter down: (x1, x2) = (-3, +3) in plane units; shift = class 0.
  await page.keyboard.down('Shift');
  await page.mouse.click(box.x + box.width * 0.25, box.y + box.height * 0.25);
  await page.keyboard.up('Shift');
  await page.waitForFunction(() => (window as { added?: unknown }).added !== undefined);
  const p = await page.evaluate(() => (window as unknown as { added: { x1: number; x2: number; label: number } }).added);
  expect(p.x1).toBeCloseTo(-3, 0);
  expect(p.x2).toBeCloseTo(3, 0);
  expect(p.label).toBe(0);
});

test('the address follows the slide, and opening that address shows the slide', async ({ page, watch }) => {
  await openDeck(page, DECK);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  const path = await page.evaluate(() => window.Reveal.getSlidePath());
  expect(path).not.toBe('/');
  // Written a task after the slide change (decks/_shared/address.ts), with reveal.js's own format.
  await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#${path}`);
  const at = await page.evaluate(() => window.Reveal.getIndices());
  await page.reload();
  await page.waitForFunction(() => window.dlDeckReady !== undefined);
  await page.evaluate(() => window.dlDeckReady);
  expect(await page.evaluate(() => window.Reveal.getIndices())).toEqual(at);
  expect(watch.errors).toEqual([]);
});

test('leaving a slide pauses its widget; coming back resumes it', async ({ page }) => {
  await openDeck(page, DECK);
  await gotoSlideWith(page, 'dl-gradient-descent');
  const widget = page.locator('dl-gradient-descent').first();
  await widget.evaluate((el: HTMLElement & { play(): void }) => el.play());
  await expect(widget.locator('.stats dd').first()).not.toHaveText(/^(–|0)$/);
  await page.keyboard.press('ArrowRight');
  const stepAfterLeaving = await widget.evaluate((el) => el.shadowRoot!.querySelector('.stats dd')!.textContent);
  await page.waitForTimeout(800);
  expect(await widget.evaluate((el) => el.shadowRoot!.querySelector('.stats dd')!.textContent)).toBe(stepAfterLeaving);
  await page.keyboard.press('ArrowLeft');
  await expect(widget.locator('.stats dd').first()).not.toHaveText(stepAfterLeaving!);
});

test('the speaker view copy does not train; it mirrors the audience window', async ({ page, context }) => {
  await page.goto(`${DECK}?receiver`);
  await page.waitForFunction(() => window.dlDeckReady !== undefined);
  await page.evaluate(() => window.dlDeckReady);
  await gotoSlideWith(page, 'dl-decision-boundary[dataset="spiral"]');
  await page.waitForTimeout(1000);
  const copy = page.locator('section.present dl-decision-boundary');
  await expect(copy).toContainText('runs in the audience window');
  expect(await page.evaluate(() => 'dlLive' in globalThis)).toBe(false);

  const audience = await context.newPage();
  await openDeck(audience, DECK);
  await gotoSlideWith(audience, 'dl-decision-boundary[dataset="spiral"]');
  const live = audience.locator('section.present dl-decision-boundary');
  await expect(live.locator('.dl-status')).toContainText(/weights/);
  await live.evaluate((el: HTMLElement & { play(): void }) => el.play());
  await expect(copy.locator('img.dl-mirror')).toBeVisible({ timeout: 15_000 });
  expect(await page.evaluate(() => 'dlLive' in globalThis)).toBe(false);
  await audience.close();
});

test('the speaker view drives the audience widget: Play, a setting, Reset; only the audience trains', async ({ page, context }) => {
  const audience = page;
  await openDeck(audience, DECK);
  await gotoSlideWith(audience, 'dl-decision-boundary[dataset="spiral"]');
  const live = audience.locator('section.present dl-decision-boundary');
  await expect(live.locator('.dl-status')).toContainText(/weights · paused/);

  const speaker = await context.newPage();
  await speaker.goto(`${DECK}?receiver`);
  await speaker.waitForFunction(() => window.dlDeckReady !== undefined);
  await speaker.evaluate(() => window.dlDeckReady);
  await gotoSlideWith(speaker, 'dl-decision-boundary[dataset="spiral"]');
  const copy = speaker.locator('section.present dl-decision-boundary');
  await expect(copy.locator('[part=toolbar] [role=status]')).toContainText('Audience window:', { timeout: 15_000 });

  // Play pressed in the speaker view trains the audience window's network.
  await copy.locator('button.primary').click();
  await expect.poll(() => live.evaluate((el: HTMLElement & { playing: boolean }) => el.playing)).toBe(true);
  await expect(live.locator('.stats dd').first()).not.toHaveText('0', { timeout: 15_000 });
  await expect(copy.locator('button.primary')).toHaveText('Pause');
  await expect(copy.locator('img.dl-mirror')).toBeVisible({ timeout: 15_000 });

  // A setting changed there changes the audience widget's attribute.
  await copy.locator('label', { hasText: 'Learning rate' }).locator('select').selectOption('0.1');
  await expect(live).toHaveAttribute('learning-rate', '0.1');

  // Pause from the speaker view (the button follows the audience widget's state).
  await expect(copy.locator('button.primary')).toHaveText('Pause');
  await copy.locator('button.primary').click();
  await expect.poll(() => live.evaluate((el: HTMLElement & { playing: boolean }) => el.playing)).toBe(false);
  // Nothing ever trained in the speaker view: it never even loaded the engine.
  expect(await speaker.evaluate(() => 'dlLive' in globalThis)).toBe(false);
  await speaker.close();
});

test('a typo on the boundary slide shows in place; the deck keeps responding; fixing it trains', async ({ page, watch }) => {
  await openDeck(page, DECK);
  // The issue-20 reproduction: dataset="guass" on lecture 1's first boundary slide, set before it is shown.
  const widget = page.locator('dl-decision-boundary').first();
  await expect(widget).toHaveAttribute('dataset', 'gauss');
  await widget.evaluate((el) => el.setAttribute('dataset', 'guass'));
  await gotoSlideWith(page, 'dl-decision-boundary[dataset="guass"]');
  await expect(widget.locator('[role=alert]')).toContainText('dataset="guass"');
  // The page still gets frames while the active widget holds the error.
  const frames = await page.evaluate(
    () =>
      new Promise<number>((done) => {
        let n = 0;
        const start = performance.now();
        const tick = (): void => {
          n++;
          if (performance.now() - start < 1000) requestAnimationFrame(tick);
          else done(n);
        };
        requestAnimationFrame(tick);
      }),
  );
  expect(frames).toBeGreaterThan(20);
  // And the deck still navigates.
  const here = await slideKey(page);
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => slideKey(page)).not.toBe(here);
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => slideKey(page)).toBe(here);
  // One warning names the attribute; nothing else went wrong.
  expect(watch.errors).toHaveLength(1);
  expect(watch.errors[0]).toContain('dataset');
  // Fixing the attribute brings the widget back: it builds its network and trains.
  await widget.evaluate((el) => el.setAttribute('dataset', 'gauss'));
  await expect(widget.locator('[role=alert]')).toHaveCount(0);
  await expect(widget.locator('.dl-status')).toContainText(/weights/);
  const accuracy = await widget.evaluate(async (el: HTMLElement & { trainFor(n: number): Promise<unknown>; accuracy: number }) => {
    await el.trainFor(100);
    return el.accuracy;
  });
  expect(accuracy).toBeGreaterThan(0.9);
  expect(watch.errors).toHaveLength(1);
  expect(watch.outside).toEqual([]);
});
