/**
 * A CNN session for a page: the trainer runs in a dedicated module Web Worker (`cnn-worker.ts`),
 * and this small client turns its messages into promises. Where a worker cannot be made (a page
 * opened from file://, a browser without module workers, a strict content security policy), the
 * same methods run the same code (`cnn-host.ts`) on the page instead, and `where` says so. This
 * module itself loads no TensorFlow.js and no digits: only the fallback does, and only when used.
 *
 * ```ts
 * const s = await createCnnSession({ trainer: { seed: 1, filters1: 8, filters2: 16 } });
 * s.where;                                    // 'worker'
 * const r = await s.train(60, Infinity, 0);   // { result: { step: 9, loss: 2.1, … }, updates: 9, ms: 61, look: { maps, probs, … } }
 * (await s.evaluate()).testAccuracy;          // 0.43
 * (await s.look(drawing)).probs;              // 10 class probabilities for a 784-pixel drawing
 * s.dispose();                                // terminates the worker
 * ```
 */
import type { BackendOptions } from '../backend.ts';
import type { CnnEvaluation } from '../trainers/cnn.ts';
import type { CnnLook, CnnProbe, CnnRequest, CnnSessionInfo, CnnSessionTrainerOptions, CnnTrainRound } from './cnn-host.ts';
import { connect } from './link.ts';

export type { CnnLook, CnnProbe, CnnSessionInfo, CnnSessionTrainerOptions, CnnTrainRound } from './cnn-host.ts';

/** How to make a session. */
export interface CnnSessionOptions {
  /** The trainer's options (size, learning rate, batch, training digits, kernel, seed). */
  trainer: CnnSessionTrainerOptions;
  /** Backend preference for the `tfjs` kernel, passed to `initBackend` where the trainer runs. */
  backend?: BackendOptions;
  /** Try a Web Worker first (default true); false runs on the page. */
  worker?: boolean;
}

/** A CNN trainer behind asynchronous, plain-data methods, in a worker or on the page. */
export interface CnnSession {
  /** Where the trainer runs. */
  readonly where: 'worker' | 'page';
  /** Why a worker was asked for but not used (undefined otherwise). */
  readonly fallbackReason?: string;
  /** The kernel, the number of weights, the digit counts and the backend. */
  readonly info: CnnSessionInfo;
  /** Minibatch updates done (as of the last answered round). */
  readonly steps: number;
  /** Whether `dispose()` was called (calls after it reject). */
  readonly disposed: boolean;
  /**
   * Minibatch updates until `budgetMs` have passed (at least one, at most `max`), then, if a
   * probe is given, the read-out of it (one round trip for both).
   */
  train(budgetMs: number, max?: number, probe?: CnnProbe): Promise<CnnTrainRound>;
  /** Train and test accuracy and the confusion matrix. */
  evaluate(): Promise<CnnEvaluation>;
  /** Kernels, feature maps and class probabilities for a test digit (index) or a 784-pixel image. */
  look(probe: CnnProbe): Promise<CnnLook>;
  /** Free everything: terminate the worker, or drop the page's trainer. */
  dispose(): void;
}

/**
 * Build a CNN trainer in a Web Worker (or, where none can start, on the page) and return its
 * session. Rejects with the trainer's own message for bad options.
 */
export async function createCnnSession(options: CnnSessionOptions): Promise<CnnSession> {
  const c = await connect<CnnRequest>({
    init: { op: 'init', options: options.trainer, backend: options.backend ?? {} },
    dispose: { op: 'dispose' },
    worker: options.worker !== false,
    make: () => new Worker(new URL('./engine-worker.ts', import.meta.url), { type: 'module', name: 'dl-cnn' }),
    label: 'CNN',
    pageHost: async () => (await import('./cnn-host.ts')).createCnnHost(),
  });
  let disposed = false;
  let steps = 0;
  const ask = <T>(request: CnnRequest): Promise<T> => (disposed ? Promise.reject(new Error('The CNN session was disposed.')) : (c.call(request) as Promise<T>));
  return {
    where: c.where,
    fallbackReason: c.fallbackReason,
    info: c.info as CnnSessionInfo,
    get steps() {
      return steps;
    },
    get disposed() {
      return disposed;
    },
    async train(budgetMs, max = Infinity, probe) {
      const r = await ask<CnnTrainRound>({ op: 'train', budgetMs, max, probe });
      steps = r.result.step;
      return r;
    },
    evaluate: () => ask({ op: 'evaluate' }),
    look: (probe) => ask({ op: 'look', probe }),
    dispose() {
      if (disposed) return;
      disposed = true;
      c.close();
    },
  };
}
