/**
 * Web Worker entry of a CNN session: the digits, the trainer (and, for the `tfjs` kernel,
 * TensorFlow.js and its backend) live here, off the page's main thread, so decoding the digits,
 * minibatch updates and the 1,300-digit accuracy check never freeze a slide.
 * Started by `cnn-client.ts` (`new Worker(new URL('./cnn-worker.ts', import.meta.url), { type: 'module' })`);
 * the messages are `link.ts`'s. The engine has no DOM, so nothing else changes in a worker.
 */
import { createCnnHost } from './cnn-host.ts';
import { serveWorker } from './link.ts';

serveWorker(createCnnHost());
