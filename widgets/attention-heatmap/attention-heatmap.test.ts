import { afterEach, describe, expect, it } from 'vitest';
import { memoryInfo } from '../../engine/index.ts';
import { mount, nextEvent, waitFor, withoutWarnings } from '../../tests/helpers/widgets.ts';
import './attention-heatmap.ts';
import type { DlAttentionHeatmap } from './attention-heatmap.ts';

afterEach(() => document.body.replaceChildren());

describe('<dl-attention-heatmap>', () => {
  it('maps attributes to properties and draws one map per head', async () => {
    const el = await mount<DlAttentionHeatmap>(
      '<dl-attention-heatmap task="sort" heads="4" d-model="16" stage="scaled" input="3 1 4 1 5 9 2 6" learning-rate="0.003" seed="7" no-settings></dl-attention-heatmap>',
      { active: false },
    );
    expect(el.task).toBe('sort');
    expect(el.heads).toBe(4);
    expect(el.dModel).toBe(16);
    expect(el.stage).toBe('scaled');
    expect(el.learningRate).toBe(0.003);
    expect(el.noSettings).toBe(true);
    expect(el.shadowRoot!.querySelectorAll('canvas.map').length).toBe(4);
    expect(el.shadowRoot!.querySelector('.settings')).toBeNull();
  });

  it('opens on the shipped weights with a clean anti-diagonal and correct predictions', async () => {
    const el = await mount<DlAttentionHeatmap>('<dl-attention-heatmap task="reverse" start="trained" input="3 1 4 1 5 9 2 6" backend="wasm"></dl-attention-heatmap>', { active: true });
    const ready = (await nextEvent(el, 'dl-ready', 90_000)) as CustomEvent;
    expect(ready.detail.trained).toBe(true);
    const r = el.attention!;
    expect(Array.from(r.predictions)).toEqual([6, 2, 9, 5, 1, 4, 1, 3]);
    // Every query row has its largest weight on key 7 − i in at least one head.
    for (let i = 0; i < 8; i++) {
      const best = r.layers[0].heads.map((h) => h.weights.slice(i * 8, i * 8 + 8).indexOf(Math.max(...h.weights.slice(i * 8, i * 8 + 8))));
      expect(best).toContain(7 - i);
    }
    expect(el.shadowRoot!.querySelectorAll('.sequence .wrong').length).toBe(0);
    // Hovering a row reads it out.
    const map = el.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.map')!;
    const box = map.getBoundingClientRect();
    map.dispatchEvent(new PointerEvent('pointermove', { clientX: box.left + box.width * 0.5, clientY: box.bottom - 3, bubbles: true }));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.readout')!.textContent).toContain('Query position 8');
  });

  it('does nothing while inactive, trains when playing and lowers the loss, and pause stops it', async () => {
    const el = await mount<DlAttentionHeatmap>('<dl-attention-heatmap task="reverse" batch-size="32" seed="3"></dl-attention-heatmap>', { active: false });
    const losses: number[] = [];
    el.addEventListener('dl-train-step', (e) => losses.push((e as CustomEvent).detail.loss));
    el.play();
    await new Promise((r) => setTimeout(r, 300));
    expect(losses).toHaveLength(0);
    el.active = true;
    await waitFor(() => losses.length >= 12, 60_000);
    el.pause();
    // The round already sent to the worker still reports (its steps were taken); none after it.
    let settled = losses.length;
    for (let quiet = 0, tries = 0; quiet < 3 && tries < 50; tries++) {
      await new Promise((r) => setTimeout(r, 200));
      quiet = losses.length === settled ? quiet + 1 : 0;
      settled = losses.length;
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(losses.length).toBe(settled);
    expect(Math.min(...losses.slice(-4))).toBeLessThan(losses[0]);
  });

  it('on the page (no-worker) it says so and frees every tensor when removed', async () => {
    const baseline = memoryInfo().numTensors;
    const el = await mount<DlAttentionHeatmap>('<dl-attention-heatmap no-worker task="induction" length="8" d-model="16" batch-size="16"></dl-attention-heatmap>', { active: true });
    await nextEvent(el, 'dl-ready');
    await el.step();
    expect(el.shadowRoot!.querySelector('.dl-status')!.textContent).toContain('on the page');
    expect(memoryInfo().numTensors).toBeGreaterThan(baseline);
    el.remove();
    expect(memoryInfo().numTensors).toBe(baseline);
  });

  it('builds and trains in a Web Worker: the page holds no tensors, its tasks stay short, and removal terminates the worker', async () => {
    const terminate = Worker.prototype.terminate;
    let terminated = 0;
    Worker.prototype.terminate = function (this: Worker) {
      terminated++;
      return terminate.call(this);
    };
    const long: number[] = [];
    const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => long.push(e.duration)));
    try {
      const baseline = memoryInfo().numTensors;
      observer.observe({ type: 'longtask' });
      // The deck's induction slide: two layers, length 12, batch 128 (a step of 200–700 ms on wasm on the page).
      const el = await mount<DlAttentionHeatmap>('<dl-attention-heatmap task="induction" backend="wasm"></dl-attention-heatmap>', { active: true });
      const ready = ((await nextEvent(el, 'dl-ready', 60_000)) as CustomEvent).detail;
      expect(ready.backend).toBe('wasm');
      expect(el.shadowRoot!.querySelector('.dl-status')!.textContent).toContain('in a worker');
      expect(el.attention!.layers).toHaveLength(2);
      const steps: number[] = [];
      el.addEventListener('dl-train-step', (e) => steps.push((e as CustomEvent).detail.step));
      el.play();
      await waitFor(() => steps.length >= 6, 60_000);
      el.pause();
      expect(steps).toEqual(steps.map((_, i) => i + 1)); // every step reported, in order
      expect(memoryInfo().numTensors).toBe(baseline); // the model lives in the worker
      console.info(`<dl-attention-heatmap> worker: ${steps.length} steps, longest main-thread task ${Math.max(0, ...long).toFixed(0)} ms`);
      expect(Math.max(0, ...long)).toBeLessThan(150);
      expect(terminated).toBe(0);
      el.remove();
      await waitFor(() => terminated === 1, 5000);
    } finally {
      observer.disconnect();
      Worker.prototype.terminate = terminate;
    }
  }, 90_000);

  it('Reset starts a fresh worker from the seed: the same steps again, the old worker terminated', async () => {
    const terminate = Worker.prototype.terminate;
    let terminated = 0;
    Worker.prototype.terminate = function (this: Worker) {
      terminated++;
      return terminate.call(this);
    };
    try {
      const el = await mount<DlAttentionHeatmap>('<dl-attention-heatmap task="sort" d-model="16" batch-size="16" backend="wasm"></dl-attention-heatmap>', { active: true });
      await nextEvent(el, 'dl-ready', 60_000);
      const losses: number[] = [];
      el.addEventListener('dl-train-step', (e) => losses.push((e as CustomEvent).detail.loss));
      for (let i = 0; i < 3; i++) await el.step();
      const first = losses.splice(0);
      expect(first).toHaveLength(3);
      const ready = nextEvent(el, 'dl-ready', 60_000);
      el.reset();
      await ready;
      expect(terminated).toBe(1);
      for (let i = 0; i < 3; i++) await el.step();
      expect(losses).toEqual(first);
    } finally {
      Worker.prototype.terminate = terminate;
    }
  }, 90_000);

  it('where no worker can start, it trains on the page and says why', async () => {
    const RealWorker = globalThis.Worker;
    try {
      globalThis.Worker = class {
        constructor() {
          throw new DOMException('Workers are blocked here', 'SecurityError');
        }
      } as unknown as typeof Worker;
      const el = await mount<DlAttentionHeatmap>('<dl-attention-heatmap task="reverse" start="trained" input="3 1 4 1 5 9 2 6" backend="wasm"></dl-attention-heatmap>', { active: true });
      await nextEvent(el, 'dl-ready', 60_000);
      expect(Array.from(el.attention!.predictions)).toEqual([6, 2, 9, 5, 1, 4, 1, 3]);
      await el.step();
      expect(el.shadowRoot!.textContent).toContain('no Web Worker: Workers are blocked here');
      expect(el.shadowRoot!.querySelector('.dl-status')!.textContent).toContain('on the page');
    } finally {
      globalThis.Worker = RealWorker;
    }
  }, 90_000);

  it('print: a still of the seeded first picture, autoplay stopped', async () => {
    const el = await mount<DlAttentionHeatmap>('<dl-attention-heatmap task="reverse" start="trained" input="3 1 4 1 5 9 2 6" autoplay backend="wasm"></dl-attention-heatmap>', { active: true });
    await el.printReady();
    expect(el.playing).toBe(false);
    expect(Array.from(el.attention!.predictions)).toEqual([6, 2, 9, 5, 1, 4, 1, 3]);
    expect(el.shadowRoot!.querySelector('.dl-status')!.textContent).toContain('trained weights');
  }, 90_000);

  it('shows a message naming a bad attribute and the accepted values', async () => {
    await withoutWarnings(async () => {
      const el = await mount<DlAttentionHeatmap>('<dl-attention-heatmap task="rotate" stage="logits" start="trained" heads="3"></dl-attention-heatmap>', { active: true });
      const text = el.shadowRoot!.querySelector('[role=alert]')!.textContent!;
      expect(text).toContain('task="rotate" is not recognised. Use one of: reverse, sort, copy, induction.');
      expect(text).toContain('stage="logits" is not recognised. Use one of: raw, scaled, masked, softmax.');
      // Rules that involve several attributes are checked once each value is fine on its own.
      el.task = 'copy';
      el.stage = 'softmax';
      await el.updateComplete;
      const cross = el.shadowRoot!.querySelector('[role=alert]')!.textContent!;
      expect(cross).toContain('d-model="32" must be divisible by heads="3"');
      expect(cross).toContain('start="trained" has shipped weights for task="reverse"');
      el.heads = 2;
      el.start = 'scratch';
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[role=alert]')).toBeNull();
    });
  });
});
