/**
 * Web Worker entry of an attention-heat-map session: TensorFlow.js, the backend and the tiny
 * transformer live here, off the page's main thread, so building the model (the first kernels of
 * a backend) and training steps never freeze a slide.
 * Started by `attention-client.ts` (`new Worker(new URL('./attention-worker.ts', import.meta.url), { type: 'module' })`);
 * the messages are `link.ts`'s. The backend chain is the page's (webgpu → webgl via
 * OffscreenCanvas → wasm → cpu); the engine has no DOM, so nothing else changes in a worker.
 */
import { createAttentionHost } from './attention-host.ts';
import { serveWorker } from './link.ts';

serveWorker(createAttentionHost());
