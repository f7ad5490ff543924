/**
 * Two-dimensional loss surfaces for the optimizer race, each with its exact gradient, and a race
 * that moves one point per optimizer with the update rules of {@link ./optimizers.ts}.
 *
 * ```ts
 * const race = createOptimizerRace({ surface: 'rosenbrock', start: [-1.5, 2], learningRate: 0.001, adaptiveLearningRate: 0.05 });
 * race.step(10);
 * race.racers[0].path; // [x0, y0, x1, y1, …]
 * ```
 * Each surface shows one difficulty: a ravine (badly conditioned curvature: SGD zig-zags, momentum
 * glides), a saddle (zero gradient that is not a minimum), Rosenbrock (a curved, flat valley) and a
 * noisy bowl (stochastic gradients, as with minibatches).
 */
import { createRng, type Rng } from '../random.ts';
import { createJsOptimizer, OPTIMIZERS, type JsOptimizer, type OptimizerName } from './optimizers.ts';

/** Surface names. */
export const SURFACES = ['ravine', 'saddle', 'rosenbrock', 'noisy-bowl'] as const;
/** One surface. */
export type SurfaceName = (typeof SURFACES)[number];

/** A loss surface over a rectangle of the plane. */
export interface Surface {
  /** Name used in attributes. */
  name: SurfaceName;
  /** Label for a menu. */
  label: string;
  /** f(x, y). */
  f(x: number, y: number): number;
  /** ∇f(x, y), exact. */
  grad(x: number, y: number): [number, number];
  /** Drawing window [xMin, xMax, yMin, yMax]. */
  bounds: [number, number, number, number];
  /** Default start point. */
  start: [number, number];
  /** Where the minima are (empty if f is unbounded below). */
  minima: [number, number][];
  /** Standard deviation of Gaussian noise added to each gradient component (0: deterministic). */
  gradientNoise: number;
  /** Learning rate that suits SGD / momentum / Nesterov here. */
  learningRate: number;
  /** Learning rate that suits RMSProp / Adam here. */
  adaptiveLearningRate: number;
}

const SURFACE_TABLE: Record<SurfaceName, Surface> = {
  // f = 0.05x² + 2y²: curvatures 0.1 and 4, condition number 40.
  ravine: {
    name: 'ravine',
    label: 'Ravine',
    f: (x, y) => 0.05 * x * x + 2 * y * y,
    grad: (x, y) => [0.1 * x, 4 * y],
    bounds: [-5, 5, -2.5, 2.5],
    start: [-4.5, 1.6],
    minima: [[0, 0]],
    gradientNoise: 0,
    learningRate: 0.1,
    adaptiveLearningRate: 0.1,
  },
  // f = x² − y² + y⁴/4: a saddle at the origin, minima at (0, ±√2) with f = −1.
  saddle: {
    name: 'saddle',
    label: 'Saddle',
    f: (x, y) => x * x - y * y + (y * y * y * y) / 4,
    grad: (x, y) => [2 * x, -2 * y + y * y * y],
    bounds: [-2, 2, -2.2, 2.2],
    start: [-1.8, 0.001],
    minima: [
      [0, Math.SQRT2],
      [0, -Math.SQRT2],
    ],
    gradientNoise: 0,
    learningRate: 0.05,
    adaptiveLearningRate: 0.05,
  },
  // Rosenbrock's banana: (1 − x)² + 100 (y − x²)², minimum (1, 1) at the end of a long curved valley.
  rosenbrock: {
    name: 'rosenbrock',
    label: 'Rosenbrock',
    f: (x, y) => (1 - x) ** 2 + 100 * (y - x * x) ** 2,
    grad: (x, y) => [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)],
    bounds: [-2, 2, -1, 3],
    start: [-1.5, 2.5],
    minima: [[1, 1]],
    gradientNoise: 0,
    learningRate: 0.0005,
    adaptiveLearningRate: 0.05,
  },
  // ½(x² + y²) with noisy gradients: the stochastic setting of minibatch training.
  'noisy-bowl': {
    name: 'noisy-bowl',
    label: 'Noisy bowl',
    f: (x, y) => 0.5 * (x * x + y * y),
    grad: (x, y) => [x, y],
    bounds: [-3, 3, -3, 3],
    start: [-2.5, 2.2],
    minima: [[0, 0]],
    gradientNoise: 1,
    learningRate: 0.1,
    adaptiveLearningRate: 0.1,
  },
};

/** Look up a surface by name (throws a readable message). */
export function getSurface(name: SurfaceName): Surface {
  const s = SURFACE_TABLE[name];
  if (!s) throw new Error(`Unknown surface "${name}". Use one of: ${SURFACES.join(', ')}.`);
  return s;
}

/** f sampled on a cols × rows grid over the surface's bounds, row 0 at the top (yMax). */
export function surfaceGrid(name: SurfaceName, cols: number, rows: number): Float32Array {
  const s = getSurface(name);
  const [x0, x1, y0, y1] = s.bounds;
  const out = new Float32Array(cols * rows);
  for (let r = 0; r < rows; r++) {
    const y = y1 - ((r + 0.5) / rows) * (y1 - y0);
    for (let c = 0; c < cols; c++) out[r * cols + c] = s.f(x0 + ((c + 0.5) / cols) * (x1 - x0), y);
  }
  return out;
}

/** Options for {@link createOptimizerRace}. */
export interface RaceOptions {
  /** The surface. */
  surface: SurfaceName;
  /** Optimizers in the race (default: all five). */
  optimizers?: OptimizerName[];
  /** Start point (default: the surface's). */
  start?: [number, number];
  /** Learning rate for sgd, momentum and nesterov (default: the surface's). */
  learningRate?: number;
  /** Learning rate for rmsprop and adam (default: the surface's). */
  adaptiveLearningRate?: number;
  /** μ for momentum and Nesterov. */
  momentum?: number;
  /** Adam β₁. */
  beta1?: number;
  /** Adam β₂. */
  beta2?: number;
  /** RMSProp decay ρ. */
  rho?: number;
  /** Seed for gradient noise. */
  seed?: number;
  /** Longest path kept per racer (points). */
  maxPath?: number;
}

/** One optimizer's point. */
export interface Racer {
  /** Which rule. */
  name: OptimizerName;
  /** Current position. */
  x: number;
  y: number;
  /** f at the current position. */
  loss: number;
  /** Visited points, flat [x0, y0, x1, y1, …]. */
  path: number[];
  /** True once the point left the finite world (overflow). */
  diverged: boolean;
}

/** A running race. */
export interface OptimizerRace {
  /** The surface raced on. */
  readonly surface: Surface;
  /** Steps taken. */
  readonly steps: number;
  /** One per optimizer, in the order asked. */
  readonly racers: Racer[];
  /** Advance every racer `n` steps. */
  step(n?: number): void;
}

/** Build a race: every optimizer starts at the same point and sees the same noise sequence. */
export function createOptimizerRace(options: RaceOptions): OptimizerRace {
  const surface = getSurface(options.surface);
  const names = options.optimizers ?? [...OPTIMIZERS];
  const start = options.start ?? surface.start;
  const maxPath = options.maxPath ?? 4000;
  const seed = options.seed ?? 1;
  const entries = names.map((name) => {
    const adaptive = name === 'rmsprop' || name === 'adam';
    const opt: JsOptimizer = createJsOptimizer({
      name,
      learningRate: adaptive ? (options.adaptiveLearningRate ?? surface.adaptiveLearningRate) : (options.learningRate ?? surface.learningRate),
      // Only the hyper-parameters given: an explicit undefined would override the defaults.
      ...definedOnly({ momentum: options.momentum, beta1: options.beta1, beta2: options.beta2, rho: options.rho }),
      epsilon: 1e-8,
    });
    const racer: Racer = { name, x: start[0], y: start[1], loss: surface.f(start[0], start[1]), path: [start[0], start[1]], diverged: false };
    // Each racer has its own noise stream from the same seed: the same noise for everyone.
    return { opt, racer, rng: createRng(seed) as Rng, theta: new Float32Array([start[0], start[1]]), g: new Float32Array(2) };
  });
  let steps = 0;
  return {
    surface,
    get steps() {
      return steps;
    },
    racers: entries.map((e) => e.racer),
    step(n = 1) {
      for (let s = 0; s < n; s++) {
        steps++;
        for (const e of entries) {
          const noise = surface.gradientNoise;
          const n1 = noise > 0 ? e.rng.normal(0, noise) : 0;
          const n2 = noise > 0 ? e.rng.normal(0, noise) : 0;
          if (e.racer.diverged) continue;
          const [gx, gy] = surface.grad(e.theta[0], e.theta[1]);
          e.g[0] = gx + n1;
          e.g[1] = gy + n2;
          e.opt.update([e.theta], [e.g]);
          const x = e.theta[0];
          const y = e.theta[1];
          const loss = surface.f(x, y);
          if (!Number.isFinite(loss) || Math.abs(x) > 1e6 || Math.abs(y) > 1e6) {
            e.racer.diverged = true;
            continue;
          }
          e.racer.x = x;
          e.racer.y = y;
          e.racer.loss = loss;
          if (e.racer.path.length < 2 * maxPath) e.racer.path.push(x, y);
        }
      }
    },
  };
}

function definedOnly<T extends Record<string, number | undefined>>(o: T): Partial<Record<keyof T, number>> {
  const out: Partial<Record<keyof T, number>> = {};
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] !== undefined) out[k] = o[k];
  return out;
}
