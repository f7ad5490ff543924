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
export { DenseMlpKernel, bceFromLogit, penalty, tanhApprox } from './kernels/dense-mlp.ts';
export * from './trainers/supervised.ts';
export * from './trainers/boundary.ts';
export { memoryInfo } from './memory.ts';
export * from './trainers/line-fit.ts';
export * from './search/hparam.ts';
export * from './kernels/layer-stack.ts';
export * from './models/backprop-graph.ts';
export * from './optim/surfaces.ts';
export * from './inspect/init-stats.ts';
export * from './trainers/regularized.ts';
export * from './models/deep-sets.ts';
export * from './text/bpe.ts';
export * from './datasets/sequence-tasks.ts';
export * from './models/tiny-transformer.ts';
export * from './inspect/attention.ts';
export * from './trainers/sequence.ts';
export * from './datasets/mnist.ts';
export * from './inspect/conv.ts';
export { createTinyCnn, TINY_CNN_DEFAULTS } from './models/tiny-cnn.ts';
export * from './trainers/cnn.ts';
export { REVERSE_WEIGHTS } from './models/weights/attention-reverse.ts';
export type { Env, StepResult } from './envs/types.ts';
export { createGridWorld, GridWorld, GRID_PRESETS, GRID_ACTIONS, GRID_DEFAULTS, type GridPreset, type CellKind, type Transition as GridTransition } from './envs/gridworld.ts';
export { createCartPole, CartPole, CARTPOLE, cartPoleDynamics, cartPoleFailed } from './envs/cartpole.ts';
export { createVecEnv, VecEnv, type VecStep } from './envs/vector.ts';
export * from './rl/dp.ts';
export { createTabularAgent, TD_METHODS, TD_DEFAULTS, type TdMethod, type TdStep, type TabularAgent, type TabularOptions } from './rl/td.ts';
export { createPpoTrainer, gae, ppoClipLoss, ppoLossAndGrads, PPO_DEFAULTS, type PpoTrainer, type PpoOptions, type RolloutStats, type UpdateStats, type PpoLossParts } from './rl/ppo.ts';
export * from './datasets/points2d.ts';
export * from './diffusion/schedule.ts';
export * from './diffusion/quality.ts';
export * from './diffusion/sampler.ts';
export { Denoiser, createDenoiser, timeEmbedding, type DenoiserSpec } from './models/denoiser.ts';
export * from './trainers/diffusion.ts';
export { FABLES_CORPUS, FABLES_CORPUS_INFO } from './datasets/corpus.ts';
export * from './inspect/positional.ts';
export * from './inspect/normalization.ts';
export * from './trainers/residual.ts';
export { createMountainCar, MountainCar, MOUNTAIN_CAR, mountainCarDynamics } from './envs/mountain-car.ts';
