/**
 * The one interface every environment implements, in the shape of Gymnasium's:
 * `reset(seed)` starts an episode and returns the first observation; `step(action)` advances it.
 *
 * ```ts
 * const env = createCartPole();
 * let obs = env.reset(1);
 * for (;;) {
 *   const { observation, reward, done, truncated } = env.step(policy(obs));
 *   obs = observation;
 *   if (done || truncated) break;
 * }
 * ```
 * `done` means the episode reached a terminal state (the pole fell, the goal was reached): no
 * future reward follows, so a value target stops there. `truncated` means a time limit cut the
 * episode short: the state still has a value, and learning code must bootstrap from it.
 */

/** What one step returns. */
export interface StepResult<Obs> {
  /** The observation after the step. */
  observation: Obs;
  /** Reward for this transition. */
  reward: number;
  /** A terminal state was reached (no reward follows). */
  done: boolean;
  /** A time limit ended the episode in a non-terminal state. */
  truncated: boolean;
}

/** A seeded, DOM-free environment with a discrete action set. */
export interface Env<Obs> {
  /** Number of discrete actions (actions are 0 … actionCount − 1). */
  readonly actionCount: number;
  /** Length of an observation vector (1 for a tabular state index). */
  readonly observationSize: number;
  /** Start a new episode. With a seed, the environment's random stream restarts from it. */
  reset(seed?: number): Obs;
  /** Take one action. Calling step after done/truncated without reset throws. */
  step(action: number): StepResult<Obs>;
}
