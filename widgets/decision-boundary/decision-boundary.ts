import { html, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { BoundaryTrainer, EpochResult } from '../../engine/index.ts';
import { styleProps } from '../_shared/style-props.ts';
import { DlElement, defineElement } from '../_shared/dl-element.ts';
import { EngineTask } from '../_shared/engine-task.ts';
import { FrameLoop } from '../_shared/frame-loop.ts';
import { localPoint, paintGrid } from '../_shared/canvas.ts';
import { LineChart } from '../_shared/loss-chart.ts';
import { cssVar, divergingTable } from '../_shared/palette.ts';
import { widgetStyles } from '../_shared/styles.ts';
import { AttributeCheck } from '../_shared/validate.ts';
import { styles } from './decision-boundary.styles.ts';

// These lists mirror the engine's; they live here too so validation never loads TensorFlow.js.
const DATASETS = ['circle', 'xor', 'gauss', 'spiral', 'moons', 'plane', 'multi-gauss'] as const;
const REGRESSION = new Set<string>(['plane', 'multi-gauss']);
const FEATURES = ['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sinx1', 'sinx2'] as const;
const FEATURE_LABELS: Record<string, string> = { x1: 'x₁', x2: 'x₂', x1sq: 'x₁²', x2sq: 'x₂²', x1x2: 'x₁x₂', sinx1: 'sin x₁', sinx2: 'sin x₂' };
const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'linear'] as const;
const OPTIMIZERS = ['sgd', 'momentum', 'adam'] as const;
const REGULARIZATIONS = ['none', 'l1', 'l2'] as const;
const CONTROL_GROUPS = ['data', 'features', 'network', 'training', 'regularization', 'output'] as const;
const KERNELS = ['auto', 'js', 'tfjs'] as const;
const LEARNING_RATES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
const REG_RATES = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
const BATCH_SIZES = [1, 5, 10, 20, 30, 50, 100, 250];
/** Heat-map resolution: 100 × 100 like Playground. */
const GRID = 100;
/** Neuron thumbnail resolution. */
const THUMB = 26;
const MAX_LAYERS = 8;

type ControlGroup = (typeof CONTROL_GROUPS)[number];

/** Epochs trained before a page is printed (see printReady). */
const PRINT_EPOCHS = 300;

/**
 * `<dl-decision-boundary>`: TensorFlow Playground on a slide. A small MLP trains live on a seeded
 * 2-D dataset and paints its output over the plane, with the data, loss curves and a thumbnail per
 * hidden neuron. Every setting is an attribute, so a slide opens in a prepared state.
 *
 * ```html
 * <dl-decision-boundary dataset="spiral" hidden-layers="8,8" activation="tanh" learning-rate="0.03"></dl-decision-boundary>
 * ```
 *
 * @summary Trains a small MLP on a 2-D dataset and paints its decision boundary.
 * @event dl-train-step - After each epoch. detail: { epoch: number; trainLoss: number; testLoss: number; accuracy: number }
 * @event dl-ready - The network is built. detail: { backend: string; kernel: string; params: number }
 * @event dl-point-added - The user clicked a point in. detail: { x1: number; x2: number; label: number }
 * @csspart plot - The boundary picture (heat map and points).
 * @csspart toolbar - Play, step, reset and status.
 * @cssproperty [--positive=var(--dl-color-positive)] - Colour of class 1 / positive values.
 * @cssproperty [--negative=var(--dl-color-negative)] - Colour of class 0 / negative values.
 * @cssproperty [--neutral=var(--dl-color-neutral)] - Colour of the undecided middle.
 * @cssproperty [--boundary-size=340px] - Side of the boundary picture.
 */
export class DlDecisionBoundary extends DlElement {
  static override styles = [widgetStyles, styles];

  static override properties: PropertyDeclarations = {
    datasetName: { attribute: 'dataset' },
    noise: { type: Number },
    trainRatio: { type: Number, attribute: 'train-ratio' },
    points: { type: Number },
    features: {},
    hiddenLayers: { attribute: 'hidden-layers' },
    activation: {},
    learningRate: { type: Number, attribute: 'learning-rate' },
    optimizer: {},
    regularization: {},
    regularizationRate: { type: Number, attribute: 'regularization-rate' },
    batchSize: { type: Number, attribute: 'batch-size' },
    seed: { type: Number },
    showTestData: { type: Boolean, attribute: 'show-test-data' },
    discretize: { type: Boolean },
    autoplay: { type: Boolean },
    controls: {},
    backend: {},
    kernel: {},
    trainEpochs: { type: Number, attribute: 'train-epochs' },
    epochsPerFrame: { type: Number, attribute: 'epochs-per-frame' },
    result: { state: true },
  };

  /** Dataset: circle | xor | gauss | spiral | moons (classification), plane | multi-gauss (regression). */
  declare datasetName: string;
  /** Label noise, from 0 (clean) to 1. */
  declare noise: number;
  /** Fraction of points used for training, 0.1–0.9; the rest is test data. */
  declare trainRatio: number;
  /** Number of generated points (20–2000). */
  declare points: number;
  /** Input features, comma-separated from x1, x2, x1sq, x2sq, x1x2, sinx1, sinx2. */
  declare features: string;
  /**
   * Hidden layer widths, comma-separated ("8,8"); empty for a linear model. (Not `hidden`: that
   * global HTML attribute would hide the element.)
   */
  declare hiddenLayers: string;
  /** Hidden activation: relu | tanh | sigmoid | linear. */
  declare activation: string;
  /** Learning rate. */
  declare learningRate: number;
  /** Optimizer: sgd | momentum | adam. */
  declare optimizer: string;
  /** Weight penalty: none | l1 | l2. */
  declare regularization: string;
  /** Penalty rate λ. */
  declare regularizationRate: number;
  /** Minibatch size (1–500). */
  declare batchSize: number;
  /** Seed for data, initial weights and batch order. */
  declare seed: number;
  /** Also draw the held-out test points. */
  declare showTestData: boolean;
  /** Show hard class regions instead of a smooth probability. */
  declare discretize: boolean;
  /** Start training as soon as the widget is shown. */
  declare autoplay: boolean;
  /** Setting groups to show: comma list of data, features, network, training, regularization, output; "all" or "none". */
  declare controls: string;
  /** Preferred TensorFlow.js backend (webgpu | webgl | wasm | cpu); `?backend=` on the page wins. */
  declare backend: string | null;
  /** Arithmetic: auto (fused JS for small nets) | js | tfjs (the page's backend). */
  declare kernel: string;
  /** Epochs to train before the first picture (a prepared slide, a print still). */
  declare trainEpochs: number;
  /** Epochs per animation frame while playing (1–50). */
  declare epochsPerFrame: number;

  private declare result: EpochResult | null;

  private readonly task = new EngineTask<BoundaryTrainer>(
    this,
    (eng) => {
      const t = eng.createBoundaryTrainer(this.engineOptions());
      return t;
    },
    (trainer) => void this.handleReady(trainer),
  );
  private readonly loop = new FrameLoop(this, () => this.trainFrame());
  private chart?: LineChart;
  private lut?: Uint8ClampedArray;
  private parsed?: ReturnType<DlDecisionBoundary['parseAttributes']>;
  private lastBoundaryPaint = 0;
  private lastNeuronPaint = 0;
  private frame = 0;

  constructor() {
    super();
    this.datasetName = 'circle';
    this.noise = 0;
    this.trainRatio = 0.5;
    this.points = 500;
    this.features = 'x1,x2';
    this.hiddenLayers = '4,2';
    this.activation = 'tanh';
    this.learningRate = 0.03;
    this.optimizer = 'sgd';
    this.regularization = 'none';
    this.regularizationRate = 0;
    this.batchSize = 10;
    this.seed = 1;
    this.showTestData = false;
    this.discretize = false;
    this.autoplay = false;
    this.controls = 'all';
    this.backend = null;
    this.kernel = 'auto';
    this.trainEpochs = 0;
    this.epochsPerFrame = 1;
    this.result = null;
  }

  // ── public verbs ─────────────────────────────────────────────────────────

  /** Start training (loads the engine first if needed). */
  play(): void {
    this.loop.play();
  }

  /** Stop training; the picture stays. */
  pause(): void {
    this.loop.pause();
  }

  /** New initial weights (same seed → same start); keeps the settings. */
  reset(): void {
    this.loop.pause();
    this.task.reset();
  }

  /** Train exactly one epoch and redraw. */
  async step(): Promise<EpochResult | undefined> {
    const t = await this.task.ready();
    if (!t) return undefined;
    const r = await t.step();
    this.afterEpoch(r);
    this.paint(t);
    return r;
  }

  /**
   * Train `epochs` epochs, then redraw (for prepared states and print). Yields to the browser every
   * ~30 ms so the page stays responsive.
   */
  async trainFor(epochs: number): Promise<EpochResult | undefined> {
    const t = await this.task.ready();
    if (!t) return undefined;
    let slice = performance.now();
    // About 60 points on the loss curve, whatever the number of epochs.
    const every = Math.max(1, Math.ceil(epochs / 60));
    for (let done = 0; done < epochs; ) {
      const chunk = Math.min(epochs - done, every);
      await t.trainer.fit(chunk);
      done += chunk;
      if (done < epochs) {
        const r = t.trainer.evaluate();
        this.chart?.push(r.epoch, [r.trainLoss, r.testLoss]);
      }
      if (performance.now() - slice > 30) {
        await new Promise((r) => setTimeout(r));
        slice = performance.now();
      }
    }
    const r = t.trainer.evaluate();
    this.afterEpoch(r);
    this.paint(t);
    return r;
  }

  /**
   * Print hook (widgets/_shared/print-ready.ts): pause and train from the seeded start to at least
   * PRINT_EPOCHS epochs (or `train-epochs`), so a printed page shows a trained boundary.
   */
  async printReady(): Promise<void> {
    this.pause();
    const t = await this.task.ready();
    if (!t) return;
    const target = Math.max(PRINT_EPOCHS, this.trainEpochs);
    const done = this.result?.epoch ?? 0;
    if (done < target) await this.trainFor(target - done);
    await this.updateComplete;
  }

  /** Whether the training loop is playing. */
  get playing(): boolean {
    return this.loop.playing;
  }

  /** Backend and kernel in use, once ready. */
  get engineInfo(): { backend: string; kernel: string; picture: string; skipped: string[] } | null {
    const t = this.task.value;
    if (!t || !this.task.backend) return null;
    return { backend: this.task.backend.name, kernel: t.trainer.kernel, picture: t.trainer.pictureKernel, skipped: this.task.backend.skipped.map((s) => `${s.name}: ${s.reason}`) };
  }

  /** Current accuracy on the test points (classification), NaN otherwise. */
  get accuracy(): number {
    return this.task.value?.accuracy('test') ?? NaN;
  }

  // ── lifecycle ────────────────────────────────────────────────────────────

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const modelKeys = ['datasetName', 'noise', 'trainRatio', 'points', 'features', 'hiddenLayers', 'activation', 'learningRate', 'optimizer', 'regularization', 'regularizationRate', 'batchSize', 'seed', 'kernel', 'backend', 'trainEpochs'];
    if (modelKeys.some((k) => changed.has(k)) || !this.parsed) {
      this.parsed = this.parseAttributes();
      this.reportConfig(this.parsed.problems);
      if (this.task.status !== 'idle') this.task.reset();
      this.result = null;
      this.chart?.clear();
    }
    if (changed.has('discretize') && this.task.value) queueMicrotask(() => this.task.value && this.paint(this.task.value));
    if (changed.has('showTestData') && this.task.value) queueMicrotask(() => this.task.value && this.drawPoints(this.task.value));
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // The engine task only starts once the attributes are valid.
    if (this.configErrors.length > 0 && this.task.status !== 'idle') this.task.reset();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.chart?.destroy();
    this.chart = undefined;
  }

  // ── engine glue ──────────────────────────────────────────────────────────

  private parseAttributes() {
    const c = new AttributeCheck();
    const dataset = c.oneOf('dataset', this.datasetName, DATASETS, 'circle');
    const features = c.listOf('features', this.features, FEATURES, ['x1', 'x2']);
    const hidden = c.parse('hidden-layers', this.hiddenLayers ?? '', parseHidden, [4, 2]);
    const activation = c.oneOf('activation', this.activation, ACTIVATIONS, 'tanh');
    const optimizer = c.oneOf('optimizer', this.optimizer, OPTIMIZERS, 'sgd');
    const regularization = c.oneOf('regularization', this.regularization, REGULARIZATIONS, 'none');
    const kernel = c.oneOf('kernel', this.kernel, KERNELS, 'auto');
    const noise = c.number('noise', this.noise, 0, 1, 0);
    const trainRatio = c.number('train-ratio', this.trainRatio, 0.1, 0.9, 0.5);
    const points = c.integer('points', this.points, 20, 2000, 500);
    const learningRate = c.number('learning-rate', this.learningRate, 1e-6, 10, 0.03);
    const regularizationRate = c.number('regularization-rate', this.regularizationRate, 0, 10, 0);
    const batchSize = c.integer('batch-size', this.batchSize, 1, 500, 10);
    const seed = c.integer('seed', this.seed, 0, 2 ** 31, 1);
    c.integer('train-epochs', this.trainEpochs, 0, 100000, 0);
    c.integer('epochs-per-frame', this.epochsPerFrame, 1, 50, 1);
    if (this.backend && !['webgpu', 'webgl', 'wasm', 'cpu'].includes(this.backend)) {
      c.problems.push(`backend="${this.backend}" is not recognised. Use one of: webgpu, webgl, wasm, cpu.`);
    }
    const controls: ControlGroup[] =
      this.controls === 'all' || this.controls === '' ? [...CONTROL_GROUPS] : this.controls === 'none' ? [] : c.listOf('controls', this.controls, CONTROL_GROUPS, [...CONTROL_GROUPS]);
    return {
      problems: c.problems,
      controls,
      options: { dataset, features, hidden, activation, optimizer, regularization, kernel, noise, trainRatio, points, learningRate, regularizationRate, batchSize, seed },
    };
  }

  private engineOptions() {
    if (!this.parsed || this.parsed.problems.length > 0) throw new Error('Fix the attributes listed above first.');
    return this.parsed.options;
  }

  private async handleReady(trainer: BoundaryTrainer): Promise<void> {
    this.chart?.clear();
    this.result = trainer.trainer.evaluate();
    await this.updateComplete;
    this.ensureChart();
    if (this.trainEpochs > 0) await this.trainFor(this.trainEpochs);
    this.drawPoints(trainer);
    this.paint(trainer);
    this.emit('dl-ready', { backend: this.task.backend?.name, kernel: trainer.trainer.kernel, params: trainer.trainer.paramCount });
    if (this.autoplay && !this.loop.playing) this.play();
  }

  private async trainFrame(): Promise<void> {
    const t = this.task.value;
    if (!t) {
      await this.task.ready();
      return;
    }
    const perFrame = Math.max(1, Math.min(50, Math.floor(this.epochsPerFrame) || 1));
    if (perFrame > 1) await t.trainer.fit(perFrame - 1);
    // The boundary repaints every frame; the loss chart and the neuron maps every third frame
    // (they change slowly, and skipping them keeps the page near 60 fps).
    const full = this.frame++ % 3 === 0;
    this.afterEpoch(await t.step(), full);
    this.paint(t, full);
  }

  private afterEpoch(r: EpochResult, drawChart = true): void {
    this.result = r;
    const t = this.task.value;
    const accuracy = t ? t.accuracy('test') : NaN;
    this.chart?.push(r.epoch, [r.trainLoss, r.testLoss]);
    if (drawChart) this.chart?.draw();
    this.emit('dl-train-step', { epoch: r.epoch, trainLoss: r.trainLoss, testLoss: r.testLoss, accuracy });
  }

  // ── drawing ──────────────────────────────────────────────────────────────

  private colours(): [string, string, string] {
    return [cssVar(this, '--negative', '#f59322'), cssVar(this, '--neutral', '#e8eaeb'), cssVar(this, '--positive', '#0877bd')];
  }

  private paint(t: BoundaryTrainer, neurons = true): void {
    const t0 = performance.now();
    const heat = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.heat');
    if (!heat) return;
    this.lut ??= divergingTable(...this.colours());
    const lut = this.lut;
    const regression = REGRESSION.has(t.options.dataset);
    const grid = t.predictGrid(GRID);
    const toIndex = regression
      ? this.discretize
        ? (v: number) => (v >= 0 ? 255 : 0)
        : (v: number) => (Math.max(-1, Math.min(1, v)) + 1) * 127.5
      : this.discretize
        ? (v: number) => (v >= 0.5 ? 255 : 0)
        : (v: number) => v * 255;
    paintGrid(heat, grid, GRID, GRID, lut, toIndex);
    const t1 = performance.now();
    this.lastBoundaryPaint = t1 - t0;
    const thumbs = this.renderRoot.querySelectorAll<HTMLCanvasElement>('.neurons canvas');
    if (neurons && thumbs.length > 0) {
      const layers = t.neuronGrids(THUMB);
      let k = 0;
      for (const layer of layers) {
        for (const values of layer) {
          const c = thumbs[k++];
          if (!c) continue;
          let maxAbs = 1e-6;
          for (const v of values) maxAbs = Math.max(maxAbs, Math.abs(v));
          paintGrid(c, values, THUMB, THUMB, lut, (v) => (v / maxAbs + 1) * 127.5);
        }
      }
      this.lastNeuronPaint = performance.now() - t1;
    }
  }

  /** Milliseconds the last boundary repaint took (100 × 100 prediction and pixels). */
  get paintMs(): number {
    return this.lastBoundaryPaint;
  }

  /** Milliseconds the last repaint of the per-neuron maps took. */
  get neuronPaintMs(): number {
    return this.lastNeuronPaint;
  }

  private drawPoints(t: BoundaryTrainer): void {
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.points');
    if (!canvas) return;
    const size = canvas.clientWidth || 340;
    const dpr = Math.min(2, globalThis.devicePixelRatio || 1);
    canvas.width = size * dpr;
    canvas.height = size * dpr;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, size, size);
    const [neg, , pos] = this.colours();
    const regression = REGRESSION.has(t.options.dataset);
    const toPx = (v: number) => ((v + 6) / 12) * size;
    const drawSet = (d: { x: Float32Array; y: Float32Array; n: number }, stroke: string) => {
      for (let i = 0; i < d.n; i++) {
        const px = toPx(d.x[2 * i]);
        const py = size - toPx(d.x[2 * i + 1]);
        const positive = regression ? d.y[i] >= 0 : d.y[i] > 0.5;
        ctx.beginPath();
        ctx.arc(px, py, 3.5, 0, 2 * Math.PI);
        ctx.fillStyle = positive ? pos : neg;
        ctx.fill();
        ctx.lineWidth = 1;
        ctx.strokeStyle = stroke;
        ctx.stroke();
      }
    };
    drawSet(t.train, '#ffffff');
    if (this.showTestData) drawSet(t.test, '#000000');
  }

  private ensureChart(): void {
    if (this.chart) return;
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>('.chart canvas');
    if (!canvas) return;
    const fg = cssVar(this, '--dl-color-muted', '#5b6573');
    this.chart = new LineChart(
      canvas,
      [
        { label: 'train loss', color: cssVar(this, '--dl-color-fg', '#1d2430') },
        { label: 'test loss', color: cssVar(this, '--dl-color-accent-2', '#d0453b'), dashed: true },
      ],
      { color: fg },
    );
  }

  // ── events ───────────────────────────────────────────────────────────────

  private handlePlotClick(event: PointerEvent): void {
    const t = this.task.value;
    const plot = event.currentTarget as HTMLElement;
    if (!t) return;
    const { fx, fy } = localPoint(event, plot);
    const x1 = -6 + fx * 12;
    const x2 = 6 - fy * 12;
    const regression = REGRESSION.has(t.options.dataset);
    const label = event.shiftKey ? (regression ? -1 : 0) : 1;
    t.addPoint({ x1, x2, label });
    this.drawPoints(t);
    this.paint(t);
    this.emit('dl-point-added', { x1, x2, label });
  }

  private handleToggle(): void {
    if (this.loop.playing) this.pause();
    else this.play();
  }

  private set<K extends keyof this>(key: K, value: this[K]): void {
    this[key] = value;
  }

  private handleFeature(feature: string, on: boolean): void {
    const current = new Set(this.features.split(',').map((s) => s.trim()).filter(Boolean));
    if (on) current.add(feature);
    else current.delete(feature);
    if (current.size === 0) return;
    this.features = FEATURES.filter((f) => current.has(f)).join(',');
  }

  // ── template ─────────────────────────────────────────────────────────────

  override render() {
    const note = this.renderSpeakerViewNote();
    const problems = this.renderConfigErrors();
    if (problems) return problems;
    const p = this.parsed!;
    const t = this.task.value;
    const r = this.result;
    const regression = REGRESSION.has(p.options.dataset);
    const hidden = p.options.hidden;
    const show = (g: ControlGroup) => p.controls.includes(g);
    const hasSettings = p.controls.length > 0;
    return html`
      ${note}
      <div class="dl-toolbar toolbar" part="toolbar">
        <button class="primary" @click=${this.handleToggle} aria-pressed=${this.loop.playing}>
          ${this.loop.playing ? 'Pause' : 'Play'}
        </button>
        <button @click=${() => void this.step()} title="Train one epoch">Step</button>
        <button @click=${() => this.reset()} title="Start again from the seeded initial weights">Reset</button>
        <span class="dl-status" aria-live="polite" title=${this.task.describeBackend()}>${this.statusText()}</span>
      </div>
      <div class=${hasSettings ? 'layout' : 'layout no-settings'}>
        ${hasSettings ? html`<div class="settings">${this.renderSettings(show)}</div>` : null}
        <div>
          <div class="plot" part="plot" @pointerdown=${this.handlePlotClick}
            role="img" aria-label=${`Decision boundary of the network on the ${p.options.dataset} dataset. Click to add a point of class 1, shift-click for class 0.`}>
            <canvas class="heat" width=${GRID} height=${GRID}></canvas>
            <canvas class="points"></canvas>
          </div>
          <div class="legend"><span>${regression ? '−1' : 'class 0'}</span><span>${regression ? '0' : 'p = 0.5'}</span><span>${regression ? '+1' : 'class 1'}</span></div>
          <div class="bar"></div>
          <p class="hint">Click: add a ${regression ? '+1' : 'class 1'} point · shift-click: ${regression ? '−1' : 'class 0'}</p>
        </div>
        <div class="side">
          <dl class="stats">
            <dt>Epoch</dt><dd>${r ? r.epoch : '–'}</dd>
            <dt>Training loss</dt><dd>${r ? r.trainLoss.toFixed(3) : '–'}</dd>
            <dt>Test loss</dt><dd>${r && Number.isFinite(r.testLoss) ? r.testLoss.toFixed(3) : '–'}</dd>
            ${regression ? null : html`<dt>Test accuracy</dt><dd>${t ? `${(t.accuracy('test') * 100).toFixed(1)} %` : '–'}</dd>`}
          </dl>
          <div class="chart"><canvas aria-label="Training and test loss per epoch"></canvas></div>
          ${hidden.length > 0
            ? html`<div class="neurons" aria-label="Output of each hidden neuron over the plane">
                ${hidden.slice(0, MAX_LAYERS).map(
                  (w, l) => html`<div class="layer" title=${`Hidden layer ${l + 1}`} style=${styleProps({ 'grid-template-columns': `repeat(${Math.min(w, 4)}, 26px)` })}>
                    ${Array.from({ length: Math.min(w, 16) }, () => html`<canvas width=${THUMB} height=${THUMB}></canvas>`)}
                  </div>`,
                )}
              </div>`
            : html`<p class="hint">No hidden layer: this is ${regression ? 'linear' : 'logistic'} regression.</p>`}
        </div>
      </div>
    `;
  }

  private renderSettings(show: (g: ControlGroup) => boolean) {
    const o = this.parsed!.options;
    const num = (label: string, value: number, list: number[], onChange: (v: number) => void) => html`<label
      >${label}
      <select @change=${(e: Event) => onChange(Number((e.target as HTMLSelectElement).value))}>
        ${[...new Set([...list, value])].sort((a, b) => a - b).map((v) => html`<option .value=${String(v)} ?selected=${v === value}>${v}</option>`)}
      </select></label
    >`;
    const pick = (label: string, value: string, list: readonly string[], onChange: (v: string) => void) => html`<label
      >${label}
      <select @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value)}>
        ${list.map((v) => html`<option .value=${v} ?selected=${v === value}>${v}</option>`)}
      </select></label
    >`;
    return html`
      ${show('data')
        ? html`<div class="dl-group"><span class="dl-group-title">Data</span>
            ${pick('Dataset', o.dataset, DATASETS, (v) => this.set('datasetName', v))}
            ${num('Noise', o.noise, [0, 0.1, 0.2, 0.3, 0.4, 0.5], (v) => this.set('noise', v))}
            ${num('Train ratio', o.trainRatio, [0.1, 0.2, 0.3, 0.5, 0.7, 0.9], (v) => this.set('trainRatio', v))}
            <button @click=${() => (this.seed = (this.seed + 1) % 2 ** 31)} title="New random data and weights (next seed)">Regenerate</button>
          </div>`
        : null}
      ${show('features')
        ? html`<div class="dl-group"><span class="dl-group-title">Features</span>
            <div class="features">
              ${FEATURES.map(
                (f) => html`<label><input type="checkbox" .checked=${o.features.includes(f)}
                  @change=${(e: Event) => this.handleFeature(f, (e.target as HTMLInputElement).checked)} />${FEATURE_LABELS[f]}</label>`,
              )}
            </div></div>`
        : null}
      ${show('network')
        ? html`<div class="dl-group"><span class="dl-group-title">Network</span>
            <label>Hidden layers
              <input type="text" size="8" .value=${this.hiddenLayers} aria-label="Hidden layer widths, comma-separated"
                @change=${(e: Event) => (this.hiddenLayers = (e.target as HTMLInputElement).value)} /></label>
            ${pick('Activation', o.activation, ACTIVATIONS, (v) => this.set('activation', v))}
          </div>`
        : null}
      ${show('training')
        ? html`<div class="dl-group"><span class="dl-group-title">Training</span>
            ${pick('Optimizer', o.optimizer, OPTIMIZERS, (v) => this.set('optimizer', v))}
            ${num('Learning rate', o.learningRate, LEARNING_RATES, (v) => this.set('learningRate', v))}
            ${num('Batch size', o.batchSize, BATCH_SIZES, (v) => this.set('batchSize', v))}
          </div>`
        : null}
      ${show('regularization')
        ? html`<div class="dl-group"><span class="dl-group-title">Regularisation</span>
            ${pick('Penalty', o.regularization, REGULARIZATIONS, (v) => this.set('regularization', v))}
            ${num('Rate λ', o.regularizationRate, REG_RATES, (v) => this.set('regularizationRate', v))}
          </div>`
        : null}
      ${show('output')
        ? html`<div class="dl-group"><span class="dl-group-title">Output</span>
            <label><input type="checkbox" .checked=${this.showTestData} @change=${(e: Event) => (this.showTestData = (e.target as HTMLInputElement).checked)} />Show test data</label>
            <label><input type="checkbox" .checked=${this.discretize} @change=${(e: Event) => (this.discretize = (e.target as HTMLInputElement).checked)} />Discretize output</label>
          </div>`
        : null}
    `;
  }

  private statusText(): string {
    const t = this.task.value;
    if (this.task.status !== 'ready' || !t) {
      return this.task.status === 'loading' ? 'Loading TensorFlow.js…' : this.task.status === 'error' ? `Could not start: ${this.task.error}` : this.running ? 'Starting…' : 'Starts when shown';
    }
    const kernel = t.trainer.kernel === 'js' ? 'fused JS kernel' : 'tf.js kernels';
    const picture = t.trainer.pictureKernel === 'wasm-simd' ? 'map in WebAssembly SIMD' : 'map in JS';
    const state = this.loop.playing ? (this.running ? 'training' : 'paused (off screen)') : 'paused';
    return `${this.task.backend?.name} · ${kernel} · ${picture} · ${t.trainer.paramCount} weights · ${state}`;
  }
}

function parseHidden(text: string): number[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  const sizes = trimmed.split(',').map((part) => {
    const v = Number(part.trim());
    if (!Number.isInteger(v) || v < 1 || v > 256) throw new Error(`use whole numbers from 1 to 256, comma-separated, e.g. "8,8" (or "" for no hidden layer).`);
    return v;
  });
  if (sizes.length > MAX_LAYERS) throw new Error(`at most ${MAX_LAYERS} hidden layers.`);
  return sizes;
}

defineElement('dl-decision-boundary', DlDecisionBoundary);

declare global {
  interface HTMLElementTagNameMap {
    'dl-decision-boundary': DlDecisionBoundary;
  }
}
