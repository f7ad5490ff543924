/**
 * A batch of environments stepped together, so a policy network sees one batch of observations per
 * step instead of one observation at a time. Finished episodes restart automatically (Gymnasium's
 * "autoreset"), and the observation that ended them is kept in `finalObs` so learning code can
 * bootstrap from it when the episode was truncated by a time limit.
 *
 * ```ts
 * const vec = createVecEnv((i) => createCartPole(), 8, 1);
 * vec.obs;                       // Float32Array, 8 × 4
 * const r = vec.step(actions);   // rewards, dones, truncs, episode returns that just finished
 * ```
 */
import type { Env } from './types.ts';

/** What one batched step returns. Arrays are reused by the next step: copy what you keep. */
export interface VecStep {
  /** Reward of each env. */
  rewards: Float32Array;
  /** 1 where the env reached a terminal state. */
  dones: Uint8Array;
  /** 1 where the env hit its time limit. */
  truncs: Uint8Array;
  /** Returns (undiscounted sums) of the episodes that ended this step. */
  finishedReturns: number[];
  /** Lengths of the episodes that ended this step. */
  finishedLengths: number[];
}

/** A batch of environments with vector observations. */
export class VecEnv {
  readonly numEnvs: number;
  readonly observationSize: number;
  readonly actionCount: number;
  /** Current observations, `numEnvs × observationSize`, row-major. */
  readonly obs: Float32Array;
  /** The last observation of each env whose episode ended in the latest step (before autoreset). */
  readonly finalObs: Float32Array;
  /** Running return and length of each env's current episode. */
  readonly episodeReturn: Float64Array;
  readonly episodeLength: Int32Array;
  private readonly out: VecStep;
  private nextSeed: number;

  constructor(
    readonly envs: Env<Float32Array>[],
    seed: number,
  ) {
    this.numEnvs = envs.length;
    this.observationSize = envs[0].observationSize;
    this.actionCount = envs[0].actionCount;
    this.obs = new Float32Array(this.numEnvs * this.observationSize);
    this.finalObs = new Float32Array(this.numEnvs * this.observationSize);
    this.episodeReturn = new Float64Array(this.numEnvs);
    this.episodeLength = new Int32Array(this.numEnvs);
    this.out = { rewards: new Float32Array(this.numEnvs), dones: new Uint8Array(this.numEnvs), truncs: new Uint8Array(this.numEnvs), finishedReturns: [], finishedLengths: [] };
    this.nextSeed = seed * 7919 + 1;
    this.reset(seed);
  }

  /** Reset every env; env i gets a seed derived from `seed` and i. */
  reset(seed?: number): Float32Array {
    if (seed !== undefined) this.nextSeed = seed * 7919 + 1;
    for (let i = 0; i < this.numEnvs; i++) {
      this.obs.set(this.envs[i].reset(this.nextSeed++), i * this.observationSize);
      this.episodeReturn[i] = 0;
      this.episodeLength[i] = 0;
    }
    return this.obs;
  }

  /** Step every env with its action; envs whose episode ended restart at once. */
  step(actions: ArrayLike<number>): VecStep {
    const o = this.out;
    const d = this.observationSize;
    o.finishedReturns = [];
    o.finishedLengths = [];
    for (let i = 0; i < this.numEnvs; i++) {
      const r = this.envs[i].step(actions[i]);
      o.rewards[i] = r.reward;
      o.dones[i] = r.done ? 1 : 0;
      o.truncs[i] = r.truncated ? 1 : 0;
      this.episodeReturn[i] += r.reward;
      this.episodeLength[i]++;
      if (r.done || r.truncated) {
        this.finalObs.set(r.observation, i * d);
        o.finishedReturns.push(this.episodeReturn[i]);
        o.finishedLengths.push(this.episodeLength[i]);
        this.episodeReturn[i] = 0;
        this.episodeLength[i] = 0;
        this.obs.set(this.envs[i].reset(this.nextSeed++), i * d);
      } else {
        this.obs.set(r.observation, i * d);
      }
    }
    return o;
  }
}

/** `n` environments from a factory, seeded from `seed`. */
export function createVecEnv(make: (i: number) => Env<Float32Array>, n: number, seed: number): VecEnv {
  if (!(Number.isInteger(n) && n >= 1)) throw new Error(`The number of environments must be a whole number ≥ 1, got ${n}.`);
  return new VecEnv(Array.from({ length: n }, (_, i) => make(i)), seed);
}
