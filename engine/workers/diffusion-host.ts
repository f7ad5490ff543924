/**
 * The trainer side of a toy-diffusion session: typed requests in, plain numbers and typed arrays
 * out. The Web Worker (`engine-worker.ts`, named `dl-diffusion`) answers messages with it, and the in-thread fallback
 * of `diffusion-client.ts` calls it directly, so both routes run the very same code.
 *
 * ```ts
 * const handle = createDiffusionHost();
 * await handle({ op: 'init', options: { dataset: 'moons', seed: 1 }, backend: { prefer: 'wasm' } });
 * await handle({ op: 'train', budgetMs: 12, max: 5 });   // updates until 12 ms (at least one, at most 5)
 * await handle({ op: 'sample', sample: { steps: 20, n: 1000, seed: 18 }, quality: { classLabel: -1, maxPoints: 600 } });
 * await handle({ op: 'field', t: 50, size: 17, options: {} });
 * ```
 * Requests run one after another (a queue), so nothing disposes the model under an update; only
 * `dispose` skips the queue. A sampling request runs DDPM and DDIM from the same starting noise and
 * scores both (and pure noise) against the held-out points, so one answer carries a whole refresh.
 */
import { initBackend, type BackendOptions, type BackendReport } from '../backend.ts';
import type { PointSet } from '../datasets/points2d.ts';
import type { FieldOptions, SampleOptions, SampleResult } from '../diffusion/sampler.ts';
import { createSchedule, normalArray, SCHEDULES, type NoiseSchedule, type ScheduleKind } from '../diffusion/schedule.ts';
import { createRng } from '../random.ts';
import { createDiffusionTrainer, type DiffusionOptions, type DiffusionStep, type DiffusionTrainer } from '../trainers/diffusion.ts';
import { hostHandler, owned, plain, type WorkerAnswer } from './link.ts';

/** What a session knows about its model once built (all plain data). */
export interface DiffusionSessionInfo {
  /** Training points. */
  data: PointSet;
  /** Held-out points (the same as `data` for drawn points). */
  heldOut: PointSet;
  /** β_t, α_t, ᾱ_t of the model's schedule. */
  schedule: NoiseSchedule;
  /** ᾱ_t of every schedule kind at the same T (for the schedule plot). */
  curves: { name: ScheduleKind; alphaBars: Float64Array }[];
  /** Fixed noise ε, `data.n × 2` (seed + 101): the forward panel's x_t moves smoothly with t. */
  eps: Float32Array;
  /** Trainable parameters. */
  paramCount: number;
  /** Whether ε_θ takes a class. */
  conditional: boolean;
  /** What runs the updates. */
  kernel: 'wasm-simd' | 'tfjs';
  /** MMD of pure noise to the held-out data. */
  noiseBaseline: number;
  /** The TensorFlow.js backend the sampler runs on. */
  backend: BackendReport;
}

/** One round of training updates. */
export interface DiffusionTrainRound {
  /** The last update of the round. */
  last: DiffusionStep;
  /** Updates in the round (at least one). */
  count: number;
  /** Milliseconds the round took. */
  ms: number;
}

/** What one sampling request returns: both samplers from the same noise, and their scores. */
export interface DiffusionSamples {
  ddpm: SampleResult;
  ddim: SampleResult;
  /** MMD to the held-out data (lower is better) of each sampler, and of the fixed noise ε. */
  quality: { ddpm: number; ddim: number; baseline: number };
}

/** Every request a session answers. */
export type DiffusionRequest =
  | { op: 'init'; options: DiffusionOptions; backend: BackendOptions }
  /** Updates until `budgetMs` have passed (at least one, at most `max`). */
  | { op: 'train'; budgetMs: number; max: number }
  /** DDPM then DDIM with the same options, scored with `quality`. */
  | { op: 'sample'; sample: Omit<SampleOptions, 'method'>; quality: { classLabel: number; maxPoints: number } }
  /** The learned denoising direction on a `size × size` grid at step t. */
  | { op: 'field'; t: number; size: number; options: FieldOptions }
  | { op: 'dispose' };

/** The request handler. */
export type DiffusionHost = (request: DiffusionRequest) => Promise<WorkerAnswer>;

/** Let other work in (the page's, where the host runs on the page) before going on. */
const breathe = () => new Promise<void>((resolve) => setTimeout(resolve));

/** A sample result whose arrays own their buffers, and those buffers. */
function ownedSample(r: SampleResult): { value: SampleResult; buffers: ArrayBuffer[] } {
  const value = { ...r, x: owned(r.x), frames: owned(r.frames), labels: owned(r.labels) };
  return { value, buffers: [value.x.buffer, value.frames.buffer, value.labels.buffer] as ArrayBuffer[] };
}

/** A host with no trainer yet; `init` builds one. */
export function createDiffusionHost(): DiffusionHost {
  let trainer: DiffusionTrainer | undefined;
  let eps: Float32Array = new Float32Array(0);

  const need = (): DiffusionTrainer => {
    if (!trainer) throw new Error('The diffusion model is not built yet (or was disposed).');
    return trainer;
  };

  async function run(r: DiffusionRequest): Promise<WorkerAnswer> {
    switch (r.op) {
      case 'init': {
        const backend = await initBackend(r.backend);
        trainer?.dispose();
        trainer = undefined;
        const d = createDiffusionTrainer(r.options);
        trainer = d;
        eps = normalArray(d.data.n * 2, createRng(d.options.seed + 101));
        const info: DiffusionSessionInfo = {
          data: d.data,
          heldOut: d.heldOut,
          schedule: d.schedule,
          curves: SCHEDULES.map((k) => ({ name: k, alphaBars: k === d.schedule.kind ? d.schedule.alphaBars : createSchedule(k, d.schedule.steps).alphaBars })),
          eps,
          paramCount: d.paramCount,
          conditional: d.conditional,
          kernel: d.kernel,
          noiseBaseline: d.noiseBaseline(),
          backend,
        };
        return plain(info);
      }
      case 'train': {
        const d = need();
        const t0 = performance.now();
        const max = Math.max(1, r.max);
        let count = 0;
        let last: DiffusionStep;
        do {
          last = await d.train(1);
          count++;
          if (trainer !== d) throw new Error('The diffusion model was disposed during training.');
        } while (count < max && performance.now() - t0 < r.budgetMs);
        const round: DiffusionTrainRound = { last, count, ms: performance.now() - t0 };
        return plain(round);
      }
      case 'sample': {
        const d = need();
        // Each part is one task; on the page (the fallback) the page gets in between them.
        const alive = async () => {
          await breathe();
          if (trainer !== d) throw new Error('The diffusion model was disposed during sampling.');
        };
        const ddpm = await d.sample({ ...r.sample, method: 'ddpm' });
        await alive();
        const ddim = await d.sample({ ...r.sample, method: 'ddim' });
        await alive();
        const q = d.quality(ddpm.x, r.quality);
        await alive();
        const quality = { ddpm: q, ddim: d.quality(ddim.x, r.quality), baseline: d.quality(eps, r.quality) };
        const a = ownedSample(ddpm);
        const b = ownedSample(ddim);
        const samples: DiffusionSamples = { ddpm: a.value, ddim: b.value, quality };
        return plain(samples, [...a.buffers, ...b.buffers]);
      }
      case 'field': {
        const field = owned(need().field(r.t, r.size, r.options));
        return plain(field, [field.buffer]);
      }
      case 'dispose':
        trainer?.dispose();
        trainer = undefined;
        return plain(null);
    }
  }

  return hostHandler(run);
}
