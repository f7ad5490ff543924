/**
 * The engine's public surface: the plain-JavaScript part (`js.ts`) and the TensorFlow.js part
 * (backend choice, tf.js models and trainers). Widgets import it only lazily, through
 * `widgets/_shared/engine-task.ts`, so a deck's first paint never waits for TensorFlow.js.
 * Nothing under engine/ touches the DOM.
 */
export * from './js.ts';
export * from './backend.ts';
export * from './trainers/supervised.ts';
export * from './trainers/boundary.ts';
export { memoryInfo } from './memory.ts';
export * from './search/hparam.ts';
export * from './models/tiny-transformer.ts';
export * from './inspect/attention.ts';
export * from './trainers/sequence.ts';
export * from './models/seq2seq-transformer.ts';
export * from './trainers/seq2seq.ts';
export { createTinyCnn, TINY_CNN_DEFAULTS } from './models/tiny-cnn.ts';
export * from './trainers/cnn.ts';
export * from './diffusion/sampler.ts';
export { Denoiser, createDenoiser, timeEmbedding, type DenoiserSpec } from './models/denoiser.ts';
export * from './trainers/diffusion.ts';
export * from './trainers/residual.ts';
export * from './models/gpt.ts';
export * from './trainers/gpt.ts';
