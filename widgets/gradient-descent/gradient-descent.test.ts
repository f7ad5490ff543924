import { afterEach, describe, expect, it } from 'vitest';
import { mount, nextEvent, waitFor } from '../../tests/helpers/widgets.ts';
import './gradient-descent.ts';
import type { DlGradientDescent } from './gradient-descent.ts';

afterEach(() => document.body.replaceChildren());

describe('<dl-gradient-descent>', () => {
  it('maps attributes to properties', async () => {
    const el = await mount<DlGradientDescent>('<dl-gradient-descent learning-rate="0.05" dataset="sine" start-w="1" start-b="-2" noise="0.2"></dl-gradient-descent>', { active: false });
    expect([el.learningRate, el.datasetName, el.startW, el.startB, el.noise]).toEqual([0.05, 'sine', 1, -2, 0.2]);
  });

  it('a good rate lowers the loss step by step; nothing runs while inactive', async () => {
    const el = await mount<DlGradientDescent>('<dl-gradient-descent learning-rate="0.1" steps-per-second="60"></dl-gradient-descent>', { active: false });
    const losses: number[] = [];
    el.addEventListener('dl-train-step', (e) => losses.push((e as CustomEvent).detail.loss));
    el.play();
    await new Promise((r) => setTimeout(r, 300));
    expect(losses).toHaveLength(0);
    el.active = true;
    await waitFor(() => losses.length >= 20);
    el.pause();
    for (let i = 1; i < losses.length; i++) expect(losses[i]).toBeLessThanOrEqual(losses[i - 1] + 1e-9);
  });

  it('says so when the learning rate makes it diverge', async () => {
    const el = await mount<DlGradientDescent>('<dl-gradient-descent learning-rate="1.05"></dl-gradient-descent>', { active: true });
    await nextEvent(el, 'dl-ready');
    let first = NaN;
    let last = NaN;
    for (let i = 0; i < 80; i++) {
      await el.step();
      if (i === 0) first = el.state!.loss;
      last = el.state!.loss;
    }
    expect(last).toBeGreaterThan(first * 10);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.verdict')!.textContent).toContain('Diverging');
  });

  it('shows a message for a bad attribute', async () => {
    const el = await mount<DlGradientDescent>('<dl-gradient-descent learning-rate="fast" dataset="spiral"></dl-gradient-descent>', { active: true });
    const text = el.shadowRoot!.querySelector('[role=alert]')!.textContent!;
    expect(text).toContain('learning-rate="fast" is not a number. Use a number from 0.00001 to 10.');
    expect(text).toContain('dataset="spiral" is not recognised. Use one of: line, cubic, sine.');
  });
});
