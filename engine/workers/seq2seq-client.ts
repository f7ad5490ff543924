/**
 * A seq2seq session for a page: the trainer runs in a dedicated module Web Worker
 * (`seq2seq-worker.ts`), and this tiny client turns its messages into promises. Where a worker
 * cannot be made (a page opened from file://, a browser without module workers, a strict content
 * security policy), the same methods run the same code (`seq2seq-host.ts`) on the page instead,
 * and `where` says so. This module itself loads no TensorFlow.js: only the fallback does, and only
 * when it is used.
 *
 * ```ts
 * const s = await createSeq2SeqSession({ trainer: { task: 'date', seed: 1 }, backend: { prefer: 'wasm' } });
 * s.where;                                   // 'worker'
 * const r = await s.train(60, 10);           // { steps: [{ step: 1, loss: 2.6, accuracy: 0.1 }, …], evaluation: null, ms: 71 }
 * s.steps;                                   // steps done so far
 * (await s.translate(await s.example())).cross[0].heads[0]; // T × S cross-attention of head 1
 * s.dispose();                               // terminates the worker
 * ```
 */
import type { BackendOptions } from '../backend.ts';
import type { Seq2SeqEvaluation, Seq2SeqReadout, Seq2SeqTrainerOptions } from '../trainers/seq2seq.ts';
import { connect } from './link.ts';
import type { Seq2SeqRequest, Seq2SeqSessionInfo, Seq2SeqTrainRound } from './seq2seq-host.ts';

export type { Seq2SeqSessionInfo, Seq2SeqTrainRound } from './seq2seq-host.ts';

/** How to make a session. */
export interface Seq2SeqSessionOptions {
  /** The trainer's options (task, size, learning rate, batch, seed, held-out size). */
  trainer: Seq2SeqTrainerOptions;
  /** Backend preference, passed to `initBackend` where the trainer runs. */
  backend?: BackendOptions;
  /** Try a Web Worker first (default true); false runs on the page. */
  worker?: boolean;
}

/** A seq2seq trainer behind asynchronous, plain-data methods, in a worker or on the page. */
export interface Seq2SeqSession {
  /** Where the trainer runs. */
  readonly where: 'worker' | 'page';
  /** Why a worker was asked for but not used (undefined otherwise). */
  readonly fallbackReason?: string;
  /** The task, the model's size, the options and the backend. */
  readonly info: Seq2SeqSessionInfo;
  /** Training steps done (as of the last answered round). */
  readonly steps: number;
  /** Whether `dispose()` was called (calls after it reject). */
  readonly disposed: boolean;
  /**
   * Training steps until `budgetMs` have passed (at least one, at most `max`); the round ends
   * after a step that is a multiple of `evalEvery` (0: never), with the held-out check.
   */
  train(budgetMs: number, evalEvery: number, max?: number): Promise<Seq2SeqTrainRound>;
  /** Loss, greedy token accuracy and exact match on the held-out set. */
  evaluate(): Promise<Seq2SeqEvaluation>;
  /** Decode one source greedily and read out every attention map. */
  translate(source: ArrayLike<number>): Promise<Seq2SeqReadout>;
  /** A fresh random source (the trainer's seeded example stream). */
  example(): Promise<Int32Array>;
  /** Free everything: terminate the worker, or dispose the page's tensors. */
  dispose(): void;
}

/**
 * Build a seq2seq trainer in a Web Worker (or, where none can start, on the page) and return its
 * session. Rejects with the trainer's own message for bad options.
 */
export async function createSeq2SeqSession(options: Seq2SeqSessionOptions): Promise<Seq2SeqSession> {
  const c = await connect<Seq2SeqRequest>({
    init: { op: 'init', options: options.trainer, backend: options.backend ?? {} },
    dispose: { op: 'dispose' },
    worker: options.worker !== false,
    make: () => new Worker(new URL('./engine-worker.ts', import.meta.url), { type: 'module', name: 'dl-seq2seq' }),
    label: 'seq2seq',
    pageHost: async () => (await import('./seq2seq-host.ts')).createSeq2SeqHost(),
  });
  let disposed = false;
  let steps = 0;
  const ask = <T>(request: Seq2SeqRequest): Promise<T> => (disposed ? Promise.reject(new Error('The seq2seq session was disposed.')) : (c.call(request) as Promise<T>));
  return {
    where: c.where,
    fallbackReason: c.fallbackReason,
    info: c.info as Seq2SeqSessionInfo,
    get steps() {
      return steps;
    },
    get disposed() {
      return disposed;
    },
    async train(budgetMs, evalEvery, max = Infinity) {
      const r = await ask<Seq2SeqTrainRound>({ op: 'train', budgetMs, evalEvery, max });
      steps = r.steps[r.steps.length - 1]?.step ?? steps;
      return r;
    },
    evaluate: () => ask({ op: 'evaluate' }),
    translate: (source) => ask({ op: 'translate', source: Array.from(source) }),
    example: () => ask({ op: 'example' }),
    dispose() {
      if (disposed) return;
      disposed = true;
      c.close();
    },
  };
}
