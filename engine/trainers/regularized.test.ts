import { describe, expect, it } from 'vitest';
import { createRegularizedTrainer } from './regularized.ts';

describe('regularised trainer (dropout, weight decay, early stopping)', () => {
  it('without regularisation the big network drives training loss far below validation loss (overfits)', () => {
    const t = createRegularizedTrainer({ seed: 2 });
    const start = t.last.trainLoss;
    let r = t.last;
    for (let e = 0; e < 400; e++) r = t.step();
    expect(r.trainLoss).toBeLessThan(start / 5);
    expect(r.validationLoss).toBeGreaterThan(2 * r.trainLoss);
  });

  it('with dropout the training loss still falls, and evaluation is deterministic (no mask at evaluation)', () => {
    const t = createRegularizedTrainer({ dropout: 0.3, seed: 3 });
    const start = t.last.trainLoss;
    for (let e = 0; e < 200; e++) t.step();
    expect(t.last.trainLoss).toBeLessThan(start / 2);
    const a = t.evaluate(t.validation);
    const b = t.evaluate(t.validation);
    expect(a).toBe(b);
    const c1 = t.curve(50).y;
    const c2 = t.curve(50).y;
    expect(Array.from(c1)).toEqual(Array.from(c2));
  });

  it('weight decay shrinks the weights: the fitted curve is smoother (smaller total variation)', () => {
    const tv = (y: Float32Array) => y.reduce((s, v, i) => (i ? s + Math.abs(v - y[i - 1]) : 0), 0);
    const plain = createRegularizedTrainer({ seed: 4 });
    const decayed = createRegularizedTrainer({ seed: 4, weightDecay: 0.05 });
    for (let e = 0; e < 400; e++) {
      plain.step();
      decayed.step();
    }
    expect(tv(decayed.curve(200).y)).toBeLessThan(tv(plain.curve(200).y));
  });

  it('early stopping stops after `patience` epochs without improvement and restores the best weights', () => {
    const t = createRegularizedTrainer({ seed: 2, patience: 30 });
    let r = t.last;
    for (let e = 0; e < 2000 && !r.stopped; e++) r = t.step();
    expect(r.stopped).toBe(true);
    expect(r.epoch - r.bestEpoch).toBe(30);
    expect(t.evaluate(t.validation)).toBeCloseTo(r.bestValidationLoss, 6);
    expect(t.step().epoch).toBe(r.epoch);
  });
});
