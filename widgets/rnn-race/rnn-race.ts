import { html, type PropertyValues, type TemplateResult } from 'lit';
import type { RnnCellName, RnnGateView, RnnRace, RnnStepReport, RnnTaskName } from '../../engine/js.ts';
import { defineElement } from '../_shared/dl-element.ts';
import { jsEngineTask, type EngineTask, type JsEngineModule } from '../_shared/engine-task.ts';
import { ChartController } from '../_shared/loss-chart.ts';
import { CATEGORICAL, cssVar, divergingTable, DIVERGING, sequentialTable } from '../_shared/palette.ts';
import { choice, flag, int, num } from '../_shared/props.ts';
import { widgetStyles } from '../_shared/styles.ts';
import { nextTask } from '../_shared/tasks.ts';
import { Training, TrainingElement } from '../_shared/training.ts';
import { styles } from './rnn-race.styles.ts';
import { drawGateMap, drawGradientThroughTime, drawInputStrip, drawTokenStrip, type ViewColors } from './rnn-race.view.ts';

const CELLS: readonly RnnCellName[] = ['rnn', 'gru', 'lstm'];
const TASKS = ['adding', 'copy'] as const satisfies readonly RnnTaskName[];
/**
 * Longest copy delay: its sequences are T + 4 steps with a class at each, so one LSTM update at
 * T = 100 already costs about what one at T = 200 costs on the adding problem (the frames cut it
 * between time steps, so a longer delay would only train slower, not block the page).
 */
const COPY_MAX_DELAY = 100;
const NAMES: Record<RnnCellName, string> = { rnn: 'RNN', gru: 'GRU', lstm: 'LSTM' };
/** Gates shown as heat maps, per cell. */
const SHOWN: { cell: 'lstm' | 'gru'; gates: string[] }[] = [
  { cell: 'lstm', gates: ['forget', 'input', 'output'] },
  { cell: 'gru', gates: ['update', 'reset'] },
];
/** Smoothing of the minibatch MSE for the chart and the read-out (an exponential moving average). */
const SMOOTHING = 0.9;
/** Steps trained before a page is printed (see printReady): past both gated cells' plateau at T = 50 (bench: 175 and 300). */
const PRINT_STEPS = 320;
/** …or this long, whichever comes first, so a slow machine still prints within the hook's 30 s. */
const PRINT_BUDGET_MS = 20_000;
/** Steps trained before printing task="copy": past the LSTM's 90 % recall at T = 40 (bench: 1300 steps); PRINT_BUDGET_MS stops it sooner on a slow machine (headless Chromium on ours: 1005 steps in 20 s, LSTM 0.023, GRU 0.041 against 0.063). */
const PRINT_STEPS_COPY = 1400;
const SCALES = [0.5, 0.8, 1, 1.5, 2, 3];
/** Work per piece of a Step press (the frame loop's cap). */
const FRAME_MS = 12;
/**
 * `<dl-rnn-race>`: a plain RNN, a GRU and an LSTM learn a memory task side by side, on the
 * same minibatches. The adding problem (`task="adding"`, the default): each step of a sequence of
 * length T carries a value and a mark, and the target is the sum of the two marked values;
 * predicting 1 every time scores the dashed baseline, 1/6 ≈ 0.167. Copy with a delay
 * (`task="copy"`): 2 symbols out of 4, then a delay of T steps ending in a marker, then the
 * symbols must come back, a class per step; guessing them without memory scores the dashed
 * baseline, the cross-entropy 2 ln 4 / (T + 4) per step. The chart shows each cell's (smoothed) loss; the middle plot the gradient
 * ‖∂ℓ/∂h_k‖ reaching each step k from the loss at step T (log scale); below, the LSTM's forget,
 * input and output gates and the GRU's update and reset gates on one example, one row per hidden
 * unit, with the cell's state h_t under them, the two marked steps (copy: the last symbol and the marker) outlined. Drag T up and the RNN stalls while the gated cells still
 * learn; raise the recurrent scale to see gradients explode, and switch clipping off.
 * Plain JavaScript, backpropagation through time written out (engine/trainers/rnn.ts).
 *
 * ```html
 * <dl-rnn-race length="50"></dl-rnn-race>
 * ```
 *
 * @summary RNN, GRU and LSTM race on the adding problem: loss, gradient through time, gate heat maps.
 * @event dl-ready - The three cells are built. detail: { backend: string }
 * @event dl-train-step - After each frame of training that finished a step (at large T and width one step spans frames). detail: { step: number; length: number; rnn: number; gru: number; lstm: number } (smoothed MSE)
 * @csspart toolbar - Play, step, reset, T, recurrent scale, clipping and status.
 * @csspart plot - The gradient-through-time plot.
 * @cssproperty [--rnn=var(--dl-color-negative)] - Colour of the plain RNN.
 * @cssproperty [--gru=var(--dl-color-accent-2)] - Colour of the GRU.
 * @cssproperty [--lstm=var(--dl-color-positive)] - Colour of the LSTM.
 * @cssproperty [--gate-low=var(--dl-color-surface)] - Heat-map colour of a closed gate (0).
 * @cssproperty [--gate-high=var(--dl-color-accent)] - Heat-map colour of an open gate (1).
 * @cssproperty [--state-negative=#f59322] - Colour of a hidden state at −1.
 * @cssproperty [--state-zero=#e8eaeb] - Colour of a hidden state at 0.
 * @cssproperty [--state-positive=#0877bd] - Colour of a hidden state at +1.
 */
export class DlRnnRace extends TrainingElement {
  static override styles = [widgetStyles, styles];

  /** The memory task: adding (sum two marked values, MSE) | copy (recall 2 symbols after a delay, cross-entropy). */
  @choice(TASKS) task: RnnTaskName = 'adding';
  /** Sequence length T (5–200), copy's delay (5–100); changing it keeps the weights (the cells do not depend on T). */
  @int(5, 200) length = 50;
  /** Hidden units per cell (2–32). */
  @int(2, 32) hiddenSize = 8;
  /** Adam learning rate (all three cells). */
  @num({ min: 0.0001, max: 0.5 }) learningRate = 0.02;
  /** Each recurrent block starts as this times a random orthogonal matrix, so σ_max(W_hh) equals it (0.1–5). */
  @num({ min: 0.1, max: 5 }) recurrentScale = 1;
  /** Switches gradient clipping off (it is on by default, as it should be for recurrent nets). */
  @flag() noClip = false;
  /** Clipping threshold on each cell's global gradient norm. */
  @num({ min: 0.001, max: 1000 }) clipNorm = 1;
  /** Seed for the weights, the minibatches and the example shown. */
  @int(0, 2 ** 31) seed = 1;
  /** Start training when shown (not under prefers-reduced-motion). */
  @flag() autoplay = false;

  private smoothed: Partial<Record<RnnCellName, number>> = {};
  private last: RnnStepReport | null = null;
  private grads: Partial<Record<RnnCellName, Float32Array>> = {};
  private gates: Partial<Record<'lstm' | 'gru', RnnGateView>> = {};

  private tableCache: { key: string; lut: Uint8ClampedArray; stateLut: Uint8ClampedArray } | null = null;
  /** The read-out and chart queued after a training frame (see showSoon), 0: none. */
  private showTimer: ReturnType<typeof setTimeout> | 0 = 0;
  /** The read-outs changed since the canvases were painted (a frame's status update alone repaints nothing). */
  private picturesStale = true;
  /** The losses of the newest dl-train-step (see mse). */
  private shownMse: Record<RnnCellName, number> | null = null;

  private readonly engine: EngineTask<RnnRace, JsEngineModule> = jsEngineTask(this, {
    args: () => [this.task, this.hiddenSize, this.learningRate, this.recurrentScale, this.seed],
    build: (eng) =>
      eng.createRnnRace({ task: this.task, length: this.length, hidden: this.hiddenSize, learningRate: this.learningRate, recurrentScale: this.recurrentScale, clip: !this.noClip, clipNorm: this.clipNorm, seed: this.seed }),
    ready: (race) => {
      this.readOut(race);
      this.requestUpdate();
      this.emit('dl-ready', { backend: 'js' });
    },
  });
  private readonly chart = new ChartController(this, {
    canvas: () => this.renderRoot.querySelector<HTMLCanvasElement>('.chart canvas'),
    series: () => [
      ...CELLS.map((c) => ({ label: NAMES[c], color: cssVar(this, `--${c}`, '#888') })),
      { label: this.task === 'copy' ? 'no memory (2 ln 4 / (T + 4))' : 'predict 1 (1/6)', color: cssVar(this, '--dl-color-muted', '#5b6573'), dashed: true },
    ],
    color: () => cssVar(this, '--dl-color-muted', '#5b6573'),
    yLabel: 'loss (smoothed)',
  });
  protected readonly training: Training<RnnRace> = new Training(this, {
    task: this.engine,
    frame: (race, deadline) => {
      // Forward and backward passes a time step at a time until the frame's time is up: at T = 200
      // and 32 units one cell's update is hundreds of ms on a slow machine, so it resumes next frame.
      let reported = false;
      do {
        const r = race.advance(deadline);
        if (r) {
          this.handleReport(r, race);
          reported = true;
        }
      } while (performance.now() < deadline);
      // The pictures change only when an update finishes; a frame in the middle of one skips the
      // read-out. It runs in tasks of its own after this one (issue 18: a frame's 12 ms of
      // training plus the read-out, chart and paint made one task of ~50 ms).
      if (reported) this.showSoon(race);
    },
    // One round (all three cells), in frame-sized pieces with the page free between them.
    step: async (race) => {
      let r = race.advance(performance.now() + FRAME_MS);
      while (!r) {
        await nextTask();
        r = race.advance(performance.now() + FRAME_MS);
      }
      this.handleReport(r, race);
      this.afterFrame(race);
    },
    describe: (race) => `${race.options.task === 'copy' ? 'copy, delay' : 'adding,'} T = ${race.options.length} · step ${race.steps}`,
    autoplay: () => this.autoplay,
    onReset: () => this.clearResult(),
  });

  protected override checkAttributes(): string[] {
    if (this.task === 'copy' && this.length > COPY_MAX_DELAY) {
      return [`length="${this.length}" is too long for task="copy" (a delay of T makes T + 4 steps, each with a class to name). Use 5 to ${COPY_MAX_DELAY}.`];
    }
    return [];
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // The chart's legend names the task's baseline: a new task draws a new chart (on the same canvas).
    if (changed.has('task') && changed.get('task') !== undefined) this.chart.hostDisconnected();
    const race = this.engine.value;
    if (!race || this.hasConfigErrors) return;
    // Live settings: applied to the running race, no rebuild (a rebuild reads them anyway).
    if (changed.has('length') && race.options.length !== this.length) {
      race.setLength(this.length);
      this.readOut(race);
    }
    if ((changed.has('noClip') || changed.has('clipNorm')) && (race.options.clip !== !this.noClip || race.options.clipNorm !== this.clipNorm)) race.setClipping(!this.noClip, this.clipNorm);
    if (['task', 'hiddenSize', 'learningRate', 'recurrentScale', 'seed'].some((k) => changed.has(k))) this.clearResult();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // Each training frame asks for an update (the status line); the canvases only when their data
    // or a property changed.
    if (!this.picturesStale && changed.size === 0) return;
    this.picturesStale = false;
    this.paint();
  }

  /**
   * Print hook (widgets/_shared/print-ready.ts): pause, then train from the seeded start to
   * PRINT_STEPS (copy: PRINT_STEPS_COPY) steps (at most PRINT_BUDGET_MS), so a printed page shows the gated cells past their plateau.
   */
  async printReady(): Promise<void> {
    this.pause();
    const stop = performance.now() + PRINT_BUDGET_MS;
    await this.engine.use(async (race) => {
      const steps = race.options.task === 'copy' ? PRINT_STEPS_COPY : PRINT_STEPS;
      while (race.steps < steps && performance.now() < stop) {
        const until = performance.now() + 30;
        while (race.steps < steps && performance.now() < until) {
          const r = race.advance(until);
          if (r) this.handleReport(r, race);
        }
        await nextTask();
      }
      this.afterFrame(race);
    });
    this.requestUpdate();
    await this.updateComplete;
  }

  /**
   * Smoothed loss per cell, MSE or cross-entropy per step as the task has it (NaN before the first
   * step), as last shown: what the newest dl-train-step said (a frame's read-out follows it).
   */
  get mse(): Record<RnnCellName, number> {
    return this.shownMse ?? this.currentMse();
  }

  private currentMse(): Record<RnnCellName, number> {
    return { rnn: this.smoothed.rnn ?? NaN, gru: this.smoothed.gru ?? NaN, lstm: this.smoothed.lstm ?? NaN };
  }

  /** Show the losses so far and say so (dl-train-step). */
  private announce(): void {
    if (!this.last) return;
    this.shownMse = this.currentMse();
    this.emit('dl-train-step', { step: this.last.step, length: this.last.length, ...this.shownMse });
  }

  private clearResult(): void {
    this.picturesStale = true;
    this.shownMse = null;
    this.smoothed = {};
    this.last = null;
    this.grads = {};
    this.gates = {};
    this.chart.clear();
  }

  private handleReport(r: RnnStepReport, race: RnnRace): void {
    this.last = r;
    for (const c of CELLS) {
      const loss = r.loss[c];
      if (loss === undefined || !Number.isFinite(loss)) continue;
      const prev = this.smoothed[c];
      this.smoothed[c] = prev === undefined ? loss : SMOOTHING * prev + (1 - SMOOTHING) * loss;
    }
    this.chart.push(r.step, [...CELLS.map((c) => this.smoothed[c] ?? NaN), race.baseline]);
  }

  private afterFrame(race: RnnRace): void {
    this.readOut(race);
    this.chart.draw();
    this.announce();
    this.requestUpdate();
  }

  /**
   * {@link afterFrame} for the frame loop, cut in two tasks after the frame's: the read-out and
   * the pictures, then the chart. One pending at a time; a race replaced (Reset, a rebuild) or a
   * widget removed meanwhile draws nothing.
   */
  private showSoon(race: RnnRace): void {
    if (this.showTimer) return;
    const live = () => this.isConnected && this.engine.value === race;
    this.showTimer = setTimeout(() => {
      if (!live()) return (this.showTimer = 0);
      this.readOut(race);
      this.announce();
      this.requestUpdate();
      this.showTimer = setTimeout(() => {
        this.showTimer = 0;
        if (live()) this.chart.draw();
      }, 0);
    }, 0);
  }

  /** Copy the read-outs the pictures need (cheap: one example through two cells). */
  private readOut(race: RnnRace): void {
    for (const c of CELLS) this.grads[c] = race.gradientThroughTime(c);
    for (const { cell } of SHOWN) this.gates[cell] = race.gates(cell);
    this.picturesStale = true;
  }

  private colors(): ViewColors {
    return { muted: cssVar(this, '--dl-color-muted', '#5b6573'), accent: cssVar(this, '--dl-color-accent', '#0877bd') };
  }

  /** The gate and state colour tables, made again only when a colour changes (paint runs every frame). */
  private tables(): { lut: Uint8ClampedArray; stateLut: Uint8ClampedArray } {
    const gate = [cssVar(this, '--gate-low', '#f4f5f7'), cssVar(this, '--gate-high', '#0877bd')] as const;
    const state = [cssVar(this, '--state-negative', DIVERGING[0]), cssVar(this, '--state-zero', DIVERGING[1]), cssVar(this, '--state-positive', DIVERGING[2])] as const;
    const key = [...gate, ...state].join();
    if (this.tableCache?.key !== key) this.tableCache = { key, lut: sequentialTable(...gate), stateLut: divergingTable(...state) };
    return this.tableCache;
  }

  private paint(): void {
    const colors = this.colors();
    // Symbols in Okabe-Ito from orange on: the first (blue) is too close to the outline's accent.
    const symbolColors = CATEGORICAL.slice(1);
    const plot = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.grads');
    if (plot && this.last) {
      const lines = CELLS.flatMap((c) => (this.grads[c] ? [{ label: NAMES[c], color: cssVar(this, `--${c}`, '#888'), values: this.grads[c]! }] : []));
      drawGradientThroughTime(plot, plot.clientWidth || 560, 170, lines, colors);
    } else if (plot) plot.getContext('2d')?.clearRect(0, 0, plot.width, plot.height);
    const { lut, stateLut } = this.tables();
    for (const { cell, gates } of SHOWN) {
      const view = this.gates[cell];
      if (!view) continue;
      const strip = this.renderRoot.querySelector<HTMLCanvasElement>(`canvas.strip.${cell}`);
      if (strip && view.tokens) drawTokenStrip(strip, strip.clientWidth || 560, 26, view.tokens, view.outputs, Math.max(...view.tokens) - 1, symbolColors, colors);
      else if (strip) drawInputStrip(strip, strip.clientWidth || 560, 18, view.values, view.marks, colors);
      for (const g of gates) {
        const canvas = this.renderRoot.querySelector<HTMLCanvasElement>(`canvas.gate.${cell}-${g}`);
        if (canvas) drawGateMap(canvas, canvas.clientWidth || 560, 30, view.maps[g], view.hidden.length / view.values.length, view.marks, lut, colors);
      }
      const state = this.renderRoot.querySelector<HTMLCanvasElement>(`canvas.gate.${cell}-state`);
      if (state) drawGateMap(state, state.clientWidth || 560, 30, view.hidden, view.hidden.length / view.values.length, view.marks, stateLut, colors, [-1, 1]);
    }
  }

  private renderControls(): TemplateResult {
    const scales = [...new Set([...SCALES, this.recurrentScale])].sort((a, b) => a - b);
    return html`<label
        >T
        <input
          type="range"
          min="5"
          max=${this.task === 'copy' ? COPY_MAX_DELAY : 200}
          step="5"
          .value=${String(this.length)}
          aria-label=${this.task === 'copy' ? 'Delay T' : 'Sequence length T'}
          @input=${(e: Event) => (this.length = Number((e.target as HTMLInputElement).value))}
        /><span class="length-value">${this.length}</span></label
      >
      <label
        >Recurrent scale
        <select @change=${(e: Event) => (this.recurrentScale = Number((e.target as HTMLSelectElement).value))}>
          ${scales.map((s) => html`<option .value=${String(s)} ?selected=${s === this.recurrentScale}>${s}</option>`)}
        </select></label
      >
      <label><input type="checkbox" .checked=${!this.noClip} @change=${(e: Event) => (this.noClip = !(e.target as HTMLInputElement).checked)} /> clip at ${this.clipNorm}</label>`;
  }

  private renderStats(): TemplateResult {
    const r = this.last;
    const race = this.engine.value;
    const copy = this.task === 'copy';
    const baseline = race ? race.baseline.toFixed(3) : copy ? '2 ln 4 / (T + 4)' : '0.167';
    if (!r) return html`<p class="stats">Not trained yet: press Play. Baseline ${copy ? html`(no memory: blanks right, symbols guessed): cross-entropy ${baseline}` : html`(always predict 1): MSE ${baseline}`}.</p>`;
    const m = this.mse;
    return html`<p class="stats">
      ${CELLS.map((c) => html`<span class="dl-key ${c}">${NAMES[c]}</span> ${m[c].toFixed(3)}${r.clipped[c] ? '*' : ''} · `)} baseline ${baseline}${CELLS.some((c) => r.clipped[c])
        ? html` · * clipped (‖g‖ ${CELLS.map((c) => (r.gradNorm[c] ?? 0).toPrecision(2)).join(' / ')})`
        : ''}
    </p>`;
  }

  /** What the shown cell makes of its example: the adding prediction, or how many symbols it recalls. */
  private renderVerdict(cell: 'lstm' | 'gru'): TemplateResult | string {
    const v = this.gates[cell];
    if (!v || !this.last) return '';
    if (v.tokens) return html` · recalls ${v.prediction} of ${v.target}`;
    return html` · predicts ${v.prediction.toFixed(2)}, true sum ${v.target.toFixed(2)}`;
  }

  override render(): TemplateResult {
    const problems = this.renderConfigErrors();
    if (problems) return problems;
    const race = this.engine.value;
    const T = race?.options.length ?? this.length;
    const copy = this.task === 'copy';
    // Copy: the sequence is T + 2K steps, the loss that the read-out follows is at the last K.
    const K = race?.options.count ?? 2;
    const steps = copy ? T + 2 * K : T;
    return html`${this.renderSpeakerViewNote()} ${this.training.renderToolbar(this.renderControls(), { play: 'Train all three' })}
      <div class="layout">
        <div>
          ${copy
            ? html`<h3>Cross-entropy per step, copy after a delay of ${T} (dashed: no memory)</h3>`
            : html`<h3>MSE on the adding problem (dashed: always predict 1)</h3>`}
          <div class="chart"><canvas aria-label=${`Smoothed training ${copy ? 'cross-entropy' : 'MSE'} of the RNN, GRU and LSTM, with the baseline`}></canvas></div>
          ${this.renderStats()}
        </div>
        <div>
          <h3>
            Gradient through time ‖∂ℓ/∂h<sub>k</sub>‖, k = 1 … ${steps} (log scale;
            ${copy ? html`ℓ: the recall loss, at k = ${T + K + 1} … ${steps}` : html`the loss is read at k = ${T}`})
          </h3>
          <canvas class="grads" part="plot" role="img" aria-label="Gradient norm reaching each time step, one line per cell"></canvas>
          <p class="stats">${CELLS.map((c) => html`<span class="dl-key ${c}">${NAMES[c]}</span> `)}</p>
        </div>
        ${SHOWN.map(
          ({ cell, gates }) => html`<div>
            <h3>${NAMES[cell]} gates on one example (units ↓, time →; ${copy ? 'last symbol and marker' : 'marked steps'} outlined)${this.renderVerdict(cell)}</h3>
            ${copy ? html`<p class="gate-label"><span>symbols in, marker (grey); below: what the ${NAMES[cell]} answers</span></p>` : ''}
            <canvas
              class="strip ${cell} ${copy ? 'tokens' : ''}"
              role="img"
              aria-label=${copy ? `The example's symbols and marker, and the symbols the ${NAMES[cell]} outputs` : "The example's values; the two marked ones highlighted"}
            ></canvas>
            ${gates.map(
              (g) => html`<p class="gate-label"><span>${g} gate</span><span>0 … 1</span></p>
                <canvas class="gate ${cell}-${g}" role="img" aria-label=${`${NAMES[cell]} ${g} gate activation over time for each hidden unit`}></canvas>`,
            )}
            <p class="gate-label"><span>state h<sub>t</sub></span><span>−1 … 1</span></p>
            <canvas class="gate ${cell}-state" role="img" aria-label=${`${NAMES[cell]} hidden state over time for each hidden unit`}></canvas>
          </div>`,
        )}
      </div>`;
  }
}

defineElement('dl-rnn-race', DlRnnRace);

declare global {
  interface HTMLElementTagNameMap {
    'dl-rnn-race': DlRnnRace;
  }
}
