/**
 * Colour scales as plain functions (no DOM), shared by every picture. The default diverging scale
 * is TensorFlow Playground's orange → grey → blue, so the room reads our heat maps at once.
 */

/** An RGB triple in 0–255. */
export type Rgb = [number, number, number];

/** Playground's diverging palette: negative/class 0, neutral, positive/class 1. */
export const DIVERGING: readonly [string, string, string] = ['#f59322', '#e8eaeb', '#0877bd'];

/** Parse `#rrggbb` (or `#rgb`). Falls back to mid grey for anything else. */
export function parseHex(hex: string): Rgb {
  const h = hex.trim().replace('#', '');
  const full = h.length === 3 ? h.split('').map((c) => c + c).join('') : h;
  const v = Number.parseInt(full, 16);
  if (full.length !== 6 || Number.isNaN(v)) return [128, 128, 128];
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

/** Linear blend of two colours. */
export function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

/**
 * A 256-entry lookup table for a diverging scale over [-1, 1]: index 0 ↔ -1, 255 ↔ +1.
 * Precomputed once so painting a 100 × 100 map is a table lookup per pixel.
 */
export function divergingTable(neg: string, mid: string, pos: string): Uint8ClampedArray {
  const [a, m, b] = [parseHex(neg), parseHex(mid), parseHex(pos)];
  const lut = new Uint8ClampedArray(256 * 3);
  for (let i = 0; i < 256; i++) {
    const t = (i / 255) * 2 - 1;
    const c = t < 0 ? mix(m, a, -t) : mix(m, b, t);
    lut.set(c, i * 3);
  }
  return lut;
}

/** Sequential scale for heat maps of non-negative values (light → accent). */
export function sequentialTable(low: string, high: string): Uint8ClampedArray {
  const [a, b] = [parseHex(low), parseHex(high)];
  const lut = new Uint8ClampedArray(256 * 3);
  for (let i = 0; i < 256; i++) lut.set(mix(a, b, i / 255), i * 3);
  return lut;
}

/** Read a CSS custom property from an element, with a fallback. */
export function cssVar(el: Element, name: string, fallback: string): string {
  const v = getComputedStyle(el).getPropertyValue(name).trim();
  return v || fallback;
}

/**
 * Categorical colours for classes, cells, methods (up to 8): Okabe and Ito's palette, chosen to
 * stay distinguishable under the common colour-vision deficiencies. Use them in order.
 */
export const CATEGORICAL: readonly string[] = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#000000'];
