/**
 * Reinforcement learning: PPO on CartPole-v1 from scratch (engine defaults, seed 1) until the greedy
 * policy averages ≥ 475 over 20 evaluation episodes, within 60 s of training. Evaluation time is
 * not counted as training time. Pure JS (fused actor-critic; minibatches in WebAssembly SIMD where
 * available), so the tf.js backend does not matter.
 *
 * Issue 18: the actor-critic's minibatch passes (forward + backward of the 4-64-64-2 actor and the
 * 4-64-64-1 critic on 64 gathered rows, what each PPO update does) in WebAssembly SIMD against the
 * JavaScript loops, in alternating rounds.
 */
import { TanhMlp } from '../engine/rl/actor-critic.ts';
import { createPpoTrainer } from '../engine/rl/ppo.ts';
import { createRng } from '../engine/random.ts';
import type { Bench } from './types.ts';

const TARGET_RETURN = 475;
const BUDGET_S = 60;

export const benches: Bench[] = [
  {
    name: 'rl: PPO CartPole to average return ≥ 475 (20 episodes) within 60 s',
    where: 'both',
    async run() {
      const ppo = createPpoTrainer({ seed: 1 });
      let trainMs = 0;
      let best = 0;
      let last = 0;
      let iterations = 0;
      while (trainMs < BUDGET_S * 1000) {
        const t0 = performance.now();
        ppo.iterate();
        trainMs += performance.now() - t0;
        iterations++;
        last = ppo.evaluate(20);
        best = Math.max(best, last);
        if (last >= TARGET_RETURN) break;
        // Let a browser page breathe between iterations.
        await new Promise((r) => setTimeout(r, 0));
      }
      const met = last >= TARGET_RETURN && trainMs <= BUDGET_S * 1000;
      return {
        env_steps: ppo.envSteps,
        train_seconds: +(trainMs / 1000).toFixed(2),
        iterations,
        ms_per_iteration: +(trainMs / iterations).toFixed(1),
        eval_return: last,
        best_eval_return: best,
        target: `avg return ≥ ${TARGET_RETURN} over 20 episodes within ${BUDGET_S} s`,
        target_met: met,
      };
    },
  },
  {
    name: 'rl: actor-critic minibatch pass (64 rows, 4-64-64-2 and 4-64-64-1, forward + backward), SIMD vs JS',
    where: 'both',
    async run() {
      const nets = (simd: boolean) => [new TanhMlp([4, 64, 64, 2], createRng(1), 0.01, simd), new TanhMlp([4, 64, 64, 1], createRng(2), 1, simd)];
      const simd = nets(true);
      const js = nets(false);
      const rng = createRng(3);
      const obs = Float32Array.from({ length: 2048 * 4 }, () => rng.normal());
      const rows = Uint32Array.from({ length: 64 }, () => rng.int(2048));
      const pass = (pair: TanhMlp[]) => {
        const t0 = performance.now();
        for (let r = 0; r < 200; r++) {
          for (const net of pair) {
            net.forward(obs, 64, rows);
            net.outputGrad().fill(0.01);
            net.backward(64);
          }
        }
        return (performance.now() - t0) / 200;
      };
      pass(simd);
      pass(js);
      const a: number[] = [];
      const b: number[] = [];
      for (let r = 0; r < 7; r++) {
        a.push(pass(simd));
        b.push(pass(js));
      }
      const median = (v: number[]) => [...v].sort((p, q) => p - q)[Math.floor(v.length / 2)];
      const ratio = median(a.map((v, i) => b[i] / v));
      return {
        'SIMD ms per minibatch (median)': Number(median(a).toFixed(3)),
        'JS ms per minibatch (median)': Number(median(b).toFixed(3)),
        'JS / SIMD (median of paired ratios)': Number(ratio.toFixed(2)),
        'minibatches per PPO iteration (2,048 steps, 4 epochs of 64)': 128,
        target: 'SIMD faster than JS',
        target_met: ratio > 1,
      };
    },
  },
];
