/**
 * The trainer side of a GPT session: typed requests in, plain numbers and typed arrays out. The
 * Web Worker (`engine-worker.ts`, named `dl-gpt`) answers messages with it, and the in-thread fallback of
 * `gpt-client.ts` calls it directly, so both routes run the very same code.
 *
 * ```ts
 * const host = createGptHost();
 * await host.handle({ op: 'init', options: { pretrained: true }, backend: { prefer: 'wasm' } });
 * await host.handle({ op: 'train', budgetMs: 50 });   // steps until 50 ms have passed (at least one)
 * ```
 * Requests run one after another (a queue), so a reset never disposes a model under a step.
 */
import { initBackend, type BackendOptions, type BackendReport } from '../backend.ts';
import { createGptTrainer, type GptSampleOptions, type GptToken, type GptTrainer, type GptTrainerOptions } from '../trainers/gpt.ts';
import type { GptSpec } from '../models/gpt.ts';
import type { NgramBaselines } from '../text/ngram.ts';
import { hostHandler, owned, plain, type WorkerAnswer } from './link.ts';

/** What a session knows about its model once built. */
export interface GptSessionInfo {
  /** The tokenizer's vocabulary: `vocab[id]` is a token's text. */
  vocab: string[];
  /** The model's shape. */
  spec: GptSpec;
  /** Number of scalar weights. */
  paramCount: number;
  /** Tokens in the training and the held-out split. */
  tokenCounts: { train: number; validation: number };
  /** Held-out unigram and bigram cross-entropy, nats per token. */
  baselines: NgramBaselines;
  /** The TensorFlow.js backend the trainer runs on. */
  backend: BackendReport;
}

/** One round of training steps. */
export interface GptTrainRound {
  /** Steps done so far. */
  step: number;
  /** Steps in this round. */
  steps: number;
  /** Mean training loss over this round's steps, nats per token. */
  trainLoss: number;
  /** Milliseconds the round's steps took. */
  ms: number;
}

/** A written token, without its shaped distribution (the page re-shapes `logits` itself). */
export type GptWrittenToken = Omit<GptToken, 'distribution'>;

/** Tokens written in one request. */
export interface GptWriteChunk {
  tokens: GptWrittenToken[];
  /** The writer has written all its tokens (it is gone). */
  done: boolean;
}

/** Softmax attention weights of every layer and head for a context. */
export interface GptAttentionMaps {
  /** The tokens' texts (rows and columns). */
  tokens: string[];
  /** `layers[l][h]`: T × T, row-major (query i, key j); each row sums to 1. */
  layers: Float32Array[][];
}

/** Every request a session answers. */
export type GptRequest =
  | { op: 'init'; options: GptTrainerOptions; backend: BackendOptions }
  | { op: 'train'; budgetMs: number }
  | { op: 'evaluate' }
  | { op: 'logits'; context: string }
  | { op: 'startWriting'; options: GptSampleOptions }
  | { op: 'write'; writer: number; budgetMs: number; max: number }
  | { op: 'stopWriting'; writer: number }
  | { op: 'attention'; context: string }
  | { op: 'reset' }
  | { op: 'dispose' };

/** An answer and the buffers that may be transferred with it (link.ts's, under its old name). */
export type GptAnswer = WorkerAnswer;

/** The request handler. */
export interface GptHost {
  handle(request: GptRequest): Promise<GptAnswer>;
}

/** A host with no trainer yet; `init` builds one. */
export function createGptHost(): GptHost {
  let trainer: GptTrainer | undefined;
  const writers = new Map<number, AsyncGenerator<GptToken>>();
  let nextWriter = 1;

  const need = (): GptTrainer => {
    if (!trainer) throw new Error('The GPT is not built yet (or was disposed).');
    return trainer;
  };

  async function run(r: GptRequest): Promise<GptAnswer> {
    switch (r.op) {
      case 'init': {
        const backend = await initBackend(r.backend);
        trainer?.dispose();
        trainer = await createGptTrainer(r.options);
        const info: GptSessionInfo = { vocab: [...trainer.vocab], spec: trainer.spec, paramCount: trainer.paramCount, tokenCounts: { ...trainer.tokenCounts }, baselines: trainer.baselines(), backend };
        return plain(info);
      }
      case 'train': {
        const t = need();
        const t0 = performance.now();
        let total = 0;
        let steps = 0;
        let step: number;
        do {
          const s = await t.step();
          total += s.trainLoss;
          step = s.step;
          steps++;
        } while (performance.now() - t0 < r.budgetMs);
        const round: GptTrainRound = { step, steps, trainLoss: total / steps, ms: performance.now() - t0 };
        return plain(round);
      }
      case 'evaluate':
        return plain(await need().evaluate());
      case 'logits': {
        const logits = owned(await need().nextTokenLogits(r.context));
        return plain(logits, [logits.buffer]);
      }
      case 'startWriting': {
        const id = nextWriter++;
        writers.set(id, need().generate(r.options));
        return plain(id);
      }
      case 'write': {
        const gen = writers.get(r.writer);
        if (!gen) return plain({ tokens: [], done: true } satisfies GptWriteChunk);
        const t0 = performance.now();
        const tokens: GptWrittenToken[] = [];
        let done = false;
        while (tokens.length < r.max) {
          const next = await gen.next();
          if (next.done) {
            done = true;
            break;
          }
          const { id, text, p, logits } = next.value;
          tokens.push({ id, text, p, logits: owned(logits) });
          if (performance.now() - t0 >= r.budgetMs) break;
        }
        if (done) writers.delete(r.writer);
        return plain({ tokens, done } satisfies GptWriteChunk, tokens.map((k) => k.logits.buffer));
      }
      case 'stopWriting':
        await writers.get(r.writer)?.return(undefined);
        writers.delete(r.writer);
        return plain(null);
      case 'attention': {
        const a = await need().attention(r.context);
        const layers = a.layers.map((l) => l.heads.map((h) => owned(h.weights)));
        const maps: GptAttentionMaps = { tokens: a.tokens, layers };
        return plain(maps, layers.flat().map((w) => w.buffer));
      }
      case 'reset':
        writers.clear();
        need().reset();
        return plain(null);
      case 'dispose':
        writers.clear();
        trainer?.dispose();
        trainer = undefined;
        return plain(null);
    }
  }

  // Everything in order, dispose too: it waits for the step or write in progress.
  return { handle: hostHandler(run, []) };
}
