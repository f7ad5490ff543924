import { afterEach, describe, expect, it } from 'vitest';
import { mount, nextEvent } from '../../tests/helpers/widgets.ts';
import './backprop.ts';
import type { DlBackprop } from './backprop.ts';

afterEach(() => document.body.replaceChildren());

const text = (el: DlBackprop, sel: string) => Array.from(el.shadowRoot!.querySelectorAll(sel)).map((n) => n.textContent!.trim());

describe('<dl-backprop>', () => {
  it('maps attributes, and does not load while inactive', async () => {
    const el = await mount<DlBackprop>('<dl-backprop layers="2,2,1" activation="tanh" inputs="1,2" target="0.5" learning-rate="0.1"></dl-backprop>', { active: false });
    expect(el.layers).toBe('2,2,1');
    expect(el.activation).toBe('tanh');
    expect(el.learningRate).toBe(0.1);
    await new Promise((r) => setTimeout(r, 200));
    expect(el.shadowRoot!.querySelector('svg')).toBeNull();
  });

  it('reveals forward values, the loss, then gradients on every edge; the update lowers the loss', async () => {
    const el = await mount<DlBackprop>('<dl-backprop layers="2,3,2,1" inputs="0.5,-1" target="1" learning-rate="0.5"></dl-backprop>', { active: true });
    await nextEvent(el, 'dl-ready');
    await el.updateComplete;
    expect(text(el, '.node .val')).toEqual(['0.500', '-1.000', '?', '?', '?', '?', '?', '?']);
    let events = 0;
    el.addEventListener('dl-backprop-step', () => events++);
    for (let i = 0; i < 6; i++) await el.step();
    await el.updateComplete;
    expect(text(el, '.node .val').includes('?')).toBe(false);
    expect(el.shadowRoot!.querySelector('.lossval')!.textContent).toContain('?');
    await el.step(); // loss
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.lossval')!.textContent).toContain(el.currentLoss.toFixed(3));
    for (let i = 0; i < 6; i++) await el.step(); // backward
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('.glabel').length).toBe(6 + 6 + 2);
    expect(text(el, '.delta').length).toBe(6);
    const lossBefore = el.currentLoss;
    const update = nextEvent(el, 'dl-update');
    await el.step();
    const detail = ((await update) as CustomEvent).detail;
    expect(detail.lossBefore).toBeCloseTo(lossBefore, 10);
    expect(detail.lossAfter).toBeLessThan(lossBefore);
    expect(events).toBe(14);
    el.back();
    expect(el.currentLoss).toBeCloseTo(lossBefore, 10);
  });

  it('edits a weight from the keyboard and recomputes', async () => {
    const el = await mount<DlBackprop>('<dl-backprop layers="1,1" activation="linear" output="linear" inputs="2" target="0"></dl-backprop>', { active: true });
    await nextEvent(el, 'dl-ready');
    await el.updateComplete;
    const label = el.shadowRoot!.querySelector<SVGGElement>('.wlabel')!;
    label.focus();
    const key = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true });
    let leaked = false;
    document.addEventListener('keydown', () => (leaked = true), { once: true });
    label.dispatchEvent(key);
    await el.updateComplete;
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('.edit input')!;
    input.value = '1.5';
    input.dispatchEvent(new Event('change'));
    await el.updateComplete;
    // ŷ = 1.5·2 + 0.1 = 3.1, L = ½·3.1².
    expect(el.currentLoss).toBeCloseTo(0.5 * 3.1 * 3.1, 6);
    expect(leaked).toBe(false);
  });

  it('shows a message naming a bad attribute', async () => {
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      const el = await mount<DlBackprop>('<dl-backprop layers="2,9,1" loss="hinge"></dl-backprop>', { active: true });
      const msg = el.shadowRoot!.querySelector('[role=alert]')!.textContent!;
      expect(msg).toContain('layers="2,9,1"');
      expect(msg).toContain('loss="hinge" is not recognised. Use one of: mse, bce.');
    } finally {
      console.warn = warn;
    }
  });
});
