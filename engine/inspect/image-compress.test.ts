import { describe, expect, it } from 'vitest';
import { createImageCompressor } from './image-compress.ts';
import { svdTruncationErrors } from './tensor-decomp.ts';

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
});
