/**
 * The trainer side of an attention-heat-map session (the tiny transformer on a toy sequence task):
 * typed requests in, plain numbers and typed arrays out. The Web Worker (`engine-worker.ts`, named `dl-attention`)
 * answers messages with it, and the in-thread fallback of `attention-client.ts` calls it directly,
 * so both routes run the very same code.
 *
 * ```ts
 * const handle = createAttentionHost();
 * await handle({ op: 'init', options: { task: 'reverse', trained: true }, backend: { prefer: 'wasm' } });
 * await handle({ op: 'train', budgetMs: 60, max: 2 });           // steps until 60 ms (at least one, at most 2)
 * await handle({ op: 'inspect', input: [3, 1, 4, 1, 5, 9, 2, 6] }); // every attention stage + predictions
 * ```
 * Requests run one after another (a queue), so nothing disposes the model under a step; only
 * `dispose` skips the queue (a widget removed while its first picture is read frees every tensor
 * at once; the read then rejects).
 */
import { initBackend, type BackendOptions, type BackendReport } from '../backend.ts';
import type { SequenceTaskInfo } from '../datasets/sequence-tasks.ts';
import type { AttentionReadout } from '../inspect/attention.ts';
import { REVERSE_WEIGHTS } from '../models/weights/attention-reverse.ts';
import { createSequenceTrainer, type SequenceStepResult, type SequenceTrainer, type SequenceTrainerOptions } from '../trainers/sequence.ts';
import { hostHandler, owned, plain, type WorkerAnswer } from './link.ts';

/** The trainer's options as plain data: the shipped weights are named, not sent. */
export type AttentionTrainerOptions = Omit<SequenceTrainerOptions, 'weights'> & {
  /** Start from the shipped weights (reversal, 10 symbols, length 8) instead of a seeded initialisation. */
  trained?: boolean;
};

/** What a session knows about its model once built. */
export interface AttentionSessionInfo {
  /** The task's name, vocabulary, length, mask and labels. */
  task: SequenceTaskInfo;
  /** Number of scalar weights. */
  paramCount: number;
  /** The trainer's options after defaults (layers, heads and width from the weights where trained). */
  options: SequenceTrainer['options'];
  /** The TensorFlow.js backend the trainer runs on. */
  backend: BackendReport;
}

/** One round of training steps. */
export interface AttentionTrainRound {
  /** Every step of the round, in order (at least one). */
  steps: SequenceStepResult[];
  /** Milliseconds the round took. */
  ms: number;
}

/** Every request a session answers. */
export type AttentionRequest =
  | { op: 'init'; options: AttentionTrainerOptions; backend: BackendOptions }
  /** Steps until `budgetMs` have passed (at least one, at most `max`). */
  | { op: 'train'; budgetMs: number; max: number }
  | { op: 'evaluate' }
  | { op: 'inspect'; input: number[] }
  | { op: 'example' }
  | { op: 'dispose' };

/** The request handler. */
export type AttentionHost = (request: AttentionRequest) => Promise<WorkerAnswer>;

/** A readout whose arrays own their buffers (copies only where one is a view). */
function ownedReadout(r: AttentionReadout): AttentionReadout {
  return {
    ...r,
    predictions: owned(r.predictions),
    probabilities: owned(r.probabilities),
    layers: r.layers.map((l) => ({ heads: l.heads.map((h) => ({ raw: owned(h.raw), scaled: owned(h.scaled), masked: owned(h.masked), weights: owned(h.weights) })) })),
  };
}

/** Every buffer of a readout (each array owns its buffer), for transfer. */
function readoutBuffers(r: AttentionReadout): Transferable[] {
  const maps = r.layers.flatMap((l) => l.heads.flatMap((h) => [h.raw, h.scaled, h.masked, h.weights]));
  return [r.predictions, r.probabilities, ...maps].map((a) => a.buffer as ArrayBuffer);
}

/** A host with no trainer yet; `init` builds one. */
export function createAttentionHost(): AttentionHost {
  let trainer: SequenceTrainer | undefined;

  const need = (): SequenceTrainer => {
    if (!trainer) throw new Error('The attention model is not built yet (or was disposed).');
    return trainer;
  };

  async function run(r: AttentionRequest): Promise<WorkerAnswer> {
    switch (r.op) {
      case 'init': {
        const backend = await initBackend(r.backend);
        trainer?.dispose();
        trainer = undefined;
        const { trained, ...options } = r.options;
        const t = createSequenceTrainer({ ...options, weights: trained ? REVERSE_WEIGHTS : undefined });
        trainer = t;
        const info: AttentionSessionInfo = { task: { ...t.task.info, labels: [...t.task.info.labels] }, paramCount: t.model.paramCount, options: { ...t.options }, backend };
        return plain(info);
      }
      case 'train': {
        const t = need();
        const t0 = performance.now();
        const steps: SequenceStepResult[] = [];
        const max = Math.max(1, r.max);
        do {
          const s = await t.step();
          if (trainer !== t) throw new Error('The attention model was disposed during training.');
          steps.push(s);
        } while (steps.length < max && performance.now() - t0 < r.budgetMs);
        const round: AttentionTrainRound = { steps, ms: performance.now() - t0 };
        return plain(round);
      }
      case 'evaluate':
        return plain(await need().evaluate());
      case 'inspect': {
        const t = need();
        const { length, vocabSize } = t.task.info;
        if (r.input.length !== length) throw new Error(`The model reads ${length} tokens, got ${r.input.length}.`);
        const bad = r.input.find((id) => !Number.isInteger(id) || id < 0 || id >= vocabSize);
        if (bad !== undefined) throw new Error(`Token ${bad} is not a symbol of this model: use whole numbers 0–${vocabSize - 1}.`);
        const readout = ownedReadout(await t.inspect(r.input));
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
