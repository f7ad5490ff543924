/**
 * Noise schedules and the forward (noising) process of a DDPM, in plain arrays.
 *
 * The forward process adds a little Gaussian noise at each of T steps:
 *   q(x_t | x_{t−1}) = N(√(1−β_t) x_{t−1}, β_t I).
 * Composing the steps gives a closed form, so training never has to iterate:
 *   q(x_t | x_0) = N(√ᾱ_t x_0, (1−ᾱ_t) I),   α_t = 1 − β_t,   ᾱ_t = ∏_{s ≤ t} α_s,
 * i.e. x_t = √ᾱ_t x_0 + √(1−ᾱ_t) ε with ε ~ N(0, I).
 *
 * Index convention: arrays are 0-based, entry t describes step t + 1 of the paper (t = 0 is the
 * first, least noisy step; t = T − 1 the last, where ᾱ is nearly 0).
 *
 * ```ts
 * const s = createSchedule('cosine', 100);
 * s.alphaBars[99]; // ≈ 0: x_T is almost pure noise
 * ```
 */
import type { Rng } from '../random.ts';

/** Schedule kinds. */
export const SCHEDULES = ['linear', 'cosine'] as const;
/** One schedule kind. */
export type ScheduleKind = (typeof SCHEDULES)[number];

/** β_t, α_t and ᾱ_t for t = 0 … T − 1. */
export interface NoiseSchedule {
  /** Which formula made it. */
  kind: ScheduleKind;
  /** Number of steps T. */
  steps: number;
  /** Noise added at each step, β_t ∈ (0, 1). */
  betas: Float64Array;
  /** α_t = 1 − β_t. */
  alphas: Float64Array;
  /** ᾱ_t = ∏ α_s: how much signal survives to step t. Decreasing, in (0, 1]. */
  alphaBars: Float64Array;
}

/**
 * Build a schedule with T steps.
 * - linear (Ho et al. 2020): β from 10⁻⁴ to 0.02 over T = 1000, rescaled by 1000/T so shorter
 *   chains still reach pure noise (the rescaling of Nichol & Dhariwal 2021).
 * - cosine (Nichol & Dhariwal 2021): ᾱ_t = f(t)/f(0), f(t) = cos²(((t/T) + s)/(1 + s) · π/2),
 *   s = 0.008, β clipped at 0.999. It destroys information more evenly across t.
 */
export function createSchedule(kind: ScheduleKind, steps: number): NoiseSchedule {
  if (!(SCHEDULES as readonly string[]).includes(kind)) throw new Error(`Unknown schedule "${kind}". Use one of: ${SCHEDULES.join(', ')}.`);
  if (!Number.isInteger(steps) || steps < 2 || steps > 4000) throw new Error(`Number of diffusion steps must be an integer from 2 to 4000, got ${steps}.`);
  const betas = new Float64Array(steps);
  if (kind === 'linear') {
    const scale = 1000 / steps;
    const lo = 1e-4 * scale;
    const hi = Math.min(0.999, 0.02 * scale);
    for (let t = 0; t < steps; t++) betas[t] = lo + ((hi - lo) * t) / (steps - 1);
  } else {
    const s = 0.008;
    const f = (t: number) => Math.cos((((t / steps) + s) / (1 + s)) * (Math.PI / 2)) ** 2;
    for (let t = 0; t < steps; t++) betas[t] = Math.min(0.999, 1 - f(t + 1) / f(t));
  }
  const alphas = new Float64Array(steps);
  const alphaBars = new Float64Array(steps);
  let prod = 1;
  for (let t = 0; t < steps; t++) {
    alphas[t] = 1 - betas[t];
    prod *= alphas[t];
    alphaBars[t] = prod;
  }
  return { kind, steps, betas, alphas, alphaBars };
}

/**
 * Closed-form forward sample x_t = √ᾱ_t x_0 + √(1−ᾱ_t) ε for every row of `x0` (n × 2) at step
 * `t`, given the noise ε (same shape). Returns a new array.
 */
export function noiseTo(x0: Float32Array, eps: Float32Array, alphaBar: number): Float32Array {
  const a = Math.sqrt(alphaBar);
  const b = Math.sqrt(1 - alphaBar);
  const out = new Float32Array(x0.length);
  for (let i = 0; i < x0.length; i++) out[i] = a * x0[i] + b * eps[i];
  return out;
}

/** Draw `count` standard normals from `rng` into a new Float32Array. */
export function normalArray(count: number, rng: Rng): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = rng.normal();
  return out;
}

/** q(x_t | x_0) by its closed form: draws ε from `rng`. Returns x_t and the ε used. */
export function qSample(x0: Float32Array, t: number, schedule: NoiseSchedule, rng: Rng): { xt: Float32Array; eps: Float32Array } {
  const eps = normalArray(x0.length, rng);
  return { xt: noiseTo(x0, eps, schedule.alphaBars[t]), eps };
}

/**
 * q(x_t | x_0) the long way: apply the one-step kernel q(x_s | x_{s−1}) for s = 0 … t. Used by the
 * tests (and the deck's argument) to show the closed form is the same distribution.
 */
export function iterateNoise(x0: Float32Array, t: number, schedule: NoiseSchedule, rng: Rng): Float32Array {
  const x = x0.slice();
  for (let s = 0; s <= t; s++) {
    const keep = Math.sqrt(schedule.alphas[s]);
    const std = Math.sqrt(schedule.betas[s]);
    for (let i = 0; i < x.length; i++) x[i] = keep * x[i] + std * rng.normal();
  }
  return x;
}

/**
 * The timesteps a sampler with `count` steps visits, from noisiest to cleanest: evenly spaced over
 * 0 … T − 1 and always including both ends (count = T visits every step).
 */
export function samplingTimesteps(steps: number, count: number): number[] {
  const n = Math.max(2, Math.min(steps, Math.round(count)));
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = Math.round((i * (steps - 1)) / (n - 1));
    if (out[out.length - 1] !== t) out.push(t);
  }
  return out.reverse();
}
