import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeak, useCpu } from '../../tests/helpers/leak.ts';
import { loadMnist, sampleDigits } from '../datasets/mnist.ts';
import { createCnnTrainer } from './cnn.ts';

beforeAll(useCpu);

describe('CNN trainer', () => {
  it('loss falls and accuracy rises over a short seeded run (fused JS kernel)', async () => {
    const full = await loadMnist();
    const data = { train: sampleDigits(full.train, 1000, 1), test: sampleDigits(full.test, 200, 2) };
    const t = await createCnnTrainer({ data, seed: 1, learningRate: 0.01, batchSize: 16, filters1: 4, filters2: 8, trainEvalCount: 100 });
    const before = await t.evaluate();
    const first = await t.step(1);
    let last = first;
    for (let i = 0; i < 4; i++) last = await t.step(10);
    const after = await t.evaluate();
    expect(last.step).toBe(41);
    expect(last.loss).toBeLessThan(first.loss * 0.7);
    expect(after.testLoss).toBeLessThan(before.testLoss);
    expect(after.testAccuracy).toBeGreaterThan(before.testAccuracy + 0.3);
    expect(after.confusion.reduce((a, b) => a + b, 0)).toBe(200);
    const k = t.kernels();
    expect([k.outChannels, k.inChannels, k.size, k.weights.length]).toEqual([4, 1, 5, 100]);
    const maps = t.featureMaps(data.test.images.subarray(0, 784));
    expect(maps.map((m) => [m.channels, m.height, m.width])).toEqual([[4, 28, 28], [4, 14, 14], [8, 14, 14], [8, 7, 7]]);
    const p = t.predict(data.test.images.subarray(0, 784));
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    t.dispose();
  });

  it('the tf.js kernel trains too, keeps the tensor count flat and frees everything', async () => {
    const full = await loadMnist();
    const data = { train: sampleDigits(full.train, 100, 3), test: sampleDigits(full.test, 40, 4) };
    await expectNoLeak(async () => {
      const t = await createCnnTrainer({ data, kernel: 'tfjs', seed: 2, learningRate: 0.01, batchSize: 8, filters1: 2, filters2: 2, kernel1: 3, trainEvalCount: 20 });
      const first = await t.step(1);
      const tensors = tf.memory().numTensors;
      const last = await t.step(3);
      expect(tf.memory().numTensors).toBe(tensors);
      expect(Number.isFinite(last.loss)).toBe(true);
      expect(first.loss).toBeGreaterThan(0);
      const e = await t.evaluate();
      expect(e.confusion.reduce((a, b) => a + b, 0)).toBe(40);
      expect(t.featureMaps(data.test.images.subarray(0, 784))[0].channels).toBe(2);
      t.dispose();
    });
  });

  it('is reproducible with a seed and rejects bad options in words', async () => {
    const full = await loadMnist();
    const data = { train: sampleDigits(full.train, 200, 1), test: sampleDigits(full.test, 50, 2) };
    const run = async () => {
      const t = await createCnnTrainer({ data, seed: 4, filters1: 2, filters2: 2, trainEvalCount: 50 });
      const r = await t.step(3);
      t.dispose();
      return r.loss;
    };
    expect(await run()).toBe(await run());
    await expect(createCnnTrainer({ data, batchSize: 0 })).rejects.toThrow('batchSize must be a whole number from 1 to 512, got 0.');
    await expect(createCnnTrainer({ data, filters1: 99 })).rejects.toThrow('filters1 must be a whole number from 1 to 32, got 99.');
  });
});
