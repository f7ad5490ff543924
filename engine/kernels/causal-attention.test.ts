import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileWat } from '../../build/wasm.ts';
import { createRng } from '../random.ts';
import { causalAttentionBackward, causalAttentionForward, simdAttention } from './causal-attention.ts';
import { WASM_BASE64 } from './causal-attention.wasm.ts';

/** The reference: the tf.js ops the kernel replaces in models/gpt.ts, differentiated by tf.js. */
function reference(qkv: Float32Array, dOut: Float32Array, B: number, T: number, H: number, dk: number) {
  const d = H * dk;
  return tf.tidy(() => {
    const mask = tf.tensor2d(Float32Array.from({ length: T * T }, (_, k) => (k % T > Math.floor(k / T) ? -1e9 : 0)), [T, T]);
    const attend = (x: tf.Tensor) => {
      const [q, k, v] = tf.split(x, 3, 1);
      const heads = (t: tf.Tensor, perm: number[], shape: [number, number, number]) => tf.reshape<tf.Rank.R3>(tf.transpose(tf.reshape(t, [B, T, H, dk]), perm), shape);
      const w = tf.softmax(tf.add(tf.mul(tf.matMul(heads(q, [0, 2, 1, 3], [B * H, T, dk]), heads(k, [0, 2, 3, 1], [B * H, dk, T])), 1 / Math.sqrt(dk)), mask)) as tf.Tensor3D;
      return tf.reshape(tf.transpose(tf.reshape(tf.matMul(w, heads(v, [0, 2, 1, 3], [B * H, T, dk])), [B, H, T, dk]), [0, 2, 1, 3]), [B * T, d]);
    };
    const x = tf.tensor2d(qkv, [B * T, 3 * d]);
    const dy = tf.tensor2d(dOut, [B * T, d]);
    const out = attend(x).dataSync() as Float32Array;
    const grad = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(attend(t), dy)))(x).dataSync() as Float32Array;
    return { out: Float32Array.from(out), grad: Float32Array.from(grad) };
  });
}

const maxDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

describe('causal attention kernel', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('the committed bytes are causal-attention.wat compiled (run `npm run build:wasm` after editing it)', async () => {
    const bytes = await compileWat(join(import.meta.dirname, 'causal-attention.wat'));
    expect(WASM_BASE64).toBe(Buffer.from(bytes).toString('base64'));
  });

  it('runs in Node where dk is a multiple of 4, and says so', () => {
    expect(simdAttention(16)).toBe(true);
    expect(simdAttention(6)).toBe(false);
    expect(() => causalAttentionForward(new Float32Array(36), 1, 2, 1, 6)).toThrow(/divisible by 4 \(got 6\)/);
  });

  // Odd sequence lengths, one and several heads, several head widths.
  const shapes = [
    [2, 5, 3, 4],
    [1, 1, 1, 8],
    [3, 7, 2, 12],
    [2, 9, 4, 16],
    [1, 64, 4, 16],
  ] as const;
  it.each(shapes.map((s) => [`B ${s[0]} T ${s[1]} H ${s[2]} dk ${s[3]}`, s] as const))(
    '%s: output and gradient equal tf.js autodiff',
    (_name, [B, T, H, dk]) => {
      const rng = createRng(B * 100 + T * 10 + dk);
      const qkv = Float32Array.from({ length: B * T * 3 * H * dk }, () => rng.normal(0, 1));
      const dOut = Float32Array.from({ length: B * T * H * dk }, () => rng.normal(0, 1));
      const ref = reference(qkv, dOut, B, T, H, dk);
      const { out, probs } = causalAttentionForward(qkv, B, T, H, dk);
      const grad = causalAttentionBackward(qkv, probs, out, dOut, B, T, H, dk);
      expect(maxDiff(out, ref.out)).toBeLessThan(1e-5);
      expect(maxDiff(grad, ref.grad)).toBeLessThan(1e-4);
      // Each probability row sums to one over the causal half and is zero above the diagonal.
      for (let i = 0; i < T; i++) {
        let sum = 0;
        for (let j = 0; j < T; j++) sum += probs[i * T + j];
        expect(sum).toBeCloseTo(1, 5);
        if (i + 1 < T) expect(probs[i * T + i + 1]).toBe(0);
      }
    },
  );

  it('names a wrong operand size', () => {
    expect(() => causalAttentionForward(new Float32Array(10), 1, 2, 1, 4)).toThrow(/qkv holds 10 values.*needs 24/);
  });
});
