import { afterEach, describe, expect, it } from 'vitest';
import { mount, nextEvent, tfjsRequested, waitFor, withoutWarnings } from '../../tests/helpers/widgets.ts';
import './rnn-race.ts';
import type { DlRnnRace } from './rnn-race.ts';

afterEach(() => document.body.replaceChildren());

/** Whether a canvas has any non-transparent pixel. */
function painted(canvas: HTMLCanvasElement | null | undefined): boolean {
  if (!canvas || canvas.width === 0) return false;
  const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
  for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
  return false;
}

describe('<dl-rnn-race>', () => {
  it('trains only while active; on T = 10 the gated cells fall far below the baseline while the RNN stays near it', async () => {
    const el = await mount<DlRnnRace>('<dl-rnn-race length="10" hidden-size="8" learning-rate="0.02" seed="1"></dl-rnn-race>', { active: false });
    expect([el.length, el.hiddenSize, el.learningRate, el.seed, el.noClip]).toEqual([10, 8, 0.02, 1, false]);
    const steps: { step: number; rnn: number; gru: number; lstm: number }[] = [];
    el.addEventListener('dl-train-step', (e) => steps.push((e as CustomEvent).detail));
    el.play();
    await new Promise((r) => setTimeout(r, 300));
    expect(steps.length).toBe(0);
    el.active = true;
    await nextEvent(el, 'dl-ready');
    // Measured in Node at this seed: after 150 steps held-out MSE RNN 0.139, GRU 0.002, LSTM 0.002.
    await waitFor(() => steps.length > 0 && steps.at(-1)!.gru < 0.05 && steps.at(-1)!.lstm < 0.05, 90_000);
    el.pause();
    const last = steps.at(-1)!;
    expect(last.rnn).toBeGreaterThan(0.1);
    expect(el.mse.gru).toBe(last.gru);
    const root = el.shadowRoot!;
    expect(painted(root.querySelector<HTMLCanvasElement>('canvas.grads'))).toBe(true);
    for (const c of ['strip.lstm', 'gate.lstm-forget', 'gate.lstm-input', 'gate.lstm-output', 'strip.gru', 'gate.gru-update', 'gate.gru-reset']) {
      expect(painted(root.querySelector<HTMLCanvasElement>(`canvas.${c}`)), c).toBe(true);
    }
    expect(root.querySelector('.stats')!.textContent).toContain('GRU');
    expect(tfjsRequested()).toBe(false);
  });

  it('changing T keeps training the same cells (no rebuild), and clipping follows its switch', async () => {
    const el = await mount<DlRnnRace>('<dl-rnn-race length="20" recurrent-scale="3"></dl-rnn-race>', { active: true });
    await nextEvent(el, 'dl-ready');
    let readies = 0;
    el.addEventListener('dl-ready', () => readies++);
    const steps: number[] = [];
    el.addEventListener('dl-train-step', (e) => steps.push((e as CustomEvent).detail.step));
    await el.step();
    await el.step();
    expect(steps.at(-1)).toBe(2);
    // σ_max(W_hh) = 3: the plain RNN's gradient explodes and is clipped at 1.
    expect(el.shadowRoot!.querySelector('.stats')!.textContent).toContain('clipped');
    el.length = 35;
    await el.updateComplete;
    await el.step();
    expect(steps.at(-1)).toBe(3);
    expect(readies).toBe(0);
    expect(el.shadowRoot!.querySelector('h3 + canvas.grads')).not.toBeNull();
    expect(el.shadowRoot!.textContent).toContain('k = 1 … 35');
    el.noClip = true;
    await el.updateComplete;
    await el.step();
    expect(el.shadowRoot!.querySelector('.stats')!.textContent).not.toContain('clipped');
    // A setting that needs new weights rebuilds from the seed.
    el.hiddenSize = 6;
    await el.updateComplete;
    await el.step();
    expect(steps.at(-1)).toBe(1);
  });

  it('task="copy": the cells learn to recall symbols, the baseline is K ln A / (T + 2K), the pictures follow the copy sequence', async () => {
    const el = await mount<DlRnnRace>('<dl-rnn-race task="copy" length="5" seed="1"></dl-rnn-race>', { active: true });
    expect(el.task).toBe('copy');
    await nextEvent(el, 'dl-ready');
    const root = el.shadowRoot!;
    // Delay 5, K = 2 of A = 4: 9 steps, no-memory cross-entropy 2 ln 4 / 9 = 0.308.
    expect(root.querySelector('.stats')!.textContent).toContain('cross-entropy 0.308');
    const steps: { step: number; lstm: number }[] = [];
    el.addEventListener('dl-train-step', (e) => steps.push((e as CustomEvent).detail));
    el.play();
    // Measured in Node at this seed (LSTM alone, same stream): held-out 0.103 after 200 steps, 0.035 after 300.
    await waitFor(() => steps.length > 0 && steps.at(-1)!.lstm < 0.5 * 0.308, 90_000);
    el.pause();
    expect(root.textContent).toContain('k = 1 … 9');
    expect(root.textContent).toContain('recall loss, at k = 8 … 9');
    expect(root.textContent).toMatch(/recalls [0-2] of 2/);
    expect(root.querySelector('canvas.strip.lstm.tokens')).not.toBeNull();
    for (const c of ['grads', 'strip.lstm', 'gate.lstm-forget', 'strip.gru', 'gate.gru-update']) expect(painted(root.querySelector<HTMLCanvasElement>(`canvas.${c}`)), c).toBe(true);
    // Back to the adding problem: a rebuild from the seed, the adding baseline again.
    el.task = 'adding';
    await nextEvent(el, 'dl-ready');
    await el.updateComplete;
    expect(root.querySelector('.stats')!.textContent).toContain('MSE 0.167');
    expect(root.querySelector('canvas.strip.lstm.tokens')).toBeNull();
    expect(tfjsRequested()).toBe(false);
  });

  it('at its largest (T = 200, 32 units) a step spans many frames: the page keeps painting while it trains', async () => {
    const el = await mount<DlRnnRace>('<dl-rnn-race length="200" hidden-size="32"></dl-rnn-race>', { active: true });
    await nextEvent(el, 'dl-ready');
    let frames = 0;
    let counting = true;
    const tick = () => {
      frames++;
      if (counting) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    const first = nextEvent(el, 'dl-train-step');
    el.play();
    const detail = ((await first) as CustomEvent).detail as { step: number; length: number };
    counting = false;
    el.pause();
    expect(detail).toMatchObject({ step: 1, length: 200 });
    // One round is three cells' forward and backward passes over 200 steps (hundreds of ms): cut
    // a time step at a time into 12 ms frames it takes dozens; whole cells would take at most 3.
    expect(frames).toBeGreaterThan(10);
    expect(Number.isFinite(el.mse.lstm)).toBe(true);
  });

  it('names bad attributes and the accepted values', async () => {
    await withoutWarnings(async () => {
      const el = await mount<DlRnnRace>('<dl-rnn-race length="500" recurrent-scale="9" task="sort"></dl-rnn-race>', { active: true });
      const msg = el.shadowRoot!.querySelector('[role=alert]')!.textContent!;
      expect(msg).toContain('length="500" is not allowed. Use a whole number from 5 to 200.');
      expect(msg).toContain('recurrent-scale="9" is out of range. Use a number from 0.1 to 5.');
      expect(msg).toContain('task="sort" is not recognised. Use one of: adding, copy.');
      const copy = await mount<DlRnnRace>('<dl-rnn-race task="copy" length="150"></dl-rnn-race>', { active: true });
      expect(copy.shadowRoot!.querySelector('[role=alert]')!.textContent).toContain('length="150" is too long for task="copy"');
      copy.length = 100;
      await copy.updateComplete;
      expect(copy.shadowRoot!.querySelector('[role=alert]')).toBeNull();
    });
  });
});
