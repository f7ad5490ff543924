import { afterEach, describe, expect, it } from 'vitest';
import { memoryInfo } from '../../engine/index.ts';
import { mount, nextEvent, waitFor, withoutWarnings } from '../../tests/helpers/widgets.ts';
import './seq2seq.ts';
import type { DlSeq2seq } from './seq2seq.ts';

afterEach(() => document.body.replaceChildren());

const argmaxRow = (m: Float32Array, row: number, cols: number) => {
  const r = Array.from(m.slice(row * cols, (row + 1) * cols));
  return r.indexOf(Math.max(...r));
};

describe('<dl-seq2seq>', () => {
  it('maps attributes to properties and draws a cross map per head and small self maps', async () => {
    const el = await mount<DlSeq2seq>('<dl-seq2seq task="reverse" layers="2" heads="4" d-model="16" learning-rate="0.003" seed="7" no-settings></dl-seq2seq>', { active: false });
    expect(el.task).toBe('reverse');
    expect(el.layers).toBe(2);
    expect(el.heads).toBe(4);
    expect(el.dModel).toBe(16);
    expect(el.learningRate).toBe(0.003);
    expect(el.shadowRoot!.querySelectorAll('canvas.cross').length).toBe(4);
    expect(el.shadowRoot!.querySelectorAll('canvas.enc').length).toBe(4);
    expect(el.shadowRoot!.querySelectorAll('canvas.dec').length).toBe(4);
    expect(el.shadowRoot!.querySelector('.settings')).toBeNull();
  });

  it('does nothing while inactive; trains when shown: the loss falls, exact match rises, the cross map turns anti-diagonal; pause stops it', async () => {
    const el = await mount<DlSeq2seq>('<dl-seq2seq task="reverse" source="3 1 4 1 5 9 2 6" backend="wasm"></dl-seq2seq>', { active: false });
    const losses: number[] = [];
    const exact: number[] = [];
    el.addEventListener('dl-train-step', (e) => losses.push((e as CustomEvent).detail.loss));
    el.addEventListener('dl-evaluate', (e) => exact.push((e as CustomEvent).detail.exactMatch));
    el.play();
    await new Promise((r) => setTimeout(r, 300));
    expect(losses).toHaveLength(0);
    const ready = nextEvent(el, 'dl-ready', 60_000);
    el.active = true;
    expect(((await ready) as CustomEvent).detail.params).toBeGreaterThan(1000);
    await waitFor(() => exact.length >= 2 && exact[exact.length - 1] >= 0.8, 90_000);
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
    expect(Math.min(...losses.slice(-5))).toBeLessThan(losses[0] * 0.2);
    expect(exact[0]).toBeLessThan(exact[exact.length - 1]); // the first check is at step 10
    await el.step(); // a Step decodes the shown source again
    const r = el.translation!;
    expect(Array.from(r.source)).toEqual([3, 1, 4, 1, 5, 9, 2, 6]);
    expect(Array.from(r.output)).toEqual([6, 2, 9, 5, 1, 4, 1, 3, 13]);
    const cross = r.cross[0].heads;
    const mean = Float32Array.from(cross[0], (v, k) => (v + cross[1][k]) / 2);
    expect(Array.from({ length: 8 }, (_, i) => argmaxRow(mean, i, 8))).toEqual([7, 6, 5, 4, 3, 2, 1, 0]);
    const root = el.shadowRoot!;
    expect(root.querySelectorAll('.tokens .tok').length).toBe(9);
    expect(root.querySelectorAll('.tokens .wrong').length).toBe(0);
    expect(root.querySelector('.stats')!.textContent).toMatch(/Exact match\s*(8\d|9\d|100) %/);
    // Hovering a row of the cross map reads it out.
    const map = root.querySelector<HTMLCanvasElement>('canvas.cross')!;
    const box = map.getBoundingClientRect();
    map.dispatchEvent(new PointerEvent('pointermove', { clientX: box.left + box.width / 2, clientY: box.bottom - 3, bubbles: true }));
    await el.updateComplete;
    expect(root.querySelector('.readout')!.textContent).toContain('Output 9');
  }, 150_000);

  it('translates a typed date, names a bad one, and draws a new example on request', async () => {
    const el = await mount<DlSeq2seq>('<dl-seq2seq task="date" source="2024-03-17" d-model="16" batch-size="16" backend="wasm"></dl-seq2seq>', { active: true });
    await nextEvent(el, 'dl-ready', 60_000);
    const r = el.translation!;
    expect(r.source.length).toBe(10);
    expect(r.cross[0].heads[0].length).toBe(9 * 10);
    expect(Array.from(r.target)).toEqual([0, 3, 11, 1, 7, 11, 2, 4, 13]); // 03/17/24■
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('.source input')!;
    expect(input.value).toBe('2024-03-17');
    input.value = '2023-02-29';
    input.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.sequence [role=alert]')!.textContent).toContain('2023-02 has no day 29');
    expect(el.source).toBe('2024-03-17'); // a bad typed date changes nothing
    // A good one becomes the source setting (so the speaker view's copy can send it) and is decoded.
    input.value = '1999-12-31';
    input.dispatchEvent(new Event('change'));
    expect(el.source).toBe('1999-12-31');
    await waitFor(() => Array.from(el.translation!.target).join(',') === '1,2,11,3,1,11,9,9,13', 20_000); // 12/31/99■
    await el.newExample();
    await el.updateComplete;
    expect(el.source).toBe('');
    expect(el.shadowRoot!.querySelector('.sequence [role=alert]')).toBeNull();
    expect(el.translation!.source).not.toEqual(r.source);
  }, 90_000);

  it('printReady trains to a still: paused, seeded, the dates written right', async () => {
    const el = await mount<DlSeq2seq>('<dl-seq2seq task="date" source="2024-03-17" backend="wasm" autoplay></dl-seq2seq>', { active: true });
    await el.printReady();
    expect(el.playing).toBe(false);
    expect(el.heldOut!.exactMatch).toBeGreaterThanOrEqual(0.8);
    expect(el.translation!.exact).toBe(true);
  }, 120_000);

  it('trains in a Web Worker: the page holds no tensors, its tasks stay short, and removal terminates the worker', async () => {
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
      const el = await mount<DlSeq2seq>('<dl-seq2seq task="date" backend="wasm"></dl-seq2seq>', { active: true });
      const ready = ((await nextEvent(el, 'dl-ready', 60_000)) as CustomEvent).detail;
      expect(ready.backend).toBe('wasm');
      expect(el.shadowRoot!.querySelector('.dl-status')!.textContent).toContain('in a worker');
      observer.observe({ type: 'longtask' });
      const steps: number[] = [];
      el.addEventListener('dl-train-step', (e) => steps.push((e as CustomEvent).detail.step));
      el.play();
      await waitFor(() => steps.length >= 12, 60_000); // past the held-out check at step 10
      el.pause();
      expect(steps).toEqual(steps.map((_, i) => i + 1)); // every step reported, in order
      expect(el.heldOut).not.toBeNull();
      expect(memoryInfo().numTensors).toBe(baseline); // the model lives in the worker
      // The page only draws: no task near a training step's length (80–600 ms on wasm on the page).
      console.info(`<dl-seq2seq> worker: ${steps.length} steps, longest main-thread task ${Math.max(0, ...long).toFixed(0)} ms`);
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
      const el = await mount<DlSeq2seq>('<dl-seq2seq task="sort" d-model="16" batch-size="16" backend="wasm"></dl-seq2seq>', { active: true });
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

  it('on the page (no-worker) it trains too, and removal frees every tensor', async () => {
    const baseline = memoryInfo().numTensors;
    const el = await mount<DlSeq2seq>('<dl-seq2seq no-worker task="sort" d-model="16" batch-size="16" backend="wasm"></dl-seq2seq>', { active: true });
    await nextEvent(el, 'dl-ready', 60_000);
    expect(el.shadowRoot!.querySelector('.dl-status')!.textContent).toContain('on the page');
    await el.step();
    expect(memoryInfo().numTensors).toBeGreaterThan(baseline);
    el.remove();
    await waitFor(() => memoryInfo().numTensors === baseline, 10_000);
  }, 90_000);

  it('where no worker can start, it trains on the page and says why', async () => {
    const RealWorker = globalThis.Worker;
    try {
      globalThis.Worker = class {
        constructor() {
          throw new DOMException('Workers are blocked here', 'SecurityError');
        }
      } as unknown as typeof Worker;
      const el = await mount<DlSeq2seq>('<dl-seq2seq task="date" d-model="16" batch-size="16" backend="wasm"></dl-seq2seq>', { active: true });
      await nextEvent(el, 'dl-ready', 60_000);
      await el.step();
      expect(el.shadowRoot!.textContent).toContain('no Web Worker: Workers are blocked here');
      expect(el.shadowRoot!.querySelector('.dl-status')!.textContent).toContain('on the page');
    } finally {
      globalThis.Worker = RealWorker;
    }
  }, 90_000);

  it('shows a message naming a bad attribute and what to use', async () => {
    await withoutWarnings(async () => {
      const el = await mount<DlSeq2seq>('<dl-seq2seq task="rotate" heads="3" source="12"></dl-seq2seq>', { active: true });
      const text = el.shadowRoot!.querySelector('[role=alert]')!.textContent!;
      expect(text).toContain('task="rotate" is not recognised. Use one of: reverse, sort, date.');
      el.task = 'date';
      await el.updateComplete;
      const next = el.shadowRoot!.querySelector('[role=alert]')!.textContent!;
      expect(next).toContain('source="12": type a date as YYYY-MM-DD');
      // Rules that involve several attributes are checked once each value is fine on its own.
      el.source = '1999-12-31';
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).toContain('d-model="32" must be divisible by heads="3"');
      el.heads = 2;
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[role=alert]')).toBeNull();
    });
  });
});
