/**
 * The 2-D playground task behind `<dl-decision-boundary>`: generate a seeded dataset, split it,
 * map points to input features, train an MLP, and read out pictures as plain arrays.
 *
 * ```ts
 * const t = createBoundaryTrainer({ dataset: 'spiral', hidden: [16, 16], activation: 'tanh' });
 * await t.trainer.run({ epochs: 200 });
 * const heat = t.predictGrid(100);   // Float32Array, 100 × 100, row 0 at the top
 * t.dispose();
 * ```
 */
import { featurize, gridPoints, validateFeatures, type Feature } from '../datasets/features.ts';
import {
  DATASETS_2D,
  generate2D,
  splitDataset,
  taskOf,
  type Dataset,
  type Dataset2DName,
} from '../datasets/two-d.ts';
import { penalty } from '../kernels/dense-mlp.ts';
import type { Activation, MlpParams, MlpSpec, Regularization } from '../models/mlp.ts';
import type { OptimizerName } from '../optim/optimizers.ts';
import { createSupervisedTrainer, seededParams, type EpochResult, type KernelChoice, type SupervisedOptions, type SupervisedTrainer } from './supervised.ts';

/** Defaults for {@link createBoundaryTrainer}, Playground's opening state where it has one. */
export const BOUNDARY_DEFAULTS = {
  /** Dataset name. */
  dataset: 'circle' as Dataset2DName,
  /** Number of generated points. */
  points: 500,
  /** Noise in [0, 1]. */
  noise: 0,
  /** Fraction of points used for training. */
  trainRatio: 0.5,
  /** Input features. */
  features: ['x1', 'x2'] as Feature[],
  /** Hidden layer widths. */
  hidden: [4, 2],
  /** Hidden activation. */
  activation: 'tanh' as Activation,
  /** Optimizer. */
  optimizer: 'sgd' as OptimizerName,
  /** Learning rate. */
  learningRate: 0.03,
  /** Weight penalty. */
  regularization: 'none' as Regularization,
  /** Penalty rate λ. */
  regularizationRate: 0,
  /** Minibatch size. */
  batchSize: 10,
  /** Seed for data, weights and batch order. */
  seed: 1,
  /** Kernel choice. */
  kernel: 'auto' as KernelChoice,
  /** Start from these weights (a saved network) instead of the seeded ones; sizes must match. */
  initial: undefined as MlpParams | undefined,
  /** Run the `tfjs` kernel's minibatches elsewhere (a Web Worker: `engine/workers/boundary-client.ts`); see {@link SupervisedOptions.tfjsElsewhere}. */
  tfjsElsewhere: undefined as SupervisedOptions['tfjsElsewhere'],
};

/** Options for {@link createBoundaryTrainer}; every field has a default. */
export type BoundaryOptions = Partial<typeof BOUNDARY_DEFAULTS>;

/** A point added by hand, in plane coordinates. */
export interface ExtraPoint {
  x1: number;
  x2: number;
  /** 0/1 for classification, a value for regression. */
  label: number;
}

/** What {@link BoundaryTrainer.measure} computes: everything a frame shows after an epoch. */
export interface BoundaryMeasurement {
  /** Epoch count and losses, as {@link SupervisedTrainer.evaluate} gives them (when asked for). */
  result: EpochResult | null;
  /** Test accuracy (classification; NaN otherwise or when not asked for). */
  accuracy: number;
  /** The output on the `grid × grid` plane, as {@link BoundaryTrainer.predictGrid} (empty when not asked for). */
  grid: Float32Array;
  /** Each hidden neuron's output, as {@link BoundaryTrainer.neuronGrids} (empty when not asked for). */
  neurons: Float32Array[][];
}

/** What to measure; each part is skipped when left out (or 0). */
export interface MeasureRequest {
  /** Losses (the epoch's {@link EpochResult}). */
  losses?: boolean;
  /** Test accuracy. */
  accuracy?: boolean;
  /** Side of the output grid. */
  grid?: number;
  /** Side of each hidden neuron's grid. */
  neurons?: number;
}

/** The playground session. */
export interface BoundaryTrainer {
  /** The underlying supervised trainer. */
  readonly trainer: SupervisedTrainer;
  /** Options after defaults. */
  readonly options: typeof BOUNDARY_DEFAULTS;
  /** Raw 2-D points for drawing. */
  readonly train: Dataset;
  /** Raw 2-D held-out points for drawing. */
  readonly test: Dataset;
  /** One epoch. */
  step(): Promise<EpochResult>;
  /** The network's output on a `size × size` grid over the plane (row 0 at the top). */
  predictGrid(size: number): Float32Array;
  /** Each hidden neuron's output on the grid: `[layer][neuron]` → `size × size` values. */
  neuronGrids(size: number): Float32Array[][];
  /** Fraction of test points classified correctly (classification only; NaN otherwise). */
  accuracy(which?: 'train' | 'test'): number;
  /**
   * A measurement in slices, for a page that must not block at the largest networks: returns a
   * function to call with a deadline (a `performance.now()` time) until it returns the result
   * (null meanwhile). Each call does rows until the deadline passes (always a few); the numbers
   * equal those of `evaluate()`, `accuracy('test')`, `predictGrid()` and `neuronGrids()`, bit for
   * bit. If the weights or the data change between calls, it starts over.
   */
  measure(request: MeasureRequest): (deadline: number) => BoundaryMeasurement | null;
  /** Add a labelled point to the training set (the weights are kept). */
  addPoint(point: ExtraPoint): void;
  /** Free tensors. */
  dispose(): void;
}

/** The network of a playground session (after checking the dataset and features). */
function boundarySpec(o: typeof BOUNDARY_DEFAULTS): MlpSpec {
  if (!(DATASETS_2D as readonly string[]).includes(o.dataset)) {
    throw new Error(`Unknown dataset "${o.dataset}". Use one of: ${DATASETS_2D.join(', ')}.`);
  }
  validateFeatures(o.features);
  return {
    inputs: o.features.length,
    hidden: o.hidden,
    outputs: 1,
    activation: o.activation,
    output: taskOf(o.dataset) === 'classification' ? 'sigmoid' : 'linear',
    regularization: o.regularization,
    regularizationRate: o.regularizationRate,
  };
}

/**
 * {@link createBoundaryTrainer} for a page that must not block while a big network is built: the
 * seeded weights are made a layer at a time, `pause()` awaited between layers (and before the rest
 * of the build). The same session, number for number.
 */
export async function createBoundaryTrainerPaced(options: BoundaryOptions, pause: () => Promise<void>): Promise<BoundaryTrainer> {
  const o = { ...BOUNDARY_DEFAULTS, ...options };
  const initial = o.initial ?? (await seededParams(boundarySpec(o), o.seed, pause));
  await pause();
  return createBoundaryTrainer({ ...options, initial });
}

/** Check options, build data and network. Throws a message that names the bad option. */
export function createBoundaryTrainer(options: BoundaryOptions = {}): BoundaryTrainer {
  const o = { ...BOUNDARY_DEFAULTS, ...options };
  const spec = boundarySpec(o);
  const task = taskOf(o.dataset);
  const all = generate2D(o.dataset, { n: o.points, noise: o.noise, seed: o.seed });
  const split = splitDataset(all, o.trainRatio, o.seed);
  let train = split.train;
  const test = split.test;
  const feat = (d: Dataset): Dataset => ({ ...d, x: featurize(d.x, o.features), dims: o.features.length });
  const trainer = createSupervisedTrainer({
    spec,
    train: feat(train),
    test: feat(test),
    optimizer: { name: o.optimizer, learningRate: o.learningRate },
    batchSize: o.batchSize,
    seed: o.seed,
    kernel: o.kernel,
    initial: o.initial,
    tfjsElsewhere: o.tfjsElsewhere,
  });
  const gridCache = new Map<number, Float32Array>();
  const gridFeatures = (size: number) => {
    let g = gridCache.get(size);
    if (!g) gridCache.set(size, (g = featurize(gridPoints(size), o.features)));
    return g;
  };
  const testFeatures = featurize(test.x, o.features);
  /** Rows of one slice of a measurement: about a million multiply-adds (a few ms), whatever the network. */
  const sliceRows = Math.max(1, Math.min(1024, Math.floor(1_000_000 / trainer.paramCount)));
  /** SIMD predictions copy the weights in on every call: give them more rows per slice. */
  const predictRows = trainer.pictureKernel === 'wasm-simd' ? Math.min(1024, sliceRows * 8) : sliceRows;
  const session: BoundaryTrainer = {
    trainer,
    options: o,
    get train() {
      return train;
    },
    test,
    step: () => trainer.step(),
    predictGrid: (size) => trainer.predict(gridFeatures(size), size * size),
    neuronGrids(size) {
      const acts = trainer.hiddenActivations(gridFeatures(size), size * size);
      return acts.map((a, l) => {
        const width = o.hidden[l];
        return Array.from({ length: width }, (_, j) => {
          const out = new Float32Array(size * size);
          for (let i = 0; i < out.length; i++) out[i] = a[i * width + j];
          return out;
        });
      });
    },
    accuracy(which = 'test') {
      if (task !== 'classification') return NaN;
      const d = which === 'train' ? train : test;
      if (d.n === 0) return NaN;
      const p = trainer.predict(featurize(d.x, o.features), d.n);
      let right = 0;
      for (let i = 0; i < d.n; i++) if (p[i] > 0.5 === d.y[i] > 0.5) right++;
      return right / d.n;
    },
    measure(request) {
      const nOut = trainer.spec.outputs;
      const hidden = o.hidden;
      // The work as a list of stages over rows; each runs `from .. to` of its rows.
      type Stage = { rows: number; step: number; run: (from: number, to: number) => void; done?: () => void };
      let stages: Stage[] = [];
      let version = -1;
      let stage = 0;
      let at = 0;
      let out: BoundaryMeasurement;
      const plan = () => {
        const rows = trainer.rows;
        const losses = { train: 0, test: 0 };
        let right = 0;
        out = { result: null, accuracy: NaN, grid: new Float32Array(0), neurons: [] };
        stages = [];
        if (request.losses) {
          stages.push({ rows: rows.train, step: sliceRows, run: (a, b) => (losses.train = trainer.addLoss('train', a, b, losses.train)) });
          stages.push({
            rows: rows.test,
            step: sliceRows,
            run: (a, b) => (losses.test = trainer.addLoss('test', a, b, losses.test)),
            done: () => {
              out.result = {
                epoch: trainer.epoch,
                updates: trainer.updates,
                penalty: penalty(trainer.spec, trainer.params),
                trainLoss: losses.train / (rows.train * nOut),
                testLoss: rows.test > 0 ? losses.test / (rows.test * nOut) : NaN,
              };
            },
          });
        }
        if (request.accuracy && task === 'classification' && test.n > 0) {
          stages.push({
            rows: test.n,
            step: predictRows,
            run: (a, b) => {
              const p = trainer.predict(testFeatures.subarray(a * o.features.length, b * o.features.length), b - a);
              for (let i = a; i < b; i++) if (p[i - a] > 0.5 === test.y[i] > 0.5) right++;
            },
            done: () => (out.accuracy = right / test.n),
          });
        }
        const g = request.grid ?? 0;
        if (g > 0) {
          const x = gridFeatures(g);
          const dims = o.features.length;
          out.grid = new Float32Array(g * g);
          stages.push({ rows: g * g, step: predictRows, run: (a, b) => out.grid.set(trainer.predict(x.subarray(a * dims, b * dims), b - a), a) });
        }
        const ng = request.neurons ?? 0;
        if (ng > 0 && hidden.length > 0) {
          const x = gridFeatures(ng);
          const dims = o.features.length;
          const n = ng * ng;
          out.neurons = hidden.map((w) => Array.from({ length: w }, () => new Float32Array(n)));
          stages.push({
            rows: n,
            step: predictRows,
            run: (a, b) => {
              const acts = trainer.hiddenActivations(x.subarray(a * dims, b * dims), b - a);
              acts.forEach((act, l) => {
                const width = hidden[l];
                const layer = out.neurons[l];
                for (let i = a; i < b; i++) for (let j = 0; j < width; j++) layer[j][i] = act[(i - a) * width + j];
              });
            },
          });
        }
        stage = 0;
        at = 0;
        version = trainer.version;
      };
      return (deadline) => {
        if (version !== trainer.version) plan();
        while (stage < stages.length) {
          const s = stages[stage];
          const to = Math.min(s.rows, at + s.step);
          if (to > at) s.run(at, to);
          at = to;
          if (at >= s.rows) {
            s.done?.();
            stage++;
            at = 0;
          }
          if (stage < stages.length && performance.now() >= deadline) return null;
        }
        version = -1; // the next call measures afresh
        return out;
      };
    },
    addPoint({ x1, x2, label }) {
      const x = new Float32Array(train.x.length + 2);
      x.set(train.x);
      x[train.x.length] = x1;
      x[train.x.length + 1] = x2;
      const y = new Float32Array(train.n + 1);
      y.set(train.y);
      y[train.n] = label;
      train = { ...train, x, y, n: train.n + 1 };
      trainer.setData(feat(train), feat(test));
    },
    dispose: () => trainer.dispose(),
  };
  return session;
}
