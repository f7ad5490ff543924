import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeak, useCpu } from '../../tests/helpers/leak.ts';
import { createSequenceTask } from '../datasets/sequence-tasks.ts';
import { inspectAttention } from '../inspect/attention.ts';
import { createRng } from '../random.ts';
import { createSequenceTrainer } from '../trainers/sequence.ts';
import { createTinyTransformer, exportTransformerWeights, loadTransformerWeights } from './tiny-transformer.ts';
import { REVERSE_WEIGHTS } from './weights/attention-reverse.ts';

beforeAll(useCpu);

const rowSums = (m: Float32Array, T: number) => Array.from({ length: T }, (_, i) => m.slice(i * T, (i + 1) * T).reduce((a, b) => a + b, 0));

describe('tiny transformer', () => {
  it('gives logits of shape [batch, T, vocab] and counts its weights', () => {
    const m = createTinyTransformer({ vocabSize: 7, seqLen: 6, dModel: 16, heads: 4, layers: 2 });
    const shape = tf.tidy(() => m.logits(tf.zeros([3, 6], 'int32')).shape);
    expect(shape).toEqual([3, 6, 7]);
    expect(m.paramCount).toBe(m.variables.reduce((a, v) => a + v.size, 0));
    m.dispose();
  });

  it('attention rows sum to 1 in every layer and head; scaled = raw / √d_k', async () => {
    await expectNoLeak(async () => {
      const m = createTinyTransformer({ vocabSize: 10, seqLen: 8, dModel: 32, heads: 4, layers: 2, seed: 3 });
      const r = await inspectAttention(m, [3, 1, 4, 1, 5, 9, 2, 6]);
      expect(r.layers).toHaveLength(2);
      for (const layer of r.layers) {
        expect(layer.heads).toHaveLength(4);
        for (const h of layer.heads) {
          for (const s of rowSums(h.weights, 8)) expect(s).toBeCloseTo(1, 5);
          for (let i = 0; i < 64; i++) expect(h.scaled[i]).toBeCloseTo(h.raw[i] / Math.sqrt(8), 4);
          expect(h.masked).toEqual(h.scaled); // no mask: the masked stage changes nothing
        }
      }
      m.dispose();
    });
  });

  it('the causal mask puts zero weight on future positions', async () => {
    await expectNoLeak(async () => {
      const m = createTinyTransformer({ vocabSize: 10, seqLen: 8, heads: 2, layers: 2, causal: true, seed: 4 });
      const r = await inspectAttention(m, [0, 1, 2, 3, 4, 5, 6, 7]);
      for (const layer of r.layers) {
        for (const h of layer.heads) {
          for (let i = 0; i < 8; i++) {
            for (let j = 0; j < 8; j++) {
              if (j > i) {
                expect(h.weights[i * 8 + j]).toBe(0);
                expect(h.masked[i * 8 + j]).toBe(-Infinity);
              } else expect(h.masked[i * 8 + j]).toBe(h.scaled[i * 8 + j]);
            }
          }
          for (const s of rowSums(h.weights, 8)) expect(s).toBeCloseTo(1, 5);
          expect(h.weights[0]).toBeCloseTo(1, 6); // the first token can only look at itself
        }
      }
      m.dispose();
    });
  });

  it('with a causal mask, changing a later token leaves earlier outputs unchanged', async () => {
    const m = createTinyTransformer({ vocabSize: 10, seqLen: 6, causal: true, seed: 2 });
    const a = (await inspectAttention(m, [1, 2, 3, 4, 5, 6])).probabilities;
    const b = (await inspectAttention(m, [1, 2, 3, 9, 9, 9])).probabilities;
    for (let i = 0; i < 3 * 10; i++) expect(b[i]).toBeCloseTo(a[i], 6);
    m.dispose();
  });

  it('round-trips its weights through a weights file', () => {
    const m = createTinyTransformer({ seed: 9 });
    const copy = loadTransformerWeights(exportTransformerWeights(m));
    const ids = [[1, 2, 3, 4, 5, 6, 7, 8]];
    const [x, y] = tf.tidy(() => [m.logits(tf.tensor2d(ids, [1, 8], 'int32')), copy.logits(tf.tensor2d(ids, [1, 8], 'int32'))]);
    expect(Array.from(y.dataSync())).toEqual(Array.from(x.dataSync()));
    tf.dispose([x, y]);
    m.dispose();
    copy.dispose();
  });

  it('rejects a bad spec with a readable message', () => {
    expect(() => createTinyTransformer({ dModel: 30, heads: 4 })).toThrow(/divisible by the number of heads/);
    expect(() => createTinyTransformer({ layers: 9 })).toThrow(/Layers must be a whole number from 1 to 4/);
  });
});

describe('sequence tasks', () => {
  it('are seeded and solve reverse, sort, copy and induction correctly', () => {
    const rev = createSequenceTask('reverse');
    expect(rev.sample(createRng(5), 4)).toEqual(rev.sample(createRng(5), 4));
    const b = rev.sample(createRng(1), 3);
    for (let s = 0; s < 3; s++) for (let i = 0; i < 8; i++) expect(b.targets[s * 8 + i]).toBe(b.inputs[s * 8 + 7 - i]);
    expect(Array.from(createSequenceTask('sort').solve([3, 1, 2, 0, 9, 9, 4, 1]).targets)).toEqual([0, 1, 1, 2, 3, 4, 9, 9]);
    expect(Array.from(createSequenceTask('copy').solve([3, 1, 2, 0, 9, 9, 4, 1]).targets)).toEqual([3, 1, 2, 0, 9, 9, 4, 1]);
    const ind = createSequenceTask('induction', { length: 8 });
    expect(ind.info.causal).toBe(true);
    const x = ind.sample(createRng(2), 200);
    const starts = new Set<number>();
    for (let s = 0; s < 200; s++) {
      const row = Array.from(x.inputs.slice(s * 8, s * 8 + 8));
      const w = Array.from(x.weights.slice(s * 8, s * 8 + 8));
      const first = w.indexOf(1); // where the second copy starts
      const b = 8 - first; // block length
      starts.add(first);
      expect(row.slice(first)).toEqual(row.slice(first - b, first)); // the block repeats
      expect(new Set(row.slice(0, first)).size).toBe(first); // everything before it is new
      expect(w).toEqual(row.map((_, i) => (i >= first && i < 7 ? 1 : 0)));
      for (let i = 0; i < 7; i++) expect(x.targets[s * 8 + i]).toBe(row[i + 1]);
    }
    expect([...starts].sort()).toEqual([4, 5, 6]); // blocks of 4, 3 and 2: no fixed offset works
    expect(Array.from(rev.parse('3 1 4 1 5 9 2 6'))).toEqual([3, 1, 4, 1, 5, 9, 2, 6]);
    expect(Array.from(rev.parse('31415926'))).toEqual([3, 1, 4, 1, 5, 9, 2, 6]);
    expect(() => rev.parse('123')).toThrow(/exactly 8 symbols/);
    // @ts-expect-error: a typo from markup
    expect(() => createSequenceTask('rotate')).toThrow(/Unknown task "rotate"/);
  });
});

describe('sequence trainer', () => {
  it('a seeded short run lowers the loss and repeats exactly', async () => {
    const run = async () => {
      const t = createSequenceTrainer({ task: 'reverse', batchSize: 32, seed: 2 });
      const start = (await t.evaluate()).loss;
      const losses: number[] = [];
      await t.run({ steps: 8, onStep: (r) => losses.push(r.loss) });
      const end = (await t.evaluate()).loss;
      t.dispose();
      return { start, end, losses };
    };
    const a = await run();
    expect(a.end).toBeLessThan(a.start * 0.9);
    expect((await run()).losses).toEqual(a.losses);
  });

  it('keeps the tensor count flat while training and back to baseline after dispose', async () => {
    const baseline = tf.memory().numTensors;
    const t = createSequenceTrainer({ task: 'induction', batchSize: 8, length: 6, dModel: 16 });
    await t.step(); // creates Adam's slots
    const after = tf.memory().numTensors;
    await t.run({ steps: 5 });
    await t.inspect(t.example());
    await t.evaluate();
    expect(tf.memory().numTensors).toBe(after);
    t.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('the shipped reversal weights give ≥ 99 % token accuracy on held-out sequences', async () => {
    await expectNoLeak(async () => {
      const t = createSequenceTrainer({ task: 'reverse', weights: REVERSE_WEIGHTS, evalSize: 1000, seed: 12345 });
      expect((await t.evaluate()).accuracy).toBeGreaterThanOrEqual(0.99);
      // And the picture is the anti-diagonal: query i puts most weight on key 7 − i in some head.
      const r = await t.inspect([3, 1, 4, 1, 5, 9, 2, 6]);
      expect(Array.from(r.predictions)).toEqual([6, 2, 9, 5, 1, 4, 1, 3]);
      t.dispose();
    });
  });
});
