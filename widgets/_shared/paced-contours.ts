import { contours, type ContourMultiPolygon } from 'd3';
import { nextTask } from './tasks.ts';

/** Work per slice before the page gets a turn, ms. */
const SLICE_MS = 8;

/**
 * d3's filled contours of a `width` × `height` grid at ascending `thresholds`, one threshold at a
 * time, letting the page in (a macrotask) whenever a slice of `sliceMs` is spent: the same bands,
 * in the same order, as `contours().size([width, height]).thresholds(thresholds)(values)`, without
 * one long task (16 levels of marching squares on 140 × 140 cells is ~40 ms). Resolves null once
 * `alive()` turns false (a Reset, a rebuild or removal while it ran): the rest is not computed.
 */
export async function pacedContours(
  values: number[],
  width: number,
  height: number,
  thresholds: readonly number[],
  alive: () => boolean,
  sliceMs = SLICE_MS,
): Promise<ContourMultiPolygon[] | null> {
  const sorted = [...thresholds].sort((a, b) => a - b);
  const gen = contours().size([width, height]);
  const bands: ContourMultiPolygon[] = [];
  let start = performance.now();
  for (const t of sorted) {
    if (performance.now() - start > sliceMs) {
      await nextTask();
      if (!alive()) return null;
      start = performance.now();
    }
    bands.push(gen.contour(values, t));
  }
  return alive() ? bands : null;
}
