import { Chart } from 'chart.js';
import { afterEach, describe, expect, it } from 'vitest';
import { METRIC_DEFAULTS } from '../../engine/js.ts';
import { mount, nextEvent, waitFor } from '../../tests/helpers/widgets.ts';
import './metric-learning.ts';
import type { DlMetricLearning } from './metric-learning.ts';
import { projectPoint } from './metric-learning.view.ts';

afterEach(() => document.body.replaceChildren());

interface StepDetail {
  step: number;
  loss: number;
  easy: number;
  semiHard: number;
  hard: number;
  recallHeldOut: number;
}

async function trainTo(el: DlMetricLearning, steps: number): Promise<StepDetail[]> {
  const seen: StepDetail[] = [];
  const on = (e: Event) => seen.push((e as CustomEvent<StepDetail>).detail);
  el.addEventListener('dl-train-step', on);
  el.play();
  await waitFor(() => (seen.at(-1)?.step ?? 0) >= steps, 60_000);
  el.pause();
  el.removeEventListener('dl-train-step', on);
  return seen;
}

const text = (el: DlMetricLearning, sel: string) => el.shadowRoot!.querySelector(sel)!.textContent!.trim();

describe('<dl-metric-learning>', () => {
  it('starts from the engine’s defaults (what the bench measures)', () => {
    const el = document.createElement('dl-metric-learning') as DlMetricLearning;
    const d = METRIC_DEFAULTS;
    expect([el.loss, el.miner, el.dim, el.heldOut, el.warmup, el.learningRate, el.gamma, el.seed]).toEqual([d.loss, d.miner, d.dim, d.heldOut.join(','), d.warmupSteps, d.learningRate, d.gamma, d.seed]);
  });

  it('trains live: the loss falls, the counts cover every triplet of the batch, the read-out shows the engine’s Recall@1', async () => {
    const el = await mount<DlMetricLearning>('<dl-metric-learning loss="triplet" miner="semi-hard" seed="3"></dl-metric-learning>', { active: true });
    const ready = (await nextEvent(el, 'dl-ready', 40_000)) as CustomEvent<{ recallHeldOut: number }>;
    const seen = await trainTo(el, 300);
    const mean = (xs: StepDetail[]) => xs.reduce((s, x) => s + x.loss, 0) / xs.length;
    expect(mean(seen.slice(-5))).toBeLessThan(mean(seen.slice(0, 5)));
    // P × K = 8 × 8: 64 anchors, 7 positives each, 56 negatives each.
    for (const s of seen) expect(s.easy + s.semiHard + s.hard).toBe(64 * 7 * 56);
    // A step (Step button) refreshes Recall@1; the read-out shows the event's number.
    const stepped = nextEvent(el, 'dl-train-step');
    await el.step();
    const last = ((await stepped) as CustomEvent<StepDetail>).detail;
    await el.updateComplete;
    expect(text(el, '.recall-held-out')).toBe(`${(last.recallHeldOut * 100).toFixed(1)} %`);
    expect(text(el, '.recall-baseline')).toBe(`${(ready.detail.recallHeldOut * 100).toFixed(1)} %`);
    expect(text(el, '.count-easy')).toBe(String(last.easy));
    const seenRecall = Number(text(el, '.recall-seen').replace(' %', ''));
    expect(seenRecall).toBeGreaterThan(50); // 8 trained classes: chance is about 12.5 %
    // The chart plots each Recall@1 against its step: held out, trained classes, the untrained level.
    const canvas = el.shadowRoot!.querySelector<HTMLCanvasElement>('.chart canvas')!;
    await waitFor(() => Chart.getChart(canvas) !== undefined);
    const [heldOut, trained, untrained] = Chart.getChart(canvas)!.data.datasets.map((d) => d.data as { x: number; y: number }[]);
    expect(heldOut.length).toBeGreaterThanOrEqual(2); // the untrained network at step 0, then later ones
    expect(heldOut[0]).toEqual({ x: 0, y: 100 * ready.detail.recallHeldOut });
    expect(heldOut.at(-1)).toEqual({ x: last.step, y: 100 * last.recallHeldOut });
    expect(trained.at(-1)!.y).toBeCloseTo(seenRecall, 0);
    expect(untrained.every((p) => p.y === 100 * ready.detail.recallHeldOut)).toBe(true);
    // Reset starts an empty chart.
    el.reset();
    await waitFor(() => heldOut.length <= 1);
    expect(heldOut.every((p) => p.x === 0)).toBe(true);
  });

  it('loss, miner and margin change the objective live, without rebuilding the network', async () => {
    const el = await mount<DlMetricLearning>('<dl-metric-learning seed="4"></dl-metric-learning>', { active: true });
    await nextEvent(el, 'dl-ready', 40_000);
    const before = (await trainTo(el, 50)).at(-1)!;
    await el.updateComplete;
    expect(text(el, '.dl-status')).toMatch(/warm-up: semi-hard triplets/); // batch-hard, the default, starts semi-hard
    let rebuilt = false;
    el.addEventListener('dl-ready', () => (rebuilt = true));
    const miner = el.shadowRoot!.querySelectorAll<HTMLSelectElement>('.dl-toolbar select')[1];
    miner.value = 'hard';
    miner.dispatchEvent(new Event('change'));
    const margin = el.shadowRoot!.querySelector<HTMLInputElement>('input.margin')!;
    margin.value = '0.5';
    margin.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(el.miner).toBe('hard');
    expect(el.margin).toBe(0.5);
    const after = await trainTo(el, before.step + 20);
    // Continued, not restarted (the first event may be a Recall@1 frame, still at the same step).
    expect(after[0].step).toBeGreaterThanOrEqual(before.step);
    expect(rebuilt).toBe(false);
    // Choosing circle loss disables the miner and sets circle loss's margin.
    const loss = el.shadowRoot!.querySelector<HTMLSelectElement>('.dl-toolbar select')!;
    loss.value = 'circle';
    loss.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(el.margin).toBe(0.25);
    expect(el.shadowRoot!.querySelectorAll<HTMLSelectElement>('.dl-toolbar select')[1].disabled).toBe(true);
  });

  it('a click on a digit of a scaled slide retrieves that digit and its 5 nearest neighbours', async () => {
    const slide = document.createElement('div');
    slide.style.transform = 'scale(0.5)';
    slide.style.transformOrigin = '0 0';
    document.body.append(slide);
    const el = await mount<DlMetricLearning>('<dl-metric-learning seed="5"></dl-metric-learning>', { active: true, parent: slide });
    await nextEvent(el, 'dl-ready', 40_000);
    await trainTo(el, 100);
    await el.updateComplete;
    const d = el.embedding!;
    const canvas = el.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.plot')!;
    const rect = canvas.getBoundingClientRect();
    expect(rect.width).toBeCloseTo(150, 0); // half of 300 px: the slide is scaled
    const target = d.labels.indexOf(9); // a held-out 9
    expect(d.heldOut[target]).toBe(1);
    const p = projectPoint(d, target, 300, el.viewYaw);
    // Mouse events land on whole screen pixels: click the pixel under the 9, then expect the digit
    // drawn nearest to that pixel (the 9 itself, or one of the digits packed within a pixel of it).
    const clientX = Math.round(rect.left + p.x / 2);
    const clientY = Math.round(rect.top + p.y / 2);
    const at = { x: (clientX - rect.left) * 2, y: (clientY - rect.top) * 2 };
    const selected = nextEvent(el, 'dl-select');
    canvas.dispatchEvent(new MouseEvent('click', { clientX, clientY, bubbles: true }));
    const detail = ((await selected) as CustomEvent<{ index: number; label: number; neighbours: number[] }>).detail;
    const q = projectPoint(d, detail.index, 300, el.viewYaw);
    expect(Math.hypot(q.x - at.x, q.y - at.y)).toBeLessThanOrEqual(Math.hypot(p.x - at.x, p.y - at.y) + 1e-9);
    expect(detail.label).toBe(9);
    expect(detail.neighbours).toHaveLength(5);
    expect(detail.neighbours).not.toContain(detail.index);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('canvas.thumb')).toHaveLength(6);
  });

  it('printReady reaches a still: 600 seeded steps, a fresh Recall@1, a held-out digit with its neighbours', async () => {
    const el = await mount<DlMetricLearning>('<dl-metric-learning seed="6"></dl-metric-learning>', { active: true });
    await nextEvent(el, 'dl-ready', 40_000);
    await el.printReady();
    expect(el.playing).toBe(false);
    expect(text(el, '.dl-status')).toMatch(/^step 600 /);
    expect(el.shadowRoot!.querySelectorAll('canvas.thumb')).toHaveLength(6);
    expect(text(el, '.nn p')).toMatch(/\(held out\)/);
    expect(Number(text(el, '.recall-seen').replace(' %', ''))).toBeGreaterThan(50);
  });

  it('names a bad held-out list in place of the widget', async () => {
    const el = await mount<DlMetricLearning>('<dl-metric-learning held-out="8,8"></dl-metric-learning>', { active: true });
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).toMatch(/held-out="8,8"/);
  });
});
