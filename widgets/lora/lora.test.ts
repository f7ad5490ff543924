import { afterEach, describe, expect, it } from 'vitest';
import { mount, withoutWarnings } from '../../tests/helpers/widgets.ts';
import './lora.ts';
import type { DlLora } from './lora.ts';

afterEach(() => document.body.replaceChildren());

/** Numerical rank by Gaussian elimination with partial pivoting. */
function rankOf(m: Float32Array, rows: number, cols: number): number {
  const a = Array.from({ length: rows }, (_, i) => Array.from(m.slice(i * cols, (i + 1) * cols), Number));
  let rank = 0;
  for (let c = 0; c < cols && rank < rows; c++) {
    let p = rank;
    for (let i = rank + 1; i < rows; i++) if (Math.abs(a[i][c]) > Math.abs(a[p][c])) p = i;
    if (Math.abs(a[p][c]) < 1e-4) continue;
    [a[rank], a[p]] = [a[p], a[rank]];
    for (let i = rank + 1; i < rows; i++) {
      const f = a[i][c] / a[rank][c];
      for (let j = c; j < cols; j++) a[i][j] -= f * a[rank][j];
    }
    rank++;
  }
  return rank;
}

describe('<dl-lora>', () => {
  it('counts r (d + k) trainable weights and paints B, A and a rank-r ΔW', async () => {
    const el = await mount<DlLora>('<dl-lora rows="4096" cols="4096" rank="8"></dl-lora>', { active: true });
    expect([el.rows, el.cols, el.rank]).toEqual([4096, 4096, 8]);
    const text = el.shadowRoot!.querySelector('.counts')!.textContent!;
    expect(text).toContain('65,536');
    expect(text).toContain('16,777,216');
    expect(text).toContain('0.39 %');
    const { delta, n, m } = el.matrices();
    expect(rankOf(delta, n, m)).toBe(8);
    const canvases = el.shadowRoot!.querySelectorAll('canvas');
    expect([canvases[0].width, canvases[0].height]).toEqual([8, 48]);
  });

  it('emits dl-rank-change once when the user moves the slider', async () => {
    const el = await mount<DlLora>('<dl-lora rows="64" cols="48" rank="2"></dl-lora>', { active: true });
    const seen: number[] = [];
    el.addEventListener('dl-rank-change', (e) => seen.push((e as CustomEvent).detail.trainable));
    const slider = el.shadowRoot!.querySelector<HTMLInputElement>('input[type=range]')!;
    slider.value = '3';
    slider.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(seen).toEqual([3 * (64 + 48)]);
    expect(rankOf(el.matrices().delta, 48, 48)).toBe(3);
  });

  it('shows a message naming a bad attribute', async () => {
    await withoutWarnings(async () => {
      const el = await mount<DlLora>('<dl-lora rows="16" cols="16" rank="32"></dl-lora>', { active: true });
      expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).toContain('rank="32" is not allowed. Use a whole number from 1 to 16.');
    });
  });
});
