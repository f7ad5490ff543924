/**
 * A toy DDPM on 2-D points, end to end: data, schedule, denoiser ε_θ, training on the
 * noise-prediction objective, samplers, the learned vector field and a quality number.
 *
 * Training step (Ho et al. 2020, Algorithm 1), on a batch:
 *   x₀ ~ data,  t ~ U{1 … T},  ε ~ N(0, I),  x_t = √ᾱ_t x₀ + √(1−ᾱ_t) ε,
 *   L = ‖ε − ε_θ(x_t, t, c)‖²   (mean over the batch and both coordinates)
 * For classifier-free guidance the class c is replaced by ∅ with probability `classDropout`, so one
 * network learns both ε_θ(x, t, c) and ε_θ(x, t, ∅).
 *
 * ε_θ is a ReLU MLP with a squared-error head, exactly what the WebAssembly SIMD training step
 * (`kernels/simd-mlp.ts`) runs: updates go there by default (several times faster than tf.js
 * here, see `npm run bench -- diffusion`), and the weights are copied into the tf.js variables after
 * each call, so sampling and the vector field (tf.js) always see the current network. tf.js trains
 * where WebAssembly SIMD cannot compile, or with `kernel: 'tfjs'`.
 *
 * ```ts
 * const d = createDiffusionTrainer({ dataset: 'swiss-roll' });
 * await d.run({ steps: 3000 });
 * const s = await d.sample({ method: 'ddim', steps: 20, n: 1000 });
 * d.quality(s.x);  // MMD to held-out data; compare d.noiseBaseline()
 * d.dispose();
 * ```
 */
import * as tf from '@tensorflow/tfjs';
import { customPoints, generatePoints, POINT_SETS, type PointSet, type PointSetName } from '../datasets/points2d.ts';
import { mmd, noiseBaselineMmd } from '../diffusion/quality.ts';
import { denoisingField, sampleDiffusion, type FieldOptions, type SampleOptions, type SampleResult } from '../diffusion/sampler.ts';
import { createSchedule, SCHEDULES, type NoiseSchedule, type ScheduleKind } from '../diffusion/schedule.ts';
import { createSimdMlpTrainer } from '../kernels/simd-mlp.ts';
import { createDenoiser, isConditional, type Denoiser } from '../models/denoiser.ts';
import type { MlpParams } from '../models/mlp.ts';
import { createTfOptimizer } from '../optim/tf-optimizers.ts';
import { createRng } from '../random.ts';

/** Defaults for {@link createDiffusionTrainer}. */
export const DIFFUSION_DEFAULTS = {
  /** Point set to learn, or 'custom' with `custom` points. */
  dataset: 'swiss-roll' as PointSetName | 'custom',
  /** Training points generated. */
  points: 2000,
  /** Held-out points (a different seed) for the quality number. */
  heldOut: 800,
  /** Noise schedule. */
  schedule: 'linear' as ScheduleKind,
  /** Diffusion steps T. 100 is plenty for 2-D data (images use 1000). */
  steps: 100,
  /** Hidden widths of ε_θ. Three layers of 64 learn every set here; wider is slower to sample. */
  hidden: [64, 64, 64],
  /** Sinusoidal time-embedding size. */
  timeDims: 16,
  /** Learn ε_θ(x, t, c) from the set's labels (sets with more than one class). */
  conditional: false,
  /** Probability of replacing the class by ∅ during training (classifier-free guidance). */
  classDropout: 0.15,
  /** Adam learning rate. */
  learningRate: 3e-3,
  /** Points per update. Large batches keep tf.js's per-kernel overhead small. */
  batchSize: 512,
  /** Seed for data, weights, and the t and ε of every batch. */
  seed: 1,
  /** Who runs the updates: 'auto' (WebAssembly SIMD where it compiles, else tf.js), 'wasm-simd', 'tfjs'. */
  kernel: 'auto' as 'auto' | 'wasm-simd' | 'tfjs',
};

/** Options for {@link createDiffusionTrainer}; every field has a default. */
export type DiffusionOptions = Partial<typeof DIFFUSION_DEFAULTS> & {
  /** Points for dataset 'custom' (n × 2, or [x, y] pairs); also the held-out set. */
  custom?: ArrayLike<number> | [number, number][];
};

/** One training update's outcome. */
export interface DiffusionStep {
  /** Updates so far. */
  step: number;
  /** Noise-prediction loss of the last batch. */
  loss: number;
}

/** The toy-diffusion session. */
export interface DiffusionTrainer {
  /** Options after defaults. */
  readonly options: typeof DIFFUSION_DEFAULTS;
  /** Training points. */
  readonly data: PointSet;
  /** Held-out points of the same distribution (for the quality number). */
  readonly heldOut: PointSet;
  /** β_t, α_t, ᾱ_t. */
  readonly schedule: NoiseSchedule;
  /** ε_θ. */
  readonly denoiser: Denoiser;
  /** Whether ε_θ takes a class. */
  readonly conditional: boolean;
  /** Trainable parameters. */
  readonly paramCount: number;
  /** What runs the updates: 'wasm-simd', or 'tfjs' (asked for, or where WebAssembly SIMD cannot compile). */
  readonly kernel: 'wasm-simd' | 'tfjs';
  /** Updates so far. */
  readonly updates: number;
  /** One update; reads the loss back. */
  step(): Promise<DiffusionStep>;
  /** `count` updates, reading the loss only after the last (cheap on GPU backends). */
  train(count: number): Promise<DiffusionStep>;
  /** Train `steps` updates, calling `onStep` every `every` updates; stops early on `signal`. */
  run(options: { steps: number; every?: number; signal?: AbortSignal; onStep?: (s: DiffusionStep) => void }): Promise<DiffusionStep>;
  /** Draw samples (DDPM or DDIM, optional guidance). */
  sample(options: SampleOptions): Promise<SampleResult>;
  /** The learned denoising direction on a grid at step t (see {@link denoisingField}). */
  field(t: number, size: number, options?: FieldOptions): Float32Array;
  /**
   * MMD between `points` (n × 2) and the held-out data: lower is better, 0 is perfect. With
   * `classLabel` ≥ 0, only held-out points of that class count (for class-conditional samples).
   */
  quality(points: Float32Array, options?: { classLabel?: number; maxPoints?: number }): number;
  /** MMD of pure noise N(0, I) to the held-out data: what "no model" scores. */
  noiseBaseline(): number;
  /** Free every tensor. */
  dispose(): void;
}

/** Check options, build data, schedule and network. Throws a message that names the bad option. */
export function createDiffusionTrainer(options: DiffusionOptions = {}): DiffusionTrainer {
  const { custom, ...rest } = options;
  const o = { ...DIFFUSION_DEFAULTS, ...rest };
  if (o.dataset !== 'custom' && !(POINT_SETS as readonly string[]).includes(o.dataset)) {
    throw new Error(`Unknown dataset "${o.dataset}". Use one of: ${POINT_SETS.join(', ')}, custom.`);
  }
  if (!(SCHEDULES as readonly string[]).includes(o.schedule)) throw new Error(`Unknown schedule "${o.schedule}". Use one of: ${SCHEDULES.join(', ')}.`);
  if (!(o.learningRate > 0 && o.learningRate < 1)) throw new Error(`Learning rate must lie in (0, 1), got ${o.learningRate}.`);
  if (!Number.isInteger(o.batchSize) || o.batchSize < 1 || o.batchSize > 8192) throw new Error(`Batch size must be an integer from 1 to 8192, got ${o.batchSize}.`);
  if (!(o.classDropout >= 0 && o.classDropout < 1)) throw new Error(`Class dropout must lie in [0, 1), got ${o.classDropout}.`);
  let data: PointSet;
  let heldOut: PointSet;
  if (o.dataset === 'custom') {
    if (!custom) throw new Error('Dataset "custom" needs points: draw some first.');
    data = customPoints(custom);
    heldOut = data;
  } else {
    data = generatePoints(o.dataset, { n: o.points, seed: o.seed });
    heldOut = generatePoints(o.dataset, { n: o.heldOut, seed: o.seed + 7919 });
  }
  const schedule = createSchedule(o.schedule, o.steps);
  const rng = createRng(o.seed);
  const classes = o.conditional ? data.classes : 1;
  const denoiser = createDenoiser({ hidden: o.hidden, timeDims: o.timeDims, classes, steps: o.steps }, rng.fork());
  const cond = isConditional(denoiser.spec);
  const batchRng = rng.fork();
  const opt = createTfOptimizer({ name: 'adam', learningRate: o.learningRate });
  const vars = denoiser.net.variables();
  const B = o.batchSize;
  const width = denoiser.inputs;
  const rows = new Float32Array(B * width);
  const target = new Float32Array(B * 2);
  const xt = new Float32Array(B * 2);
  const tIdx = new Int32Array(B);
  const lab = new Int32Array(B);
  const sqrtAb = schedule.alphaBars.map(Math.sqrt);
  const sqrtOneMinus = schedule.alphaBars.map((a) => Math.sqrt(1 - a));
  let updates = 0;
  let baseline = NaN;
  const simd = o.kernel === 'tfjs' ? null : createSimdMlpTrainer(denoiser.mlpSpec, { name: 'adam', learningRate: o.learningRate }, B);
  // With SIMD the weights live here between calls (w0, b0, w1, … read once from the variables),
  // and go back into the tf.js variables at the end of every step/train/run.
  const params: MlpParams | null = simd
    ? { sizes: [...simd.sizes], w: denoiser.net.w.map((v) => (v.dataSync() as Float32Array).slice()), b: denoiser.net.b.map((v) => (v.dataSync() as Float32Array).slice()) }
    : null;
  const syncNet = () => {
    if (!params) return;
    tf.tidy(() => {
      params.w.forEach((w, l) => denoiser.net.w[l].assign(tf.tensor2d(w, [params.sizes[l], params.sizes[l + 1]])));
      params.b.forEach((b, l) => denoiser.net.b[l].assign(tf.tensor1d(b)));
    });
  };

  /** One update; returns the loss (a tensor with tf.js: the caller reads or disposes it). */
  const update = (): tf.Scalar | number => {
    for (let i = 0; i < B; i++) {
      const p = batchRng.int(data.n);
      const t = batchRng.int(o.steps);
      const e1 = batchRng.normal();
      const e2 = batchRng.normal();
      xt[2 * i] = sqrtAb[t] * data.x[2 * p] + sqrtOneMinus[t] * e1;
      xt[2 * i + 1] = sqrtAb[t] * data.x[2 * p + 1] + sqrtOneMinus[t] * e2;
      target[2 * i] = e1;
      target[2 * i + 1] = e2;
      tIdx[i] = t;
      lab[i] = cond && batchRng.next() >= o.classDropout ? data.labels[p] : -1;
    }
    denoiser.buildInputs(xt, tIdx, cond ? lab : null, rows);
    updates++;
    if (simd && params) return simd.trainRows(params, rows, target, B);
    return tf.tidy(() => {
      const xb = tf.tensor2d(rows, [B, width]);
      const yb = tf.tensor2d(target, [B, 2]);
      return opt.minimize(() => denoiser.net.loss(xb, yb), true, vars) as tf.Scalar;
    });
  };

  const readLoss = async (t: tf.Scalar | number): Promise<DiffusionStep> => {
    if (typeof t === 'number') {
      syncNet();
      return { step: updates, loss: t };
    }
    const loss = (await t.data())[0];
    t.dispose();
    return { step: updates, loss };
  };
  const drop = (t: tf.Scalar | number) => {
    if (typeof t !== 'number') t.dispose();
  };

  const trainer: DiffusionTrainer = {
    options: o,
    data,
    heldOut,
    schedule,
    denoiser,
    conditional: cond,
    paramCount: denoiser.paramCount,
    kernel: simd ? 'wasm-simd' : 'tfjs',
    get updates() {
      return updates;
    },
    step: () => readLoss(update()),
    async train(count) {
      for (let i = 1; i < count; i++) drop(update());
      return readLoss(update());
    },
    async run({ steps, every = 50, signal, onStep }) {
      let last: DiffusionStep = { step: updates, loss: NaN };
      for (let i = 1; i <= steps && !signal?.aborted; i++) {
        const loss = update();
        if (i % every === 0 || i === steps) {
          last = await readLoss(loss);
          onStep?.(last);
          await tf.nextFrame();
        } else drop(loss);
      }
      syncNet();
      return last;
    },
    sample: (s) => sampleDiffusion(denoiser, schedule, s),
    field: (t, size, f) => denoisingField(denoiser, schedule, t, size, f),
    quality(points, q = {}) {
      const c = q.classLabel ?? -1;
      let ref = heldOut.x;
      if (c >= 0 && c < heldOut.classes) {
        const keep: number[] = [];
        for (let i = 0; i < heldOut.n; i++) if (heldOut.labels[i] === c) keep.push(heldOut.x[2 * i], heldOut.x[2 * i + 1]);
        ref = Float32Array.from(keep);
      }
      return mmd(points, ref, q.maxPoints);
    },
    noiseBaseline() {
      if (Number.isNaN(baseline)) baseline = noiseBaselineMmd(heldOut.x, o.seed + 13);
      return baseline;
    },
    dispose() {
      opt.dispose();
      denoiser.dispose();
    },
  };
  return trainer;
}
