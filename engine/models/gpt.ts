/**
 * A small GPT: a decoder-only transformer language model, laid out like the engine's tiny transformer
 * (`tiny-transformer.ts`: token + learned position embeddings, pre-norm blocks of causal multi-head
 * self-attention and a feed-forward layer, a final layer norm, a linear read-out) with the causal
 * mask always on, sized for text, plus a weights file that carries its tokenizer, so shipped
 * weights decode to the same characters they were trained on.
 *
 * ```ts
 * const gpt = createGpt({ vocabSize: 66 });            // context 64, d 64, 4 heads, 2 layers
 * const logits = tf.tidy(() => gpt.logits(ids));       // [batch, T, vocab]: position t predicts token t + 1
 * const file = exportGptWeights(gpt, { kind: 'char', vocab }); // JSON-safe, float16 by default
 * const again = loadGptWeights(file);                   // same model (to float16 precision)
 * ```
 * Causal: position t attends only to positions ≤ t, so one forward pass over T tokens gives T
 * next-token predictions at once, each of which never saw its own answer.
 */
import type { BpeMerge } from '../text/bpe.ts';
import * as tf from '@tensorflow/tfjs';
import { causalAttentionBackward, causalAttentionForward, simdAttention } from '../kernels/causal-attention.ts';
import { LAYER_NORM_EPS, layerNormBackward, layerNormForward } from '../kernels/layer-norm.ts';
import { tensorsInCpuMemory } from '../memory.ts';
import { createRng } from '../random.ts';
import { validateTransformerSpec, type ParamInfo, type TinyTransformer } from './tiny-transformer.ts';

/** Defaults for {@link createGpt}. */
export const GPT_DEFAULTS = {
  /** Number of token ids (the tokenizer's vocabulary size). */
  vocabSize: 66,
  /** Tokens the model sees at once (the size of its position table). */
  contextLength: 64,
  /** Width of the residual stream d_model. */
  dModel: 64,
  /** Attention heads per layer; dModel must divide evenly. */
  heads: 4,
  /** Transformer blocks (1–4). */
  layers: 2,
  /** Hidden width of the feed-forward layer, as a multiple of dModel (GPT-2 uses 4). */
  ffMultiplier: 4,
  /** Seed for the initial weights. */
  seed: 1,
};

/** The model's shape. */
export type GptSpec = typeof GPT_DEFAULTS;

/**
 * `x W` with a gradient that never asks tf.js for a transposed product: on the wasm backend a
 * matMul with a transpose flag runs 7–10× slower than transposing first and multiplying plainly
 * (measured for [2048, 64] × [64, 256]), and the two gradients of x W are exactly such products
 * (dx = dy Wᵀ, dW = xᵀ dy). Works for 2-D and batched 3-D operands.
 */
const matMulFast = tf.customGrad(((a: tf.Tensor, b: tf.Tensor, save: tf.GradSaveFunc) => {
  save([a, b]);
  return {
    value: tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [x, w] = saved;
      const perm = x.rank === 3 ? [0, 2, 1] : [1, 0];
      return [tf.matMul(dy as tf.Tensor2D, tf.transpose(w, perm) as tf.Tensor2D), tf.matMul(tf.transpose(x, perm) as tf.Tensor2D, dy as tf.Tensor2D)];
    },
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as <R extends tf.Tensor>(a: R, b: R) => R;

/**
 * Causal attention of the fused projection `qkv` `[B·T, 3d]` → the heads' mixed values `[B·T, d]`,
 * in WebAssembly SIMD (`kernels/causal-attention.ts`) with its own gradient. Used on the wasm and
 * cpu backends, whose tensors live in ordinary memory, where it is several times faster than the
 * tf.js ops it replaces; GPU backends keep the tf.js ops, which never leave the GPU.
 */
function loopAttention(B: number, T: number, H: number, dk: number) {
  const d = H * dk;
  return tf.customGrad(((qkv: tf.Tensor, save: tf.GradSaveFunc) => {
    save([]);
    const values = qkv.dataSync() as Float32Array;
    const { out, probs } = causalAttentionForward(values, B, T, H, dk);
    return {
      value: tf.tensor2d(out, [B * T, d]),
      gradFunc: (dy: tf.Tensor) => [tf.tensor2d(causalAttentionBackward(values, probs, out, dy.dataSync() as Float32Array, B, T, H, dk), [B * T, 3 * d])],
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (qkv: tf.Tensor) => tf.Tensor2D;
}

/** Layer norm over the last axis of `x` `[rows, d]` in plain loops (`kernels/layer-norm.ts`), with its own gradient. */
const loopLayerNorm = tf.customGrad(((x: tf.Tensor, g: tf.Tensor, b: tf.Tensor, save: tf.GradSaveFunc) => {
  save([]);
  const gamma = g.dataSync() as Float32Array;
  const f = layerNormForward(x.dataSync() as Float32Array, gamma, b.dataSync() as Float32Array);
  return {
    value: tf.tensor(f.y, x.shape),
    gradFunc: (dy: tf.Tensor) => {
      const r = layerNormBackward(f, gamma, dy.dataSync() as Float32Array);
      return [tf.tensor(r.dx, x.shape), tf.tensor(r.dGamma, g.shape), tf.tensor(r.dBeta, b.shape)];
    },
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (x: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => tf.Tensor;

/** Parameter names and shapes, in the order of a weights file. */
export function gptParams(s: GptSpec): ParamInfo[] {
  const d = s.dModel;
  const ff = d * s.ffMultiplier;
  const params: ParamInfo[] = [
    { name: 'token_embedding', shape: [s.vocabSize, d] },
    { name: 'position_embedding', shape: [s.contextLength, d] },
  ];
  for (let l = 0; l < s.layers; l++) {
    params.push(
      { name: `l${l}.ln1.gamma`, shape: [d] },
      { name: `l${l}.ln1.beta`, shape: [d] },
      { name: `l${l}.attn.w_qkv`, shape: [d, 3 * d] },
      { name: `l${l}.attn.b_qkv`, shape: [3 * d] },
      { name: `l${l}.attn.w_out`, shape: [d, d] },
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
  return params;
}

/** Throws a readable message for a bad spec. */
export function validateGptSpec(s: GptSpec): void {
  validateTransformerSpec({ vocabSize: s.vocabSize, seqLen: s.contextLength, dModel: s.dModel, heads: s.heads, layers: s.layers, ffMultiplier: s.ffMultiplier, causal: true, seed: s.seed });
  if (s.contextLength < 2) throw new Error(`Context length must be at least 2, got ${s.contextLength}.`);
}

/** How a new GPT starts, beyond its seed. */
export interface GptStart {
  /**
   * The read-out's bias, one entry per token: pass the log of each token's frequency in the
   * training text and the untrained model already predicts the unigram distribution (its loss
   * starts at the unigram baseline instead of above ln V), with the read-out's weights shrunk so the
   * random features do not drown it. Training then spends its first steps on context, not on
   * letter frequencies.
   */
  outputBias?: Float32Array;
}

/** The read-out weights' scale when an output bias is given (see {@link GptStart}). */
const HEAD_SHRINK = 0.3;

/**
 * Build a GPT with seeded initial weights. The result has the tiny transformer's interface, so
 * `inspectAttention` reads its maps; its attention stages are recorded as `[batch · heads, T, T]`
 * (the same as head-major for the single sequence `inspectAttention` runs).
 */
export function createGpt(spec: Partial<GptSpec> = {}, start: GptStart = {}): TinyTransformer {
  const s: GptSpec = { ...GPT_DEFAULTS, ...spec };
  validateGptSpec(s);
  if (start.outputBias && start.outputBias.length !== s.vocabSize) throw new Error(`outputBias has ${start.outputBias.length} entries; the vocabulary has ${s.vocabSize}.`);
  const d = s.dModel;
  const H = s.heads;
  const dk = d / H;
  const params = gptParams(s);
  const rng = createRng(s.seed);
  const init = (p: ParamInfo): Float32Array => {
    const n = p.shape.reduce((a, b) => a * b, 1);
    const v = new Float32Array(n);
    if (p.name.endsWith('gamma')) v.fill(1);
    else if (p.shape.length === 2) {
      // Embeddings N(0, 0.3²); matrices N(0, 1/fan_in), and the two that write into the residual
      // stream (w_out, w2) shrunk by 1/√(2·layers) as in GPT-2, so the stream's variance does not
      // grow with depth at the start.
      let std = p.name.includes('embedding') ? 0.3 : 1 / Math.sqrt(p.shape[0]);
      if (p.name.endsWith('w_out') || p.name.endsWith('ff.w2')) std /= Math.sqrt(2 * s.layers);
      if (p.name === 'head.w' && start.outputBias) std *= HEAD_SHRINK;
      for (let i = 0; i < n; i++) v[i] = rng.normal(0, std);
    } else if (p.name === 'head.b' && start.outputBias) v.set(start.outputBias);
    return v;
  };
  const variables = params.map((p) => tf.tidy(() => tf.variable(tf.tensor(init(p), p.shape), true)));
  const byName = new Map(params.map((p, i) => [p.name, variables[i]]));
  const v = (name: string) => byName.get(name)!;
  const T0 = s.contextLength;
  const maskValues = new Float32Array(T0 * T0);
  for (let i = 0; i < T0; i++) for (let j = i + 1; j < T0; j++) maskValues[i * T0 + j] = -1e9;
  const mask = tf.tensor2d(maskValues, [T0, T0]);
  const scale = 1 / Math.sqrt(dk);
  const layerNormOps = (x: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
    const mean = tf.mean(x, -1, true);
    const centred = tf.sub(x, mean);
    const variance = tf.mean(tf.mul(centred, centred), -1, true);
    return tf.add(tf.mul(tf.mul(centred, tf.rsqrt(tf.add(variance, LAYER_NORM_EPS))), g), b);
  };
  const dense = (x: tf.Tensor, w: string, b: string) => tf.add(matMulFast(x as tf.Tensor2D, v(w) as tf.Tensor2D), v(b));

  const model: TinyTransformer = {
    spec: { vocabSize: s.vocabSize, seqLen: s.contextLength, dModel: d, heads: H, layers: s.layers, ffMultiplier: s.ffMultiplier, causal: true, seed: s.seed },
    variables,
    params,
    paramCount: params.reduce((a, p) => a + p.shape.reduce((x, y) => x * y, 1), 0),
    logits(ids, stages) {
      const [B, T] = ids.shape;
      if (T > T0) throw new Error(`Sequence of ${T} tokens is longer than the model's context of ${T0}.`);
      const pos = T === T0 ? v('position_embedding') : tf.slice(v('position_embedding'), [0, 0], [T, d]);
      // Rows of the residual stream are the B·T positions; every projection is one 2-D matmul.
      // The lookup is one-hot × table: its gradient is a matmul, which wasm has (gather's is not).
      const oneHot = tf.oneHot(tf.reshape(ids, [-1]), s.vocabSize);
      let x: tf.Tensor = tf.reshape(tf.add(tf.reshape(matMulFast(oneHot as tf.Tensor2D, v('token_embedding') as tf.Tensor2D), [B, T, d]), pos), [B * T, d]);
      const m = T === T0 ? mask : tf.slice(mask, [0, 0], [T, T]);
      // Attention and layer norm in plain loops on CPU-memory backends, unless the caller wants the
      // attention stages (tf.js tensors).
      const useLoops = !stages && tensorsInCpuMemory();
      const layerNorm = useLoops ? loopLayerNorm : layerNormOps;
      const attend = useLoops && simdAttention(dk) ? loopAttention(B, T, H, dk) : undefined;
      for (let l = 0; l < s.layers; l++) {
        const qkv = dense(layerNorm(x, v(`l${l}.ln1.gamma`), v(`l${l}.ln1.beta`)), `l${l}.attn.w_qkv`, `l${l}.attn.b_qkv`);
        let mixed: tf.Tensor;
        if (attend) mixed = attend(qkv);
        else {
          const [q, k, val] = tf.split(qkv, 3, 1);
          // [B·T, d] → [B·H, T, dk] for Q and V, and Kᵀ as [B·H, dk, T] straight from one transpose.
          const heads = (t: tf.Tensor, perm: number[], shape: [number, number, number]) => tf.reshape<tf.Rank.R3>(tf.transpose(tf.reshape(t, [B, T, H, dk]), perm), shape);
          const qh = heads(q, [0, 2, 1, 3], [B * H, T, dk]);
          const kt = heads(k, [0, 2, 3, 1], [B * H, dk, T]);
          const vh = heads(val, [0, 2, 1, 3], [B * H, T, dk]);
          const raw = matMulFast(qh, kt);
          const scaled = tf.mul(raw, scale) as tf.Tensor3D;
          const masked = tf.add(scaled, m) as tf.Tensor3D;
          const weights = tf.softmax(masked) as tf.Tensor3D;
          stages?.push({ raw, scaled, masked, weights });
          mixed = tf.reshape(tf.transpose(tf.reshape(matMulFast(weights, vh), [B, H, T, dk]), [0, 2, 1, 3]), [B * T, d]);
        }
        x = tf.add(x, dense(mixed, `l${l}.attn.w_out`, `l${l}.attn.b_out`));
        const hidden = tf.relu(dense(layerNorm(x, v(`l${l}.ln2.gamma`), v(`l${l}.ln2.beta`)), `l${l}.ff.w1`, `l${l}.ff.b1`));
        x = tf.add(x, dense(hidden, `l${l}.ff.w2`, `l${l}.ff.b2`));
      }
      const out = dense(layerNorm(x, v('ln_f.gamma'), v('ln_f.beta')), 'head.w', 'head.b');
      return tf.reshape(out, [B, T, s.vocabSize]) as tf.Tensor3D;
    },
    getWeights: () => variables.map((w) => new Float32Array(w.dataSync() as Float32Array)),
    setWeights(values) {
      if (values.length !== variables.length) throw new Error(`Expected ${variables.length} weight arrays, got ${values.length}.`);
      values.forEach((val, i) => {
        if (val.length !== variables[i].size) throw new Error(`Weight "${params[i].name}" needs ${variables[i].size} values, got ${val.length}.`);
      });
      values.forEach((val, i) => tf.tidy(() => variables[i].assign(tf.tensor(val, params[i].shape))));
    },
    dispose() {
      variables.forEach((w) => w.dispose());
      mask.dispose();
    },
  };
  return model;
}

/** The spec of a GPT built by {@link createGpt}, read back from the model. */
export function gptSpecOf(model: TinyTransformer): GptSpec {
  const m = model.spec;
  return { vocabSize: m.vocabSize, contextLength: m.seqLen, dModel: m.dModel, heads: m.heads, layers: m.layers, ffMultiplier: m.ffMultiplier, seed: m.seed };
}

/** How text becomes ids: exact characters, or BPE with its ranked merges. */
export interface GptTokenizerSpec {
  kind: 'char' | 'bpe';
  /** `vocab[id]` is the token string. */
  vocab: string[];
  /** BPE merges in rank order (BPE only). */
  merges?: BpeMerge[];
}

/** A weights file: plain JSON, so Vite, Vitest on Node, tsx and the single-file build all import it. */
export interface GptWeightsFile {
  format: 'dl-live-gpt-1';
  spec: GptSpec;
  tokenizer: GptTokenizerSpec;
  /** Parameter names and shapes, in the order of `data`. */
  params: ParamInfo[];
  /** Storage precision. float16 halves the file; the model computes in float32 after loading. */
  dtype: 'float16' | 'float32';
  /** Every weight concatenated in params order, little-endian, base64. */
  data: string;
  /** Provenance: recipe, steps, losses. */
  meta: Record<string, string | number>;
}

// float32 ↔ float16 by hand (Float16Array is not in Node 20). Round to nearest even; values past
// the float16 range become ±Infinity, tiny ones flush through subnormals to zero.
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** IEEE half-precision bits of a number. */
export function toHalf(value: number): number {
  f32[0] = value;
  const x = u32[0];
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0); // Inf, NaN
  let e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let h = mant >>> shift;
    const rem = mant & ((1 << shift) - 1);
    const half = 1 << (shift - 1);
    if (rem > half || (rem === half && h & 1)) h++;
    return sign | h;
  }
  let h = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && h & 1)) h++; // may carry into the exponent: still correct
  e = h >>> 10;
  return sign | (e >= 0x1f ? 0x7c00 : h);
}

/** The number that IEEE half-precision bits stand for. */
export function fromHalf(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >>> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 0x1f) return mant ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

const toBase64 = (bytes: Uint8Array): string => {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
};
const fromBase64 = (text: string): Uint8Array => {
  const bin = atob(text);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
};

/** Serialise a GPT and its tokenizer (float16 unless asked for float32). */
export function exportGptWeights(model: TinyTransformer, tokenizer: GptTokenizerSpec, meta: Record<string, string | number> = {}, dtype: 'float16' | 'float32' = 'float16'): GptWeightsFile {
  const parts = model.getWeights();
  const n = parts.reduce((a, p) => a + p.length, 0);
  const all = dtype === 'float16' ? new Uint16Array(n) : new Float32Array(n);
  let o = 0;
  for (const p of parts) for (let i = 0; i < p.length; i++) all[o++] = dtype === 'float16' ? toHalf(p[i]) : p[i];
  return { format: 'dl-live-gpt-1', spec: gptSpecOf(model), tokenizer: { ...tokenizer, vocab: [...tokenizer.vocab] }, params: model.params, dtype, data: toBase64(new Uint8Array(all.buffer)), meta };
}

/** Every weight of a file as float32 arrays in params order; throws if the file is not a GPT weights file or its sizes disagree. */
export function decodeGptWeights(file: GptWeightsFile): Float32Array[] {
  if (file.format !== 'dl-live-gpt-1') throw new Error(`Not a dl-live GPT weights file (format ${String(file.format)}).`);
  const bytes = fromBase64(file.data);
  const flat = file.dtype === 'float16' ? Float32Array.from(new Uint16Array(bytes.buffer, 0, bytes.length >> 1), fromHalf) : new Float32Array(bytes.buffer, 0, bytes.length >> 2);
  let o = 0;
  const values = file.params.map((p) => {
    const size = p.shape.reduce((a, b) => a * b, 1);
    const part = flat.slice(o, o + size);
    o += size;
    return part;
  });
  if (o !== flat.length) throw new Error(`Weights file holds ${flat.length} values, its parameter list needs ${o}.`);
  return values;
}

/** Build a GPT from a weights file. */
export function loadGptWeights(file: GptWeightsFile): TinyTransformer {
  const values = decodeGptWeights(file);
  const model = createGpt(file.spec);
  const names = model.params.map((p) => p.name).join(',');
  if (file.params.map((p) => p.name).join(',') !== names) {
    model.dispose();
    throw new Error('Weights file lists different parameters from this GPT (another model version?).');
  }
  try {
    model.setWeights(values);
  } catch (err) {
    model.dispose();
    throw err;
  }
  return model;
}

/**
 * The shipped weights: this GPT trained on The Æsop for Children by `npm run train:gpt` (see
 * DATA.md). A JSON module imported on demand: a chunk of its own in a build, inlined in the
 * single-file build, read from disk by Vitest and tsx.
 */
export async function loadPretrainedGpt(): Promise<GptWeightsFile> {
  return (await import('./weights/gpt-aesop.json')).default as GptWeightsFile;
}
