/**
 * The engine's plain-JavaScript part: everything that runs without TensorFlow.js (datasets, the
 * fused kernels, optimizers as update rules, environments, dynamic programming, TD, PPO, BPE,
 * the inspectors). Widgets whose maths lives here load this module instead of `index.ts`, so their
 * slides start without downloading or initialising TensorFlow.js; `js.test.ts` checks that nothing
 * here imports it. Nothing under engine/ touches the DOM.
 */
export * from './random.ts';
export * from './datasets/two-d.ts';
export * from './datasets/features.ts';
export * from './models/mlp.ts';
export * from './optim/optimizers.ts';
export { DenseMlpKernel, bceFromLogit, penalty, tanhApprox } from './kernels/dense-mlp.ts';
export * from './trainers/line-fit.ts';
export * from './kernels/layer-stack.ts';
export * from './models/backprop-graph.ts';
export * from './optim/surfaces.ts';
export * from './inspect/init-stats.ts';
export * from './trainers/regularized.ts';
export * from './models/deep-sets.ts';
export * from './text/bpe.ts';
export * from './datasets/sequence-tasks.ts';
export * from './datasets/seq2seq-tasks.ts';
export * from './datasets/mnist.ts';
export * from './inspect/conv.ts';
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
export { FABLES_CORPUS, FABLES_CORPUS_INFO } from './datasets/corpus.ts';
export * from './inspect/positional.ts';
export * from './inspect/normalization.ts';
export { createMountainCar, MountainCar, MOUNTAIN_CAR, mountainCarDynamics } from './envs/mountain-car.ts';
export * from './trainers/grokking.ts';
export * from './trainers/gcn.ts';
export * from './trainers/imbalance.ts';
export * from './trainers/pointnet.ts';
export * from './trainers/rnn.ts';
export * from './inspect/tensor-decomp.ts';
export * from './datasets/landscape.ts';
export * from './inspect/cnn-compress.ts';
export * from './trainers/metric.ts';
export * from './inspect/image-compress.ts';
export * from './text/sampling.ts';
export * from './text/ngram.ts';
export { createCharCodec, charCodecFromVocab } from './text/chars.ts';
export { createAlignmentLab, AlignmentLab, paceClock, type PaceClock, ALIGNMENT_ANSWERS, ALIGNMENT_DEFAULTS, ALIGNMENT_FEATURES, ALIGNMENT_METHODS, ALIGNMENT_PROMPT, answerFeatures, bradleyTerryLossAndGrad, dpoLossAndGrad, type AlignmentAnswer, type AlignmentMethod, type AlignmentOptions, type AlignmentStats, type Preference } from './rl/alignment.ts';
