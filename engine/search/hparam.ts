/**
 * Grid search against random search over two hyper-parameters of the playground task, with the
 * same budget for both. Each trial is a short seeded training run scored by validation accuracy.
 *
 * The lesson (Bergstra & Bengio, 2012): when one hyper-parameter matters far more than the other,
 * a 3 × 3 grid tries only 3 values of it, while 9 random trials try 9.
 *
 * ```ts
 * const search = createHparamSearch({ budget: 9 });
 * for (const trial of search.plan('random')) {
 *   const run = search.start(trial);
 *   while (!run.done) await run.advance(10);  // epochs per call: keep frames short
 *   run.result; // { accuracy, … }
 * }
 * ```
 */
import type { Dataset2DName } from '../datasets/two-d.ts';
import { createRng } from '../random.ts';
import { createBoundaryTrainer, type BoundaryTrainer } from '../trainers/boundary.ts';

/** The two search strategies. */
export type SearchStrategy = 'grid' | 'random';

/** Defaults for {@link createHparamSearch}. */
export const HPARAM_DEFAULTS = {
  /** Trials per strategy. */
  budget: 9,
  /** Epochs per trial. */
  epochs: 40,
  /** Task. */
  dataset: 'xor' as Dataset2DName,
  /** Label noise. */
  noise: 0.2,
  /** Seed for the data, the trial weights and the random draws. */
  seed: 1,
  /** Learning-rate range, searched on a log scale. */
  learningRate: [0.001, 1] as [number, number],
  /** Hidden width range (two tanh layers of this width). */
  width: [1, 24] as [number, number],
};

/** One point of the search space. */
export interface Trial {
  /** Index within its strategy's plan. */
  index: number;
  strategy: SearchStrategy;
  learningRate: number;
  width: number;
}

/** A finished trial. */
export interface TrialResult extends Trial {
  /** Fraction of validation points classified correctly. */
  accuracy: number;
  /** Final training loss. */
  trainLoss: number;
}

/** A trial in progress. */
export interface TrialRun {
  readonly trial: Trial;
  readonly done: boolean;
  readonly epoch: number;
  /** Set when done. */
  readonly result?: TrialResult;
  /** Train up to `epochs` more epochs (stops at the trial's budget). */
  advance(epochs: number): Promise<void>;
  /** Free the trial's trainer (also done automatically when it finishes). */
  dispose(): void;
}

/** A search session. */
export interface HparamSearch {
  readonly options: typeof HPARAM_DEFAULTS;
  /** The trials a strategy will run, in order. */
  plan(strategy: SearchStrategy): Trial[];
  /** Start a trial. */
  start(trial: Trial): TrialRun;
}

/** Build a search. Throws with a readable message for bad options. */
export function createHparamSearch(options: Partial<typeof HPARAM_DEFAULTS> = {}): HparamSearch {
  const o = { ...HPARAM_DEFAULTS, ...options };
  if (!Number.isInteger(o.budget) || o.budget < 1 || o.budget > 100) throw new Error(`budget must be a whole number from 1 to 100, got ${o.budget}.`);
  if (!Number.isInteger(o.epochs) || o.epochs < 1) throw new Error(`epochs must be a whole number ≥ 1, got ${o.epochs}.`);
  const [lrLo, lrHi] = o.learningRate;
  const [wLo, wHi] = o.width;
  return {
    options: o,
    plan(strategy) {
      if (strategy === 'grid') {
        // As square as the budget allows: rows × cols ≤ budget.
        const cols = Math.max(1, Math.floor(Math.sqrt(o.budget)));
        const rows = Math.max(1, Math.floor(o.budget / cols));
        const trials: Trial[] = [];
        for (let r = 0; r < rows; r++) {
          for (let c = 0; c < cols; c++) {
            const lr = cols === 1 ? Math.sqrt(lrLo * lrHi) : lrLo * (lrHi / lrLo) ** (c / (cols - 1));
            const width = rows === 1 ? Math.round((wLo + wHi) / 2) : Math.round(wLo + ((wHi - wLo) * r) / (rows - 1));
            trials.push({ index: trials.length, strategy, learningRate: lr, width });
          }
        }
        return trials;
      }
      const rng = createRng(o.seed * 7919 + 17);
      return Array.from({ length: o.budget }, (_, index) => ({
        index,
        strategy,
        learningRate: lrLo * (lrHi / lrLo) ** rng.next(),
        width: wLo + rng.int(wHi - wLo + 1),
      }));
    },
    start(trial) {
      let trainer: BoundaryTrainer | undefined = createBoundaryTrainer({
        dataset: o.dataset,
        noise: o.noise,
        seed: o.seed,
        hidden: [trial.width, trial.width],
        activation: 'tanh',
        optimizer: 'sgd',
        learningRate: trial.learningRate,
        batchSize: 10,
        trainRatio: 0.6,
      });
      let epoch = 0;
      let result: TrialResult | undefined;
      let trainLoss = NaN;
      const run: TrialRun = {
        trial,
        get done() {
          return result !== undefined;
        },
        get epoch() {
          return epoch;
        },
        get result() {
          return result;
        },
        async advance(epochs) {
          if (!trainer) return;
          for (let e = 0; e < epochs && epoch < o.epochs; e++) {
            trainLoss = (await trainer.step()).trainLoss;
            epoch++;
          }
          if (epoch >= o.epochs) {
            const accuracy = trainer.accuracy('test');
            result = { ...trial, accuracy: Number.isFinite(accuracy) ? accuracy : 0, trainLoss };
            run.dispose();
          }
        },
        dispose() {
          trainer?.dispose();
          trainer = undefined;
        },
      };
      return run;
    },
  };
}

/** The best of some results (highest accuracy, then lowest loss). */
export function bestTrial(results: TrialResult[]): TrialResult | undefined {
  return results.reduce<TrialResult | undefined>(
    (best, r) => (!best || r.accuracy > best.accuracy || (r.accuracy === best.accuracy && r.trainLoss < best.trainLoss) ? r : best),
    undefined,
  );
}
