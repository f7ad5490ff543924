/**
 * `<dl-decision-boundary>`'s `tfjs` kernel in a dedicated module Web Worker: a
 * {@link TfEpochsRemote} for `createBoundaryTrainer({ tfjsElsewhere })` whose minibatches run in
 * `engine-worker.ts` (named `dl-boundary`, host `boundary-host.ts`), on the worker's backend.
 * Where no worker can start (a page opened from file://, no module workers, a strict content
 * security policy) the same host runs on the page, and `ready` says why. This module loads no
 * TensorFlow.js itself: only the fall back does, when used.
 *
 * ```ts
 * let remote: BoundaryRemote | undefined;
 * const t = eng.createBoundaryTrainer({ kernel: 'tfjs', tfjsElsewhere: (init) => (remote = createBoundaryRemote(init, { backend: { prefer: 'webgl' } })) });
 * const info = await remote?.ready;   // { where: 'worker', backend: { name: 'webgl', … } }
 * await t.trainer.fitUntil(performance.now() + 12);   // a piece of an epoch, in the worker
 * t.dispose();                                        // terminates the worker
 * ```
 */
import type { BackendOptions, BackendReport } from '../backend.ts';
import type { TfEpochsAnswer, TfEpochsInit, TfEpochsRemote } from '../trainers/supervised.ts';
import type { BoundaryHostInfo, BoundaryRequest } from './boundary-host.ts';
import { connect, type Connection } from './link.ts';

/** Where the minibatches run, once built. */
export interface BoundaryRemoteInfo {
  /** In a worker, or on the page. */
  where: 'worker' | 'page';
  /** Why a worker was asked for but not used (undefined otherwise). */
  fallbackReason?: string;
  /** The TensorFlow.js backend they run on. */
  backend: BackendReport;
}

/** The `tfjs` kernel behind promises, and where it runs. */
export interface BoundaryRemote extends TfEpochsRemote {
  /** Resolves once the network is built (in the worker, or on the page); rejects with the reason it cannot be. */
  readonly ready: Promise<BoundaryRemoteInfo>;
}

/** How to start it. */
export interface BoundaryRemoteOptions {
  /** Backend preference (`?backend=` or the widget's `backend`), chosen where the minibatches run. */
  backend?: BackendOptions;
  /** Try a Web Worker first (default true); false runs on the page. */
  worker?: boolean;
}

/** Start building the network in a worker (or on the page) at once; pieces wait for it. */
export function createBoundaryRemote(init: TfEpochsInit, options: BoundaryRemoteOptions = {}): BoundaryRemote {
  const connection: Promise<Connection<BoundaryRequest>> = connect<BoundaryRequest>({
    init: { op: 'init', init, backend: options.backend ?? {} },
    dispose: { op: 'dispose' },
    worker: options.worker !== false,
    make: () => new Worker(new URL('./engine-worker.ts', import.meta.url), { type: 'module', name: 'dl-boundary' }),
    label: 'decision-boundary',
    pageHost: async () => (await import('./boundary-host.ts')).createBoundaryHost(),
  });
  let disposed = false;
  // A removal before the build ends closes it when it comes; a failed build is reported by `ready` and `run`.
  connection.then(
    (c) => disposed && c.close(),
    () => undefined,
  );
  const ready = connection.then((c) => ({ where: c.where, fallbackReason: c.fallbackReason, backend: (c.info as BoundaryHostInfo).backend }));
  ready.catch(() => undefined);
  return {
    ready,
    async run(piece) {
      const c = await connection;
      if (disposed) throw new Error('The decision-boundary network was disposed.');
      return (await c.call({ op: 'run', piece })) as TfEpochsAnswer;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      void connection.then((c) => c.close(), () => undefined);
    },
  };
}
