/**
 * A tiny transformer in TensorFlow.js: token + learned position embeddings, 1–2 pre-norm blocks of
 * multi-head self-attention and a ReLU feed-forward layer, a final layer norm and a linear read-out
 * per position. Small enough to train live in a browser tab.
 *
 * ```ts
 * const m = createTinyTransformer({ vocabSize: 10, seqLen: 8, dModel: 32, heads: 2, layers: 1 });
 * const logits = tf.tidy(() => m.logits(ids));        // ids: int32 [batch, seqLen] → [batch, seqLen, vocab]
 * const stages: AttentionStages[] = [];
 * tf.tidy(() => m.logits(ids, stages));               // also records every attention stage per layer
 * m.dispose();
 * ```
 * One block (pre-norm, as in GPT-2):  x ← x + MHA(LN(x));  x ← x + FFN(LN(x)).
 * Attention per head: A = softmax(mask(Q Kᵀ / √d_k)) V, with Q, K, V = LN(x) W_q, W_k, W_v.
 * Q, K and V come from one fused matmul: per-op overhead, not arithmetic, limits a model this size.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../random.ts';

/** Defaults for {@link createTinyTransformer}. */
export const TRANSFORMER_DEFAULTS = {
  /** Number of token ids. */
  vocabSize: 10,
  /** Longest sequence (size of the position table). */
  seqLen: 8,
  /** Width of the residual stream d_model. */
  dModel: 32,
  /** Attention heads per layer; dModel must divide evenly. */
  heads: 2,
  /** Transformer blocks (1–4). */
  layers: 1,
  /** Hidden width of the feed-forward layer, as a multiple of dModel. */
  ffMultiplier: 2,
  /** Causal mask: position i sees only positions ≤ i. */
  causal: false,
  /** Seed for the initial weights. */
  seed: 1,
};

/** The model's shape. */
export type TransformerSpec = typeof TRANSFORMER_DEFAULTS;

/** Attention tensors of one layer, all `[heads · batch, seqLen, seqLen]` (head-major: index h·batch + b). */
export interface AttentionStages {
  /** Q Kᵀ. */
  raw: tf.Tensor3D;
  /** Q Kᵀ / √d_k. */
  scaled: tf.Tensor3D;
  /** Scaled, with −1e9 added where the mask forbids looking (same as scaled without a mask). */
  masked: tf.Tensor3D;
  /** softmax over the last axis: each row sums to 1. */
  weights: tf.Tensor3D;
}

/** A parameter's name and shape, in a fixed order (the order of the weights file). */
export interface ParamInfo {
  name: string;
  shape: number[];
}

/** The model. Owns its variables. */
export interface TinyTransformer {
  readonly spec: TransformerSpec;
  /** Trainable variables in {@link TinyTransformer.params} order. */
  readonly variables: tf.Variable[];
  /** Names and shapes of the variables. */
  readonly params: ParamInfo[];
  /** Number of scalar weights. */
  readonly paramCount: number;
  /** Forward pass: int32 ids `[batch, T]` (T ≤ seqLen) → logits `[batch, T, vocab]`. Call inside tf.tidy. */
  logits(ids: tf.Tensor2D, stages?: AttentionStages[]): tf.Tensor3D;
  /** Copy of every weight, flat, in params order. */
  getWeights(): Float32Array[];
  /** Overwrite every weight (same order and sizes as {@link getWeights}). */
  setWeights(values: Float32Array[]): void;
  dispose(): void;
}

/** Throws a readable message for a bad spec. */
export function validateTransformerSpec(s: TransformerSpec): void {
  const whole = (v: number, lo: number, hi: number, what: string) => {
    if (!Number.isInteger(v) || v < lo || v > hi) throw new Error(`${what} must be a whole number from ${lo} to ${hi}, got ${v}.`);
  };
  whole(s.vocabSize, 2, 4096, 'Vocabulary size');
  whole(s.seqLen, 1, 256, 'Sequence length');
  whole(s.dModel, 2, 512, 'Model width');
  whole(s.heads, 1, 8, 'Heads');
  whole(s.layers, 1, 4, 'Layers');
  whole(s.ffMultiplier, 1, 8, 'Feed-forward multiplier');
  if (s.dModel % s.heads !== 0) throw new Error(`Model width ${s.dModel} must be divisible by the number of heads ${s.heads}.`);
}

/**
 * `[1, N, d] × [G, d, k] → [G, N, k]`: one input multiplied by G matrices. tf.js broadcasts the
 * batch axis forward but its BatchMatMul gradient does not sum over a broadcast axis, so we give
 * the two gradients by hand (the alternative, tiling the input G times, costs a slow Tile kernel).
 */
export const sharedInputMatMul = tf.customGrad(((x: tf.Tensor, w: tf.Tensor, save: tf.GradSaveFunc) => {
  save([x, w]);
  return {
    value: tf.matMul(x as tf.Tensor3D, w as tf.Tensor3D),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs, ws] = saved as [tf.Tensor3D, tf.Tensor3D];
      const dx = tf.sum(tf.matMul(dy as tf.Tensor3D, ws, false, true), 0, true); // Σ_g dy_g W_gᵀ
      const dw = tf.matMul(xs, dy as tf.Tensor3D, true, false); // xᵀ dy_g for every g
      return [dx, dw];
    },
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (x: tf.Tensor3D, w: tf.Tensor3D) => tf.Tensor3D;

/** Layer norm over the last axis with gain `g` and bias `b` (ε = 1e-5). Call inside tf.tidy. */
export function layerNorm(x: tf.Tensor, g: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const mean = tf.mean(x, -1, true);
  const centred = tf.sub(x, mean);
  const variance = tf.mean(tf.square(centred), -1, true);
  return tf.add(tf.mul(tf.mul(centred, tf.rsqrt(tf.add(variance, 1e-5))), g), b);
}

/** Build a model with seeded initial weights. */
export function createTinyTransformer(spec: Partial<TransformerSpec> = {}): TinyTransformer {
  const s: TransformerSpec = { ...TRANSFORMER_DEFAULTS, ...spec };
  validateTransformerSpec(s);
  const d = s.dModel;
  const ff = d * s.ffMultiplier;
  const dk = d / s.heads;
  const params: ParamInfo[] = [
    { name: 'token_embedding', shape: [s.vocabSize, d] },
    { name: 'position_embedding', shape: [s.seqLen, d] },
  ];
  for (let l = 0; l < s.layers; l++) {
    params.push(
      { name: `l${l}.ln1.gamma`, shape: [d] },
      { name: `l${l}.ln1.beta`, shape: [d] },
      { name: `l${l}.attn.w_qkv`, shape: [3 * s.heads, d, dk] },
      { name: `l${l}.attn.b_qkv`, shape: [3 * s.heads, 1, dk] },
      { name: `l${l}.attn.w_out`, shape: [s.heads, dk, d] },
      { name: `l${l}.attn.b_out`, shape: [d] },
      { name: `l${l}.ln2.gamma`, shape: [d] },
      { name: `l${l}.ln2.beta`, shape: [d] },
      { name: `l${l}.ff.w1`, shape: [d, ff] },
      { name: `l${l}.ff.b1`, shape: [ff] },
      { name: `l${l}.ff.w2`, shape: [ff, d] },
      { name: `l${l}.ff.b2`, shape: [d] },
    );
  }
  params.push({ name: 'ln_f.gamma', shape: [d] }, { name: 'ln_f.beta', shape: [d] }, { name: 'head.w', shape: [d, s.vocabSize] }, { name: 'head.b', shape: [s.vocabSize] });

  const rng = createRng(s.seed);
  const init = (p: ParamInfo): Float32Array => {
    const n = p.shape.reduce((a, b) => a * b, 1);
    const v = new Float32Array(n);
    if (p.name.endsWith('gamma')) v.fill(1);
    else if (p.shape.length === 2 || p.name.includes('.w_')) {
      // Embeddings N(0, 0.3²); weight matrices N(0, 1/fan_in) (fan_in = the second-to-last axis).
      const std = p.name.includes('embedding') ? 0.3 : 1 / Math.sqrt(p.shape[p.shape.length - 2]);
      for (let i = 0; i < n; i++) v[i] = rng.normal(0, std);
    }
    return v;
  };
  const variables = params.map((p) => tf.tidy(() => tf.variable(tf.tensor(init(p), p.shape), true)));
  const byName = new Map(params.map((p, i) => [p.name, variables[i]]));
  const v = (name: string) => byName.get(name)!;
  // Additive mask: 0 where allowed, −1e9 above the diagonal (a large finite number keeps the
  // gradients finite; after softmax those weights are exactly 0 in float32).
  const maskValues = new Float32Array(s.seqLen * s.seqLen);
  for (let i = 0; i < s.seqLen; i++) for (let j = i + 1; j < s.seqLen; j++) maskValues[i * s.seqLen + j] = -1e9;
  const mask = tf.tensor2d(maskValues, [s.seqLen, s.seqLen]);
  const scale = 1 / Math.sqrt(dk);

  const model: TinyTransformer = {
    spec: s,
    variables,
    params,
    paramCount: params.reduce((a, p) => a + p.shape.reduce((x, y) => x * y, 1), 0),
    logits(ids, stages) {
      const [B, T] = ids.shape;
      if (T > s.seqLen) throw new Error(`Sequence of ${T} tokens is longer than the model's ${s.seqLen}.`);
      const pos = T === s.seqLen ? v('position_embedding') : tf.slice(v('position_embedding'), [0, 0], [T, d]);
      // Embedding lookup as one-hot × table: same result as a gather, but its gradient is a matmul,
      // which every backend has (gather's gradient needs UnsortedSegmentSum, missing on wasm).
      const oneHot = tf.oneHot(tf.reshape(ids, [-1]), s.vocabSize);
      let x: tf.Tensor = tf.add(tf.reshape(tf.matMul(oneHot, v('token_embedding')), [B, T, d]), pos);
      const m = T === s.seqLen ? mask : tf.slice(mask, [0, 0], [T, T]);
      for (let l = 0; l < s.layers; l++) {
        const h = layerNorm(x, v(`l${l}.ln1.gamma`), v(`l${l}.ln1.beta`));
        // Q, K and V of every head in one batched matmul: [3·heads, B·T, d] × [3·heads, d, dk] →
        // [3·heads, B·T, dk]. Heads lead, so attention runs as a batch of heads·B small matrices
        // with no transposes (the usual reshape-and-permute is slow on wasm and cpu).
        const qkv = tf.add(sharedInputMatMul(tf.reshape(h, [1, B * T, d]) as tf.Tensor3D, v(`l${l}.attn.w_qkv`) as tf.Tensor3D), v(`l${l}.attn.b_qkv`));
        const [q, k, val] = tf.split(tf.reshape(qkv, [3, s.heads * B, T, dk]), 3, 0).map((t) => tf.reshape(t, [s.heads * B, T, dk])) as tf.Tensor3D[];
        const raw = tf.matMul(q, k, false, true) as tf.Tensor3D;
        const scaled = tf.mul(raw, scale) as tf.Tensor3D;
        const masked = s.causal ? (tf.add(scaled, m) as tf.Tensor3D) : scaled;
        const weights = tf.softmax(masked) as tf.Tensor3D;
        stages?.push({ raw, scaled, masked, weights });
        const heads = tf.reshape(tf.matMul(weights, val), [s.heads, B * T, dk]);
        // Concatenating the heads and multiplying by W_O equals summing each head's slice of W_O.
        const attn = tf.add(tf.sum(tf.matMul(heads, v(`l${l}.attn.w_out`)), 0), v(`l${l}.attn.b_out`));
        x = tf.add(x, tf.reshape(attn, [B, T, d]));
        const h2 = tf.reshape(layerNorm(x, v(`l${l}.ln2.gamma`), v(`l${l}.ln2.beta`)), [B * T, d]);
        const hidden = tf.relu(tf.add(tf.matMul(h2, v(`l${l}.ff.w1`)), v(`l${l}.ff.b1`)));
        const out = tf.add(tf.matMul(hidden, v(`l${l}.ff.w2`)), v(`l${l}.ff.b2`));
        x = tf.add(x, tf.reshape(out, [B, T, d]));
      }
      const hf = tf.reshape(layerNorm(x, v('ln_f.gamma'), v('ln_f.beta')), [B * T, d]);
      return tf.reshape(tf.add(tf.matMul(hf, v('head.w')), v('head.b')), [B, T, s.vocabSize]);
    },
    getWeights: () => variables.map((w) => w.dataSync() as Float32Array).map((a) => new Float32Array(a)),
    setWeights(values) {
      if (values.length !== variables.length) throw new Error(`Expected ${variables.length} weight arrays, got ${values.length}.`);
      values.forEach((val, i) => {
        if (val.length !== variables[i].size) throw new Error(`Weight "${params[i].name}" needs ${variables[i].size} values, got ${val.length}.`);
        tf.tidy(() => variables[i].assign(tf.tensor(val, params[i].shape)));
      });
    },
    dispose() {
      variables.forEach((w) => w.dispose());
      mask.dispose();
    },
  };
  return model;
}

/** A weights file: the spec, the parameter list and every value as base64 little-endian float32. */
export interface TransformerWeightsFile {
  spec: TransformerSpec;
  params: ParamInfo[];
  /** All weights concatenated in params order, float32, base64. */
  data: string;
  /** Free-form provenance (task, steps, accuracy). */
  meta: Record<string, string | number>;
}

/** Serialise a model's weights (for the training script). */
export function exportTransformerWeights(model: TinyTransformer, meta: Record<string, string | number> = {}): TransformerWeightsFile {
  const parts = model.getWeights();
  const all = new Float32Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) {
    all.set(p, o);
    o += p.length;
  }
  const bytes = new Uint8Array(all.buffer);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { spec: model.spec, params: model.params, data: btoa(bin), meta };
}

/** Build a model from a weights file. */
export function loadTransformerWeights(file: TransformerWeightsFile): TinyTransformer {
  const model = createTinyTransformer(file.spec);
  const bin = atob(file.data);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const all = new Float32Array(bytes.buffer);
  let o = 0;
  const values = file.params.map((p) => {
    const n = p.shape.reduce((a, b) => a * b, 1);
    const part = all.slice(o, o + n);
    o += n;
    return part;
  });
  if (o !== all.length) {
    model.dispose();
    throw new Error(`Weights file holds ${all.length} values, the spec needs ${o}.`);
  }
  model.setWeights(values);
  return model;
}
