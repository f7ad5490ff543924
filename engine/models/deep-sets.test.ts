import { describe, expect, it } from 'vitest';
import { createRng } from '../random.ts';
import { createConcatMlp, createDeepSets, createSetRace, equivariantLayer, generateSets, layerParamCounts } from './deep-sets.ts';

describe('Deep Sets', () => {
  it.each(['sum', 'mean'] as const)('%s pooling: output is invariant to every tested permutation (float tolerance); the concat MLP is not', (pooling) => {
    const rng = createRng(7);
    const ds = createDeepSets({ setSize: 6, pooling, seed: 3 });
    const mlp = createConcatMlp({ setSize: 6, seed: 3 });
    const sets = generateSets('sum', 20, 6, rng);
    const base = ds.predict(sets.digits, 20);
    const baseMlp = mlp.predict(sets.digits, 20);
    let mlpMoved = 0;
    for (let trial = 0; trial < 5; trial++) {
      const shuffled = new Int32Array(sets.digits.length);
      for (let s = 0; s < 20; s++) {
        const perm = rng.shuffle([0, 1, 2, 3, 4, 5]);
        perm.forEach((p, i) => (shuffled[s * 6 + i] = sets.digits[s * 6 + p]));
      }
      const out = ds.predict(shuffled, 20);
      const outMlp = mlp.predict(shuffled, 20);
      for (let s = 0; s < 20; s++) {
        expect(Math.abs(out[s] - base[s])).toBeLessThan(1e-4 * Math.max(1, Math.abs(base[s])));
        if (Math.abs(outMlp[s] - baseMlp[s]) > 1e-3) mlpMoved++;
      }
    }
    expect(mlpMoved).toBeGreaterThan(50);
  });

  it.each(['sum', 'mean'] as const)('%s pooling: backprop through the pooling equals finite differences', (pooling) => {
    const sets = generateSets('max', 8, 4, createRng(1));
    const idx = [0, 1, 2, 3, 4, 5, 6, 7];
    const ds = createDeepSets({ setSize: 4, hidden: 8, pooling, seed: 5 });
    const { grads } = ds.lossAndGrads(sets, idx);
    const gPhi = grads[0].slice();
    const gRho = grads[4].slice(); // order: φ weights (2), φ biases (2), ρ weights, ρ biases
    const loss = () => ds.lossAndGrads(sets, idx).loss;
    const h = 1e-3;
    const check = (w: Float32Array, k: number, analytic: number) => {
      const base = w[k];
      w[k] = base + h;
      const up = loss();
      w[k] = base - h;
      const down = loss();
      w[k] = base;
      expect(analytic).toBeCloseTo((up - down) / (2 * h), 3);
    };
    for (const k of [3, 11, 20, 45]) check(ds.phi.w[0], k, gPhi[k]);
    for (const k of [0, 9, 30]) check(ds.rho.w[0], k, gRho[k]);
  });

  it('a short seeded run lowers the test loss of both models, and Deep Sets wins with 100 training sets', () => {
    const race = createSetRace({ task: 'sum', trainSize: 100, seed: 2 });
    const before = race.evaluate();
    race.step(400);
    const after = race.evaluate();
    expect(after.deepSets.loss).toBeLessThan(before.deepSets.loss / 5);
    expect(after.mlp.loss).toBeLessThan(before.mlp.loss);
    expect(after.deepSets.loss).toBeLessThan(after.mlp.loss);
    expect(after.deepSets.accuracy).toBeGreaterThan(after.mlp.accuracy);
    expect(race.deepSets.paramCount).toBeLessThan(race.mlp.paramCount);
  });

  it('the equivariant layer commutes with permutations; parameter counts follow the formulas', () => {
    const x = [1, 4, -2, 0.5];
    const y = equivariantLayer(x, 0.7, -0.3);
    const perm = [2, 0, 3, 1];
    const yPerm = equivariantLayer(perm.map((p) => x[p]), 0.7, -0.3);
    perm.forEach((p, i) => expect(yPerm[i]).toBeCloseTo(y[p], 6));
    expect(y[0]).toBeCloseTo(0.7 * 1 - 0.3 * (3.5 / 4), 6);
    expect(layerParamCounts(100, 3, 8, 3)).toEqual({ dense: 300 * 800 + 800, conv: 3 * 3 * 8 + 8, deepSets: 2 * 3 * 8 + 8 });
  });
});
