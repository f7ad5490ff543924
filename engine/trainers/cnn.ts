/**
 * Live training of the tiny CNN on the shipped digit subset: `step(n)` runs n minibatch updates
 * (Adam), `evaluate()` reports train/test accuracy and the confusion matrix, and read-outs give the
 * first-layer kernels, the feature maps of one input and the class probabilities for a drawing,
 * all as plain arrays. The trainer owns every tensor; call `dispose()`.
 *
 * Two interchangeable kernels do the arithmetic, from the same seeded weights:
 * - `js` (default): fused Float32Array loops (engine/kernels/tiny-cnn-js.ts). tf.js's wasm backend
 *   cannot train convolutions (no conv gradient kernels) and its cpu backend takes seconds per
 *   minibatch, so on machines without a GPU this is by far the fastest way to train live.
 * - `tfjs`: the tf.js model of engine/models/tiny-cnn.ts on the page's backend (for WebGL/WebGPU).
 *
 * ```ts
 * const t = await createCnnTrainer({ seed: 1 });
 * await t.step(20);
 * (await t.evaluate()).testAccuracy;
 * t.dispose();
 * ```
 */
import * as tf from '@tensorflow/tfjs';
import { loadMnist, MNIST_PIXELS, type DigitSet } from '../datasets/mnist.ts';
import type { FeatureMaps, Kernels } from '../inspect/conv.ts';
import { initTinyCnnParams, TinyCnnKernel, tinyCnnParamList, type TinyCnnParams } from '../kernels/tiny-cnn-js.ts';
import { createTinyCnn, TINY_CNN_DEFAULTS, validateTinyCnn, type TinyCnnOptions } from '../models/tiny-cnn.ts';
import { createJsOptimizer } from '../optim/optimizers.ts';
import { createRng } from '../random.ts';

/** Defaults for {@link createCnnTrainer}. */
export const CNN_TRAINER_DEFAULTS = {
  /** Minibatch size. */
  batchSize: 32,
  /** Adam learning rate. */
  learningRate: 0.003,
  /** Seed for weights and batch order. */
  seed: 1,
  /** Training digits used (≤ 5000); fewer trains faster and overfits sooner. */
  trainCount: 5000,
  /** Test digits used for accuracy and the confusion matrix (≤ 1000). */
  testCount: 1000,
  /** Training digits used for the train-accuracy read-out (a fixed subset, for speed). */
  trainEvalCount: 1000,
  /** Arithmetic: `js` (fused loops, default) or `tfjs` (the page's tf.js backend). */
  kernel: 'js' as CnnKernelChoice,
};

/** Which arithmetic trains the CNN. */
export type CnnKernelChoice = 'js' | 'tfjs';

/** Options for {@link createCnnTrainer}. */
export interface CnnTrainerOptions extends TinyCnnOptions {
  batchSize?: number;
  learningRate?: number;
  trainCount?: number;
  testCount?: number;
  trainEvalCount?: number;
  kernel?: CnnKernelChoice;
  /** Data to use instead of the shipped subset (tests). */
  data?: { train: DigitSet; test: DigitSet };
}

/** After a batch of updates. */
export interface CnnStepResult {
  /** Updates done so far. */
  step: number;
  /** Epochs done so far (fractional). */
  epoch: number;
  /** Mean cross-entropy over the minibatches of this call. */
  loss: number;
  /** Training digits seen so far. */
  samples: number;
}

/** Accuracy read-out. */
export interface CnnEvaluation {
  /** Accuracy on a fixed subset of the training digits. */
  trainAccuracy: number;
  /** Accuracy on the test digits. */
  testAccuracy: number;
  /** Mean cross-entropy on the test digits. */
  testLoss: number;
  /** 10 × 10 counts, row = true digit, column = predicted digit. */
  confusion: Int32Array;
}

/** A CNN training session. */
export interface CnnTrainer {
  /** The kernel in use. */
  readonly kernel: CnnKernelChoice;
  /** Number of trainable weights. */
  readonly paramCount: number;
  /** The data in use. */
  readonly data: { train: DigitSet; test: DigitSet };
  /** Run `updates` minibatch updates (default 1). */
  step(updates?: number): Promise<CnnStepResult>;
  /** Accuracy and confusion matrix now. */
  evaluate(): Promise<CnnEvaluation>;
  /** First-layer kernels, `filters1 × 1 × k × k`, plus biases. */
  kernels(): Kernels;
  /** Feature maps of one 784-pixel image after conv1+ReLU, pool1, conv2+ReLU, pool2 (channel-major). */
  featureMaps(image: Float32Array): FeatureMaps[];
  /** Class probabilities for one 784-pixel image. */
  predict(image: Float32Array): Float32Array;
  /** Free every tensor. Safe to call twice. */
  dispose(): void;
}

/** What each kernel implements. */
interface CnnEngine {
  paramCount: number;
  /** One update on the images at `idx`; returns the mean loss. */
  update(idx: Int32Array): Promise<number>;
  /** Predicted class and loss for `n` images starting at image `from` of `set`. */
  classify(set: DigitSet, from: number, n: number): Promise<{ predicted: Int32Array; lossSum: number }>;
  kernels(): Kernels;
  featureMaps(image: Float32Array): FeatureMaps[];
  predict(image: Float32Array): Float32Array;
  dispose(): void;
}

/** Build a trainer on the shipped digits (loads them on first use). */
export async function createCnnTrainer(options: CnnTrainerOptions = {}): Promise<CnnTrainer> {
  const o = { ...CNN_TRAINER_DEFAULTS, ...options };
  if (!Number.isInteger(o.batchSize) || o.batchSize < 1 || o.batchSize > 512) throw new Error(`batchSize must be a whole number from 1 to 512, got ${o.batchSize}.`);
  if (!(o.learningRate > 0 && o.learningRate <= 1)) throw new Error(`learningRate must be in (0, 1], got ${o.learningRate}.`);
  if (o.kernel !== 'js' && o.kernel !== 'tfjs') throw new Error(`kernel must be js or tfjs, got ${String(o.kernel)}.`);
  validateTinyCnn(options);
  const data = options.data ?? (await loadMnist());
  const trainN = Math.min(o.trainCount, data.train.n);
  const testN = Math.min(o.testCount, data.test.n);
  const evalN = Math.min(o.trainEvalCount, trainN);
  const engine = o.kernel === 'js' ? jsEngine(o, data.train) : tfEngine(o, data.train, trainN);

  const rng = createRng(o.seed * 31 + 5);
  let order = new Int32Array(0);
  let cursor = 0;
  let step = 0;
  let disposed = false;
  const bs = Math.min(o.batchSize, trainN);
  const nextBatch = (): Int32Array => {
    if (cursor + bs > order.length) {
      order = Int32Array.from(rng.shuffle(Array.from({ length: trainN }, (_, i) => i)));
      cursor = 0;
    }
    cursor += bs;
    return order.subarray(cursor - bs, cursor);
  };

  return {
    kernel: o.kernel,
    paramCount: engine.paramCount,
    data,
    async step(updates = 1) {
      if (disposed) throw new Error('This trainer was disposed.');
      let loss = 0;
      for (let u = 0; u < updates; u++) {
        loss += await engine.update(nextBatch());
        step++;
      }
      return { step, epoch: (step * bs) / trainN, loss: loss / Math.max(1, updates), samples: step * bs };
    },
    async evaluate() {
      const test = await engine.classify(data.test, 0, testN);
      const confusion = new Int32Array(100);
      let correct = 0;
      test.predicted.forEach((p, i) => {
        confusion[data.test.labels[i] * 10 + p]++;
        if (p === data.test.labels[i]) correct++;
      });
      const tr = await engine.classify(data.train, 0, evalN);
      let trainCorrect = 0;
      tr.predicted.forEach((p, i) => (trainCorrect += p === data.train.labels[i] ? 1 : 0));
      return { trainAccuracy: trainCorrect / evalN, testAccuracy: correct / testN, testLoss: test.lossSum / testN, confusion };
    },
    kernels: () => engine.kernels(),
    featureMaps: (image) => engine.featureMaps(image),
    predict: (image) => engine.predict(image),
    dispose() {
      if (disposed) return;
      disposed = true;
      engine.dispose();
    },
  };
}

function jsEngine(o: typeof CNN_TRAINER_DEFAULTS & TinyCnnOptions, train: DigitSet): CnnEngine {
  const shape = { ...TINY_CNN_DEFAULTS, ...o };
  if (shape.kernel1 % 2 === 0 || shape.kernel2 % 2 === 0) throw new Error('The js kernel needs odd kernel sizes (symmetric "same" padding).');
  const params: TinyCnnParams = initTinyCnnParams(shape, createRng(shape.seed * 7919 + 1));
  const k = new TinyCnnKernel(shape);
  const optimizer = createJsOptimizer({ name: 'adam', learningRate: o.learningRate });
  const list = tinyCnnParamList(params);
  const gradList = tinyCnnParamList(k.grads);
  const maps = (image: Float32Array, offset = 0) => {
    k.forward(params, image, offset);
    const relu = (a: Float32Array) => a.map((v) => (v > 0 ? v : 0));
    return [
      { data: relu(k.a1), width: 28, height: 28, channels: shape.filters1 },
      { data: Float32Array.from(k.p1), width: 14, height: 14, channels: shape.filters1 },
      { data: relu(k.a2), width: 14, height: 14, channels: shape.filters2 },
      { data: Float32Array.from(k.p2), width: 7, height: 7, channels: shape.filters2 },
    ];
  };
  return {
    paramCount: list.reduce((a, p) => a + p.length, 0),
    async update(idx) {
      k.zeroGrads();
      let loss = 0;
      const scale = 1 / idx.length;
      for (const i of idx) {
        k.forward(params, train.images, i * MNIST_PIXELS);
        loss += k.loss(train.labels[i]);
        k.backward(params, train.labels[i], scale);
      }
      optimizer.update(list, gradList);
      return loss / idx.length;
    },
    async classify(set, from, n) {
      const predicted = new Int32Array(n);
      let lossSum = 0;
      for (let i = 0; i < n; i++) {
        // Give the page a chance to paint during long evaluations (the loops run on the main thread).
        if (i > 0 && i % 250 === 0) await new Promise((r) => setTimeout(r, 0));
        predicted[i] = k.forward(params, set.images, (from + i) * MNIST_PIXELS);
        lossSum += k.loss(set.labels[from + i]);
      }
      return { predicted, lossSum };
    },
    kernels: () => ({ weights: Float32Array.from(params.w1), outChannels: shape.filters1, inChannels: 1, size: shape.kernel1, bias: Float32Array.from(params.b1) }),
    featureMaps: (image) => maps(image),
    predict(image) {
      k.forward(params, image, 0);
      return Float32Array.from(k.probs);
    },
    dispose() {},
  };
}

function tfEngine(o: typeof CNN_TRAINER_DEFAULTS & TinyCnnOptions, train: DigitSet, trainN: number): CnnEngine {
  const model = createTinyCnn(o);
  const probe = tf.model({ inputs: model.inputs, outputs: ['conv1', 'pool1', 'conv2', 'pool2'].map((n) => model.getLayer(n).output as tf.SymbolicTensor) });
  const optimizer = tf.train.adam(o.learningRate);
  const xTrain = tf.tensor4d(train.images.subarray(0, trainN * MNIST_PIXELS), [trainN, 28, 28, 1]);
  const yTrain = tf.tidy(() => tf.oneHot(tf.tensor1d(train.labels.subarray(0, trainN), 'int32'), 10).toFloat());
  return {
    paramCount: model.countParams(),
    async update(idxArr) {
      const idx = tf.tensor1d(idxArr, 'int32');
      const lossT = optimizer.minimize(() => {
        const xb = tf.gather(xTrain, idx);
        const yb = tf.gather(yTrain, idx);
        return tf.losses.softmaxCrossEntropy(yb, model.apply(xb, { training: true }) as tf.Tensor2D) as tf.Scalar;
      }, true)!;
      idx.dispose();
      const loss = (await lossT.data())[0];
      lossT.dispose();
      return loss;
    },
    async classify(set, from, n) {
      const predicted = new Int32Array(n);
      let lossSum = 0;
      for (let start = 0; start < n; start += 500) {
        const size = Math.min(500, n - start);
        const [arg, l] = tf.tidy(() => {
          const x = tf.tensor4d(set.images.subarray((from + start) * MNIST_PIXELS, (from + start + size) * MNIST_PIXELS), [size, 28, 28, 1]);
          const y = tf.oneHot(tf.tensor1d(set.labels.subarray(from + start, from + start + size), 'int32'), 10).toFloat();
          const logits = model.predict(x) as tf.Tensor2D;
          return [logits.argMax(1), tf.losses.softmaxCrossEntropy(y, logits, undefined, 0, tf.Reduction.SUM)];
        });
        predicted.set(await arg.data(), start);
        lossSum += (await l.data())[0];
        tf.dispose([arg, l]);
      }
      return { predicted, lossSum };
    },
    kernels() {
      const [w, b] = model.getLayer('conv1').getWeights();
      const [k, , cin, cout] = w.shape as number[];
      const src = w.dataSync();
      const weights = new Float32Array(cout * cin * k * k);
      // tf.js stores [ky, kx, in, out]; we hand out [out, in, ky, kx] like PyTorch.
      for (let ky = 0; ky < k; ky++) for (let kx = 0; kx < k; kx++) for (let c = 0; c < cin; c++) for (let f = 0; f < cout; f++) {
        weights[((f * cin + c) * k + ky) * k + kx] = src[((ky * k + kx) * cin + c) * cout + f];
      }
      return { weights, outChannels: cout, inChannels: cin, size: k, bias: Float32Array.from(b.dataSync()) };
    },
    featureMaps(image) {
      const outs = tf.tidy(() => (probe.predict(tf.tensor4d(image, [1, 28, 28, 1])) as tf.Tensor4D[]).map((t) => t.squeeze([0]).transpose([2, 0, 1])));
      const maps = outs.map((t) => {
        const [c, h, w] = t.shape as number[];
        return { data: Float32Array.from(t.dataSync()), width: w, height: h, channels: c };
      });
      tf.dispose(outs);
      return maps;
    },
    predict(image) {
      const p = tf.tidy(() => tf.softmax(model.predict(tf.tensor4d(image, [1, 28, 28, 1])) as tf.Tensor2D));
      const out = Float32Array.from(p.dataSync());
      p.dispose();
      return out;
    },
    dispose() {
      model.dispose();
      optimizer.dispose();
      tf.dispose([xTrain, yTrain]);
    },
  };
}
