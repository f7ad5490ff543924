import { afterEach, describe, expect, it } from 'vitest';
import { memoryInfo } from '../../engine/index.ts';
import { mount, nextEvent, waitFor, withoutWarnings } from '../../tests/helpers/widgets.ts';
import './cnn-trainer.ts';
import type { DlCnnTrainer } from './cnn-trainer.ts';

afterEach(() => document.body.replaceChildren());

const pixels = (c: HTMLCanvasElement) => Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data);

describe('<dl-cnn-trainer>', () => {
  it('maps attributes to properties and draws one canvas per kernel and feature map', async () => {
    const el = await mount<DlCnnTrainer>('<dl-cnn-trainer filters="4" learning-rate="0.01" batch-size="16" train-count="500" seed="3"></dl-cnn-trainer>', { active: false });
    expect([el.filters, el.learningRate, el.batchSize, el.trainCount, el.seed]).toEqual([4, 0.01, 16, 500, 3]);
    expect(el.shadowRoot!.querySelectorAll('.kernels canvas').length).toBe(4);
    expect(el.shadowRoot!.querySelectorAll('.maps2 canvas').length).toBe(8);
  });

  it('trains only while active: kernels change, accuracy is reported, pause stops it', async () => {
    const el = await mount<DlCnnTrainer>('<dl-cnn-trainer filters="4" train-count="1000" learning-rate="0.01" batch-size="16"></dl-cnn-trainer>', { active: false });
    let steps = 0;
    el.addEventListener('dl-train-step', () => steps++);
    el.play();
    await new Promise((r) => setTimeout(r, 300));
    expect(steps).toBe(0);
    el.active = true;
    const ready = (await nextEvent(el, 'dl-ready', 40_000)) as CustomEvent;
    expect(ready.detail.kernel).toBe('js');
    expect(el.shadowRoot!.querySelector('.dl-status')!.textContent).toContain('fused JS kernel');
    const kernel = el.shadowRoot!.querySelector<HTMLCanvasElement>('.kernels canvas')!;
    const before = pixels(kernel);
    const firstAccuracy = el.testAccuracy;
    await waitFor(() => steps >= 10, 40_000);
    el.pause();
    // The round already sent to the worker still reports (its updates were made); none after it.
    const stopped = steps;
    let settled = steps;
    for (let quiet = 0, tries = 0; quiet < 3 && tries < 50; tries++) {
      await new Promise((r) => setTimeout(r, 200));
      quiet = steps === settled ? quiet + 1 : 0;
      settled = steps;
    }
    expect(settled - stopped).toBeLessThanOrEqual(1);
    await new Promise((r) => setTimeout(r, 500));
    expect(steps).toBe(settled);
    await el.step();
    expect(pixels(kernel)).not.toEqual(before);
    expect(el.testAccuracy).toBeGreaterThan(firstAccuracy);
  });

  it('trains in a Web Worker, and after Reset the same seed gives the same numbers again', async () => {
    const el = await mount<DlCnnTrainer>('<dl-cnn-trainer filters="2" train-count="300" seed="9"></dl-cnn-trainer>', { active: true });
    const losses: number[] = [];
    el.addEventListener('dl-train-step', (e) => losses.push((e as CustomEvent).detail.loss));
    await nextEvent(el, 'dl-ready', 40_000);
    const status = el.shadowRoot!.querySelector('.dl-status')!.textContent!;
    expect(status).toMatch(/^fused JS kernel · [\d,]+ weights · in a worker/); // the js kernel starts no tf.js backend
    await el.step();
    await el.step();
    const first = losses.splice(0);
    expect(first).toHaveLength(2);
    const ready = nextEvent(el, 'dl-ready', 40_000);
    el.reset();
    await ready;
    await el.step();
    await el.step();
    expect(losses).toEqual(first);
  });

  it('no-worker trains on the page, with the same numbers as in the worker', async () => {
    const run = async (extra: string) => {
      const el = await mount<DlCnnTrainer>(`<dl-cnn-trainer filters="2" train-count="300" seed="9" train-steps="3" ${extra}></dl-cnn-trainer>`, { active: true });
      const step = nextEvent(el, 'dl-train-step', 40_000);
      await nextEvent(el, 'dl-ready', 40_000);
      const status = el.shadowRoot!.querySelector('.dl-status')!.textContent!;
      const r = ((await step) as CustomEvent).detail as { step: number; loss: number };
      el.remove();
      return { status, r, accuracy: el.testAccuracy };
    };
    const page = await run('no-worker');
    const worker = await run('');
    expect(page.status).toContain('on the page');
    expect(worker.status).toContain('in a worker');
    expect(page.r.step).toBe(3);
    expect(page.r).toEqual(worker.r);
    expect(page.accuracy).toBe(worker.accuracy);
  });

  it('the tf.js kernel runs on the backend attribute’s backend, in the worker', async () => {
    const el = await mount<DlCnnTrainer>('<dl-cnn-trainer kernel="tfjs" backend="cpu" filters="1" train-count="100" batch-size="4"></dl-cnn-trainer>', { active: true });
    const ready = (await nextEvent(el, 'dl-ready', 60_000)) as CustomEvent;
    expect(ready.detail).toMatchObject({ backend: 'cpu', kernel: 'tfjs' });
    expect(el.shadowRoot!.querySelector('.dl-status')!.textContent).toMatch(/^cpu · tf\.js kernels · [\d,]+ weights · in a worker/);
  });

  it('printReady leaves a still after 40 seeded updates and their accuracy check', async () => {
    const el = await mount<DlCnnTrainer>('<dl-cnn-trainer filters="2" train-count="300" autoplay></dl-cnn-trainer>', { active: true });
    await el.printReady();
    expect(el.playing).toBe(false);
    expect(el.shadowRoot!.querySelector('.stats')!.textContent).toMatch(/step 40 · [\s\S]*test accuracy/);
    expect(el.testAccuracy).toBeGreaterThan(0.2);
  });

  it('classifies a drawing and frees every tensor when removed', async () => {
    const baseline = memoryInfo().numTensors;
    const el = await mount<DlCnnTrainer>('<dl-cnn-trainer filters="2" train-count="200"></dl-cnn-trainer>', { active: true });
    await nextEvent(el, 'dl-ready', 40_000);
    const barsNow = () => Array.from(el.shadowRoot!.querySelectorAll('.bars span:nth-child(3n)')).map((s) => parseFloat(s.textContent!));
    const sample = el.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.sample')!;
    const digitBars = barsNow();
    const digitPixels = pixels(sample);
    const pad = el.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.draw')!;
    const r = pad.getBoundingClientRect();
    pad.dispatchEvent(new PointerEvent('pointerdown', { clientX: r.left + r.width / 2, clientY: r.top + r.height / 3, buttons: 1, bubbles: true }));
    pad.dispatchEvent(new PointerEvent('pointermove', { clientX: r.left + r.width / 2, clientY: r.top + (2 * r.height) / 3, buttons: 1, bubbles: true }));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.probe')!.textContent).toContain('your drawing');
    expect(digitBars).toHaveLength(10);
    // The worker reads the drawing out: the shown input and the probabilities become the drawing's.
    await waitFor(() => pixels(sample).join() !== digitPixels.join(), 20_000);
    await el.updateComplete;
    const bars = barsNow();
    expect(bars).toHaveLength(10);
    expect(bars).not.toEqual(digitBars);
    el.remove();
    expect(memoryInfo().numTensors).toBe(baseline);
  });

  it('names bad attributes and the accepted values', async () => {
    await withoutWarnings(async () => {
      const el = await mount<DlCnnTrainer>('<dl-cnn-trainer filters="40" kernel="gpu" learning-rate="2"></dl-cnn-trainer>', { active: true });
      const msg = el.shadowRoot!.querySelector('[role=alert]')!.textContent!;
      expect(msg).toContain('filters="40" is not allowed. Use a whole number from 1 to 16.');
      expect(msg).toContain('kernel="gpu" is not recognised. Use one of: js, tfjs.');
      expect(msg).toContain('learning-rate="2" is out of range');
    });
  });
});
