import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { expectNoLeak, useCpu } from '../../tests/helpers/leak.ts';
import { cloneParams, initMlpParams, type Activation, type MlpParams, type MlpSpec, type Regularization } from '../models/mlp.ts';
import { createJsOptimizer, type OptimizerName } from '../optim/optimizers.ts';
import { createRng } from '../random.ts';
import { createBoundaryTrainer } from '../trainers/boundary.ts';
import { DenseMlpKernel, penalty } from './dense-mlp.ts';
import { createSimdMlpTrainer } from './simd-mlp.ts';
import { TfMlp } from './tf-mlp.ts';

beforeAll(useCpu);

const spec = (inputs: number, hidden: number[], outputs: number, activation: Activation, output: MlpSpec['output'], regularization: Regularization = 'none', regularizationRate = 0): MlpSpec => ({
  inputs,
  hidden,
  outputs,
  activation,
  output,
  regularization,
  regularizationRate,
});

// Odd widths (SIMD works four lanes at a time, so every remainder 1–3 appears), every activation,
// both heads, both penalties.
const cases: MlpSpec[] = [
  spec(2, [3, 5], 1, 'tanh', 'sigmoid'),
  spec(3, [7, 13], 2, 'relu', 'linear', 'l2', 0.01),
  spec(5, [5, 3, 7], 3, 'sigmoid', 'sigmoid', 'l1', 0.003),
  spec(1, [13], 1, 'linear', 'linear', 'l1', 0.02),
  spec(7, [], 1, 'tanh', 'sigmoid', 'l2', 0.05),
];
const label = (s: MlpSpec) => `${s.inputs}-${[...s.hidden, s.outputs].join('-')} ${s.activation}/${s.output} ${s.regularization}`;

/** Seeded weights with non-zero biases (so every term of the backward pass is exercised), and data. */
function setup(s: MlpSpec, n: number) {
  const rng = createRng(11);
  const params = initMlpParams(s, rng);
  for (const b of params.b) for (let k = 0; k < b.length; k++) b[k] = rng.uniform(-0.5, 0.5);
  // Inputs wide enough that tanh and sigmoid saturate on some rows.
  const x = Float32Array.from({ length: n * s.inputs }, () => rng.uniform(-3, 3));
  const y = Float32Array.from({ length: n * s.outputs }, () => (s.output === 'sigmoid' ? rng.int(2) : rng.normal()));
  return { params, x, y };
}

const zeros = (p: MlpParams) => ({ gw: p.w.map((w) => new Float32Array(w.length)), gb: p.b.map((b) => new Float32Array(b.length)) });

function worstDiff(a: readonly Float32Array[], b: readonly ArrayLike<number>[]): number {
  let worst = 0;
  a.forEach((v, l) => {
    expect(v.length).toBe(b[l].length);
    for (let k = 0; k < v.length; k++) worst = Math.max(worst, Math.abs(v[k] - b[l][k]) / Math.max(1, Math.abs(b[l][k])));
  });
  return worst;
}

describe('WebAssembly SIMD training step', () => {
  it('compiles in Node', () => {
    expect(createSimdMlpTrainer(cases[0], { name: 'sgd', learningRate: 0.1 }, 4)).not.toBeNull();
  });

  it.each(cases.map((c) => [label(c), c] as const))('%s: loss and gradients equal tf.js autodiff', async (_name, s) => {
    const n = 9;
    const { params, x, y } = setup(s, n);
    const simd = createSimdMlpTrainer(s, { name: 'sgd', learningRate: 0.1 }, n)!;
    const { gw, gb } = zeros(params);
    const loss = simd.lossAndGrads(params, x, y, null, 0, n, gw, gb) + penalty(s, params);
    await expectNoLeak(async () => {
      const model = new TfMlp(s, params);
      const { value, grads } = tf.tidy(() => tf.variableGrads(() => model.loss(tf.tensor2d(x, [n, s.inputs]), tf.tensor2d(y, [n, s.outputs])), model.variables()));
      expect(loss).toBeCloseTo(value.dataSync()[0], 5);
      const tfW: Float32Array[] = [];
      const tfB: Float32Array[] = [];
      model.variables().forEach((v, i) => (i % 2 === 0 ? tfW : tfB).push(grads[v.name].dataSync() as Float32Array));
      expect(worstDiff(gw, tfW)).toBeLessThan(1e-5);
      expect(worstDiff(gb, tfB)).toBeLessThan(1e-5);
      value.dispose();
      tf.dispose(Object.values(grads));
      model.dispose();
    });
  });

  it.each(cases.map((c) => [label(c), c] as const))('%s: loss and gradients equal the JavaScript kernel on a gathered batch', (_name, s) => {
    const n = 23;
    const { params, x, y } = setup(s, n);
    const order = Uint32Array.from({ length: n }, (_, i) => (i * 7) % n);
    const js = new DenseMlpKernel(s, n, false);
    const simd = createSimdMlpTrainer(s, { name: 'sgd', learningRate: 0.1 }, n)!;
    const { gw, gb } = zeros(params);
    // An odd batch (11 rows) from the middle of a shuffled order.
    const jsLoss = js.lossAndGrads(params, x, y, order, 5, 11);
    const simdLoss = simd.lossAndGrads(params, x, y, order, 5, 11, gw, gb);
    expect(simdLoss).toBeCloseTo(jsLoss, 6);
    expect(worstDiff(gw, js.gw)).toBeLessThan(1e-6);
    expect(worstDiff(gb, js.gb)).toBeLessThan(1e-6);
  });

  const optimizers: OptimizerName[] = ['sgd', 'momentum', 'nesterov', 'rmsprop', 'adam'];
  it.each(optimizers)('%s: five epochs of updates (with L1 and L2) land where the JavaScript kernel and optimizer land', (name) => {
    for (const s of cases) {
      const n = 30;
      const { params, x, y } = setup(s, n);
      const order = Uint32Array.from({ length: n }, (_, i) => (i * 11) % n);
      const config = { name, learningRate: 0.01 };
      const js = new DenseMlpKernel(s, 7, false);
      const opt = createJsOptimizer(config);
      const pj = cloneParams(params);
      const ps = cloneParams(params);
      const simd = createSimdMlpTrainer(s, config, 7)!;
      let updates = 0;
      for (let e = 0; e < 5; e++) {
        // Batches of 7: the last batch of each epoch has 2 rows.
        for (let off = 0; off < n; off += 7) {
          js.lossAndGrads(pj, x, y, order, off, Math.min(7, n - off));
          opt.update([...pj.w, ...pj.b], [...js.gw, ...js.gb]);
        }
        updates += simd.train(ps, x, y, order, n, 7);
      }
      expect(updates).toBe(25);
      // Something moved, and both moved it the same way (float32 rounding apart).
      expect(worstDiff(pj.w, params.w)).toBeGreaterThan(1e-3);
      expect(worstDiff(ps.w, pj.w)).toBeLessThan(2e-5);
      expect(worstDiff(ps.b, pj.b)).toBeLessThan(2e-5);
    }
  });

  it('keeps zero-width padding out of the weights: a 1-unit head and 3-unit layers train to the JS result', async () => {
    const s = spec(3, [3, 3], 1, 'relu', 'linear');
    const { params, x, y } = setup(s, 12);
    const simd = createSimdMlpTrainer(s, { name: 'adam', learningRate: 0.05 }, 12)!;
    const order = Uint32Array.from({ length: 12 }, (_, i) => i);
    for (let e = 0; e < 50; e++) simd.train(params, x, y, order, 12, 4);
    expect(params.w.map((w) => w.length)).toEqual([9, 9, 3]);
    expect(params.w.every((w) => w.every(Number.isFinite))).toBe(true);
  });
});

describe('supervised training on the SIMD kernel', () => {
  it('auto picks wasm-simd for the playground network, and the same seed gives identical losses', async () => {
    const run = async () => {
      const t = createBoundaryTrainer({ dataset: 'spiral', hidden: [8, 8], seed: 5, optimizer: 'adam', learningRate: 0.01 });
      expect(t.trainer.kernel).toBe('wasm-simd');
      const losses: number[] = [];
      await t.trainer.run({ epochs: 5, onStep: (r) => losses.push(r.trainLoss) });
      t.dispose();
      return losses;
    };
    const a = await run();
    expect(await run()).toEqual(a);
    expect(a.every(Number.isFinite)).toBe(true);
  });

  it.each([
    ['tanh', 'sgd', 'none'],
    ['relu', 'momentum', 'l2'],
    ['sigmoid', 'adam', 'l1'],
  ] as const)('%s, %s, %s: SIMD and JS reach the same loss after 20 epochs (same seed)', async (activation, optimizer, regularization) => {
    const options = { dataset: 'circle' as const, hidden: [5, 7], activation, optimizer, regularization, regularizationRate: 0.001, learningRate: 0.03, seed: 4 };
    const final = async (kernel: 'wasm-simd' | 'js') => {
      const t = createBoundaryTrainer({ ...options, kernel });
      expect(t.trainer.kernel).toBe(kernel);
      const start = t.trainer.evaluate().trainLoss;
      const r = await t.trainer.run({ epochs: 20 });
      const w = cloneParams(t.trainer.params);
      t.dispose();
      return { start, r, w };
    };
    const simd = await final('wasm-simd');
    const js = await final('js');
    expect(simd.r.trainLoss).toBeLessThan(simd.start);
    expect(simd.r.updates).toBe(js.r.updates);
    expect(Math.abs(simd.r.trainLoss - js.r.trainLoss)).toBeLessThan(1e-4);
    expect(Math.abs(simd.r.testLoss - js.r.testLoss)).toBeLessThan(1e-4);
    // L1's gradient jumps at w = 0: a weight sitting there may take one step of the other sign
    // after a rounding difference (with Adam, a step of about η), so L1 weights get that slack.
    expect(worstDiff(simd.w.w, js.w.w)).toBeLessThan(regularization === 'l1' ? 2 * options.learningRate : 1e-4);
  });

  it('falls back to the JS kernel, and says so, where WebAssembly SIMD does not validate', async () => {
    vi.resetModules();
    const validate = vi.spyOn(WebAssembly, 'validate').mockReturnValue(false);
    try {
      const fresh = await import('../trainers/boundary.ts');
      const t = fresh.createBoundaryTrainer({ dataset: 'xor', hidden: [4], seed: 2, kernel: 'wasm-simd' });
      expect(t.trainer.kernel).toBe('js');
      expect(t.trainer.pictureKernel).toBe('js');
      const start = t.trainer.evaluate().trainLoss;
      expect((await t.trainer.run({ epochs: 20 })).trainLoss).toBeLessThan(start);
      t.dispose();
      const auto = fresh.createBoundaryTrainer({ dataset: 'xor', hidden: [4], seed: 2 });
      expect(auto.trainer.kernel).toBe('js');
      auto.dispose();
    } finally {
      validate.mockRestore();
      vi.resetModules();
    }
  });
});

describe('diffusion denoiser trained on the SIMD kernel', () => {
  it('follows the tf.js trajectory (same seed, same batches), and sampling sees the trained weights', async () => {
    const { createDiffusionTrainer } = await import('../trainers/diffusion.ts');
    const options = { dataset: 'moons' as const, hidden: [16, 16], batchSize: 64, seed: 3, points: 300, heldOut: 100 };
    const simd = createDiffusionTrainer({ ...options, kernel: 'wasm-simd' });
    const tfjs = createDiffusionTrainer({ ...options, kernel: 'tfjs' });
    expect(simd.kernel).toBe('wasm-simd');
    expect(tfjs.kernel).toBe('tfjs');
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < 4; i++) {
      a.push((await simd.train(10)).loss);
      b.push((await tfjs.train(10)).loss);
    }
    a.forEach((v, i) => expect(v).toBeCloseTo(b[i], 4));
    expect(a[3]).toBeLessThan(a[0]);
    const s = await simd.sample({ method: 'ddim', steps: 10, n: 50, seed: 1, keepFrames: false });
    const t = await tfjs.sample({ method: 'ddim', steps: 10, n: 50, seed: 1, keepFrames: false });
    const untrained = createDiffusionTrainer({ ...options, kernel: 'tfjs' });
    const u = await untrained.sample({ method: 'ddim', steps: 10, n: 50, seed: 1, keepFrames: false });
    const worst = (p: Float32Array, q: Float32Array) => p.reduce((m, v, i) => Math.max(m, Math.abs(v - q[i])), 0);
    // Rounding apart (40 Adam steps in float32 on both sides), and far from the untrained network's
    // samples: the sampler saw the weights trained in WebAssembly.
    expect(worst(s.x, t.x)).toBeLessThan(1e-2);
    expect(worst(u.x, t.x)).toBeGreaterThan(1);
    simd.dispose();
    tfjs.dispose();
    untrained.dispose();
  });

  it('leaves no tensors behind (weights copied into the variables, then freed with them)', async () => {
    const { createDiffusionTrainer } = await import('../trainers/diffusion.ts');
    await expectNoLeak(async () => {
      const d = createDiffusionTrainer({ dataset: 'moons', hidden: [8, 8], batchSize: 32, points: 200, heldOut: 50 });
      expect(d.kernel).toBe('wasm-simd');
      await d.step();
      await d.run({ steps: 20, every: 7 });
      await d.sample({ method: 'ddpm', steps: 5, n: 20, seed: 2, keepFrames: false });
      d.dispose();
    });
  });
});

describe('PPO actor-critic passes on the SIMD kernel', () => {
  it('forward (gathered rows) and backward equal the JavaScript loops on odd widths; single rows stay in JS', async () => {
    const { TanhMlp, SIMD_MIN_ROWS } = await import('../rl/actor-critic.ts');
    const sizes = [5, 13, 7, 3];
    const simd = new TanhMlp(sizes, createRng(4), 0.5);
    const js = new TanhMlp(sizes, createRng(4), 0.5, false);
    const rng = createRng(9);
    for (const net of [simd, js]) for (const b of net.params.b) for (let k = 0; k < b.length; k++) b[k] = 0.1 * (k % 3) - 0.1;
    const rows = 50;
    const x = Float32Array.from({ length: rows * 5 }, () => rng.normal());
    const idx = Uint32Array.from({ length: 37 }, (_, i) => (i * 13) % rows);
    expect(idx.length).toBeGreaterThanOrEqual(SIMD_MIN_ROWS);
    const close = (a: ArrayLike<number>, b: ArrayLike<number>, n: number) => {
      for (let i = 0; i < n; i++) expect(a[i]).toBeCloseTo(b[i], 5);
    };
    close(simd.forward(x, 37, idx), js.forward(x, 37, idx), 37 * 3);
    const g = Float32Array.from({ length: 37 * 3 }, () => rng.normal());
    simd.outputGrad().set(g);
    js.outputGrad().set(g);
    simd.backward(37);
    js.backward(37);
    simd.gw.forEach((w, l) => close(w, js.gw[l], w.length));
    simd.gb.forEach((b, l) => close(b, js.gb[l], b.length));
    // One row (an episode step) takes the JavaScript loops: the same numbers either way.
    close(simd.forward(x, 1), js.forward(x, 1), 3);
  });
});

describe('Deep Sets and overfitting trainers on the SIMD passes', () => {
  it('Deep Sets race: SIMD and JavaScript passes give the same losses (same seed)', async () => {
    const { createSetRace } = await import('../models/deep-sets.ts');
    const run = (simd: boolean) => {
      const race = createSetRace({ task: 'sum', trainSize: 64, testSize: 50, seed: 2, simd });
      const first = race.step(1);
      const last = race.step(30);
      return { first, last, test: race.evaluate() };
    };
    const a = run(true);
    const b = run(false);
    expect(a.last.deepSets).toBeLessThan(a.first.deepSets);
    expect(a.last.deepSets).toBeCloseTo(b.last.deepSets, 3);
    expect(a.last.mlp).toBeCloseTo(b.last.mlp, 3);
    expect(a.test.deepSets.accuracy).toBeCloseTo(b.test.deepSets.accuracy, 2);
  });

  it('overfitting trainer: SIMD and JavaScript passes reach the same losses (tanh, weight decay)', async () => {
    const { createRegularizedTrainer } = await import('../trainers/regularized.ts');
    const run = (simd: boolean) => {
      const t = createRegularizedTrainer({ seed: 3, weightDecay: 0.001, simd });
      for (let e = 0; e < 200; e++) t.step();
      return t.last;
    };
    const a = run(true);
    const b = run(false);
    expect(a.trainLoss).toBeCloseTo(b.trainLoss, 4);
    expect(a.validationLoss).toBeCloseTo(b.validationLoss, 4);
  });
});
