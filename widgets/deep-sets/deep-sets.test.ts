import { afterEach, describe, expect, it } from 'vitest';
import { mount, nextEvent, tfjsRequested, waitFor, withoutWarnings } from '../../tests/helpers/widgets.ts';
import './deep-sets.ts';
import type { DlDeepSets } from './deep-sets.ts';

afterEach(() => document.body.replaceChildren());

/** Resolve after `n` animation frames. */
const frames = (n: number) =>
  new Promise<void>((resolve) => {
    const tick = () => (--n <= 0 ? resolve() : requestAnimationFrame(tick));
    requestAnimationFrame(tick);
  });

interface StepDetail {
  step: number;
  deepSets: { loss: number; accuracy: number };
  mlp: { loss: number; accuracy: number };
}

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
    const shuffled = nextEvent(el, 'dl-shuffle') as Promise<CustomEvent<{ digits: number[]; deepSets: number; mlp: number }>>;
    el.shuffle();
    const detail = (await shuffled).detail;
    expect(detail.digits).toEqual(el.digits);
    expect(detail.deepSets).toBe(el.predictions!.deepSets);
    let mlpMoved = false;
    for (let i = 0; i < 5 && !mlpMoved; i++) {
      expect(Math.abs(el.predictions!.deepSets - before.deepSets)).toBeLessThan(1e-4);
      mlpMoved = Math.abs(el.predictions!.mlp - before.mlp) > 1e-4;
      if (!mlpMoved) el.shuffle();
    }
    expect(mlpMoved).toBe(true);
    await el.updateComplete;
    const [dsChange, mlpChange] = Array.from(el.shadowRoot!.querySelectorAll('.chg'), (c) => c.textContent!.trim());
    expect(dsChange).toBe('= unchanged');
    expect(mlpChange).toMatch(/^≠ changed by [+-]\d\.\d{3}$/);
  });

  it('trains only while active, at most steps-per-frame steps a frame, and Deep Sets test loss falls', async () => {
    const el = await mount<DlDeepSets>('<dl-deep-sets train-size="128" steps-per-frame="20" panels="training"></dl-deep-sets>', { active: false });
    const seen: StepDetail[] = [];
    el.addEventListener('dl-train-step', (e) => seen.push((e as CustomEvent<StepDetail>).detail));
    el.play();
    await frames(20);
    expect(seen).toHaveLength(0);
    el.active = true;
    await nextEvent(el, 'dl-ready');
    const start = el.testScores!.deepSets.loss;
    await waitFor(() => seen.length >= 15);
    el.pause();
    expect(el.testScores!.deepSets.loss).toBeLessThan(start / 3);
    // Each frame trains 1–20 steps (fewer only when the frame's time ran out), and the event says which.
    seen.forEach((d, i) => {
      const steps = d.step - (i === 0 ? 0 : seen[i - 1].step);
      expect(steps).toBeGreaterThanOrEqual(1);
      expect(steps).toBeLessThanOrEqual(20);
    });
    // The read-out shows the numbers the last event carried.
    await el.updateComplete;
    const last = seen.at(-1)!;
    expect(el.shadowRoot!.querySelector('.acc-ds')!.textContent).toBe(`${(last.deepSets.accuracy * 100).toFixed(1)} %`);
    expect(el.shadowRoot!.querySelector('.dl-toolbar [aria-live]')!.textContent).toBe(`step ${last.step} · paused`);
  });

  it('Step trains one frame; Reset goes back to the seeded start and clears the curve', async () => {
    const el = await mount<DlDeepSets>('<dl-deep-sets steps-per-frame="5" curve-steps="10"></dl-deep-sets>', { active: true });
    await nextEvent(el, 'dl-ready');
    const first = el.testScores!.deepSets.loss;
    const step = nextEvent(el, 'dl-train-step') as Promise<CustomEvent<StepDetail>>;
    el.shadowRoot!.querySelector<HTMLButtonElement>('.dl-toolbar button[title^="Train one step"]')!.click();
    // One frame's work: steps-per-frame steps, fewer only if the frame's 12 ms ran out first.
    const stepped = (await step).detail.step;
    expect(stepped).toBeGreaterThanOrEqual(1);
    expect(stepped).toBeLessThanOrEqual(5);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.dl-toolbar [aria-live]')!.textContent).toBe(`step ${stepped} · paused`);
    let points = 0;
    el.addEventListener('dl-curve-point', () => points++);
    await el.buildCurve();
    await waitFor(() => points >= 2);
    const ready = nextEvent(el, 'dl-ready');
    el.reset();
    await ready;
    expect(el.curvePoints).toEqual([]);
    expect(el.testScores!.deepSets.loss).toBe(first);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.dl-toolbar [aria-live]')!.textContent).toBe('step 0 · paused');
  });

  it('builds the sample-efficiency curve point by point', async () => {
    const el = await mount<DlDeepSets>('<dl-deep-sets curve-steps="20" panels="curve"></dl-deep-sets>', { active: true });
    await nextEvent(el, 'dl-ready');
    const points: { trainSize: number; deepSets: number; mlp: number }[] = [];
    el.addEventListener('dl-curve-point', (e) => points.push((e as CustomEvent).detail));
    await el.buildCurve();
    await waitFor(() => points.length === 6);
    expect(points.map((p) => p.trainSize)).toEqual([16, 32, 64, 128, 256, 512]);
    expect(el.curvePoints.map((p) => p.deepSets)).toEqual(points.map((p) => p.deepSets));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('canvas.curve')!.getAttribute('aria-label')).toContain(`512 sets: Deep Sets ${(points[5].deepSets * 100).toFixed(1)} %`);
  });

  it('the equivariant layer permutes with its input: shuffling x shuffles y the same way', async () => {
    const el = await mount<DlDeepSets>('<dl-deep-sets panels="equivariance" lambda="1" gamma="-1"></dl-deep-sets>', { active: true });
    await nextEvent(el, 'dl-ready');
    while (new Set(el.digits).size < 3) el.newSet();
    await el.updateComplete;
    const picture = () => el.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.eq-out')!.toDataURL();
    const before = picture();
    el.shuffle();
    await el.updateComplete;
    expect(picture()).not.toBe(before);
    // γ changes y (its mean part), not x.
    const xLabel = () => el.shadowRoot!.querySelector('canvas.eq-in')!.getAttribute('aria-label');
    const x = xLabel();
    const y = picture();
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('label:nth-of-type(2) input')!;
    input.value = '2';
    input.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(el.gamma).toBe(2);
    expect(xLabel()).toBe(x);
    expect(picture()).not.toBe(y);
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
    await withoutWarnings(async () => {
      const el = await mount<DlDeepSets>('<dl-deep-sets task="median" panels="invariance,gnn"></dl-deep-sets>', { active: true });
      const msg = el.shadowRoot!.querySelector('[role=alert]')!.textContent!;
      expect(msg).toContain('task="median" is not recognised. Use one of: sum, max.');
      expect(msg).toContain('panels="invariance,gnn": "gnn" not recognised.');
    });
  });
});
