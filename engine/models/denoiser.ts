/**
 * The noise-prediction network ε_θ(x_t, t, c) of a toy DDPM: an MLP whose input is the noisy
 * point x_t, a sinusoidal embedding of the step t (as in the Transformer and the DDPM U-Net), and
 * optionally a one-hot class c with one extra "no class" slot ∅ for classifier-free guidance.
 *
 *   input = [x_t (2) | sin/cos(t·ω_k) (timeDims) | one-hot(c or ∅) (classes + 1)] → hidden → ε̂ (2)
 *
 * A one-hot vector times the first weight matrix is exactly a learned class embedding added to the
 * first layer, so this is the usual "add the embeddings" design written as one matrix product.
 *
 * ```ts
 * const d = createDenoiser({ hidden: [64, 64, 64], timeDims: 16, classes: 1, steps: 100 }, createRng(1));
 * const eps = d.predict(x, t, null); // Float32Array, n × 2
 * d.dispose();
 * ```
 */
import * as tf from '@tensorflow/tfjs';
import { TfMlp } from '../kernels/tf-mlp.ts';
import type { Rng } from '../random.ts';
import { initMlpParams, type MlpSpec } from './mlp.ts';

/** Shape of a denoiser. */
export interface DenoiserSpec {
  /** Hidden layer widths (ReLU). */
  hidden: number[];
  /** Length of the sinusoidal time embedding (even). */
  timeDims: number;
  /** Number of data classes; 1 means unconditional (no class input at all). */
  classes: number;
  /** Number of diffusion steps T the time embedding covers. */
  steps: number;
}

/** Whether the network takes a class input. */
export const isConditional = (spec: DenoiserSpec): boolean => spec.classes > 1;

/** Width of the network's input row. */
export function denoiserInputs(spec: DenoiserSpec): number {
  return 2 + spec.timeDims + (isConditional(spec) ? spec.classes + 1 : 0);
}

/**
 * Sinusoidal embedding of step t, written into `out` at `offset`: pairs sin(τ·ω_k), cos(τ·ω_k) with
 * τ = 1000·t/T (so every T sees the same range) and ω_k = 10000^(−k/(d/2)), k = 0 … d/2 − 1.
 */
export function timeEmbedding(t: number, steps: number, dims: number, out: Float32Array, offset = 0): void {
  const half = dims / 2;
  const tau = (1000 * t) / steps;
  for (let k = 0; k < half; k++) {
    const w = Math.exp((-Math.log(10000) * k) / half);
    out[offset + 2 * k] = Math.sin(tau * w);
    out[offset + 2 * k + 1] = Math.cos(tau * w);
  }
}

/** Throws a readable message for a bad spec. */
export function validateDenoiserSpec(spec: DenoiserSpec): void {
  if (!Array.isArray(spec.hidden) || spec.hidden.length < 1 || spec.hidden.length > 6) throw new Error('A denoiser needs 1 to 6 hidden layers, e.g. [64, 64, 64].');
  for (const h of spec.hidden) if (!Number.isInteger(h) || h < 4 || h > 256) throw new Error(`Each hidden layer needs 4 to 256 neurons, got ${h}.`);
  if (!Number.isInteger(spec.timeDims) || spec.timeDims < 2 || spec.timeDims > 64 || spec.timeDims % 2 !== 0) {
    throw new Error(`The time embedding needs an even size from 2 to 64, got ${spec.timeDims}.`);
  }
  if (!Number.isInteger(spec.classes) || spec.classes < 1 || spec.classes > 16) throw new Error(`Classes must be 1 to 16, got ${spec.classes}.`);
}

/** ε_θ as tf.js variables, with helpers to build its input rows. Owns its tensors: call `dispose()`. */
export class Denoiser {
  /** The plain MLP under the hood (input = the concatenated row). */
  readonly mlpSpec: MlpSpec;
  /** tf.js variables (w0, b0, w1, b1, …). */
  readonly net: TfMlp;
  /** Input row width. */
  readonly inputs: number;
  /** Embedding of every step t = 0 … T − 1, `T × timeDims`. */
  readonly timeTable: Float32Array;

  constructor(
    readonly spec: DenoiserSpec,
    rng: Rng,
  ) {
    validateDenoiserSpec(spec);
    this.inputs = denoiserInputs(spec);
    this.mlpSpec = { inputs: this.inputs, hidden: spec.hidden, outputs: 2, activation: 'relu', output: 'linear', regularization: 'none', regularizationRate: 0 };
    this.net = new TfMlp(this.mlpSpec, initMlpParams(this.mlpSpec, rng));
    this.timeTable = new Float32Array(spec.steps * spec.timeDims);
    for (let t = 0; t < spec.steps; t++) timeEmbedding(t, spec.steps, spec.timeDims, this.timeTable, t * spec.timeDims);
  }

  /** Number of trainable parameters. */
  get paramCount(): number {
    return this.net.variables().reduce((s, v) => s + v.size, 0);
  }

  /**
   * Input rows for points `x` (n × 2) at steps `t` (one per row, or one for all) with classes
   * `labels` (one per row; −1 or `null` = the "no class" slot ∅). Writes into `out` if given.
   */
  buildInputs(x: Float32Array, t: ArrayLike<number> | number, labels: ArrayLike<number> | null, out?: Float32Array): Float32Array {
    const n = x.length / 2;
    const w = this.inputs;
    const d = this.spec.timeDims;
    const rows = out ?? new Float32Array(n * w);
    const cond = isConditional(this.spec);
    const k = this.spec.classes;
    for (let i = 0; i < n; i++) {
      const o = i * w;
      rows[o] = x[2 * i];
      rows[o + 1] = x[2 * i + 1];
      const ti = typeof t === 'number' ? t : t[i];
      rows.set(this.timeTable.subarray(ti * d, ti * d + d), o + 2);
      if (cond) {
        rows.fill(0, o + 2 + d, o + w);
        const c = labels ? labels[i] : -1;
        rows[o + 2 + d + (c >= 0 && c < k ? c : k)] = 1;
      }
    }
    return rows;
  }

  /** ε̂ for rows built by {@link buildInputs}, as a tensor (call inside tf.tidy). */
  apply(rows: tf.Tensor2D): tf.Tensor2D {
    return this.net.logits(rows);
  }

  /** ε̂(x, t, c) as plain numbers, n × 2 (the reference path the fast sampler is checked against). */
  predict(x: Float32Array, t: ArrayLike<number> | number, labels: ArrayLike<number> | null): Float32Array {
    const n = x.length / 2;
    const rows = this.buildInputs(x, t, labels);
    const out = tf.tidy(() => this.apply(tf.tensor2d(rows, [n, this.inputs])));
    const v = out.dataSync() as Float32Array;
    out.dispose();
    return v;
  }

  /** Free every variable. */
  dispose(): void {
    this.net.dispose();
  }
}

/** Build a denoiser with seeded initial weights (He uniform for the ReLU layers). */
export function createDenoiser(spec: DenoiserSpec, rng: Rng): Denoiser {
  return new Denoiser(spec, rng);
}
