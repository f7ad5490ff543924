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
import type { Activation, MlpParams, Regularization } from '../models/mlp.ts';
import type { OptimizerName } from '../optim/optimizers.ts';
import { createSupervisedTrainer, type EpochResult, type KernelChoice, type SupervisedTrainer } from './supervised.ts';

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
  /** Add a labelled point to the training set (the weights are kept). */
  addPoint(point: ExtraPoint): void;
  /** Free tensors. */
  dispose(): void;
}

/** Check options, build data and network. Throws a message that names the bad option. */
export function createBoundaryTrainer(options: BoundaryOptions = {}): BoundaryTrainer {
  const o = { ...BOUNDARY_DEFAULTS, ...options };
  if (!(DATASETS_2D as readonly string[]).includes(o.dataset)) {
    throw new Error(`Unknown dataset "${o.dataset}". Use one of: ${DATASETS_2D.join(', ')}.`);
  }
  validateFeatures(o.features);
  const task = taskOf(o.dataset);
  const all = generate2D(o.dataset, { n: o.points, noise: o.noise, seed: o.seed });
  const split = splitDataset(all, o.trainRatio, o.seed);
  let train = split.train;
  const test = split.test;
  const feat = (d: Dataset): Dataset => ({ ...d, x: featurize(d.x, o.features), dims: o.features.length });
  const trainer = createSupervisedTrainer({
    spec: {
      inputs: o.features.length,
      hidden: o.hidden,
      outputs: 1,
      activation: o.activation,
      output: task === 'classification' ? 'sigmoid' : 'linear',
      regularization: o.regularization,
      regularizationRate: o.regularizationRate,
    },
    train: feat(train),
    test: feat(test),
    optimizer: { name: o.optimizer, learningRate: o.learningRate },
    batchSize: o.batchSize,
    seed: o.seed,
    kernel: o.kernel,
    initial: o.initial,
  });
  const gridCache = new Map<number, Float32Array>();
  const gridFeatures = (size: number) => {
    let g = gridCache.get(size);
    if (!g) gridCache.set(size, (g = featurize(gridPoints(size), o.features)));
    return g;
  };
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
