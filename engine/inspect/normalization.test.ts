import { describe, expect, it } from 'vitest';
import { loadMnist } from '../datasets/mnist.ts';
import { digitActivations, groupProblems, normalizeActivations, runningBatchStats, type Activations } from './normalization.ts';

const tiny = (): Activations => ({ data: Float32Array.from({ length: 2 * 4 * 1 * 2 }, (_, i) => i), n: 2, c: 4, h: 1, w: 2 });

describe('normalization layers', () => {
  it('share statistics over the right axes (hand-computed)', () => {
    const x = tiny(); // values 0…15, n-major: example 0 is 0…7, example 1 is 8…15
    const bn = normalizeActivations(x, 'batch');
    expect(bn.groupCount).toBe(4);
    expect(Array.from(bn.mean)).toEqual([4.5, 6.5, 8.5, 10.5]); // channel 0: 0, 1, 8, 9
    const ln = normalizeActivations(x, 'layer');
    expect(Array.from(ln.mean)).toEqual([3.5, 11.5]);
    const inn = normalizeActivations(x, 'instance');
    expect(inn.groupCount).toBe(8);
    expect(inn.mean[0]).toBe(0.5);
    expect(inn.variance[0]).toBe(0.25);
    const gn = normalizeActivations(x, 'group', { groups: 2 });
    expect(Array.from(gn.mean)).toEqual([1.5, 5.5, 9.5, 13.5]);
    // GroupNorm with G = 1 is LayerNorm, with G = C it is InstanceNorm.
    expect(Array.from(normalizeActivations(x, 'group', { groups: 1 }).y)).toEqual(Array.from(ln.y));
    expect(Array.from(normalizeActivations(x, 'group', { groups: 4 }).y)).toEqual(Array.from(inn.y));
    expect(groupProblems(6, 4)[0]).toContain('4 does not divide 6. Use one of: 1, 2, 3, 6');
  });

  it('gives every group mean 0 and variance 1 on real conv activations of digits', async () => {
    const { test } = await loadMnist();
    const acts = digitActivations(test, { batch: 4, seed: 3 });
    expect([acts.n, acts.c, acts.h, acts.w]).toEqual([4, 4, 7, 7]);
    expect(acts.data.some((v) => v > 0)).toBe(true);
    for (const kind of ['batch', 'layer', 'instance'] as const) {
      const r = normalizeActivations(acts, kind, { eps: 0 });
      const again = normalizeActivations({ ...acts, data: r.y }, kind);
      for (let g = 0; g < again.groupCount; g++) {
        expect(again.mean[g]).toBeCloseTo(0, 4);
        if (r.variance[g] > 0) expect(again.variance[g]).toBeCloseTo(1, 3);
      }
    }
    // At inference, batch norm uses running statistics: the batch is no longer exactly standardised.
    const running = runningBatchStats(test, { batch: 4, steps: 30, momentum: 0.1, seed: 5 });
    const inf = normalizeActivations(acts, 'batch', { stats: running });
    const check = normalizeActivations({ ...acts, data: inf.y }, 'batch');
    expect(Math.max(...Array.from(check.mean, Math.abs))).toBeGreaterThan(0.01);
    expect(Math.max(...Array.from(check.mean, Math.abs))).toBeLessThan(2);
  });
});
