/** The widget gallery as an instructor uses it: tune a widget, copy its tag, share its address. */
import { expect, test } from './fixtures.ts';

test('a widget tuned in the gallery copies as its tag, and the address reproduces it', async ({ page, watch }) => {
  await page.goto('gallery/index.html#lora?rank=4&rows=512');
  const card = page.locator('section#lora');
  const lora = card.locator('dl-lora');
  await expect(lora).toHaveAttribute('rank', '4');
  await card.locator('button', { hasText: 'Copy as tag' }).click();
  await expect(card.locator('code.as-tag')).toHaveText('<dl-lora rows="512" rank="4"></dl-lora>');

  // Changing a setting in the widget updates the address, so a link opens it as tuned.
  // Once the widget has started (a render while it loads would redraw the slider at the old value).
  await expect(lora.locator('.dl-status')).not.toHaveText(/Loading|Starts when shown/, { timeout: 20_000 });
  const slider = lora.locator('input[type=range]');
  await slider.fill('6');
  await expect.poll(() => page.evaluate(() => decodeURIComponent(location.hash)), { timeout: 10_000 }).toBe('#lora?rows=512&rank=6');
  await card.locator('button', { hasText: /Copy as tag|Copied|Select and copy/ }).click();
  await expect(card.locator('code.as-tag')).toHaveText('<dl-lora rows="512" rank="6"></dl-lora>');
  expect(watch.errors).toEqual([]);
});
