/**
 * The trainer side of a CNN session: typed requests in, plain numbers and typed arrays out. The
 * Web Worker (`engine-worker.ts`, named `dl-cnn`) answers messages with it, and the in-thread fallback of
 * `cnn-client.ts` calls it directly, so both routes run the very same code.
 *
 * ```ts
 * const handle = createCnnHost();
 * await handle({ op: 'init', options: { seed: 1, filters1: 8, filters2: 16 }, backend: { prefer: 'wasm' } });
 * await handle({ op: 'train', budgetMs: 60, max: Infinity, probe: 0 }); // updates until 60 ms (at least one), then test digit 0's maps
 * await handle({ op: 'evaluate' });                                     // accuracy and the confusion matrix
 * await handle({ op: 'look', probe: drawing });                         // a 784-pixel drawing: maps and probabilities
 * ```
 * Requests run one after another (a queue), so nothing disposes the model under an update; only
 * `dispose` skips the queue (the requests still waiting then reject).
 *
 * The backend: the `js` kernel is plain loops and never starts TensorFlow.js; the `tfjs` kernel
 * starts the backend asked for (`?backend=` or the widget's `backend`) where the host runs.
 */
import { initBackend, type BackendOptions, type BackendReport } from '../backend.ts';
import { MNIST_PIXELS } from '../datasets/mnist.ts';
import type { FeatureMaps, Kernels } from '../inspect/conv.ts';
import { createCnnTrainer, type CnnEvaluation, type CnnKernelChoice, type CnnStepResult, type CnnTrainer, type CnnTrainerOptions } from '../trainers/cnn.ts';
import { hostHandler, owned, plain, type WorkerAnswer } from './link.ts';

/** The trainer's options that can cross to a worker (all but `data`: the host loads the shipped digits). */
export type CnnSessionTrainerOptions = Omit<CnnTrainerOptions, 'data'>;

/** What a session knows about its network once built. */
export interface CnnSessionInfo {
  /** The kernel in use. */
  kernel: CnnKernelChoice;
  /** Number of trainable weights. */
  paramCount: number;
  /** Test digits a probe index runs over (index modulo this). */
  testCount: number;
  /** Training digits in use. */
  trainCount: number;
  /** The TensorFlow.js backend (the `tfjs` kernel), or null (the `js` kernel loads none). */
  backend: BackendReport | null;
}

/** The picture to read out: a test digit's index (taken modulo the test count) or a 784-pixel image. */
export type CnnProbe = number | Float32Array;

/** Everything the widget draws from the network now, for one input. */
export interface CnnLook {
  /** The test digit shown, or -1 for an image that was sent. */
  index: number;
  /** Its true label (0–9), or -1 for an image that was sent. */
  label: number;
  /** The input, 784 grey levels. */
  image: Float32Array;
  /** First-layer kernels. */
  kernels: Kernels;
  /** Feature maps after conv 1 + ReLU and after conv 2 + ReLU (channel-major). */
  maps: [FeatureMaps, FeatureMaps];
  /** Class probabilities. */
  probs: Float32Array;
}

/** One round of minibatch updates. */
export interface CnnTrainRound {
  /** After the round's last update; `loss` is the mean over the round's updates. */
  result: CnnStepResult;
  /** Updates in the round (at least one). */
  updates: number;
  /** Milliseconds the round's updates took. */
  ms: number;
  /** The read-out asked for with the round (null if none was). */
  look: CnnLook | null;
}

/** Every request a session answers. */
export type CnnRequest =
  | { op: 'init'; options: CnnSessionTrainerOptions; backend: BackendOptions }
  /** Updates until `budgetMs` have passed (at least one, at most `max`), then the read-out of `probe` if given. */
  | { op: 'train'; budgetMs: number; max: number; probe?: CnnProbe }
  | { op: 'evaluate' }
  | { op: 'look'; probe: CnnProbe }
  | { op: 'dispose' };

/** The request handler. */
export type CnnHost = (request: CnnRequest) => Promise<WorkerAnswer>;

/** Every buffer of a read-out (each array owns its buffer), for transfer. */
function lookBuffers(l: CnnLook): Transferable[] {
  const arrays = [l.image, l.kernels.weights, l.maps[0].data, l.maps[1].data, l.probs];
  if (l.kernels.bias) arrays.push(l.kernels.bias);
  return arrays.map((a) => a.buffer as ArrayBuffer);
}

/** A host with no trainer yet; `init` builds one. */
export function createCnnHost(): CnnHost {
  let trainer: CnnTrainer | undefined;

  const need = (): CnnTrainer => {
    if (!trainer) throw new Error('The CNN is not built yet (or was disposed).');
    return trainer;
  };

  const look = (t: CnnTrainer, probe: CnnProbe): CnnLook => {
    let image: Float32Array;
    let index = -1;
    let label = -1;
    if (typeof probe === 'number') {
      if (!Number.isInteger(probe) || probe < 0) throw new Error(`A probe index must be a whole number ≥ 0, got ${probe}.`);
      index = probe % t.data.test.n;
      label = t.data.test.labels[index];
      image = t.data.test.images.slice(index * MNIST_PIXELS, (index + 1) * MNIST_PIXELS);
    } else {
      if (probe.length !== MNIST_PIXELS) throw new Error(`A probe image has ${MNIST_PIXELS} pixels (28 × 28), got ${probe.length}.`);
      image = owned(probe);
    }
    const m = t.featureMaps(image);
    const k = t.kernels();
    return {
      index,
      label,
      image,
      kernels: { ...k, weights: owned(k.weights), bias: k.bias && owned(k.bias) },
      maps: [{ ...m[0], data: owned(m[0].data) }, { ...m[2], data: owned(m[2].data) }],
      probs: owned(t.predict(image)),
    };
  };

  async function run(r: CnnRequest): Promise<WorkerAnswer> {
    switch (r.op) {
      case 'init': {
        const kernel = r.options.kernel ?? 'js';
        // Only the tf.js kernel needs a backend; the fused loops never start one.
        const backend = kernel === 'tfjs' ? await initBackend(r.backend) : null;
        trainer?.dispose();
        trainer = undefined;
        const t = await createCnnTrainer(r.options);
        trainer = t;
        const info: CnnSessionInfo = { kernel: t.kernel, paramCount: t.paramCount, testCount: t.data.test.n, trainCount: Math.min(r.options.trainCount ?? t.data.train.n, t.data.train.n), backend };
        return plain(info);
      }
      case 'train': {
        const t = need();
        const t0 = performance.now();
        const max = Math.max(1, r.max);
        let loss = 0;
        let updates = 0;
        let last: CnnStepResult;
        do {
          last = await t.step(1);
          if (trainer !== t) throw new Error('The CNN was disposed during training.');
          loss += last.loss;
          updates++;
        } while (updates < max && performance.now() - t0 < r.budgetMs);
        const ms = performance.now() - t0;
        const l = r.probe === undefined ? null : look(t, r.probe);
        const round: CnnTrainRound = { result: { ...last, loss: loss / updates }, updates, ms, look: l };
        return plain(round, l ? lookBuffers(l) : []);
      }
      case 'evaluate': {
        const t = need();
        const e: CnnEvaluation = await t.evaluate();
        if (trainer !== t) throw new Error('The CNN was disposed during the accuracy check.');
        const confusion = owned(e.confusion);
        return plain({ ...e, confusion }, [confusion.buffer]);
      }
      case 'look': {
        const l = look(need(), r.probe);
        return plain(l, lookBuffers(l));
      }
      case 'dispose':
        trainer?.dispose();
        trainer = undefined;
        return plain(null);
    }
  }

  return hostHandler(run);
}
