import { describe, expect, it } from 'vitest';
import { colorImage, COLOR_IMAGES, digitImage, findDigit, loadMnist, MNIST_PIXELS, sampleDigits } from './mnist.ts';

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
