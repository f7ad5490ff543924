import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeak, useCpu } from '../../tests/helpers/leak.ts';
import { initMlpParams, type MlpSpec } from '../models/mlp.ts';
import { createRng } from '../random.ts';
import { DenseMlpKernel, penalty } from './dense-mlp.ts';
import { TfMlp } from './tf-mlp.ts';

beforeAll(useCpu);

const cases: MlpSpec[] = [
  { inputs: 2, hidden: [3, 2], outputs: 1, activation: 'tanh', output: 'sigmoid', regularization: 'none', regularizationRate: 0 },
  { inputs: 3, hidden: [5], outputs: 1, activation: 'relu', output: 'linear', regularization: 'l2', regularizationRate: 0.01 },
  { inputs: 2, hidden: [4, 4, 3], outputs: 2, activation: 'sigmoid', output: 'sigmoid', regularization: 'l1', regularizationRate: 0.003 },
  { inputs: 4, hidden: [], outputs: 1, activation: 'linear', output: 'linear', regularization: 'none', regularizationRate: 0 },
];

describe('fused dense kernel', () => {
  it.each(cases.map((c, i) => [i, c] as const))('case %i: gradients and loss equal tf.js autodiff', async (_i, spec) => {
    const rng = createRng(11);
    const params = initMlpParams(spec, rng);
    // Non-zero biases so every term of the backward pass is exercised.
    for (const b of params.b) for (let k = 0; k < b.length; k++) b[k] = rng.uniform(-0.5, 0.5);
    const n = 7;
    const x = Float32Array.from({ length: n * spec.inputs }, () => rng.uniform(-1, 1));
    const y = Float32Array.from({ length: n * spec.outputs }, () => (spec.output === 'sigmoid' ? rng.int(2) : rng.normal()));
    const kernel = new DenseMlpKernel(spec, n);
    const jsLoss = kernel.lossAndGrads(params, x, y, null, 0, n) + penalty(spec, params);

    await expectNoLeak(async () => {
      const model = new TfMlp(spec, params);
      const { value, grads } = tf.tidy(() =>
        tf.variableGrads(() => model.loss(tf.tensor2d(x, [n, spec.inputs]), tf.tensor2d(y, [n, spec.outputs])), model.variables()),
      );
      expect(jsLoss).toBeCloseTo(value.dataSync()[0], 5);
      model.variables().forEach((v, idx) => {
        const tfGrad = grads[v.name].dataSync();
        const jsGrad = idx % 2 === 0 ? kernel.gw[idx / 2] : kernel.gb[(idx - 1) / 2];
        expect(jsGrad.length).toBe(tfGrad.length);
        for (let k = 0; k < jsGrad.length; k++) expect(jsGrad[k]).toBeCloseTo(tfGrad[k], 5);
      });
      value.dispose();
      tf.dispose(Object.values(grads));
      model.dispose();
    });
  });

  it('predict returns probabilities for a sigmoid head', () => {
    const spec = cases[0];
    const params = initMlpParams(spec, createRng(1));
    const kernel = new DenseMlpKernel(spec, 10);
    const x = Float32Array.from({ length: 2000 }, (_, i) => Math.sin(i));
    const p = kernel.predict(params, x, 1000);
    expect(p.length).toBe(1000);
    for (const v of p) expect(v > 0 && v < 1).toBe(true);
    const hidden = kernel.hiddenActivations(params, x, 1000);
    expect(hidden.map((h) => h.length)).toEqual([3000, 2000]);
  });
});
