import { describe, expect, it } from 'vitest';
import { loadMnist, sampleDigits } from '../datasets/mnist.ts';
import { createCnnCompressor } from './cnn-compress.ts';

describe('compressing a trained CNN layer', () => {
  it('full rank changes nothing; low rank stores fewer numbers and costs test accuracy; the original comes back', async () => {
    const full = await loadMnist();
    const data = { train: sampleDigits(full.train, 600, 1), test: sampleDigits(full.test, 200, 2) };
    const c = await createCnnCompressor({ data, filters1: 4, filters2: 8, learningRate: 0.01, trainCount: 600, testCount: 200, cpSweeps: 40 });
    const untrained = c.accuracy();
    const first = c.train(1);
    const last = c.train(60);
    const base = c.accuracy();
    expect(last).toBeLessThan(first);
    expect(base).toBeGreaterThan(untrained + 0.3);
    expect(c.layerShape('conv1')).toEqual({ tensor: [4, 5, 5], matrix: [4, 25] });
    expect(c.layerShape('conv2')).toEqual({ tensor: [8, 4, 9], matrix: [8, 36] });

    // conv1 as a 4 × 25 matrix: rank 4 is the whole layer.
    const exact = c.compress('conv1', 'svd', 4);
    expect(exact.error).toBeLessThan(1e-6);
    expect(exact.accuracy).toBe(base);
    expect(exact.params).toBe(4 * (4 + 25 + 1));
    expect(exact.originalParams).toBe(100);
    const one = c.compress('conv1', 'svd', 1);
    expect(one.params).toBe(30);
    expect(one.error).toBeGreaterThan(0.3);
    expect(one.error).toBeCloseTo(Math.sqrt(c.singularValues('conv1').slice(1).reduce((s, v) => s + v * v, 0)) / Math.sqrt(c.singularValues('conv1').reduce((s, v) => s + v * v, 0)), 5);
    expect(one.accuracy).toBeLessThan(base - 0.05);

    // conv2 as an 8 × 4 × 9 tensor: Tucker at full ranks is exact; a small core is not.
    const tuckerFull = c.compress('conv2', 'tucker', [8, 4, 9]);
    expect(tuckerFull.error).toBeLessThan(1e-6);
    expect(tuckerFull.accuracy).toBe(base);
    const tuckerSmall = c.compress('conv2', 'tucker', [2, 2, 9]);
    expect(tuckerSmall.params).toBe(2 * 2 * 9 + 8 * 2 + 4 * 2 + 9 * 9);
    expect(tuckerSmall.params).toBeLessThan(tuckerSmall.originalParams);
    expect(tuckerSmall.error).toBeGreaterThan(0.2);

    // CP: more components, smaller error.
    const cp2 = c.compress('conv2', 'cp', 2);
    const cp12 = c.compress('conv2', 'cp', 12);
    expect(cp12.error).toBeLessThan(cp2.error);
    expect(cp2.params).toBe(2 * (8 + 4 + 9 + 1));

    // Compression never edits the network itself.
    expect(c.accuracy()).toBe(base);
    expect(() => c.compress('conv3' as 'conv1', 'svd', 1)).toThrow('layer must be conv1 or conv2, got conv3.');
  });

  it('training digit by digit, in any slices, gives exactly the weights of whole updates', async () => {
    const full = await loadMnist();
    const data = { train: sampleDigits(full.train, 100, 3), test: sampleDigits(full.test, 20, 4) };
    const make = () => createCnnCompressor({ data, filters1: 2, filters2: 4, batchSize: 8, trainCount: 100, testCount: 20, seed: 5 });
    const whole = await make();
    const lossWhole = whole.train(15); // 120 digits: past the end of the first shuffled pass
    const sliced = await make();
    let updates = 0;
    let lossSum = 0;
    // Slices of 1 to 8 digits (at most one update each), crossing batch ends anywhere.
    const sizes = [1, 3, 7, 2, 5, 8, 1, 6];
    for (let digits = 0, k = 0; digits < 120; k++) {
      const n = Math.min(sizes[k % sizes.length], 120 - digits);
      const done = sliced.trainDigits(n);
      digits += n;
      updates += done;
      if (done) lossSum += sliced.lastLoss;
    }
    expect(updates).toBe(15);
    expect(sliced.steps).toBe(15);
    expect(sliced.weights('conv1')).toEqual(whole.weights('conv1'));
    expect(sliced.weights('conv2')).toEqual(whole.weights('conv2'));
    expect(sliced.accuracy()).toBe(whole.accuracy());
    expect(lossSum / 15).toBeCloseTo(lossWhole, 6);
    // Half a batch changes nothing yet; the rest of it is the next update.
    expect(sliced.trainDigits(4)).toBe(0);
    expect(sliced.steps).toBe(15);
    expect(sliced.weights('conv1')).toEqual(whole.weights('conv1'));
    whole.train(1);
    sliced.train(1);
    expect(sliced.weights('conv1')).toEqual(whole.weights('conv1'));
  });
});
