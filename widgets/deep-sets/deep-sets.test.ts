import { afterEach, describe, expect, it } from 'vitest';
import { mount, nextEvent, tfjsRequested, waitFor } from '../../tests/helpers/widgets.ts';
import './deep-sets.ts';
import type { DlDeepSets } from './deep-sets.ts';

afterEach(() => document.body.replaceChildren());

describe('<dl-deep-sets>', () => {
  it('maps attributes; shuffling keeps the Deep Sets output and changes the MLP output', async () => {
    const el = await mount<DlDeepSets>('<dl-deep-sets task="max" set-size="5" train-size="64" pooling="mean" panels="invariance,params"></dl-deep-sets>', { active: true });
    expect(el.task).toBe('max');
    expect(el.setSize).toBe(5);
    expect(el.pooling).toBe('mean');
    await nextEvent(el, 'dl-ready');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('.panel')).toHaveLength(2);
    expect(el.digits).toHaveLength(5);
    // Make sure the set is not constant, so a shuffle can change the order.
    while (new Set(el.digits).size < 3) el.newSet();
    const before = el.predictions!;
    const shuffled = nextEvent(el, 'dl-shuffle');
    let mlpMoved = false;
    el.shuffle();
    await shuffled;
    for (let i = 0; i < 5 && !mlpMoved; i++) {
      expect(Math.abs(el.predictions!.deepSets - before.deepSets)).toBeLessThan(1e-4);
      mlpMoved = Math.abs(el.predictions!.mlp - before.mlp) > 1e-4;
      if (!mlpMoved) el.shuffle();
    }
    expect(mlpMoved).toBe(true);
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).toContain('unchanged');
  });

  it('trains only while active, and Deep Sets test loss falls', async () => {
    const el = await mount<DlDeepSets>('<dl-deep-sets train-size="128" steps-per-frame="20" panels="training"></dl-deep-sets>', { active: false });
    let steps = 0;
    el.addEventListener('dl-train-step', () => steps++);
    el.play();
    await new Promise((r) => setTimeout(r, 200));
    expect(steps).toBe(0);
    el.active = true;
    await nextEvent(el, 'dl-ready');
    const start = el.testScores!.deepSets.loss;
    await waitFor(() => steps >= 15);
    el.pause();
    expect(el.testScores!.deepSets.loss).toBeLessThan(start / 3);
  });

  it('builds the sample-efficiency curve point by point', async () => {
    const el = await mount<DlDeepSets>('<dl-deep-sets curve-steps="20" panels="curve"></dl-deep-sets>', { active: true });
    await nextEvent(el, 'dl-ready');
    let points = 0;
    el.addEventListener('dl-curve-point', () => points++);
    await el.buildCurve();
    await waitFor(() => points === 6);
    expect(el.curvePoints.map((p) => p.n)).toEqual([16, 32, 64, 128, 256, 512]);
  });

  it('trains in plain JavaScript: TensorFlow.js is never requested', async () => {
    const el = await mount<DlDeepSets>('<dl-deep-sets panels="training" steps-per-frame="5"></dl-deep-sets>', { active: true });
    const ready = (await nextEvent(el, 'dl-ready')) as CustomEvent;
    expect(ready.detail.backend).toBe('js');
    await el.step();
    await el.step();
    el.remove();
    expect(tfjsRequested()).toBe(false);
  });

  it('names a bad attribute', async () => {
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      const el = await mount<DlDeepSets>('<dl-deep-sets task="median" panels="invariance,gnn"></dl-deep-sets>', { active: true });
      const msg = el.shadowRoot!.querySelector('[role=alert]')!.textContent!;
      expect(msg).toContain('task="median" is not recognised. Use one of: sum, max.');
      expect(msg).toContain('"gnn"');
    } finally {
      console.warn = warn;
    }
  });
});
