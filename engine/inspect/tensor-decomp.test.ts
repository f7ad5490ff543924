import { describe, expect, it } from 'vitest';
import { landscapeImage, luminance } from '../datasets/landscape.ts';
import { createRng } from '../random.ts';
import {
  cpAls,
  cpParamCount,
  createCpAls,
  hosvd,
  imageToTensor,
  modeProduct,
  relativeError,
  svd,
  svdParamCount,
  svdReconstruct,
  svdTruncationErrors,
  tensor3,
  tensorToImage,
  tuckerParamCount,
  tuckerTruncate,
  unfold,
  type Tensor3,
} from './tensor-decomp.ts';

const gaussian = (n: number, seed: number) => {
  const rng = createRng(seed);
  return Float64Array.from({ length: n }, () => rng.normal(0, 1));
};

/** max |MᵀM − I| for an n × k row-major matrix. */
const orthError = (m: Float64Array, n: number, k: number) => {
  let worst = 0;
  for (let p = 0; p < k; p++) for (let q = 0; q < k; q++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += m[i * k + p] * m[i * k + q];
    worst = Math.max(worst, Math.abs(s - (p === q ? 1 : 0)));
  }
  return worst;
};

/** Σ_r a_r ∘ b_r ∘ c_r from row-major factors. */
const cpTensor = (a: Float64Array, b: Float64Array, c: Float64Array, shape: [number, number, number], rank: number): Tensor3 => {
  const [I, J, K] = shape;
  const x = new Float64Array(I * J * K);
  for (let i = 0; i < I; i++) for (let j = 0; j < J; j++) for (let k = 0; k < K; k++) {
    let s = 0;
    for (let r = 0; r < rank; r++) s += a[i * rank + r] * b[j * rank + r] * c[k * rank + r];
    x[(i * J + j) * K + k] = s;
  }
  return tensor3(x, shape);
};

describe('SVD (one-sided Jacobi)', () => {
  it('tall and wide: orthonormal U and V, σ sorted, A = U diag(σ) Vᵀ, Σσ² = ‖A‖²', () => {
    for (const [m, n] of [[9, 6], [6, 9], [20, 20]]) {
      const a = gaussian(m * n, m + n);
      const f = svd(a, m, n);
      expect(f.k).toBe(Math.min(m, n));
      expect(orthError(f.u, m, f.k)).toBeLessThan(1e-12);
      expect(orthError(f.v, n, f.k)).toBeLessThan(1e-12);
      for (let j = 1; j < f.k; j++) expect(f.s[j]).toBeLessThanOrEqual(f.s[j - 1]);
      expect(relativeError(a, svdReconstruct(f, f.k))).toBeLessThan(1e-13);
      const energy = Array.from(f.s).reduce((s, v) => s + v * v, 0);
      expect(energy).toBeCloseTo(a.reduce((s, v) => s + v * v, 0), 9);
    }
  });

  it('truncation error from σ equals the reconstruction error (Eckart–Young), and a rank-2 matrix is rebuilt exactly at rank 2', () => {
    const a = gaussian(12 * 7, 3);
    const f = svd(a, 12, 7);
    const errs = svdTruncationErrors(f.s);
    for (const r of [0, 1, 3, 6, 7]) expect(relativeError(a, svdReconstruct(f, r))).toBeCloseTo(errs[r], 10);
    const u = gaussian(8 * 2, 4);
    const v = gaussian(5 * 2, 5);
    const low = new Float64Array(40);
    for (let i = 0; i < 8; i++) for (let j = 0; j < 5; j++) low[i * 5 + j] = u[2 * i] * v[2 * j] + u[2 * i + 1] * v[2 * j + 1];
    const g = svd(low, 8, 5);
    expect(g.s[2] / g.s[0]).toBeLessThan(1e-12);
    expect(relativeError(low, svdReconstruct(g, 2))).toBeLessThan(1e-12);
    expect(relativeError(low, svdReconstruct(g, 1))).toBeGreaterThan(0.05);
    expect(svdParamCount(8, 5, 2)).toBe(2 * (8 + 5 + 1));
  });
});

describe('unfoldings, mode products, HOSVD', () => {
  it('unfold(X ×ₙ M, n) = M · unfold(X, n) for every mode', () => {
    const x = tensor3(gaussian(4 * 3 * 5, 6), [4, 3, 5]);
    for (const mode of [0, 1, 2] as const) {
      const n = x.shape[mode];
      const m = gaussian(2 * n, 7 + mode);
      const left = unfold(modeProduct(x, m, 2, mode), mode);
      const u = unfold(x, mode);
      const right = new Float64Array(2 * u.cols);
      for (let r = 0; r < 2; r++) for (let c = 0; c < u.cols; c++) for (let i = 0; i < n; i++) right[r * u.cols + c] += m[r * n + i] * u.data[i * u.cols + c];
      expect(left.rows).toBe(2);
      expect(relativeError(right, left.data)).toBeLessThan(1e-13);
    }
  });

  it('recovers a tensor of multilinear rank (2, 3, 2) exactly at those ranks, not below; factors are orthonormal', () => {
    const core = tensor3(gaussian(2 * 3 * 2, 8), [2, 3, 2]);
    let x = core;
    const shape: [number, number, number] = [6, 5, 4];
    ([0, 1, 2] as const).forEach((mode) => (x = modeProduct(x, gaussian(shape[mode] * core.shape[mode], 9 + mode), shape[mode], mode)));
    const h = hosvd(x);
    h.factors.forEach((f, n) => expect(orthError(f, shape[n], h.ranks[n])).toBeLessThan(1e-9));
    const exact = tuckerTruncate(h, [2, 3, 2]);
    expect(exact.error).toBeLessThan(1e-6);
    expect(exact.params).toBe(tuckerParamCount(shape, [2, 3, 2]));
    expect(exact.params).toBe(2 * 3 * 2 + 6 * 2 + 5 * 3 + 4 * 2);
    expect(tuckerTruncate(h, [2, 2, 2]).error).toBeGreaterThan(0.01);
    expect(tuckerTruncate(h, [6, 5, 4]).error).toBeLessThan(1e-9);
    // The mode singular values show the ranks: the third of mode 0 is zero to rounding.
    expect(h.singularValues[0][2] / h.singularValues[0][0]).toBeLessThan(1e-6);
  });
});

describe('CP by alternating least squares', () => {
  const shape: [number, number, number] = [8, 7, 6];
  const [a, b, c] = [gaussian(8 * 3, 11), gaussian(7 * 3, 12), gaussian(6 * 3, 13)];
  const x = cpTensor(a, b, c, shape, 3);

  it('the error never rises from sweep to sweep, and a rank-3 tensor is recovered exactly (components up to order and scale)', () => {
    const cp = cpAls(x, 3, 400, 1e-14, { seed: 1 });
    for (let s = 1; s < cp.errors.length; s++) expect(cp.errors[s]).toBeLessThanOrEqual(cp.errors[s - 1] * (1 + 1e-9) + 1e-14);
    expect(cp.errors[0]).toBeGreaterThan(0.5);
    expect(cp.errors[cp.errors.length - 1]).toBeLessThan(1e-8);
    expect(relativeError(x.data, cp.reconstruct().data)).toBeLessThan(1e-8);
    // Each true a_r is parallel to some recovered column (|cosine| = 1).
    for (let r = 0; r < 3; r++) {
      const best = Math.max(...[0, 1, 2].map((q) => {
        let dot = 0;
        let na = 0;
        for (let i = 0; i < 8; i++) {
          dot += a[i * 3 + r] * cp.factors[0][i * 3 + q];
          na += a[i * 3 + r] ** 2;
        }
        return Math.abs(dot) / Math.sqrt(na);
      }));
      expect(best).toBeGreaterThan(1 - 1e-8);
    }
    expect(cp.params).toBe(cpParamCount(shape, 3));
    expect(cp.params).toBe(3 * (8 + 7 + 6 + 1));
  });

  it('starts from the HOSVD too; too small a rank cannot fit; on a real image the error falls monotonically', () => {
    expect(cpAls(x, 3, 400, 1e-14, { init: 'hosvd' }).errors.at(-1)).toBeLessThan(1e-8);
    expect(cpAls(x, 2, 100).errors.at(-1)).toBeGreaterThan(0.01);
    const img = imageToTensor(landscapeImage({ size: 24 }));
    const cp = createCpAls(img, 6, { seed: 2 });
    for (let s = 0; s < 15; s++) cp.step();
    for (let s = 1; s < cp.errors.length; s++) expect(cp.errors[s]).toBeLessThanOrEqual(cp.errors[s - 1] * (1 + 1e-9));
    expect(cp.errors[15]).toBeLessThan(cp.errors[1]);
    expect(() => createCpAls(img, 0)).toThrow('CP rank must be a whole number from 1 to 256, got 0.');
  });
});

describe('the landscape test image', () => {
  it('is seeded, in [0, 1], survives the tensor round trip, and its σ decay lies between a gradient’s and white noise’s', () => {
    const img = landscapeImage({ size: 32 });
    expect(Array.from(landscapeImage({ size: 32 }).data)).toEqual(Array.from(img.data));
    expect(Math.min(...img.data)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...img.data)).toBeLessThanOrEqual(1);
    expect(Array.from(tensorToImage(imageToTensor(img)).data)).toEqual(Array.from(img.data));
    const n = 32;
    const rankErr = (m: Float64Array, r: number) => svdTruncationErrors(svd(m, n, n).s)[r];
    const land = rankErr(luminance(img), 4);
    const gradient = Float64Array.from({ length: n * n }, (_, i) => (i % n) / n + Math.floor(i / n) / n); // rank 2
    const noise = gaussian(n * n, 14);
    expect(rankErr(gradient, 4)).toBeLessThan(1e-10);
    expect(land).toBeGreaterThan(0.02);
    expect(land).toBeLessThan(rankErr(noise, 4) / 3);
  });
});
