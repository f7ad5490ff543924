/**
 * Class imbalance, live: a 2-D two-class problem whose minority class is `ratio` times rarer than
 * the majority, a small MLP trained with one of three losses and one of four ways of resampling
 * the training set, and the read-outs a talk on unbalanced data needs: the scores of a fixed
 * evaluation set (drawn with the same class ratio), the ROC and precision–recall curves with their
 * areas, and the confusion matrix, precision, recall and F1 at any decision threshold.
 *
 * ```ts
 * const t = createImbalanceTrainer({ ratio: 50, loss: 'focal', gamma: 2 });
 * t.step(200);                     // 200 minibatch updates (Adam)
 * const e = t.evaluate(0.5);       // rocAuc, prAuc, roc/pr curves, confusion at 0.5
 * thresholdMetrics(e.scores, t.evalSet.y, 0.3); // move the threshold without retraining
 * ```
 *
 * What the room should see: ROC-AUC hardly moves between losses (it measures ranking and ignores
 * the class prior), while the minority recall at the 0.5 threshold and the PR-AUC (which does
 * depend on the prior) change a lot. Plain JavaScript, seeded; the loss gradients are checked
 * against finite differences in imbalance.test.ts.
 */
import { gridPoints } from '../datasets/features.ts';
import type { Dataset } from '../datasets/two-d.ts';
import { createLayerStack, StackRunner, type LayerStack } from '../kernels/layer-stack.ts';
import { createJsOptimizer, type JsOptimizer } from '../optim/optimizers.ts';
import { createRng, type Rng } from '../random.ts';

/** Training losses on the logit z of the minority class. */
export const IMBALANCE_LOSSES = ['bce', 'weighted', 'focal'] as const;
/** One training loss. */
export type ImbalanceLoss = (typeof IMBALANCE_LOSSES)[number];
/** Ways of resampling the training set before training. */
export const SAMPLINGS = ['none', 'under', 'over', 'smote'] as const;
/** One resampling scheme. */
export type Sampling = (typeof SAMPLINGS)[number];

/** Defaults for {@link createImbalanceTrainer}. */
export const IMBALANCE_DEFAULTS = {
  /** Majority : minority class ratio, 1 (balanced) to 100. */
  ratio: 10,
  /** Majority-class (label 0) training points; the minority gets round(majority / ratio), at least 2. */
  majority: 2000,
  /** Majority-class points in the fixed evaluation set (same ratio as training, its own seed). */
  evalMajority: 4000,
  /** Training loss: plain BCE, class-weighted BCE (pos_weight) or focal loss. */
  loss: 'bce' as ImbalanceLoss,
  /** pos_weight of the weighted loss; 'auto' uses the training set's majority/minority count (the usual heuristic). */
  posWeight: 'auto' as number | 'auto',
  /** Focal loss exponent γ ≥ 0: (1 − p_t)^γ fades out the examples already classified well; γ = 0 is BCE. */
  gamma: 2,
  /** Focal loss α-balancing (weight α on the minority, 1 − α on the majority); null: no balancing weight. */
  focalAlpha: null as number | null,
  /** Resampling of the training set, done once at creation with its own seed. */
  sampling: 'none' as Sampling,
  /** SMOTE: neighbours among the minority points to interpolate towards. */
  smoteK: 5,
  /** Hidden layer widths of the MLP (2 → hidden → 1 logit). */
  hidden: [16, 16],
  /** Adam's learning rate. */
  learningRate: 0.01,
  /** Minibatch size (shuffled epochs over the resampled set). */
  batchSize: 128,
  /** Seed for the training data, resampling, weights and batch order. */
  seed: 1,
};

/** Options for {@link createImbalanceTrainer}; every field of {@link IMBALANCE_DEFAULTS} is optional. */
export type ImbalanceOptions = Partial<typeof IMBALANCE_DEFAULTS>;

/** Seed of the evaluation set: fixed, so every configuration is scored on the same points. */
const EVAL_SEED = 9001;

/** Centre and spread of the two classes. The minority is a compact blob inside the majority's wide cloud. */
const MAJORITY = { cx: -0.8, cy: -0.6, std: 2.0 };
const MINORITY = { cx: 1.8, cy: 1.6, std: 0.9 };

/**
 * The two-class problem: `majority` points of class 0 from a wide Gaussian and
 * max(2, round(majority / ratio)) points of class 1 from a compact one that it overlaps, so no
 * boundary is perfect and where the prior moves the best boundary is visible. Class-1 rows come
 * first. Points are clamped to [-6, 6]².
 */
export function imbalancedData(ratio: number, majority: number, seed: number): Dataset {
  if (!(ratio >= 1 && ratio <= 100)) throw new Error(`ratio must be from 1 to 100, got ${ratio}.`);
  if (!Number.isInteger(majority) || majority < 2 || majority > 20000) throw new Error(`majority must be a whole number from 2 to 20000, got ${majority}.`);
  const minority = Math.max(2, Math.round(majority / ratio));
  const n = minority + majority;
  const rng = createRng(seed);
  const x = new Float32Array(2 * n);
  const y = new Float32Array(n);
  const clamp = (v: number) => Math.max(-6, Math.min(6, v));
  for (let i = 0; i < n; i++) {
    const c = i < minority ? MINORITY : MAJORITY;
    x[2 * i] = clamp(rng.normal(c.cx, c.std));
    x[2 * i + 1] = clamp(rng.normal(c.cy, c.std));
    y[i] = i < minority ? 1 : 0;
  }
  return { x, y, n, dims: 2, task: 'classification' };
}

/** A resampled training set. */
export interface Resampled extends Dataset {
  /** 1 for a point SMOTE made up (not in the original data), else 0. */
  synthetic: Uint8Array;
}

/** Class counts of a label array: [majority (0), minority (1)]. */
export function classCounts(y: ArrayLike<number>): [number, number] {
  let pos = 0;
  for (let i = 0; i < y.length; i++) if (y[i] === 1) pos++;
  return [y.length - pos, pos];
}

/**
 * Rebalance a two-class dataset to equal class counts.
 * - `none`: unchanged.
 * - `under`: random undersampling: a random subset of the majority, as large as the minority
 *   (throws information away, but every step sees balanced classes).
 * - `over`: random oversampling: the minority repeated (drawn with replacement) up to the majority's
 *   count (no new information: the network can memorise the repeated points).
 * - `smote`: SMOTE (Chawla et al. 2002): new minority points on the segments from a minority point to
 *   one of its `k` nearest minority neighbours, up to the majority's count.
 */
export function resample(data: Dataset, sampling: Sampling, rng: Rng, k = IMBALANCE_DEFAULTS.smoteK): Resampled {
  if (!(SAMPLINGS as readonly string[]).includes(sampling)) throw new Error(`sampling must be one of ${SAMPLINGS.join(', ')}, got ${String(sampling)}.`);
  const pos: number[] = [];
  const neg: number[] = [];
  for (let i = 0; i < data.n; i++) (data.y[i] === 1 ? pos : neg).push(i);
  const rows: number[] = [];
  const made: number[] = []; // synthetic points, x then y coordinate
  if (sampling === 'none') for (let i = 0; i < data.n; i++) rows.push(i);
  else if (sampling === 'under') {
    const [small, large] = pos.length <= neg.length ? [pos, neg] : [neg, pos];
    rows.push(...small, ...rng.shuffle([...large]).slice(0, small.length));
  } else {
    const [small, large] = pos.length <= neg.length ? [pos, neg] : [neg, pos];
    rows.push(...small, ...large);
    const extra = large.length - small.length;
    if (sampling === 'over') for (let e = 0; e < extra; e++) rows.push(small[rng.int(small.length)]);
    else if (extra > 0) {
      const nb = nearestNeighbours(data.x, small, Math.max(1, Math.min(k, small.length - 1)));
      for (let e = 0; e < extra; e++) {
        const a = rng.int(small.length);
        const b = nb[a][rng.int(nb[a].length)];
        const u = rng.next();
        const ia = small[a];
        made.push(data.x[2 * ia] + u * (data.x[2 * b] - data.x[2 * ia]), data.x[2 * ia + 1] + u * (data.x[2 * b + 1] - data.x[2 * ia + 1]));
      }
    }
  }
  const label = pos.length <= neg.length ? 1 : 0;
  const n = rows.length + made.length / 2;
  const x = new Float32Array(2 * n);
  const y = new Float32Array(n);
  const synthetic = new Uint8Array(n);
  rows.forEach((src, i) => {
    x[2 * i] = data.x[2 * src];
    x[2 * i + 1] = data.x[2 * src + 1];
    y[i] = data.y[src];
  });
  for (let s = 0; s < made.length / 2; s++) {
    const i = rows.length + s;
    x[2 * i] = made[2 * s];
    x[2 * i + 1] = made[2 * s + 1];
    y[i] = label;
    synthetic[i] = 1;
  }
  return { x, y, n, dims: 2, task: 'classification', synthetic };
}

/**
 * For each row in `rows`, the indices (into the dataset) of its `k` nearest other rows in `rows`,
 * nearest first. Brute force with a running top-k (insertion), O(m²·k) for m rows: the minority is
 * at most a few hundred points here.
 */
function nearestNeighbours(x: Float32Array, rows: number[], k: number): number[][] {
  return rows.map((i) => {
    const best: number[] = [];
    const dist: number[] = [];
    for (const j of rows) {
      if (j === i) continue;
      const d = (x[2 * i] - x[2 * j]) ** 2 + (x[2 * i + 1] - x[2 * j + 1]) ** 2;
      if (best.length === k && d >= dist[k - 1]) continue;
      let at = Math.min(best.length, k - 1);
      if (best.length < k) {
        best.push(j);
        dist.push(d);
      }
      while (at > 0 && dist[at - 1] > d) {
        best[at] = best[at - 1];
        dist[at] = dist[at - 1];
        at--;
      }
      best[at] = j;
      dist[at] = d;
    }
    return best;
  });
}

/** Parameters of the losses. */
export interface LossParams {
  /** pos_weight w of the weighted loss. */
  posWeight: number;
  /** Focal exponent γ. */
  gamma: number;
  /** Focal α (weight of the minority), or null for none. */
  focalAlpha: number | null;
}

const logSigmoid = (z: number) => (z >= 0 ? -Math.log1p(Math.exp(-z)) : z - Math.log1p(Math.exp(z)));

/**
 * One example's loss on the logit z (label y ∈ {0, 1}) and its derivative ∂L/∂z, with p = σ(z):
 * - bce:      L = −y log p − (1 − y) log(1 − p),                 ∂L/∂z = p − y
 * - weighted: L = −w·y log p − (1 − y) log(1 − p)  (PyTorch's BCEWithLogitsLoss(pos_weight=w)),
 *             ∂L/∂z = (w·y + 1 − y)·p − w·y: every minority example counts w times.
 * - focal:    with p_t = p if y = 1 else 1 − p, L = −α_t (1 − p_t)^γ log p_t (Lin et al. 2017);
 *             since ∂p_t/∂z = s·p_t(1 − p_t) with s = ±1 for y = 1 / 0,
 *             ∂L/∂z = s·α_t·[γ (1 − p_t)^γ p_t log p_t − (1 − p_t)^(γ+1)].
 * Everything goes through log σ(±z), which never overflows.
 */
export function lossAndGrad(kind: ImbalanceLoss, z: number, y: number, params: LossParams): { loss: number; grad: number } {
  const p = 1 / (1 + Math.exp(-z));
  if (kind === 'bce') return { loss: -(y * logSigmoid(z) + (1 - y) * logSigmoid(-z)), grad: p - y };
  if (kind === 'weighted') {
    const w = params.posWeight;
    return { loss: -(w * y * logSigmoid(z) + (1 - y) * logSigmoid(-z)), grad: (w * y + 1 - y) * p - w * y };
  }
  const s = y === 1 ? 1 : -1;
  const logPt = logSigmoid(s * z);
  const pt = Math.exp(logPt);
  const q = s === 1 ? 1 - p : p; // 1 − p_t, computed without cancellation
  const g = params.gamma;
  const alpha = params.focalAlpha === null ? 1 : y === 1 ? params.focalAlpha : 1 - params.focalAlpha;
  const qg = g === 0 ? 1 : Math.pow(q, g);
  return { loss: -alpha * qg * logPt, grad: s * alpha * (g * qg * pt * logPt - qg * q) };
}

/** Counts and rates at one threshold (a point is predicted minority when its score ≥ threshold). */
export interface ThresholdMetrics {
  threshold: number;
  /** Minority predicted minority. */
  tp: number;
  /** Majority predicted minority. */
  fp: number;
  /** Majority predicted majority. */
  tn: number;
  /** Minority predicted majority. */
  fn: number;
  /** tp / (tp + fp); 1 when nothing is predicted minority (where the PR curve starts). */
  precision: number;
  /** tp / (tp + fn): the minority recall (true positive rate). */
  recall: number;
  /** fp / (fp + tn): the false positive rate (the ROC curve's x). */
  fpr: number;
  /** Harmonic mean of precision and recall (0 when both are 0). */
  f1: number;
  /** (tp + tn) / n: what a majority-only classifier already scores highly on. */
  accuracy: number;
}

/** Confusion matrix and rates of `scores` against 0/1 `labels` at `threshold`. */
export function thresholdMetrics(scores: ArrayLike<number>, labels: ArrayLike<number>, threshold: number): ThresholdMetrics {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < scores.length; i++) {
    const hit = scores[i] >= threshold;
    if (labels[i] === 1) {
      if (hit) tp++;
      else fn++;
    } else if (hit) fp++;
    else tn++;
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const fpr = fp + tn === 0 ? 0 : fp / (fp + tn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { threshold, tp, fp, tn, fn, precision, recall, fpr, f1, accuracy: (tp + tn) / Math.max(1, scores.length) };
}

/** ROC and precision–recall curves with their areas. */
export interface Curves {
  /** ROC x: false positive rate, from 0 to 1, one point per distinct score plus (0, 0). */
  fpr: Float32Array;
  /** ROC y: true positive rate (recall). */
  tpr: Float32Array;
  /** Area under the ROC curve (trapezoids): the chance that a random minority point outscores a random majority point. */
  rocAuc: number;
  /** PR x: recall, from 0 to 1 (starts at recall 0, precision 1). */
  recall: Float32Array;
  /** PR y: precision. */
  precision: Float32Array;
  /** Average precision Σ (Rₙ − Rₙ₋₁)·Pₙ (sklearn's step-wise PR-AUC); a random ranking scores the minority's share. */
  prAuc: number;
  /** The score at which each curve point starts predicting minority (descending; Infinity for the first point). */
  thresholds: Float32Array;
}

/**
 * Sweep the threshold from high to low over the distinct scores: each step adds the points with
 * that score to the predicted minority, moving the ROC point up (a minority point) or right (a
 * majority point). Ties move both at once, which the trapezoid rule counts as half a win.
 *
 * The scores of each class are sorted on their own (typed-array sorts, no comparator) and then
 * merged from the top: a few milliseconds less per read-out than one sort of all indices, and
 * the same curve, since only the order of the distinct scores and the counts at each matter.
 */
export function curves(scores: ArrayLike<number>, labels: ArrayLike<number>): Curves {
  const n = scores.length;
  const [negTotal, posTotal] = classCounts(labels);
  const pos = new Float64Array(posTotal);
  const neg = new Float64Array(n - posTotal);
  for (let i = 0, a = 0, b = 0; i < n; i++) {
    if (labels[i] === 1) pos[a++] = scores[i];
    else neg[b++] = scores[i];
  }
  pos.sort();
  neg.sort();
  const size = n + 1;
  const fpr = new Float32Array(size);
  const tpr = new Float32Array(size);
  const prec = new Float32Array(size);
  const th = new Float32Array(size);
  prec[0] = 1;
  th[0] = Infinity;
  let len = 1;
  let tp = 0;
  let fp = 0;
  let rocAuc = 0;
  let prAuc = 0;
  let lastX = 0;
  let lastY = 0;
  // Walk both sorted lists from their largest score down.
  let a = pos.length - 1;
  let b = neg.length - 1;
  while (a >= 0 || b >= 0) {
    const s = a < 0 ? neg[b] : b < 0 ? pos[a] : Math.max(pos[a], neg[b]);
    // NaN (a diverged network) sorts above every number: it is one group of its own.
    const same = (v: number) => v === s || (v !== v && s !== s);
    while (a >= 0 && same(pos[a])) {
      tp++;
      a--;
    }
    while (b >= 0 && same(neg[b])) {
      fp++;
      b--;
    }
    const x = negTotal ? fp / negTotal : 0;
    const y = posTotal ? tp / posTotal : 0;
    rocAuc += ((x - lastX) * (y + lastY)) / 2;
    const p = tp / (tp + fp);
    prAuc += (y - lastY) * p;
    fpr[len] = x;
    tpr[len] = y;
    prec[len] = p;
    th[len] = s;
    len++;
    lastX = x;
    lastY = y;
  }
  const rec = tpr.slice(0, len);
  return { fpr: fpr.slice(0, len), tpr: rec.slice(), rocAuc, recall: rec, precision: prec.slice(0, len), prAuc, thresholds: th.slice(0, len) };
}

/** What {@link ImbalanceTrainer.evaluate} reports. */
export interface ImbalanceEvaluation extends Curves {
  /** Minibatch updates so far. */
  step: number;
  /** Mean training loss (the chosen loss) over the updates since the last evaluation, NaN before the first. */
  loss: number;
  /** Plain BCE of the evaluation set (the same yardstick for every loss). */
  evalBce: number;
  /** The model's probability of the minority class for every evaluation point. */
  scores: Float32Array;
  /** Confusion matrix and rates at the requested threshold. */
  atThreshold: ThresholdMetrics;
}

/** A live imbalance experiment. */
export interface ImbalanceTrainer {
  /** The options in force (defaults filled in; posWeight resolved to a number). */
  readonly options: typeof IMBALANCE_DEFAULTS & { posWeight: number };
  /** The training data before resampling (minority rows first). */
  readonly original: Dataset;
  /** What the network trains on (after resampling); SMOTE's points are flagged. */
  readonly trainSet: Resampled;
  /** The fixed evaluation set: same ratio, its own seed; minority rows first. */
  readonly evalSet: Dataset;
  /** Minibatch updates so far. */
  readonly steps: number;
  /** Run `updates` minibatch updates (default 1); returns their mean loss. */
  step(updates?: number): number;
  /** Scores, curves and the confusion matrix at `threshold` (default 0.5). */
  evaluate(threshold?: number): ImbalanceEvaluation;
  /** The confusion matrix and rates at `threshold` for the scores of the last {@link evaluate} (no forward pass: a threshold slider calls this). */
  metricsAt(threshold: number): ThresholdMetrics;
  /** Minority probability on a `size × size` grid over [-6, 6]² (row 0 at the top), for the map. */
  predictGrid(size: number): Float32Array;
  /** Mean loss over a batch of training rows and its gradients (for tests): one array per weight matrix and bias. */
  lossAndGrads(rows: ArrayLike<number>): { loss: number; gw: Float32Array[]; gb: Float32Array[] };
  /** The network's weights (tests perturb them). */
  readonly stack: LayerStack;
}

/** Build data, resampled training set, network and optimizer. Throws a message naming a bad option. */
export function createImbalanceTrainer(options: ImbalanceOptions = {}): ImbalanceTrainer {
  const o = { ...IMBALANCE_DEFAULTS, ...options };
  if (!(IMBALANCE_LOSSES as readonly string[]).includes(o.loss)) throw new Error(`loss must be one of ${IMBALANCE_LOSSES.join(', ')}, got ${String(o.loss)}.`);
  if (!(o.gamma >= 0 && o.gamma <= 10)) throw new Error(`gamma must be from 0 to 10, got ${o.gamma}.`);
  if (o.focalAlpha !== null && !(o.focalAlpha > 0 && o.focalAlpha < 1)) throw new Error(`focalAlpha must lie strictly between 0 and 1 (or be null), got ${o.focalAlpha}.`);
  if (o.posWeight !== 'auto' && !(o.posWeight > 0 && o.posWeight <= 1000)) throw new Error(`posWeight must be 'auto' or a number in (0, 1000], got ${o.posWeight}.`);
  if (!Number.isInteger(o.batchSize) || o.batchSize < 1 || o.batchSize > 4096) throw new Error(`batchSize must be a whole number from 1 to 4096, got ${o.batchSize}.`);
  if (!(o.learningRate > 0 && o.learningRate <= 1)) throw new Error(`learningRate must be in (0, 1], got ${o.learningRate}.`);
  const rng = createRng(o.seed);
  const original = imbalancedData(o.ratio, o.majority, o.seed * 7 + 1);
  const evalSet = imbalancedData(o.ratio, o.evalMajority, EVAL_SEED);
  const trainSet = resample(original, o.sampling, rng.fork(), o.smoteK);
  const [neg, pos] = classCounts(trainSet.y);
  const posWeight = o.posWeight === 'auto' ? neg / Math.max(1, pos) : o.posWeight;
  const params: LossParams = { posWeight, gamma: o.gamma, focalAlpha: o.focalAlpha };
  const stack = createLayerStack([2, ...o.hidden, 1], 'tanh', 'xavier', rng.fork());
  const bs = Math.min(o.batchSize, trainSet.n);
  const runner = new StackRunner(stack, Math.max(bs, 1024));
  const optimizer: JsOptimizer = createJsOptimizer({ name: 'adam', learningRate: o.learningRate });
  const order = rng.fork();
  const xb = new Float32Array(2 * runner.maxRows);
  const dz = new Float32Array(runner.maxRows);
  const paramList = [...stack.w, ...stack.b];
  const gradList = [...runner.gw, ...runner.gb];
  let perm = new Int32Array(0);
  let cursor = 0;
  let steps = 0;
  let lossSum = 0;
  let lossCount = 0;
  let lastScores: Float32Array | null = null;

  /** Forward the rows, fill dz with ∂(mean loss)/∂z and backpropagate; returns the mean loss. */
  const batch = (rows: ArrayLike<number>): number => {
    const m = rows.length;
    for (let i = 0; i < m; i++) {
      xb[2 * i] = trainSet.x[2 * rows[i]];
      xb[2 * i + 1] = trainSet.x[2 * rows[i] + 1];
    }
    const z = runner.forward(xb, m);
    let loss = 0;
    for (let i = 0; i < m; i++) {
      const r = lossAndGrad(o.loss, z[i], trainSet.y[rows[i]], params);
      loss += r.loss;
      dz[i] = r.grad / m;
    }
    runner.backward(dz.subarray(0, m));
    return loss / m;
  };

  /** Minority probabilities of `n` points of `x`, in chunks the runner holds. */
  const predict = (x: Float32Array, n: number): Float32Array => {
    const out = new Float32Array(n);
    for (let off = 0; off < n; off += runner.maxRows) {
      const m = Math.min(runner.maxRows, n - off);
      const z = runner.forward(x.subarray(2 * off, 2 * (off + m)), m);
      for (let i = 0; i < m; i++) out[off + i] = 1 / (1 + Math.exp(-z[i]));
    }
    return out;
  };

  return {
    options: { ...o, posWeight },
    original,
    trainSet,
    evalSet,
    stack,
    get steps() {
      return steps;
    },
    step(updates = 1) {
      let total = 0;
      for (let u = 0; u < updates; u++) {
        if (cursor + bs > perm.length) {
          perm = Int32Array.from(order.shuffle(Array.from({ length: trainSet.n }, (_, i) => i)));
          cursor = 0;
        }
        const l = batch(perm.subarray(cursor, cursor + bs));
        cursor += bs;
        optimizer.update(paramList, gradList);
        total += l;
        steps++;
      }
      lossSum += total;
      lossCount += updates;
      return total / Math.max(1, updates);
    },
    evaluate(threshold = 0.5) {
      const scores = predict(evalSet.x, evalSet.n);
      lastScores = scores;
      let bce = 0;
      for (let i = 0; i < evalSet.n; i++) {
        const p = Math.min(1 - 1e-7, Math.max(1e-7, scores[i]));
        bce -= evalSet.y[i] === 1 ? Math.log(p) : Math.log(1 - p);
      }
      const loss = lossCount ? lossSum / lossCount : NaN;
      lossSum = 0;
      lossCount = 0;
      return { step: steps, loss, evalBce: bce / evalSet.n, scores, atThreshold: thresholdMetrics(scores, evalSet.y, threshold), ...curves(scores, evalSet.y) };
    },
    metricsAt(threshold) {
      lastScores ??= predict(evalSet.x, evalSet.n);
      return thresholdMetrics(lastScores, evalSet.y, threshold);
    },
    predictGrid: (size) => predict(gridPoints(size), size * size),
    lossAndGrads(rows) {
      const loss = batch(rows);
      return { loss, gw: runner.gw.map((g) => g.slice()), gb: runner.gb.map((g) => g.slice()) };
    },
  };
}
