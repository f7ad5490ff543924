/** Engine types used by `<dl-ppo-rollouts>` (types only: nothing here loads the engine). */
export type { CartPole, PpoTrainer, RolloutStats, UpdateStats } from '../../engine/index.ts';
export type { JsEngineModule } from '../_shared/engine-task.ts';
