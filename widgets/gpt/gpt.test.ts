import { afterEach, describe, expect, it } from 'vitest';
import { corpusWordRate, loadAesopCorpus, memoryInfo } from '../../engine/index.ts';
import { mount, nextEvent, waitFor, withoutWarnings } from '../../tests/helpers/widgets.ts';
import { prepareWidgetsForPrint } from '../_shared/print-ready.ts';
import './gpt.ts';
import type { DlGpt } from './gpt.ts';

afterEach(() => document.body.replaceChildren());

type Detail = Record<string, unknown>;
const detail = (e: Event) => (e as CustomEvent<Detail>).detail;

/** A model small enough that a few dozen steps take a second or two on wasm. */
const TINY = 'layers="1" d-model="16" heads="2" context-length="16" batch-size="8" learning-rate="0.01" backend="wasm"';

/** Press Write and wait for the text; records how many characters were on screen at each frame meanwhile. */
async function writeAndWatch(el: DlGpt): Promise<{ text: string; lengths: number[] }> {
  const done = nextEvent(el, 'dl-written', 60_000);
  const lengths: number[] = [];
  let watching = true;
  const watch = () => {
    lengths.push(el.shadowRoot!.querySelector('.text .written')!.textContent!.length);
    if (watching) requestAnimationFrame(watch);
  };
  await el.write();
  requestAnimationFrame(watch);
  const d = detail(await done);
  watching = false;
  return { text: d.text as string, lengths };
}

describe('<dl-gpt>', () => {
  it('pretrained: writes fable words token by token, the same text for the same seed, another for another seed', async () => {
    const corpus = await loadAesopCorpus();
    const tag = (seed: number) => `<dl-gpt pretrained backend="wasm" seed="${seed}" temperature="0.8" max-tokens="200"></dl-gpt>`;
    const el = await mount<DlGpt>(tag(1), { active: true });
    const ready = detail(await nextEvent(el, 'dl-ready', 60_000));
    expect(ready.where).toBe('worker');
    expect(ready.backend).toBe('wasm');
    expect(el.shadowRoot!.querySelector('.dl-status')!.textContent).toContain('wasm · in a worker');
    // The held-out loss of the shipped weights is under the bigram baseline from the start.
    expect(el.shadowRoot!.querySelector('.readout')!.textContent).toContain('beats the bigram baseline');
    const first = await writeAndWatch(el);
    expect([...first.text]).toHaveLength(200);
    expect(el.shadowRoot!.querySelector('.text')!.textContent).toBe(`The Fox ${first.text}`);
    // Streamed: the text grew over many frames, a few tokens at a time, never all at once.
    const growth = first.lengths.filter((n, i) => i > 0 && n > first.lengths[i - 1]);
    expect(growth.length).toBeGreaterThan(20);
    for (let i = 1; i < first.lengths.length; i++) expect(first.lengths[i] - first.lengths[i - 1]).toBeLessThanOrEqual(3 * 8);
    const { rate, words } = corpusWordRate(first.text, corpus);
    expect(words).toBeGreaterThan(20);
    expect(rate).toBeGreaterThanOrEqual(0.6);
    el.remove();

    const again = await mount<DlGpt>(tag(1), { active: true });
    await nextEvent(again, 'dl-ready', 60_000);
    expect((await writeAndWatch(again)).text).toBe(first.text);
    again.remove();
    const other = await mount<DlGpt>(tag(2), { active: true });
    await nextEvent(other, 'dl-ready', 60_000);
    expect((await writeAndWatch(other)).text).not.toBe(first.text);
  }, 120_000);

  it('the bars re-shape at once: greedy makes the top bar 100 %, a low temperature sharpens, top-k cuts', async () => {
    const el = await mount<DlGpt>('<dl-gpt pretrained backend="wasm" prompt="The Lion sa"></dl-gpt>', { active: true });
    await nextEvent(el, 'dl-ready', 60_000);
    const pcts = () => Array.from(el.shadowRoot!.querySelectorAll('.bars .pct')).map((s) => parseFloat(s.textContent!));
    expect(pcts()).toHaveLength(10);
    const warm = pcts()[0];
    expect(el.distribution!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    el.temperature = 0.3;
    await el.updateComplete;
    expect(pcts()[0]).toBeGreaterThan(warm);
    el.temperature = 1.5;
    await el.updateComplete;
    expect(pcts()[0]).toBeLessThan(warm);
    el.topK = 3;
    await el.updateComplete;
    expect(el.distribution!.filter((p) => p > 0)).toHaveLength(3);
    expect(pcts().slice(3).every((p) => p === 0)).toBe(true);
    const checkbox = el.shadowRoot!.querySelector<HTMLInputElement>('.sampling input[type=checkbox]')!;
    checkbox.checked = true;
    checkbox.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(el.greedy).toBe(true);
    expect(pcts()[0]).toBe(100);
    expect(pcts().slice(1).every((p) => p === 0)).toBe(true);
    // Greedy writing takes the top bar every time: the drawn token is the marked 100 % bar.
    el.maxTokens = 5;
    await writeAndWatch(el);
    expect(el.shadowRoot!.querySelector('.bars .tok.chosen')).toBe(el.shadowRoot!.querySelector('.bars .tok'));
    expect(pcts()[0]).toBe(100);
  }, 90_000);

  it('the attention map has one row per token of the written text, and each row sums to 1', async () => {
    const el = await mount<DlGpt>('<dl-gpt pretrained backend="wasm" max-tokens="20" seed="3"></dl-gpt>', { active: true });
    await nextEvent(el, 'dl-ready', 60_000);
    const { text } = await writeAndWatch(el);
    const maps = el.attention!;
    const n = 'The Fox '.length + 20; // character tokens
    expect(maps.tokens.join('')).toBe(`The Fox ${text}`);
    expect(maps.tokens).toHaveLength(n);
    expect(maps.layers).toHaveLength(2);
    for (const layer of maps.layers) {
      expect(layer).toHaveLength(4);
      for (const w of layer) {
        expect(w).toHaveLength(n * n);
        for (let i = 0; i < n; i++) {
          let sum = 0;
          for (let j = 0; j < n; j++) sum += w[i * n + j];
          expect(sum).toBeCloseTo(1, 4);
          for (let j = i + 1; j < n; j++) expect(w[i * n + j]).toBe(0); // causal: never the future
        }
      }
    }
    const canvas = el.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.map')!;
    const pixels = () => Array.from(canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data);
    const layer1 = pixels();
    expect(layer1.some((v) => v > 0)).toBe(true);
    const select = el.shadowRoot!.querySelectorAll<HTMLSelectElement>('.map-row select')[0];
    select.value = '1';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(pixels()).not.toEqual(layer1);
  }, 90_000);

  it('from random weights, a few training steps lower the training loss; the worker keeps the page free', async () => {
    const el = await mount<DlGpt>(`<dl-gpt ${TINY}></dl-gpt>`, { active: true });
    const ready = detail(await nextEvent(el, 'dl-ready', 60_000));
    expect(ready.where).toBe('worker');
    const losses: number[] = [];
    let step = 0;
    el.addEventListener('dl-train-step', (e) => {
      losses.push(detail(e).loss as number);
      step = detail(e).step as number;
    });
    let longest = 0;
    const observer = new PerformanceObserver((list) => list.getEntries().forEach((t) => (longest = Math.max(longest, t.duration))));
    observer.observe({ type: 'longtask' });
    el.play();
    // Rounds are 60 ms of steps, so how many steps a round holds depends on the machine (15–30
    // here): 120 steps leave several rounds after the first, whatever their size.
    await waitFor(() => step >= 120, 60_000);
    el.pause();
    observer.disconnect();
    const late = losses.slice(Math.max(1, losses.length - 3));
    const tail = late.reduce((a, b) => a + b, 0) / late.length;
    console.info(`<dl-gpt> tiny model, worker: ${step} steps in ${losses.length} rounds, first round's loss ${losses[0].toFixed(3)}, last rounds' ${tail.toFixed(3)}, longest main-thread task ${longest.toFixed(0)} ms`);
    // The read-out starts at the letter frequencies (the unigram loss, about 3.1), so this is context learnt.
    expect(tail).toBeLessThan(losses[0] - 0.3);
    // Step: one more step, then a held-out check of the model after it.
    let evaluatedAt = -1;
    el.addEventListener('dl-evaluate', (e) => (evaluatedAt = detail(e).step as number));
    const rounds = losses.length;
    await el.step();
    expect(losses.length).toBeGreaterThan(rounds);
    expect(evaluatedAt).toBe(step);
  }, 90_000);

  it('on the page (no-worker) it trains and writes too, and removal frees every tensor', async () => {
    const baseline = memoryInfo().numTensors;
    const el = await mount<DlGpt>(`<dl-gpt no-worker ${TINY} max-tokens="10"></dl-gpt>`, { active: true });
    const ready = detail(await nextEvent(el, 'dl-ready', 60_000));
    expect(ready.where).toBe('page');
    expect(memoryInfo().numTensors).toBeGreaterThan(baseline);
    const first = nextEvent(el, 'dl-train-step', 30_000);
    await el.step();
    expect(detail(await first).steps).toBe(1); // one step per press (and per frame while playing)
    const { text } = await writeAndWatch(el);
    expect(text.length).toBeGreaterThan(0);
    el.remove();
    await waitFor(() => memoryInfo().numTensors === baseline, 10_000);
  }, 90_000);

  it('where no worker can start, it runs on the page and says why', async () => {
    const RealWorker = globalThis.Worker;
    try {
      globalThis.Worker = class {
        constructor() {
          throw new DOMException('Workers are blocked here', 'SecurityError');
        }
      } as unknown as typeof Worker;
      const a = await mount<DlGpt>(`<dl-gpt ${TINY}></dl-gpt>`, { active: true });
      expect(detail(await nextEvent(a, 'dl-ready', 60_000)).where).toBe('page');
      expect(a.shadowRoot!.textContent).toContain('no Web Worker: Workers are blocked here');
      a.remove();
      // A worker whose script fails to load (an error event instead of its first message).
      globalThis.Worker = class extends EventTarget {
        onerror: ((e: ErrorEvent) => void) | null = null;
        constructor() {
          super();
          setTimeout(() => this.onerror?.(new ErrorEvent('error', { message: 'script failed' })));
        }
        postMessage(): void {}
        terminate(): void {}
      } as unknown as typeof Worker;
      const b = await mount<DlGpt>(`<dl-gpt ${TINY}></dl-gpt>`, { active: true });
      expect(detail(await nextEvent(b, 'dl-ready', 60_000)).where).toBe('page');
      expect(b.shadowRoot!.textContent).toContain('script failed');
    } finally {
      globalThis.Worker = RealWorker;
    }
  }, 90_000);

  it('Stop ends a Write early; removal terminates the worker', async () => {
    const terminate = Worker.prototype.terminate;
    let terminated = 0;
    Worker.prototype.terminate = function (this: Worker) {
      terminated++;
      return terminate.call(this);
    };
    try {
      const el = await mount<DlGpt>('<dl-gpt pretrained backend="wasm" max-tokens="1000"></dl-gpt>', { active: true });
      await nextEvent(el, 'dl-ready', 60_000);
      const done = nextEvent(el, 'dl-written', 30_000);
      await el.write();
      expect(el.isWriting).toBe(true);
      await waitFor(() => el.text.length >= 10, 20_000);
      const button = Array.from(el.shadowRoot!.querySelectorAll('button')).find((b) => b.textContent === 'Stop')!;
      button.click();
      const d = detail(await done);
      expect(d.stopped).toBe(true);
      expect(d.tokens as number).toBeLessThan(1000);
      expect(el.isWriting).toBe(false);
      expect(terminated).toBe(0);
      el.remove();
      await waitFor(() => terminated === 1, 5000);
    } finally {
      Worker.prototype.terminate = terminate;
    }
  }, 90_000);

  it('printReady: a paused still: pretrained writes a seeded fable at once; random weights train 20 steps first', async () => {
    const corpus = await loadAesopCorpus();
    const printed = async (tag: string) => {
      const el = await mount<DlGpt>(tag);
      await prepareWidgetsForPrint(document.body); // what ?print-pdf runs: active, printReady(), inactive
      return el;
    };
    const tag = '<dl-gpt pretrained backend="wasm" seed="3" max-tokens="1000"></dl-gpt>';
    const a = await printed(tag);
    expect(a.playing).toBe(false);
    expect(a.isWriting).toBe(false);
    expect([...a.text]).toHaveLength(160); // capped for the still
    expect(a.shadowRoot!.querySelector('.text')!.textContent).toBe(`The Fox ${a.text}`);
    expect(corpusWordRate(a.text, corpus).rate).toBeGreaterThanOrEqual(0.6);
    expect(a.attention!.tokens.join('')).toBe(`The Fox ${a.text}`.slice(-64));
    expect(a.shadowRoot!.textContent).toContain('token 160 of 160');
    a.remove();
    const again = await printed(tag);
    expect(again.text).toBe(a.text); // seeded: the same page every time
    again.remove();

    const losses: number[] = [];
    const held: number[] = [];
    const b = await mount<DlGpt>(`<dl-gpt ${TINY} max-tokens="30"></dl-gpt>`);
    b.addEventListener('dl-train-step', (e) => losses.push(detail(e).loss as number));
    b.addEventListener('dl-evaluate', (e) => held.push(detail(e).step as number));
    await prepareWidgetsForPrint(document.body);
    expect(losses).toHaveLength(20);
    expect(losses.at(-1)!).toBeLessThan(losses[0]);
    expect(held).toEqual([20]);
    expect([...b.text]).toHaveLength(30);
    expect(b.playing).toBe(false);
  }, 120_000);

  it('names bad attributes and what is accepted', async () => {
    await withoutWarnings(async () => {
      const a = await mount<DlGpt>('<dl-gpt temperature="3" tokenizer="word" top-p="0"></dl-gpt>', { active: true });
      const msg = a.shadowRoot!.querySelector('[role=alert]')!.textContent!;
      expect(msg).toContain('temperature="3" is out of range. Use a number from 0.05 to 2.');
      expect(msg).toContain('tokenizer="word" is not recognised. Use one of: char, bpe.');
      expect(msg).toContain('top-p="0" is out of range');
      const b = await mount<DlGpt>('<dl-gpt pretrained layers="3" tokenizer="bpe"></dl-gpt>', { active: true });
      expect(b.shadowRoot!.querySelector('[role=alert]')!.textContent).toContain('so tokenizer="bpe", layers="3" cannot apply. Remove them or pretrained.');
      const c = await mount<DlGpt>('<dl-gpt d-model="30" heads="4"></dl-gpt>', { active: true });
      expect(c.shadowRoot!.querySelector('[role=alert]')!.textContent).toContain('d-model="30" must be divisible by heads="4"');
    });
  });
});
