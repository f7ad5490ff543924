/**
 * Web Worker entry of a GPT session: TensorFlow.js, the backend and the trainer live here, off the
 * page's main thread, so a training step of hundreds of milliseconds never freezes a slide.
 * Started by `gpt-client.ts` (`new Worker(new URL('./gpt-worker.ts', import.meta.url), { type: 'module' })`);
 * answers `{ id, request }` with `{ id, ok: true, value }` or `{ id, ok: false, error }`.
 * The backend chain is the page's (webgpu → webgl via OffscreenCanvas → wasm → cpu); the engine
 * has no DOM, so nothing else changes in a worker.
 */
import { createGptHost, type GptRequest } from './gpt-host.ts';

/** The part of a dedicated worker's global scope this file uses (the project's TS lib is DOM, not WebWorker). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<{ id: number; request: GptRequest }>) => void) | null;
  postMessage(message: unknown, transfer: Transferable[]): void;
}

const scope = globalThis as unknown as WorkerScope;
const host = createGptHost();

scope.onmessage = (event) => {
  const { id, request } = event.data;
  host.handle(request).then(
    ({ value, transfer }) => scope.postMessage({ id, ok: true, value }, transfer),
    (err: unknown) => scope.postMessage({ id, ok: false, error: err instanceof Error ? err.message : String(err) }, []),
  );
};
// Tell the page the module loaded (imports resolved): from here on, failures are answers, not load errors.
scope.postMessage({ id: 0, ok: true, value: 'loaded' }, []);
