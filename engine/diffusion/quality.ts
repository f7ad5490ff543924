/**
 * How close are generated points to the data? Maximum mean discrepancy (MMD) with a Gaussian (RBF)
 * kernel: MMD²(P, Q) = E k(x, x′) + E k(y, y′) − 2 E k(x, y), x ~ P, y ~ Q. It is 0 exactly when
 * the two distributions agree (for a characteristic kernel like the RBF), needs no density, and
 * works on raw point clouds. We sum three bandwidths so both fine detail (a thin swiss-roll arm)
 * and coarse placement (the right blobs at all) count.
 */
import { createRng } from '../random.ts';
import { normalArray } from './schedule.ts';

/** Kernel bandwidths h in k(a, b) = exp(−‖a − b‖² / (2h²)), in data units (data spans about ±2). */
export const MMD_BANDWIDTHS = [0.1, 0.3, 1] as const;
/** At most this many points per side enter the O(n·m) sum (a seeded-free prefix: callers shuffle). */
export const MMD_MAX_POINTS = 600;

function meanKernel(a: Float32Array, na: number, b: Float32Array, nb: number, inv: number[]): number {
  let s = 0;
  for (let i = 0; i < na; i++) {
    const ax = a[2 * i];
    const ay = a[2 * i + 1];
    for (let j = 0; j < nb; j++) {
      const dx = ax - b[2 * j];
      const dy = ay - b[2 * j + 1];
      const d2 = dx * dx + dy * dy;
      for (let k = 0; k < inv.length; k++) s += Math.exp(-d2 * inv[k]);
    }
  }
  return s / (na * nb * inv.length);
}

/**
 * MMD (the square root of the biased estimate of MMD², so it is ≥ 0 and in data-distance-like units)
 * between two point clouds given as n × 2 arrays. Uses at most `maxPoints` rows of each (fewer: faster, noisier).
 */
export function mmd(a: Float32Array, b: Float32Array, maxPoints = MMD_MAX_POINTS): number {
  const na = Math.min(a.length / 2, maxPoints);
  const nb = Math.min(b.length / 2, maxPoints);
  if (na < 1 || nb < 1) return NaN;
  const inv = MMD_BANDWIDTHS.map((h) => 1 / (2 * h * h));
  const v = meanKernel(a, na, a, na, inv) + meanKernel(b, nb, b, nb, inv) - 2 * meanKernel(a, na, b, nb, inv);
  return Math.sqrt(Math.max(0, v));
}

/** The score of doing nothing: MMD between pure noise N(0, I) and the data (what x_T looks like). */
export function noiseBaselineMmd(data: Float32Array, seed = 7): number {
  const n = Math.min(data.length / 2, MMD_MAX_POINTS);
  return mmd(normalArray(n * 2, createRng(seed)), data);
}
