import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeak, useCpu } from '../../tests/helpers/leak.ts';
import { createRng } from '../random.ts';
import type { Activation } from '../models/mlp.ts';
import { createLayerStack, initStd, StackRunner } from './layer-stack.ts';

beforeAll(useCpu);

const tfAct = (kind: Activation, z: tf.Tensor) => (kind === 'relu' ? tf.relu(z) : kind === 'tanh' ? tf.tanh(z) : kind === 'sigmoid' ? tf.sigmoid(z) : z);

describe('layer stack kernel', () => {
  it.each(['tanh', 'relu', 'sigmoid'] as const)('%s: gradients and dL/dx equal tf.js autodiff', async (activation) => {
    const rng = createRng(3);
    const stack = createLayerStack([3, 5, 4, 2], activation, 'xavier', rng);
    for (const b of stack.b) for (let k = 0; k < b.length; k++) b[k] = rng.uniform(-0.3, 0.3);
    const n = 6;
    const x = Float32Array.from({ length: n * 3 }, () => rng.normal());
    const dOut = Float32Array.from({ length: n * 2 }, () => rng.normal());
    const run = new StackRunner(stack, n);
    run.forward(x, n);
    run.backward(dOut);
    await expectNoLeak(() => {
      const xt = tf.tensor2d(x, [n, 3]);
      const ws = tf.tidy(() => stack.w.map((w, l) => tf.variable(tf.tensor2d(w, [stack.sizes[l], stack.sizes[l + 1]]))));
      const bs = tf.tidy(() => stack.b.map((b) => tf.variable(tf.tensor1d(b))));
      const dt = tf.tensor2d(dOut, [n, 2]);
      const f = (input: tf.Tensor) => {
        let h = input;
        ws.forEach((w, l) => {
          h = tf.add(tf.matMul(h as tf.Tensor2D, w), bs[l]);
          if (l < ws.length - 1) h = tfAct(activation, h);
        });
        return tf.sum(tf.mul(h, dt)) as tf.Scalar;
      };
      const { grads, value } = tf.variableGrads(() => f(xt), [...ws, ...bs]);
      const gx = tf.tidy(() => tf.grad((input: tf.Tensor) => f(input))(xt));
      ws.forEach((w, l) => {
        const g = grads[w.name].dataSync();
        for (let k = 0; k < g.length; k++) expect(run.gw[l][k]).toBeCloseTo(g[k], 5);
      });
      bs.forEach((b, l) => {
        const g = grads[b.name].dataSync();
        for (let k = 0; k < g.length; k++) expect(run.gb[l][k]).toBeCloseTo(g[k], 5);
      });
      const gxs = gx.dataSync();
      for (let k = 0; k < gxs.length; k++) expect(run.dInput[k]).toBeCloseTo(gxs[k], 5);
      tf.dispose([xt, dt, gx, value, ...ws, ...bs, ...Object.values(grads)]);
    });
  });

  it('dropout: training masks scale survivors by 1/(1-p), gradients match finite differences under the same mask', () => {
    const rng = createRng(8);
    const stack = createLayerStack([2, 16, 1], 'tanh', 'xavier', rng);
    const n = 4;
    const x = Float32Array.from({ length: n * 2 }, () => rng.normal());
    const run = new StackRunner(stack, n);
    const loss = () => {
      const out = run.forward(x, n, { dropout: 0.5, rng: createRng(42) });
      let s = 0;
      for (let i = 0; i < n; i++) s += out[i] * out[i];
      return s;
    };
    const out = run.forward(x, n, { dropout: 0.5, rng: createRng(42) });
    const dOut = Float32Array.from(out, (v) => 2 * v);
    // Hidden values are either 0 (dropped) or 2·tanh(z) (kept): the eval value times 1/(1-p).
    const hiddenTrain = run.acts[1].slice(0, n * 16);
    run.forward(x, n);
    const hiddenEval = run.acts[1].slice(0, n * 16);
    let dropped = 0;
    hiddenTrain.forEach((v, i) => {
      if (v === 0 && hiddenEval[i] !== 0) dropped++;
      else expect(v).toBeCloseTo(2 * hiddenEval[i], 6);
    });
    expect(dropped).toBeGreaterThan(10);
    expect(dropped).toBeLessThan(54);
    run.forward(x, n, { dropout: 0.5, rng: createRng(42) });
    run.backward(dOut);
    const analytic = run.gw[0].slice();
    for (const k of [0, 5, 17, 30]) {
      const w0 = stack.w[0][k];
      const h = 1e-2;
      stack.w[0][k] = w0 + h;
      const up = loss();
      stack.w[0][k] = w0 - h;
      const down = loss();
      stack.w[0][k] = w0;
      expect(analytic[k]).toBeCloseTo((up - down) / (2 * h), 2);
    }
  });

  it.each((['tanh', 'relu', 'sigmoid'] as const).flatMap((a) => [[a, 0] as const, [a, 0.3] as const]))('%s, dropout %s: the WebAssembly SIMD passes equal the JavaScript ones (odd widths, many rows)', (activation, dropout) => {
    const rng = createRng(8);
    const sizes = [7, 13, 64, 9, 1];
    const stack = createLayerStack(sizes, activation, 'he', rng);
    for (const b of stack.b) for (let k = 0; k < b.length; k++) b[k] = rng.uniform(-0.3, 0.3);
    const n = 37;
    const x = Float32Array.from({ length: n * 7 }, () => rng.normal());
    const dOut = Float32Array.from({ length: n }, () => rng.normal());
    const simd = new StackRunner(stack, n);
    const js = new StackRunner(stack, n, false);
    const close = (a: Float32Array, b: Float32Array) => {
      expect(a.length).toBe(b.length);
      for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i], 4);
    };
    const options = (seed: number) => (dropout > 0 ? { dropout, rng: createRng(seed) } : {});
    close(simd.forward(x, n, options(5)), js.forward(x, n, options(5)));
    simd.backward(dOut);
    js.backward(dOut);
    sizes.forEach((_, l) => close(simd.acts[l], js.acts[l]));
    stack.w.forEach((_, l) => {
      close(simd.gw[l], js.gw[l]);
      close(simd.gb[l], js.gb[l]);
    });
    close(simd.dInput, js.dInput);
  });

  it('initialisation standard deviations follow the formulas', () => {
    expect(initStd('he', 50, 10)).toBeCloseTo(Math.sqrt(2 / 50), 12);
    expect(initStd('xavier', 50, 30)).toBeCloseTo(Math.sqrt(2 / 80), 12);
    expect(initStd('zeros', 5, 5)).toBe(0);
    const s = createLayerStack([400, 400], 'relu', 'he', createRng(1));
    let v = 0;
    for (const w of s.w[0]) v += w * w;
    expect(v / s.w[0].length).toBeCloseTo(2 / 400, 3);
  });
});
