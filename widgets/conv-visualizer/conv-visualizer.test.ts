import { afterEach, describe, expect, it } from 'vitest';
import { mount, nextEvent, waitFor, withoutWarnings } from '../../tests/helpers/widgets.ts';
import './conv-visualizer.ts';
import type { DlConvVisualizer } from './conv-visualizer.ts';

afterEach(() => document.body.replaceChildren());

const text = (el: DlConvVisualizer) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

/** Resolve after `n` animation frames (the widget's loop runs on them). */
const frames = (n: number) => new Promise<void>((resolve) => {
  const tick = () => (--n <= 0 ? resolve() : requestAnimationFrame(tick));
  requestAnimationFrame(tick);
});

describe('<dl-conv-visualizer>', () => {
  it('maps attributes to properties and shows the output-size formula with the current numbers', async () => {
    const el = await mount<DlConvVisualizer>('<dl-conv-visualizer image="digit-2" kernels="sobel-x,blur" padding="1" stride="2" pool="max" controls="geometry"></dl-conv-visualizer>', { active: true });
    expect([el.image, el.kernels, el.padding, el.stride, el.pool]).toEqual(['digit-2', 'sobel-x,blur', '1', 2, 'max']);
    await nextEvent(el, 'dl-ready');
    await el.updateComplete;
    expect(el.outputShape).toEqual([14, 14, 2]);
    expect(text(el)).toContain('⌊(28 + 2·1 − 1·2 − 1) / 2⌋ + 1 = 14');
    expect(el.shadowRoot!.querySelectorAll('canvas.out').length).toBe(2);
    expect(el.shadowRoot!.querySelectorAll('canvas.pooled').length).toBe(2);
    // Only the geometry group of settings is shown.
    expect(el.shadowRoot!.querySelector('.settings')!.textContent).toContain('Stride');
    expect(el.shadowRoot!.querySelector('.settings')!.textContent).not.toContain('Pooling');
  });

  it('steps the window with its multiply-add, which equals the output value', async () => {
    const el = await mount<DlConvVisualizer>('<dl-conv-visualizer image="digit-0" kernels="sobel-y"></dl-conv-visualizer>', { active: true });
    await nextEvent(el, 'dl-ready');
    const steps: { row: number; col: number; value: number }[] = [];
    el.addEventListener('dl-step', (e) => steps.push((e as CustomEvent).detail));
    for (let i = 0; i < 26 * 13 + 12; i++) await el.step(); // to row 13, column 12 of 26 × 26
    expect(steps.length).toBe(26 * 13 + 12);
    const last = steps.at(-1)!;
    expect([last.row, last.col]).toEqual([13, 12]);
    await el.updateComplete;
    const line = el.shadowRoot!.querySelector('.madd')!.textContent!;
    expect(line).toContain('out[1][13, 12]');
    const sum = Number(line.split('=').at(-1)!.trim().replace(/^(-?)\./, '$10.'));
    expect(sum).toBeCloseTo(last.value, 1);
    expect(el.output!.data[13 * 26 + 12]).toBeCloseTo(last.value, 6);
  });

  it('does not slide while inactive and pauses when the slide is left', async () => {
    const el = await mount<DlConvVisualizer>('<dl-conv-visualizer speed="120"></dl-conv-visualizer>', { active: false });
    let moves = 0;
    el.addEventListener('dl-step', () => moves++);
    el.play();
    await frames(30);
    expect(moves).toBe(0);
    expect(el.playing).toBe(true); // Play is remembered for when the slide is shown
    el.active = true;
    await nextEvent(el, 'dl-ready');
    await waitFor(() => moves >= 5);
    el.active = false;
    await el.updateComplete;
    await frames(2); // the frame in flight ends
    const frozen = moves;
    await frames(20);
    expect(moves).toBe(frozen);
    expect(el.shadowRoot!.querySelector('.dl-status')!.textContent).toContain('paused (off screen)');
    el.pause();
  });

  it('explains impossible geometry in words instead of drawing a clamped output', async () => {
    const el = await mount<DlConvVisualizer>('<dl-conv-visualizer image="shapes" kernel-size="5" dilation="5"></dl-conv-visualizer>', { active: true });
    await nextEvent(el, 'dl-ready');
    await el.updateComplete;
    expect(el.outputShape).toBeNull();
    const alert = el.shadowRoot!.querySelector('.explain[role=alert]')!.textContent!;
    expect(alert).toContain('dilated kernel spans 21 pixels');
    expect(alert).toContain('the padded input is only 16');
    el.dilation = 2;
    await el.updateComplete;
    expect(el.outputShape).toEqual([8, 8, 1]);
  });

  it('shows equivariance numbers for a shifted input', async () => {
    const el = await mount<DlConvVisualizer>('<dl-conv-visualizer image="digit-4" kernels="sobel-x" padding="same" pool="max" shift-x="2"></dl-conv-visualizer>', { active: true });
    await nextEvent(el, 'dl-ready');
    await el.updateComplete;
    const line = el.shadowRoot!.querySelector('.equiv')!.textContent!;
    const pct = Number(/at ([\d.]+) % of cells/.exec(line)![1]);
    expect(pct).toBeGreaterThan(90);
    expect(line).toContain('Pooled output');
  });

  it('uses kernels learned by a <dl-cnn-trainer> on the page (dl-kernels event)', async () => {
    const el = await mount<DlConvVisualizer>('<dl-conv-visualizer image="digit-1" kernels="learned,learned" padding="valid"></dl-conv-visualizer>', { active: true });
    await nextEvent(el, 'dl-ready');
    await el.updateComplete;
    expect(text(el)).toContain('No learned kernel yet');
    // Two 5 × 5 kernels: the first picks the centre pixel, the second doubles it.
    const weights = [...Array.from({ length: 25 }, (_, i) => (i === 12 ? 1 : 0)), ...Array.from({ length: 25 }, (_, i) => (i === 12 ? 2 : 0))];
    document.dispatchEvent(new CustomEvent('dl-kernels', { detail: { size: 5, count: 2, weights } }));
    await el.updateComplete;
    expect(text(el)).not.toContain('No learned kernel yet');
    expect(el.outputShape).toEqual([24, 24, 2]);
    const out = el.output!;
    for (let i = 0; i < 24 * 24; i++) expect(out.data[24 * 24 + i]).toBeCloseTo(2 * out.data[i], 6);
    expect(el.shadowRoot!.querySelectorAll('.kernel input').length).toBe(25);
  });

  it('names bad attributes and the accepted values', async () => {
    await withoutWarnings(async () => {
      const el = await mount<DlConvVisualizer>('<dl-conv-visualizer image="cat" kernels="sobel-x,prewitt" padding="half" stride="0"></dl-conv-visualizer>', { active: true });
      const msg = el.shadowRoot!.querySelector('[role=alert]')!.textContent!;
      expect(msg).toContain('image="cat" is not recognised. Use one of: digit-0');
      expect(msg).toContain('kernels="sobel-x,prewitt" has "prewitt", not recognised');
      expect(msg).toContain('padding="half": use valid, same, or a whole number');
      expect(msg).toContain('stride="0" is not allowed. Use a whole number from 1 to 8.');
      // Rules beyond one range: a kernel side of 3 or 5, at most four kernels.
      const el2 = await mount<DlConvVisualizer>('<dl-conv-visualizer kernel-size="4" kernels="blur,blur,blur,blur,blur"></dl-conv-visualizer>', { active: true });
      const msg2 = el2.shadowRoot!.querySelector('[role=alert]')!.textContent!;
      expect(msg2).toContain('kernel-size="4" is not allowed. Use 3 or 5.');
      expect(msg2).toContain('lists 5 kernels. Use 1 to 4.');
      el2.kernelSize = 5;
      el2.kernels = 'blur';
      await el2.updateComplete;
      expect(el2.shadowRoot!.querySelector('.dl-problem')).toBeNull();
    });
  });

  it('an edited kernel weight changes the output by exactly its term; Reset restores the preset', async () => {
    const el = await mount<DlConvVisualizer>('<dl-conv-visualizer image="digit-3" kernels="identity"></dl-conv-visualizer>', { active: true });
    await nextEvent(el, 'dl-ready');
    await el.updateComplete;
    const before = Float32Array.from(el.output!.data); // identity: the input's inner 26 × 26
    const inputs = el.shadowRoot!.querySelectorAll<HTMLInputElement>('.kernel input');
    expect(inputs.length).toBe(9);
    const change = nextEvent(el, 'dl-kernel-change');
    inputs[0].value = '2'; // top-left weight: out[r, c] += 2 · in[r, c]
    inputs[0].dispatchEvent(new Event('change'));
    const detail = ((await change) as CustomEvent).detail;
    expect(detail).toEqual({ channel: 0, weights: [2, 0, 0, 0, 1, 0, 0, 0, 0] });
    await el.updateComplete;
    expect(text(el)).toContain('(edited)');
    // Identity gives out[r, c] = in[r+1, c+1], so the new term 2·in[r, c] is 2·before[r-1, c-1].
    const after = el.output!.data;
    let inked = 0;
    for (let r = 1; r < 26; r++) {
      for (let c = 1; c < 26; c++) {
        const term = 2 * before[(r - 1) * 26 + c - 1];
        expect(after[r * 26 + c] - before[r * 26 + c]).toBeCloseTo(term, 5);
        if (term > 0) inked++;
      }
    }
    expect(inked).toBeGreaterThan(20); // a digit has ink: the check saw real changes
    el.reset();
    await nextEvent(el, 'dl-ready');
    await el.updateComplete;
    expect(text(el)).not.toContain('(edited)');
    expect(Array.from(el.output!.data)).toEqual(Array.from(before));
  });

  it('a stroke drawn on the input changes the output under it', async () => {
    const el = await mount<DlConvVisualizer>('<dl-conv-visualizer image="draw" kernels="blur"></dl-conv-visualizer>', { active: true });
    await nextEvent(el, 'dl-ready');
    await el.updateComplete;
    expect(el.output!.data.every((v) => v === 0)).toBe(true); // nothing drawn yet
    const canvas = el.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.input')!;
    const box = canvas.getBoundingClientRect();
    canvas.dispatchEvent(new PointerEvent('pointerdown', { clientX: box.left + box.width / 2, clientY: box.top + box.height / 2, buttons: 1, bubbles: true }));
    await el.updateComplete;
    const out = el.output!;
    // The centre of a 26 × 26 output is inked, a corner is not.
    expect(out.data[13 * 26 + 13]).toBeGreaterThan(0.3);
    expect(out.data[0]).toBe(0);
  });
});
