/**
 * Per-layer statistics of a deep MLP at initialisation and while it trains: what lecture 2 shows
 * when it says "vanishing" and "exploding". A batch of standard-normal inputs goes forward
 * through `depth` hidden layers of equal width; the loss ½·mean((ŷ − y)²) against a fixed teacher
 * sends gradients back. We report, per layer, the activations and the weight gradients.
 *
 * Theory the tests check: with fan-in n and weights of variance σ², a linear layer multiplies the
 * signal's variance by n·σ². He (σ² = 2/n) makes that 2, and ReLU halves it back: variance stays
 * put. Xavier (σ² = 2/(n+n) = 1/n) keeps it for tanh near the origin. "Too small" (σ = 0.01) multiplies
 * it by n·10⁻⁴ per layer, so after 20 layers nothing is left.
 */
import { createRng } from '../random.ts';
import type { Activation } from '../models/mlp.ts';
import { createLayerStack, StackRunner, type InitScheme, type LayerStack } from '../kernels/layer-stack.ts';

/** Options for {@link createInitExplorer}. */
export interface InitExplorerOptions {
  /** Hidden layers (1–60). */
  depth: number;
  /** Neurons per hidden layer (default 64). */
  width?: number;
  /** Hidden activation. */
  activation: Activation;
  /** Weight initialisation. */
  init: InitScheme;
  /** Rows in the probe batch (default 128). */
  batch?: number;
  /** Clip the global gradient norm to this value before the update (0 = no clipping). */
  clipNorm?: number;
  /** Seed for weights, inputs and teacher. */
  seed?: number;
}

/** One layer's numbers. */
export interface LayerStats {
  /** Hidden layer index, 1 = first. */
  layer: number;
  /** Every activation of the layer over the batch (batch × width). */
  activations: Float32Array;
  /** Standard deviation of the activations. */
  activationStd: number;
  /** The gradient ∂L/∂W of the weights feeding this layer (after clipping, if on). */
  gradients: Float32Array;
  /** Standard deviation of those gradients. */
  gradientStd: number;
}

/** A snapshot of the whole network. */
export interface InitSnapshot {
  /** Hidden layers, input side first. */
  layers: LayerStats[];
  /** Loss on the probe batch. */
  loss: number;
  /** Global gradient norm before clipping. */
  gradNorm: number;
  /** Whether clipping changed the gradient this time. */
  clipped: boolean;
  /** Training steps taken. */
  step: number;
}

/** A deep MLP to inspect and train. */
export interface InitExplorer {
  /** The options in force. */
  readonly options: Required<InitExplorerOptions>;
  /** Forward + backward on the probe batch; statistics without changing the weights. */
  measure(): InitSnapshot;
  /** One SGD step (with clipping if on); returns the snapshot measured before the update. */
  trainStep(learningRate: number): InitSnapshot;
  /** Change the clipping threshold (0 = off). */
  setClipNorm(value: number): void;
}

/** Population standard deviation. */
export function std(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return 0;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i];
  mean /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (values[i] - mean) ** 2;
  return Math.sqrt(v / n);
}

/** Counts of `values` in `bins` equal bins over [lo, hi]; values outside land in the end bins. */
export function histogram(values: ArrayLike<number>, lo: number, hi: number, bins: number): Float32Array {
  const counts = new Float32Array(bins);
  const scale = bins / (hi - lo || 1);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    const k = Math.floor((v - lo) * scale);
    counts[k < 0 ? 0 : k >= bins ? bins - 1 : k]++;
  }
  return counts;
}

/** Build a deep MLP with the chosen initialisation, a probe batch and a teacher target. */
export function createInitExplorer(options: InitExplorerOptions): InitExplorer {
  const o: Required<InitExplorerOptions> = { width: 64, batch: 128, clipNorm: 0, seed: 1, ...options };
  if (!Number.isInteger(o.depth) || o.depth < 1 || o.depth > 60) throw new Error(`depth must be a whole number from 1 to 60, got ${o.depth}.`);
  const rng = createRng(o.seed);
  const sizes = [o.width, ...Array.from({ length: o.depth }, () => o.width), 1];
  const stack: LayerStack = createLayerStack(sizes, o.activation, o.init, rng.fork());
  const runner = new StackRunner(stack, o.batch);
  const data = rng.fork();
  const x = Float32Array.from({ length: o.batch * o.width }, () => data.normal());
  // Teacher: y = sin(Σ x_k v_k) with a fixed random direction v of unit length.
  const v = Float32Array.from({ length: o.width }, () => data.normal() / Math.sqrt(o.width));
  const y = new Float32Array(o.batch);
  for (let i = 0; i < o.batch; i++) {
    let s = 0;
    for (let k = 0; k < o.width; k++) s += x[i * o.width + k] * v[k];
    y[i] = Math.sin(s);
  }
  const dOut = new Float32Array(o.batch);
  let step = 0;

  const compute = (): InitSnapshot => {
    const out = runner.forward(x, o.batch);
    let loss = 0;
    for (let i = 0; i < o.batch; i++) {
      const e = out[i] - y[i];
      loss += 0.5 * e * e;
      dOut[i] = e / o.batch;
    }
    loss /= o.batch;
    runner.backward(dOut);
    let sq = 0;
    for (const g of [...runner.gw, ...runner.gb]) for (let k = 0; k < g.length; k++) sq += g[k] * g[k];
    const gradNorm = Math.sqrt(sq);
    const clipped = o.clipNorm > 0 && gradNorm > o.clipNorm;
    if (clipped) {
      const f = o.clipNorm / gradNorm;
      for (const g of [...runner.gw, ...runner.gb]) for (let k = 0; k < g.length; k++) g[k] *= f;
    }
    const layers: LayerStats[] = [];
    for (let l = 1; l <= o.depth; l++) {
      const activations = runner.acts[l].slice(0, o.batch * o.width);
      const gradients = runner.gw[l - 1].slice();
      layers.push({ layer: l, activations, activationStd: std(activations), gradients, gradientStd: std(gradients) });
    }
    return { layers, loss, gradNorm, clipped, step };
  };

  return {
    options: o,
    measure: compute,
    trainStep(learningRate) {
      const snap = compute();
      for (let l = 0; l < stack.w.length; l++) {
        const w = stack.w[l];
        const gw = runner.gw[l];
        for (let k = 0; k < w.length; k++) w[k] -= learningRate * gw[k];
        const b = stack.b[l];
        const gb = runner.gb[l];
        for (let k = 0; k < b.length; k++) b[k] -= learningRate * gb[k];
      }
      step++;
      return { ...snap, step };
    },
    setClipNorm(value) {
      o.clipNorm = value;
    },
  };
}
