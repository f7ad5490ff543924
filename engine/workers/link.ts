/**
 * The plumbing every engine Web Worker shares, so a new one is a host (typed requests in, plain
 * data out), a line in `engine-worker.ts` (the one worker entry; its name picks the host) and a small client:
 *
 * - {@link hostHandler}: a host's handler: requests run one after another, so a reset never lands
 *   under a step in progress, and only `dispose` skips the queue (it frees the model at once; the
 *   requests still waiting then fail with the host's "not built" message). Every host uses it.
 * - {@link serveWorker}: the worker side. Answers `{ id, request }` with `{ id, ok: true, value }`
 *   (transferring the answer's buffers) or `{ id, ok: false, error }`, and first posts id 0
 *   ("loaded": the module and its imports resolved).
 * - {@link startWorker} and {@link WorkerLink}: the page side. Promises over `postMessage`; a
 *   worker that cannot load (file://, no module workers, a strict content security policy)
 *   comes back as a reason, and the client then runs the same host on the page.
 *
 * ```ts
 * // engine-worker.ts, in HOSTS
 * 'dl-x': async () => (await import('./x-host.ts')).createXHost(),
 * // x-client.ts
 * const started = await startWorker<XRequest>(() => new Worker(new URL('./engine-worker.ts', import.meta.url), { type: 'module', name: 'dl-x' }), 'X');
 * if ('link' in started) await started.link.call({ op: 'init', … });
 * ```
 * The `new Worker(new URL(…, import.meta.url))` expression stays in each client: Vite finds
 * worker entries by that literal shape. Nothing here touches TensorFlow.js or the DOM.
 *
 * A GPU that dies under a worker's tf.js (a lost WebGL context, a lost WebGPU device) is told to
 * the page at once (message id -1): the step in flight would wait for a read that never finishes,
 * so every call in flight and after rejects with an error that carries `lostBackend` (the kit's
 * `EngineTask` then rebuilds from the seed), and each worker started later on this page is told
 * the losses first (id -2), so it starts on the next backend.
 */
import type { BackendLoss } from '../backend.ts';

/** An answer and the buffers that may be transferred with it. */
export interface WorkerAnswer {
  value: unknown;
  transfer: Transferable[];
}

/** `value` with nothing to transfer. */
export function plain(value: unknown, transfer: Transferable[] = []): WorkerAnswer {
  return { value, transfer };
}

/**
 * The array itself if it owns its whole buffer, else a copy: only such buffers may be transferred
 * (transferring a view's buffer would detach whatever else lives in it, a wasm heap for one).
 */
export function owned<A extends Float32Array | Int32Array>(a: A): A {
  return (a.byteOffset === 0 && a.byteLength === a.buffer.byteLength ? a : a.slice()) as A;
}

/** A handler that runs `run` for one request at a time, in the order they came. */
export function queued<R>(run: (request: R) => Promise<WorkerAnswer>): (request: R) => Promise<WorkerAnswer> {
  let queue: Promise<unknown> = Promise.resolve();
  return (request) => {
    const answer = queue.then(() => run(request));
    queue = answer.catch(() => undefined);
    return answer;
  };
}

/**
 * A host's request handler from its `run`: requests run one at a time, in the order they came
 * ({@link queued}), except the ops in `skipQueue` (default `dispose`), which run at once, so a
 * removed widget frees its model without waiting for the requests queued before.
 *
 * ```ts
 * return hostHandler(run);              // dispose skips the queue
 * return hostHandler(run, []);          // everything in order (a dispose waits for the step in progress)
 * ```
 */
export function hostHandler<R extends { op: string }>(run: (request: R) => Promise<WorkerAnswer>, skipQueue: readonly R['op'][] = ['dispose']): (request: R) => Promise<WorkerAnswer> {
  const inOrder = queued(run);
  return (request) => (skipQueue.includes(request.op) ? run(request) : inOrder(request));
}

/** The part of a dedicated worker's global scope used here (the project's TS lib is DOM, not WebWorker). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<{ id: number; request: unknown }>) => void) | null;
  postMessage(message: unknown, transfer: Transferable[]): void;
}

/** How a worker hears about its GPU (`engine-worker.ts` wires it to `backend.ts`). */
export interface WorkerGpu {
  /** Call `report` when the worker's GPU backend is lost. */
  watch(report: (loss: BackendLoss) => void): void;
  /** Backends lost earlier on this page: do not start on them. */
  avoid(losses: BackendLoss[]): void;
}

/** Message ids besides requests: the module loaded, the worker's GPU was lost, earlier losses. */
const LOADED = 0;
const GPU_LOST = -1;
const LOST_BEFORE = -2;

/** GPU backends lost in this page's workers so far, told to every worker started after. */
const workerLosses: BackendLoss[] = [];

/** An error for calls to a worker whose GPU was lost; `lostBackend` says which. */
export class WorkerGpuLostError extends Error {
  constructor(
    message: string,
    readonly lostBackend: BackendLoss,
  ) {
    super(message);
  }
}

/** Worker side: answer every `{ id, request }` with `handle`, then say the module loaded. */
export function serveWorker<R>(handle: (request: R) => Promise<WorkerAnswer>, gpu?: WorkerGpu): void {
  const scope = globalThis as unknown as WorkerScope;
  gpu?.watch((loss) => scope.postMessage({ id: GPU_LOST, ok: false, lost: loss }, []));
  scope.onmessage = (event) => {
    const { id, request, lost } = event.data as { id: number; request: unknown; lost?: BackendLoss[] };
    if (id === LOST_BEFORE) return gpu?.avoid(lost ?? []);
    handle(request as R).then(
      ({ value, transfer }) => scope.postMessage({ id, ok: true, value }, transfer),
      (err: unknown) => scope.postMessage({ id, ok: false, error: err instanceof Error ? err.message : String(err) }, []),
    );
  };
  // Tell the page the module loaded (imports resolved): from here on, failures are answers, not load errors.
  scope.postMessage({ id: LOADED, ok: true, value: 'loaded' }, []);
}

/** Messages to and from one worker, as promises. `label` names it in messages ("The GPT worker failed: …"). */
export class WorkerLink<R> {
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private broken: (() => Error) | null = null;
  /** Resolves once the worker's module has loaded; rejects if it could not. */
  readonly loaded: Promise<void>;

  constructor(
    private readonly worker: Worker,
    private readonly label: string,
  ) {
    let loaded!: () => void;
    let failed!: (e: Error) => void;
    this.loaded = new Promise<void>((resolve, reject) => {
      loaded = resolve;
      failed = reject;
    });
    worker.onmessage = (event: MessageEvent<{ id: number; ok: boolean; value?: unknown; error?: string; lost?: BackendLoss }>) => {
      const { id, ok, value, error, lost } = event.data;
      if (id === LOADED) return loaded();
      if (id === GPU_LOST && lost) return this.gpuLost(lost);
      const p = this.pending.get(id);
      if (!p) return;
      this.pending.delete(id);
      if (ok) p.resolve(value);
      else p.reject(new Error(error));
    };
    const fail = (message: string) => {
      failed(new Error(message));
      this.fail(() => new Error(message));
    };
    worker.onerror = (event) => {
      event.preventDefault?.();
      fail(event.message ? `The ${label} worker failed: ${event.message}` : `The ${label} worker could not start.`);
    };
    worker.onmessageerror = () => fail(`The ${label} worker sent a message that could not be read.`);
  }

  /** Every call in flight and after rejects with `error()`. */
  private fail(error: () => Error): void {
    this.broken = error;
    for (const p of this.pending.values()) p.reject(error());
    this.pending.clear();
  }

  /** The worker's GPU died: remember it for the workers started after, and fail every call. */
  private gpuLost(loss: BackendLoss): void {
    if (!workerLosses.some((l) => l.name === loss.name)) workerLosses.push(loss);
    const message = `${loss.reason.charAt(0).toUpperCase()}${loss.reason.slice(1)} in the ${this.label} worker.`;
    this.fail(() => new WorkerGpuLostError(message, loss));
  }

  call(request: R): Promise<unknown> {
    if (this.broken) return Promise.reject(this.broken());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, request });
    });
  }

  /** Stop the worker at once; calls in flight and after reject. */
  terminate(): void {
    this.worker.terminate();
    const message = `The ${this.label} session was disposed.`;
    this.fail(() => new Error(message));
  }

  /** Tell a worker just started which GPU backends died in this page's workers before it. */
  tellEarlierLosses(): void {
    if (workerLosses.length > 0) this.worker.postMessage({ id: LOST_BEFORE, lost: workerLosses });
  }
}

/** Start a worker and wait until its module loaded; the reason instead where that fails. */
export async function startWorker<R>(make: () => Worker, label: string): Promise<{ link: WorkerLink<R> } | { reason: string }> {
  if (typeof Worker === 'undefined') return { reason: 'no Web Workers here' };
  let worker: Worker;
  try {
    worker = make();
  } catch (err) {
    return { reason: err instanceof Error ? err.message : String(err) };
  }
  const link = new WorkerLink<R>(worker, label);
  try {
    await link.loaded;
    link.tellEarlierLosses();
    return { link };
  } catch (err) {
    link.terminate();
    return { reason: err instanceof Error ? err.message : String(err) };
  }
}

/** A host's requests, wherever it runs. */
export interface Connection<R> {
  /** Where the host runs. */
  readonly where: 'worker' | 'page';
  /** Why a worker was asked for but not used (undefined otherwise). */
  readonly fallbackReason?: string;
  /** The answer to the `init` request. */
  readonly info: unknown;
  /** Send a request; resolves with the answer's value. */
  call(request: R): Promise<unknown>;
  /** Terminate the worker, or send the page's host `dispose`. */
  close(): void;
}

/** How to reach a host: in a worker first, else on the page. */
export interface ConnectOptions<R> {
  /** The first request (builds the model); its answer is `info`. */
  init: R;
  /** The request that frees the page's host. */
  dispose: R;
  /** Try a Web Worker first (false: the page at once). */
  worker: boolean;
  /** `() => new Worker(new URL('./engine-worker.ts', import.meta.url), { type: 'module', name: 'dl-x' })`. */
  make: () => Worker;
  /** Names the worker in messages. */
  label: string;
  /** The same host for the page (a dynamic import, so TensorFlow.js loads only when it is used). */
  pageHost: () => Promise<(request: R) => Promise<WorkerAnswer>>;
}

/**
 * Build the host's model in a worker (or, where none can start or build, on the page) and return
 * the connection. Rejects with the host's own message where the page cannot build it either.
 */
export async function connect<R>(o: ConnectOptions<R>): Promise<Connection<R>> {
  let fallbackReason: string | undefined;
  if (o.worker) {
    const started = await startWorker<R>(o.make, o.label);
    if ('link' in started) {
      const { link } = started;
      try {
        const info = await link.call(o.init);
        return { where: 'worker', info, call: (r) => link.call(r), close: () => link.terminate() };
      } catch (err) {
        // A worker that loaded but could not build (no backend there, say): try the page. Bad
        // options fail there too, with the same message.
        link.terminate();
        fallbackReason = `the worker could not build the model: ${err instanceof Error ? err.message : String(err)}`;
      }
    } else fallbackReason = started.reason;
  }
  const handle = await o.pageHost();
  const call = (r: R) => handle(r).then((a) => a.value);
  const close = () => void call(o.dispose).catch(() => undefined);
  try {
    const info = await call(o.init);
    return { where: 'page', info, call, close, fallbackReason };
  } catch (err) {
    close();
    throw err;
  }
}
