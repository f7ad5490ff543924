/**
 * `<dl-residual>`: why ResNets train. The same deep MLP (same layers, same initial weights, same
 * data) trains twice side by side, plain and with skip connections h ← h + φ(W h + b). Loss curves
 * for both, and the gradient norm of every layer on a log scale: in the plain network the early
 * layers barely receive a gradient.
 *
 * ```html
 * <dl-residual depth="20" activation="tanh"></dl-residual>
 * ```
 *
 * @summary A plain and a residual deep network trained side by side, with per-layer gradient norms.
 * @event dl-ready - Both networks are built. detail: { backend: string; depth: number }
 * @event dl-train-step - After each step. detail: { step: number; plainLoss: number; residualLoss: number }
 * @csspart toolbar - Play, step, reset and status.
 * @cssproperty [--plain=var(--dl-color-negative)] - Colour of the plain network.
 * @cssproperty [--residual=var(--dl-color-positive)] - Colour of the residual network.
 */
import { html, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { RaceStep, ResidualRace } from '../../engine/index.ts';
import { DlElement, defineElement } from '../_shared/dl-element.ts';
import { EngineTask } from '../_shared/engine-task.ts';
import { FrameLoop } from '../_shared/frame-loop.ts';
import { fitCanvas } from '../_shared/canvas.ts';
import { LineChart } from '../_shared/loss-chart.ts';
import { cssVar } from '../_shared/palette.ts';
import { widgetStyles } from '../_shared/styles.ts';
import { AttributeCheck } from '../_shared/validate.ts';
import { styles } from './residual.styles.ts';

const ACTIVATIONS = ['tanh', 'relu', 'sigmoid'] as const;
const DATASETS = ['spiral', 'circle', 'xor', 'gauss', 'moons'] as const;

export class DlResidual extends DlElement {
  static override styles = [widgetStyles, styles];

  static override properties: PropertyDeclarations = {
    depth: { type: Number },
    width: { type: Number },
    activation: {},
    learningRate: { type: Number, attribute: 'learning-rate' },
    datasetName: { attribute: 'dataset' },
    seed: { type: Number },
    backend: {},
    autoplay: { type: Boolean },
    result: { state: true },
  };

  /** Hidden layers in each network (2–40). */
  declare depth: number;
  /** Width of every hidden layer (2–64). */
  declare width: number;
  /** Hidden activation: tanh | relu | sigmoid. */
  declare activation: string;
  /** Adam learning rate (both networks). */
  declare learningRate: number;
  /** 2-D dataset: spiral | circle | xor | gauss | moons. */
  declare datasetName: string;
  /** Seed for data and the shared initial weights. */
  declare seed: number;
  /** Preferred TensorFlow.js backend (webgpu | webgl | wasm | cpu); `?backend=` on the page wins. */
  declare backend: string | null;
  /** Start training as soon as the widget is shown. */
  declare autoplay: boolean;

  private declare result: RaceStep | null;

  private readonly task = new EngineTask<ResidualRace>(
    this,
    (eng) => {
      if (this.configErrors.length) throw new Error('Fix the attributes listed above first.');
      return eng.createResidualRace({ depth: this.depth, width: this.width, activation: this.activation as 'tanh', learningRate: this.learningRate, dataset: this.datasetName as 'spiral', seed: this.seed });
    },
    (race) => void this.handleReady(race),
  );
  private readonly loop = new FrameLoop(this, () => this.trainFrame());
  private chart?: LineChart;

  constructor() {
    super();
    this.depth = 20;
    this.width = 16;
    this.activation = 'tanh';
    this.learningRate = 0.01;
    this.datasetName = 'spiral';
    this.seed = 1;
    this.backend = null;
    this.autoplay = false;
    this.result = null;
  }

  /** Train both networks. */
  play(): void {
    this.loop.play();
  }

  /** Stop training. */
  pause(): void {
    this.loop.pause();
  }

  /** Both networks back to the shared initial weights. */
  reset(): void {
    this.loop.pause();
    this.chart?.clear();
    this.result = null;
    this.task.reset();
  }

  /** One update of both networks. */
  async step(): Promise<RaceStep | undefined> {
    const race = await this.task.ready();
    if (!race) return undefined;
    const r = await race.step();
    this.handleStep(r);
    return r;
  }

  /** Whether training is playing. */
  get playing(): boolean {
    return this.loop.playing;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const keys = ['depth', 'width', 'activation', 'learningRate', 'datasetName', 'seed', 'backend'];
    if (keys.some((k) => changed.has(k))) {
      const c = new AttributeCheck();
      c.integer('depth', this.depth, 2, 40, 20);
      c.integer('width', this.width, 2, 64, 16);
      c.oneOf('activation', this.activation, ACTIVATIONS, 'tanh');
      c.number('learning-rate', this.learningRate, 0.0001, 1, 0.01);
      c.oneOf('dataset', this.datasetName, DATASETS, 'spiral');
      c.integer('seed', this.seed, 0, 2 ** 31, 1);
      if (this.backend && !['webgpu', 'webgl', 'wasm', 'cpu'].includes(this.backend)) c.problems.push(`backend="${this.backend}" is not recognised. Use one of: webgpu, webgl, wasm, cpu.`);
      this.reportConfig(c.problems);
      if (this.task.status !== 'idle') this.reset();
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.configErrors.length > 0 && this.task.status !== 'idle') this.task.reset();
    if (changed.has('result')) this.paintGrads();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.chart?.destroy();
    this.chart = undefined;
  }

  private async handleReady(race: ResidualRace): Promise<void> {
    await this.updateComplete;
    this.ensureChart();
    this.chart?.clear();
    this.emit('dl-ready', { backend: this.task.backend?.name, depth: race.options.depth });
    if (this.autoplay && !this.loop.playing) this.play();
  }

  private async trainFrame(): Promise<void> {
    const race = this.task.value;
    if (!race) {
      await this.task.ready();
      return;
    }
    this.handleStep(await race.step());
  }

  private handleStep(r: RaceStep): void {
    this.result = r;
    this.chart?.push(r.step, [r.plain.loss, r.residual.loss]);
    this.chart?.draw();
    this.emit('dl-train-step', { step: r.step, plainLoss: r.plain.loss, residualLoss: r.residual.loss });
  }

  private ensureChart(): void {
    if (this.chart) return;
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>('.chart canvas');
    if (!canvas) return;
    this.chart = new LineChart(
      canvas,
      [
        { label: 'plain loss', color: cssVar(this, '--plain', '#f59322') },
        { label: 'residual loss', color: cssVar(this, '--residual', '#0877bd') },
      ],
      { color: cssVar(this, '--dl-color-muted', '#5b6573'), yLabel: 'training loss' },
    );
  }

  /** Bars of log10 ‖∂L/∂W_l‖ per layer, plain and residual side by side. */
  private paintGrads(): void {
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.grads');
    const r = this.result;
    if (!canvas || !r) return;
    const w = canvas.clientWidth || 500;
    const h = 240;
    const ctx = fitCanvas(canvas, w, h);
    if (!ctx) return;
    ctx.clearRect(0, 0, w, h);
    const layers = r.plain.gradNorms.length;
    const lo = -8;
    const hi = 2;
    const left = 36;
    const bottom = h - 22;
    const y = (v: number) => bottom - ((Math.max(lo, Math.min(hi, Math.log10(Math.max(v, 1e-12)))) - lo) / (hi - lo)) * (bottom - 8);
    const muted = cssVar(this, '--dl-color-muted', '#5b6573');
    ctx.font = '11px system-ui, sans-serif';
    ctx.fillStyle = muted;
    ctx.strokeStyle = 'rgba(128,128,128,0.25)';
    for (let e = lo; e <= hi; e += 2) {
      ctx.beginPath();
      ctx.moveTo(left, y(10 ** e));
      ctx.lineTo(w, y(10 ** e));
      ctx.stroke();
      ctx.textAlign = 'right';
      ctx.fillText(`1e${e}`, left - 4, y(10 ** e) + 4);
    }
    const slot = (w - left) / layers;
    const bar = Math.max(1, slot / 2 - 1);
    const colours = [cssVar(this, '--plain', '#f59322'), cssVar(this, '--residual', '#0877bd')];
    [r.plain.gradNorms, r.residual.gradNorms].forEach((norms, k) => {
      ctx.fillStyle = colours[k];
      norms.forEach((v, l) => {
        const top = y(v);
        ctx.fillRect(left + l * slot + k * bar, top, bar, bottom - top);
      });
    });
    ctx.fillStyle = muted;
    ctx.textAlign = 'center';
    for (let l = 0; l < layers; l += Math.max(1, Math.ceil(layers / 10))) ctx.fillText(String(l + 1), left + (l + 0.5) * slot, h - 6);
  }

  override render() {
    const problems = this.renderConfigErrors();
    if (problems) return problems;
    const r = this.result;
    const ratio = r ? r.residual.gradNorms[0] / Math.max(1e-12, r.plain.gradNorms[0]) : NaN;
    return html`
      ${this.renderSpeakerViewNote()}
      <div class="dl-toolbar" part="toolbar">
        <button class="primary" @click=${() => (this.loop.playing ? this.pause() : this.play())} aria-pressed=${this.loop.playing}>${this.loop.playing ? 'Pause' : 'Train both'}</button>
        <button @click=${() => void this.step()}>Step</button>
        <button @click=${() => this.reset()}>Reset</button>
        <label>Depth <select @change=${(e: Event) => (this.depth = Number((e.target as HTMLSelectElement).value))}>
          ${[...new Set([4, 10, 20, 30, 40, this.depth])].sort((a, b) => a - b).map((d) => html`<option .value=${String(d)} ?selected=${d === this.depth}>${d}</option>`)}</select></label>
        <label>Activation <select @change=${(e: Event) => (this.activation = (e.target as HTMLSelectElement).value)}>
          ${ACTIVATIONS.map((a) => html`<option .value=${a} ?selected=${a === this.activation}>${a}</option>`)}</select></label>
        <span class="dl-status" aria-live="polite">${this.task.renderStatus() ?? `backend ${this.task.backend?.name} · ${this.depth} hidden layers of ${this.width} · ${this.loop.playing ? (this.running ? 'training' : 'paused (off screen)') : 'paused'}`}</span>
      </div>
      <div class="layout">
        <div>
          <h4>Training loss (same data, same initial weights)</h4>
          <div class="chart"><canvas aria-label="Training loss of the plain and the residual network"></canvas></div>
          <p class="stats">${r
            ? html`step ${r.step} · <span class="plain">plain</span> loss ${r.plain.loss.toFixed(3)}, accuracy ${(r.plain.accuracy * 100).toFixed(0)} % ·
                <span class="residual">residual</span> loss ${r.residual.loss.toFixed(3)}, accuracy ${(r.residual.accuracy * 100).toFixed(0)} %`
            : 'not trained yet'}</p>
        </div>
        <div>
          <h4>Gradient norm ‖∂L/∂W‖ per layer (log scale, input layer on the left)</h4>
          <canvas class="grads" aria-label="Gradient norm of every layer for both networks"></canvas>
          <p class="stats">${r ? html`First layer: the residual network's gradient is ${ratio >= 1 ? `${ratio.toPrecision(2)}× larger` : `${(1 / ratio).toPrecision(2)}× smaller`} than the plain network's.` : ''}</p>
        </div>
      </div>
    `;
  }
}

defineElement('dl-residual', DlResidual);

declare global {
  interface HTMLElementTagNameMap {
    'dl-residual': DlResidual;
  }
}
