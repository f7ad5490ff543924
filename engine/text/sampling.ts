/**
 * Turning a language model's next-token logits into a choice, the four ways a slide compares:
 * temperature (divide the logits before the softmax: below 1 sharpens, above 1 flattens), top-k
 * (keep the k most likely tokens), top-p or nucleus sampling (keep the fewest tokens whose
 * probabilities add up to p; Holtzman et al. 2020) and greedy (always the most likely token).
 * Plain JavaScript on Float32Arrays, so the bars a widget draws are exactly what is sampled from.
 *
 * ```ts
 * const p = samplingDistribution(logits, { temperature: 0.8, topK: 10, topP: 0.95 });
 * const next = sampleIndex(p, createRng(1));
 * ```
 */
import type { Rng } from '../random.ts';

/** Defaults for {@link samplingDistribution}. */
export const SAMPLING_DEFAULTS = {
  /** Logits are divided by this before the softmax; must be > 0 (greedy is the limit as it → 0). */
  temperature: 1,
  /** Keep only the k most likely tokens; 0 keeps all. */
  topK: 0,
  /** Keep the smallest set of most likely tokens whose probability reaches p; 1 keeps all. */
  topP: 1,
  /** Always pick the most likely token (the distribution becomes one-hot). */
  greedy: false,
};

/** Options for {@link samplingDistribution}; every field has a default. */
export type SamplingOptions = Partial<typeof SAMPLING_DEFAULTS>;

/** Throws a readable message for a bad sampling option. */
export function validateSampling(o: SamplingOptions): void {
  if (o.temperature !== undefined && !(o.temperature > 0 && Number.isFinite(o.temperature))) throw new Error(`Temperature must be a positive number, got ${o.temperature}.`);
  if (o.topK !== undefined && !(Number.isInteger(o.topK) && o.topK >= 0)) throw new Error(`Top-k must be a whole number ≥ 0 (0 = off), got ${o.topK}.`);
  if (o.topP !== undefined && !(o.topP > 0 && o.topP <= 1)) throw new Error(`Top-p must be in (0, 1] (1 = off), got ${o.topP}.`);
}

/** Softmax of `logits / temperature`, computed stably (the largest logit is subtracted first). */
export function softmaxWithTemperature(logits: ArrayLike<number>, temperature = 1): Float32Array {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]);
  const p = new Float32Array(logits.length);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += p[i] = Math.exp((logits[i] - max) / temperature);
  for (let i = 0; i < p.length; i++) p[i] /= sum;
  return p;
}

/** The distribution that sampling draws from after temperature, top-k, top-p and greedy; sums to 1. */
export function samplingDistribution(logits: ArrayLike<number>, options: SamplingOptions = {}): Float32Array {
  validateSampling(options);
  const o = { ...SAMPLING_DEFAULTS, ...options };
  const n = logits.length;
  if (o.greedy) {
    let best = 0;
    for (let i = 1; i < n; i++) if (logits[i] > logits[best]) best = i;
    const p = new Float32Array(n);
    p[best] = 1;
    return p;
  }
  const p = softmaxWithTemperature(logits, o.temperature);
  if ((o.topK > 0 && o.topK < n) || o.topP < 1) {
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => p[b] - p[a] || a - b);
    let keep = o.topK > 0 ? Math.min(o.topK, n) : n;
    if (o.topP < 1) {
      // Nucleus: walk down the sorted list until the kept mass reaches p (always keep at least one).
      let mass = 0;
      for (let r = 0; r < keep; r++) {
        mass += p[order[r]];
        if (mass >= o.topP) {
          keep = r + 1;
          break;
        }
      }
    }
    let kept = 0;
    for (let r = 0; r < n; r++) {
      if (r < keep) kept += p[order[r]];
      else p[order[r]] = 0;
    }
    for (let i = 0; i < n; i++) p[i] /= kept;
  }
  return p;
}

/** Draw an index from a distribution that sums to 1. */
export function sampleIndex(p: ArrayLike<number>, rng: Rng): number {
  const u = rng.next();
  let acc = 0;
  let last = 0;
  for (let i = 0; i < p.length; i++) {
    if (p[i] <= 0) continue;
    acc += p[i];
    last = i;
    if (u < acc) return i;
  }
  return last; // rounding left u just above the total
}

/** The k largest entries of `p`, most likely first (for the top-10 bars). */
export function topEntries(p: ArrayLike<number>, k: number): { index: number; p: number }[] {
  return Array.from({ length: p.length }, (_, index) => ({ index, p: p[index] }))
    .sort((a, b) => b.p - a.p || a.index - b.index)
    .slice(0, k);
}
