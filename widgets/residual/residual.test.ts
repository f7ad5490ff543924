import { afterEach, describe, expect, it } from 'vitest';
import { memoryInfo } from '../../engine/index.ts';
import { mount, nextEvent, waitFor, withoutWarnings } from '../../tests/helpers/widgets.ts';
import './residual.ts';
import type { DlResidual } from './residual.ts';

afterEach(() => document.body.replaceChildren());

describe('<dl-residual>', () => {
  it('maps attributes, trains both networks only while active, and frees every tensor', async () => {
    const baseline = memoryInfo().numTensors;
    // no-worker: the tensors live on the page, where memoryInfo() counts them.
    const el = await mount<DlResidual>('<dl-residual depth="8" width="8" activation="tanh" dataset="circle" learning-rate="0.02" no-worker></dl-residual>', { active: false });
    expect([el.depth, el.width, el.activation, el.datasetName, el.learningRate]).toEqual([8, 8, 'tanh', 'circle', 0.02]);
    const steps: { plainLoss: number; residualLoss: number }[] = [];
    el.addEventListener('dl-train-step', (e) => steps.push((e as CustomEvent).detail));
    el.play();
    await new Promise((r) => setTimeout(r, 300));
    expect(steps.length).toBe(0);
    el.active = true;
    await nextEvent(el, 'dl-ready');
    await waitFor(() => steps.length >= 8);
    el.pause();
    // A step already in flight may still finish (software GPU backends are slow here); then nothing more.
    await waitFor(() => !el.playing);
    let n = -1;
    while (n !== steps.length) {
      n = steps.length;
      await new Promise((r) => setTimeout(r, 600));
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(steps.length).toBe(n);
    expect(steps.at(-1)!.residualLoss).toBeLessThan(steps[0].residualLoss);
    expect(el.shadowRoot!.querySelector('.stats')!.textContent).toContain('residual');
    el.remove();
    expect(memoryInfo().numTensors).toBe(baseline);
  });

  it('Reset, attribute changes and removal while a step is in flight never dispose tensors under it', async () => {
    const baseline = memoryInfo().numTensors;
    const errors: string[] = [];
    const onError = (e: ErrorEvent | PromiseRejectionEvent) => errors.push(String('reason' in e ? e.reason : e.message));
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onError);
    const warn = console.warn;
    console.warn = (...args: unknown[]) => errors.push(args.map(String).join(' '));
    try {
      const el = await mount<DlResidual>('<dl-residual depth="6" width="8" no-worker></dl-residual>', { active: true });
      await nextEvent(el, 'dl-ready');
      const steps: number[] = [];
      el.addEventListener('dl-train-step', (e) => steps.push((e as CustomEvent).detail.step));
      el.play();
      await waitFor(() => steps.length >= 2);
      el.reset(); // mid-training: the step in flight finishes on tensors that are still alive
      el.play();
      await waitFor(() => steps.length >= 4);
      for (const [attr, value] of [['depth', '5'], ['seed', '3'], ['autoplay', ''], ['width', '6']]) {
        el.setAttribute(attr, value);
        await el.updateComplete;
        el.play();
        const n = steps.length;
        await waitFor(() => steps.length > n);
      }
      el.remove(); // while playing: the step in flight finishes, then everything is freed
      await waitFor(() => memoryInfo().numTensors === baseline, 20_000).catch(() => undefined);
      expect(errors).toEqual([]);
      expect(memoryInfo().numTensors).toBe(baseline);
    } finally {
      console.warn = warn;
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onError);
    }
  });

  it('trains in a Web Worker by default, with the numbers no-worker gives on the page; removal ends it', async () => {
    const run = async (extra: string) => {
      const el = await mount<DlResidual>(`<dl-residual depth="6" width="8" seed="3" backend="cpu" ${extra}></dl-residual>`, { active: true });
      await nextEvent(el, 'dl-ready');
      const steps: { step: number; plainLoss: number; residualLoss: number }[] = [];
      el.addEventListener('dl-train-step', (e) => steps.push((e as CustomEvent).detail));
      for (let i = 0; i < 3; i++) await el.step();
      const status = el.shadowRoot!.querySelector('.dl-status')!.textContent!;
      el.remove();
      return { steps, status };
    };
    const baseline = memoryInfo().numTensors;
    const worker = await run('');
    expect(worker.status).toContain('in a worker');
    expect(memoryInfo().numTensors).toBe(baseline); // nothing of it on the page
    const page = await run('no-worker');
    expect(page.status).toContain('on the page');
    expect(worker.steps.map((s) => s.step)).toEqual([1, 2, 3]);
    // The same race (seed, data, initial weights, cpu kernels); after other tests ran tf.js on this
    // page its float32 results may differ from the worker's fresh copy in the last digits.
    worker.steps.forEach((s, i) => {
      expect(s.plainLoss).toBeCloseTo(page.steps[i].plainLoss, 2);
      expect(s.residualLoss).toBeCloseTo(page.steps[i].residualLoss, 2);
    });
    expect(worker.steps[2].residualLoss).toBeLessThan(worker.steps[0].residualLoss);
  });

  it('backend="" lets the page decide and trains; learning-rate="" is named as empty, not read as 0', async () => {
    const el = await mount<DlResidual>('<dl-residual depth="4" width="6" backend=""></dl-residual>', { active: true });
    await nextEvent(el, 'dl-ready');
    const step = nextEvent(el, 'dl-train-step');
    el.play();
    await step;
    el.pause();
    expect(el.shadowRoot!.querySelector('[role=alert]')).toBeNull();
    await withoutWarnings(async () => {
      const empty = await mount<DlResidual>('<dl-residual learning-rate=""></dl-residual>', { active: true });
      expect(empty.shadowRoot!.querySelector('[role=alert]')!.textContent).toContain('learning-rate="" is empty. Use a number from 0.0001 to 1.');
    });
  });

  it('names bad attributes and the accepted values', async () => {
    await withoutWarnings(async () => {
      const el = await mount<DlResidual>('<dl-residual depth="100" activation="gelu"></dl-residual>', { active: true });
      const msg = el.shadowRoot!.querySelector('[role=alert]')!.textContent!;
      expect(msg).toContain('depth="100" is not allowed. Use a whole number from 2 to 40.');
      expect(msg).toContain('activation="gelu" is not recognised. Use one of: tanh, relu, sigmoid.');
    });
  });
});
