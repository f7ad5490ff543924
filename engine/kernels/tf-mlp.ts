/**
 * The same network as {@link ./dense-mlp.ts}, as a tf.js graph on the page's backend (WebGPU,
 * WebGL, wasm or cpu). It owns its variables; call `dispose()` when done.
 */
import * as tf from '@tensorflow/tfjs';
import type { MlpParams, MlpSpec } from '../models/mlp.ts';

/** tf.js variables for an MLP, initialised from plain parameters. */
export class TfMlp {
  readonly w: tf.Variable[];
  readonly b: tf.Variable[];

  constructor(
    private readonly spec: MlpSpec,
    params: MlpParams,
  ) {
    // tf.variable copies its initial tensor; tidy frees the temporary and keeps the variable.
    this.w = params.w.map((m, l) => tf.tidy(() => tf.variable(tf.tensor2d(m, [params.sizes[l], params.sizes[l + 1]]), true)));
    this.b = params.b.map((v) => tf.tidy(() => tf.variable(tf.tensor1d(v), true)));
  }

  /** Output-layer pre-activations (logits for the sigmoid head). */
  logits(x: tf.Tensor2D): tf.Tensor2D {
    let h: tf.Tensor2D = x;
    const last = this.w.length - 1;
    for (let l = 0; l <= last; l++) {
      const z = tf.add(tf.matMul(h, this.w[l]), this.b[l]) as tf.Tensor2D;
      h = l === last ? z : (applyActivation(this.spec.activation, z) as tf.Tensor2D);
    }
    return h;
  }

  /** Mean data loss plus the weight penalty, as a scalar (call inside tf.tidy or minimize). */
  loss(x: tf.Tensor2D, y: tf.Tensor2D): tf.Scalar {
    const z = this.logits(x);
    const data =
      this.spec.output === 'sigmoid'
        ? tf.mean(tf.add(tf.sub(tf.relu(z), tf.mul(z, y)), tf.log1p(tf.exp(tf.neg(tf.abs(z))))))
        : tf.mean(tf.square(tf.sub(z, y)));
    const rate = this.spec.regularizationRate;
    if (this.spec.regularization === 'none' || rate === 0) return data as tf.Scalar;
    const terms = this.w.map((w) => (this.spec.regularization === 'l2' ? tf.sum(tf.square(w)) : tf.sum(tf.abs(w))));
    return tf.add(data, tf.mul(rate, tf.addN(terms))) as tf.Scalar;
  }

  /** Trainable variables in the order w0, b0, w1, b1, … */
  variables(): tf.Variable[] {
    return this.w.flatMap((w, l) => [w, this.b[l]]);
  }

  /** Copy the current values into `params` (async: no GPU stall). */
  async readInto(params: MlpParams): Promise<void> {
    const values = await Promise.all(this.variables().map((v) => v.data() as Promise<Float32Array>));
    values.forEach((v, i) => (i % 2 === 0 ? params.w[i / 2] : params.b[(i - 1) / 2]).set(v));
  }

  /** Free every variable. */
  dispose(): void {
    for (const v of this.variables()) v.dispose();
  }
}

/** Apply a named activation to a tensor. */
export function applyActivation(kind: MlpSpec['activation'], z: tf.Tensor): tf.Tensor {
  switch (kind) {
    case 'relu':
      return tf.relu(z);
    case 'tanh':
      return tf.tanh(z);
    case 'sigmoid':
      return tf.sigmoid(z);
    case 'linear':
      return z;
  }
}
