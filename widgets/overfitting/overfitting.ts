import { html, type TemplateResult } from 'lit';
import type { RegularizedTrainer } from '../../engine/js.ts';
import { defineElement } from '../_shared/dl-element.ts';
import { jsEngineTask, type EngineTask, type JsEngineModule } from '../_shared/engine-task.ts';
import { cssVar } from '../_shared/palette.ts';
import { choice, flag, int, num, text } from '../_shared/props.ts';
import { widgetStyles } from '../_shared/styles.ts';
import { Training, TrainingElement } from '../_shared/training.ts';
import { styles } from './overfitting.styles.ts';
import { drawFit, drawLosses, type FitColors } from './overfitting.view.ts';

const DATASETS = ['sine', 'cubic', 'line'] as const;
const ACTIVATIONS = ['tanh', 'relu', 'sigmoid'] as const;
const TRUTH: Record<string, (x: number) => number> = { line: (v) => 0.8 * v + 0.3, cubic: (v) => v ** 3 - 0.5 * v, sine: (v) => Math.sin(3 * v) };
const DECAYS = [0, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1];
const DROPOUTS = [0, 0.1, 0.2, 0.3, 0.5];

/**
 * `<dl-overfitting>`: an over-sized MLP fits a handful of noisy samples of a smooth curve. The
 * training loss falls towards zero while the validation loss turns back up; switch on dropout,
 * weight decay or early stopping and watch the gap close. Losses are measured in evaluation mode
 * (no dropout); the marker shows the epoch with the best validation loss.
 *
 * ```html
 * <dl-overfitting dropout="0.3"></dl-overfitting>
 * <dl-overfitting weight-decay="0.01"></dl-overfitting>
 * <dl-overfitting early-stopping patience="150"></dl-overfitting>
 * ```
 *
 * @summary Training versus validation loss of an over-sized network, with dropout, weight decay and early stopping.
 * @event dl-train-step - After each animation frame. detail: { epoch: number; trainLoss: number; validationLoss: number; bestEpoch: number }
 * @event dl-early-stop - Early stopping ended training and restored the best weights. detail: { epoch: number; bestEpoch: number; bestValidationLoss: number }
 * @event dl-ready - The engine is loaded. detail: { backend: "js"; params: number } (plain JavaScript, no TensorFlow.js)
 * @csspart fit - The data and fitted curve.
 * @csspart losses - The loss curves.
 * @cssproperty [--train-color=var(--dl-color-accent)] - Training points and loss.
 * @cssproperty [--validation-color=var(--dl-color-accent-2)] - Validation points and loss.
 * @cssproperty [--curve-color=var(--dl-color-fg)] - The fitted curve.
 */
export class DlOverfitting extends TrainingElement {
  static override styles = [widgetStyles, styles];

  /** Target curve: sine | cubic | line. */
  @choice(DATASETS, { attribute: 'dataset' }) datasetName: (typeof DATASETS)[number] = 'sine';
  /** Training points (4–60). */
  @int(4, 60) trainPoints = 14;
  /** Label noise, 0–1 (standard deviation 0.3 × noise). */
  @num({ min: 0, max: 1 }) noise = 1;
  /** Hidden layer widths, comma-separated. */
  @text({ check: checkHidden }) hiddenLayers = '64,64';
  /** Hidden activation: tanh | relu | sigmoid. */
  @choice(ACTIVATIONS) activation: (typeof ACTIVATIONS)[number] = 'tanh';
  /** Adam learning rate. */
  @num({ min: 1e-5, max: 1 }) learningRate = 0.01;
  /** Dropout rate on every hidden layer, 0–0.9 (0 = off). */
  @num({ min: 0, max: 0.9 }) dropout = 0;
  /** Weight decay λ (0 = off). */
  @num({ min: 0, max: 10 }) weightDecay = 0;
  /** Stop after `patience` epochs without a better validation loss and restore the best weights. */
  @flag() earlyStopping = false;
  /** Patience for early stopping, in epochs. */
  @int(1, 100_000) patience = 150;
  /** Epochs per animation frame (1–50); fewer when a frame's time runs out first. */
  @int(1, 50) epochsPerFrame = 10;
  /** Training stops after this many epochs. */
  @int(1, 100_000) maxEpochs = 2000;
  /** Seed for data, weights and dropout masks. */
  @int(0, 2 ** 31) seed = 1;
  /** Start training when shown. */
  @flag() autoplay = false;

  // Plain JS arrays only: nothing to dispose.
  private readonly task: EngineTask<RegularizedTrainer, JsEngineModule> = jsEngineTask(this, {
    args: () => [this.datasetName, this.trainPoints, this.noise, this.hiddenLayers, this.activation, this.learningRate, this.dropout, this.weightDecay, this.earlyStopping, this.patience, this.seed],
    build: (eng) =>
      eng.createRegularizedTrainer({
        dataset: this.datasetName,
        trainPoints: this.trainPoints,
        noise: this.noise,
        hidden: parseHidden(this.hiddenLayers),
        activation: this.activation,
        learningRate: this.learningRate,
        dropout: this.dropout,
        weightDecay: this.weightDecay,
        patience: this.earlyStopping ? this.patience : 0,
        seed: this.seed,
      }),
    ready: (t) => this.handleReady(t),
  });
  protected readonly training: Training<RegularizedTrainer> = new Training(this, {
    task: this.task,
    frame: (t, deadline) => this.epochs(t, this.epochsPerFrame, deadline),
    step: (t) => this.epochs(t, 1, Infinity),
    // Early stopping or max-epochs ends a run; Play then starts again from the seed.
    finished: (t) => t.last.stopped || t.last.epoch >= this.maxEpochs,
    describe: (t) => this.describeRun(t),
    autoplay: () => this.autoplay,
  });
  private history = { train: [] as number[], validation: [] as number[] };

  /** The latest epoch report. */
  get report(): RegularizedTrainer['last'] | null {
    return this.task.value?.last ?? null;
  }

  private async handleReady(t: RegularizedTrainer): Promise<void> {
    this.history = { train: [t.last.trainLoss], validation: [t.last.validationLoss] };
    this.requestUpdate();
    await this.updateComplete;
    this.draw(t);
    const hidden = t.options.hidden;
    const params = hidden.reduce((s, h, i, arr) => s + (i === 0 ? 1 : arr[i - 1]) * h + h, 0) + hidden[hidden.length - 1] + 1;
    this.emit('dl-ready', { backend: this.task.backendName, params });
  }

  /** Up to `n` epochs, stopping early at `deadline` (at least one), then redraw. */
  private epochs(t: RegularizedTrainer, n: number, deadline: number): void {
    for (let e = 0; e < n && (e === 0 || performance.now() < deadline); e++) {
      if (t.last.stopped || t.last.epoch >= this.maxEpochs) break;
      const r = t.step();
      this.history.train.push(r.trainLoss);
      this.history.validation.push(r.validationLoss);
      if (r.stopped) {
        this.pause(); // before the event, so its listeners already see a paused widget
        this.emit('dl-early-stop', { epoch: r.epoch, bestEpoch: r.bestEpoch, bestValidationLoss: r.bestValidationLoss });
        break;
      }
    }
    this.draw(t);
    this.emit('dl-train-step', { epoch: t.last.epoch, trainLoss: t.last.trainLoss, validationLoss: t.last.validationLoss, bestEpoch: t.last.bestEpoch });
  }

  private describeRun(t: RegularizedTrainer): string {
    const r = t.last;
    const stopped = r.stopped ? ` · stopped early, restored epoch ${r.bestEpoch}` : '';
    return `epoch ${r.epoch} · train MSE ${r.trainLoss.toFixed(4)} · validation MSE ${r.validationLoss.toFixed(4)} · best ${r.bestValidationLoss.toFixed(4)} at epoch ${r.bestEpoch}${stopped}`;
  }

  // ── drawing ──────────────────────────────────────────────────────────────

  private colours(): FitColors {
    return {
      train: cssVar(this, '--train-color', '#0877bd'),
      validation: cssVar(this, '--validation-color', '#d0453b'),
      curve: cssVar(this, '--curve-color', '#1d2430'),
      truth: cssVar(this, '--dl-color-muted', '#8a94a3'),
      fg: cssVar(this, '--dl-color-muted', '#5b6573'),
    };
  }

  private draw(t: RegularizedTrainer): void {
    const c = this.colours();
    const fit = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.fit');
    const losses = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.losses');
    if (fit) drawFit(fit, t.train, t.validation, t.curve(220), TRUTH[this.datasetName] ?? TRUTH.sine, c);
    if (losses) drawLosses(losses, this.history.train, this.history.validation, t.last.bestEpoch, c);
  }

  // ── template ─────────────────────────────────────────────────────────────

  override render(): TemplateResult {
    const problems = this.renderConfigErrors();
    if (problems) return problems;
    const r = this.report;
    const pick = (label: string, value: number, list: number[], set: (v: number) => void) =>
      html`<label>${label}<select @change=${(e: Event) => set(Number((e.target as HTMLSelectElement).value))}>
        ${[...new Set([...list, value])].sort((a, b) => a - b).map((v) => html`<option .value=${String(v)} ?selected=${v === value}>${v === 0 ? 'off' : v}</option>`)}</select></label>`;
    return html`${this.renderSpeakerViewNote()}
      ${this.training.renderToolbar(
        html`${pick('Dropout', this.dropout, DROPOUTS, (v) => (this.dropout = v))}
          ${pick('Weight decay λ', this.weightDecay, DECAYS, (v) => (this.weightDecay = v))}
          <label><input type="checkbox" .checked=${this.earlyStopping} @change=${(e: Event) => (this.earlyStopping = (e.target as HTMLInputElement).checked)} />Early stopping (patience ${this.patience})</label>`,
      )}
      <div class="layout">
        <figure>
          <canvas class="fit" part="fit" role="img" aria-label=${`${this.trainPoints} noisy training points (filled), validation points (small), the true curve (dashed) and the network's fit.`}></canvas>
          <figcaption><span class="key train" data-glyph="●"></span> training <span class="key val" data-glyph="●"></span> validation <span class="key" data-glyph="- -"></span> true curve <span class="key curve" data-glyph="━"></span> network</figcaption>
        </figure>
        <figure>
          <canvas class="losses" part="losses" role="img" aria-label=${r ? `Loss curves: training ${r.trainLoss.toFixed(4)}, validation ${r.validationLoss.toFixed(4)}, best validation at epoch ${r.bestEpoch}.` : 'Loss curves'}></canvas>
          <figcaption><span class="key train" data-glyph="━"></span> training loss <span class="key val" data-glyph="- -"></span> validation loss (log scale) · │ best validation epoch</figcaption>
        </figure>
      </div>`;
  }
}

const HIDDEN_RULE = 'use 1 to 4 comma-separated widths from 1 to 256, e.g. "64,64".';

/** `hidden-layers` as widths (used once {@link checkHidden} accepts the text). */
function parseHidden(text: string): number[] {
  return text.split(',').map((s) => Number(s.trim()));
}

/** The `hidden-layers` check: null when fine, else what to write. */
function checkHidden(text: string): string | null {
  const sizes = parseHidden(text);
  return sizes.length > 4 || sizes.some((v) => !Number.isInteger(v) || v < 1 || v > 256) ? HIDDEN_RULE : null;
}

defineElement('dl-overfitting', DlOverfitting);

declare global {
  interface HTMLElementTagNameMap {
    'dl-overfitting': DlOverfitting;
  }
}
