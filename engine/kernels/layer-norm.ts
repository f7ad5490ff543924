/**
 * Layer normalisation over the last axis as plain loops, forward and backward: on tf.js's wasm
 * backend the same maths is about ten ops forward and twenty-five backward, each paying per-op
 * overhead on rows only d = 64 wide, and the column sums for γ and β transpose their input first.
 * Here one pass per direction does it, O(rows · d).
 *
 * ```ts
 * const f = layerNormForward(x, gamma, beta);            // x: rows × d, row-major
 * const { dx, dGamma, dBeta } = layerNormBackward(f, gamma, dy);
 * ```
 * y = γ ⊙ x̂ + β with x̂ = (x − mean) / √(var + ε), the variance biased (divided by d), as in
 * PyTorch's `nn.LayerNorm`.
 */

/** ε under the square root, as in `nn.LayerNorm`. */
export const LAYER_NORM_EPS = 1e-5;

/** What the backward pass needs from the forward one. */
export interface LayerNormForward {
  y: Float32Array;
  /** The normalised input x̂. */
  xhat: Float32Array;
  /** 1 / √(var + ε) per row. */
  rstd: Float32Array;
}

/** y = γ ⊙ x̂ + β, row by row (x has `gamma.length` columns). */
export function layerNormForward(x: Float32Array, gamma: Float32Array, beta: Float32Array): LayerNormForward {
  const d = gamma.length;
  const rows = x.length / d;
  if (!Number.isInteger(rows) || beta.length !== d) throw new Error(`Layer norm: ${x.length} inputs do not split into rows of ${d} (γ ${gamma.length}, β ${beta.length}).`);
  const y = new Float32Array(x.length);
  const xhat = new Float32Array(x.length);
  const rstd = new Float32Array(rows);
  for (let r = 0, o = 0; r < rows; r++, o += d) {
    let mean = 0;
    for (let c = 0; c < d; c++) mean += x[o + c];
    mean /= d;
    let v = 0;
    for (let c = 0; c < d; c++) {
      const e = x[o + c] - mean;
      v += e * e;
    }
    const s = 1 / Math.sqrt(v / d + LAYER_NORM_EPS);
    rstd[r] = s;
    for (let c = 0; c < d; c++) {
      const h = (x[o + c] - mean) * s;
      xhat[o + c] = h;
      y[o + c] = h * gamma[c] + beta[c];
    }
  }
  return { y, xhat, rstd };
}

/** Gradients with respect to x, γ and β given dy: dx = rstd · (g − mean(g) − x̂ · mean(g ⊙ x̂)) with g = dy ⊙ γ. */
export function layerNormBackward(f: LayerNormForward, gamma: Float32Array, dy: Float32Array): { dx: Float32Array; dGamma: Float32Array; dBeta: Float32Array } {
  const d = gamma.length;
  const rows = f.rstd.length;
  const dx = new Float32Array(dy.length);
  const dGamma = new Float32Array(d);
  const dBeta = new Float32Array(d);
  for (let r = 0, o = 0; r < rows; r++, o += d) {
    let a = 0;
    let b = 0;
    for (let c = 0; c < d; c++) {
      const g = dy[o + c] * gamma[c];
      a += g;
      b += g * f.xhat[o + c];
      dGamma[c] += dy[o + c] * f.xhat[o + c];
      dBeta[c] += dy[o + c];
    }
    a /= d;
    b /= d;
    const s = f.rstd[r];
    for (let c = 0; c < d; c++) dx[o + c] = s * (dy[o + c] * gamma[c] - a - f.xhat[o + c] * b);
  }
  return { dx, dGamma, dBeta };
}
