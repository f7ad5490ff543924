/**
 * Copy with a delay (Hochreiter and Schmidhuber 1997; the "copying memory" problem of Arjovsky et
 * al. 2016), a test of memory with no arithmetic in it: a sequence shows K symbols drawn from an
 * alphabet of A, then T − 1 blanks, then a marker, then K more blanks. At every step the network
 * names a class (blank or one of the A symbols); the target is blank for the first K + T steps
 * and the K symbols, in order, for the last K. Sequences are T + 2K steps long.
 *
 * The loss is the cross-entropy per step, averaged over all T + 2K steps. A network without
 * memory can still learn where the blanks go (the marker says when to recall) but can only guess
 * the symbols, uniformly: its loss is K · log A / (T + 2K), the memoryless baseline. To beat it the
 * network must hold the K symbols for T steps.
 *
 * ```ts
 * const batch = copyBatch(createRng(1), 32, 20);   // K = 2 symbols of A = 4, delay T = 20: 24 steps
 * batch.x[(b * 24 + t) * 6 + batch.tokens[b * 24 + t]]; // 1: the inputs are one-hot, width A + 2
 * batch.targets[b * 24 + 22];                       // the first symbol, to be recalled at step K + T
 * copyBaseline(20, 2, 4);                           // 2 · ln 4 / 24 ≈ 0.116
 * ```
 */
import type { Rng } from '../random.ts';

/** Defaults for {@link copyBatch}. */
export const COPY_DEFAULTS = {
  /** Alphabet size A: the symbols are 1 … A (2–8). Two of 4 symbols are 4 bits: enough to need a memory, few enough that 8 hidden units learn it in a minute. */
  symbols: 4,
  /** Symbols to remember, K (1–10). */
  count: 2,
};

/** Options for {@link copyBatch}; anything left out takes its {@link COPY_DEFAULTS} value. */
export type CopyOptions = Partial<typeof COPY_DEFAULTS>;

/** Shortest and longest delays T the generator accepts. */
export const COPY_DELAY_RANGE = [1, 400] as const;

/** A batch of copy-with-delay sequences as flat row-major arrays. */
export interface CopyBatch {
  /** One-hot inputs, `batch × length × (symbols + 2)`: index 0 blank, 1 … A a symbol, A + 1 the marker. */
  x: Float32Array;
  /** The input token per step, `batch × length` (the index of the 1 in `x`). */
  tokens: Int32Array;
  /** The wanted class per step, `batch × length`: 0 blank, 1 … A a symbol. */
  targets: Int32Array;
  /** Number of sequences. */
  batch: number;
  /** Steps per sequence, T + 2K. */
  length: number;
  /** The delay T: the marker is at step K + T − 1 (0-based). */
  delay: number;
  /** Symbols to remember, K. */
  count: number;
  /** Alphabet size, A. */
  symbols: number;
}

/** The memoryless baseline: cross-entropy per step of guessing the K symbols uniformly and every blank right, K · ln A / (T + 2K). */
export function copyBaseline(delay: number, count = COPY_DEFAULTS.count, symbols = COPY_DEFAULTS.symbols): number {
  return (count * Math.log(symbols)) / (delay + 2 * count);
}

/** Throws a message naming a bad option. */
export function checkCopyOptions(delay: number, count: number, symbols: number): void {
  const [lo, hi] = COPY_DELAY_RANGE;
  if (!Number.isInteger(delay) || delay < lo || delay > hi) throw new Error(`Delay must be a whole number from ${lo} to ${hi}, got ${delay}.`);
  if (!Number.isInteger(count) || count < 1 || count > 10) throw new Error(`count (symbols to remember) must be a whole number from 1 to 10, got ${count}.`);
  if (!Number.isInteger(symbols) || symbols < 2 || symbols > 8) throw new Error(`symbols (alphabet size) must be a whole number from 2 to 8, got ${symbols}.`);
}

/** `batch` seeded copy-with-delay sequences with delay `delay`. Throws a message naming a bad argument. */
export function copyBatch(rng: Rng, batch: number, delay: number, options: CopyOptions = {}): CopyBatch {
  const { symbols, count } = { ...COPY_DEFAULTS, ...options };
  checkCopyOptions(delay, count, symbols);
  if (!Number.isInteger(batch) || batch < 1) throw new Error(`Batch must be a positive whole number, got ${batch}.`);
  const length = delay + 2 * count;
  const width = symbols + 2;
  const x = new Float32Array(batch * length * width);
  const tokens = new Int32Array(batch * length);
  const targets = new Int32Array(batch * length);
  for (let b = 0; b < batch; b++) {
    const row = b * length;
    for (let k = 0; k < count; k++) {
      const s = 1 + rng.int(symbols);
      tokens[row + k] = s;
      targets[row + count + delay + k] = s;
    }
    tokens[row + count + delay - 1] = symbols + 1; // the marker: "recall now"
    for (let t = 0; t < length; t++) x[(row + t) * width + tokens[row + t]] = 1;
  }
  return { x, tokens, targets, batch, length, delay, count, symbols };
}
