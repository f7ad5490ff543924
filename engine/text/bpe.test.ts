import { describe, expect, it } from 'vitest';
import { createBpeLearner, createCharTokenizer, createWordTokenizer, pretokenize, UNKNOWN } from './bpe.ts';

// Sennrich et al.'s toy corpus: low ×5, lower ×2, newest ×6, widest ×3.
const TOY = 'low low low low low lower lower newest newest newest newest newest newest widest widest widest';

describe('tokenizers', () => {
  it('pre-tokenises with word-start markers', () => {
    expect(pretokenize('Hello,  world! It’s')).toEqual(['▁Hello', ',', '▁world', '!', '▁It', '’', 's']);
  });

  it('BPE merges on the toy corpus equal the hand-worked result', () => {
    // By hand: pair counts weighted by word frequency; ties go to the alphabetically first pair.
    // 1. e+s (9: newest 6 + widest 3; ties with s+t, "e s" < "s t")  2. es+t (9)
    // 3. l+o (7; ties o+w and ▁+l, "l o" first)  4. lo+w (7)  5. ▁+low (7)
    // 6. e+w (6; ties n+e, w+est, ▁+n)  7. ew+est (6)  8. n+ewest (6)  9. ▁+newest (6)  10. d+est (3)
    const learner = createBpeLearner(TOY);
    const merges = Array.from({ length: 10 }, () => learner.step()!);
    expect(merges.map((m) => m.token)).toEqual(['es', 'est', 'lo', 'low', '▁low', 'ew', 'ewest', 'newest', '▁newest', 'dest']);
    expect(merges.map((m) => m.count)).toEqual([9, 9, 7, 7, 7, 6, 6, 6, 6, 3]);
    const bpe = learner.tokenizer();
    expect(bpe.encode('lowest').tokens).toEqual(['▁low', 'est']);
    expect(bpe.encode('newest widest').tokens).toEqual(['▁newest', '▁', 'w', 'i', 'dest']);
    expect(bpe.decode(bpe.encode('lowest newest').ids)).toBe('lowest newest');
  });

  it('learns until the vocabulary size and stops when nothing is left to merge', () => {
    const learner = createBpeLearner(TOY);
    learner.learnUntil(20);
    expect(learner.vocab).toHaveLength(20);
    learner.learnUntil(1000);
    expect(learner.step()).toBeNull(); // every word is one token now
    expect(learner.sampleWords(1)[0]).toEqual({ word: '▁newest', count: 6, parts: ['▁newest'] });
  });

  it('char and word tokenizers give ids and mark unknowns', () => {
    const chars = createCharTokenizer('abc ab');
    expect(chars.vocab[0]).toBe(UNKNOWN);
    const e = chars.encode('cab z');
    expect(e.tokens).toEqual(['▁', 'c', 'a', 'b', '▁', 'z']);
    expect(e.ids[5]).toBe(0);
    expect(chars.decode(e.ids.slice(0, 4))).toBe('cab');
    const words = createWordTokenizer(TOY);
    expect(words.vocab.slice(1, 3)).toEqual(['▁newest', '▁low']);
    expect(words.encode('low newest old').ids).toEqual([2, 1, 0]);
  });
});
