/**
 * Normalization layers on a real activation tensor, in plain JavaScript so a picture can show
 * which cells share one mean and variance. The tensor is `N × C × H × W` (batch, channels,
 * space), flat and row-major like PyTorch.
 *
 * | kind     | one (μ, σ²) per          | statistics over |
 * | -------- | ------------------------ | --------------- |
 * | batch    | channel c                | N, H, W         |
 * | layer    | example n                | C, H, W         |
 * | instance | example n, channel c     | H, W            |
 * | group    | example n, channel group | C/G, H, W       |
 *
 * ```ts
 * const acts = digitActivations(mnist.test, { batch: 4 });
 * const r = normalizeActivations(acts, 'group', { groups: 2 });
 * r.groupOf[i];  // which statistics cell i uses
 * r.mean[g];     // that group's mean
 * ```
 */
import type { DigitSet } from '../datasets/mnist.ts';
import { MNIST_PIXELS } from '../datasets/mnist.ts';
import { conv2d, pool2d, presetKernel, type KernelPreset } from './conv.ts';
import { createRng } from '../random.ts';

/** The normalization layers. */
export const NORM_KINDS = ['batch', 'layer', 'instance', 'group'] as const;
/** One normalization layer. */
export type NormKind = (typeof NORM_KINDS)[number];

/** An activation tensor, `n × c × h × w`. */
export interface Activations {
  data: Float32Array;
  n: number;
  c: number;
  h: number;
  w: number;
}

/** The result of normalizing. */
export interface Normalized {
  /** Normalized values (γ = 1, β = 0), same layout as the input. */
  y: Float32Array;
  /** Group index of every cell. */
  groupOf: Int32Array;
  /** Number of groups (sets of cells sharing statistics). */
  groupCount: number;
  /** Mean per group. */
  mean: Float32Array;
  /** Biased variance per group (what the layer divides by). */
  variance: Float32Array;
  /** Cells per group. */
  groupSize: number;
}

/** Which statistics group cell (n, c) belongs to (all its h × w cells share it). */
export function normGroup(kind: NormKind, n: number, c: number, channels: number, groups: number): number {
  switch (kind) {
    case 'batch':
      return c;
    case 'layer':
      return n;
    case 'instance':
      return n * channels + c;
    case 'group':
      return n * groups + Math.floor(c / (channels / groups));
  }
}

/** Problems with a group count for `channels` channels (GroupNorm needs G to divide C). */
export function groupProblems(channels: number, groups: number): string[] {
  if (!Number.isInteger(groups) || groups < 1) return [`The number of groups must be a whole number ≥ 1 (got ${groups}).`];
  if (channels % groups !== 0) return [`GroupNorm splits the ${channels} channels into ${groups} equal groups, but ${groups} does not divide ${channels}. Use one of: ${divisors(channels).join(', ')}.`];
  return [];
}

function divisors(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1).filter((d) => n % d === 0);
}

/**
 * Normalize with the statistics of each group: ŷ = (x − μ_g) / √(σ²_g + ε). With `stats`, use those
 * per-channel statistics instead (batch norm at inference, with running averages).
 */
export function normalizeActivations(x: Activations, kind: NormKind, options: { groups?: number; eps?: number; stats?: { mean: Float32Array; variance: Float32Array } } = {}): Normalized {
  const groups = options.groups ?? 1;
  const eps = options.eps ?? 1e-5;
  if (kind === 'group') {
    const p = groupProblems(x.c, groups);
    if (p.length) throw new Error(p[0]);
  }
  const count = kind === 'batch' ? x.c : kind === 'layer' ? x.n : kind === 'instance' ? x.n * x.c : x.n * groups;
  const area = x.h * x.w;
  const groupOf = new Int32Array(x.data.length);
  const sum = new Float64Array(count);
  const sq = new Float64Array(count);
  const cells = new Float64Array(count);
  for (let n = 0; n < x.n; n++) {
    for (let c = 0; c < x.c; c++) {
      const g = normGroup(kind, n, c, x.c, groups);
      const base = (n * x.c + c) * area;
      for (let i = 0; i < area; i++) {
        const v = x.data[base + i];
        groupOf[base + i] = g;
        sum[g] += v;
        sq[g] += v * v;
        cells[g]++;
      }
    }
  }
  const mean = new Float32Array(count);
  const variance = new Float32Array(count);
  for (let g = 0; g < count; g++) {
    mean[g] = sum[g] / cells[g];
    variance[g] = Math.max(0, sq[g] / cells[g] - (sum[g] / cells[g]) ** 2);
  }
  const useMean = options.stats && kind === 'batch' ? options.stats.mean : mean;
  const useVar = options.stats && kind === 'batch' ? options.stats.variance : variance;
  const y = new Float32Array(x.data.length);
  for (let i = 0; i < y.length; i++) {
    const g = groupOf[i];
    y[i] = (x.data[i] - useMean[g]) / Math.sqrt(useVar[g] + eps);
  }
  return { y, groupOf, groupCount: count, mean, variance, groupSize: cells[0] };
}

/** Options for {@link digitActivations}. */
export interface DigitActivationOptions {
  /** Examples in the batch. */
  batch?: number;
  /** One output channel per kernel preset. */
  kernels?: KernelPreset[];
  /** Max-pool size after conv + ReLU (28 / pool = spatial side). */
  pool?: number;
  /** Seed for picking the digits. */
  seed?: number;
}

/**
 * Real activations: conv (preset kernels, "same") → ReLU → max-pool on `batch` real digits, as an
 * `N × C × H × W` tensor. These are the activations a normalization layer after a first conv
 * layer would see.
 */
export function digitActivations(set: DigitSet, options: DigitActivationOptions = {}): Activations {
  const batch = options.batch ?? 4;
  const names = options.kernels ?? (['edge-x', 'edge-y', 'blur', 'sharpen'] as KernelPreset[]);
  const poolSize = options.pool ?? 4;
  const rng = createRng(options.seed ?? 1);
  const k = 3;
  const weights = new Float32Array(names.length * k * k);
  names.forEach((name, o) => weights.set(presetKernel(name, 3), o * k * k));
  const side = Math.floor(28 / poolSize);
  const area = side * side;
  const data = new Float32Array(batch * names.length * area);
  for (let n = 0; n < batch; n++) {
    const i = rng.int(set.n);
    const img = { data: set.images.subarray(i * MNIST_PIXELS, (i + 1) * MNIST_PIXELS), width: 28, height: 28, channels: 1 };
    const maps = conv2d(img, { weights, outChannels: names.length, inChannels: 1, size: k }, { padding: 'same', stride: 1, dilation: 1 });
    for (let j = 0; j < maps.data.length; j++) if (maps.data[j] < 0) maps.data[j] = 0;
    const pooled = pool2d(maps, 'max', poolSize, poolSize);
    data.set(pooled.data, n * names.length * area);
  }
  return { data, n: batch, c: names.length, h: side, w: side };
}

/**
 * Batch-norm running statistics after `steps` training batches, updated like PyTorch:
 * μ̂ ← (1 − m) μ̂ + m μ_B, σ̂² ← (1 − m) σ̂² + m σ²_B (unbiased batch variance), starting from 0 and 1.
 */
export function runningBatchStats(set: DigitSet, options: DigitActivationOptions & { steps: number; momentum: number }): { mean: Float32Array; variance: Float32Array } {
  const rng = createRng((options.seed ?? 1) + 7);
  let mean: Float32Array | undefined;
  let variance: Float32Array | undefined;
  for (let s = 0; s < options.steps; s++) {
    const acts = digitActivations(set, { ...options, seed: rng.int(2 ** 31) });
    const r = normalizeActivations(acts, 'batch');
    const m = r.groupSize;
    mean ??= new Float32Array(acts.c);
    variance ??= new Float32Array(acts.c).fill(1);
    for (let c = 0; c < acts.c; c++) {
      mean[c] = (1 - options.momentum) * mean[c] + options.momentum * r.mean[c];
      variance[c] = (1 - options.momentum) * variance[c] + options.momentum * (r.variance[c] * m) / Math.max(1, m - 1);
    }
  }
  const c = (options.kernels ?? ['edge-x', 'edge-y', 'blur', 'sharpen']).length;
  return { mean: mean ?? new Float32Array(c), variance: variance ?? new Float32Array(c).fill(1) };
}
