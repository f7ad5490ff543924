/**
 * Tensor decompositions for the tensor-DL talk, in plain Float64Array loops: the truncated SVD of a
 * matrix, and Tucker (by HOSVD) and CP (by alternating least squares) of a 3-way tensor, each with
 * its parameter count and reconstruction error, so a rank slider can show what compression costs.
 *
 * ```ts
 * const f = svd(pixels, 128, 128);               // once: U, σ, V, σ sorted high to low
 * const approx = svdReconstruct(f, 10);          // rank 10: 10·(128 + 128 + 1) numbers, not 128²
 * const h = hosvd(tensor);                       // once: one factor per mode
 * const t = tuckerTruncate(h, [20, 20, 2]);      // core 20×20×2 plus three factor matrices
 * const cp = createCpAls(tensor, 8, { seed: 1 }); cp.step(); // one ALS sweep; returns the error
 * ```
 * Conventions: matrices are row-major; a tensor of shape [I, J, K] stores x[i, j, k] at
 * (i·J + j)·K + k. Errors are relative Frobenius norms ‖X − X̂‖ / ‖X‖.
 */
import { createRng } from '../random.ts';

/** A thin SVD A = U diag(σ) Vᵀ of an m × n matrix, k = min(m, n). */
export interface Svd {
  rows: number;
  cols: number;
  /** min(rows, cols). */
  k: number;
  /** Left singular vectors, `rows × k`, row-major (column j belongs to σ_j). */
  u: Float64Array;
  /** Singular values, high to low. */
  s: Float64Array;
  /** Right singular vectors, `cols × k`, row-major. */
  v: Float64Array;
  /** Jacobi sweeps used. */
  sweeps: number;
}

/** Defaults for {@link svd}. */
export const SVD_DEFAULTS = {
  /** Most Jacobi sweeps; each sweep rotates every pair of columns once (convergence is quadratic, ~6–10 suffice). */
  maxSweeps: 30,
  /** A pair counts as orthogonal when |uₚ·u_q| ≤ tol·‖uₚ‖‖u_q‖. */
  tol: 1e-12,
};

/**
 * One-sided Jacobi SVD (Hestenes 1958): rotate pairs of columns of A until every pair is
 * orthogonal. The rotations, accumulated, are V; the column norms are σ; the normalised columns
 * are U. Why this algorithm: it is a dozen lines, needs no bidiagonalisation, and is accurate even
 * for tiny singular values. Columns of U for σ = 0 are left zero (the matrix says nothing there).
 * A wide matrix is handled through its transpose.
 */
export function svd(a: ArrayLike<number>, rows: number, cols: number, options: Partial<typeof SVD_DEFAULTS> = {}): Svd {
  return finish(svdSteps(a, rows, cols, options));
}

/** Run a stepwise computation to its end. */
function finish<T>(steps: Generator<unknown, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Column pairs rotated between two yields of {@link svdSteps} (a 96-column sweep has 4,560). */
const PAIRS_PER_YIELD = 256;

/**
 * {@link svd} in pieces: yields every {@link PAIRS_PER_YIELD} column pairs (the sweeps done so far,
 * a fraction mid-sweep), returns the SVD. A page runs it between frames (see {@link runInSlices})
 * so a 96 × 96 SVD never blocks it for long: one whole sweep is ~50 ms before the JIT warms up.
 * Where it yields changes nothing in the arithmetic (a test checks it equals {@link svd}).
 */
export function* svdSteps(a: ArrayLike<number>, rows: number, cols: number, options: Partial<typeof SVD_DEFAULTS> = {}): Generator<number, Svd> {
  if (!(Number.isInteger(rows) && Number.isInteger(cols) && rows > 0 && cols > 0)) throw new Error(`svd needs positive whole dimensions, got ${rows} × ${cols}.`);
  if (a.length !== rows * cols) throw new Error(`svd: ${a.length} values do not make a ${rows} × ${cols} matrix.`);
  if (rows < cols) {
    const t = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) t[j * rows + i] = a[i * cols + j];
    const f = yield* svdSteps(t, cols, rows, options);
    return { rows, cols, k: f.k, u: f.v, s: f.s, v: f.u, sweeps: f.sweeps };
  }
  const { maxSweeps, tol } = { ...SVD_DEFAULTS, ...options };
  const m = rows;
  const n = cols;
  // Column-major copies, so the inner loops run over contiguous memory.
  const U = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) U[j * m + i] = a[i * n + j];
  const V = new Float64Array(n * n);
  for (let j = 0; j < n; j++) V[j * n + j] = 1;
  let sweeps = 0;
  let pairs = 0;
  for (let rotated = true; rotated && sweeps < maxSweeps; sweeps++) {
    rotated = false;
    for (let p = 0; p < n - 1; p++) {
      const po = p * m;
      if (pairs >= PAIRS_PER_YIELD) {
        pairs = 0;
        yield sweeps + p / n;
      }
      pairs += n - 1 - p;
      for (let q = p + 1; q < n; q++) {
        const qo = q * m;
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let i = 0; i < m; i++) {
          const x = U[po + i];
          const y = U[qo + i];
          alpha += x * x;
          beta += y * y;
          gamma += x * y;
        }
        if (gamma === 0 || Math.abs(gamma) <= tol * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        // The rotation that zeroes the off-diagonal entry of the 2 × 2 Gram matrix [[α, γ], [γ, β]].
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let i = 0; i < m; i++) {
          const x = U[po + i];
          const y = U[qo + i];
          U[po + i] = c * x - s * y;
          U[qo + i] = s * x + c * y;
        }
        const pv = p * n;
        const qv = q * n;
        for (let i = 0; i < n; i++) {
          const x = V[pv + i];
          const y = V[qv + i];
          V[pv + i] = c * x - s * y;
          V[qv + i] = s * x + c * y;
        }
      }
    }
    yield sweeps + 1;
  }
  const norms = Array.from({ length: n }, (_, j) => {
    let sum = 0;
    for (let i = 0; i < m; i++) sum += U[j * m + i] ** 2;
    return Math.sqrt(sum);
  });
  const order = Array.from({ length: n }, (_, j) => j).sort((x, y) => norms[y] - norms[x]);
  const u = new Float64Array(m * n);
  const v = new Float64Array(n * n);
  const s = new Float64Array(n);
  const tiny = (norms[order[0]] || 0) * 1e-15;
  order.forEach((src, j) => {
    s[j] = norms[src];
    const inv = norms[src] > tiny ? 1 / norms[src] : 0;
    for (let i = 0; i < m; i++) u[i * n + j] = U[src * m + i] * inv;
    for (let i = 0; i < n; i++) v[i * n + j] = V[src * n + i];
  });
  return { rows, cols, k: n, u, s, v, sweeps };
}

/** The best rank-`r` approximation (Eckart–Young) Σ_{j<r} σ_j u_j v_jᵀ, row-major `rows × cols`. */
export function svdReconstruct(f: Svd, r: number): Float64Array {
  const rank = Math.max(0, Math.min(f.k, Math.floor(r)));
  const out = new Float64Array(f.rows * f.cols);
  for (let i = 0; i < f.rows; i++) {
    for (let j = 0; j < rank; j++) {
      const us = f.u[i * f.k + j] * f.s[j];
      if (us === 0) continue;
      const o = i * f.cols;
      for (let c = 0; c < f.cols; c++) out[o + c] += us * f.v[c * f.k + j];
    }
  }
  return out;
}

/** Numbers stored by a rank-r SVD of an m × n matrix: r·(m + n + 1) (U, V and σ) against m·n. */
export function svdParamCount(rows: number, cols: number, r: number): number {
  return r * (rows + cols + 1);
}

/**
 * Relative error of the rank-r truncation straight from the singular values:
 * ‖A − A_r‖ / ‖A‖ = √(Σ_{j≥r} σ_j²) / √(Σ_j σ_j²). No reconstruction needed, so a slider can
 * show it for every rank at once.
 */
export function svdTruncationErrors(s: ArrayLike<number>): Float64Array {
  // Tails summed from the smallest σ up: subtracting from the total would cancel to ~1e-8 noise.
  const out = new Float64Array(s.length + 1);
  let tail = 0;
  for (let r = s.length - 1; r >= 0; r--) out[r] = tail += s[r] * s[r];
  const total = out[0];
  for (let r = 0; r <= s.length; r++) out[r] = total > 0 ? Math.sqrt(out[r] / total) : 0;
  return out;
}

/** A dense 3-way tensor. */
export interface Tensor3 {
  /** Values, x[i, j, k] at (i·J + j)·K + k. */
  data: Float64Array;
  /** [I, J, K]. */
  shape: [number, number, number];
}

/** Wrap values as a tensor; throws when the length does not match the shape. */
export function tensor3(data: ArrayLike<number>, shape: [number, number, number]): Tensor3 {
  const [I, J, K] = shape;
  if (![I, J, K].every((d) => Number.isInteger(d) && d > 0)) throw new Error(`A tensor needs three positive whole dimensions, got [${shape.join(', ')}].`);
  if (data.length !== I * J * K) throw new Error(`${data.length} values do not make a ${I} × ${J} × ${K} tensor.`);
  return { data: Float64Array.from(data), shape: [I, J, K] };
}

/** Frobenius norm ‖x‖. */
export function frobenius(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return Math.sqrt(s);
}

/** ‖x − y‖ / ‖x‖ (0 for an all-zero x equal to y). */
export function relativeError(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let d = 0;
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    d += (x[i] - y[i]) ** 2;
    n += x[i] * x[i];
  }
  return n > 0 ? Math.sqrt(d / n) : Math.sqrt(d);
}

/**
 * Mode-n unfolding (matricisation): the I_n × (product of the other two) matrix whose rows are
 * the slices of mode n. Columns run over the remaining indices in order (Kolda and Bader order up
 * to a permutation of columns, which changes neither the SVD's U nor σ).
 */
export function unfold(t: Tensor3, mode: 0 | 1 | 2): { data: Float64Array; rows: number; cols: number } {
  const [I, J, K] = t.shape;
  const rows = t.shape[mode];
  const cols = (I * J * K) / rows;
  const out = new Float64Array(I * J * K);
  for (let i = 0; i < I; i++) for (let j = 0; j < J; j++) for (let k = 0; k < K; k++) {
    const v = t.data[(i * J + j) * K + k];
    if (mode === 0) out[i * cols + j * K + k] = v;
    else if (mode === 1) out[j * cols + i * K + k] = v;
    else out[k * cols + i * J + j] = v;
  }
  return { data: out, rows, cols };
}

/** The mode-n product t ×ₙ M for M of shape R × I_n (row-major): mode n's index i becomes Σ_i M[r, i]·(…). */
export function modeProduct(t: Tensor3, m: ArrayLike<number>, r: number, mode: 0 | 1 | 2): Tensor3 {
  const shape = [...t.shape] as [number, number, number];
  const n = shape[mode];
  if (m.length !== r * n) throw new Error(`modeProduct: a ${r} × ${n} matrix needs ${r * n} values, got ${m.length}.`);
  shape[mode] = r;
  const [I, J, K] = t.shape;
  const [I2, J2, K2] = shape;
  const out = new Float64Array(I2 * J2 * K2);
  for (let i = 0; i < I; i++) for (let j = 0; j < J; j++) for (let k = 0; k < K; k++) {
    const v = t.data[(i * J + j) * K + k];
    if (v === 0) continue;
    for (let q = 0; q < r; q++) {
      if (mode === 0) out[(q * J2 + j) * K2 + k] += m[q * n + i] * v;
      else if (mode === 1) out[(i * J2 + q) * K2 + k] += m[q * n + j] * v;
      else out[(i * J2 + j) * K2 + q] += m[q * n + k] * v;
    }
  }
  return { data: out, shape };
}

/** The full higher-order SVD of a tensor: one orthonormal factor per mode, with that mode's singular values. */
export interface Hosvd {
  tensor: Tensor3;
  /** factors[n]: I_n × k_n, row-major, k_n = min(I_n, product of the other two); left singular vectors of unfolding n. */
  factors: [Float64Array, Float64Array, Float64Array];
  /** k_n per mode. */
  ranks: [number, number, number];
  /** singularValues[n]: the singular values of unfolding n, high to low (how fast each mode can be truncated). */
  singularValues: [Float64Array, Float64Array, Float64Array];
}

/**
 * HOSVD (De Lathauwer, De Moor and Vandewalle 2000): factor n is the left singular vectors of the
 * mode-n unfolding. Truncating each factor to r_n columns and projecting gives a Tucker model
 * that is not optimal (HOOI would refine it) but is within √3 of the best error, and nested:
 * one decomposition serves every rank a slider asks for.
 *
 * The unfoldings are wide (a 96 × 96 × 3 image unfolds to 96 × 288), so we take the SVD of the
 * small Gram matrix X₍ₙ₎X₍ₙ₎ᵀ (I_n × I_n) instead: same left singular vectors, eigenvalues σ².
 * Squaring costs precision only for singular values below ~1e-8 of the largest, far under
 * anything a rank slider shows.
 */
export function hosvd(t: Tensor3): Hosvd {
  return finish(hosvdSteps(t));
}

/** {@link hosvd} in pieces (yields as {@link svdSteps} does, and within each Gram matrix; returns the HOSVD). */
export function* hosvdSteps(t: Tensor3): Generator<number, Hosvd> {
  const fs: Svd[] = [];
  for (const mode of [0, 1, 2] as const) fs.push(yield* modeSvd(t, mode));
  return {
    tensor: t,
    factors: [fs[0].u, fs[1].u, fs[2].u],
    ranks: [fs[0].k, fs[1].k, fs[2].k],
    singularValues: [fs[0].s, fs[1].s, fs[2].s],
  };
}

/** Left singular vectors and singular values of one unfolding. */
function* modeSvd(t: Tensor3, mode: 0 | 1 | 2): Generator<number, Svd> {
  const { data, rows, cols } = unfold(t, mode);
  if (cols <= rows) return yield* svdSteps(data, rows, cols);
  const g = new Float64Array(rows * rows);
  for (let a = 0; a < rows; a++) {
    for (let b = a; b < rows; b++) {
      let sum = 0;
      for (let c = 0; c < cols; c++) sum += data[a * cols + c] * data[b * cols + c];
      g[a * rows + b] = g[b * rows + a] = sum;
    }
    // Yield every few rows of the Gram matrix (96 × 288: ~1.3 M products in all).
    if (a % 16 === 15) yield 0;
  }
  // G = V Σ² Vᵀ is symmetric, so its right singular vectors are the eigenvectors we want; V is
  // orthonormal even where σ = 0 (where U's columns would be left zero).
  const f = yield* svdSteps(g, rows, rows);
  return { ...f, u: f.v, s: f.s.map((v) => Math.sqrt(Math.max(0, v))) };
}

/**
 * Drive a stepwise computation in slices of about `sliceMs` milliseconds, yielding to the event
 * loop between slices (a page keeps painting; Node tests just run it). `shouldStop`, asked after
 * each yield, abandons it: the promise rejects with an Error named `BuildCancelled` (a widget's
 * Reset or removal made the result useless).
 */
export async function runInSlices<T>(steps: Generator<unknown, T>, sliceMs = 12, shouldStop?: () => boolean): Promise<T> {
  for (;;) {
    const start = performance.now();
    for (;;) {
      const r = steps.next();
      if (r.done) return r.value;
      if (performance.now() - start >= sliceMs) break;
    }
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (shouldStop?.()) throw Object.assign(new Error('The build was cancelled (the widget was reset or removed).'), { name: 'BuildCancelled' });
  }
}

/** A Tucker model X̂ = G ×₁ A ×₂ B ×₃ C. */
export interface Tucker {
  /** Core tensor G, shape = ranks. */
  core: Tensor3;
  /** Factor matrices, I_n × r_n, row-major. */
  factors: [Float64Array, Float64Array, Float64Array];
  ranks: [number, number, number];
  /** X̂, same shape as the tensor. */
  reconstruction: Tensor3;
  /** ‖X − X̂‖ / ‖X‖. */
  error: number;
  /** Numbers stored: r₁r₂r₃ + Σ I_n r_n. */
  params: number;
}

/** Keep the first r_n columns of each HOSVD factor: core G = X ×₁ Aᵀ ×₂ Bᵀ ×₃ Cᵀ, then X̂ = G ×₁ A ×₂ B ×₃ C. */
export function tuckerTruncate(h: Hosvd, ranks: [number, number, number]): Tucker {
  const r = ranks.map((v, n) => Math.max(1, Math.min(h.ranks[n], Math.floor(v)))) as [number, number, number];
  const shape = h.tensor.shape;
  // factors[n] truncated to r_n columns, as I_n × r_n; and its transpose r_n × I_n for the projection.
  const cut = (n: number) => {
    const full = h.factors[n];
    const k = h.ranks[n];
    const out = new Float64Array(shape[n] * r[n]);
    for (let i = 0; i < shape[n]; i++) for (let j = 0; j < r[n]; j++) out[i * r[n] + j] = full[i * k + j];
    return out;
  };
  const transpose = (m: Float64Array, rows: number, cols: number) => {
    const out = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = m[i * cols + j];
    return out;
  };
  const factors = [cut(0), cut(1), cut(2)] as [Float64Array, Float64Array, Float64Array];
  let core = h.tensor;
  for (const n of [0, 1, 2] as const) core = modeProduct(core, transpose(factors[n], shape[n], r[n]), r[n], n);
  let rec = core;
  for (const n of [0, 1, 2] as const) rec = modeProduct(rec, factors[n], shape[n], n);
  return { core, factors, ranks: r, reconstruction: rec, error: relativeError(h.tensor.data, rec.data), params: tuckerParamCount(shape, r) };
}

/** Numbers stored by a Tucker model: r₁r₂r₃ + I r₁ + J r₂ + K r₃. */
export function tuckerParamCount(shape: [number, number, number], ranks: [number, number, number]): number {
  return ranks[0] * ranks[1] * ranks[2] + shape[0] * ranks[0] + shape[1] * ranks[1] + shape[2] * ranks[2];
}

/** Numbers stored by a rank-R CP model: R·(I + J + K + 1) (three factor matrices and the weights λ). */
export function cpParamCount(shape: [number, number, number], rank: number): number {
  return rank * (shape[0] + shape[1] + shape[2] + 1);
}

/** Defaults for {@link createCpAls}. */
export const CP_DEFAULTS = {
  /** Seed of the random initial factors. */
  seed: 1,
  /** Start: 'random' (seeded Gaussian factors) or 'hosvd' (each factor's leading left singular vectors, random columns beyond them). */
  init: 'random' as 'random' | 'hosvd',
  /** Ridge added to the normal equations, relative to their trace: keeps a rank-deficient step solvable. 0 = pure least squares. */
  ridge: 1e-12,
};

/** A CP (CANDECOMP/PARAFAC) model X̂ = Σ_r λ_r a_r ∘ b_r ∘ c_r, fitted by alternating least squares. */
export interface CpAls {
  readonly rank: number;
  /** Factor matrices A (I × R), B (J × R), C (K × R), row-major, columns of unit norm. */
  readonly factors: [Float64Array, Float64Array, Float64Array];
  /** Component weights λ_r. */
  readonly lambda: Float64Array;
  /** Relative error after each sweep so far (index 0: the initial guess). */
  readonly errors: number[];
  /** One ALS sweep (update A, then B, then C); returns the relative error after it. */
  step(): number;
  /** X̂ as a tensor. */
  reconstruct(): Tensor3;
  /** Numbers stored: R·(I + J + K + 1). */
  readonly params: number;
}

/**
 * CP by alternating least squares (Carroll and Chang 1970; Harshman 1970). With B and C fixed, the
 * best A solves a linear least-squares problem:
 *   A = X₍₁₎ (C ⊙ B) (BᵀB ∗ CᵀC)⁻¹,
 * where ⊙ is the Khatri–Rao (column-wise Kronecker) product and ∗ the element-wise product; the
 * R × R system is tiny. Each update is the exact minimiser over one factor, so the error can
 * never rise from sweep to sweep (the test checks it). The product X₍₁₎(C ⊙ B) is computed
 * without forming C ⊙ B: M[i, r] = Σ_{j,k} x[i, j, k]·B[j, r]·C[k, r].
 */
export function createCpAls(t: Tensor3, rank: number, options: Partial<typeof CP_DEFAULTS> = {}): CpAls {
  const o = { ...CP_DEFAULTS, ...options };
  if (!Number.isInteger(rank) || rank < 1 || rank > 256) throw new Error(`CP rank must be a whole number from 1 to 256, got ${rank}.`);
  const [I, J, K] = t.shape;
  const R = rank;
  const rng = createRng(o.seed);
  if (o.init !== 'random' && o.init !== 'hosvd') throw new Error(`CP init must be random or hosvd, got ${String(o.init)}.`);
  const h = o.init === 'hosvd' ? hosvd(t) : null;
  const init = (mode: 0 | 1 | 2) => {
    const n = t.shape[mode];
    const f = Float64Array.from({ length: n * R }, () => rng.normal(0, 1));
    if (h) {
      const k = Math.min(R, h.ranks[mode]);
      for (let i = 0; i < n; i++) for (let r = 0; r < k; r++) f[i * R + r] = h.factors[mode][i * h.ranks[mode] + r];
    }
    return f;
  };
  const factors: [Float64Array, Float64Array, Float64Array] = [init(0), init(1), init(2)];
  const lambda = new Float64Array(R).fill(1);
  const dims = [I, J, K];
  const norm = frobenius(t.data);
  const errors: number[] = [];

  const gram = (f: Float64Array, n: number) => {
    const g = new Float64Array(R * R);
    for (let i = 0; i < n; i++) for (let a = 0; a < R; a++) {
      const v = f[i * R + a];
      for (let b = 0; b < R; b++) g[a * R + b] += v * f[i * R + b];
    }
    return g;
  };

  /** MTTKRP for `mode`: dims[mode] × R. */
  const mttkrp = (mode: 0 | 1 | 2) => {
    const [A, B, C] = factors;
    const out = new Float64Array(dims[mode] * R);
    const tmp = new Float64Array(R);
    for (let i = 0; i < I; i++) for (let j = 0; j < J; j++) {
      tmp.fill(0);
      const base = (i * J + j) * K;
      if (mode === 2) {
        // out[k, r] += x[i,j,k]·A[i,r]·B[j,r]
        for (let r = 0; r < R; r++) tmp[r] = A[i * R + r] * B[j * R + r];
        for (let k = 0; k < K; k++) {
          const x = t.data[base + k];
          if (x === 0) continue;
          for (let r = 0; r < R; r++) out[k * R + r] += x * tmp[r];
        }
        continue;
      }
      for (let k = 0; k < K; k++) {
        const x = t.data[base + k];
        if (x === 0) continue;
        for (let r = 0; r < R; r++) tmp[r] += x * C[k * R + r];
      }
      const row = mode === 0 ? i : j;
      const other = mode === 0 ? B : A;
      const oi = mode === 0 ? j : i;
      for (let r = 0; r < R; r++) out[row * R + r] += tmp[r] * other[oi * R + r];
    }
    return out;
  };

  const update = (mode: 0 | 1 | 2) => {
    const others = ([0, 1, 2] as const).filter((n) => n !== mode);
    const g1 = gram(factors[others[0]], dims[others[0]]);
    const g2 = gram(factors[others[1]], dims[others[1]]);
    const h = g1.map((v, i) => v * g2[i]);
    let trace = 0;
    for (let a = 0; a < R; a++) trace += h[a * R + a];
    for (let a = 0; a < R; a++) h[a * R + a] += o.ridge * (trace / R || 1);
    const m = mttkrp(mode);
    // The other factors have unit columns and λ holds the scale; the solve gives A·diag(λ) directly.
    const chol = cholesky(h, R);
    const f = factors[mode];
    for (let i = 0; i < dims[mode]; i++) solveCholesky(chol, R, m.subarray(i * R, (i + 1) * R), f.subarray(i * R, (i + 1) * R));
    for (let r = 0; r < R; r++) {
      let s = 0;
      for (let i = 0; i < dims[mode]; i++) s += f[i * R + r] ** 2;
      s = Math.sqrt(s);
      lambda[r] = s;
      if (s > 0) for (let i = 0; i < dims[mode]; i++) f[i * R + r] /= s;
    }
  };

  const reconstruct = (): Tensor3 => {
    const [A, B, C] = factors;
    const out = new Float64Array(I * J * K);
    const ab = new Float64Array(R);
    for (let i = 0; i < I; i++) for (let j = 0; j < J; j++) {
      for (let r = 0; r < R; r++) ab[r] = lambda[r] * A[i * R + r] * B[j * R + r];
      const base = (i * J + j) * K;
      for (let k = 0; k < K; k++) {
        let s = 0;
        for (let r = 0; r < R; r++) s += ab[r] * C[k * R + r];
        out[base + k] = s;
      }
    }
    return { data: out, shape: [I, J, K] };
  };

  // Normalise the random start so λ carries the scale from the first sweep on.
  for (const n of [0, 1] as const) {
    const f = factors[n];
    for (let r = 0; r < R; r++) {
      let s = 0;
      for (let i = 0; i < dims[n]; i++) s += f[i * R + r] ** 2;
      s = Math.sqrt(s);
      if (s > 0) for (let i = 0; i < dims[n]; i++) f[i * R + r] /= s;
    }
  }
  const error = () => (norm > 0 ? relativeError(t.data, reconstruct().data) : 0);
  errors.push(error());

  return {
    rank: R,
    factors,
    lambda,
    errors,
    params: cpParamCount(t.shape, R),
    step() {
      update(0);
      update(1);
      update(2);
      const e = error();
      errors.push(e);
      return e;
    },
    reconstruct,
  };
}

/** Cholesky factor L (lower, row-major) of a symmetric positive definite n × n matrix. */
function cholesky(a: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
      if (i === j) l[i * n + i] = Math.sqrt(Math.max(s, 1e-300));
      else l[i * n + j] = s / l[j * n + j];
    }
  }
  return l;
}

/** Solve (L Lᵀ) x = b for one right-hand side; `x` may alias nothing in `b`. */
function solveCholesky(l: Float64Array, n: number, b: ArrayLike<number>, x: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * n + k] * x[k];
    x[i] = s / l[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * x[k];
    x[i] = s / l[i * n + i];
  }
}

/** Run CP-ALS for up to `sweeps` sweeps, stopping early when the error improves by less than `tol` (relative). */
export function cpAls(t: Tensor3, rank: number, sweeps = 200, tol = 1e-10, options: Partial<typeof CP_DEFAULTS> = {}): CpAls {
  const cp = createCpAls(t, rank, options);
  for (let s = 0; s < sweeps; s++) {
    const before = cp.errors[cp.errors.length - 1];
    const after = cp.step();
    if (before - after <= tol * Math.max(before, 1e-300)) break;
  }
  return cp;
}

/** A channel-major image (`channels × height × width`) as a height × width × channels tensor: rows, columns, colour. */
export function imageToTensor(image: { data: ArrayLike<number>; width: number; height: number; channels: number }): Tensor3 {
  const { width: w, height: h, channels: c } = image;
  const out = new Float64Array(w * h * c);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let ch = 0; ch < c; ch++) out[(y * w + x) * c + ch] = image.data[(ch * h + y) * w + x];
  return { data: out, shape: [h, w, c] };
}

/** The inverse of {@link imageToTensor}, clamped to [0, 1] for display: `channels × height × width`. */
export function tensorToImage(t: Tensor3): { data: Float32Array; width: number; height: number; channels: number } {
  const [h, w, c] = t.shape;
  const data = new Float32Array(w * h * c);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let ch = 0; ch < c; ch++) data[(ch * h + y) * w + x] = Math.max(0, Math.min(1, t.data[(y * w + x) * c + ch]));
  return { data, width: w, height: h, channels: c };
}
