import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeak, useCpu } from '../../tests/helpers/leak.ts';
import { createJsOptimizer, type OptimizerName } from './optimizers.ts';
import { createTfOptimizer, createVariableOptimizer } from './tf-optimizers.ts';

beforeAll(useCpu);

// θ = [1, -2], gradient g = [0.5, -1] on every step. Hand-computed values after two steps, η = 0.1.
const HAND: Record<OptimizerName, [number, number]> = {
  // θ − 2ηg
  sgd: [1 - 0.1, -2 + 0.2],
  // v1 = g, v2 = 1.9g; θ − η(v1 + v2) = θ − 0.29 g
  momentum: [1 - 0.145, -2 + 0.29],
  // step1: θ − η(g + 0.9g) = θ − 0.19g; step2: v2 = 1.9g, θ − η(g + 1.71g) = θ − 0.271g more
  nesterov: [1 - 0.5 * 0.461, -2 + 0.461],
  // s1 = 0.1g², s2 = 0.19g²; steps η g/√s ≈ η(1/√0.1 + 1/√0.19)·sign(g)
  rmsprop: [1 - 0.1 * (1 / Math.sqrt(0.1) + 1 / Math.sqrt(0.19)), -2 + 0.1 * (1 / Math.sqrt(0.1) + 1 / Math.sqrt(0.19))],
  // Adam's bias-corrected first steps move by ≈ η·sign(g) each.
  adam: [1 - 0.2, -2 + 0.2],
};

describe('optimizers', () => {
  it.each(Object.keys(HAND) as OptimizerName[])('%s matches the hand-computed update', (name) => {
    const opt = createJsOptimizer({ name, learningRate: 0.1 });
    const p = [new Float32Array([1, -2])];
    const g = [new Float32Array([0.5, -1])];
    opt.update(p, g);
    opt.update(p, g);
    expect(p[0][0]).toBeCloseTo(HAND[name][0], 4);
    expect(p[0][1]).toBeCloseTo(HAND[name][1], 4);
  });

  it.each(['sgd', 'momentum', 'adam'] as const)('%s agrees with tf.train over 20 steps on a quadratic', async (name) => {
    await expectNoLeak(() => {
      const target = [3, -1, 0.5];
      const jsP = [new Float32Array([0, 0, 0])];
      const js = createJsOptimizer({ name, learningRate: 0.05 });
      const v = tf.tidy(() => tf.variable(tf.zeros([3])));
      const opt = createTfOptimizer({ name, learningRate: 0.05 });
      for (let s = 0; s < 20; s++) {
        js.update(jsP, [jsP[0].map((w, i) => 2 * (w - target[i]))]);
        const cost = opt.minimize(() => tf.sum(tf.square(tf.sub(v, target))), true, [v]);
        cost?.dispose();
      }
      const tfValues = v.dataSync();
      for (let i = 0; i < 3; i++) expect(jsP[0][i]).toBeCloseTo(tfValues[i], 4);
      v.dispose();
      opt.dispose();
    });
  });

  it.each(['sgd', 'momentum', 'adam'] as const)('%s on tf.js variables in JavaScript loops (cpu backend) follows tf.train, tensors flat', async (name) => {
    await expectNoLeak(() => {
      const target = tf.tensor2d([3, -1, 0.5, 2], [2, 2]);
      const make = () => tf.tidy(() => [tf.variable(tf.zeros([2, 2])), tf.variable(tf.ones([2]))]);
      const [a, b] = [make(), make()];
      const loops = createVariableOptimizer({ name, learningRate: 0.05 });
      const ops = createTfOptimizer({ name, learningRate: 0.05 });
      const loss = ([w, c]: tf.Variable[]) => () => tf.sum(tf.square(tf.sub(tf.add(w, c), target))) as tf.Scalar;
      for (let s = 0; s < 20; s++) {
        tf.tidy(() => loops.minimize(loss(a), a)).dispose();
        ops.minimize(loss(b), true, b)?.dispose();
      }
      for (let i = 0; i < 2; i++) {
        const x = a[i].dataSync();
        const y = b[i].dataSync();
        x.forEach((value, k) => expect(value).toBeCloseTo(y[k], 4));
      }
      expect(a[0].dataSync()[0]).not.toBe(0);
      tf.dispose([...a, ...b, target]);
      loops.dispose();
      ops.dispose();
    });
  });

  it('rejects a bad learning rate and names the fix', () => {
    expect(() => createJsOptimizer({ name: 'sgd', learningRate: -1 })).toThrow(/positive number/);
    // @ts-expect-error: a typo from markup
    expect(() => createJsOptimizer({ name: 'adamw', learningRate: 1 })).toThrow(/Use one of: sgd, momentum, nesterov, rmsprop, adam/);
  });
});
