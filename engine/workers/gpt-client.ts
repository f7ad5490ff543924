/**
 * A GPT session for a page: the trainer runs in a dedicated module Web Worker (`gpt-worker.ts`),
 * and this tiny client turns its messages into promises. Where a worker cannot be made (a page
 * opened from file://, a browser without module workers, a strict content security policy), the
 * same methods run the same code (`gpt-host.ts`) on the page instead, and `where` says so.
 * This module itself loads no TensorFlow.js: only the fallback does, and only when it is used.
 *
 * ```ts
 * const s = await createGptSession({ trainer: { pretrained: true }, backend: { prefer: 'wasm' } });
 * s.where;                                   // 'worker'
 * await s.train(50);                         // { step: 3, steps: 3, trainLoss: 1.9, ms: 61 }
 * const w = await s.startWriting({ prompt: 'The Fox ', temperature: 0.8, maxTokens: 200, seed: 1 });
 * (await s.write(w, 8, 4)).tokens;           // up to 4 tokens, or what 8 ms allowed (at least one)
 * samplingDistribution(logits, { topK: 5 }); // re-shape on the page, synchronously
 * s.dispose();                               // terminates the worker
 * ```
 */
import type { BackendOptions } from '../backend.ts';
import type { GptSampleOptions, GptTrainerOptions } from '../trainers/gpt.ts';
import type { GptAttentionMaps, GptRequest, GptSessionInfo, GptTrainRound, GptWriteChunk } from './gpt-host.ts';
import { connect } from './link.ts';

export type { GptAttentionMaps, GptSessionInfo, GptTrainRound, GptWriteChunk, GptWrittenToken } from './gpt-host.ts';
// Plain JavaScript, so the page shapes bars from logits without a round trip and without TensorFlow.js.
export { SAMPLING_DEFAULTS, samplingDistribution, topEntries, validateSampling } from '../text/sampling.ts';

/** How to make a session. */
export interface GptSessionOptions {
  /** The trainer's options (corpus, tokenizer, size, seed, pretrained…). */
  trainer: GptTrainerOptions;
  /** Backend preference, passed to `initBackend` where the trainer runs. */
  backend?: BackendOptions;
  /** Try a Web Worker first (default true); false runs on the page. */
  worker?: boolean;
}

/** A GPT trainer behind asynchronous, plain-data methods, in a worker or on the page. */
export interface GptSession {
  /** Where the trainer runs. */
  readonly where: 'worker' | 'page';
  /** Why a worker was asked for but not used (undefined otherwise). */
  readonly fallbackReason?: string;
  /** The model, tokenizer, baselines and backend. */
  readonly info: GptSessionInfo;
  /** Whether `dispose()` was called (calls after it reject). */
  readonly disposed: boolean;
  /** Training steps until `budgetMs` have passed (at least one). */
  train(budgetMs: number): Promise<GptTrainRound>;
  /** Held-out loss, nats per token. */
  evaluate(): Promise<number>;
  /** Raw next-token logits after `context`. */
  logits(context: string): Promise<Float32Array>;
  /** Start writing; returns a writer id for {@link GptSession.write}. */
  startWriting(options: GptSampleOptions): Promise<number>;
  /** The writer's next tokens: at most `max`, and no more once `budgetMs` have passed (at least one). */
  write(writer: number, budgetMs: number, max: number): Promise<GptWriteChunk>;
  /** Forget a writer (Stop). */
  stopWriting(writer: number): Promise<void>;
  /** Softmax attention of every layer and head for `context` (its last contextLength tokens). */
  attention(context: string): Promise<GptAttentionMaps>;
  /** Back to seeded random weights, step 0. */
  reset(): Promise<void>;
  /** Free everything: terminate the worker, or dispose the page's tensors. */
  dispose(): void;
}

type Call = (request: GptRequest) => Promise<unknown>;

function session(where: 'worker' | 'page', info: GptSessionInfo, call: Call, close: () => void, fallbackReason?: string): GptSession {
  let disposed = false;
  const ask = <T>(request: GptRequest): Promise<T> => (disposed ? Promise.reject(new Error('The GPT session was disposed.')) : (call(request) as Promise<T>));
  return {
    where,
    fallbackReason,
    info,
    get disposed() {
      return disposed;
    },
    train: (budgetMs) => ask({ op: 'train', budgetMs }),
    evaluate: () => ask({ op: 'evaluate' }),
    logits: (context) => ask({ op: 'logits', context }),
    startWriting: (options) => ask({ op: 'startWriting', options }),
    write: (writer, budgetMs, max) => ask({ op: 'write', writer, budgetMs, max }),
    stopWriting: (writer) => ask({ op: 'stopWriting', writer }),
    attention: (context) => ask({ op: 'attention', context }),
    reset: () => ask({ op: 'reset' }),
    dispose() {
      if (disposed) return;
      disposed = true;
      close();
    },
  };
}

/**
 * Build a GPT trainer in a Web Worker (or, where none can start, on the page) and return its
 * session. Rejects with the trainer's own message for bad options.
 */
export async function createGptSession(options: GptSessionOptions): Promise<GptSession> {
  const c = await connect<GptRequest>({
    init: { op: 'init', options: options.trainer, backend: options.backend ?? {} },
    dispose: { op: 'dispose' },
    worker: options.worker !== false,
    make: () => new Worker(new URL('./engine-worker.ts', import.meta.url), { type: 'module', name: 'dl-gpt' }),
    label: 'GPT',
    pageHost: async () => {
      const host = (await import('./gpt-host.ts')).createGptHost();
      return (r) => host.handle(r);
    },
  });
  return session(c.where, c.info as GptSessionInfo, (r) => c.call(r), () => c.close(), c.fallbackReason);
}
