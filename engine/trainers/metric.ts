/**
 * Deep metric learning, live: a small MLP (optionally behind a convolutional front end,
 * `convFilters`) embeds MNIST digits onto the unit circle (or a sphere) and is trained so that
 * digits of one class land close together, with a choice of loss
 * (contrastive, triplet, batch-hard triplet, circle loss) and, for the pair and triplet losses, of
 * miner (random, semi-hard, hard). Two digit classes never take part in training: retrieval on
 * them (Recall@1) measures what metric learning is for, placing classes the network has never seen.
 *
 * ```ts
 * const mnist = await loadMnist();
 * const t = createMetricTrainer(mnist, { loss: 'batch-hard', heldOut: [8, 9] });
 * t.step();                 // { step, loss, counts: { easy, semiHard, hard }, pairs, … }
 * t.evaluate().recallHeldOut;
 * t.display();              // 2-D points of a fixed set of test digits, with labels
 * t.neighbours(12, 5);      // retrieval: the 5 display digits nearest to display digit 12
 * ```
 *
 * Batch-hard on the unit circle needs a start: from a random network it pulls every anchor's
 * farthest positive in, which on a circle wins over pushing its nearest negative away, and all
 * digits slide to one point (loss = margin, no triplet easy, for good). So a batch-hard run trains
 * its first `warmupSteps` on semi-hard triplets (the curriculum of starting from semi-hard and
 * switching to hard mining), and the learning rate drops by `decayTo` after `decayAfter` steps so
 * the arrangement of the arcs, and with it the held-out Recall@1, settles instead of drifting.
 *
 * Everything is plain JavaScript (the dense stack of `kernels/layer-stack.ts`, the convolution
 * loops of `kernels/tiny-cnn-js.ts`, Adam from `optim/optimizers.ts`), with every loss's gradient
 * written by hand and checked against finite differences in metric.test.ts. Distances are
 * Euclidean between L2-normalised embeddings, so d² = 2 − 2s with s the cosine similarity: the
 * losses below use whichever of d and s their paper writes, and the (s_n, s_p) picture holds for
 * all of them.
 */
import { MNIST_CLASSES, MNIST_PIXELS, type DigitSet, type MnistSubset } from '../datasets/mnist.ts';
import { createLayerStack, StackRunner, stackParamCount, type LayerStack } from '../kernels/layer-stack.ts';
import { convBackward, convForward, im2col, reluPool } from '../kernels/tiny-cnn-js.ts';
import { createJsOptimizer, type JsOptimizer } from '../optim/optimizers.ts';
import { createRng, type Rng } from '../random.ts';

/** The losses. */
export const METRIC_LOSSES = ['contrastive', 'triplet', 'batch-hard', 'circle'] as const;
/** One loss. */
export type MetricLoss = (typeof METRIC_LOSSES)[number];
/** Triplet miners (used by the contrastive and triplet losses; batch-hard and circle loss choose their own pairs). */
export const METRIC_MINERS = ['random', 'semi-hard', 'hard'] as const;
/** One miner. */
export type MetricMiner = (typeof METRIC_MINERS)[number];

/** Whether a loss uses the miner (batch-hard mines inside the loss; circle loss weights every pair). */
export function lossUsesMiner(loss: MetricLoss): boolean {
  return loss === 'contrastive' || loss === 'triplet';
}

/** A sensible margin per loss: distances on the unit sphere lie in [0, 2], circle loss's m is a relaxation of similarities. */
export const METRIC_MARGINS: Record<MetricLoss, number> = {
  contrastive: 0.5,
  triplet: 0.2,
  'batch-hard': 0.2,
  circle: 0.25,
};

/** Defaults of {@link createMetricTrainer}. */
export const METRIC_DEFAULTS = {
  /** Loss function. */
  loss: 'batch-hard' as MetricLoss,
  /** Triplet miner for the contrastive and triplet losses. */
  miner: 'semi-hard' as MetricMiner,
  /** Margin m; `undefined` takes {@link METRIC_MARGINS} for the loss. */
  margin: undefined as number | undefined,
  /** Circle loss scale γ (the paper uses 80–256 for large models; a small net on 8 classes trains well with 32). */
  gamma: 32,
  /** Digit classes never used in training (Recall@1 is measured on them). */
  heldOut: [8, 9] as number[],
  /** Embedding dimension; 2 puts every digit on the unit circle, which is what the plot shows. */
  dim: 2,
  /** Hidden layer widths of the MLP. */
  hidden: [128, 64] as number[],
  /** Convolutional front end: this many k × k filters ("same", stride 1) → ReLU → 2 × 2 max-pool before the dense layers; 0: none (the digit goes straight into the MLP). */
  convFilters: 0,
  /** Side k of the front end's kernels (odd). */
  convKernel: 3,
  /** Average-pool the 28 × 28 digit by this factor first (2: 14 × 14 = 196 inputs, 4× less work per step). */
  inputPool: 2,
  /** Subtract the mean training digit from every input, so an untrained network already spreads digits around the circle instead of squeezing them into one arc (all-positive pixels push every output the same way). */
  centerInputs: true,
  /** P: classes per batch (at most the number of training classes). */
  classesPerBatch: 8,
  /** K: digits per class in a batch (P × K sampling, so every anchor has positives). */
  perClass: 8,
  /** Adam's learning rate. */
  learningRate: 0.005,
  /** Batch-hard only: the first steps train on semi-hard triplets (batch-hard from a random start collapses every digit to one point on the circle; once the arcs have formed it keeps them). 0 turns the warm-up off. */
  warmupSteps: 300,
  /** Batch-hard only: what the warm-up trains on: semi-hard triplets, or a normalised-softmax loss on learned class proxies ({@link proxyLoss}). */
  warmupLoss: 'semi-hard' as 'semi-hard' | 'proxy',
  /** Temperature T of the proxy warm-up's softmax over cos(e, p) / T. */
  proxyTemperature: 0.1,
  /** After this many steps the learning rate drops to `decayTo` × learningRate (0: never). */
  decayAfter: 2000,
  /** Factor of the learning rate after `decayAfter` steps. */
  decayTo: 0.25,
  /** 0: the rate drops to `decayTo` at once at `decayAfter`; n > 0: it falls linearly from 1 to `decayTo` over n steps after `decayAfter`. */
  decayOver: 0,
  /** Polyak averaging: evaluation, the display and neighbours use an exponential moving average of the weights with this decay per step (0: the raw weights). */
  emaDecay: 0,
  /** Test digits per class in the plotted display set. */
  displayPerClass: 30,
  /** Most (s_n, s_p) pairs returned per step for the plot. */
  maxPairs: 384,
  /** Seed for weights and batches. */
  seed: 1,
};

/** Options of {@link createMetricTrainer}. */
export type MetricOptions = Partial<typeof METRIC_DEFAULTS>;

/** Easy, semi-hard and hard triplets among all valid (anchor, positive, negative) of a batch. */
export interface TripletCounts {
  /** d(a,n) ≥ d(a,p) + m: loss 0. */
  easy: number;
  /** d(a,p) < d(a,n) < d(a,p) + m: right order, inside the margin. */
  semiHard: number;
  /** d(a,n) ≤ d(a,p): the negative is at least as close as the positive. */
  hard: number;
  /** All valid triplets. */
  total: number;
}

/** A loss value with its gradient with respect to the embeddings. */
export interface LossResult {
  /** The loss (mean over its terms). */
  loss: number;
  /** ∂loss/∂E, n × dim. */
  grad: Float64Array;
  /** The (anchor, other) pairs the loss used, as (s_n, s_p) points for the plane: interleaved sn, sp. */
  pairs: Float64Array;
  /** Terms that contributed a gradient (active triplets, pairs or anchors). */
  active: number;
  /** Terms the loss averaged over. */
  terms: number;
}

/** Euclidean distances between all rows of E (n × dim), n × n. */
export function pairwiseDistances(E: ArrayLike<number>, n: number, dim: number): Float64Array {
  const D = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let s = 0;
      for (let k = 0; k < dim; k++) {
        const t = E[i * dim + k] - E[j * dim + k];
        s += t * t;
      }
      D[i * n + j] = D[j * n + i] = Math.sqrt(s);
    }
  }
  return D;
}

/** Dot products (cosine similarities for unit rows) between all rows of E, n × n. */
export function pairwiseSimilarities(E: ArrayLike<number>, n: number, dim: number): Float64Array {
  const S = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s = 0;
      for (let k = 0; k < dim; k++) s += E[i * dim + k] * E[j * dim + k];
      S[i * n + j] = S[j * n + i] = s;
    }
  }
  return S;
}

/** Classify every valid triplet of a batch by its distances (D from {@link pairwiseDistances}). */
export function countTriplets(D: ArrayLike<number>, labels: ArrayLike<number>, n: number, margin: number): TripletCounts {
  const c = { easy: 0, semiHard: 0, hard: 0, total: 0 };
  for (let a = 0; a < n; a++) {
    for (let p = 0; p < n; p++) {
      if (p === a || labels[p] !== labels[a]) continue;
      const dap = D[a * n + p];
      for (let q = 0; q < n; q++) {
        if (labels[q] === labels[a]) continue;
        const dan = D[a * n + q];
        if (dan >= dap + margin) c.easy++;
        else if (dan > dap) c.semiHard++;
        else c.hard++;
      }
    }
  }
  c.total = c.easy + c.semiHard + c.hard;
  return c;
}

/**
 * Triplets (a, p, n) chosen by a miner, flattened. `random`: for every (anchor, positive) one
 * negative drawn uniformly, so most are easy once training is under way; `semi-hard`: every
 * semi-hard triplet of the batch (FaceNet's choice); `hard`: every hard triplet (the largest
 * gradients, and the known route to collapse early in training).
 */
export function mineTriplets(D: ArrayLike<number>, labels: ArrayLike<number>, n: number, miner: MetricMiner, margin: number, rng: Rng): Int32Array {
  // At most Σ_a positives(a)·negatives(a) triplets (25,088 for 8 classes × 8): one buffer, filled in place.
  let most = 0;
  for (let a = 0; a < n; a++) {
    let same = 0;
    for (let q = 0; q < n; q++) if (labels[q] === labels[a]) same++;
    most += (same - 1) * (miner === 'random' ? 1 : n - same);
  }
  const out = new Int32Array(3 * most);
  const negs = new Int32Array(n);
  let t = 0;
  for (let a = 0; a < n; a++) {
    let nn = 0;
    for (let q = 0; q < n; q++) if (labels[q] !== labels[a]) negs[nn++] = q;
    if (nn === 0) continue;
    for (let p = 0; p < n; p++) {
      if (p === a || labels[p] !== labels[a]) continue;
      const dap = D[a * n + p];
      if (miner === 'random') {
        out[t++] = a;
        out[t++] = p;
        out[t++] = negs[rng.int(nn)];
        continue;
      }
      for (let k = 0; k < nn; k++) {
        const q = negs[k];
        const dan = D[a * n + q];
        const hard = dan <= dap;
        if (miner === 'hard' ? hard : !hard && dan < dap + margin) {
          out[t++] = a;
          out[t++] = p;
          out[t++] = q;
        }
      }
    }
  }
  return out.slice(0, t);
}

/**
 * Gradient of Σ_ij C_ij · d(i,j) with respect to E, for a matrix of coefficients C (n × n, any
 * pairs): each term pulls (C > 0) or pushes (C < 0) the pair along E_i − E_j. Collecting the
 * coefficients first makes a loss over thousands of triplets cost O(triplets + n²·dim).
 */
function distanceGradFromCoefficients(E: ArrayLike<number>, D: ArrayLike<number>, C: Float64Array, n: number, dim: number): Float64Array {
  const grad = new Float64Array(n * dim);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const c = C[i * n + j];
      const d = D[i * n + j];
      if (c === 0 || d < 1e-12) continue; // no gradient at d = 0, where it is undefined
      const f = c / d;
      for (let k = 0; k < dim; k++) {
        const v = f * (E[i * dim + k] - E[j * dim + k]);
        grad[i * dim + k] += v;
        grad[j * dim + k] -= v;
      }
    }
  }
  return grad;
}

/** s = 1 − d²/2: the cosine similarity of two unit vectors at distance d. */
const simOf = (d: number) => 1 - (d * d) / 2;

/** The (s_n, s_p) points of at most `max` triplets, evenly spread over the list. */
function tripletPoints(D: ArrayLike<number>, n: number, triplets: ArrayLike<number>, max: number): Float64Array {
  const T = triplets.length / 3;
  const count = Math.min(T, max);
  const out = new Float64Array(2 * count);
  for (let i = 0; i < count; i++) {
    const t = count === T ? i : Math.floor((i * T) / count);
    const a = triplets[3 * t];
    out[2 * i] = simOf(D[a * n + triplets[3 * t + 2]]);
    out[2 * i + 1] = simOf(D[a * n + triplets[3 * t + 1]]);
  }
  return out;
}

/**
 * Triplet loss [d(a,p) − d(a,n) + m]₊ averaged over the given triplets (Schroff et al. 2015 with
 * plain, not squared, distances, as PyTorch's TripletMarginLoss).
 */
export function tripletLoss(E: ArrayLike<number>, n: number, dim: number, triplets: ArrayLike<number>, margin: number, maxPairs = Infinity): LossResult {
  const D = pairwiseDistances(E, n, dim);
  const C = new Float64Array(n * n);
  const T = triplets.length / 3;
  let loss = 0;
  let active = 0;
  for (let t = 0; t < T; t++) {
    const a = triplets[3 * t];
    const p = triplets[3 * t + 1];
    const q = triplets[3 * t + 2];
    const v = D[a * n + p] - D[a * n + q] + margin;
    if (v <= 0) continue;
    loss += v;
    active++;
    C[a * n + p] += 1 / T;
    C[a * n + q] -= 1 / T;
  }
  return { loss: T ? loss / T : 0, grad: distanceGradFromCoefficients(E, D, C, n, dim), pairs: tripletPoints(D, n, triplets, maxPairs), active, terms: T };
}

/**
 * Contrastive loss (Hadsell et al. 2006) on the distinct pairs that the triplets contain: d² for
 * a positive pair, [m − d]₊² for a negative one, averaged over those pairs.
 */
export function contrastiveLoss(E: ArrayLike<number>, labels: ArrayLike<number>, n: number, dim: number, triplets: ArrayLike<number>, margin: number, maxPairs = Infinity): LossResult {
  const D = pairwiseDistances(E, n, dim);
  const used = new Uint8Array(n * n);
  const mark = (i: number, j: number) => (used[Math.min(i, j) * n + Math.max(i, j)] = 1);
  for (let t = 0; t < triplets.length; t += 3) {
    mark(triplets[t], triplets[t + 1]);
    mark(triplets[t], triplets[t + 2]);
  }
  let count = 0;
  for (let i = 0; i < used.length; i++) count += used[i];
  const C = new Float64Array(n * n);
  let loss = 0;
  let active = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (!used[i * n + j]) continue;
      const d = D[i * n + j];
      if (labels[i] === labels[j]) {
        loss += d * d;
        if (d > 0) active++;
        C[i * n + j] = (2 * d) / count;
      } else if (d < margin) {
        loss += (margin - d) ** 2;
        active++;
        C[i * n + j] = (-2 * (margin - d)) / count;
      }
    }
  }
  return { loss: count ? loss / count : 0, grad: distanceGradFromCoefficients(E, D, C, n, dim), pairs: tripletPoints(D, n, triplets, maxPairs), active, terms: count };
}

/**
 * Batch-hard triplet loss (Hermans et al. 2017): per anchor, the farthest positive and the closest
 * negative of the batch, [m + max d(a,p) − min d(a,n)]₊, averaged over anchors.
 */
export function batchHardLoss(E: ArrayLike<number>, labels: ArrayLike<number>, n: number, dim: number, margin: number): LossResult {
  const D = pairwiseDistances(E, n, dim);
  const points: number[] = [];
  let loss = 0;
  let anchors = 0;
  const chosen: [number, number, number, number, number][] = [];
  for (let a = 0; a < n; a++) {
    let p = -1;
    let q = -1;
    for (let j = 0; j < n; j++) {
      if (j === a) continue;
      if (labels[j] === labels[a]) {
        if (p < 0 || D[a * n + j] > D[a * n + p]) p = j;
      } else if (q < 0 || D[a * n + j] < D[a * n + q]) q = j;
    }
    if (p < 0 || q < 0) continue;
    anchors++;
    chosen.push([a, p, q, D[a * n + p], D[a * n + q]]);
  }
  let active = 0;
  const C = new Float64Array(n * n);
  for (const [a, p, q, dap, dan] of chosen) {
    points.push(simOf(dan), simOf(dap));
    const v = margin + dap - dan;
    if (v <= 0) continue;
    loss += v;
    active++;
    C[a * n + p] += 1 / anchors;
    C[a * n + q] -= 1 / anchors;
  }
  return { loss: anchors ? loss / anchors : 0, grad: distanceGradFromCoefficients(E, D, C, n, dim), pairs: Float64Array.from(points), active, terms: anchors };
}

/**
 * Circle loss (Sun et al. 2020), one anchor per row, averaged over anchors:
 *   L_a = log[1 + Σ_n exp(γ α_n (s_n − m)) · Σ_p exp(−γ α_p (s_p − 1 + m))],
 *   α_p = [1 + m − s_p]₊, α_n = [s_n + m]₊.
 * The weights α are constants in the gradient (the paper detaches them); `weightsFrom` computes
 * them from other embeddings (the tests use it to check the gradient by finite differences with α
 * held fixed).
 */
export function circleLoss(E: ArrayLike<number>, labels: ArrayLike<number>, n: number, dim: number, margin: number, gamma: number, weightsFrom: ArrayLike<number> = E): LossResult {
  const S = pairwiseSimilarities(E, n, dim);
  const W = weightsFrom === E ? S : pairwiseSimilarities(weightsFrom, n, dim);
  const grad = new Float64Array(n * dim);
  const points: number[] = [];
  const logits = new Float64Array(n);
  let loss = 0;
  let anchors = 0;
  let active = 0;
  for (let a = 0; a < n; a++) {
    // log-sum-exp of each group, kept stable by subtracting its maximum.
    let maxP = -Infinity;
    let maxN = -Infinity;
    let hardP = Infinity;
    let hardN = -Infinity;
    for (let j = 0; j < n; j++) {
      if (j === a) continue;
      const s = S[a * n + j];
      if (labels[j] === labels[a]) {
        logits[j] = -gamma * Math.max(1 + margin - W[a * n + j], 0) * (s - (1 - margin));
        maxP = Math.max(maxP, logits[j]);
        hardP = Math.min(hardP, s);
      } else {
        logits[j] = gamma * Math.max(W[a * n + j] + margin, 0) * (s - margin);
        maxN = Math.max(maxN, logits[j]);
        hardN = Math.max(hardN, s);
      }
    }
    if (maxP === -Infinity || maxN === -Infinity) continue;
    anchors++;
    points.push(hardN, hardP);
    let sumP = 0;
    let sumN = 0;
    for (let j = 0; j < n; j++) {
      if (j === a) continue;
      if (labels[j] === labels[a]) sumP += Math.exp(logits[j] - maxP);
      else sumN += Math.exp(logits[j] - maxN);
    }
    const x = maxP + Math.log(sumP) + maxN + Math.log(sumN);
    loss += x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)); // softplus
    const sig = 1 / (1 + Math.exp(-x));
    if (sig > 1e-3) active++;
    for (let j = 0; j < n; j++) {
      if (j === a) continue;
      const pos = labels[j] === labels[a];
      const share = pos ? Math.exp(logits[j] - maxP) / sumP : Math.exp(logits[j] - maxN) / sumN;
      const slope = pos ? -gamma * Math.max(1 + margin - W[a * n + j], 0) : gamma * Math.max(W[a * n + j] + margin, 0);
      const g = sig * share * slope; // ∂L_a/∂s_aj
      if (g === 0) continue;
      for (let k = 0; k < dim; k++) {
        grad[a * dim + k] += g * E[j * dim + k];
        grad[j * dim + k] += g * E[a * dim + k];
      }
    }
  }
  if (anchors) for (let i = 0; i < grad.length; i++) grad[i] /= anchors;
  return { loss: anchors ? loss / anchors : 0, grad, pairs: Float64Array.from(points), active, terms: anchors };
}

/** Options of {@link metricLoss}. */
export interface MetricLossOptions {
  /** Which loss. */
  loss: MetricLoss;
  /** Miner for the contrastive and triplet losses. */
  miner: MetricMiner;
  /** Margin m. */
  margin: number;
  /** Circle loss scale γ. */
  gamma: number;
  /** Random source of the random miner. */
  rng: Rng;
  /** Most (s_n, s_p) points returned. */
  maxPairs?: number;
}

/**
 * Normalised-softmax proxy loss (NormFace / ProxyNCA-style): one learned proxy per training class
 * on the sphere, logits cos(e_i, p_c) / T, mean cross-entropy against each row's class. `proxies`
 * is classes × dim (unnormalised: they are normalised here), `classOf[label]` the proxy row of a
 * label. Returns ∂L/∂E (n × dim) and ∂L/∂proxies (classes × dim, through their normalisation).
 */
export function proxyLoss(E: ArrayLike<number>, labels: ArrayLike<number>, n: number, dim: number, proxies: ArrayLike<number>, classes: number, classOf: ArrayLike<number>, temperature: number): { loss: number; grad: Float64Array; proxyGrad: Float64Array } {
  const P = Float64Array.from(proxies);
  const pn = normalizeRows(P, classes, dim);
  const grad = new Float64Array(n * dim);
  const gP = new Float64Array(classes * dim);
  const z = new Float64Array(classes);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let c = 0; c < classes; c++) {
      let s = 0;
      for (let k = 0; k < dim; k++) s += E[i * dim + k] * P[c * dim + k];
      z[c] = s / temperature;
      max = Math.max(max, z[c]);
    }
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += (z[c] = Math.exp(z[c] - max));
    const y = classOf[labels[i]];
    loss -= Math.log(z[y] / sum);
    for (let c = 0; c < classes; c++) {
      const g = (z[c] / sum - (c === y ? 1 : 0)) / (temperature * n); // ∂L/∂(cos)
      for (let k = 0; k < dim; k++) {
        grad[i * dim + k] += g * P[c * dim + k];
        gP[c * dim + k] += g * E[i * dim + k];
      }
    }
  }
  const proxyGrad = new Float64Array(classes * dim);
  normalizeBackward(P, pn, gP, classes, dim, proxyGrad);
  return { loss: loss / n, grad, proxyGrad };
}

/** Any of the four losses on a batch of embeddings, with the batch's triplet counts. */
export function metricLoss(E: ArrayLike<number>, labels: ArrayLike<number>, n: number, dim: number, o: MetricLossOptions): LossResult & { counts: TripletCounts } {
  const D = pairwiseDistances(E, n, dim);
  const counts = countTriplets(D, labels, n, o.margin);
  const maxPairs = o.maxPairs ?? Infinity;
  switch (o.loss) {
    case 'contrastive':
      return { ...contrastiveLoss(E, labels, n, dim, mineTriplets(D, labels, n, o.miner, o.margin, o.rng), o.margin, maxPairs), counts };
    case 'triplet':
      return { ...tripletLoss(E, n, dim, mineTriplets(D, labels, n, o.miner, o.margin, o.rng), o.margin, maxPairs), counts };
    case 'batch-hard':
      return { ...batchHardLoss(E, labels, n, dim, o.margin), counts };
    case 'circle':
      return { ...circleLoss(E, labels, n, dim, o.margin, o.gamma), counts };
  }
}

/**
 * The triplet decision boundary in the (s_n, s_p) plane: with unit vectors d = √(2 − 2s), so
 * d(a,p) + m = d(a,n) is the curve s_p = 1 − (√(2 − 2 s_n) − m)² / 2 (nearly a straight line of
 * slope 1). Returns NaN where no s_p in [−1, 1] lies on it.
 */
export function tripletBoundary(sn: number, margin: number): number {
  const dp = Math.sqrt(Math.max(0, 2 - 2 * sn)) - margin;
  return dp < 0 ? NaN : 1 - (dp * dp) / 2;
}

/** The circle-loss decision boundary: s_n² + (s_p − 1)² = 2m², a circle around the optimum (0, 1); radius √2·m. */
export function circleBoundaryRadius(margin: number): number {
  return Math.SQRT2 * margin;
}

/**
 * Recall@1: the fraction of queries whose nearest other gallery item (Euclidean) has the query's
 * label. `query` and `gallery` are masks over the rows of E (every row when omitted).
 */
export function recallAt1(E: ArrayLike<number>, labels: ArrayLike<number>, n: number, dim: number, query?: ArrayLike<number>, gallery?: ArrayLike<number>): number {
  const { hits, queries } = recallHits(E, labels, n, dim, 0, n, query, gallery);
  return queries ? hits / queries : 0;
}

/** Recall@1's counts for the queries among rows [from, to) only: hits and queries (sum them over ranges). */
export function recallHits(E: ArrayLike<number>, labels: ArrayLike<number>, n: number, dim: number, from: number, to: number, query?: ArrayLike<number>, gallery?: ArrayLike<number>): { hits: number; queries: number } {
  let hits = 0;
  let queries = 0;
  for (let i = from; i < to; i++) {
    if (query && !query[i]) continue;
    let best = -1;
    let bestD = Infinity;
    for (let j = 0; j < n; j++) {
      if (j === i || (gallery && !gallery[j])) continue;
      let s = 0;
      for (let k = 0; k < dim; k++) {
        const t = E[i * dim + k] - E[j * dim + k];
        s += t * t;
      }
      if (s < bestD) {
        bestD = s;
        best = j;
      }
    }
    if (best < 0) continue;
    queries++;
    if (labels[best] === labels[i]) hits++;
  }
  return { hits, queries };
}

/** Indices of the k rows of E nearest to row `index` (itself excluded), nearest first, with their distances. */
export function nearestNeighbours(E: ArrayLike<number>, n: number, dim: number, index: number, k: number): { indices: Int32Array; distances: Float32Array } {
  const d: [number, number][] = [];
  for (let j = 0; j < n; j++) {
    if (j === index) continue;
    let s = 0;
    for (let c = 0; c < dim; c++) {
      const t = E[index * dim + c] - E[j * dim + c];
      s += t * t;
    }
    d.push([Math.sqrt(s), j]);
  }
  d.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const top = d.slice(0, Math.max(0, k));
  return { indices: Int32Array.from(top, (t) => t[1]), distances: Float32Array.from(top, (t) => t[0]) };
}

/** Row-wise L2 normalisation in place; returns the norms (kept for the backward pass). */
export function normalizeRows(z: Float32Array | Float64Array, n: number, dim: number): Float64Array {
  const norms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < dim; k++) s += z[i * dim + k] ** 2;
    const r = Math.sqrt(s) || 1e-12;
    norms[i] = r;
    for (let k = 0; k < dim; k++) z[i * dim + k] /= r;
  }
  return norms;
}

/**
 * Backward through e = z/‖z‖: ∂L/∂z = (g − e (e·g)) / ‖z‖. Only the part of the gradient
 * tangent to the sphere survives: moving an embedding outwards changes nothing after normalising.
 */
export function normalizeBackward(e: ArrayLike<number>, norms: ArrayLike<number>, g: ArrayLike<number>, n: number, dim: number, out: Float32Array | Float64Array): void {
  for (let i = 0; i < n; i++) {
    let dot = 0;
    for (let k = 0; k < dim; k++) dot += e[i * dim + k] * g[i * dim + k];
    for (let k = 0; k < dim; k++) out[i * dim + k] = (g[i * dim + k] - e[i * dim + k] * dot) / norms[i];
  }
}

/**
 * A convolutional front end for the embedding MLP: one-channel side × side images → `filters`
 * k × k convolutions ("same", zero padding, stride 1) → ReLU → 2 × 2 max-pool, flattened
 * channel-major to `filters · (side/2)²` features. The loops are the tiny CNN's
 * (`kernels/tiny-cnn-js.ts`), one image at a time; the weights are a one-layer {@link LayerStack}
 * k² → filters (w[0] is k² × filters, so one filter is a column) that several fronts may share
 * (training and evaluation); each row's im2col matrix and pool winners are kept for the backward pass.
 */
export class ConvFront {
  /** Features per image. */
  readonly outSize: number;
  /** Gradients of the last backward pass (shapes of conv.w[0], conv.b[0]). */
  readonly gw: Float32Array;
  readonly gb: Float32Array;
  private readonly side: number;
  private readonly kernel: number;
  private readonly filters: number;
  private readonly area: number;
  private readonly colSize: number;
  private readonly cols: Float32Array;
  private readonly pre: Float32Array;
  private readonly arg: Int32Array;
  private readonly out: Float32Array;
  private readonly dPre: Float32Array;
  /** Filter-major copies of the weights and their gradient (the tiny CNN's layout, out × in). */
  private readonly wT: Float32Array;
  private readonly gT: Float32Array;
  private rows = 0;

  /**
   * @param conv sizes [k², filters]
   * @param side input side (even)
   * @param maxRows largest number of images per pass
   */
  constructor(
    readonly conv: LayerStack,
    side: number,
    readonly maxRows: number,
  ) {
    const [kk, filters] = conv.sizes;
    this.kernel = Math.round(Math.sqrt(kk));
    if (conv.sizes.length !== 2 || this.kernel * this.kernel !== kk || this.kernel % 2 === 0) throw new Error(`A convolution is one layer from k² inputs (k odd) to its filters, got sizes [${conv.sizes.join(', ')}].`);
    if (side % 2 !== 0) throw new Error(`The front end max-pools by 2: it needs an even side, got ${side}.`);
    this.side = side;
    this.filters = filters;
    this.area = side * side;
    this.colSize = kk * this.area;
    this.outSize = filters * (this.area / 4);
    this.cols = new Float32Array(maxRows * this.colSize);
    this.pre = new Float32Array(maxRows * filters * this.area);
    this.arg = new Int32Array(maxRows * this.outSize);
    this.out = new Float32Array(maxRows * this.outSize);
    this.dPre = new Float32Array(filters * this.area);
    this.wT = new Float32Array(kk * filters);
    this.gT = new Float32Array(kk * filters);
    this.gw = new Float32Array(kk * filters);
    this.gb = new Float32Array(filters);
  }

  /** Forward `rows` images of `x` (rows × side²); returns a view of the features (rows × outSize), valid until the next call. */
  forward(x: Float32Array, rows: number): Float32Array {
    if (rows > this.maxRows) throw new Error(`${rows} rows exceed the front end's ${this.maxRows}.`);
    this.rows = rows;
    const { area, colSize, filters: F, kernel: k, outSize } = this;
    const kk = k * k;
    const w = this.conv.w[0];
    for (let j = 0; j < kk; j++) for (let o = 0; o < F; o++) this.wT[o * kk + j] = w[j * F + o];
    const fa = F * area;
    for (let r = 0; r < rows; r++) {
      const cols = this.cols.subarray(r * colSize, (r + 1) * colSize);
      const pre = this.pre.subarray(r * fa, (r + 1) * fa);
      im2col(x, r * area, 1, this.side, k, cols);
      convForward(cols, kk, area, this.wT, this.conv.b[0], F, pre);
      reluPool(pre, F, this.side, this.out.subarray(r * outSize, (r + 1) * outSize), this.arg.subarray(r * outSize, (r + 1) * outSize));
    }
    return this.out.subarray(0, rows * outSize);
  }

  /** Backward for the rows of the last forward, given ∂L/∂features (rows × outSize): fills gw and gb. */
  backward(dOut: ArrayLike<number>): void {
    const { area, colSize, filters: F, kernel: k, outSize, dPre, gT } = this;
    const kk = k * k;
    const fa = F * area;
    gT.fill(0);
    this.gb.fill(0);
    for (let r = 0; r < this.rows; r++) {
      dPre.fill(0);
      const pre = r * fa;
      const ro = r * outSize;
      let any = false;
      // A pooled unit passes its gradient to the pixel that won the max, if that one was on (ReLU).
      for (let i = 0; i < outSize; i++) {
        const g = dOut[ro + i];
        const j = this.arg[ro + i];
        if (g !== 0 && this.pre[pre + j] > 0) {
          dPre[j] += g;
          any = true;
        }
      }
      if (any) convBackward(this.cols.subarray(r * colSize, (r + 1) * colSize), kk, area, this.wT, F, dPre, gT, this.gb, null);
    }
    for (let j = 0; j < kk; j++) for (let o = 0; o < F; o++) this.gw[j * F + o] = gT[o * kk + j];
  }
}

/** One training step's read-outs. */
export interface MetricStep {
  /** Steps taken so far. */
  step: number;
  /** The loss of this batch. */
  loss: number;
  /** Easy / semi-hard / hard among all valid triplets of the batch (before the update). */
  counts: TripletCounts;
  /** (s_n, s_p) points of the pairs the loss used, interleaved. */
  pairs: Float32Array;
  /** Terms with a non-zero gradient. */
  active: number;
  /** Terms the loss averaged over. */
  terms: number;
  /** True while a batch-hard run is still in its semi-hard warm-up (this step trained on semi-hard triplets). */
  warmup: boolean;
  /** The learning rate this step used. */
  learningRate: number;
}

/** Retrieval quality on digits no step trained on: the test split, and every digit of the held-out classes. */
export interface MetricEvaluation {
  /** Headline: Recall@1 of every held-out digit (both splits: they never train) among the other held-out digits (unseen classes only, the usual protocol). */
  recallHeldOut: number;
  /** Recall@1 of the held-out digits among them and the seen classes' test digits (harder: the seen classes compete). */
  recallHeldOutAmongAll: number;
  /** Recall@1 of seen-class test digits among the seen-class test digits. */
  recallSeen: number;
  /** Steps taken when measured. */
  step: number;
}

/** The plotted set: fixed test digits, their current embeddings and labels. */
export interface MetricDisplay {
  /** Embeddings, count × dim (on the unit circle when dim = 2). */
  points: Float32Array;
  /** Label of each point. */
  labels: Uint8Array;
  /** 1 where the point's class is held out. */
  heldOut: Uint8Array;
  /** Index of each point in the test split (for its image: `digitImage(data.test, i)`). */
  testIndex: Int32Array;
  /** Number of points. */
  count: number;
  /** Embedding dimension. */
  dim: number;
}

/** A live metric-learning run. */
export interface MetricTrainer {
  /** Options in use (with the margin resolved). */
  readonly options: Readonly<typeof METRIC_DEFAULTS> & { margin: number };
  /** Trainable parameters. */
  readonly paramCount: number;
  /** The digits. */
  readonly data: MnistSubset;
  /** The digit classes used for training. */
  readonly trainClasses: number[];
  /** The MLP after the convolutional front end, if any (its last layer outputs the unnormalised embedding). */
  readonly stack: LayerStack;
  /** One update on a fresh P × K batch. */
  step(): MetricStep;
  /** Change loss, miner or margin between steps (the weights are kept). */
  configure(change: { loss?: MetricLoss; miner?: MetricMiner; margin?: number; gamma?: number }): void;
  /** Recall@1 on the evaluation digits (see {@link MetricEvaluation}). */
  evaluate(): MetricEvaluation;
  /**
   * The same measurement spread over several calls, so a page never blocks: each call embeds up to
   * `rows` more evaluation digits (null), then each call scores `rows` of them as queries, and the call
   * that scores the last returns the evaluation (the same numbers as `evaluate()`). A training step
   * in between starts the measurement again.
   */
  evaluateSome(rows: number): MetricEvaluation | null;
  /** Current embeddings of the display set. */
  display(): MetricDisplay;
  /** The k display digits nearest to display digit `index`, nearest first. */
  neighbours(index: number, k: number): { indices: Int32Array; distances: Float32Array };
  /** Normalised embeddings of `count` digits of a split, starting at `from` (count × dim). */
  embed(set: DigitSet, from: number, count: number): Float32Array;
}

function validate(o: typeof METRIC_DEFAULTS): void {
  if (!(METRIC_LOSSES as readonly string[]).includes(o.loss)) throw new Error(`Unknown loss "${o.loss}". Use one of: ${METRIC_LOSSES.join(', ')}.`);
  if (!(METRIC_MINERS as readonly string[]).includes(o.miner)) throw new Error(`Unknown miner "${o.miner}". Use one of: ${METRIC_MINERS.join(', ')}.`);
  if (o.margin !== undefined && !(o.margin >= 0 && o.margin <= 2)) throw new Error(`margin must lie in [0, 2], got ${o.margin}.`);
  if (!(o.gamma > 0 && o.gamma <= 1024)) throw new Error(`gamma must lie in (0, 1024], got ${o.gamma}.`);
  if (!Number.isInteger(o.dim) || o.dim < 2 || o.dim > 64) throw new Error(`dim must be a whole number from 2 to 64, got ${o.dim}.`);
  if (o.inputPool !== 1 && o.inputPool !== 2 && o.inputPool !== 4) throw new Error(`inputPool must be 1, 2 or 4, got ${o.inputPool}.`);
  if (!Number.isInteger(o.convFilters) || o.convFilters < 0 || o.convFilters > 32) throw new Error(`convFilters must be a whole number from 0 (no convolution) to 32, got ${o.convFilters}.`);
  if (o.convFilters > 0 && o.inputPool === 4) throw new Error('The convolutional front end max-pools by 2, so it needs an even input side: use inputPool 1 or 2 with convFilters > 0.');
  if (!Number.isInteger(o.convKernel) || o.convKernel < 1 || o.convKernel > 7 || o.convKernel % 2 === 0) throw new Error(`convKernel must be an odd whole number from 1 to 7, got ${o.convKernel}.`);
  const held = new Set(o.heldOut);
  if (o.heldOut.some((c) => !Number.isInteger(c) || c < 0 || c >= MNIST_CLASSES) || held.size !== o.heldOut.length || held.size > MNIST_CLASSES - 2) {
    throw new Error(`heldOut must be distinct digits 0–9, leaving at least two for training; got [${o.heldOut.join(', ')}].`);
  }
  if (!Number.isInteger(o.perClass) || o.perClass < 2 || o.perClass > 64) throw new Error(`perClass must be a whole number from 2 to 64, got ${o.perClass}.`);
  if (!Number.isInteger(o.classesPerBatch) || o.classesPerBatch < 2) throw new Error(`classesPerBatch must be a whole number ≥ 2, got ${o.classesPerBatch}.`);
  if (!(o.learningRate > 0 && o.learningRate <= 1)) throw new Error(`learningRate must lie in (0, 1], got ${o.learningRate}.`);
  if (!Number.isInteger(o.warmupSteps) || o.warmupSteps < 0) throw new Error(`warmupSteps must be a whole number ≥ 0, got ${o.warmupSteps}.`);
  if (!Number.isInteger(o.decayAfter) || o.decayAfter < 0) throw new Error(`decayAfter must be a whole number ≥ 0 (0: never), got ${o.decayAfter}.`);
  if (!(o.decayTo > 0 && o.decayTo <= 1)) throw new Error(`decayTo must lie in (0, 1], got ${o.decayTo}.`);
  if (o.warmupLoss !== 'semi-hard' && o.warmupLoss !== 'proxy') throw new Error(`warmupLoss must be "semi-hard" or "proxy", got "${String(o.warmupLoss)}".`);
  if (!(o.proxyTemperature > 0 && o.proxyTemperature <= 10)) throw new Error(`proxyTemperature must lie in (0, 10], got ${o.proxyTemperature}.`);
  if (!Number.isInteger(o.decayOver) || o.decayOver < 0) throw new Error(`decayOver must be a whole number ≥ 0 (0: drop at once), got ${o.decayOver}.`);
  if (!(o.emaDecay >= 0 && o.emaDecay < 1)) throw new Error(`emaDecay must lie in [0, 1) (0: no weight averaging), got ${o.emaDecay}.`);
}

/** Average-pool one 28 × 28 digit by `f` into `out` at `offset`. */
function poolDigit(images: Float32Array, index: number, f: number, out: Float32Array, offset: number): void {
  const side = 28 / f;
  const src = index * MNIST_PIXELS;
  const inv = 1 / (f * f);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      let s = 0;
      for (let dy = 0; dy < f; dy++) for (let dx = 0; dx < f; dx++) s += images[src + (y * f + dy) * 28 + x * f + dx];
      out[offset + y * side + x] = s * inv;
    }
  }
}

/** The learning rate's factor for the update after `done` steps: 1, then `decayTo` at once (decayOver 0) or falling linearly to it over `decayOver` steps. */
export function metricRateScale(o: Pick<typeof METRIC_DEFAULTS, 'decayAfter' | 'decayOver' | 'decayTo'>, done: number): number {
  if (o.decayAfter === 0 || done < o.decayAfter) return 1;
  if (o.decayOver === 0) return o.decayTo;
  const f = Math.min(1, (done - o.decayAfter) / o.decayOver);
  return 1 - f * (1 - o.decayTo);
}

/** Training digits averaged between two yields of {@link inputMean}. */
const MEAN_SLICE = 250;

/** The mean pooled training digit (zeros when `centerInputs` is off), pausing (yield) every {@link MEAN_SLICE} digits. */
function* inputMean(data: MnistSubset, o: typeof METRIC_DEFAULTS): Generator<void, Float32Array> {
  const f = o.inputPool;
  const inputs = MNIST_PIXELS / (f * f);
  const meanInput = new Float32Array(inputs);
  if (!o.centerInputs) return meanInput;
  const held = new Set(o.heldOut);
  const x = new Float32Array(inputs);
  let count = 0;
  for (let i = 0; i < data.train.n; i++) {
    if (i % MEAN_SLICE === MEAN_SLICE - 1) yield;
    if (held.has(data.train.labels[i])) continue;
    poolDigit(data.train.images, i, f, x, 0);
    for (let k = 0; k < inputs; k++) meanInput[k] += x[k];
    count++;
  }
  for (let k = 0; k < inputs; k++) meanInput[k] /= count;
  return meanInput;
}

/** Build a metric-learning run on the shipped digits (`loadMnist()`). */
export function createMetricTrainer(data: MnistSubset, options: MetricOptions = {}): MetricTrainer {
  return buildTrainer(data, options, null);
}

/**
 * The same run, built in slices of at most `sliceMs` with a yield to the event loop between them
 * (the mean training digit is the build's long part), so a page never blocks on it; the trainer is
 * the same as {@link createMetricTrainer}'s, number for number.
 */
export async function createMetricTrainerSliced(
  data: MnistSubset,
  options: MetricOptions = {},
  { sliceMs = 8, yieldNow = () => new Promise<void>((r) => setTimeout(r, 0)) }: { sliceMs?: number; yieldNow?: () => Promise<void> } = {},
): Promise<MetricTrainer> {
  const o = { ...METRIC_DEFAULTS, ...options };
  validate(o);
  const it = inputMean(data, o);
  let until = performance.now() + sliceMs;
  for (let r = it.next(); ; r = it.next()) {
    if (r.done) {
      await yieldNow();
      return buildTrainer(data, options, r.value);
    }
    if (performance.now() >= until) {
      await yieldNow();
      until = performance.now() + sliceMs;
    }
  }
}

function buildTrainer(data: MnistSubset, options: MetricOptions, precomputedMean: Float32Array | null): MetricTrainer {
  const o = { ...METRIC_DEFAULTS, ...options };
  validate(o);
  let margin = o.margin ?? METRIC_MARGINS[o.loss];
  const opts = { ...o, margin };
  const held = new Set(o.heldOut);
  const trainClasses = Array.from({ length: MNIST_CLASSES }, (_, c) => c).filter((c) => !held.has(c));
  const P = Math.min(o.classesPerBatch, trainClasses.length);
  const K = o.perClass;
  const B = P * K;
  const f = o.inputPool;
  const inputs = MNIST_PIXELS / (f * f);
  const rng = createRng(o.seed);
  const side = 28 / f;
  const features = o.convFilters > 0 ? o.convFilters * (side >> 1) * (side >> 1) : inputs;
  const stack = createLayerStack([features, ...o.hidden, o.dim], 'relu', 'he', rng.fork());
  const batchRng = rng.fork();
  const minerRng = rng.fork();
  const EVAL_ROWS = 250;
  // Two runners on the same weights: buffers sized for a batch train faster than ones sized for evaluation.
  const runner = new StackRunner(stack, B);
  const evalRunner = new StackRunner(stack, EVAL_ROWS);
  const convStack = o.convFilters > 0 ? createLayerStack([o.convKernel ** 2, o.convFilters], 'relu', 'he', rng.fork()) : null;
  const conv = convStack && new ConvFront(convStack, side, B);
  const evalConv = convStack && new ConvFront(convStack, side, EVAL_ROWS);
  const optimizer: JsOptimizer = createJsOptimizer({ name: 'adam', learningRate: o.learningRate });
  const params = [...stack.w, ...stack.b, ...(convStack ? [convStack.w[0], convStack.b[0]] : [])];
  const grads = [...runner.gw, ...runner.gb, ...(conv ? [conv.gw, conv.gb] : [])];
  // Adam's step is the learning rate times a direction: a smaller rate is the same step, shortened.
  const before = params.map((q) => new Float32Array(q.length));
  // The proxy warm-up's class proxies (their own random stream, forked last: other runs are unchanged) and Adam.
  const proxyClass = new Int32Array(MNIST_CLASSES);
  trainClasses.forEach((c, i) => (proxyClass[c] = i));
  const proxies = o.warmupLoss === 'proxy' ? (() => { const r = rng.fork(); return Float32Array.from({ length: trainClasses.length * o.dim }, () => r.normal(0, 1)); })() : null;
  const proxyGrad = proxies && new Float32Array(proxies.length);
  const proxyOptimizer: JsOptimizer | null = proxies && createJsOptimizer({ name: 'adam', learningRate: o.learningRate });
  // Weight averaging: the moving average, with the usual warm-up (decay min(d, (1 + t) / (10 + t))) so early steps count.
  const ema = o.emaDecay > 0 ? params.map((q) => Float32Array.from(q)) : null;
  /** Run `f` with the averaged weights in place of the raw ones (the raw ones come back after). */
  const averaged = <T>(f: () => T): T => {
    if (!ema) return f();
    params.forEach((q, i) => {
      before[i].set(q);
      q.set(ema[i]);
    });
    try {
      return f();
    } finally {
      params.forEach((q, i) => q.set(before[i]));
    }
  };

  // Training digits by class (held-out classes never enter this list).
  const byClass = new Map<number, number[]>();
  for (const c of trainClasses) byClass.set(c, []);
  for (let i = 0; i < data.train.n; i++) byClass.get(data.train.labels[i])?.push(i);

  // A fixed display set: the first displayPerClass test digits of every class.
  const shown: number[] = [];
  const perClassSeen = new Int32Array(MNIST_CLASSES);
  for (let i = 0; i < data.test.n; i++) {
    const c = data.test.labels[i];
    if (perClassSeen[c]++ < o.displayPerClass) shown.push(i);
  }
  const testIndex = Int32Array.from(shown);

  const x = new Float32Array(Math.max(B, EVAL_ROWS) * inputs);
  let meanInput = precomputedMean;
  if (!meanInput) {
    const it = inputMean(data, o);
    for (let r = it.next(); ; r = it.next()) if (r.done) { meanInput = r.value; break; }
  }
  const load = (images: Float32Array, index: number, row: number) => {
    poolDigit(images, index, f, x, row * inputs);
    if (o.centerInputs) for (let k = 0; k < inputs; k++) x[row * inputs + k] -= meanInput[k];
  };
  const labels = new Uint8Array(B);
  const dz = new Float32Array(B * o.dim);
  let step = 0;
  let loss = o.loss;
  let miner = o.miner;
  let gamma = o.gamma;

  const embedRows = (set: DigitSet, rows: ArrayLike<number>): Float32Array => {
    const out = new Float32Array(rows.length * o.dim);
    averaged(() => {
      for (let off = 0; off < rows.length; off += EVAL_ROWS) {
        const m = Math.min(EVAL_ROWS, rows.length - off);
        for (let i = 0; i < m; i++) load(set.images, rows[off + i], i);
        out.set(evalRunner.forward(evalConv ? evalConv.forward(x, m) : x, m), off * o.dim);
      }
    });
    normalizeRows(out, rows.length, o.dim);
    return out;
  };
  const range = (from: number, count: number) => Int32Array.from({ length: count }, (_, i) => from + i);
  let displayCache: { step: number; points: Float32Array } | null = null;
  // Recall@1's digits: the test split, then every training-split digit of the held-out classes.
  // Those classes never train, so all their digits are unseen (the unseen-class protocol of CUB,
  // Cars and SOP scores every image of the test classes): 1,200 held-out queries instead of 200.
  const heldTrain = Int32Array.from(range(0, data.train.n).filter((i) => held.has(data.train.labels[i])));
  const evalN = data.test.n + heldTrain.length;
  const evalLabels = Uint8Array.from({ length: evalN }, (_, i) => (i < data.test.n ? data.test.labels[i] : data.train.labels[heldTrain[i - data.test.n]]));
  const embedEval = (from: number, count: number): Float32Array => {
    const out = new Float32Array(count * o.dim);
    const inTest = Math.max(0, Math.min(count, data.test.n - from));
    if (inTest > 0) out.set(embedRows(data.test, range(from, inTest)));
    if (inTest < count) out.set(embedRows(data.train, heldTrain.subarray(from + inTest - data.test.n, from + count - data.test.n)), inTest * o.dim);
    return out;
  };
  const isHeld = evalLabels.map((c) => (held.has(c) ? 1 : 0));
  const isSeen = isHeld.map((h) => 1 - h);
  const score = (E: Float32Array): MetricEvaluation => ({
    recallHeldOut: recallAt1(E, evalLabels, evalN, o.dim, isHeld, isHeld),
    recallHeldOutAmongAll: recallAt1(E, evalLabels, evalN, o.dim, isHeld),
    recallSeen: recallAt1(E, evalLabels, evalN, o.dim, isSeen, isSeen),
    step,
  });
  // Evaluation in pieces (evaluateSome): the embeddings so far, for the step they belong to, then
  // the queries scored so far (hits and queries of held-out among held-out, among all, seen).
  let partial: { step: number; done: number; E: Float32Array; scored: number; counts: Int32Array } | null = null;
  const displayPoints = () => {
    if (displayCache?.step !== step) displayCache = { step, points: embedRows(data.test, testIndex) };
    return displayCache.points;
  };

  return {
    get options() {
      return { ...opts, loss, miner, margin, gamma };
    },
    paramCount: stackParamCount(stack) + (convStack ? stackParamCount(convStack) : 0),
    data,
    trainClasses,
    stack,
    configure(change) {
      if (change.loss !== undefined) loss = change.loss;
      if (change.miner !== undefined) miner = change.miner;
      if (change.margin !== undefined) margin = change.margin;
      if (change.gamma !== undefined) gamma = change.gamma;
      validate({ ...o, loss, miner, margin, gamma });
    },
    step() {
      // P × K sampling: P classes, K digits each, so every anchor has K − 1 positives.
      const classes = batchRng.shuffle([...trainClasses]).slice(0, P);
      let r = 0;
      for (const c of classes) {
        const pool = byClass.get(c)!;
        for (let k = 0; k < K; k++) {
          load(data.train.images, pool[batchRng.int(pool.length)], r);
          labels[r++] = c;
        }
      }
      const e = Float64Array.from(runner.forward(conv ? conv.forward(x, B) : x, B));
      const norms = normalizeRows(e, B, o.dim);
      const warmup = loss === 'batch-hard' && step < o.warmupSteps;
      let res: LossResult & { counts: TripletCounts };
      if (warmup && proxies && proxyGrad && proxyOptimizer) {
        const p = proxyLoss(e, labels, B, o.dim, proxies, trainClasses.length, proxyClass, o.proxyTemperature);
        const counts = countTriplets(pairwiseDistances(e, B, o.dim), labels, B, margin);
        res = { loss: p.loss, grad: p.grad, pairs: new Float64Array(0), active: B, terms: B, counts };
        proxyGrad.set(p.proxyGrad);
        proxyOptimizer.update([proxies], [proxyGrad]);
      } else {
        const objective = warmup ? { loss: 'triplet' as const, miner: 'semi-hard' as const } : { loss, miner };
        res = metricLoss(e, labels, B, o.dim, { ...objective, margin, gamma, rng: minerRng, maxPairs: o.maxPairs });
      }
      normalizeBackward(e, norms, res.grad, B, o.dim, dz);
      runner.backward(dz);
      conv?.backward(runner.dInput);
      const scale = metricRateScale(o, step);
      if (scale < 1) params.forEach((q, i) => before[i].set(q));
      optimizer.update(params, grads);
      if (scale < 1) {
        for (let i = 0; i < params.length; i++) {
          const q = params[i];
          const b = before[i];
          for (let j = 0; j < q.length; j++) q[j] = b[j] + scale * (q[j] - b[j]);
        }
      }
      if (ema) {
        const d = Math.min(o.emaDecay, (1 + step) / (10 + step));
        for (let i = 0; i < params.length; i++) {
          const q = params[i];
          const a = ema[i];
          for (let j = 0; j < q.length; j++) a[j] = d * a[j] + (1 - d) * q[j];
        }
      }
      step++;
      return { step, loss: res.loss, counts: res.counts, pairs: Float32Array.from(res.pairs), active: res.active, terms: res.terms, warmup, learningRate: scale * o.learningRate };
    },
    evaluate() {
      return score(embedEval(0, evalN));
    },
    evaluateSome(rows) {
      const n = evalN;
      if (partial?.step !== step) partial = { step, done: 0, E: new Float32Array(n * o.dim), scored: 0, counts: new Int32Array(6) };
      const m = Math.max(1, Math.floor(rows));
      if (partial.done < n) {
        const k = Math.min(m, n - partial.done);
        partial.E.set(embedEval(partial.done, k), partial.done * o.dim);
        partial.done += k;
        return null;
      }
      // Then Recall@1, `rows` queries a call (each scans the 2,000 gallery digits, about what a row's embedding costs).
      const { E, counts } = partial;
      const to = Math.min(n, partial.scored + m);
      const add = (at: number, r: { hits: number; queries: number }) => {
        counts[at] += r.hits;
        counts[at + 1] += r.queries;
      };
      add(0, recallHits(E, evalLabels, n, o.dim, partial.scored, to, isHeld, isHeld));
      add(2, recallHits(E, evalLabels, n, o.dim, partial.scored, to, isHeld));
      add(4, recallHits(E, evalLabels, n, o.dim, partial.scored, to, isSeen, isSeen));
      partial.scored = to;
      if (to < n) return null;
      partial = null;
      const ratio = (at: number) => (counts[at + 1] ? counts[at] / counts[at + 1] : 0);
      return { recallHeldOut: ratio(0), recallHeldOutAmongAll: ratio(2), recallSeen: ratio(4), step };
    },
    display() {
      const points = displayPoints().slice();
      const lab = Uint8Array.from(testIndex, (i) => data.test.labels[i]);
      return { points, labels: lab, heldOut: lab.map((c) => (held.has(c) ? 1 : 0)), testIndex: testIndex.slice(), count: testIndex.length, dim: o.dim };
    },
    neighbours(index, k) {
      if (!(Number.isInteger(index) && index >= 0 && index < testIndex.length)) throw new Error(`No display digit ${index}.`);
      return nearestNeighbours(displayPoints(), testIndex.length, o.dim, index, k);
    },
    embed(set, from, count) {
      return embedRows(set, range(from, count));
    },
  };
}
