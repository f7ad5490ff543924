import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeak, useCpu } from '../../tests/helpers/leak.ts';
import { createRng } from '../random.ts';
import { backpropSchedule, backpropTrace, initBackpropWeights, sgdUpdate, type BackpropSpec } from './backprop-graph.ts';

beforeAll(useCpu);

const act = (kind: string, z: tf.Tensor) => (kind === 'relu' ? tf.relu(z) : kind === 'tanh' ? tf.tanh(z) : kind === 'sigmoid' ? tf.sigmoid(z) : z);

/** Random small networks: sizes, activations and losses all vary with the seed. */
function randomSpec(seed: number): BackpropSpec {
  const rng = createRng(seed);
  const depth = 2 + rng.int(3);
  const sizes = [1 + rng.int(3), ...Array.from({ length: depth - 1 }, () => 1 + rng.int(4)), 1 + rng.int(2)];
  const activation = (['relu', 'tanh', 'sigmoid', 'linear'] as const)[rng.int(4)];
  const loss = rng.next() < 0.5 ? 'mse' : 'bce';
  return { sizes, activation, output: loss === 'bce' ? 'sigmoid' : rng.next() < 0.5 ? 'sigmoid' : 'linear', loss };
}

describe('step-through backpropagation', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('random network %i: every gradient equals tf.variableGrads', async (seed) => {
    const spec = randomSpec(seed);
    const rng = createRng(100 + seed);
    const p = initBackpropWeights(spec.sizes, rng);
    p.b = p.b.map((v) => v.map(() => rng.uniform(-0.5, 0.5)));
    const x = Array.from({ length: spec.sizes[0] }, () => rng.uniform(-1, 1));
    const y = Array.from({ length: spec.sizes.at(-1)! }, () => (spec.loss === 'bce' ? rng.int(2) : rng.uniform(-1, 1)));
    const trace = backpropTrace(spec, p, x, y);
    await expectNoLeak(() => {
      const ws = tf.tidy(() => p.w.map((m) => tf.variable(tf.tensor2d(m))));
      const bs = tf.tidy(() => p.b.map((v) => tf.variable(tf.tensor1d(v))));
      const { value, grads } = tf.variableGrads(() => {
        let h: tf.Tensor = tf.tensor2d([x]);
        const L = ws.length;
        ws.forEach((w, l) => {
          const z = tf.add(tf.matMul(h as tf.Tensor2D, w), bs[l]);
          h = l === L - 1 ? (spec.loss === 'bce' ? z : act(spec.output, z)) : act(spec.activation, z);
        });
        const t = tf.tensor2d([y]);
        return (spec.loss === 'bce' ? tf.losses.sigmoidCrossEntropy(t, h, undefined, 0, tf.Reduction.SUM) : tf.mul(0.5, tf.sum(tf.square(tf.sub(h, t))))) as tf.Scalar;
      }, [...ws, ...bs]);
      expect(trace.loss).toBeCloseTo(value.dataSync()[0], 5);
      ws.forEach((w, l) => {
        const g = grads[w.name].arraySync() as number[][];
        g.forEach((row, i) => row.forEach((v, j) => expect(trace.gw[l][i][j]).toBeCloseTo(v, 5)));
      });
      bs.forEach((b, l) => {
        const g = grads[b.name].dataSync();
        g.forEach((v, j) => expect(trace.gb[l][j]).toBeCloseTo(v, 5));
      });
      tf.dispose([value, ...ws, ...bs, ...Object.values(grads)]);
    });
  });

  it('each δ is the upstream gradient times the local derivative, and ∂L/∂w = a·δ', () => {
    const spec: BackpropSpec = { sizes: [2, 3, 2, 1], activation: 'sigmoid', output: 'sigmoid', loss: 'mse' };
    const p = initBackpropWeights(spec.sizes, createRng(1));
    const t = backpropTrace(spec, p, [0.5, -1], [1]);
    for (let l = 1; l < 3; l++) for (let j = 0; j < spec.sizes[l]; j++) expect(t.delta[l][j]).toBeCloseTo(t.dA[l][j] * t.local[l][j], 12);
    expect(t.gw[1][2][0]).toBeCloseTo(t.a[1][2] * t.delta[2][0], 12);
    // Output: ∂L/∂ŷ = ŷ − y for ½(ŷ − y)².
    expect(t.dA[3][0]).toBeCloseTo(t.a[3][0] - 1, 12);
  });

  it('the SGD update lowers the loss for a small learning rate, and the schedule visits every neuron twice', () => {
    const spec: BackpropSpec = { sizes: [2, 3, 2, 1], activation: 'tanh', output: 'linear', loss: 'mse' };
    const p = initBackpropWeights(spec.sizes, createRng(4));
    const before = backpropTrace(spec, p, [1, 2], [0.5]);
    const after = backpropTrace(spec, sgdUpdate(p, before, 0.05), [1, 2], [0.5]);
    expect(after.loss).toBeLessThan(before.loss);
    const steps = backpropSchedule(spec.sizes);
    expect(steps.filter((s) => s.phase === 'forward')).toHaveLength(6);
    expect(steps.filter((s) => s.phase === 'backward')).toHaveLength(6);
    expect(steps.at(-1)).toEqual({ phase: 'update' });
    expect(() => backpropTrace({ ...spec, sizes: [2, 9, 1] }, p, [1, 2], [0])).toThrow(/1 to 6 neurons/);
  });
});
