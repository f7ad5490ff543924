/** Engine types used by `<dl-gridworld>` (types only: nothing here loads the engine). */
export type { Backup, GridWorld, Policy, TabularAgent, TdStep } from '../../engine/index.ts';
export type { JsEngineModule } from '../_shared/engine-task.ts';
