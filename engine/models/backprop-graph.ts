/**
 * Backpropagation on one example, neuron by neuron, with every intermediate number kept so a
 * widget can reveal the computation one step at a time. This is the textbook algorithm, not a
 * fast one: the point is that each number on the slide comes from one line below.
 *
 * Notation (lecture 2): layer l has pre-activations z⁽ˡ⁾ = W⁽ˡ⁾ᵀ a⁽ˡ⁻¹⁾ + b⁽ˡ⁾ and outputs
 * a⁽ˡ⁾ = f(z⁽ˡ⁾). Backward, for every neuron j:
 *   upstream  ∂L/∂a_j  = Σ_k w_jk · δ_k       (or ∂L/∂ŷ at the output)
 *   local     ∂a_j/∂z_j = f′(z_j)
 *   δ_j = ∂L/∂z_j = upstream × local
 *   ∂L/∂w_ij = a_i · δ_j,   ∂L/∂b_j = δ_j
 * `backprop-graph.test.ts` checks these numbers against tf.js autodiff (tf.variableGrads).
 */
import type { Rng } from '../random.ts';
import { activate, activateGrad } from '../kernels/layer-stack.ts';
import type { Activation } from './mlp.ts';

/** Losses for the step-through network. */
export const BACKPROP_LOSSES = ['mse', 'bce'] as const;
/** One loss: ½(ŷ − y)² summed over outputs, or binary cross-entropy on a sigmoid output. */
export type BackpropLoss = (typeof BACKPROP_LOSSES)[number];

/** Network description for {@link createBackpropNet}. */
export interface BackpropSpec {
  /** Layer widths, input first (e.g. [2, 3, 2, 1]). */
  sizes: number[];
  /** Hidden activation. */
  activation: Activation;
  /** Output activation: linear or sigmoid (bce needs sigmoid). */
  output: 'linear' | 'sigmoid';
  /** Loss. */
  loss: BackpropLoss;
}

/** Weights: w[l][i][j] connects neuron i of layer l to neuron j of layer l+1. */
export interface BackpropWeights {
  w: number[][][];
  b: number[][];
}

/** Everything one forward + backward pass computes, indexed by layer (0 = input). */
export interface BackpropTrace {
  /** Pre-activations z (z[0] is unused and empty). */
  z: number[][];
  /** Activations a (a[0] = x). */
  a: number[][];
  /** Loss value. */
  loss: number;
  /** ∂L/∂a_j per layer (the upstream gradient arriving at neuron j). */
  dA: number[][];
  /** f′(z_j) per layer (the local derivative). */
  local: number[][];
  /** δ_j = ∂L/∂z_j per layer. */
  delta: number[][];
  /** ∂L/∂w[l][i][j]. */
  gw: number[][][];
  /** ∂L/∂b[l][j]. */
  gb: number[][];
}

/** One reveal step of the step-through. */
export type BackpropStep =
  | { phase: 'forward'; layer: number; node: number }
  | { phase: 'loss' }
  | { phase: 'backward'; layer: number; node: number }
  | { phase: 'update' };

/** Largest network the step-through draws. */
export const BACKPROP_LIMITS = { maxLayers: 6, maxWidth: 6 } as const;

/** Throws a readable message for a bad spec. */
export function validateBackpropSpec(spec: BackpropSpec): void {
  const { sizes } = spec;
  if (sizes.length < 2 || sizes.length > BACKPROP_LIMITS.maxLayers) {
    throw new Error(`Use 2 to ${BACKPROP_LIMITS.maxLayers} layers (input and output included), got ${sizes.length}.`);
  }
  for (const s of sizes) {
    if (!Number.isInteger(s) || s < 1 || s > BACKPROP_LIMITS.maxWidth) throw new Error(`Each layer needs 1 to ${BACKPROP_LIMITS.maxWidth} neurons, got ${s}.`);
  }
  if (spec.loss === 'bce' && spec.output !== 'sigmoid') throw new Error('Binary cross-entropy needs a sigmoid output.');
}

/** Seeded Xavier-uniform weights, rounded to two decimals so they are readable on a slide; biases 0.1. */
export function initBackpropWeights(sizes: number[], rng: Rng): BackpropWeights {
  const w: number[][][] = [];
  const b: number[][] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const limit = Math.sqrt(6 / (sizes[l] + sizes[l + 1]));
    w.push(Array.from({ length: sizes[l] }, () => Array.from({ length: sizes[l + 1] }, () => Math.round(rng.uniform(-limit, limit) * 100) / 100)));
    b.push(Array.from({ length: sizes[l + 1] }, () => 0.1));
  }
  return { w, b };
}

/** Forward and backward pass for one example (x, y). */
export function backpropTrace(spec: BackpropSpec, p: BackpropWeights, x: number[], y: number[]): BackpropTrace {
  validateBackpropSpec(spec);
  const { sizes } = spec;
  const L = sizes.length - 1;
  const z: number[][] = [[]];
  const a: number[][] = [x.slice(0, sizes[0])];
  for (let l = 1; l <= L; l++) {
    const kind = l === L ? spec.output : spec.activation;
    const zl: number[] = [];
    for (let j = 0; j < sizes[l]; j++) {
      let s = p.b[l - 1][j];
      for (let i = 0; i < sizes[l - 1]; i++) s += p.w[l - 1][i][j] * a[l - 1][i];
      zl.push(s);
    }
    z.push(zl);
    a.push(zl.map((v) => activate(kind, v)));
  }
  const yHat = a[L];
  let loss = 0;
  const dOut: number[] = [];
  for (let k = 0; k < sizes[L]; k++) {
    const t = y[k] ?? 0;
    if (spec.loss === 'mse') {
      loss += 0.5 * (yHat[k] - t) ** 2;
      dOut.push(yHat[k] - t);
    } else {
      // Cross-entropy on the logit z, stable for any z; ∂L/∂ŷ = (ŷ − y)/(ŷ(1 − ŷ)).
      const zk = z[L][k];
      loss += Math.max(zk, 0) - zk * t + Math.log1p(Math.exp(-Math.abs(zk)));
      const q = Math.min(Math.max(yHat[k], 1e-12), 1 - 1e-12);
      dOut.push((q - t) / (q * (1 - q)));
    }
  }
  const dA: number[][] = sizes.map((s) => new Array<number>(s).fill(0));
  const local: number[][] = sizes.map((s) => new Array<number>(s).fill(0));
  const delta: number[][] = sizes.map((s) => new Array<number>(s).fill(0));
  const gw = p.w.map((m) => m.map((row) => row.map(() => 0)));
  const gb = p.b.map((v) => v.map(() => 0));
  dA[L] = dOut;
  for (let l = L; l >= 1; l--) {
    const kind = l === L ? spec.output : spec.activation;
    if (l < L) {
      for (let j = 0; j < sizes[l]; j++) {
        let s = 0;
        for (let k = 0; k < sizes[l + 1]; k++) s += p.w[l][j][k] * delta[l + 1][k];
        dA[l][j] = s;
      }
    }
    for (let j = 0; j < sizes[l]; j++) {
      local[l][j] = activateGrad(kind, a[l][j]);
      // For bce with a sigmoid output the product simplifies to ŷ − y exactly; use it so the
      // number stays finite when ŷ saturates.
      delta[l][j] = spec.loss === 'bce' && l === L ? a[L][j] - (y[j] ?? 0) : dA[l][j] * local[l][j];
      gb[l - 1][j] = delta[l][j];
      for (let i = 0; i < sizes[l - 1]; i++) gw[l - 1][i][j] = a[l - 1][i] * delta[l][j];
    }
  }
  return { z, a, loss, dA, local, delta, gw, gb };
}

/** The SGD update θ ← θ − η ∂L/∂θ, returning new weights. */
export function sgdUpdate(p: BackpropWeights, t: BackpropTrace, learningRate: number): BackpropWeights {
  return {
    w: p.w.map((m, l) => m.map((row, i) => row.map((v, j) => v - learningRate * t.gw[l][i][j]))),
    b: p.b.map((v, l) => v.map((bj, j) => bj - learningRate * t.gb[l][j])),
  };
}

/** The reveal order: forward neuron by neuron, the loss, backward from the output, then the update. */
export function backpropSchedule(sizes: number[]): BackpropStep[] {
  const steps: BackpropStep[] = [];
  for (let l = 1; l < sizes.length; l++) for (let j = 0; j < sizes[l]; j++) steps.push({ phase: 'forward', layer: l, node: j });
  steps.push({ phase: 'loss' });
  for (let l = sizes.length - 1; l >= 1; l--) for (let j = 0; j < sizes[l]; j++) steps.push({ phase: 'backward', layer: l, node: j });
  steps.push({ phase: 'update' });
  return steps;
}
