/**
 * Seeded 2-D point clouds for diffusion models: the "images" of the toy world. Each set is scaled
 * to lie roughly in [-2, 2]², so that after full noising (x_T ~ N(0, I)) data and noise live on the
 * same scale — the same reason image pixels are scaled to [-1, 1] before training a DDPM.
 *
 * ```ts
 * const data = generatePoints('swiss-roll', { n: 2000, seed: 1 });
 * data.x;        // Float32Array, n × 2, row-major
 * data.labels;   // Int32Array, one class per point (all 0 for single-class sets)
 * data.classes;  // number of classes (used for class-conditional training)
 * ```
 */
import { createRng, type Rng } from '../random.ts';

/** Point sets with a generator. */
export const POINT_SETS = ['swiss-roll', 'moons', 'rings', 'gaussians', 'smiley'] as const;
/** One generated point set. */
export type PointSetName = (typeof POINT_SETS)[number];

/** Half-width of the square the pictures show: data in [-2, 2], full noise reaches about ±3.5. */
export const POINTS_EXTENT = 3.5;

/** A labelled point cloud as flat arrays (no tensors). */
export interface PointSet {
  /** Row-major points, `n × 2`. */
  x: Float32Array;
  /** Class of each point, 0 … classes − 1. */
  labels: Int32Array;
  /** Number of points. */
  n: number;
  /** Number of classes (1 for sets without labels). */
  classes: number;
  /** Human-readable class names, one per class. */
  classNames: string[];
}

/** Options for {@link generatePoints}. */
export interface PointsOptions {
  /** Number of points (default 2000). */
  n?: number;
  /** Seed (default 1). */
  seed?: number;
}

interface Generator {
  classNames: string[];
  /** One point of class `label`. */
  draw(label: number, rng: Rng): [number, number];
  /** Relative frequency of each class (defaults to equal). */
  weights?: number[];
}

const GENERATORS: Record<PointSetName, Generator> = {
  // The classic 2-D swiss roll: r = θ, θ ∈ [1.5π, 4.5π], scaled to radius 2.
  'swiss-roll': {
    classNames: ['roll'],
    draw(_label, rng) {
      const theta = rng.uniform(1.5 * Math.PI, 4.5 * Math.PI);
      const s = 2 / (4.5 * Math.PI);
      return [theta * Math.cos(theta) * s + rng.normal(0, 0.04), theta * Math.sin(theta) * s + rng.normal(0, 0.04)];
    },
  },
  // scikit-learn's make_moons, centred and scaled by 1.6.
  moons: {
    classNames: ['upper moon', 'lower moon'],
    draw(label, rng) {
      const t = rng.uniform(0, Math.PI);
      const a = label === 0 ? Math.cos(t) : 1 - Math.cos(t);
      const b = label === 0 ? Math.sin(t) : 0.5 - Math.sin(t);
      return [(a - 0.5) * 1.6 + rng.normal(0, 0.06), (b - 0.25) * 1.6 + rng.normal(0, 0.06)];
    },
  },
  // Two concentric circles; the outer one holds more points so the density along each ring is equal.
  rings: {
    classNames: ['inner ring', 'outer ring'],
    weights: [0.8, 1.8],
    draw(label, rng) {
      const r = label === 0 ? 0.8 : 1.8;
      const a = rng.uniform(0, 2 * Math.PI);
      return [r * Math.cos(a) + rng.normal(0, 0.04), r * Math.sin(a) + rng.normal(0, 0.04)];
    },
  },
  // Eight Gaussians on a circle of radius 1.7: the standard mode-coverage test.
  gaussians: {
    classNames: Array.from({ length: 8 }, (_, k) => `blob ${k + 1}`),
    draw(label, rng) {
      const a = (label / 8) * 2 * Math.PI;
      return [1.7 * Math.cos(a) + rng.normal(0, 0.12), 1.7 * Math.sin(a) + rng.normal(0, 0.12)];
    },
  },
  // A face: outline, two eyes and a smile, each a class.
  smiley: {
    classNames: ['face', 'eyes', 'smile'],
    weights: [2, 0.6, 1],
    draw(label, rng) {
      if (label === 0) {
        const a = rng.uniform(0, 2 * Math.PI);
        return [1.9 * Math.cos(a) + rng.normal(0, 0.03), 1.9 * Math.sin(a) + rng.normal(0, 0.03)];
      }
      if (label === 1) {
        const cx = rng.next() < 0.5 ? -0.65 : 0.65;
        return [cx + rng.normal(0, 0.1), 0.6 + rng.normal(0, 0.14)];
      }
      const a = rng.uniform(-0.85 * Math.PI, -0.15 * Math.PI);
      return [1.1 * Math.cos(a) + rng.normal(0, 0.03), 1.1 * Math.sin(a) - 0.05 + rng.normal(0, 0.03)];
    },
  },
};

/** Generate a seeded point set. Same name, size and seed → the same points, bit for bit. */
export function generatePoints(name: PointSetName, options: PointsOptions = {}): PointSet {
  const { n = 2000, seed = 1 } = options;
  const gen = GENERATORS[name];
  if (!gen) throw new Error(`Unknown point set "${name}". Use one of: ${POINT_SETS.join(', ')}.`);
  if (!Number.isInteger(n) || n < 2) throw new Error(`Number of points must be an integer ≥ 2, got ${n}.`);
  const rng = createRng(seed);
  const k = gen.classNames.length;
  const weights = gen.weights ?? new Array<number>(k).fill(1);
  const total = weights.reduce((a, b) => a + b, 0);
  const x = new Float32Array(n * 2);
  const labels = new Int32Array(n);
  // Classes in proportion to their weight, assigned deterministically, then shuffled by position.
  let i = 0;
  for (let c = 0; c < k; c++) {
    const count = c === k - 1 ? n - i : Math.round((n * weights[c]) / total);
    for (let j = 0; j < count && i < n; j++, i++) labels[i] = c;
  }
  for (let p = 0; p < n; p++) {
    const [a, b] = gen.draw(labels[p], rng);
    x[2 * p] = a;
    x[2 * p + 1] = b;
  }
  return { x, labels, n, classes: k, classNames: [...gen.classNames] };
}

/**
 * "Draw your own": wrap hand-placed points (plane coordinates, `[x, y]` pairs or a flat array) as
 * a one-class point set. Throws if there are fewer than 2 points or a coordinate is not finite.
 */
export function customPoints(points: ArrayLike<number> | [number, number][]): PointSet {
  const flat = Array.isArray(points) && Array.isArray(points[0]) ? (points as [number, number][]).flat() : Array.from(points as ArrayLike<number>);
  if (flat.length % 2 !== 0) throw new Error('Custom points need an even number of coordinates (x, y pairs).');
  const n = flat.length / 2;
  if (n < 2) throw new Error(`Draw at least 2 points, got ${n}.`);
  if (!flat.every(Number.isFinite)) throw new Error('Custom points must be finite numbers.');
  return { x: Float32Array.from(flat), labels: new Int32Array(n), n, classes: 1, classNames: ['drawn'] };
}
