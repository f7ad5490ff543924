/**
 * MountainCar, with the dynamics of Gymnasium's MountainCar-v0 (Moore, 1990). An underpowered car
 * sits in a valley and must reach the flag on the right hill; full throttle uphill is not enough,
 * so it has to rock back and forth to build momentum. What it teaches that CartPole does not: the
 * reward is −1 every step until the goal, so a random policy almost never sees anything but −1 —
 * sparse rewards make exploration the hard part.
 *
 * Observation: [position, velocity]. Actions: 0 push left, 1 no push, 2 push right.
 * Episode: terminates at position ≥ 0.5, truncated after 200 steps.
 */
import { createRng, type Rng } from '../random.ts';
import type { Env, StepResult } from './types.ts';

/** Constants and limits, exactly Gym's. */
export const MOUNTAIN_CAR = {
  minPosition: -1.2,
  maxPosition: 0.6,
  maxSpeed: 0.07,
  goalPosition: 0.5,
  force: 0.001,
  gravity: 0.0025,
  maxSteps: 200,
} as const;

/** One step of the car's dynamics (pure): velocity first, then position, with Gym's clipping. */
export function mountainCarDynamics(position: number, velocity: number, action: number): [number, number] {
  const { force, gravity, maxSpeed, minPosition, maxPosition } = MOUNTAIN_CAR;
  let v = velocity + (action - 1) * force + Math.cos(3 * position) * -gravity;
  v = Math.min(Math.max(v, -maxSpeed), maxSpeed);
  let p = position + v;
  p = Math.min(Math.max(p, minPosition), maxPosition);
  if (p === minPosition && v < 0) v = 0;
  return [p, v];
}

/** The MountainCar-v0 environment. */
export class MountainCar implements Env<Float32Array> {
  readonly actionCount = 3;
  readonly observationSize = 2;
  /** [position, velocity] in double precision. */
  readonly state = new Float64Array(2);
  steps = 0;
  private rng: Rng;
  private over = true;

  constructor(
    seed = 0,
    readonly maxSteps: number = MOUNTAIN_CAR.maxSteps,
  ) {
    this.rng = createRng(seed);
  }

  /** Position uniform in [−0.6, −0.4], at rest. */
  reset(seed?: number): Float32Array {
    if (seed !== undefined) this.rng = createRng(seed);
    this.state[0] = this.rng.uniform(-0.6, -0.4);
    this.state[1] = 0;
    this.steps = 0;
    this.over = false;
    return Float32Array.from(this.state);
  }

  step(action: number): StepResult<Float32Array> {
    if (this.over) throw new Error('Episode is over: call reset() first.');
    const [p, v] = mountainCarDynamics(this.state[0], this.state[1], action);
    this.state[0] = p;
    this.state[1] = v;
    this.steps++;
    const done = p >= MOUNTAIN_CAR.goalPosition && v >= 0;
    const truncated = !done && this.steps >= this.maxSteps;
    this.over = done || truncated;
    return { observation: Float32Array.from(this.state), reward: -1, done, truncated };
  }
}

/** A seeded MountainCar-v0. */
export function createMountainCar(seed = 0, maxSteps: number = MOUNTAIN_CAR.maxSteps): MountainCar {
  return new MountainCar(seed, maxSteps);
}
