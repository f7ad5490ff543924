/**
 * Metric learning target (issue 14): an MLP embeds the shipped digits with digits 8 and 9 held out
 * of training entirely. Target: held-out Recall@1 ≥ 80 % within 60 s with the batch-hard triplet
 * loss, and at least 30 points above the untrained network. Measured on the unit circle (2-D, what
 * the widget draws, with the widget's defaults) and on the unit sphere (3-D), plus every loss and
 * miner on the circle for the deck's notes. Plain JavaScript: evaluation time is not counted as
 * training time.
 *
 * Protocol (the headline, `recall_held_out`): the standard unseen-class one (CUB, Cars, SOP;
 * Musgrave et al. 2020), which scores every image of the test classes: the two held-out classes
 * never train, so all their shipped digits are unseen, the training split's as well as the test
 * split's (1,200 digits, 600 per class). Each queries the other 1,199, itself excluded, and scores
 * a hit when its nearest one shares its label; chance is 50.0 %. (Until stop 28 only the 200
 * held-out test digits were used. Over seeds 1–10 an untrained network's score on those 200
 * differed from its score on all 1,200 by up to 9 points: seed 1, the widget's default, read
 * 63.5 % there and reads 57.7 % on all 1,200; seed 7 read 41.0 % and reads 50.3 %.)
 * An untrained network is not far above chance (seeds 1–10, printed below), so the "+30 points"
 * half of the target is the hard one. `recall_held_out_among_all` is the other protocol (the same
 * queries, the gallery also holds the 800 test digits of the eight trained classes as distractors):
 * reported with its own untrained number, not the headline, because the issue asks for Recall@1
 * on the held-out classes and because on one circle the two new classes share arcs with the
 * trained ones, so it would only trade which half of the target fails.
 *
 * Seeds 1–5 (trained 60 s and untrained, the gain per seed and its median) show whether a number
 * is the seed's luck: where the two unseen classes land among the eight trained arcs changes from
 * seed to seed far more than any setting does. The budgets are wall-clock, so on a busy machine a
 * run takes fewer steps: every result says how many.
 *
 * The conv front end (`convFilters: 8`) is measured beside the default, not instead of it: a step
 * costs 3–4× the MLP's, a frame of the widget with it ran 5× longer (longest main-thread task), and
 * on all 1,200 held-out digits its gain is no larger (stop 28: median 27.8 points over seeds 1–5,
 * against the MLP's 30.7), so the widget and the defaults stay on the MLP.
 */
import { loadMnist } from '../engine/datasets/mnist.ts';
import { createMetricTrainer, lossUsesMiner, METRIC_LOSSES, METRIC_MINERS, type MetricOptions } from '../engine/trainers/metric.ts';
import type { Bench } from './types.ts';

const TARGET = 0.8;
const GAIN = 0.3;
const CHECK_EVERY_MS = 5_000;
const pct = (x: number) => Math.round(x * 1000) / 10;

async function trainFor(options: MetricOptions, budgetMs: number) {
  const t = createMetricTrainer(await loadMnist(), { seed: 1, ...options }); // otherwise the engine's (= the widget's) defaults
  const untrained = t.evaluate();
  let trainMs = 0;
  let sinceCheck = 0;
  let best = 0;
  let reachedAtMs = NaN;
  let last = untrained;
  let collapsed = false;
  while (trainMs < budgetMs) {
    const t0 = performance.now();
    let s = t.step();
    for (let i = 0; i < 9; i++) s = t.step();
    const ms = performance.now() - t0;
    trainMs += ms;
    sinceCheck += ms;
    if (sinceCheck > CHECK_EVERY_MS || trainMs >= budgetMs) {
      sinceCheck = 0;
      last = t.evaluate();
      best = Math.max(best, last.recallHeldOut);
      if (last.recallHeldOut >= TARGET && last.recallHeldOut >= untrained.recallHeldOut + GAIN && Number.isNaN(reachedAtMs)) reachedAtMs = trainMs;
      // Every anchor's hardest negative as close as its hardest positive: the embedding collapsed to a point.
      collapsed = s.counts.easy === 0 && Math.abs(s.loss - t.options.margin) < 0.01;
    }
  }
  return {
    steps: last.step,
    steps_per_s: Math.round(last.step / (trainMs / 1000)),
    untrained_recall_held_out: pct(untrained.recallHeldOut),
    recall_held_out_final: pct(last.recallHeldOut),
    recall_held_out_best: pct(best),
    gain_over_untrained_final_points: pct(last.recallHeldOut - untrained.recallHeldOut),
    untrained_recall_held_out_among_all: pct(untrained.recallHeldOutAmongAll),
    recall_held_out_among_all_final: pct(last.recallHeldOutAmongAll),
    recall_seen_final: pct(last.recallSeen),
    collapsed,
    seconds_to_target: Number.isNaN(reachedAtMs) ? 'not reached' : Math.round(reachedAtMs / 100) / 10,
    target: '≥ 80 % held-out Recall@1 within 60 s, ≥ untrained + 30 points',
    reached_80_final: last.recallHeldOut >= TARGET,
    target_met: !Number.isNaN(reachedAtMs),
  };
}

/** Seeds 1–5 of one setting: trained (60 s) and untrained held-out Recall@1, the gain per seed and its median. */
async function seedsTable(options: MetricOptions) {
  const out: Record<string, number | string> = {};
  const gains: number[] = [];
  let met = 0;
  for (let seed = 1; seed <= 5; seed++) {
    const r = await trainFor({ loss: 'batch-hard', dim: 2, ...options, seed }, 60_000);
    gains.push(r.gain_over_untrained_final_points);
    if (r.target_met) met++;
    out[`seed ${seed}`] = `trained ${r.recall_held_out_final} % (best ${r.recall_held_out_best}), untrained ${r.untrained_recall_held_out} %, gain ${r.gain_over_untrained_final_points} points, ${r.steps} steps${r.target_met ? ', target met' : ''}`;
  }
  const sorted = [...gains].sort((a, b) => a - b);
  out.median_gain_points = sorted[2];
  out.seeds_meeting_target = `${met} of 5`;
  return out;
}

export const benches: Bench[] = [
  {
    name: 'metric: batch-hard triplet on the unit circle (2-D, as drawn), digits 8 and 9 held out, Recall@1 within 60 s',
    where: 'both',
    run: () => trainFor({ loss: 'batch-hard', dim: 2 }, 60_000),
  },
  {
    name: 'metric: batch-hard triplet on the unit sphere (3-D), digits 8 and 9 held out, Recall@1 within 60 s',
    where: 'both',
    run: () => trainFor({ loss: 'batch-hard', dim: 3 }, 60_000),
  },
  {
    name: 'metric: batch-hard on the circle without the semi-hard warm-up (the collapse it prevents), 20 s',
    where: 'node',
    run: () => trainFor({ loss: 'batch-hard', dim: 2, warmupSteps: 0 }, 20_000),
  },
  {
    name: 'metric: batch-hard triplet on the unit circle, seeds 1–5: held-out Recall@1 trained (60 s) and untrained, gain per seed',
    where: 'node',
    run: () => seedsTable({}),
  },
  {
    name: 'metric: the same behind a conv front end (8 filters 3 × 3, ReLU, 2 × 2 max-pool, warm-up 600; not the default: 3–4× the step cost), seeds 1–5',
    where: 'node',
    run: () => seedsTable({ convFilters: 8, convKernel: 3, warmupSteps: 600 }),
  },
  {
    name: 'metric: the untrained network, held-out Recall@1 for seeds 1–10 (chance is 50.0 %)',
    where: 'node',
    async run() {
      const data = await loadMnist();
      const out: Record<string, number | string> = {};
      let sum = 0;
      for (let seed = 1; seed <= 10; seed++) {
        const r = createMetricTrainer(data, { seed, dim: 2 }).evaluate().recallHeldOut;
        out[`seed ${seed}`] = pct(r);
        sum += r;
      }
      out.mean = pct(sum / 10);
      return out;
    },
  },
  {
    name: 'metric: every loss and miner on the unit circle, held-out Recall@1 after 20 s (for the deck notes)',
    where: 'node',
    async run() {
      const out: Record<string, number | string | boolean> = {};
      for (const loss of METRIC_LOSSES) {
        for (const miner of lossUsesMiner(loss) ? METRIC_MINERS : (['semi-hard'] as const)) {
          const r = await trainFor({ loss, miner, dim: 2 }, 20_000);
          const key = lossUsesMiner(loss) ? `${loss}+${miner}` : loss;
          out[key] = `held-out ${r.recall_held_out_final} % (untrained ${r.untrained_recall_held_out}), among all ${r.recall_held_out_among_all_final} %, seen ${r.recall_seen_final} %, ${r.steps} steps${r.collapsed ? ', collapsed' : ''}`;
        }
      }
      return out;
    },
  },
];
