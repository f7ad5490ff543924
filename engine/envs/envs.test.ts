import { describe, expect, it } from 'vitest';
import { CARTPOLE, cartPoleDynamics, createCartPole } from './cartpole.ts';
import { ACTION_DOWN, ACTION_LEFT, ACTION_RIGHT, ACTION_UP, createGridWorld } from './gridworld.ts';
import { MOUNTAIN_CAR, createMountainCar, mountainCarDynamics } from './mountain-car.ts';
import { createVecEnv } from './vector.ts';

describe('gridworld', () => {
  // . . G
  // . # X
  // S . .
  const grid = () => createGridWorld({ rows: ['..G', '.#X', 'S..'], slip: 0.2, stepReward: -0.1 });

  it('lists the slip outcomes of a move, merging bumps into the same cell', () => {
    const g = grid();
    const s = g.index(1, 0); // top middle: wall below, edge above
    const right = g.transitions(s, ACTION_RIGHT);
    // 0.8 into the goal (−0.1 + 1, terminal); up (edge) and down (wall) both leave it in place: 0.2.
    expect(right).toHaveLength(2);
    expect(right[0]).toMatchObject({ next: g.index(2, 0), reward: 0.9, done: true });
    expect(right[0].prob).toBeCloseTo(0.8, 12);
    expect(right[1]).toMatchObject({ next: s, reward: -0.1, done: false });
    expect(right[1].prob).toBeCloseTo(0.2, 12);
    const up = g.transitions(s, ACTION_UP);
    const byNext = new Map(up.map((t) => [t.next, t.prob]));
    expect(byNext.get(s)).toBeCloseTo(0.8, 12);
    expect(byNext.get(g.index(0, 0))).toBeCloseTo(0.1, 12);
    expect(byNext.get(g.index(2, 0))).toBeCloseTo(0.1, 12);
    for (const a of [ACTION_UP, ACTION_RIGHT, ACTION_DOWN, ACTION_LEFT]) {
      expect(g.transitions(s, a).reduce((p, t) => p + t.prob, 0)).toBeCloseTo(1, 12);
    }
    expect(g.transitions(g.index(2, 0), ACTION_LEFT)).toEqual([]);
    expect(g.transitions(g.index(1, 1), ACTION_LEFT)).toEqual([]);
  });

  it('samples episodes reproducibly from a seed and ends them in terminal cells', () => {
    const run = () => {
      const g = grid();
      const seen: number[] = [g.reset(7)];
      const actions = [ACTION_UP, ACTION_UP, ACTION_RIGHT, ACTION_RIGHT, ACTION_RIGHT, ACTION_RIGHT, ACTION_RIGHT];
      let ended = false;
      for (const a of actions) {
        const r = g.step(a);
        seen.push(r.observation);
        if (r.done || r.truncated) {
          ended = true;
          expect(g.isTerminal(r.observation) || r.truncated).toBe(true);
          break;
        }
      }
      return { seen, ended };
    };
    expect(run()).toEqual(run());
    const g = createGridWorld({ rows: ['S.G'], slip: 0 });
    g.reset();
    expect(g.step(ACTION_UP)).toEqual({ observation: 0, reward: 0, done: false, truncated: false });
    expect(g.step(ACTION_RIGHT)).toEqual({ observation: 1, reward: 0, done: false, truncated: false });
    expect(g.step(ACTION_RIGHT)).toEqual({ observation: 2, reward: 1, done: true, truncated: false });
    expect(() => g.step(ACTION_RIGHT)).toThrow(/reset/);
  });

  it('truncates at the step limit and rejects bad input with readable messages', () => {
    const g = createGridWorld({ rows: ['S.G'], maxSteps: 3 });
    g.reset();
    g.step(ACTION_LEFT);
    g.step(ACTION_LEFT);
    expect(g.step(ACTION_LEFT)).toMatchObject({ done: false, truncated: true });
    expect(() => createGridWorld({ preset: 'maze' as never })).toThrow('Unknown grid preset "maze". Use one of: classic, cliff, rooms, blank.');
    expect(() => createGridWorld({ rows: ['S.?'] })).toThrow(/Unknown grid letter "\?"/);
  });
});

describe('CartPole-v1', () => {
  it('follows the hand-computed Euler step of the Barto–Sutton–Anderson equations', () => {
    // From rest, push right (F = +10 N). temp = F/(m_c + m_p) = 9.0909…;
    // θ̈ = (g·0 − 1·temp) / (l (4/3 − m_p/(m_c+m_p))) = −9.0909/0.621212 = −14.634146;
    // ẍ = temp − m_p·l·θ̈/(m_c+m_p) = 9.0909 + 0.665188 = 9.756098.
    const s1 = cartPoleDynamics([0, 0, 0, 0], 1);
    expect(s1[0]).toBe(0);
    expect(s1[1]).toBeCloseTo(0.1951220, 6); // 0.02 · 9.756098
    expect(s1[2]).toBe(0);
    expect(s1[3]).toBeCloseTo(-0.2926829, 6); // 0.02 · −14.634146
    // Second push: positions move with the old velocities; θ was still 0, so the same accelerations.
    const s2 = cartPoleDynamics(s1, 1);
    expect(s2[0]).toBeCloseTo(0.00390244, 7);
    expect(s2[1]).toBeCloseTo(0.3902439, 6);
    expect(s2[2]).toBeCloseTo(-0.00585366, 7);
    expect(s2[3]).toBeCloseTo(-0.5853659, 6);
    // Pushing left mirrors it.
    const m = cartPoleDynamics([0, 0, 0, 0], 0);
    expect(m[1]).toBeCloseTo(-0.1951220, 6);
    expect(m[3]).toBeCloseTo(0.2926829, 6);
  });

  it('starts near upright, pays +1 per step, and terminates past 12° or ±2.4 m', () => {
    const env = createCartPole(3);
    const obs = env.reset();
    for (const v of obs) expect(Math.abs(v)).toBeLessThanOrEqual(0.05);
    let steps = 0;
    let last;
    do {
      last = env.step(1);
      expect(last.reward).toBe(1);
      steps++;
    } while (!last.done && !last.truncated);
    expect(last.done).toBe(true);
    // Always pushing right tips the pole left: it fails on the angle within a few dozen steps.
    expect(Math.abs(env.state[2])).toBeGreaterThan(CARTPOLE.thetaLimit);
    expect(steps).toBeGreaterThan(5);
    expect(steps).toBeLessThan(60);
    expect(CARTPOLE.thetaLimit).toBeCloseTo(0.20944, 5);
    expect(CARTPOLE.maxSteps).toBe(500);
    env.reset();
    env.state.set([2.39, 1, 0, 0]);
    expect(env.step(1).done).toBe(true);
  });

  it('truncates (not terminates) at the episode cap', () => {
    const env = createCartPole(1, 4);
    env.reset();
    env.state.set([0, 0, 0, 0]);
    const kinds = [0, 1, 0, 1].map((a) => env.step(a));
    expect(kinds.map((k) => [k.done, k.truncated])).toEqual([[false, false], [false, false], [false, false], [false, true]]);
  });

  it('a vector of envs steps together, resets finished episodes and reports their returns', () => {
    const vec = createVecEnv(() => createCartPole(), 3, 5);
    const again = createVecEnv(() => createCartPole(), 3, 5);
    expect(Array.from(vec.obs)).toEqual(Array.from(again.obs));
    const returns: number[] = [];
    for (let t = 0; t < 200; t++) {
      const r = vec.step([1, 1, 0]);
      returns.push(...r.finishedReturns);
      if (r.dones[0]) {
        // The env restarted: its observation is a fresh start, the final one is kept apart.
        expect(Math.abs(vec.obs[2])).toBeLessThanOrEqual(0.05);
        expect(Math.abs(vec.finalObs[2])).toBeGreaterThan(CARTPOLE.thetaLimit);
      }
    }
    expect(returns.length).toBeGreaterThan(6);
    for (const r of returns) expect(r).toBeGreaterThan(5);
  });
});

describe('MountainCar-v0', () => {
  it('follows the hand-computed step and needs momentum to reach the flag', () => {
    // From x = −0.5 at rest, push right: v = 0.001 − 0.0025·cos(−1.5) = 0.000823157; x = −0.499176843.
    const [x, v] = mountainCarDynamics(-0.5, 0, 2);
    expect(v).toBeCloseTo(0.000823157, 9);
    expect(x).toBeCloseTo(-0.499176843, 9);
    // The left wall stops the car dead.
    expect(mountainCarDynamics(-1.19, -0.05, 0)).toEqual([-1.2, 0]);
    const episode = (policy: (obs: Float32Array) => number) => {
      const env = createMountainCar(4);
      let obs = env.reset();
      for (;;) {
        const r = env.step(policy(obs));
        obs = r.observation;
        expect(r.reward).toBe(-1);
        if (r.done || r.truncated) return { done: r.done, steps: env.steps };
      }
    };
    // Full throttle to the right is not enough: the episode is truncated at 200 steps.
    expect(episode(() => 2)).toEqual({ done: false, steps: MOUNTAIN_CAR.maxSteps });
    // Pushing along the velocity pumps energy and reaches the flag.
    const pump = episode((o) => (o[1] >= 0 ? 2 : 0));
    expect(pump.done).toBe(true);
    expect(pump.steps).toBeLessThan(200);
  });
});
