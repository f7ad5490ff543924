import { html, type PropertyValues, type TemplateResult } from 'lit';
import type { ImbalanceEvaluation, ImbalanceTrainer, ThresholdMetrics } from '../../engine/js.ts';
import { defineElement } from '../_shared/dl-element.ts';
import { jsEngineTask, type EngineTask, type JsEngineModule } from '../_shared/engine-task.ts';
import { cssVar } from '../_shared/palette.ts';
import { choice, flag, int, num } from '../_shared/props.ts';
import { widgetStyles } from '../_shared/styles.ts';
import { nextTask } from '../_shared/tasks.ts';
import { Training, TrainingElement } from '../_shared/training.ts';
import { styles } from './imbalance.styles.ts';
import { drawCurve, drawMap, type ImbalanceColours } from './imbalance.view.ts';

const LOSSES = ['bce', 'weighted', 'focal'] as const;
const SAMPLINGS = ['none', 'under', 'over', 'smote'] as const;
/** The ratio control's stops (1:1 to 1:100). */
const RATIOS = [1, 2, 5, 10, 20, 50, 100];
const LOSS_NAMES: Record<(typeof LOSSES)[number], string> = { bce: 'plain BCE', weighted: 'weighted BCE (pos_weight)', focal: 'focal loss' };
const SAMPLING_NAMES: Record<(typeof SAMPLINGS)[number], string> = { none: 'none', under: 'random undersampling', over: 'random oversampling', smote: 'SMOTE' };
/** Minibatch updates per engine call while printing. */
const UPDATES_PER_CALL = 10;
/** The most of a frame's budget kept back for the read-out after training (ms). */
const READ_OUT_RESERVE_MS = 6;
/** Training stops here (longer only memorises the few minority points). */
const MAX_STEPS = 2000;
/** Side of the probability map's grid. */
const GRID = 48;
/** Half-width of the plane (engine/datasets/two-d.ts EXTENT). */
const EXTENT = 6;

/**
 * `<dl-imbalance>`: learning from unbalanced data, live. A small network learns a 2-D problem whose
 * minority class is up to 100 times rarer than the majority, with plain BCE, class-weighted BCE
 * or focal loss, after optional under-, over- or SMOTE sampling. Beside the map: the confusion
 * matrix, precision, recall and F1 at a decision threshold you slide, and the ROC and
 * precision–recall curves of a fixed evaluation set with their areas and the threshold marked.
 * Watch ROC-AUC barely move while minority recall and PR-AUC change.
 *
 * ```html
 * <dl-imbalance ratio="50" loss="weighted" sampling="none" threshold="0.5"></dl-imbalance>
 * ```
 *
 * @summary Class imbalance live: ratio, loss (BCE, weighted, focal), resampling, threshold, confusion matrix, ROC and PR curves.
 * @event dl-ready - The data and network are built. detail: { backend: string }
 * @event dl-train-step - After each frame of training. detail: { step: number; loss: number; recall: number; precision: number; rocAuc: number; prAuc: number }
 * @csspart toolbar - Play, step, reset, the settings and status.
 * @csspart map - The plane: the model's flagged region and the training points.
 * @cssproperty [--majority=var(--dl-color-negative)] - Colour of the majority class.
 * @cssproperty [--minority=var(--dl-color-positive)] - Colour of the minority class.
 */
export class DlImbalance extends TrainingElement {
  static override styles = [widgetStyles, styles];

  /** Majority : minority ratio, 1 (balanced) to 100. */
  @int(1, 100) ratio = 50;
  /** Training loss: bce | weighted | focal. */
  @choice(LOSSES) loss: (typeof LOSSES)[number] = 'bce';
  /** Focal loss γ (0–5): how strongly well-classified points fade out. */
  @num({ min: 0, max: 5 }) gamma = 2;
  /** Focal loss α, the weight of the minority (0.01–0.99; the majority gets 1 − α). */
  @num({ min: 0.01, max: 0.99, attribute: 'focal-alpha' }) focalAlpha = 0.75;
  /** Resampling of the training set: none | under | over | smote. */
  @choice(SAMPLINGS) sampling: (typeof SAMPLINGS)[number] = 'none';
  /** Decision threshold (0.01–0.99): a point is flagged minority when p ≥ threshold. */
  @num({ min: 0.01, max: 0.99 }) threshold = 0.5;
  /** Adam learning rate. */
  @num({ min: 0.0001, max: 0.5 }) learningRate = 0.01;
  /** Seed for data, resampling and weights. */
  @int(0, 2 ** 31) seed = 1;
  /** Start training when shown. */
  @flag() autoplay = false;

  private evaluation: ImbalanceEvaluation | null = null;
  private metrics: ThresholdMetrics | null = null;
  private grid: Float32Array | null = null;
  /** What the last read-outs took (ms, smoothed): a frame stops training that much before its deadline. */
  private readOutMs = 2;

  private readonly task: EngineTask<ImbalanceTrainer, JsEngineModule> = jsEngineTask(this, {
    args: () => [this.ratio, this.loss, this.gamma, this.focalAlpha, this.sampling, this.learningRate, this.seed],
    build: (eng) =>
      eng.createImbalanceTrainer({
        ratio: this.ratio,
        loss: this.loss,
        gamma: this.gamma,
        focalAlpha: this.focalAlpha,
        sampling: this.sampling,
        learningRate: this.learningRate,
        seed: this.seed,
      }),
    ready: (t) => {
      this.emit('dl-ready', { backend: 'js' });
      // The first read-out (scores of 4,080 points, both curves, the map; slow while the code is
      // cold) gets a task of its own, so building and showing are two short tasks, not one long one.
      setTimeout(() => {
        if (this.task.value === t && !this.evaluation) void this.task.use((v) => v === t && !this.evaluation && this.readOut(v));
      }, 0);
    },
  });
  protected readonly training: Training<ImbalanceTrainer> = new Training(this, {
    task: this.task,
    frame: (t, deadline) => {
      // One update per call, so the deadline is checked after every update; training stops early
      // enough that the read-out after it still ends near the deadline.
      const stop = deadline - Math.min(READ_OUT_RESERVE_MS, this.readOutMs);
      let loss = 0;
      let updates = 0;
      do {
        loss += t.step(1);
        updates++;
      } while (performance.now() < stop && t.steps < MAX_STEPS);
      const started = performance.now();
      const e = this.readOut(t);
      this.readOutMs = 0.7 * this.readOutMs + 0.3 * (performance.now() - started);
      this.emit('dl-train-step', { step: e.step, loss: loss / updates, recall: e.atThreshold.recall, precision: e.atThreshold.precision, rocAuc: e.rocAuc, prAuc: e.prAuc });
    },
    describe: () => (this.evaluation ? `step ${this.evaluation.step}` : ''),
    finished: (t) => t.steps >= MAX_STEPS,
    autoplay: () => this.autoplay,
    onReset: () => this.clearReadOut(),
  });

  /** Evaluate on the fixed set, refresh the map, and keep what the view shows. */
  private readOut(t: ImbalanceTrainer): ImbalanceEvaluation {
    const e = t.evaluate(this.threshold);
    this.evaluation = e;
    this.metrics = e.atThreshold;
    this.grid = t.predictGrid(GRID);
    this.requestUpdate();
    return e;
  }

  private clearReadOut(): void {
    this.evaluation = null;
    this.metrics = null;
    this.grid = null;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (['ratio', 'loss', 'gamma', 'focalAlpha', 'sampling', 'learningRate', 'seed'].some((k) => changed.has(k))) this.clearReadOut();
    // Moving the threshold needs no training: the engine recounts from the scores it last computed.
    if (changed.has('threshold') && this.evaluation && this.task.value) this.metrics = this.task.value.metricsAt(this.threshold);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.paint();
  }

  /**
   * Print hook (widgets/_shared/print-ready.ts): pause, then train from where it is to MAX_STEPS
   * in 30 ms slices, so a printed page shows the finished run of the slide's settings.
   */
  async printReady(): Promise<void> {
    this.pause();
    await this.task.use(async (t) => {
      while (t.steps < MAX_STEPS) {
        const until = performance.now() + 30;
        while (t.steps < MAX_STEPS && performance.now() < until) t.step(UPDATES_PER_CALL);
        await nextTask();
      }
      this.readOut(t);
    });
    await this.updateComplete;
  }

  private colours(): ImbalanceColours {
    return {
      majority: cssVar(this, '--majority', '#f59322'),
      minority: cssVar(this, '--minority', '#0877bd'),
      surface: cssVar(this, '--dl-color-surface-raised', '#ffffff'),
      muted: cssVar(this, '--dl-color-muted', '#5b6573'),
      fg: cssVar(this, '--dl-color-fg', '#1d2430'),
    };
  }

  private paint(): void {
    const t = this.task.value;
    const root = this.renderRoot;
    const map = root.querySelector<HTMLCanvasElement>('canvas.map');
    const roc = root.querySelector<HTMLCanvasElement>('canvas.roc');
    const pr = root.querySelector<HTMLCanvasElement>('canvas.pr');
    if (!map || !roc || !pr) return;
    const c = this.colours();
    const e = this.evaluation;
    const m = this.metrics;
    if (t) drawMap(map, map.clientWidth || 300, this.grid, GRID, t.trainSet, this.threshold, EXTENT, c);
    const w = roc.clientWidth || 210;
    const h = roc.clientHeight || 300;
    drawCurve(roc, w, h, e?.fpr ?? null, e?.tpr ?? null, m ? [m.fpr, m.recall] : null, { x: 'false positive rate', y: 'recall (TPR)', area: e ? `ROC-AUC ${e.rocAuc.toFixed(3)}` : '' }, { diagonal: true }, c);
    // A classifier that guesses scores the minority's share as precision at every recall.
    const share = t ? t.evalSet.y.reduce((s, v) => s + v, 0) / t.evalSet.n : 0;
    drawCurve(pr, w, h, e?.recall ?? null, e?.precision ?? null, m ? [m.recall, m.precision] : null, { x: 'recall', y: 'precision', area: e ? `PR-AUC ${e.prAuc.toFixed(3)}` : '' }, { baseline: share }, c);
  }

  private setRatio(index: number): void {
    this.ratio = RATIOS[Math.max(0, Math.min(RATIOS.length - 1, index))];
  }

  private renderControls(): TemplateResult {
    const ratioIndex = RATIOS.reduce((best, r, i) => (Math.abs(r - this.ratio) < Math.abs(RATIOS[best] - this.ratio) ? i : best), 0);
    return html`<label>Ratio 1:${this.ratio}
        <input type="range" min="0" max=${RATIOS.length - 1} step="1" .value=${String(ratioIndex)} aria-label="Class ratio, majority to minority"
          @change=${(e: Event) => this.setRatio(Number((e.target as HTMLInputElement).value))} /></label>
      <label>Loss <select @change=${(e: Event) => (this.loss = (e.target as HTMLSelectElement).value as DlImbalance['loss'])}>
        ${LOSSES.map((l) => html`<option .value=${l} ?selected=${l === this.loss}>${LOSS_NAMES[l]}</option>`)}</select></label>
      ${this.loss === 'focal'
        ? html`<label>γ ${this.gamma.toFixed(1)}
            <input type="range" min="0" max="5" step="0.5" .value=${String(this.gamma)} aria-label="Focal loss gamma"
              @change=${(e: Event) => (this.gamma = Number((e.target as HTMLInputElement).value))} /></label>`
        : null}
      <label>Sampling <select @change=${(e: Event) => (this.sampling = (e.target as HTMLSelectElement).value as DlImbalance['sampling'])}>
        ${SAMPLINGS.map((s) => html`<option .value=${s} ?selected=${s === this.sampling}>${SAMPLING_NAMES[s]}</option>`)}</select></label>`;
  }

  override render(): TemplateResult {
    const problems = this.renderConfigErrors();
    if (problems) return problems;
    const m = this.metrics;
    const e = this.evaluation;
    const t = this.task.value;
    const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
    const counts = t ? t.trainSet.y.reduce((s, v) => s + v, 0) : 0;
    return html`${this.renderSpeakerViewNote()}
      ${this.training.renderToolbar(this.renderControls(), { play: 'Train' })}
      <div class="layout">
        <figure>
          <canvas class="map" part="map" role="img" aria-label="The plane: the region the model flags as minority, and the training points"></canvas>
          <figcaption>${t
            ? html`training set: <span class="dl-key minority">${counts} minority</span>, <span class="dl-key majority">${t.trainSet.n - counts} majority</span>${this.sampling === 'smote' ? ' (hollow: made by SMOTE)' : ''}`
            : ''}</figcaption>
        </figure>
        <div class="metrics">
          <label class="threshold">Threshold ${this.threshold.toFixed(2)}
            <input type="range" min="0.01" max="0.99" step="0.01" .value=${String(this.threshold)} aria-label="Decision threshold"
              @input=${(ev: Event) => (this.threshold = Number((ev.target as HTMLInputElement).value))} /></label>
          <table class="confusion" aria-label="Confusion matrix of the evaluation set">
            <tr><th scope="col" class="corner">true class</th><th scope="col">flagged</th><th scope="col">not flagged</th></tr>
            <tr><th scope="row" class="dl-key minority">minority</th><td class="tp">${m?.tp ?? '–'}</td><td class="fn">${m?.fn ?? '–'}</td></tr>
            <tr><th scope="row" class="dl-key majority">majority</th><td class="fp">${m?.fp ?? '–'}</td><td class="tn">${m?.tn ?? '–'}</td></tr>
          </table>
          <p class="stats">
            recall <b class="recall">${m ? pct(m.recall) : '–'}</b> · precision <b class="precision">${m ? pct(m.precision) : '–'}</b><br />
            F1 <b class="f1">${m ? m.f1.toFixed(3) : '–'}</b> · accuracy ${m ? pct(m.accuracy) : '–'}<br />
            ${e ? html`ROC-AUC <b class="roc-auc">${e.rocAuc.toFixed(3)}</b> · PR-AUC <b class="pr-auc">${e.prAuc.toFixed(3)}</b>` : ''}
          </p>
        </div>
        <figure><canvas class="roc" role="img" aria-label="ROC curve with the current threshold marked"></canvas></figure>
        <figure><canvas class="pr" role="img" aria-label="Precision-recall curve with the current threshold marked"></canvas></figure>
      </div>`;
  }
}

defineElement('dl-imbalance', DlImbalance);

declare global {
  interface HTMLElementTagNameMap {
    'dl-imbalance': DlImbalance;
  }
}
