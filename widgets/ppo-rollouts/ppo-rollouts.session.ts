/**
 * What `<dl-ppo-rollouts>` trains and animates, with no DOM: the PPO learner, the rollout the cart
 * replays, and a separate CartPole where the current policy is watched at real speed. The widget
 * builds one through its engine task and draws what it holds.
 */
import type { CartPole, PpoOptions, PpoTrainer, RolloutStats, UpdateStats } from '../../engine/js.ts';
import type { JsEngineModule } from '../_shared/engine-task.ts';

/** Environments stepped in parallel per rollout. */
export const NUM_ENVS = 8;
/** CartPole runs at 50 steps per second (τ = 0.02 s). */
const REAL_STEP_MS = 20;
/** Rollout replay while training: twice real speed. */
const REPLAY_STEP_MS = 10;
/** A fallen pole stays down this long before the next watched episode. */
const FALLEN_MS = 500;

/** What happened in one stretch of training. */
export interface TrainingEvents {
  rollout: (r: RolloutStats) => void;
  update: (u: UpdateStats) => void;
}

export class PpoSession {
  readonly trainer: PpoTrainer;
  lastRollout?: RolloutStats;
  lastUpdate?: UpdateStats;
  /** Returns of every training episode that finished, in order. */
  readonly returns: number[] = [];
  /** The rollout the cart shows (env 0's trace) and the step it is at. */
  replay?: { rollout: RolloutStats; start: number; step: number };
  /** The watched episode: observation, steps survived, whether the pole fell. */
  watchObs: Float32Array = new Float32Array(4);
  watchSteps = 0;
  watchFailed = false;
  /** Returns of the watched episodes. */
  readonly watchReturns: number[] = [];
  private readonly watchEnv: CartPole;
  private lastWatchTime = 0;
  /** A rollout spread over frames, one time step of all environments per `next()`. */
  private collector?: Generator<unknown, RolloutStats>;
  /** An update spread over frames, one minibatch per `next()`. */
  private updater?: Generator<unknown, UpdateStats>;

  constructor(eng: JsEngineModule, options: PpoOptions & { seed: number }) {
    this.trainer = eng.createPpoTrainer({ ...options, numEnvs: NUM_ENVS });
    this.watchEnv = eng.createCartPole(options.seed + 1000);
    this.restartWatch(performance.now());
  }

  /** Collect one rollout with the current policy (an update under way is dropped); `show`: the cart shows its first step. */
  collect(show = true): RolloutStats {
    this.collector = undefined;
    this.updater = undefined;
    return this.took(this.trainer.collect(), show);
  }

  private took(r: RolloutStats, show: boolean): RolloutStats {
    this.lastRollout = r;
    this.returns.push(...r.episodeReturns);
    if (show) this.replay = { rollout: r, start: performance.now(), step: 0 };
    return r;
  }

  /** The PPO update on the pending rollout (collecting one first if there is none). */
  update(on: TrainingEvents): UpdateStats {
    if (!this.trainer.hasRollout) on.rollout(this.collect());
    this.collector = undefined;
    this.updater = undefined;
    const u = this.trainer.update();
    this.lastUpdate = u;
    on.update(u);
    return u;
  }

  /**
   * Train until `deadline` (at least one piece of work): collect time step by time step, then the
   * update minibatch by minibatch, again. Each piece is small, so a frame ends near its deadline.
   */
  trainUntil(deadline: number, on: TrainingEvents): void {
    do {
      if (!this.updater) {
        this.collector ??= this.trainer.collectSteps();
        const r = this.collector.next();
        if (r.done) {
          this.collector = undefined;
          on.rollout(this.took(r.value, false));
          this.updater = this.trainer.updateSteps();
        }
      } else {
        const r = this.updater.next();
        if (r.done) {
          this.updater = undefined;
          this.lastUpdate = r.value;
          on.update(r.value);
        }
      }
    } while (performance.now() < deadline);
  }

  /** Move the replay on by the clock; at its end it picks up the latest rollout. */
  advanceReplay(now: number): void {
    const r = this.replay;
    if (!this.lastRollout) return;
    if (!r || r.step >= r.rollout.trace.rewards.length - 1) this.replay = { rollout: this.lastRollout, start: now, step: 0 };
    else r.step = Math.min(r.rollout.trace.rewards.length - 1, Math.floor((now - r.start) / REPLAY_STEP_MS));
  }

  /** A new watched episode. */
  restartWatch(now: number): void {
    this.watchObs = this.watchEnv.reset();
    this.watchSteps = 0;
    this.watchFailed = false;
    this.lastWatchTime = now;
  }

  /** The watched episode at real speed, up to `now`; returns the episode's return when one ended. */
  advanceWatch(now: number): number | undefined {
    if (this.watchFailed) {
      if (now - this.lastWatchTime > FALLEN_MS) this.restartWatch(now);
      return undefined;
    }
    // Back from a hidden tab or another slide: go on at real speed, do not fast-forward.
    this.lastWatchTime = Math.max(this.lastWatchTime, now - 5 * REAL_STEP_MS);
    let due = Math.floor((now - this.lastWatchTime) / REAL_STEP_MS);
    while (due-- > 0) {
      this.lastWatchTime += REAL_STEP_MS;
      const r = this.watchEnv.step(this.trainer.act(this.watchObs));
      this.watchObs = r.observation;
      this.watchSteps++;
      if (r.done || r.truncated) {
        this.watchReturns.push(this.watchSteps);
        this.watchFailed = r.done;
        this.lastWatchTime = now;
        if (!r.done) this.restartWatch(now);
        return this.watchReturns[this.watchReturns.length - 1];
      }
    }
    return undefined;
  }

  dispose(): void {
    this.collector = undefined;
    this.updater = undefined;
    this.trainer.dispose();
  }
}
