import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { expectNoLeak, useCpu } from '../../tests/helpers/leak.ts';
import { createRng } from '../random.ts';
import {
  ALIGNMENT_ANSWERS,
  answerFeatures,
  bradleyTerryLossAndGrad,
  createAlignmentLab,
  dpoLossAndGrad,
  klDivergence,
  softmax,
  type AlignmentLab,
  type Preference,
} from './alignment.ts';

beforeAll(useCpu);

/** The lab as the widget starts it (seed 2), after 30 scripted comparisons. */
function labelled(options: Parameters<typeof createAlignmentLab>[0] = {}): AlignmentLab {
  const lab = createAlignmentLab(options);
  lab.autoLabel(30);
  return lab;
}

function train(lab: AlignmentLab, steps: number) {
  const start = lab.stats();
  let maxKl = 0;
  let end = start;
  for (let i = 0; i < steps; i++) {
    end = lab.step();
    maxKl = Math.max(maxKl, end.kl);
  }
  return { start, end, maxKl };
}

/** Central differences of f at x, one coordinate at a time. */
function numericGrad(f: (x: Float64Array) => number, x: ArrayLike<number>, h = 1e-5): Float64Array {
  const g = new Float64Array(x.length);
  for (let k = 0; k < x.length; k++) {
    const up = Float64Array.from(x);
    const down = Float64Array.from(x);
    up[k] += h;
    down[k] -= h;
    g[k] = (f(up) - f(down)) / (2 * h);
  }
  return g;
}

function randomPairs(n: number, count: number, seed: number): Preference[] {
  const rng = createRng(seed);
  const out: Preference[] = [];
  while (out.length < count) {
    const winner = rng.int(n);
    const loser = rng.int(n);
    if (winner !== loser) out.push({ winner, loser });
  }
  return out;
}

describe('answers and features', () => {
  it('π_ref sums to 1, features come from the text, and the hack answer is what π_ref almost never writes', () => {
    expect(ALIGNMENT_ANSWERS.reduce((s, a) => s + a.ref, 0)).toBeCloseTo(1, 9);
    expect(Array.from(answerFeatures('Lever it off, patch the tube!'))).toEqual([3 / 5, 6 / 40, 1 / 3]);
    const hack = ALIGNMENT_ANSWERS.findIndex((a) => a.hidden === 0);
    const f = ALIGNMENT_ANSWERS.map((a) => answerFeatures(a.text));
    expect(f[hack][0]).toBe(0); // no repair step
    for (let i = 0; i < f.length; i++) if (i !== hack) expect(f[hack][2]).toBeGreaterThan(3 * f[i][2]); // far more "!" than any other
    expect(ALIGNMENT_ANSWERS[hack].ref).toBeLessThan(0.01);
  });

  it('bad options name the problem', () => {
    expect(() => createAlignmentLab({ method: 'dpo', beta: 0 })).toThrow(/DPO needs beta > 0/);
    expect(() => createAlignmentLab({ beta: -1 })).toThrow(/beta must be a number ≥ 0/);
    expect(() => createAlignmentLab({ answers: [{ text: 'a', short: 'a', ref: 0.5, hidden: 1 }, { text: 'b', short: 'b', ref: 0.2, hidden: 0 }] })).toThrow(/sum to 1/);
    const lab = createAlignmentLab();
    expect(() => lab.addPreference(3, 3)).toThrow(/two different answers/);
    lab.configure({ method: 'dpo' });
    expect(() => lab.step()).toThrow(/label some comparisons first/);
  });
});

describe('gradients', () => {
  const features = ALIGNMENT_ANSWERS.map((a) => answerFeatures(a.text));
  const pairs = randomPairs(features.length, 25, 7);

  it('Bradley–Terry: the analytic gradient matches finite differences and tf.js autodiff', async () => {
    const w = Float64Array.from([0.7, -0.4, 1.3]);
    const l2 = 0.05;
    const { loss, grad } = bradleyTerryLossAndGrad(w, features, pairs, l2);
    const fd = numericGrad((x) => bradleyTerryLossAndGrad(x, features, pairs, l2).loss, w);
    for (let k = 0; k < w.length; k++) expect(grad[k]).toBeCloseTo(fd[k], 7);
    const auto = await expectNoLeak(() =>
      tf.tidy(() => {
        const diff = tf.tensor2d(pairs.map((p) => Array.from(features[p.winner], (v, k) => v - features[p.loser][k])));
        const f = (wt: tf.Tensor) => tf.mean(tf.softplus(tf.neg(tf.matMul(diff, wt.reshape([-1, 1]))))).add(tf.sum(tf.square(wt)).mul(l2 / 2)) as tf.Scalar;
        const { value, grad: g } = tf.valueAndGrad(f)(tf.tensor1d(Array.from(w)));
        return { value: value.dataSync()[0], grad: Array.from(g.dataSync()) };
      }),
    );
    expect(auto.value).toBeCloseTo(loss, 5);
    for (let k = 0; k < w.length; k++) expect(grad[k]).toBeCloseTo(auto.grad[k], 5);
  });

  it('DPO: the analytic gradient matches finite differences and tf.js autodiff', async () => {
    const logits = Float64Array.from(features, (_, i) => Math.sin(3 * i) - 0.2 * i);
    const refLogProbs = softmax(ALIGNMENT_ANSWERS.map((a) => Math.log(a.ref))).logProbs;
    const beta = 0.7;
    const { loss, grad } = dpoLossAndGrad(logits, refLogProbs, pairs, beta);
    const fd = numericGrad((x) => dpoLossAndGrad(x, refLogProbs, pairs, beta).loss, logits);
    for (let k = 0; k < logits.length; k++) expect(grad[k]).toBeCloseTo(fd[k], 7);
    const auto = await expectNoLeak(() =>
      tf.tidy(() => {
        const w = tf.tensor1d(pairs.map((p) => p.winner), 'int32');
        const l = tf.tensor1d(pairs.map((p) => p.loser), 'int32');
        const ref = tf.tensor1d(Array.from(refLogProbs));
        const f = (theta: tf.Tensor) => {
          const lp = tf.logSoftmax(theta);
          const h = tf.sub(tf.sub(tf.gather(lp, w), tf.gather(ref, w)), tf.sub(tf.gather(lp, l), tf.gather(ref, l))).mul(beta);
          return tf.mean(tf.softplus(tf.neg(h))) as tf.Scalar; // −log σ(h) = softplus(−h)
        };
        const { value, grad: g } = tf.valueAndGrad(f)(tf.tensor1d(Array.from(logits)));
        return { value: value.dataSync()[0], grad: Array.from(g.dataSync()) };
      }),
    );
    expect(auto.value).toBeCloseTo(loss, 5);
    for (let k = 0; k < logits.length; k++) expect(grad[k]).toBeCloseTo(auto.grad[k], 5);
  });
});

describe('reward model', () => {
  it('reaches ≥ 90 % pairwise accuracy on held-out π_ref comparisons after 30 scripted comparisons', () => {
    const untrained = createAlignmentLab();
    expect(untrained.stats().rmAccuracy).toBe(0); // all rewards 0: no pair is ordered
    for (const seed of [1, 2, 3]) {
      const lab = labelled({ seed });
      expect(lab.preferences).toHaveLength(30);
      expect(lab.heldOut.length).toBeGreaterThan(800);
      expect(lab.stats().rmAccuracy).toBeGreaterThanOrEqual(0.9);
    }
  });

  it('is wrong away from its data: on seed 2 it ranks the hype answer (never compared) above every helpful one', () => {
    const lab = labelled();
    const hack = ALIGNMENT_ANSWERS.findIndex((a) => a.hidden === 0);
    expect(lab.preferences.some((p) => p.winner === hack || p.loser === hack)).toBe(false);
    const r = lab.rmRewards();
    expect(Math.max(...r)).toBe(r[hack]);
    expect(lab.stats().rmAccuracyAllPairs).toBeLessThan(lab.stats().rmAccuracy);
  });
});

describe('policy optimisation against the preferences', () => {
  const BUDGET = 2; // nats: the widget's default KL budget

  it('PPO-KL at β = 1 raises r_φ and the true reward with KL under budget, and lands on π* ∝ π_ref exp(r_φ/β)', () => {
    const lab = labelled({ method: 'ppo', beta: 1 });
    const { start, end, maxKl } = train(lab, 150);
    expect(start.kl).toBeCloseTo(0, 9);
    expect(end.rewardRm).toBeGreaterThan(start.rewardRm + 1);
    expect(end.rewardTrue).toBeGreaterThan(start.rewardTrue + 1);
    expect(maxKl).toBeLessThan(BUDGET);
    expect(klDivergence(end.probs, lab.optimalPolicy())).toBeLessThan(0.05);
  });

  it('DPO at β = 1 on the same pairs raises r_φ and the true reward with KL under budget', () => {
    const lab = labelled({ method: 'dpo', beta: 1 });
    const { start, end, maxKl } = train(lab, 150);
    expect(end.rewardRm).toBeGreaterThan(start.rewardRm + 1);
    expect(end.rewardTrue).toBeGreaterThan(start.rewardTrue + 1);
    expect(maxKl).toBeLessThan(BUDGET);
    expect(end.loss).toBeLessThan(Math.log(2)); // the loss at π = π_ref
  });

  it('reward hacking at β ≈ 0: PPO-KL raises r_φ while the true reward falls, far outside the budget', () => {
    const lab = labelled({ method: 'ppo', beta: 0.01 });
    const { start, end } = train(lab, 150);
    expect(end.rewardRm).toBeGreaterThan(start.rewardRm + 2);
    expect(end.rewardTrue).toBeLessThan(start.rewardTrue - 1);
    expect(end.kl).toBeGreaterThan(BUDGET);
  });

  it('a larger β keeps π closer to π_ref; resetPolicy returns to π_ref and keeps the preferences', () => {
    const kl = (beta: number) => {
      const lab = labelled({ beta });
      return train(lab, 100).end.kl;
    };
    expect(kl(3)).toBeLessThan(kl(1));
    const lab = labelled();
    train(lab, 20);
    lab.resetPolicy();
    expect(lab.stats().kl).toBeCloseTo(0, 6);
    expect(lab.stats().pairs).toBe(30);
  });

  it('is deterministic for a seed', () => {
    const a = train(labelled({ seed: 5 }), 30).end;
    const b = train(labelled({ seed: 5 }), 30).end;
    expect(Array.from(a.probs)).toEqual(Array.from(b.probs));
  });
});

describe('paced labelling (the widget at hundreds of pairs stays responsive)', () => {
  it('labels the same pairs and fits the same r_φ, bit for bit, in slices', async () => {
    const whole = createAlignmentLab({ seed: 2 });
    whole.autoLabel(40);
    const paced = createAlignmentLab({ seed: 2 });
    let pauses = 0;
    // A budget of 0 ms: a pause after every Adam step of every refit (300 per pair).
    await paced.autoLabelPaced(40, async () => void pauses++, 0);
    expect(paced.preferences).toEqual(whole.preferences);
    expect(Array.from(paced.rmWeights)).toEqual(Array.from(whole.rmWeights));
    expect(pauses).toBeGreaterThanOrEqual(40 * 299);
    // One more pair by hand, paced and not.
    whole.addPreference(3, 5);
    await paced.addPreferencePaced(3, 5, async () => undefined, 0);
    expect(Array.from(paced.rmWeights)).toEqual(Array.from(whole.rmWeights));
    expect(paced.stats()).toEqual(whole.stats());
  });

  it('shares one slice clock across labels: refits shorter than a slice still pause once a slice is used', async () => {
    // A clock that moves 0.01 ms per reading: one refit (300 steps) is 3 ms, under the 8 ms slice.
    let now = 0;
    const spy = vi.spyOn(performance, 'now').mockImplementation(() => (now += 0.01));
    try {
      let pauses = 0;
      await createAlignmentLab({ seed: 2 }).autoLabelPaced(40, async () => void pauses++, 8);
      // 40 × 300 steps at 0.01 ms is 120 ms of slices of 8 ms: about 15 pauses (none with a clock per label).
      expect(pauses).toBeGreaterThanOrEqual(10);
      expect(pauses).toBeLessThanOrEqual(20);
    } finally {
      spy.mockRestore();
    }
  });
});
