/**
 * Alignment target (issue 13): the Bradley–Terry reward model's pairwise accuracy on held-out
 * preferences (fresh π_ref comparisons) after 30 scripted clicks must be ≥ 90 %, and PPO-KL and
 * DPO must both raise the reward while KL(π‖π_ref) stays under the widget's budget (2 nats) at a
 * moderate β (1). Also measured for the deck's notes: a β sweep on the widget's seed (2), and how
 * often PPO hacks the reward model at β = 0.01 over 20 seeds. Plain JavaScript, seeded.
 */
import { createAlignmentLab, type AlignmentLab, type AlignmentMethod } from '../engine/rl/alignment.ts';
import type { Bench } from './types.ts';

const CLICKS = 30;
const BUDGET = 2;
const STEPS = 150;
const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);
const pct = (x: number) => Math.round(x * 1000) / 10;
const r2 = (x: number) => Math.round(x * 100) / 100;

function labelled(seed: number): AlignmentLab {
  const lab = createAlignmentLab({ seed });
  lab.autoLabel(CLICKS);
  return lab;
}

function run(lab: AlignmentLab, method: AlignmentMethod, beta: number, steps = STEPS) {
  lab.configure({ method, beta });
  lab.resetPolicy();
  const start = lab.stats();
  let end = start;
  let maxKl = 0;
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) {
    end = lab.step();
    maxKl = Math.max(maxKl, end.kl);
  }
  const ms = performance.now() - t0;
  return { rmGain: end.rewardRm - start.rewardRm, trueGain: end.rewardTrue - start.rewardTrue, kl: end.kl, maxKl, msPerStep: ms / steps, start, end };
}

export const benches: Bench[] = [
  {
    name: `alignment: reward-model accuracy on held-out pairs after ${CLICKS} scripted clicks (20 seeds)`,
    where: 'both',
    async run() {
      const accs = SEEDS.map((s) => labelled(s).stats().rmAccuracy);
      const all = SEEDS.map((s) => labelled(s).stats().rmAccuracyAllPairs);
      return {
        seed_2_widget_default: pct(accs[1]),
        mean: pct(accs.reduce((a, b) => a + b, 0) / accs.length),
        min: pct(Math.min(...accs)),
        seeds_at_or_above_90: `${accs.filter((a) => a >= 0.9).length} / ${accs.length}`,
        all_pairs_unweighted_mean: pct(all.reduce((a, b) => a + b, 0) / all.length),
        target: '≥ 90 % held-out pairwise accuracy after 30 clicks',
        target_met: Math.min(...accs) >= 0.9,
      };
    },
  },
  {
    name: `alignment: PPO-KL and DPO at β = 1, ${STEPS} steps after ${CLICKS} clicks: reward gain and KL (20 seeds)`,
    where: 'both',
    async run() {
      const out: Record<string, number | string | boolean> = {};
      let met = true;
      for (const method of ['ppo', 'dpo'] as const) {
        const rows = SEEDS.map((s) => run(labelled(s), method, 1));
        const seed2 = rows[1];
        const worstKl = Math.max(...rows.map((r) => r.maxKl));
        const minGain = Math.min(...rows.map((r) => r.rmGain));
        out[`${method}_seed2`] = `r_φ ${r2(seed2.start.rewardRm)} → ${r2(seed2.end.rewardRm)}, true ${r2(seed2.start.rewardTrue)} → ${r2(seed2.end.rewardTrue)}, KL ${r2(seed2.kl)} nats`;
        out[`${method}_mean_rm_gain`] = r2(rows.reduce((a, r) => a + r.rmGain, 0) / rows.length);
        out[`${method}_min_rm_gain`] = r2(minGain);
        out[`${method}_mean_true_gain`] = r2(rows.reduce((a, r) => a + r.trueGain, 0) / rows.length);
        out[`${method}_max_kl_any_seed`] = r2(worstKl);
        out[`${method}_seeds_within_budget`] = `${rows.filter((r) => r.maxKl < BUDGET).length} / ${rows.length}`;
        out[`${method}_ms_per_step`] = Math.round(seed2.msPerStep * 1000) / 1000;
        met &&= minGain > 0 && rows[1].maxKl < BUDGET;
      }
      out.target = `both raise r_φ on every seed; KL < ${BUDGET} nats on the widget's seed`;
      out.target_met = met;
      return out;
    },
  },
  {
    name: 'alignment: β sweep on the widget seed (2), and reward hacking at β = 0.01 over 20 seeds (for the deck notes)',
    where: 'node',
    async run() {
      const out: Record<string, number | string | boolean> = {};
      for (const method of ['ppo', 'dpo'] as const) {
        for (const beta of [0.01, 0.1, 0.3, 1, 3]) {
          const r = run(labelled(2), method, beta);
          out[`${method} β=${beta}`] = `r_φ ${r2(r.start.rewardRm)} → ${r2(r.end.rewardRm)}, true ${r2(r.start.rewardTrue)} → ${r2(r.end.rewardTrue)}, KL ${r2(r.kl)}`;
        }
      }
      const hacked = SEEDS.filter((s) => {
        const r = run(labelled(s), 'ppo', 0.01);
        return r.rmGain > 0 && r.trueGain < 0;
      });
      out.ppo_hacks_at_beta_0_01 = `${hacked.length} / ${SEEDS.length} seeds (true score falls while r_φ rises)`;
      return out;
    },
  },
];
