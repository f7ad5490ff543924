/**
 * A tiny encoder–decoder transformer in TensorFlow.js, built from the blocks of the engine's tiny
 * transformer (`tiny-transformer.ts`: pre-norm blocks, fused head-major Q K V, layer norm).
 *
 * ```ts
 * const m = createSeq2SeqTransformer({ sourceLength: 8, targetLength: 9 });
 * const stages: Seq2SeqStages = { encoder: [], decoderSelf: [], cross: [] };
 * const logits = tf.tidy(() => m.logits(source, decoderInput, stages)); // [batch, T, vocab]
 * m.dispose();
 * ```
 * - Encoder block: x ← x + MHA(LN(x)) with no mask (every source position sees every other);
 *   x ← x + FFN(LN(x)). A final layer norm gives the memory M.
 * - Decoder block: y ← y + MHA_causal(LN(y)) (position t sees decoder positions ≤ t);
 *   y ← y + CrossAttention(Q = LN(y), K = V = M) (every decoder position sees every source
 *   position); y ← y + FFN(LN(y)). A final layer norm and a linear read-out give the logits.
 * Encoder and decoder share the token embedding; each has its own position table.
 * Trained with teacher forcing: the decoder reads the true target shifted right by one (▸ first),
 * so all positions train in one pass; at inference it reads its own greedy outputs instead.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../random.ts';
import { layerNorm, sharedInputMatMul, type ParamInfo } from './tiny-transformer.ts';

/** Defaults for {@link createSeq2SeqTransformer}. */
export const SEQ2SEQ_MODEL_DEFAULTS = {
  /** Number of token ids (shared by encoder and decoder). */
  vocabSize: 14,
  /** Source tokens (size of the encoder's position table). */
  sourceLength: 8,
  /** Longest decoder sequence (size of the decoder's position table). */
  targetLength: 9,
  /** Width of the residual stream d_model. */
  dModel: 32,
  /** Attention heads per attention layer; dModel must divide evenly. */
  heads: 2,
  /** Encoder blocks (1–3). */
  encoderLayers: 1,
  /** Decoder blocks (1–3). */
  decoderLayers: 1,
  /** Hidden width of the feed-forward layers, as a multiple of dModel. */
  ffMultiplier: 2,
  /** Seed for the initial weights. */
  seed: 1,
};

/** The model's shape. */
export type Seq2SeqSpec = typeof SEQ2SEQ_MODEL_DEFAULTS;

/**
 * Softmax attention weights per layer, each `[heads · batch, queries, keys]` (head-major: index
 * h·batch + b), filled by {@link Seq2SeqTransformer.logits} when passed.
 */
export interface Seq2SeqStages {
  /** Encoder self-attention, `[H·B, S, S]` per encoder layer. */
  encoder: tf.Tensor3D[];
  /** Decoder masked self-attention, `[H·B, T, T]` per decoder layer (zero above the diagonal). */
  decoderSelf: tf.Tensor3D[];
  /** Cross-attention, `[H·B, T, S]` per decoder layer: decoder positions × source positions. */
  cross: tf.Tensor3D[];
}

/** The model. Owns its variables. */
export interface Seq2SeqTransformer {
  readonly spec: Seq2SeqSpec;
  /** Trainable variables in {@link Seq2SeqTransformer.params} order. */
  readonly variables: tf.Variable[];
  /** Names and shapes of the variables. */
  readonly params: ParamInfo[];
  /** Number of scalar weights. */
  readonly paramCount: number;
  /** Encoder: int32 source `[B, S]` → memory `[B, S, d]`. Call inside tf.tidy. */
  encode(source: tf.Tensor2D, stages?: Seq2SeqStages): tf.Tensor3D;
  /** Decoder: memory `[B, S, d]` and int32 decoder input `[B, T]` (T ≤ targetLength) → logits `[B, T, vocab]`. Call inside tf.tidy. */
  decode(memory: tf.Tensor3D, decoderInput: tf.Tensor2D, stages?: Seq2SeqStages): tf.Tensor3D;
  /** Both: source `[B, S]`, decoder input `[B, T]` → logits `[B, T, vocab]`. Call inside tf.tidy. */
  logits(source: tf.Tensor2D, decoderInput: tf.Tensor2D, stages?: Seq2SeqStages): tf.Tensor3D;
  dispose(): void;
}

/** Throws a readable message for a bad spec. */
export function validateSeq2SeqSpec(s: Seq2SeqSpec): void {
  const whole = (v: number, lo: number, hi: number, what: string) => {
    if (!Number.isInteger(v) || v < lo || v > hi) throw new Error(`${what} must be a whole number from ${lo} to ${hi}, got ${v}.`);
  };
  whole(s.vocabSize, 2, 4096, 'Vocabulary size');
  whole(s.sourceLength, 1, 256, 'Source length');
  whole(s.targetLength, 1, 256, 'Target length');
  whole(s.dModel, 2, 512, 'Model width');
  whole(s.heads, 1, 8, 'Heads');
  whole(s.encoderLayers, 1, 3, 'Encoder layers');
  whole(s.decoderLayers, 1, 3, 'Decoder layers');
  whole(s.ffMultiplier, 1, 8, 'Feed-forward multiplier');
  if (s.dModel % s.heads !== 0) throw new Error(`Model width ${s.dModel} must be divisible by the number of heads ${s.heads}.`);
}

/** Parameter names and shapes, in a fixed order. */
export function seq2seqParams(s: Seq2SeqSpec): ParamInfo[] {
  const d = s.dModel;
  const ff = d * s.ffMultiplier;
  const H = s.heads;
  const dk = d / H;
  const ffn = (p: string): ParamInfo[] => [
    { name: `${p}.ff.w1`, shape: [d, ff] },
    { name: `${p}.ff.b1`, shape: [ff] },
    { name: `${p}.ff.w2`, shape: [ff, d] },
    { name: `${p}.ff.b2`, shape: [d] },
  ];
  const ln = (p: string): ParamInfo[] => [
    { name: `${p}.gamma`, shape: [d] },
    { name: `${p}.beta`, shape: [d] },
  ];
  const selfAttn = (p: string): ParamInfo[] => [
    { name: `${p}.w_qkv`, shape: [3 * H, d, dk] },
    { name: `${p}.b_qkv`, shape: [3 * H, 1, dk] },
    { name: `${p}.w_out`, shape: [H, dk, d] },
    { name: `${p}.b_out`, shape: [d] },
  ];
  const params: ParamInfo[] = [
    { name: 'token_embedding', shape: [s.vocabSize, d] },
    { name: 'enc.position_embedding', shape: [s.sourceLength, d] },
    { name: 'dec.position_embedding', shape: [s.targetLength, d] },
  ];
  for (let l = 0; l < s.encoderLayers; l++) params.push(...ln(`enc${l}.ln1`), ...selfAttn(`enc${l}.attn`), ...ln(`enc${l}.ln2`), ...ffn(`enc${l}`));
  params.push(...ln('enc.ln_f'));
  for (let l = 0; l < s.decoderLayers; l++) {
    params.push(
      ...ln(`dec${l}.ln1`),
      ...selfAttn(`dec${l}.self`),
      ...ln(`dec${l}.ln2`),
      { name: `dec${l}.cross.w_q`, shape: [H, d, dk] },
      { name: `dec${l}.cross.b_q`, shape: [H, 1, dk] },
      { name: `dec${l}.cross.w_kv`, shape: [2 * H, d, dk] },
      { name: `dec${l}.cross.b_kv`, shape: [2 * H, 1, dk] },
      { name: `dec${l}.cross.w_out`, shape: [H, dk, d] },
      { name: `dec${l}.cross.b_out`, shape: [d] },
      ...ln(`dec${l}.ln3`),
      ...ffn(`dec${l}`),
    );
  }
  params.push(...ln('dec.ln_f'), { name: 'head.w', shape: [d, s.vocabSize] }, { name: 'head.b', shape: [s.vocabSize] });
  return params;
}

/** Build a model with seeded initial weights. */
export function createSeq2SeqTransformer(spec: Partial<Seq2SeqSpec> = {}): Seq2SeqTransformer {
  const s: Seq2SeqSpec = { ...SEQ2SEQ_MODEL_DEFAULTS, ...spec };
  validateSeq2SeqSpec(s);
  const d = s.dModel;
  const H = s.heads;
  const dk = d / H;
  const params = seq2seqParams(s);
  const rng = createRng(s.seed);
  const init = (p: ParamInfo): Float32Array => {
    const n = p.shape.reduce((a, b) => a * b, 1);
    const v = new Float32Array(n);
    if (p.name.endsWith('gamma')) v.fill(1);
    else if (p.shape.length === 2 || p.name.includes('.w_')) {
      // As in the tiny transformer: embeddings N(0, 0.3²), weight matrices N(0, 1/fan_in).
      const std = p.name.includes('embedding') ? 0.3 : 1 / Math.sqrt(p.shape[p.shape.length - 2]);
      for (let i = 0; i < n; i++) v[i] = rng.normal(0, std);
    }
    return v;
  };
  const variables = params.map((p) => tf.tidy(() => tf.variable(tf.tensor(init(p), p.shape), true)));
  const byName = new Map(params.map((p, i) => [p.name, variables[i]]));
  const v = (name: string) => byName.get(name)!;
  // Additive causal mask for the decoder: −1e9 above the diagonal (after softmax exactly 0).
  const T0 = s.targetLength;
  const maskValues = new Float32Array(T0 * T0);
  for (let i = 0; i < T0; i++) for (let j = i + 1; j < T0; j++) maskValues[i * T0 + j] = -1e9;
  const mask = tf.tensor2d(maskValues, [T0, T0]);
  const scale = 1 / Math.sqrt(dk);

  /** Token ids `[B, T]` → embeddings + positions `[B, T, d]`. */
  const embed = (ids: tf.Tensor2D, table: string, max: number) => {
    const [B, T] = ids.shape;
    if (T > max) throw new Error(`Sequence of ${T} tokens is longer than the model's ${max}.`);
    const pos = T === max ? v(table) : tf.slice(v(table), [0, 0], [T, d]);
    // One-hot × table, not gather: its gradient is a matmul, which every backend has.
    const oneHot = tf.oneHot(tf.reshape(ids, [-1]), s.vocabSize);
    return tf.add(tf.reshape(tf.matMul(oneHot, v('token_embedding')), [B, T, d]), pos) as tf.Tensor3D;
  };

  /** Per-head Q, K or V of `x` `[B·N, d]` with a `[G·H, d, dk]` weight → G tensors `[H·B, N, dk]`. */
  const project = (x: tf.Tensor, B: number, N: number, w: string, b: string, groups: number) => {
    const out = tf.add(sharedInputMatMul(tf.reshape(x, [1, B * N, d]) as tf.Tensor3D, v(w) as tf.Tensor3D), v(b));
    const all = tf.reshape(out, [groups, H * B, N, dk]);
    return groups === 1 ? [tf.reshape(all, [H * B, N, dk]) as tf.Tensor3D] : tf.split(all, groups, 0).map((t) => tf.reshape(t, [H * B, N, dk]) as tf.Tensor3D);
  };

  /** softmax(Q Kᵀ/√d_k (+ mask)) V, heads summed through W_out → `[B·Nq, d]`, and the weights. */
  const attend = (q: tf.Tensor3D, k: tf.Tensor3D, val: tf.Tensor3D, B: number, Nq: number, prefix: string, m: tf.Tensor | null) => {
    const scaled = tf.mul(tf.matMul(q, k, false, true), scale);
    const weights = tf.softmax(m ? tf.add(scaled, m) : scaled) as tf.Tensor3D;
    const heads = tf.reshape(tf.matMul(weights, val), [H, B * Nq, dk]);
    const out = tf.add(tf.sum(tf.matMul(heads, v(`${prefix}.w_out`)), 0), v(`${prefix}.b_out`));
    return { out, weights };
  };

  /** x + FFN(LN(x)), with the layer norm `ln` and the weights `${p}.ff.*`. */
  const feedForward = (x: tf.Tensor, B: number, N: number, p: string, ln: string) => {
    const h = tf.reshape(layerNorm(x, v(`${ln}.gamma`), v(`${ln}.beta`)), [B * N, d]);
    const hidden = tf.relu(tf.add(tf.matMul(h, v(`${p}.ff.w1`)), v(`${p}.ff.b1`)));
    return tf.add(x, tf.reshape(tf.add(tf.matMul(hidden, v(`${p}.ff.w2`)), v(`${p}.ff.b2`)), [B, N, d]));
  };

  const model: Seq2SeqTransformer = {
    spec: s,
    variables,
    params,
    paramCount: params.reduce((a, p) => a + p.shape.reduce((x, y) => x * y, 1), 0),
    encode(source, stages) {
      const [B, S] = source.shape;
      let x: tf.Tensor = embed(source, 'enc.position_embedding', s.sourceLength);
      for (let l = 0; l < s.encoderLayers; l++) {
        const h = layerNorm(x, v(`enc${l}.ln1.gamma`), v(`enc${l}.ln1.beta`));
        const [q, k, val] = project(h, B, S, `enc${l}.attn.w_qkv`, `enc${l}.attn.b_qkv`, 3);
        const a = attend(q, k, val, B, S, `enc${l}.attn`, null); // no mask: bidirectional
        stages?.encoder.push(a.weights);
        x = tf.add(x, tf.reshape(a.out, [B, S, d]));
        x = feedForward(x, B, S, `enc${l}`, `enc${l}.ln2`);
      }
      return layerNorm(x, v('enc.ln_f.gamma'), v('enc.ln_f.beta')) as tf.Tensor3D;
    },
    decode(memory, decoderInput, stages) {
      const [B, T] = decoderInput.shape;
      const S = memory.shape[1];
      const m = T === T0 ? mask : tf.slice(mask, [0, 0], [T, T]);
      let y: tf.Tensor = embed(decoderInput, 'dec.position_embedding', s.targetLength);
      for (let l = 0; l < s.decoderLayers; l++) {
        const h = layerNorm(y, v(`dec${l}.ln1.gamma`), v(`dec${l}.ln1.beta`));
        const [q, k, val] = project(h, B, T, `dec${l}.self.w_qkv`, `dec${l}.self.b_qkv`, 3);
        const self = attend(q, k, val, B, T, `dec${l}.self`, m); // causal: no peeking at later outputs
        stages?.decoderSelf.push(self.weights);
        y = tf.add(y, tf.reshape(self.out, [B, T, d]));
        // Cross-attention: queries from the decoder, keys and values from the encoder's memory.
        const h2 = layerNorm(y, v(`dec${l}.ln2.gamma`), v(`dec${l}.ln2.beta`));
        const [cq] = project(h2, B, T, `dec${l}.cross.w_q`, `dec${l}.cross.b_q`, 1);
        const [ck, cv] = project(memory, B, S, `dec${l}.cross.w_kv`, `dec${l}.cross.b_kv`, 2);
        const cross = attend(cq, ck, cv, B, T, `dec${l}.cross`, null);
        stages?.cross.push(cross.weights);
        y = tf.add(y, tf.reshape(cross.out, [B, T, d]));
        y = feedForward(y, B, T, `dec${l}`, `dec${l}.ln3`);
      }
      const hf = tf.reshape(layerNorm(y, v('dec.ln_f.gamma'), v('dec.ln_f.beta')), [B * T, d]);
      return tf.reshape(tf.add(tf.matMul(hf, v('head.w')), v('head.b')), [B, T, s.vocabSize]);
    },
    logits(source, decoderInput, stages) {
      return model.decode(model.encode(source, stages), decoderInput, stages);
    },
    dispose() {
      variables.forEach((w) => w.dispose());
      mask.dispose();
    },
  };
  return model;
}
