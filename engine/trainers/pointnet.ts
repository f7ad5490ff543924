/**
 * PointNet (Qi et al., CVPR 2017) small enough to train live, in plain JavaScript:
 *   f(P) = γ( max_{i=1…N} h(p_i) ),
 * one MLP h shared by every point (3 → 32 → 64 here, 3 → 64 → … → 1024 in the paper), an
 * element-wise max over the points (the symmetric function that makes the output independent of
 * the order of the points), and a classifier γ on the pooled "global feature". It learns the
 * synthetic shapes of `datasets/shapes3d.ts`. No T-Net: rotation augmentation is the simpler
 * answer to pose, and `evaluate('vertical' | 'so3')` measures how well it worked.
 *
 * The backward pass is written by hand, and the max pool is the interesting part: feature k of the
 * global vector is the value of ONE point (the winner of k), so ∂L/∂h(p_i)_k is ∂L/∂g_k for that
 * point and exactly zero for every other. The points that win at least one feature are the
 * "critical points" of the paper; they alone decide the output (delete all the others and nothing
 * changes), and they alone receive gradient, so the backward pass runs only through them.
 * `pointnet.test.ts` checks the gradients against finite differences and the invariances exactly.
 *
 * ```ts
 * const t = createPointNetTrainer({ augment: 'vertical' });
 * t.step(20);                                  // 20 minibatches; returns the last loss
 * t.evaluate('vertical');                      // { loss, accuracy, confusion } on rotated test shapes
 * t.classify(t.testCloud(0), t.options.points); // { probabilities, label, critical, winners, feature }
 * ```
 */
import { createLayerStack, StackRunner, stackParamCount, type LayerStack } from '../kernels/layer-stack.ts';
import { createJsOptimizer, type JsOptimizer } from '../optim/optimizers.ts';
import { createRng, type Rng } from '../random.ts';
import { createSlicer, type Slicing } from '../slices.ts';
import {
  generateShapes,
  randomRotation,
  rotatePoints,
  ROTATION_MODES,
  shapeFiller,
  SHAPE_CLASSES,
  SHAPES3D_DEFAULTS,
  type RotationMode,
  type ShapeClass,
  type ShapeSet,
} from '../datasets/shapes3d.ts';

// The shapes travel with the trainer: a widget that imports one has the other.
export * from '../datasets/shapes3d.ts';

/** Defaults of {@link createPointNetTrainer}. */
export const POINTNET_DEFAULTS = {
  /** Points per shape, N. */
  points: 128,
  /** Training shapes per class: a fixed set (augmentation rotates each one afresh every time it is drawn). */
  trainPerClass: 60,
  /** Test shapes per class (drawn from their own seed, so they never overlap the training shapes). */
  testPerClass: 30,
  /** Widths of the shared per-point MLP after its 3 inputs; the last one is the global feature's width. */
  shared: [32, 64] as readonly number[],
  /** Hidden widths of the classifier γ on the global feature. */
  head: [32] as readonly number[],
  /** Shapes per minibatch. */
  batchSize: 16,
  /** Adam's learning rate. */
  learningRate: 0.003,
  /** Rotation augmentation of the training shapes: none, about the vertical axis, or over all of SO(3). */
  augment: 'none' as RotationMode,
  /** Gaussian jitter of the generated points (see shapes3d.ts). */
  noiseStd: SHAPES3D_DEFAULTS.noiseStd,
  /** Random stretch of each axis of a generated shape (see shapes3d.ts). */
  scaleJitter: SHAPES3D_DEFAULTS.scaleJitter,
  /** Seed for shapes, weights, batches and rotations. */
  seed: 1,
};

/** Options of {@link createPointNetTrainer}; any subset of {@link POINTNET_DEFAULTS}. */
export type PointNetOptions = Partial<typeof POINTNET_DEFAULTS>;

/** What the network says about one cloud. */
export interface PointNetReadout {
  /** Softmax over the classes. */
  probabilities: Float32Array;
  /** The most probable class. */
  label: number;
  /**
   * The critical points: indices (ascending) of the points that win the max of at least one
   * active feature. Keeping only these points leaves the output exactly as it is.
   */
  critical: Int32Array;
  /** For each global feature, the index of the point that wins it, or −1 when the feature is 0 (inactive, ReLU). */
  winners: Int32Array;
  /** The global feature max_i h(p_i), after its ReLU. */
  feature: Float32Array;
}

/** Options of {@link createPointNet}. */
export interface PointNetModelOptions {
  /** Widths of the shared MLP after its 3 inputs. */
  shared: readonly number[];
  /** Hidden widths of the classifier. */
  head: readonly number[];
  /** Number of classes. */
  classes: number;
  /** Most points per cloud in one call. */
  maxPoints: number;
  /** Most clouds per call. */
  maxClouds: number;
  /** Seed for the weights. */
  seed: number;
  /** Adam's learning rate. */
  learningRate: number;
}

/** The network: shared MLP h, max pool, classifier γ. */
export interface PointNetModel {
  /** h: 3 → … → F, ReLU between layers; its last layer is linear here and the ReLU comes after the pool. */
  readonly sharedStack: LayerStack;
  /** γ: F → … → classes, ReLU between layers, logits out. */
  readonly headStack: LayerStack;
  /** Every weight and bias: shared w, shared b, head w, head b (the order of the gradients). */
  readonly params: Float32Array[];
  /** Number of trainable parameters. */
  readonly paramCount: number;
  /** Logits (clouds × classes) of `clouds` clouds of `n` points each; a view valid until the next call. */
  logits(points: ArrayLike<number>, clouds: number, n: number): Float32Array;
  /** Mean cross-entropy of a batch and its gradients (same order as {@link params}), without updating. */
  lossAndGrads(points: ArrayLike<number>, labels: ArrayLike<number>, clouds: number, n: number): { loss: number; grads: Float32Array[] };
  /** One Adam step on a batch; returns the loss before it. */
  trainStep(points: ArrayLike<number>, labels: ArrayLike<number>, clouds: number, n: number): number;
  /** Everything about one cloud of `n` points. */
  readout(points: ArrayLike<number>, n: number): PointNetReadout;
}

/** Build a PointNet with He-initialised weights. */
export function createPointNet(options: PointNetModelOptions): PointNetModel {
  const { shared, head, classes, maxPoints, maxClouds, seed, learningRate } = options;
  const rng = createRng(seed);
  // The shared MLP's last layer is left linear and the ReLU applied after the max: ReLU is
  // increasing, so max_i ReLU(z_ik) = ReLU(max_i z_ik), and one ReLU per feature is cheaper than N.
  const sharedStack = createLayerStack([3, ...shared], 'relu', 'he', rng.fork());
  const F = shared[shared.length - 1];
  const headStack = createLayerStack([F, ...head, classes], 'relu', 'he', rng.fork());
  const forwardRun = new StackRunner(sharedStack, maxClouds * maxPoints);
  // At most one winner per feature per cloud: the backward pass needs rows for min(N, F) points.
  const maxCritical = maxClouds * Math.min(maxPoints, F);
  const criticalRun = new StackRunner(sharedStack, maxCritical);
  const headRun = new StackRunner(headStack, maxClouds);
  const pooled = new Float32Array(maxClouds * F); // max_i z_ik before its ReLU
  const global = new Float32Array(maxClouds * F); // ReLU(pooled): the classifier's input
  const winners = new Int32Array(maxClouds * F);
  const criticalX = new Float32Array(maxCritical * 3);
  const criticalD = new Float32Array(maxCritical * F);
  const rowOf = new Int32Array(maxPoints);
  const dLogits = new Float32Array(maxClouds * classes);
  const params = [...sharedStack.w, ...sharedStack.b, ...headStack.w, ...headStack.b];
  const opt: JsOptimizer = createJsOptimizer({ name: 'adam', learningRate });

  const check = (clouds: number, n: number) => {
    if (!(Number.isInteger(clouds) && clouds >= 1 && clouds <= maxClouds)) throw new Error(`clouds must be a whole number from 1 to ${maxClouds}, got ${clouds}.`);
    if (!(Number.isInteger(n) && n >= 1 && n <= maxPoints)) throw new Error(`A cloud must have from 1 to ${maxPoints} points, got ${n}.`);
  };

  /** h on every point, then the max over each cloud's points: fills pooled, global and winners. */
  const pool = (points: ArrayLike<number>, clouds: number, n: number) => {
    const z = forwardRun.forward(points, clouds * n);
    for (let c = 0; c < clouds; c++) {
      const base = c * n;
      for (let k = 0; k < F; k++) {
        let best = z[base * F + k];
        let who = 0;
        for (let i = 1; i < n; i++) {
          const v = z[(base + i) * F + k];
          if (v > best) {
            best = v;
            who = i;
          }
        }
        pooled[c * F + k] = best;
        global[c * F + k] = best > 0 ? best : 0;
        winners[c * F + k] = best > 0 ? who : -1; // an inactive feature sends no gradient to anyone
      }
    }
    return headRun.forward(global, clouds);
  };

  const lossAndGrads = (points: ArrayLike<number>, labels: ArrayLike<number>, clouds: number, n: number) => {
    check(clouds, n);
    const logits = pool(points, clouds, n);
    let loss = 0;
    for (let c = 0; c < clouds; c++) {
      // Softmax cross-entropy, shifted by the largest logit so exp never overflows.
      let max = -Infinity;
      for (let j = 0; j < classes; j++) max = Math.max(max, logits[c * classes + j]);
      let sum = 0;
      for (let j = 0; j < classes; j++) sum += Math.exp(logits[c * classes + j] - max);
      const y = labels[c];
      loss += Math.log(sum) + max - logits[c * classes + y];
      for (let j = 0; j < classes; j++) dLogits[c * classes + j] = (Math.exp(logits[c * classes + j] - max) / sum - (j === y ? 1 : 0)) / clouds;
    }
    headRun.backward(dLogits.subarray(0, clouds * classes));
    const dGlobal = headRun.dInput;
    // The max pool's backward: ∂L/∂z_ik = ∂L/∂g_k if point i wins feature k (and g_k > 0), else 0.
    // Gather each cloud's critical points into rows of their own and run h backward on those rows
    // only: every other row's gradient is exactly zero, so skipping it changes nothing.
    let rows = 0;
    for (let c = 0; c < clouds; c++) {
      rowOf.fill(-1, 0, n);
      for (let k = 0; k < F; k++) {
        const i = winners[c * F + k];
        if (i < 0) continue;
        if (rowOf[i] < 0) {
          rowOf[i] = rows;
          const src = (c * n + i) * 3;
          criticalX[rows * 3] = points[src];
          criticalX[rows * 3 + 1] = points[src + 1];
          criticalX[rows * 3 + 2] = points[src + 2];
          criticalD.fill(0, rows * F, (rows + 1) * F);
          rows++;
        }
        criticalD[rowOf[i] * F + k] = dGlobal[c * F + k];
      }
    }
    let sharedGrads: Float32Array[];
    if (rows > 0) {
      criticalRun.forward(criticalX, rows); // recomputes exactly the activations h had on these points
      criticalRun.backward(criticalD.subarray(0, rows * F));
      sharedGrads = [...criticalRun.gw, ...criticalRun.gb];
    } else {
      sharedGrads = [...sharedStack.w, ...sharedStack.b].map((p) => new Float32Array(p.length)); // every feature is dead
    }
    return { loss: loss / clouds, grads: [...sharedGrads, ...headRun.gw, ...headRun.gb] };
  };

  return {
    sharedStack,
    headStack,
    params,
    paramCount: stackParamCount(sharedStack) + stackParamCount(headStack),
    logits(points, clouds, n) {
      check(clouds, n);
      return pool(points, clouds, n);
    },
    lossAndGrads,
    trainStep(points, labels, clouds, n) {
      const { loss, grads } = lossAndGrads(points, labels, clouds, n);
      opt.update(params, grads);
      return loss;
    },
    readout(points, n) {
      check(1, n);
      const logits = pool(points, 1, n);
      let max = -Infinity;
      for (let j = 0; j < classes; j++) max = Math.max(max, logits[j]);
      const probabilities = new Float32Array(classes);
      let sum = 0;
      for (let j = 0; j < classes; j++) sum += probabilities[j] = Math.exp(logits[j] - max);
      let label = 0;
      for (let j = 0; j < classes; j++) {
        probabilities[j] /= sum;
        if (probabilities[j] > probabilities[label]) label = j;
      }
      const w = winners.slice(0, F);
      const critical = Int32Array.from(new Set(w.filter((i) => i >= 0))).sort();
      return { probabilities, label, critical, winners: w, feature: global.slice(0, F) };
    },
  };
}

/** Test loss, accuracy and confusion matrix. */
export interface PointNetScores {
  /** Mean cross-entropy. */
  loss: number;
  /** Fraction of shapes classified right. */
  accuracy: number;
  /** classes × classes counts, row = true class, column = predicted class. */
  confusion: Int32Array;
}

/** PointNet with its data and training loop. */
export interface PointNetTrainer {
  /** The options in force. */
  readonly options: typeof POINTNET_DEFAULTS;
  /** Class names, in label order. */
  readonly classes: readonly ShapeClass[];
  /** The network. */
  readonly model: PointNetModel;
  /** Training shapes in their canonical pose. */
  readonly train: ShapeSet;
  /** Test shapes in their canonical pose. */
  readonly test: ShapeSet;
  /** Minibatch steps taken. */
  readonly steps: number;
  /** Rotation augmentation of the training batches; may be changed between steps. */
  augment: RotationMode;
  /** `n` minibatch steps; returns the loss of the last one. */
  step(n?: number): number;
  /** Scores on the test shapes, unrotated or each turned by its own fixed random rotation. */
  evaluate(rotation?: RotationMode): PointNetScores;
  /** Test shape `i` (a copy), unrotated or with the same rotation {@link evaluate} gives it. */
  testCloud(i: number, rotation?: RotationMode): Float32Array;
  /** What the network says about any cloud of `n` points (n ≤ options.points). */
  classify(points: ArrayLike<number>, n: number): PointNetReadout;
}

/** Build shapes and network. Throws a message naming a bad option. */
export function createPointNetTrainer(options: PointNetOptions = {}): PointNetTrainer {
  const o = pointNetOptions(options);
  const rng = createRng(o.seed);
  const shapeOptions = { noiseStd: o.noiseStd, scaleJitter: o.scaleJitter };
  const train = generateShapes(o.trainPerClass, o.points, rng.fork(), shapeOptions);
  // The test shapes depend only on the seed, not on trainPerClass, so runs of several sizes compare fairly.
  const test = generateShapes(o.testPerClass, o.points, createRng(o.seed + 7919), shapeOptions);
  return assembleTrainer(o, rng, train, test);
}

/**
 * {@link createPointNetTrainer} in slices (issue 18): the shapes are drawn a few milliseconds at a
 * time with a yield to the event loop in between, so a page never blocks on them. The same
 * trainer, bit for bit (pointnet.test.ts). `slicing.shouldStop` abandons it (Reset, removal).
 */
export async function buildPointNetTrainer(options: PointNetOptions = {}, slicing: Slicing = {}): Promise<PointNetTrainer> {
  const o = pointNetOptions(options);
  const clock = createSlicer(slicing);
  const rng = createRng(o.seed);
  const shapeOptions = { noiseStd: o.noiseStd, scaleJitter: o.scaleJitter };
  const train = shapeFiller(o.trainPerClass, o.points, rng.fork(), shapeOptions);
  while (!train.fill(clock.until)) await clock.pause();
  const test = shapeFiller(o.testPerClass, o.points, createRng(o.seed + 7919), shapeOptions);
  while (!test.fill(clock.until)) await clock.pause();
  if (clock.due()) await clock.pause();
  return assembleTrainer(o, rng, train.set, test.set);
}

/** The options with their defaults, checked. Throws a message naming a bad option. */
function pointNetOptions(options: PointNetOptions): typeof POINTNET_DEFAULTS {
  const o = { ...POINTNET_DEFAULTS, ...options };
  const whole = (name: string, v: number, lo: number, hi: number) => {
    if (!(Number.isInteger(v) && v >= lo && v <= hi)) throw new Error(`${name} must be a whole number from ${lo} to ${hi}, got ${v}.`);
  };
  whole('points', o.points, 4, 2048);
  whole('trainPerClass', o.trainPerClass, 1, 2000);
  whole('testPerClass', o.testPerClass, 1, 2000);
  whole('batchSize', o.batchSize, 1, 256);
  for (const w of [...o.shared, ...o.head]) whole('Every layer width', w, 1, 1024);
  if (o.shared.length < 1) throw new Error('The shared MLP needs at least one layer.');
  if (!(ROTATION_MODES as readonly string[]).includes(o.augment)) throw new Error(`Unknown augmentation "${o.augment}". Use one of: ${ROTATION_MODES.join(', ')}.`);
  return o;
}

/** The network and training loop over shapes already drawn; `rng` has forked the training shapes' stream. */
function assembleTrainer(o: typeof POINTNET_DEFAULTS, rng: Rng, train: ShapeSet, test: ShapeSet): PointNetTrainer {
  const N = o.points;
  const K = SHAPE_CLASSES.length;
  const maxClouds = Math.max(o.batchSize, 32);
  const model = createPointNet({ shared: o.shared, head: o.head, classes: K, maxPoints: N, maxClouds, seed: rng.int(2 ** 31), learningRate: o.learningRate });
  const batches = rng.fork();
  const augmentRng = rng.fork();
  const order = Array.from({ length: train.count }, (_, i) => i);
  let cursor = order.length;
  let steps = 0;
  let augment: RotationMode = o.augment;
  const xs = new Float32Array(o.batchSize * N * 3);
  const ys = new Int32Array(o.batchSize);

  // One fixed rotation per test shape and mode, so accuracy on rotated shapes is comparable over time.
  const testRotations = new Map<RotationMode, Float32Array[]>();
  const rotationsFor = (mode: RotationMode) => {
    let rs = testRotations.get(mode);
    if (!rs) {
      const r = createRng(o.seed + (mode === 'vertical' ? 104729 : 1299709));
      rs = Array.from({ length: test.count }, () => randomRotation(mode, r));
      testRotations.set(mode, rs);
    }
    return rs;
  };
  const testCloud = (i: number, rotation: RotationMode = 'none') => {
    if (!(Number.isInteger(i) && i >= 0 && i < test.count)) throw new Error(`Test shape ${i} does not exist (there are ${test.count}).`);
    const cloud = test.points.slice(i * N * 3, (i + 1) * N * 3);
    return rotation === 'none' ? cloud : rotatePoints(cloud, N, rotationsFor(rotation)[i]);
  };

  return {
    options: o,
    classes: SHAPE_CLASSES,
    model,
    train,
    test,
    get steps() {
      return steps;
    },
    get augment() {
      return augment;
    },
    set augment(mode: RotationMode) {
      if (!(ROTATION_MODES as readonly string[]).includes(mode)) throw new Error(`Unknown augmentation "${mode}". Use one of: ${ROTATION_MODES.join(', ')}.`);
      augment = mode;
    },
    step(n = 1) {
      let loss = NaN;
      const b = Math.min(o.batchSize, train.count);
      for (let s = 0; s < n; s++) {
        if (cursor + b > order.length) {
          batches.shuffle(order);
          cursor = 0;
        }
        for (let j = 0; j < b; j++) {
          const idx = order[cursor + j];
          const cloud = xs.subarray(j * N * 3, (j + 1) * N * 3);
          cloud.set(train.points.subarray(idx * N * 3, (idx + 1) * N * 3));
          if (augment !== 'none') rotatePoints(cloud, N, randomRotation(augment, augmentRng));
          ys[j] = train.labels[idx];
        }
        cursor += b;
        loss = model.trainStep(xs, ys, b, N);
        steps++;
      }
      return loss;
    },
    evaluate(rotation: RotationMode = 'none') {
      const confusion = new Int32Array(K * K);
      let loss = 0;
      const chunk = new Float32Array(maxClouds * N * 3);
      for (let off = 0; off < test.count; off += maxClouds) {
        const m = Math.min(maxClouds, test.count - off);
        for (let j = 0; j < m; j++) chunk.set(testCloud(off + j, rotation), j * N * 3);
        const logits = model.logits(chunk, m, N);
        for (let j = 0; j < m; j++) {
          const row = logits.subarray(j * K, (j + 1) * K);
          let best = 0;
          let max = -Infinity;
          for (let c = 0; c < K; c++) {
            if (row[c] > max) {
              max = row[c];
              best = c;
            }
          }
          let sum = 0;
          for (let c = 0; c < K; c++) sum += Math.exp(row[c] - max);
          const y = test.labels[off + j];
          loss += Math.log(sum) + max - row[y];
          confusion[y * K + best]++;
        }
      }
      let right = 0;
      for (let c = 0; c < K; c++) right += confusion[c * K + c];
      return { loss: loss / test.count, accuracy: right / test.count, confusion };
    },
    testCloud,
    classify: (points, n) => model.readout(points, n),
  };
}
