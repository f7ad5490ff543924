/**
 * Web Worker entry of a seq2seq session: TensorFlow.js, the backend and the trainer live here, off
 * the page's main thread, so a training step (80–600 ms on wasm) never freezes a slide.
 * Started by `seq2seq-client.ts` (`new Worker(new URL('./seq2seq-worker.ts', import.meta.url), { type: 'module' })`);
 * the messages are `link.ts`'s. The backend chain is the page's (webgpu → webgl via
 * OffscreenCanvas → wasm → cpu); the engine has no DOM, so nothing else changes in a worker.
 */
import { serveWorker } from './link.ts';
import { createSeq2SeqHost } from './seq2seq-host.ts';

serveWorker(createSeq2SeqHost());
