import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeak, useCpu } from '../../tests/helpers/leak.ts';
import { createSeq2SeqTrainer } from '../trainers/seq2seq.ts';
import { createSeq2SeqSession } from './seq2seq-client.ts';
import { createSeq2SeqHost, type Seq2SeqRequest, type Seq2SeqSessionInfo, type Seq2SeqTrainRound } from './seq2seq-host.ts';
import type { Seq2SeqReadout } from '../trainers/seq2seq.ts';

beforeAll(useCpu);

const TINY = { task: 'date' as const, dModel: 8, heads: 2, layers: 1, batchSize: 8, evalSize: 4, seed: 3 };
const ownsBuffer = (a: Float32Array | Int32Array) => a.byteOffset === 0 && a.byteLength === a.buffer.byteLength;

describe('seq2seq session host (the worker side)', () => {
  it('trains in rounds the same steps the trainer takes, checks held out on the step asked, reads out owned arrays, and frees its tensors', async () => {
    const direct = createSeq2SeqTrainer(TINY);
    const want: number[] = [];
    for (let i = 0; i < 6; i++) want.push((await direct.step()).loss);
    direct.dispose();

    await expectNoLeak(async () => {
      const handle = createSeq2SeqHost();
      const value = async <T>(r: Seq2SeqRequest) => (await handle(r)).value as T;
      const info = await value<Seq2SeqSessionInfo>({ op: 'init', options: TINY, backend: { prefer: 'cpu' } });
      expect(info.backend.name).toBe('cpu');
      expect(info.task).toMatchObject({ name: 'date', sourceLength: 10, targetLength: 9 });
      expect(info.paramCount).toBeGreaterThan(500);
      const one = await value<Seq2SeqTrainRound>({ op: 'train', budgetMs: 0, evalEvery: 5, max: 100 });
      expect(one.steps.map((s) => s.step)).toEqual([1]);
      expect(one.evaluation).toBeNull();
      // A long budget: the round still ends at the held-out step (5), with the check.
      const toEval = await value<Seq2SeqTrainRound>({ op: 'train', budgetMs: 60_000, evalEvery: 5, max: 100 });
      expect(toEval.steps.map((s) => s.step)).toEqual([2, 3, 4, 5]);
      expect(toEval.evaluation!.exactMatch).toBeGreaterThanOrEqual(0);
      const capped = await value<Seq2SeqTrainRound>({ op: 'train', budgetMs: 60_000, evalEvery: 0, max: 1 });
      expect(capped.steps.map((s) => s.step)).toEqual([6]);
      // The very same seeded steps as the trainer alone.
      expect([...one.steps, ...toEval.steps, ...capped.steps].map((s) => s.loss)).toEqual(want);

      const source = await value<Int32Array>({ op: 'example' });
      expect(source).toHaveLength(10);
      const r = await value<Seq2SeqReadout>({ op: 'translate', source: Array.from(source) });
      expect(r.cross[0].heads).toHaveLength(2);
      expect(r.cross[0].heads[0]).toHaveLength(9 * 10);
      for (const a of [r.source, r.target, r.output, r.confidence, ...r.cross[0].heads, ...r.encoder[0].heads]) expect(ownsBuffer(a)).toBe(true);
      await expect(handle({ op: 'translate', source: [1, 2] })).rejects.toThrow(/takes 10 source tokens, got 2/);

      await handle({ op: 'dispose' });
      await expect(handle({ op: 'evaluate' })).rejects.toThrow(/not built/);
    });
  });

  it('dispose skips the queue: requests waiting reject and every tensor is freed at once', async () => {
    const baseline = tf.memory().numTensors;
    const handle = createSeq2SeqHost();
    await handle({ op: 'init', options: TINY, backend: { prefer: 'cpu' } });
    const source = (await handle({ op: 'example' })).value as Int32Array;
    const reading = handle({ op: 'translate', source: Array.from(source) });
    const queuedStep = handle({ op: 'train', budgetMs: 0, evalEvery: 0, max: 1 });
    await handle({ op: 'dispose' }); // (the engine's own test covers a dispose during a read)
    expect(tf.memory().numTensors).toBe(baseline);
    await expect(reading).rejects.toThrow(/not built|disposed/);
    await expect(queuedStep).rejects.toThrow(/not built|disposed/);
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('without Web Workers (Node) a session runs on the page, says why, counts steps, and rejects after dispose', async () => {
    await expectNoLeak(async () => {
      const s = await createSeq2SeqSession({ trainer: TINY, backend: { prefer: 'cpu' } });
      expect(s.where).toBe('page');
      expect(s.fallbackReason).toBe('no Web Workers here');
      expect(s.info.task.sourceLength).toBe(10);
      expect(s.steps).toBe(0);
      const r = await s.train(0, 10, 3);
      expect(r.steps).toHaveLength(1);
      expect(s.steps).toBe(1);
      expect((await s.train(60_000, 0, 2)).steps.map((x) => x.step)).toEqual([2, 3]);
      expect(s.steps).toBe(3);
      expect((await s.translate(await s.example())).output).toHaveLength(9);
      s.dispose();
      expect(s.disposed).toBe(true);
      await expect(s.evaluate()).rejects.toThrow(/disposed/);
      await new Promise((r) => setTimeout(r, 0));
    });
  });

  it('bad options reject with the trainer’s message', async () => {
    await expectNoLeak(async () => {
      await expect(createSeq2SeqSession({ trainer: { ...TINY, batchSize: 0 }, backend: { prefer: 'cpu' } })).rejects.toThrow(/Batch size must be a whole number/);
    });
  });
});
