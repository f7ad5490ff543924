/**
 * A compression session on the landscape image for a rank slider: the SVD of its luminance and
 * the HOSVD of its colour tensor are computed once (about a second), after which any rank is a
 * cheap reconstruction; CP has no closed form, so its ALS sweeps run on request (live).
 *
 * ```ts
 * const s = await createImageCompressor({ size: 96 });
 * s.reconstruct('svd', [10]);        // { image, error, params, originalParams }
 * s.reconstruct('tucker', [20, 20, 3]);
 * s.setCpRank(20); s.cpStep();       // one ALS sweep; reconstruct('cp') shows the current fit
 * ```
 */
import { landscapeSteps, LANDSCAPE_DEFAULTS, luminance } from '../datasets/landscape.ts';
import type { ImageData2D } from '../datasets/mnist.ts';
import { createCpAls, hosvdSteps, imageToTensor, relativeError, runInSlices, svdParamCount, svdReconstruct, svdSteps, tensorToImage, tuckerTruncate, type CpAls, type Hosvd, type Svd, type Tensor3 } from './tensor-decomp.ts';

/** Defaults for {@link createImageCompressor}. */
export const IMAGE_COMPRESS_DEFAULTS = {
  /** Image side in pixels. */
  size: LANDSCAPE_DEFAULTS.size,
  /** Seed of the image's grain and of CP's random start. */
  seed: 1,
};

/** Methods a session offers. */
export const IMAGE_METHODS = ['svd', 'tucker', 'cp'] as const;
/** One method. */
export type ImageMethod = (typeof IMAGE_METHODS)[number];

/** One reconstruction. */
export interface ImageReconstruction {
  /** The approximation, channel-major in [0, 1]: 1 channel (SVD of the luminance) or 3 (Tucker, CP). */
  image: ImageData2D;
  /** ‖X − X̂‖ / ‖X‖ against the original (luminance for SVD, colour tensor otherwise). */
  error: number;
  /** Numbers stored. */
  params: number;
  /** Numbers in the original (h·w for SVD, h·w·3 otherwise). */
  originalParams: number;
  /** The ranks in force after clamping. */
  ranks: number[];
}

/** A session. */
export interface ImageCompressor {
  /** The original colour image. */
  readonly original: ImageData2D;
  /** Its luminance as a one-channel image (what the SVD compresses). */
  readonly grey: ImageData2D;
  /** Singular values of the luminance matrix, high to low (the decay curve). */
  readonly singularValues: Float64Array;
  /** Singular values of each mode's unfolding of the colour tensor (rows, columns, colour). */
  readonly modeSingularValues: [Float64Array, Float64Array, Float64Array];
  /** Largest rank per method: svd [side], tucker [h, w, 3], cp [cap]. */
  readonly maxRanks: Record<ImageMethod, number[]>;
  /** SVD and Tucker: the truncation at `ranks`; CP: the current ALS fit (ranks ignored; see setCpRank). */
  reconstruct(method: ImageMethod, ranks?: number[]): ImageReconstruction;
  /** Start CP-ALS afresh at `rank` (seeded); no-op if that rank is already running. */
  setCpRank(rank: number): void;
  /** One ALS sweep; returns the relative error after it. */
  cpStep(): number;
  /** CP errors so far (index 0: the random start). */
  readonly cpErrors: readonly number[];
}

/** Largest CP rank offered: past this each sweep outgrows a frame. */
export const MAX_CP_RANK = 80;

/**
 * Build a session: draws the image and computes the SVD and HOSVD once, in slices of about 12 ms
 * (a few rows of the image, a few hundred Jacobi rotations), so a page keeps painting while it
 * prepares (about a second in all). Same numbers as the one-shot `svd` and `hosvd`.
 * `slicing.shouldStop` (asked between slices) abandons the build with `BuildCancelled`.
 */
export async function createImageCompressor(options: Partial<typeof IMAGE_COMPRESS_DEFAULTS> = {}, slicing: { shouldStop?: () => boolean } = {}): Promise<ImageCompressor> {
  const o = { ...IMAGE_COMPRESS_DEFAULTS, ...options };
  // One stepwise computation, so the slices run across the image, the SVD and the HOSVD alike.
  function* prepare(): Generator<unknown, { original: ImageData2D; lum: Float64Array; f: Svd; tensor: Tensor3; h: Hosvd }> {
    const original = yield* landscapeSteps({ size: o.size, seed: o.seed });
    const lum = luminance(original);
    yield;
    const f = yield* svdSteps(lum, original.width, original.width);
    const tensor = imageToTensor(original);
    yield;
    return { original, lum, f, tensor, h: yield* hosvdSteps(tensor) };
  }
  const { original, lum, f, tensor, h } = await runInSlices(prepare(), 12, slicing.shouldStop);
  const n = original.width;
  const grey: ImageData2D = { data: Float32Array.from(lum), width: n, height: n, channels: 1 };
  let cp: CpAls | null = null;
  const clampInt = (v: number | undefined, lo: number, hi: number, fallback: number) => Math.max(lo, Math.min(hi, Math.round(Number.isFinite(v) ? (v as number) : fallback)));
  const maxRanks: Record<ImageMethod, number[]> = { svd: [n], tucker: [...h.ranks], cp: [MAX_CP_RANK] };

  return {
    original,
    grey,
    singularValues: f.s,
    modeSingularValues: h.singularValues,
    maxRanks,
    reconstruct(method, ranks = []) {
      if (method === 'svd') {
        const r = clampInt(ranks[0], 1, n, 10);
        const rec = svdReconstruct(f, r);
        const image: ImageData2D = { data: Float32Array.from(rec, (v) => Math.max(0, Math.min(1, v))), width: n, height: n, channels: 1 };
        return { image, error: relativeError(lum, rec), params: svdParamCount(n, n, r), originalParams: n * n, ranks: [r] };
      }
      if (method === 'tucker') {
        const r = h.ranks.map((max, i) => clampInt(ranks[i], 1, max, max)) as [number, number, number];
        const t = tuckerTruncate(h, r);
        return { image: tensorToImage(t.reconstruction), error: t.error, params: t.params, originalParams: n * n * 3, ranks: [...t.ranks] };
      }
      if (method === 'cp') {
        if (!cp) cp = createCpAls(tensor, 10, { seed: o.seed });
        return { image: tensorToImage(cp.reconstruct()), error: cp.errors[cp.errors.length - 1], params: cp.params, originalParams: n * n * 3, ranks: [cp.rank] };
      }
      throw new Error(`method must be one of ${IMAGE_METHODS.join(', ')}, got ${String(method)}.`);
    },
    setCpRank(rank) {
      const r = clampInt(rank, 1, MAX_CP_RANK, 10);
      if (cp?.rank !== r) cp = createCpAls(tensor, r, { seed: o.seed });
    },
    cpStep() {
      if (!cp) cp = createCpAls(tensor, 10, { seed: o.seed });
      return cp.step();
    },
    get cpErrors() {
      return cp ? cp.errors : [];
    },
  };
}
