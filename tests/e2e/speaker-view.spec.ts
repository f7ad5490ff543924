/**
 * The speaker view drives the audience window's widgets through their own buttons too (not only
 * Play, Step and Reset): PPO's "Collect rollout" and "Watch", GPT's "Write". Two windows of one
 * browser, as reveal.js's speaker view is; only the audience window ever loads the engine.
 */
import type { Page } from '@playwright/test';
import { expect, gotoSlideWith, openDeck, test } from './fixtures.ts';

/** Open `deck` as reveal's speaker-view copy (`?receiver`) on the slide holding `selector`. */
async function openSpeakerCopy(page: Page, deck: string, selector: string, nth = 0) {
  await page.goto(`${deck}?receiver`);
  await page.waitForFunction(() => window.dlDeckReady !== undefined);
  await page.evaluate(() => window.dlDeckReady);
  await gotoSlideWith(page, selector, nth);
  const copy = page.locator(`section.present ${selector}`).first();
  await expect(copy.locator('[part=toolbar] [role=status]')).toContainText('Audience window:', { timeout: 20_000 });
  return copy;
}

test('PPO: Collect rollout and Watch pressed in the speaker view act in the audience window', async ({ page, context }) => {
  const deck = 'decks/06-deep-rl/index.html';
  const selector = 'dl-ppo-rollouts[panels="cart,controls,charts"]';
  await openDeck(page, deck);
  await gotoSlideWith(page, selector);
  const live = page.locator(`section.present ${selector}`);
  await expect.poll(() => live.evaluate((el: HTMLElement & { learner?: { envSteps: number } }) => el.learner?.envSteps ?? -1), { timeout: 30_000 }).toBe(0);

  const speaker = await context.newPage();
  const copy = await openSpeakerCopy(speaker, deck, selector);
  await copy.getByRole('button', { name: 'Collect rollout' }).click();
  // One rollout: 128 steps in each of the audience widget's environments.
  await expect.poll(() => live.evaluate((el: HTMLElement & { learner?: { envSteps: number } }) => el.learner?.envSteps ?? 0), { timeout: 15_000 }).toBeGreaterThan(0);

  await copy.getByRole('button', { name: 'Watch' }).click();
  await expect(live.getByRole('button', { name: 'Stop watching' })).toBeVisible({ timeout: 10_000 });
  // The speaker view's button follows the audience widget's state, so it can stop it again.
  await expect(copy.getByRole('button', { name: 'Stop watching' })).toBeVisible({ timeout: 10_000 });
  await copy.getByRole('button', { name: 'Stop watching' }).click();
  await expect(live.getByRole('button', { name: 'Watch' })).toBeVisible({ timeout: 10_000 });
  expect(await speaker.evaluate(() => 'dlLive' in globalThis)).toBe(false);
  await speaker.close();
});

test('GPT: Write pressed in the speaker view writes in the audience window', async ({ page, context }) => {
  const deck = 'decks/05-transformers/index.html';
  const selector = 'dl-gpt[pretrained]';
  await openDeck(page, deck);
  await gotoSlideWith(page, selector);
  const live = page.locator(`section.present ${selector}`);
  await expect(live.locator('[part=toolbar] [role=status]')).toContainText(/paused|ready/, { timeout: 60_000 });

  const speaker = await context.newPage();
  const copy = await openSpeakerCopy(speaker, deck, selector);
  // A prompt typed in the speaker view becomes the audience widget's prompt.
  await copy.locator('textarea').fill('The fox');
  await expect(live).toHaveAttribute('prompt', 'The fox');
  await copy.getByRole('button', { name: 'Write' }).click();
  await expect.poll(() => live.locator('.written').textContent(), { timeout: 30_000 }).not.toBe('');
  await expect(live.locator('.prompt')).toHaveText('The fox');
  expect(await speaker.evaluate(() => 'dlLive' in globalThis)).toBe(false);
  await speaker.close();
});
