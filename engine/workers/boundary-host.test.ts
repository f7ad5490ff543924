/**
 * `<dl-decision-boundary>`'s tfjs kernel in a worker's host: the same seed gives the very numbers
 * of the in-page tfjs trainer (weights bit for bit, losses, pictures), however the epochs are cut
 * and with a point added mid-epoch; without Web Workers (Node) it runs on the page and says why.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeak, useCpu } from '../../tests/helpers/leak.ts';
import { createBoundaryTrainer, type BoundaryOptions, type BoundaryTrainer } from '../trainers/boundary.ts';
import type { TfEpochsAnswer } from '../trainers/supervised.ts';
import { createBoundaryRemote, type BoundaryRemote } from './boundary-client.ts';
import { createBoundaryHost, type BoundaryHostInfo, type BoundaryRequest } from './boundary-host.ts';

beforeAll(useCpu);

/** Several minibatches an epoch, every optimizer state in play (Adam), a penalty. */
const SMALL: BoundaryOptions = { dataset: 'spiral', points: 120, features: ['x1', 'x2', 'x1x2'], hidden: [16, 8], batchSize: 7, optimizer: 'adam', learningRate: 0.01, regularization: 'l2', regularizationRate: 0.001, seed: 11, kernel: 'tfjs' };

const weights = (t: BoundaryTrainer) => [...t.trainer.params.w, ...t.trainer.params.b].map((a) => Array.from(a));

/** A trainer whose minibatches run in a host (through the client), and that host's remote. */
function remoteTrainer(options: BoundaryOptions, worker: boolean): { t: BoundaryTrainer; remote: () => BoundaryRemote } {
  let remote: BoundaryRemote | undefined;
  const t = createBoundaryTrainer({ ...options, tfjsElsewhere: (init) => (remote = createBoundaryRemote(init, { worker, backend: { prefer: 'cpu' } })) });
  return { t, remote: () => remote! };
}

describe('decision-boundary host (the tfjs kernel in a worker)', () => {
  it.each([
    ['on the page, asked for', false],
    ['with no Web Workers here (Node), falling back', true],
  ] as const)('%s: two epochs in the smallest slices, a point added mid-way, equal the in-page tfjs trainer bit for bit', async (_, worker) => {
    await expectNoLeak(async () => {
      const page = createBoundaryTrainer(SMALL);
      const { t, remote } = remoteTrainer(SMALL, worker);
      expect(t.trainer.kernel).toBe('tfjs');
      const info = await remote().ready;
      expect(info.where).toBe('page');
      expect(info.backend.name).toBe('cpu');
      if (worker) expect(info.fallbackReason).toMatch(/no Web Workers/);
      else expect(info.fallbackReason).toBeUndefined();
      // The seeded start is the same network.
      expect(weights(t)).toEqual(weights(page));

      await page.trainer.fitUntil(-Infinity, 1);
      let calls = 1;
      await t.trainer.fitUntil(-Infinity, 1);
      expect(t.trainer.midEpoch).toBe(true);
      expect(t.trainer.epochRows).toEqual({ done: 7, total: page.trainer.rows.train });
      page.addPoint({ x1: 1, x2: -2, label: 1 });
      t.addPoint({ x1: 1, x2: -2, label: 1 });
      await page.trainer.fit(2);
      for (let epochs = 0; epochs < 2; calls++) epochs += await t.trainer.fitUntil(-Infinity, 2);
      expect(calls).toBeGreaterThan(10); // really cut: one minibatch a call
      expect(t.trainer.epoch).toBe(2);
      expect(t.trainer.updates).toBe(page.trainer.updates);
      expect(t.trainer.epochRows).toEqual({ done: 0, total: 0 });
      expect(weights(t)).toEqual(weights(page));
      expect(t.trainer.evaluate()).toEqual(page.trainer.evaluate());
      expect(Array.from(t.predictGrid(20))).toEqual(Array.from(page.predictGrid(20)));
      // It learned something on the way (the same for both, so say it once).
      expect(page.trainer.evaluate().trainLoss).toBeLessThan(0.75);
      page.dispose();
      t.dispose();
      t.dispose(); // twice is safe
      await new Promise((r) => setTimeout(r, 0));
    });
  });

  it('answers init with its backend, runs pieces on rows it was sent, copies the weights it transfers, and frees its tensors', async () => {
    const tensors = tf.memory().numTensors;
    const handle = createBoundaryHost();
    const value = async <T>(r: BoundaryRequest) => (await handle(r)).value as T;
    await expect(handle({ op: 'run', piece: { order: new Uint32Array([0]), off: 0, bs: 1, budgetMs: 0 } })).rejects.toThrow(/not built yet/);
    const source = createBoundaryTrainer({ ...SMALL, kernel: 'js' });
    const init = { spec: source.trainer.spec, params: source.trainer.params, optimizer: { name: 'sgd' as const, learningRate: 0.1 } };
    const info = await value<BoundaryHostInfo>({ op: 'init', init, backend: { prefer: 'cpu' } });
    expect(info.backend.name).toBe('cpu');
    await expect(handle({ op: 'run', piece: { order: new Uint32Array([0, 1]), off: 0, bs: 1, budgetMs: 0 } })).rejects.toThrow(/must carry the training rows/);
    const data = source.trainer.rows.train;
    expect(data).toBeGreaterThan(4);
    const train = { x: new Float32Array(4 * 3).fill(0.5), y: new Float32Array([1, 0, 1, 0]), n: 4, dims: 3, task: 'classification' as const };
    const order = new Uint32Array([3, 1, 0, 2]);
    // A budget already spent: one minibatch, no weights yet.
    const one = await value<TfEpochsAnswer>({ op: 'run', piece: { order, off: 0, bs: 2, budgetMs: 0, data: train } });
    expect(one).toMatchObject({ off: 2, count: 1, params: null });
    const end = await handle({ op: 'run', piece: { order, off: 2, bs: 2, budgetMs: 60_000 } });
    const a = end.value as TfEpochsAnswer;
    expect(a).toMatchObject({ off: 4, count: 1 });
    expect(a.params!.w.map((w) => w.length)).toEqual(source.trainer.params.w.map((w) => w.length));
    expect(end.transfer).toHaveLength(a.params!.w.length + a.params!.b.length);
    // SGD moved the weights away from where they started.
    expect(Array.from(a.params!.w[0])).not.toEqual(Array.from(source.trainer.params.w[0]));
    await handle({ op: 'dispose' });
    await expect(handle({ op: 'run', piece: { order, off: 0, bs: 2, budgetMs: 0 } })).rejects.toThrow(/not built yet/);
    expect(tf.memory().numTensors).toBe(tensors);
    source.dispose();
  });
});
