/**
 * Trains the tiny transformer on a toy sequence task: fresh seeded random batches every step,
 * Adam, softmax cross-entropy on the positions the task marks as predictable.
 *
 * ```ts
 * const t = createSequenceTrainer({ task: 'reverse', batchSize: 128 });
 * await t.run({ steps: 500, onStep: (r) => console.log(r.step, r.loss, r.accuracy) });
 * (await t.evaluate()).accuracy;         // token accuracy on a fixed held-out set
 * await t.inspect([1, 2, 3, 4, 5, 6, 7, 8]); // attention stages + predictions (plain arrays)
 * t.dispose();
 * ```
 */
import * as tf from '@tensorflow/tfjs';
import { createSequenceTask, type SequenceBatch, type SequenceTask, type SequenceTaskName } from '../datasets/sequence-tasks.ts';
import { inspectAttention, type AttentionReadout } from '../inspect/attention.ts';
import { createTinyTransformer, loadTransformerWeights, type TinyTransformer, type TransformerWeightsFile } from '../models/tiny-transformer.ts';
import { createRng, type Rng } from '../random.ts';

/** Defaults for {@link createSequenceTrainer}. */
export const SEQUENCE_TRAINER_DEFAULTS = {
  /** Which toy task. */
  task: 'reverse' as SequenceTaskName,
  /** Alphabet size. */
  symbols: 10,
  /** Sequence length; 0 = the task's default (8, or 12 for induction). */
  length: 0,
  /** Transformer blocks; 0 = the task's default (1, or 2 for induction, which needs two). */
  layers: 0,
  /** Heads per layer. */
  heads: 2,
  /** Residual width d_model. */
  dModel: 32,
  /** Causal mask; null = what the task needs (only induction is causal). */
  causal: null as boolean | null,
  /** Adam learning rate. */
  learningRate: 0.01,
  /** Sequences per step. Large batches amortise tf.js's per-op overhead. */
  batchSize: 128,
  /** Seed for weights and batches. */
  seed: 1,
  /** Held-out sequences for {@link SequenceTrainer.evaluate}. */
  evalSize: 512,
};

/** Options; every field has a default. */
export type SequenceTrainerOptions = Partial<typeof SEQUENCE_TRAINER_DEFAULTS> & {
  /** Start from these weights instead of a seeded initialisation (spec must match the task). */
  weights?: TransformerWeightsFile;
};

/** One training step's numbers (on that step's batch). */
export interface SequenceStepResult {
  /** Steps done so far. */
  step: number;
  /** Mean cross-entropy on the batch. */
  loss: number;
  /** Token accuracy on the batch's predictable positions. */
  accuracy: number;
}

/** A training session. */
export interface SequenceTrainer {
  readonly task: SequenceTask;
  readonly model: TinyTransformer;
  /** Options after defaults and task defaults. */
  readonly options: Omit<typeof SEQUENCE_TRAINER_DEFAULTS, 'causal'> & { causal: boolean };
  /** Steps done. */
  readonly steps: number;
  /** One Adam step on a fresh batch (reads the loss with `data()`, so GPU backends are not stalled). */
  step(): Promise<SequenceStepResult>;
  /** Several steps; yields to the event loop every `yieldEvery` steps so pages stay responsive. */
  run(opts: { steps: number; signal?: AbortSignal; onStep?: (r: SequenceStepResult) => void; yieldEvery?: number }): Promise<SequenceStepResult | undefined>;
  /** Loss and token accuracy on the fixed held-out set. */
  evaluate(): Promise<{ loss: number; accuracy: number }>;
  /** Attention stages and predictions for one input. */
  inspect(input: ArrayLike<number>): Promise<AttentionReadout>;
  /** A fresh random example from the task (seeded stream separate from training). */
  example(rng?: Rng): Int32Array;
  dispose(): void;
}

/** Weighted softmax cross-entropy and weighted accuracy, as scalars. */
function lossAndAccuracy(logits: tf.Tensor3D, targets: tf.Tensor1D, weights: tf.Tensor1D, vocab: number): { loss: tf.Scalar; accuracy: tf.Scalar } {
  const flat = tf.reshape(logits, [-1, vocab]) as tf.Tensor2D;
  const logp = tf.logSoftmax(flat);
  const picked = tf.sum(tf.mul(logp, tf.oneHot(targets, vocab)), -1);
  const total = tf.sum(weights);
  const loss = tf.div(tf.neg(tf.sum(tf.mul(picked, weights))), total) as tf.Scalar;
  const right = tf.cast(tf.equal(tf.argMax(flat, -1), targets), 'float32');
  const accuracy = tf.div(tf.sum(tf.mul(right, weights)), total) as tf.Scalar;
  return { loss, accuracy };
}

/** Build task, model and optimizer. Throws a readable message for bad options. */
export function createSequenceTrainer(options: SequenceTrainerOptions = {}): SequenceTrainer {
  const merged = { ...SEQUENCE_TRAINER_DEFAULTS, ...options };
  const task = createSequenceTask(merged.task, { symbols: merged.symbols, length: merged.length });
  const info = task.info;
  const o = {
    ...merged,
    length: info.length,
    layers: merged.layers || (merged.task === 'induction' ? 2 : 1),
    causal: merged.causal ?? info.causal,
  };
  if (!(o.learningRate > 0 && Number.isFinite(o.learningRate))) throw new Error(`Learning rate must be a positive number, got ${o.learningRate}.`);
  if (!Number.isInteger(o.batchSize) || o.batchSize < 1 || o.batchSize > 4096) throw new Error(`Batch size must be a whole number from 1 to 4096, got ${o.batchSize}.`);
  let model: TinyTransformer;
  if (options.weights) {
    const s = options.weights.spec;
    if (s.vocabSize !== info.vocabSize || s.seqLen !== info.length) {
      throw new Error(`These weights are for ${s.vocabSize} symbols and length ${s.seqLen}, not ${info.vocabSize} and ${info.length}.`);
    }
    model = loadTransformerWeights(options.weights);
    Object.assign(o, { layers: s.layers, heads: s.heads, dModel: s.dModel, causal: s.causal });
  } else {
    model = createTinyTransformer({ vocabSize: info.vocabSize, seqLen: info.length, dModel: o.dModel, heads: o.heads, layers: o.layers, causal: o.causal, seed: o.seed });
  }
  const rng = createRng(o.seed + 7919);
  const exampleRng = createRng(o.seed + 104729);
  const heldOut = task.sample(createRng(o.seed + 15485863), o.evalSize);
  const optimizer = tf.train.adam(o.learningRate);
  let steps = 0;

  const toTensors = (b: SequenceBatch) => ({
    ids: tf.tensor2d(b.inputs, [b.batch, b.length], 'int32'),
    targets: tf.tensor1d(b.targets, 'int32'),
    weights: tf.tensor1d(b.weights, 'float32'),
  });

  const trainer: SequenceTrainer = {
    task,
    model,
    options: o,
    get steps() {
      return steps;
    },
    async step() {
      const batch = task.sample(rng, o.batchSize);
      let accuracy: tf.Scalar | undefined;
      const loss = tf.tidy(() => {
        const t = toTensors(batch);
        return optimizer.minimize(() => {
          const r = lossAndAccuracy(model.logits(t.ids), t.targets, t.weights, info.vocabSize);
          accuracy = tf.keep(r.accuracy);
          return r.loss;
        }, true, model.variables)!;
      });
      const [l, a] = await Promise.all([loss.data(), accuracy!.data()]).then(([x, y]) => [x[0], y[0]]);
      loss.dispose();
      accuracy!.dispose();
      steps++;
      return { step: steps, loss: l, accuracy: a };
    },
    async run({ steps: n, signal, onStep, yieldEvery = 0 }) {
      let last: SequenceStepResult | undefined;
      for (let i = 0; i < n && !signal?.aborted; i++) {
        last = await trainer.step();
        onStep?.(last);
        if (yieldEvery > 0 && (i + 1) % yieldEvery === 0) await new Promise((r) => setTimeout(r, 0));
      }
      return last;
    },
    async evaluate() {
      const r = tf.tidy(() => {
        const t = toTensors(heldOut);
        const { loss, accuracy } = lossAndAccuracy(model.logits(t.ids), t.targets, t.weights, info.vocabSize);
        return tf.stack([loss, accuracy]);
      });
      const [loss, accuracy] = await r.data();
      r.dispose();
      return { loss, accuracy };
    },
    inspect: (input) => inspectAttention(model, input),
    example: (source = exampleRng) => task.sample(source, 1).inputs,
    dispose() {
      optimizer.dispose();
      model.dispose();
    },
  };
  return trainer;
}
