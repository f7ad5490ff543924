/**
 * Compress a trained layer and measure what it costs: the tiny CNN (engine/kernels/tiny-cnn-js.ts)
 * is trained on the shipped digits, then one convolution's kernels are replaced by a low-rank
 * approximation (truncated SVD of the kernel matrix, Tucker by HOSVD or CP by ALS of the kernel
 * tensor) and the test accuracy is measured again with everything else unchanged.
 *
 * Layouts: conv1 holds f₁ kernels of k₁ × k₁ (one input channel): the tensor f₁ × k₁ × k₁ and the
 * matrix f₁ × k₁². conv2 holds f₂ × f₁ kernels of k₂ × k₂: the tensor out × in × (k₂·k₂), whose
 * Tucker form with a small core over (out, in) is the classic Tucker-2 compression of a
 * convolution (Kim et al. 2016: a 1 × 1 conv, a small k × k conv, a 1 × 1 conv), and the matrix
 * f₂ × (f₁·k₂²). Plain JavaScript, seeded, no tf.js.
 *
 * ```ts
 * const c = await createCnnCompressor({ steps: 300 });
 * c.train(300);                                   // or in chunks, between frames
 * const r = c.compress('conv2', 'tucker', [4, 4, 9]);
 * r.accuracy, r.baseAccuracy, r.params, r.originalParams, r.error;
 * ```
 */
import { loadMnist, MNIST_PIXELS, sampleDigits, type DigitSet } from '../datasets/mnist.ts';
import { initTinyCnnParams, TinyCnnKernel, tinyCnnParamList, type TinyCnnParams, type TinyCnnShape } from '../kernels/tiny-cnn-js.ts';
import { createJsOptimizer } from '../optim/optimizers.ts';
import { createRng } from '../random.ts';
import { createCpAls, hosvd, relativeError, svd, svdParamCount, svdReconstruct, tensor3, tuckerTruncate, type Hosvd, type Svd } from './tensor-decomp.ts';

/** Defaults for {@link createCnnCompressor}. */
export const CNN_COMPRESS_DEFAULTS = {
  /** First-layer kernels. */
  filters1: 8,
  /** First-layer kernel side (odd). */
  kernel1: 5,
  /** Second-layer kernels. */
  filters2: 16,
  /** Second-layer kernel side (odd). */
  kernel2: 3,
  /** Training digits drawn from the shipped 5,000 (seeded subset). */
  trainCount: 2000,
  /** Test digits used for accuracy (seeded subset of the 1,000). */
  testCount: 500,
  /** Minibatch size. */
  batchSize: 16,
  /** Adam's learning rate. */
  learningRate: 0.005,
  /** CP-ALS sweeps per compression (CP has no closed form; HOSVD and SVD do). */
  cpSweeps: 60,
  /** Seed for the subsets, weights and batch order. */
  seed: 1,
};

/** Options for {@link createCnnCompressor}. */
export type CnnCompressOptions = Partial<typeof CNN_COMPRESS_DEFAULTS> & {
  /** Digits to use instead of the shipped subset (tests). */
  data?: { train: DigitSet; test: DigitSet };
};

/** The layers that can be compressed. */
export const COMPRESSIBLE_LAYERS = ['conv1', 'conv2'] as const;
/** One compressible layer. */
export type CompressibleLayer = (typeof COMPRESSIBLE_LAYERS)[number];
/** Decompositions. */
export const DECOMPOSITIONS = ['svd', 'tucker', 'cp'] as const;
/** One decomposition. */
export type Decomposition = (typeof DECOMPOSITIONS)[number];

/** What one compression did. */
export interface CompressionResult {
  layer: CompressibleLayer;
  method: Decomposition;
  /** Ranks used (svd and cp: one number; tucker: three), clamped to what the layer allows. */
  ranks: number[];
  /** Numbers stored by the compressed layer's weights. */
  params: number;
  /** Numbers in the original weights. */
  originalParams: number;
  /** ‖W − Ŵ‖ / ‖W‖ of the weights. */
  error: number;
  /** Test accuracy with the compressed layer. */
  accuracy: number;
  /** Test accuracy of the uncompressed network. */
  baseAccuracy: number;
  /** The compressed weights, same layout as the layer's. */
  weights: Float32Array;
}

/** A trained tiny CNN whose layers can be swapped for low-rank versions. */
export interface CnnCompressor {
  readonly shape: TinyCnnShape;
  /** Updates so far. */
  readonly steps: number;
  /** Run `updates` minibatch updates (Adam); returns their mean cross-entropy. Clears cached decompositions. */
  train(updates: number): number;
  /**
   * Train on at most `digits` digits (forward and backward each), resuming the minibatch in
   * progress; an update happens when its batch is complete. Returns the updates completed.
   * Any mix of calls gives the same weights as {@link train} for the same seed: a frame loop can
   * stop after any digit.
   */
  trainDigits(digits: number): number;
  /** Mean cross-entropy of the last completed update (NaN before the first). */
  readonly lastLoss: number;
  /** Test accuracy of the network as it is (or with `override` weights for one layer). */
  accuracy(override?: { layer: CompressibleLayer; weights: Float32Array }): number;
  /** Tensor shape [a, b, c] and matrix shape [rows, cols] of a layer's kernels. */
  layerShape(layer: CompressibleLayer): { tensor: [number, number, number]; matrix: [number, number] };
  /** The layer's current weights (a copy). */
  weights(layer: CompressibleLayer): Float32Array;
  /** Singular values of the layer's kernel matrix, high to low (the decay curve). */
  singularValues(layer: CompressibleLayer): Float64Array;
  /** Replace the layer by its rank-limited version, measure the test accuracy, and put the original back. */
  compress(layer: CompressibleLayer, method: Decomposition, ranks: number | number[]): CompressionResult;
  /** {@link compress} in steps: yields every few test digits (drive it with `runInSlices` to keep a page painting). */
  compressSteps(layer: CompressibleLayer, method: Decomposition, ranks: number | number[]): Generator<number, CompressionResult>;
}

/** Train-ready compressor on the shipped digits (loaded once) or on `options.data`. */
export async function createCnnCompressor(options: CnnCompressOptions = {}): Promise<CnnCompressor> {
  const o = { ...CNN_COMPRESS_DEFAULTS, ...options };
  for (const [name, v, lo, hi] of [['filters1', o.filters1, 1, 32], ['filters2', o.filters2, 1, 64], ['kernel1', o.kernel1, 1, 7], ['kernel2', o.kernel2, 1, 7], ['batchSize', o.batchSize, 1, 512], ['cpSweeps', o.cpSweeps, 1, 1000]] as const) {
    if (!Number.isInteger(v) || v < lo || v > hi) throw new Error(`${name} must be a whole number from ${lo} to ${hi}, got ${v}.`);
  }
  if (o.kernel1 % 2 === 0 || o.kernel2 % 2 === 0) throw new Error('Kernel sides must be odd ("same" padding is symmetric).');
  const full = options.data ?? (await loadMnist());
  // Each subset shuffles the whole split's indices: a task of its own (issue 18: tasks under 50 ms).
  const yieldToEventLoop = () => new Promise((resolve) => setTimeout(resolve, 0));
  await yieldToEventLoop();
  const train = sampleDigits(full.train, o.trainCount, o.seed);
  await yieldToEventLoop();
  const test = sampleDigits(full.test, o.testCount, o.seed + 1);
  await yieldToEventLoop();
  const shape: TinyCnnShape = { filters1: o.filters1, kernel1: o.kernel1, filters2: o.filters2, kernel2: o.kernel2 };
  const params: TinyCnnParams = initTinyCnnParams(shape, createRng(o.seed * 7919 + 1));
  const kernel = new TinyCnnKernel(shape);
  const optimizer = createJsOptimizer({ name: 'adam', learningRate: o.learningRate });
  const list = tinyCnnParamList(params);
  const gradList = tinyCnnParamList(kernel.grads);
  const order = createRng(o.seed * 31 + 5);
  let perm: number[] = [];
  let cursor = 0;
  let steps = 0;
  const cache = new Map<string, Svd | Hosvd>();
  let baseAccuracy: number | null = null;

  const bs = Math.min(o.batchSize, train.n);
  /** Digits of the current minibatch done so far, and their summed loss. */
  let inBatch = 0;
  let batchLoss = 0;
  let lastLoss = NaN;

  /** Forward and backward one digit of the current minibatch; at its end, update. Returns 1 after an update. */
  const trainOne = (): number => {
    if (inBatch === 0) {
      if (cursor + bs > perm.length) {
        perm = order.shuffle(Array.from({ length: train.n }, (_, i) => i));
        cursor = 0;
      }
      kernel.zeroGrads();
      batchLoss = 0;
    }
    const i = perm[cursor + inBatch];
    kernel.forward(params, train.images, i * MNIST_PIXELS);
    batchLoss += kernel.loss(train.labels[i]) / bs;
    kernel.backward(params, train.labels[i], 1 / bs);
    if (++inBatch < bs) return 0;
    inBatch = 0;
    cursor += bs;
    optimizer.update(list, gradList);
    steps++;
    lastLoss = batchLoss;
    cache.clear();
    baseAccuracy = null;
    return 1;
  };

  const key = (layer: CompressibleLayer): 'w1' | 'w2' => (layer === 'conv1' ? 'w1' : 'w2');
  const layerShape = (layer: CompressibleLayer) => {
    if (!(COMPRESSIBLE_LAYERS as readonly string[]).includes(layer)) throw new Error(`layer must be conv1 or conv2, got ${String(layer)}.`);
    const { filters1: f1, kernel1: k1, filters2: f2, kernel2: k2 } = shape;
    return layer === 'conv1'
      ? { tensor: [f1, k1, k1] as [number, number, number], matrix: [f1, k1 * k1] as [number, number] }
      : { tensor: [f2, f1, k2 * k2] as [number, number, number], matrix: [f2, f1 * k2 * k2] as [number, number] };
  };

  /** Test accuracy, yielding every 5 digits (a slow machine still gets short slices); `override` swaps one layer's weights for the count. */
  function* accuracySteps(override?: { layer: CompressibleLayer; weights: Float32Array }): Generator<number, number> {
    let keep: Float32Array | null = null;
    if (override) {
      const k = key(override.layer);
      if (override.weights.length !== params[k].length) throw new Error(`${override.layer} needs ${params[k].length} weights, got ${override.weights.length}.`);
      keep = params[k];
    }
    let correct = 0;
    try {
      for (let i = 0; i < test.n; i++) {
        // Swap in for each digit: a caller may train or measure in between two slices.
        if (override) params[key(override.layer)] = override.weights;
        if (kernel.forward(params, test.images, i * MNIST_PIXELS) === test.labels[i]) correct++;
        if (override && keep) params[key(override.layer)] = keep;
        if (i % 5 === 4) yield i + 1;
      }
    } finally {
      if (override && keep) params[key(override.layer)] = keep;
    }
    return correct / test.n;
  }
  const accuracy = (override?: { layer: CompressibleLayer; weights: Float32Array }) => {
    const steps = accuracySteps(override);
    for (;;) {
      const r = steps.next();
      if (r.done) return r.value;
    }
  };

  const singular = (layer: CompressibleLayer): Svd => {
    const id = `svd:${layer}`;
    let f = cache.get(id) as Svd | undefined;
    if (!f) {
      const [rows, cols] = layerShape(layer).matrix;
      cache.set(id, (f = svd(params[key(layer)], rows, cols)));
    }
    return f;
  };

  function* compressSteps(layer: CompressibleLayer, method: Decomposition, ranks: number | number[]): Generator<number, CompressionResult> {
    const shapes = layerShape(layer);
    const w = params[key(layer)];
    const r = Array.isArray(ranks) ? ranks : [ranks];
    let approx: ArrayLike<number>;
    let stored: number;
    let used: number[];
    if (method === 'svd') {
      const f = singular(layer);
      const rank = Math.max(1, Math.min(f.k, Math.floor(r[0])));
      approx = svdReconstruct(f, rank);
      stored = svdParamCount(shapes.matrix[0], shapes.matrix[1], rank);
      used = [rank];
    } else if (method === 'tucker') {
      const id = `hosvd:${layer}`;
      let h = cache.get(id) as Hosvd | undefined;
      if (!h) cache.set(id, (h = hosvd(tensor3(w, shapes.tensor))));
      const t = tuckerTruncate(h, [r[0], r[1] ?? r[0], r[2] ?? r[0]]);
      approx = t.reconstruction.data;
      stored = t.params;
      used = [...t.ranks];
    } else if (method === 'cp') {
      const rank = Math.max(1, Math.min(256, Math.floor(r[0])));
      const cp = createCpAls(tensor3(w, shapes.tensor), rank, { init: 'hosvd', seed: o.seed });
      for (let s = 0; s < o.cpSweeps; s++) {
        const before = cp.errors[cp.errors.length - 1];
        const after = cp.step();
        yield -1;
        if (before - after <= 1e-9 * before) break;
      }
      approx = cp.reconstruct().data;
      stored = cp.params;
      used = [rank];
    } else throw new Error(`method must be svd, tucker or cp, got ${String(method)}.`);
    const weights = Float32Array.from(approx);
    if (baseAccuracy === null) baseAccuracy = yield* accuracySteps();
    const base = baseAccuracy;
    const acc = yield* accuracySteps({ layer, weights });
    return { layer, method, ranks: used, params: stored, originalParams: w.length, error: relativeError(w, weights), accuracy: acc, baseAccuracy: base, weights };
  }

  return {
    shape,
    get steps() {
      return steps;
    },
    get lastLoss() {
      return lastLoss;
    },
    train(updates) {
      let loss = 0;
      for (let u = 0; u < updates; u++) {
        while (trainOne() === 0);
        loss += lastLoss;
      }
      return loss / Math.max(1, updates);
    },
    trainDigits(digits) {
      let done = 0;
      for (let d = 0; d < digits; d++) done += trainOne();
      return done;
    },
    accuracy,
    layerShape,
    weights: (layer) => Float32Array.from(params[key(layer)]),
    singularValues: (layer) => Float64Array.from(singular(layer).s),
    compressSteps,
    compress(layer, method, ranks) {
      const steps = compressSteps(layer, method, ranks);
      for (;;) {
        const r = steps.next();
        if (r.done) return r.value;
      }
    },
  };
}
