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
import type { GptAnswer, GptAttentionMaps, GptRequest, GptSessionInfo, GptTrainRound, GptWriteChunk } from './gpt-host.ts';

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

/** Messages to and from one worker, as promises. */
class WorkerLink {
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private broken: string | null = null;
  /** Resolves once the worker's module has loaded; rejects if it could not. */
  readonly loaded: Promise<void>;

  constructor(private readonly worker: Worker) {
    let loaded!: () => void;
    let failed!: (e: Error) => void;
    this.loaded = new Promise<void>((resolve, reject) => {
      loaded = resolve;
      failed = reject;
    });
    worker.onmessage = (event: MessageEvent<{ id: number; ok: boolean; value?: unknown; error?: string }>) => {
      const { id, ok, value, error } = event.data;
      if (id === 0) return loaded();
      const p = this.pending.get(id);
      if (!p) return;
      this.pending.delete(id);
      if (ok) p.resolve(value);
      else p.reject(new Error(error));
    };
    const fail = (message: string) => {
      this.broken = message;
      failed(new Error(message));
      for (const p of this.pending.values()) p.reject(new Error(message));
      this.pending.clear();
    };
    worker.onerror = (event) => {
      event.preventDefault?.();
      fail(event.message ? `The GPT worker failed: ${event.message}` : 'The GPT worker could not start.');
    };
    worker.onmessageerror = () => fail('The GPT worker sent a message that could not be read.');
  }

  call(request: GptRequest): Promise<unknown> {
    if (this.broken) return Promise.reject(new Error(this.broken));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, request });
    });
  }

  terminate(): void {
    this.worker.terminate();
    this.broken = 'The GPT session was disposed.';
    for (const p of this.pending.values()) p.reject(new Error(this.broken));
    this.pending.clear();
  }
}

/** Start the worker and wait until its module loaded; null (with the reason) where that fails. */
async function startWorker(): Promise<{ link: WorkerLink } | { reason: string }> {
  if (typeof Worker === 'undefined') return { reason: 'no Web Workers here' };
  let worker: Worker;
  try {
    worker = new Worker(new URL('./gpt-worker.ts', import.meta.url), { type: 'module', name: 'dl-gpt' });
  } catch (err) {
    return { reason: err instanceof Error ? err.message : String(err) };
  }
  const link = new WorkerLink(worker);
  try {
    await link.loaded;
    return { link };
  } catch (err) {
    link.terminate();
    return { reason: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * Build a GPT trainer in a Web Worker (or, where none can start, on the page) and return its
 * session. Rejects with the trainer's own message for bad options.
 */
export async function createGptSession(options: GptSessionOptions): Promise<GptSession> {
  const init: GptRequest = { op: 'init', options: options.trainer, backend: options.backend ?? {} };
  let fallbackReason: string | undefined;
  if (options.worker !== false) {
    const started = await startWorker();
    if ('link' in started) {
      const { link } = started;
      try {
        const info = (await link.call(init)) as GptSessionInfo;
        return session('worker', info, (r) => link.call(r), () => link.terminate());
      } catch (err) {
        // A worker that loaded but could not build (no backend there, say): try the page. Bad
        // options fail there too, with the same message.
        link.terminate();
        fallbackReason = `the worker could not build the model: ${err instanceof Error ? err.message : String(err)}`;
      }
    } else fallbackReason = started.reason;
  }
  const { createGptHost } = await import('./gpt-host.ts');
  const host = createGptHost();
  const call = (r: GptRequest) => host.handle(r).then((a: GptAnswer) => a.value);
  try {
    const info = (await call(init)) as GptSessionInfo;
    return session('page', info, call, () => void call({ op: 'dispose' }), fallbackReason);
  } catch (err) {
    void call({ op: 'dispose' });
    throw err;
  }
}
