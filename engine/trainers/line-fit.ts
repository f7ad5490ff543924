/**
 * Gradient descent on the simplest model there is: a line ŷ = w·x + b fitted to 1-D points by
 * mean squared error. Two parameters, so the whole loss surface fits on a slide. Plain JS: no
 * tensors, so nothing to dispose.
 *
 * L(w, b) = (1/n) Σ (w xᵢ + b − yᵢ)²,  ∂L/∂w = (2/n) Σ (w xᵢ + b − yᵢ) xᵢ,  ∂L/∂b = (2/n) Σ (w xᵢ + b − yᵢ)
 *
 * With x spread over [-1, 1] the curvature along w is about 2·E[x²] ≈ 2/3 and along b exactly 2, so
 * plain gradient descent converges for learning rates below 2/2 = 1 and diverges above: the
 * "too large" demo uses 1.05.
 */
import { generate1D, type Dataset1DName } from '../datasets/two-d.ts';

/** Defaults for {@link createLineFit}. */
export const LINE_FIT_DEFAULTS = {
  /** 1-D dataset. */
  dataset: 'line' as Dataset1DName,
  /** Number of points. */
  points: 30,
  /** Noise level in [0, 1]. */
  noise: 0.5,
  /** Seed for the points. */
  seed: 1,
  /** Learning rate η. */
  learningRate: 0.1,
  /** Starting slope. */
  startW: -1.5,
  /** Starting intercept. */
  startB: 1.5,
  /** Half-width of the (w, b) window drawn for the loss surface, around (0, 0). */
  extent: 3,
};

/** One state of the descent. */
export interface LineFitState {
  step: number;
  w: number;
  b: number;
  loss: number;
  /** ∂L/∂w and ∂L/∂b at (w, b). */
  gradW: number;
  gradB: number;
  /** True once the parameters left any sensible range (the learning rate is too large). */
  diverged: boolean;
}

/** A gradient-descent session on a line fit. */
export interface LineFit {
  readonly options: typeof LINE_FIT_DEFAULTS;
  /** The points, x in [-1, 1]. */
  readonly x: Float32Array;
  readonly y: Float32Array;
  /** Current state. */
  readonly state: LineFitState;
  /** Every (w, b) visited, oldest first. */
  readonly path: { w: number; b: number; loss: number }[];
  /** One gradient step. */
  step(): LineFitState;
  /** Restart from (w, b) (defaults: the configured start). */
  restart(w?: number, b?: number): LineFitState;
  /** Loss at any (w, b). */
  lossAt(w: number, b: number): number;
  /** Loss over a `size × size` grid of (w, b) in [-extent, extent]²: row 0 is the largest b. */
  surface(size: number): Float32Array;
  /** The least-squares optimum (closed form). */
  optimum(): { w: number; b: number; loss: number };
  /** Nothing to free; present for the common lifecycle. */
  dispose(): void;
}

/** Build a line-fit session. Throws with a readable message for bad options. */
export function createLineFit(options: Partial<typeof LINE_FIT_DEFAULTS> = {}): LineFit {
  const o = { ...LINE_FIT_DEFAULTS, ...options };
  if (!(o.learningRate > 0 && Number.isFinite(o.learningRate))) throw new Error(`Learning rate must be a positive number, got ${o.learningRate}.`);
  const data = generate1D(o.dataset, { n: o.points, noise: o.noise, seed: o.seed });
  const { x, y, n } = data;
  const lossAt = (w: number, b: number) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += (w * x[i] + b - y[i]) ** 2;
    return s / n;
  };
  const evaluate = (step: number, w: number, b: number): LineFitState => {
    let gw = 0;
    let gb = 0;
    let s = 0;
    for (let i = 0; i < n; i++) {
      const e = w * x[i] + b - y[i];
      s += e * e;
      gw += e * x[i];
      gb += e;
    }
    const loss = s / n;
    return { step, w, b, loss, gradW: (2 * gw) / n, gradB: (2 * gb) / n, diverged: !Number.isFinite(loss) || Math.abs(w) > 1e6 || Math.abs(b) > 1e6 };
  };
  let state = evaluate(0, o.startW, o.startB);
  const path = [{ w: state.w, b: state.b, loss: state.loss }];
  return {
    options: o,
    x,
    y,
    get state() {
      return state;
    },
    path,
    step() {
      if (state.diverged) return state;
      state = evaluate(state.step + 1, state.w - o.learningRate * state.gradW, state.b - o.learningRate * state.gradB);
      path.push({ w: state.w, b: state.b, loss: state.loss });
      return state;
    },
    restart(w = o.startW, b = o.startB) {
      state = evaluate(0, w, b);
      path.length = 0;
      path.push({ w, b, loss: state.loss });
      return state;
    },
    lossAt,
    surface(size) {
      const out = new Float32Array(size * size);
      for (let r = 0; r < size; r++) {
        const b = o.extent - ((r + 0.5) / size) * 2 * o.extent;
        for (let c = 0; c < size; c++) out[r * size + c] = lossAt(-o.extent + ((c + 0.5) / size) * 2 * o.extent, b);
      }
      return out;
    },
    optimum() {
      let mx = 0;
      let my = 0;
      for (let i = 0; i < n; i++) {
        mx += x[i];
        my += y[i];
      }
      mx /= n;
      my /= n;
      let sxy = 0;
      let sxx = 0;
      for (let i = 0; i < n; i++) {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) ** 2;
      }
      const w = sxy / sxx;
      const b = my - w * mx;
      return { w, b, loss: lossAt(w, b) };
    },
    dispose() {},
  };
}
