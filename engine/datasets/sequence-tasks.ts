/**
 * Toy sequence tasks whose solutions are attention patterns a student can read.
 *
 * ```ts
 * const task = createSequenceTask('reverse', { symbols: 10, length: 8 });
 * const batch = task.sample(createRng(1), 64); // inputs, targets, weights: 64 × 8 each
 * task.info.causal;                            // false: every position may look everywhere
 * ```
 * - reverse:   output position i copies input position n−1−i → the anti-diagonal.
 * - copy:      output i copies input i → the diagonal.
 * - sort:      output i is the i-th smallest input → attention follows content, not position.
 * - induction: random filler, then a random block, then the block again, read left to right (causal,
 *   next-token). The block's length, and so where the copy starts, changes from example to example,
 *   so no fixed positional offset works: in the second copy, "… A B … A → B", the model must find the
 *   earlier A by content and copy what came after it. That takes two layers (a previous-token head,
 *   then an induction head) and draws the induction stripe.
 */
import type { Rng } from '../random.ts';

/** The task names. */
export const SEQUENCE_TASKS = ['reverse', 'sort', 'copy', 'induction'] as const;
/** One task name. */
export type SequenceTaskName = (typeof SEQUENCE_TASKS)[number];

/** Defaults for {@link createSequenceTask}. */
export const SEQUENCE_TASK_DEFAULTS = {
  /** Alphabet size (distinct symbols), 2–26. */
  symbols: 10,
  /** Sequence length; 0 picks the task's own default (8, or 12 for induction). */
  length: 0,
};

/** A batch of examples as flat row-major arrays, `batch × length` each. */
export interface SequenceBatch {
  /** Token ids fed to the model. */
  inputs: Int32Array;
  /** The wanted token at each position. */
  targets: Int32Array;
  /** 1 where the position counts in the loss and accuracy, 0 where nothing can be predicted. */
  weights: Float32Array;
  /** Number of sequences. */
  batch: number;
  /** Tokens per sequence. */
  length: number;
}

/** What a task is. */
export interface SequenceTaskInfo {
  name: SequenceTaskName;
  /** Number of distinct tokens. */
  vocabSize: number;
  /** Tokens per sequence. */
  length: number;
  /** Whether the task is read left to right (a causal mask); false means all positions see all. */
  causal: boolean;
  /** Printable label per token id. */
  labels: string[];
  /** One line for a caption. */
  description: string;
}

/** A seeded example generator. */
export interface SequenceTask {
  readonly info: SequenceTaskInfo;
  /** `batch` random examples. */
  sample(rng: Rng, batch: number): SequenceBatch;
  /** Targets and weights for one given input (for a typed or picked example). */
  solve(input: ArrayLike<number>): { targets: Int32Array; weights: Float32Array };
  /** Parse typed text into token ids (labels, optionally separated by spaces or commas). Throws a readable message. */
  parse(text: string): Int32Array;
}

const DESCRIPTIONS: Record<SequenceTaskName, string> = {
  reverse: 'Output the input backwards: position i copies position n−1−i.',
  sort: 'Output the input symbols in increasing order.',
  copy: 'Output the input unchanged.',
  induction: 'Filler, a block, the block again; predict the next token. In the repeat, “… A B … A → B”.',
};

/** Build a task. Throws a message naming the bad option. */
export function createSequenceTask(name: SequenceTaskName, options: Partial<typeof SEQUENCE_TASK_DEFAULTS> = {}): SequenceTask {
  if (!(SEQUENCE_TASKS as readonly string[]).includes(name)) {
    throw new Error(`Unknown task "${name}". Use one of: ${SEQUENCE_TASKS.join(', ')}.`);
  }
  const o = { ...SEQUENCE_TASK_DEFAULTS, ...options };
  const symbols = o.symbols;
  if (!Number.isInteger(symbols) || symbols < 2 || symbols > 26) throw new Error(`Symbols must be a whole number from 2 to 26, got ${symbols}.`);
  const length = o.length || (name === 'induction' ? 12 : 8);
  if (!Number.isInteger(length) || length < 2 || length > 32) throw new Error(`Length must be a whole number from 2 to 32, got ${length}.`);
  if (name === 'induction' && (length % 2 !== 0 || length < 6)) throw new Error(`The induction task needs an even length of at least 6, got ${length}.`);
  if (name === 'induction' && symbols < length / 2) throw new Error(`The induction task needs at least length/2 = ${length / 2} symbols for distinct tokens in its block, got ${symbols}.`);
  const labels = Array.from({ length: symbols }, (_, i) => (symbols <= 10 ? String(i) : String.fromCharCode(65 + i)));
  const causal = name === 'induction';
  const info: SequenceTaskInfo = { name, vocabSize: symbols, length, causal, labels, description: DESCRIPTIONS[name] };
  const half = length / 2;
  // Shortest induction block: 2, or longer when the alphabet cannot fill the front with new tokens.
  const minBlock = Math.min(half, Math.max(2, length - symbols));

  const solveInto = (x: ArrayLike<number>, t: Int32Array, w: Float32Array, off: number) => {
    if (name === 'reverse') for (let i = 0; i < length; i++) t[off + i] = x[length - 1 - i];
    else if (name === 'copy') for (let i = 0; i < length; i++) t[off + i] = x[i];
    else if (name === 'sort') {
      const s = Array.from({ length }, (_, i) => x[i]).sort((a, b) => a - b);
      for (let i = 0; i < length; i++) t[off + i] = s[i];
    } else {
      // Next-token targets. Every token before the second copy is new, so a position is
      // predictable exactly when its token occurred before (and it is not the last position).
      for (let i = 0; i < length; i++) {
        t[off + i] = i + 1 < length ? x[i + 1] : 0;
        let seen = false;
        for (let j = 0; j < i && !seen; j++) seen = x[j] === x[i];
        w[off + i] = seen && i + 1 < length ? 1 : 0;
      }
      return;
    }
    for (let i = 0; i < length; i++) w[off + i] = 1;
  };

  return {
    info,
    sample(rng, batch) {
      const inputs = new Int32Array(batch * length);
      const targets = new Int32Array(batch * length);
      const weights = new Float32Array(batch * length);
      const row = new Int32Array(length);
      const pool = Array.from({ length: symbols }, (_, i) => i);
      for (let b = 0; b < batch; b++) {
        if (name === 'induction') {
          // Block length b from minBlock to half; filler fills the front. All tokens before the
          // second copy are distinct, so "the token after the earlier A" is unambiguous.
          const b = minBlock + rng.int(half - minBlock + 1);
          const filler = length - 2 * b;
          for (let i = 0; i < filler + b; i++) {
            const j = i + rng.int(symbols - i);
            [pool[i], pool[j]] = [pool[j], pool[i]];
            row[i] = pool[i];
          }
          for (let i = 0; i < b; i++) row[filler + b + i] = row[filler + i];
        } else for (let i = 0; i < length; i++) row[i] = rng.int(symbols);
        inputs.set(row, b * length);
        solveInto(row, targets, weights, b * length);
      }
      return { inputs, targets, weights, batch, length };
    },
    solve(input) {
      const targets = new Int32Array(length);
      const weights = new Float32Array(length);
      solveInto(input, targets, weights, 0);
      return { targets, weights };
    },
    parse(text) {
      const trimmed = text.trim();
      const parts = /[\s,]/.test(trimmed) ? trimmed.split(/[\s,]+/).filter(Boolean) : [...trimmed];
      if (parts.length !== length) throw new Error(`type exactly ${length} symbols from ${labels[0]}–${labels[symbols - 1]} (got ${parts.length}).`);
      const ids = new Int32Array(length);
      parts.forEach((p, i) => {
        const id = labels.indexOf(p.toUpperCase());
        if (id < 0) throw new Error(`"${p}" is not a symbol; use ${labels[0]}–${labels[symbols - 1]}.`);
        ids[i] = id;
      });
      return ids;
    },
  };
}
