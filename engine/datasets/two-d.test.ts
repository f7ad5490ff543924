import { describe, expect, it } from 'vitest';
import { DATASETS_2D, EXTENT, generate1D, generate2D, splitDataset } from './two-d.ts';
import { featurize, gridPoints } from './features.ts';

describe('2-D datasets', () => {
  it.each(DATASETS_2D)('%s is deterministic for a seed and differs across seeds', (name) => {
    const a = generate2D(name, { n: 200, noise: 0.2, seed: 7 });
    const b = generate2D(name, { n: 200, noise: 0.2, seed: 7 });
    const c = generate2D(name, { n: 200, noise: 0.2, seed: 8 });
    expect(a.x).toEqual(b.x);
    expect(a.y).toEqual(b.y);
    expect(a.x).not.toEqual(c.x);
    for (const v of a.x) expect(Math.abs(v)).toBeLessThanOrEqual(EXTENT);
  });

  it('classification sets are balanced 0/1', () => {
    for (const name of ['circle', 'xor', 'gauss', 'spiral', 'moons'] as const) {
      const d = generate2D(name, { n: 400, seed: 3 });
      expect(d.task).toBe('classification');
      const ones = d.y.reduce((s, v) => s + v, 0);
      expect(new Set(d.y)).toEqual(new Set([0, 1]));
      expect(ones / d.n).toBeGreaterThan(0.35);
      expect(ones / d.n).toBeLessThan(0.65);
    }
  });

  it('circle labels follow the radius when noise is 0', () => {
    const d = generate2D('circle', { n: 300, seed: 2 });
    for (let i = 0; i < d.n; i++) {
      const r = Math.hypot(d.x[2 * i], d.x[2 * i + 1]);
      expect(d.y[i]).toBe(r < 3 ? 1 : 0);
    }
  });

  it('xor labels follow the sign of x1·x2 when noise is 0', () => {
    const d = generate2D('xor', { n: 300, seed: 2 });
    for (let i = 0; i < d.n; i++) expect(d.y[i]).toBe(d.x[2 * i] * d.x[2 * i + 1] > 0 ? 1 : 0);
  });

  it('rejects bad options with the accepted values', () => {
    // @ts-expect-error: testing a bad name from markup
    expect(() => generate2D('donut')).toThrow(/Unknown dataset "donut". Use one of: circle, xor/);
    expect(() => generate2D('xor', { noise: 2 })).toThrow(/Noise must lie in \[0, 1\]/);
    expect(() => generate2D('xor', { n: 1 })).toThrow(/integer ≥ 2/);
  });

  it('split keeps every point exactly once', () => {
    const d = generate2D('gauss', { n: 100, seed: 4 });
    const { train, test } = splitDataset(d, 0.7, 4);
    expect(train.n).toBe(70);
    expect(test.n).toBe(30);
    const key = (x: Float32Array, i: number) => `${x[2 * i]},${x[2 * i + 1]}`;
    const seen = new Set<string>();
    for (let i = 0; i < train.n; i++) seen.add(key(train.x, i));
    for (let i = 0; i < test.n; i++) seen.add(key(test.x, i));
    expect(seen.size).toBe(100);
    expect(() => splitDataset(d, 1)).toThrow(/strictly between 0 and 1/);
  });

  it('1-D regression sets are seeded and follow their curve', () => {
    const clean = generate1D('line', { n: 20, noise: 0, seed: 1 });
    for (let i = 0; i < clean.n; i++) expect(clean.y[i]).toBeCloseTo(0.8 * clean.x[i] + 0.3, 5);
    expect(generate1D('sine', { seed: 5 }).x).toEqual(generate1D('sine', { seed: 5 }).x);
  });

  it('features and grid have the right layout', () => {
    const pts = new Float32Array([6, -3]);
    expect(Array.from(featurize(pts, ['x1', 'x2', 'x1sq', 'x1x2']))).toEqual([1, -0.5, 1, -0.5]);
    const g = gridPoints(2);
    expect(Array.from(g)).toEqual([-3, 3, 3, 3, -3, -3, 3, -3]);
  });
});
