import { describe, expect, it } from 'vitest';
import { landscapeImage, landscapeSteps, luminance } from '../datasets/landscape.ts';
import { createImageCompressor } from './image-compress.ts';
import { hosvd, hosvdSteps, imageToTensor, svd, svdSteps, svdTruncationErrors, tuckerTruncate } from './tensor-decomp.ts';

/** Run a stepwise computation to its end, counting its yields. */
function drive<T>(steps: Generator<unknown, T>): { value: T; yields: number } {
  for (let yields = 0; ; yields++) {
    const r = steps.next();
    if (r.done) return { value: r.value, yields };
  }
}

describe('image compression session', () => {
  it('SVD and Tucker errors fall with rank, match σ, and reach zero at full rank; CP-ALS sweeps lower its error', async () => {
    const s = await createImageCompressor({ size: 24 });
    const errs = svdTruncationErrors(s.singularValues);
    const r3 = s.reconstruct('svd', [3]);
    expect(r3.error).toBeCloseTo(errs[3], 9);
    expect(r3.params).toBe(3 * (24 + 24 + 1));
    expect(s.reconstruct('svd', [24]).error).toBeLessThan(1e-6);
    expect(s.reconstruct('svd', [999]).ranks).toEqual([24]);
    const small = s.reconstruct('tucker', [4, 4, 1]);
    const big = s.reconstruct('tucker', [12, 12, 3]);
    expect(big.error).toBeLessThan(small.error);
    expect(s.reconstruct('tucker', [24, 24, 3]).error).toBeLessThan(1e-6);
    expect(big.image.channels).toBe(3);
    s.setCpRank(6);
    const before = s.reconstruct('cp').error;
    for (let i = 0; i < 10; i++) s.cpStep();
    expect(s.cpErrors.length).toBe(11);
    expect(s.reconstruct('cp').error).toBeLessThan(before);
    expect(s.reconstruct('cp').params).toBe(6 * (24 + 24 + 3 + 1));
    s.setCpRank(6); // same rank: keeps the fit
    expect(s.cpErrors.length).toBe(11);
  });

  it('the build in slices gives the one-shot numbers bit for bit, in pieces far smaller than a sweep', async () => {
    const s = await createImageCompressor({ seed: 3 });
    const img = landscapeImage({ seed: 3 });
    expect(Array.from(s.original.data)).toEqual(Array.from(img.data));
    const f = svd(luminance(img), 96, 96);
    expect(Array.from(s.singularValues)).toEqual(Array.from(f.s));
    const h = hosvd(imageToTensor(img));
    for (const m of [0, 1, 2]) expect(Array.from(s.modeSingularValues[m])).toEqual(Array.from(h.singularValues[m]));
    expect(s.reconstruct('tucker', [7, 9, 2]).error).toBe(tuckerTruncate(h, [7, 9, 2]).error);
    // A 96-column sweep rotates 4,560 pairs; the SVD yields every ~256, the image every 8 rows,
    // the HOSVD within each Gram matrix too.
    const stepped = drive(svdSteps(luminance(img), 96, 96));
    expect(Array.from(stepped.value.u)).toEqual(Array.from(f.u));
    expect(stepped.yields).toBeGreaterThanOrEqual(f.sweeps * 15);
    expect(drive(landscapeSteps({ seed: 3 })).yields).toBe(11);
    expect(drive(hosvdSteps(imageToTensor(img))).yields).toBeGreaterThan(3 * 12);
  });

  it('a build whose widget was reset or removed stops between slices', async () => {
    let asked = 0;
    await expect(createImageCompressor({}, { shouldStop: () => ++asked >= 2 })).rejects.toThrow(/cancelled/);
    expect(asked).toBe(2);
  });
});
