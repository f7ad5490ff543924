import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeak, useCpu } from '../../tests/helpers/leak.ts';
import { createRng } from '../random.ts';
import type { ImageData2D } from '../datasets/mnist.ts';
import { colorImage } from '../datasets/mnist.ts';
import { conv2d, convOutputSize, convProblems, convRemarks, convTerms, pool2d, presetKernel, receptiveField, resolvePadding, shiftImage, type ConvGeometry } from './conv.ts';

beforeAll(useCpu);

const img = (h: number, w: number, values: number[], channels = 1): ImageData2D => ({ data: Float32Array.from(values), width: w, height: h, channels });
const single = (k: number, values: number[]) => ({ weights: Float32Array.from(values), outChannels: 1, inChannels: 1, size: k });
const g = (kernel: number, padding: ConvGeometry['padding'], stride = 1, dilation = 1): ConvGeometry => ({ kernel, padding, stride, dilation });

describe('convolution arithmetic', () => {
  it('output sizes match the formula on hand-computed cases (Dumoulin & Visin)', () => {
    expect(convOutputSize(5, g(3, 'valid'))).toBe(3); // 5 − 3 + 1
    expect(convOutputSize(5, g(3, 1))).toBe(5); // half padding keeps the size
    expect(convOutputSize(5, g(3, 2))).toBe(7); // full padding: 5 + 3 − 1
    expect(convOutputSize(5, g(3, 1, 2))).toBe(3); // ⌊(5 + 2 − 3)/2⌋ + 1
    expect(convOutputSize(6, g(3, 1, 2))).toBe(3); // ⌊(6 + 2 − 3)/2⌋ + 1 = 3 (one column unused)
    expect(convOutputSize(7, g(3, 'valid', 1, 2))).toBe(3); // dilated extent 5: 7 − 5 + 1
    expect(convOutputSize(28, g(5, 'same'))).toBe(28);
    expect(convOutputSize(28, g(3, 'same', 2))).toBe(14);
    expect(convOutputSize(3, g(5, 'valid'))).toBe(0);
    expect(resolvePadding(4, g(2, 'same'))).toEqual({ before: 0, after: 1 }); // odd total: extra after, as TF
  });

  it('explains impossible geometries in words instead of clamping', () => {
    expect(convProblems(3, g(5, 'valid'))[0]).toContain('kernel is 5 pixels wide, but the padded input is only 3');
    expect(convProblems(7, g(3, 'valid', 1, 4))[0]).toContain('dilated kernel spans 9 pixels');
    expect(convProblems(7, g(3, 'valid', 0))[0]).toContain('stride must be a whole number ≥ 1');
    expect(convProblems(7, g(3, -1))[0]).toContain('padding must be a whole number ≥ 0');
    expect(convProblems(28, g(3, 1, 2))).toEqual([]);
    expect(convRemarks(6, g(3, 1, 2))[0]).toContain('last 1 row/column');
    expect(convRemarks(6, g(3, 3))[0]).toContain('see nothing but zeros');
  });

  it('computes values with padding, stride and dilation as by hand', () => {
    // 4 × 4 input 1…16, kernel [[1, 0], [0, -1]].
    const x = img(4, 4, Array.from({ length: 16 }, (_, i) => i + 1));
    const k = single(2, [1, 0, 0, -1]);
    // valid, stride 1: a − d where d is the bottom-right neighbour: always 1 − 6 = −5.
    expect(Array.from(conv2d(x, k, { padding: 'valid', stride: 1, dilation: 1 }).data)).toEqual(Array(9).fill(-5));
    // padding 1, stride 2: positions (−1,−1), (−1,1), … → only one tap inside at the corner.
    const p = conv2d(x, k, { padding: 1, stride: 2, dilation: 1 });
    expect(p.width).toBe(3);
    expect(Array.from(p.data)).toEqual([-1, -3, 0, -9, -5, 8, 0, 14, 16]);
    // dilation 2 on 5 × 5: taps at (0,0) and (2,2): x[i][j] − x[i+2][j+2] = −12.
    const y = img(5, 5, Array.from({ length: 25 }, (_, i) => i + 1));
    expect(Array.from(conv2d(y, k, { padding: 'valid', stride: 1, dilation: 2 }).data)).toEqual(Array(9).fill(-12));
    // The multiply-add read-out sums to the same number and marks padding taps.
    const t = convTerms(x, k, { padding: 1, stride: 2, dilation: 1 }, 0, 0, 0);
    expect(t.sum).toBe(-1);
    expect(t.terms.filter((term) => term.padded).length).toBe(3);
  });

  it('agrees with tf.conv2d (NHWC, multi-channel, stride, dilation, same padding)', async () => {
    const rng = createRng(3);
    const x = colorImage('shapes', 12);
    const weights = Float32Array.from({ length: 4 * 3 * 3 * 3 }, () => rng.normal());
    const kernels = { weights, outChannels: 4, inChannels: 3, size: 3 };
    for (const [padding, stride, dilation] of [['valid', 1, 1], ['same', 1, 1], ['valid', 2, 1], ['valid', 1, 2], ['same', 2, 1]] as const) {
      const ours = conv2d(x, kernels, { padding, stride, dilation });
      const theirs = await expectNoLeak(async () => {
        const out = tf.tidy(() => {
          const xt = tf.tensor3d(x.data, [3, 12, 12]).transpose([1, 2, 0]).expandDims(0) as tf.Tensor4D;
          const wt = tf.tensor4d(weights, [4, 3, 3, 3]).transpose([2, 3, 1, 0]) as tf.Tensor4D; // → [k, k, in, out]
          return tf.conv2d(xt, wt, stride, padding, 'NHWC', dilation).squeeze([0]).transpose([2, 0, 1]);
        });
        const v = await out.data();
        out.dispose();
        return v;
      });
      expect(theirs.length).toBe(ours.data.length);
      ours.data.forEach((v, i) => expect(v).toBeCloseTo(theirs[i], 4));
    }
  });

  it('is translation equivariant: shifting the input shifts the output', () => {
    const rng = createRng(9);
    const x = img(16, 16, Array.from({ length: 256 }, (_, i) => ((i % 16) > 3 && (i % 16) < 10 && i > 64 && i < 180 ? rng.next() : 0)));
    const k = single(3, Array.from(presetKernel('sobel-x')));
    const geo = { padding: 'same' as const, stride: 1, dilation: 1 };
    const shifted = conv2d(shiftImage(x, 3, 2), k, geo);
    const expected = shiftImage(conv2d(x, k, geo), 3, 2);
    expect(Array.from(shifted.data)).toEqual(Array.from(expected.data));
    // Max-pooling after it: a shift by the pool size is exactly a shift of the pooled map…
    const pooled = pool2d(conv2d(shiftImage(x, 2, 2), k, geo), 'max', 2, 2);
    expect(Array.from(pooled.data)).toEqual(Array.from(shiftImage(pool2d(conv2d(x, k, geo), 'max', 2, 2), 1, 1).data));
  });

  it('pools and traces receptive fields through stacked layers', () => {
    const x = img(4, 4, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    expect(Array.from(pool2d(x, 'max', 2, 2).data)).toEqual([6, 8, 14, 16]);
    expect(Array.from(pool2d(x, 'avg', 2, 2).data)).toEqual([3.5, 5.5, 11.5, 13.5]);
    // Two 3 × 3 valid convs: one output sees 5 × 5 inputs; with stride 2 in the first, 7 × 7.
    const two = receptiveField([{ geometry: g(3, 'valid'), inputSize: 10 }, { geometry: g(3, 'valid'), inputSize: 8 }], 0, 0);
    expect(two.rows).toEqual([0, 4]);
    expect(two.cells.size).toBe(25);
    const strided = receptiveField([{ geometry: g(3, 'valid', 2), inputSize: 15 }, { geometry: g(3, 'valid'), inputSize: 7 }], 1, 1);
    expect(strided.rows).toEqual([2, 8]);
    expect(strided.cells.size).toBe(49);
    // A dilated kernel sees a sparse grid.
    expect(receptiveField([{ geometry: g(3, 'valid', 1, 2), inputSize: 9 }], 0, 0).cells.size).toBe(9);
  });
});
