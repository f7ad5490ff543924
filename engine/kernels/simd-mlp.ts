/**
 * Forward passes of a small dense network in WebAssembly SIMD, for pictures: the decision boundary's
 * 100 × 100 grid and the per-neuron maps, every frame. The maths is the JavaScript kernel's
 * `predict` (tanh and sigmoid to within 1e-4); `simd-mlp.test.ts` checks the two agree.
 *
 * Where WebAssembly SIMD is missing or forbidden (an old browser, a page whose CSP lacks
 * 'wasm-unsafe-eval'), {@link createSimdForward} returns null and callers keep the JavaScript loops.
 */
import type { Activation, MlpParams } from '../models/mlp.ts';
import { WASM_BASE64 } from './simd-mlp.wasm.ts';

interface Exports {
  memory: WebAssembly.Memory;
  dense(a: number, lda: number, w: number, b: number, out: number, n: number, nin: number, nout4: number, act: number): void;
  param_grads(a: number, lda: number, d: number, gw: number, gb: number, n: number, nin: number, nout4: number): void;
  input_grads(d: number, w: number, dprev: number, ldp: number, n: number, nin: number, nout4: number): void;
}

const ACT: Record<Activation | 'sigmoid-head', number> = { linear: 0, relu: 1, tanh: 2, sigmoid: 3, 'sigmoid-head': 3 };
/** Rows per call: activations of a chunk stay in the core's cache. */
const CHUNK = 1024;
const PAGE = 65536;

let compiled: WebAssembly.Module | null | undefined;

/** The compiled module, or null where WebAssembly SIMD cannot run here (checked once). */
function wasmModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  try {
    if (typeof WebAssembly === 'object' && typeof atob === 'function') {
      const bytes = Uint8Array.from(atob(WASM_BASE64), (c) => c.charCodeAt(0));
      if (WebAssembly.validate(bytes)) compiled = new WebAssembly.Module(bytes);
    }
  } catch {
    compiled = null; // CSP without 'wasm-unsafe-eval', or no SIMD: the JavaScript kernel serves.
  }
  return compiled;
}

const round4 = (n: number) => (n + 3) & ~3;

/**
 * Copy each layer's weights (row-major sizes[l] × sizes[l+1]) into rows of stride widths[l+1], and
 * its biases. The padding columns were zeroed when the memory was allocated and are never written.
 */
function loadPadded(f32: Float32Array, sizes: readonly number[], widths: readonly number[], wOff: readonly number[], bOff: readonly number[], w: ArrayLike<Float32Array>, b: ArrayLike<Float32Array>): void {
  for (let l = 0; l + 1 < sizes.length; l++) {
    const nin = sizes[l];
    const nout = sizes[l + 1];
    const stride = widths[l + 1];
    const base = wOff[l] >> 2;
    if (stride === nout) f32.set(w[l], base);
    else for (let k = 0; k < nin; k++) f32.set(w[l].subarray(k * nout, (k + 1) * nout), base + k * stride);
    f32.set(b[l], bOff[l] >> 2);
  }
}

/** Hands out 16-byte-aligned float buffers in a module's memory, then grows it once to fit them. */
class Arena {
  private at = 0;

  constructor(private readonly memory: WebAssembly.Memory) {}

  /** Byte offset of a new buffer of `floats` floats (rounded up to a multiple of four). */
  take(floats: number): number {
    const off = this.at;
    this.at += round4(floats) * 4;
    return off;
  }

  /** Grow the memory to hold every buffer taken, and view it (valid from then on: no more growth). */
  floats(): Float32Array {
    const pages = Math.ceil(this.at / PAGE);
    const have = this.memory.buffer.byteLength / PAGE;
    if (have < pages) this.memory.grow(pages - have);
    return new Float32Array(this.memory.buffer);
  }
}

/** A network's forward pass in WebAssembly memory; weights are copied in on every call. */
export class SimdForward {
  private readonly exports: Exports;
  private readonly widths: number[];
  private readonly wOff: number[] = [];
  private readonly bOff: number[] = [];
  private readonly actOff: number[] = [];
  private readonly inOff: number;
  private f32!: Float32Array;

  constructor(
    instance: WebAssembly.Instance,
    private readonly sizes: readonly number[],
    private readonly activation: Activation,
    private readonly sigmoidHead: boolean,
  ) {
    this.exports = instance.exports as unknown as Exports;
    this.widths = sizes.map(round4);
    const memory = new Arena(this.exports.memory);
    for (let l = 0; l + 1 < sizes.length; l++) {
      this.wOff.push(memory.take(sizes[l] * this.widths[l + 1]));
      this.bOff.push(memory.take(this.widths[l + 1]));
    }
    this.inOff = memory.take(CHUNK * sizes[0]);
    for (let l = 1; l < sizes.length; l++) this.actOff.push(memory.take(CHUNK * this.widths[l]));
    this.f32 = memory.floats();
  }

  /**
   * Run `n` rows of `x` (row-major, `sizes[0]` per row) through the network. `visit(layer, values,
   * stride, off, m)` sees each computed layer of each chunk: `values` is WebAssembly memory (valid
   * only during the call), row r of the chunk's layer `layer` (1-based) starts at `r · stride`.
   * The output layer holds probabilities for a sigmoid head, values otherwise.
   */
  run(p: MlpParams, x: Float32Array, n: number, upTo: number, visit: (layer: number, values: Float32Array, stride: number, off: number, m: number) => void): void {
    loadPadded(this.f32, this.sizes, this.widths, this.wOff, this.bOff, p.w, p.b);
    const { dense } = this.exports;
    const f32 = this.f32;
    const nin0 = this.sizes[0];
    const last = this.sizes.length - 1;
    for (let off = 0; off < n; off += CHUNK) {
      const m = Math.min(CHUNK, n - off);
      f32.set(x.subarray(off * nin0, (off + m) * nin0), this.inOff >> 2);
      let a = this.inOff;
      let lda = nin0;
      for (let l = 1; l <= upTo; l++) {
        const act = l < last ? ACT[this.activation] : this.sigmoidHead ? ACT['sigmoid-head'] : ACT.linear;
        dense(a, lda, this.wOff[l - 1], this.bOff[l - 1], this.actOff[l - 1], m, this.sizes[l - 1], this.widths[l], act);
        a = this.actOff[l - 1];
        lda = this.widths[l];
        visit(l, f32.subarray(a >> 2, (a >> 2) + m * lda), lda, off, m);
      }
    }
  }
}

/**
 * A SIMD forward pass for a network of these layer sizes, or null where WebAssembly SIMD is not
 * available (the caller then uses its JavaScript loops).
 */
export function createSimdForward(sizes: readonly number[], activation: Activation, sigmoidHead: boolean): SimdForward | null {
  const mod = wasmModule();
  if (!mod) return null;
  try {
    return new SimdForward(new WebAssembly.Instance(mod, {}), sizes, activation, sigmoidHead);
  } catch {
    return null;
  }
}

/**
 * The matrix products of a dense stack's forward and backward passes in WebAssembly memory, for
 * up to `rows` rows. Activations and their derivatives stay with the caller (in JavaScript, exact):
 * `linear(l)` leaves layer l+1's pre-activations in `acts[l + 1]`, which the caller overwrites with
 * activated values; the caller fills `deltas[L]`, and after `inputGrads(l)` multiplies `deltas[l]`
 * by the activation's derivative. Every buffer is padded to a multiple of four columns (row stride
 * `width[l]`); padding stays zero.
 */
export class SimdStack {
  /** Padded column count of each layer. */
  readonly width: number[];
  /** Layer outputs (acts[0]: the input), rows × width[l]. */
  readonly acts: Float32Array[] = [];
  /** Gradients with respect to each layer's output, rows × width[l]. */
  readonly deltas: Float32Array[] = [];
  /** Weight gradients, sizes[l] × width[l + 1], and bias gradients, width[l + 1]. */
  readonly gw: Float32Array[] = [];
  readonly gb: Float32Array[] = [];
  private readonly exports: Exports;
  private readonly wOff: number[] = [];
  private readonly bOff: number[] = [];
  private readonly aOff: number[] = [];
  private readonly dOff: number[] = [];
  private readonly gwOff: number[] = [];
  private readonly gbOff: number[] = [];
  private readonly f32: Float32Array;

  constructor(
    instance: WebAssembly.Instance,
    private readonly sizes: readonly number[],
    rows: number,
  ) {
    this.exports = instance.exports as unknown as Exports;
    this.width = sizes.map(round4);
    const memory = new Arena(this.exports.memory);
    for (let l = 0; l < sizes.length; l++) {
      this.aOff.push(memory.take(rows * this.width[l]));
      this.dOff.push(memory.take(rows * this.width[l]));
      if (l + 1 < sizes.length) {
        this.wOff.push(memory.take(sizes[l] * this.width[l + 1]));
        this.bOff.push(memory.take(this.width[l + 1]));
        this.gwOff.push(memory.take(sizes[l] * this.width[l + 1]));
        this.gbOff.push(memory.take(this.width[l + 1]));
      }
    }
    this.f32 = memory.floats();
    const view = (off: number, floats: number) => this.f32.subarray(off >> 2, (off >> 2) + floats);
    for (let l = 0; l < sizes.length; l++) {
      this.acts.push(view(this.aOff[l], rows * this.width[l]));
      this.deltas.push(view(this.dOff[l], rows * this.width[l]));
      if (l + 1 < sizes.length) {
        this.gw.push(view(this.gwOff[l], sizes[l] * this.width[l + 1]));
        this.gb.push(view(this.gbOff[l], this.width[l + 1]));
      }
    }
  }

  /** Copy weights (row-major sizes[l] × sizes[l+1]) and biases in. */
  loadWeights(w: readonly Float32Array[], b: readonly Float32Array[]): void {
    loadPadded(this.f32, this.sizes, this.width, this.wOff, this.bOff, w, b);
  }

  /** acts[l + 1] ← acts[l] · W_l + b_l for `rows` rows (no activation). */
  linear(l: number, rows: number): void {
    this.exports.dense(this.aOff[l], this.width[l], this.wOff[l], this.bOff[l], this.aOff[l + 1], rows, this.sizes[l], this.width[l + 1], 0);
  }

  /** gw[l] ← acts[l]ᵀ · deltas[l + 1], gb[l] ← Σ_rows deltas[l + 1]. */
  paramGrads(l: number, rows: number): void {
    this.exports.param_grads(this.aOff[l], this.width[l], this.dOff[l + 1], this.gwOff[l], this.gbOff[l], rows, this.sizes[l], this.width[l + 1]);
  }

  /** deltas[l] ← deltas[l + 1] · W_lᵀ (before the activation's derivative). */
  inputGrads(l: number, rows: number): void {
    this.exports.input_grads(this.dOff[l + 1], this.wOff[l], this.dOff[l], this.width[l], rows, this.sizes[l], this.width[l + 1]);
  }
}

/** A {@link SimdStack} for these layer sizes and rows, or null where WebAssembly SIMD is unavailable. */
export function createSimdStack(sizes: readonly number[], rows: number): SimdStack | null {
  const mod = wasmModule();
  if (!mod) return null;
  try {
    return new SimdStack(new WebAssembly.Instance(mod, {}), sizes, rows);
  } catch {
    return null;
  }
}
