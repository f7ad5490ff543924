import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeak, useCpu } from '../../tests/helpers/leak.ts';
import { createRng } from '../random.ts';
import { initTinyCnnParams, TinyCnnKernel, tinyCnnParamList } from './tiny-cnn-js.ts';

beforeAll(useCpu);

describe('fused JS CNN kernel', () => {
  it('matches tf.js forward values and autodiff gradients', async () => {
    const shape = { filters1: 3, kernel1: 5, filters2: 4, kernel2: 3 };
    const rng = createRng(11);
    const p = initTinyCnnParams(shape, rng.fork());
    p.b1.forEach((_, i) => (p.b1[i] = rng.normal(0, 0.1)));
    p.b2.forEach((_, i) => (p.b2[i] = rng.normal(0, 0.1)));
    const batch = 3;
    const x = Float32Array.from({ length: batch * 784 }, () => (rng.next() < 0.3 ? rng.next() : 0));
    const labels = [3, 7, 1];
    // Ours: mean cross-entropy over the batch and its gradient.
    const k = new TinyCnnKernel(shape);
    k.zeroGrads();
    let loss = 0;
    for (let i = 0; i < batch; i++) {
      k.forward(p, x, i * 784);
      loss += k.loss(labels[i]) / batch;
      k.backward(p, labels[i], 1 / batch);
    }
    // tf.js: the same network written with ops (NHWC), differentiated by tf.grads.
    const { tfLoss, tfGrads } = await expectNoLeak(async () => {
      const out = tf.tidy(() => {
        const [w1, b1, w2, b2, wd, bd] = tinyCnnParamList(p).map((a) => tf.tensor(a));
        const f = (w1: tf.Tensor, b1: tf.Tensor, w2: tf.Tensor, b2: tf.Tensor, wd: tf.Tensor, bd: tf.Tensor) => {
          const xs = tf.tensor4d(x, [batch, 28, 28, 1]);
          const k1 = w1.reshape([3, 5, 5, 1]).transpose([1, 2, 3, 0]) as tf.Tensor4D;
          const h1 = tf.maxPool(tf.relu(tf.conv2d(xs, k1, 1, 'same').add(b1)) as tf.Tensor4D, 2, 2, 'valid');
          const k2 = w2.reshape([4, 3, 3, 3]).transpose([2, 3, 1, 0]) as tf.Tensor4D;
          const h2 = tf.maxPool(tf.relu(tf.conv2d(h1, k2, 1, 'same').add(b2)) as tf.Tensor4D, 2, 2, 'valid');
          const flat = h2.transpose([0, 3, 1, 2]).reshape([batch, 4 * 49]); // channel-major like ours
          const logits = flat.matMul(wd.reshape([10, 196]), false, true).add(bd);
          return tf.losses.softmaxCrossEntropy(tf.oneHot(tf.tensor1d(labels, 'int32'), 10), logits) as tf.Scalar;
        };
        const { value, grads } = tf.valueAndGrads(f)([w1, b1, w2, b2, wd, bd]);
        return [value, ...grads];
      });
      const vals = await Promise.all(out.map((t) => t.data()));
      tf.dispose(out);
      return { tfLoss: vals[0][0], tfGrads: vals.slice(1) };
    });
    expect(loss).toBeCloseTo(tfLoss, 4);
    tinyCnnParamList(k.grads).forEach((g, i) => {
      const ref = tfGrads[i];
      let maxErr = 0;
      let maxRef = 0;
      for (let j = 0; j < g.length; j++) {
        maxErr = Math.max(maxErr, Math.abs(g[j] - ref[j]));
        maxRef = Math.max(maxRef, Math.abs(ref[j]));
      }
      expect(maxRef).toBeGreaterThan(0);
      expect(maxErr / maxRef).toBeLessThan(1e-3);
    });
  });
});
