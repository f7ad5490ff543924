import { describe, expect, it } from 'vitest';
import { MNIST_COUNT, MNIST_DEFLATED_BASE64, MNIST_TRAIN_COUNT } from './data/mnist-subset.ts';
import { colorImage, COLOR_IMAGES, decodeMnistSubset, digitImage, findDigit, loadMnist, MNIST_PIXELS, sampleDigits } from './mnist.ts';

/** The decode as one uninterrupted call (the format, written out plainly): the reference. */
async function decodeAtOnce(): Promise<{ images: Float32Array; labels: Uint8Array }> {
  const bin = atob(MNIST_DEFLATED_BASE64);
  const deflated = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  const stream = new Blob([deflated]).stream().pipeThrough(new DecompressionStream('deflate'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  const images = new Float32Array(MNIST_COUNT * MNIST_PIXELS);
  for (let k = 0; k < (MNIST_COUNT * MNIST_PIXELS) / 2; k++) {
    images[2 * k] = (bytes[MNIST_COUNT + k] >> 4) / 15;
    images[2 * k + 1] = (bytes[MNIST_COUNT + k] & 15) / 15;
  }
  return { images, labels: bytes.slice(0, MNIST_COUNT) };
}

describe('MNIST subset', () => {
  it('decodes 5000 + 1000 balanced digits in [0, 1] with ink in the middle', async () => {
    const { train, test } = await loadMnist();
    expect(train.n).toBe(5000);
    expect(test.n).toBe(1000);
    expect(train.images.length).toBe(5000 * MNIST_PIXELS);
    const counts = Array(10).fill(0);
    test.labels.forEach((l) => counts[l]++);
    expect(counts).toEqual(Array(10).fill(100));
    let min = Infinity;
    let max = -Infinity;
    for (const v of train.images) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    expect([min, max]).toEqual([0, 1]);
    // A real digit: the border is blank, the centre has ink.
    const d = digitImage(train, 0).data;
    expect(d[0] + d[27] + d[27 * 28]).toBe(0);
    expect(d.reduce((a, b) => a + b, 0)).toBeGreaterThan(40);
    expect(train.labels[findDigit(train, 7)]).toBe(7);
    const s = sampleDigits(train, 10, 1);
    expect(Array.from(s.labels)).toEqual(Array.from(sampleDigits(train, 10, 1).labels));
  });

  it('decodes in slices that yield between images, with the same bytes as one long call', async () => {
    const reference = await decodeAtOnce();
    // A slice of 0 ms yields before every image: 6000 yields, counted (microtasks keep it quick).
    let yields = 0;
    const sliced = await decodeMnistSubset(MNIST_DEFLATED_BASE64, MNIST_COUNT, MNIST_TRAIN_COUNT, {
      sliceMs: 0,
      yieldNow: async () => void yields++,
    });
    expect(yields).toBeGreaterThanOrEqual(MNIST_COUNT);
    // The page's path: 8 ms slices with real yields to the event loop.
    const loaded = await loadMnist();
    for (const got of [sliced, loaded]) {
      expect([got.train.n, got.test.n]).toEqual([MNIST_TRAIN_COUNT, MNIST_COUNT - MNIST_TRAIN_COUNT]);
      expect(Buffer.from(got.train.images.buffer).equals(Buffer.from(reference.images.buffer, 0, MNIST_TRAIN_COUNT * MNIST_PIXELS * 4))).toBe(true);
      expect(Buffer.from(got.test.images.buffer).equals(Buffer.from(reference.images.buffer, MNIST_TRAIN_COUNT * MNIST_PIXELS * 4))).toBe(true);
      expect(Array.from(got.train.labels)).toEqual(Array.from(reference.labels.subarray(0, MNIST_TRAIN_COUNT)));
      expect(Array.from(got.test.labels)).toEqual(Array.from(reference.labels.subarray(MNIST_TRAIN_COUNT)));
    }
  });

  it('draws the colour images with different content per channel', () => {
    for (const name of COLOR_IMAGES) {
      const im = colorImage(name, 16);
      expect(im.channels).toBe(3);
      const r = im.data.subarray(0, 256);
      const b = im.data.subarray(512, 768);
      expect(Array.from(r)).not.toEqual(Array.from(b));
      expect(im.data.every((v) => v >= 0 && v <= 1)).toBe(true);
    }
  });
});
