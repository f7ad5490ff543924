/**
 * Deep Sets (Zaheer et al., 2017) next to a plain MLP on a set task, in plain JS.
 *
 * A set {x₁, …, x_N} is a list whose order carries no meaning. Deep Sets computes
 *   f(X) = ρ( pool_i φ(x_i) ),  pool = Σ or mean,
 * with ONE network φ shared by all elements: the output cannot depend on the order, and φ's
 * weights are shared N ways (parameter sharing). The MLP baseline reads the concatenation
 * [x₁; …; x_N], so it must learn the same thing separately for every position, and a shuffle
 * changes its output.
 *
 * Task: sets of N digits 0–9 (each digit enters as a one-hot vector of length 10); the target is
 * the sum or the maximum of the digits. Both models regress target/10 with squared error; a
 * prediction counts as correct when it rounds to the right integer.
 *
 * ```ts
 * const race = createSetRace({ task: 'sum', setSize: 6, trainSize: 100 });
 * race.step(50);
 * race.evaluate(); // { deepSets: { loss, accuracy }, mlp: { loss, accuracy } }
 * ```
 */
import { createRng, type Rng } from '../random.ts';
import { createJsOptimizer, type JsOptimizer } from '../optim/optimizers.ts';
import { createLayerStack, StackRunner, stackParamCount, type LayerStack } from '../kernels/layer-stack.ts';

/** Set tasks. */
export const SET_TASKS = ['sum', 'max'] as const;
/** One set task. */
export type SetTask = (typeof SET_TASKS)[number];
/** Pooling operators. */
export const POOLINGS = ['sum', 'mean'] as const;
/** One pooling operator. */
export type Pooling = (typeof POOLINGS)[number];

/** Digits per element encoding. */
const DIGITS = 10;
/** Targets are divided by this so they sit near 1. */
const TARGET_SCALE = 10;

/** A batch of sets of digits with their targets. */
export interface SetData {
  /** Digits, row-major: count × setSize. */
  digits: Int32Array;
  /** Targets (the sum or max, not scaled). */
  targets: Float32Array;
  /** Number of sets. */
  count: number;
  /** Elements per set. */
  setSize: number;
}

/** Seeded random sets of uniformly drawn digits. */
export function generateSets(task: SetTask, count: number, setSize: number, rng: Rng): SetData {
  const digits = new Int32Array(count * setSize);
  const targets = new Float32Array(count);
  for (let s = 0; s < count; s++) {
    let sum = 0;
    let max = 0;
    for (let i = 0; i < setSize; i++) {
      const d = rng.int(DIGITS);
      digits[s * setSize + i] = d;
      sum += d;
      max = Math.max(max, d);
    }
    targets[s] = task === 'sum' ? sum : max;
  }
  return { digits, targets, count, setSize };
}

/** The target of one set of digits. */
export function setTarget(task: SetTask, digits: ArrayLike<number>): number {
  let sum = 0;
  let max = 0;
  for (let i = 0; i < digits.length; i++) {
    sum += digits[i];
    max = Math.max(max, digits[i]);
  }
  return task === 'sum' ? sum : max;
}

/** A model over sets of digits. */
export interface SetModel {
  /** 'deep-sets' or 'mlp'. */
  readonly kind: 'deep-sets' | 'mlp';
  /** Trainable parameters. */
  readonly paramCount: number;
  /** Predicted targets (unscaled) for `count` sets taken from `digits` (count × setSize). */
  predict(digits: ArrayLike<number>, count: number): Float32Array;
  /** Mean squared error on scaled targets for sets `idx` of `data`, with gradients; applies one optimizer step. */
  trainStep(data: SetData, idx: ArrayLike<number>): number;
}

/** Options shared by both models. */
export interface SetModelOptions {
  /** Elements per set. */
  setSize: number;
  /** Hidden width (φ and ρ for Deep Sets, both layers for the MLP). */
  hidden?: number;
  /** Pooling (Deep Sets only). */
  pooling?: Pooling;
  /** Adam learning rate. */
  learningRate?: number;
  /** Largest batch of sets per call. */
  maxBatch?: number;
  /** Seed for the weights. */
  seed?: number;
  /** Run the dense passes in WebAssembly SIMD where available (default); false keeps JavaScript (benchmarks compare). */
  simd?: boolean;
}

function oneHot(digits: ArrayLike<number>, from: number, count: number, out: Float32Array): void {
  out.fill(0, 0, count * DIGITS);
  for (let i = 0; i < count; i++) out[i * DIGITS + digits[from + i]] = 1;
}

/** The Deep Sets model with its two networks exposed. */
export interface DeepSetsModel extends SetModel {
  /** φ, applied to every element. */
  readonly phi: LayerStack;
  /** ρ, applied to the pooled vector. */
  readonly rho: LayerStack;
  /** The pooled vectors (count × hidden) of `count` sets. */
  pooled(digits: ArrayLike<number>, count: number): Float32Array;
  /** Loss and gradients (φ weights, φ biases, ρ weights, ρ biases) for sets `idx`, without updating. */
  lossAndGrads(data: SetData, idx: ArrayLike<number>): { loss: number; grads: Float32Array[] };
}

/** Deep Sets: φ = 10 → h → h (ReLU), pooling, ρ = h → h → 1 (ReLU). */
export function createDeepSets(options: SetModelOptions): DeepSetsModel {
  const { setSize, hidden = 32, pooling = 'sum', learningRate = 0.005, maxBatch = 512, seed = 1, simd = true } = options;
  const rng = createRng(seed);
  const phi = createLayerStack([DIGITS, hidden, hidden], 'relu', 'he', rng.fork());
  const rho = createLayerStack([hidden, hidden, 1], 'relu', 'he', rng.fork());
  const phiRun = new StackRunner(phi, maxBatch * setSize, simd);
  const rhoRun = new StackRunner(rho, maxBatch, simd);
  const xs = new Float32Array(maxBatch * setSize * DIGITS);
  const pooledBuf = new Float32Array(maxBatch * hidden);
  const dPhi = new Float32Array(maxBatch * setSize * hidden);
  const dOut = new Float32Array(maxBatch);
  const digitsBuf = new Int32Array(maxBatch * setSize);
  const opt: JsOptimizer = createJsOptimizer({ name: 'adam', learningRate });
  const params = [...phi.w, ...phi.b, ...rho.w, ...rho.b];
  const scale = pooling === 'mean' ? 1 / setSize : 1;

  const forward = (digits: ArrayLike<number>, count: number): Float32Array => {
    oneHot(digits, 0, count * setSize, xs);
    const e = phiRun.forward(xs, count * setSize);
    pooledBuf.fill(0, 0, count * hidden);
    for (let s = 0; s < count; s++) {
      for (let i = 0; i < setSize; i++) {
        const src = (s * setSize + i) * hidden;
        for (let k = 0; k < hidden; k++) pooledBuf[s * hidden + k] += e[src + k] * scale;
      }
    }
    return rhoRun.forward(pooledBuf, count);
  };

  const predictChunk = (digits: ArrayLike<number>, count: number) => {
    const out = new Float32Array(count);
    for (let off = 0; off < count; off += maxBatch) {
      const m = Math.min(maxBatch, count - off);
      for (let k = 0; k < m * setSize; k++) digitsBuf[k] = digits[off * setSize + k];
      const y = forward(digitsBuf, m);
      for (let i = 0; i < m; i++) out[off + i] = y[i] * TARGET_SCALE;
    }
    return out;
  };

  return {
    kind: 'deep-sets',
    phi,
    rho,
    paramCount: stackParamCount(phi) + stackParamCount(rho),
    predict: predictChunk,
    pooled(digits, count) {
      forward(digits, count);
      return pooledBuf.slice(0, count * hidden);
    },
    trainStep(data, idx) {
      const { loss, grads } = this.lossAndGrads(data, idx);
      opt.update(params, grads);
      return loss;
    },
    lossAndGrads(data, idx) {
      const n = idx.length;
      for (let s = 0; s < n; s++) for (let i = 0; i < setSize; i++) digitsBuf[s * setSize + i] = data.digits[idx[s] * setSize + i];
      const y = forward(digitsBuf, n);
      let loss = 0;
      for (let s = 0; s < n; s++) {
        const e = y[s] - data.targets[idx[s]] / TARGET_SCALE;
        loss += e * e;
        dOut[s] = (2 * e) / n;
      }
      rhoRun.backward(dOut);
      // ∂L/∂φ(x_i) = ∂L/∂pooled for every element of the set (× 1/N for the mean).
      const dPooled = rhoRun.dInput;
      for (let s = 0; s < n; s++) {
        for (let i = 0; i < setSize; i++) {
          const dst = (s * setSize + i) * hidden;
          for (let k = 0; k < hidden; k++) dPhi[dst + k] = dPooled[s * hidden + k] * scale;
        }
      }
      phiRun.backward(dPhi);
      return { loss: loss / n, grads: [...phiRun.gw, ...phiRun.gb, ...rhoRun.gw, ...rhoRun.gb] };
    },
  };
}

/** The baseline: an MLP over the concatenated one-hot digits, N·10 → h → h → 1 (ReLU). */
export function createConcatMlp(options: SetModelOptions): SetModel & { stack: LayerStack } {
  const { setSize, hidden = 32, learningRate = 0.005, maxBatch = 512, seed = 1, simd = true } = options;
  const rng = createRng(seed + 17);
  const stack = createLayerStack([setSize * DIGITS, hidden, hidden, 1], 'relu', 'he', rng);
  const run = new StackRunner(stack, maxBatch, simd);
  const xs = new Float32Array(maxBatch * setSize * DIGITS);
  const dOut = new Float32Array(maxBatch);
  const digitsBuf = new Int32Array(maxBatch * setSize);
  const opt: JsOptimizer = createJsOptimizer({ name: 'adam', learningRate });
  const params = [...stack.w, ...stack.b];
  return {
    kind: 'mlp',
    stack,
    paramCount: stackParamCount(stack),
    predict(digits, count) {
      const out = new Float32Array(count);
      for (let off = 0; off < count; off += maxBatch) {
        const m = Math.min(maxBatch, count - off);
        for (let k = 0; k < m * setSize; k++) digitsBuf[k] = digits[off * setSize + k];
        oneHot(digitsBuf, 0, m * setSize, xs);
        const y = run.forward(xs, m);
        for (let i = 0; i < m; i++) out[off + i] = y[i] * TARGET_SCALE;
      }
      return out;
    },
    trainStep(data, idx) {
      const n = idx.length;
      for (let s = 0; s < n; s++) for (let i = 0; i < setSize; i++) digitsBuf[s * setSize + i] = data.digits[idx[s] * setSize + i];
      oneHot(digitsBuf, 0, n * setSize, xs);
      const y = run.forward(xs, n);
      let loss = 0;
      for (let s = 0; s < n; s++) {
        const e = y[s] - data.targets[idx[s]] / TARGET_SCALE;
        loss += e * e;
        dOut[s] = (2 * e) / n;
      }
      run.backward(dOut);
      opt.update(params, [...run.gw, ...run.gb]);
      return loss / n;
    },
  };
}

/** Loss (scaled MSE) and accuracy (rounds to the right integer) of a model on a dataset. */
export function evaluateSetModel(model: SetModel, data: SetData): { loss: number; accuracy: number } {
  const y = model.predict(data.digits, data.count);
  let loss = 0;
  let correct = 0;
  for (let s = 0; s < data.count; s++) {
    const e = (y[s] - data.targets[s]) / TARGET_SCALE;
    loss += e * e;
    if (Math.round(y[s]) === data.targets[s]) correct++;
  }
  return { loss: loss / data.count, accuracy: correct / data.count };
}

/** Options for {@link createSetRace}. */
export interface SetRaceOptions {
  /** sum or max. */
  task: SetTask;
  /** Digits per set (2–10). */
  setSize?: number;
  /** Training sets. */
  trainSize?: number;
  /** Test sets. */
  testSize?: number;
  /** Deep Sets pooling. */
  pooling?: Pooling;
  /** Hidden width of both models. */
  hidden?: number;
  /** Minibatch size. */
  batchSize?: number;
  /** Adam learning rate. */
  learningRate?: number;
  /** Seed for data, weights and batches. */
  seed?: number;
  /** Dense passes in WebAssembly SIMD where available (default); false keeps JavaScript. */
  simd?: boolean;
}

/** Per-model read-out. */
export interface SetScores {
  /** Scaled squared error. */
  loss: number;
  /** Fraction of sets whose rounded prediction is right. */
  accuracy: number;
}

/** Both models trained side by side on the same training sets. */
export interface SetRace {
  /** The options in force. */
  readonly options: Required<SetRaceOptions>;
  /** The Deep Sets model. */
  readonly deepSets: DeepSetsModel;
  /** The MLP over the concatenation. */
  readonly mlp: ReturnType<typeof createConcatMlp>;
  /** Training sets. */
  readonly train: SetData;
  /** Test sets. */
  readonly test: SetData;
  /** Steps taken. */
  readonly steps: number;
  /** `n` minibatch steps for both models; returns the last minibatch losses. */
  step(n?: number): { deepSets: number; mlp: number };
  /** Test loss and accuracy of both. */
  evaluate(): { deepSets: SetScores; mlp: SetScores };
}

/** Build both models and the data. */
export function createSetRace(options: SetRaceOptions): SetRace {
  const o: Required<SetRaceOptions> = { setSize: 6, trainSize: 200, testSize: 500, pooling: 'sum', hidden: 32, batchSize: 32, learningRate: 0.005, seed: 1, simd: true, ...options };
  if (!(SET_TASKS as readonly string[]).includes(o.task)) throw new Error(`Unknown task "${o.task}". Use one of: ${SET_TASKS.join(', ')}.`);
  if (!Number.isInteger(o.setSize) || o.setSize < 2 || o.setSize > 10) throw new Error(`setSize must be a whole number from 2 to 10, got ${o.setSize}.`);
  if (!Number.isInteger(o.trainSize) || o.trainSize < 1) throw new Error(`trainSize must be a positive whole number, got ${o.trainSize}.`);
  const rng = createRng(o.seed);
  const train = generateSets(o.task, o.trainSize, o.setSize, rng.fork());
  // The test sets depend only on the seed, not on trainSize, so runs of several sizes compare fairly.
  const test = generateSets(o.task, o.testSize, o.setSize, createRng(o.seed + 99991));
  const batches = rng.fork();
  const common = { setSize: o.setSize, hidden: o.hidden, learningRate: o.learningRate, maxBatch: Math.max(o.batchSize, 512), seed: o.seed, simd: o.simd };
  const deepSets = createDeepSets({ ...common, pooling: o.pooling });
  const mlp = createConcatMlp(common);
  const order = Array.from({ length: train.count }, (_, i) => i);
  let cursor = order.length;
  let steps = 0;
  const nextBatch = (): number[] => {
    const b = Math.min(o.batchSize, order.length);
    if (cursor + b > order.length) {
      batches.shuffle(order);
      cursor = 0;
    }
    const idx = order.slice(cursor, cursor + b);
    cursor += b;
    return idx;
  };
  return {
    options: o,
    deepSets,
    mlp,
    train,
    test,
    get steps() {
      return steps;
    },
    step(n = 1) {
      let last = { deepSets: NaN, mlp: NaN };
      for (let s = 0; s < n; s++) {
        const idx = nextBatch();
        last = { deepSets: deepSets.trainStep(train, idx), mlp: mlp.trainStep(train, idx) };
        steps++;
      }
      return last;
    },
    evaluate: () => ({ deepSets: evaluateSetModel(deepSets, test), mlp: evaluateSetModel(mlp, test) }),
  };
}

/**
 * The permutation-equivariant layer of Deep Sets for scalar elements: y_i = λ·x_i + γ·pool(x).
 * Permuting the inputs permutes the outputs the same way.
 */
export function equivariantLayer(x: ArrayLike<number>, lambda: number, gamma: number, pooling: Pooling = 'mean'): Float32Array {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  const pooled = pooling === 'mean' ? s / Math.max(1, x.length) : s;
  return Float32Array.from(x, (v) => lambda * v + gamma * pooled);
}

/** Parameter counts of one layer mapping N elements of d features to N elements of d′ features. */
export interface LayerCounts {
  /** Fully connected: (N·d)·(N·d′) weights + N·d′ biases. */
  dense: number;
  /** 1-D convolution with kernel k over the sequence: k·d·d′ + d′ (independent of N). */
  conv: number;
  /** Deep Sets equivariant layer Λx_i + Γ·pool(x) + b: 2·d·d′ + d′ (independent of N). */
  deepSets: number;
}

/** Parameter counts for {@link LayerCounts}. */
export function layerParamCounts(elements: number, features: number, outFeatures: number, kernel = 3): LayerCounts {
  const n = elements;
  const d = features;
  const e = outFeatures;
  return { dense: n * d * n * e + n * e, conv: kernel * d * e + e, deepSets: 2 * d * e + e };
}
