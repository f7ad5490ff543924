/**
 * The adding problem (Hochreiter and Schmidhuber 1997), the classic test of long-range memory:
 * each step of a sequence of length T carries two numbers, a value uniform in [0, 1) and a mark
 * (0 or 1). Exactly two steps are marked; the target, read after the last step, is the sum of the
 * two marked values. A model that forgets just predicts the mean, 1, and scores the variance of a
 * sum of two uniforms: 2 · 1/12 = 1/6 ≈ 0.167 (the trivial baseline). To beat it the network must
 * notice a mark, hold that value for up to T − 1 steps, and add the second one.
 *
 * ```ts
 * const batch = addingBatch(createRng(1), 32, 50); // x: 32 × 50 × 2, y: 32
 * batch.x[(b * 50 + t) * 2 + 1];                    // the mark of example b at step t
 * ```
 * Marked positions are two distinct steps drawn uniformly, as in the deck's PyTorch version.
 */
import type { Rng } from '../random.ts';

/** MSE of the best constant guess (predict 1): the variance of a sum of two U(0, 1), exactly 1/6. */
export const ADDING_BASELINE = 1 / 6;

/** Shortest and longest sequence lengths the generator accepts. */
export const ADDING_LENGTH_RANGE = [2, 400] as const;

/** A batch of adding-problem sequences as flat row-major arrays. */
export interface AddingBatch {
  /** Inputs, `batch × length × 2`: (value, mark) per step. */
  x: Float32Array;
  /** Targets, `batch`: the sum of the two marked values. */
  y: Float32Array;
  /** The two marked steps of each example, `batch × 2`, first < second. */
  marks: Int32Array;
  /** Number of sequences. */
  batch: number;
  /** Steps per sequence, T. */
  length: number;
}

/** `batch` seeded adding-problem sequences of `length` steps. Throws a message naming a bad argument. */
export function addingBatch(rng: Rng, batch: number, length: number): AddingBatch {
  const [lo, hi] = ADDING_LENGTH_RANGE;
  if (!Number.isInteger(length) || length < lo || length > hi) throw new Error(`Sequence length must be a whole number from ${lo} to ${hi}, got ${length}.`);
  if (!Number.isInteger(batch) || batch < 1) throw new Error(`Batch must be a positive whole number, got ${batch}.`);
  const x = new Float32Array(batch * length * 2);
  const y = new Float32Array(batch);
  const marks = new Int32Array(batch * 2);
  for (let b = 0; b < batch; b++) {
    for (let t = 0; t < length; t++) x[(b * length + t) * 2] = rng.next();
    const first = rng.int(length);
    let second = rng.int(length - 1);
    if (second >= first) second++;
    const [p, q] = first < second ? [first, second] : [second, first];
    marks[b * 2] = p;
    marks[b * 2 + 1] = q;
    x[(b * length + p) * 2 + 1] = 1;
    x[(b * length + q) * 2 + 1] = 1;
    y[b] = x[(b * length + p) * 2] + x[(b * length + q) * 2];
  }
  return { x, y, marks, batch, length };
}
