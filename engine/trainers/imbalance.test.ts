import { describe, expect, it } from 'vitest';
import { createRng } from '../random.ts';
import { classCounts, createImbalanceTrainer, curves, imbalancedData, lossAndGrad, resample, thresholdMetrics, type ImbalanceLoss, type LossParams } from './imbalance.ts';

const PARAMS: LossParams = { posWeight: 5, gamma: 2, focalAlpha: null };

describe('imbalance losses', () => {
  it('∂L/∂z of BCE, weighted BCE and focal loss equal central finite differences', () => {
    const h = 1e-5;
    const cases: [ImbalanceLoss, LossParams][] = [
      ['bce', PARAMS],
      ['weighted', PARAMS],
      ['focal', PARAMS],
      ['focal', { ...PARAMS, gamma: 0.5, focalAlpha: 0.75 }],
      ['focal', { ...PARAMS, gamma: 5 }],
    ];
    for (const [kind, params] of cases) {
      for (const z of [-6, -1.3, 0, 0.7, 4]) {
        for (const y of [0, 1]) {
          const numeric = (lossAndGrad(kind, z + h, y, params).loss - lossAndGrad(kind, z - h, y, params).loss) / (2 * h);
          expect(lossAndGrad(kind, z, y, params).grad).toBeCloseTo(numeric, 6);
        }
      }
    }
  });

  it('reduce to BCE: pos_weight 1, and focal with γ = 0 and no α; pos_weight scales only the minority term', () => {
    for (const z of [-3, -0.2, 0, 1.5]) {
      for (const y of [0, 1]) {
        const bce = lossAndGrad('bce', z, y, PARAMS);
        expect(lossAndGrad('weighted', z, y, { ...PARAMS, posWeight: 1 })).toEqual(bce);
        const focal0 = lossAndGrad('focal', z, y, { ...PARAMS, gamma: 0 });
        expect(focal0.loss).toBeCloseTo(bce.loss, 12);
        expect(focal0.grad).toBeCloseTo(bce.grad, 12);
        expect(lossAndGrad('weighted', z, y, PARAMS).loss).toBeCloseTo(y === 1 ? 5 * bce.loss : bce.loss, 12);
      }
    }
    // Focal loss fades out a well-classified point far more than a badly classified one.
    const easy = lossAndGrad('focal', -4, 0, PARAMS).loss / lossAndGrad('bce', -4, 0, PARAMS).loss;
    const hard = lossAndGrad('focal', 2, 0, PARAMS).loss / lossAndGrad('bce', 2, 0, PARAMS).loss;
    expect(easy).toBeLessThan(1e-3);
    expect(hard).toBeGreaterThan(0.7);
  });

  it('network gradients of the weighted and focal losses equal finite differences', () => {
    for (const loss of ['weighted', 'focal'] as const) {
      const t = createImbalanceTrainer({ ratio: 5, majority: 60, hidden: [4, 3], loss, gamma: 1.5, seed: 3 });
      t.step(20); // move off the initial point so the focal weights are not all alike
      const rows = Array.from({ length: t.trainSet.n }, (_, i) => i);
      const { gw, gb } = t.lossAndGrads(rows);
      const h = 1e-3;
      const params = [...t.stack.w, ...t.stack.b];
      const grads = [...gw, ...gb];
      params.forEach((p, l) => {
        for (const k of [0, p.length - 1]) {
          const keep = p[k];
          p[k] = keep + h;
          const up = t.lossAndGrads(rows).loss;
          p[k] = keep - h;
          const down = t.lossAndGrads(rows).loss;
          p[k] = keep;
          expect(grads[l][k]).toBeCloseTo((up - down) / (2 * h), 3);
        }
      });
    }
  });
});

describe('resampling', () => {
  const data = imbalancedData(20, 400, 1);
  const [neg, pos] = classCounts(data.y);

  it('draws the asked ratio', () => {
    expect([neg, pos]).toEqual([400, 20]);
    expect(classCounts(imbalancedData(100, 50, 1).y)).toEqual([50, 2]);
  });

  it('none keeps the data, under shrinks the majority, over and SMOTE grow the minority to equal counts', () => {
    const none = resample(data, 'none', createRng(1));
    expect(Array.from(none.x)).toEqual(Array.from(data.x));
    const under = resample(data, 'under', createRng(1));
    expect(classCounts(under.y)).toEqual([20, 20]);
    const over = resample(data, 'over', createRng(1));
    expect(classCounts(over.y)).toEqual([400, 400]);
    expect(over.synthetic.reduce((a, b) => a + b, 0)).toBe(0);
    const smote = resample(data, 'smote', createRng(1), 3);
    expect(classCounts(smote.y)).toEqual([400, 400]);
    expect(smote.synthetic.reduce((a, b) => a + b, 0)).toBe(380);
    // Undersampling keeps only real majority points; oversampling only repeats real minority points.
    const key = (x: Float32Array, i: number) => `${x[2 * i]},${x[2 * i + 1]}`;
    const real = new Set(Array.from({ length: data.n }, (_, i) => key(data.x, i)));
    for (let i = 0; i < under.n; i++) expect(real.has(key(under.x, i))).toBe(true);
    for (let i = 0; i < over.n; i++) expect(real.has(key(over.x, i))).toBe(true);
  });

  it('every SMOTE point lies on a segment between two real minority points', () => {
    const smote = resample(data, 'smote', createRng(2), 3);
    const minority = Array.from({ length: data.n }, (_, i) => i).filter((i) => data.y[i] === 1);
    for (let i = 0; i < smote.n; i++) {
      if (!smote.synthetic[i]) continue;
      const px = smote.x[2 * i];
      const py = smote.x[2 * i + 1];
      const onSome = minority.some((a) =>
        minority.some((b) => {
          if (a === b) return false;
          const [ax, ay, bx, by] = [data.x[2 * a], data.x[2 * a + 1], data.x[2 * b], data.x[2 * b + 1]];
          const len = Math.hypot(bx - ax, by - ay);
          const cross = Math.abs((bx - ax) * (py - ay) - (by - ay) * (px - ax)) / len;
          const along = ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / (len * len);
          return cross < 1e-4 && along >= -1e-6 && along <= 1 + 1e-6;
        }),
      );
      expect(onSome).toBe(true);
    }
  });
});

describe('ROC and precision–recall', () => {
  it('ROC-AUC equals the Mann–Whitney pair count (ties count half); AP equals the mean precision at each minority point', () => {
    const rng = createRng(5);
    const n = 300;
    const labels = Float32Array.from({ length: n }, () => (rng.next() < 0.1 ? 1 : 0));
    // Rounded scores make ties, which both curves must handle.
    const scores = Float32Array.from(labels, (y) => Math.round((rng.next() + 0.3 * y) * 20) / 20);
    const c = curves(scores, labels);
    let wins = 0;
    let pairs = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      if (labels[i] !== 1 || labels[j] !== 0) continue;
      pairs++;
      wins += scores[i] > scores[j] ? 1 : scores[i] === scores[j] ? 0.5 : 0;
    }
    expect(c.rocAuc).toBeCloseTo(wins / pairs, 10);
    expect([c.fpr[0], c.tpr[0], c.fpr[c.fpr.length - 1], c.tpr[c.tpr.length - 1]]).toEqual([0, 0, 1, 1]);
    // Without ties, AP is the mean over minority points of the precision among the points ranked at or above it.
    const distinct = Float32Array.from({ length: n }, (_, i) => scores[i] + i * 1e-5);
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => distinct[b] - distinct[a]);
    let tp = 0;
    let sum = 0;
    order.forEach((idx, rank) => {
      if (labels[idx] === 1) sum += ++tp / (rank + 1);
    });
    expect(curves(distinct, labels).prAuc).toBeCloseTo(sum / tp, 6);
  });

  it('the per-class sorts and merge give exactly the curves of one sort of all points (ties, NaN)', () => {
    /** The straightforward sweep: sort every index by score, walk the groups of equal scores. */
    const reference = (scores: ArrayLike<number>, labels: ArrayLike<number>) => {
      const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
      const [negTotal, posTotal] = classCounts(labels);
      const fpr = [0];
      const tpr = [0];
      const prec = [1];
      const th = [Infinity];
      let tp = 0;
      let fp = 0;
      let rocAuc = 0;
      let prAuc = 0;
      for (let i = 0; i < order.length; ) {
        const s = scores[order[i]];
        while (i < order.length && scores[order[i]] === s) {
          if (labels[order[i]] === 1) tp++;
          else fp++;
          i++;
        }
        const x = fp / negTotal;
        const y = tp / posTotal;
        rocAuc += ((x - fpr[fpr.length - 1]) * (y + tpr[tpr.length - 1])) / 2;
        prAuc += (y - tpr[tpr.length - 1]) * (tp / (tp + fp));
        fpr.push(x);
        tpr.push(y);
        prec.push(tp / (tp + fp));
        th.push(s);
      }
      return { fpr: Float32Array.from(fpr), tpr: Float32Array.from(tpr), recall: Float32Array.from(tpr), precision: Float32Array.from(prec), thresholds: Float32Array.from(th), rocAuc, prAuc };
    };
    const rng = createRng(11);
    for (const levels of [10, 1000, 0]) {
      const labels = Float32Array.from({ length: 4000 }, () => (rng.next() < 0.05 ? 1 : 0));
      const scores = Float32Array.from(labels, (y) => (levels ? Math.round((rng.next() + 0.4 * y) * levels) / levels : rng.next() + 0.4 * y));
      expect(curves(scores, labels)).toEqual(reference(scores, labels));
    }
    // A diverged network's NaN scores end the sweep instead of hanging it.
    const c = curves([NaN, 0.2, NaN, 0.7], [1, 0, 0, 1]);
    expect(c.fpr.length).toBe(4);
    expect(c.tpr[c.tpr.length - 1]).toBe(1);
  });

  it('a perfect ranking scores 1 on both; the threshold read-out matches the curve point', () => {
    const labels = [1, 1, 0, 0, 0, 1, 0];
    const perfect = labels.map((y, i) => (y ? 0.9 - i * 0.01 : 0.1 + i * 0.01));
    const c = curves(perfect, labels);
    expect([c.rocAuc, c.prAuc]).toEqual([1, 1]);
    const scores = [0.9, 0.4, 0.6, 0.2, 0.3, 0.55, 0.1];
    const m = thresholdMetrics(scores, labels, 0.5);
    expect([m.tp, m.fp, m.tn, m.fn]).toEqual([2, 1, 3, 1]);
    expect(m.precision).toBeCloseTo(2 / 3, 12);
    expect(m.recall).toBeCloseTo(2 / 3, 12);
    expect(m.f1).toBeCloseTo(2 / 3, 12);
    const rc = curves(scores, labels);
    const at = Array.from(rc.thresholds).indexOf(Math.fround(0.55));
    expect([rc.fpr[at], rc.tpr[at], rc.precision[at]].map((v) => Math.round(v * 1e6) / 1e6)).toEqual([0.25, 0.666667, 0.666667]);
  });
});

describe('imbalance trainer', () => {
  it('at 1:50 the weighted loss lifts minority recall at 0.5 by ≥ 30 points over BCE, while ROC-AUC barely moves', () => {
    const run = (loss: ImbalanceLoss) => {
      const t = createImbalanceTrainer({ ratio: 50, majority: 1000, evalMajority: 2000, loss, seed: 2 });
      const first = t.step(1);
      const last = t.step(400);
      return { e: t.evaluate(0.5), first, last };
    };
    const bce = run('bce');
    const weighted = run('weighted');
    // Measured (seed 2): recall 0.00 → 0.88, ROC-AUC 0.94 for both, precision 1 (nothing flagged) → 0.13.
    expect(bce.last).toBeLessThan(bce.first);
    expect(weighted.last).toBeLessThan(weighted.first);
    expect(weighted.e.atThreshold.recall).toBeGreaterThan(bce.e.atThreshold.recall + 0.3);
    expect(Math.abs(weighted.e.rocAuc - bce.e.rocAuc)).toBeLessThan(0.05);
    expect(bce.e.rocAuc).toBeGreaterThan(0.85);
    // Precision pays for the recall.
    expect(weighted.e.atThreshold.precision).toBeLessThan(bce.e.atThreshold.precision);
  });

  it('is seeded, maps the plane and names a bad option', () => {
    const a = createImbalanceTrainer({ ratio: 20, sampling: 'smote', seed: 4 });
    const b = createImbalanceTrainer({ ratio: 20, sampling: 'smote', seed: 4 });
    expect([a.step(3), a.step(3)]).toEqual([b.step(3), b.step(3)]);
    expect(a.options.posWeight).toBe(1); // balanced by SMOTE, so 'auto' is 1
    expect(createImbalanceTrainer({ ratio: 20 }).options.posWeight).toBe(20);
    const grid = a.predictGrid(20);
    expect(grid.length).toBe(400);
    expect(Math.min(...grid)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...grid)).toBeLessThanOrEqual(1);
    const e = a.evaluate();
    expect(e.scores.length).toBe(a.evalSet.n);
    expect(a.steps).toBe(6);
    expect(a.metricsAt(0.3)).toEqual(thresholdMetrics(e.scores, a.evalSet.y, 0.3));
    expect(() => createImbalanceTrainer({ ratio: 500 })).toThrow('ratio must be from 1 to 100, got 500.');
    expect(() => createImbalanceTrainer({ loss: 'hinge' as ImbalanceLoss })).toThrow(/loss must be one of bce, weighted, focal/);
  });
});
