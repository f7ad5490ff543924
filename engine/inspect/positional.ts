/**
 * Position encodings as plain arrays for pictures (no TensorFlow.js): the sinusoidal table of
 * "Attention Is All You Need", similarities between positions, the learned position table of the
 * shipped reversal transformer, and rotary embeddings (RoPE), whose scores depend only on offsets.
 *
 * ```ts
 * const p = sinusoidalEncoding(50, 64);       // Float32Array 50 × 64, row t = p_t
 * const s = cosineSimilarity(p, 50, 64);      // 50 × 50
 * const r = ropeScores(q, k, 32);             // 32 × 32, constant along every diagonal
 * ```
 */
import type { TransformerWeightsFile } from '../models/tiny-transformer.ts';

/** p[t, 2i] = sin(t / base^(2i/d)), p[t, 2i+1] = cos(t / base^(2i/d)). Row-major positions × dims. */
export function sinusoidalEncoding(positions: number, dims: number, base = 10000): Float32Array {
  const out = new Float32Array(positions * dims);
  for (let t = 0; t < positions; t++) {
    for (let i = 0; i < dims; i += 2) {
      const angle = t / Math.pow(base, i / dims);
      out[t * dims + i] = Math.sin(angle);
      if (i + 1 < dims) out[t * dims + i + 1] = Math.cos(angle);
    }
  }
  return out;
}

/** Cosine similarity between every pair of rows of an `n × d` table → `n × n`. */
export function cosineSimilarity(table: Float32Array, n: number, d: number): Float32Array {
  const norms = new Float64Array(n);
  for (let a = 0; a < n; a++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += table[a * d + j] ** 2;
    norms[a] = Math.sqrt(s) || 1;
  }
  const out = new Float32Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += table[a * d + j] * table[b * d + j];
      out[a * n + b] = s / (norms[a] * norms[b]);
    }
  }
  return out;
}

/** Rotate each pair (x[2i], x[2i+1]) of `x` by the angle pos · base^(−2i/d) (RoPE). */
export function ropeRotate(x: ArrayLike<number>, pos: number, base = 10000): Float32Array {
  const d = x.length;
  const out = new Float32Array(d);
  for (let i = 0; i + 1 < d; i += 2) {
    const angle = pos / Math.pow(base, i / d);
    const c = Math.cos(angle);
    const s = Math.sin(angle);
    out[i] = x[i] * c - x[i + 1] * s;
    out[i + 1] = x[i] * s + x[i + 1] * c;
  }
  if (d % 2 === 1) out[d - 1] = x[d - 1];
  return out;
}

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

/** Attention scores (R_m q)·(R_n k) for query position m and key position n, `positions × positions`. */
export function ropeScores(q: ArrayLike<number>, k: ArrayLike<number>, positions: number, base = 10000): Float32Array {
  const qs = Array.from({ length: positions }, (_, m) => ropeRotate(q, m, base));
  const ks = Array.from({ length: positions }, (_, n) => ropeRotate(k, n, base));
  const out = new Float32Array(positions * positions);
  for (let m = 0; m < positions; m++) for (let n = 0; n < positions; n++) out[m * positions + n] = dot(qs[m], ks[n]);
  return out;
}

/** Scores (q + p_m)·(k + p_n) with added sinusoidal encodings: these depend on m and n, not only on n − m. */
export function additiveScores(q: ArrayLike<number>, k: ArrayLike<number>, positions: number, base = 10000): Float32Array {
  const d = q.length;
  const p = sinusoidalEncoding(positions, d, base);
  const out = new Float32Array(positions * positions);
  for (let m = 0; m < positions; m++) {
    for (let n = 0; n < positions; n++) {
      let s = 0;
      for (let i = 0; i < d; i++) s += (q[i] + p[m * d + i]) * (k[i] + p[n * d + i]);
      out[m * positions + n] = s;
    }
  }
  return out;
}

/** The learned position table of a weights file (decoded without TensorFlow.js): `positions × dims`. */
export function learnedPositionTable(file: TransformerWeightsFile): { table: Float32Array; positions: number; dims: number } {
  const bin = atob(file.data);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const all = new Float32Array(bytes.buffer);
  let offset = 0;
  for (const p of file.params) {
    const n = p.shape.reduce((a, b) => a * b, 1);
    if (p.name === 'position_embedding') return { table: all.slice(offset, offset + n), positions: p.shape[0], dims: p.shape[1] };
    offset += n;
  }
  throw new Error('This weights file has no position_embedding.');
}
