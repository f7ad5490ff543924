/**
 * A procedurally drawn colour landscape for the compression demos: smooth sky, a sun with a glow,
 * two mountain ridges, a house with a window grid, a tree, a rippled lake that mirrors the sky,
 * striped grass and a little seeded grain. Smooth regions compress at low rank, edges and textures
 * need many more components, so its singular values decay the way a photograph's do (a test
 * checks the decay lies between a flat gradient's and white noise's). Drawn by code in this
 * repository (see DATA.md); nothing is loaded.
 */
import { createRng } from '../random.ts';
import type { ImageData2D } from './mnist.ts';

/** Defaults for {@link landscapeImage}. */
export const LANDSCAPE_DEFAULTS = {
  /** Side in pixels (square). 96 keeps a full SVD under a second in a browser. */
  size: 96,
  /** Seed of the grain. */
  seed: 1,
  /** Standard deviation of the grain, in grey levels of [0, 1]. */
  grain: 0.015,
};

const smooth = (e0: number, e1: number, x: number) => {
  const t = Math.max(0, Math.min(1, (x - e0) / (e1 - e0)));
  return t * t * (3 - 2 * t);
};
const mix = (a: number[], b: number[], t: number) => a.map((v, i) => v + (b[i] - v) * t);

/** The sky's colour at height v (0 = top), used again, darkened, in the lake's reflection. */
function sky(u: number, v: number): number[] {
  let c = mix([0.16, 0.3, 0.62], [0.98, 0.72, 0.45], smooth(0.05, 0.55, v));
  const d2 = (u - 0.72) ** 2 + (v - 0.28) ** 2;
  c = mix(c, [1, 0.93, 0.7], Math.exp(-d2 / 0.012) * 0.7);
  if (d2 < 0.0045) c = [1, 0.97, 0.82];
  // Two soft clouds.
  const cloud = Math.exp(-(((u - 0.3) / 0.16) ** 2 + ((v - 0.18) / 0.035) ** 2)) + Math.exp(-(((u - 0.5) / 0.1) ** 2 + ((v - 0.1) / 0.025) ** 2));
  return mix(c, [0.97, 0.96, 0.95], Math.min(1, cloud) * 0.8);
}

/** A colour image, `3 × size × size` channel-major in [0, 1] (the layout of {@link ImageData2D}). */
export function landscapeImage(options: Partial<typeof LANDSCAPE_DEFAULTS> = {}): ImageData2D {
  const steps = landscapeSteps(options);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * {@link landscapeImage} in pieces: yields after every 8 rows (the rows done), returns the same
 * image, so a page can draw it between frames (96 rows: ~25 ms in one go on a cold JIT).
 */
export function* landscapeSteps(options: Partial<typeof LANDSCAPE_DEFAULTS> = {}): Generator<number, ImageData2D> {
  const { size, seed, grain } = { ...LANDSCAPE_DEFAULTS, ...options };
  if (!Number.isInteger(size) || size < 8 || size > 512) throw new Error(`size must be a whole number from 8 to 512, got ${size}.`);
  const rng = createRng(seed);
  const area = size * size;
  const data = new Float32Array(3 * area);
  const horizon = 0.62;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const u = (x + 0.5) / size;
      const v = (y + 0.5) / size;
      let c: number[];
      const far = 0.43 + 0.05 * Math.sin(7 * u + 1) + 0.025 * Math.sin(19 * u + 0.3);
      const near = 0.52 + 0.045 * Math.sin(4.3 * u + 2.2) + 0.015 * Math.sin(27 * u);
      if (v < horizon) {
        c = sky(u, v);
        if (v > far) c = mix([0.42, 0.47, 0.6], [0.3, 0.36, 0.5], (v - far) / 0.2);
        if (v > near) c = mix([0.2, 0.38, 0.2], [0.12, 0.28, 0.12], (v - near) / 0.1);
        // The house: wall, a window grid, and a roof.
        if (u > 0.12 && u < 0.3 && v > 0.5 && v < horizon) {
          c = [0.72, 0.3, 0.22];
          const wx = (u - 0.14) / 0.14;
          const wy = (v - 0.52) / 0.07;
          if (wx > 0 && wx < 1 && wy > 0 && wy < 1 && (Math.floor(wx * 4) + Math.floor(wy * 2)) % 2 === 0) c = [0.95, 0.85, 0.45];
        }
        const roof = 0.5 - v;
        if (roof > 0 && roof < 0.08 && Math.abs(u - 0.21) < 0.11 - roof * 1.3) c = [0.35, 0.16, 0.14];
      } else {
        // The lake mirrors the sky above the horizon, darker, broken by ripples.
        const ripple = 0.04 * Math.sin(90 * v + 6 * Math.sin(9 * u));
        c = mix(sky(u, Math.max(0, 2 * horizon - v - 0.02 + ripple)), [0.05, 0.15, 0.3], 0.35);
      }
      // The tree on the right shore: trunk and a speckled canopy.
      const leaf = (u - 0.86) ** 2 + ((v - 0.47) / 1.2) ** 2;
      if (Math.abs(u - 0.86) < 0.012 && v > 0.47 && v < horizon) c = [0.3, 0.2, 0.1];
      if (leaf < 0.005) c = mix([0.1, 0.35, 0.12], [0.25, 0.55, 0.2], 0.5 + 0.5 * Math.sin(140 * u) * Math.sin(150 * v));
      // Grass in the bottom-left corner, in thin stripes (fine texture that needs high ranks).
      if (v > 0.82 + 0.1 * u && u < 0.5) c = mix([0.22, 0.45, 0.16], [0.4, 0.62, 0.22], Math.floor(u * size * 0.5) % 2);
      const o = y * size + x;
      for (let ch = 0; ch < 3; ch++) data[ch * area + o] = Math.max(0, Math.min(1, c[ch] + rng.normal(0, grain)));
    }
    if (y % 8 === 7 && y < size - 1) yield y + 1;
  }
  return { data, width: size, height: size, channels: 3 };
}

/** Luminance (Rec. 601 weights) of a colour image, `height × width` row-major: the matrix the SVD compresses. */
export function luminance(image: ImageData2D): Float64Array {
  const area = image.width * image.height;
  if (image.channels === 1) return Float64Array.from(image.data);
  const out = new Float64Array(area);
  for (let i = 0; i < area; i++) out[i] = 0.299 * image.data[i] + 0.587 * image.data[area + i] + 0.114 * image.data[2 * area + i];
  return out;
}
