/**
 * Supervised training of an MLP with minibatches: `step()` runs one epoch, `run()` runs many with
 * an AbortSignal and a callback. Three interchangeable kernels do the arithmetic:
 * - `wasm-simd`: whole training steps (forward, backward, update) in WebAssembly SIMD, the fastest
 *   for the tiny networks of the playground, where the platform can compile it;
 * - `js`: the fused Float32Array kernel (the same maths in plain loops; the fallback);
 * - `tfjs`: a tf.js graph on the page's backend (WebGPU/WebGL/wasm/cpu), for bigger networks
 *   and batches, or when a slide wants to show the GPU path.
 * `auto` picks `wasm-simd` (or `js` where WebAssembly SIMD cannot compile) for networks under
 * {@link SUPERVISED_DEFAULTS.jsMaxParams} parameters at batch sizes up to
 * {@link SUPERVISED_DEFAULTS.jsMaxBatch} (see `npm run bench` for the numbers).
 * All start from the same seeded weights and see the same batches.
 */
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../datasets/two-d.ts';
import { DenseMlpKernel, penalty } from '../kernels/dense-mlp.ts';
import { createSimdMlpTrainer, type EpochCursor, type SimdMlpTrainer } from '../kernels/simd-mlp.ts';
import { TfMlp } from '../kernels/tf-mlp.ts';
import { cloneParams, countParams, initMlpLayers, initMlpParams, layerSizes, validateMlpSpec, type MlpParams, type MlpSpec } from '../models/mlp.ts';
import { createJsOptimizer, type JsOptimizer, type OptimizerConfig } from '../optim/optimizers.ts';
import { createTfOptimizer } from '../optim/tf-optimizers.ts';
import { createRng } from '../random.ts';

/** Which arithmetic runs the training step (`wasm-simd` falls back to `js` where it cannot compile). */
export type KernelChoice = 'auto' | 'wasm-simd' | 'js' | 'tfjs';
/** The arithmetic a trainer actually runs. */
export type TrainKernel = 'wasm-simd' | 'js' | 'tfjs';

/** Defaults for {@link createSupervisedTrainer}. */
export const SUPERVISED_DEFAULTS = {
  /** Minibatch size. */
  batchSize: 10,
  /** Seed for the initial weights and the batch order. */
  seed: 1,
  /** Kernel choice. */
  kernel: 'auto' as KernelChoice,
  /** `auto` uses the WebAssembly SIMD (or JS) kernel up to this many parameters… */
  jsMaxParams: 20_000,
  /** …and up to this batch size. */
  jsMaxBatch: 64,
};

/** Options for {@link createSupervisedTrainer}. */
export interface SupervisedOptions {
  /** The network. Its `inputs` must equal the data's row width. */
  spec: MlpSpec;
  /** Training rows (`x` is `n × spec.inputs`). */
  train: Dataset;
  /** Held-out rows, for the test loss. */
  test?: Dataset;
  /** Optimizer and learning rate. */
  optimizer: OptimizerConfig;
  /** Minibatch size (capped at the training-set size). */
  batchSize?: number;
  /** Seed for initial weights and batch order. */
  seed?: number;
  /** Kernel choice. */
  kernel?: KernelChoice;
  /**
   * Start from these weights instead of the seeded ones (a copy is taken; layer sizes must match
   * the spec). The seed still orders the batches.
   */
  initial?: MlpParams;
  /**
   * Run the `tfjs` kernel's minibatches elsewhere (a Web Worker's host, `engine/workers/boundary-host.ts`):
   * called once, when the kernel resolves to `tfjs`, with the network, the starting weights and
   * the optimizer; the trainer then sends it each piece of an epoch (the row order, where the
   * epoch stands, the time left) and takes the weights back when an epoch ends, exactly as the
   * in-thread kernel reads them back. Batch order, epochs, pictures and losses stay here, so the
   * numbers equal the in-thread `tfjs` kernel's bit for bit.
   */
  tfjsElsewhere?: (init: TfEpochsInit) => TfEpochsRemote;
}

/** What a `tfjs` kernel elsewhere builds from: the network, its starting weights, the optimizer. */
export interface TfEpochsInit {
  spec: MlpSpec;
  params: MlpParams;
  optimizer: OptimizerConfig;
}

/** One piece of an epoch for the `tfjs` kernel elsewhere. */
export interface TfEpochsRequest {
  /** The epoch's row order. */
  order: Uint32Array;
  /** Rows of it done so far. */
  off: number;
  /** Minibatch size. */
  bs: number;
  /** Run minibatches for about this long (ms); always at least one. */
  budgetMs: number;
  /** The training rows, when they changed since the last piece (always with the first). */
  data?: Dataset;
}

/** What a piece did. */
export interface TfEpochsAnswer {
  /** Rows of the epoch done now. */
  off: number;
  /** Minibatch updates in this piece. */
  count: number;
  /** The weights, when the piece ended the epoch (null otherwise). */
  params: { w: Float32Array[]; b: Float32Array[] } | null;
}

/** The `tfjs` kernel's minibatches, wherever they run ({@link createTfEpochs} runs them on this thread). */
export interface TfEpochsRemote {
  /** Continue an epoch. */
  run(request: TfEpochsRequest): Promise<TfEpochsAnswer>;
  /** Free it (its tensors, or its worker). */
  dispose(): void;
}

/** What one epoch reports. */
export interface EpochResult {
  /** Epochs completed so far. */
  epoch: number;
  /** Mean data loss on the training rows after this epoch. */
  trainLoss: number;
  /** Mean data loss on the test rows (NaN without test data). */
  testLoss: number;
  /** The weight penalty λ·Σ|w|ᵖ. */
  penalty: number;
  /** Parameter updates done so far. */
  updates: number;
}

/** Options for {@link SupervisedTrainer.run}. */
export interface RunOptions {
  /** Epochs to run. */
  epochs: number;
  /** Stops the loop between epochs. */
  signal?: AbortSignal;
  /** Called after every epoch. */
  onStep?: (result: EpochResult) => void;
}

/** A training session. Owns its tensors: call `dispose()`. */
export interface SupervisedTrainer {
  /** The kernel actually used (`auto` resolved; `js` where WebAssembly SIMD could not compile). */
  readonly kernel: TrainKernel;
  /** What computes `predict` and `hiddenActivations` (pictures): WebAssembly SIMD where available. */
  readonly pictureKernel: 'wasm-simd' | 'js';
  /** The network spec. */
  readonly spec: MlpSpec;
  /** Current weights (updated after each epoch; do not mutate). */
  readonly params: MlpParams;
  /** Number of parameters. */
  readonly paramCount: number;
  /** Run one epoch (one pass over the training rows in minibatches) and evaluate the losses. */
  step(): Promise<EpochResult>;
  /**
   * Run `epochs` epochs without evaluating (the fast path); returns the updates done. An epoch
   * that {@link SupervisedTrainer.fitUntil} left half-done counts as the first (it is finished).
   */
  fit(epochs: number): Promise<number>;
  /**
   * Resumable training, for a page that must not block: train until `maxEpochs` epochs complete
   * or `performance.now()` passes `deadline`, whichever comes first, stopping between minibatches
   * or, for a batch too big to take at once at this network's size, between passes over its rows
   * (the batch's gradient is summed across calls). The next call continues the epoch in progress
   * where it stopped, so any way of cutting the work gives bit for bit the weights of
   * {@link SupervisedTrainer.fit}; the weights change only when a minibatch completes (with the
   * tfjs kernel, `params` follow at the end of each epoch). Always does some work. Resolves with
   * the number of epochs completed (0 while one is still in progress).
   */
  fitUntil(deadline: number, maxEpochs?: number): Promise<number>;
  /** Epochs completed so far. */
  readonly epoch: number;
  /** Parameter updates done so far. */
  readonly updates: number;
  /** True while an epoch is half-done (fitUntil stopped inside it). */
  readonly midEpoch: boolean;
  /** Rows of the epoch in progress done so far, and its rows (0 and 0 between epochs). */
  readonly epochRows: { done: number; total: number };
  /** Bumped whenever the weights or the data change: a measurement in slices restarts on a change. */
  readonly version: number;
  /** Run several epochs; resolves with the last result (or the last before abort). */
  run(options: RunOptions): Promise<EpochResult>;
  /** Outputs for `n` rows of `x` (probabilities for a sigmoid head). */
  predict(x: Float32Array, n: number): Float32Array;
  /** Every hidden layer's activations for `n` rows, one `n × width` array per layer. */
  hiddenActivations(x: Float32Array, n: number): Float32Array[];
  /** Current losses without training. */
  evaluate(): EpochResult;
  /**
   * `total` plus the data loss (summed over outputs, no penalty) of rows `from .. to` of the
   * training set (`which` 'train') or the test set: {@link SupervisedTrainer.evaluate}'s sums,
   * resumable. Rows taken in order, in any pieces, give bit for bit evaluate()'s losses once
   * divided by rows × outputs.
   */
  addLoss(which: 'train' | 'test', from: number, to: number, total: number): number;
  /** Rows in the training and test sets now. */
  readonly rows: { train: number; test: number };
  /** Replace the data (after adding points); keeps weights and optimizer state. */
  setData(train: Dataset, test?: Dataset): void;
  /** Free tensors. Safe to call twice. */
  dispose(): void;
}

/** Build a trainer. Throws with a readable message for a bad spec, optimizer or data. */
export function createSupervisedTrainer(options: SupervisedOptions): SupervisedTrainer {
  const { spec, optimizer } = options;
  const seed = options.seed ?? SUPERVISED_DEFAULTS.seed;
  const rng = createRng(seed);
  const weightsRng = rng.fork();
  const params = options.initial ? checkInitial(options.initial, spec) : initMlpParams(spec, weightsRng);
  const orderRng = rng.fork();
  const batchSize = options.batchSize ?? SUPERVISED_DEFAULTS.batchSize;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`Batch size must be a whole number ≥ 1, got ${batchSize}.`);
  const paramCount = countParams(spec);
  const choice = options.kernel ?? SUPERVISED_DEFAULTS.kernel;
  const small = paramCount <= SUPERVISED_DEFAULTS.jsMaxParams && batchSize <= SUPERVISED_DEFAULTS.jsMaxBatch;
  const wanted = choice === 'auto' ? (small ? 'wasm-simd' : 'tfjs') : choice;
  let train = checkData(options.train, spec, 'training');
  let test = options.test ? checkData(options.test, spec, 'test') : undefined;
  const js = new DenseMlpKernel(spec, Math.min(batchSize, train.n));
  // Sized for the full batch: adding points later can raise the effective batch up to it.
  const simd = wanted === 'wasm-simd' ? createSimdMlpTrainer(spec, optimizer, batchSize) : null;
  const kernel: TrainKernel = wanted === 'wasm-simd' && !simd ? 'js' : wanted;
  let epoch = 0;
  let updates = 0;
  let version = 0;
  /** The epoch in progress, or null between epochs. */
  let cursor: EpochCursor | null = null;
  /** Rows per pass of the JS kernel over a minibatch (a function of the network only). */
  const jsPassRows = Math.max(1, Math.floor(JS_PASS_MACS / (3 * paramCount)));

  const evaluate = (): EpochResult => ({
    epoch,
    updates,
    trainLoss: js.meanLoss(params, train.x, train.y, train.n),
    testLoss: test && test.n > 0 ? js.meanLoss(params, test.x, test.y, test.n) : NaN,
    penalty: penalty(spec, params),
  });

  const epochOrder = (): Uint32Array => Uint32Array.from(orderRng.shuffle(Array.from({ length: train.n }, (_, i) => i)));

  let engine: EpochEngine = simd
    ? simdEngine(simd, params)
    : kernel === 'js'
      ? jsEngine(js, params, createJsOptimizer(optimizer), jsPassRows)
      : options.tfjsElsewhere
        ? remoteEngine(options.tfjsElsewhere({ spec, params: cloneParams(params), optimizer }), params)
        : tfEngine(spec, params, optimizer);
  let disposed = false;

  const trainer: SupervisedTrainer = {
    kernel,
    pictureKernel: js.usesSimd ? 'wasm-simd' : 'js',
    spec,
    params,
    paramCount,
    async step() {
      await trainer.fit(1);
      return evaluate();
    },
    async fit(epochs) {
      const before = updates;
      for (let e = 0; e < epochs; ) e += await trainer.fitUntil(Infinity, epochs - e);
      return updates - before;
    },
    async fitUntil(deadline, maxEpochs = 1) {
      if (disposed) throw new Error('This trainer was disposed.');
      const bs = Math.min(batchSize, train.n);
      let done = 0;
      while (done < maxEpochs) {
        cursor ??= { order: epochOrder(), off: 0, row: 0 };
        const count = await engine.run(train, cursor, bs, deadline);
        updates += count;
        if (count > 0) version++;
        if (cursor.off < cursor.order.length) break; // out of time inside the epoch
        cursor = null;
        epoch++;
        done++;
        if (performance.now() >= deadline) break;
      }
      return done;
    },
    get epoch() {
      return epoch;
    },
    get updates() {
      return updates;
    },
    get midEpoch() {
      return cursor !== null;
    },
    get epochRows() {
      return cursor ? { done: cursor.off + cursor.row, total: cursor.order.length } : { done: 0, total: 0 };
    },
    get version() {
      return version;
    },
    get rows() {
      return { train: train.n, test: test?.n ?? 0 };
    },
    addLoss(which, from, to, total) {
      const d = which === 'train' ? train : test;
      return d ? js.addLoss(params, d.x, d.y, from, to, total) : total;
    },
    async run({ epochs, signal, onStep }) {
      let last = evaluate();
      for (let e = 0; e < epochs && !signal?.aborted; e++) {
        last = await trainer.step();
        onStep?.(last);
        if (kernel === 'tfjs') await tf.nextFrame();
      }
      return last;
    },
    predict: (x, n) => js.predict(params, x, n),
    hiddenActivations: (x, n) => js.hiddenActivations(params, x, n),
    evaluate,
    setData(newTrain, newTest) {
      train = checkData(newTrain, spec, 'training');
      test = newTest ? checkData(newTest, spec, 'test') : undefined;
      // An epoch in progress goes on over the rows it began with (points are only ever added);
      // if rows went away, it ends here and its half-summed batch is dropped.
      if (cursor && train.n < cursor.order.length) cursor = null;
      version++;
      engine.dataChanged();
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      engine.dispose();
      engine = { run: async () => 0, dataChanged() {}, dispose() {} };
    },
  };
  return trainer;
}

/** Multiply-adds of one pass of the JS kernel over a minibatch's rows, at most (a few ms). */
const JS_PASS_MACS = 1_000_000;

interface EpochEngine {
  /**
   * Continue the epoch at `cursor` in batches of `bs` until it ends or `deadline` passes (always
   * some work); moves the cursor; returns the number of updates.
   */
  run(train: Dataset, cursor: EpochCursor, bs: number, deadline: number): Promise<number>;
  dataChanged(): void;
  dispose(): void;
}

function jsEngine(kernel: DenseMlpKernel, params: MlpParams, opt: JsOptimizer, passRows: number): EpochEngine {
  const all = [...params.w, ...params.b];
  const grads = [...kernel.gw, ...kernel.gb];
  return {
    async run(train, cur, bs, deadline) {
      const n = cur.order.length;
      // Look at the clock about once per pass's worth of arithmetic, not after every tiny batch.
      const every = Math.max(1, Math.floor(passRows / bs));
      let count = 0;
      let passes = 0;
      while (cur.off < n) {
        const m = Math.min(bs, n - cur.off);
        const k = Math.min(passRows, m - cur.row);
        kernel.batchPart(params, train.x, train.y, cur.order, cur.off + cur.row, k, m, cur.row > 0);
        cur.row += k;
        if (cur.row === m) {
          kernel.addPenaltyGrads(params);
          opt.update(all, grads);
          count++;
          cur.off += m;
          cur.row = 0;
        }
        if (++passes % every === 0 && cur.off < n && performance.now() >= deadline) break;
      }
      return count;
    },
    dataChanged() {},
    dispose() {},
  };
}

function simdEngine(kernel: SimdMlpTrainer, params: MlpParams): EpochEngine {
  return {
    async run(train, cur, bs, deadline) {
      return kernel.trainUntil(params, train.x, train.y, cur, bs, deadline);
    },
    dataChanged() {},
    dispose() {},
  };
}

function tfEngine(spec: MlpSpec, params: MlpParams, config: OptimizerConfig): EpochEngine {
  const model = new TfMlp(spec, params);
  const opt = createTfOptimizer(config);
  let data: { x: tf.Tensor2D; y: tf.Tensor2D; n: number } | undefined;
  const upload = (train: Dataset) => {
    data?.x.dispose();
    data?.y.dispose();
    const outputs = spec.outputs;
    data = { x: tf.tensor2d(train.x, [train.n, spec.inputs]), y: tf.tensor2d(train.y, [train.n, outputs]), n: train.n };
  };
  return {
    async run(train, cur, bs, deadline) {
      if (!data || data.n !== train.n) upload(train);
      const d = data!;
      const n = cur.order.length;
      let count = 0;
      // One minibatch per look at the clock: each is a graph of launches on the page's backend.
      while (cur.off < n) {
        const idx = Array.prototype.slice.call(cur.order, cur.off, Math.min(cur.off + bs, n)) as number[];
        const cost = tf.tidy(() => {
          const ids = tf.tensor1d(Int32Array.from(idx), 'int32');
          const xb = tf.gather(d.x, ids);
          const yb = tf.gather(d.y, ids);
          return opt.minimize(() => model.loss(xb, yb), true, model.variables()) as tf.Scalar;
        });
        cost.dispose();
        count++;
        cur.off += idx.length;
        if (cur.off < n && performance.now() >= deadline) break;
      }
      if (cur.off >= n) await model.readInto(params);
      return count;
    },
    dataChanged() {
      data?.x.dispose();
      data?.y.dispose();
      data = undefined;
    },
    dispose() {
      data?.x.dispose();
      data?.y.dispose();
      data = undefined;
      model.dispose();
      opt.dispose();
    },
  };
}

/** The `tfjs` kernel elsewhere, as an engine: the order and the cursor stay here; weights come back at each epoch's end. */
function remoteEngine(remote: TfEpochsRemote, params: MlpParams): EpochEngine {
  let sent = false;
  return {
    async run(train, cur, bs, deadline) {
      const data = sent ? undefined : train;
      sent = true;
      const order = cur.order instanceof Uint32Array ? cur.order : Uint32Array.from(cur.order);
      const a = await remote.run({ order, off: cur.off, bs, budgetMs: Math.max(0, deadline - performance.now()), data });
      cur.off = a.off;
      if (a.params) {
        a.params.w.forEach((w, l) => params.w[l].set(w));
        a.params.b.forEach((b, l) => params.b[l].set(b));
      }
      return a.count;
    },
    dataChanged() {
      sent = false;
    },
    dispose() {
      remote.dispose();
    },
  };
}

/**
 * The `tfjs` kernel's minibatches on this thread, behind {@link TfEpochsRemote}: what a worker's
 * host runs for {@link SupervisedOptions.tfjsElsewhere} (the very code of the in-thread kernel).
 * Needs a TensorFlow.js backend; the answer's weights are this runner's own arrays (copy them
 * before transferring).
 */
export function createTfEpochs(init: TfEpochsInit): TfEpochsRemote {
  const params = cloneParams(init.params);
  const engine = tfEngine(init.spec, params, init.optimizer);
  let train: Dataset | undefined;
  return {
    async run(r) {
      if (r.data) {
        train = r.data;
        engine.dataChanged();
      }
      if (!train) throw new Error('The first piece of training must carry the training rows.');
      const cur: EpochCursor = { order: r.order, off: r.off, row: 0 };
      const count = await engine.run(train, cur, r.bs, performance.now() + r.budgetMs);
      return { off: cur.off, count, params: cur.off >= r.order.length ? { w: params.w, b: params.b } : null };
    },
    dispose: () => engine.dispose(),
  };
}

function checkData(data: Dataset, spec: MlpSpec, what: string): Dataset {
  if (data.x.length !== data.n * spec.inputs) {
    throw new Error(`The ${what} data has ${data.x.length / Math.max(data.n, 1)} features per row but the network expects ${spec.inputs}.`);
  }
  if (data.y.length !== data.n * spec.outputs) throw new Error(`The ${what} data has ${data.y.length} labels for ${data.n} rows.`);
  if (what === 'training' && data.n < 1) throw new Error('There is no training data: add points or raise the training ratio.');
  return data;
}

/** A copy of `initial` after checking it fits `spec`'s network. */
function checkInitial(initial: MlpParams, spec: MlpSpec): MlpParams {
  validateMlpSpec(spec);
  const sizes = layerSizes(spec);
  const want = sizes.join('-');
  if (initial.sizes.join('-') !== want) throw new Error(`The starting weights are for a ${initial.sizes.join('-')} network, but this network is ${want}.`);
  sizes.slice(1).forEach((fanOut, l) => {
    if (initial.w[l]?.length !== sizes[l] * fanOut || initial.b[l]?.length !== fanOut) throw new Error(`The starting weights of layer ${l + 1} have the wrong number of values for a ${want} network.`);
    if (!initial.w[l].every(Number.isFinite) || !initial.b[l].every(Number.isFinite)) throw new Error(`The starting weights of layer ${l + 1} contain a value that is not a finite number.`);
  });
  return cloneParams(initial);
}

/**
 * The weights {@link createSupervisedTrainer} starts from for `seed` (without `initial`), made a
 * layer at a time with `pause()` awaited between layers, for a page that must not block while a
 * big network is built (8 × 256: half a million random numbers). Passed as `initial` with the
 * same seed, the trainer is the seeded one, number for number.
 */
export async function seededParams(spec: MlpSpec, seed: number, pause: () => Promise<void>): Promise<MlpParams> {
  const layers = initMlpLayers(spec, createRng(seed).fork());
  for (;;) {
    const next = layers.next();
    if (next.done) return next.value;
    await pause();
  }
}

/** A snapshot of the weights (a copy, safe to keep). */
export function snapshotParams(trainer: SupervisedTrainer): MlpParams {
  return cloneParams(trainer.params);
}

