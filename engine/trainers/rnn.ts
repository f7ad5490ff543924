/**
 * Three recurrent cells trained side by side on a memory task, the adding problem
 * (engine/datasets/adding.ts) or copy with a delay (engine/datasets/copy-task.ts), with
 * backpropagation through time written out by hand in plain JavaScript, so the room can watch
 * what the deck argues: the vanilla RNN stalls at the trivial baseline while the gated cells learn,
 * and the gradient ‖∂L/∂h_k‖ fades (or, with a large recurrent scale, blows up) as k goes back in time.
 *
 * ```ts
 * const race = createRnnRace({ length: 50 });
 * const r = race.step();              // one minibatch update of every cell: r.loss.lstm, r.gradNorm.gru …
 * race.gradientThroughTime('rnn');    // Float32Array(T): ‖∂L/∂h_k‖ for k = 1 … T, from that step
 * race.gates('lstm').maps.forget;     // Float32Array(T × hidden): the forget gate on one fixed example
 * race.setLength(100);                // the weights do not depend on T: keep training on longer sequences
 * createRnnRace({ task: 'copy', length: 20 }); // recall 3 symbols after a delay of 20 steps
 * ```
 *
 * The cells follow PyTorch's nn.RNN / nn.GRU / nn.LSTM exactly (gate order, two bias vectors), so a
 * student can check any number against `torch`:
 * - rnn:  h' = tanh(W_ih x + b_ih + W_hh h + b_hh)
 * - gru:  r = σ(·), z = σ(·), n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)), h' = (1 − z) ⊙ n + z ⊙ h
 * - lstm: i, f, o = σ(·), g = tanh(·), c' = f ⊙ c + i ⊙ g, h' = o ⊙ tanh(c')
 * A linear head reads the state. Adding problem: ŷ = w·h_T + b, the loss is the mean squared error.
 * Copy: logits_t = W_out h_t + b_out at every step, the loss is the cross-entropy per step.
 *
 * Why plain Float32Arrays: a cell with 16 units at batch 32 is thousands of tiny kernels per step in
 * TensorFlow.js (3–20 µs each), while the loops below are a few hundred thousand multiply-adds.
 * Gradients are checked against central finite differences in float64 in rnn.test.ts.
 */
import { addingBatch, ADDING_BASELINE, ADDING_LENGTH_RANGE, type AddingBatch } from '../datasets/adding.ts';
import { checkCopyOptions, copyBaseline, copyBatch, COPY_DEFAULTS, COPY_DELAY_RANGE, type CopyBatch } from '../datasets/copy-task.ts';
import { createJsOptimizer, type JsOptimizer } from '../optim/optimizers.ts';
import { createRng, type Rng } from '../random.ts';

export { addingBatch, ADDING_BASELINE, ADDING_LENGTH_RANGE, type AddingBatch } from '../datasets/adding.ts';
export { copyBaseline, copyBatch, COPY_DEFAULTS, COPY_DELAY_RANGE, type CopyBatch, type CopyOptions } from '../datasets/copy-task.ts';

/** The memory tasks a race can train on. */
export const RNN_TASKS = ['adding', 'copy'] as const;
/** One task: `adding` (MSE on the sum of two marked values) or `copy` (recall K symbols after a delay). */
export type RnnTaskName = (typeof RNN_TASKS)[number];
/** A batch of either task. */
export type RnnBatch = AddingBatch | CopyBatch;
/** The longest sequence a cell ever sees: the longest copy delay plus twice the most symbols. */
const MAX_STEPS = Math.max(ADDING_LENGTH_RANGE[1], COPY_DELAY_RANGE[1] + 20);

/** The cells, in the order they are drawn. */
export const RNN_CELLS = ['rnn', 'gru', 'lstm'] as const;
/** One cell type. */
export type RnnCellName = (typeof RNN_CELLS)[number];

/** Gate blocks per cell (rows of W_ih and W_hh are `blocks × hidden`), in PyTorch's order. */
export const RNN_GATES: Record<RnnCellName, readonly string[]> = {
  rnn: ['candidate'],
  gru: ['reset', 'update', 'candidate'],
  lstm: ['input', 'forget', 'candidate', 'output'],
};

/** Defaults for {@link createRnnRace}. */
export const RNN_DEFAULTS = {
  /** Hidden units per cell (2–64). 8 is enough for the adding problem, keeps a step cheap (16 costs 3–4× more per step and learned no faster) and gives readable heat maps. */
  hidden: 8,
  /** The memory task: adding | copy. */
  task: 'adding' as RnnTaskName,
  /** Sequence length T (2–400) for the adding problem, the delay T (1–400) for copy (its sequences are T + 2K long); changeable while training with `setLength`. */
  length: 50,
  /** Copy only: alphabet size A (2–8). */
  symbols: COPY_DEFAULTS.symbols,
  /** Copy only: symbols to remember, K (1–10). */
  count: COPY_DEFAULTS.count,
  /** Sequences per minibatch. */
  batch: 32,
  /** Adam's learning rate (0.01 also works, about 1.5× more steps). */
  learningRate: 0.02,
  /** Every H × H recurrent block starts as this scale times a random orthogonal matrix, so σ_max(W_hh) equals it: below 1 gradients vanish faster, well above 1 they can explode. */
  recurrentScale: 1,
  /** Rescale a cell's whole gradient when its norm exceeds `clipNorm` (Pascanu et al. 2013). */
  clip: true,
  /** Clipping threshold on the global gradient norm. */
  clipNorm: 1,
  /** Which cells race. */
  cells: RNN_CELLS as readonly RnnCellName[],
  /** Held-out sequences `evaluate()` scores (regenerated when T changes). */
  evalSize: 256,
  /** Seed for weights, minibatches, the held-out set and the example whose gates are shown. */
  seed: 1,
  /** Compute in float64 instead of float32 (for gradient checks; twice the memory). */
  float64: false,
};

/** Options for {@link createRnnRace}; anything left out takes its {@link RNN_DEFAULTS} value. */
export type RnnOptions = Partial<Omit<typeof RNN_DEFAULTS, 'task'>> & { task?: RnnTaskName };

/** What one `step()` reports, per cell: plain numbers. */
export interface RnnStepReport {
  /** Updates done so far (after this one). */
  step: number;
  /** T of this step's minibatch (the adding problem's length, copy's delay). */
  length: number;
  /** Minibatch loss before the update: MSE (adding) or cross-entropy per step (copy). */
  loss: Partial<Record<RnnCellName, number>>;
  /** Global gradient norm before clipping. */
  gradNorm: Partial<Record<RnnCellName, number>>;
  /** Whether clipping rescaled the gradient. */
  clipped: Partial<Record<RnnCellName, boolean>>;
}

/** One fixed example run through a cell, for the gate heat maps. */
export interface RnnGateView {
  /** Gate names, e.g. forget, input, output for the LSTM (the candidate is left out). */
  names: readonly string[];
  /** Each gate's activation, `steps × hidden` row-major (row t = step t + 1), values in (0, 1). */
  maps: Record<string, Float32Array>;
  /** The hidden state h_t, `steps × hidden`, in (−1, 1). */
  hidden: Float32Array;
  /** Adding: the cell's prediction ŷ. Copy: how many of the K symbols it recalls (most likely class at each recall step). */
  prediction: number;
  /** Adding: the true sum. Copy: K. */
  target: number;
  /** Adding: the example's values. Copy: the input token per step divided by A + 1 (symbols in (0, 1), the marker 1). Length: the steps. */
  values: Float32Array;
  /** Adding: the two marked steps. Copy: the last symbol's step and the marker's (the hold in between). 0-based. */
  marks: [number, number];
  /** Copy only: the input token per step (0 blank, 1 … A a symbol, A + 1 the marker). */
  tokens?: Int32Array;
  /** Copy only: the cell's most likely class per step (0 blank, 1 … A a symbol). */
  outputs?: Int32Array;
}

/** Parameters of one cell, PyTorch's layout: W_ih (G × D), W_hh (G × H), b_ih (G), b_hh (G), head W (O × H), head b (O); G = blocks × H; D = 2, O = 1 for adding, D = A + 2, O = A + 1 for copy. */
export interface RnnParams {
  wIh: Float32Array | Float64Array;
  wHh: Float32Array | Float64Array;
  bIh: Float32Array | Float64Array;
  bHh: Float32Array | Float64Array;
  wOut: Float32Array | Float64Array;
  bOut: Float32Array | Float64Array;
}

/** Three (or fewer) recurrent cells learning a memory task on the same minibatches. */
export interface RnnRace {
  /** The options in force (length follows `setLength`, clip follows `setClipping`). */
  readonly options: Readonly<Required<RnnOptions>>;
  /** The loss of the best guess without memory. Adding: MSE of always predicting 1, 1/6 ≈ 0.167. Copy: K · ln A / (T + 2K) (follows `setLength`). */
  readonly baseline: number;
  /** Updates done. */
  readonly steps: number;
  /** One minibatch update of every cell (they see the same sequences). */
  step(): RnnStepReport;
  /**
   * Work on the current round (every cell's update on the round's minibatch). Without a deadline:
   * the next cell's update, whole. With one (a `performance.now()` time): forward and backward
   * passes one time step at a time until the deadline has passed (at least one step), so no call
   * outlasts its deadline by more than a time step, at any T and width; the pass resumes on the
   * next call, bit for bit as if in one go, and read-outs meanwhile (`gates`, `evaluate`,
   * `gradientThroughTime`) see the weights and gradients of the last finished update. Returns the
   * round's report when its last cell is done, otherwise null.
   */
  advance(deadline?: number): RnnStepReport | null;
  /** The task's loss (MSE or cross-entropy per step) of each cell on the fixed held-out set (forward passes only). */
  evaluate(): Partial<Record<RnnCellName, number>>;
  /**
   * Share of the held-out set each cell gets right. Copy: recalled symbols (most likely class),
   * chance 1/A. Adding: predictions within 0.04 of the sum (Hochreiter and Schmidhuber's criterion).
   */
  accuracy(): Partial<Record<RnnCellName, number>>;
  /**
   * ‖∂ℓ/∂h_k‖ for k = 1 … steps from the last backward pass (the last step), averaged over its
   * examples ℓ (zeros before the first step). Adding: ℓ is the example's loss, read at k = T. Copy:
   * ℓ is the recall steps' part of the loss (the last K), so the curve shows how much of the
   * recall error reaches the step where a symbol was shown.
   */
  gradientThroughTime(cell: RnnCellName): Float32Array;
  /** Gate activations on one fixed example of the current length. */
  gates(cell: RnnCellName): RnnGateView;
  /** Change T; weights and optimizer state are kept (the cells do not depend on T). */
  setLength(length: number): void;
  /** Switch gradient clipping on or off, optionally with a new threshold. */
  setClipping(on: boolean, norm?: number): void;
  /** The live parameter arrays of a cell (tests, inspection). */
  params(cell: RnnCellName): RnnParams;
  /** The task's loss, the part of it the gradient read-out follows (copy: the recall steps'; adding: all), its gradient in the order of `params` (wIh, wHh, bIh, bHh, wOut, bOut) and ∂L/∂h_k (steps × batch × hidden) on a given batch of the race's task, for tests; changes no weight. */
  lossAndGrads(cell: RnnCellName, batch: RnnBatch, nudge?: RnnNudge): { loss: number; recallLoss: number; grads: (Float32Array | Float64Array)[]; dh: Float64Array };
  /** Drop the weights and start again from the seed (same options unless new ones are given). */
  reset(options?: RnnOptions): void;
  /** Release the buffers. Plain arrays own no tensors, but the engine's convention is that every owner has one. */
  dispose(): void;
}

type Vec = Float32Array | Float64Array;
/** A forward pass's record, [t][b][·]. */
type Tape = { hs: Vec; cs: Vec; acts: Vec; ahn: Vec; probs: Float64Array };

/** Adds `by` to unit `unit` of h_step (1-based step) of one example during a forward pass: the finite-difference probe for ∂L/∂h_k. */
export interface RnnNudge {
  step: number;
  example: number;
  unit: number;
  by: number;
}

const sigmoid = (a: number) => 1 / (1 + Math.exp(-a));

/** A random orthogonal n × n matrix times `scale`, written into `out` at `offset` (Gram–Schmidt on a Gaussian matrix). */
function orthogonalInto(out: Vec, offset: number, n: number, scale: number, rng: Rng) {
  const q = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (;;) {
      for (let j = 0; j < n; j++) q[i * n + j] = rng.normal();
      for (let k = 0; k < i; k++) {
        let dot = 0;
        for (let j = 0; j < n; j++) dot += q[i * n + j] * q[k * n + j];
        for (let j = 0; j < n; j++) q[i * n + j] -= dot * q[k * n + j];
      }
      let norm = 0;
      for (let j = 0; j < n; j++) norm += q[i * n + j] ** 2;
      norm = Math.sqrt(norm);
      if (norm > 1e-6) {
        for (let j = 0; j < n; j++) q[i * n + j] /= norm;
        break;
      }
    }
  }
  for (let t = 0; t < n * n; t++) out[offset + t] = scale * q[t];
}

/** What a cell's head and loss look like: input width D, output width O, and the loss. */
interface Head {
  /** Input features per step. */
  inputs: number;
  /** Outputs of the head: 1 (a number) or the classes. */
  outputs: number;
  /** mse: one prediction after the last step; xent: a class at every step. */
  loss: 'mse' | 'xent';
  /** Initial head bias (the target's mean, or the log class frequencies). */
  bias: readonly number[];
}

/**
 * One cell's forward pass and backpropagation through time over a batch. The forward pass keeps
 * every step's states and gate activations (the tape); the backward pass walks it from T down to 1.
 */
class CellKernel {
  readonly blocks: number;
  readonly p: RnnParams;
  readonly list: Vec[];
  readonly grads: Vec[];
  /** ‖∂L/∂h_k‖ per k, from the last `backward`. */
  readonly gradNorms: Float32Array;
  /** T of the last `backward` (0 before the first). */
  gradLength = 0;
  /** The part of the last `backward`'s loss that the read-out follows: the recall steps' (copy) or all of it (adding). */
  recallLoss = 0;
  /** A backward pass's running sums of the loss and of its recall part, and its ‖∂ℓ/∂h_k‖ until it ends. */
  private lossSum = 0;
  private recallSum = 0;
  private readonly pendingNorms: Float32Array;
  /** The tape of the last forward pass, [t][b][·]: states h_t (t = 0 … T), cells c_t (LSTM), gate activations, W_hn h + b_hn (GRU), the head's softmax per step (copy). */
  tape!: Tape;
  /** Tapes by use, batch and length, so training, evaluation and the one shown example do not reallocate (or, between a resumable update's pieces, overwrite) each other's. */
  private tapes = new Map<string, Tape>();
  private pre: Vec;
  private inp: Float64Array;
  /** ∂L/∂h and ∂L/∂c of the whole loss (for the weights) and, for copy, of the recall steps' loss alone (for the read-out). */
  private dh: Float64Array;
  private dc: Float64Array;
  private dhR: Float64Array;
  private dcR: Float64Array;
  private da: Float64Array;
  private dahn: Float64Array;

  constructor(
    readonly cell: RnnCellName,
    readonly hidden: number,
    readonly head: Head,
    readonly F: Float32ArrayConstructor | Float64ArrayConstructor,
    maxLength: number,
    scale: number,
    rng: Rng,
  ) {
    const H = hidden;
    const { inputs: D, outputs: O } = head;
    this.blocks = RNN_GATES[cell].length;
    const G = this.blocks * H;
    this.p = { wIh: new F(G * D), wHh: new F(G * H), bIh: new F(G), bHh: new F(G), wOut: new F(O * H), bOut: new F(O) };
    this.list = [this.p.wIh, this.p.wHh, this.p.bIh, this.p.bHh, this.p.wOut, this.p.bOut];
    this.grads = this.list.map((a) => new F(a.length));
    this.gradNorms = new Float32Array(maxLength);
    this.pendingNorms = new Float32Array(maxLength);
    // PyTorch's input init, U(±1/√H); the recurrent blocks are scaled orthogonal matrices so that
    // the demo's "recurrent scale" is exactly σ_max(W_hh) of each block.
    const bound = 1 / Math.sqrt(H);
    for (let t = 0; t < this.p.wIh.length; t++) this.p.wIh[t] = rng.uniform(-bound, bound);
    for (let k = 0; k < this.blocks; k++) orthogonalInto(this.p.wHh, k * H * H, H, scale, rng);
    // LSTM: forget bias 1 (Gers et al. 2000; Jozefowicz et al. 2015), so memory is kept by default.
    if (cell === 'lstm') for (let j = 0; j < H; j++) this.p.bIh[H + j] = 1;
    for (let j = 0; j < O * H; j++) this.p.wOut[j] = rng.uniform(-bound, bound);
    // Head bias at the target's mean (adding: every cell starts at the trivial baseline, not above
    // it) or at the log frequency of each class (copy: blanks are likely before anything is learned).
    for (let k = 0; k < O; k++) this.p.bOut[k] = head.bias[k];
    this.pre = new F(G);
    this.inp = new Float64Array(G);
    this.dh = this.dc = this.dhR = this.dcR = this.da = this.dahn = new Float64Array(0);
  }

  private ensureTape(B: number, T: number, use = 'pass') {
    const { F, hidden: H } = this;
    const G = this.blocks * H;
    const O = this.head.outputs;
    const key = `${use}:${B}x${T}`;
    let tape = this.tapes.get(key);
    if (!tape) {
      if (this.tapes.size >= 6) this.tapes.clear(); // T changed: drop the old lengths' tapes (a job in flight keeps its own)
      tape = {
        hs: new F((T + 1) * B * H),
        cs: new F(this.cell === 'lstm' ? (T + 1) * B * H : 0),
        acts: new F(T * B * G),
        ahn: new F(this.cell === 'gru' ? T * B * H : 0),
        probs: new Float64Array(this.head.loss === 'xent' ? T * B * O : 0),
      };
      this.tapes.set(key, tape);
    }
    this.tape = tape;
    if (this.dh.length < B * H) {
      this.dh = new Float64Array(B * H);
      this.dc = new Float64Array(B * H);
      this.dhR = new Float64Array(B * H);
      this.dcR = new Float64Array(B * H);
      this.da = new Float64Array(B * G);
      this.dahn = new Float64Array(B * H);
    }
  }

  /**
   * Runs the batch (`B × T × D` inputs) forward, filling the tape. Returns the predictions ŷ (`B`)
   * for mse, the tape's softmax per step (`T × B × O`) for xent. `nudge` (tests) adds `by` to one
   * unit of h_k as it is computed.
   */
  forward(x: Float32Array, B: number, T: number, nudge?: RnnNudge): Float64Array {
    this.forwardStart(B, T);
    this.forwardSteps(x, B, T, 0, T, nudge);
    return this.forwardOutput(B, T);
  }

  /** Starts a forward pass: the tape for B × T (a resumable update's own: `use` 'job'), h_0 = 0 (and c_0 = 0). */
  private forwardStart(B: number, T: number, use = 'pass') {
    this.ensureTape(B, T, use);
    const H = this.hidden;
    this.tape.hs.fill(0, 0, B * H); // h_0 = 0
    if (this.cell === 'lstm') this.tape.cs.fill(0, 0, B * H);
  }

  /** Steps t0 … t1 − 1 of the forward pass on the current tape (steps before t0 are on it already). */
  private forwardSteps(x: Float32Array, B: number, T: number, t0: number, t1: number, nudge?: RnnNudge) {
    const { hidden: H, cell, pre, inp } = this;
    const { inputs: D, outputs: O, loss } = this.head;
    const { hs, cs, acts, ahn, probs } = this.tape;
    const { wIh, wHh, bIh, bHh, wOut, bOut } = this.p;
    const G = this.blocks * H;
    for (let t = t0; t < t1; t++) {
      for (let b = 0; b < B; b++) {
        const xRow = (b * T + t) * D;
        const hPrev = (t * B + b) * H;
        const hNext = ((t + 1) * B + b) * H;
        const a = (t * B + b) * G;
        // inp = W_ih x + b_ih (copy's inputs are one-hot: only one column of W_ih is read).
        for (let g = 0; g < G; g++) inp[g] = bIh[g];
        for (let d = 0; d < D; d++) {
          const v = x[xRow + d];
          if (v !== 0) for (let g = 0; g < G; g++) inp[g] += wIh[g * D + d] * v;
        }
        // pre = W_hh h + b_hh (kept apart from the input part for the GRU's candidate).
        for (let g = 0; g < G; g++) {
          let s = bHh[g];
          const row = g * H;
          for (let j = 0; j < H; j++) s += wHh[row + j] * hs[hPrev + j];
          pre[g] = s;
        }
        if (cell === 'rnn') {
          for (let j = 0; j < H; j++) hs[hNext + j] = acts[a + j] = Math.tanh(inp[j] + pre[j]);
        } else if (cell === 'gru') {
          for (let j = 0; j < H; j++) {
            const r = sigmoid(inp[j] + pre[j]);
            const z = sigmoid(inp[H + j] + pre[H + j]);
            const n = Math.tanh(inp[2 * H + j] + r * pre[2 * H + j]);
            acts[a + j] = r;
            acts[a + H + j] = z;
            acts[a + 2 * H + j] = n;
            ahn[(t * B + b) * H + j] = pre[2 * H + j];
            hs[hNext + j] = (1 - z) * n + z * hs[hPrev + j];
          }
        } else {
          for (let j = 0; j < H; j++) {
            const i = sigmoid(inp[j] + pre[j]);
            const f = sigmoid(inp[H + j] + pre[H + j]);
            const g = Math.tanh(inp[2 * H + j] + pre[2 * H + j]);
            const o = sigmoid(inp[3 * H + j] + pre[3 * H + j]);
            acts[a + j] = i;
            acts[a + H + j] = f;
            acts[a + 2 * H + j] = g;
            acts[a + 3 * H + j] = o;
            const c = f * cs[hPrev + j] + i * g;
            cs[hNext + j] = c;
            hs[hNext + j] = o * Math.tanh(c);
          }
        }
        if (nudge && nudge.step === t + 1 && nudge.example === b) hs[hNext + nudge.unit] += nudge.by;
        if (loss === 'xent') {
          // The head at every step: a softmax over blank and the A symbols.
          const q = (t * B + b) * O;
          let max = -Infinity;
          for (let k = 0; k < O; k++) {
            let s = bOut[k];
            for (let j = 0; j < H; j++) s += wOut[k * H + j] * hs[hNext + j];
            probs[q + k] = s;
            if (s > max) max = s;
          }
          let sum = 0;
          for (let k = 0; k < O; k++) sum += probs[q + k] = Math.exp(probs[q + k] - max);
          for (let k = 0; k < O; k++) probs[q + k] /= sum;
        }
      }
    }
  }

  /** After the last step: the predictions ŷ (`B`) for mse, the tape's softmax per step (`T × B × O`) for xent. */
  private forwardOutput(B: number, T: number): Float64Array {
    const H = this.hidden;
    const { hs, probs } = this.tape;
    const { wOut, bOut } = this.p;
    if (this.head.loss === 'xent') return probs;
    const yHat = new Float64Array(B);
    for (let b = 0; b < B; b++) {
      let s = bOut[0];
      const h = (T * B + b) * H;
      for (let j = 0; j < H; j++) s += wOut[j] * hs[h + j];
      yHat[b] = s;
    }
    return yHat;
  }

  /**
   * One step back through the cell for example b: from ∂L/∂h_{t+1} in `dh` (and ∂L/∂c_{t+1} in
   * `dc`) to the pre-activation gradients in `da` (and `dahn`, ∂L/∂(W_hn h + b_hn), for the GRU);
   * `dh` is left holding the direct path to h_t (the GRU's z ⊙ h), `dc` the cell lane's.
   */
  private cellBack(dh: Float64Array, dc: Float64Array, t: number, b: number, B: number) {
    const { hidden: H, cell, da, dahn } = this;
    const { hs, cs, acts, ahn } = this.tape;
    const G = this.blocks * H;
    const a = (t * B + b) * G;
    const hPrev = (t * B + b) * H;
    const hNext = ((t + 1) * B + b) * H;
    const d = b * G;
    if (cell === 'rnn') {
      for (let j = 0; j < H; j++) {
        const h = acts[a + j];
        da[d + j] = dh[b * H + j] * (1 - h * h);
        dh[b * H + j] = 0;
      }
    } else if (cell === 'gru') {
      for (let j = 0; j < H; j++) {
        const r = acts[a + j];
        const z = acts[a + H + j];
        const n = acts[a + 2 * H + j];
        const g = dh[b * H + j];
        const dn = g * (1 - z) * (1 - n * n);
        da[d + j] = dn * ahn[(t * B + b) * H + j] * r * (1 - r);
        da[d + H + j] = g * (hs[hPrev + j] - n) * z * (1 - z);
        da[d + 2 * H + j] = dn;
        dahn[b * H + j] = dn * r;
        dh[b * H + j] = g * z; // the direct path h_t = … + z ⊙ h_{t−1}: the GRU's memory lane
      }
    } else {
      for (let j = 0; j < H; j++) {
        const i = acts[a + j];
        const f = acts[a + H + j];
        const g = acts[a + 2 * H + j];
        const o = acts[a + 3 * H + j];
        const tc = Math.tanh(cs[hNext + j]);
        const dhj = dh[b * H + j];
        const dcj = dc[b * H + j] + dhj * o * (1 - tc * tc);
        da[d + j] = dcj * g * i * (1 - i);
        da[d + H + j] = dcj * cs[hPrev + j] * f * (1 - f);
        da[d + 2 * H + j] = dcj * i * (1 - g * g);
        da[d + 3 * H + j] = dhj * tc * o * (1 - o);
        dc[b * H + j] = dcj * f; // the cell lane: multiplied by the forget gate only, no W_hh
        dh[b * H + j] = 0;
      }
    }
  }

  /**
   * Backpropagation through time after `forward` on the same batch. mse: L = mean_b (ŷ_b − y_b)²
   * with `y` the B targets. xent: L = mean over b and t of −log p_{b,t}(class) with `y` the
   * B × T classes; steps from `recallFrom` on feed the read-out. Fills `grads` and `gradNorms`;
   * returns L. `dhAll`, if given (T × B × H), receives ∂L/∂h_k.
   */
  backward(x: Float32Array, y: Float32Array | Int32Array, out: Float64Array, B: number, T: number, recallFrom = T, dhAll?: Float64Array): number {
    this.backwardStart(y, out, B, T);
    this.backwardSteps(x, y, out, B, T, recallFrom, T, 0, dhAll);
    return this.backwardEnd(B, T);
  }

  /** Starts BPTT after a forward pass: zero gradients and streams; mse: the head at step T. */
  private backwardStart(y: Float32Array | Int32Array, out: Float64Array, B: number, T: number) {
    const { hidden: H, dh, dc, dhR, dcR } = this;
    const { hs } = this.tape;
    const { wOut } = this.p;
    const gWOut = this.grads[4];
    const gBOut = this.grads[5];
    for (const g of this.grads) g.fill(0);
    let loss = 0;
    this.lossSum = 0;
    this.recallSum = 0;
    dh.fill(0);
    dc.fill(0);
    dhR.fill(0);
    dcR.fill(0);
    if (this.head.loss === 'mse') {
      // Head: ∂L/∂ŷ_b = 2(ŷ_b − y_b)/B, then ∂L/∂h_T = ∂L/∂ŷ · w.
      for (let b = 0; b < B; b++) {
        const e = out[b] - y[b];
        loss += e * e;
        const dy = (2 * e) / B;
        gBOut[0] += dy;
        const h = (T * B + b) * H;
        for (let j = 0; j < H; j++) {
          gWOut[j] += dy * hs[h + j];
          dh[b * H + j] = dy * wOut[j];
        }
      }
      loss /= B;
      this.lossSum = loss;
      this.recallSum = loss;
    }
  }

  /** After the last step back: publishes the loss, the read-out's part of it and ‖∂ℓ/∂h_k‖ (so a read-out never sees half a pass), and returns L. */
  private backwardEnd(B: number, T: number): number {
    this.recallLoss = this.recallSum;
    this.gradLength = Math.min(T, this.gradNorms.length);
    this.gradNorms.set(this.pendingNorms.subarray(0, this.gradLength));
    return this.head.loss === 'xent' ? this.lossSum / (B * T) : this.lossSum;
  }

  /** Steps tHi − 1 down to tLo of BPTT (the steps above tHi are done); `dhAll` as in `backward`. */
  private backwardSteps(x: Float32Array, y: Float32Array | Int32Array, out: Float64Array, B: number, T: number, recallFrom: number, tHi: number, tLo: number, dhAll?: Float64Array) {
    const { hidden: H, cell, dh, dc, dhR, dcR, da, dahn } = this;
    const { inputs: D, outputs: O, loss: kind } = this.head;
    const { hs } = this.tape;
    const { wHh, wOut } = this.p;
    const [gWIh, gWHh, gBIh, gBHh, gWOut, gBOut] = this.grads;
    const G = this.blocks * H;
    const xent = kind === 'xent';
    let loss = this.lossSum;
    for (let t = tHi - 1; t >= tLo; t--) {
      if (xent) {
        // The head at step t + 1: ∂L/∂logits = (p − onehot) / (B T), into ∂L/∂h_{t+1} (and the recall stream).
        const recall = t >= recallFrom;
        for (let b = 0; b < B; b++) {
          const q = (t * B + b) * O;
          const cls = y[b * T + t];
          const nll = -Math.log(Math.max(out[q + cls], 1e-300));
          loss += nll;
          if (recall) this.recallSum += nll / (B * T);
          const h = ((t + 1) * B + b) * H;
          for (let k = 0; k < O; k++) {
            const dl = (out[q + k] - (k === cls ? 1 : 0)) / (B * T);
            gBOut[k] += dl;
            for (let j = 0; j < H; j++) {
              gWOut[k * H + j] += dl * hs[h + j];
              const v = dl * wOut[k * H + j];
              dh[b * H + j] += v;
              if (recall) dhR[b * H + j] += v;
            }
          }
        }
      }
      // The read-out stream now holds ∂L/∂h_{t+1}: record its size per example (‖∂ℓ_b/∂h‖ = B · ‖row b of ∂L/∂h‖).
      const read = xent ? dhR : dh;
      let norms = 0;
      for (let b = 0; b < B; b++) {
        let s = 0;
        for (let j = 0; j < H; j++) s += read[b * H + j] ** 2;
        norms += Math.sqrt(s);
      }
      if (t < this.pendingNorms.length) this.pendingNorms[t] = norms; // (norms / B) · B
      if (dhAll) dhAll.set(dh.subarray(0, B * H), t * B * H);
      for (let b = 0; b < B; b++) {
        const hPrev = (t * B + b) * H;
        const d = b * G;
        this.cellBack(dh, dc, t, b, B);
        // Weight gradients (summed over time: the weights are tied) and ∂L/∂h_t += W_hhᵀ · dah.
        const xRow = (b * T + t) * D;
        for (let k = 0; k < D; k++) {
          const v = x[xRow + k];
          if (v !== 0) for (let g = 0; g < G; g++) gWIh[g * D + k] += da[d + g] * v;
        }
        for (let g = 0; g < G; g++) {
          const dx = da[d + g];
          const dr = cell === 'gru' && g >= 2 * H ? dahn[b * H + g - 2 * H] : dx;
          gBIh[g] += dx;
          if (dr === 0) continue;
          gBHh[g] += dr;
          const row = g * H;
          for (let j = 0; j < H; j++) {
            gWHh[row + j] += dr * hs[hPrev + j];
            dh[b * H + j] += dr * wHh[row + j];
          }
        }
        if (xent) {
          // The recall stream alone, for the read-out (no weight gradients): the same step back.
          this.cellBack(dhR, dcR, t, b, B);
          for (let g = 0; g < G; g++) {
            const dr = cell === 'gru' && g >= 2 * H ? dahn[b * H + g - 2 * H] : da[d + g];
            if (dr === 0) continue;
            const row = g * H;
            for (let j = 0; j < H; j++) dhR[b * H + j] += dr * wHh[row + j];
          }
        }
      }
    }
    this.lossSum = loss;
  }

  /**
   * Begins a resumable update on a batch: a forward pass then BPTT, worked off by `work` one time
   * step at a time between any two of which other passes (`forward` for a read-out) may run.
   */
  begin(batch: RnnBatch): KernelJob {
    const { y, recallFrom } = targetsOf(batch);
    this.forwardStart(batch.batch, batch.length, 'job');
    return { batch, y, recallFrom, tape: this.tape, phase: 'forward', t: 0, out: null };
  }

  /**
   * Works on `job` until `deadline` (performance.now()) has passed, at least one time step: true
   * when its BPTT is done (then `finish` gives the loss). The arithmetic is that of `forward` +
   * `backward` in one go, in the same order, so the result is the same bit for bit.
   */
  work(job: KernelJob, deadline: number): boolean {
    const { batch, y, recallFrom } = job;
    const { x, batch: B, length: T } = batch;
    this.tape = job.tape; // a read-out's pass meanwhile may have switched tapes
    for (;;) {
      if (job.phase === 'forward') {
        if (job.t < T) this.forwardSteps(x, B, T, job.t, ++job.t);
        else {
          job.out = this.forwardOutput(B, T);
          this.backwardStart(y, job.out, B, T);
          job.phase = 'backward';
        }
      } else if (job.t > 0) {
        this.backwardSteps(x, y, job.out!, B, T, recallFrom, job.t, --job.t);
      } else return true;
      if (performance.now() >= deadline) return false;
    }
  }

  /** The loss of a finished job (its gradients are in `grads`). */
  finish(job: KernelJob): number {
    return this.backwardEnd(job.batch.batch, job.batch.length);
  }
}

/** An update in progress on one cell: its batch, its tape, and how far it has got (forward: the next step; backward: the steps still to go). */
interface KernelJob {
  batch: RnnBatch;
  y: Float32Array | Int32Array;
  recallFrom: number;
  tape: Tape;
  phase: 'forward' | 'backward';
  t: number;
  out: Float64Array | null;
}

/** The pieces that `reset` rebuilds. */
interface RaceState {
  kernels: Map<RnnCellName, CellKernel>;
  optimizers: Map<RnnCellName, JsOptimizer>;
  data: Rng;
  heldOut: RnnBatch;
  example: RnnBatch;
  steps: number;
  /** The round in progress: its minibatch, the report so far and the next cell's index. */
  round: { batch: RnnBatch; report: RnnStepReport; next: number; job: KernelJob | null } | null;
  /** Held-out loss and accuracy, cached for the step and T they were computed at. */
  scores: { key: string; loss: Partial<Record<RnnCellName, number>>; accuracy: Partial<Record<RnnCellName, number>> } | null;
}

function validate(o: Required<RnnOptions>) {
  if (!(RNN_TASKS as readonly string[]).includes(o.task)) throw new Error(`Unknown task "${o.task}". Use one of: ${RNN_TASKS.join(', ')}.`);
  if (!Number.isInteger(o.hidden) || o.hidden < 2 || o.hidden > 64) throw new Error(`hidden must be a whole number from 2 to 64, got ${o.hidden}.`);
  if (o.task === 'copy') checkCopyOptions(o.length, o.count, o.symbols);
  else {
    const [lo, hi] = ADDING_LENGTH_RANGE;
    if (!Number.isInteger(o.length) || o.length < lo || o.length > hi) throw new Error(`length must be a whole number from ${lo} to ${hi}, got ${o.length}.`);
  }
  if (!Number.isInteger(o.batch) || o.batch < 1 || o.batch > 512) throw new Error(`batch must be a whole number from 1 to 512, got ${o.batch}.`);
  if (!(o.learningRate > 0 && o.learningRate < 1)) throw new Error(`learningRate must be between 0 and 1, got ${o.learningRate}.`);
  if (!(o.recurrentScale >= 0 && o.recurrentScale <= 10)) throw new Error(`recurrentScale must be from 0 to 10, got ${o.recurrentScale}.`);
  if (!(o.clipNorm > 0 && Number.isFinite(o.clipNorm))) throw new Error(`clipNorm must be a positive number, got ${o.clipNorm}.`);
  if (!Number.isInteger(o.evalSize) || o.evalSize < 1) throw new Error(`evalSize must be a positive whole number, got ${o.evalSize}.`);
  if (o.cells.length === 0) throw new Error('cells must name at least one cell.');
  for (const c of o.cells) if (!(RNN_CELLS as readonly string[]).includes(c)) throw new Error(`Unknown cell "${c}". Use any of: ${RNN_CELLS.join(', ')}.`);
}

/** A batch's targets and the first step whose loss feeds the gradient read-out. */
const targetsOf = (batch: RnnBatch): { y: Float32Array | Int32Array; recallFrom: number } =>
  'targets' in batch ? { y: batch.targets, recallFrom: batch.count + batch.delay } : { y: batch.y, recallFrom: batch.length };

/** Build the race: one seeded RNN, GRU and LSTM (or the `cells` chosen). Throws a message naming a bad option. */
export function createRnnRace(options: RnnOptions = {}): RnnRace {
  let o: Required<RnnOptions> = { ...RNN_DEFAULTS, ...options };
  validate(o);
  let s!: RaceState;

  /** A batch of the race's task at the current T. */
  const batchOf = (rng: Rng, n: number): RnnBatch => (o.task === 'copy' ? copyBatch(rng, n, o.length, { symbols: o.symbols, count: o.count }) : addingBatch(rng, n, o.length));
  const headOf = (): Head => {
    if (o.task === 'adding') return { inputs: 2, outputs: 1, loss: 'mse', bias: [1] };
    // Log class frequencies at the starting T: blank (T + K)/(T + 2K), each symbol K/(A (T + 2K)).
    const steps = o.length + 2 * o.count;
    const symbol = Math.log(o.count / (o.symbols * steps));
    return { inputs: o.symbols + 2, outputs: o.symbols + 1, loss: 'xent', bias: [Math.log((o.length + o.count) / steps), ...Array<number>(o.symbols).fill(symbol)] };
  };
  const build = () => {
    const root = createRng(o.seed);
    const init = root.fork();
    const data = root.fork();
    const F = o.float64 ? Float64Array : Float32Array;
    const kernels = new Map<RnnCellName, CellKernel>();
    const optimizers = new Map<RnnCellName, JsOptimizer>();
    // Every cell gets its own init stream, forked in a fixed order, so removing one does not change the others.
    const inits = new Map(RNN_CELLS.map((c) => [c, init.fork()] as const));
    const head = headOf();
    for (const c of o.cells) {
      kernels.set(c, new CellKernel(c, o.hidden, head, F, MAX_STEPS, o.recurrentScale, inits.get(c)!));
      optimizers.set(c, createJsOptimizer({ name: 'adam', learningRate: o.learningRate }));
    }
    s = { kernels, optimizers, data, heldOut: heldOutSet(), example: exampleOf(), steps: 0, round: null, scores: null };
  };
  // The held-out set and the shown example depend only on the seed and T.
  const heldOutSet = () => batchOf(createRng(o.seed * 7919 + 1).fork(), o.evalSize);
  const exampleOf = (): RnnBatch => {
    const rng = createRng(o.seed * 104729 + 3);
    if (o.task === 'copy') return batchOf(rng, 1);
    // One example with its marks well apart, so the heat maps show a long hold.
    let e = addingBatch(rng, 1, o.length);
    for (let tries = 0; tries < 50 && e.marks[1] - e.marks[0] < o.length / 3; tries++) e = addingBatch(rng, 1, o.length);
    return e;
  };
  build();

  const kernel = (c: RnnCellName) => {
    const k = s.kernels.get(c);
    if (!k) throw new Error(`This race has no ${c} cell (cells: ${o.cells.join(', ')}).`);
    return k;
  };
  const checkBatch = (batch: RnnBatch) => {
    const copy = 'targets' in batch;
    if (copy !== (o.task === 'copy')) throw new Error(`This race trains on the ${o.task} task; the batch is of the ${copy ? 'copy' : 'adding'} task.`);
    if (copy && (batch.symbols !== o.symbols || batch.count !== o.count)) throw new Error(`This race's copy task has ${o.count} symbols of ${o.symbols}; the batch has ${batch.count} of ${batch.symbols}.`);
  };

  /** Held-out loss and accuracy per cell, in chunks of the training batch, so the tape is reused rather than grown. */
  const score = () => {
    const key = `${s.steps}:${o.length}`;
    if (s.scores?.key === key) return s.scores;
    const loss: Partial<Record<RnnCellName, number>> = {};
    const accuracy: Partial<Record<RnnCellName, number>> = {};
    const held = s.heldOut;
    const { batch, length: T } = held;
    const D = s.kernels.values().next().value!.head.inputs;
    for (const [c, k] of s.kernels) {
      let total = 0;
      let right = 0;
      for (let b0 = 0; b0 < batch; b0 += o.batch) {
        const n = Math.min(o.batch, batch - b0);
        const out = k.forward(held.x.subarray(b0 * T * D, (b0 + n) * T * D), n, T);
        if ('targets' in held) {
          const O = o.symbols + 1;
          for (let b = 0; b < n; b++) {
            for (let t = 0; t < T; t++) {
              const q = (t * n + b) * O;
              const cls = held.targets[(b0 + b) * T + t];
              total -= Math.log(Math.max(out[q + cls], 1e-300));
              if (t < held.count + held.delay) continue;
              let best = 0;
              for (let m = 1; m < O; m++) if (out[q + m] > out[q + best]) best = m;
              if (best === cls) right++;
            }
          }
        } else {
          for (let b = 0; b < n; b++) {
            const e = out[b] - held.y[b0 + b];
            total += e * e;
            if (Math.abs(e) < 0.04) right++;
          }
        }
      }
      const copy = 'targets' in held;
      loss[c] = total / (copy ? batch * T : batch);
      accuracy[c] = right / (copy ? batch * held.count : batch);
    }
    s.scores = { key, loss, accuracy };
    return s.scores;
  };

  /** A finished cell's gradient: its norm, clipping, the optimizer step, into the round's report. */
  const update = (c: RnnCellName, k: CellKernel, loss: number, report: RnnStepReport) => {
    let sq = 0;
    for (const g of k.grads) for (let t = 0; t < g.length; t++) sq += g[t] * g[t];
    const norm = Math.sqrt(sq);
    const clipped = o.clip && norm > o.clipNorm;
    if (clipped) {
      // Keep the direction, cap the length: one exploding minibatch cannot throw the weights far.
      const scale = o.clipNorm / norm;
      for (const g of k.grads) for (let t = 0; t < g.length; t++) g[t] *= scale;
    }
    // The optimizer takes Float32Arrays; in float64 mode (tests) the arrays are Float64Array and work the same.
    s.optimizers.get(c)!.update(k.list as Float32Array[], k.grads as Float32Array[]);
    report.loss[c] = loss;
    report.gradNorm[c] = norm;
    report.clipped[c] = clipped;
  };

  const race: RnnRace = {
    get options() {
      return o;
    },
    get baseline() {
      return o.task === 'copy' ? copyBaseline(o.length, o.count, o.symbols) : ADDING_BASELINE;
    },
    get steps() {
      return s.steps;
    },
    step() {
      let report: RnnStepReport | null = null;
      while (!report) report = race.advance();
      return report;
    },
    advance(deadline) {
      for (;;) {
        if (!s.round) {
          const batch = batchOf(s.data, o.batch);
          s.round = { batch, report: { step: s.steps + 1, length: o.length, loss: {}, gradNorm: {}, clipped: {} }, next: 0, job: null };
        }
        const round = s.round;
        const c = o.cells[round.next];
        const k = s.kernels.get(c)!;
        round.job ??= k.begin(round.batch);
        if (!k.work(round.job, deadline ?? Infinity)) return null;
        const loss = k.finish(round.job);
        round.job = null;
        round.next++;
        update(c, k, loss, round.report);
        if (round.next === o.cells.length) {
          s.round = null;
          s.steps++;
          return round.report;
        }
        // Without a deadline, one cell's update; with one, on to the next cell while time is left.
        if (deadline === undefined || performance.now() >= deadline) return null;
      }
    },
    evaluate: () => ({ ...score().loss }),
    accuracy: () => ({ ...score().accuracy }),
    gradientThroughTime(c) {
      const k = kernel(c);
      return k.gradNorms.slice(0, k.gradLength || s.heldOut.length);
    },
    gates(c) {
      const k = kernel(c);
      const e = s.example;
      const T = e.length;
      const H = o.hidden;
      const out = k.forward(e.x, 1, T);
      const names = RNN_GATES[c].filter((g) => g !== 'candidate');
      const G = k.blocks * H;
      const { acts, hs } = k.tape;
      const maps: Record<string, Float32Array> = {};
      for (const name of names) {
        const block = RNN_GATES[c].indexOf(name);
        const m = new Float32Array(T * H);
        for (let t = 0; t < T; t++) for (let j = 0; j < H; j++) m[t * H + j] = acts[t * G + block * H + j];
        maps[name] = m;
      }
      const hidden = Float32Array.from(hs.subarray(H, (T + 1) * H));
      if ('targets' in e) {
        const O = o.symbols + 1;
        const outputs = new Int32Array(T);
        let recalled = 0;
        for (let t = 0; t < T; t++) {
          let best = 0;
          for (let m = 1; m < O; m++) if (out[t * O + m] > out[t * O + best]) best = m;
          outputs[t] = best;
          if (t >= e.count + e.delay && best === e.targets[t]) recalled++;
        }
        const values = Float32Array.from(e.tokens, (v) => v / (o.symbols + 1));
        return { names, maps, hidden, prediction: recalled, target: e.count, values, marks: [e.count - 1, e.count + e.delay - 1], tokens: Int32Array.from(e.tokens), outputs };
      }
      const values = new Float32Array(T);
      for (let t = 0; t < T; t++) values[t] = e.x[t * 2];
      return { names, maps, hidden, prediction: out[0], target: e.y[0], values, marks: [e.marks[0], e.marks[1]] };
    },
    setLength(length) {
      if (length === o.length) return;
      const next = { ...o, length };
      validate(next);
      o = next;
      s.heldOut = heldOutSet();
      s.example = exampleOf();
      s.scores = null;
    },
    setClipping(on, norm = o.clipNorm) {
      const next = { ...o, clip: on, clipNorm: norm };
      validate(next);
      o = next;
    },
    params: (c) => kernel(c).p,
    lossAndGrads(c, batch, nudge) {
      const k = kernel(c);
      checkBatch(batch);
      if (s.round?.job && o.cells[s.round.next] === c) throw new Error(`The ${c} cell is part-way through an update (advance with a deadline); finish it (advance()) before lossAndGrads.`);
      const { y, recallFrom } = targetsOf(batch);
      const dh = new Float64Array(batch.length * batch.batch * o.hidden);
      const out = k.forward(batch.x, batch.batch, batch.length, nudge);
      const loss = k.backward(batch.x, y, out, batch.batch, batch.length, recallFrom, dh);
      return { loss, recallLoss: k.recallLoss, grads: k.grads.map((g) => g.slice()), dh };
    },
    reset(next) {
      const merged = { ...o, ...next };
      validate(merged);
      o = merged;
      build();
    },
    dispose() {
      s.kernels.clear();
      s.optimizers.clear();
    },
  };
  return race;
}
