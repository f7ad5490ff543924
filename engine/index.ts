/**
 * The engine's public surface. Widgets import only this file, and only lazily:
 * `const eng = await import('../../engine/index.ts')`, so a deck's first paint never waits for
 * TensorFlow.js. Nothing under engine/ touches the DOM.
 */
export * from './backend.ts';
export * from './random.ts';
export * from './datasets/two-d.ts';
export * from './datasets/features.ts';
export * from './models/mlp.ts';
export * from './optim/optimizers.ts';
export { DenseMlpKernel, bceFromLogit, penalty } from './kernels/dense-mlp.ts';
export * from './trainers/supervised.ts';
export * from './trainers/boundary.ts';
export { memoryInfo } from './memory.ts';
export * from './trainers/line-fit.ts';
export * from './search/hparam.ts';
