import { describe, expect, it } from 'vitest';
import { REVERSE_WEIGHTS } from '../models/weights/attention-reverse.ts';
import { additiveScores, cosineSimilarity, learnedPositionTable, ropeRotate, ropeScores, sinusoidalEncoding } from './positional.ts';

describe('position encodings', () => {
  it('sinusoidal: the formula, and similarity depends only on the offset', () => {
    const p = sinusoidalEncoding(40, 16);
    expect(p[0]).toBe(0); // sin 0
    expect(p[1]).toBe(1); // cos 0
    expect(p[3 * 16 + 2]).toBeCloseTo(Math.sin(3 / Math.pow(10000, 2 / 16)), 6);
    const s = cosineSimilarity(p, 40, 16);
    for (let a = 0; a < 30; a++) expect(s[a * 40 + a + 5]).toBeCloseTo(s[0 * 40 + 5], 5);
    expect(s[0]).toBeCloseTo(1, 6);
    expect(s[1]).toBeLessThan(1);
  });

  it('RoPE preserves length and its scores depend only on n − m; added encodings do not', () => {
    const q = [0.3, -1.2, 0.8, 0.5, -0.4, 1.1];
    const k = [1.0, 0.2, -0.7, 0.9, 0.6, -0.3];
    const r = ropeRotate(q, 7);
    expect(Math.hypot(...r)).toBeCloseTo(Math.hypot(...q), 5);
    const rope = ropeScores(q, k, 12);
    for (let m = 0; m + 3 < 12; m++) expect(rope[m * 12 + m + 3]).toBeCloseTo(rope[3], 4);
    const added = additiveScores(q, k, 12);
    expect(Math.abs(added[5 * 12 + 8] - added[3])).toBeGreaterThan(1e-3);
  });

  it('reads the learned position table of the shipped weights', () => {
    const { table, positions, dims } = learnedPositionTable(REVERSE_WEIGHTS);
    expect([positions, dims]).toEqual([8, 32]);
    expect(table).toHaveLength(256);
    expect(table.every(Number.isFinite)).toBe(true);
  });
});
