/**
 * Overfitting and its three classic remedies on a 1-D regression: an over-sized MLP fits a handful
 * of noisy samples of a smooth curve, and we watch training and validation loss.
 *
 * - Dropout (rate p): during training every hidden unit is zeroed with probability p and the
 *   survivors are scaled by 1/(1−p) ("inverted dropout"), so evaluation simply runs the full
 *   network with no mask and no rescaling.
 * - Weight decay λ: the gradient gets + λ·w (PyTorch's `weight_decay`), i.e. a penalty ½λ‖w‖².
 * - Early stopping: remember the weights of the epoch with the lowest validation loss; stop after
 *   `patience` epochs without improvement and restore them.
 *
 * ```ts
 * const t = createRegularizedTrainer({ dropout: 0.2, weightDecay: 1e-3 });
 * for (let e = 0; e < 500; e++) t.step();
 * t.curve(200); // ŷ on a grid of x, for the plot
 * ```
 */
import { generate1D, type Dataset, type Dataset1DName } from '../datasets/two-d.ts';
import { createRng, type Rng } from '../random.ts';
import type { Activation } from '../models/mlp.ts';
import { createJsOptimizer, type JsOptimizer } from '../optim/optimizers.ts';
import { cloneStack, createLayerStack, StackRunner, type LayerStack } from '../kernels/layer-stack.ts';

/** Options for {@link createRegularizedTrainer}; every field has a default in {@link REGULARIZED_DEFAULTS}. */
export interface RegularizedOptions {
  /** Target curve. */
  dataset?: Dataset1DName;
  /** Training points (few, so the big network can memorise them). */
  trainPoints?: number;
  /** Validation points. */
  validationPoints?: number;
  /** Label noise in [0, 1] (standard deviation 0.3·noise). */
  noise?: number;
  /** Hidden layer widths. */
  hidden?: number[];
  /** Hidden activation. */
  activation?: Activation;
  /** Adam learning rate. */
  learningRate?: number;
  /** Dropout rate on every hidden layer, in [0, 0.9]. */
  dropout?: number;
  /** Weight decay λ (gradient + λw on weights, not biases). */
  weightDecay?: number;
  /** Stop after this many epochs without a better validation loss and restore the best weights (0 = off). */
  patience?: number;
  /** Seed for data, weights and dropout masks. */
  seed?: number;
  /** Passes in WebAssembly SIMD where available; false keeps JavaScript (benchmarks compare). */
  simd?: boolean;
}

/** Defaults for {@link RegularizedOptions}. */
export const REGULARIZED_DEFAULTS: Required<RegularizedOptions> = {
  /** A sine wave: smooth, but not a polynomial of low degree. */
  dataset: 'sine',
  /** 14 points: a 2-64-64-1 network has ~4300 weights to memorise them with. */
  trainPoints: 14,
  /** Validation set from the same curve, other noise. */
  validationPoints: 100,
  /** Noise standard deviation 0.3 · 1 = 0.3 on a curve of amplitude 1. */
  noise: 1,
  /** Over-sized on purpose. */
  hidden: [64, 64],
  /** tanh gives smooth fitted curves. */
  activation: 'tanh',
  /** Adam's usual 0.01 for a tiny problem. */
  learningRate: 0.01,
  /** Off by default. */
  dropout: 0,
  /** Off by default. */
  weightDecay: 0,
  /** Off by default. */
  patience: 0,
  /** Reproducible runs. */
  seed: 1,
  /** WebAssembly SIMD where it compiles. */
  simd: true,
};

/** What one epoch reports. */
export interface RegularizedEpoch {
  /** Epochs done. */
  epoch: number;
  /** Mean squared error on the training points, evaluation mode (no dropout). */
  trainLoss: number;
  /** Mean squared error on the validation points. */
  validationLoss: number;
  /** Epoch with the lowest validation loss so far. */
  bestEpoch: number;
  /** That lowest validation loss. */
  bestValidationLoss: number;
  /** True once early stopping has stopped training (and restored the best weights). */
  stopped: boolean;
}

/** A running trainer. */
export interface RegularizedTrainer {
  /** The options in force. */
  readonly options: Required<RegularizedOptions>;
  /** Training points. */
  readonly train: Dataset;
  /** Validation points. */
  readonly validation: Dataset;
  /** One full-batch epoch (no-op once stopped). */
  step(): RegularizedEpoch;
  /** Evaluation-mode MSE on a dataset. */
  evaluate(data: Dataset): number;
  /** Evaluation-mode predictions at `n` evenly spaced x in [xMin, xMax]. */
  curve(n: number, xMin?: number, xMax?: number): { x: Float32Array; y: Float32Array };
  /** Put back the weights of the best validation epoch. */
  restoreBest(): void;
  /** The last report. */
  readonly last: RegularizedEpoch;
}

/** Build the trainer: data, an over-sized network, Adam. */
export function createRegularizedTrainer(options: RegularizedOptions = {}): RegularizedTrainer {
  const o: Required<RegularizedOptions> = { ...REGULARIZED_DEFAULTS, ...options };
  if (!(o.dropout >= 0 && o.dropout <= 0.9)) throw new Error(`dropout must lie in [0, 0.9], got ${o.dropout}.`);
  if (!(o.weightDecay >= 0)) throw new Error(`weightDecay must be ≥ 0, got ${o.weightDecay}.`);
  const train = generate1D(o.dataset, { n: o.trainPoints, noise: o.noise, seed: o.seed });
  const validation = generate1D(o.dataset, { n: o.validationPoints, noise: o.noise, seed: o.seed + 1000 });
  const rng: Rng = createRng(o.seed * 7919 + 1);
  const stack: LayerStack = createLayerStack([1, ...o.hidden, 1], o.activation, o.activation === 'relu' ? 'he' : 'xavier', rng.fork());
  const masks = rng.fork();
  const rows = Math.max(o.trainPoints, o.validationPoints, 256);
  const runner = new StackRunner(stack, rows, o.simd);
  const opt: JsOptimizer = createJsOptimizer({ name: 'adam', learningRate: o.learningRate });
  const params = [...stack.w, ...stack.b];
  const dOut = new Float32Array(o.trainPoints);
  let best = cloneStack(stack);
  let epoch = 0;
  let stopped = false;

  const evaluate = (data: Dataset): number => {
    const out = runner.forward(data.x, data.n);
    let s = 0;
    for (let i = 0; i < data.n; i++) s += (out[i] - data.y[i]) ** 2;
    return s / data.n;
  };
  let last: RegularizedEpoch = {
    epoch: 0,
    trainLoss: evaluate(train),
    validationLoss: evaluate(validation),
    bestEpoch: 0,
    bestValidationLoss: Infinity,
    stopped: false,
  };
  last.bestValidationLoss = last.validationLoss;

  const restoreBest = () => {
    for (let l = 0; l < stack.w.length; l++) {
      stack.w[l].set(best.w[l]);
      stack.b[l].set(best.b[l]);
    }
  };

  return {
    options: o,
    train,
    validation,
    evaluate,
    restoreBest,
    get last() {
      return last;
    },
    step() {
      if (stopped) return last;
      const out = runner.forward(train.x, train.n, { dropout: o.dropout, rng: masks });
      for (let i = 0; i < train.n; i++) dOut[i] = (2 * (out[i] - train.y[i])) / train.n;
      runner.backward(dOut);
      if (o.weightDecay > 0) {
        for (let l = 0; l < stack.w.length; l++) {
          const w = stack.w[l];
          const g = runner.gw[l];
          for (let k = 0; k < w.length; k++) g[k] += o.weightDecay * w[k];
        }
      }
      opt.update(params, [...runner.gw, ...runner.gb]);
      epoch++;
      const trainLoss = evaluate(train);
      const validationLoss = evaluate(validation);
      let { bestEpoch, bestValidationLoss } = last;
      if (validationLoss < bestValidationLoss) {
        bestEpoch = epoch;
        bestValidationLoss = validationLoss;
        best = cloneStack(stack);
      }
      if (o.patience > 0 && epoch - bestEpoch >= o.patience) {
        stopped = true;
        restoreBest();
      }
      last = { epoch, trainLoss, validationLoss, bestEpoch, bestValidationLoss, stopped };
      return last;
    },
    curve(n, xMin = -1.1, xMax = 1.1) {
      const x = Float32Array.from({ length: n }, (_, i) => xMin + ((xMax - xMin) * i) / (n - 1));
      const y = new Float32Array(n);
      for (let off = 0; off < n; off += rows) {
        const m = Math.min(rows, n - off);
        y.set(runner.forward(x.subarray(off, off + m), m), off);
      }
      return { x, y };
    },
  };
}
