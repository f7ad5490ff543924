/**
 * Seeded synthetic 3-D shapes as point clouds, for PointNet on a slide: points sampled on the
 * surface of a sphere, a cube, a cylinder, a cone, a torus or a square pyramid, each one stretched
 * a little along every axis, jittered with Gaussian noise, then centred and scaled into the unit
 * ball (as PointNet does with ModelNet). The variation keeps the task honest: an ellipsoid is not a
 * perfect sphere, a box is not a perfect cube, and a flat cone and a tall pyramid share a
 * silhouette, so the network has to learn curvature and flat faces, not just the extent.
 *
 * A cloud is a Float32Array of N points, xyz interleaved (x₀ y₀ z₀ x₁ …); y is "up". Every shape
 * has a canonical pose, the way a scanned object would rest on a table: the cylinder lies on its
 * side along x, the torus stands like a wheel facing z, the cone and pyramid stand on their bases.
 * A rotation about the vertical axis therefore changes what the cube, cylinder, torus and pyramid
 * look like to a network that only ever saw the canonical pose, which is what rotation
 * augmentation is about.
 *
 * ```ts
 * const rng = createRng(1);
 * const cloud = sampleShape('torus', 128, rng);         // 384 floats
 * const data = generateShapes(40, 128, rng);            // 40 shapes per class
 * rotatePoints(cloud, 128, randomRotation('vertical', rng));
 * ```
 */
import type { Rng } from '../random.ts';

/** The shape classes, in label order. */
export const SHAPE_CLASSES = ['sphere', 'cube', 'cylinder', 'cone', 'torus', 'pyramid'] as const;
/** One shape class. */
export type ShapeClass = (typeof SHAPE_CLASSES)[number];

/** How shapes are rotated: not at all, about the vertical (y) axis, or uniformly over SO(3). */
export const ROTATION_MODES = ['none', 'vertical', 'so3'] as const;
/** One rotation mode. */
export type RotationMode = (typeof ROTATION_MODES)[number];

/** Defaults of the shape generator. */
export const SHAPES3D_DEFAULTS = {
  /** Gaussian jitter added to every coordinate, before the cloud is scaled into the unit ball. */
  noiseStd: 0.04,
  /** Each axis is stretched by a factor e^u, u uniform in [−scaleJitter, scaleJitter]. */
  scaleJitter: 0.35,
};

/** Options of the shape generator. */
export type ShapeOptions = Partial<typeof SHAPES3D_DEFAULTS>;

/** A labelled set of clouds of equal size. */
export interface ShapeSet {
  /** count × pointsPerShape × 3, xyz interleaved. */
  points: Float32Array;
  /** Class index of each shape (into {@link SHAPE_CLASSES}). */
  labels: Int32Array;
  /** Number of shapes. */
  count: number;
  /** Points in every cloud. */
  pointsPerShape: number;
}

/** One surface point of a unit-sized shape in its canonical pose, written to out[o…o+2]. */
function surfacePoint(kind: ShapeClass, rng: Rng, shape: { h: number; r: number }, out: Float32Array, o: number): void {
  const u = rng.next();
  const v = rng.next();
  const t = 2 * Math.PI * rng.next();
  let x = 0;
  let y = 0;
  let z = 0;
  switch (kind) {
    case 'sphere': {
      // Uniform on the sphere: y uniform in [−1, 1] (Archimedes' hat-box theorem), angle uniform.
      y = 2 * u - 1;
      const s = Math.sqrt(1 - y * y);
      x = s * Math.cos(t);
      z = s * Math.sin(t);
      break;
    }
    case 'cube': {
      // Six faces of equal area: pick one, then a uniform point on it.
      const face = Math.floor(rng.next() * 6);
      const a = 2 * u - 1;
      const b = 2 * v - 1;
      const sign = face % 2 === 0 ? 1 : -1;
      if (face < 2) [x, y, z] = [sign, a, b];
      else if (face < 4) [x, y, z] = [a, sign, b];
      else [x, y, z] = [a, b, sign];
      break;
    }
    case 'cylinder': {
      // Radius 1, length 2h along x. Side and caps are picked in proportion to their areas.
      const side = 4 * Math.PI * shape.h;
      const caps = 2 * Math.PI;
      if (rng.next() * (side + caps) < side) {
        x = shape.h * (2 * u - 1);
        y = Math.cos(t);
        z = Math.sin(t);
      } else {
        const rad = Math.sqrt(u); // uniform in the disc: radius ∝ √u
        x = v < 0.5 ? shape.h : -shape.h;
        y = rad * Math.cos(t);
        z = rad * Math.sin(t);
      }
      break;
    }
    case 'cone': {
      // Base radius 1 at y = 0, apex at y = 2h. The lateral surface has area π·1·slant.
      const slant = Math.sqrt(1 + 4 * shape.h * shape.h);
      if (rng.next() * (slant + 1) < slant) {
        const f = Math.sqrt(u); // fraction of the way from apex to base: area grows ∝ f²
        x = f * Math.cos(t);
        z = f * Math.sin(t);
        y = 2 * shape.h * (1 - f);
      } else {
        const rad = Math.sqrt(u);
        x = rad * Math.cos(t);
        z = rad * Math.sin(t);
      }
      break;
    }
    case 'torus': {
      // Ring radius 1, tube radius r, axis along z. Area density ∝ (1 + r cos φ): rejection sampling.
      const r = shape.r;
      let phi = 2 * Math.PI * u;
      while (rng.next() * (1 + r) > 1 + r * Math.cos(phi)) phi = 2 * Math.PI * rng.next();
      const ring = 1 + r * Math.cos(phi);
      x = ring * Math.cos(t);
      y = ring * Math.sin(t);
      z = r * Math.sin(phi);
      break;
    }
    case 'pyramid': {
      // Square base [−1, 1]² at y = 0, apex at y = 2h; four triangles and the base, by area.
      const tri = Math.sqrt(1 + 4 * shape.h * shape.h); // area of one side: ½ · base 2 · slant height
      const pick = rng.next() * (4 * tri + 4);
      if (pick < 4 * tri) {
        // Uniform in a triangle: fold the unit square along its diagonal.
        let a = u;
        let b = v;
        if (a + b > 1) [a, b] = [1 - a, 1 - b];
        const side = Math.floor(pick / tri);
        // Corners: apex (0, 2h, 0) and two base corners of this side.
        const c = [
          [1, 1],
          [1, -1],
          [-1, -1],
          [-1, 1],
        ];
        const [p, q] = [c[side], c[(side + 1) % 4]];
        x = a * p[0] + b * q[0];
        z = a * p[1] + b * q[1];
        y = 2 * shape.h * (1 - a - b);
      } else {
        x = 2 * u - 1;
        z = 2 * v - 1;
      }
      break;
    }
  }
  out[o] = x;
  out[o + 1] = y;
  out[o + 2] = z;
}

/** Centre a cloud on its centroid and scale it so its farthest point lies on the unit sphere. */
export function normalizeCloud(points: Float32Array, count: number): Float32Array {
  let cx = 0;
  let cy = 0;
  let cz = 0;
  for (let i = 0; i < count; i++) {
    cx += points[3 * i];
    cy += points[3 * i + 1];
    cz += points[3 * i + 2];
  }
  cx /= count;
  cy /= count;
  cz /= count;
  let far = 0;
  for (let i = 0; i < count; i++) {
    points[3 * i] -= cx;
    points[3 * i + 1] -= cy;
    points[3 * i + 2] -= cz;
    far = Math.max(far, Math.hypot(points[3 * i], points[3 * i + 1], points[3 * i + 2]));
  }
  if (far > 0) for (let i = 0; i < 3 * count; i++) points[i] /= far;
  return points;
}

/**
 * One random shape of a class: `count` surface points with random proportions, a random stretch
 * per axis and Gaussian jitter, centred and scaled into the unit ball.
 */
export function sampleShape(kind: ShapeClass, count: number, rng: Rng, options: ShapeOptions = {}): Float32Array {
  const o = { ...SHAPES3D_DEFAULTS, ...options };
  if (!(SHAPE_CLASSES as readonly string[]).includes(kind)) throw new Error(`Unknown shape "${kind}". Use one of: ${SHAPE_CLASSES.join(', ')}.`);
  if (!Number.isInteger(count) || count < 1) throw new Error(`A shape needs a positive whole number of points, got ${count}.`);
  // Proportions of the class: half-length of the cylinder, height of cone and pyramid, tube radius of the torus.
  const shape = { h: rng.uniform(0.6, 1.2), r: rng.uniform(0.25, 0.45) };
  const stretch = [0, 1, 2].map(() => Math.exp(rng.uniform(-o.scaleJitter, o.scaleJitter)));
  const points = new Float32Array(3 * count);
  for (let i = 0; i < count; i++) {
    surfacePoint(kind, rng, shape, points, 3 * i);
    for (let a = 0; a < 3; a++) points[3 * i + a] = points[3 * i + a] * stretch[a] + rng.normal(0, o.noiseStd);
  }
  return normalizeCloud(points, count);
}

/** `perClass` shapes of every class, interleaved (sphere, cube, …, sphere, cube, …). */
export function generateShapes(perClass: number, pointsPerShape: number, rng: Rng, options: ShapeOptions = {}): ShapeSet {
  const filler = shapeFiller(perClass, pointsPerShape, rng, options);
  filler.fill(Infinity);
  return filler.set;
}

/**
 * {@link generateShapes} in slices: `fill(deadline)` draws shapes (at least one) until the
 * `performance.now()` deadline and says whether the set is complete. The same shapes as
 * `generateShapes` with the same `rng`, wherever the slices fall.
 */
export function shapeFiller(perClass: number, pointsPerShape: number, rng: Rng, options: ShapeOptions = {}): { set: ShapeSet; fill(deadline: number): boolean } {
  const k = SHAPE_CLASSES.length;
  const count = perClass * k;
  const points = new Float32Array(count * pointsPerShape * 3);
  const labels = new Int32Array(count);
  let s = 0;
  return {
    set: { points, labels, count, pointsPerShape },
    fill(deadline) {
      while (s < count) {
        labels[s] = s % k;
        points.set(sampleShape(SHAPE_CLASSES[s % k], pointsPerShape, rng, options), s * pointsPerShape * 3);
        s++;
        if (s < count && performance.now() >= deadline) return false;
      }
      return true;
    },
  };
}

/** The 3 × 3 rotation (row-major) by `angle` radians about the vertical y axis. */
export function rotationY(angle: number): Float32Array {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  return Float32Array.of(c, 0, s, 0, 1, 0, -s, 0, c);
}

/**
 * A random rotation matrix (row-major 3 × 3): the identity, a uniform angle about y, or uniform
 * over all of SO(3) (a uniformly random unit quaternion, Shoemake 1992: Euler angles drawn
 * uniformly would crowd rotations near the poles).
 */
export function randomRotation(mode: RotationMode, rng: Rng): Float32Array {
  if (mode === 'none') return Float32Array.of(1, 0, 0, 0, 1, 0, 0, 0, 1);
  if (mode === 'vertical') return rotationY(2 * Math.PI * rng.next());
  if (mode !== 'so3') throw new Error(`Unknown rotation "${String(mode)}". Use one of: ${ROTATION_MODES.join(', ')}.`);
  const u1 = rng.next();
  const u2 = 2 * Math.PI * rng.next();
  const u3 = 2 * Math.PI * rng.next();
  const a = Math.sqrt(1 - u1);
  const b = Math.sqrt(u1);
  const [w, x, y, z] = [a * Math.sin(u2), a * Math.cos(u2), b * Math.sin(u3), b * Math.cos(u3)];
  return Float32Array.of(
    1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y),
    2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x),
    2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y),
  );
}

/** Rotate `count` points in place: p ← R p. Returns `points`. */
export function rotatePoints(points: Float32Array, count: number, R: ArrayLike<number>): Float32Array {
  for (let i = 0; i < count; i++) {
    const x = points[3 * i];
    const y = points[3 * i + 1];
    const z = points[3 * i + 2];
    points[3 * i] = R[0] * x + R[1] * y + R[2] * z;
    points[3 * i + 1] = R[3] * x + R[4] * y + R[5] * z;
    points[3 * i + 2] = R[6] * x + R[7] * y + R[8] * z;
  }
  return points;
}

/** A copy of a cloud with its points in a random order (the same set, listed differently). */
export function shufflePoints(points: ArrayLike<number>, count: number, rng: Rng): Float32Array {
  const order = rng.shuffle(Array.from({ length: count }, (_, i) => i));
  const out = new Float32Array(3 * count);
  for (let i = 0; i < count; i++) for (let a = 0; a < 3; a++) out[3 * i + a] = points[3 * order[i] + a];
  return out;
}

/**
 * A random subset of a cloud with round(fraction · count) of its points removed (at least one point
 * stays). Returns the kept points, in their original order, and their indices in the original cloud.
 */
export function dropPoints(points: ArrayLike<number>, count: number, fraction: number, rng: Rng): { points: Float32Array; kept: Int32Array } {
  if (!(fraction >= 0 && fraction < 1)) throw new Error(`The dropped fraction must lie in [0, 1), got ${fraction}.`);
  const keep = Math.max(1, count - Math.round(fraction * count));
  const kept = Int32Array.from(rng.shuffle(Array.from({ length: count }, (_, i) => i)).slice(0, keep)).sort();
  const out = new Float32Array(3 * keep);
  for (let j = 0; j < keep; j++) for (let a = 0; a < 3; a++) out[3 * j + a] = points[3 * kept[j] + a];
  return { points: out, kept };
}
