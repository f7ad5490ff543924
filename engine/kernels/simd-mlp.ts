/**
 * Small dense networks in WebAssembly SIMD:
 * - {@link SimdForward}: forward passes for pictures (the decision boundary's 100 × 100 grid and the
 *   per-neuron maps, every frame), the JavaScript kernel's `predict` to within 1e-4;
 * - {@link SimdStack}: the matrix products of a deep stack's forward and backward passes;
 * - {@link SimdMlpTrainer}: whole training steps (forward, backward, optimizer update) of an
 *   {@link MlpSpec}, with weights and optimizer slots living in WebAssembly memory between steps.
 *   It computes what `DenseMlpKernel.lossAndGrads` followed by `createJsOptimizer(...).update`
 *   computes, in float32 with activations to float precision; `simd-train.test.ts` pins the two.
 *
 * Why a whole step: at batch 10 a 2-16-16-1 network does ~10,000 multiply-adds per step, a few
 * microseconds of arithmetic. Copying weights across the JavaScript/WebAssembly boundary and
 * running the update in JavaScript would cost as much again, so everything stays on this side.
 *
 * Where WebAssembly SIMD is missing or forbidden (an old browser, a page whose CSP lacks
 * 'wasm-unsafe-eval'), the `create…` functions return null and callers keep the JavaScript loops.
 */
import type { Activation, MlpParams, MlpSpec } from '../models/mlp.ts';
import { layerSizes } from '../models/mlp.ts';
import { OPTIMIZER_DEFAULTS, validateOptimizer, type OptimizerConfig, type OptimizerName } from '../optim/optimizers.ts';
import { WASM_BASE64 } from './simd-mlp.wasm.ts';
import { ensureWasmMemory, wasmModuleLoader } from './wasm-module.ts';

interface Exports {
  memory: WebAssembly.Memory;
  dense(a: number, lda: number, w: number, b: number, out: number, n: number, nin: number, nout4: number, act: number): void;
  param_grads(a: number, lda: number, d: number, gw: number, gb: number, n: number, nin: number, nout4: number): void;
  input_grads(d: number, w: number, dprev: number, ldp: number, n: number, nin: number, nout4: number): void;
  act_grad(d: number, a: number, count: number, act: number): void;
  act_exact(p: number, count: number, act: number): void;
  transpose(w: number, nin: number, nout: number, nout4: number, wt: number, nin4: number): void;
  param_grads_rows(a: number, lda: number, d: number, gw: number, gb: number, n: number, nin: number, nout4: number): void;
  update(
    p: number, g: number, s1: number, s2: number, count: number, rule: number,
    lr: number, c1: number, c2: number, eps: number, bc1: number, bc2: number, reg: number, rate: number,
  ): void;
}

const ACT: Record<Activation | 'sigmoid-head', number> = { linear: 0, relu: 1, tanh: 2, sigmoid: 3, 'sigmoid-head': 3 };
/** Activation codes for training: tanh and sigmoid to float precision (the pictures' codes are 1e-4). */
const ACT_EXACT: Record<Activation, number> = { linear: 0, relu: 1, tanh: 4, sigmoid: 5 };
const RULE: Record<OptimizerName, number> = { sgd: 0, momentum: 1, nesterov: 2, rmsprop: 3, adam: 4 };
const REG = { none: 0, l1: 1, l2: 2 } as const;
/**
 * Multiply-adds of one forward-and-backward pass over a batch's rows, at most (about 4 ms of
 * SIMD arithmetic): a bigger batch is taken in passes of fewer rows, its gradient summed across
 * them, so a resumable epoch can stop between passes. Small networks never split a batch.
 */
const PASS_MACS = 4_000_000;

/**
 * Where a resumable epoch stands: its row order, the position in it of the next minibatch's first
 * row, and how many of that minibatch's rows are already in the gradient. Start an epoch with
 * `{ order, off: 0, row: 0 }`; it is over when `off === order.length`.
 */
export interface EpochCursor {
  order: ArrayLike<number>;
  off: number;
  row: number;
}

/** Rows per call: activations of a chunk stay in the core's cache. */
const CHUNK = 1024;

/** The compiled module, or null where WebAssembly SIMD cannot run here (checked once). */
const wasmModule = wasmModuleLoader(WASM_BASE64);

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
    ensureWasmMemory(this.memory, this.at);
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
 * up to `rows` rows, with the activations and their derivatives to float precision: `layer(l)`
 * leaves layer l+1's activated outputs in `acts[l + 1]` (`linear(l)` its pre-activations); the
 * caller fills `deltas[L]`, and after `inputGrads(l)` calls `activationGrad(l)`. Every buffer is padded to a multiple of four columns (row stride
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

  /**
   * acts[l + 1] ← f(acts[l] · W_l + b_l) for `rows` rows, f to float precision (ReLU exactly, tanh
   * and sigmoid through e^z), so callers need no activation loop of their own.
   */
  layer(l: number, rows: number, kind: Activation): void {
    const code = ACT_EXACT[kind];
    this.exports.dense(this.aOff[l], this.width[l], this.wOff[l], this.bOff[l], this.aOff[l + 1], rows, this.sizes[l], this.width[l + 1], code === ACT_EXACT.relu ? code : 0);
    if (code > ACT_EXACT.relu) this.exports.act_exact(this.aOff[l + 1], rows * this.width[l + 1], code);
  }

  /** deltas[l] ← deltas[l] ⊙ f′, with f′ written through the outputs in acts[l] (after {@link layer}). */
  activationGrad(l: number, rows: number, kind: Activation): void {
    this.exports.act_grad(this.dOff[l], this.aOff[l], rows * this.width[l], ACT_EXACT[kind]);
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

/**
 * Minibatch training of an {@link MlpSpec} in WebAssembly SIMD. The weights live here, padded to
 * multiples of four columns, with the optimizer's slots beside them: `train` copies the weights in
 * from an {@link MlpParams}, runs every minibatch of an epoch without leaving WebAssembly except to
 * gather rows and form the loss gradient, and copies them back out once at the end.
 *
 * Losses follow the JavaScript kernel's conventions (binary cross-entropy on the logit for a sigmoid
 * head, squared error for a linear head, means over the batch's outputs; the L1/L2 penalty on the
 * weights only, joined to the gradient inside the update).
 */
export class SimdMlpTrainer {
  /** Layer widths, input first. */
  readonly sizes: number[];
  /** Padded column count of each layer. */
  private readonly width: number[];
  private readonly exports: Exports;
  private readonly f32: Float32Array;
  private readonly wOff: number[] = [];
  private readonly bOff: number[] = [];
  private readonly gwOff: number[] = [];
  private readonly gbOff: number[] = [];
  private readonly aOff: number[] = [];
  private readonly dOff: number[] = [];
  /** Each layer's weights transposed (sizes[l+1] × width[l]), for the backward product δ·Wᵀ. */
  private readonly wtOff: number[] = [];
  /** A zero bias for that product. */
  private readonly zeroOff: number;
  /** Start of the weights, the gradients and the two slots; biases follow the weights in each. */
  private readonly pOff: number;
  private readonly gOff: number;
  private readonly s1Off: number;
  private readonly s2Off: number;
  /** Float counts of all weights and of all biases (padded). */
  private readonly nW: number;
  private readonly nB: number;
  private readonly opt: Required<OptimizerConfig>;
  /** Updates applied so far (Adam's bias correction counts them). */
  private t = 0;
  /**
   * Rows of one pass (forward and backward) of a minibatch: a function of the network only, so
   * where a resumable epoch stops never changes the numbers. A batch of more rows is summed over
   * several passes.
   */
  readonly passRows: number;
  /** A batch's gradient summed over its passes (only for batches of more than `passRows` rows). */
  private acc: Float32Array | null = null;

  constructor(
    instance: WebAssembly.Instance,
    private readonly spec: MlpSpec,
    optimizer: OptimizerConfig,
    /** Largest minibatch. */
    readonly rows: number,
  ) {
    validateOptimizer(optimizer);
    this.opt = { ...OPTIMIZER_DEFAULTS, ...optimizer };
    this.exports = instance.exports as unknown as Exports;
    this.sizes = layerSizes(spec);
    const sizes = this.sizes;
    this.width = sizes.map(round4);
    const L = sizes.length - 1;
    const memory = new Arena(this.exports.memory);
    // Four blocks of the same shape (weights, gradients, slot 1, slot 2): every weight matrix, then
    // every bias vector. The update then sweeps each block in two calls (weights get the penalty).
    const block = (wOff: number[], bOff: number[]) => {
      const start = memory.take(0);
      for (let l = 0; l < L; l++) wOff.push(memory.take(sizes[l] * this.width[l + 1]));
      for (let l = 0; l < L; l++) bOff.push(memory.take(this.width[l + 1]));
      return start;
    };
    this.pOff = block(this.wOff, this.bOff);
    this.gOff = block(this.gwOff, this.gbOff);
    this.s1Off = block([], []);
    this.s2Off = block([], []);
    this.nW = (this.bOff[0] - this.wOff[0]) >> 2;
    this.nB = (this.gOff - this.bOff[0]) >> 2;
    for (let l = 0; l <= L; l++) {
      this.aOff.push(memory.take(rows * this.width[l]));
      this.dOff.push(memory.take(rows * this.width[l]));
    }
    for (let l = 0; l < L; l++) this.wtOff.push(memory.take(sizes[l + 1] * this.width[l]));
    this.zeroOff = memory.take(Math.max(...this.width));
    this.f32 = memory.floats();
    this.passRows = Math.max(1, Math.floor(PASS_MACS / (3 * (this.nW + this.nB))));
  }

  /** Copy weights and biases in (the padding stays zero). */
  load(p: MlpParams): void {
    loadPadded(this.f32, this.sizes, this.width, this.wOff, this.bOff, p.w, p.b);
  }

  /** Copy the current weights and biases out into `p`. */
  store(p: MlpParams): void {
    const f32 = this.f32;
    for (let l = 0; l + 1 < this.sizes.length; l++) {
      const nout = this.sizes[l + 1];
      const stride = this.width[l + 1];
      unpadRows(f32, this.wOff[l] >> 2, stride, p.w[l], nout, this.sizes[l]);
      p.b[l].set(f32.subarray(this.bOff[l] >> 2, (this.bOff[l] >> 2) + nout));
    }
  }

  /**
   * One epoch: load `p`, one update per minibatch of `bs` rows in `order` over `n` rows of `x`/`y`,
   * store `p`. Returns the number of updates.
   */
  train(p: MlpParams, x: Float32Array, y: Float32Array, order: ArrayLike<number>, n: number, bs: number): number {
    const rows = order.length === n ? order : Array.prototype.slice.call(order, 0, n);
    return this.trainUntil(p, x, y, { order: rows, off: 0, row: 0 }, bs, Infinity);
  }

  /**
   * A resumable epoch: load `p`, continue the epoch at `cursor` (minibatches of `bs` rows in
   * `cursor.order`), and stop at its end or once `performance.now()` passes `deadline` — between
   * minibatches, or between passes of a batch of more than {@link passRows} rows (its partial
   * gradient waits here for the next call). Stores `p` and moves `cursor`; the weights change
   * only when a minibatch completes. Any way of cutting an epoch gives the same numbers.
   * Returns the number of updates.
   */
  trainUntil(p: MlpParams, x: Float32Array, y: Float32Array, cursor: EpochCursor, bs: number, deadline: number): number {
    this.load(p);
    const n = cursor.order.length;
    const R = this.passRows;
    // Look at the clock about once per pass's worth of arithmetic, not after every tiny batch.
    const every = Math.max(1, Math.floor(R / bs));
    let count = 0;
    let passes = 0;
    while (cursor.off < n) {
      const m = Math.min(bs, n - cursor.off);
      const split = m > R;
      const k = Math.min(R, m - cursor.row);
      this.forwardBackward(x, y, cursor.order, cursor.off + cursor.row, k, false, m);
      if (split) this.accumulate(cursor.row === 0);
      cursor.row += k;
      if (cursor.row === m) {
        if (split) this.f32.set(this.acc!, this.gOff >> 2);
        this.update();
        count++;
        cursor.off += m;
        cursor.row = 0;
      }
      if (++passes % every === 0 && cursor.off < n && performance.now() >= deadline) break;
    }
    this.store(p);
    return count;
  }

  /** Add the gradient block of the last pass to the batch's sum (`first`: start the sum). */
  private accumulate(first: boolean): void {
    const count = this.nW + this.nB;
    const g = this.f32.subarray(this.gOff >> 2, (this.gOff >> 2) + count);
    if (!this.acc || this.acc.length !== count) this.acc = new Float32Array(count);
    const acc = this.acc;
    if (first) acc.set(g);
    else for (let i = 0; i < count; i++) acc[i] += g[i];
  }

  /**
   * One update on the first `n` rows of `x`/`y` as they are (a batch the caller built): load `p`,
   * step, store `p`. Returns the batch's data loss before the update.
   */
  trainRows(p: MlpParams, x: Float32Array, y: Float32Array, n: number): number {
    this.load(p);
    const loss = this.forwardBackward(x, y, null, 0, n, true);
    this.update();
    this.store(p);
    return loss;
  }

  /**
   * Data loss and gradients of the loaded weights for rows `idx[offset .. offset+n)` (or
   * `offset ..` without `idx`), without updating. The gradients land in `gw`/`gb` (unpadded, the
   * shapes of `p.w`/`p.b`) with the penalty's gradient included, as `DenseMlpKernel.lossAndGrads`
   * leaves them; for tests and read-outs.
   */
  lossAndGrads(p: MlpParams, x: Float32Array, y: Float32Array, idx: ArrayLike<number> | null, offset: number, n: number, gw: Float32Array[], gb: Float32Array[]): number {
    this.load(p);
    const loss = this.forwardBackward(x, y, idx, offset, n, true);
    const f32 = this.f32;
    const { regularization, regularizationRate: rate } = this.spec;
    for (let l = 0; l + 1 < this.sizes.length; l++) {
      const nout = this.sizes[l + 1];
      unpadRows(f32, this.gwOff[l] >> 2, this.width[l + 1], gw[l], nout, this.sizes[l]);
      gb[l].set(f32.subarray(this.gbOff[l] >> 2, (this.gbOff[l] >> 2) + nout));
      if (rate > 0 && regularization !== 'none') {
        const w = p.w[l];
        for (let k = 0; k < w.length; k++) gw[l][k] += regularization === 'l2' ? 2 * rate * w[k] : rate * Math.sign(w[k]);
      }
    }
    return loss;
  }

  /**
   * Forward and backward over `n` rows of a minibatch of `batchRows` rows (the loss gradient is a
   * mean over the whole batch); gradients land in WebAssembly memory.
   */
  private forwardBackward(x: Float32Array, y: Float32Array, idx: ArrayLike<number> | null, offset: number, n: number, wantLoss = false, batchRows = n): number {
    if (n > this.rows) throw new Error(`Batch of ${n} exceeds the SIMD trainer's ${this.rows} rows.`);
    const { dense, param_grads_rows, transpose, act_exact, act_grad } = this.exports;
    const { sizes, width, f32 } = this;
    const L = sizes.length - 1;
    // Gather the batch's rows into the (padded) input buffer.
    const in0 = sizes[0];
    const w0 = width[0];
    const a0 = this.aOff[0] >> 2;
    for (let i = 0; i < n; i++) {
      const src = (idx ? idx[offset + i] : offset + i) * in0;
      for (let k = 0; k < in0; k++) f32[a0 + i * w0 + k] = x[src + k];
    }
    const hidden = ACT_EXACT[this.spec.activation];
    // tanh and sigmoid go in a pass of their own (act_exact): one call per layer, not per vector.
    const inDense = hidden === ACT_EXACT.relu ? hidden : 0;
    for (let l = 0; l < L; l++) {
      dense(this.aOff[l], width[l], this.wOff[l], this.bOff[l], this.aOff[l + 1], n, sizes[l], width[l + 1], l + 1 < L ? inDense : 0);
      if (l + 1 < L && hidden > ACT_EXACT.relu) act_exact(this.aOff[l + 1], n * width[l + 1], hidden);
    }
    // ∂L/∂(output): (σ(z) − y)/(B·K) for the sigmoid head, 2(ŷ − y)/(B·K) for the linear one.
    const nOut = sizes[L];
    const wL = width[L];
    const out = this.aOff[L] >> 2;
    const dOut = this.dOff[L] >> 2;
    const sigmoidHead = this.spec.output === 'sigmoid';
    const inv = 1 / (batchRows * nOut);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const src = (idx ? idx[offset + i] : offset + i) * nOut;
      for (let j = 0; j < nOut; j++) {
        const z = f32[out + i * wL + j];
        const t = y[src + j];
        if (sigmoidHead) {
          if (wantLoss) loss += Math.max(z, 0) - z * t + Math.log1p(Math.exp(-Math.abs(z)));
          f32[dOut + i * wL + j] = (1 / (1 + Math.exp(-z)) - t) * inv;
        } else {
          const e = z - t;
          if (wantLoss) loss += e * e;
          f32[dOut + i * wL + j] = 2 * e * inv;
        }
      }
    }
    for (let l = L - 1; l >= 0; l--) {
      param_grads_rows(this.aOff[l], width[l], this.dOff[l + 1], this.gwOff[l], this.gbOff[l], n, sizes[l], width[l + 1]);
      if (l > 0) {
        // δ_l = (δ_{l+1} · W_lᵀ) ⊙ f′: the product as a forward pass through the transposed weights.
        transpose(this.wOff[l], sizes[l], sizes[l + 1], width[l + 1], this.wtOff[l], width[l]);
        dense(this.dOff[l + 1], width[l + 1], this.wtOff[l], this.zeroOff, this.dOff[l], n, sizes[l + 1], width[l], 0);
        act_grad(this.dOff[l], this.aOff[l], n * width[l], hidden);
      }
    }
    return loss * inv;
  }

  /** The optimizer's step on every weight (with the penalty) and every bias (without). */
  private update(): void {
    const o = this.opt;
    this.t++;
    const bc1 = 1 - o.beta1 ** this.t;
    const bc2 = 1 - o.beta2 ** this.t;
    const rule = RULE[o.name];
    const c1 = o.name === 'rmsprop' ? o.rho : o.name === 'adam' ? o.beta1 : o.momentum;
    const reg = this.spec.regularizationRate > 0 ? REG[this.spec.regularization] : 0;
    const { update } = this.exports;
    const bias = this.nW * 4;
    update(this.pOff, this.gOff, this.s1Off, this.s2Off, this.nW, rule, o.learningRate, c1, o.beta2, o.epsilon, bc1, bc2, reg, this.spec.regularizationRate);
    update(this.pOff + bias, this.gOff + bias, this.s1Off + bias, this.s2Off + bias, this.nB, rule, o.learningRate, c1, o.beta2, o.epsilon, bc1, bc2, 0, 0);
  }
}

/** Copy `rowsN` rows of `n` values from padded memory (row stride `stride`, from float `base`) into `out`. */
function unpadRows(f32: Float32Array, base: number, stride: number, out: Float32Array, n: number, rowsN: number): void {
  if (stride === n) {
    out.set(f32.subarray(base, base + rowsN * n));
    return;
  }
  for (let r = 0; r < rowsN; r++) for (let j = 0; j < n; j++) out[r * n + j] = f32[base + r * stride + j];
}

/**
 * A {@link SimdMlpTrainer} for this network, optimizer and largest minibatch, or null where
 * WebAssembly SIMD is unavailable (the caller then trains with the JavaScript kernel).
 */
export function createSimdMlpTrainer(spec: MlpSpec, optimizer: OptimizerConfig, rows: number): SimdMlpTrainer | null {
  const mod = wasmModule();
  if (!mod) return null;
  let instance: WebAssembly.Instance;
  try {
    instance = new WebAssembly.Instance(mod, {});
  } catch {
    return null;
  }
  return new SimdMlpTrainer(instance, spec, optimizer, rows);
}
