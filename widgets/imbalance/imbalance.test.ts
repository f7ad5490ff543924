import { afterEach, describe, expect, it } from 'vitest';
import { mount, nextEvent, waitFor } from '../../tests/helpers/widgets.ts';
import './imbalance.ts';
import type { DlImbalance } from './imbalance.ts';

afterEach(() => document.body.replaceChildren());

interface StepDetail {
  step: number;
  loss: number;
  recall: number;
  precision: number;
  rocAuc: number;
  prAuc: number;
}

/** Train an active widget until `steps` updates, then pause; returns the last dl-train-step detail. */
async function trainTo(el: DlImbalance, steps: number): Promise<StepDetail[]> {
  const seen: StepDetail[] = [];
  const on = (e: Event) => seen.push((e as CustomEvent<StepDetail>).detail);
  el.addEventListener('dl-train-step', on);
  el.play();
  await waitFor(() => (seen.at(-1)?.step ?? 0) >= steps, 40_000);
  el.pause();
  el.removeEventListener('dl-train-step', on);
  return seen;
}

const text = (el: DlImbalance, sel: string) => el.shadowRoot!.querySelector(sel)!.textContent!.trim();

describe('<dl-imbalance>', () => {
  it('at 1:50 the weighted loss finds the minority plain BCE misses; ROC-AUC barely moves', async () => {
    const el = await mount<DlImbalance>('<dl-imbalance ratio="50" loss="bce" seed="2"></dl-imbalance>', { active: true });
    await nextEvent(el, 'dl-ready');
    const bce = await trainTo(el, 400);
    expect(bce.at(-1)!.loss).toBeLessThan(bce[0].loss);
    const bceLast = bce.at(-1)!;
    el.loss = 'weighted';
    await nextEvent(el, 'dl-ready'); // a new loss rebuilds the trainer from the seed
    const weighted = (await trainTo(el, 400)).at(-1)!;
    expect(weighted.recall).toBeGreaterThan(bceLast.recall + 0.3);
    expect(Math.abs(weighted.rocAuc - bceLast.rocAuc)).toBeLessThan(0.05);
    // The read-out shows the same numbers the event carried.
    await el.updateComplete;
    expect(text(el, '.recall')).toBe(`${(weighted.recall * 100).toFixed(1)} %`);
    expect(text(el, '.roc-auc')).toBe(weighted.rocAuc.toFixed(3));
  });

  it('the threshold slider recounts the confusion matrix without training: lower threshold, more recall, fewer true negatives', async () => {
    const el = await mount<DlImbalance>('<dl-imbalance ratio="10" seed="3"></dl-imbalance>', { active: true });
    await nextEvent(el, 'dl-ready');
    const last = (await trainTo(el, 200)).at(-1)!;
    await el.updateComplete;
    const cells = () => ['.tp', '.fn', '.fp', '.tn'].map((s) => Number(text(el, s)));
    const at05 = cells();
    const total = at05.reduce((a, b) => a + b, 0);
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('.threshold input')!;
    input.value = '0.1';
    input.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(el.threshold).toBe(0.1);
    const at01 = cells();
    expect(at01.reduce((a, b) => a + b, 0)).toBe(total);
    expect(at01[0] + at01[1]).toBe(at05[0] + at05[1]); // same minority points
    expect(at01[0]).toBeGreaterThanOrEqual(at05[0]);
    expect(at01[3]).toBeLessThan(at05[3]);
    // Training did not move: the AUCs are those of the last step.
    expect(text(el, '.roc-auc')).toBe(last.rocAuc.toFixed(3));
  });

  it('shows the untrained read-out soon after dl-ready, in a task after the build, without training', async () => {
    const el = await mount<DlImbalance>('<dl-imbalance ratio="20" seed="4"></dl-imbalance>', { active: true });
    await nextEvent(el, 'dl-ready');
    await waitFor(() => el.shadowRoot!.querySelector('.roc-auc') !== null, 10_000);
    expect(Number(text(el, '.roc-auc'))).toBeGreaterThan(0);
    expect(el.shadowRoot!.querySelector('.dl-status')!.textContent).toContain('step 0');
  });

  it('printReady trains the seeded run to its end and shows it', async () => {
    const el = await mount<DlImbalance>('<dl-imbalance ratio="50" loss="weighted"></dl-imbalance>', { active: true });
    await nextEvent(el, 'dl-ready');
    await el.printReady();
    expect(el.playing).toBe(false);
    expect(el.shadowRoot!.querySelector('.dl-status')!.textContent).toContain('step 2000');
    expect(Number(text(el, '.recall').replace(/[^0-9.]/g, ''))).toBeGreaterThan(50);
  });
});
