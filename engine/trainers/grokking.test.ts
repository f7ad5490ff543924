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

describe('grokking in slices (a page that must not block)', () => {
  const options = { modulus: 13, hidden: 512, trainFraction: 0.5, seed: 4 };
  it('train() cut into the smallest slices gives bit-identical updates to step()', () => {
    const whole = createGrokking(options);
    const sliced = createGrokking(options);
    let slices = 0;
    for (let i = 0; i < 5; i++) {
      whole.step();
      // A deadline already past: each call adds a few equations and returns 0 until the update completes.
      let done: number;
      while ((done = sliced.train(-Infinity, 1)) === 0) slices++;
      expect(done).toBe(1);
    }
    // More slices than updates: the gradient really was summed across calls.
    expect(slices).toBeGreaterThan(5 * 10);
    expect(sliced.evaluate()).toEqual(whole.evaluate());
    expect(Array.from(sliced.answers())).toEqual(Array.from(whole.answers()));
    // step() after a half-done update finishes that update (it does not start a second one).
    sliced.train(-Infinity, 1);
    whole.step();
    sliced.step();
    expect(sliced.evaluate()).toEqual(whole.evaluate());
  });

  it('train(deadline, n) does at most n updates and stops at the deadline', () => {
    const g = createGrokking(options);
    expect(g.train(Infinity, 3)).toBe(3);
    expect(g.evaluate().step).toBe(3);
    expect(g.train(-Infinity, 3)).toBe(0);
    expect(g.evaluate().step).toBe(3);
  });

  it('measure() in slices returns what evaluate() returns, and starts over when the weights change', () => {
    const g = createGrokking(options);
    g.step();
    const want = g.evaluate();
    let r: ReturnType<typeof g.measure>;
    let slices = 0;
    while ((r = g.measure(-Infinity)) === null) slices++;
    expect(slices).toBeGreaterThan(10);
    expect(r).toEqual(want);
    // Half a measurement, then an update: the next report is of the new weights.
    expect(g.measure(-Infinity)).toBeNull();
    g.step();
    const fresh = g.evaluate();
    while ((r = g.measure(-Infinity)) === null);
    expect(r).toEqual(fresh);
    expect(r.step).toBe(2);
  });

  it('fourierSlices() in slices gives fourier(), from the weights of the moment it started', () => {
    const g = createGrokking(options);
    g.step();
    const want = g.fourier();
    const job = g.fourierSlices();
    g.step(); // training goes on meanwhile: the job works on its copy
    let f: ReturnType<typeof job>;
    let slices = 0;
    while ((f = job(-Infinity)) === null) slices++;
    expect(slices).toBeGreaterThan(3);
    expect(Array.from(f.power)).toEqual(Array.from(want.power));
    expect(f.concentration).toBe(want.concentration);
  });
});
