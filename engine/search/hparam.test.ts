import { describe, expect, it } from 'vitest';
import { bestTrial, createHparamSearch, type TrialResult } from './hparam.ts';

describe('hyper-parameter search', () => {
  it('plans a grid and random draws within the ranges, with the same budget', () => {
    const s = createHparamSearch({ budget: 9, seed: 3 });
    const grid = s.plan('grid');
    const random = s.plan('random');
    expect(grid).toHaveLength(9);
    expect(random).toHaveLength(9);
    // The grid tries only 3 distinct learning rates; random search tries 9.
    expect(new Set(grid.map((t) => t.learningRate.toFixed(6))).size).toBe(3);
    expect(new Set(random.map((t) => t.learningRate.toFixed(6))).size).toBe(9);
    for (const t of [...grid, ...random]) {
      expect(t.learningRate).toBeGreaterThanOrEqual(0.001 - 1e-12);
      expect(t.learningRate).toBeLessThanOrEqual(1 + 1e-12);
      expect(t.width).toBeGreaterThanOrEqual(1);
      expect(t.width).toBeLessThanOrEqual(24);
    }
    expect(s.plan('random')).toEqual(random);
  });

  it('runs trials to completion and scores them; a sensible setting beats a hopeless one', async () => {
    const s = createHparamSearch({ dataset: 'circle', epochs: 30, seed: 2 });
    const results: TrialResult[] = [];
    for (const trial of [
      { index: 0, strategy: 'grid' as const, learningRate: 0.1, width: 8 },
      { index: 1, strategy: 'grid' as const, learningRate: 0.00001, width: 1 },
    ]) {
      const run = s.start(trial);
      while (!run.done) await run.advance(7);
      expect(run.epoch).toBe(30);
      results.push(run.result!);
    }
    expect(results[0].accuracy).toBeGreaterThan(0.9);
    expect(results[0].accuracy).toBeGreaterThan(results[1].accuracy);
    expect(bestTrial(results)).toBe(results[0]);
  });

  it('rejects a bad budget', () => {
    expect(() => createHparamSearch({ budget: 0 })).toThrow(/budget must be a whole number from 1 to 100/);
  });
});
