/**
 * A plain-vs-residual race for a page: both networks train in a module Web Worker
 * (`engine-worker.ts`, named `dl-residual`), and this small client turns its messages into
 * promises. Where a worker cannot be made (a page opened from file://, no module workers, a strict
 * content security policy), the same methods run the same code (`residual-host.ts`) on the page,
 * and `where` and `fallbackReason` say so. This module loads no TensorFlow.js itself.
 *
 * ```ts
 * const s = await createResidualSession({ race: { depth: 20, seed: 1 }, backend: { prefer: 'wasm' } });
 * s.where;                             // 'worker'
 * const r = await s.train(100);        // { steps: [{ step: 1, plain: { loss, accuracy, gradNorms }, residual: … }, …], ms }
 * s.dispose();                         // terminates the worker
 * ```
 */
import type { BackendOptions } from '../backend.ts';
import type { ResidualOptions } from '../trainers/residual.ts';
import type { ResidualRequest, ResidualSessionInfo, ResidualTrainRound } from './residual-host.ts';
import { connect } from './link.ts';

export type { ResidualSessionInfo, ResidualTrainRound } from './residual-host.ts';

/** How to make a session. */
export interface ResidualSessionOptions {
  /** The race's options (depth, width, activation, learning rate, dataset, points, seed). */
  race: ResidualOptions;
  /** Backend preference, passed to `initBackend` where the race runs. */
  backend?: BackendOptions;
  /** Try a Web Worker first (default true); false runs on the page. */
  worker?: boolean;
}

/** A residual race behind asynchronous, plain-data methods, in a worker or on the page. */
export interface ResidualSession {
  /** Where the race runs. */
  readonly where: 'worker' | 'page';
  /** Why a worker was asked for but not used (undefined otherwise). */
  readonly fallbackReason?: string;
  /** The options in force and the backend. */
  readonly info: ResidualSessionInfo;
  /** Steps done (as of the last answered round). */
  readonly steps: number;
  /** Whether `dispose()` was called (calls after it reject). */
  readonly disposed: boolean;
  /** Full-batch steps of both networks until `budgetMs` have passed (at least one, at most `max`). */
  train(budgetMs: number, max?: number): Promise<ResidualTrainRound>;
  /** Free everything: terminate the worker, or dispose the page's tensors. */
  dispose(): void;
}

/** Build the race in a Web Worker (or, where none can start, on the page). Rejects with the race's own message for bad options. */
export async function createResidualSession(options: ResidualSessionOptions): Promise<ResidualSession> {
  const c = await connect<ResidualRequest>({
    init: { op: 'init', options: options.race, backend: options.backend ?? {} },
    dispose: { op: 'dispose' },
    worker: options.worker !== false,
    make: () => new Worker(new URL('./engine-worker.ts', import.meta.url), { type: 'module', name: 'dl-residual' }),
    label: 'residual race',
    pageHost: async () => (await import('./residual-host.ts')).createResidualHost(),
  });
  let disposed = false;
  let steps = 0;
  return {
    where: c.where,
    fallbackReason: c.fallbackReason,
    info: c.info as ResidualSessionInfo,
    get steps() {
      return steps;
    },
    get disposed() {
      return disposed;
    },
    async train(budgetMs, max = Infinity) {
      if (disposed) throw new Error('The residual session was disposed.');
      const r = (await c.call({ op: 'train', budgetMs, max })) as ResidualTrainRound;
      steps = r.steps[r.steps.length - 1].step;
      return r;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      c.close();
    },
  };
}
