import { html, type PropertyValues, type TemplateResult } from 'lit';
import type { MetricDisplay, MetricEvaluation, MetricStep, MetricTrainer } from '../../engine/js.ts';
import { localPoint } from '../_shared/canvas.ts';
import { defineElement } from '../_shared/dl-element.ts';
import { jsEngineTask, type EngineTask, type JsEngineModule } from '../_shared/engine-task.ts';
import { ChartController } from '../_shared/loss-chart.ts';
import { styleProps } from '../_shared/style-props.ts';
import { cssVar } from '../_shared/palette.ts';
import { choice, flag, int, list, num } from '../_shared/props.ts';
import { widgetStyles } from '../_shared/styles.ts';
import { nextTask } from '../_shared/tasks.ts';
import { Training, TrainingElement } from '../_shared/training.ts';
import { styles } from './metric-learning.styles.ts';
import { DIGIT_COLOURS, drawDigit, drawEmbedding, drawPairPlane, pickPoint, type MetricColours } from './metric-learning.view.ts';

const LOSSES = ['contrastive', 'triplet', 'batch-hard', 'circle'] as const;
const MINERS = ['random', 'semi-hard', 'hard'] as const;
const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;
const LOSS_NAMES: Record<(typeof LOSSES)[number], string> = { contrastive: 'contrastive', triplet: 'triplet', 'batch-hard': 'batch-hard triplet', circle: 'circle loss' };
/** The margin each loss starts from when chosen in the widget (the engine's METRIC_MARGINS). */
const MARGINS: Record<(typeof LOSSES)[number], number> = { contrastive: 0.5, triplet: 0.2, 'batch-hard': 0.2, circle: 0.25 };
/** A fresh Recall@1 at most this often while training (it embeds and scores the test split and every held-out digit, 2,000 with two classes held out, spread over frames). */
const EVAL_EVERY_MS = 1000;
/** Digits embedded (then scored) per frame while measuring. */
const EVAL_ROWS_PER_FRAME = 250;
/** Training stops here: past the learning-rate drop at step 2,000, the arcs have settled (the bench's 60 s in Chromium are about 17,000 steps). */
const MAX_STEPS = 8000;
/** Steps trained before a page is printed (see printReady): the trained arcs have formed by then. */
const PRINT_STEPS = 600;
/** …or this long, whichever comes first, so a slow machine still prints within the hook's 30 s. */
const PRINT_BUDGET_MS = 15_000;
/** Neighbours shown for a clicked digit. */
const NEIGHBOURS = 5;
/** Side of the embedding plot and of the (s_n, s_p) plane, CSS pixels. */
const PLOT = 300;
const PLANE = 250;

const nextFrame = () => new Promise((r) => requestAnimationFrame(r));

/**
 * `<dl-metric-learning>`: deep metric learning, live. A small network embeds MNIST digits on the
 * unit circle (or, with `dim="3"`, the unit sphere) and trains with a contrastive, triplet,
 * batch-hard triplet or circle loss; the pair and triplet losses use a miner (random, semi-hard,
 * hard). Two digit classes are held out of training entirely (rings on the plot): the headline is
 * Recall@1 on them, retrieval for classes the network has never seen, charted against the step
 * with the trained classes' and the untrained network's. Beside the plot: the batch's
 * easy / semi-hard / hard triplet counts and the (s_n, s_p) plane with the triplet decision curve
 * and the circle-loss boundary. Click a digit to see its nearest neighbours. Loss, miner and
 * margin change live without resetting the network.
 *
 * ```html
 * <dl-metric-learning loss="triplet" miner="semi-hard" margin="0.2" held-out="8,9"></dl-metric-learning>
 * ```
 *
 * @summary Metric learning on MNIST: losses, miners, margin, held-out classes, Recall@1, the (s_n, s_p) plane and retrieval.
 * @event dl-ready - The digits and the network are ready. detail: { backend: string; recallHeldOut: number }
 * @event dl-train-step - After each frame of training. detail: { step: number; loss: number; easy: number; semiHard: number; hard: number; recallHeldOut: number }
 * @event dl-select - A digit was clicked. detail: { index: number; label: number; neighbours: number[]; neighbourLabels: number[] }
 * @csspart toolbar - Play, step, reset, the settings and status.
 * @csspart plot - The embedding plot (click a digit).
 * @csspart plane - The (s_n, s_p) plane.
 * @cssproperty [--easy=var(--dl-color-muted)] - Colour of easy triplets.
 * @cssproperty [--semi-hard=var(--dl-color-negative)] - Colour of semi-hard triplets.
 * @cssproperty [--hard=var(--dl-color-accent-2)] - Colour of hard triplets.
 */
export class DlMetricLearning extends TrainingElement {
  static override styles = [widgetStyles, styles];

  /** Loss: contrastive | triplet | batch-hard | circle (changes live). */
  @choice(LOSSES) loss: (typeof LOSSES)[number] = 'batch-hard';
  /** Triplet miner for the contrastive and triplet losses: random | semi-hard | hard (changes live). */
  @choice(MINERS) miner: (typeof MINERS)[number] = 'semi-hard';
  /** Margin m (0–1): a distance for the pair and triplet losses, circle loss's relaxation (changes live). */
  @num({ min: 0, max: 1 }) margin = 0.2;
  /** Circle loss scale γ (1–256). */
  @num({ min: 1, max: 256 }) gamma = 32;
  /** Embedding dimension: 2 (the unit circle) or 3 (the unit sphere, shown turning). */
  @int(2, 3) dim = 2;
  /** Digit classes held out of training, comma-separated (1 to 8 of 0–9). */
  @list(DIGITS, { attribute: 'held-out' }) heldOut = '8,9';
  /** Batch-hard only: the first steps train on semi-hard triplets (0: none, and batch-hard from a random start collapses every digit to one point on the circle). */
  @int(0, 8000) warmup = 300;
  /** Adam learning rate. */
  @num({ min: 0.00001, max: 0.1 }) learningRate = 0.005;
  /** Seed for weights and batches. */
  @int(0, 2 ** 31) seed = 1;
  /** Start training when shown. */
  @flag() autoplay = false;

  private last: MetricStep | null = null;
  private evaluation: MetricEvaluation | null = null;
  private baseline: MetricEvaluation | null = null;
  private shown: MetricDisplay | null = null;
  private selected = -1;
  private neighbours: Int32Array = new Int32Array(0);
  private lastEvalAt = 0;
  private evaluating = false;
  /** How long readOut (the display set's embedding) takes, ms, a running average. */
  private readOutMs = 0;
  /** A frame that overran its budget left the display set's embedding to the next one. */
  private readOutOwed = false;
  private yaw = 0.6;

  private readonly task: EngineTask<MetricTrainer, JsEngineModule> = jsEngineTask(this, {
    args: () => [this.dim, this.heldOut, this.learningRate, this.seed, this.gamma, this.warmup],
    build: async (eng) =>
      // Sliced: the mean training digit is computed between yields, never in one long task.
      eng.createMetricTrainerSliced(await eng.loadMnist(), {
        loss: this.loss,
        miner: this.miner,
        margin: this.margin,
        gamma: this.gamma,
        dim: this.dim,
        heldOut: this.heldOutDigits(),
        learningRate: this.learningRate,
        warmupSteps: this.warmup,
        seed: this.seed,
      }),
    ready: async (t) => {
      await nextFrame(); // the display set's embedding in a task of its own, not the build's
      this.readOut(t);
      this.baseline = await this.measure(t);
      this.record(this.baseline);
      this.lastEvalAt = performance.now();
      this.requestUpdate();
      this.emit('dl-ready', { backend: 'js', recallHeldOut: this.baseline.recallHeldOut });
    },
  });
  protected readonly training: Training<MetricTrainer> = new Training(this, {
    task: this.task,
    frame: (t, deadline) => {
      if (!this.baseline) return; // the untrained network is still being measured
      if (this.evaluating || performance.now() - this.lastEvalAt > EVAL_EVERY_MS) {
        // Recall@1 embeds the evaluation digits, then scores each as a query, 250 a frame (16 frames with two classes held out), no training meanwhile.
        this.evaluating = true;
        const e = t.evaluateSome(EVAL_ROWS_PER_FRAME);
        if (e) {
          this.record(e);
          this.evaluating = false;
          this.lastEvalAt = performance.now();
        }
      } else if (this.readOutOwed) {
        this.readOutOwed = false;
        this.readOut(t);
      } else {
        // Steps stop early enough to leave the display set's embedding (readOut) inside the frame's budget.
        const stop = deadline - this.readOutMs;
        do this.last = t.step();
        while (performance.now() < stop && this.last.step < MAX_STEPS);
        if (performance.now() > deadline) {
          // One step overran the frame (the first ones run before the JIT has compiled them: 20–45 ms):
          // the picture waits for the next frame instead of lengthening this one.
          this.readOutOwed = true;
        } else {
          const t0 = performance.now();
          this.readOut(t);
          this.readOutMs += 0.25 * (performance.now() - t0 - this.readOutMs);
        }
      }
      this.yaw += 0.01;
      this.emitStep();
    },
    step: async (t) => {
      if (!this.baseline) return;
      this.last = t.step();
      this.readOut(t);
      this.record(await this.measure(t));
      this.emitStep();
    },
    describe: () => (this.last ? `step ${this.last.step} · loss ${this.last.loss.toFixed(3)}${this.last.warmup ? ' · warm-up: semi-hard triplets' : ''}` : ''),
    finished: () => (this.last?.step ?? 0) >= MAX_STEPS,
    autoplay: () => this.autoplay,
    onReset: () => this.clearReadOut(),
  });

  /** Recall@1 over training: held-out and trained classes, and the untrained network's held-out level. */
  private readonly recallChart = new ChartController(this, {
    canvas: () => this.renderRoot.querySelector<HTMLCanvasElement>('.chart canvas'),
    series: () => [
      { label: 'held out', color: cssVar(this, '--dl-color-accent', '#0877bd') },
      { label: 'trained classes', color: cssVar(this, '--dl-color-fg', '#1d2430') },
      { label: 'untrained, held out', color: cssVar(this, '--dl-color-muted', '#5b6573'), dashed: true },
    ],
    yLabel: 'Recall@1 %',
    color: () => cssVar(this, '--dl-color-muted', '#5b6573'),
  });

  /** A fresh Recall@1: shown, and added to the chart at the current step. */
  private record(e: MetricEvaluation): void {
    this.evaluation = e;
    const base = this.baseline?.recallHeldOut ?? NaN;
    this.recallChart.push(this.last?.step ?? 0, [100 * e.recallHeldOut, 100 * e.recallSeen, 100 * base]);
    this.recallChart.draw();
  }

  /** Recall@1 now: EVAL_ROWS_PER_FRAME digits embedded, then scored, per animation frame (the page never blocks). */
  private async measure(t: MetricTrainer): Promise<MetricEvaluation> {
    for (;;) {
      const e = t.evaluateSome(EVAL_ROWS_PER_FRAME);
      if (e) return e;
      await nextFrame();
    }
  }

  private heldOutDigits(): number[] {
    return this.heldOut
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '')
      .map(Number);
  }

  protected override checkAttributes(): string[] {
    const digits = this.heldOutDigits();
    if (digits.length < 1 || digits.length > 8 || new Set(digits).size !== digits.length) {
      return [`held-out="${this.heldOut}" must name 1 to 8 different digits (at least two stay for training), e.g. held-out="8,9".`];
    }
    return [];
  }

  private emitStep(): void {
    const s = this.last;
    if (!s) return;
    this.emit('dl-train-step', { step: s.step, loss: s.loss, easy: s.counts.easy, semiHard: s.counts.semiHard, hard: s.counts.hard, recallHeldOut: this.evaluation?.recallHeldOut ?? NaN });
  }

  /** The display set's embeddings and the selected digit's neighbours. */
  private readOut(t: MetricTrainer): void {
    this.shown = t.display();
    this.neighbours = this.selected >= 0 ? t.neighbours(this.selected, NEIGHBOURS).indices : new Int32Array(0);
    this.requestUpdate();
  }

  private clearReadOut(): void {
    this.evaluating = false;
    this.readOutOwed = false;
    this.last = null;
    this.evaluation = null;
    this.baseline = null;
    this.shown = null;
    this.neighbours = new Int32Array(0);
    this.recallChart.clear();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (['dim', 'heldOut', 'learningRate', 'seed', 'gamma', 'warmup'].some((k) => changed.has(k))) {
      this.clearReadOut();
      this.selected = -1;
    }
    // Loss, miner and margin change the objective, not the network: training goes on from here.
    if ((changed.has('loss') || changed.has('miner') || changed.has('margin')) && this.task.value && !this.hasConfigErrors) {
      const change = { loss: this.loss, miner: this.miner, margin: this.margin };
      void this.task.use((t) => t.configure(change));
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.paint();
  }

  private colours(): MetricColours {
    return {
      muted: cssVar(this, '--dl-color-muted', '#5b6573'),
      fg: cssVar(this, '--dl-color-fg', '#1d2430'),
      easy: cssVar(this, '--easy', '#5b6573'),
      semiHard: cssVar(this, '--semi-hard', '#f59322'),
      hard: cssVar(this, '--hard', '#d0453b'),
      circle: cssVar(this, '--dl-color-accent', '#0877bd'),
    };
  }

  /** Triplet decision curve in the plane (the engine's tripletBoundary, for unit vectors). */
  private boundary = (sn: number): number => {
    const dp = Math.sqrt(Math.max(0, 2 - 2 * sn)) - this.margin;
    return dp < 0 ? NaN : 1 - (dp * dp) / 2;
  };

  private paint(): void {
    const root = this.renderRoot;
    const c = this.colours();
    const plot = root.querySelector<HTMLCanvasElement>('canvas.plot');
    if (plot) drawEmbedding(plot, PLOT, this.shown, this.selected, this.neighbours, this.yaw, c);
    const plane = root.querySelector<HTMLCanvasElement>('canvas.plane');
    if (plane) drawPairPlane(plane, PLANE, this.last?.pairs ?? null, this.margin, this.loss === 'circle', this.boundary, c);
    const t = this.task.value;
    const d = this.shown;
    if (!t || !d) return;
    const thumbs = root.querySelectorAll<HTMLCanvasElement>('canvas.thumb');
    thumbs.forEach((canvas, k) => {
      const idx = k === 0 ? this.selected : this.neighbours[k - 1];
      if (idx === undefined || idx < 0) return;
      const same = d.labels[idx] === d.labels[this.selected];
      drawDigit(canvas, t.data.test.images, d.testIndex[idx], k === 0 ? 64 : 48, k === 0 ? c.fg : same ? c.easy : c.hard);
    });
  }

  private handlePlotClick(e: MouseEvent): void {
    const canvas = e.currentTarget as HTMLCanvasElement;
    const d = this.shown;
    if (!d) return;
    const p = localPoint(e, canvas);
    const i = pickPoint(d, p.fx * PLOT, p.fy * PLOT, PLOT, this.yaw);
    this.select(i);
  }

  /** A still for print (`?print-pdf`): PRINT_STEPS seeded steps, a fresh Recall@1, a held-out digit's neighbours. */
  async printReady(): Promise<void> {
    this.pause();
    const stop = performance.now() + PRINT_BUDGET_MS;
    await this.task.use(async (t) => {
      if (!this.baseline) this.baseline = await this.measure(t);
      while ((this.last?.step ?? 0) < PRINT_STEPS && performance.now() < stop) {
        const until = performance.now() + 30;
        while ((this.last?.step ?? 0) < PRINT_STEPS && performance.now() < until) this.last = t.step();
        await nextTask();
      }
      this.record(await this.measure(t));
      const d = t.display();
      this.selected = d.heldOut.indexOf(1);
      this.readOut(t);
    });
    this.requestUpdate();
    await this.updateComplete;
  }

  /** The plotted test digits as last drawn (embeddings, labels, held-out marks), or null before the first build. */
  get embedding(): MetricDisplay | null {
    return this.shown;
  }

  /** Turn of the sphere view (radians about the vertical axis; dim 3 only). */
  get viewYaw(): number {
    return this.yaw;
  }

  /** Show the nearest neighbours of display digit `index` (−1 clears). */
  select(index: number): void {
    const t = this.task.value;
    const d = this.shown;
    this.selected = t && d && index >= 0 && index < d.count ? index : -1;
    void this.task.use((v) => {
      if (!this.shown) return;
      this.neighbours = this.selected >= 0 ? v.neighbours(this.selected, NEIGHBOURS).indices : new Int32Array(0);
      if (this.selected >= 0) {
        const labels = this.shown.labels;
        this.emit('dl-select', { index: this.selected, label: labels[this.selected], neighbours: [...this.neighbours], neighbourLabels: [...this.neighbours].map((n) => labels[n]) });
      }
      this.requestUpdate();
    });
  }

  private renderControls(): TemplateResult {
    const usesMiner = this.loss === 'contrastive' || this.loss === 'triplet';
    return html`<label>Loss <select @change=${(e: Event) => {
        const loss = (e.target as HTMLSelectElement).value as DlMetricLearning['loss'];
        this.loss = loss;
        this.margin = MARGINS[loss];
      }}>
        ${LOSSES.map((l) => html`<option .value=${l} ?selected=${l === this.loss}>${LOSS_NAMES[l]}</option>`)}</select></label>
      <label>Miner <select ?disabled=${!usesMiner} title=${usesMiner ? 'Which triplets of the batch the loss trains on' : 'Batch-hard and circle loss choose their own pairs'}
        @change=${(e: Event) => (this.miner = (e.target as HTMLSelectElement).value as DlMetricLearning['miner'])}>
        ${MINERS.map((m) => html`<option .value=${m} ?selected=${m === this.miner}>${m}</option>`)}</select></label>
      <label>Margin ${this.margin.toFixed(2)}
        <input class="margin" type="range" min="0" max="1" step="0.05" .value=${String(this.margin)} aria-label="Margin m"
          @input=${(e: Event) => (this.margin = Number((e.target as HTMLInputElement).value))} /></label>`;
  }

  override render(): TemplateResult {
    const problems = this.renderConfigErrors();
    if (problems) return problems;
    const e = this.evaluation;
    const b = this.baseline;
    const s = this.last;
    const d = this.shown;
    const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
    const held = this.heldOutDigits();
    const counts = s?.counts;
    const share = (n: number) => (counts && counts.total ? (100 * n) / counts.total : 0);
    return html`${this.renderSpeakerViewNote()}
      ${this.training.renderToolbar(this.renderControls(), { play: 'Train' })}
      <div class="layout">
        <figure>
          <canvas class="plot" part="plot" role="img" aria-label="Test digits on the unit ${this.dim === 2 ? 'circle' : 'sphere'}, coloured by class; held-out classes as rings. Click a digit for its nearest neighbours."
            @click=${(ev: MouseEvent) => this.handlePlotClick(ev)}></canvas>
          <figcaption>
            <span class="legend">${DIGITS.map((k, i) => html`<span style=${styleProps({ '--dl-key': DIGIT_COLOURS[i] })} class=${held.includes(i) ? 'dl-key held' : 'dl-key'} data-digit=${k}>${k}</span>`)}</span><br />
            ${this.dim === 2 ? 'angle = embedding on the unit circle; one ring per class so overlaps show' : 'the unit sphere, turning; the far side faint'} · rings: held out
          </figcaption>
        </figure>
        <div class="readout">
          <p class="headline">Recall@1, held-out ${held.join(' & ')}: <b class="recall-held-out">${e ? pct(e.recallHeldOut) : '–'}</b></p>
          <p class="stats">untrained <span class="recall-baseline">${b ? pct(b.recallHeldOut) : '–'}</span> ·
            among all classes <span class="recall-among-all">${e ? pct(e.recallHeldOutAmongAll) : '–'}</span> ·
            trained classes <span class="recall-seen">${e ? pct(e.recallSeen) : '–'}</span></p>
          <p class="stats">Triplets in the batch (${counts ? counts.total.toLocaleString('en-US') : '–'}):</p>
          <div class="bar" role="img" aria-label="Share of easy, semi-hard and hard triplets in the batch">
            <span class="easy" style=${styleProps({ width: `${share(counts?.easy ?? 0)}%` })}></span><span class="semi" style=${styleProps({ width: `${share(counts?.semiHard ?? 0)}%` })}></span><span class="hard" style=${styleProps({ width: `${share(counts?.hard ?? 0)}%` })}></span>
          </div>
          <p class="stats counts">easy <b class="count-easy">${counts?.easy ?? '–'}</b> · semi-hard <b class="count-semi-hard">${counts?.semiHard ?? '–'}</b> · hard <b class="count-hard">${counts?.hard ?? '–'}</b></p>
          <div class="nn" aria-live="polite">
            ${this.selected >= 0 && d
              ? html`<p class="stats">Digit ${d.labels[this.selected]}${d.heldOut[this.selected] ? ' (held out)' : ''} and its ${NEIGHBOURS} nearest:</p>
                  <div class="thumbs">
                    <canvas class="thumb query" aria-label=${`Clicked digit, a ${d.labels[this.selected]}`}></canvas>${[...this.neighbours].map(
                      (n) => html`<canvas class="thumb" data-label=${d.labels[n]} aria-label=${`Neighbour: a ${d.labels[n]}`}></canvas>`,
                    )}
                  </div>`
              : html`<p class="stats">Click a digit on the plot to retrieve its nearest neighbours.</p>`}
          </div>
          <div class="chart"><canvas aria-label="Recall@1 against training steps: held-out classes, trained classes, and the untrained network on the held-out classes"></canvas></div>
        </div>
        <figure>
          <canvas class="plane" part="plane" role="img" aria-label="The batch's pairs in the plane of negative and positive similarity, with the triplet and circle-loss boundaries"></canvas>
          <figcaption>(sₙ, sₚ) of the pairs ${(this.loss === 'batch-hard' && !this.last?.warmup) || this.loss === 'circle' ? 'of each anchor (hardest positive, hardest negative)' : 'the loss uses'}:
            <span class="dl-key easy-t">easy</span>, <span class="dl-key semi-t">semi-hard</span>, <span class="dl-key hard-t">hard</span>; black: triplet boundary, blue circle: circle loss</figcaption>
        </figure>
      </div>`;
  }
}

defineElement('dl-metric-learning', DlMetricLearning);

declare global {
  interface HTMLElementTagNameMap {
    'dl-metric-learning': DlMetricLearning;
  }
}
