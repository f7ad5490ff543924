/**
 * The trainer side of a plain-vs-residual race: typed requests in, plain numbers out. The Web
 * Worker (`engine-worker.ts`, named `dl-residual`) answers messages with it, and the in-thread
 * fallback of `residual-client.ts` calls it directly, so both routes run the very same code.
 *
 * ```ts
 * const handle = createResidualHost();
 * await handle({ op: 'init', options: { depth: 20, seed: 1 }, backend: { prefer: 'wasm' } });
 * await handle({ op: 'train', budgetMs: 100, max: Infinity }); // full-batch steps until 100 ms (at least one)
 * ```
 * A step is dozens of small TensorFlow.js kernels per layer (about 130 ms on wasm on a slow
 * machine at depth 20, more at depth 40 and width 64), too many to cut into frames, so it runs
 * off the page. Requests run one after another (`hostHandler`); only `dispose` skips the queue.
 */
import { initBackend, type BackendOptions, type BackendReport } from '../backend.ts';
import { createResidualRace, type RaceStep, type ResidualOptions, type ResidualRace } from '../trainers/residual.ts';
import { hostHandler, plain, type WorkerAnswer } from './link.ts';

/** What a session knows once built. */
export interface ResidualSessionInfo {
  /** The race's options in force. */
  options: ResidualRace['options'];
  /** The TensorFlow.js backend where the race runs. */
  backend: BackendReport;
}

/** One round of steps. */
export interface ResidualTrainRound {
  /** Every step of the round, in order (at least one). */
  steps: RaceStep[];
  /** Milliseconds the round took. */
  ms: number;
}

/** Every request a session answers. */
export type ResidualRequest =
  | { op: 'init'; options: ResidualOptions; backend: BackendOptions }
  /** Full-batch steps of both networks until `budgetMs` have passed (at least one, at most `max`). */
  | { op: 'train'; budgetMs: number; max: number }
  | { op: 'dispose' };

/** The request handler. */
export type ResidualHost = (request: ResidualRequest) => Promise<WorkerAnswer>;

/** A host with no race yet; `init` builds one. */
export function createResidualHost(): ResidualHost {
  let race: ResidualRace | undefined;

  async function run(r: ResidualRequest): Promise<WorkerAnswer> {
    switch (r.op) {
      case 'init': {
        const backend = await initBackend(r.backend);
        race?.dispose();
        race = undefined;
        race = createResidualRace(r.options);
        const info: ResidualSessionInfo = { options: race.options, backend };
        return plain(info);
      }
      case 'train': {
        const t = race;
        if (!t) throw new Error('The residual race is not built yet (or was disposed).');
        const t0 = performance.now();
        const max = Math.max(1, r.max);
        const steps: RaceStep[] = [];
        do {
          steps.push(await t.step());
          if (race !== t) throw new Error('The residual race was disposed during training.');
        } while (steps.length < max && performance.now() - t0 < r.budgetMs);
        const round: ResidualTrainRound = { steps, ms: performance.now() - t0 };
        return plain(round, steps.flatMap((s) => [s.plain.gradNorms.buffer, s.residual.gradNorms.buffer] as ArrayBuffer[]));
      }
      case 'dispose':
        race?.dispose();
        race = undefined;
        return plain(null);
    }
  }

  return hostHandler(run);
}
