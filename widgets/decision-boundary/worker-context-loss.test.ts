/**
 * A lost GPU context under the engine worker's tf.js while `<dl-decision-boundary kernel="tfjs">`
 * trains its minibatches there (issue 20): the worker tells the page at once (`link.ts`), the kit
 * says so in place, and a new worker, told of the loss, trains on the next backend from the seed.
 * The worker is the real one behind a switch that loses its WebGL context
 * (`tests/helpers/gpu-loss-worker.ts`, `WEBGL_lose_context`, as a driver reset would).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { memoryInfo } from '../../engine/index.ts';
import { mount, waitFor } from '../../tests/helpers/widgets.ts';
import './decision-boundary.ts';
import type { DlDecisionBoundary } from './decision-boundary.ts';

afterEach(() => document.body.replaceChildren());

const started: Worker[] = [];
const RealWorker = window.Worker;
window.Worker = class extends RealWorker {
  constructor(_url: string | URL, options?: WorkerOptions) {
    super(new URL('../../tests/helpers/gpu-loss-worker.ts?worker_file&type=module', import.meta.url), options);
    started.push(this);
  }
};

interface Step {
  epoch: number;
  trainLoss: number;
}

describe('<dl-decision-boundary kernel="tfjs"> when the WebGL context in its worker is lost', () => {
  it('says so, goes on in a new worker on wasm from the seed, warns once, and frees the page', async () => {
    const warnings: string[] = [];
    const errors: string[] = [];
    const { warn, error } = console;
    console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
    console.error = (...args: unknown[]) => errors.push(args.map(String).join(' '));
    try {
      const baseline = memoryInfo().numTensors;
      const el = await mount<DlDecisionBoundary>(
        '<dl-decision-boundary dataset="circle" backend="webgl" kernel="tfjs" hidden-layers="4" optimizer="adam" learning-rate="0.03" points="200" batch-size="20" seed="4"></dl-decision-boundary>',
        { active: true },
      );
      let readies = 0;
      el.addEventListener('dl-ready', () => readies++);
      const steps: Step[] = [];
      el.addEventListener('dl-train-step', (e) => steps.push((e as CustomEvent<Step>).detail));
      const notice = () => el.shadowRoot!.querySelector('.dl-notice')?.textContent ?? null;

      await waitFor(() => readies === 1);
      expect(el.engineInfo?.fallbackReason).toBeUndefined();
      expect(el.engineInfo).toMatchObject({ where: 'worker', kernel: 'tfjs', backend: 'webgl' });
      el.play();
      await waitFor(() => steps.length >= 3);

      expect(started).toHaveLength(1);
      started[0].postMessage({ loseGpu: true });
      const lostAt = steps.length;

      // A new worker, told of the loss, skips WebGL; the notice says what happened.
      await waitFor(() => readies === 2, 20_000);
      expect(started).toHaveLength(2);
      expect(el.engineInfo).toMatchObject({ where: 'worker', kernel: 'tfjs', backend: 'wasm' });
      expect(el.engineInfo?.skipped).toContain('webgl: the WebGL context was lost');
      await el.updateComplete;
      expect(notice()).toBe('The WebGL context was lost in its worker; training continues on the next backend, restarted from the seed.');
      expect(el.playing).toBe(true);

      // Training goes on by itself, from epoch 1 of the same seed, and the loss falls.
      await waitFor(() => steps.length >= lostAt + 40, 30_000);
      const after = steps.slice(lostAt);
      const restart = after.findIndex((s) => s.epoch === 1);
      expect(restart).toBeGreaterThanOrEqual(0);
      const run = after.slice(restart);
      expect(run.length).toBeGreaterThanOrEqual(25);
      run.forEach((s, i) => expect(s.epoch).toBe(i + 1));
      expect(run.at(-1)!.trainLoss).toBeLessThan(run[0].trainLoss * 0.9);

      // One warning, naming the worker; no errors; no tensors on the page.
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('The WebGL context was lost in the decision-boundary worker.');
      expect(errors).toEqual([]);
      el.remove();
      expect(memoryInfo().numTensors).toBe(baseline);
    } finally {
      console.warn = warn;
      console.error = error;
    }
  });
});
