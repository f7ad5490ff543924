/**
 * A stack of dense layers in plain Float32Array loops, with the pieces lecture 2 discusses made
 * explicit: a choice of initialisation, inverted dropout on the hidden layers, and a backward pass
 * that also returns ∂L/∂(input) (Deep Sets needs it to push gradients from the pooled vector back
 * through the shared φ network).
 *
 * ```ts
 * const stack = createLayerStack([1, 64, 64, 1], 'tanh', 'xavier', createRng(1));
 * const run = new StackRunner(stack, 32);
 * const yHat = run.forward(x, 32, { dropout: 0.3, rng });   // training mode
 * run.backward(dLdYHat);                                     // fills run.gw / run.gb
 * ```
 * `layer-stack.test.ts` checks the gradients against tf.js autodiff (dropout masks included).
 *
 * The passes run in WebAssembly SIMD where available (`simd-mlp.ts`: the matrix products, and the
 * activations and their derivatives to float precision; dropout masks are applied around them, drawn
 * in the JavaScript pass's order so both give the same network): a 50-layer, width-64
 * network at batch 64 goes forward and backward several times faster, which is what the
 * initialisation explorer needs per frame.
 */
import { denseInputGrads, denseParamGrads } from './dense-mlp.ts';
import { createSimdStack, type SimdStack } from './simd-mlp.ts';
import type { Activation } from '../models/mlp.ts';
import type { Rng } from '../random.ts';

/** Weight initialisation schemes (lecture 2). */
export const INIT_SCHEMES = ['zeros', 'small', 'large', 'xavier', 'he'] as const;
/** One initialisation scheme. */
export type InitScheme = (typeof INIT_SCHEMES)[number];

/** Standard deviation of each weight for a scheme, given the layer's fan-in and fan-out. */
export function initStd(scheme: InitScheme, fanIn: number, fanOut: number): number {
  switch (scheme) {
    case 'zeros':
      return 0;
    case 'small':
      return 0.01; // "too small": the signal shrinks by ~0.01·√fan_in per layer
    case 'large':
      return 1; // "too large": the signal grows by ~√fan_in per layer
    case 'xavier':
      return Math.sqrt(2 / (fanIn + fanOut)); // Glorot & Bengio 2010: keeps variance for tanh/linear
    case 'he':
      return Math.sqrt(2 / fanIn); // He et al. 2015: ReLU zeroes half the signal, so double it
  }
}

/** Weights and biases of a dense stack. Layer l maps sizes[l] → sizes[l+1]; w[l] is row-major in × out. */
export interface LayerStack {
  /** Layer widths, input first. */
  sizes: number[];
  /** Activation of every hidden layer (the last layer is linear). */
  activation: Activation;
  /** Weight matrices. */
  w: Float32Array[];
  /** Bias vectors. */
  b: Float32Array[];
}

/** Build a stack with Gaussian weights of the scheme's standard deviation and zero biases. */
export function createLayerStack(sizes: number[], activation: Activation, scheme: InitScheme, rng: Rng): LayerStack {
  if (sizes.length < 2 || sizes.some((s) => !Number.isInteger(s) || s < 1)) {
    throw new Error(`Layer sizes must be at least two positive integers, got [${sizes.join(', ')}].`);
  }
  const w: Float32Array[] = [];
  const b: Float32Array[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const std = initStd(scheme, sizes[l], sizes[l + 1]);
    const m = new Float32Array(sizes[l] * sizes[l + 1]);
    if (std > 0) for (let i = 0; i < m.length; i++) m[i] = rng.normal(0, std);
    w.push(m);
    b.push(new Float32Array(sizes[l + 1]));
  }
  return { sizes: [...sizes], activation, w, b };
}

/** Deep copy (snapshots for early stopping). */
export function cloneStack(s: LayerStack): LayerStack {
  return { sizes: [...s.sizes], activation: s.activation, w: s.w.map((m) => m.slice()), b: s.b.map((v) => v.slice()) };
}

/** Number of weights and biases. */
export function stackParamCount(s: LayerStack): number {
  let n = 0;
  for (let l = 0; l < s.w.length; l++) n += s.w[l].length + s.b[l].length;
  return n;
}

/** f(z) for a hidden activation. */
export function activate(kind: Activation, z: number): number {
  switch (kind) {
    case 'relu':
      return z > 0 ? z : 0;
    case 'tanh':
      return Math.tanh(z);
    case 'sigmoid':
      return 1 / (1 + Math.exp(-z));
    case 'linear':
      return z;
  }
}

/** f′(z) written through the output a = f(z) (cheaper and what backprop has at hand). */
export function activateGrad(kind: Activation, a: number): number {
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

/** Options for one forward pass. */
export interface ForwardOptions {
  /** Dropout rate p on every hidden layer (training only); 0 = off. Inverted dropout: survivors are scaled by 1/(1−p). */
  dropout?: number;
  /** Source of the dropout masks (required when dropout > 0). */
  rng?: Rng;
}

/** Forward/backward buffers for one {@link LayerStack}, sized once for `maxRows` rows. */
export class StackRunner {
  /** Layer outputs after activation and dropout; acts[0] is the input. */
  readonly acts: Float32Array[];
  /** Hidden outputs before dropout (equal to acts when dropout is off). */
  private readonly raw: Float32Array[];
  private readonly masks: Float32Array[];
  private readonly deltas: Float32Array[];
  /** Gradients of the last backward pass, same shapes as stack.w / stack.b. */
  readonly gw: Float32Array[];
  readonly gb: Float32Array[];
  /** ∂L/∂input of the last backward pass (rows × sizes[0]). */
  readonly dInput: Float32Array;
  private rows = 0;
  private dropped = false;
  /** The WebAssembly SIMD products; null where unavailable or turned off. */
  private simd: SimdStack | null | undefined;
  /** Whether the last forward pass ran on {@link simd}. */
  private simdPass = false;

  /**
   * @param maxRows largest batch
   * @param simd use WebAssembly SIMD where available (default); false
   *   keeps everything in JavaScript (tests and the benchmark compare the two)
   */
  constructor(
    readonly stack: LayerStack,
    readonly maxRows: number,
    simd = true,
  ) {
    if (!simd) this.simd = null;
    const s = stack.sizes;
    this.acts = s.map((n) => new Float32Array(maxRows * n));
    this.raw = s.map((n) => new Float32Array(maxRows * n));
    this.masks = s.map((n) => new Float32Array(maxRows * n));
    this.deltas = s.map((n) => new Float32Array(maxRows * n));
    this.gw = stack.w.map((m) => new Float32Array(m.length));
    this.gb = stack.b.map((v) => new Float32Array(v.length));
    this.dInput = this.deltas[0];
  }

  /**
   * Forward `rows` rows of `x` (row-major, rows × sizes[0]). Returns a view of the output
   * (rows × sizes[last]); valid until the next call.
   */
  forward(x: ArrayLike<number>, rows: number, options: ForwardOptions = {}): Float32Array {
    if (rows > this.maxRows) throw new Error(`${rows} rows exceed the runner's ${this.maxRows}.`);
    const { stack } = this;
    const sizes = stack.sizes;
    const p = options.dropout ?? 0;
    if (p > 0 && !options.rng) throw new Error('Dropout needs an rng for its masks.');
    if (!(p >= 0 && p < 1)) throw new Error(`Dropout rate must lie in [0, 1), got ${p}.`);
    this.rows = rows;
    this.dropped = p > 0;
    if (this.simd === undefined) this.simd = createSimdStack(sizes, this.maxRows);
    this.simdPass = this.simd !== null;
    if (this.simdPass) return this.forwardSimd(this.simd!, x, rows, p, options.rng);
    const a0 = this.acts[0];
    for (let i = 0; i < rows * sizes[0]; i++) a0[i] = x[i];
    const last = sizes.length - 2;
    const keepScale = 1 / (1 - p);
    for (let l = 0; l <= last; l++) {
      const nin = sizes[l];
      const nout = sizes[l + 1];
      const a = this.acts[l];
      const out = this.raw[l + 1];
      const w = stack.w[l];
      const b = stack.b[l];
      for (let i = 0; i < rows; i++) {
        const oi = i * nout;
        const ai = i * nin;
        for (let j = 0; j < nout; j++) out[oi + j] = b[j];
        for (let k = 0; k < nin; k++) {
          const v = a[ai + k];
          if (v === 0) continue;
          const wk = k * nout;
          for (let j = 0; j < nout; j++) out[oi + j] += v * w[wk + j];
        }
      }
      const n = rows * nout;
      const act = this.acts[l + 1];
      if (l === last) {
        act.set(out.subarray(0, n));
        continue;
      }
      for (let i = 0; i < n; i++) out[i] = activate(stack.activation, out[i]);
      if (p > 0) {
        const m = this.masks[l + 1];
        for (let i = 0; i < n; i++) {
          m[i] = options.rng!.next() < p ? 0 : keepScale;
          act[i] = out[i] * m[i];
        }
      } else {
        act.set(out.subarray(0, n));
      }
    }
    return this.acts[sizes.length - 1].subarray(0, rows * sizes[sizes.length - 1]);
  }

  /** The forward pass on {@link simd}; dropout masks are drawn in the same order as the JavaScript pass's. */
  private forwardSimd(k: SimdStack, x: ArrayLike<number>, rows: number, p: number, rng: Rng | undefined): Float32Array {
    const { stack } = this;
    const sizes = stack.sizes;
    const last = sizes.length - 1;
    const keepScale = 1 / (1 - p);
    k.loadWeights(stack.w, stack.b);
    copyIn(x, this.acts[0], k.acts[0], rows, sizes[0], k.width[0]);
    for (let l = 1; l <= last; l++) {
      if (l === last) k.linear(l - 1, rows);
      else k.layer(l - 1, rows, stack.activation);
      const n = sizes[l];
      const stride = k.width[l];
      const z = k.acts[l];
      const raw = this.raw[l];
      const act = this.acts[l];
      const mask = p > 0 && l < last ? this.masks[l] : null;
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < n; j++) {
          let v = z[i * stride + j];
          raw[i * n + j] = v;
          if (mask) {
            const m = rng!.next() < p ? 0 : keepScale;
            mask[i * n + j] = m;
            v *= m;
            z[i * stride + j] = v;
          }
          act[i * n + j] = v;
        }
      }
    }
    return this.acts[last].subarray(0, rows * sizes[last]);
  }

  private backwardSimd(k: SimdStack, dOut: ArrayLike<number>): void {
    const { stack, rows } = this;
    const sizes = stack.sizes;
    const L = sizes.length - 1;
    copyIn(dOut, this.deltas[L], k.deltas[L], rows, sizes[L], k.width[L]);
    for (let l = L - 1; l >= 0; l--) {
      const nin = sizes[l];
      const nout = sizes[l + 1];
      const stride = k.width[l + 1];
      k.paramGrads(l, rows);
      const gw = this.gw[l];
      const kgw = k.gw[l];
      for (let r = 0; r < nin; r++) for (let j = 0; j < nout; j++) gw[r * nout + j] = kgw[r * stride + j];
      this.gb[l].set(k.gb[l].subarray(0, nout));
      k.inputGrads(l, rows);
      const d = k.deltas[l];
      const ds = k.width[l];
      if (l > 0 && this.dropped) {
        // Through the mask, then f′ of the outputs before dropout (layer l's inputs are used up by now).
        const mask = this.masks[l];
        const raw = this.raw[l];
        const a = k.acts[l];
        for (let i = 0; i < rows; i++) {
          for (let j = 0; j < nin; j++) {
            d[i * ds + j] *= mask[i * nin + j];
            a[i * ds + j] = raw[i * nin + j];
          }
        }
      }
      if (l > 0) k.activationGrad(l, rows, stack.activation);
      const out = this.deltas[l];
      for (let i = 0; i < rows; i++) for (let j = 0; j < nin; j++) out[i * nin + j] = d[i * ds + j];
    }
  }

  /**
   * Backward pass for the rows of the last forward, given ∂L/∂output (rows × sizes[last]).
   * Fills gw, gb and dInput.
   */
  backward(dOut: ArrayLike<number>): void {
    if (this.simdPass) {
      this.backwardSimd(this.simd!, dOut);
      return;
    }
    const { stack, rows } = this;
    const sizes = stack.sizes;
    const L = sizes.length - 1;
    const dl = this.deltas[L];
    for (let i = 0; i < rows * sizes[L]; i++) dl[i] = dOut[i];
    for (let l = L - 1; l >= 0; l--) {
      const nin = sizes[l];
      const nout = sizes[l + 1];
      const a = this.acts[l];
      const d = this.deltas[l + 1];
      const w = stack.w[l];
      denseParamGrads(a, d, this.gw[l], this.gb[l], rows, nin, nout);
      const dPrev = this.deltas[l];
      denseInputGrads(d, w, dPrev, rows, nin, nout);
      if (l > 0) {
        const raw = this.raw[l];
        const mask = this.masks[l];
        for (let i = 0; i < rows * nin; i++) {
          if (this.dropped) dPrev[i] *= mask[i];
          dPrev[i] *= activateGrad(stack.activation, raw[i]);
        }
      }
    }
  }
}

/** Copy `rows × n` values into a plain array and into a padded WebAssembly buffer (row stride `stride`). */
function copyIn(src: ArrayLike<number>, plain: Float32Array, padded: Float32Array, rows: number, n: number, stride: number): void {
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < n; j++) {
      const v = src[i * n + j];
      plain[i * n + j] = v;
      padded[i * stride + j] = v;
    }
  }
}
