/**
 * Semi-supervised node classification with a graph convolutional network (Kipf and Welling 2017),
 * small enough to train live: a seeded stochastic block model (communities of nodes, dense inside,
 * sparse between), one labelled node per community, and a GCN
 *   H⁽ˡ⁺¹⁾ = ReLU(Â H⁽ˡ⁾ W⁽ˡ⁾),  logits = Â H⁽ᴸ⁻¹⁾ W⁽ᴸ⁻¹⁾,  Â = D̃^{-1/2} (A + I) D̃^{-1/2},
 * with one-hot node features (H⁽⁰⁾ = I), trained full-batch with Adam on the labelled nodes only.
 * Everything else is learned by passing messages along edges: a node more hops away from every
 * labelled node than there are layers never hears from them. `useEdges: false` replaces Â by I (an
 * MLP on the same features), the baseline that shows what the graph contributes.
 * Plain JavaScript, seeded; gradients are checked against finite differences in gcn.test.ts.
 */
import { denseInputGrads, denseParamGrads } from '../kernels/dense-mlp.ts';
import { createJsOptimizer, type JsOptimizer } from '../optim/optimizers.ts';
import { createRng, type Rng } from '../random.ts';

/** A graph with a community per node. */
export interface CommunityGraph {
  /** Number of nodes. */
  n: number;
  /** Undirected edges, each once, i < j. */
  edges: [number, number][];
  /** Community of each node, 0 … k−1. */
  community: Int32Array;
  /** Number of communities. */
  k: number;
}

/**
 * A stochastic block model: `k` communities of `size` nodes; each pair is linked with probability
 * `pIn` inside a community and `pOut` between. Every node gets at least one edge inside its own
 * community, so no node is isolated.
 */
export function stochasticBlockModel(k: number, size: number, pIn: number, pOut: number, rng: Rng): CommunityGraph {
  const n = k * size;
  const community = Int32Array.from({ length: n }, (_, i) => Math.floor(i / size));
  const linked = new Set<number>();
  const edges: [number, number][] = [];
  const link = (i: number, j: number) => {
    const [a, b] = i < j ? [i, j] : [j, i];
    if (a === b || linked.has(a * n + b)) return;
    linked.add(a * n + b);
    edges.push([a, b]);
  };
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (rng.next() < (community[i] === community[j] ? pIn : pOut)) link(i, j);
  for (let i = 0; i < n; i++) {
    if (edges.some(([a, b]) => a === i || b === i)) continue;
    const c = community[i];
    link(i, c * size + ((i - c * size + 1 + rng.int(size - 1)) % size));
  }
  return { n, edges, community, k };
}

export const GCN_DEFAULTS = {
  /** Communities. */
  communities: 3,
  /** Nodes per community. */
  size: 12,
  /** Edge probability inside a community. */
  pIn: 0.3,
  /** Edge probability between communities. */
  pOut: 0.025,
  /** Graph convolution layers (1–8); the receptive field is this many hops. */
  layers: 2,
  /** Width of the hidden layers. */
  hidden: 16,
  /** Labelled nodes per community. */
  labelsPerCommunity: 1,
  /** Message passing along edges; false: Â = I, an MLP on one-hot features. */
  useEdges: true,
  /** Adam's learning rate. */
  learningRate: 0.05,
  /** L2 penalty λ·Σw² on every weight (Kipf and Welling use 5·10⁻⁴ on the first layer). */
  weightDecay: 5e-3,
  /** Seed for graph, labels and weights. */
  seed: 1,
};

export type GcnOptions = Partial<typeof GCN_DEFAULTS>;

/** One measurement. */
export interface GcnReport {
  step: number;
  /** Cross-entropy on the labelled nodes. */
  loss: number;
  /** Accuracy on the unlabelled nodes (their community is the truth). */
  accuracy: number;
}

export interface GcnTrainer {
  readonly options: typeof GCN_DEFAULTS;
  readonly graph: CommunityGraph;
  /** The labelled nodes. */
  readonly labelled: readonly number[];
  /** One full-batch update; returns the loss before it. */
  step(): number;
  /** Loss and accuracy now. */
  evaluate(): GcnReport;
  /** Class probabilities, n × k, row-major. */
  probabilities(): Float64Array;
  /** Loss and gradients (for tests): one array per weight matrix. */
  lossAndGrads(): { loss: number; grads: Float32Array[] };
  /** The weight matrices W⁽⁰⁾ (n × hidden) … W⁽ᴸ⁻¹⁾ (hidden × k). */
  readonly weights: Float32Array[];
}

/** Build graph, labels and network. Throws a message naming a bad option. */
export function createGcn(options: GcnOptions = {}): GcnTrainer {
  const o = { ...GCN_DEFAULTS, ...options };
  if (!Number.isInteger(o.layers) || o.layers < 1 || o.layers > 8) throw new Error(`layers must be a whole number from 1 to 8, got ${o.layers}.`);
  if (!Number.isInteger(o.communities) || o.communities < 2 || o.communities > 6) throw new Error(`communities must be a whole number from 2 to 6, got ${o.communities}.`);
  if (!Number.isInteger(o.size) || o.size < 3 || o.size > 40) throw new Error(`size must be a whole number from 3 to 40, got ${o.size}.`);
  if (!Number.isInteger(o.labelsPerCommunity) || o.labelsPerCommunity < 1 || o.labelsPerCommunity >= o.size) throw new Error(`labelsPerCommunity must be from 1 to size − 1, got ${o.labelsPerCommunity}.`);
  const rng = createRng(o.seed);
  const graph = stochasticBlockModel(o.communities, o.size, o.pIn, o.pOut, rng.fork());
  const { n, k } = graph;

  // Â = D̃^{-1/2}(A + I)D̃^{-1/2} as a dense n × n matrix (n is small), or I without edges.
  const S = new Float64Array(n * n);
  for (let i = 0; i < n; i++) S[i * n + i] = 1;
  if (o.useEdges) for (const [a, b] of graph.edges) S[a * n + b] = S[b * n + a] = 1;
  const deg = Float64Array.from({ length: n }, (_, i) => S.subarray(i * n, (i + 1) * n).reduce((s, v) => s + v, 0));
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) S[i * n + j] /= Math.sqrt(deg[i] * deg[j]);

  const pick = rng.fork();
  const labelled: number[] = [];
  for (let c = 0; c < k; c++) {
    const members = pick.shuffle(Array.from({ length: o.size }, (_, i) => c * o.size + i));
    labelled.push(...members.slice(0, o.labelsPerCommunity));
  }
  const isLabelled = new Uint8Array(n);
  for (const i of labelled) isLabelled[i] = 1;

  // Weights: Glorot-normal.
  const widths = [n, ...Array.from({ length: o.layers - 1 }, () => o.hidden), k];
  const init = rng.fork();
  const weights = widths.slice(0, -1).map((w, l) => Float32Array.from({ length: w * widths[l + 1] }, () => init.normal(0, Math.sqrt(2 / (w + widths[l + 1])))));
  const opt: JsOptimizer = createJsOptimizer({ name: 'adam', learningRate: o.learningRate });
  let steps = 0;

  /** C = A (r × m) · B (m × c). */
  const matmul = (A: ArrayLike<number>, B: ArrayLike<number>, r: number, m: number, c: number) => {
    const C = new Float64Array(r * c);
    for (let i = 0; i < r; i++) {
      for (let t = 0; t < m; t++) {
        const a = A[i * m + t];
        if (a === 0) continue;
        for (let j = 0; j < c; j++) C[i * c + j] += a * B[t * c + j];
      }
    }
    return C;
  };

  /** Forward pass: Z_l = Â H_l W_l; H_{l+1} = ReLU(Z_l) except the last. Returns every H and the logits. */
  const forward = () => {
    const H: Float64Array[] = [];
    const SH: Float64Array[] = [];
    let h: Float64Array | null = null; // H⁽⁰⁾ = I: Â I W = Â W
    for (let l = 0; l < o.layers; l++) {
      const sh: Float64Array = h ? matmul(S, h, n, n, widths[l]) : S.slice();
      SH.push(sh);
      const z = matmul(sh, weights[l], n, widths[l], widths[l + 1]);
      if (l === o.layers - 1) return { H, SH, logits: z };
      for (let i = 0; i < z.length; i++) if (z[i] < 0) z[i] = 0;
      H.push(z);
      h = z;
    }
    throw new Error('unreachable');
  };

  const softmax = (logits: Float64Array) => {
    const p = new Float64Array(n * k);
    for (let i = 0; i < n; i++) {
      let max = -Infinity;
      for (let c = 0; c < k; c++) max = Math.max(max, logits[i * k + c]);
      let sum = 0;
      for (let c = 0; c < k; c++) sum += p[i * k + c] = Math.exp(logits[i * k + c] - max);
      for (let c = 0; c < k; c++) p[i * k + c] /= sum;
    }
    return p;
  };

  /** Mean cross-entropy on the labelled nodes plus the penalty λ·Σw², from the probabilities. */
  const lossOf = (p: Float64Array) => {
    let loss = 0;
    for (const i of labelled) loss -= Math.log(Math.max(p[i * k + graph.community[i]], 1e-300));
    let sq = 0;
    for (const w of weights) for (let t = 0; t < w.length; t++) sq += w[t] * w[t];
    return loss / labelled.length + o.weightDecay * sq;
  };

  const noBias = new Float32Array(Math.max(o.hidden, k));
  const lossAndGrads = () => {
    const { H, SH, logits } = forward();
    const p = softmax(logits);
    let d: ArrayLike<number> = Float64Array.from({ length: n * k }, (_, t) => {
      const i = Math.floor(t / k);
      const y = graph.community[i];
      return isLabelled[i] ? (p[t] - (t % k === y ? 1 : 0)) / labelled.length : 0;
    });
    const grads: Float32Array[] = new Array(o.layers);
    for (let l = o.layers - 1; l >= 0; l--) {
      // Z_l = SH_l W_l: dW_l = SH_lᵀ dZ; d(SH_l) = dZ W_lᵀ; dH_l = Âᵀ d(SH_l) (Â symmetric).
      grads[l] = new Float32Array(widths[l] * widths[l + 1]);
      denseParamGrads(SH[l], d, grads[l], noBias, n, widths[l], widths[l + 1]);
      for (let t = 0; t < grads[l].length; t++) grads[l][t] += 2 * o.weightDecay * weights[l][t];
      if (l === 0) break;
      const dSH = new Float32Array(n * widths[l]);
      denseInputGrads(d, weights[l], dSH, n, widths[l], widths[l + 1]);
      const dH = matmul(S, dSH, n, n, widths[l]);
      const h = H[l - 1];
      for (let i = 0; i < dH.length; i++) if (h[i] <= 0) dH[i] = 0;
      d = dH;
    }
    return { loss: lossOf(p), grads };
  };

  const trainer: GcnTrainer = {
    options: o,
    graph,
    labelled,
    weights,
    lossAndGrads,
    step() {
      const { loss, grads } = lossAndGrads();
      opt.update(weights, grads);
      steps++;
      return loss;
    },
    evaluate() {
      const p = trainer.probabilities();
      const loss = lossOf(p);
      let right = 0;
      let count = 0;
      for (let i = 0; i < n; i++) {
        if (isLabelled[i]) continue;
        count++;
        let best = 0;
        for (let c = 1; c < k; c++) if (p[i * k + c] > p[i * k + best]) best = c;
        if (best === graph.community[i]) right++;
      }
      return { step: steps, loss, accuracy: right / count };
    },
    probabilities: () => softmax(forward().logits),
  };
  return trainer;
}
