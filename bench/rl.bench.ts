/**
 * Reinforcement learning: PPO on CartPole-v1 from scratch (engine defaults, seed 1) until the greedy
 * policy averages ≥ 475 over 20 evaluation episodes, within 60 s of training. Evaluation time is
 * not counted as training time. Pure JS (fused actor-critic), so the backend does not matter.
 */
import { createPpoTrainer } from '../engine/rl/ppo.ts';
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
];
