/**
 * Learning from samples, without the model: tabular TD(0), SARSA and Q-learning. The agent only
 * sees transitions (s, a, r, s′) from the environment, one step at a time, and nudges its table
 * toward a one-step target by a fraction α of the TD error.
 *
 * - TD(0) prediction of V^π:  V(s) ← V(s) + α [r + γ V(s′) − V(s)]
 * - SARSA (on-policy):         Q(s,a) ← Q(s,a) + α [r + γ Q(s′,a′) − Q(s,a)],  a′ ~ ε-greedy(Q)
 * - Q-learning (off-policy):   Q(s,a) ← Q(s,a) + α [r + γ max_b Q(s′,b) − Q(s,a)]
 * At a terminal s′ the bootstrap term is 0; at a time-limit truncation it stays.
 *
 * ```ts
 * const agent = createTabularAgent(grid, { method: 'q-learning', alpha: 0.1, epsilon: 0.1 });
 * agent.runEpisode();          // or agent.step() for one transition at a time
 * agent.values();              // V(s) = max_a Q(s,a) for the heat map
 * ```
 */
import type { Env } from '../envs/types.ts';
import { createRng, type Rng } from '../random.ts';
import type { Policy } from './dp.ts';

/** Sample-based methods. */
export const TD_METHODS = ['td0', 'sarsa', 'q-learning'] as const;
/** One sample-based method. */
export type TdMethod = (typeof TD_METHODS)[number];

/** Defaults of {@link createTabularAgent}. */
export const TD_DEFAULTS = {
  /** Method. */
  method: 'q-learning' as TdMethod,
  /** Step size α. */
  alpha: 0.1,
  /** Discount γ. */
  gamma: 0.9,
  /** Exploration rate ε of the ε-greedy behaviour policy. */
  epsilon: 0.1,
  /** Seed for exploration and the environment's noise. */
  seed: 1,
};

/** Options for {@link createTabularAgent}. */
export interface TabularOptions {
  method?: TdMethod;
  alpha?: number;
  gamma?: number;
  epsilon?: number;
  seed?: number;
  /** TD(0) only: the policy to evaluate (default: uniform random). */
  policy?: Policy;
}

/** One learning step, for animation and display. */
export interface TdStep {
  state: number;
  action: number;
  reward: number;
  next: number;
  done: boolean;
  truncated: boolean;
  /** r + γ·(bootstrap), the value the estimate moved toward. */
  target: number;
  /** target − old estimate. */
  tdError: number;
  /** Whether this step ended the episode. */
  episodeEnd: boolean;
}

/** A tabular learner bound to one environment with integer states. */
export interface TabularAgent {
  readonly method: TdMethod;
  /** Hyper-parameters (may be changed between steps). */
  alpha: number;
  gamma: number;
  epsilon: number;
  /** State values (TD(0)); for Q methods use {@link values}. */
  readonly v: Float64Array;
  /** Action values, `states × actions` (SARSA, Q-learning). */
  readonly q: Float64Array;
  /** Finished episodes. */
  readonly episodes: number;
  /** Steps taken in total. */
  readonly totalSteps: number;
  /** The current state (start of the episode after a reset). */
  readonly state: number;
  /** Returns of finished episodes, in order. */
  readonly returns: number[];
  /** One environment step and one update. */
  step(): TdStep;
  /** Steps until the episode ends; returns them. */
  runEpisode(): TdStep[];
  /** V(s): the table for TD(0), max_a Q(s,a) otherwise. */
  values(): Float64Array;
  /** The greedy policy of Q (ties split), or the evaluated policy for TD(0). */
  greedy(): Policy;
  /** Forget everything learned and restart the episode. */
  reset(): void;
}

/** Build a tabular learner. Throws a readable message for bad options. */
export function createTabularAgent(env: Env<number> & { stateCount: number }, options: TabularOptions = {}): TabularAgent {
  const o = { ...TD_DEFAULTS, ...options };
  if (!(TD_METHODS as readonly string[]).includes(o.method)) throw new Error(`Unknown method "${o.method}". Use one of: ${TD_METHODS.join(', ')}.`);
  const nS = env.stateCount;
  const nA = env.actionCount;
  const evalPolicy = options.policy ?? new Float64Array(nS * nA).fill(1 / nA);
  let rng: Rng = createRng(o.seed);
  const v = new Float64Array(nS);
  const q = new Float64Array(nS * nA);
  let episodes = 0;
  let totalSteps = 0;
  let episodeReturn = 0;
  const returns: number[] = [];
  let state = env.reset(o.seed);
  let action = -1;

  const greedyAction = (s: number): number => {
    let best = -Infinity;
    let picks: number[] = [];
    for (let a = 0; a < nA; a++) {
      const x = q[s * nA + a];
      if (x > best + 1e-12) {
        best = x;
        picks = [a];
      } else if (Math.abs(x - best) <= 1e-12) picks.push(a);
    }
    return picks[rng.int(picks.length)];
  };
  const behaviour = (s: number): number => {
    if (agent.method === 'td0') {
      let u = rng.next();
      for (let a = 0; a < nA; a++) {
        u -= evalPolicy[s * nA + a];
        if (u < 0) return a;
      }
      return nA - 1;
    }
    return rng.next() < agent.epsilon ? rng.int(nA) : greedyAction(s);
  };

  const agent: TabularAgent = {
    method: o.method,
    alpha: o.alpha,
    gamma: o.gamma,
    epsilon: o.epsilon,
    v,
    q,
    get episodes() {
      return episodes;
    },
    get totalSteps() {
      return totalSteps;
    },
    get state() {
      return state;
    },
    returns,
    step() {
      const s = state;
      const a = action >= 0 ? action : behaviour(s);
      const r = env.step(a);
      const s2 = r.observation;
      const end = r.done || r.truncated;
      let target: number;
      let tdError: number;
      let nextAction = -1;
      if (agent.method === 'td0') {
        target = r.reward + (r.done ? 0 : agent.gamma * v[s2]);
        tdError = target - v[s];
        v[s] += agent.alpha * tdError;
      } else {
        let bootstrap = 0;
        if (!r.done) {
          if (agent.method === 'sarsa') {
            nextAction = behaviour(s2);
            bootstrap = q[s2 * nA + nextAction];
          } else {
            bootstrap = -Infinity;
            for (let b = 0; b < nA; b++) bootstrap = Math.max(bootstrap, q[s2 * nA + b]);
          }
        }
        target = r.reward + agent.gamma * bootstrap;
        tdError = target - q[s * nA + a];
        q[s * nA + a] += agent.alpha * tdError;
      }
      totalSteps++;
      episodeReturn += r.reward;
      if (end) {
        episodes++;
        returns.push(episodeReturn);
        episodeReturn = 0;
        state = env.reset();
        action = -1;
      } else {
        state = s2;
        // SARSA commits to a′ now (it was used in the target); the others choose next step.
        action = agent.method === 'sarsa' ? nextAction : -1;
      }
      return { state: s, action: a, reward: r.reward, next: s2, done: r.done, truncated: r.truncated, target, tdError, episodeEnd: end };
    },
    runEpisode() {
      const steps: TdStep[] = [];
      for (;;) {
        const st = agent.step();
        steps.push(st);
        if (st.episodeEnd) return steps;
      }
    },
    values() {
      if (agent.method === 'td0') return v.slice();
      const out = new Float64Array(nS);
      for (let s = 0; s < nS; s++) {
        let m = -Infinity;
        for (let a = 0; a < nA; a++) m = Math.max(m, q[s * nA + a]);
        out[s] = m;
      }
      return out;
    },
    greedy() {
      if (agent.method === 'td0') return evalPolicy.slice();
      const policy = new Float64Array(nS * nA);
      for (let s = 0; s < nS; s++) {
        let best = -Infinity;
        for (let a = 0; a < nA; a++) best = Math.max(best, q[s * nA + a]);
        let n = 0;
        for (let a = 0; a < nA; a++) if (best - q[s * nA + a] <= 1e-12) n++;
        for (let a = 0; a < nA; a++) policy[s * nA + a] = best - q[s * nA + a] <= 1e-12 ? 1 / n : 0;
      }
      return policy;
    },
    reset() {
      v.fill(0);
      q.fill(0);
      episodes = 0;
      totalSteps = 0;
      episodeReturn = 0;
      returns.length = 0;
      rng = createRng(o.seed);
      state = env.reset(o.seed);
      action = -1;
    },
  };
  return agent;
}
