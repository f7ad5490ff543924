/**
 * A lost GPU context while `<dl-decision-boundary kernel="tfjs" no-worker>` trains on the page's WebGL: the kit sees it
 * (the canvas's `webglcontextlost`), says so in place, and training goes on on the next backend.
 * Chromium's WebGL2 here is SwiftShader; `WEBGL_lose_context` loses it as a driver reset would.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { memoryInfo } from '../../engine/index.ts';
import { mount, waitFor } from '../../tests/helpers/widgets.ts';
import './decision-boundary.ts';
import type { DlDecisionBoundary } from './decision-boundary.ts';

afterEach(() => document.body.replaceChildren());

// Keep every WebGL context the page makes (tf.js makes its own, on an OffscreenCanvas), so the
// test can lose it from outside, without reaching into TensorFlow.js.
const contexts: WebGLRenderingContext[] = [];
for (const proto of [OffscreenCanvas.prototype, HTMLCanvasElement.prototype] as { getContext(type: string, ...rest: unknown[]): unknown }[]) {
  const original = proto.getContext;
  proto.getContext = function (this: unknown, type: string, ...rest: unknown[]) {
    const context = original.call(this, type, ...rest);
    if (type.startsWith('webgl') && context) contexts.push(context as WebGLRenderingContext);
    return context;
  };
}

interface Step {
  epoch: number;
  trainLoss: number;
}

describe('<dl-decision-boundary> when the WebGL context is lost', () => {
  it('says so, keeps training on wasm from the seed, warns once, and Reset still works', async () => {
    const warnings: string[] = [];
    const errors: string[] = [];
    const { warn, error } = console;
    console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
    console.error = (...args: unknown[]) => errors.push(args.map(String).join(' '));
    try {
      const baseline = memoryInfo().numTensors;
      const el = await mount<DlDecisionBoundary>(
        '<dl-decision-boundary dataset="circle" backend="webgl" kernel="tfjs" no-worker hidden-layers="4" optimizer="adam" learning-rate="0.03" points="200" batch-size="20" seed="4"></dl-decision-boundary>',
        { active: true },
      );
      const readies: string[] = [];
      el.addEventListener('dl-ready', (e) => readies.push((e as CustomEvent).detail.backend));
      const steps: Step[] = [];
      el.addEventListener('dl-train-step', (e) => steps.push((e as CustomEvent<Step>).detail));
      const status = () => el.shadowRoot!.querySelector('.dl-toolbar .dl-status')!.textContent!;
      const notice = () => el.shadowRoot!.querySelector('.dl-notice')?.textContent ?? null;

      await waitFor(() => readies.length === 1);
      expect(readies[0]).toBe('webgl');
      expect(el.engineInfo?.kernel).toBe('tfjs');
      el.play();
      await waitFor(() => steps.length >= 3);
      expect(status()).toMatch(/^webgl · .* · training$/);

      // Lose the context under tf.js's WebGL backend, as a GPU reset would.
      expect(contexts).toHaveLength(1);
      contexts[0].getExtension('WEBGL_lose_context')!.loseContext();
      const lostAt = steps.length;

      // In place, in words: what happened and where training went on.
      await waitFor(() => readies.length === 2);
      expect(readies[1]).toBe('wasm');
      await el.updateComplete;
      expect(notice()).toBe('The WebGL context was lost; training continues on wasm, restarted from the seed.');
      expect(el.playing).toBe(true);

      // Training goes on by itself: from epoch 1 of the same seed, and the loss falls.
      await waitFor(() => steps.length >= lostAt + 60);
      const after = steps.slice(lostAt);
      const restart = after.findIndex((s) => s.epoch === 1);
      expect(restart).toBeGreaterThanOrEqual(0);
      const run = after.slice(restart);
      expect(run.length).toBeGreaterThanOrEqual(40);
      run.forEach((s, i) => expect(s.epoch).toBe(i + 1));
      expect(run.at(-1)!.trainLoss).toBeLessThan(run[0].trainLoss * 0.9);
      await el.updateComplete;
      expect(status()).toMatch(/^wasm · .* · training$/);
      expect(el.engineInfo?.backend).toBe('wasm');
      expect(el.engineInfo?.skipped).toContain('webgl: the WebGL context was lost');

      // One warning for the page, no errors.
      expect(warnings.filter((w) => w.includes('context was lost'))).toHaveLength(1);
      expect(warnings).toHaveLength(1);
      expect(errors).toEqual([]);

      // Reset after recovery: rebuilt on wasm, the notice goes, Play trains again.
      el.reset();
      await waitFor(() => readies.length === 3);
      expect(readies[2]).toBe('wasm');
      await el.updateComplete;
      expect(notice()).toBeNull();
      expect(el.playing).toBe(false);
      const beforePlay = steps.length;
      el.play();
      await waitFor(() => steps.length >= beforePlay + 5);
      expect(steps[beforePlay].epoch).toBe(1);
      el.pause();

      // No storm left behind: tf.js would poll the dead context's read fences forever (about 200
      // timers a second here); paused, the page now schedules next to nothing.
      let timers = 0;
      const { setTimeout: st, postMessage: pm } = window;
      window.setTimeout = ((...a: Parameters<typeof st>) => (timers++, st(...a))) as typeof st;
      window.postMessage = ((...a: Parameters<typeof pm>) => (timers++, pm(...(a as [unknown, string])))) as typeof pm;
      try {
        await new Promise((r) => st(r, 1000));
      } finally {
        window.setTimeout = st;
        window.postMessage = pm;
      }
      expect(timers).toBeLessThan(20);

      // Nothing is left behind: the tensors of the lost backend are released too.
      el.remove();
      expect(memoryInfo().numTensors).toBe(baseline);
      expect(errors).toEqual([]);
    } finally {
      console.warn = warn;
      console.error = error;
    }
  });
});
