/**
 * Attention read-outs for pictures: every stage of every head of every layer for one input, as
 * plain Float32Arrays (row = query position, column = key position).
 *
 * ```ts
 * const r = await inspectAttention(model, [3, 1, 4, 1, 5, 9, 2, 6]);
 * r.layers[0].heads[1].weights; // Float32Array(8 × 8), each row sums to 1
 * r.predictions;                // argmax token per position
 * ```
 */
import * as tf from '@tensorflow/tfjs';
import type { AttentionStages, TinyTransformer } from '../models/tiny-transformer.ts';

/** The four stages, in the order the computation runs. */
export const ATTENTION_STAGES = ['raw', 'scaled', 'masked', 'weights'] as const;
/** One stage name. */
export type AttentionStage = (typeof ATTENTION_STAGES)[number];

/** One head: T × T matrices, row-major (query i, key j). Masked entries are −Infinity in `masked`. */
export type HeadReadout = Record<AttentionStage, Float32Array>;

/** Everything the heat map shows for one input. */
export interface AttentionReadout {
  /** Tokens in the input. */
  length: number;
  /** `layers[l].heads[h]`. */
  layers: { heads: HeadReadout[] }[];
  /** Most likely token per position. */
  predictions: Int32Array;
  /** Softmax probability per position and token, `length × vocab`. */
  probabilities: Float32Array;
  /** Whether the model uses a causal mask. */
  causal: boolean;
}

/**
 * Run the model on one input and read out every attention stage. No tensors escape. Async: reads
 * use `data()`, never `dataSync()`, which stalls (and on some WebGPU adapters breaks) GPU backends.
 */
export async function inspectAttention(model: TinyTransformer, input: ArrayLike<number>): Promise<AttentionReadout> {
  const T = input.length;
  const { heads, layers, vocabSize, causal } = model.spec;
  const out = tf.tidy(() => {
    const stages: AttentionStages[] = [];
    const logits = model.logits(tf.tensor2d(Array.from(input), [1, T], 'int32'), stages);
    return { probs: tf.softmax(logits), stages: stages.map((st) => tf.stack([st.raw, st.scaled, st.masked, st.weights])) };
  });
  const probabilities = (await out.probs.data()) as Float32Array;
  const stageValues = await Promise.all(out.stages.map((t) => t.data() as Promise<Float32Array>));
  const predictions = new Int32Array(T);
  for (let i = 0; i < T; i++) {
    let best = 0;
    for (let k = 1; k < vocabSize; k++) if (probabilities[i * vocabSize + k] > probabilities[i * vocabSize + best]) best = k;
    predictions[i] = best;
  }
  const size = T * T;
  const readout: AttentionReadout = {
    length: T,
    causal,
    predictions,
    probabilities: new Float32Array(probabilities),
    layers: stageValues.map((all) => {
      // all: [4 stages, heads · 1, T, T]
      return {
        heads: Array.from({ length: heads }, (_, h) => {
          const pick = (stage: number) => all.slice((stage * heads + h) * size, (stage * heads + h + 1) * size);
          const masked = pick(2);
          if (causal) for (let i = 0; i < T; i++) for (let j = i + 1; j < T; j++) masked[i * T + j] = -Infinity;
          return { raw: pick(0), scaled: pick(1), masked, weights: pick(3) };
        }),
      };
    }),
  };
  out.probs.dispose();
  out.stages.forEach((t) => t.dispose());
  if (readout.layers.length !== layers) throw new Error('internal: missing attention layers');
  return readout;
}
