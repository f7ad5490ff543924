/**
 * Three ways to cut text into tokens, in plain JavaScript (no TensorFlow.js): characters, words,
 * and byte-pair encoding (BPE, Sennrich et al. 2016), whose merges are learned from a corpus one
 * step at a time so a slide can animate them.
 *
 * ```ts
 * const learner = createBpeLearner('low lower newest widest');
 * learner.step();                 // { left: 'e', right: 's', token: 'es', count: … }
 * learner.learnUntil(300);        // keep merging until the vocabulary has 300 tokens
 * const bpe = learner.tokenizer();
 * bpe.encode('lowest');           // { tokens: ['▁low', 'est'], ids: [ … ] }
 * bpe.decode(bpe.encode('lowest').ids); // ' lowest' → 'lowest' after trimming
 * ```
 * Pre-tokenisation (as in SentencePiece): runs of whitespace become one space, and a word that
 * follows a space (or starts the text) carries a "▁" on its first character, so decoding can put
 * the spaces back. Letters, digits and apostrophes form words; every other character stands alone.
 */

/** The word-start marker SentencePiece uses (U+2581). */
export const WORD_START = '▁';
/** Token for characters never seen in the corpus. */
export const UNKNOWN = '<unk>';

/** A tokenizer's output. */
export interface Encoding {
  /** Token strings, in order. */
  tokens: string[];
  /** Their ids (0 is {@link UNKNOWN}). */
  ids: number[];
}

/** Common interface of the three tokenizers. */
export interface Tokenizer {
  /** `vocab[id]` is the token string. */
  readonly vocab: readonly string[];
  encode(text: string): Encoding;
  decode(ids: readonly number[]): string;
}

/** One learned merge. */
export interface BpeMerge {
  left: string;
  right: string;
  /** left + right. */
  token: string;
  /** How often the pair occurred in the corpus when it was merged. */
  count: number;
}

/** Split text into pre-tokens with word-start markers (see the module comment). */
export function pretokenize(text: string): string[] {
  const out: string[] = [];
  const re = /(\s*)([\p{L}\p{N}']+|[^\s\p{L}\p{N}'])/gu;
  let m: RegExpExecArray | null;
  let first = true;
  while ((m = re.exec(text)) !== null) {
    const spaced = m[1].length > 0 || first;
    first = false;
    out.push(spaced ? WORD_START + m[2] : m[2]);
  }
  return out;
}

const finish = (tokens: string[], index: Map<string, number>): Encoding => ({ tokens, ids: tokens.map((t) => index.get(t) ?? 0) });
const join = (vocab: readonly string[], ids: readonly number[]) =>
  ids
    .map((i) => vocab[i] ?? UNKNOWN)
    .join('')
    .replaceAll(WORD_START, ' ')
    .replace(/^ /, '');

/** Character tokenizer over the characters of `corpus` (plus the word-start marker). */
export function createCharTokenizer(corpus: string): Tokenizer {
  const chars = new Set<string>(pretokenize(corpus).flatMap((w) => [...w]));
  const vocab = [UNKNOWN, ...[...chars].sort()];
  const index = new Map(vocab.map((t, i) => [t, i]));
  return { vocab, encode: (text) => finish(pretokenize(text).flatMap((w) => [...w]), index), decode: (ids) => join(vocab, ids) };
}

/** Word tokenizer: the `maxWords` most frequent pre-tokens of `corpus` (ties alphabetical); others are unknown. */
export function createWordTokenizer(corpus: string, maxWords = 2000): Tokenizer {
  const counts = new Map<string, number>();
  for (const w of pretokenize(corpus)) counts.set(w, (counts.get(w) ?? 0) + 1);
  const words = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, maxWords).map(([w]) => w);
  const vocab = [UNKNOWN, ...words];
  const index = new Map(vocab.map((t, i) => [t, i]));
  return {
    vocab,
    encode(text) {
      const tokens = pretokenize(text);
      return { tokens, ids: tokens.map((t) => index.get(t) ?? 0) };
    },
    decode: (ids) => join(vocab, ids),
  };
}

/** Learns BPE merges from a corpus, one merge per {@link BpeLearner.step}. */
export interface BpeLearner {
  /** Merges so far, in order (rank = index). */
  readonly merges: readonly BpeMerge[];
  /** Current vocabulary: unknown, the characters, then one token per merge. */
  readonly vocab: readonly string[];
  /** Number of distinct pre-tokens (words) in the corpus. */
  readonly distinctWords: number;
  /** Learn one merge: the most frequent adjacent pair (ties: the alphabetically first). Null when no pair is left. */
  step(): BpeMerge | null;
  /** Merge until the vocabulary has `size` tokens or nothing is left to merge. */
  learnUntil(size: number): void;
  /** The corpus's most frequent words as current token splits (for the animation). */
  sampleWords(n: number): { word: string; count: number; parts: string[] }[];
  /** A tokenizer with the merges learned so far. */
  tokenizer(): Tokenizer & { merges: readonly BpeMerge[] };
}

/** Start learning BPE on `corpus`. */
export function createBpeLearner(corpus: string): BpeLearner {
  const counts = new Map<string, number>();
  for (const w of pretokenize(corpus)) counts.set(w, (counts.get(w) ?? 0) + 1);
  const words = [...counts.entries()].map(([word, count]) => ({ word, count, parts: [...word] }));
  const chars = [...new Set(words.flatMap((w) => w.parts))].sort();
  const vocab: string[] = [UNKNOWN, ...chars];
  const merges: BpeMerge[] = [];
  const byFrequency = [...words].sort((a, b) => b.count - a.count || (a.word < b.word ? -1 : 1));

  const learner: BpeLearner = {
    merges,
    vocab,
    distinctWords: words.length,
    step() {
      // Count every adjacent pair, weighted by how often its word occurs.
      const pairs = new Map<string, number>();
      for (const w of words) {
        for (let i = 0; i + 1 < w.parts.length; i++) {
          const key = `${w.parts[i]} ${w.parts[i + 1]}`;
          pairs.set(key, (pairs.get(key) ?? 0) + w.count);
        }
      }
      let bestKey = '';
      let bestCount = 0;
      for (const [key, c] of pairs) if (c > bestCount || (c === bestCount && key < bestKey)) [bestKey, bestCount] = [key, c];
      if (bestCount === 0) return null;
      const [left, right] = bestKey.split(' ');
      const token = left + right;
      for (const w of words) {
        if (w.parts.length < 2) continue;
        const next: string[] = [];
        for (let i = 0; i < w.parts.length; i++) {
          if (i + 1 < w.parts.length && w.parts[i] === left && w.parts[i + 1] === right) {
            next.push(token);
            i++;
          } else next.push(w.parts[i]);
        }
        w.parts = next;
      }
      const merge = { left, right, token, count: bestCount };
      merges.push(merge);
      vocab.push(token);
      return merge;
    },
    learnUntil(size) {
      while (vocab.length < size && learner.step()) {
        /* keep merging */
      }
    },
    sampleWords: (n) => byFrequency.slice(0, n).map((w) => ({ word: w.word, count: w.count, parts: [...w.parts] })),
    tokenizer: () => createBpeTokenizer(vocab.slice(), merges.slice()),
  };
  return learner;
}

/** A BPE tokenizer from a vocabulary and ranked merges. */
export function createBpeTokenizer(vocab: readonly string[], merges: readonly BpeMerge[]): Tokenizer & { merges: readonly BpeMerge[] } {
  const rank = new Map(merges.map((m, i) => [`${m.left} ${m.right}`, i]));
  const index = new Map(vocab.map((t, i) => [t, i]));
  const cache = new Map<string, string[]>();
  const splitWord = (word: string): string[] => {
    const hit = cache.get(word);
    if (hit) return hit;
    let parts = [...word];
    // Apply the earliest-learned applicable merge first, exactly as in training.
    for (;;) {
      let best = -1;
      let bestRank = Infinity;
      for (let i = 0; i + 1 < parts.length; i++) {
        const r = rank.get(`${parts[i]} ${parts[i + 1]}`);
        if (r !== undefined && r < bestRank) [best, bestRank] = [i, r];
      }
      if (best < 0) break;
      const m = merges[bestRank];
      const next: string[] = [];
      for (let i = 0; i < parts.length; i++) {
        if (i + 1 < parts.length && parts[i] === m.left && parts[i + 1] === m.right) {
          next.push(m.token);
          i++;
        } else next.push(parts[i]);
      }
      parts = next;
    }
    cache.set(word, parts);
    return parts;
  };
  return {
    vocab,
    merges,
    encode: (text) => finish(pretokenize(text).flatMap(splitWord), index),
    decode: (ids) => join(vocab, ids),
  };
}
