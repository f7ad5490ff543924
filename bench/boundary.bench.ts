/**
 * Decision-boundary targets (issue: foundation; issue 18). Workload: spiral, 2 features, 16-16
 * tanh, batch 10, SGD. Throughput of the WebAssembly SIMD training step, of the fused JS kernel and
 * of idiomatic tf.js, each against a Playground-style network measured in the same run, in
 * alternating rounds (the machine is shared and noisy: medians and ratios of paired rounds).
 * Target (issue 18): SIMD ≥ 6× Playground-style (stretch 20×).
 */
import { createBoundaryTrainer, createRng, DenseMlpKernel, featurize, generate2D, initMlpParams, splitDataset, type MlpSpec } from '../engine/index.ts';
import { PlaygroundStyleNetwork } from './playground-baseline.ts';
import type { Bench } from './types.ts';

const ROUND_MS = 700;
const ROUNDS = 5;
const TARGET = 6;
const STRETCH = 20;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function samplesPerSecond(runEpoch: () => Promise<number> | number): Promise<number> {
  // Warm up (JIT, tf.js kernel caches), then time whole epochs for ROUND_MS.
  for (let i = 0; i < 3; i++) await runEpoch();
  let samples = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < ROUND_MS) samples += await runEpoch();
  return samples / ((performance.now() - t0) / 1000);
}

async function throughput(): Promise<Record<string, number | string | boolean>> {
  const data = splitDataset(generate2D('spiral', { n: 500, seed: 1 }), 0.5, 1).train;
  const x = featurize(data.x, ['x1', 'x2']);
  const baseline = new PlaygroundStyleNetwork([2, 16, 16, 1], 1);
  const options = { dataset: 'spiral' as const, hidden: [16, 16], activation: 'tanh' as const, optimizer: 'sgd' as const, learningRate: 0.03, batchSize: 10, seed: 1 };
  const simd = createBoundaryTrainer({ ...options, kernel: 'wasm-simd' });
  const fused = createBoundaryTrainer({ ...options, kernel: 'js' });
  const tfjs = createBoundaryTrainer({ ...options, kernel: 'tfjs' });
  const n = fused.train.n;
  const base: number[] = [];
  const simdRates: number[] = [];
  const ours: number[] = [];
  const tfRates: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    base.push(await samplesPerSecond(() => baseline.epoch(x, data.y, data.n, 10, 0.03)));
    simdRates.push(await samplesPerSecond(async () => (await simd.trainer.fit(1), n)));
    ours.push(await samplesPerSecond(async () => (await fused.trainer.fit(1), n)));
    if (r < 2) tfRates.push(await samplesPerSecond(async () => (await tfjs.trainer.fit(1), n)));
  }
  const kernel = simd.trainer.kernel;
  simd.dispose();
  fused.dispose();
  tfjs.dispose();
  const ratios = ours.map((o, i) => o / base[i]);
  const simdRatios = simdRates.map((o, i) => o / base[i]);
  const simdRatio = median(simdRatios);
  return {
    'training kernel in use (kernel: wasm-simd)': kernel,
    'playground-style samples/s (median)': Math.round(median(base)),
    'SIMD training samples/s (median)': Math.round(median(simdRates)),
    'SIMD / playground-style (median of paired ratios)': Number(simdRatio.toFixed(2)),
    'fused JS kernel samples/s (median)': Math.round(median(ours)),
    'fused JS / playground-style (median of paired ratios)': Number(median(ratios).toFixed(2)),
    'SIMD / fused JS (median of paired ratios)': Number(median(simdRates.map((o, i) => o / ours[i])).toFixed(2)),
    'idiomatic tf.js samples/s (median)': Math.round(median(tfRates)),
    'tf.js / playground-style': Number((median(tfRates) / median(base)).toFixed(2)),
    'SIMD epochs/s (250 points)': Number((median(simdRates) / n).toFixed(1)),
    target: `SIMD ≥ ${TARGET}× playground-style (stretch ${STRETCH}×)`,
    target_met: kernel === 'wasm-simd' && simdRatio >= TARGET,
    stretch_met: kernel === 'wasm-simd' && simdRatio >= STRETCH,
  };
}

/**
 * The boundary picture's arithmetic alone: the 16-16 tanh network on a 100 × 100 grid, through the
 * WebAssembly SIMD kernel and through the JavaScript loops, in alternating rounds.
 */
async function gridPrediction(): Promise<Record<string, number | string | boolean>> {
  const spec: MlpSpec = { inputs: 2, hidden: [16, 16], outputs: 1, activation: 'tanh', output: 'sigmoid', regularization: 'none', regularizationRate: 0 };
  const params = initMlpParams(spec, createRng(1));
  const n = 100 * 100;
  const x = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    x[2 * i] = ((i % 100) / 99) * 12 - 6;
    x[2 * i + 1] = (Math.floor(i / 100) / 99) * 12 - 6;
  }
  const simd = new DenseMlpKernel(spec, 10, true);
  const js = new DenseMlpKernel(spec, 10, false);
  const time = (k: DenseMlpKernel) => {
    const t0 = performance.now();
    for (let i = 0; i < 10; i++) k.predict(params, x, n);
    return (performance.now() - t0) / 10;
  };
  for (let i = 0; i < 5; i++) {
    time(simd);
    time(js);
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let r = 0; r < 15; r++) {
    a.push(time(simd));
    b.push(time(js));
  }
  const ratios = b.map((v, i) => v / a[i]);
  return {
    'SIMD kernel ms per 100×100 grid (median)': Number(median(a).toFixed(2)),
    'JS kernel ms per 100×100 grid (median)': Number(median(b).toFixed(2)),
    'JS / SIMD (median of paired ratios)': Number(median(ratios).toFixed(1)),
    'multiply-adds per grid': n * (2 * 16 + 16 * 16 + 16),
  };
}

export const benches: Bench[] = [
  { name: 'decision boundary: training throughput at batch 10', where: 'both', run: throughput },
  { name: 'decision boundary: 100×100 grid prediction, SIMD vs JS', where: 'both', run: gridPrediction },
];
