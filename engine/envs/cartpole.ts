/**
 * CartPole, with the physics, limits and rewards of Gymnasium's CartPole-v1 (Barto, Sutton and
 * Anderson, 1983). A pole is hinged on a cart that moves on a track; each step the agent pushes the
 * cart left or right with a fixed force. Reward +1 per step while the pole stays up. The episode
 * terminates when the pole tilts past 12° or the cart leaves ±2.4, and is truncated at 500 steps.
 *
 * Observation: [x, ẋ, θ, θ̇] (cart position m, velocity m/s, pole angle rad, angular velocity rad/s).
 * Actions: 0 push left, 1 push right. Integration: explicit Euler with τ = 0.02 s, as Gym's default.
 */
import { createRng, type Rng } from '../random.ts';
import type { Env, StepResult } from './types.ts';

/** Physical constants and limits, exactly Gym's. */
export const CARTPOLE = {
  /** g in m/s². */
  gravity: 9.8,
  /** Cart mass, kg. */
  massCart: 1.0,
  /** Pole mass, kg. */
  massPole: 0.1,
  /** Half the pole's length, m (Gym calls it `length`). */
  halfLength: 0.5,
  /** Push force, N. */
  forceMag: 10.0,
  /** Seconds per step. */
  tau: 0.02,
  /** Pole angle beyond which the episode ends: 12° in radians. */
  thetaLimit: (12 * 2 * Math.PI) / 360,
  /** Cart position beyond which the episode ends, m. */
  xLimit: 2.4,
  /** Episode cap (truncation) of CartPole-v1. */
  maxSteps: 500,
} as const;

/** One Euler step of the cart–pole equations of motion; returns the new state (pure). */
export function cartPoleDynamics(state: ArrayLike<number>, action: number): [number, number, number, number] {
  const { gravity, massCart, massPole, halfLength, forceMag, tau } = CARTPOLE;
  const totalMass = massCart + massPole;
  const poleMassLength = massPole * halfLength;
  const [x, xDot, theta, thetaDot] = [state[0], state[1], state[2], state[3]];
  const force = action === 1 ? forceMag : -forceMag;
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  const temp = (force + poleMassLength * thetaDot * thetaDot * sin) / totalMass;
  const thetaAcc = (gravity * sin - cos * temp) / (halfLength * (4 / 3 - (massPole * cos * cos) / totalMass));
  const xAcc = temp - (poleMassLength * thetaAcc * cos) / totalMass;
  return [x + tau * xDot, xDot + tau * xAcc, theta + tau * thetaDot, thetaDot + tau * thetaAcc];
}

/** Whether a state is outside the limits (the pole fell or the cart left the track). */
export function cartPoleFailed(state: ArrayLike<number>): boolean {
  return state[0] < -CARTPOLE.xLimit || state[0] > CARTPOLE.xLimit || state[2] < -CARTPOLE.thetaLimit || state[2] > CARTPOLE.thetaLimit;
}

/** The CartPole-v1 environment. */
export class CartPole implements Env<Float32Array> {
  readonly actionCount = 2;
  readonly observationSize = 4;
  /** The exact state (double precision); observations are its float32 copy. */
  readonly state = new Float64Array(4);
  /** Steps taken in this episode. */
  steps = 0;
  private rng: Rng;
  private over = true;

  constructor(
    seed = 0,
    /** Episode cap; 500 in CartPole-v1. */
    readonly maxSteps: number = CARTPOLE.maxSteps,
  ) {
    this.rng = createRng(seed);
  }

  /** Each state variable starts uniform in [−0.05, 0.05], as in Gym. */
  reset(seed?: number): Float32Array {
    if (seed !== undefined) this.rng = createRng(seed);
    for (let i = 0; i < 4; i++) this.state[i] = this.rng.uniform(-0.05, 0.05);
    this.steps = 0;
    this.over = false;
    return Float32Array.from(this.state);
  }

  step(action: number): StepResult<Float32Array> {
    if (this.over) throw new Error('Episode is over: call reset() first.');
    const next = cartPoleDynamics(this.state, action);
    this.state.set(next);
    this.steps++;
    const done = cartPoleFailed(next);
    const truncated = !done && this.steps >= this.maxSteps;
    this.over = done || truncated;
    // Gym gives +1 on every step, the failing one included.
    return { observation: Float32Array.from(next), reward: 1, done, truncated };
  }
}

/** A seeded CartPole-v1. */
export function createCartPole(seed = 0, maxSteps: number = CARTPOLE.maxSteps): CartPole {
  return new CartPole(seed, maxSteps);
}
