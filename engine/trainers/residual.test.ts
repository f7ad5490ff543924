import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeak, useCpu } from '../../tests/helpers/leak.ts';
import { createResidualRace } from './residual.ts';

beforeAll(useCpu);

describe('plain vs residual race', () => {
  it('residual connections keep early-layer gradients large and train faster; tensors stay flat', async () => {
    await expectNoLeak(async () => {
      const race = createResidualRace({ depth: 12, width: 8, points: 120, activation: 'tanh', learningRate: 0.01, seed: 2 });
      const first = await race.step();
      expect(first.plain.gradNorms.length).toBe(13);
      // At initialisation the first layer's gradient is much smaller in the plain network.
      expect(first.residual.gradNorms[0]).toBeGreaterThan(10 * first.plain.gradNorms[0]);
      const tensors = tf.memory().numTensors;
      let last = first;
      for (let i = 0; i < 40; i++) last = await race.step();
      expect(tf.memory().numTensors).toBe(tensors);
      expect(last.residual.loss).toBeLessThan(first.residual.loss);
      expect(last.residual.loss).toBeLessThan(last.plain.loss);
      race.dispose();
    });
  });

  it('rejects bad options in words', () => {
    expect(() => createResidualRace({ depth: 0 })).toThrow('depth must be a whole number from 1 to 64, got 0.');
    expect(() => createResidualRace({ activation: 'gelu' as 'tanh' })).toThrow('activation must be tanh, relu or sigmoid, got gelu.');
  });
});
