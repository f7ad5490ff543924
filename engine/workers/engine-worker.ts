/**
 * The one Web Worker entry of every heavy widget (GPT, encoder–decoder, attention heat map, CNN,
 * diffusion, residual race, the decision boundary's tfjs kernel). The worker's name (`new
 * Worker(url, { type: 'module', name: 'dl-gpt' })`, set by each `*-client.ts`) picks the host,
 * which is imported before the worker says it loaded, so a host that cannot load is a load error
 * (the client falls back to the page) and not a failed answer. One entry means one worker bundle:
 * TensorFlow.js is built and cached once for all of them instead of once per widget (five copies
 * of about 2.4 MB before). The messages are `link.ts`'s; the engine has no DOM, so nothing else
 * changes in a worker.
 */
import { avoidLostBackends, onBackendLost } from '../backend.ts';
import { serveWorker, type WorkerAnswer } from './link.ts';

type Handler = (request: never) => Promise<WorkerAnswer>;

/** Each worker name's host, loaded on demand (its own chunk, sharing the engine's). */
const HOSTS: Record<string, () => Promise<Handler>> = {
  'dl-gpt': async () => {
    const host = (await import('./gpt-host.ts')).createGptHost();
    return (request) => host.handle(request);
  },
  'dl-seq2seq': async () => (await import('./seq2seq-host.ts')).createSeq2SeqHost(),
  'dl-attention': async () => (await import('./attention-host.ts')).createAttentionHost(),
  'dl-cnn': async () => (await import('./cnn-host.ts')).createCnnHost(),
  'dl-diffusion': async () => (await import('./diffusion-host.ts')).createDiffusionHost(),
  'dl-residual': async () => (await import('./residual-host.ts')).createResidualHost(),
  'dl-boundary': async () => (await import('./boundary-host.ts')).createBoundaryHost(),
};

const name = (globalThis as { name?: string }).name ?? '';
const load = HOSTS[name];
if (!load) throw new Error(`No engine host is named "${name}"; the worker's name must be one of ${Object.keys(HOSTS).join(', ')}.`);
// The worker's own GPU watch (a lost WebGL context or WebGPU device) goes to the page, which
// rebuilds; the page's earlier losses come in first, so this worker starts on the next backend.
serveWorker(await load(), { watch: onBackendLost, avoid: avoidLostBackends });
