/**
 * Recurrent cells on the adding problem (engine/trainers/rnn.ts, engine defaults, seed 1): the plain
 * RNN, the GRU and the LSTM train side by side on the same minibatches, as on the slide, for 60 s of
 * training time at T = 50. Target: the LSTM and the GRU reach held-out MSE < 0.05 within the 60 s
 * while the vanilla RNN stays above 0.12 (the trivial baseline, always predicting 1, is 1/6 ≈ 0.167).
 * The times are for all three cells stepping together (the widget's workload), so each gated cell
 * alone would need about a third of it. Evaluation on 256 held-out sequences every 25 steps is not
 * counted as training time. A second bench times one step per cell (median of paired rounds); a
 * third measures, at initialisation, how much gradient reaches step 1 for each recurrent scale.
 * The last runs the copy-with-delay task (engine/datasets/copy-task.ts: K = 2 symbols of A = 4,
 * recalled after a delay T) for a fixed number of steps at a short and a long delay, the widget's
 * `task="copy"` with its defaults, and reports each cell's held-out recall and cross-entropy
 * against the memoryless baseline K ln A / (T + 2K).
 */
import { addingBatch, COPY_DEFAULTS, createRnnRace, RNN_CELLS, type RnnCellName } from '../engine/trainers/rnn.ts';
import { createRng } from '../engine/random.ts';
import type { Bench } from './types.ts';

const LENGTH = 50;
const BUDGET_S = 60;
const GATED_TARGET = 0.05;
const RNN_FLOOR = 0.12;
const EVAL_EVERY = 25;
/** The gradient read-out is reported at this step, so the number does not depend on the machine's speed. */
const REACH_AT_STEP = 400;

/** Copy task: the delays raced, the steps each gets, how often the held-out set is scored. */
const COPY_DELAYS = [10, 40] as const;
const COPY_STEPS = 3000;
const COPY_EVAL_EVERY = 100;
/** Copy target at the long delay: gated cells recall at least this share, the RNN stays below COPY_RNN_CEILING (chance is 1/A = 25 %). */
const COPY_SOLVED = 0.9;
const COPY_RNN_CEILING = 0.4;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const breathe = () => new Promise((r) => setTimeout(r, 0));

export const benches: Bench[] = [
  {
    name: `rnn: adding problem T = ${LENGTH}, LSTM and GRU MSE < ${GATED_TARGET} within ${BUDGET_S} s, RNN stays > ${RNN_FLOOR}`,
    where: 'both',
    async run() {
      const race = createRnnRace({ length: LENGTH, seed: 1 });
      const reached: Partial<Record<RnnCellName, { seconds: number; steps: number }>> = {};
      // How much of the last step's gradient reaches the first step, per cell (1 = none lost).
      const reach = (c: RnnCellName) => {
        const g = race.gradientThroughTime(c);
        return (g[0] / g[g.length - 1]).toExponential(1);
      };
      let reachAt: Record<RnnCellName, string> | null = null;
      let trainMs = 0;
      let last = race.evaluate();
      let rnnMin = last.rnn!;
      while (trainMs < BUDGET_S * 1000) {
        const t0 = performance.now();
        for (let i = 0; i < EVAL_EVERY; i++) race.step();
        trainMs += performance.now() - t0;
        if (race.steps === REACH_AT_STEP) reachAt = { rnn: reach('rnn'), gru: reach('gru'), lstm: reach('lstm') };
        last = race.evaluate();
        rnnMin = Math.min(rnnMin, last.rnn!);
        for (const c of ['gru', 'lstm'] as const) {
          if (!reached[c] && last[c]! < GATED_TARGET) reached[c] = { seconds: trainMs / 1000, steps: race.steps };
        }
        await breathe();
      }
      const met = !!reached.gru && !!reached.lstm && reached.gru.seconds <= BUDGET_S && reached.lstm.seconds <= BUDGET_S && last.rnn! > RNN_FLOOR;
      return {
        train_seconds: +(trainMs / 1000).toFixed(1),
        steps: race.steps,
        ms_per_step_all_three: +(trainMs / race.steps).toFixed(1),
        baseline_mse: +race.baseline.toFixed(4),
        rnn_mse_final: last.rnn!.toExponential(2),
        rnn_mse_lowest_seen: rnnMin.toExponential(2),
        gru_mse_final: last.gru!.toExponential(2),
        lstm_mse_final: last.lstm!.toExponential(2),
        gru_seconds_to_target: reached.gru ? +reached.gru.seconds.toFixed(1) : 'not reached',
        gru_steps_to_target: reached.gru?.steps ?? 'not reached',
        lstm_seconds_to_target: reached.lstm ? +reached.lstm.seconds.toFixed(1) : 'not reached',
        lstm_steps_to_target: reached.lstm?.steps ?? 'not reached',
        [`rnn_grad_h1_over_hT_at_step_${REACH_AT_STEP}`]: reachAt?.rnn ?? 'not reached',
        [`gru_grad_h1_over_hT_at_step_${REACH_AT_STEP}`]: reachAt?.gru ?? 'not reached',
        [`lstm_grad_h1_over_hT_at_step_${REACH_AT_STEP}`]: reachAt?.lstm ?? 'not reached',
        target: `T = ${LENGTH}: GRU and LSTM held-out MSE < ${GATED_TARGET} within ${BUDGET_S} s (all three training), RNN > ${RNN_FLOOR} at the end`,
        target_met: met,
      };
    },
  },
  {
    name: `rnn: ms per step at T = ${LENGTH} (hidden 8, batch 32), per cell, median of paired rounds`,
    where: 'both',
    async run() {
      const races = RNN_CELLS.map((c) => createRnnRace({ length: LENGTH, cells: [c] }));
      const times: number[][] = RNN_CELLS.map(() => []);
      for (const r of races) for (let i = 0; i < 10; i++) r.step(); // warm-up
      // Rounds interleave the cells, so a noisy moment hits all three alike.
      for (let round = 0; round < 30; round++) {
        races.forEach((r, i) => {
          const t0 = performance.now();
          r.step();
          times[i].push(performance.now() - t0);
        });
        if (round % 5 === 4) await breathe();
      }
      const ms = times.map(median);
      const out: Record<string, number | string | boolean> = {};
      RNN_CELLS.forEach((c, i) => (out[`${c}_ms_per_step`] = +ms[i].toFixed(2)));
      out.all_three_ms_per_step = +(ms[0] + ms[1] + ms[2]).toFixed(2);
      out.gru_over_rnn = +(ms[1] / ms[0]).toFixed(2);
      out.lstm_over_rnn = +(ms[2] / ms[0]).toFixed(2);
      out.target = 'all three in one animation frame: < 16 ms';
      out.target_met = ms[0] + ms[1] + ms[2] < 16;
      return out;
    },
  },
  {
    name: `rnn: gradient reaching step 1 at initialisation, ‖∂ℓ/∂h_1‖ / ‖∂ℓ/∂h_${LENGTH}‖, per recurrent scale`,
    where: 'node',
    async run() {
      const batch = addingBatch(createRng(4), 32, LENGTH);
      const out: Record<string, number | string | boolean> = {};
      for (const scale of [0.5, 1, 2, 3]) {
        const race = createRnnRace({ length: LENGTH, recurrentScale: scale, seed: 1 });
        for (const c of RNN_CELLS) {
          race.lossAndGrads(c, batch);
          const g = race.gradientThroughTime(c);
          out[`scale_${scale}_${c}`] = (g[0] / g[LENGTH - 1]).toExponential(1);
        }
      }
      out.target = 'informational: vanishing (≪ 1) below scale 1, exploding (≫ 1) for the RNN above it';
      return out;
    },
  },
  {
    name: `rnn: copy with a delay (K = ${COPY_DEFAULTS.count} of A = ${COPY_DEFAULTS.symbols}), ${COPY_STEPS} steps at T = ${COPY_DELAYS.join(' and ')}, recall and cross-entropy per cell`,
    where: 'node',
    async run() {
      const out: Record<string, number | string | boolean> = {};
      let met = true;
      for (const delay of COPY_DELAYS) {
        const race = createRnnRace({ task: 'copy', length: delay, seed: 1 });
        const solvedAt: Partial<Record<RnnCellName, number>> = {};
        const solvedSeconds: Partial<Record<RnnCellName, number>> = {};
        const at: Record<number, Partial<Record<RnnCellName, number>>> = {};
        const reach: Partial<Record<RnnCellName, string>> = {};
        let trainMs = 0;
        while (race.steps < COPY_STEPS) {
          const t0 = performance.now();
          for (let i = 0; i < COPY_EVAL_EVERY; i++) race.step();
          trainMs += performance.now() - t0;
          const acc = race.accuracy();
          at[race.steps] = acc;
          if (race.steps === REACH_AT_STEP) {
            // How much of the recall loss's gradient, read at the last step, reaches step 1 (where the first symbol is shown).
            for (const c of RNN_CELLS) {
              const g = race.gradientThroughTime(c);
              reach[c] = (g[0] / g[g.length - 1]).toExponential(1);
            }
          }
          for (const c of RNN_CELLS) {
            if (solvedAt[c] !== undefined || acc[c]! < COPY_SOLVED) continue;
            solvedAt[c] = race.steps;
            solvedSeconds[c] = trainMs / 1000;
          }
          await breathe();
        }
        const loss = race.evaluate();
        const acc = race.accuracy();
        const p = `T${delay}_`;
        out[`${p}baseline_xent`] = +race.baseline.toFixed(4);
        out[`${p}ms_per_step_all_three`] = +(trainMs / race.steps).toFixed(1);
        for (const c of RNN_CELLS) {
          out[`${p}${c}_xent_final`] = +loss[c]!.toFixed(4);
          out[`${p}${c}_recall_final`] = `${(acc[c]! * 100).toFixed(0)} %`;
          out[`${p}${c}_recall_at_500_1000_2000`] = [500, 1000, 2000].map((k) => `${(at[k][c]! * 100).toFixed(0)}`).join(' / ') + ' %';
          out[`${p}${c}_steps_to_${COPY_SOLVED * 100}pc_recall`] = solvedAt[c] ?? 'not reached';
          out[`${p}${c}_seconds_to_${COPY_SOLVED * 100}pc_recall`] = solvedSeconds[c] !== undefined ? +solvedSeconds[c].toFixed(1) : 'not reached';
          out[`${p}${c}_grad_h1_over_hlast_at_step_${REACH_AT_STEP}`] = reach[c] ?? 'not reached';
        }
        if (delay === COPY_DELAYS[COPY_DELAYS.length - 1]) met = solvedAt.gru !== undefined && solvedAt.lstm !== undefined && acc.rnn! < COPY_RNN_CEILING;
      }
      out.target = `T = ${COPY_DELAYS.at(-1)}: GRU and LSTM recall ≥ ${COPY_SOLVED * 100} % of held-out symbols within ${COPY_STEPS} steps, the RNN < ${COPY_RNN_CEILING * 100} % (chance ${100 / COPY_DEFAULTS.symbols} %)`;
      out.target_met = met;
      return out;
    },
  },
];
