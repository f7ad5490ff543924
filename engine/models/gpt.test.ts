import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeak, useCpu } from '../../tests/helpers/leak.ts';
import { inspectAttention } from '../inspect/attention.ts';
import { createGpt, decodeGptWeights, exportGptWeights, fromHalf, loadGptWeights, toHalf, type GptSpec } from './gpt.ts';
import type { TinyTransformer } from './tiny-transformer.ts';

beforeAll(useCpu);

const SMALL: Partial<GptSpec> = { vocabSize: 11, contextLength: 6, dModel: 8, heads: 2, layers: 2, ffMultiplier: 2, seed: 3 };

/**
 * The same GPT written the plain way, head by head, with tf.js's own matMul (transpose flags and
 * all) and no custom gradients: what the fast forward pass must agree with, values and gradients.
 */
function referenceLogits(model: TinyTransformer, ids: tf.Tensor2D): tf.Tensor3D {
  const { vocabSize: V, dModel: d, heads: H, layers: L } = model.spec;
  const dk = d / H;
  const w = new Map(model.params.map((p, i) => [p.name, model.variables[i] as tf.Tensor]));
  const g = (name: string) => w.get(name)!;
  const [B, T] = ids.shape;
  const ln = (x: tf.Tensor, name: string) => {
    const { mean, variance } = tf.moments(x, -1, true);
    return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))), g(`${name}.gamma`)), g(`${name}.beta`));
  };
  let x = tf.add(tf.matMul(tf.oneHot(tf.reshape(ids, [-1]), V), g('token_embedding')), tf.tile(tf.slice(g('position_embedding'), [0, 0], [T, d]), [B, 1]));
  const causal = tf.linalg.bandPart(tf.ones([T, T]), -1, 0);
  for (let l = 0; l < L; l++) {
    const qkv = tf.add(tf.matMul(ln(x, `l${l}.ln1`), g(`l${l}.attn.w_qkv`)), g(`l${l}.attn.b_qkv`));
    const outs: tf.Tensor[] = [];
    for (let b = 0; b < B; b++) {
      const rows = tf.slice(qkv, [b * T, 0], [T, 3 * d]);
      const perHead: tf.Tensor[] = [];
      for (let h = 0; h < H; h++) {
        const q = tf.slice(rows, [0, h * dk], [T, dk]);
        const k = tf.slice(rows, [0, d + h * dk], [T, dk]);
        const v = tf.slice(rows, [0, 2 * d + h * dk], [T, dk]);
        const scores = tf.div(tf.matMul(q, k, false, true), Math.sqrt(dk));
        const weights = tf.softmax(tf.where(tf.cast(causal, 'bool'), scores, tf.fill([T, T], -1e9)));
        perHead.push(tf.matMul(weights, v));
      }
      outs.push(tf.concat(perHead, 1));
    }
    x = tf.add(x, tf.add(tf.matMul(tf.concat(outs, 0), g(`l${l}.attn.w_out`)), g(`l${l}.attn.b_out`)));
    const hidden = tf.relu(tf.add(tf.matMul(ln(x, `l${l}.ln2`), g(`l${l}.ff.w1`)), g(`l${l}.ff.b1`)));
    x = tf.add(x, tf.add(tf.matMul(hidden, g(`l${l}.ff.w2`)), g(`l${l}.ff.b2`)));
  }
  return tf.reshape(tf.add(tf.matMul(ln(x, 'ln_f'), g('head.w')), g('head.b')), [B, T, V]);
}

/** Cross-entropy of next-token predictions, for gradients. */
const lossOf = (logits: tf.Tensor3D, targets: tf.Tensor1D, V: number) => tf.neg(tf.mean(tf.sum(tf.mul(tf.logSoftmax(tf.reshape(logits, [-1, V])), tf.oneHot(targets, V)), -1))) as tf.Scalar;

describe('GPT model', () => {
  it('gives logits [batch, T, vocab] and equals the plain head-by-head forward pass', async () => {
    await expectNoLeak(() => {
      const m = createGpt(SMALL);
      const ids = tf.tensor2d([[1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 0, 1], [2, 2, 2, 2, 2, 2]], [3, 6], 'int32');
      const [fast, ref] = tf.tidy(() => [m.logits(ids), referenceLogits(m, ids)]);
      expect(fast.shape).toEqual([3, 6, 11]);
      const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(fast, ref))).dataSync()[0]);
      expect(diff).toBeLessThan(1e-4);
      tf.dispose([fast, ref, ids]);
      m.dispose();
    });
  });

  // On CPU-memory backends attention and layer norm run in plain loops (kernels/); asking for
  // the stages takes the tf.js ops that GPU backends use. Both must give the plain model's gradients.
  it.each([
    ['the plain-loop kernels', false],
    ['the tf.js attention ops', true],
  ] as const)('every gradient matches tf.js autodiff of the plain forward pass (%s)', async (_name, tfOps) => {
    await expectNoLeak(() => {
      const m = createGpt(SMALL);
      const ids = tf.tensor2d([[1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 0, 1]], [2, 6], 'int32');
      const targets = tf.tensor1d([2, 3, 4, 5, 6, 7, 8, 9, 10, 0, 1, 2], 'int32');
      const fast = tf.variableGrads(() => lossOf(m.logits(ids, tfOps ? [] : undefined), targets, 11), m.variables);
      const ref = tf.variableGrads(() => lossOf(referenceLogits(m, ids), targets, 11), m.variables);
      expect(fast.value.dataSync()[0]).toBeCloseTo(ref.value.dataSync()[0], 5);
      for (const [i, v] of m.variables.entries()) {
        const a = fast.grads[v.name].dataSync();
        const b = ref.grads[v.name].dataSync();
        const scale = Math.max(1e-3, ...Array.from(b, Math.abs));
        const worst = Math.max(...Array.from(a, (x, j) => Math.abs(x - b[j])));
        expect(worst / scale, m.params[i].name).toBeLessThan(1e-3);
      }
      tf.dispose([fast.value, ref.value, ...Object.values(fast.grads), ...Object.values(ref.grads), ids, targets]);
      m.dispose();
    });
  });

  it('is causal: changing a later token never changes an earlier prediction', () => {
    const m = createGpt(SMALL);
    const [a, b] = tf.tidy(() => [m.logits(tf.tensor2d([[1, 2, 3, 4, 5, 6]], [1, 6], 'int32')).arraySync()[0], m.logits(tf.tensor2d([[1, 2, 3, 9, 9, 9]], [1, 6], 'int32')).arraySync()[0]]);
    for (let t = 0; t < 3; t++) for (let k = 0; k < 11; k++) expect(a[t][k]).toBeCloseTo(b[t][k], 5);
    expect(Math.abs(a[3][0] - b[3][0])).toBeGreaterThan(1e-6);
    m.dispose();
  });

  it('attention maps: rows sum to 1 and nothing looks ahead, for every layer and head', async () => {
    await expectNoLeak(async () => {
      const m = createGpt(SMALL);
      const r = await inspectAttention(m, [1, 2, 3, 4, 5]);
      expect(r.layers).toHaveLength(2);
      for (const layer of r.layers) {
        expect(layer.heads).toHaveLength(2);
        for (const h of layer.heads) {
          for (let i = 0; i < 5; i++) {
            let row = 0;
            for (let j = 0; j < 5; j++) {
              row += h.weights[i * 5 + j];
              if (j > i) expect(h.weights[i * 5 + j]).toBe(0);
            }
            expect(row).toBeCloseTo(1, 5);
          }
        }
      }
      m.dispose();
    });
  });

  it('float16 conversion is exact on representable values and rounds to nearest otherwise', () => {
    for (const x of [0, 1, -2, 0.5, 65504, 2 ** -14, 2 ** -24, -0.333251953125]) expect(fromHalf(toHalf(x))).toBe(x);
    expect(fromHalf(toHalf(1e6))).toBe(Infinity);
    expect(fromHalf(toHalf(2e-8))).toBe(0); // below half the smallest subnormal
    for (const x of [0.1, -3.14159, 1234.5678, 1e-4]) expect(Math.abs(fromHalf(toHalf(x)) - x) / Math.abs(x)).toBeLessThan(2 ** -10);
  });

  it('weights survive export and load (float32 exactly, float16 to half precision) and bad files are named', async () => {
    await expectNoLeak(() => {
      const m = createGpt(SMALL);
      const tok = { kind: 'char' as const, vocab: Array.from({ length: 11 }, (_, i) => String.fromCharCode(97 + i)) };
      const exact = loadGptWeights(JSON.parse(JSON.stringify(exportGptWeights(m, tok, {}, 'float32'))));
      const half = loadGptWeights(exportGptWeights(m, tok));
      const original = m.getWeights();
      exact.getWeights().forEach((w, i) => expect(w).toEqual(original[i]));
      half.getWeights().forEach((w, i) => w.forEach((x, j) => expect(Math.abs(x - original[i][j])).toBeLessThanOrEqual(Math.abs(original[i][j]) * 2 ** -11 + 1e-7)));
      const file = exportGptWeights(m, tok);
      expect(() => decodeGptWeights({ ...file, format: 'x' as 'dl-live-gpt-1' })).toThrow(/Not a dl-live GPT/);
      expect(() => decodeGptWeights({ ...file, data: file.data.slice(0, 40) })).toThrow(/holds \d+ values/);
      expect(() => loadGptWeights({ ...file, params: file.params.map((p, i) => (i === 0 ? { ...p, name: 'other' } : p)) })).toThrow(/different parameters/);
      [m, exact, half].forEach((x) => x.dispose());
    });
  });

  it('names a bad spec', () => {
    expect(() => createGpt({ dModel: 10, heads: 4 })).toThrow(/divisible/);
    expect(() => createGpt({ layers: 9 })).toThrow(/Layers/);
    expect(() => createGpt({ contextLength: 1 })).toThrow(/Context length/);
    expect(() => createGpt(SMALL, { outputBias: new Float32Array(3) })).toThrow(/outputBias has 3 entries; the vocabulary has 11/);
  });

  it('an output bias of log frequencies starts the untrained model near the unigram loss', () => {
    // Targets drawn from a skewed distribution over 11 tokens: its entropy is the unigram loss.
    const p = Array.from({ length: 11 }, (_, i) => 2 ** -i);
    const z = p.reduce((a, b) => a + b, 0);
    const probs = p.map((x) => x / z);
    const B = 64;
    const T = SMALL.contextLength!;
    const targets: number[] = [];
    let seedState = 7;
    for (let i = 0; i < B * T; i++) {
      seedState = (seedState * 16807) % 2147483647;
      let u = seedState / 2147483647;
      let k = 0;
      while (k < 10 && u > probs[k]) u -= probs[k++];
      targets.push(k);
    }
    // The drawn targets' own frequencies: their entropy is the best loss without context.
    const freq = probs.map((_, k) => Math.max(1, targets.filter((t) => t === k).length) / targets.length);
    const entropy = -freq.reduce((a, q, k) => a + (targets.some((t) => t === k) ? q * Math.log(q) : 0), 0);
    // Inputs: the targets shifted, so they carry no information the untrained model could use.
    const ids = tf.tensor2d(targets.map((_, i) => targets[(i + 5) % targets.length]), [B, T], 'int32');
    const lossWith = (model: TinyTransformer) => tf.tidy(() => lossOf(model.logits(ids), tf.tensor1d(targets, 'int32'), 11).arraySync() as number);
    const plain = createGpt(SMALL);
    const primed = createGpt(SMALL, { outputBias: Float32Array.from(freq, Math.log) });
    const [plainLoss, primedLoss] = [lossWith(plain), lossWith(primed)];
    // The plain start is above ln V (random logits); the primed one within 0.1 nat of the entropy.
    expect(plainLoss).toBeGreaterThan(Math.log(11));
    expect(Math.abs(primedLoss - entropy)).toBeLessThan(0.1);
    plain.dispose();
    primed.dispose();
    ids.dispose();
  });
});
