/**
 * Proximal Policy Optimization (Schulman et al., 2017) for discrete actions, as CleanRL and
 * Stable-Baselines3 implement it, on the fused actor-critic of {@link ./actor-critic.ts}.
 *
 * One iteration = collect a rollout of T steps from N environments with the current policy, then
 * several epochs of minibatch updates on the loss
 *   L = −E[min(r·Â, clip(r, 1−ε, 1+ε)·Â)] + c_v·E[(V(s) − R̂)²] − c_e·E[H(π(·|s))],
 * with r = π_θ(a|s) / π_old(a|s), Â from GAE(λ) (normalised per minibatch) and R̂ = Â + V_old.
 *
 * ```ts
 * const ppo = createPpoTrainer({ seed: 1 });
 * const { rollout, update } = ppo.iterate();   // collect + update
 * ppo.evaluate(20);                            // mean return of the greedy policy
 * ```
 */
import { createCartPole } from '../envs/cartpole.ts';
import { createVecEnv, type VecEnv } from '../envs/vector.ts';
import { createRng, type Rng } from '../random.ts';
import { ActorCritic, decodeFloat32, encodeFloat32, softmaxRow } from './actor-critic.ts';
import { CARTPOLE_POLICY } from './cartpole-policy.ts';

/**
 * Generalised advantage estimation (Schulman et al., 2016), time-major over `numEnvs` envs:
 * entry t·N + i is env i at step t.
 *   δ_t = r_t + γ V(s_{t+1}) (1 − d_t) − V(s_t)
 *   Â_t = δ_t + γλ (1 − d_t) Â_{t+1}
 * `dones[t]` marks that the episode ended after step t (no bootstrap across it); `lastValues[i]` is
 * V of env i's state after the final step. Returns R̂_t = Â_t + V(s_t) are the critic's targets.
 * λ = 0 gives the one-step TD error; λ = 1 gives the Monte-Carlo return minus V.
 */
export function gae(
  rewards: ArrayLike<number>,
  values: ArrayLike<number>,
  dones: ArrayLike<number | boolean>,
  lastValues: ArrayLike<number> | number,
  gamma: number,
  lambda: number,
  numEnvs = 1,
): { advantages: Float32Array; returns: Float32Array } {
  const n = rewards.length;
  const T = n / numEnvs;
  if (!Number.isInteger(T)) throw new Error(`${n} rewards do not split into ${numEnvs} environments.`);
  const advantages = new Float32Array(n);
  const returns = new Float32Array(n);
  for (let i = 0; i < numEnvs; i++) {
    let next = 0;
    let nextValue = typeof lastValues === 'number' ? lastValues : lastValues[i];
    for (let t = T - 1; t >= 0; t--) {
      const k = t * numEnvs + i;
      const notDone = dones[k] ? 0 : 1;
      const delta = rewards[k] + gamma * nextValue * notDone - values[k];
      next = delta + gamma * lambda * notDone * next;
      advantages[k] = next;
      returns[k] = next + values[k];
      nextValue = values[k];
    }
  }
  return { advantages, returns };
}

/**
 * The clipped surrogate objective as a loss (to minimise), with its read-outs:
 *   loss = −mean_i min(r_i Â_i, clip(r_i, 1−ε, 1+ε) Â_i)
 *   clipFraction = share of samples with |r_i − 1| > ε
 *   approxKl = mean((r − 1) − log r), an unbiased, non-negative estimate of KL(π_old ‖ π_θ).
 * `active[i]` is 1 where the gradient flows (the unclipped term is the minimum), 0 where the clip
 * has switched it off.
 */
export function ppoClipLoss(ratios: ArrayLike<number>, advantages: ArrayLike<number>, clip: number): { loss: number; clipFraction: number; approxKl: number; active: Uint8Array } {
  const n = ratios.length;
  let loss = 0;
  let clipped = 0;
  let kl = 0;
  const active = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const r = ratios[i];
    const a = advantages[i];
    const rc = Math.min(Math.max(r, 1 - clip), 1 + clip);
    const unclipped = r * a;
    const clippedTerm = rc * a;
    loss -= Math.min(unclipped, clippedTerm);
    // The gradient is zero only when the clip binds on the side the advantage pushes toward.
    active[i] = (a > 0 && r > 1 + clip) || (a < 0 && r < 1 - clip) ? 0 : 1;
    if (Math.abs(r - 1) > clip) clipped++;
    kl += r - 1 - Math.log(r);
  }
  return { loss: loss / n, clipFraction: clipped / n, approxKl: kl / n, active };
}

/** Loss weights of one PPO update. */
export interface PpoCoefficients {
  /** Clip range ε. */
  clip: number;
  /** Value loss weight c_v. */
  valueCoef: number;
  /** Entropy bonus weight c_e. */
  entropyCoef: number;
}

/** One minibatch, as arrays indexed by sample. */
export interface PpoBatch {
  /** Observations, n × observationSize. */
  obs: Float32Array;
  actions: ArrayLike<number>;
  /** log π_old(a|s) when the data was collected. */
  oldLogProbs: ArrayLike<number>;
  /** Advantages as used in the loss (already normalised if you normalise). */
  advantages: ArrayLike<number>;
  /** Value targets R̂. */
  returns: ArrayLike<number>;
  /** Rows to use (indices into the arrays above); all rows when omitted. */
  rows?: ArrayLike<number>;
  /** Number of rows. */
  n: number;
}

/** What one minibatch update reports. */
export interface PpoLossParts {
  /** Total loss L. */
  loss: number;
  policyLoss: number;
  valueLoss: number;
  entropy: number;
  approxKl: number;
  clipFraction: number;
  /** Probability ratios r_i of the minibatch. */
  ratios: Float32Array;
  /** Advantages used for each row. */
  advantages: Float32Array;
}

/**
 * The PPO loss of one minibatch and its gradients, written into the network's gradient buffers.
 * Per sample with logits z, p = softmax(z), r = exp(log p_a − log p_old):
 *   ∂L_clip/∂z_j = −(1/n)·active·Â·r·(1[j=a] − p_j)
 *   ∂(−c_e H)/∂z_j = (c_e/n)·p_j (log p_j + H)
 *   ∂(c_v (V − R̂)²)/∂V = (2 c_v/n)(V − R̂)
 */
export function ppoLossAndGrads(net: ActorCritic, batch: PpoBatch, c: PpoCoefficients): PpoLossParts {
  const { n } = batch;
  const k = net.actionCount;
  const rowOf = (i: number) => (batch.rows ? batch.rows[i] : i);
  const logits = net.actor.forward(batch.obs, n, batch.rows);
  const dLogits = net.actor.outputGrad();
  const p = new Float64Array(k);
  const ratios = new Float32Array(n);
  const advs = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const row = rowOf(i);
    advs[i] = batch.advantages[row];
  }
  let entropySum = 0;
  const entropies = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = rowOf(i);
    const lse = softmaxRow(logits, i * k, k, p);
    const a = batch.actions[row];
    const logp = logits[i * k + a] - lse;
    ratios[i] = Math.exp(logp - batch.oldLogProbs[row]);
    let h = 0;
    for (let j = 0; j < k; j++) if (p[j] > 0) h -= p[j] * Math.log(p[j]);
    entropies[i] = h;
    entropySum += h;
  }
  const clip = ppoClipLoss(ratios, advs, c.clip);
  for (let i = 0; i < n; i++) {
    const row = rowOf(i);
    softmaxRow(logits, i * k, k, p);
    const a = batch.actions[row];
    const g = clip.active[i] ? (-advs[i] * ratios[i]) / n : 0;
    const h = entropies[i];
    for (let j = 0; j < k; j++) {
      const logpj = p[j] > 0 ? Math.log(p[j]) : 0;
      dLogits[i * k + j] = g * ((j === a ? 1 : 0) - p[j]) + (c.entropyCoef / n) * p[j] * (logpj + h);
    }
  }
  net.actor.backward(n);
  const values = net.critic.forward(batch.obs, n, batch.rows);
  const dValues = net.critic.outputGrad();
  let valueLoss = 0;
  for (let i = 0; i < n; i++) {
    const e = values[i] - batch.returns[rowOf(i)];
    valueLoss += e * e;
    dValues[i] = (2 * c.valueCoef * e) / n;
  }
  valueLoss /= n;
  net.critic.backward(n);
  const entropy = entropySum / n;
  return {
    loss: clip.loss + c.valueCoef * valueLoss - c.entropyCoef * entropy,
    policyLoss: clip.loss,
    valueLoss,
    entropy,
    approxKl: clip.approxKl,
    clipFraction: clip.clipFraction,
    ratios,
    advantages: advs,
  };
}

/** Defaults of {@link createPpoTrainer}: CleanRL/SB3-style settings that solve CartPole quickly. */
export const PPO_DEFAULTS = {
  /** Parallel environments. */
  numEnvs: 8,
  /** Steps per environment per rollout (a rollout has numEnvs × rolloutLength steps). */
  rolloutLength: 128,
  /** Passes over the rollout per update. */
  epochs: 4,
  /** Samples per minibatch. */
  minibatchSize: 256,
  /** Clip range ε. */
  clip: 0.2,
  /** Adam learning rate. */
  learningRate: 1e-3,
  /** Discount γ. */
  gamma: 0.99,
  /** GAE λ. */
  lambda: 0.95,
  /** Entropy bonus weight c_e. */
  entropyCoef: 0.0,
  /** Value loss weight c_v. */
  valueCoef: 0.5,
  /** Global gradient-norm clip (0 = off). */
  maxGradNorm: 0.5,
  /** Normalise advantages within each minibatch. */
  normalizeAdvantages: true,
  /** Hidden layer widths of actor and critic. */
  hidden: [32, 32],
  /** Seed for weights, environments, sampling and minibatch order. */
  seed: 1,
  /** Start from the shipped pretrained CartPole weights. */
  pretrained: false,
};

/** Options for {@link createPpoTrainer}. */
export type PpoOptions = Partial<typeof PPO_DEFAULTS>;

/** What a rollout reports. */
export interface RolloutStats {
  /** Env steps so far (all envs). */
  envSteps: number;
  /** Returns of the episodes that finished during this rollout. */
  episodeReturns: number[];
  /** Env 0's trajectory in this rollout: observations (T × obs), rewards, dones, advantages, values. */
  trace: { obs: Float32Array; rewards: Float32Array; dones: Uint8Array; advantages: Float32Array; values: Float32Array; actions: Int32Array };
}

/** What an update reports (means over its minibatches, plus the last minibatch's ratios). */
export interface UpdateStats {
  /** Updates done so far. */
  updates: number;
  policyLoss: number;
  valueLoss: number;
  entropy: number;
  approxKl: number;
  clipFraction: number;
  /** Ratios and advantages of the last minibatch (for the clipped-objective picture). */
  lastRatios: Float32Array;
  lastAdvantages: Float32Array;
  /** Minibatches done. */
  minibatches: number;
}

/** A PPO learner on CartPole. */
export interface PpoTrainer {
  readonly options: typeof PPO_DEFAULTS;
  readonly net: ActorCritic;
  /** Env steps collected so far. */
  readonly envSteps: number;
  /** Updates done so far. */
  readonly updates: number;
  /** Whether a rollout is waiting for its update. */
  readonly hasRollout: boolean;
  /** Collect one rollout with the current policy (replaces any pending one). */
  collect(): RolloutStats;
  /**
   * {@link collect} one time step (all environments) per `next()`, so a page can spread a rollout
   * over frames; the same rollout as collect() for the same seed. A pending rollout is dropped at
   * the first step; one left unfinished is never updated on.
   */
  collectSteps(): Generator<number, RolloutStats>;
  /** Run the PPO update on the pending rollout (collects first if none). */
  update(): UpdateStats;
  /** The update as one minibatch per `next()`, so a page can spread it over frames. */
  updateSteps(): Generator<PpoLossParts, UpdateStats>;
  /** collect() then update(). */
  iterate(): { rollout: RolloutStats; update: UpdateStats };
  /** Pick an action for one observation: sampled from π, or its most probable action. */
  act(obs: ArrayLike<number>, greedy?: boolean): number;
  /** π(·|s) for one observation. */
  probabilities(obs: ArrayLike<number>): Float64Array;
  /** V(s) for one observation. */
  value(obs: ArrayLike<number>): number;
  /** Mean return of `episodes` full episodes of the greedy (or sampled) policy, on fresh seeded envs. */
  evaluate(episodes?: number, options?: { greedy?: boolean; seed?: number }): number;
  /** Change learning settings between updates (the network and data stay). */
  configure(changes: Partial<Pick<typeof PPO_DEFAULTS, 'clip' | 'learningRate' | 'gamma' | 'lambda' | 'epochs' | 'minibatchSize' | 'entropyCoef' | 'valueCoef'>>): void;
  /** Weights as base64 float32 (for saving a policy). */
  exportWeights(): { hidden: number[]; actor: string; critic: string };
  /** Load weights saved by {@link exportWeights}. */
  loadWeights(w: { hidden: number[]; actor: string; critic: string }): void;
  /** Nothing to free (plain arrays); present for the engine's ownership convention. */
  dispose(): void;
}

/** Check options; throws a message naming the field and the accepted range. */
export function validatePpoOptions(o: typeof PPO_DEFAULTS): void {
  const intIn = (name: string, v: number, lo: number, hi: number) => {
    if (!(Number.isInteger(v) && v >= lo && v <= hi)) throw new Error(`${name} must be a whole number from ${lo} to ${hi}, got ${v}.`);
  };
  const numIn = (name: string, v: number, lo: number, hi: number) => {
    if (!(Number.isFinite(v) && v >= lo && v <= hi)) throw new Error(`${name} must be a number from ${lo} to ${hi}, got ${v}.`);
  };
  intIn('numEnvs', o.numEnvs, 1, 64);
  intIn('rolloutLength', o.rolloutLength, 8, 4096);
  intIn('epochs', o.epochs, 1, 50);
  intIn('minibatchSize', o.minibatchSize, 8, 16384);
  numIn('clip', o.clip, 0.01, 1);
  numIn('learningRate', o.learningRate, 1e-6, 0.1);
  numIn('gamma', o.gamma, 0, 1);
  numIn('lambda', o.lambda, 0, 1);
  numIn('entropyCoef', o.entropyCoef, 0, 1);
  numIn('valueCoef', o.valueCoef, 0, 10);
  for (const h of o.hidden) intIn('hidden', h, 1, 256);
}

/**
 * Adam (β₁ 0.9, β₂ 0.999, ε 1e-5 as in PPO implementations) with a learning rate that may change
 * between steps without losing the moment estimates (the widget's slider).
 */
class Adam {
  private readonly m: Float32Array[];
  private readonly v: Float32Array[];
  private t = 0;
  constructor(
    params: Float32Array[],
    public learningRate: number,
  ) {
    this.m = params.map((p) => new Float32Array(p.length));
    this.v = params.map((p) => new Float32Array(p.length));
  }
  update(params: Float32Array[], grads: Float32Array[]): void {
    this.t++;
    const bc1 = 1 - 0.9 ** this.t;
    const bc2 = 1 - 0.999 ** this.t;
    const lr = this.learningRate;
    for (let i = 0; i < params.length; i++) {
      const p = params[i];
      const g = grads[i];
      const m = this.m[i];
      const v = this.v[i];
      for (let k = 0; k < p.length; k++) {
        m[k] = 0.9 * m[k] + 0.1 * g[k];
        v[k] = 0.999 * v[k] + 0.001 * g[k] * g[k];
        p[k] -= (lr * (m[k] / bc1)) / (Math.sqrt(v[k] / bc2) + 1e-5);
      }
    }
  }
  reset(): void {
    this.t = 0;
    for (const a of [...this.m, ...this.v]) a.fill(0);
  }
}

/** Build a PPO learner for CartPole-v1. */
export function createPpoTrainer(options: PpoOptions = {}): PpoTrainer {
  const o = { ...PPO_DEFAULTS, ...options, hidden: [...(options.hidden ?? (options.pretrained ? CARTPOLE_POLICY.hidden : PPO_DEFAULTS.hidden))] };
  validatePpoOptions(o);
  const root = createRng(o.seed);
  const net = new ActorCritic(4, 2, o.hidden, root.fork());
  const sampler: Rng = root.fork();
  const shuffler: Rng = root.fork();
  const vec: VecEnv = createVecEnv(() => createCartPole(), o.numEnvs, o.seed);
  const optimizer = new Adam(net.paramList(), o.learningRate);
  const N = o.numEnvs;
  const T = o.rolloutLength;
  const size = N * T;
  const obsBuf = new Float32Array(size * 4);
  const actBuf = new Int32Array(size);
  const logpBuf = new Float32Array(size);
  const valBuf = new Float32Array(size);
  const rewBuf = new Float32Array(size);
  const doneBuf = new Uint8Array(size);
  const actions = new Int32Array(N);
  const probs = new Float64Array(2);
  let advantages: Float32Array = new Float32Array(size);
  let returns: Float32Array = new Float32Array(size);
  let envSteps = 0;
  let updates = 0;
  let hasRollout = false;

  const loadPretrained = (w: { hidden: number[]; actor: string; critic: string }) => {
    if (w.hidden.join(',') !== o.hidden.join(',')) throw new Error(`Weights are for hidden layers ${w.hidden.join(',')}, the network has ${o.hidden.join(',')}.`);
    net.actor.importFlat(decodeFloat32(w.actor));
    net.critic.importFlat(decodeFloat32(w.critic));
    optimizer.reset();
  };
  if (o.pretrained) loadPretrained(CARTPOLE_POLICY);

  const single = new Float32Array(4);
  const trainer: PpoTrainer = {
    options: o,
    net,
    get envSteps() {
      return envSteps;
    },
    get updates() {
      return updates;
    },
    get hasRollout() {
      return hasRollout;
    },
    collect() {
      const steps = trainer.collectSteps();
      for (;;) {
        const r = steps.next();
        if (r.done) return r.value;
      }
    },
    *collectSteps() {
      hasRollout = false;
      const episodeReturns: number[] = [];
      const critic = net.critic;
      for (let t = 0; t < T; t++) {
        if (t > 0) yield t;
        const base = t * N;
        obsBuf.set(vec.obs, base * 4);
        const logits = net.actor.forward(vec.obs, N);
        for (let i = 0; i < N; i++) {
          const lse = softmaxRow(logits, i * 2, 2, probs);
          const a = sampler.next() < probs[0] ? 0 : 1;
          actions[i] = a;
          actBuf[base + i] = a;
          logpBuf[base + i] = logits[i * 2 + a] - lse;
        }
        const values = critic.forward(vec.obs, N);
        for (let i = 0; i < N; i++) valBuf[base + i] = values[i];
        const r = vec.step(actions);
        for (let i = 0; i < N; i++) {
          let reward = r.rewards[i];
          // A time limit is not a terminal state: fold γ·V(s_final) into the reward, so the
          // episode boundary below does not pretend the future was worth nothing.
          if (r.truncs[i]) {
            single.set(vec.finalObs.subarray(i * 4, i * 4 + 4));
            reward += o.gamma * critic.forward(single, 1)[0];
          }
          rewBuf[base + i] = reward;
          doneBuf[base + i] = r.dones[i] || r.truncs[i] ? 1 : 0;
        }
        episodeReturns.push(...r.finishedReturns);
      }
      envSteps += size;
      const last = Float32Array.from(critic.forward(vec.obs, N).subarray(0, N));
      ({ advantages, returns } = gae(rewBuf, valBuf, doneBuf, last, o.gamma, o.lambda, N));
      hasRollout = true;
      const pick = <A extends Float32Array | Uint8Array | Int32Array>(src: A, make: (n: number) => A): A => {
        const out = make(T);
        for (let t = 0; t < T; t++) out[t] = src[t * N];
        return out;
      };
      const traceObs = new Float32Array(T * 4);
      for (let t = 0; t < T; t++) traceObs.set(obsBuf.subarray(t * N * 4, t * N * 4 + 4), t * 4);
      return {
        envSteps,
        episodeReturns,
        trace: {
          obs: traceObs,
          rewards: pick(rewBuf, (n) => new Float32Array(n)),
          dones: pick(doneBuf, (n) => new Uint8Array(n)),
          advantages: pick(advantages, (n) => new Float32Array(n)),
          values: pick(valBuf, (n) => new Float32Array(n)),
          actions: pick(actBuf, (n) => new Int32Array(n)),
        },
      };
    },
    *updateSteps() {
      if (!hasRollout) trainer.collect();
      hasRollout = false;
      const mb = Math.min(o.minibatchSize, size);
      const order = Array.from({ length: size }, (_, i) => i);
      const rows = new Int32Array(mb);
      const normAdv = new Float32Array(size);
      const sums = { policyLoss: 0, valueLoss: 0, entropy: 0, approxKl: 0, clipFraction: 0 };
      let count = 0;
      let last: PpoLossParts | undefined;
      const params = net.paramList();
      const grads = net.gradList();
      for (let e = 0; e < o.epochs; e++) {
        shuffler.shuffle(order);
        for (let start = 0; start + mb <= size; start += mb) {
          for (let i = 0; i < mb; i++) rows[i] = order[start + i];
          // Normalise advantages within the minibatch (mean 0, std 1), as CleanRL does.
          if (o.normalizeAdvantages) {
            let mean = 0;
            for (let i = 0; i < mb; i++) mean += advantages[rows[i]];
            mean /= mb;
            let v = 0;
            for (let i = 0; i < mb; i++) v += (advantages[rows[i]] - mean) ** 2;
            const std = Math.sqrt(v / Math.max(1, mb - 1)) + 1e-8;
            for (let i = 0; i < mb; i++) normAdv[rows[i]] = (advantages[rows[i]] - mean) / std;
          }
          const parts = ppoLossAndGrads(
            net,
            { obs: obsBuf, actions: actBuf, oldLogProbs: logpBuf, advantages: o.normalizeAdvantages ? normAdv : advantages, returns, rows, n: mb },
            { clip: o.clip, valueCoef: o.valueCoef, entropyCoef: o.entropyCoef },
          );
          if (o.maxGradNorm > 0) {
            let sq = 0;
            for (const g of grads) for (let j = 0; j < g.length; j++) sq += g[j] * g[j];
            const norm = Math.sqrt(sq);
            if (norm > o.maxGradNorm) {
              const s = o.maxGradNorm / (norm + 1e-6);
              for (const g of grads) for (let j = 0; j < g.length; j++) g[j] *= s;
            }
          }
          optimizer.learningRate = o.learningRate;
          optimizer.update(params, grads);
          sums.policyLoss += parts.policyLoss;
          sums.valueLoss += parts.valueLoss;
          sums.entropy += parts.entropy;
          sums.approxKl += parts.approxKl;
          sums.clipFraction += parts.clipFraction;
          count++;
          last = parts;
          yield parts;
        }
      }
      updates++;
      const k = Math.max(1, count);
      return {
        updates,
        policyLoss: sums.policyLoss / k,
        valueLoss: sums.valueLoss / k,
        entropy: sums.entropy / k,
        approxKl: sums.approxKl / k,
        clipFraction: sums.clipFraction / k,
        lastRatios: last?.ratios ?? new Float32Array(0),
        lastAdvantages: last?.advantages ?? new Float32Array(0),
        minibatches: count,
      };
    },
    update() {
      const it = trainer.updateSteps();
      for (;;) {
        const r = it.next();
        if (r.done) return r.value;
      }
    },
    iterate() {
      const rollout = trainer.collect();
      return { rollout, update: trainer.update() };
    },
    probabilities(obs) {
      single.set(Array.from({ length: 4 }, (_, i) => obs[i]));
      const logits = net.actor.forward(single, 1);
      const out = new Float64Array(2);
      softmaxRow(logits, 0, 2, out);
      return out;
    },
    act(obs, greedy = false) {
      const p = trainer.probabilities(obs);
      if (greedy) return p[1] > p[0] ? 1 : 0;
      return sampler.next() < p[0] ? 0 : 1;
    },
    value(obs) {
      single.set(Array.from({ length: 4 }, (_, i) => obs[i]));
      return net.critic.forward(single, 1)[0];
    },
    evaluate(episodes = 20, { greedy = true, seed = 10_000 } = {}) {
      // All episodes step together as one batch through the actor.
      const envs = Array.from({ length: episodes }, () => createCartPole());
      const obs = new Float32Array(episodes * 4);
      envs.forEach((env, i) => obs.set(env.reset(seed + i), i * 4));
      const alive = new Uint8Array(episodes).fill(1);
      const totals = new Float64Array(episodes);
      const evalRng = createRng(seed);
      let running = episodes;
      const p = new Float64Array(2);
      while (running > 0) {
        const logits = net.actor.forward(obs, episodes);
        for (let i = 0; i < episodes; i++) {
          if (!alive[i]) continue;
          softmaxRow(logits, i * 2, 2, p);
          const a = greedy ? (p[1] > p[0] ? 1 : 0) : evalRng.next() < p[0] ? 0 : 1;
          const r = envs[i].step(a);
          totals[i] += r.reward;
          obs.set(r.observation, i * 4);
          if (r.done || r.truncated) {
            alive[i] = 0;
            running--;
          }
        }
      }
      return totals.reduce((a, b) => a + b, 0) / episodes;
    },
    configure(changes) {
      const next = { ...o, ...changes };
      validatePpoOptions(next);
      Object.assign(o, changes);
    },
    exportWeights() {
      return { hidden: [...o.hidden], actor: encodeFloat32(net.actor.exportFlat()), critic: encodeFloat32(net.critic.exportFlat()) };
    },
    loadWeights: loadPretrained,
    dispose() {
      hasRollout = false;
    },
  };
  return trainer;
}
