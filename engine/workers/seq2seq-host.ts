/**
 * The trainer side of a seq2seq session: typed requests in, plain numbers and typed arrays out.
 * The Web Worker (`engine-worker.ts`, named `dl-seq2seq`) answers messages with it, and the in-thread fallback of
 * `seq2seq-client.ts` calls it directly, so both routes run the very same code.
 *
 * ```ts
 * const handle = createSeq2SeqHost();
 * await handle({ op: 'init', options: { task: 'date', seed: 1 }, backend: { prefer: 'wasm' } });
 * await handle({ op: 'train', budgetMs: 60, evalEvery: 10, max: 100 }); // steps until 60 ms (at least one)
 * await handle({ op: 'translate', source: [2, 0, 2, 4, 10, 0, 3, 10, 1, 7] });
 * ```
 * Requests run one after another (a queue), so nothing disposes the model under a step; only
 * `dispose` skips the queue: the trainer's dispose is safe during a read, and a widget removed
 * while its first picture decodes frees every tensor at once.
 */
import { initBackend, type BackendOptions, type BackendReport } from '../backend.ts';
import type { Seq2SeqTaskInfo } from '../datasets/seq2seq-tasks.ts';
import { createSeq2SeqTrainer, type Seq2SeqEvaluation, type Seq2SeqReadout, type Seq2SeqStepResult, type Seq2SeqTrainer, type Seq2SeqTrainerOptions } from '../trainers/seq2seq.ts';
import { hostHandler, owned, plain, type WorkerAnswer } from './link.ts';

/** What a session knows about its model once built. */
export interface Seq2SeqSessionInfo {
  /** The task's lengths, vocabulary and labels. */
  task: Seq2SeqTaskInfo;
  /** Number of scalar weights. */
  paramCount: number;
  /** The trainer's options after defaults. */
  options: Required<Seq2SeqTrainerOptions>;
  /** The TensorFlow.js backend the trainer runs on. */
  backend: BackendReport;
}

/** One round of training steps. */
export interface Seq2SeqTrainRound {
  /** Every step of the round, in order (at least one). */
  steps: Seq2SeqStepResult[];
  /** The held-out check after the round's last step, if that step is a multiple of `evalEvery`. */
  evaluation: Seq2SeqEvaluation | null;
  /** Milliseconds the round took. */
  ms: number;
}

/** Every request a session answers. */
export type Seq2SeqRequest =
  | { op: 'init'; options: Seq2SeqTrainerOptions; backend: BackendOptions }
  /**
   * Steps until `budgetMs` have passed (at least one, at most `max`); the round ends early after a
   * step that is a multiple of `evalEvery` (0: never), with the held-out check.
   */
  | { op: 'train'; budgetMs: number; evalEvery: number; max: number }
  | { op: 'evaluate' }
  | { op: 'translate'; source: number[] }
  | { op: 'example' }
  | { op: 'dispose' };

/** The request handler. */
export type Seq2SeqHost = (request: Seq2SeqRequest) => Promise<WorkerAnswer>;

/** Every buffer of a readout (each array owns its buffer), for transfer. */
function readoutBuffers(r: Seq2SeqReadout): Transferable[] {
  const maps = [...r.encoder, ...r.decoderSelf, ...r.cross].flatMap((l) => l.heads);
  return [r.source, r.target, r.output, r.decoderInput, r.confidence, ...maps].map((a) => a.buffer as ArrayBuffer);
}

/** A readout whose arrays own their buffers (copies only where one is a view). */
function ownedReadout(r: Seq2SeqReadout): Seq2SeqReadout {
  const maps = (list: Seq2SeqReadout['cross']) => list.map((l) => ({ heads: l.heads.map(owned) }));
  return {
    ...r,
    source: owned(r.source),
    target: owned(r.target),
    output: owned(r.output),
    decoderInput: owned(r.decoderInput),
    confidence: owned(r.confidence),
    encoder: maps(r.encoder),
    decoderSelf: maps(r.decoderSelf),
    cross: maps(r.cross),
  };
}

/** A host with no trainer yet; `init` builds one. */
export function createSeq2SeqHost(): Seq2SeqHost {
  let trainer: Seq2SeqTrainer | undefined;

  const need = (): Seq2SeqTrainer => {
    if (!trainer) throw new Error('The seq2seq model is not built yet (or was disposed).');
    return trainer;
  };

  async function run(r: Seq2SeqRequest): Promise<WorkerAnswer> {
    switch (r.op) {
      case 'init': {
        const backend = await initBackend(r.backend);
        trainer?.dispose();
        trainer = undefined;
        const t = createSeq2SeqTrainer(r.options);
        trainer = t;
        const info: Seq2SeqSessionInfo = { task: { ...t.task.info, labels: [...t.task.info.labels] }, paramCount: t.model.paramCount, options: { ...t.options }, backend };
        return plain(info);
      }
      case 'train': {
        const t = need();
        const t0 = performance.now();
        const steps: Seq2SeqStepResult[] = [];
        let evaluation: Seq2SeqEvaluation | null = null;
        const max = Math.max(1, r.max);
        do {
          const s = await t.step();
          if (trainer !== t) throw new Error('The seq2seq model was disposed during training.');
          steps.push(s);
          if (r.evalEvery > 0 && s.step % r.evalEvery === 0) {
            evaluation = await t.evaluate();
            break; // a held-out check ends the round
          }
        } while (steps.length < max && performance.now() - t0 < r.budgetMs);
        const round: Seq2SeqTrainRound = { steps, evaluation, ms: performance.now() - t0 };
        return plain(round);
      }
      case 'evaluate':
        return plain(await need().evaluate());
      case 'translate': {
        const readout = ownedReadout(await need().translate(r.source));
        return plain(readout, readoutBuffers(readout));
      }
      case 'example': {
        const source = owned(need().example());
        return plain(source, [source.buffer]);
      }
      case 'dispose':
        trainer?.dispose();
        trainer = undefined;
        return plain(null);
    }
  }

  return hostHandler(run);
}
