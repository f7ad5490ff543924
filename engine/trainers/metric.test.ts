import { describe, expect, it } from 'vitest';
import { createRng } from '../random.ts';
import { loadMnist } from '../datasets/mnist.ts';
import { createLayerStack } from '../kernels/layer-stack.ts';
import {
  ConvFront,
  batchHardLoss,
  circleBoundaryRadius,
  circleLoss,
  contrastiveLoss,
  countTriplets,
  createMetricTrainer,
  createMetricTrainerSliced,
  metricLoss,
  metricRateScale,
  mineTriplets,
  nearestNeighbours,
  normalizeBackward,
  normalizeRows,
  pairwiseDistances,
  proxyLoss,
  recallAt1,
  tripletBoundary,
  tripletLoss,
  type LossResult,
  type MetricOptions,
} from './metric.ts';

/** Random points near the unit sphere (not exactly on it, so the losses are checked as functions of E). */
function randomBatch(n: number, dim: number, classes: number, seed: number) {
  const rng = createRng(seed);
  const E = Float64Array.from({ length: n * dim }, () => rng.normal(0, 0.7));
  const labels = Uint8Array.from({ length: n }, (_, i) => i % classes);
  return { E, labels };
}

/** Central finite differences of `f` at every coordinate of E, compared with `grad`. */
function expectGradMatches(E: Float64Array, grad: Float64Array, f: (E: Float64Array) => number, h = 1e-6, tol = 1e-5) {
  let worst = 0;
  for (let i = 0; i < E.length; i++) {
    const keep = E[i];
    E[i] = keep + h;
    const up = f(E);
    E[i] = keep - h;
    const down = f(E);
    E[i] = keep;
    const fd = (up - down) / (2 * h);
    worst = Math.max(worst, Math.abs(fd - grad[i]) / Math.max(1, Math.abs(fd)));
  }
  expect(worst).toBeLessThan(tol);
  // and the gradient is not trivially zero
  expect(grad.some((g) => Math.abs(g) > 1e-4)).toBe(true);
}

describe('metric losses: gradients equal finite differences', () => {
  const n = 12;
  const dim = 3;
  const { E, labels } = randomBatch(n, dim, 3, 5);
  const D = pairwiseDistances(E, n, dim);
  const margin = 0.6;

  it('triplet loss, with each miner', () => {
    for (const miner of ['random', 'semi-hard', 'hard'] as const) {
      const T = mineTriplets(D, labels, n, miner, margin, createRng(2));
      expect(T.length).toBeGreaterThan(0);
      const r: LossResult = tripletLoss(E, n, dim, T, margin);
      expectGradMatches(E, r.grad, (x) => tripletLoss(x, n, dim, T, margin).loss);
    }
  });

  it('normalised-softmax proxy loss, in the embeddings and in the (unnormalised) proxies', () => {
    const proxies = Float64Array.from(randomBatch(3, dim, 3, 8).E);
    const classOf = [0, 1, 2];
    for (const T of [0.1, 1]) {
      const r = proxyLoss(E, labels, n, dim, proxies, 3, classOf, T);
      expect(r.loss).toBeGreaterThan(0);
      expectGradMatches(E, r.grad, (x) => proxyLoss(x, labels, n, dim, proxies, 3, classOf, T).loss);
      expectGradMatches(proxies, r.proxyGrad, (p) => proxyLoss(E, labels, n, dim, p, 3, classOf, T).loss);
    }
  });

  it('contrastive loss on the pairs of mined triplets', () => {
    const T = mineTriplets(D, labels, n, 'random', margin, createRng(3));
    const r = contrastiveLoss(E, labels, n, dim, T, 1.2);
    expect(r.active).toBeGreaterThan(0);
    expectGradMatches(E, r.grad, (x) => contrastiveLoss(x, labels, n, dim, T, 1.2).loss);
  });

  it('batch-hard triplet loss', () => {
    const r = batchHardLoss(E, labels, n, dim, margin);
    expect(r.terms).toBe(n);
    expectGradMatches(E, r.grad, (x) => batchHardLoss(x, labels, n, dim, margin).loss);
  });

  it('circle loss, with its weights α held fixed as in the paper', () => {
    const base = E.slice();
    const r = circleLoss(E, labels, n, dim, 0.25, 16);
    expectGradMatches(E, r.grad, (x) => circleLoss(x, labels, n, dim, 0.25, 16, base).loss);
  });

  it('normalisation backward, and a whole batch through it', () => {
    const z = E.slice();
    const e = z.slice();
    const norms = normalizeRows(e, n, dim);
    const T = mineTriplets(pairwiseDistances(e, n, dim), labels, n, 'random', margin, createRng(4));
    const loss = (zz: Float64Array) => {
      const ee = zz.slice();
      normalizeRows(ee, n, dim);
      return tripletLoss(ee, n, dim, T, margin).loss;
    };
    const gz = new Float64Array(n * dim);
    normalizeBackward(e, norms, tripletLoss(e, n, dim, T, margin).grad, n, dim, gz);
    expectGradMatches(z, gz, loss);
  });
});

describe('the convolutional front end', () => {
  it('its weight and bias gradients equal finite differences (conv → ReLU → max-pool, several images)', () => {
    for (const k of [3, 5]) {
      const rng = createRng(11 + k);
      const side = 6;
      const rows = 3;
      const filters = 3;
      const conv = createLayerStack([k * k, filters], 'relu', 'he', rng.fork());
      for (const b of conv.b[0].keys()) conv.b[0][b] = rng.normal(0, 0.3); // some units off, some on
      const front = new ConvFront(conv, side, rows);
      expect(front.outSize).toBe(filters * 9);
      const x = Float32Array.from({ length: rows * side * side }, () => rng.normal(0, 1));
      const c = Float64Array.from({ length: rows * front.outSize }, () => rng.normal(0, 1));
      const f = () => {
        const out = front.forward(x, rows);
        let s = 0;
        for (let i = 0; i < out.length; i++) s += c[i] * out[i];
        return s;
      };
      f();
      front.backward(c);
      const analytic = [Float64Array.from(front.gw), Float64Array.from(front.gb)];
      const h = 1e-3;
      let worst = 0;
      [conv.w[0], conv.b[0]].forEach((param, which) => {
        for (let i = 0; i < param.length; i++) {
          const keep = param[i];
          param[i] = keep + h;
          const up = f();
          param[i] = keep - h;
          const down = f();
          param[i] = keep;
          const fd = (up - down) / (2 * h);
          worst = Math.max(worst, Math.abs(fd - analytic[which][i]) / Math.max(1, Math.abs(fd)));
        }
      });
      expect(worst).toBeLessThan(2e-3);
      expect(analytic[0].some((g) => Math.abs(g) > 1e-2)).toBe(true);
    }
  });

  it('a kernel of one pixel with weight 1 is max-pool then ReLU of the input', () => {
    const conv = createLayerStack([1, 1], 'relu', 'he', createRng(1));
    conv.w[0][0] = 1;
    const front = new ConvFront(conv, 4, 1);
    const x = Float32Array.from([1, -2, 0, 3, 4, 0.5, -1, -1, -5, -6, 2, 0, -7, -8, 1, 9]);
    expect(Array.from(front.forward(x, 1))).toEqual([4, 3, 0, 9]);
  });
});

describe('miners and counts on hand-made batches', () => {
  // Four points on a line (dim 1): anchor 0 at 0, positive 1 at 1, negatives 2 at 0.5 and 3 at 1.1.
  // With m = 0.3: for (a=0, p=1, d=1): negative 2 (d=0.5) is hard, negative 3 (d=1.1) semi-hard.
  const E = Float64Array.from([0, 1, 0.5, 1.1]);
  const labels = Uint8Array.from([0, 0, 1, 1]);
  const D = pairwiseDistances(E, 4, 1);

  it('classifies every valid triplet exactly', () => {
    // Triplets (a, p, n): a,p ∈ {0,1} or {2,3} in either order, n the two of the other class: 8.
    // (0,1): n=2 d .5 vs 1 → hard; n=3 d 1.1 vs 1 → semi-hard.
    // (1,0): d_ap 1; n=2 d .5 → hard; n=3 d .1 → hard.
    // (2,3): d_ap .6; n=0 d .5 → hard; n=1 d .5 → hard.
    // (3,2): d_ap .6; n=0 d 1.1 → easy (≥ .9); n=1 d .1 → hard.
    expect(countTriplets(D, labels, 4, 0.3)).toEqual({ easy: 1, semiHard: 1, hard: 6, total: 8 });
    // A zero margin makes the semi-hard one easy.
    expect(countTriplets(D, labels, 4, 0)).toEqual({ easy: 2, semiHard: 0, hard: 6, total: 8 });
  });

  it('semi-hard and hard miners return exactly those triplets; random one per (anchor, positive)', () => {
    expect(Array.from(mineTriplets(D, labels, 4, 'semi-hard', 0.3, createRng(1)))).toEqual([0, 1, 3]);
    const hard = mineTriplets(D, labels, 4, 'hard', 0.3, createRng(1));
    expect(hard.length / 3).toBe(6);
    expect(Array.from(hard.subarray(0, 3))).toEqual([0, 1, 2]);
    const random = mineTriplets(D, labels, 4, 'random', 0.3, createRng(1));
    expect(random.length / 3).toBe(4);
    for (let t = 0; t < random.length; t += 3) expect(labels[random[t + 2]]).not.toBe(labels[random[t]]);
  });

  it('batch-hard picks the farthest positive and the closest negative per anchor', () => {
    const r = batchHardLoss(E, labels, 4, 1, 0.3);
    // anchors: 0: dap 1, dan .5 → 0.8; 1: 1, .1 → 1.2; 2: .6, .5 → .4; 3: .6, .1 → .8. Mean 0.8.
    expect(r.loss).toBeCloseTo(0.8, 12);
    expect(r.active).toBe(4);
  });

  it('metricLoss reports the counts with any loss', () => {
    for (const loss of ['contrastive', 'triplet', 'batch-hard', 'circle'] as const) {
      const r = metricLoss(E, labels, 4, 1, { loss, miner: 'hard', margin: 0.3, gamma: 8, rng: createRng(1) });
      expect(r.counts.total).toBe(8);
      expect(r.pairs.length % 2).toBe(0);
      expect(Number.isFinite(r.loss)).toBe(true);
    }
  });

  it('decision boundaries: a pair on the triplet curve has d_n − d_p = m; the circle has radius √2·m', () => {
    const m = 0.3;
    for (const sn of [-0.5, 0, 0.5]) {
      const sp = tripletBoundary(sn, m);
      expect(Math.sqrt(2 - 2 * sn) - Math.sqrt(2 - 2 * sp)).toBeCloseTo(m, 12);
    }
    expect(circleBoundaryRadius(0.25) ** 2).toBeCloseTo(2 * 0.25 ** 2, 12);
  });

  it('Recall@1 and nearest neighbours', () => {
    const pts = Float64Array.from([0, 0.1, 1, 1.1, 0.4]);
    const lab = Uint8Array.from([0, 0, 1, 1, 0]);
    // Every point's nearest other point shares its class (4 at 0.4 is 0.3 from point 1, 0.6 from point 2).
    expect(recallAt1(pts, lab, 5, 1)).toBe(1);
    // Three points: 0 ↔ 1 are each other's nearest (same class), 2's nearest is 1 (other class): 2/3.
    const three = Float64Array.from([0, 0.2, 1]);
    const threeLab = Uint8Array.from([0, 0, 1]);
    expect(recallAt1(three, threeLab, 3, 1)).toBeCloseTo(2 / 3, 12);
    // Query only point 2; with point 1 left out of the gallery its nearest is still of the other class.
    expect(recallAt1(three, threeLab, 3, 1, Uint8Array.from([0, 0, 1]), Uint8Array.from([1, 0, 1]))).toBe(0);
    // Query point 0 with a gallery of {0, 2}: no same-class item left, a miss.
    expect(recallAt1(three, threeLab, 3, 1, Uint8Array.from([1, 0, 0]), Uint8Array.from([1, 0, 1]))).toBe(0);
    const nn = nearestNeighbours(pts, 5, 1, 0, 3);
    expect(Array.from(nn.indices)).toEqual([1, 4, 2]);
    expect(nn.distances[0]).toBeCloseTo(0.1, 6);
  });
});

describe('metric trainer on the shipped digits', () => {
  it('training lowers the loss and lifts seen-class Recall@1; held-out classes never enter a batch', async () => {
    const data = await loadMnist();
    const t = createMetricTrainer(data, { loss: 'triplet', miner: 'semi-hard', seed: 3, inputPool: 4, hidden: [32], convFilters: 0 });
    expect(t.trainClasses).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const before = t.evaluate();
    let first = 0;
    let last = 0;
    for (let i = 0; i < 200; i++) {
      const s = t.step();
      if (i < 20) first += s.loss / 20;
      if (i >= 180) last += s.loss / 20;
      expect(s.counts.total).toBe(64 * 7 * 56);
    }
    const after = t.evaluate();
    expect(last).toBeLessThan(first);
    expect(after.recallSeen).toBeGreaterThan(before.recallSeen + 0.2);
    const d = t.display();
    expect(d.count).toBe(300);
    for (let i = 0; i < d.count; i++) expect(Math.hypot(d.points[2 * i], d.points[2 * i + 1])).toBeCloseTo(1, 5);
    expect(t.neighbours(0, 5).indices.length).toBe(5);
    // The measurement in pieces gives the same numbers as in one go.
    let piecewise = t.evaluateSome(300);
    let calls = 1;
    while (!piecewise) {
      piecewise = t.evaluateSome(300);
      calls++;
    }
    expect(calls).toBe(14); // 2,000 digits (1,000 test, 1,000 held-out training-split) embedded 300 at a time, then scored as queries 300 at a time
    expect(piecewise).toEqual(after);
    // The headline scores every digit of the held-out classes, from both splits (none of them ever trained), among themselves.
    const rows: number[] = [];
    const heldLabels: number[] = [];
    for (const [set, E] of [[data.test, t.embed(data.test, 0, data.test.n)], [data.train, t.embed(data.train, 0, data.train.n)]] as const) {
      for (let i = 0; i < set.n; i++) {
        if (set.labels[i] < 8) continue;
        rows.push(E[2 * i], E[2 * i + 1]);
        heldLabels.push(set.labels[i]);
      }
    }
    expect(heldLabels).toHaveLength(1200);
    expect(after.recallHeldOut).toBeCloseTo(recallAt1(rows, heldLabels, heldLabels.length, 2), 12);
  });

  it('the learning rate drops at once or falls linearly; weight averaging changes what is evaluated, not the training', async () => {
    expect(metricRateScale({ decayAfter: 100, decayOver: 0, decayTo: 0.25 }, 99)).toBe(1);
    expect(metricRateScale({ decayAfter: 100, decayOver: 0, decayTo: 0.25 }, 100)).toBe(0.25);
    expect(metricRateScale({ decayAfter: 100, decayOver: 200, decayTo: 0.1 }, 200)).toBeCloseTo(0.55, 12);
    expect(metricRateScale({ decayAfter: 100, decayOver: 200, decayTo: 0.1 }, 1000)).toBeCloseTo(0.1, 12);
    expect(metricRateScale({ decayAfter: 0, decayOver: 200, decayTo: 0.1 }, 1000)).toBe(1);
    const data = await loadMnist();
    const options: MetricOptions = { seed: 4, inputPool: 4, hidden: [32], convFilters: 0, decayAfter: 10, decayOver: 20 };
    const raw = createMetricTrainer(data, options);
    const avg = createMetricTrainer(data, { ...options, emaDecay: 0.9 });
    for (let i = 0; i < 40; i++) {
      const a = raw.step();
      const b = avg.step();
      expect(b.loss).toBe(a.loss);
      expect(b.learningRate).toBeCloseTo(0.005 * metricRateScale({ decayAfter: 10, decayOver: 20, decayTo: 0.25 }, i), 12);
    }
    const pr = raw.display().points;
    const pa = avg.display().points;
    let diff = 0;
    for (let i = 0; i < pr.length; i++) diff = Math.max(diff, Math.abs(pr[i] - pa[i]));
    expect(diff).toBeGreaterThan(1e-3); // the average lags the raw weights
    expect(avg.step().loss).toBe(raw.step().loss); // and evaluating with it put the raw weights back
    expect(() => createMetricTrainer(data, { emaDecay: 1 })).toThrow(/emaDecay/);
    expect(() => createMetricTrainer(data, { decayOver: -1 })).toThrow(/decayOver/);
  });

  it('builds in slices that yield to the event loop, to the same trainer as in one go', async () => {
    const data = await loadMnist();
    const options: MetricOptions = { seed: 2, inputPool: 4, hidden: [32], convFilters: 0 };
    let yields = 0;
    const sliced = await createMetricTrainerSliced(data, options, { sliceMs: 0, yieldNow: async () => void yields++ });
    expect(yields).toBeGreaterThan(10); // 5,000 training digits averaged 250 between two checks of the clock
    const whole = createMetricTrainer(data, options);
    for (let i = 0; i < 5; i++) expect(sliced.step().loss).toBe(whole.step().loss);
    expect(sliced.evaluate()).toEqual(whole.evaluate());
    await expect(createMetricTrainerSliced(data, { dim: 1 })).rejects.toThrow(/dim must be/);
  });

  it('batch-hard on the circle: collapses from a random start, and the semi-hard warm-up prevents it', async () => {
    const data = await loadMnist();
    const run = (warmupSteps: number) => {
      const t = createMetricTrainer(data, { loss: 'batch-hard', warmupSteps, seed: 1, inputPool: 4, hidden: [32], convFilters: 0 });
      let s = t.step();
      expect(s.warmup).toBe(warmupSteps > 0);
      for (let i = 1; i < 600; i++) s = t.step();
      expect(s.warmup).toBe(false);
      return { easy: s.counts.easy / s.counts.total, seen: t.evaluate().recallSeen };
    };
    const collapsed = run(0);
    const warmed = run(300);
    expect(collapsed.easy).toBe(0); // every anchor's nearest negative as near as its farthest positive
    expect(warmed.easy).toBeGreaterThan(0.3);
    expect(warmed.seen).toBeGreaterThan(collapsed.seen + 0.25);
  });

  it('drops the learning rate after decayAfter steps', async () => {
    const t = createMetricTrainer(await loadMnist(), { decayAfter: 2, decayTo: 0.5, learningRate: 0.004, inputPool: 4, hidden: [8], convFilters: 0 });
    expect([t.step(), t.step(), t.step()].map((s) => s.learningRate)).toEqual([0.004, 0.004, 0.002]);
  });

  it('is seeded, and names a bad option', async () => {
    const data = await loadMnist();
    const run = () => {
      const t = createMetricTrainer(data, { seed: 7 });
      for (let i = 0; i < 5; i++) t.step();
      return t.display().points;
    };
    expect(Array.from(run())).toEqual(Array.from(run()));
    expect(() => createMetricTrainer(data, { heldOut: [3, 3] })).toThrow(/distinct/);
    expect(() => createMetricTrainer(data, { loss: 'arc' as never })).toThrow(/Unknown loss/);
    expect(() => createMetricTrainer(data, { decayTo: 0 })).toThrow(/decayTo must lie in \(0, 1\]/);
    expect(() => createMetricTrainer(data, { convFilters: 4, inputPool: 4 })).toThrow(/even input side: use inputPool 1 or 2/);
    expect(() => createMetricTrainer(data, { convKernel: 4 })).toThrow(/convKernel must be an odd/);
  });
});
