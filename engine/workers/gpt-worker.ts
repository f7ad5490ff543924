/**
 * Web Worker entry of a GPT session: TensorFlow.js, the backend and the trainer live here, off the
 * page's main thread, so a training step of hundreds of milliseconds never freezes a slide.
 * Started by `gpt-client.ts` (`new Worker(new URL('./gpt-worker.ts', import.meta.url), { type: 'module' })`);
 * answers `{ id, request }` with `{ id, ok: true, value }` or `{ id, ok: false, error }` (`link.ts`).
 * The backend chain is the page's (webgpu → webgl via OffscreenCanvas → wasm → cpu); the engine
 * has no DOM, so nothing else changes in a worker.
 */
import { createGptHost, type GptRequest } from './gpt-host.ts';
import { serveWorker } from './link.ts';

const host = createGptHost();
serveWorker((request: GptRequest) => host.handle(request));
