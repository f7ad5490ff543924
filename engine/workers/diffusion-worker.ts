/**
 * Web Worker entry of a toy-diffusion session: TensorFlow.js, the backend, the WebAssembly SIMD
 * trainer and the samplers live here, off the page's main thread, so neither an update at large
 * settings nor sampling all reverse steps at once (hundreds of ms on wasm) freezes a slide.
 * Started by `diffusion-client.ts` (`new Worker(new URL('./diffusion-worker.ts', import.meta.url), { type: 'module' })`);
 * the messages are `link.ts`'s.
 */
import { createDiffusionHost } from './diffusion-host.ts';
import { serveWorker } from './link.ts';

serveWorker(createDiffusionHost());
