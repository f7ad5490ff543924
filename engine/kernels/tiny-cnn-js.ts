/**
 * The tiny CNN (conv → ReLU → 2×2 max-pool, twice, then dense → 10 logits) as plain Float32Array
 * loops: forward, backward (hand-derived, checked against tf.js autodiff in the tests) and
 * softmax cross-entropy. Why not tf.js: its wasm backend has no gradient kernels for conv2d
 * (`Conv2DBackpropFilter` is not registered), and its cpu backend needs seconds per minibatch; these
 * loops train at a few thousand digits per second on one core. Same maths as
 * `engine/models/tiny-cnn.ts` ("same" padding, stride 1), channel-major like PyTorch.
 */
import type { Rng } from '../random.ts';

/** Shape of the network. */
export interface TinyCnnShape {
  /** First-layer kernels (input has 1 channel). */
  filters1: number;
  /** First-layer kernel side (odd). */
  kernel1: number;
  /** Second-layer kernels. */
  filters2: number;
  /** Second-layer kernel side (odd). */
  kernel2: number;
}

/** Weights: w1 `f1 × k1 × k1`, b1 `f1`, w2 `f2 × f1 × k2 × k2`, b2 `f2`, wd `10 × (f2·7·7)`, bd `10`. */
export interface TinyCnnParams {
  w1: Float32Array;
  b1: Float32Array;
  w2: Float32Array;
  b2: Float32Array;
  wd: Float32Array;
  bd: Float32Array;
}

const S0 = 28;
const S1 = 14;
const S2 = 7;

/** He-normal conv weights, Glorot-uniform dense weights, zero biases (like the tf.js model). */
export function initTinyCnnParams(shape: TinyCnnShape, rng: Rng): TinyCnnParams {
  const { filters1: f1, kernel1: k1, filters2: f2, kernel2: k2 } = shape;
  const he = (n: number, fanIn: number) => Float32Array.from({ length: n }, () => rng.normal(0, Math.sqrt(2 / fanIn)));
  const flat = f2 * S2 * S2;
  const limit = Math.sqrt(6 / (flat + 10));
  return {
    w1: he(f1 * k1 * k1, k1 * k1),
    b1: new Float32Array(f1),
    w2: he(f2 * f1 * k2 * k2, f1 * k2 * k2),
    b2: new Float32Array(f2),
    wd: Float32Array.from({ length: 10 * flat }, () => rng.uniform(-limit, limit)),
    bd: new Float32Array(10),
  };
}

/** The parameter arrays in a fixed order (for optimizers). */
export function tinyCnnParamList(p: TinyCnnParams): Float32Array[] {
  return [p.w1, p.b1, p.w2, p.b2, p.wd, p.bd];
}

/** Forward and backward passes with preallocated buffers for one image at a time. */
export class TinyCnnKernel {
  readonly grads: TinyCnnParams;
  // Activations of the current image.
  readonly a1: Float32Array; // pre-ReLU conv1, f1 × 28 × 28
  readonly p1: Float32Array; // pooled, f1 × 14 × 14
  readonly a2: Float32Array; // pre-ReLU conv2, f2 × 14 × 14
  readonly p2: Float32Array; // pooled, f2 × 7 × 7
  readonly logits = new Float32Array(10);
  readonly probs = new Float32Array(10);
  private readonly arg1: Int32Array;
  private readonly arg2: Int32Array;
  private readonly d2: Float32Array;
  private readonly dp1: Float32Array;
  private readonly d1: Float32Array;
  private readonly da2: Float32Array;
  private readonly cols1: Float32Array;
  private readonly cols2: Float32Array;
  private readonly dCols2: Float32Array;

  constructor(readonly shape: TinyCnnShape) {
    const { filters1: f1, filters2: f2 } = shape;
    this.a1 = new Float32Array(f1 * S0 * S0);
    this.p1 = new Float32Array(f1 * S1 * S1);
    this.arg1 = new Int32Array(f1 * S1 * S1);
    this.a2 = new Float32Array(f2 * S1 * S1);
    this.p2 = new Float32Array(f2 * S2 * S2);
    this.arg2 = new Int32Array(f2 * S2 * S2);
    this.d2 = new Float32Array(f2 * S1 * S1);
    this.dp1 = new Float32Array(f1 * S1 * S1);
    this.d1 = new Float32Array(f1 * S0 * S0);
    this.da2 = new Float32Array(f2 * S1 * S1);
    this.cols1 = new Float32Array(shape.kernel1 * shape.kernel1 * S0 * S0);
    this.cols2 = new Float32Array(f1 * shape.kernel2 * shape.kernel2 * S1 * S1);
    this.dCols2 = new Float32Array(this.cols2.length);
    const z = (n: number) => new Float32Array(n);
    this.grads = { w1: z(f1 * shape.kernel1 ** 2), b1: z(f1), w2: z(f2 * f1 * shape.kernel2 ** 2), b2: z(f2), wd: z(10 * f2 * S2 * S2), bd: z(10) };
  }

  /** Zero the accumulated gradients. */
  zeroGrads(): void {
    for (const g of tinyCnnParamList(this.grads)) g.fill(0);
  }

  /** Forward one 784-pixel image; fills activations, logits and probs; returns the predicted class. */
  forward(p: TinyCnnParams, x: Float32Array, offset = 0): number {
    const { filters1: f1, kernel1: k1, filters2: f2, kernel2: k2 } = this.shape;
    im2col(x, offset, 1, S0, k1, this.cols1);
    convForward(this.cols1, k1 * k1, S0 * S0, p.w1, p.b1, f1, this.a1);
    reluPool(this.a1, f1, S0, this.p1, this.arg1);
    im2col(this.p1, 0, f1, S1, k2, this.cols2);
    convForward(this.cols2, f1 * k2 * k2, S1 * S1, p.w2, p.b2, f2, this.a2);
    reluPool(this.a2, f2, S1, this.p2, this.arg2);
    const flat = f2 * S2 * S2;
    let best = 0;
    let max = -Infinity;
    for (let o = 0; o < 10; o++) {
      let s = p.bd[o];
      const row = o * flat;
      for (let i = 0; i < flat; i++) s += p.wd[row + i] * this.p2[i];
      this.logits[o] = s;
      if (s > max) {
        max = s;
        best = o;
      }
    }
    let z = 0;
    for (let o = 0; o < 10; o++) z += this.probs[o] = Math.exp(this.logits[o] - max);
    for (let o = 0; o < 10; o++) this.probs[o] /= z;
    return best;
  }

  /** Cross-entropy of the last forward pass for `label`. */
  loss(label: number): number {
    return -Math.log(Math.max(this.probs[label], 1e-12));
  }

  /** Add the gradient of (scale × cross-entropy) for the last forward pass (same image) to `grads`. */
  backward(p: TinyCnnParams, label: number, scale: number): void {
    const { filters1: f1, kernel1: k1, filters2: f2, kernel2: k2 } = this.shape;
    const g = this.grads;
    const flat = f2 * S2 * S2;
    // Dense layer: dlogit = softmax − onehot.
    const dflat = this.d2; // reuse as scratch for the pooled gradient first
    dflat.fill(0, 0, flat);
    for (let o = 0; o < 10; o++) {
      const dl = (this.probs[o] - (o === label ? 1 : 0)) * scale;
      g.bd[o] += dl;
      const row = o * flat;
      for (let i = 0; i < flat; i++) {
        g.wd[row + i] += dl * this.p2[i];
        dflat[i] += dl * p.wd[row + i];
      }
    }
    // Unpool 2 + ReLU mask → gradient of a2.
    const da2 = this.da2;
    da2.fill(0);
    for (let i = 0; i < flat; i++) {
      const j = this.arg2[i];
      if (this.a2[j] > 0) da2[j] += dflat[i];
    }
    // Conv 2: weights, bias, and gradient into p1.
    convBackward(this.cols2, f1 * k2 * k2, S1 * S1, p.w2, f2, da2, g.w2, g.b2, this.dCols2);
    col2im(this.dCols2, f1, S1, k2, this.dp1);
    // Unpool 1 + ReLU mask → gradient of a1.
    const da1 = this.d1;
    da1.fill(0);
    for (let i = 0; i < f1 * S1 * S1; i++) {
      const j = this.arg1[i];
      if (this.a1[j] > 0) da1[j] += this.dp1[i];
    }
    convBackward(this.cols1, k1 * k1, S0 * S0, p.w1, f1, da1, g.w1, g.b1, null);
  }
}

/**
 * im2col: copy every k × k window of the zero-padded input into a column, giving a
 * `(cin·k·k) × (size·size)` matrix. The convolution then becomes a matrix product whose inner
 * loops run over all pixels at once: long, contiguous loops that the JIT compiles well.
 */
export function im2col(input: Float32Array, offset: number, cin: number, size: number, k: number, cols: Float32Array): void {
  const pad = (k - 1) >> 1;
  const area = size * size;
  cols.fill(0);
  for (let c = 0; c < cin; c++) {
    const ib = offset + c * area;
    for (let ky = 0; ky < k; ky++) {
      const dy = ky - pad;
      const y0 = Math.max(0, -dy);
      const y1 = Math.min(size, size - dy);
      for (let kx = 0; kx < k; kx++) {
        const dx = kx - pad;
        const x0 = Math.max(0, -dx);
        const x1 = Math.min(size, size - dx);
        const jb = ((c * k + ky) * k + kx) * area;
        for (let y = y0; y < y1; y++) {
          const src = ib + (y + dy) * size + dx;
          const dst = jb + y * size;
          for (let x = x0; x < x1; x++) cols[dst + x] = input[src + x];
        }
      }
    }
  }
}

/** "Same" convolution, stride 1, from the im2col matrix: out[o, p] = b[o] + Σ_j w[o, j] · cols[j, p]. */
export function convForward(cols: Float32Array, rows: number, area: number, w: Float32Array, b: Float32Array, cout: number, out: Float32Array): void {
  for (let o = 0; o < cout; o++) {
    const ob = o * area;
    out.fill(b[o], ob, ob + area);
    for (let j = 0; j < rows; j++) {
      const wv = w[o * rows + j];
      if (wv === 0) continue;
      const cb = j * area;
      for (let p = 0; p < area; p++) out[ob + p] += wv * cols[cb + p];
    }
  }
}

/** Gradients of {@link convForward}: dW, db and, if asked, the gradient of the im2col matrix. */
export function convBackward(cols: Float32Array, rows: number, area: number, w: Float32Array, cout: number, dOut: Float32Array, dW: Float32Array, db: Float32Array, dCols: Float32Array | null): void {
  dCols?.fill(0);
  for (let o = 0; o < cout; o++) {
    const ob = o * area;
    let sb = 0;
    for (let p = 0; p < area; p++) sb += dOut[ob + p];
    db[o] += sb;
    if (sb === 0) {
      // A channel with no gradient at all (every unit off): nothing else to add.
      let any = false;
      for (let p = 0; p < area && !any; p++) any = dOut[ob + p] !== 0;
      if (!any) continue;
    }
    for (let j = 0; j < rows; j++) {
      const cb = j * area;
      let acc = 0;
      for (let p = 0; p < area; p++) acc += dOut[ob + p] * cols[cb + p];
      dW[o * rows + j] += acc;
      if (dCols) {
        const wv = w[o * rows + j];
        for (let p = 0; p < area; p++) dCols[cb + p] += wv * dOut[ob + p];
      }
    }
  }
}

/** col2im: add the column gradients back onto the input pixels they were copied from. */
function col2im(dCols: Float32Array, cin: number, size: number, k: number, dInput: Float32Array): void {
  const pad = (k - 1) >> 1;
  const area = size * size;
  dInput.fill(0);
  for (let c = 0; c < cin; c++) {
    for (let ky = 0; ky < k; ky++) {
      const dy = ky - pad;
      const y0 = Math.max(0, -dy);
      const y1 = Math.min(size, size - dy);
      for (let kx = 0; kx < k; kx++) {
        const dx = kx - pad;
        const x0 = Math.max(0, -dx);
        const x1 = Math.min(size, size - dx);
        const jb = ((c * k + ky) * k + kx) * area;
        for (let y = y0; y < y1; y++) {
          const dst = c * area + (y + dy) * size + dx;
          const src = jb + y * size;
          for (let x = x0; x < x1; x++) dInput[dst + x] += dCols[src + x];
        }
      }
    }
  }
}

/** ReLU then 2×2 max-pool (stride 2); remembers where each max came from. */
export function reluPool(a: Float32Array, channels: number, size: number, out: Float32Array, arg: Int32Array): void {
  const half = size >> 1;
  for (let c = 0; c < channels; c++) {
    for (let y = 0; y < half; y++) {
      for (let x = 0; x < half; x++) {
        const i0 = (c * size + 2 * y) * size + 2 * x;
        let bi = i0;
        let bv = a[i0];
        for (let j = 1; j < 4; j++) {
          const at = i0 + (j >> 1) * size + (j & 1);
          if (a[at] > bv) {
            bv = a[at];
            bi = at;
          }
        }
        const o = (c * half + y) * half + x;
        out[o] = bv > 0 ? bv : 0;
        arg[o] = bi;
      }
    }
  }
}
