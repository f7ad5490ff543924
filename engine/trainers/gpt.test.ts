import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeak, useCpu } from '../../tests/helpers/leak.ts';
import { AESOP_CORPUS } from '../datasets/aesop.ts';
import { corpusWordRate } from '../text/ngram.ts';
import { samplingDistribution } from '../text/sampling.ts';
import { createGptTrainer, GPT_TRAINER_DEFAULTS, gptLearningRate, type GptTrainerOptions } from './gpt.ts';

beforeAll(useCpu);

/** A model small enough to train a few hundred steps in seconds on the cpu backend. */
const TINY: GptTrainerOptions = { contextLength: 16, dModel: 16, heads: 2, layers: 1, ffMultiplier: 2, batchSize: 8, learningRate: 0.01, evalWindows: 16, seed: 2 };

describe('GPT trainer', () => {
  it('holds out whole fables and reports baselines the model must beat', async () => {
    const t = await createGptTrainer(TINY);
    const { unigram, bigram } = t.baselines();
    expect(bigram).toBeLessThan(unigram);
    expect(unigram).toBeLessThan(Math.log(t.vocab.length)); // better than uniform guessing
    expect(t.tokenCounts.train + t.tokenCounts.validation).toBe([...AESOP_CORPUS].length);
    expect(t.tokenCounts.validation / (t.tokenCounts.train + t.tokenCounts.validation)).toBeCloseTo(0.1, 1);
    // The held-out text starts with a fable's title: the split never cuts a story in two.
    expect(AESOP_CORPUS.slice(AESOP_CORPUS.length - t.tokenCounts.validation - 3, AESOP_CORPUS.length - t.tokenCounts.validation)).toBe('\n\n\n');
    t.dispose();
  });

  it('is deterministic for a seed and its held-out loss falls below the unigram baseline', async () => {
    await expectNoLeak(async () => {
      const a = await createGptTrainer({ ...TINY, learningRate: 0.02 });
      const b = await createGptTrainer({ ...TINY, learningRate: 0.02 });
      const first = [await a.step(), await a.step()].map((r) => r.trainLoss);
      expect([await b.step(), await b.step()].map((r) => r.trainLoss)).toEqual(first);
      b.dispose();
      const before = await a.evaluate();
      for (let i = 0; i < 100; i++) await a.step();
      const after = await a.evaluate();
      // The read-out starts at the letter frequencies (near the unigram loss), so this is context learnt.
      expect(after).toBeLessThan(before - 0.3);
      expect(after).toBeLessThan(a.baselines().unigram - 0.3);
      expect(a.steps).toBe(102);
      a.reset();
      expect(a.steps).toBe(0);
      expect((await a.step()).trainLoss).toBe(first[0]);
      a.dispose();
    });
  }, 150_000);

  // 300 steps here keep the suite short; bench/gpt.bench.ts checks the same over 2,000 steps.
  it('keeps the tensor count flat while it trains', async () => {
    const t = await createGptTrainer({ ...TINY, contextLength: 4, dModel: 8, heads: 1, batchSize: 2 });
    await t.step();
    const baseline = tf.memory().numTensors;
    for (let i = 1; i <= 300; i++) {
      await t.step();
      if (i % 100 === 0) expect(tf.memory().numTensors).toBe(baseline);
    }
    t.dispose();
  });

  it('samples the same text for the same seed; greedy, top-k and top-p shape the distribution', async () => {
    await expectNoLeak(async () => {
      const t = await createGptTrainer(TINY);
      for (let i = 0; i < 20; i++) await t.step();
      const one = await t.sample({ prompt: 'The Fox', maxTokens: 30, temperature: 0.8, seed: 4 });
      expect(one.ids).toHaveLength(30);
      expect(one.text).toBe(t.decode(one.ids));
      expect((await t.sample({ prompt: 'The Fox', maxTokens: 30, temperature: 0.8, seed: 4 })).text).toBe(one.text);
      const p = await t.nextTokenDistribution('The Fox');
      expect(p).toHaveLength(t.vocab.length);
      expect(p.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 4);
      expect((await t.nextTokenDistribution('The Fox', { topK: 5 })).filter((x) => x > 0)).toHaveLength(5);
      expect((await t.nextTokenDistribution('The Fox', { topP: 0.5 })).filter((x) => x > 0).length).toBeLessThan(t.vocab.length);
      const greedy = await t.nextTokenDistribution('The Fox', { greedy: true });
      expect(greedy.indexOf(1)).toBe(p.indexOf(Math.max(...p)));
      // The raw logits re-shape into the same distribution (what a widget does when a slider moves).
      const logits = await t.nextTokenLogits('The Fox');
      expect(logits).toHaveLength(t.vocab.length);
      expect(Array.from(samplingDistribution(logits, { topK: 5 }))).toEqual(Array.from(await t.nextTokenDistribution('The Fox', { topK: 5 })));
      for await (const tok of t.generate({ prompt: 'The Fox', maxTokens: 2, temperature: 0.5, seed: 2 })) {
        expect(Array.from(samplingDistribution(tok.logits, { temperature: 0.5 }))).toEqual(Array.from(tok.distribution));
      }
      const tokens = [];
      for await (const tok of t.generate({ prompt: '', maxTokens: 5, greedy: true })) tokens.push(tok);
      expect(tokens).toHaveLength(5);
      for (const tok of tokens) expect(tok.p).toBe(1);
      // A prompt longer than the context is cut to its last contextLength tokens.
      const long = AESOP_CORPUS.slice(0, 100);
      expect(await t.nextTokenDistribution(long)).toEqual(await t.nextTokenDistribution(long.slice(-16)));
      t.dispose();
    });
  });

  it('reads the attention of every layer and head for a context', async () => {
    await expectNoLeak(async () => {
      const t = await createGptTrainer({ ...TINY, layers: 2 });
      const r = await t.attention('The Lion and the Mouse');
      expect(r.tokens.join('')).toBe('The Lion and the Mouse'.slice(-16));
      expect(r.length).toBe(16);
      expect(r.layers).toHaveLength(2);
      expect(r.layers[0].heads).toHaveLength(2);
      expect(r.layers[1].heads[1].weights).toHaveLength(16 * 16);
      t.dispose();
    });
  });

  it('exports weights that a new trainer loads to the same predictions; mismatches are named', async () => {
    await expectNoLeak(async () => {
      const t = await createGptTrainer(TINY);
      for (let i = 0; i < 10; i++) await t.step();
      const file = t.exportWeights({ note: 'test' }, 'float32');
      const copy = await createGptTrainer({ ...TINY, seed: 9, weights: JSON.parse(JSON.stringify(file)) });
      expect(copy.spec).toEqual(t.spec); // the file's seed, not the option's
      expect(await copy.evaluate()).toBeCloseTo(await t.evaluate(), 5);
      const fresh = await createGptTrainer(TINY);
      fresh.loadWeights(file);
      expect(await fresh.nextTokenDistribution('A Wolf')).toEqual(await t.nextTokenDistribution('A Wolf'));
      const wide = await createGptTrainer({ ...TINY, dModel: 32 });
      expect(() => wide.loadWeights(file)).toThrow(/context 16, d 16/);
      const other = await createGptTrainer({ ...TINY, text: AESOP_CORPUS.slice(0, 3000) });
      expect(() => other.loadWeights(file)).toThrow(/different tokenizer/);
      [t, copy, fresh, wide, other].forEach((x) => x.dispose());
    });
  });

  it('trains on BPE tokens from the engine tokenizer', async () => {
    await expectNoLeak(async () => {
      const t = await createGptTrainer({ ...TINY, tokenizer: 'bpe', bpeVocabSize: 120, text: AESOP_CORPUS.slice(0, 20000) });
      expect(t.vocab).toHaveLength(120);
      expect(t.decode(t.encode('The Fox and the Crow'))).toBe('The Fox and the Crow');
      const first = (await t.step()).trainLoss;
      for (let i = 0; i < 40; i++) await t.step();
      expect((await t.step()).trainLoss).toBeLessThan(first);
      t.dispose();
    });
  });

  it('the shipped pretrained weights beat the bigram baseline and write words of the corpus', async () => {
    await expectNoLeak(async () => {
      const t = await createGptTrainer({ pretrained: true, evalWindows: 32 });
      expect(t.spec).toMatchObject({ contextLength: 64, dModel: 64, heads: 4, layers: 2 });
      expect(await t.evaluate()).toBeLessThan(t.baselines().bigram);
      const { text } = await t.sample({ prompt: 'The Fox ', maxTokens: 500, temperature: 0.8, seed: 1 });
      // Letter soup scores about 0.1; the 70 % target of the issue is tracked in bench/gpt.bench.ts.
      expect(corpusWordRate(text, AESOP_CORPUS).rate).toBeGreaterThan(0.4);
      t.dispose();
    });
  });

  it('the learning rate holds, falls linearly, then stays at its floor (or never falls)', () => {
    const o = { ...GPT_TRAINER_DEFAULTS, learningRate: 0.01, decayAfter: 200, decayOver: 500, decayTo: 0.2 };
    expect(gptLearningRate(o, 0)).toBe(0.01);
    expect(gptLearningRate(o, 200)).toBe(0.01);
    expect(gptLearningRate(o, 450)).toBeCloseTo(0.006, 10);
    expect(gptLearningRate(o, 700)).toBeCloseTo(0.002, 10);
    expect(gptLearningRate(o, 5000)).toBeCloseTo(0.002, 10);
    expect(gptLearningRate({ ...o, decayAfter: 0 }, 5000)).toBe(0.01);
  });

  it('names a bad option', async () => {
    await expect(createGptTrainer({ decayTo: 0 })).rejects.toThrow(/decayTo must be above 0/);
    await expect(createGptTrainer({ decayOver: -1 })).rejects.toThrow(/decayOver/);
    await expect(createGptTrainer({ tokenizer: 'word' as 'char' })).rejects.toThrow(/Tokenizer must be/);
    await expect(createGptTrainer({ contextLength: 1 })).rejects.toThrow(/Context length/);
    await expect(createGptTrainer({ learningRate: -1 })).rejects.toThrow(/Learning rate/);
    await expect(createGptTrainer({ batchSize: 0 })).rejects.toThrow(/Batch size/);
    await expect(createGptTrainer({ dModel: 30, heads: 4 })).rejects.toThrow(/divisible/);
    await expect(createGptTrainer({ text: 'too short' })).rejects.toThrow(/too short/);
    const t = await createGptTrainer(TINY);
    await expect(t.nextTokenDistribution('x', { temperature: -1 })).rejects.toThrow(/Temperature/);
    await expect(t.nextTokenDistribution([999])).rejects.toThrow(/outside the vocabulary/);
    t.dispose();
  });
});
