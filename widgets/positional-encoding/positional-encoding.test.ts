import { afterEach, describe, expect, it } from 'vitest';
import { mount, nextEvent, withoutWarnings } from '../../tests/helpers/widgets.ts';
import './positional-encoding.ts';
import type { DlPositionalEncoding } from './positional-encoding.ts';

afterEach(() => document.body.replaceChildren());

const pixels = (c: HTMLCanvasElement) => c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;

describe('<dl-positional-encoding>', () => {
  it('maps attributes and paints the sinusoidal table at positions × dimensions', async () => {
    const el = await mount<DlPositionalEncoding>('<dl-positional-encoding positions="32" dimensions="16"></dl-positional-encoding>', { active: true });
    expect(el.positions).toBe(32);
    expect(el.dimensions).toBe(16);
    await nextEvent(el, 'dl-ready', 90_000);
    const map = el.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.map')!;
    expect([map.width, map.height]).toEqual([16, 32]);
    // Row 0 is sin 0 = 0 (neutral) in even columns and cos 0 = 1 (positive) in odd ones: they differ.
    const px = pixels(map);
    expect([px[0], px[1], px[2]]).not.toEqual([px[4], px[5], px[6]]);
  });

  it('switches views on click, emits dl-view-change once, and the RoPE map is constant along diagonals', async () => {
    const el = await mount<DlPositionalEncoding>('<dl-positional-encoding positions="16" dimensions="8"></dl-positional-encoding>', { active: true });
    await nextEvent(el, 'dl-ready');
    const views: string[] = [];
    el.addEventListener('dl-view-change', (e) => views.push((e as CustomEvent).detail.view));
    const rope = Array.from(el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.tabs button')).find((b) => b.textContent === 'RoPE')!;
    rope.click();
    await el.updateComplete;
    expect(views).toEqual(['rope']);
    expect(el.view).toBe('rope');
    const [, right] = el.shadowRoot!.querySelectorAll<HTMLCanvasElement>('canvas.map');
    const px = pixels(right);
    const at = (r: number, c: number) => Array.from(px.slice((r * 16 + c) * 4, (r * 16 + c) * 4 + 3));
    for (let m = 0; m + 2 < 16; m++) expect(at(m, m + 2)).toEqual(at(0, 2));
  });

  it('shows a message naming a bad attribute', async () => {
    await withoutWarnings(async () => {
      const el = await mount<DlPositionalEncoding>('<dl-positional-encoding view="alibi" dimensions="15"></dl-positional-encoding>', { active: true });
      const text = el.shadowRoot!.querySelector('[role=alert]')!.textContent!;
      expect(text).toContain('view="alibi" is not recognised. Use one of: sinusoidal, similarity, learned, rope.');
      expect(text).toContain('dimensions="15" must be even');
    });
  });
});
