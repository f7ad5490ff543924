/**
 * Seeded sequence-to-sequence tasks for an encoder–decoder: a source string in, a target string
 * out (which ends with an end token), chosen so the cross-attention map is a picture a student can
 * read.
 *
 * ```ts
 * const task = createSeq2SeqTask('date');
 * const b = task.sample(createRng(1), 64);  // source 64 × 10, decoderInput and target 64 × 9
 * task.format(task.solve(task.parse('2024-03-17'))); // "03/17/24■"
 * ```
 * - reverse: 8 digits → the same digits backwards. Output i copies input 7 − i: an anti-diagonal.
 * - sort:    8 digits → the same digits in increasing order. Output i copies wherever the i-th
 *   smallest digit sits: a permutation that changes with every input.
 * - date:    an ISO date "2024-03-17" (10 characters) → US style "03/17/24" (8): month, then day,
 *   then the last two digits of the year. A reordering "translation" whose output is shorter than
 *   its input; the map is 9 × 10 and its blocks say which part of the date each output came from.
 *
 * One vocabulary for all tasks: the digits 0–9, "-", "/", a start token ▸ (the decoder's first
 * input) and an end token ■ (its last output), so greedy decoding stops on its own.
 */
import type { Rng } from '../random.ts';

/** The task names. */
export const SEQ2SEQ_TASKS = ['reverse', 'sort', 'date'] as const;
/** One task name. */
export type Seq2SeqTaskName = (typeof SEQ2SEQ_TASKS)[number];

/** Printable label per token id: digits, "-", "/", start ▸, end ■. */
export const SEQ2SEQ_LABELS: readonly string[] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '-', '/', '▸', '■'];
/** The start token: the decoder's first input. */
export const SEQ2SEQ_BOS = 12;
/** The end token: the target's last token; decoding stops when it is written. */
export const SEQ2SEQ_EOS = 13;

const DASH = 10;
const SLASH = 11;
const DIGITS = 8;

/** A batch as flat row-major arrays. */
export interface Seq2SeqBatch {
  /** Encoder input, `batch × sourceLength`. */
  source: Int32Array;
  /** Decoder input (teacher forcing: ▸ then the target shifted right by one), `batch × targetLength`. */
  decoderInput: Int32Array;
  /** Wanted decoder output (ends with ■), `batch × targetLength`. */
  target: Int32Array;
  batch: number;
  sourceLength: number;
  targetLength: number;
}

/** What a task is. */
export interface Seq2SeqTaskInfo {
  name: Seq2SeqTaskName;
  /** Tokens in every source. */
  sourceLength: number;
  /** Tokens in every target, the end token included. */
  targetLength: number;
  /** Number of token ids (shared by encoder and decoder). */
  vocabSize: number;
  /** Label per token id. */
  labels: readonly string[];
  /** One line for a caption. */
  description: string;
  /** What to type, e.g. "8 digits" or "a date like 2024-03-17". */
  inputHint: string;
}

/** A seeded example generator. */
export interface Seq2SeqTask {
  readonly info: Seq2SeqTaskInfo;
  /** `batch` random examples. */
  sample(rng: Rng, batch: number): Seq2SeqBatch;
  /** One random source. */
  sampleSource(rng: Rng): Int32Array;
  /** The wanted target (end token included) for a source. */
  solve(source: ArrayLike<number>): Int32Array;
  /** Typed text → source ids. Throws a readable message. */
  parse(text: string): Int32Array;
  /** Ids → text (labels joined; reverse and sort with spaces between digits). */
  format(ids: ArrayLike<number>): string;
}

const DESCRIPTIONS: Record<Seq2SeqTaskName, string> = {
  reverse: 'Write the 8 input digits backwards.',
  sort: 'Write the 8 input digits in increasing order.',
  date: 'Rewrite an ISO date (2024-03-17) the US way (03/17/24).',
};

const daysIn = (year: number, month: number) => [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];

/** Build a task. Throws a message naming a bad name. */
export function createSeq2SeqTask(name: Seq2SeqTaskName): Seq2SeqTask {
  if (!(SEQ2SEQ_TASKS as readonly string[]).includes(name)) throw new Error(`Unknown task "${name}". Use one of: ${SEQ2SEQ_TASKS.join(', ')}.`);
  const date = name === 'date';
  const S = date ? 10 : DIGITS;
  const T = (date ? 8 : DIGITS) + 1;
  const info: Seq2SeqTaskInfo = {
    name,
    sourceLength: S,
    targetLength: T,
    vocabSize: SEQ2SEQ_LABELS.length,
    labels: SEQ2SEQ_LABELS,
    description: DESCRIPTIONS[name],
    inputHint: date ? 'a date like 2024-03-17 (years 1900–2099)' : '8 digits',
  };

  const solveInto = (x: ArrayLike<number>, out: Int32Array, o: number) => {
    if (name === 'reverse') for (let i = 0; i < DIGITS; i++) out[o + i] = x[DIGITS - 1 - i];
    else if (name === 'sort') {
      const s = Array.from({ length: DIGITS }, (_, i) => x[i]).sort((a, b) => a - b);
      for (let i = 0; i < DIGITS; i++) out[o + i] = s[i];
    } else {
      // YYYY-MM-DD (0123-56-89) → MM/DD/YY
      const pick = [5, 6, -1, 8, 9, -1, 2, 3];
      for (let i = 0; i < 8; i++) out[o + i] = pick[i] < 0 ? SLASH : x[pick[i]];
    }
    out[o + T - 1] = SEQ2SEQ_EOS;
  };

  const digitsOf = (v: number, n: number) => String(v).padStart(n, '0').split('').map(Number);

  const task: Seq2SeqTask = {
    info,
    sampleSource(rng) {
      if (!date) return Int32Array.from({ length: DIGITS }, () => rng.int(10));
      const year = 1900 + rng.int(200);
      const month = 1 + rng.int(12);
      const day = 1 + rng.int(daysIn(year, month));
      return Int32Array.from([...digitsOf(year, 4), DASH, ...digitsOf(month, 2), DASH, ...digitsOf(day, 2)]);
    },
    sample(rng, batch) {
      const source = new Int32Array(batch * S);
      const target = new Int32Array(batch * T);
      const decoderInput = new Int32Array(batch * T);
      for (let b = 0; b < batch; b++) {
        source.set(task.sampleSource(rng), b * S);
        solveInto(source.subarray(b * S, (b + 1) * S), target, b * T);
        decoderInput[b * T] = SEQ2SEQ_BOS;
        decoderInput.set(target.subarray(b * T, (b + 1) * T - 1), b * T + 1);
      }
      return { source, decoderInput, target, batch, sourceLength: S, targetLength: T };
    },
    solve(source) {
      const out = new Int32Array(T);
      solveInto(source, out, 0);
      return out;
    },
    parse(text) {
      const t = text.trim();
      if (date) {
        const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
        if (!m) throw new Error(`type a date as YYYY-MM-DD, e.g. 2024-03-17 (got "${t}").`);
        const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
        if (year < 1900 || year > 2099) throw new Error(`the model learns years 1900–2099 (got ${year}).`);
        if (month < 1 || month > 12) throw new Error(`month ${m[2]} does not exist: use 01–12.`);
        if (day < 1 || day > daysIn(year, month)) throw new Error(`${m[1]}-${m[2]} has no day ${m[3]}.`);
        return Int32Array.from([...t].map((c) => (c === '-' ? DASH : Number(c))));
      }
      const parts = /[\s,]/.test(t) ? t.split(/[\s,]+/).filter(Boolean) : [...t];
      if (parts.length !== DIGITS || parts.some((p) => !/^\d$/.test(p))) throw new Error(`type exactly 8 digits, e.g. 3 1 4 1 5 9 2 6 (got "${t}").`);
      return Int32Array.from(parts.map(Number));
    },
    format(ids) {
      const labels = Array.from(ids, (i) => SEQ2SEQ_LABELS[i] ?? '?');
      return date ? labels.join('') : labels.join(' ');
    },
  };
  return task;
}
