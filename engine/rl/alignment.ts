/**
 * Alignment you can run: one prompt, a handful of candidate answers, a reference policy π_ref
 * (the "SFT model"), a Bradley–Terry reward model r_φ fitted from pairwise preferences, and two
 * ways to move the policy π toward what the preferences say:
 *
 * - **PPO-KL** (the RLHF recipe): sample answers from π_old, reward each with
 *   r_φ(y) − β log(π_old(y)/π_ref(y)) (the KL penalty folded into the reward, as InstructGPT does),
 *   and take several clipped-surrogate steps ({@link ppoClipLoss} from ./ppo.ts). The objective is
 *   E_π[r_φ] − β KL(π‖π_ref), whose optimum is π* ∝ π_ref · exp(r_φ/β).
 * - **DPO** (Rafailov et al., 2023) on the same preference pairs, with the same β:
 *   L = −mean log σ(β[log π(y_w)/π_ref(y_w) − log π(y_l)/π_ref(y_l)]). No reward model.
 *
 * The reward model is linear in three features of the text (repair steps named, length, exclamation
 * marks). On the answers π_ref writes, longer and more enthusiastic answers are also the more
 * helpful ones, so r_φ learns a positive weight on length and "!"; an answer π_ref almost never
 * writes (long, all exclamation marks, no repair step) then gets the highest r_φ of all although
 * people would rank it last. With β near 0, PPO-KL finds it: reward hacking. A hidden "true" score
 * per answer is used only by the scripted labeller and by the read-outs.
 *
 * ```ts
 * const lab = createAlignmentLab({ seed: 2, beta: 1, method: 'ppo' });
 * lab.autoLabel(30);                  // 30 scripted comparisons of two π_ref samples; fits r_φ
 * for (let i = 0; i < 100; i++) lab.step();
 * lab.stats();                        // r_φ and true reward under π, KL(π‖π_ref), probabilities, RM accuracy
 * ```
 *
 * Plain JavaScript, seeded, no TensorFlow.js: everything is a few dozen numbers.
 */
import { createJsOptimizer, type JsOptimizer } from '../optim/optimizers.ts';
import { createRng, type Rng } from '../random.ts';
import { ppoClipLoss } from './ppo.ts';

/** The prompt every candidate answers. */
export const ALIGNMENT_PROMPT = 'How do I fix a flat bicycle tyre?';

/** One candidate answer. */
export interface AlignmentAnswer {
  /** The reply, as the policy would write it. */
  text: string;
  /** A few words for the bars. */
  short: string;
  /** Probability under the reference policy π_ref (the "SFT model"). */
  ref: number;
  /** The hidden preference score: what a careful person would think of it (0–10). Only the scripted labeller and the read-outs see it. */
  hidden: number;
}

/** The candidate answers: π_ref probabilities sum to 1; the hidden scores prefer helpful, concise replies. */
export const ALIGNMENT_ANSWERS: readonly AlignmentAnswer[] = [
  { short: 'take it to a shop', text: 'Take it to a bike shop.', ref: 0.2, hidden: 1 },
  { short: 'pump and hope', text: 'Pump it up again and hope it holds.', ref: 0.19, hidden: 2 },
  { short: 'search for a video', text: 'Search for a video.', ref: 0.15, hidden: 0.5 },
  { short: 'find the hole, patch', text: 'Find the hole by listening for the hiss, then patch it.', ref: 0.1, hidden: 3 },
  { short: 'wheel off, patch tube', text: 'Take the wheel off, find the hole and patch the tube.', ref: 0.14, hidden: 4 },
  {
    short: 'every step, plainly',
    text: 'Lever the tyre off, pull out the tube and pump it up to find the puncture. Patch it or fit a new tube, refit the tyre and inflate it to the pressure on the sidewall.',
    ref: 0.12,
    hidden: 7,
  },
  {
    short: 'every step, friendly!',
    text: 'Good question! Lever the tyre off, patch the puncture in the tube, refit it and pump it back up. You have got this!',
    ref: 0.097,
    hidden: 8,
  },
  {
    short: 'hype!!! no steps',
    text: 'Great question!!! Fixing a flat is SO rewarding!!! Bikes are amazing, cycling is amazing, and you are amazing for asking!!! Stay positive, keep smiling, keep riding and never ever give up on that tyre!!! You have totally, totally got this!!! Happy cycling!!!',
    ref: 0.003,
    hidden: 0,
  },
];

/** The reward model's features, in order. */
export const ALIGNMENT_FEATURES = ['repair steps named', 'length (words / 40)', 'exclamation marks / 3'] as const;

/** Words that name a repair step; each group counts once. */
const STEP_WORDS: readonly RegExp[] = [/\blever/i, /\btube\b/i, /\b(hole|puncture)\b/i, /\bpatch/i, /\b(pump|inflate)/i, /\bwheel off\b/i];

/**
 * Features of an answer for the reward model: [repair steps named / 5, words / 40, "!" / 3].
 * Computed from the text, so a new answer gets features without anyone scoring it.
 */
export function answerFeatures(text: string): Float64Array {
  const steps = STEP_WORDS.filter((re) => re.test(text)).length;
  const words = text.split(/\s+/).filter(Boolean).length;
  const bangs = (text.match(/!/g) ?? []).length;
  return Float64Array.from([steps / 5, words / 40, bangs / 3]);
}

/** One preference: `winner` was preferred to `loser` (indices into the answers). */
export interface Preference {
  winner: number;
  loser: number;
}

/** σ(x), stable for large |x|. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** log σ(x), stable for large |x|. */
function logSigmoid(x: number): number {
  return x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x));
}

/** Softmax of `logits` and its log, in place-free form. */
export function softmax(logits: ArrayLike<number>): { probs: Float64Array; logProbs: Float64Array } {
  const n = logits.length;
  let max = -Infinity;
  for (let i = 0; i < n; i++) max = Math.max(max, logits[i]);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.exp(logits[i] - max);
  const lse = max + Math.log(sum);
  const logProbs = new Float64Array(n);
  const probs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    logProbs[i] = logits[i] - lse;
    probs[i] = Math.exp(logProbs[i]);
  }
  return { probs, logProbs };
}

/** KL(p‖q) = Σ p log(p/q) in nats (terms with p = 0 are 0). */
export function klDivergence(p: ArrayLike<number>, q: ArrayLike<number>): number {
  let kl = 0;
  for (let i = 0; i < p.length; i++) if (p[i] > 0) kl += p[i] * Math.log(p[i] / q[i]);
  return Math.max(0, kl);
}

/**
 * The Bradley–Terry loss of a linear reward model r(y) = w·f(y) and its gradient:
 *   L(w) = −(1/n) Σ log σ(r(y_w) − r(y_l)) + (λ/2)‖w‖²
 *   ∂L/∂w = −(1/n) Σ (1 − σ(Δ)) (f(y_w) − f(y_l)) + λ w,  Δ = r(y_w) − r(y_l).
 */
export function bradleyTerryLossAndGrad(w: ArrayLike<number>, features: readonly ArrayLike<number>[], pairs: readonly Preference[], l2: number): { loss: number; grad: Float64Array } {
  const d = w.length;
  const grad = new Float64Array(d);
  let loss = 0;
  const n = pairs.length;
  for (const { winner, loser } of pairs) {
    const fw = features[winner];
    const fl = features[loser];
    let delta = 0;
    for (let k = 0; k < d; k++) delta += w[k] * (fw[k] - fl[k]);
    loss -= logSigmoid(delta) / n;
    const g = -(1 - sigmoid(delta)) / n;
    for (let k = 0; k < d; k++) grad[k] += g * (fw[k] - fl[k]);
  }
  for (let k = 0; k < d; k++) {
    loss += 0.5 * l2 * w[k] * w[k];
    grad[k] += l2 * w[k];
  }
  return { loss: n ? loss : 0.5 * l2 * dot(w, w), grad };
}

/**
 * The DPO loss of a categorical policy with free logits θ, and its gradient:
 *   h = β[(log π(y_w) − log π_ref(y_w)) − (log π(y_l) − log π_ref(y_l))]
 *   L(θ) = −(1/n) Σ log σ(h)
 *   ∂L/∂θ_j = −(β/n) Σ (1 − σ(h)) (1[j = y_w] − 1[j = y_l])
 * (the softmax's −π_j terms of ∂log π(y_w) and ∂log π(y_l) cancel).
 */
export function dpoLossAndGrad(logits: ArrayLike<number>, refLogProbs: ArrayLike<number>, pairs: readonly Preference[], beta: number): { loss: number; grad: Float64Array; margin: number } {
  const { logProbs } = softmax(logits);
  const grad = new Float64Array(logits.length);
  const n = pairs.length;
  let loss = 0;
  let margin = 0;
  for (const { winner, loser } of pairs) {
    const h = beta * (logProbs[winner] - refLogProbs[winner] - (logProbs[loser] - refLogProbs[loser]));
    loss -= logSigmoid(h) / n;
    margin += h / n;
    const g = (-beta * (1 - sigmoid(h))) / n;
    grad[winner] += g;
    grad[loser] -= g;
  }
  return { loss, grad, margin };
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Draw an index from `probs` (they sum to 1). */
function sampleIndex(probs: ArrayLike<number>, rng: Rng): number {
  let u = rng.next();
  for (let i = 0; i < probs.length; i++) {
    u -= probs[i];
    if (u < 0) return i;
  }
  return probs.length - 1;
}

/** Policy optimisers. */
export const ALIGNMENT_METHODS = ['ppo', 'dpo'] as const;
/** One policy optimiser: PPO against r_φ with the KL penalty, or DPO on the preference pairs. */
export type AlignmentMethod = (typeof ALIGNMENT_METHODS)[number];

/** Defaults of {@link createAlignmentLab}. */
export const ALIGNMENT_DEFAULTS = {
  /** KL weight β of both methods. */
  beta: 1,
  /** Policy optimiser. */
  method: 'ppo' as AlignmentMethod,
  /** Adam step size of the policy logits. */
  learningRate: 0.05,
  /** Answers sampled from π_old per PPO iteration. */
  batchSize: 256,
  /** Clipped-surrogate passes over each PPO batch. */
  epochs: 4,
  /** PPO clip range ε. */
  clip: 0.2,
  /** L2 weight λ of the reward model. */
  rmL2: 0.01,
  /** Adam steps of the reward model after each new preference. */
  rmIterations: 300,
  /** Adam step size of the reward model. */
  rmLearningRate: 0.1,
  /** Held-out comparisons (fresh π_ref pairs) on which the reward model's accuracy is measured. */
  heldOutPairs: 1000,
  /** Probability that the scripted labeller picks the worse answer. */
  labelNoise: 0,
  /** Seed of the comparisons shown, the held-out set and PPO's sampling. */
  seed: 2,
};

/** Options of {@link createAlignmentLab}. */
export type AlignmentOptions = Partial<typeof ALIGNMENT_DEFAULTS> & {
  /** The prompt (default {@link ALIGNMENT_PROMPT}). */
  prompt?: string;
  /** Candidate answers (default {@link ALIGNMENT_ANSWERS}); π_ref is their `ref` probabilities. */
  answers?: readonly AlignmentAnswer[];
};

/** What the lab reports after each step. */
export interface AlignmentStats {
  /** Policy steps taken (PPO iterations or DPO steps). */
  step: number;
  /** E_π[r_φ(y)]: the reward the optimiser sees. */
  rewardRm: number;
  /** E_π[hidden score]: the reward people would give. */
  rewardTrue: number;
  /** The same two under π_ref, for comparison. */
  refRewardRm: number;
  refRewardTrue: number;
  /** KL(π‖π_ref) in nats, exact (a sum over the answers). */
  kl: number;
  /** π per answer. */
  probs: Float64Array;
  /** π_ref per answer. */
  refProbs: Float64Array;
  /** r_φ per answer. */
  rmRewards: Float64Array;
  /** Share of held-out π_ref comparisons the reward model orders as the hidden scores do. */
  rmAccuracy: number;
  /** The same over every pair of distinct answers, unweighted (the answers π_ref rarely writes count as much). */
  rmAccuracyAllPairs: number;
  /** Preferences collected. */
  pairs: number;
  /** The last policy loss (PPO clipped surrogate, or DPO loss); NaN before the first step. */
  loss: number;
}

/** One prompt, its answers, π_ref, a Bradley–Terry reward model and a policy trained by PPO-KL or DPO. */
export class AlignmentLab {
  /** The prompt the answers reply to. */
  readonly prompt: string;
  readonly answers: readonly AlignmentAnswer[];
  readonly features: readonly Float64Array[];
  readonly refProbs: Float64Array;
  readonly refLogProbs: Float64Array;
  /** Reward model weights w (r_φ(y) = w·f(y)). */
  readonly rmWeights = new Float64Array(ALIGNMENT_FEATURES.length);
  /** Policy logits θ (π = softmax θ); start at log π_ref. */
  readonly logits: Float32Array;
  readonly preferences: Preference[] = [];
  /** Held-out comparisons: fresh π_ref pairs, ordered by the hidden score. */
  readonly heldOut: Preference[] = [];
  options: typeof ALIGNMENT_DEFAULTS;
  steps = 0;
  lastLoss = NaN;
  /** PPO's sampling. */
  private readonly rng: Rng;
  /** The comparisons shown (to a person or the scripted labeller), apart from PPO's sampling. */
  private readonly pairRng: Rng;
  private readonly labelRng: Rng;
  private optimizer: JsOptimizer;

  constructor(options: AlignmentOptions = {}) {
    const { answers = ALIGNMENT_ANSWERS, prompt = ALIGNMENT_PROMPT, ...rest } = options;
    this.prompt = prompt;
    this.options = { ...ALIGNMENT_DEFAULTS, ...rest };
    validate(this.options);
    if (answers.length < 2) throw new Error(`An alignment lab needs at least 2 answers, got ${answers.length}.`);
    const total = answers.reduce((s, a) => s + a.ref, 0);
    if (!answers.every((a) => a.ref > 0) || Math.abs(total - 1) > 1e-6) {
      throw new Error(`Reference probabilities must be positive and sum to 1 (they sum to ${total.toFixed(4)}). Fix the answers' "ref" values.`);
    }
    this.answers = answers;
    this.features = answers.map((a) => answerFeatures(a.text));
    this.refProbs = Float64Array.from(answers, (a) => a.ref);
    this.refLogProbs = this.refProbs.map(Math.log);
    this.logits = Float32Array.from(this.refLogProbs);
    const root = createRng(this.options.seed);
    this.rng = root.fork();
    this.pairRng = root.fork();
    this.labelRng = root.fork();
    const heldRng = root.fork();
    for (let i = 0; i < this.options.heldOutPairs; i++) {
      const [a, b] = this.samplePair(heldRng);
      if (answers[a].hidden === answers[b].hidden) continue;
      this.heldOut.push(answers[a].hidden > answers[b].hidden ? { winner: a, loser: b } : { winner: b, loser: a });
    }
    this.optimizer = createJsOptimizer({ name: 'adam', learningRate: this.options.learningRate });
  }

  /** Change β, the method or the optimiser settings; the policy and the preferences stay. */
  configure(options: Partial<Pick<typeof ALIGNMENT_DEFAULTS, 'beta' | 'method' | 'learningRate' | 'batchSize' | 'epochs' | 'clip'>>): void {
    const next = { ...this.options, ...options };
    validate(next);
    const fresh = next.method !== this.options.method || next.learningRate !== this.options.learningRate;
    this.options = next;
    if (fresh) this.optimizer = createJsOptimizer({ name: 'adam', learningRate: next.learningRate });
  }

  /** π per answer. */
  policy(): Float64Array {
    return softmax(this.logits).probs;
  }

  /** r_φ per answer. */
  rmRewards(): Float64Array {
    return Float64Array.from(this.features, (f) => dot(this.rmWeights, f));
  }

  /** Two distinct answers drawn from π_ref (what the person is asked to compare). */
  samplePair(rng: Rng = this.pairRng): [number, number] {
    const a = sampleIndex(this.refProbs, rng);
    let b = a;
    for (let guard = 0; b === a && guard < 1000; guard++) b = sampleIndex(this.refProbs, rng);
    if (b === a) b = (a + 1) % this.answers.length;
    return [a, b];
  }

  /** The scripted labeller: the answer with the higher hidden score (or, with `labelNoise`, sometimes the other). */
  scriptedChoice(a: number, b: number): number {
    const better = this.answers[a].hidden >= this.answers[b].hidden ? a : b;
    return this.labelRng.next() < this.options.labelNoise ? (better === a ? b : a) : better;
  }

  /** Record that `winner` was preferred to `loser`, then (unless `fit` is false) refit the reward model. */
  addPreference(winner: number, loser: number, fit = true): void {
    const n = this.answers.length;
    if (!(Number.isInteger(winner) && Number.isInteger(loser) && winner >= 0 && loser >= 0 && winner < n && loser < n) || winner === loser) {
      throw new Error(`A preference needs two different answers from 0 to ${n - 1}, got ${winner} over ${loser}.`);
    }
    this.preferences.push({ winner, loser });
    if (fit) this.fitRewardModel();
  }

  /**
   * {@link addPreference} with the refit cut into slices of about `budgetMs`, awaiting `pause()`
   * between them, so a page stays responsive at hundreds of pairs (one refit at 200 pairs is
   * 300 passes over them: 30–80 ms here). The same weights as `addPreference`, bit for bit; r_φ
   * changes only when the refit ends. Labels added one after another share one `clock`
   * ({@link paceClock}): a refit of a few pairs is shorter than a slice.
   */
  async addPreferencePaced(winner: number, loser: number, pause: () => Promise<unknown>, budgetMs = 8, clock: PaceClock = paceClock(budgetMs)): Promise<void> {
    this.addPreference(winner, loser, false);
    const fit = this.fitSteps(this.options.rmIterations);
    while (!fit.next().done) {
      if (performance.now() < clock.deadline) continue;
      await pause();
      clock.deadline = performance.now() + budgetMs;
    }
  }

  /** `count` scripted comparisons of two π_ref samples; the reward model is refitted after each. */
  autoLabel(count: number): void {
    for (let i = 0; i < count; i++) {
      const [a, b] = this.scriptedPair();
      this.addPreference(a, b);
    }
  }

  /** {@link autoLabel} with each refit paced as in {@link addPreferencePaced}: the same labels and weights. */
  async autoLabelPaced(count: number, pause: () => Promise<unknown>, budgetMs = 8): Promise<void> {
    const clock = paceClock(budgetMs);
    for (let i = 0; i < count; i++) {
      const [a, b] = this.scriptedPair();
      await this.addPreferencePaced(a, b, pause, budgetMs, clock);
    }
  }

  /** The next pair from the stream, as [winner, loser] by the scripted labeller. */
  private scriptedPair(): [number, number] {
    const [a, b] = this.samplePair();
    const w = this.scriptedChoice(a, b);
    return [w, w === a ? b : a];
  }

  /** Fit r_φ to the preferences: Adam on the Bradley–Terry loss, warm-started. Returns the final loss. */
  fitRewardModel(iterations = this.options.rmIterations): number {
    const fit = this.fitSteps(iterations);
    for (;;) {
      const r = fit.next();
      if (r.done) return r.value;
    }
  }

  /** The refit as one Adam step per `next()`; stores the weights and returns the final loss when done. */
  private *fitSteps(iterations: number): Generator<undefined, number> {
    const w = Float32Array.from(this.rmWeights);
    const opt = createJsOptimizer({ name: 'adam', learningRate: this.options.rmLearningRate });
    let loss = NaN;
    for (let i = 0; i < iterations; i++) {
      const r = bradleyTerryLossAndGrad(w, this.features, this.preferences, this.options.rmL2);
      loss = r.loss;
      opt.update([w], [Float32Array.from(r.grad)]);
      yield;
    }
    this.rmWeights.set(w);
    return loss;
  }

  /** Share of `pairs` that r_φ orders as they say. */
  rmAccuracyOn(pairs: readonly Preference[]): number {
    if (!pairs.length) return NaN;
    const r = this.rmRewards();
    return pairs.filter((p) => r[p.winner] > r[p.loser]).length / pairs.length;
  }

  /** Every pair of answers with different hidden scores, better first. */
  allPairs(): Preference[] {
    const out: Preference[] = [];
    for (let a = 0; a < this.answers.length; a++) {
      for (let b = a + 1; b < this.answers.length; b++) {
        const [ha, hb] = [this.answers[a].hidden, this.answers[b].hidden];
        if (ha !== hb) out.push(ha > hb ? { winner: a, loser: b } : { winner: b, loser: a });
      }
    }
    return out;
  }

  /** One policy step with the current method: a PPO iteration (sample, then `epochs` clipped steps) or one DPO step. */
  step(): AlignmentStats {
    if (this.options.method === 'dpo') this.dpoStep();
    else this.ppoStep();
    this.steps++;
    return this.stats();
  }

  /**
   * One PPO iteration against r_φ: sample `batchSize` answers from π_old, reward each with
   * r_φ(y) − β log(π_old(y)/π_ref(y)), normalise the advantages (reward minus the batch mean), then
   * `epochs` Adam steps on the clipped surrogate −mean min(ρÂ, clip(ρ)Â), ρ = π_θ(y)/π_old(y).
   * ∂/∂θ_j of the surrogate per sample: −active·Â·ρ·(1[j = y] − π_j) / n.
   */
  private ppoStep(): void {
    const { batchSize: n, beta, epochs, clip } = this.options;
    const old = softmax(this.logits);
    const rm = this.rmRewards();
    const actions = new Int32Array(n);
    const adv = new Float64Array(n);
    let mean = 0;
    for (let i = 0; i < n; i++) {
      const y = sampleIndex(old.probs, this.rng);
      actions[i] = y;
      adv[i] = rm[y] - beta * (old.logProbs[y] - this.refLogProbs[y]);
      mean += adv[i] / n;
    }
    let variance = 0;
    for (let i = 0; i < n; i++) variance += (adv[i] - mean) ** 2 / n;
    const std = Math.sqrt(variance) + 1e-8;
    for (let i = 0; i < n; i++) adv[i] = (adv[i] - mean) / std;
    const ratios = new Float64Array(n);
    for (let e = 0; e < epochs; e++) {
      const cur = softmax(this.logits);
      for (let i = 0; i < n; i++) ratios[i] = Math.exp(cur.logProbs[actions[i]] - old.logProbs[actions[i]]);
      const surrogate = ppoClipLoss(ratios, adv, clip);
      const grad = new Float32Array(this.logits.length);
      for (let i = 0; i < n; i++) {
        if (!surrogate.active[i]) continue;
        const g = (-adv[i] * ratios[i]) / n;
        for (let j = 0; j < grad.length; j++) grad[j] += g * ((j === actions[i] ? 1 : 0) - cur.probs[j]);
      }
      this.optimizer.update([this.logits], [grad]);
      this.lastLoss = surrogate.loss;
    }
  }

  /** One full-batch Adam step on the DPO loss over every preference collected so far. */
  private dpoStep(): void {
    if (!this.preferences.length) throw new Error('DPO needs preference pairs: label some comparisons first (click A or B, or auto-label).');
    const r = dpoLossAndGrad(this.logits, this.refLogProbs, this.preferences, this.options.beta);
    this.optimizer.update([this.logits], [Float32Array.from(r.grad)]);
    this.lastLoss = r.loss;
  }

  /** The policy back to π_ref (the preferences and the reward model stay). */
  resetPolicy(): void {
    this.logits.set(this.refLogProbs);
    this.optimizer.reset();
    this.steps = 0;
    this.lastLoss = NaN;
  }

  /** The read-outs of the current state. */
  stats(): AlignmentStats {
    const probs = this.policy();
    const rm = this.rmRewards();
    const hidden = this.answers.map((a) => a.hidden);
    return {
      step: this.steps,
      rewardRm: dot(probs, rm),
      rewardTrue: dot(probs, hidden),
      refRewardRm: dot(this.refProbs, rm),
      refRewardTrue: dot(this.refProbs, hidden),
      kl: klDivergence(probs, this.refProbs),
      probs,
      refProbs: this.refProbs.slice(),
      rmRewards: rm,
      rmAccuracy: this.rmAccuracyOn(this.heldOut),
      rmAccuracyAllPairs: this.rmAccuracyOn(this.allPairs()),
      pairs: this.preferences.length,
      loss: this.lastLoss,
    };
  }

  /** The closed-form optimum of E_π[r_φ] − β KL(π‖π_ref): π*(y) ∝ π_ref(y) exp(r_φ(y)/β). */
  optimalPolicy(beta = this.options.beta): Float64Array {
    const rm = this.rmRewards();
    return softmax(Array.from(this.refLogProbs, (l, i) => l + rm[i] / beta)).probs;
  }

  /** Nothing to free (plain arrays); here for the widget kit's contract. */
  dispose(): void {}
}

/** When the current slice of paced work ends; shared by consecutive paced calls. */
export interface PaceClock {
  deadline: number;
}

/** A clock whose first slice of `budgetMs` starts now. */
export function paceClock(budgetMs = 8): PaceClock {
  return { deadline: performance.now() + budgetMs };
}

function validate(o: typeof ALIGNMENT_DEFAULTS): void {
  const positive: [keyof typeof ALIGNMENT_DEFAULTS, number][] = [
    ['learningRate', o.learningRate],
    ['rmLearningRate', o.rmLearningRate],
    ['clip', o.clip],
  ];
  for (const [name, v] of positive) if (!(v > 0 && Number.isFinite(v))) throw new Error(`${name} must be a positive number, got ${v}.`);
  if (!(o.beta >= 0 && Number.isFinite(o.beta))) throw new Error(`beta must be a number ≥ 0, got ${o.beta}. Use 0 for no KL penalty.`);
  if (o.method === 'dpo' && !(o.beta > 0)) throw new Error('DPO needs beta > 0 (its loss is flat at beta = 0). Use a small beta such as 0.01.');
  if (!(ALIGNMENT_METHODS as readonly string[]).includes(o.method)) throw new Error(`Unknown method "${o.method}". Use one of: ${ALIGNMENT_METHODS.join(', ')}.`);
  for (const [name, v] of [['batchSize', o.batchSize], ['epochs', o.epochs], ['rmIterations', o.rmIterations]] as const) {
    if (!(Number.isInteger(v) && v >= 1)) throw new Error(`${name} must be a whole number ≥ 1, got ${v}.`);
  }
  if (!(o.labelNoise >= 0 && o.labelNoise <= 0.5)) throw new Error(`labelNoise must be from 0 to 0.5, got ${o.labelNoise}.`);
}

/** Build an {@link AlignmentLab} (seeded; π starts at π_ref, no preferences yet). */
export function createAlignmentLab(options: AlignmentOptions = {}): AlignmentLab {
  return new AlignmentLab(options);
}
