import { describe, expect, it } from 'vitest';
import { createCharCodec } from './chars.ts';
import { corpusWordRate, ngramBaselines } from './ngram.ts';

describe('n-gram baselines', () => {
  it('match hand-computed cross-entropies on a strictly alternating text', () => {
    // Train "abab…": unigram p(a) = p(b) ≈ 1/2, bigram p(b|a) = p(a|b) ≈ 1. Validation the same.
    const train = Array.from({ length: 1000 }, (_, i) => i % 2);
    const valid = Array.from({ length: 100 }, (_, i) => i % 2);
    const b = ngramBaselines(train, valid, 2);
    expect(b.unigram).toBeCloseTo(Math.log(2), 3);
    // The smallest smoothing tried (α = 0.01): p(b|a) = (500 + 0.01) / (500 + 0.02).
    expect(b.bigram).toBeCloseTo(-Math.log(500.01 / 500.02), 6);
  });

  it('the bigram beats the unigram on English, and both stay finite for unseen pairs', () => {
    const text = 'the cat sat on the mat. the dog sat on the log. a cat and a dog met on a mat.';
    const codec = createCharCodec(text + 'zq');
    const ids = codec.encode(text).ids;
    const b = ngramBaselines(ids, codec.encode('the cat met the dog. zq').ids, codec.vocab.length);
    expect(b.bigram).toBeLessThan(b.unigram);
    expect(Number.isFinite(b.unigram) && Number.isFinite(b.bigram)).toBe(true);
  });
});

describe('exact character codec', () => {
  it('round-trips text with spaces and line breaks, and drops unknown characters', () => {
    const codec = createCharCodec('Hello,\n\nworld!');
    const text = 'low\n\nHello';
    expect(codec.decode(codec.encode(text).ids)).toBe(text);
    expect(codec.encode('~').ids).toEqual([0]);
    expect(codec.decode([0, ...codec.encode('o').ids])).toBe('o');
  });
});

describe('corpus word rate', () => {
  it('counts the generated words found in the corpus, ignoring case and punctuation', () => {
    expect(corpusWordRate('The fox, the CROW and xqz!', 'the fox and the crow')).toEqual({ rate: 5 / 6, words: 6 });
    expect(corpusWordRate('...', 'the')).toEqual({ rate: 0, words: 0 });
  });
});
