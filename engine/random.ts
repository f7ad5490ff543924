/**
 * Seeded randomness. Every generator, initializer and batch order in the engine takes an `Rng`,
 * so one seed reproduces a whole run. We never touch `Math.random`.
 *
 * ```ts
 * const rng = createRng(42);
 * rng.next();        // uniform in [0, 1)
 * rng.normal(0, 1);  // Gaussian
 * rng.shuffle([1, 2, 3]);
 * ```
 */

/** A seeded pseudo-random source. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** Gaussian with the given mean and standard deviation (Box–Muller). */
  normal(mean?: number, std?: number): number;
  /** Shuffles `items` in place (Fisher–Yates) and returns it. */
  shuffle<T>(items: T[]): T[];
  /** A new independent stream derived from this one (for sub-tasks that must not shift each other). */
  fork(): Rng;
}

/**
 * mulberry32: 32 bits of state, fast, and good enough for teaching demos (not for cryptography).
 * Seeds are any finite number; they are folded to 32 bits.
 */
export function createRng(seed: number): Rng {
  let state = (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
  let spare: number | null = null;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng: Rng = {
    next,
    uniform: (lo, hi) => lo + (hi - lo) * next(),
    int: (n) => Math.floor(next() * n),
    normal(mean = 0, std = 1) {
      if (spare !== null) {
        const z = spare;
        spare = null;
        return mean + std * z;
      }
      let u = 0;
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return mean + std * r * Math.cos(2 * Math.PI * v);
    },
    shuffle(items) {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [items[i], items[j]] = [items[j], items[i]];
      }
      return items;
    },
    fork: () => createRng(Math.floor(next() * 4294967296)),
  };
  return rng;
}
