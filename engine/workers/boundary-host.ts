/**
 * The worker side of `<dl-decision-boundary>`'s `tfjs` kernel: the minibatches of an epoch, on
 * the worker's TensorFlow.js backend. The page keeps everything else (batch order, epochs, losses,
 * pictures: plain loops over the weights), sends each piece of an epoch, and takes the weights
 * back when an epoch ends (`SupervisedOptions.tfjsElsewhere`, `createTfEpochs`), so a minibatch
 * graph that takes seconds at 8 × 256 on a software GPU never runs on the page. The Web Worker
 * (`engine-worker.ts`, named `dl-boundary`) answers messages with it, and the fall back of
 * `boundary-client.ts` calls it directly on the page.
 *
 * ```ts
 * const handle = createBoundaryHost();
 * await handle({ op: 'init', init: { spec, params, optimizer }, backend: { prefer: 'webgl' } }); // { backend }
 * await handle({ op: 'run', piece: { order, off: 0, bs: 10, budgetMs: 12, data: train } });     // { off: 10, count: 1, params: null }
 * ```
 * Requests run one after another (`hostHandler`); only `dispose` skips the queue (what waits then
 * fails with "not built").
 */
import { initBackend, type BackendOptions, type BackendReport } from '../backend.ts';
import { createTfEpochs, type TfEpochsAnswer, type TfEpochsInit, type TfEpochsRemote, type TfEpochsRequest } from '../trainers/supervised.ts';
import { hostHandler, plain, type WorkerAnswer } from './link.ts';

/** What the host says once built. */
export interface BoundaryHostInfo {
  /** The TensorFlow.js backend the minibatches run on. */
  backend: BackendReport;
}

/** Every request the host answers. */
export type BoundaryRequest =
  | { op: 'init'; init: TfEpochsInit; backend: BackendOptions }
  | { op: 'run'; piece: TfEpochsRequest }
  | { op: 'dispose' };

/** The request handler. */
export type BoundaryHost = (request: BoundaryRequest) => Promise<WorkerAnswer>;

/** A host with no network yet; `init` builds one. */
export function createBoundaryHost(): BoundaryHost {
  let epochs: TfEpochsRemote | undefined;

  async function run(r: BoundaryRequest): Promise<WorkerAnswer> {
    switch (r.op) {
      case 'init': {
        const backend = await initBackend(r.backend);
        epochs?.dispose();
        epochs = undefined;
        epochs = createTfEpochs(r.init);
        return plain({ backend } satisfies BoundaryHostInfo);
      }
      case 'run': {
        const e = epochs;
        if (!e) throw new Error('The decision-boundary network is not built yet (or was disposed).');
        const a = await e.run(r.piece);
        if (epochs !== e) throw new Error('The decision-boundary network was disposed during training.');
        // Copies: the runner's own weights stay, the copies travel (transferred).
        const params = a.params && { w: a.params.w.map((w) => w.slice()), b: a.params.b.map((b) => b.slice()) };
        const answer: TfEpochsAnswer = { ...a, params };
        return plain(answer, params ? [...params.w, ...params.b].map((v) => v.buffer as ArrayBuffer) : []);
      }
      case 'dispose':
        epochs?.dispose();
        epochs = undefined;
        return plain(null);
    }
  }

  return hostHandler(run);
}
