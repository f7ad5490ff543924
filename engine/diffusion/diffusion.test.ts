import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeak, useCpu } from '../../tests/helpers/leak.ts';
import { customPoints, generatePoints, POINT_SETS } from '../datasets/points2d.ts';
import { createRng } from '../random.ts';
import { createDiffusionTrainer } from '../trainers/diffusion.ts';
import { mmd, noiseBaselineMmd } from './quality.ts';
import { createSchedule, iterateNoise, qSample, samplingTimesteps, SCHEDULES } from './schedule.ts';

beforeAll(useCpu);

// Small settings so the cpu backend stays quick: the full-size targets live in bench/diffusion.bench.ts.
const SMALL = { hidden: [32, 32], batchSize: 128, points: 600, heldOut: 400, steps: 50 };

const meanVar = (v: number[]) => {
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  return [m, v.reduce((a, b) => a + (b - m) ** 2, 0) / v.length];
};

describe('2-D point sets', () => {
  it.each(POINT_SETS)('%s is seeded, labelled and inside the picture', (name) => {
    const a = generatePoints(name, { n: 300, seed: 4 });
    const b = generatePoints(name, { n: 300, seed: 4 });
    expect(a.x).toEqual(b.x);
    expect(generatePoints(name, { n: 300, seed: 5 }).x).not.toEqual(a.x);
    expect(Math.max(...a.x.map(Math.abs))).toBeLessThan(2.6);
    expect(new Set(a.labels).size).toBe(a.classes);
    expect(a.classNames.length).toBe(a.classes);
  });

  it('wraps drawn points and rejects bad ones', () => {
    expect(customPoints([[0, 1], [2, 3]]).x).toEqual(Float32Array.from([0, 1, 2, 3]));
    expect(() => customPoints([1, 2, 3])).toThrow(/even number/);
    expect(() => customPoints([[1, 1]])).toThrow(/at least 2/);
  });
});

describe('noise schedules and the forward process', () => {
  it.each(SCHEDULES)('%s: ᾱ_t is strictly decreasing, in (0, 1], and ends near pure noise', (kind) => {
    for (const T of [10, 100, 1000]) {
      const s = createSchedule(kind, T);
      expect(s.alphaBars[0]).toBeLessThanOrEqual(1);
      for (let t = 1; t < T; t++) expect(s.alphaBars[t]).toBeLessThan(s.alphaBars[t - 1]);
      expect(s.alphaBars[T - 1]).toBeGreaterThan(0);
      expect(s.alphaBars[T - 1]).toBeLessThan(0.01);
      for (let t = 0; t < T; t++) expect(s.betas[t]).toBeGreaterThan(0);
    }
  });

  it('the closed form q(x_t | x_0) matches iterating the one-step kernel (mean and variance)', () => {
    const s = createSchedule('linear', 100);
    const n = 20000;
    const x0 = new Float32Array(n * 2).fill(1.5); // every point starts at (1.5, 1.5)
    for (const t of [5, 30, 70]) {
      const closed = Array.from(qSample(x0, t, s, createRng(1)).xt);
      const iter = Array.from(iterateNoise(x0, t, s, createRng(2)));
      const [mc, vc] = meanVar(closed);
      const [mi, vi] = meanVar(iter);
      // Theory: mean √ᾱ·1.5, variance 1 − ᾱ. Standard error of a mean over 40k values ≈ 0.005.
      expect(mc).toBeCloseTo(Math.sqrt(s.alphaBars[t]) * 1.5, 1);
      expect(Math.abs(mc - mi)).toBeLessThan(0.03);
      expect(Math.abs(vc - (1 - s.alphaBars[t]))).toBeLessThan(0.03);
      expect(Math.abs(vc - vi)).toBeLessThan(0.04);
    }
  });

  it('sampler timesteps are evenly spaced, descending, and include both ends', () => {
    expect(samplingTimesteps(100, 5)).toEqual([99, 74, 50, 25, 0]);
    expect(samplingTimesteps(10, 10)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
  });

  it('MMD is ~0 for a set against itself and large against noise', () => {
    const a = generatePoints('moons', { n: 400, seed: 1 }).x;
    const b = generatePoints('moons', { n: 400, seed: 2 }).x;
    expect(mmd(a, a)).toBeLessThan(1e-3);
    expect(mmd(a, b)).toBeLessThan(noiseBaselineMmd(b) / 2);
  });
});

describe('toy DDPM', () => {
  it('the fast sampler step equals the reference network and the DDIM / DDPM update formulas', async () => {
    await expectNoLeak(async () => {
      for (const conditional of [false, true]) {
        const d = createDiffusionTrainer({ ...SMALL, dataset: 'moons', conditional, seed: 3 });
        await d.train(3);
        const guidance = conditional ? 2.5 : 1;
        const r = await d.sample({ method: 'ddim', steps: 5, n: 6, guidance, classLabel: -1, seed: 9 });
        const taus = samplingTimesteps(SMALL.steps, 5);
        const x = r.frames.slice(0, 12);
        const ec = d.denoiser.predict(x, taus[0], conditional ? r.labels : null);
        const eu = conditional ? d.denoiser.predict(x, taus[0], null) : ec;
        const ab = d.schedule.alphaBars[taus[0]];
        const abPrev = d.schedule.alphaBars[taus[1]];
        for (let i = 0; i < 12; i++) {
          const eps = eu[i] + guidance * (ec[i] - eu[i]);
          const x0 = (x[i] - Math.sqrt(1 - ab) * eps) / Math.sqrt(ab);
          expect(r.frames[12 + i]).toBeCloseTo(Math.sqrt(abPrev) * x0 + Math.sqrt(1 - abPrev) * eps, 4);
        }
        expect(r.times).toEqual([...taus.map((t) => t + 1), 0]);
        expect(r.frames.length).toBe(6 * 6 * 2);
        d.dispose();
      }
    });
  });

  it('a seeded short training run lowers the noise-prediction loss, reproducibly', async () => {
    const run = async () => {
      const d = createDiffusionTrainer({ ...SMALL, dataset: 'gaussians', seed: 2 });
      const losses = [(await d.step()).loss];
      await d.run({ steps: 100, every: 10, onStep: (s) => losses.push(s.loss) });
      d.dispose();
      return losses;
    };
    const a = await run();
    expect(a).toEqual(await run());
    const last = a.slice(-3).reduce((x, y) => x + y, 0) / 3;
    // The untrained network scores about E‖ε‖²/2 = 1 or more; the irreducible part for this data is about 0.25.
    expect(a[0]).toBeGreaterThan(0.8);
    expect(last).toBeLessThan(a[0] * 0.6);
  });

  it('DDIM with η = 0 is deterministic given x_T; DDPM depends on its step noise', async () => {
    const d = createDiffusionTrainer({ ...SMALL, dataset: 'rings', seed: 1 });
    await d.train(5);
    const a = await d.sample({ method: 'ddim', steps: 10, n: 50, seed: 4, noiseSeed: 1, keepFrames: false });
    const b = await d.sample({ method: 'ddim', steps: 10, n: 50, seed: 4, noiseSeed: 2, keepFrames: false });
    expect(a.x).toEqual(b.x);
    const c = await d.sample({ method: 'ddpm', steps: 10, n: 50, seed: 4, noiseSeed: 1, keepFrames: false });
    const e = await d.sample({ method: 'ddpm', steps: 10, n: 50, seed: 4, noiseSeed: 2, keepFrames: false });
    const c2 = await d.sample({ method: 'ddpm', steps: 10, n: 50, seed: 4, noiseSeed: 1, keepFrames: false });
    expect(c.x).not.toEqual(e.x);
    expect(c.x).toEqual(c2.x);
    expect(a.x).not.toEqual(await d.sample({ method: 'ddim', steps: 10, n: 50, seed: 5, keepFrames: false }).then((r) => r.x));
    d.dispose();
  });

  // The stated margin: after 400 updates (batch 128, a 32-32 network) the samples' MMD to held-out
  // data is at least 25 % below that of pure noise. The bench's full-size run gets near the
  // held-out-versus-held-out floor.
  it('after short training, samples beat the noise baseline by at least 25 % (MMD)', async () => {
    const d = createDiffusionTrainer({ ...SMALL, dataset: 'gaussians', seed: 1, learningRate: 1e-2 });
    await d.train(400);
    const s = await d.sample({ method: 'ddpm', steps: SMALL.steps, n: 400, seed: 3, keepFrames: false });
    expect(d.quality(s.x)).toBeLessThan(d.noiseBaseline() * 0.75);
    d.dispose();
  });

  it('keeps the tensor count flat over training, sampling and the field, and frees everything', async () => {
    const baseline = tf.memory().numTensors;
    const d = createDiffusionTrainer({ ...SMALL, dataset: 'smiley', conditional: true, seed: 1 });
    await d.step(); // Adam creates its slots
    const after = tf.memory().numTensors;
    await d.train(20);
    await d.sample({ method: 'ddpm', steps: 8, n: 30, guidance: 3, classLabel: 1 });
    await d.sample({ method: 'ddim', steps: 8, n: 30, guidance: 0 });
    const field = d.field(25, 8, { classLabel: 2, guidance: 2 });
    expect(field.length).toBe(8 * 8 * 2);
    expect(field.every(Number.isFinite)).toBe(true);
    expect(tf.memory().numTensors).toBe(after);
    d.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('rejects bad options with clear messages', () => {
    // @ts-expect-error: typo from markup
    expect(() => createDiffusionTrainer({ dataset: 'donut' })).toThrow(/Unknown dataset "donut"/);
    // @ts-expect-error: typo from markup
    expect(() => createDiffusionTrainer({ schedule: 'quadratic' })).toThrow(/Unknown schedule/);
    expect(() => createDiffusionTrainer({ dataset: 'custom' })).toThrow(/draw some first/);
    expect(() => createDiffusionTrainer({ hidden: [2] })).toThrow(/4 to 256 neurons/);
  });

  it('scores class-conditional samples against held-out points of their class', () => {
    const d = createDiffusionTrainer({ ...SMALL, dataset: 'gaussians', conditional: true });
    const blob = generatePoints('gaussians', { n: 800, seed: 99 });
    const only2 = Float32Array.from(Array.from({ length: blob.n }, (_, i) => i).filter((i) => blob.labels[i] === 2).flatMap((i) => [blob.x[2 * i], blob.x[2 * i + 1]]));
    expect(d.quality(only2, { classLabel: 2 })).toBeLessThan(d.quality(only2) / 3);
    expect(d.quality(only2, { classLabel: 2 })).toBeLessThan(d.quality(only2, { classLabel: 5 }) / 3);
    d.dispose();
  });
});
