/**
 * Lectures 2–3: learning targets and speed of the plain-JS engines behind <dl-deep-sets>,
 * <dl-overfitting>, <dl-init-explorer> and <dl-optimizer-race>. Engine code only (no Node APIs),
 * so every bench can also run in the browser.
 */
import { createInitExplorer } from '../engine/inspect/init-stats.ts';
import { createLayerStack, StackRunner } from '../engine/kernels/layer-stack.ts';
import { createRng } from '../engine/random.ts';
import { createSetRace } from '../engine/models/deep-sets.ts';
import { createOptimizerRace } from '../engine/optim/surfaces.ts';
import { createRegularizedTrainer } from '../engine/trainers/regularized.ts';
import type { Bench } from './types.ts';

export const benches: Bench[] = [
  {
    name: 'deep sets: test accuracy on sum-of-6-digits with 128 training sets, 400 steps (target: Deep Sets ≥ 2× the MLP)',
    where: 'both',
    async run() {
      const t0 = performance.now();
      const race = createSetRace({ task: 'sum', trainSize: 128, seed: 1 });
      race.step(400);
      const s = race.evaluate();
      const seconds = (performance.now() - t0) / 1000;
      return {
        deepSetsAccuracy: s.deepSets.accuracy,
        mlpAccuracy: s.mlp.accuracy,
        stepsPerSecond: Math.round(400 / seconds),
        target_met: s.deepSets.accuracy >= 2 * s.mlp.accuracy,
      };
    },
  },
  {
    name: 'overfitting: validation MSE after 2000 epochs, plain vs weight decay 0.001 vs dropout 0.3 (target: both regularisers < half of plain)',
    where: 'both',
    async run() {
      const t0 = performance.now();
      const final = (o: object) => {
        const t = createRegularizedTrainer({ seed: 1, ...o });
        for (let e = 0; e < 2000; e++) t.step();
        return t.last;
      };
      const plain = final({});
      const decay = final({ weightDecay: 0.001 });
      const dropout = final({ dropout: 0.3 });
      const seconds = (performance.now() - t0) / 1000;
      return {
        plainValidation: plain.validationLoss,
        plainBest: plain.bestValidationLoss,
        weightDecayValidation: decay.validationLoss,
        dropoutValidation: dropout.validationLoss,
        epochsPerSecond: Math.round(6000 / seconds),
        target_met: decay.validationLoss < plain.validationLoss / 2 && dropout.validationLoss < plain.validationLoss / 2,
      };
    },
  },
  {
    name: 'init explorer: one forward+backward of a 50-layer, width-64 MLP on 64 inputs, as the widget does per frame (target: ≤ 50 ms)',
    where: 'both',
    async run() {
      const frame = (activation: 'relu' | 'tanh') => {
        const ex = createInitExplorer({ depth: 50, activation, init: activation === 'relu' ? 'he' : 'xavier', batch: 64 });
        ex.measure();
        const t0 = performance.now();
        for (let i = 0; i < 5; i++) ex.measure();
        return (performance.now() - t0) / 5;
      };
      // The passes alone, WebAssembly SIMD against plain JavaScript, in alternating rounds.
      const sizes = [64, ...Array.from({ length: 50 }, () => 64), 1];
      const stack = createLayerStack(sizes, 'tanh', 'xavier', createRng(1));
      const x = Float32Array.from({ length: 64 * 64 }, (_, i) => Math.sin(i));
      const dOut = new Float32Array(64).fill(0.01);
      const pass = (run: StackRunner) => {
        const t0 = performance.now();
        for (let i = 0; i < 3; i++) {
          run.forward(x, 64);
          run.backward(dOut);
        }
        return (performance.now() - t0) / 3;
      };
      const simd = new StackRunner(stack, 64);
      const js = new StackRunner(stack, 64, false);
      pass(simd);
      pass(js);
      const a: number[] = [];
      const b: number[] = [];
      for (let r = 0; r < 7; r++) {
        a.push(pass(simd));
        b.push(pass(js));
      }
      const median = (v: number[]) => [...v].sort((p, q) => p - q)[Math.floor(v.length / 2)];
      const relu = frame('relu');
      const tanh = frame('tanh');
      return {
        'widget frame ms, ReLU/He': Math.round(relu * 10) / 10,
        'widget frame ms, tanh/Xavier': Math.round(tanh * 10) / 10,
        'forward+backward ms, SIMD (median)': Math.round(median(a) * 10) / 10,
        'forward+backward ms, JS (median)': Math.round(median(b) * 10) / 10,
        'JS / SIMD (median of paired ratios)': Math.round(median(b.map((v, i) => v / a[i])) * 10) / 10,
        target_met: relu <= 50 && tanh <= 50,
      };
    },
  },
  {
    name: 'deep sets and overfitting: training speed, WebAssembly SIMD vs JavaScript passes (issue 18)',
    where: 'both',
    async run() {
      const median = (v: number[]) => [...v].sort((p, q) => p - q)[Math.floor(v.length / 2)];
      // Alternating rounds on twin trainers that differ only in `simd`.
      const paired = (make: (simd: boolean) => () => void) => {
        const simd = make(true);
        const js = make(false);
        const time = (f: () => void) => {
          const t0 = performance.now();
          f();
          return performance.now() - t0;
        };
        time(simd);
        time(js);
        const a: number[] = [];
        const b: number[] = [];
        for (let r = 0; r < 5; r++) {
          a.push(time(simd));
          b.push(time(js));
        }
        return { simd: median(a), js: median(b), ratio: median(b.map((v, i) => v / a[i])) };
      };
      const sets = paired((simd) => {
        const race = createSetRace({ task: 'sum', trainSize: 128, seed: 1, simd });
        return () => race.step(20);
      });
      const fit = paired((simd) => {
        const t = createRegularizedTrainer({ seed: 1, simd });
        return () => {
          for (let e = 0; e < 100; e++) t.step();
        };
      });
      const dropped = paired((simd) => {
        const t = createRegularizedTrainer({ seed: 1, simd, dropout: 0.2 });
        return () => {
          for (let e = 0; e < 100; e++) t.step();
        };
      });
      return {
        'deep sets race: ms per 20 steps, SIMD (median)': Math.round(sets.simd),
        'deep sets race: ms per 20 steps, JS (median)': Math.round(sets.js),
        'deep sets race: JS / SIMD (median of paired ratios)': Number(sets.ratio.toFixed(2)),
        'overfitting (no dropout): ms per 100 epochs, SIMD (median)': Math.round(fit.simd),
        'overfitting (no dropout): ms per 100 epochs, JS (median)': Math.round(fit.js),
        'overfitting: JS / SIMD (median of paired ratios)': Number(fit.ratio.toFixed(2)),
        'overfitting (dropout 0.2): ms per 100 epochs, SIMD (median)': Math.round(dropped.simd),
        'overfitting (dropout 0.2): ms per 100 epochs, JS (median)': Math.round(dropped.js),
        'overfitting (dropout 0.2): JS / SIMD (median of paired ratios)': Number(dropped.ratio.toFixed(2)),
        target: 'SIMD faster than JS for all three',
        target_met: sets.ratio > 1 && fit.ratio > 1 && dropped.ratio > 1,
      };
    },
  },
  {
    name: 'optimizer race: Adam on Rosenbrock reaches f < 1e-6 (target: within 3000 steps)',
    where: 'node',
    async run() {
      const race = createOptimizerRace({ surface: 'rosenbrock', optimizers: ['adam'] });
      let steps = 0;
      while (race.racers[0].loss >= 1e-6 && steps < 20000) {
        race.step(1);
        steps++;
      }
      return { steps, finalLoss: race.racers[0].loss, target_met: steps <= 3000 };
    },
  },
];
