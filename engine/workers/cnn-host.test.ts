import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeak, useCpu } from '../../tests/helpers/leak.ts';
import { createCnnTrainer } from '../trainers/cnn.ts';
import type { CnnEvaluation } from '../trainers/cnn.ts';
import { createCnnSession } from './cnn-client.ts';
import { createCnnHost, type CnnLook, type CnnRequest, type CnnSessionInfo, type CnnTrainRound } from './cnn-host.ts';

beforeAll(useCpu);

/** Small enough for Node: 400 training digits, checks on 100 + 50. */
const TINY = { seed: 5, learningRate: 0.01, batchSize: 16, filters1: 4, filters2: 8, trainCount: 400, testCount: 100, trainEvalCount: 50 };
const ownsBuffer = (a: Float32Array | Int32Array) => a.byteOffset === 0 && a.byteLength === a.buffer.byteLength;

/** A host and a typed way to ask it. */
function host() {
  const handle = createCnnHost();
  const value = async <T>(r: CnnRequest) => (await handle(r)).value as T;
  return { handle, value };
}

describe('CNN session host (the worker side)', () => {
  it('trains in rounds the very updates the trainer takes, and the loss falls', async () => {
    const direct = await createCnnTrainer(TINY);
    const want: number[] = [];
    for (let i = 0; i < 40; i++) want.push((await direct.step(1)).loss);
    direct.dispose();

    const { handle, value } = host();
    const info = await value<CnnSessionInfo>({ op: 'init', options: TINY, backend: { prefer: 'cpu' } });
    expect(info).toMatchObject({ kernel: 'js', testCount: 1000, trainCount: 400, backend: null });
    expect(info.paramCount).toBeGreaterThan(1000);
    const rounds: CnnTrainRound[] = [];
    rounds.push(await value<CnnTrainRound>({ op: 'train', budgetMs: 0, max: 100 })); // at least one update
    rounds.push(await value<CnnTrainRound>({ op: 'train', budgetMs: 60_000, max: 3 })); // at most max
    while (rounds[rounds.length - 1].result.step < 40) rounds.push(await value<CnnTrainRound>({ op: 'train', budgetMs: 60_000, max: 40 - rounds[rounds.length - 1].result.step }));
    expect(rounds.map((r) => r.updates).slice(0, 2)).toEqual([1, 3]);
    expect(rounds.map((r) => r.result.step).slice(0, 2)).toEqual([1, 4]);
    expect(rounds[0].look).toBeNull();
    // Each round's loss is the mean of the trainer's own losses for those updates.
    let from = 0;
    for (const r of rounds) {
      const mean = want.slice(from, from + r.updates).reduce((a, b) => a + b, 0) / r.updates;
      expect(r.result.loss).toBeCloseTo(mean, 10);
      from += r.updates;
    }
    expect(from).toBe(40);
    const last = rounds[rounds.length - 1].result;
    expect(last.samples).toBe(40 * 16);
    expect(last.epoch).toBeCloseTo((40 * 16) / 400, 10);
    // Learning: the last ten updates' loss is well under the first ten's.
    const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
    expect(mean(want.slice(30))).toBeLessThan(mean(want.slice(0, 10)) * 0.8);
    const e = await value<CnnEvaluation>({ op: 'evaluate' });
    expect(e.confusion.reduce((a, b) => a + b, 0)).toBe(100);
    expect(e.testAccuracy).toBeGreaterThan(0.3);
    await handle({ op: 'dispose' });
  });

  it('Reset (a new init, or a new host) with the same seed gives the same numbers', async () => {
    const run = async (value: <T>(r: CnnRequest) => Promise<T>) => {
      await value({ op: 'init', options: TINY, backend: {} });
      const losses: number[] = [];
      for (let i = 0; i < 5; i++) losses.push((await value<CnnTrainRound>({ op: 'train', budgetMs: 0, max: 1 })).result.loss);
      const l = (await value<CnnTrainRound>({ op: 'train', budgetMs: 0, max: 1, probe: 7 })).look!;
      return { losses, probs: Array.from(l.probs), kernels: Array.from(l.kernels.weights) };
    };
    const a = host();
    const first = await run(a.value);
    const again = await run(a.value); // init on a host that already has a network replaces it
    const fresh = await run(host().value);
    expect(again).toEqual(first);
    expect(fresh).toEqual(first);
    const other = host();
    await other.value({ op: 'init', options: { ...TINY, seed: 6 }, backend: {} });
    expect((await other.value<CnnTrainRound>({ op: 'train', budgetMs: 0, max: 1 })).result.loss).not.toBe(first.losses[0]);
    for (const h of [a, other]) await h.handle({ op: 'dispose' });
  });

  it('reads out a test digit or a drawing: owned arrays, the right shapes, clear messages for bad probes', async () => {
    const { handle, value } = host();
    await value({ op: 'init', options: TINY, backend: {} });
    const l = await value<CnnLook>({ op: 'look', probe: 1003 });
    expect([l.index, l.label >= 0 && l.label <= 9]).toEqual([3, true]);
    expect(l.image).toHaveLength(784);
    expect([l.maps[0].channels, l.maps[0].width, l.maps[0].data.length]).toEqual([4, 28, 4 * 784]);
    expect([l.maps[1].channels, l.maps[1].width, l.maps[1].data.length]).toEqual([8, 14, 8 * 196]);
    expect(Math.min(...l.maps[0].data)).toBeGreaterThanOrEqual(0); // after ReLU
    expect([l.kernels.outChannels, l.kernels.size, l.kernels.weights.length]).toEqual([4, 5, 100]);
    expect(l.probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    for (const a of [l.image, l.kernels.weights, l.maps[0].data, l.maps[1].data, l.probs]) expect(ownsBuffer(a)).toBe(true);
    const drawing = new Float32Array(784).fill(0.5);
    const d = await value<CnnLook>({ op: 'look', probe: drawing });
    expect([d.index, d.label]).toEqual([-1, -1]);
    expect(Array.from(d.image)).toEqual(Array.from(drawing));
    await expect(handle({ op: 'look', probe: new Float32Array(10) })).rejects.toThrow('A probe image has 784 pixels (28 × 28), got 10.');
    await expect(handle({ op: 'look', probe: -1 })).rejects.toThrow('A probe index must be a whole number ≥ 0, got -1.');
    await handle({ op: 'dispose' });
    await expect(handle({ op: 'evaluate' })).rejects.toThrow(/not built/);
  });

  it('the tf.js kernel starts the backend asked for and its tensors return to the baseline after dispose', async () => {
    const baseline = tf.memory().numTensors;
    const { handle, value } = host();
    const options = { ...TINY, kernel: 'tfjs' as const, batchSize: 4, filters1: 2, filters2: 2, kernel1: 3, trainCount: 100, testCount: 20, trainEvalCount: 10 };
    const info = await value<CnnSessionInfo>({ op: 'init', options, backend: { prefer: 'cpu' } });
    expect(info.kernel).toBe('tfjs');
    expect(info.backend!.name).toBe('cpu');
    expect(tf.memory().numTensors).toBeGreaterThan(baseline);
    const r = await value<CnnTrainRound>({ op: 'train', budgetMs: 0, max: 2, probe: 0 });
    expect(r.updates).toBe(1);
    expect(r.look!.probs).toHaveLength(10);
    await value({ op: 'evaluate' });
    await handle({ op: 'dispose' });
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('dispose skips the queue: requests waiting reject', async () => {
    const { handle, value } = host();
    await value({ op: 'init', options: TINY, backend: {} });
    const queuedStep = handle({ op: 'train', budgetMs: 0, max: 1 });
    const queuedLook = handle({ op: 'look', probe: 0 });
    await handle({ op: 'dispose' });
    await expect(queuedStep).rejects.toThrow(/not built|disposed/);
    await expect(queuedLook).rejects.toThrow(/not built|disposed/);
  });

  it('without Web Workers (Node) a session runs on the page, says why, counts steps, and rejects after dispose', async () => {
    await expectNoLeak(async () => {
      const s = await createCnnSession({ trainer: TINY, backend: { prefer: 'cpu' } });
      expect(s.where).toBe('page');
      expect(s.fallbackReason).toBe('no Web Workers here');
      expect(s.info.kernel).toBe('js');
      expect(s.steps).toBe(0);
      const r = await s.train(0, 5, 2);
      expect(r.updates).toBe(1);
      expect(r.look!.index).toBe(2);
      expect(s.steps).toBe(1);
      expect((await s.train(60_000, 2)).result.step).toBe(3);
      expect(s.steps).toBe(3);
      s.dispose();
      expect(s.disposed).toBe(true);
      await expect(s.evaluate()).rejects.toThrow(/disposed/);
    });
  });

  it('bad options reject with the trainer’s message', async () => {
    await expect(createCnnSession({ trainer: { ...TINY, batchSize: 0 } })).rejects.toThrow('batchSize must be a whole number from 1 to 512, got 0.');
  });
});
