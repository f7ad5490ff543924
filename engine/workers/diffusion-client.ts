/**
 * A toy-diffusion session for a page: the trainer and samplers run in a dedicated module Web Worker
 * (`diffusion-worker.ts`), and this small client turns its messages into promises. Where a worker
 * cannot be made (a page opened from file://, a browser without module workers, a strict content
 * security policy), the same methods run the same code (`diffusion-host.ts`) on the page instead,
 * and `where` says so. This module itself loads no TensorFlow.js: only the fallback does, and only
 * when it is used.
 *
 * ```ts
 * const s = await createDiffusionSession({ trainer: { dataset: 'moons', seed: 1 }, backend: { prefer: 'wasm' } });
 * s.where;                                      // 'worker'
 * await s.train(12, 5);                         // { last: { step: 5, loss: 0.9 }, count: 5, ms: 8 }
 * const r = await s.sample({ steps: 20, n: 1000, seed: 18 }, { classLabel: -1, maxPoints: 600 });
 * r.quality.ddim;                               // MMD to held-out data
 * s.dispose();                                  // terminates the worker
 * ```
 */
import type { BackendOptions } from '../backend.ts';
import type { FieldOptions, SampleOptions } from '../diffusion/sampler.ts';
import type { DiffusionOptions } from '../trainers/diffusion.ts';
import type { DiffusionRequest, DiffusionSamples, DiffusionSessionInfo, DiffusionTrainRound } from './diffusion-host.ts';
import { connect } from './link.ts';

export type { DiffusionSamples, DiffusionSessionInfo, DiffusionTrainRound } from './diffusion-host.ts';

/** How to make a session. */
export interface DiffusionSessionOptions {
  /** The trainer's options (data, schedule, T, widths, learning rate, batch, seed, drawn points). */
  trainer: DiffusionOptions;
  /** Backend preference, passed to `initBackend` where the trainer runs. */
  backend?: BackendOptions;
  /** Try a Web Worker first (default true); false runs on the page. */
  worker?: boolean;
}

/** A diffusion trainer behind asynchronous, plain-data methods, in a worker or on the page. */
export interface DiffusionSession {
  /** Where the trainer runs. */
  readonly where: 'worker' | 'page';
  /** Why a worker was asked for but not used (undefined otherwise). */
  readonly fallbackReason?: string;
  /** Data, schedule, fixed noise, the model's size and the backend. */
  readonly info: DiffusionSessionInfo;
  /** Updates done (as of the last answered round). */
  readonly updates: number;
  /** Whether `dispose()` was called (calls after it reject). */
  readonly disposed: boolean;
  /** Updates until `budgetMs` have passed where the trainer runs (at least one, at most `max`). */
  train(budgetMs: number, max?: number): Promise<DiffusionTrainRound>;
  /** DDPM and DDIM from the same noise, with their MMD to the held-out data and that of pure noise. */
  sample(options: Omit<SampleOptions, 'method'>, quality: { classLabel: number; maxPoints: number }): Promise<DiffusionSamples>;
  /** The learned denoising direction on a `size × size` grid at step t (`size² × 2`). */
  field(t: number, size: number, options?: FieldOptions): Promise<Float32Array>;
  /** Free everything: terminate the worker, or dispose the page's tensors. */
  dispose(): void;
}

/**
 * Build a diffusion trainer in a Web Worker (or, where none can start, on the page) and return its
 * session. Rejects with the trainer's own message for bad options.
 */
export async function createDiffusionSession(options: DiffusionSessionOptions): Promise<DiffusionSession> {
  const c = await connect<DiffusionRequest>({
    init: { op: 'init', options: options.trainer, backend: options.backend ?? {} },
    dispose: { op: 'dispose' },
    worker: options.worker !== false,
    make: () => new Worker(new URL('./engine-worker.ts', import.meta.url), { type: 'module', name: 'dl-diffusion' }),
    label: 'diffusion',
    pageHost: async () => (await import('./diffusion-host.ts')).createDiffusionHost(),
  });
  let disposed = false;
  let updates = 0;
  const ask = <T>(request: DiffusionRequest): Promise<T> => (disposed ? Promise.reject(new Error('The diffusion session was disposed.')) : (c.call(request) as Promise<T>));
  return {
    where: c.where,
    fallbackReason: c.fallbackReason,
    info: c.info as DiffusionSessionInfo,
    get updates() {
      return updates;
    },
    get disposed() {
      return disposed;
    },
    async train(budgetMs, max = Infinity) {
      const r = await ask<DiffusionTrainRound>({ op: 'train', budgetMs, max });
      updates = r.last.step;
      return r;
    },
    sample: (sample, quality) => ask({ op: 'sample', sample, quality }),
    field: (t, size, options = {}) => ask({ op: 'field', t, size, options }),
    dispose() {
      if (disposed) return;
      disposed = true;
      c.close();
    },
  };
}
