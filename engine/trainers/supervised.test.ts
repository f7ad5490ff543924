import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeak, useCpu } from '../../tests/helpers/leak.ts';
import { CLASSIFICATION_SETS, generate1D } from '../datasets/two-d.ts';
import { createBoundaryTrainer } from './boundary.ts';
import { createSupervisedTrainer } from './supervised.ts';

beforeAll(useCpu);

describe('supervised trainer', () => {
  it.each(['js', 'tfjs'] as const)('%s kernel: the same seed gives identical losses', async (kernel) => {
    await expectNoLeak(async () => {
      const run = async () => {
        const t = createBoundaryTrainer({ dataset: 'spiral', hidden: [8, 8], seed: 5, kernel, optimizer: 'adam', learningRate: 0.01 });
        const losses: number[] = [];
        await t.trainer.run({ epochs: 5, onStep: (r) => losses.push(r.trainLoss) });
        t.dispose();
        return losses;
      };
      const a = await run();
      const b = await run();
      expect(a).toEqual(b);
      expect(a.every(Number.isFinite)).toBe(true);
    });
  });

  it('the js and tfjs kernels follow the same trajectory', async () => {
    const losses = async (kernel: 'js' | 'tfjs') => {
      const t = createBoundaryTrainer({ dataset: 'xor', hidden: [4], seed: 2, kernel, optimizer: 'momentum', learningRate: 0.05 });
      const r = await t.trainer.run({ epochs: 3 });
      t.dispose();
      return r.trainLoss;
    };
    expect(await losses('js')).toBeCloseTo(await losses('tfjs'), 4);
  });

  it.each(CLASSIFICATION_SETS)('loss falls on %s', async (dataset) => {
    const t = createBoundaryTrainer({ dataset, hidden: [8, 8], activation: 'relu', optimizer: 'adam', learningRate: 0.02, seed: 3 });
    const start = t.trainer.evaluate().trainLoss;
    const end = await t.trainer.run({ epochs: 40 });
    expect(end.trainLoss).toBeLessThan(start * 0.7);
    t.dispose();
  });

  it('regression loss falls on the 2-D and 1-D sets', async () => {
    const t = createBoundaryTrainer({ dataset: 'multi-gauss', hidden: [8, 8], optimizer: 'adam', learningRate: 0.03, seed: 3 });
    const start = t.trainer.evaluate().trainLoss;
    expect((await t.trainer.run({ epochs: 30 })).trainLoss).toBeLessThan(start * 0.7);
    expect(Number.isNaN(t.accuracy())).toBe(true);
    t.dispose();

    const data = generate1D('sine', { n: 60, seed: 2 });
    const s = createSupervisedTrainer({
      spec: { inputs: 1, hidden: [16], outputs: 1, activation: 'tanh', output: 'linear', regularization: 'none', regularizationRate: 0 },
      train: data,
      optimizer: { name: 'adam', learningRate: 0.02 },
      seed: 1,
    });
    const s0 = s.evaluate().trainLoss;
    expect((await s.run({ epochs: 200 })).trainLoss).toBeLessThan(s0 * 0.3);
    s.dispose();
  });

  // The spiral target: 2 features, 16-16 tanh, Adam 0.03, batch 10, seed 1. 300 epochs of 250
  // points each. Pinned to the JS kernel: this run crosses 95 % only at epoch 280, and after ~2,000
  // Adam steps float32 rounding (the SIMD kernel's, or any other) sends it down another path.
  it('reaches ≥ 95 % test accuracy on the spiral within 300 epochs', async () => {
    const t = createBoundaryTrainer({ dataset: 'spiral', hidden: [16, 16], activation: 'tanh', optimizer: 'adam', learningRate: 0.03, seed: 1, kernel: 'js' });
    let reachedAt = -1;
    for (let e = 1; e <= 300 && reachedAt < 0; e++) {
      await t.step();
      if (e % 10 === 0 && t.accuracy('test') >= 0.95) reachedAt = e;
    }
    expect(reachedAt).toBeGreaterThan(0);
    t.dispose();
  });

  it('keeps tf.memory().numTensors flat over 2,000 tf.js steps and back to baseline after dispose', async () => {
    const baseline = tf.memory().numTensors;
    const t = createBoundaryTrainer({ dataset: 'circle', hidden: [4, 4], kernel: 'tfjs', optimizer: 'adam', batchSize: 25, trainRatio: 0.5, points: 100 });
    await t.step(); // creates optimizer slots
    const afterFirst = tf.memory().numTensors;
    // 100 points at ratio 0.5 and batch 25: 2 updates per epoch.
    await t.trainer.run({ epochs: 1000 });
    expect(t.trainer.evaluate().updates).toBe(2002);
    expect(tf.memory().numTensors).toBe(afterFirst);
    t.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('adds a point to the training set and keeps training', async () => {
    const t = createBoundaryTrainer({ dataset: 'gauss', seed: 1 });
    const n = t.train.n;
    t.addPoint({ x1: 5, x2: -5, label: 1 });
    expect(t.train.n).toBe(n + 1);
    expect((await t.step()).epoch).toBe(1);
    t.dispose();
  });

  it('rejects bad specs with clear messages', () => {
    expect(() => createBoundaryTrainer({ hidden: [0] })).toThrow(/1 to 256 neurons/);
    // @ts-expect-error: typo from markup
    expect(() => createBoundaryTrainer({ activation: 'gelu' })).toThrow(/Unknown activation "gelu". Use one of: relu, tanh, sigmoid, linear/);
    // @ts-expect-error: typo from markup
    expect(() => createBoundaryTrainer({ features: ['x3'] })).toThrow(/Unknown feature "x3"/);
    expect(() => createBoundaryTrainer({ learningRate: 0 })).toThrow(/Learning rate must be a positive number/);
    expect(() => createBoundaryTrainer({ batchSize: 0 })).toThrow(/Batch size/);
    expect(() => createBoundaryTrainer({ trainRatio: 0 })).toThrow(/strictly between 0 and 1/);
  });

  it.each(['js', 'wasm-simd', 'tfjs'] as const)('%s kernel: starts from given weights, and names weights that do not fit', async (kernel) => {
    await expectNoLeak(async () => {
      const a = createBoundaryTrainer({ dataset: 'xor', hidden: [5], seed: 3, kernel: 'js', learningRate: 0.1 });
      await a.trainer.fit(40);
      const trained = a.trainer.evaluate().trainLoss;
      const b = createBoundaryTrainer({ dataset: 'xor', hidden: [5], seed: 9, kernel, learningRate: 0.1, initial: a.trainer.params });
      // b's own seed would give other weights: its predictions equal a's only if it started from a's.
      const x = Float32Array.from([0.5, 0.5, -2, 3, 4, -1]);
      const pa = a.trainer.predict(x, 3);
      const pb = b.trainer.predict(x, 3);
      pa.forEach((v, i) => expect(pb[i]).toBeCloseTo(v, 6));
      // Training goes on from there (not from b's seed).
      await b.trainer.fit(1);
      expect(Number.isFinite(b.trainer.evaluate().trainLoss)).toBe(true);
      expect(trained).toBeLessThan(0.69);
      expect(() => createBoundaryTrainer({ dataset: 'xor', hidden: [4], kernel, initial: a.trainer.params })).toThrow('The starting weights are for a 2-5-1 network, but this network is 2-4-1.');
      const bad = { ...a.trainer.params, w: [a.trainer.params.w[0].map(() => NaN), a.trainer.params.w[1]] };
      expect(() => createBoundaryTrainer({ dataset: 'xor', hidden: [5], kernel, initial: bad })).toThrow(/not a finite number/);
      a.dispose();
      b.dispose();
    });
  });
});
