/**
 * A fused forward/backward pass for small dense networks, in plain Float32Array loops.
 *
 * Why it exists: tf.js pays 3–20 µs of overhead per kernel launch. A 2-16-16-1 network at batch 10
 * needs ~40 kernels per step, so idiomatic tf.js spends most of its time launching, not computing
 * (measured: 19–34k samples/s, versus ~150k for TensorFlow Playground's object-per-neuron code).
 * This kernel does the same maths as the tf.js graph in {@link ./tf-mlp.ts} with no launches and
 * no allocation per step; `dense-mlp.test.ts` checks its gradients against tf.js autodiff.
 *
 * Loss conventions (shared with the tf.js path):
 * - sigmoid output: binary cross-entropy on the logit z, mean over the B·K outputs of a batch;
 *   ∂L/∂z = (σ(z) − y)/(B·K).
 * - linear output: mean squared error (ŷ − y)², mean over the B·K outputs; ∂L/∂ŷ = 2(ŷ − y)/(B·K).
 * - penalty: λ·Σw² (L2, gradient 2λw) or λ·Σ|w| (L1, gradient λ·sign w), weights only.
 */
import type { Activation, MlpParams, MlpSpec } from '../models/mlp.ts';
import { layerSizes } from '../models/mlp.ts';
import { createSimdForward, type SimdForward } from './simd-mlp.ts';

const CHUNK = 512;

/** The activation's derivative written in terms of its output a = f(z). */
function dAct(kind: Activation, a: number): number {
  switch (kind) {
    case 'relu':
      return a > 0 ? 1 : 0;
    case 'tanh':
      return 1 - a * a;
    case 'sigmoid':
      return a * (1 - a);
    case 'linear':
      return 1;
  }
}

/**
 * out = f(a·W + b) for `n` rows. Sums run in a local (double) accumulator and each output is written
 * once; the activation is chosen outside the loops. This is the hot loop of the playground.
 */
function denseForward(a: Float32Array, out: Float32Array, w: Float32Array, b: Float32Array, n: number, nin: number, nout: number, kind: Activation, approx: boolean): void {
  for (let i = 0; i < n; i++) {
    const ai = i * nin;
    const oi = i * nout;
    for (let j = 0; j < nout; j++) {
      let s = b[j];
      for (let k = 0, wk = j; k < nin; k++, wk += nout) s += a[ai + k] * w[wk];
      out[oi + j] = s;
    }
  }
  const m = n * nout;
  switch (kind) {
    case 'tanh':
      if (approx) for (let i = 0; i < m; i++) out[i] = tanhApprox(out[i]);
      else for (let i = 0; i < m; i++) out[i] = Math.tanh(out[i]);
      break;
    case 'relu':
      for (let i = 0; i < m; i++) if (out[i] < 0) out[i] = 0;
      break;
    case 'sigmoid':
      for (let i = 0; i < m; i++) out[i] = 1 / (1 + Math.exp(-out[i]));
      break;
    case 'linear':
      break;
  }
}

/**
 * tanh to within 1e-4 (a Lambert continued fraction, exact to 1e-6 for |x| < 3), about 5× faster
 * than Math.tanh in V8. Used only for pictures (the 100 × 100 boundary is 330,000 tanh calls per
 * frame for a 16-16 network); training and losses use Math.tanh.
 */
export function tanhApprox(x: number): number {
  if (x > 4.97) return 1;
  if (x < -4.97) return -1;
  const x2 = x * x;
  return (x * (135135 + x2 * (17325 + x2 * (378 + x2)))) / (135135 + x2 * (62370 + x2 * (3150 + 28 * x2)));
}

/**
 * Gradients of one dense layer's parameters over `n` rows: gw = aᵀ·δ (`nin × nout`) and
 * gb = Σ_rows δ. Shared by every hand-written backward pass in the engine. With `add`, the rows'
 * terms are added to what `gw`/`gb` already hold (a batch summed in pieces, row after row, gives
 * bit for bit the sums of the whole batch).
 */
export function denseParamGrads(a: ArrayLike<number>, d: ArrayLike<number>, gw: Float32Array, gb: Float32Array, n: number, nin: number, nout: number, add = false): void {
  if (!add) {
    gw.fill(0);
    gb.fill(0);
  }
  for (let i = 0; i < n; i++) {
    const ai = i * nin;
    const di = i * nout;
    for (let j = 0; j < nout; j++) gb[j] += d[di + j];
    for (let k = 0; k < nin; k++) {
      const v = a[ai + k];
      if (v === 0) continue;
      const wk = k * nout;
      for (let j = 0; j < nout; j++) gw[wk + j] += v * d[di + j];
    }
  }
}

/** The gradient flowing into a dense layer's input, before its activation derivative: δ·Wᵀ. */
export function denseInputGrads(d: ArrayLike<number>, w: ArrayLike<number>, dPrev: Float32Array, n: number, nin: number, nout: number): void {
  for (let i = 0; i < n; i++) {
    const ai = i * nin;
    const di = i * nout;
    for (let k = 0; k < nin; k++) {
      let s = 0;
      const wk = k * nout;
      for (let j = 0; j < nout; j++) s += d[di + j] * w[wk + j];
      dPrev[ai + k] = s;
    }
  }
}

/** Numerically stable binary cross-entropy on a logit. */
export function bceFromLogit(z: number, y: number): number {
  return Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
}

/**
 * Forward and backward passes over an {@link MlpParams}. Buffers are sized once for `maxBatch`
 * rows; every call reuses them.
 */
export class DenseMlpKernel {
  readonly sizes: number[];
  /** acts[l] holds layer l's outputs for up to `rows` samples (acts[0] is the input). */
  private readonly acts: Float32Array[];
  private readonly deltas: Float32Array[];
  private readonly rows: number;
  /** Gradients, same shapes as params.w / params.b. */
  readonly gw: Float32Array[];
  readonly gb: Float32Array[];
  /** The WebAssembly SIMD forward pass for pictures; null where unavailable or turned off. */
  private simd: SimdForward | null | undefined;

  /**
   * @param maxBatch largest training batch
   * @param simd predict with the WebAssembly SIMD kernel where the platform has one (default); false
   *   keeps every pass in JavaScript (tests and the benchmark compare the two)
   */
  constructor(
    private readonly spec: MlpSpec,
    maxBatch: number,
    simd = true,
  ) {
    if (!simd) this.simd = null;
    this.sizes = layerSizes(spec);
    this.rows = Math.max(maxBatch, CHUNK);
    this.acts = this.sizes.map((s) => new Float32Array(this.rows * s));
    this.deltas = this.sizes.map((s) => new Float32Array(this.rows * s));
    this.gw = this.sizes.slice(0, -1).map((s, l) => new Float32Array(s * this.sizes[l + 1]));
    this.gb = this.sizes.slice(1).map((s) => new Float32Array(s));
  }

  /**
   * Forward `n` rows (n ≤ buffer rows) of `x` starting at row `offset`. Fills the activation
   * buffers; the output layer holds logits (sigmoid head) or values (linear head).
   */
  private forward(p: MlpParams, x: Float32Array, rowsIdx: ArrayLike<number> | null, offset: number, n: number, approx = false): void {
    const sizes = this.sizes;
    const in0 = sizes[0];
    const a0 = this.acts[0];
    for (let i = 0; i < n; i++) {
      const src = (rowsIdx ? rowsIdx[offset + i] : offset + i) * in0;
      for (let k = 0; k < in0; k++) a0[i * in0 + k] = x[src + k];
    }
    const last = sizes.length - 2;
    for (let l = 0; l <= last; l++) {
      const kind = l === last ? 'linear' : this.spec.activation;
      denseForward(this.acts[l], this.acts[l + 1], p.w[l], p.b[l], n, sizes[l], sizes[l + 1], kind, approx);
    }
  }

  /**
   * Loss and gradients for the batch `x[rows[offset .. offset+n)]`. Gradients land in `gw`/`gb`.
   * Returns the batch's data loss (without the penalty).
   */
  lossAndGrads(p: MlpParams, x: Float32Array, y: Float32Array, rowsIdx: ArrayLike<number> | null, offset: number, n: number): number {
    const loss = this.batchPart(p, x, y, rowsIdx, offset, n, n, false);
    this.addPenaltyGrads(p);
    return loss / (n * this.sizes[this.sizes.length - 1]);
  }

  /**
   * Part of a minibatch, for a batch too slow to take in one go: the gradient terms of rows
   * `rowsIdx[offset .. offset+n)` of a batch of `batchRows` rows, added to `gw`/`gb` (`add`
   * false for the first part, which clears them). After the last part, {@link addPenaltyGrads}.
   * Parts taken in row order give bit for bit the gradients of {@link lossAndGrads} on the whole
   * batch. Returns the part's data loss summed over its `n · outputs` values (not yet a mean).
   */
  batchPart(p: MlpParams, x: Float32Array, y: Float32Array, rowsIdx: ArrayLike<number> | null, offset: number, n: number, batchRows: number, add: boolean): number {
    if (n > this.rows) throw new Error(`Batch of ${n} exceeds the kernel's ${this.rows} rows.`);
    this.forward(p, x, rowsIdx, offset, n);
    const sizes = this.sizes;
    const L = sizes.length - 1;
    const nOut = sizes[L];
    const out = this.acts[L];
    const dOut = this.deltas[L];
    const sigmoidHead = this.spec.output === 'sigmoid';
    let loss = 0;
    const count = batchRows * nOut;
    for (let i = 0; i < n; i++) {
      const src = rowsIdx ? rowsIdx[offset + i] : offset + i;
      for (let j = 0; j < nOut; j++) {
        const z = out[i * nOut + j];
        const t = y[src * nOut + j];
        if (sigmoidHead) {
          loss += bceFromLogit(z, t);
          dOut[i * nOut + j] = (1 / (1 + Math.exp(-z)) - t) / count;
        } else {
          const e = z - t;
          loss += e * e;
          dOut[i * nOut + j] = (2 * e) / count;
        }
      }
    }
    for (let l = L - 1; l >= 0; l--) {
      const nin = sizes[l];
      const nout = sizes[l + 1];
      const a = this.acts[l];
      const d = this.deltas[l + 1];
      denseParamGrads(a, d, this.gw[l], this.gb[l], n, nin, nout, add);
      if (l > 0) {
        const dPrev = this.deltas[l];
        denseInputGrads(d, p.w[l], dPrev, n, nin, nout);
        for (let i = 0; i < n * nin; i++) dPrev[i] *= dAct(this.spec.activation, a[i]);
      }
    }
    return loss;
  }

  /** Add the weight penalty's gradient (L1/L2, weights only) to `gw`: the end of a batch. */
  addPenaltyGrads(p: MlpParams): void {
    const rate = this.spec.regularizationRate;
    if (!(rate > 0) || this.spec.regularization === 'none') return;
    const l2 = this.spec.regularization === 'l2';
    for (let l = 0; l < this.gw.length; l++) {
      const gw = this.gw[l];
      const w = p.w[l];
      for (let k = 0; k < gw.length; k++) gw[k] += l2 ? 2 * rate * w[k] : rate * Math.sign(w[k]);
    }
  }

  /**
   * Outputs for all `n` rows of `x`: probabilities (sigmoid head) or values (linear head).
   * With `layer`, returns that hidden layer's activations instead (`n × width`). For pictures and
   * accuracy: tanh is approximated to 1e-4 (see {@link tanhApprox}).
   */
  predict(p: MlpParams, x: Float32Array, n: number, layer?: number): Float32Array {
    const L = this.sizes.length - 1;
    const target = layer ?? L;
    const width = this.sizes[target];
    const result = new Float32Array(n * width);
    const simd = this.simdForward();
    if (simd) {
      simd.run(p, x, n, target, (l, values, stride, off, m) => {
        if (l === target) unpad(values, stride, result, width, off, m);
      });
      return result;
    }
    for (let off = 0; off < n; off += CHUNK) {
      const m = Math.min(CHUNK, n - off);
      this.forward(p, x, null, off, m, true);
      const src = this.acts[target];
      if (target === L && this.spec.output === 'sigmoid') {
        for (let i = 0; i < m * width; i++) result[off * width + i] = 1 / (1 + Math.exp(-src[i]));
      } else {
        result.set(src.subarray(0, m * width), off * width);
      }
    }
    return result;
  }

  /** Every hidden layer's activations for all rows, one array per hidden layer (`n × width`); for pictures. */
  hiddenActivations(p: MlpParams, x: Float32Array, n: number): Float32Array[] {
    const L = this.sizes.length - 1;
    const out = this.sizes.slice(1, L).map((w) => new Float32Array(n * w));
    const simd = this.simdForward();
    if (simd) {
      simd.run(p, x, n, L - 1, (l, values, stride, off, m) => unpad(values, stride, out[l - 1], this.sizes[l], off, m));
      return out;
    }
    for (let off = 0; off < n; off += CHUNK) {
      const m = Math.min(CHUNK, n - off);
      this.forward(p, x, null, off, m, true);
      for (let l = 1; l < L; l++) out[l - 1].set(this.acts[l].subarray(0, m * this.sizes[l]), off * this.sizes[l]);
    }
    return out;
  }

  /** Whether `predict` and `hiddenActivations` run on the WebAssembly SIMD kernel. */
  get usesSimd(): boolean {
    return this.simdForward() !== null;
  }

  private simdForward(): SimdForward | null {
    if (this.simd === undefined) this.simd = createSimdForward(this.sizes, this.spec.activation, this.spec.output === 'sigmoid');
    return this.simd;
  }

  /** Mean data loss over all rows (no penalty). */
  meanLoss(p: MlpParams, x: Float32Array, y: Float32Array, n: number): number {
    return this.addLoss(p, x, y, 0, n, 0) / (n * this.sizes[this.sizes.length - 1]);
  }

  /**
   * `total` plus the data loss of rows `from .. to` (summed over outputs, no penalty): the sum
   * behind {@link meanLoss}, resumable. Rows taken in order, in any pieces, give bit for bit the
   * sum of one call.
   */
  addLoss(p: MlpParams, x: Float32Array, y: Float32Array, from: number, to: number, total: number): number {
    const nOut = this.sizes[this.sizes.length - 1];
    for (let off = from; off < to; off += CHUNK) {
      const m = Math.min(CHUNK, to - off);
      this.forward(p, x, null, off, m);
      const out = this.acts[this.sizes.length - 1];
      for (let i = 0; i < m * nOut; i++) {
        const t = y[off * nOut + i];
        total += this.spec.output === 'sigmoid' ? bceFromLogit(out[i], t) : (out[i] - t) ** 2;
      }
    }
    return total;
  }
}

/** Copy `m` rows of `width` values from a padded buffer (row stride `stride`) to `out` from row `off`. */
function unpad(values: Float32Array, stride: number, out: Float32Array, width: number, off: number, m: number): void {
  if (stride === width) {
    out.set(values.subarray(0, m * width), off * width);
    return;
  }
  for (let i = 0; i < m; i++) {
    const src = i * stride;
    const dst = (off + i) * width;
    for (let j = 0; j < width; j++) out[dst + j] = values[src + j];
  }
}

/** The penalty term λ·Σw² or λ·Σ|w| of the current weights. */
export function penalty(spec: MlpSpec, p: MlpParams): number {
  if (spec.regularization === 'none' || spec.regularizationRate === 0) return 0;
  let s = 0;
  for (const w of p.w) for (let k = 0; k < w.length; k++) s += spec.regularization === 'l2' ? w[k] * w[k] : Math.abs(w[k]);
  return spec.regularizationRate * s;
}
