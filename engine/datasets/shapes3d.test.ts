import { describe, expect, it } from 'vitest';
import { createRng } from '../random.ts';
import { dropPoints, generateShapes, randomRotation, rotatePoints, sampleShape, SHAPE_CLASSES, shufflePoints } from './shapes3d.ts';

const norms = (p: Float32Array) => Array.from({ length: p.length / 3 }, (_, i) => Math.hypot(p[3 * i], p[3 * i + 1], p[3 * i + 2]));

describe('synthetic 3-D shapes', () => {
  it('are seeded, centred and scaled into the unit ball', () => {
    const a = generateShapes(3, 64, createRng(5));
    const b = generateShapes(3, 64, createRng(5));
    expect(a.points).toEqual(b.points);
    expect(Array.from(a.labels.slice(0, 6))).toEqual([0, 1, 2, 3, 4, 5]);
    for (let s = 0; s < a.count; s++) {
      const cloud = a.points.subarray(s * 64 * 3, (s + 1) * 64 * 3);
      expect(Math.max(...norms(cloud))).toBeCloseTo(1, 5);
      for (let ax = 0; ax < 3; ax++) {
        let c = 0;
        for (let i = 0; i < 64; i++) c += cloud[3 * i + ax];
        expect(Math.abs(c / 64)).toBeLessThan(1e-5);
      }
    }
  });

  it('differ by class: without noise or stretch, a sphere has one radius and the others do not', () => {
    const spread = (kind: (typeof SHAPE_CLASSES)[number]) => {
      const r = norms(sampleShape(kind, 2000, createRng(2), { noiseStd: 0, scaleJitter: 0 }));
      return Math.max(...r) - Math.min(...r);
    };
    // The sphere's spread is only the centroid's sampling error (~0.01); the others measured 0.35+.
    expect(spread('sphere')).toBeLessThan(0.08);
    for (const kind of SHAPE_CLASSES.slice(1)) expect(spread(kind)).toBeGreaterThan(0.25);
  });

  it('rotations are orthonormal with determinant 1, and about y keep the height', () => {
    const rng = createRng(3);
    for (const mode of ['vertical', 'so3'] as const) {
      for (let t = 0; t < 20; t++) {
        const R = randomRotation(mode, rng);
        for (let i = 0; i < 3; i++) {
          for (let j = 0; j < 3; j++) {
            const dot = R[3 * i] * R[3 * j] + R[3 * i + 1] * R[3 * j + 1] + R[3 * i + 2] * R[3 * j + 2];
            expect(dot).toBeCloseTo(i === j ? 1 : 0, 5);
          }
        }
        const det = R[0] * (R[4] * R[8] - R[5] * R[7]) - R[1] * (R[3] * R[8] - R[5] * R[6]) + R[2] * (R[3] * R[7] - R[4] * R[6]);
        expect(det).toBeCloseTo(1, 5);
        if (mode === 'vertical') expect([R[3], R[4], R[5]]).toEqual([0, 1, 0]);
      }
    }
    const cloud = sampleShape('cube', 50, createRng(4));
    const before = norms(cloud);
    rotatePoints(cloud, 50, randomRotation('so3', rng));
    norms(cloud).forEach((r, i) => expect(r).toBeCloseTo(before[i], 5));
  });

  it('shuffling keeps the same points; dropping 50 % keeps exactly half of them', () => {
    const cloud = sampleShape('torus', 40, createRng(6));
    const key = (p: Float32Array) => Array.from({ length: p.length / 3 }, (_, i) => `${p[3 * i]},${p[3 * i + 1]},${p[3 * i + 2]}`).sort();
    expect(key(shufflePoints(cloud, 40, createRng(7)))).toEqual(key(cloud));
    const { points, kept } = dropPoints(cloud, 40, 0.5, createRng(8));
    expect(kept.length).toBe(20);
    expect(new Set(kept).size).toBe(20);
    kept.forEach((i, j) => expect(Array.from(points.slice(3 * j, 3 * j + 3))).toEqual(Array.from(cloud.slice(3 * i, 3 * i + 3))));
    expect(() => dropPoints(cloud, 40, 1, createRng(1))).toThrow(/fraction/);
  });
});
