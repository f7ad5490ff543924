import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeak, useCpu } from '../../tests/helpers/leak.ts';
import { createRng } from '../random.ts';
import { ActorCritic, decodeFloat32, encodeFloat32 } from './actor-critic.ts';
import { gae, ppoClipLoss, ppoLossAndGrads, createPpoTrainer } from './ppo.ts';

beforeAll(useCpu);

describe('GAE(λ)', () => {
  const rewards = [1, 1, 1];
  const values = [0.5, 0.4, 0.3];
  it('matches a hand-computed three-step trajectory (γ = 0.9, λ = 0.8)', () => {
    // Episode ends after step 2: δ2 = 1 − 0.3 = 0.7; δ1 = 1 + 0.9·0.3 − 0.4 = 0.87; δ0 = 1 + 0.9·0.4 − 0.5 = 0.86.
    // Â2 = 0.7; Â1 = 0.87 + 0.72·0.7 = 1.374; Â0 = 0.86 + 0.72·1.374 = 1.84928.
    const ended = gae(rewards, values, [0, 0, 1], 0.9, 0.9, 0.8);
    expect(Array.from(ended.advantages)).toEqual([1.84928, 1.374, 0.7].map(Math.fround));
    expect(Array.from(ended.returns).map((x) => +x.toFixed(5))).toEqual([2.34928, 1.774, 1]);
    // Not ended: bootstrap from V(s3) = 0.9. δ2 = 1 + 0.81 − 0.3 = 1.51; Â1 = 0.87 + 0.72·1.51; Â0 = 0.86 + 0.72·Â1.
    const open = gae(rewards, values, [0, 0, 0], 0.9, 0.9, 0.8);
    expect(open.advantages[2]).toBeCloseTo(1.51, 6);
    expect(open.advantages[1]).toBeCloseTo(1.9572, 6);
    expect(open.advantages[0]).toBeCloseTo(2.269184, 6);
    // An episode boundary in the middle cuts the sum: Â1 = 1 − 0.4, Â0 = 0.86 + 0.72·0.6.
    const cut = gae(rewards, values, [0, 1, 0], 0.9, 0.9, 0.8);
    expect(Array.from(cut.advantages).map((x) => +x.toFixed(6))).toEqual([1.292, 0.6, 1.51]);
  });

  it('λ = 0 is the TD error, λ = 1 the discounted return minus V; envs interleave time-major', () => {
    const td = gae(rewards, values, [0, 0, 0], 0.9, 0.9, 0);
    expect(Array.from(td.advantages).map((x) => +x.toFixed(6))).toEqual([0.86, 0.87, 1.51]);
    const mc = gae(rewards, values, [0, 0, 1], 0, 0.9, 1);
    expect(mc.advantages[0]).toBeCloseTo(1 + 0.9 + 0.81 - 0.5, 6);
    // Two envs: env 0 is the "ended" trajectory, env 1 the "open" one.
    const both = gae([1, 1, 1, 1, 1, 1], [0.5, 0.5, 0.4, 0.4, 0.3, 0.3], [0, 0, 0, 0, 1, 0], [0, 0.9], 0.9, 0.8, 2);
    expect(both.advantages[0]).toBeCloseTo(1.84928, 5);
    expect(both.advantages[1]).toBeCloseTo(2.269184, 5);
  });
});

describe('PPO clipped objective', () => {
  it('equals hand-computed values', () => {
    // ε = 0.2.   r    Â    r·Â   clip(r)·Â   min   gradient flows?
    //           1.5   1    1.5     1.2       1.2   no  (Â > 0 and r > 1.2)
    //           0.5   1    0.5     0.8       0.5   yes
    //           1.1  −2   −2.2    −2.2      −2.2   yes
    //           0.7  −1   −0.7    −0.8      −0.8   no  (Â < 0 and r < 0.8)
    const r = ppoClipLoss([1.5, 0.5, 1.1, 0.7], [1, 1, -2, -1], 0.2);
    expect(r.loss).toBeCloseTo(-(1.2 + 0.5 - 2.2 - 0.8) / 4, 12);
    expect(Array.from(r.active)).toEqual([0, 1, 1, 0]);
    expect(r.clipFraction).toBe(0.75);
    const kl = [1.5, 0.5, 1.1, 0.7].reduce((s, x) => s + (x - 1 - Math.log(x)), 0) / 4;
    expect(r.approxKl).toBeCloseTo(kl, 12);
    expect(r.approxKl).toBeCloseTo(0.0872617, 6);
    // At r = 1 (right after collecting) the loss is −mean(Â) and nothing is clipped.
    const fresh = ppoClipLoss([1, 1], [2, -1], 0.2);
    expect(fresh.loss).toBeCloseTo(-0.5, 12);
    expect(fresh.clipFraction).toBe(0);
    expect(fresh.approxKl).toBe(0);
  });

  it('the fused actor-critic gradients equal tf.js autodiff of the same loss', async () => {
    const rng = createRng(4);
    const net = new ActorCritic(4, 2, [5, 3], rng);
    // Larger output weights than the default init, so ratios move away from 1 and some clip.
    for (const w of net.actor.params.w) for (let i = 0; i < w.length; i++) w[i] *= 40;
    for (const b of [...net.actor.params.b, ...net.critic.params.b]) for (let i = 0; i < b.length; i++) b[i] = rng.uniform(-0.3, 0.3);
    const n = 12;
    const obs = Float32Array.from({ length: n * 4 }, () => rng.uniform(-1, 1));
    const actions = Int32Array.from({ length: n }, () => rng.int(2));
    const oldLogProbs = Float32Array.from({ length: n }, () => Math.log(rng.uniform(0.2, 0.8)));
    const advantages = Float32Array.from({ length: n }, () => rng.normal());
    const returns = Float32Array.from({ length: n }, () => rng.normal());
    const coef = { clip: 0.2, valueCoef: 0.5, entropyCoef: 0.05 };
    const parts = ppoLossAndGrads(net, { obs, actions, oldLogProbs, advantages, returns, n }, coef);
    expect(parts.clipFraction).toBeGreaterThan(0);
    expect(parts.clipFraction).toBeLessThan(1);

    await expectNoLeak(() => {
      const vars = [...net.actor.paramList(), ...net.critic.paramList()].map((p, i) => {
        const sizes = i < 2 * (net.actor.params.sizes.length - 1) ? net.actor.params.sizes : net.critic.params.sizes;
        const l = Math.floor((i % (2 * (sizes.length - 1))) / 2);
        return tf.tidy(() => (i % 2 === 0 ? tf.variable(tf.tensor2d(p, [sizes[l], sizes[l + 1]])) : tf.variable(tf.tensor1d(p))));
      });
      const mlp = (x: tf.Tensor2D, ws: tf.Variable[]) => {
        let h: tf.Tensor2D = x;
        for (let l = 0; l < ws.length / 2; l++) {
          h = tf.add(tf.matMul(h, ws[2 * l] as tf.Tensor2D), ws[2 * l + 1]);
          if (l < ws.length / 2 - 1) h = tf.tanh(h);
        }
        return h;
      };
      const half = 2 * (net.actor.params.sizes.length - 1);
      const { value, grads } = tf.tidy(() =>
        tf.variableGrads(() => {
          const x = tf.tensor2d(obs, [n, 4]);
          const logits = mlp(x, vars.slice(0, half));
          const logp = tf.logSoftmax(logits);
          const taken = tf.sum(tf.mul(logp, tf.oneHot(tf.tensor1d(actions, 'int32'), 2)), 1);
          const ratio = tf.exp(tf.sub(taken, tf.tensor1d(oldLogProbs)));
          const adv = tf.tensor1d(advantages);
          const surrogate = tf.minimum(tf.mul(ratio, adv), tf.mul(tf.clipByValue(ratio, 0.8, 1.2), adv));
          const entropy = tf.mean(tf.neg(tf.sum(tf.mul(tf.exp(logp), logp), 1)));
          const v = tf.squeeze(mlp(x, vars.slice(half)), [1]);
          const vLoss = tf.mean(tf.square(tf.sub(v, tf.tensor1d(returns))));
          return tf.sub(tf.add(tf.neg(tf.mean(surrogate)), tf.mul(coef.valueCoef, vLoss)), tf.mul(coef.entropyCoef, entropy)) as tf.Scalar;
        }, vars),
      );
      expect(parts.loss).toBeCloseTo(value.dataSync()[0], 5);
      const js = net.gradList();
      vars.forEach((v, i) => {
        const g = grads[v.name].dataSync();
        expect(js[i].length).toBe(g.length);
        for (let k = 0; k < g.length; k++) expect(js[i][k]).toBeCloseTo(g[k], 5);
      });
      value.dispose();
      tf.dispose(Object.values(grads));
      tf.dispose(vars);
    });
  });

  it('weights survive a base64 round trip exactly', () => {
    const x = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 1e3);
    expect(Array.from(decodeFloat32(encodeFloat32(x)))).toEqual(Array.from(x));
  });
});

describe('PPO on CartPole', () => {
  it('a short seeded run raises the average return, and the same seed repeats it', () => {
    const run = () => {
      const ppo = createPpoTrainer({ seed: 1 });
      const before = ppo.evaluate(10);
      const stats = [];
      for (let i = 0; i < 8; i++) stats.push(ppo.iterate().update);
      return { before, after: ppo.evaluate(10), stats, steps: ppo.envSteps };
    };
    const a = run();
    expect(a.steps).toBe(8 * 8 * 128);
    expect(a.after).toBeGreaterThan(a.before + 50);
    expect(a.after).toBeGreaterThan(100);
    for (const s of a.stats) {
      expect(s.approxKl).toBeGreaterThanOrEqual(0);
      expect(s.clipFraction).toBeGreaterThanOrEqual(0);
      expect(s.clipFraction).toBeLessThanOrEqual(1);
      expect(s.lastRatios.length).toBe(256);
    }
    const b = createPpoTrainer({ seed: 1 });
    b.iterate();
    expect(b.iterate().update.policyLoss).toBe(a.stats[1].policyLoss);
  });

  it('a rollout collected step by step equals collect() for the same seed, and so does the update after it', () => {
    const whole = createPpoTrainer({ seed: 3, rolloutLength: 64 });
    const sliced = createPpoTrainer({ seed: 3, rolloutLength: 64 });
    for (let round = 0; round < 2; round++) {
      const a = whole.collect();
      const steps = sliced.collectSteps();
      let pieces = 0;
      let r = steps.next();
      for (; !r.done; r = steps.next()) pieces++;
      expect(pieces).toBe(63); // one time step per next(): the last one returns the rollout
      expect(sliced.hasRollout).toBe(true);
      expect(r.value).toEqual(a);
      expect(sliced.update()).toEqual(whole.update());
    }
    expect(sliced.exportWeights()).toEqual(whole.exportWeights());
    // A rollout left unfinished is not updated on: update() collects a whole one first.
    const half = sliced.collectSteps();
    for (let i = 0; i < 10; i++) half.next();
    expect(sliced.hasRollout).toBe(false);
    const before = sliced.envSteps;
    sliced.update();
    expect(sliced.envSteps).toBe(before + 8 * 64);
  });

  it('rejects bad settings with a message naming the field', () => {
    expect(() => createPpoTrainer({ clip: 3 })).toThrow('clip must be a number from 0.01 to 1, got 3.');
    expect(() => createPpoTrainer({ epochs: 0.5 })).toThrow(/epochs must be a whole number/);
  });
});

describe('the shipped CartPole policy', () => {
  it('balances: average return ≥ 475 over 20 evaluation episodes (no training)', () => {
    const ppo = createPpoTrainer({ pretrained: true });
    expect(ppo.evaluate(20, { seed: 777 })).toBeGreaterThanOrEqual(475);
    // The sampled (stochastic) policy is good too, and continued training starts from it.
    expect(ppo.evaluate(20, { greedy: false, seed: 778 })).toBeGreaterThanOrEqual(450);
  });
});
