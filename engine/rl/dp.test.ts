import { describe, expect, it } from 'vitest';
import { ACTION_DOWN, ACTION_LEFT, ACTION_RIGHT, ACTION_UP, createGridWorld } from '../envs/gridworld.ts';
import { bellmanBackup, evaluatePolicy, greedyPolicy, policyEvaluationSweep, policyIteration, uniformPolicy, valueIteration, valueIterationSweep } from './dp.ts';
import { createTabularAgent } from './td.ts';

// . . G
// . # X
// S . .
const grid3 = (slip: number) => createGridWorld({ rows: ['..G', '.#X', 'S..'], slip, stepReward: 0 });

describe('Bellman backups on a 3 × 3 grid', () => {
  it('equal the hand-worked numbers, term by term', () => {
    const g = grid3(0.2);
    const gamma = 0.9;
    const V = new Float64Array(9);
    V[g.index(0, 0)] = 0.5;
    V[g.index(1, 0)] = 0.6;
    const s = g.index(1, 0);
    const b = bellmanBackup(g, V, s, gamma);
    const q = b.actions.map((a) => a.q);
    // right: 0.8·(1 + 0) [goal is terminal] + 0.2·(0 + 0.9·0.6) [edge and wall: stay] = 0.908
    expect(q[ACTION_RIGHT]).toBeCloseTo(0.908, 12);
    // left:  0.8·(0.9·0.5) + 0.2·(0.9·0.6) = 0.468
    expect(q[ACTION_LEFT]).toBeCloseTo(0.468, 12);
    // up:    0.8·(0.9·0.6) [edge] + 0.1·(0.9·0.5) + 0.1·1 = 0.577; down hits the wall: the same.
    expect(q[ACTION_UP]).toBeCloseTo(0.577, 12);
    expect(q[ACTION_DOWN]).toBeCloseTo(0.577, 12);
    expect(b.value).toBeCloseTo(0.908, 12);
    expect(b.actions[ACTION_RIGHT].weight).toBe(1);
    const terms = b.actions[ACTION_RIGHT].terms;
    expect(terms.map((t) => [t.next, +t.prob.toFixed(6), t.reward, t.nextValue, +t.contribution.toFixed(6)])).toEqual([
      [g.index(2, 0), 0.8, 1, 0, 0.8],
      [s, 0.2, 0, 0.6, 0.108],
    ]);
    // Expectation backup under the uniform policy: (0.908 + 0.468 + 0.577 + 0.577)/4 = 0.6325.
    expect(bellmanBackup(g, V, s, gamma, uniformPolicy(g)).value).toBeCloseTo(0.6325, 12);
    // Terminal cells and walls back up to 0.
    expect(bellmanBackup(g, V, g.index(2, 0), gamma).value).toBe(0);
    expect(bellmanBackup(g, V, g.index(1, 1), gamma).value).toBe(0);
  });

  it('one policy-evaluation sweep from V = 0 gives each cell its expected immediate reward', () => {
    const g = grid3(0);
    const { values, delta } = policyEvaluationSweep(g, new Float64Array(9), uniformPolicy(g), 0.9);
    // Only moves into G (+1) or X (−1) pay. Top middle: right → G: 1/4. Right middle: up → G, down: 0…
    expect(values[g.index(1, 0)]).toBeCloseTo(0.25, 12);
    expect(values[g.index(2, 2)]).toBeCloseTo(-0.25, 12); // up from the bottom-right corner enters X
    expect(values[g.index(0, 0)]).toBe(0);
    expect(delta).toBeCloseTo(0.25, 12);
  });
});

describe('value iteration and policy iteration', () => {
  it('converge to V* = γ^(d−1) on a deterministic grid (d = steps to the goal)', () => {
    const g = createGridWorld({ rows: ['..G', '.#.', 'S..'], slip: 0 });
    const { values, policy, sweeps } = valueIteration(g, 0.9);
    const dist: Record<string, number> = { '0,0': 2, '1,0': 1, '0,1': 3, '2,1': 1, '0,2': 4, '1,2': 3, '2,2': 2 };
    for (const [key, d] of Object.entries(dist)) {
      const [x, y] = key.split(',').map(Number);
      expect(values[g.index(x, y)]).toBeCloseTo(0.9 ** (d - 1), 9);
    }
    expect(sweeps).toBeLessThan(10);
    // The greedy policy at the start splits between up and right (both on a shortest path).
    const s = g.index(0, 2);
    expect(Array.from(policy.subarray(s * 4, s * 4 + 4))).toEqual([0.5, 0.5, 0, 0]);
  });

  it("reproduce Russell & Norvig's 4 × 3 world utilities (γ = 1, step −0.04, slip 0.2)", () => {
    const g = createGridWorld({ preset: 'classic', slip: 0.2 });
    const { values } = valueIteration(g, 1);
    // AIMA figure 17.3, row 0 at the top here.
    const expected: [number, number, number][] = [
      [0, 0, 0.812], [1, 0, 0.868], [2, 0, 0.918],
      [0, 1, 0.762], [2, 1, 0.660],
      [0, 2, 0.705], [1, 2, 0.655], [2, 2, 0.611], [3, 2, 0.388],
    ];
    for (const [x, y, u] of expected) expect(values[g.index(x, y)]).toBeCloseTo(u, 3);
    const pi = policyIteration(g, 1);
    for (let s = 0; s < g.stateCount; s++) expect(pi.values[s]).toBeCloseTo(values[s], 6);
    // The famous detour: from (3,1) in AIMA coordinates (bottom right but one), go left, not up past the pit.
    const s = g.index(2, 2);
    expect(Array.from(pi.policy.subarray(s * 4, s * 4 + 4))).toEqual([0, 0, 0, 1]);
  });

  it('single sweeps shrink the error toward the fixed point (a γ-contraction)', () => {
    const g = grid3(0.2);
    const star = valueIteration(g, 0.9).values;
    let V: Float64Array = new Float64Array(9);
    let err = Infinity;
    for (let k = 0; k < 6; k++) {
      V = valueIterationSweep(g, V, 0.9).values;
      const e = Math.max(...Array.from(V, (v, i) => Math.abs(v - star[i])));
      expect(e).toBeLessThanOrEqual(err * 0.9 + 1e-12);
      err = e;
    }
    const evald = evaluatePolicy(g, greedyPolicy(g, star, 0.9), 0.9).values;
    for (let s = 0; s < 9; s++) expect(evald[s]).toBeCloseTo(star[s], 8);
  });
});

describe('TD learning from samples', () => {
  it('TD(0) estimates approach the model-based values of the same policy', () => {
    const g = createGridWorld({ rows: ['S...G'], slip: 0, maxSteps: 1000 });
    const truth = evaluatePolicy(g, uniformPolicy(g), 0.9).values;
    const agent = createTabularAgent(g, { method: 'td0', alpha: 0.05, gamma: 0.9, seed: 3 });
    for (let e = 0; e < 1500; e++) agent.runEpisode();
    const v = agent.values();
    for (let s = 0; s < 4; s++) expect(Math.abs(v[s] - truth[s])).toBeLessThan(0.06);
    expect(v[3]).toBeGreaterThan(v[0]);
  });

  it('Q-learning and SARSA learn to reach the goal; the same seed repeats the run', () => {
    for (const method of ['q-learning', 'sarsa'] as const) {
      const run = () => {
        const g = createGridWorld({ preset: 'rooms', slip: 0 });
        const agent = createTabularAgent(g, { method, alpha: 0.2, gamma: 0.95, epsilon: 0.1, seed: 2 });
        for (let e = 0; e < 600; e++) agent.runEpisode();
        return { g, agent };
      };
      const { g, agent } = run();
      expect(agent.values()).toEqual(run().agent.values());
      // Follow the greedy policy from the start: it reaches G.
      const pi = agent.greedy();
      let s = g.start;
      let steps = 0;
      while (!g.isTerminal(s) && steps < 50) {
        const a = [0, 1, 2, 3].find((k) => pi[s * 4 + k] > 0)!;
        s = g.moveTarget(s, a);
        steps++;
      }
      expect(g.isTerminal(s)).toBe(true);
      expect(steps).toBeLessThanOrEqual(12);
      const early = agent.returns.slice(0, 20).reduce((a, b) => a + b, 0) / 20;
      const late = agent.returns.slice(-20).reduce((a, b) => a + b, 0) / 20;
      expect(late).toBeGreaterThan(early);
    }
  });
});
