import { describe, expect, it } from 'vitest';
import { createRng } from './random.ts';

describe('createRng', () => {
  it('repeats a sequence for a seed', () => {
    const a = createRng(123);
    const b = createRng(123);
    const xs = Array.from({ length: 50 }, () => a.next());
    expect(Array.from({ length: 50 }, () => b.next())).toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });
  it('gives Gaussian samples with the requested moments', () => {
    const rng = createRng(9);
    const xs = Array.from({ length: 20000 }, () => rng.normal(2, 3));
    const mean = xs.reduce((s, v) => s + v, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, v) => s + (v - mean) ** 2, 0) / xs.length);
    expect(mean).toBeCloseTo(2, 1);
    expect(sd).toBeCloseTo(3, 1);
  });
  it('shuffles into a permutation', () => {
    const items = createRng(1).shuffle(Array.from({ length: 30 }, (_, i) => i));
    expect([...items].sort((p, q) => p - q)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(items).not.toEqual(Array.from({ length: 30 }, (_, i) => i));
  });
});
