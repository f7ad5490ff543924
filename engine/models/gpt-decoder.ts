/**
 * Token-by-token generation for a GPT in plain JavaScript, with a key/value cache. Writing one
 * token needs one position's worth of arithmetic (about 0.1 M multiply-adds for the default
 * model), which plain loops do in well under a millisecond, while a tf.js forward pass spends more
 * than that on per-op overhead alone. Reads the weights once; never touches TensorFlow.js.
 *
 * ```ts
 * const dec = createGptDecoder(spec, model.getWeights()); // weights in gptParams order
 * dec.feed([12, 40, 7]);           // the prompt; returns the logits after its last token
 * const logits = dec.feed([next]); // one more token: only the new position is computed
 * ```
 * The cache: each layer keeps every past position's key and value, so a new token attends to them
 * without recomputing them (the causal mask means they can never change). Positions are learned
 * and absolute, so when the context is full the decoder keeps the last half of its tokens and
 * recomputes their cache from position 0; the context therefore holds between half and all of
 * contextLength tokens, and the extra work averages to one token's worth per token written.
 */
import type { GptSpec } from './gpt.ts';
import { gptParams } from './gpt.ts';

/** A decoder for one sequence. */
export interface GptDecoder {
  /** Append tokens and return the logits for the token after the last one (a new array). */
  feed(ids: readonly number[]): Float32Array;
  /** Tokens in the current context. */
  readonly length: number;
  /** Forget the context. */
  reset(): void;
}

/** Build a decoder from a spec and float32 weights in {@link gptParams} order. */
export function createGptDecoder(spec: GptSpec, weights: readonly Float32Array[]): GptDecoder {
  const params = gptParams(spec);
  if (weights.length !== params.length) throw new Error(`Expected ${params.length} weight arrays, got ${weights.length}.`);
  const W = new Map(params.map((p, i) => [p.name, weights[i]]));
  const w = (name: string) => W.get(name)!;
  const { vocabSize: V, contextLength: T, dModel: d, heads: H, layers: L, ffMultiplier } = spec;
  const ff = d * ffMultiplier;
  const dk = d / H;
  const scale = 1 / Math.sqrt(dk);
  const keys = Array.from({ length: L }, () => new Float32Array(T * d));
  const values = Array.from({ length: L }, () => new Float32Array(T * d));
  const x = new Float32Array(d);
  const h = new Float32Array(d);
  const qkv = new Float32Array(3 * d);
  const mixed = new Float32Array(d);
  const hidden = new Float32Array(ff);
  const scores = new Float32Array(T);
  const context: number[] = [];

  const layerNorm = (src: Float32Array, gamma: Float32Array, beta: Float32Array, dst: Float32Array) => {
    let mean = 0;
    for (let i = 0; i < d; i++) mean += src[i];
    mean /= d;
    let variance = 0;
    for (let i = 0; i < d; i++) variance += (src[i] - mean) ** 2;
    const inv = 1 / Math.sqrt(variance / d + 1e-5);
    for (let i = 0; i < d; i++) dst[i] = (src[i] - mean) * inv * gamma[i] + beta[i];
  };
  /** dst = src · M + b, M row-major [n, m]. */
  const affine = (src: Float32Array, n: number, M: Float32Array, b: Float32Array, m: number, dst: Float32Array) => {
    dst.set(b);
    for (let i = 0; i < n; i++) {
      const s = src[i];
      if (s === 0) continue;
      const row = i * m;
      for (let j = 0; j < m; j++) dst[j] += s * M[row + j];
    }
  };

  /** Run position p (= context.length − 1) for token id; fills x with the final residual stream. */
  const step = (id: number, p: number) => {
    const tok = w('token_embedding');
    const pos = w('position_embedding');
    for (let i = 0; i < d; i++) x[i] = tok[id * d + i] + pos[p * d + i];
    for (let l = 0; l < L; l++) {
      layerNorm(x, w(`l${l}.ln1.gamma`), w(`l${l}.ln1.beta`), h);
      affine(h, d, w(`l${l}.attn.w_qkv`), w(`l${l}.attn.b_qkv`), 3 * d, qkv);
      keys[l].set(qkv.subarray(d, 2 * d), p * d);
      values[l].set(qkv.subarray(2 * d, 3 * d), p * d);
      const K = keys[l];
      const Vv = values[l];
      for (let hd = 0; hd < H; hd++) {
        const o = hd * dk;
        let max = -Infinity;
        for (let j = 0; j <= p; j++) {
          let s = 0;
          for (let c = 0; c < dk; c++) s += qkv[o + c] * K[j * d + o + c];
          scores[j] = s * scale;
          if (scores[j] > max) max = scores[j];
        }
        let sum = 0;
        for (let j = 0; j <= p; j++) sum += scores[j] = Math.exp(scores[j] - max);
        for (let c = 0; c < dk; c++) mixed[o + c] = 0;
        for (let j = 0; j <= p; j++) {
          const a = scores[j] / sum;
          for (let c = 0; c < dk; c++) mixed[o + c] += a * Vv[j * d + o + c];
        }
      }
      affine(mixed, d, w(`l${l}.attn.w_out`), w(`l${l}.attn.b_out`), d, h);
      for (let i = 0; i < d; i++) x[i] += h[i];
      layerNorm(x, w(`l${l}.ln2.gamma`), w(`l${l}.ln2.beta`), h);
      affine(h, d, w(`l${l}.ff.w1`), w(`l${l}.ff.b1`), ff, hidden);
      for (let i = 0; i < ff; i++) if (hidden[i] < 0) hidden[i] = 0;
      affine(hidden, ff, w(`l${l}.ff.w2`), w(`l${l}.ff.b2`), d, h);
      for (let i = 0; i < d; i++) x[i] += h[i];
    }
  };

  const decoder: GptDecoder = {
    get length() {
      return context.length;
    },
    feed(ids) {
      if (ids.length === 0 && context.length === 0) throw new Error('Feed at least one token.');
      for (const id of ids) {
        if (!Number.isInteger(id) || id < 0 || id >= V) throw new Error(`Token id ${id} is outside the vocabulary (0–${V - 1}).`);
        if (context.length === T) {
          // Full: keep the last half and rebuild its cache from position 0.
          const kept = context.splice(0, context.length).slice(T - Math.floor(T / 2));
          kept.forEach((k, p) => {
            context.push(k);
            step(k, p);
          });
        }
        context.push(id);
        step(id, context.length - 1);
      }
      const out = new Float32Array(V);
      layerNorm(x, w('ln_f.gamma'), w('ln_f.beta'), h);
      affine(h, d, w('head.w'), w('head.b'), V, out);
      return out;
    },
    reset() {
      context.length = 0;
    },
  };
  return decoder;
}
