/**
 * Dynamic programming: planning with a known model P(s′, r | s, a). Every function is pure and
 * works on plain arrays, so a widget can run one sweep per click and show each cell's backup.
 *
 * Bellman expectation equation (policy π):  V(s) = Σ_a π(a|s) Σ_{s′} P(s′|s,a) [r + γ V(s′)]
 * Bellman optimality equation:               V*(s) = max_a Σ_{s′} P(s′|s,a) [r + γ V*(s′)]
 * Terminal states have value 0: no reward follows them.
 *
 * Sweeps are synchronous (Jacobi): every state is updated from the previous sweep's values, as in
 * the textbook's two-array version, so "one sweep" means the same thing on the slide and in code.
 */

/** The model a planner needs. {@link ../envs/gridworld.ts GridWorld} implements it. */
export interface Mdp {
  /** Number of states. */
  readonly stateCount: number;
  /** Number of actions. */
  readonly actionCount: number;
  /** Whether the agent acts in s (false for terminal states and walls). */
  isDecision(s: number): boolean;
  /** Every outcome of a in s. */
  transitions(s: number, a: number): { prob: number; next: number; reward: number; done: boolean }[];
}

/** A stochastic policy: `stateCount × actionCount` probabilities, row-major. */
export type Policy = Float64Array;

/** One term P(s′|s,a)·[r + γ V(s′)] of a backup, with its parts for display. */
export interface BackupTerm {
  prob: number;
  next: number;
  reward: number;
  /** V(s′) used (0 for a terminal s′). */
  nextValue: number;
  /** prob · (reward + γ · nextValue). */
  contribution: number;
}

/** The backup of one action: q(s,a) and its terms. */
export interface ActionBackup {
  action: number;
  /** π(a|s) (for an expectation backup) or 1 for the maximising action(s) of an optimality backup. */
  weight: number;
  q: number;
  terms: BackupTerm[];
}

/** A whole Bellman backup of one state. */
export interface Backup {
  state: number;
  /** New value: Σ_a π(a|s) q(s,a) or max_a q(s,a). */
  value: number;
  actions: ActionBackup[];
}

/** A uniform random policy. */
export function uniformPolicy(mdp: Mdp): Policy {
  return new Float64Array(mdp.stateCount * mdp.actionCount).fill(1 / mdp.actionCount);
}

/** q(s,a) = Σ_{s′} P(s′|s,a)[r + γ V(s′)], with its terms. */
export function actionBackup(mdp: Mdp, values: ArrayLike<number>, s: number, a: number, gamma: number): { q: number; terms: BackupTerm[] } {
  let q = 0;
  const terms: BackupTerm[] = [];
  for (const t of mdp.transitions(s, a)) {
    const nextValue = t.done ? 0 : values[t.next];
    const contribution = t.prob * (t.reward + gamma * nextValue);
    q += contribution;
    terms.push({ prob: t.prob, next: t.next, reward: t.reward, nextValue, contribution });
  }
  return { q, terms };
}

/**
 * The Bellman backup of state s. With a policy: the expectation backup Σ_a π(a|s) q(s,a).
 * Without: the optimality backup max_a q(s,a). Non-decision states back up to 0.
 */
export function bellmanBackup(mdp: Mdp, values: ArrayLike<number>, s: number, gamma: number, policy?: Policy): Backup {
  if (!mdp.isDecision(s)) return { state: s, value: 0, actions: [] };
  const nA = mdp.actionCount;
  const actions: ActionBackup[] = [];
  for (let a = 0; a < nA; a++) {
    const { q, terms } = actionBackup(mdp, values, s, a, gamma);
    actions.push({ action: a, weight: policy ? policy[s * nA + a] : 0, q, terms });
  }
  let value: number;
  if (policy) {
    value = actions.reduce((sum, b) => sum + b.weight * b.q, 0);
  } else {
    value = Math.max(...actions.map((b) => b.q));
    for (const b of actions) b.weight = Math.abs(b.q - value) < 1e-12 ? 1 : 0;
  }
  return { state: s, value, actions };
}

/** Result of one sweep. */
export interface Sweep {
  /** New values. */
  values: Float64Array;
  /** Largest change |V_new − V_old| over states. */
  delta: number;
}

/** One sweep of iterative policy evaluation: V ← Σ_a π Σ P [r + γ V] for every state. */
export function policyEvaluationSweep(mdp: Mdp, values: ArrayLike<number>, policy: Policy, gamma: number): Sweep {
  const out = new Float64Array(mdp.stateCount);
  let delta = 0;
  for (let s = 0; s < mdp.stateCount; s++) {
    out[s] = bellmanBackup(mdp, values, s, gamma, policy).value;
    delta = Math.max(delta, Math.abs(out[s] - values[s]));
  }
  return { values: out, delta };
}

/** One sweep of value iteration: V ← max_a Σ P [r + γ V]. */
export function valueIterationSweep(mdp: Mdp, values: ArrayLike<number>, gamma: number): Sweep {
  const out = new Float64Array(mdp.stateCount);
  let delta = 0;
  for (let s = 0; s < mdp.stateCount; s++) {
    out[s] = bellmanBackup(mdp, values, s, gamma).value;
    delta = Math.max(delta, Math.abs(out[s] - values[s]));
  }
  return { values: out, delta };
}

/** Iterate policy evaluation until the largest change is below `tolerance`. */
export function evaluatePolicy(mdp: Mdp, policy: Policy, gamma: number, tolerance = 1e-10, maxSweeps = 10_000): { values: Float64Array; sweeps: number } {
  let values: Float64Array = new Float64Array(mdp.stateCount);
  for (let k = 1; k <= maxSweeps; k++) {
    const sweep = policyEvaluationSweep(mdp, values, policy, gamma);
    values = sweep.values;
    if (sweep.delta < tolerance) return { values, sweeps: k };
  }
  return { values, sweeps: maxSweeps };
}

/**
 * The greedy policy with respect to V: all probability on the argmax of q(s,a), split evenly
 * between ties (so arrows show every best action). Non-decision states get a uniform row.
 */
export function greedyPolicy(mdp: Mdp, values: ArrayLike<number>, gamma: number, tieTolerance = 1e-9): Policy {
  const nA = mdp.actionCount;
  const policy = new Float64Array(mdp.stateCount * nA);
  for (let s = 0; s < mdp.stateCount; s++) {
    if (!mdp.isDecision(s)) {
      policy.fill(1 / nA, s * nA, (s + 1) * nA);
      continue;
    }
    const qs = Array.from({ length: nA }, (_, a) => actionBackup(mdp, values, s, a, gamma).q);
    const best = Math.max(...qs);
    const winners = qs.map((q) => (best - q <= tieTolerance ? 1 : 0));
    const n = winners.reduce<number>((x, y) => x + y, 0);
    for (let a = 0; a < nA; a++) policy[s * nA + a] = winners[a] / n;
  }
  return policy;
}

/** Value iteration to convergence: optimal values and a greedy (optimal) policy. */
export function valueIteration(mdp: Mdp, gamma: number, tolerance = 1e-10, maxSweeps = 10_000): { values: Float64Array; policy: Policy; sweeps: number } {
  let values: Float64Array = new Float64Array(mdp.stateCount);
  let sweeps = maxSweeps;
  for (let k = 1; k <= maxSweeps; k++) {
    const sweep = valueIterationSweep(mdp, values, gamma);
    values = sweep.values;
    if (sweep.delta < tolerance) {
      sweeps = k;
      break;
    }
  }
  return { values, policy: greedyPolicy(mdp, values, gamma), sweeps };
}

/** One round of policy iteration: evaluate π fully, then improve greedily. */
export function policyIterationStep(mdp: Mdp, policy: Policy, gamma: number): { values: Float64Array; policy: Policy; stable: boolean } {
  const { values } = evaluatePolicy(mdp, policy, gamma);
  const improved = greedyPolicy(mdp, values, gamma);
  let stable = true;
  for (let i = 0; i < policy.length; i++) if (Math.abs(policy[i] - improved[i]) > 1e-9) stable = false;
  return { values, policy: improved, stable };
}

/** Policy iteration from the uniform policy until the policy stops changing. */
export function policyIteration(mdp: Mdp, gamma: number, maxRounds = 100): { values: Float64Array; policy: Policy; rounds: number } {
  let policy: Policy = uniformPolicy(mdp);
  for (let k = 1; k <= maxRounds; k++) {
    const r = policyIterationStep(mdp, policy, gamma);
    policy = r.policy;
    if (r.stable) return { values: evaluatePolicy(mdp, policy, gamma).values, policy, rounds: k };
  }
  return { values: evaluatePolicy(mdp, policy, gamma).values, policy, rounds: maxRounds };
}
