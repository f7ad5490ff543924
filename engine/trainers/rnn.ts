/**
 * Three recurrent cells trained side by side on the adding problem (engine/datasets/adding.ts),
 * with backpropagation through time written out by hand in plain JavaScript, so the room can watch
 * what the deck argues: the vanilla RNN stalls at the trivial baseline while the gated cells learn,
 * and the gradient ‖∂L/∂h_k‖ fades (or, with a large recurrent scale, blows up) as k goes back in time.
 *
 * ```ts
 * const race = createRnnRace({ length: 50 });
 * const r = race.step();              // one minibatch update of every cell: r.loss.lstm, r.gradNorm.gru …
 * race.gradientThroughTime('rnn');    // Float32Array(T): ‖∂L/∂h_k‖ for k = 1 … T, from that step
 * race.gates('lstm').maps.forget;     // Float32Array(T × hidden): the forget gate on one fixed example
 * race.setLength(100);                // the weights do not depend on T: keep training on longer sequences
 * ```
 *
 * The cells follow PyTorch's nn.RNN / nn.GRU / nn.LSTM exactly (gate order, two bias vectors), so a
 * student can check any number against `torch`:
 * - rnn:  h' = tanh(W_ih x + b_ih + W_hh h + b_hh)
 * - gru:  r = σ(·), z = σ(·), n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)), h' = (1 − z) ⊙ n + z ⊙ h
 * - lstm: i, f, o = σ(·), g = tanh(·), c' = f ⊙ c + i ⊙ g, h' = o ⊙ tanh(c')
 * A linear head reads the last state: ŷ = w·h_T + b; the loss is the mean squared error.
 *
 * Why plain Float32Arrays: a cell with 16 units at batch 32 is thousands of tiny kernels per step in
 * TensorFlow.js (3–20 µs each), while the loops below are a few hundred thousand multiply-adds.
 * Gradients are checked against central finite differences in float64 in rnn.test.ts.
 */
import { addingBatch, ADDING_BASELINE, ADDING_LENGTH_RANGE, type AddingBatch } from '../datasets/adding.ts';
import { createJsOptimizer, type JsOptimizer } from '../optim/optimizers.ts';
import { createRng, type Rng } from '../random.ts';

export { addingBatch, ADDING_BASELINE, ADDING_LENGTH_RANGE, type AddingBatch } from '../datasets/adding.ts';

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
  /** Sequence length T (2–400); changeable while training with `setLength`. */
  length: 50,
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
export type RnnOptions = Partial<typeof RNN_DEFAULTS>;

/** What one `step()` reports, per cell: plain numbers. */
export interface RnnStepReport {
  /** Updates done so far (after this one). */
  step: number;
  /** Sequence length of this step's minibatch. */
  length: number;
  /** Minibatch MSE before the update. */
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
  /** Each gate's activation, `T × hidden` row-major (row t = step t + 1), values in (0, 1). */
  maps: Record<string, Float32Array>;
  /** The hidden state h_t, `T × hidden`, in (−1, 1). */
  hidden: Float32Array;
  /** The cell's prediction ŷ for this example. */
  prediction: number;
  /** The true sum. */
  target: number;
  /** The example's values, length T. */
  values: Float32Array;
  /** The two marked steps (0-based). */
  marks: [number, number];
}

/** Parameters of one cell, PyTorch's layout: W_ih (G × 2), W_hh (G × H), b_ih (G), b_hh (G), head w (H), head b (1); G = blocks × H. */
export interface RnnParams {
  wIh: Float32Array | Float64Array;
  wHh: Float32Array | Float64Array;
  bIh: Float32Array | Float64Array;
  bHh: Float32Array | Float64Array;
  wOut: Float32Array | Float64Array;
  bOut: Float32Array | Float64Array;
}

/** Three (or fewer) recurrent cells learning the adding problem on the same minibatches. */
export interface RnnRace {
  /** The options in force (length follows `setLength`, clip follows `setClipping`). */
  readonly options: Readonly<Required<RnnOptions>>;
  /** MSE of always predicting 1: 1/6 ≈ 0.167. */
  readonly baseline: number;
  /** Updates done. */
  readonly steps: number;
  /** One minibatch update of every cell (they see the same sequences). */
  step(): RnnStepReport;
  /**
   * One cell's share of a step: the next cell of the current round is updated on the round's
   * minibatch. Returns the round's report when its last cell is done, otherwise null. A widget
   * calls this until its frame's deadline, so one frame never has to update all three cells.
   */
  advance(): RnnStepReport | null;
  /** MSE of each cell on the fixed held-out set (forward passes only). */
  evaluate(): Partial<Record<RnnCellName, number>>;
  /** ‖∂ℓ/∂h_k‖ for k = 1 … T from the last backward pass (the last step), averaged over its examples ℓ (zeros before the first step). */
  gradientThroughTime(cell: RnnCellName): Float32Array;
  /** Gate activations on one fixed example of the current length. */
  gates(cell: RnnCellName): RnnGateView;
  /** Change T; weights and optimizer state are kept (the cells do not depend on T). */
  setLength(length: number): void;
  /** Switch gradient clipping on or off, optionally with a new threshold. */
  setClipping(on: boolean, norm?: number): void;
  /** The live parameter arrays of a cell (tests, inspection). */
  params(cell: RnnCellName): RnnParams;
  /** MSE, its gradient in the order of `params` (wIh, wHh, bIh, bHh, wOut, bOut) and ∂L/∂h_k (T × batch × hidden) on a given batch, for tests; changes no weight. */
  lossAndGrads(cell: RnnCellName, batch: AddingBatch, nudge?: RnnNudge): { loss: number; grads: (Float32Array | Float64Array)[]; dh: Float64Array };
  /** Drop the weights and start again from the seed (same options unless new ones are given). */
  reset(options?: RnnOptions): void;
  /** Release the buffers. Plain arrays own no tensors, but the engine's convention is that every owner has one. */
  dispose(): void;
}

type Vec = Float32Array | Float64Array;

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
  /** The tape of the last forward pass, [t][b][·]: states h_t (t = 0 … T), cells c_t (LSTM), gate activations, W_hn h + b_hn (GRU). */
  tape!: { hs: Vec; cs: Vec; acts: Vec; ahn: Vec };
  /** Tapes by batch × length, so training, evaluation and the one shown example do not reallocate each other's. */
  private tapes = new Map<string, { hs: Vec; cs: Vec; acts: Vec; ahn: Vec }>();
  private pre: Vec;
  private dh: Float64Array;
  private dc: Float64Array;
  private da: Float64Array;
  private dahn: Float64Array;

  constructor(
    readonly cell: RnnCellName,
    readonly hidden: number,
    readonly F: Float32ArrayConstructor | Float64ArrayConstructor,
    maxLength: number,
    scale: number,
    rng: Rng,
  ) {
    const H = hidden;
    this.blocks = RNN_GATES[cell].length;
    const G = this.blocks * H;
    this.p = { wIh: new F(G * 2), wHh: new F(G * H), bIh: new F(G), bHh: new F(G), wOut: new F(H), bOut: new F(1) };
    this.list = [this.p.wIh, this.p.wHh, this.p.bIh, this.p.bHh, this.p.wOut, this.p.bOut];
    this.grads = this.list.map((a) => new F(a.length));
    this.gradNorms = new Float32Array(maxLength);
    // PyTorch's input init, U(±1/√H); the recurrent blocks are scaled orthogonal matrices so that
    // the demo's "recurrent scale" is exactly σ_max(W_hh) of each block.
    const bound = 1 / Math.sqrt(H);
    for (let t = 0; t < this.p.wIh.length; t++) this.p.wIh[t] = rng.uniform(-bound, bound);
    for (let k = 0; k < this.blocks; k++) orthogonalInto(this.p.wHh, k * H * H, H, scale, rng);
    // LSTM: forget bias 1 (Gers et al. 2000; Jozefowicz et al. 2015), so memory is kept by default.
    if (cell === 'lstm') for (let j = 0; j < H; j++) this.p.bIh[H + j] = 1;
    for (let j = 0; j < H; j++) this.p.wOut[j] = rng.uniform(-bound, bound);
    // Head bias at the target's mean: every cell starts at the trivial baseline, not above it.
    this.p.bOut[0] = 1;
    this.pre = new F(G);
    this.dh = new Float64Array(0);
    this.dc = new Float64Array(0);
    this.da = new Float64Array(0);
    this.dahn = new Float64Array(0);
  }

  private ensureTape(B: number, T: number) {
    const { F, hidden: H } = this;
    const G = this.blocks * H;
    const key = `${B}x${T}`;
    let tape = this.tapes.get(key);
    if (!tape) {
      if (this.tapes.size >= 4) this.tapes.clear(); // T changed: drop the old lengths' tapes
      tape = { hs: new F((T + 1) * B * H), cs: new F(this.cell === 'lstm' ? (T + 1) * B * H : 0), acts: new F(T * B * G), ahn: new F(this.cell === 'gru' ? T * B * H : 0) };
      this.tapes.set(key, tape);
    }
    this.tape = tape;
    if (this.dh.length < B * H) {
      this.dh = new Float64Array(B * H);
      this.dc = new Float64Array(B * H);
      this.da = new Float64Array(B * G);
      this.dahn = new Float64Array(B * H);
    }
  }

  /** Runs the batch forward, filling the tape; returns the predictions. `nudge` (tests) adds `by` to one unit of h_k as it is computed. */
  forward(x: Float32Array, B: number, T: number, nudge?: RnnNudge): Float64Array {
    this.ensureTape(B, T);
    const { hidden: H, cell, pre } = this;
    const { hs, cs, acts, ahn } = this.tape;
    const { wIh, wHh, bIh, bHh, wOut, bOut } = this.p;
    const G = this.blocks * H;
    hs.fill(0, 0, B * H); // h_0 = 0
    if (cell === 'lstm') cs.fill(0, 0, B * H);
    const yHat = new Float64Array(B);
    for (let t = 0; t < T; t++) {
      for (let b = 0; b < B; b++) {
        const x0 = x[(b * T + t) * 2];
        const x1 = x[(b * T + t) * 2 + 1];
        const hPrev = (t * B + b) * H;
        const hNext = ((t + 1) * B + b) * H;
        const a = (t * B + b) * G;
        // pre = W_hh h + b_hh (kept apart from the input part for the GRU's candidate).
        for (let g = 0; g < G; g++) {
          let s = bHh[g];
          const row = g * H;
          for (let j = 0; j < H; j++) s += wHh[row + j] * hs[hPrev + j];
          pre[g] = s;
        }
        const inp = (g: number) => bIh[g] + wIh[g * 2] * x0 + wIh[g * 2 + 1] * x1;
        if (cell === 'rnn') {
          for (let j = 0; j < H; j++) hs[hNext + j] = acts[a + j] = Math.tanh(inp(j) + pre[j]);
        } else if (cell === 'gru') {
          for (let j = 0; j < H; j++) {
            const r = sigmoid(inp(j) + pre[j]);
            const z = sigmoid(inp(H + j) + pre[H + j]);
            const n = Math.tanh(inp(2 * H + j) + r * pre[2 * H + j]);
            acts[a + j] = r;
            acts[a + H + j] = z;
            acts[a + 2 * H + j] = n;
            ahn[(t * B + b) * H + j] = pre[2 * H + j];
            hs[hNext + j] = (1 - z) * n + z * hs[hPrev + j];
          }
        } else {
          for (let j = 0; j < H; j++) {
            const i = sigmoid(inp(j) + pre[j]);
            const f = sigmoid(inp(H + j) + pre[H + j]);
            const g = Math.tanh(inp(2 * H + j) + pre[2 * H + j]);
            const o = sigmoid(inp(3 * H + j) + pre[3 * H + j]);
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
      }
    }
    for (let b = 0; b < B; b++) {
      let s = bOut[0];
      const h = (T * B + b) * H;
      for (let j = 0; j < H; j++) s += wOut[j] * hs[h + j];
      yHat[b] = s;
    }
    return yHat;
  }

  /**
   * Backpropagation through time for L = mean_b (ŷ_b − y_b)², after `forward` on the same batch.
   * Fills `grads` and `gradNorms`; returns L. `dhAll`, if given (T × B × H), receives ∂L/∂h_k.
   */
  backward(x: Float32Array, y: Float32Array, yHat: Float64Array, B: number, T: number, dhAll?: Float64Array): number {
    const { hidden: H, cell, dh, dc, da, dahn } = this;
    const { hs, cs, acts, ahn } = this.tape;
    const { wHh, wOut } = this.p;
    const [gWIh, gWHh, gBIh, gBHh, gWOut, gBOut] = this.grads;
    const G = this.blocks * H;
    for (const g of this.grads) g.fill(0);
    let loss = 0;
    // Head: ∂L/∂ŷ_b = 2(ŷ_b − y_b)/B, then ∂L/∂h_T = ∂L/∂ŷ · w.
    for (let b = 0; b < B; b++) {
      const e = yHat[b] - y[b];
      loss += e * e;
      const dy = (2 * e) / B;
      gBOut[0] += dy;
      const h = (T * B + b) * H;
      for (let j = 0; j < H; j++) {
        gWOut[j] += dy * hs[h + j];
        dh[b * H + j] = dy * wOut[j];
      }
    }
    dc.fill(0);
    this.gradLength = Math.min(T, this.gradNorms.length);
    for (let t = T - 1; t >= 0; t--) {
      // dh now holds ∂L/∂h_{t+1}: record its size per example (‖∂ℓ_b/∂h‖ = B · ‖row b of ∂L/∂h‖).
      let norms = 0;
      for (let b = 0; b < B; b++) {
        let s = 0;
        for (let j = 0; j < H; j++) s += dh[b * H + j] ** 2;
        norms += Math.sqrt(s);
      }
      if (t < this.gradNorms.length) this.gradNorms[t] = norms; // (norms / B) · B
      if (dhAll) dhAll.set(dh, t * B * H);
      // Through the cell at step t + 1: da = ∂L/∂(pre-activations), dahn = ∂L/∂(W_hn h + b_hn) for the GRU.
      for (let b = 0; b < B; b++) {
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
        // Weight gradients (summed over time: the weights are tied) and ∂L/∂h_t += W_hhᵀ · dah.
        const x0 = x[(b * T + t) * 2];
        const x1 = x[(b * T + t) * 2 + 1];
        for (let g = 0; g < G; g++) {
          const dx = da[d + g];
          const dr = cell === 'gru' && g >= 2 * H ? dahn[b * H + g - 2 * H] : dx;
          gBIh[g] += dx;
          gWIh[g * 2] += dx * x0;
          gWIh[g * 2 + 1] += dx * x1;
          if (dr === 0) continue;
          gBHh[g] += dr;
          const row = g * H;
          for (let j = 0; j < H; j++) {
            gWHh[row + j] += dr * hs[hPrev + j];
            dh[b * H + j] += dr * wHh[row + j];
          }
        }
      }
    }
    return loss / B;
  }
}

/** The pieces that `reset` rebuilds. */
interface RaceState {
  kernels: Map<RnnCellName, CellKernel>;
  optimizers: Map<RnnCellName, JsOptimizer>;
  data: Rng;
  heldOut: AddingBatch;
  example: AddingBatch;
  steps: number;
  /** The round in progress: its minibatch, the report so far and the next cell's index. */
  round: { batch: AddingBatch; report: RnnStepReport; next: number } | null;
}

function validate(o: Required<RnnOptions>) {
  const [lo, hi] = ADDING_LENGTH_RANGE;
  if (!Number.isInteger(o.hidden) || o.hidden < 2 || o.hidden > 64) throw new Error(`hidden must be a whole number from 2 to 64, got ${o.hidden}.`);
  if (!Number.isInteger(o.length) || o.length < lo || o.length > hi) throw new Error(`length must be a whole number from ${lo} to ${hi}, got ${o.length}.`);
  if (!Number.isInteger(o.batch) || o.batch < 1 || o.batch > 512) throw new Error(`batch must be a whole number from 1 to 512, got ${o.batch}.`);
  if (!(o.learningRate > 0 && o.learningRate < 1)) throw new Error(`learningRate must be between 0 and 1, got ${o.learningRate}.`);
  if (!(o.recurrentScale >= 0 && o.recurrentScale <= 10)) throw new Error(`recurrentScale must be from 0 to 10, got ${o.recurrentScale}.`);
  if (!(o.clipNorm > 0 && Number.isFinite(o.clipNorm))) throw new Error(`clipNorm must be a positive number, got ${o.clipNorm}.`);
  if (!Number.isInteger(o.evalSize) || o.evalSize < 1) throw new Error(`evalSize must be a positive whole number, got ${o.evalSize}.`);
  if (o.cells.length === 0) throw new Error('cells must name at least one cell.');
  for (const c of o.cells) if (!(RNN_CELLS as readonly string[]).includes(c)) throw new Error(`Unknown cell "${c}". Use any of: ${RNN_CELLS.join(', ')}.`);
}

/** Build the race: one seeded RNN, GRU and LSTM (or the `cells` chosen). Throws a message naming a bad option. */
export function createRnnRace(options: RnnOptions = {}): RnnRace {
  let o: Required<RnnOptions> = { ...RNN_DEFAULTS, ...options };
  validate(o);
  let s!: RaceState;

  const build = () => {
    const root = createRng(o.seed);
    const init = root.fork();
    const data = root.fork();
    const F = o.float64 ? Float64Array : Float32Array;
    const kernels = new Map<RnnCellName, CellKernel>();
    const optimizers = new Map<RnnCellName, JsOptimizer>();
    // Every cell gets its own init stream, forked in a fixed order, so removing one does not change the others.
    const inits = new Map(RNN_CELLS.map((c) => [c, init.fork()] as const));
    for (const c of o.cells) {
      kernels.set(c, new CellKernel(c, o.hidden, F, ADDING_LENGTH_RANGE[1], o.recurrentScale, inits.get(c)!));
      optimizers.set(c, createJsOptimizer({ name: 'adam', learningRate: o.learningRate }));
    }
    s = { kernels, optimizers, data, heldOut: heldOutSet(), example: exampleOf(), steps: 0, round: null };
  };
  // The held-out set and the shown example depend only on the seed and T.
  const heldOutSet = () => addingBatch(createRng(o.seed * 7919 + 1).fork(), o.evalSize, o.length);
  const exampleOf = () => {
    // One example with its marks well apart, so the heat maps show a long hold.
    const rng = createRng(o.seed * 104729 + 3);
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

  const race: RnnRace = {
    get options() {
      return o;
    },
    baseline: ADDING_BASELINE,
    get steps() {
      return s.steps;
    },
    step() {
      let report: RnnStepReport | null = null;
      while (!report) report = race.advance();
      return report;
    },
    advance() {
      if (!s.round) {
        const batch = addingBatch(s.data, o.batch, o.length);
        s.round = { batch, report: { step: s.steps + 1, length: o.length, loss: {}, gradNorm: {}, clipped: {} }, next: 0 };
      }
      const { batch, report } = s.round;
      const c = o.cells[s.round.next++];
      const k = s.kernels.get(c)!;
      const yHat = k.forward(batch.x, batch.batch, batch.length);
      const loss = k.backward(batch.x, batch.y, yHat, batch.batch, batch.length);
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
      if (s.round.next < o.cells.length) return null;
      s.round = null;
      s.steps++;
      return report;
    },
    evaluate() {
      const out: Partial<Record<RnnCellName, number>> = {};
      const { x, y, batch, length } = s.heldOut;
      for (const [c, k] of s.kernels) {
        // In chunks of the training batch, so the tape is reused rather than grown.
        let sq = 0;
        for (let b0 = 0; b0 < batch; b0 += o.batch) {
          const n = Math.min(o.batch, batch - b0);
          const yHat = k.forward(x.subarray(b0 * length * 2, (b0 + n) * length * 2), n, length);
          for (let b = 0; b < n; b++) sq += (yHat[b] - y[b0 + b]) ** 2;
        }
        out[c] = sq / batch;
      }
      return out;
    },
    gradientThroughTime(c) {
      const k = kernel(c);
      return k.gradNorms.slice(0, k.gradLength || o.length);
    },
    gates(c) {
      const k = kernel(c);
      const e = s.example;
      const T = e.length;
      const H = o.hidden;
      const prediction = k.forward(e.x, 1, T)[0];
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
      const values = new Float32Array(T);
      for (let t = 0; t < T; t++) values[t] = e.x[t * 2];
      return { names, maps, hidden: Float32Array.from(hs.subarray(H, (T + 1) * H)), prediction, target: e.y[0], values, marks: [e.marks[0], e.marks[1]] };
    },
    setLength(length) {
      if (length === o.length) return;
      const next = { ...o, length };
      validate(next);
      o = next;
      s.heldOut = heldOutSet();
      s.example = exampleOf();
    },
    setClipping(on, norm = o.clipNorm) {
      const next = { ...o, clip: on, clipNorm: norm };
      validate(next);
      o = next;
    },
    params: (c) => kernel(c).p,
    lossAndGrads(c, batch, nudge) {
      const k = kernel(c);
      const dh = new Float64Array(batch.length * batch.batch * o.hidden);
      const yHat = k.forward(batch.x, batch.batch, batch.length, nudge);
      const loss = k.backward(batch.x, batch.y, yHat, batch.batch, batch.length, dh);
      return { loss, grads: k.grads.map((g) => g.slice()), dh };
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
