import { describe, expect, it } from 'vitest';
import { createGrokking } from './grokking.ts';

const run = (weightDecay: number, steps: number) => {
  const g = createGrokking({ modulus: 17, hidden: 64, trainFraction: 0.6, weightDecay, seed: 1 });
  const start = g.fourier().concentration;
  const reports = [];
  for (let i = 1; i <= steps; i++) {
    g.step();
    if (i === 250 || i === steps) reports.push(g.evaluate());
  }
  return { g, start, early: reports[0], last: reports[1] };
};

describe('grokking on a + b mod 17', () => {
  it('with weight decay: memorises first, generalises much later, and its embedding turns into cosines', () => {
    const { g, start, early, last } = run(1, 2000);
    // Step 250: the training table is learned, the held-out one is not.
    expect(early.trainAccuracy).toBe(1);
    expect(early.testAccuracy).toBeLessThan(0.1);
    // Step 2000: the held-out equations are solved too (measured 97 %).
    expect(last.trainAccuracy).toBe(1);
    expect(last.testAccuracy).toBeGreaterThan(0.9);
    // Each hidden unit's embedding concentrates on one frequency of a (measured 0.42 → 0.82).
    const f = g.fourier();
    expect(f.concentration).toBeGreaterThan(start + 0.25);
    for (let k = 0; k < 64; k++) {
      let row = 0;
      for (let j = 0; j < f.frequencies; j++) row += f.power[k * f.frequencies + j];
      expect(row).toBeCloseTo(1, 6);
    }
    expect(g.answers()[9 * 17 + 12]).toBe((9 + 12) % 17);
  });

  it('without weight decay: memorises and stays there', () => {
    const { early, last } = run(0, 2000);
    expect(early.trainAccuracy).toBe(1);
    expect(last.trainAccuracy).toBe(1);
    expect(last.testAccuracy).toBeLessThan(0.1);
  });

  it('is seeded: same options, same run', () => {
    const a = createGrokking({ modulus: 7, hidden: 8, seed: 3 });
    const b = createGrokking({ modulus: 7, hidden: 8, seed: 3 });
    const la = [a.step(), a.step(), a.step()];
    const lb = [b.step(), b.step(), b.step()];
    expect(la).toEqual(lb);
    expect(a.trainCount + a.testCount).toBe(49);
    expect(a.isTraining(0, 0)).toBe(b.isTraining(0, 0));
  });

  it('rejects bad options with a message naming them', () => {
    expect(() => createGrokking({ modulus: 21 })).toThrow(/modulus must be a prime/);
    expect(() => createGrokking({ trainFraction: 1 })).toThrow(/trainFraction/);
    expect(() => createGrokking({ operation: 'divide' as 'add' })).toThrow(/operation/);
  });
});
