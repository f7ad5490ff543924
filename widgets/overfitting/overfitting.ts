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
import { html, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { RegularizedTrainer } from '../../engine/index.ts';
import { DlElement, defineElement } from '../_shared/dl-element.ts';
import { jsEngineTask } from '../_shared/engine-task.ts';
import { FrameLoop } from '../_shared/frame-loop.ts';
import { cssVar } from '../_shared/palette.ts';
import { widgetStyles } from '../_shared/styles.ts';
import { AttributeCheck } from '../_shared/validate.ts';
import { styles } from './overfitting.styles.ts';
import { drawFit, drawLosses, type FitColors } from './overfitting.view.ts';

const DATASETS = ['sine', 'cubic', 'line'] as const;
const ACTIVATIONS = ['tanh', 'relu', 'sigmoid'] as const;
const TRUTH: Record<string, (x: number) => number> = { line: (v) => 0.8 * v + 0.3, cubic: (v) => v ** 3 - 0.5 * v, sine: (v) => Math.sin(3 * v) };
const DECAYS = [0, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1];
const DROPOUTS = [0, 0.1, 0.2, 0.3, 0.5];

export class DlOverfitting extends DlElement {
  static override styles = [widgetStyles, styles];

  static override properties: PropertyDeclarations = {
    datasetName: { attribute: 'dataset' },
    trainPoints: { type: Number, attribute: 'train-points' },
    noise: { type: Number },
    hiddenLayers: { attribute: 'hidden-layers' },
    activation: {},
    learningRate: { type: Number, attribute: 'learning-rate' },
    dropout: { type: Number },
    weightDecay: { type: Number, attribute: 'weight-decay' },
    earlyStopping: { type: Boolean, attribute: 'early-stopping' },
    patience: { type: Number },
    epochsPerFrame: { type: Number, attribute: 'epochs-per-frame' },
    maxEpochs: { type: Number, attribute: 'max-epochs' },
    seed: { type: Number },
    autoplay: { type: Boolean },
    tick: { state: true },
  };

  /** Target curve: sine | cubic | line. */
  declare datasetName: string;
  /** Training points (4–60). */
  declare trainPoints: number;
  /** Label noise, 0–1 (standard deviation 0.3 × noise). */
  declare noise: number;
  /** Hidden layer widths, comma-separated. */
  declare hiddenLayers: string;
  /** Hidden activation: tanh | relu | sigmoid. */
  declare activation: string;
  /** Adam learning rate. */
  declare learningRate: number;
  /** Dropout rate on every hidden layer, 0–0.9 (0 = off). */
  declare dropout: number;
  /** Weight decay λ (0 = off). */
  declare weightDecay: number;
  /** Stop after `patience` epochs without a better validation loss and restore the best weights. */
  declare earlyStopping: boolean;
  /** Patience for early stopping, in epochs. */
  declare patience: number;
  /** Epochs per animation frame (1–50). */
  declare epochsPerFrame: number;
  /** Training stops after this many epochs. */
  declare maxEpochs: number;
  /** Seed for data, weights and dropout masks. */
  declare seed: number;
  /** Start training when shown. */
  declare autoplay: boolean;

  private declare tick: number;
  // Plain JS arrays only: nothing to dispose.
  private readonly task = jsEngineTask<RegularizedTrainer>(
    this,
    (eng) => eng.createRegularizedTrainer(this.options()),
    (t) => void this.handleReady(t),
  );
  private readonly loop = new FrameLoop(this, () => this.trainFrame());
  private trainer: RegularizedTrainer | null = null;
  private history = { train: [] as number[], validation: [] as number[] };
  private hiddenSizes: number[] = [64, 64];

  constructor() {
    super();
    this.datasetName = 'sine';
    this.trainPoints = 14;
    this.noise = 1;
    this.hiddenLayers = '64,64';
    this.activation = 'tanh';
    this.learningRate = 0.01;
    this.dropout = 0;
    this.weightDecay = 0;
    this.earlyStopping = false;
    this.patience = 150;
    this.epochsPerFrame = 10;
    this.maxEpochs = 2000;
    this.seed = 1;
    this.autoplay = false;
    this.tick = 0;
  }

  // ── verbs ────────────────────────────────────────────────────────────────

  /** Train (restarts if training had finished). */
  play(): void {
    const t = this.trainer;
    if (t && (t.last.stopped || t.last.epoch >= this.maxEpochs)) this.reset();
    this.loop.play();
  }

  /** Stop training. */
  pause(): void {
    this.loop.pause();
  }

  /** Fresh weights with the current settings. */
  reset(): void {
    this.loop.pause();
    this.task.reset();
  }

  /** One epoch, then redraw. */
  async step(): Promise<void> {
    const t = await this.task.ready();
    if (!t) return;
    this.epochs(1);
  }

  /** Whether training plays. */
  get playing(): boolean {
    return this.loop.playing;
  }

  /** The latest epoch report. */
  get report(): RegularizedTrainer['last'] | null {
    return this.trainer?.last ?? null;
  }

  // ── lifecycle ────────────────────────────────────────────────────────────

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const keys = ['datasetName', 'trainPoints', 'noise', 'hiddenLayers', 'activation', 'learningRate', 'dropout', 'weightDecay', 'earlyStopping', 'patience', 'seed', 'epochsPerFrame', 'maxEpochs'];
    if (!keys.some((k) => changed.has(k))) return;
    const c = new AttributeCheck();
    c.oneOf('dataset', this.datasetName, DATASETS, 'sine');
    c.oneOf('activation', this.activation, ACTIVATIONS, 'tanh');
    c.integer('train-points', this.trainPoints, 4, 60, 14);
    c.number('noise', this.noise, 0, 1, 1);
    this.hiddenSizes = c.parse('hidden-layers', this.hiddenLayers, parseHidden, [64, 64]);
    c.number('learning-rate', this.learningRate, 1e-5, 1, 0.01);
    c.number('dropout', this.dropout, 0, 0.9, 0);
    c.number('weight-decay', this.weightDecay, 0, 10, 0);
    c.integer('patience', this.patience, 1, 100000, 150);
    c.integer('epochs-per-frame', this.epochsPerFrame, 1, 50, 10);
    c.integer('max-epochs', this.maxEpochs, 1, 100000, 2000);
    c.integer('seed', this.seed, 0, 2 ** 31, 1);
    this.reportConfig(c.problems);
    const modelKeys = keys.filter((k) => k !== 'epochsPerFrame' && k !== 'maxEpochs');
    if (modelKeys.some((k) => changed.has(k)) && this.task.status !== 'idle') {
      this.loop.pause();
      this.task.reset();
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.configErrors.length > 0 && this.task.status !== 'idle') this.task.reset();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.trainer = null;
  }

  private options() {
    if (this.configErrors.length > 0) throw new Error('Fix the attributes listed above first.');
    return {
      dataset: this.datasetName as (typeof DATASETS)[number],
      trainPoints: this.trainPoints,
      noise: this.noise,
      hidden: this.hiddenSizes,
      activation: this.activation as (typeof ACTIVATIONS)[number],
      learningRate: this.learningRate,
      dropout: this.dropout,
      weightDecay: this.weightDecay,
      patience: this.earlyStopping ? this.patience : 0,
      seed: this.seed,
    };
  }

  private async handleReady(t: RegularizedTrainer): Promise<void> {
    this.trainer = t;
    this.history = { train: [t.last.trainLoss], validation: [t.last.validationLoss] };
    this.tick++;
    await this.updateComplete;
    this.draw();
    const params = this.hiddenSizes.reduce((s, h, i, arr) => s + (i === 0 ? 1 : arr[i - 1]) * h + h, 0) + this.hiddenSizes[this.hiddenSizes.length - 1] + 1;
    this.emit('dl-ready', { backend: this.task.backendName, params });
    if (this.autoplay && !this.loop.playing) this.play();
  }

  private epochs(n: number): void {
    const t = this.trainer;
    if (!t) return;
    for (let e = 0; e < n; e++) {
      if (t.last.stopped || t.last.epoch >= this.maxEpochs) break;
      const r = t.step();
      this.history.train.push(r.trainLoss);
      this.history.validation.push(r.validationLoss);
      if (r.stopped) {
        this.loop.pause();
        this.emit('dl-early-stop', { epoch: r.epoch, bestEpoch: r.bestEpoch, bestValidationLoss: r.bestValidationLoss });
        break;
      }
    }
    if (t.last.epoch >= this.maxEpochs) this.loop.pause();
    this.tick++;
    this.draw();
    this.emit('dl-train-step', { epoch: t.last.epoch, trainLoss: t.last.trainLoss, validationLoss: t.last.validationLoss, bestEpoch: t.last.bestEpoch });
  }

  private async trainFrame(): Promise<void> {
    if (!this.trainer || this.task.status !== 'ready') {
      await this.task.ready();
      return;
    }
    this.epochs(this.epochsPerFrame);
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

  private draw(): void {
    const t = this.trainer;
    if (!t) return;
    const c = this.colours();
    const fit = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.fit');
    const losses = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.losses');
    if (fit) drawFit(fit, t.train, t.validation, t.curve(220), TRUTH[this.datasetName] ?? TRUTH.sine, c);
    if (losses) drawLosses(losses, this.history.train, this.history.validation, t.last.bestEpoch, c);
  }

  // ── template ─────────────────────────────────────────────────────────────

  override render() {
    const note = this.renderSpeakerViewNote();
    const problems = this.renderConfigErrors();
    if (problems) return problems;
    const r = this.trainer?.last;
    const pick = (label: string, value: number, list: number[], set: (v: number) => void) =>
      html`<label>${label}<select @change=${(e: Event) => set(Number((e.target as HTMLSelectElement).value))}>
        ${[...new Set([...list, value])].sort((a, b) => a - b).map((v) => html`<option .value=${String(v)} ?selected=${v === value}>${v === 0 ? 'off' : v}</option>`)}</select></label>`;
    return html`${note}
      <div class="dl-toolbar">
        <button class="primary" @click=${() => (this.loop.playing ? this.pause() : this.play())} aria-pressed=${this.loop.playing}>${this.loop.playing ? 'Pause' : 'Play'}</button>
        <button @click=${() => void this.step()}>Step</button>
        <button @click=${() => this.reset()}>Reset</button>
        ${pick('Dropout', this.dropout, DROPOUTS, (v) => (this.dropout = v))}
        ${pick('Weight decay λ', this.weightDecay, DECAYS, (v) => (this.weightDecay = v))}
        <label><input type="checkbox" .checked=${this.earlyStopping} @change=${(e: Event) => (this.earlyStopping = (e.target as HTMLInputElement).checked)} />Early stopping (patience ${this.patience})</label>
      </div>
      <p class="dl-status" aria-live="polite">${this.statusText()}</p>
      <div class="layout">
        <figure>
          <canvas class="fit" part="fit" role="img" aria-label=${`${this.trainPoints} noisy training points (filled), validation points (small), the true curve (dashed) and the network's fit.`}></canvas>
          <figcaption><span class="key train">●</span> training <span class="key val">●</span> validation <span class="key">- -</span> true curve <span class="key curve">━</span> network</figcaption>
        </figure>
        <figure>
          <canvas class="losses" part="losses" role="img" aria-label=${r ? `Loss curves: training ${r.trainLoss.toFixed(4)}, validation ${r.validationLoss.toFixed(4)}, best validation at epoch ${r.bestEpoch}.` : 'Loss curves'}></canvas>
          <figcaption><span class="key train">━</span> training loss <span class="key val">- -</span> validation loss (log scale) · │ best validation epoch</figcaption>
        </figure>
      </div>`;
  }

  private statusText(): string {
    if (this.task.status !== 'ready' || !this.trainer) return this.task.status === 'loading' ? 'Loading…' : this.task.status === 'error' ? `Could not start: ${this.task.error}` : 'Starts when shown';
    const r = this.trainer.last;
    const state = r.stopped ? `stopped early, restored epoch ${r.bestEpoch}` : this.loop.playing ? (this.running ? 'training' : 'paused (off screen)') : r.epoch >= this.maxEpochs ? 'finished' : 'paused';
    return `epoch ${r.epoch} · train MSE ${r.trainLoss.toFixed(4)} · validation MSE ${r.validationLoss.toFixed(4)} · best ${r.bestValidationLoss.toFixed(4)} at epoch ${r.bestEpoch} · ${state}`;
  }
}

function parseHidden(text: string): number[] {
  const sizes = text.split(',').map((s) => Number(s.trim()));
  if (sizes.length < 1 || sizes.length > 4 || sizes.some((v) => !Number.isInteger(v) || v < 1 || v > 256)) {
    throw new Error('use 1 to 4 comma-separated widths from 1 to 256, e.g. "64,64".');
  }
  return sizes;
}

defineElement('dl-overfitting', DlOverfitting);

declare global {
  interface HTMLElementTagNameMap {
    'dl-overfitting': DlOverfitting;
  }
}
