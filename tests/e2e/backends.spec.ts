/**
 * The backend chain webgpu → webgl → wasm → cpu, one Chromium set-up per project (see
 * playwright.config.ts). In each, the lecture-1 widget must report the backend it got and train
 * with tf.js kernels on it (forced with kernel="tfjs", since small nets default to the fused JS
 * kernel).
 */
import type { Page } from '@playwright/test';
import { expect, gotoSlideWith, openDeck, test } from './fixtures.ts';

const EXPECTED: Record<string, string> = { webgpu: 'webgpu', webgl: 'webgl', 'no-gpu': 'wasm' };

async function trainOnBackend(page: Page) {
  await openDeck(page, 'decks/01-ml-basics/index.html');
  await gotoSlideWith(page, 'dl-decision-boundary[dataset="gauss"]');
  const widget = page.locator('section.present dl-decision-boundary');
  await widget.evaluate((el: HTMLElement & { kernel: string }) => (el.kernel = 'tfjs'));
  await expect(widget.locator('.dl-status')).toContainText(/tf\.js kernels/);
  return widget.evaluate(async (el: HTMLElement & { trainFor(n: number): Promise<{ trainLoss: number }>; engineInfo: { backend: string; kernel: string; skipped: string[] } }) => {
    const first = await el.trainFor(1);
    const later = await el.trainFor(4);
    return { info: el.engineInfo, first: first.trainLoss, later: later.trainLoss };
  });
}

test('@backend the page picks the best available backend and the widget trains on it', async ({ page, watch }, info) => {
  const r = await trainOnBackend(page);
  expect(r.info.backend).toBe(EXPECTED[info.project.name]);
  expect(r.info.kernel).toBe('tfjs');
  expect(r.later).toBeLessThan(r.first);
  if (info.project.name === 'no-gpu') {
    expect(r.info.skipped.join(' ')).toMatch(/webgpu: .*webgl: /);
  }
  expect(watch.errors).toEqual([]);
});

// Runs in the no-gpu project only (see the projects' grep in playwright.config.ts).
test('@cpu without its .wasm files the chain ends on cpu and still trains', async ({ page }) => {
  await page.route('**/*.wasm', (route) => route.abort());
  const r = await trainOnBackend(page);
  expect(r.info.backend).toBe('cpu');
  expect(r.info.skipped.map((s) => s.split(':')[0])).toEqual(['webgpu', 'webgl', 'wasm']);
  expect(r.later).toBeLessThan(r.first);
});

// Runs in the default (webgl) project only.
test('?backend= overrides the choice for every widget', async ({ page }) => {
  await openDeck(page, 'decks/01-ml-basics/index.html?backend=wasm');
  await gotoSlideWith(page, 'dl-decision-boundary[dataset="gauss"]');
  await expect(page.locator('section.present dl-decision-boundary .dl-status')).toContainText(/^wasm · /);
});
