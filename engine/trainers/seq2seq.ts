/**
 * Trains the tiny encoder–decoder on a sequence-to-sequence task: fresh seeded batches every step,
 * teacher forcing, Adam, softmax cross-entropy over every target position. At inference it decodes
 * greedily: ▸, then always the most likely next token, fed back in, until the target length.
 *
 * ```ts
 * const t = createSeq2SeqTrainer({ task: 'reverse' });
 * for (let i = 0; i < 300; i++) await t.step();
 * (await t.evaluate()).exactMatch;       // share of held-out sources decoded exactly right
 * const r = await t.translate(t.example()); // greedy output + encoder, decoder and cross attention
 * t.dispose();
 * ```
 */
import * as tf from '@tensorflow/tfjs';
import { createSeq2SeqTask, SEQ2SEQ_BOS, type Seq2SeqBatch, type Seq2SeqTask, type Seq2SeqTaskName } from '../datasets/seq2seq-tasks.ts';
import { createSeq2SeqTransformer, type Seq2SeqStages, type Seq2SeqTransformer } from '../models/seq2seq-transformer.ts';
import { createRng, type Rng } from '../random.ts';

/** Defaults for {@link createSeq2SeqTrainer}. */
export const SEQ2SEQ_TRAINER_DEFAULTS = {
  /** Which task. */
  task: 'reverse' as Seq2SeqTaskName,
  /** Residual width d_model. */
  dModel: 32,
  /** Heads per attention layer. */
  heads: 2,
  /** Encoder blocks, and as many decoder blocks (1–3). */
  layers: 1,
  /** Adam learning rate. */
  learningRate: 0.01,
  /** Examples per step. Large batches amortise tf.js's per-op overhead. */
  batchSize: 64,
  /** Seed for weights and batches. */
  seed: 1,
  /** Held-out examples for {@link Seq2SeqTrainer.evaluate}. */
  evalSize: 200,
};

/** Options; every field has a default. */
export type Seq2SeqTrainerOptions = Partial<typeof SEQ2SEQ_TRAINER_DEFAULTS>;

/** One training step's numbers (on that step's batch, teacher forced). */
export interface Seq2SeqStepResult {
  /** Steps done so far. */
  step: number;
  /** Mean cross-entropy per target token. */
  loss: number;
  /** Share of target tokens predicted right (teacher forced: each position sees the true prefix). */
  accuracy: number;
}

/** Held-out numbers. */
export interface Seq2SeqEvaluation {
  /** Mean cross-entropy per target token, teacher forced. */
  loss: number;
  /** Share of target tokens right when decoding greedily (each position sees the model's own prefix). */
  tokenAccuracy: number;
  /** Share of sources whose whole greedy output, end token included, is right. */
  exactMatch: number;
}

/** Attention weights of one layer, per head, row-major (row = query position, column = key position). */
export interface Seq2SeqLayerMaps {
  heads: Float32Array[];
}

/** One source decoded greedily, with every attention map of that pass (plain arrays). */
export interface Seq2SeqReadout {
  /** The source ids. */
  source: Int32Array;
  /** The wanted target (end token included). */
  target: Int32Array;
  /** The greedy output, one token per decoder position (targetLength). */
  output: Int32Array;
  /** The decoder's input: ▸ then the output shifted right by one. */
  decoderInput: Int32Array;
  /** Probability the model gave each output token when it wrote it. */
  confidence: Float32Array;
  /** Encoder self-attention, `S × S` per head, per encoder layer. */
  encoder: Seq2SeqLayerMaps[];
  /** Decoder masked self-attention, `T × T` per head, per decoder layer (0 above the diagonal). */
  decoderSelf: Seq2SeqLayerMaps[];
  /** Cross-attention, `T × S` per head, per decoder layer: decoder position × source position. */
  cross: Seq2SeqLayerMaps[];
  /** Whether the output equals the target. */
  exact: boolean;
}

/** A training session. */
export interface Seq2SeqTrainer {
  readonly task: Seq2SeqTask;
  readonly model: Seq2SeqTransformer;
  /** Options after defaults. */
  readonly options: typeof SEQ2SEQ_TRAINER_DEFAULTS;
  /** Steps done. */
  readonly steps: number;
  /** One Adam step on a fresh batch (reads the numbers with `data()`, never stalling a GPU backend). */
  step(): Promise<Seq2SeqStepResult>;
  /** Loss, greedy token accuracy and exact match on the fixed held-out set. */
  evaluate(): Promise<Seq2SeqEvaluation>;
  /** Greedy outputs for `n` sources given flat (`n × sourceLength`). */
  greedy(sources: Int32Array, n: number): Promise<Int32Array>;
  /** Decode one source greedily and read out every attention map. */
  translate(source: ArrayLike<number>): Promise<Seq2SeqReadout>;
  /** A fresh random source (a seeded stream separate from training). */
  example(rng?: Rng): Int32Array;
  dispose(): void;
}

/** Mean cross-entropy and token accuracy of logits `[B, T, V]` against int32 targets `[B·T]`. */
function lossAndAccuracy(logits: tf.Tensor3D, targets: tf.Tensor1D, vocab: number): { loss: tf.Scalar; accuracy: tf.Scalar } {
  const flat = tf.reshape(logits, [-1, vocab]) as tf.Tensor2D;
  const picked = tf.sum(tf.mul(tf.logSoftmax(flat), tf.oneHot(targets, vocab)), -1);
  const loss = tf.neg(tf.mean(picked)) as tf.Scalar;
  const accuracy = tf.mean(tf.cast(tf.equal(tf.argMax(flat, -1), targets), 'float32')) as tf.Scalar;
  return { loss, accuracy };
}

/** Build task, model and optimizer. Throws a readable message for bad options. */
export function createSeq2SeqTrainer(options: Seq2SeqTrainerOptions = {}): Seq2SeqTrainer {
  const o = { ...SEQ2SEQ_TRAINER_DEFAULTS, ...options };
  const task = createSeq2SeqTask(o.task);
  const { sourceLength: S, targetLength: T, vocabSize: V } = task.info;
  if (!(o.learningRate > 0 && Number.isFinite(o.learningRate))) throw new Error(`Learning rate must be a positive number, got ${o.learningRate}.`);
  if (!Number.isInteger(o.batchSize) || o.batchSize < 1 || o.batchSize > 4096) throw new Error(`Batch size must be a whole number from 1 to 4096, got ${o.batchSize}.`);
  if (!Number.isInteger(o.evalSize) || o.evalSize < 1) throw new Error(`Held-out size must be a positive whole number, got ${o.evalSize}.`);
  const model = createSeq2SeqTransformer({
    vocabSize: V,
    sourceLength: S,
    targetLength: T,
    dModel: o.dModel,
    heads: o.heads,
    encoderLayers: o.layers,
    decoderLayers: o.layers,
    seed: o.seed,
  });
  const rng = createRng(o.seed + 7919);
  const exampleRng = createRng(o.seed + 104729);
  const heldOut = task.sample(createRng(o.seed + 15485863), o.evalSize);
  const optimizer = tf.train.adam(o.learningRate);
  let steps = 0;
  let disposed = false;
  /** Tensors whose values are being read (a GPU read takes a while): dispose() frees them too. */
  const reading = new Set<tf.Tensor>();
  /**
   * Read and dispose `tensors`. If the trainer is disposed meanwhile (a widget removed while its
   * first picture is computed), the tensors are freed at once and the read rejects with a message.
   */
  const read = async (tensors: tf.Tensor[]): Promise<ArrayLike<number>[]> => {
    tensors.forEach((t) => reading.add(t));
    try {
      const values = await Promise.all(tensors.map((t) => t.data()));
      if (disposed) throw new Error('The trainer was disposed while its numbers were being read.');
      return values;
    } finally {
      tensors.forEach((t) => {
        reading.delete(t);
        t.dispose();
      });
    }
  };

  const toTensors = (b: Seq2SeqBatch) => ({
    source: tf.tensor2d(b.source, [b.batch, S], 'int32'),
    decoderInput: tf.tensor2d(b.decoderInput, [b.batch, T], 'int32'),
    target: tf.tensor1d(b.target, 'int32'),
  });

  /** Column masks for the greedy loop: `column[t]` is 1 at t, 0 elsewhere, `[1, T]` int32. */
  const columns = Array.from({ length: T }, (_, t) => tf.tensor2d(Int32Array.from({ length: T }, (_, j) => (j === t ? 1 : 0)), [1, T], 'int32'));
  /** Their complements: `keep[t]` is 0 at t, 1 elsewhere. */
  const keep = Array.from({ length: T }, (_, t) => tf.tensor2d(Int32Array.from({ length: T }, (_, j) => (j === t ? 0 : 1)), [1, T], 'int32'));

  /**
   * The greedy loop as one graph: encode once, then T decoder passes, each fed the last argmax.
   * Every pass reads a full-length `[n, T]` decoder input (the positions not yet written hold ▸):
   * the causal mask keeps position t blind to them, and one shape for all passes means a GPU
   * backend compiles its kernels once instead of once per prefix length.
   */
  const greedyTensor = (source: tf.Tensor2D): tf.Tensor2D => {
    const n = source.shape[0];
    const memory = model.encode(source);
    let input: tf.Tensor2D = tf.fill([n, T], SEQ2SEQ_BOS, 'int32');
    let output: tf.Tensor2D = tf.zeros([n, T], 'int32');
    for (let t = 0; t < T; t++) {
      // Recomputes every position each time (a KV cache would keep the earlier keys and values).
      const logits = model.decode(memory, input);
      const next = tf.reshape(tf.argMax(tf.slice(logits, [0, t, 0], [n, 1, V]), -1), [n, 1]);
      output = tf.add(output, tf.mul(next, columns[t])) as tf.Tensor2D;
      if (t + 1 < T) input = tf.add(tf.mul(input, keep[t + 1]), tf.mul(next, columns[t + 1])) as tf.Tensor2D;
    }
    return output;
  };

  const trainer: Seq2SeqTrainer = {
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
        return optimizer.minimize(
          () => {
            const r = lossAndAccuracy(model.logits(t.source, t.decoderInput), t.target, V);
            accuracy = tf.keep(r.accuracy);
            return r.loss;
          },
          true,
          model.variables,
        )!;
      });
      const [l, a] = await read([loss, accuracy!]);
      steps++;
      return { step: steps, loss: l[0], accuracy: a[0] };
    },
    async evaluate() {
      const [lossT, outT] = tf.tidy(() => {
        const t = toTensors(heldOut);
        return [lossAndAccuracy(model.logits(t.source, t.decoderInput), t.target, V).loss, greedyTensor(t.source)];
      });
      const [l, out] = await read([lossT, outT]);
      let right = 0;
      let exact = 0;
      for (let b = 0; b < heldOut.batch; b++) {
        let all = true;
        for (let i = 0; i < T; i++) {
          const ok = out[b * T + i] === heldOut.target[b * T + i];
          right += ok ? 1 : 0;
          all &&= ok;
        }
        exact += all ? 1 : 0;
      }
      return { loss: l[0], tokenAccuracy: right / (heldOut.batch * T), exactMatch: exact / heldOut.batch };
    },
    async greedy(sources, n) {
      if (sources.length !== n * S) throw new Error(`Expected ${n} × ${S} source tokens, got ${sources.length}.`);
      const out = tf.tidy(() => greedyTensor(tf.tensor2d(sources, [n, S], 'int32')));
      const values = Int32Array.from((await read([out]))[0]);
      return values;
    },
    async translate(input) {
      const source = Int32Array.from(input);
      if (source.length !== S) throw new Error(`The ${o.task} task takes ${S} source tokens, got ${source.length}.`);
      if (source.some((id) => !(id >= 0 && id < V))) throw new Error(`Token ids must be from 0 to ${V - 1}.`);
      const output = await trainer.greedy(source, 1);
      const decoderInput = new Int32Array(T);
      decoderInput[0] = SEQ2SEQ_BOS;
      decoderInput.set(output.subarray(0, T - 1), 1);
      // Causal decoder: one pass over ▸ + the greedy output gives exactly the attention (and the
      // probabilities) each position had when the loop wrote it.
      const res = tf.tidy(() => {
        const stages: Seq2SeqStages = { encoder: [], decoderSelf: [], cross: [] };
        const logits = model.logits(tf.tensor2d(source, [1, S], 'int32'), tf.tensor2d(decoderInput, [1, T], 'int32'), stages);
        return { probs: tf.softmax(logits), encoder: stages.encoder, decoderSelf: stages.decoderSelf, cross: stages.cross };
      });
      const all = [res.probs, ...res.encoder, ...res.decoderSelf, ...res.cross];
      const values = (await read(all)) as Float32Array[];
      const probs = values[0];
      const confidence = Float32Array.from(output, (tok, i) => probs[i * V + tok]);
      const split = (list: Float32Array[], size: number): Seq2SeqLayerMaps[] =>
        list.map((a) => ({ heads: Array.from({ length: o.heads }, (_, h) => a.slice(h * size, (h + 1) * size)) }));
      const L = o.layers;
      const target = task.solve(source);
      return {
        source,
        target,
        output,
        decoderInput,
        confidence,
        encoder: split(values.slice(1, 1 + L), S * S),
        decoderSelf: split(values.slice(1 + L, 1 + 2 * L), T * T),
        cross: split(values.slice(1 + 2 * L, 1 + 3 * L), T * S),
        exact: output.every((tok, i) => tok === target[i]),
      };
    },
    example: (source = exampleRng) => task.sampleSource(source),
    dispose() {
      disposed = true;
      // Reads in flight: their tensors go now (tf.js frees the memory once the read lands).
      tf.dispose([...reading]);
      reading.clear();
      optimizer.dispose();
      model.dispose();
      tf.dispose([...columns, ...keep]);
    },
  };
  return trainer;
}
