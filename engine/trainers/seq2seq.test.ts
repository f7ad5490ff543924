import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { expectNoLeak, useCpu } from '../../tests/helpers/leak.ts';
import { createSeq2SeqTask, SEQ2SEQ_BOS, SEQ2SEQ_EOS } from '../datasets/seq2seq-tasks.ts';
import { createSeq2SeqTransformer, type Seq2SeqStages } from '../models/seq2seq-transformer.ts';
import { createRng } from '../random.ts';
import { createSeq2SeqTrainer } from './seq2seq.ts';

const useWasm = async () => {
  await tf.setBackend('wasm');
  await tf.ready();
};
afterAll(useCpu);

const rowSums = (m: Float32Array, rows: number, cols: number) => Array.from({ length: rows }, (_, i) => m.slice(i * cols, (i + 1) * cols).reduce((a, b) => a + b, 0));
const argmaxRow = (m: Float32Array, row: number, cols: number) => {
  const r = m.slice(row * cols, (row + 1) * cols);
  return r.indexOf(Math.max(...r));
};

describe('seq2seq tasks', () => {
  it('are seeded; teacher forcing shifts the target right behind ▸; every target ends with ■', () => {
    for (const name of ['reverse', 'sort', 'date'] as const) {
      const task = createSeq2SeqTask(name);
      const { sourceLength: S, targetLength: T } = task.info;
      const a = task.sample(createRng(5), 50);
      expect(a).toEqual(task.sample(createRng(5), 50));
      expect(a.source.length).toBe(50 * S);
      for (let b = 0; b < 50; b++) {
        const src = a.source.slice(b * S, (b + 1) * S);
        const tgt = a.target.slice(b * T, (b + 1) * T);
        expect(Array.from(tgt)).toEqual(Array.from(task.solve(src)));
        expect(tgt[T - 1]).toBe(SEQ2SEQ_EOS);
        expect(a.decoderInput[b * T]).toBe(SEQ2SEQ_BOS);
        expect(Array.from(a.decoderInput.slice(b * T + 1, (b + 1) * T))).toEqual(Array.from(tgt.slice(0, T - 1)));
      }
    }
  });

  it('solve reverse, sort and date; sampled dates are real dates; parse names what is wrong', () => {
    const rev = createSeq2SeqTask('reverse');
    expect(rev.format(rev.solve(rev.parse('3 1 4 1 5 9 2 6')))).toBe('6 2 9 5 1 4 1 3 ■');
    expect(Array.from(rev.parse('31415926'))).toEqual([3, 1, 4, 1, 5, 9, 2, 6]);
    const sort = createSeq2SeqTask('sort');
    expect(sort.format(sort.solve(sort.parse('31415926')))).toBe('1 1 2 3 4 5 6 9 ■');
    const date = createSeq2SeqTask('date');
    expect(date.info.sourceLength).toBe(10);
    expect(date.info.targetLength).toBe(9);
    expect(date.format(date.solve(date.parse('2024-03-17')))).toBe('03/17/24■');
    expect(date.format(date.solve(date.parse(' 1999-12-31 ')))).toBe('12/31/99■');
    const rng = createRng(3);
    for (let i = 0; i < 300; i++) {
      const text = date.format(date.sampleSource(rng));
      expect(() => date.parse(text)).not.toThrow(); // parse checks the year range, the month and the day
    }
    expect(() => date.parse('2023-02-29')).toThrow(/2023-02 has no day 29/);
    expect(() => date.parse('2024-13-01')).toThrow(/month 13 does not exist/);
    expect(() => date.parse('1850-01-01')).toThrow(/years 1900–2099/);
    expect(() => date.parse('17.03.2024')).toThrow(/YYYY-MM-DD/);
    expect(() => rev.parse('123')).toThrow(/exactly 8 digits/);
    // @ts-expect-error: a typo from markup
    expect(() => createSeq2SeqTask('rotate')).toThrow(/Unknown task "rotate". Use one of: reverse, sort, date/);
  });
});

describe('seq2seq transformer', () => {
  it('attention rows sum to 1; the decoder mask is causal; cross maps are decoder × source', async () => {
    await useCpu();
    await expectNoLeak(() => {
      const m = createSeq2SeqTransformer({ sourceLength: 10, targetLength: 9, dModel: 16, heads: 2, encoderLayers: 2, decoderLayers: 2, seed: 3 });
      const task = createSeq2SeqTask('date');
      const b = task.sample(createRng(1), 3);
      const stages: Seq2SeqStages = { encoder: [], decoderSelf: [], cross: [] };
      const out = tf.tidy(() => {
        const logits = m.logits(tf.tensor2d(b.source, [3, 10], 'int32'), tf.tensor2d(b.decoderInput, [3, 9], 'int32'), stages);
        return [logits, ...stages.encoder, ...stages.decoderSelf, ...stages.cross].map((t) => tf.keep(t));
      });
      expect(out[0].shape).toEqual([3, 9, 14]);
      expect(stages.encoder.map((t) => t.shape)).toEqual([[6, 10, 10], [6, 10, 10]]);
      expect(stages.decoderSelf.map((t) => t.shape)).toEqual([[6, 9, 9], [6, 9, 9]]);
      expect(stages.cross.map((t) => t.shape)).toEqual([[6, 9, 10], [6, 9, 10]]);
      for (const t of stages.cross) for (const s of rowSums(t.dataSync() as Float32Array, 6 * 9, 10)) expect(s).toBeCloseTo(1, 5);
      for (const t of stages.encoder) for (const s of rowSums(t.dataSync() as Float32Array, 6 * 10, 10)) expect(s).toBeCloseTo(1, 5);
      for (const t of stages.decoderSelf) {
        const w = t.dataSync() as Float32Array;
        for (const s of rowSums(w, 6 * 9, 9)) expect(s).toBeCloseTo(1, 5);
        for (let g = 0; g < 6; g++) for (let i = 0; i < 9; i++) for (let j = i + 1; j < 9; j++) expect(w[g * 81 + i * 9 + j]).toBe(0);
      }
      expect(m.paramCount).toBe(m.variables.reduce((a, v) => a + v.size, 0));
      tf.dispose(out);
      m.dispose();
    });
  });

  it('a later decoder token never changes earlier outputs; a different source does', () => {
    const m = createSeq2SeqTransformer({ dModel: 16, seed: 2 });
    const run = (src: number[], dec: number[]) => tf.tidy(() => m.logits(tf.tensor2d([src], [1, 8], 'int32'), tf.tensor2d([dec], [1, 9], 'int32')).dataSync());
    const src = [1, 2, 3, 4, 5, 6, 7, 8];
    const a = run(src, [12, 1, 2, 3, 4, 5, 6, 7, 8]);
    const b = run(src, [12, 1, 2, 3, 9, 9, 9, 9, 9]);
    for (let i = 0; i < 4 * 14; i++) expect(b[i]).toBeCloseTo(a[i], 5);
    const c = run([8, 7, 6, 5, 4, 3, 2, 1], [12, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(Math.max(...Array.from(a.slice(0, 14), (v, i) => Math.abs(v - c[i])))).toBeGreaterThan(1e-3); // position 0 reads the source
    m.dispose();
  });

  it('autodiff gradients match central finite differences (encoder, cross-attention, decoder, embedding)', async () => {
    await useCpu();
    const m = createSeq2SeqTransformer({ vocabSize: 14, sourceLength: 8, targetLength: 9, dModel: 8, heads: 2, ffMultiplier: 1, seed: 5 });
    const task = createSeq2SeqTask('reverse');
    const b = task.sample(createRng(9), 4);
    const src = tf.tensor2d(b.source, [4, 8], 'int32');
    const dec = tf.tensor2d(b.decoderInput, [4, 9], 'int32');
    const tgt = tf.tensor1d(b.target, 'int32');
    const lossFn = () =>
      tf.tidy(() => {
        const flat = tf.reshape(m.logits(src, dec), [-1, 14]) as tf.Tensor2D;
        return tf.neg(tf.mean(tf.sum(tf.mul(tf.logSoftmax(flat), tf.oneHot(tgt, 14)), -1))) as tf.Scalar;
      });
    const { grads, value } = tf.variableGrads(lossFn, m.variables);
    value.dispose();
    const names = ['token_embedding', 'enc0.attn.w_qkv', 'enc0.ff.w1', 'dec0.self.w_qkv', 'dec0.cross.w_q', 'dec0.cross.w_kv', 'dec0.cross.w_out', 'dec0.ln3.gamma', 'head.w'];
    const h = 1e-2;
    let checked = 0;
    for (const name of names) {
      const i = m.params.findIndex((p) => p.name === name);
      const variable = m.variables[i];
      const analytic = grads[variable.name].dataSync() as Float32Array;
      const base = variable.dataSync().slice();
      // The entry with the largest gradient, and one more: a weak gradient hides a wrong one.
      const largest = analytic.reduce((best: number, g: number, k: number) => (Math.abs(g) > Math.abs(analytic[best]) ? k : best), 0);
      for (const k of [largest, (largest * 7 + 3) % base.length]) {
        const at = (delta: number) => {
          const w = base.slice();
          w[k] += delta;
          tf.tidy(() => variable.assign(tf.tensor(w, variable.shape)));
          const l = lossFn();
          const v = l.dataSync()[0];
          l.dispose();
          return v;
        };
        const numeric = (at(h) - at(-h)) / (2 * h);
        tf.tidy(() => variable.assign(tf.tensor(base, variable.shape)));
        expect(Math.abs(numeric - analytic[k]), `${name}[${k}]: numeric ${numeric}, autodiff ${analytic[k]}`).toBeLessThan(2e-3 + 0.05 * Math.abs(analytic[k]));
        checked++;
      }
      expect(Math.abs(analytic[largest]), `${name} has a gradient`).toBeGreaterThan(1e-4);
    }
    expect(checked).toBe(2 * names.length);
    tf.dispose([src, dec, tgt, ...Object.values(grads)]);
    m.dispose();
  });

  it('rejects a bad spec with a readable message', () => {
    expect(() => createSeq2SeqTransformer({ dModel: 30, heads: 4 })).toThrow(/Model width 30 must be divisible by the number of heads 4/);
    expect(() => createSeq2SeqTransformer({ encoderLayers: 4 })).toThrow(/Encoder layers must be a whole number from 1 to 3, got 4/);
  });
});

describe('seq2seq trainer', () => {
  it('on reverse: the loss falls, exact match rises to ≥ 0.9, the cross map is the anti-diagonal, tensors stay flat', async () => {
    await useWasm();
    const baseline = tf.memory().numTensors;
    const t = createSeq2SeqTrainer({ task: 'reverse', seed: 1, evalSize: 100 });
    const before = await t.evaluate();
    const first = await t.step(); // creates Adam's slots
    const during = tf.memory().numTensors;
    let last = first;
    for (let i = 1; i < 90; i++) last = await t.step();
    expect(tf.memory().numTensors).toBe(during);
    const after = await t.evaluate();
    expect(last.loss).toBeLessThan(first.loss * 0.1);
    expect(after.loss).toBeLessThan(before.loss * 0.1);
    expect(before.exactMatch).toBe(0);
    expect(after.exactMatch).toBeGreaterThanOrEqual(0.9);
    expect(after.tokenAccuracy).toBeGreaterThanOrEqual(0.98);

    const r = await t.translate([3, 1, 4, 1, 5, 9, 2, 6]);
    expect(t.task.format(r.output)).toBe('6 2 9 5 1 4 1 3 ■');
    expect(r.exact).toBe(true);
    expect(Array.from(r.decoderInput)).toEqual([SEQ2SEQ_BOS, 6, 2, 9, 5, 1, 4, 1, 3]);
    for (const c of r.confidence) expect(c).toBeGreaterThan(0.5);
    const [S, T] = [8, 9];
    const cross = r.cross[0].heads;
    expect(cross).toHaveLength(2);
    for (const head of cross) for (const s of rowSums(head, T, S)) expect(s).toBeCloseTo(1, 5);
    // Output i copies input 7 − i: head-averaged, every digit row looks hardest at its mirror.
    const mean = Float32Array.from(cross[0], (v, k) => (v + cross[1][k]) / 2);
    expect(Array.from({ length: 8 }, (_, i) => argmaxRow(mean, i, S))).toEqual([7, 6, 5, 4, 3, 2, 1, 0]);
    for (const head of r.encoder[0].heads) for (const s of rowSums(head, S, S)) expect(s).toBeCloseTo(1, 5);
    for (const head of r.decoderSelf[0].heads) {
      for (let i = 0; i < T; i++) for (let j = i + 1; j < T; j++) expect(head[i * T + j]).toBe(0);
    }
    expect(tf.memory().numTensors).toBe(during);
    t.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  }, 120_000);

  it('a seeded run repeats exactly; greedy and translate agree', async () => {
    await useCpu();
    const run = async () => {
      const t = createSeq2SeqTrainer({ task: 'date', dModel: 16, batchSize: 16, evalSize: 8, seed: 4 });
      const losses: number[] = [];
      for (let i = 0; i < 4; i++) losses.push((await t.step()).loss);
      const src = t.example();
      const greedy = await t.greedy(src, 1);
      const r = await t.translate(src);
      t.dispose();
      return { losses, greedy: Array.from(greedy), output: Array.from(r.output) };
    };
    const a = await run();
    expect(a.greedy).toEqual(a.output);
    expect((await run()).losses).toEqual(a.losses);
    expect(a.losses[3]).toBeLessThan(a.losses[0]);
  });

  it('dispose during a read frees every tensor at once, and the read rejects with a message', async () => {
    await useCpu();
    const baseline = tf.memory().numTensors;
    const t = createSeq2SeqTrainer({ task: 'date', dModel: 8, evalSize: 4 });
    const reading = t.translate(t.example()); // runs up to its first read, then waits
    t.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
    await expect(reading).rejects.toThrow(/disposed while its numbers were being read/);
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('bad options throw messages that name the option', async () => {
    await useCpu();
    await expectNoLeak(async () => {
      // @ts-expect-error: a typo from markup
      expect(() => createSeq2SeqTrainer({ task: 'rotate' })).toThrow(/Unknown task "rotate"/);
      expect(() => createSeq2SeqTrainer({ learningRate: 0 })).toThrow(/Learning rate must be a positive number, got 0/);
      expect(() => createSeq2SeqTrainer({ batchSize: 0 })).toThrow(/Batch size must be a whole number from 1 to 4096, got 0/);
      expect(() => createSeq2SeqTrainer({ evalSize: 1.5 })).toThrow(/Held-out size/);
      expect(() => createSeq2SeqTrainer({ heads: 3 })).toThrow(/Model width 32 must be divisible by the number of heads 3/);
      expect(() => createSeq2SeqTrainer({ layers: 4 })).toThrow(/Encoder layers must be a whole number from 1 to 3, got 4/);
      const t = createSeq2SeqTrainer({ task: 'date', dModel: 8, evalSize: 4 });
      await expect(t.translate([1, 2, 3])).rejects.toThrow(/The date task takes 10 source tokens, got 3/);
      await expect(t.translate([1, 2, 3, 4, 5, 6, 7, 8, 9, 99])).rejects.toThrow(/Token ids must be from 0 to 13/);
      await expect(t.greedy(new Int32Array(10), 2)).rejects.toThrow(/Expected 2 × 10 source tokens, got 10/);
      t.dispose();
    });
  });
});
