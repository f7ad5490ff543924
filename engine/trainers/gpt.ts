/**
 * Trains a small GPT on text, live: random windows of the training text every step, Adam,
 * next-token cross-entropy at every position. Reports numbers and typed arrays only (no DOM, no
 * tensors out), so a widget can run it on the page or in a Web Worker.
 *
 * ```ts
 * const t = await createGptTrainer({ seed: 1 }); // The Æsop for Children, character-level
 * const p = await createGptTrainer({ pretrained: true }); // the shipped weights: writes at once
 * t.baselines();                               // { unigram: 3.2, bigram: 2.5 } nats/char on held-out fables
 * await t.step();                              // { step: 1, trainLoss: 4.4 }
 * await t.evaluate();                          // held-out loss, nats/token (perplexity = e^loss)
 * await t.nextTokenDistribution('The Fox ');   // Float32Array(vocab), after temperature/top-k/top-p
 * for await (const tok of t.generate({ prompt: 'The Fox ', temperature: 0.8 })) …; // token by token
 * (await t.sample({ prompt: 'A Lion ', maxTokens: 200, seed: 3 })).text;
 * await t.attention('The Fox and');            // every layer and head, T × T
 * t.loadWeights(t.exportWeights()); t.dispose();
 * ```
 * Validation: the last fables of the book (about a tenth of the text) are never trained on, so the
 * held-out loss measures writing new fables, not recalling seen ones.
 */
import * as tf from '@tensorflow/tfjs';
import { inspectAttention, type AttentionReadout } from '../inspect/attention.ts';
import { createGpt, exportGptWeights, GPT_DEFAULTS, loadGptWeights, loadPretrainedGpt, type GptSpec, type GptTokenizerSpec, type GptWeightsFile } from '../models/gpt.ts';
import { createGptDecoder } from '../models/gpt-decoder.ts';
import type { TinyTransformer } from '../models/tiny-transformer.ts';
import { createVariableOptimizer } from '../optim/tf-optimizers.ts';
import { createRng, type Rng } from '../random.ts';
import { createBpeLearner, createBpeTokenizer, type Tokenizer } from '../text/bpe.ts';
import { charCodecFromVocab, createCharCodec } from '../text/chars.ts';
import { ngramBaselines, type NgramBaselines } from '../text/ngram.ts';
import { sampleIndex, samplingDistribution, validateSampling, type SamplingOptions } from '../text/sampling.ts';
// The worker session's types, so widgets can name them through engine/index.ts (the session itself
// loads lazily: widgets/gpt imports engine/workers/gpt-client.ts with a dynamic import()).
export type { GptAttentionMaps, GptSession, GptSessionInfo, GptSessionOptions, GptTrainRound, GptWrittenToken, GptWriteChunk } from '../workers/gpt-client.ts';

/** Defaults for {@link createGptTrainer}. */
export const GPT_TRAINER_DEFAULTS = {
  /** 'char': one token per character (line breaks kept). 'bpe': the engine's BPE tokenizer learned on the training text. */
  tokenizer: 'char' as 'char' | 'bpe',
  /** BPE vocabulary size (BPE only). */
  bpeVocabSize: 256,
  /** Tokens the model sees at once. */
  contextLength: GPT_DEFAULTS.contextLength,
  /** Residual width d_model. */
  dModel: GPT_DEFAULTS.dModel,
  /** Heads per layer. */
  heads: GPT_DEFAULTS.heads,
  /** Transformer blocks (1–4). */
  layers: GPT_DEFAULTS.layers,
  /** Feed-forward width as a multiple of dModel. */
  ffMultiplier: GPT_DEFAULTS.ffMultiplier,
  /**
   * Windows of contextLength + 1 tokens per step. 16 learns faster per second than 32 here: on wasm
   * a step of 16 costs about 0.6× a step of 32 (204 vs 355 ms), so 1.7× the updates.
   */
  batchSize: 16,
  /** Adam learning rate (with batch 16: 0.01 reaches 1.87 nats/char in 382 steps, 0.006 1.93, 0.003 1.97; 0.02 stalls at 2.4). */
  learningRate: 0.01,
  /**
   * The learning rate holds for this many steps, then falls linearly over `decayOver` steps to
   * `decayTo` × learningRate and stays there (0: never falls). Measured, 60 s from random weights in
   * Node, paired on a quiet machine: held-out 1.740 → 1.695 nats/char and 68 → 73 % corpus words at
   * temperature 0.8 (median of three samples), for the same ~690 steps.
   */
  decayAfter: 200,
  /** Steps of the linear fall (see decayAfter). */
  decayOver: 500,
  /** The learning rate's final factor (see decayAfter). */
  decayTo: 0.2,
  /** Seed for weights, batches and sampling. */
  seed: 1,
  /** Fraction of the text (whole fables, from the end) held out for validation. */
  validationFraction: 0.1,
  /** Held-out windows scored by {@link GptTrainer.evaluate} (spread evenly over the held-out text). */
  evalWindows: 64,
};

/** Options; every field has a default. */
export type GptTrainerOptions = Partial<typeof GPT_TRAINER_DEFAULTS> & {
  /** Training text; defaults to The Æsop for Children (loaded on demand). Stories are separated by two blank lines. */
  text?: string;
  /** Start from these weights (their tokenizer and shape replace the options'). */
  weights?: GptWeightsFile;
  /** Start from the shipped weights trained on The Æsop for Children (`npm run train:gpt`), unless `weights` is given. */
  pretrained?: boolean;
};

/** The Æsop for Children, loaded on demand so pages that never train a GPT never download it. */
export async function loadAesopCorpus(): Promise<string> {
  return (await import('../datasets/aesop.ts')).AESOP_CORPUS;
}

/** One training step's numbers. */
export interface GptStepResult {
  /** Steps done so far. */
  step: number;
  /** Mean next-token cross-entropy on this step's batch, nats per token. */
  trainLoss: number;
}

/** Options for {@link GptTrainer.sample} and {@link GptTrainer.generate}. */
export interface GptSampleOptions extends SamplingOptions {
  /** Text to continue; empty starts from the corpus's first token. */
  prompt?: string;
  /** Tokens to generate. */
  maxTokens?: number;
  /** Seed for the draws (the same seed, prompt and weights give the same text). */
  seed?: number;
}

/** One generated token. */
export interface GptToken {
  /** Its id. */
  id: number;
  /** Its text. */
  text: string;
  /** The probability sampling gave it. */
  p: number;
  /** The distribution it was drawn from (after temperature, top-k, top-p, greedy). */
  distribution: Float32Array;
  /** The raw logits behind that distribution (a widget re-shapes them when the sampling settings change). */
  logits: Float32Array;
}

/** A training session. */
export interface GptTrainer {
  /** Options after defaults (and after the weights file's shape, if one was given). */
  readonly options: Readonly<typeof GPT_TRAINER_DEFAULTS>;
  /** The model's shape. */
  readonly spec: GptSpec;
  /** The tokenizer's vocabulary: `vocab[id]` is a token's text. */
  readonly vocab: readonly string[];
  /** Steps done. */
  readonly steps: number;
  /** Number of scalar weights. */
  readonly paramCount: number;
  /** Tokens in the training and the held-out split. */
  readonly tokenCounts: { train: number; validation: number };
  /** Text → ids. */
  encode(text: string): number[];
  /** Ids → text. */
  decode(ids: readonly number[]): string;
  /** One Adam step on a fresh batch. */
  step(): Promise<GptStepResult>;
  /** Mean next-token cross-entropy on the held-out windows, nats per token. */
  evaluate(): Promise<number>;
  /** Held-out unigram and bigram cross-entropy, nats per token (computed once). */
  baselines(): NgramBaselines;
  /** Next-token distribution after `context` (text or ids), shaped by the sampling options. */
  nextTokenDistribution(context: string | readonly number[], options?: SamplingOptions): Promise<Float32Array>;
  /** Raw next-token logits after `context` (text or ids; empty: the corpus's first token), before any sampling option. */
  nextTokenLogits(context: string | readonly number[]): Promise<Float32Array>;
  /**
   * Generate token by token (plain JavaScript with a key/value cache, from a snapshot of the
   * weights taken when generation starts; once the context is full it keeps its last half).
   */
  generate(options?: GptSampleOptions): AsyncGenerator<GptToken>;
  /** Generate `maxTokens` tokens and return the continuation (without the prompt). */
  sample(options?: GptSampleOptions): Promise<{ text: string; ids: number[] }>;
  /** Every attention stage of every layer and head for `context` (its last contextLength tokens), plus the tokens' texts. */
  attention(context: string | readonly number[]): Promise<AttentionReadout & { tokens: string[] }>;
  /** The current weights and tokenizer as a JSON-safe file. */
  exportWeights(meta?: Record<string, string | number>, dtype?: 'float16' | 'float32'): GptWeightsFile;
  /** Overwrite the weights from a file of the same shape and tokenizer; resets the optimizer. */
  loadWeights(file: GptWeightsFile): void;
  /** Back to seeded random weights, step 0. */
  reset(): void;
  dispose(): void;
}

/** Split point: the start of the fable nearest to `(1 − fraction)` of the text. */
function splitText(text: string, fraction: number): { train: string; validation: string } {
  const target = Math.floor(text.length * (1 - fraction));
  const after = text.indexOf('\n\n\n', target);
  const before = text.lastIndexOf('\n\n\n', target);
  let cut = after < 0 ? before : before < 0 ? after : target - before <= after - target ? before : after;
  if (cut <= 0) cut = target; // no fable breaks: cut mid-text
  else cut += 3;
  return { train: text.slice(0, cut), validation: text.slice(cut) };
}

/** The learning rate of the update after `done` steps: the schedule of decayAfter, decayOver and decayTo. */
export function gptLearningRate(o: Pick<typeof GPT_TRAINER_DEFAULTS, 'learningRate' | 'decayAfter' | 'decayOver' | 'decayTo'>, done: number): number {
  if (o.decayAfter === 0 || done <= o.decayAfter) return o.learningRate;
  const f = Math.min(1, (done - o.decayAfter) / Math.max(1, o.decayOver));
  return o.learningRate * (1 - f * (1 - o.decayTo));
}

function checkOptions(o: typeof GPT_TRAINER_DEFAULTS): void {
  const whole = (v: number, lo: number, hi: number, what: string) => {
    if (!Number.isInteger(v) || v < lo || v > hi) throw new Error(`${what} must be a whole number from ${lo} to ${hi}, got ${v}.`);
  };
  if (o.tokenizer !== 'char' && o.tokenizer !== 'bpe') throw new Error(`Tokenizer must be "char" or "bpe", got "${String(o.tokenizer)}".`);
  whole(o.bpeVocabSize, 32, 4096, 'BPE vocabulary size');
  whole(o.contextLength, 2, 256, 'Context length');
  whole(o.batchSize, 1, 1024, 'Batch size');
  whole(o.evalWindows, 1, 4096, 'Evaluation windows');
  whole(o.decayAfter, 0, 1e9, 'Steps before the learning rate falls (decayAfter)');
  whole(o.decayOver, 0, 1e9, 'Steps of the learning-rate fall (decayOver)');
  if (!(o.decayTo > 0 && o.decayTo <= 1)) throw new Error(`decayTo must be above 0 and at most 1 (the learning rate's final factor), got ${o.decayTo}.`);
  if (!(o.learningRate > 0 && o.learningRate < 1)) throw new Error(`Learning rate must be between 0 and 1, got ${o.learningRate}.`);
  if (!(o.validationFraction > 0 && o.validationFraction < 0.5)) throw new Error(`Validation fraction must be between 0 and 0.5, got ${o.validationFraction}.`);
  if (!Number.isFinite(o.seed)) throw new Error(`Seed must be a number, got ${o.seed}.`);
}

/** Mean next-token cross-entropy of logits `[B, T, V]` against int32 targets `[B·T]`. */
function crossEntropy(logits: tf.Tensor3D, targets: tf.Tensor1D, vocab: number): tf.Scalar {
  const logp = tf.logSoftmax(tf.reshape(logits, [-1, vocab]) as tf.Tensor2D);
  return tf.neg(tf.mean(tf.sum(tf.mul(logp, tf.oneHot(targets, vocab)), -1))) as tf.Scalar;
}

/**
 * Build tokenizer, splits, model and optimizer (after loading the default corpus and, if asked,
 * the pretrained weights). Throws a readable message for bad options.
 */
export async function createGptTrainer(options: GptTrainerOptions = {}): Promise<GptTrainer> {
  const { pretrained = false, ...rest } = options;
  const text = options.text ?? (await loadAesopCorpus());
  const weights = options.weights ?? (pretrained ? await loadPretrainedGpt() : undefined);
  return buildGptTrainer(text, weights, rest);
}

function buildGptTrainer(text: string, weights: GptWeightsFile | undefined, rest: Partial<typeof GPT_TRAINER_DEFAULTS>): GptTrainer {
  const o = { ...GPT_TRAINER_DEFAULTS, ...rest };
  if (weights) {
    Object.assign(o, { tokenizer: weights.tokenizer.kind, contextLength: weights.spec.contextLength, dModel: weights.spec.dModel, heads: weights.spec.heads, layers: weights.spec.layers, ffMultiplier: weights.spec.ffMultiplier });
    if (weights.tokenizer.kind === 'bpe') o.bpeVocabSize = weights.tokenizer.vocab.length;
  }
  checkOptions(o);
  const split = splitText(text, o.validationFraction);
  let tokenizerSpec: GptTokenizerSpec;
  let tokenizer: Tokenizer;
  if (weights) {
    tokenizerSpec = weights.tokenizer;
    tokenizer = tokenizerSpec.kind === 'bpe' ? createBpeTokenizer(tokenizerSpec.vocab, tokenizerSpec.merges ?? []) : charCodecFromVocab(tokenizerSpec.vocab);
  } else if (o.tokenizer === 'bpe') {
    const learner = createBpeLearner(split.train);
    learner.learnUntil(o.bpeVocabSize);
    const bpe = learner.tokenizer();
    tokenizer = bpe;
    tokenizerSpec = { kind: 'bpe', vocab: [...bpe.vocab], merges: [...bpe.merges] };
  } else {
    tokenizer = createCharCodec(text);
    tokenizerSpec = { kind: 'char', vocab: [...tokenizer.vocab] };
  }
  const V = tokenizer.vocab.length;
  const T = o.contextLength;
  const trainIds = Int32Array.from(tokenizer.encode(split.train).ids);
  const validIds = Int32Array.from(tokenizer.encode(split.validation).ids);
  if (trainIds.length < T + 2 || validIds.length < T + 2) throw new Error(`The text is too short for a context of ${T} tokens (${trainIds.length} training and ${validIds.length} held-out tokens).`);
  const spec: GptSpec = { vocabSize: V, contextLength: T, dModel: o.dModel, heads: o.heads, layers: o.layers, ffMultiplier: o.ffMultiplier, seed: weights?.spec.seed ?? o.seed };

  // From scratch, the read-out starts at the training text's letter frequencies (see GptStart).
  const start = { outputBias: unigramLogProbs(trainIds, V) };
  let model: TinyTransformer = weights ? loadGptWeights({ ...weights, spec: { ...weights.spec, vocabSize: V } }) : createGpt(spec, start);
  let optimizer = createVariableOptimizer({ name: 'adam', learningRate: o.learningRate });
  let rng: Rng = createRng(o.seed + 7919);
  let steps = 0;
  let baselineCache: NgramBaselines | undefined;

  // Held-out windows: evenly spaced starts, each window of T inputs and the T tokens after them.
  const windows = Math.min(o.evalWindows, Math.max(1, Math.floor((validIds.length - 1) / T)));
  const stride = Math.max(1, Math.floor((validIds.length - 1 - T) / Math.max(1, windows - 1)));
  const evalInputs = new Int32Array(windows * T);
  const evalTargets = new Int32Array(windows * T);
  for (let w = 0; w < windows; w++) {
    const s = Math.min(w * stride, validIds.length - 1 - T);
    evalInputs.set(validIds.subarray(s, s + T), w * T);
    evalTargets.set(validIds.subarray(s + 1, s + 1 + T), w * T);
  }

  const batchInputs = new Int32Array(o.batchSize * T);
  const batchTargets = new Int32Array(o.batchSize * T);
  const fillBatch = () => {
    for (let b = 0; b < o.batchSize; b++) {
      const s = rng.int(trainIds.length - T - 1);
      batchInputs.set(trainIds.subarray(s, s + T), b * T);
      batchTargets.set(trainIds.subarray(s + 1, s + 1 + T), b * T);
    }
  };

  const toIds = (context: string | readonly number[]): number[] => {
    const ids = typeof context === 'string' ? tokenizer.encode(context).ids : [...context];
    for (const id of ids) if (!Number.isInteger(id) || id < 0 || id >= V) throw new Error(`Token id ${id} is outside the vocabulary (0–${V - 1}).`);
    return ids.length > T ? ids.slice(ids.length - T) : ids;
  };

  /** Logits of the token after `ids` (the last ≤ T of them), as a plain array. */
  const lastLogits = async (ids: number[]): Promise<Float32Array> => {
    const n = ids.length;
    const out = tf.tidy(() => {
      const logits = model.logits(tf.tensor2d(ids, [1, n], 'int32'));
      return tf.reshape(tf.slice(logits, [0, n - 1, 0], [1, 1, V]), [V]);
    });
    const values = (await out.data()) as Float32Array;
    out.dispose();
    return values;
  };

  const startIds = (prompt: string): number[] => {
    const ids = tokenizer.encode(prompt).ids;
    return ids.length > 0 ? ids : [trainIds[0]];
  };

  const trainer: GptTrainer = {
    get options() {
      return { ...o };
    },
    get spec() {
      return { ...spec };
    },
    vocab: tokenizer.vocab,
    get steps() {
      return steps;
    },
    get paramCount() {
      return model.paramCount;
    },
    tokenCounts: { train: trainIds.length, validation: validIds.length },
    encode: (s) => tokenizer.encode(s).ids,
    decode: (ids) => tokenizer.decode(ids),
    async step() {
      optimizer.setLearningRate(gptLearningRate(o, steps));
      fillBatch();
      const loss = tf.tidy(() => {
        const ids = tf.tensor2d(batchInputs, [o.batchSize, T], 'int32');
        const targets = tf.tensor1d(batchTargets, 'int32');
        return optimizer.minimize(() => crossEntropy(model.logits(ids), targets, V), model.variables);
      });
      const value = (await loss.data())[0];
      loss.dispose();
      steps++;
      return { step: steps, trainLoss: value };
    },
    async evaluate() {
      // In chunks of the training batch size, so evaluation never needs more memory than a step.
      let total = 0;
      for (let w = 0; w < windows; w += o.batchSize) {
        const n = Math.min(o.batchSize, windows - w);
        const loss = tf.tidy(() => {
          const ids = tf.tensor2d(evalInputs.subarray(w * T, (w + n) * T), [n, T], 'int32');
          const targets = tf.tensor1d(evalTargets.subarray(w * T, (w + n) * T), 'int32');
          return crossEntropy(model.logits(ids), targets, V);
        });
        total += (await loss.data())[0] * n;
        loss.dispose();
      }
      return total / windows;
    },
    baselines() {
      baselineCache ??= ngramBaselines(trainIds, validIds, V);
      return { ...baselineCache };
    },
    async nextTokenDistribution(context, sampling = {}) {
      validateSampling(sampling);
      const ids = toIds(context);
      return samplingDistribution(await lastLogits(ids.length > 0 ? ids : [trainIds[0]]), sampling);
    },
    async nextTokenLogits(context) {
      const ids = toIds(context);
      return lastLogits(ids.length > 0 ? ids : [trainIds[0]]);
    },
    async *generate(opts = {}) {
      validateSampling(opts);
      const maxTokens = opts.maxTokens ?? 200;
      if (!Number.isInteger(maxTokens) || maxTokens < 0) throw new Error(`maxTokens must be a whole number ≥ 0, got ${maxTokens}.`);
      const draw = createRng(opts.seed ?? o.seed);
      // Plain-JavaScript decoding with a key/value cache: one position of arithmetic per token
      // instead of a tf.js forward pass over the whole context (see models/gpt-decoder.ts).
      const decoder = createGptDecoder(spec, model.getWeights());
      let logits = decoder.feed(startIds(opts.prompt ?? '').slice(-T));
      for (let i = 0; i < maxTokens; i++) {
        const distribution = samplingDistribution(logits, opts);
        const id = sampleIndex(distribution, draw);
        yield { id, text: tokenizer.decode([id]), p: distribution[id], distribution, logits };
        if (i + 1 < maxTokens) logits = decoder.feed([id]);
      }
    },
    async sample(opts = {}) {
      const ids: number[] = [];
      for await (const tok of trainer.generate(opts)) ids.push(tok.id);
      return { ids, text: tokenizer.decode(ids) };
    },
    async attention(context) {
      const ids = toIds(context);
      if (ids.length === 0) throw new Error('Attention needs at least one token of context.');
      const readout = await inspectAttention(model, ids);
      return { ...readout, tokens: ids.map((id) => tokenizer.decode([id])) };
    },
    exportWeights: (meta = {}, dtype = 'float16') => exportGptWeights(model, tokenizerSpec, meta, dtype),
    loadWeights(file) {
      const same = file.tokenizer.kind === tokenizerSpec.kind && file.tokenizer.vocab.length === V && file.tokenizer.vocab.every((t, i) => t === tokenizerSpec.vocab[i]);
      if (!same) throw new Error('These weights were trained with a different tokenizer; create a new trainer from them instead.');
      const s = file.spec;
      if (s.contextLength !== T || s.dModel !== spec.dModel || s.heads !== spec.heads || s.layers !== spec.layers || s.ffMultiplier !== spec.ffMultiplier) {
        throw new Error(`These weights are for context ${s.contextLength}, d ${s.dModel}, ${s.heads} heads, ${s.layers} layers; this model is context ${T}, d ${spec.dModel}, ${spec.heads} heads, ${spec.layers} layers.`);
      }
      const next = loadGptWeights(file);
      model.dispose();
      model = next;
      optimizer.dispose();
      optimizer = createVariableOptimizer({ name: 'adam', learningRate: o.learningRate });
    },
    reset() {
      model.dispose();
      optimizer.dispose();
      model = createGpt(spec, start);
      optimizer = createVariableOptimizer({ name: 'adam', learningRate: o.learningRate });
      rng = createRng(o.seed + 7919);
      steps = 0;
    },
    dispose() {
      optimizer.dispose();
      model.dispose();
    },
  };
  return trainer;
}

/** log p(token) in `ids`, add-one smoothed, so no entry is −∞. */
function unigramLogProbs(ids: Int32Array, vocabSize: number): Float32Array {
  const counts = new Float64Array(vocabSize).fill(1);
  for (const id of ids) counts[id]++;
  const total = ids.length + vocabSize;
  return Float32Array.from(counts, (c) => Math.log(c / total));
}
