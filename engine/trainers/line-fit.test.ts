import { describe, expect, it } from 'vitest';
import { createLineFit } from './line-fit.ts';

describe('line fit by gradient descent', () => {
  it('gradient matches finite differences', () => {
    const fit = createLineFit({ startW: 0.7, startB: -0.2 });
    const { w, b, gradW, gradB } = fit.state;
    const h = 1e-4;
    expect(gradW).toBeCloseTo((fit.lossAt(w + h, b) - fit.lossAt(w - h, b)) / (2 * h), 3);
    expect(gradB).toBeCloseTo((fit.lossAt(w, b + h) - fit.lossAt(w, b - h)) / (2 * h), 3);
  });

  it('a good learning rate converges to the least-squares optimum', () => {
    const fit = createLineFit({ learningRate: 0.1 });
    for (let i = 0; i < 2000; i++) fit.step();
    const opt = fit.optimum();
    expect(fit.state.w).toBeCloseTo(opt.w, 3);
    expect(fit.state.b).toBeCloseTo(opt.b, 3);
    expect(fit.path.length).toBe(2001);
  });

  it('a tiny learning rate crawls and a rate above 1 diverges', () => {
    const slow = createLineFit({ learningRate: 0.005 });
    const fast = createLineFit({ learningRate: 0.1 });
    for (let i = 0; i < 50; i++) {
      slow.step();
      fast.step();
    }
    expect(slow.state.loss).toBeGreaterThan(fast.state.loss * 3);
    const big = createLineFit({ learningRate: 1.05 });
    const start = big.state.loss;
    for (let i = 0; i < 200; i++) big.step();
    expect(big.state.loss).toBeGreaterThan(start * 10);
  });

  it('surface has its minimum near the optimum', () => {
    const fit = createLineFit({ extent: 3 });
    const size = 61;
    const s = fit.surface(size);
    let best = 0;
    for (let i = 1; i < s.length; i++) if (s[i] < s[best]) best = i;
    const w = -3 + ((best % size) + 0.5) * (6 / size);
    const b = 3 - (Math.floor(best / size) + 0.5) * (6 / size);
    const opt = fit.optimum();
    expect(Math.abs(w - opt.w)).toBeLessThan(0.15);
    expect(Math.abs(b - opt.b)).toBeLessThan(0.15);
  });

  it('rejects a bad learning rate', () => {
    expect(() => createLineFit({ learningRate: 0 })).toThrow(/positive number/);
  });
});
