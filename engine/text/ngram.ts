/**
 * The two baselines a language model must beat, in nats per token: a unigram model (each token
 * drawn from the training frequencies, ignoring context) and a bigram model (the next token drawn
 * given only the previous one). Both are counted on the training tokens and scored on held-out
 * tokens, with additive smoothing so an unseen pair costs a finite number of nats. The smoothing
 * strength is the one (from a short list) that scores best on the held-out tokens, which makes each
 * baseline as strong as it can honestly be: beating it means the model learned more than counts.
 *
 * ```ts
 * const b = ngramBaselines(trainIds, validIds, vocabSize); // { unigram: 3.2, bigram: 2.5 }
 * Math.exp(b.bigram);                                      // the bigram model's perplexity
 * ```
 */

/** Additive-smoothing strengths tried for each baseline. */
const ALPHAS = [0.01, 0.03, 0.1, 0.3, 1];

/** Held-out cross-entropies of the unigram and bigram models, in nats per token. */
export interface NgramBaselines {
  /** −mean log p(token) under training frequencies. */
  unigram: number;
  /** −mean log p(token | previous token) under training pair frequencies. */
  bigram: number;
}

/**
 * Unigram and bigram cross-entropy of `valid` under counts from `train` (ids in [0, vocabSize)).
 * The bigram scores every held-out token after the first (the first has no previous token), the
 * unigram every held-out token.
 */
export function ngramBaselines(train: ArrayLike<number>, valid: ArrayLike<number>, vocabSize: number): NgramBaselines {
  const V = vocabSize;
  const uni = new Float64Array(V);
  const bi = new Float64Array(V * V);
  for (let i = 0; i < train.length; i++) {
    uni[train[i]]++;
    if (i > 0) bi[train[i - 1] * V + train[i]]++;
  }
  const rowTotals = new Float64Array(V);
  for (let a = 0; a < V; a++) for (let b = 0; b < V; b++) rowTotals[a] += bi[a * V + b];
  const best = (score: (alpha: number) => number) => Math.min(...ALPHAS.map(score));
  const unigram = best((alpha) => {
    const total = train.length + alpha * V;
    let nll = 0;
    for (let i = 0; i < valid.length; i++) nll -= Math.log((uni[valid[i]] + alpha) / total);
    return nll / valid.length;
  });
  const bigram = best((alpha) => {
    let nll = 0;
    for (let i = 1; i < valid.length; i++) {
      const a = valid[i - 1];
      nll -= Math.log((bi[a * V + valid[i]] + alpha) / (rowTotals[a] + alpha * V));
    }
    return nll / Math.max(1, valid.length - 1);
  });
  return { unigram, bigram };
}

/**
 * Fraction of the words in `generated` (runs of letters and apostrophes, case folded) that occur
 * somewhere in `corpus`: a blunt test that a character model writes words rather than letter soup.
 */
export function corpusWordRate(generated: string, corpus: string): { rate: number; words: number } {
  const words = (s: string) => s.toLowerCase().match(/[a-z']+/g) ?? [];
  const known = new Set(words(corpus));
  const got = words(generated);
  return { rate: got.length ? got.filter((w) => known.has(w)).length / got.length : 0, words: got.length };
}
