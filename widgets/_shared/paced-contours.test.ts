import { contours } from 'd3';
import { describe, expect, it } from 'vitest';
import { pacedContours } from './paced-contours.ts';

/** A bumpy 60 × 50 surface with several minima (rings and holes at most levels). */
function grid(w: number, h: number): number[] {
  const out: number[] = [];
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out.push(Math.sin(x / 5) * Math.cos(y / 4) + 0.02 * (x - 30) ** 2 / 30);
  return out;
}

describe('pacedContours', () => {
  const values = grid(60, 50);
  const levels = Array.from({ length: 16 }, (_, k) => -1 + (k * 2.5) / 15);

  it('gives the bands of the one-shot contours, in order, also when every level is a slice of its own', async () => {
    const once = contours().size([60, 50]).thresholds(levels)(values);
    let turns = 0;
    const sliced = await pacedContours(values, 60, 50, levels, () => (turns++, true), -1);
    expect(turns).toBeGreaterThanOrEqual(levels.length); // it yielded before every level after the first
    expect(sliced).toEqual(once);
    expect(await pacedContours(values, 60, 50, [...levels].reverse(), () => true)).toEqual(once);
  });

  it('stops at the next slice once it is no longer wanted', async () => {
    let alive = true;
    const run = pacedContours(values, 60, 50, levels, () => alive, -1);
    alive = false;
    expect(await run).toBeNull();
  });
});
