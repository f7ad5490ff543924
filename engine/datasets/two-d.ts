/**
 * Seeded 2-D datasets for classification and regression, in the spirit of TensorFlow Playground's
 * `dataset.ts`: every point lies in [-6, 6]², labels are 0/1 (classification) or a real number
 * (regression), and `noise` in [0, 1] scales how messy the data is.
 */
import { createRng, type Rng } from '../random.ts';

/** Classification datasets. */
export const CLASSIFICATION_SETS = ['circle', 'xor', 'gauss', 'spiral', 'moons'] as const;
/** Regression datasets over the plane. */
export const REGRESSION_SETS = ['plane', 'multi-gauss'] as const;
/** Every 2-D dataset name. */
export const DATASETS_2D = [...CLASSIFICATION_SETS, ...REGRESSION_SETS] as const;
/** A 2-D dataset name. */
export type Dataset2DName = (typeof DATASETS_2D)[number];
/** What the labels mean. */
export type Task = 'classification' | 'regression';

/** Half-width of the square every 2-D set lives in. */
export const EXTENT = 6;

/** Points and labels as flat arrays (no tensors: widgets and trainers both read these). */
export interface Dataset {
  /** Row-major points, `n × dims`. */
  x: Float32Array;
  /** One label per point: 0/1 for classification, a real value for regression. */
  y: Float32Array;
  /** Number of points. */
  n: number;
  /** Input dimension (2 here, 1 for the 1-D regression sets). */
  dims: number;
  /** How to read `y`. */
  task: Task;
}

/** Options for {@link generate2D}. */
export interface Generate2DOptions {
  /** Number of points (default 500). */
  n?: number;
  /** 0 = clean, 1 = very noisy (default 0). */
  noise?: number;
  /** Seed for points and noise (default 1). */
  seed?: number;
}

/** Which task a dataset name belongs to. */
export function taskOf(name: Dataset2DName): Task {
  return (CLASSIFICATION_SETS as readonly string[]).includes(name) ? 'classification' : 'regression';
}

/** Generate a seeded 2-D dataset. Same name, options and seed → the same points, bit for bit. */
export function generate2D(name: Dataset2DName, options: Generate2DOptions = {}): Dataset {
  const { n = 500, noise = 0, seed = 1 } = options;
  if (!Number.isInteger(n) || n < 2) throw new Error(`Dataset size must be an integer ≥ 2, got ${n}.`);
  if (!(noise >= 0 && noise <= 1)) throw new Error(`Noise must lie in [0, 1], got ${noise}.`);
  const gen = GENERATORS[name];
  if (!gen) throw new Error(`Unknown dataset "${name}". Use one of: ${DATASETS_2D.join(', ')}.`);
  const rng = createRng(seed);
  const x = new Float32Array(n * 2);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const [a, b, label] = gen(i, n, noise, rng);
    x[2 * i] = clamp(a);
    x[2 * i + 1] = clamp(b);
    y[i] = label;
  }
  return { x, y, n, dims: 2, task: taskOf(name) };
}

const clamp = (v: number) => Math.max(-EXTENT, Math.min(EXTENT, v));

type Generator = (i: number, n: number, noise: number, rng: Rng) => [number, number, number];

const GENERATORS: Record<Dataset2DName, Generator> = {
  // Half the points inside radius 2.5 (class 1), half on a ring from 3.5 to 5 (class 0).
  circle(i, n, noise, rng) {
    const inside = i < n / 2;
    const r = inside ? rng.uniform(0, 2.5) : rng.uniform(3.5, 5);
    const angle = rng.uniform(0, 2 * Math.PI);
    const a = r * Math.sin(angle) + rng.uniform(-2.5, 2.5) * noise;
    const b = r * Math.cos(angle) + rng.uniform(-2.5, 2.5) * noise;
    return [a, b, inside ? 1 : 0];
  },
  // Quadrants: class 1 where x₁·x₂ > 0. A padding keeps points off the axes.
  xor(_i, _n, noise, rng) {
    const pad = 0.3;
    let a = rng.uniform(-5, 5);
    let b = rng.uniform(-5, 5);
    a += a > 0 ? pad : -pad;
    b += b > 0 ? pad : -pad;
    const label = a * b > 0 ? 1 : 0;
    return [a + rng.uniform(-5, 5) * noise, b + rng.uniform(-5, 5) * noise, label];
  },
  // Two Gaussian blobs at (2, 2) and (-2, -2); noise widens them until they overlap.
  gauss(i, n, noise, rng) {
    const positive = i < n / 2;
    const c = positive ? 2 : -2;
    const std = 0.5 + 2.5 * noise;
    return [rng.normal(c, std), rng.normal(c, std), positive ? 1 : 0];
  },
  // Two interleaved arms; the classic hard case for a shallow network.
  spiral(i, n, noise, rng) {
    const half = Math.ceil(n / 2);
    const positive = i < half;
    const k = positive ? i : i - half;
    const m = positive ? half : n - half;
    const r = (k / m) * 5;
    const t = (1.75 * k * 2 * Math.PI) / m + (positive ? 0 : Math.PI);
    const a = r * Math.sin(t) + rng.uniform(-1, 1) * noise;
    const b = r * Math.cos(t) + rng.uniform(-1, 1) * noise;
    return [a, b, positive ? 1 : 0];
  },
  // Two interleaving half-circles (scikit-learn's make_moons, scaled to the plane).
  moons(i, n, noise, rng) {
    const upper = i < n / 2;
    const t = rng.uniform(0, Math.PI);
    const a = upper ? Math.cos(t) : 1 - Math.cos(t);
    const b = upper ? Math.sin(t) : 0.5 - Math.sin(t);
    const scale = 3;
    return [
      (a - 0.5) * scale + rng.normal(0, 0.1 + noise * 0.6),
      (b - 0.25) * scale + rng.normal(0, 0.1 + noise * 0.6),
      upper ? 1 : 0,
    ];
  },
  // y = (x₁ + x₂) / 12, a tilted plane in [-1, 1].
  plane(_i, _n, noise, rng) {
    const a = rng.uniform(-EXTENT, EXTENT);
    const b = rng.uniform(-EXTENT, EXTENT);
    return [a, b, (a + b) / (2 * EXTENT) + rng.uniform(-0.5, 0.5) * noise];
  },
  // A sum of four Gaussian bumps of alternating sign.
  'multi-gauss'(_i, _n, noise, rng) {
    const a = rng.uniform(-EXTENT, EXTENT);
    const b = rng.uniform(-EXTENT, EXTENT);
    const bumps: [number, number, number][] = [[-4, 2.5, 1], [0, 2.5, -1], [4, 2.5, 1], [-4, -2.5, -1], [0, -2.5, 1], [4, -2.5, -1]];
    let v = 0;
    for (const [cx, cy, sign] of bumps) v += sign * Math.exp(-((a - cx) ** 2 + (b - cy) ** 2) / 4);
    return [a, b, v + rng.uniform(-0.5, 0.5) * noise];
  },
};

/** 1-D regression targets for {@link generate1D}. */
export const DATASETS_1D = ['sine', 'cubic', 'line'] as const;
/** A 1-D regression dataset name. */
export type Dataset1DName = (typeof DATASETS_1D)[number];

/**
 * Seeded 1-D regression data on x ∈ [-1, 1]: `line` (y = 0.8x + 0.3), `cubic` (y = x³ − 0.5x),
 * `sine` (y = sin 3x); Gaussian noise of standard deviation `0.3 · noise`.
 */
export function generate1D(name: Dataset1DName, options: Generate2DOptions = {}): Dataset {
  const { n = 40, noise = 0.3, seed = 1 } = options;
  if (!(DATASETS_1D as readonly string[]).includes(name)) {
    throw new Error(`Unknown 1-D dataset "${name}". Use one of: ${DATASETS_1D.join(', ')}.`);
  }
  const f = { line: (v: number) => 0.8 * v + 0.3, cubic: (v: number) => v ** 3 - 0.5 * v, sine: (v: number) => Math.sin(3 * v) }[name];
  const rng = createRng(seed);
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = rng.uniform(-1, 1);
    y[i] = f(x[i]) + rng.normal(0, 0.3 * noise);
  }
  return { x, y, n, dims: 1, task: 'regression' };
}

/**
 * Split a dataset into train and test parts after a seeded shuffle.
 * `trainRatio` is the fraction kept for training (Playground's "ratio of training data").
 */
export function splitDataset(data: Dataset, trainRatio: number, seed = 1): { train: Dataset; test: Dataset } {
  if (!(trainRatio > 0 && trainRatio < 1)) throw new Error(`Training ratio must lie strictly between 0 and 1, got ${trainRatio}.`);
  const order = createRng(seed).shuffle(Array.from({ length: data.n }, (_, i) => i));
  const nTrain = Math.max(1, Math.min(data.n - 1, Math.round(data.n * trainRatio)));
  const take = (idx: number[]): Dataset => {
    const x = new Float32Array(idx.length * data.dims);
    const y = new Float32Array(idx.length);
    idx.forEach((src, dst) => {
      for (let d = 0; d < data.dims; d++) x[dst * data.dims + d] = data.x[src * data.dims + d];
      y[dst] = data.y[src];
    });
    return { x, y, n: idx.length, dims: data.dims, task: data.task };
  };
  return { train: take(order.slice(0, nTrain)), test: take(order.slice(nTrain)) };
}
