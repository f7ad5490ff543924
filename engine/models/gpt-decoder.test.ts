import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeak, useCpu } from '../../tests/helpers/leak.ts';
import { createGptDecoder } from './gpt-decoder.ts';
import { createGpt, gptSpecOf } from './gpt.ts';

beforeAll(useCpu);

describe('GPT decoder (plain JavaScript, key/value cache)', () => {
  it('gives the tf.js logits at every position, and after the context fills, those of its kept half', async () => {
    await expectNoLeak(() => {
      const m = createGpt({ vocabSize: 13, contextLength: 8, dModel: 16, heads: 4, layers: 2, seed: 5 });
      const ids = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3];
      const tfLogits = (seq: number[]) => tf.tidy(() => m.logits(tf.tensor2d(seq, [1, seq.length], 'int32')).arraySync()[0]);
      const full = tfLogits(ids.slice(0, 8));
      const dec = createGptDecoder(gptSpecOf(m), m.getWeights());
      const worst = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.max(...Array.from(a, (x, i) => Math.abs(x - b[i])));
      // The prompt at once, then one token at a time: both match the full forward pass.
      expect(worst(dec.feed(ids.slice(0, 3)), full[2])).toBeLessThan(1e-4);
      for (let p = 3; p < 8; p++) expect(worst(dec.feed([ids[p]]), full[p])).toBeLessThan(1e-4);
      // Ninth token: the context is full, so the decoder keeps the last 4 and appends the new one.
      const after = dec.feed([ids[8]]);
      expect(dec.length).toBe(5);
      const kept = tfLogits(ids.slice(4, 9));
      expect(worst(after, kept[4])).toBeLessThan(1e-4);
      expect(() => dec.feed([13])).toThrow(/outside the vocabulary/);
      m.dispose();
    });
  });
});
