/**
 * An attention-heat-map session for a page: the tiny transformer trains in a dedicated module Web
 * Worker (`attention-worker.ts`), and this tiny client turns its messages into promises. Where a
 * worker cannot be made (a page opened from file://, a browser without module workers, a strict
 * content security policy), the same methods run the same code (`attention-host.ts`) on the page
 * instead, and `where` says so. This module itself loads no TensorFlow.js: only the fallback
 * does, and only when it is used.
 *
 * ```ts
 * const s = await createAttentionSession({ trainer: { task: 'reverse', seed: 1 }, backend: { prefer: 'wasm' } });
 * s.where;                                   // 'worker'
 * const r = await s.train(60, 2);            // { steps: [{ step: 1, loss: 2.4, accuracy: 0.1 }, …], ms: 71 }
 * s.steps;                                   // steps done so far
 * (await s.inspect(await s.example())).layers[0].heads[0].weights; // T × T softmax weights of head 1
 * s.dispose();                               // terminates the worker
 * ```
 */
import type { BackendOptions } from '../backend.ts';
import type { AttentionReadout } from '../inspect/attention.ts';
import type { AttentionRequest, AttentionSessionInfo, AttentionTrainerOptions, AttentionTrainRound } from './attention-host.ts';
import { connect } from './link.ts';

export type { AttentionSessionInfo, AttentionTrainerOptions, AttentionTrainRound } from './attention-host.ts';

/** How to make a session. */
export interface AttentionSessionOptions {
  /** The trainer's options (task, symbols, length, size, mask, learning rate, batch, seed, shipped weights). */
  trainer: AttentionTrainerOptions;
  /** Backend preference, passed to `initBackend` where the trainer runs. */
  backend?: BackendOptions;
  /** Try a Web Worker first (default true); false runs on the page. */
  worker?: boolean;
}

/** A sequence trainer behind asynchronous, plain-data methods, in a worker or on the page. */
export interface AttentionSession {
  /** Where the trainer runs. */
  readonly where: 'worker' | 'page';
  /** Why a worker was asked for but not used (undefined otherwise). */
  readonly fallbackReason?: string;
  /** The task, the model's size, the options and the backend. */
  readonly info: AttentionSessionInfo;
  /** Training steps done (as of the last answered round). */
  readonly steps: number;
  /** Whether `dispose()` was called (calls after it reject). */
  readonly disposed: boolean;
  /** Training steps until `budgetMs` have passed (at least one, at most `max`). */
  train(budgetMs: number, max?: number): Promise<AttentionTrainRound>;
  /** Loss and token accuracy on the held-out set. */
  evaluate(): Promise<{ loss: number; accuracy: number }>;
  /** Every attention stage of every head and layer, and the predictions, for one input. */
  inspect(input: ArrayLike<number>): Promise<AttentionReadout>;
  /** A fresh random input (the trainer's seeded example stream). */
  example(): Promise<Int32Array>;
  /** Free everything: terminate the worker, or dispose the page's tensors. */
  dispose(): void;
}

/**
 * Build the tiny transformer in a Web Worker (or, where none can start, on the page) and return
 * its session. Rejects with the trainer's own message for bad options.
 */
export async function createAttentionSession(options: AttentionSessionOptions): Promise<AttentionSession> {
  const c = await connect<AttentionRequest>({
    init: { op: 'init', options: options.trainer, backend: options.backend ?? {} },
    dispose: { op: 'dispose' },
    worker: options.worker !== false,
    make: () => new Worker(new URL('./engine-worker.ts', import.meta.url), { type: 'module', name: 'dl-attention' }),
    label: 'attention',
    pageHost: async () => (await import('./attention-host.ts')).createAttentionHost(),
  });
  let disposed = false;
  const info = c.info as AttentionSessionInfo;
  let steps = 0;
  const ask = <T>(request: AttentionRequest): Promise<T> => (disposed ? Promise.reject(new Error('The attention session was disposed.')) : (c.call(request) as Promise<T>));
  return {
    where: c.where,
    fallbackReason: c.fallbackReason,
    info,
    get steps() {
      return steps;
    },
    get disposed() {
      return disposed;
    },
    async train(budgetMs, max = Infinity) {
      const r = await ask<AttentionTrainRound>({ op: 'train', budgetMs, max });
      steps = r.steps[r.steps.length - 1]?.step ?? steps;
      return r;
    },
    evaluate: () => ask({ op: 'evaluate' }),
    inspect: (input) => ask({ op: 'inspect', input: Array.from(input) }),
    example: () => ask({ op: 'example' }),
    dispose() {
      if (disposed) return;
      disposed = true;
      c.close();
    },
  };
}
