/**
 * Input features for the 2-D playground: the network sees these functions of (x₁, x₂) instead of
 * the raw point. Engineering x₁² + x₂² makes the circle linearly separable, which is the lesson.
 */
import { EXTENT } from './two-d.ts';

/** Feature names, as Playground calls them. */
export const FEATURES = ['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sinx1', 'sinx2'] as const;
/** One input feature. */
export type Feature = (typeof FEATURES)[number];

/** How each feature is written on screen. */
export const FEATURE_LABELS: Record<Feature, string> = {
  x1: 'x₁', x2: 'x₂', x1sq: 'x₁²', x2sq: 'x₂²', x1x2: 'x₁x₂', sinx1: 'sin x₁', sinx2: 'sin x₂',
};

// Inputs are scaled to roughly [-1, 1] so one learning rate suits every feature.
const FEATURE_FNS: Record<Feature, (a: number, b: number) => number> = {
  x1: (a) => a / EXTENT,
  x2: (_a, b) => b / EXTENT,
  x1sq: (a) => (a / EXTENT) ** 2,
  x2sq: (_a, b) => (b / EXTENT) ** 2,
  x1x2: (a, b) => (a * b) / EXTENT ** 2,
  sinx1: (a) => Math.sin(a),
  sinx2: (_a, b) => Math.sin(b),
};

/** Check a feature list; throws with the accepted names. */
export function validateFeatures(features: readonly string[]): asserts features is Feature[] {
  if (features.length === 0) throw new Error('Choose at least one input feature.');
  for (const f of features) {
    if (!(FEATURES as readonly string[]).includes(f)) {
      throw new Error(`Unknown feature "${f}". Use any of: ${FEATURES.join(', ')}.`);
    }
  }
}

/** Map n points (row-major, 2 columns) to n rows of the chosen features. */
export function featurize(points: Float32Array, features: readonly Feature[]): Float32Array {
  const n = points.length / 2;
  const k = features.length;
  const out = new Float32Array(n * k);
  const fns = features.map((f) => FEATURE_FNS[f]);
  for (let i = 0; i < n; i++) {
    const a = points[2 * i];
    const b = points[2 * i + 1];
    for (let j = 0; j < k; j++) out[i * k + j] = fns[j](a, b);
  }
  return out;
}

/** The centres of a `size × size` grid over the plane, row 0 at the top (largest x₂). */
export function gridPoints(size: number): Float32Array {
  const out = new Float32Array(size * size * 2);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const i = r * size + c;
      out[2 * i] = -EXTENT + ((c + 0.5) / size) * 2 * EXTENT;
      out[2 * i + 1] = EXTENT - ((r + 0.5) / size) * 2 * EXTENT;
    }
  }
  return out;
}
