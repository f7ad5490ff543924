import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeak, useCpu } from '../../tests/helpers/leak.ts';
import type { AttentionReadout } from '../inspect/attention.ts';
import { createSequenceTrainer } from '../trainers/sequence.ts';
import { createAttentionSession } from './attention-client.ts';
import { createAttentionHost, type AttentionRequest, type AttentionSessionInfo, type AttentionTrainRound } from './attention-host.ts';

beforeAll(useCpu);

const TINY = { task: 'reverse' as const, dModel: 16, heads: 2, batchSize: 32, evalSize: 16, seed: 3 };
const ownsBuffer = (a: Float32Array | Int32Array) => a.byteOffset === 0 && a.byteLength === a.buffer.byteLength;

describe('attention session host (the worker side)', () => {
  it('trains in rounds the very steps the trainer takes, the loss falls, reads out owned arrays, and frees its tensors', async () => {
    const direct = createSequenceTrainer(TINY);
    const want: number[] = [];
    for (let i = 0; i < 4; i++) want.push((await direct.step()).loss);
    direct.dispose();

    await expectNoLeak(async () => {
      const handle = createAttentionHost();
      const value = async <T>(r: AttentionRequest) => (await handle(r)).value as T;
      const info = await value<AttentionSessionInfo>({ op: 'init', options: TINY, backend: { prefer: 'cpu' } });
      expect(info.backend.name).toBe('cpu');
      expect(info.task).toMatchObject({ name: 'reverse', length: 8, vocabSize: 10, causal: false });
      expect(info.options).toMatchObject({ layers: 1, heads: 2, dModel: 16, causal: false });
      expect(info.paramCount).toBeGreaterThan(1000);
      const one = await value<AttentionTrainRound>({ op: 'train', budgetMs: 0, max: 100 });
      expect(one.steps.map((s) => s.step)).toEqual([1]);
      // A long budget: the round ends at `max`.
      const capped = await value<AttentionTrainRound>({ op: 'train', budgetMs: 60_000, max: 3 });
      expect(capped.steps.map((s) => s.step)).toEqual([2, 3, 4]);
      // The very same seeded steps as the trainer alone.
      expect([...one.steps, ...capped.steps].map((s) => s.loss)).toEqual(want);
      // It learns: the held-out loss falls over a few more rounds.
      const before = await value<{ loss: number }>({ op: 'evaluate' });
      for (let i = 0; i < 2; i++) await handle({ op: 'train', budgetMs: 60_000, max: 8 });
      expect((await value<{ loss: number }>({ op: 'evaluate' })).loss).toBeLessThan(before.loss);

      const input = await value<Int32Array>({ op: 'example' });
      expect(input).toHaveLength(8);
      expect(ownsBuffer(input)).toBe(true);
      const r = await value<AttentionReadout>({ op: 'inspect', input: Array.from(input) });
      expect(r.length).toBe(8);
      expect(r.layers).toHaveLength(1);
      expect(r.layers[0].heads).toHaveLength(2);
      const w = r.layers[0].heads[0].weights;
      expect(w).toHaveLength(64);
      for (let i = 0; i < 8; i++) expect(w.slice(i * 8, i * 8 + 8).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
      for (const a of [r.predictions, r.probabilities, ...r.layers[0].heads.flatMap((h) => [h.raw, h.scaled, h.masked, h.weights])]) expect(ownsBuffer(a)).toBe(true);
      await expect(handle({ op: 'inspect', input: [1, 2] })).rejects.toThrow(/reads 8 tokens, got 2/);
      await expect(handle({ op: 'inspect', input: [1, 2, 3, 4, 5, 6, 7, 12] })).rejects.toThrow(/Token 12 is not a symbol.*0–9/);

      await handle({ op: 'dispose' });
      await expect(handle({ op: 'evaluate' })).rejects.toThrow(/not built/);
    });
  });

  it('the same seed gives the same numbers; another seed other numbers', async () => {
    const run = async (seed: number) => {
      const handle = createAttentionHost();
      await handle({ op: 'init', options: { ...TINY, seed }, backend: { prefer: 'cpu' } });
      const round = (await handle({ op: 'train', budgetMs: 60_000, max: 3 })).value as AttentionTrainRound;
      const input = (await handle({ op: 'example' })).value as Int32Array;
      const r = (await handle({ op: 'inspect', input: Array.from(input) })).value as AttentionReadout;
      await handle({ op: 'dispose' });
      return { losses: round.steps.map((s) => s.loss), input: Array.from(input), weights: Array.from(r.layers[0].heads[1].weights) };
    };
    await expectNoLeak(async () => {
      const a = await run(5);
      expect(await run(5)).toEqual(a);
      expect((await run(6)).losses).not.toEqual(a.losses);
    });
  });

  it('starts from the shipped weights: the trained model reverses at once', async () => {
    await expectNoLeak(async () => {
      const handle = createAttentionHost();
      const info = (await handle({ op: 'init', options: { task: 'reverse', trained: true, dModel: 8 }, backend: { prefer: 'cpu' } })).value as AttentionSessionInfo;
      expect(info.options.dModel).toBe(32); // the weights' own width wins
      const r = (await handle({ op: 'inspect', input: [3, 1, 4, 1, 5, 9, 2, 6] })).value as AttentionReadout;
      expect(Array.from(r.predictions)).toEqual([6, 2, 9, 5, 1, 4, 1, 3]);
      await handle({ op: 'dispose' });
      // Shipped weights for another task are refused with the trainer's message.
      await expect(handle({ op: 'init', options: { task: 'reverse', length: 6, trained: true }, backend: { prefer: 'cpu' } })).rejects.toThrow(/weights are for 10 symbols and length 8/);
    });
  });

  it('dispose skips the queue: requests waiting reject and every tensor is freed at once', async () => {
    const baseline = tf.memory().numTensors;
    const handle = createAttentionHost();
    await handle({ op: 'init', options: TINY, backend: { prefer: 'cpu' } });
    const input = (await handle({ op: 'example' })).value as Int32Array;
    const queuedStep = handle({ op: 'train', budgetMs: 0, max: 1 });
    const reading = handle({ op: 'inspect', input: Array.from(input) });
    await handle({ op: 'dispose' });
    expect(tf.memory().numTensors).toBe(baseline);
    await expect(queuedStep).rejects.toThrow(/not built|disposed/);
    await expect(reading).rejects.toThrow(/not built|disposed/);
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('without Web Workers (Node) a session runs on the page, says why, counts steps, and rejects after dispose', async () => {
    await expectNoLeak(async () => {
      const s = await createAttentionSession({ trainer: TINY, backend: { prefer: 'cpu' } });
      expect(s.where).toBe('page');
      expect(s.fallbackReason).toBe('no Web Workers here');
      expect(s.info.task.length).toBe(8);
      expect(s.steps).toBe(0);
      expect((await s.train(0, 3)).steps).toHaveLength(1);
      expect(s.steps).toBe(1);
      expect((await s.train(60_000, 2)).steps.map((x) => x.step)).toEqual([2, 3]);
      expect(s.steps).toBe(3);
      expect((await s.inspect(await s.example())).predictions).toHaveLength(8);
      s.dispose();
      expect(s.disposed).toBe(true);
      await expect(s.evaluate()).rejects.toThrow(/disposed/);
      await new Promise((r) => setTimeout(r, 0));
    });
  });

  it('bad options reject with the trainer’s message', async () => {
    await expectNoLeak(async () => {
      await expect(createAttentionSession({ trainer: { ...TINY, batchSize: 0 }, backend: { prefer: 'cpu' } })).rejects.toThrow(/Batch size must be a whole number/);
    });
  });
});
