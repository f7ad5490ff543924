/**
 * An exact character tokenizer for language modelling: one token per character of the corpus,
 * spaces and line breaks included, so `decode(encode(text)) === text` for any text drawn from the
 * corpus's alphabet. (The tokenizer in `bpe.ts` pre-tokenises, folding runs of whitespace into one
 * space, which suits BPE but would teach a character model that paragraphs do not exist.)
 *
 * ```ts
 * const chars = createCharCodec('hello world\n');
 * chars.encode('low').ids;     // [4, 6, 8] (ids in sorted-alphabet order, 0 = unknown)
 * chars.decode([4, 6, 8]);     // 'low'
 * ```
 */
import { UNKNOWN, type Tokenizer } from './bpe.ts';

/** Character tokenizer over the exact characters of `corpus`; id 0 is {@link UNKNOWN}, the rest sorted by code point. */
export function createCharCodec(corpus: string): Tokenizer {
  return charCodecFromVocab([UNKNOWN, ...[...new Set(corpus)].sort()]);
}

/** A character tokenizer with a given vocabulary (`vocab[0]` stands for unknown), e.g. one stored with weights. */
export function charCodecFromVocab(vocab: readonly string[]): Tokenizer {
  const index = new Map(vocab.map((t, i) => [t, i]));
  return {
    vocab,
    encode(text) {
      const tokens = [...text];
      return { tokens, ids: tokens.map((t) => index.get(t) ?? 0) };
    },
    // Unknown ids decode to nothing rather than to the five characters of '<unk>'.
    decode: (ids) => ids.map((i) => (i > 0 && i < vocab.length ? vocab[i] : '')).join(''),
  };
}
