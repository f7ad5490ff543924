/**
 * The actor-critic network of PPO as two small tanh MLPs in plain Float32Array loops, with a
 * hand-written backward pass. The actor maps an observation to action logits (a categorical
 * policy π(a|s) = softmax(logits)); the critic maps it to a value V(s).
 *
 * Why not tf.js: at this size (4 → 64 → 64 → 2) each tf.js kernel launch costs more than its
 * arithmetic, and one PPO update runs thousands of them. These loops do the same maths with no
 * launches and no allocation per minibatch; `ppo.test.ts` checks every gradient against tf.js
 * autodiff of the same loss.
 *
 * Batches of {@link SIMD_MIN_ROWS} rows or more (the minibatch updates, the vectorised rollouts) run
 * forward and backward in WebAssembly SIMD where available (`kernels/simd-mlp.ts`, tanh to float
 * precision); single observations (an episode step) stay in the loops below, where copying the
 * weights into WebAssembly memory would cost more than the product.
 */
import { denseInputGrads, denseParamGrads } from '../kernels/dense-mlp.ts';
import { createSimdStack, type SimdStack } from '../kernels/simd-mlp.ts';
import type { MlpParams } from '../models/mlp.ts';
import type { Rng } from '../random.ts';

/** Batches from this many rows go through WebAssembly SIMD (weights are copied in per call). */
export const SIMD_MIN_ROWS = 16;

/** A tanh MLP with a linear output layer and reusable batch buffers. */
export class TanhMlp {
  readonly params: MlpParams;
  /** Gradients, same shapes as params.w / params.b. */
  readonly gw: Float32Array[];
  readonly gb: Float32Array[];
  /** Activations per layer for the last forward pass (acts[0] = input rows). */
  private acts: Float32Array[];
  private deltas: Float32Array[];
  private rows = 0;
  /** The WebAssembly SIMD passes (sized for `rows`); null where unavailable or turned off. */
  private simd: SimdStack | null | undefined;
  private simdRows = 0;
  /** Whether the last forward pass ran on {@link simd}. */
  private simdPass = false;

  /**
   * @param outputGain scale of the output layer's initial weights
   * @param useSimd run batches of {@link SIMD_MIN_ROWS}+ rows in WebAssembly SIMD where available
   *   (default); false keeps every pass in JavaScript (tests compare the two)
   */
  constructor(sizes: number[], rng: Rng, outputGain = 1, useSimd = true) {
    if (!useSimd) this.simd = null;
    const w: Float32Array[] = [];
    const b: Float32Array[] = [];
    for (let l = 0; l + 1 < sizes.length; l++) {
      const fanIn = sizes[l];
      const fanOut = sizes[l + 1];
      const last = l + 2 === sizes.length;
      // Glorot uniform; the output layer is scaled by `outputGain` (0.01 for the actor: a nearly
      // uniform starting policy, as PPO implementations do with orthogonal init).
      const limit = Math.sqrt(6 / (fanIn + fanOut)) * (last ? outputGain : 1);
      w.push(Float32Array.from({ length: fanIn * fanOut }, () => rng.uniform(-limit, limit)));
      b.push(new Float32Array(fanOut));
    }
    this.params = { sizes: [...sizes], w, b };
    this.gw = w.map((m) => new Float32Array(m.length));
    this.gb = b.map((v) => new Float32Array(v.length));
    this.acts = [];
    this.deltas = [];
  }

  /** Output width. */
  get outputs(): number {
    return this.params.sizes[this.params.sizes.length - 1];
  }

  private ensure(n: number): void {
    if (n <= this.rows) return;
    this.rows = Math.max(n, 64);
    this.acts = this.params.sizes.map((s) => new Float32Array(this.rows * s));
    this.deltas = this.params.sizes.map((s) => new Float32Array(this.rows * s));
  }

  /**
   * Forward `n` rows. Row i is `x[idx[i]·d …]` when `idx` is given, else `x[i·d …]`. Returns the
   * output buffer (n × outputs), valid until the next call.
   */
  forward(x: Float32Array, n: number, idx?: ArrayLike<number>): Float32Array {
    this.ensure(n);
    this.simdPass = false;
    if (n >= SIMD_MIN_ROWS && this.simd !== null) {
      if (this.simd === undefined || this.simdRows < this.rows) {
        this.simd = createSimdStack(this.params.sizes, this.rows);
        this.simdRows = this.rows;
      }
      if (this.simd) return this.forwardSimd(this.simd, x, n, idx);
    }
    const sizes = this.params.sizes;
    const d = sizes[0];
    const a0 = this.acts[0];
    for (let i = 0; i < n; i++) {
      const src = (idx ? idx[i] : i) * d;
      for (let k = 0; k < d; k++) a0[i * d + k] = x[src + k];
    }
    const L = sizes.length - 1;
    for (let l = 0; l < L; l++) {
      const nin = sizes[l];
      const nout = sizes[l + 1];
      const a = this.acts[l];
      const out = this.acts[l + 1];
      const w = this.params.w[l];
      const b = this.params.b[l];
      const hidden = l < L - 1;
      // Dot-product order: the sum stays in a register (one store per output, not per MAC).
      for (let i = 0; i < n; i++) {
        const ai = i * nin;
        const oi = i * nout;
        for (let j = 0; j < nout; j++) {
          let s = b[j];
          for (let k = 0, wk = j; k < nin; k++, wk += nout) s += a[ai + k] * w[wk];
          out[oi + j] = hidden ? Math.tanh(s) : s;
        }
      }
    }
    return this.acts[L];
  }

  private forwardSimd(k: SimdStack, x: Float32Array, n: number, idx?: ArrayLike<number>): Float32Array {
    this.simdPass = true;
    const { sizes, w, b } = this.params;
    const L = sizes.length - 1;
    k.loadWeights(w, b);
    const d = sizes[0];
    const a0 = k.acts[0];
    const s0 = k.width[0];
    for (let i = 0; i < n; i++) {
      const src = (idx ? idx[i] : i) * d;
      for (let j = 0; j < d; j++) a0[i * s0 + j] = x[src + j];
    }
    for (let l = 0; l < L; l++) {
      if (l < L - 1) k.layer(l, n, 'tanh');
      else k.linear(l, n);
    }
    const out = this.acts[L];
    const z = k.acts[L];
    const m = sizes[L];
    const sL = k.width[L];
    for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) out[i * m + j] = z[i * sL + j];
    return out;
  }

  /** Buffer for ∂loss/∂output of the last forward pass (n × outputs); fill it, then call backward. */
  outputGrad(): Float32Array {
    return this.deltas[this.params.sizes.length - 1];
  }

  /** Backpropagate `outputGrad()` through the last forward pass of `n` rows into gw/gb (overwritten). */
  backward(n: number): void {
    const sizes = this.params.sizes;
    const L = sizes.length - 1;
    if (this.simdPass && this.simd) {
      const k = this.simd;
      const m = sizes[L];
      const sL = k.width[L];
      const dOut = this.deltas[L];
      for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) k.deltas[L][i * sL + j] = dOut[i * m + j];
      for (let l = L - 1; l >= 0; l--) {
        const nin = sizes[l];
        const nout = sizes[l + 1];
        const stride = k.width[l + 1];
        k.paramGrads(l, n);
        const gw = this.gw[l];
        const kgw = k.gw[l];
        for (let r = 0; r < nin; r++) for (let j = 0; j < nout; j++) gw[r * nout + j] = kgw[r * stride + j];
        this.gb[l].set(k.gb[l].subarray(0, nout));
        if (l > 0) {
          k.inputGrads(l, n);
          k.activationGrad(l, n, 'tanh');
        }
      }
      return;
    }
    for (let l = L - 1; l >= 0; l--) {
      const nin = sizes[l];
      const nout = sizes[l + 1];
      const a = this.acts[l];
      const d = this.deltas[l + 1];
      const w = this.params.w[l];
      denseParamGrads(a, d, this.gw[l], this.gb[l], n, nin, nout);
      if (l > 0) {
        const dPrev = this.deltas[l];
        denseInputGrads(d, w, dPrev, n, nin, nout);
        for (let i = 0; i < n * nin; i++) dPrev[i] *= 1 - a[i] * a[i];
      }
    }
  }

  /** Parameters as one list (w0, b0, w1, b1, …), for optimizers. */
  paramList(): Float32Array[] {
    return this.params.w.flatMap((w, l) => [w, this.params.b[l]]);
  }

  /** Gradients in the order of {@link paramList}. */
  gradList(): Float32Array[] {
    return this.gw.flatMap((g, l) => [g, this.gb[l]]);
  }

  /** All parameters in one flat array (the paramList order). */
  exportFlat(): Float32Array {
    const list = this.paramList();
    const out = new Float32Array(list.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of list) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }

  /** Load parameters from {@link exportFlat}'s layout. */
  importFlat(flat: Float32Array): void {
    const list = this.paramList();
    const total = list.reduce((n, p) => n + p.length, 0);
    if (flat.length !== total) throw new Error(`Expected ${total} parameters for sizes ${this.params.sizes.join('-')}, got ${flat.length}.`);
    let o = 0;
    for (const p of list) {
      p.set(flat.subarray(o, o + p.length));
      o += p.length;
    }
  }
}

/** Policy and value networks side by side (no shared trunk: the simplest stable choice for CartPole). */
export class ActorCritic {
  readonly actor: TanhMlp;
  readonly critic: TanhMlp;

  constructor(
    readonly observationSize: number,
    readonly actionCount: number,
    readonly hidden: number[],
    rng: Rng,
  ) {
    this.actor = new TanhMlp([observationSize, ...hidden, actionCount], rng, 0.01);
    this.critic = new TanhMlp([observationSize, ...hidden, 1], rng, 1);
  }

  /** Every parameter (actor first), for the optimizer. */
  paramList(): Float32Array[] {
    return [...this.actor.paramList(), ...this.critic.paramList()];
  }

  /** Every gradient, in {@link paramList} order. */
  gradList(): Float32Array[] {
    return [...this.actor.gradList(), ...this.critic.gradList()];
  }

  /** Number of parameters. */
  get paramCount(): number {
    return this.paramList().reduce((n, p) => n + p.length, 0);
  }
}

/** Softmax probabilities of one row of logits (written into `out`), returns log-sum-exp. */
export function softmaxRow(logits: ArrayLike<number>, offset: number, k: number, out: Float64Array): number {
  let m = -Infinity;
  for (let j = 0; j < k; j++) m = Math.max(m, logits[offset + j]);
  let s = 0;
  for (let j = 0; j < k; j++) {
    out[j] = Math.exp(logits[offset + j] - m);
    s += out[j];
  }
  for (let j = 0; j < k; j++) out[j] /= s;
  return m + Math.log(s);
}

/** Float32 array → base64 (little-endian bytes), for small shipped weights. Works in Node and browsers. */
export function encodeFloat32(values: Float32Array): string {
  const bytes = new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** base64 → Float32Array (inverse of {@link encodeFloat32}). */
export function decodeFloat32(text: string): Float32Array {
  const bin = atob(text);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Float32Array(bytes.buffer);
}
