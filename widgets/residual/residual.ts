import { html, type PropertyValues } from 'lit';
import type { Backend, RaceStep } from '../../engine/index.ts';
import { defineElement } from '../_shared/dl-element.ts';
import { backendFromUrl, EngineTask } from '../_shared/engine-task.ts';
import { fitCanvas } from '../_shared/canvas.ts';
import { ChartController } from '../_shared/loss-chart.ts';
import { cssVar } from '../_shared/palette.ts';
import { choice, flag, int, num } from '../_shared/props.ts';
import { widgetStyles } from '../_shared/styles.ts';
import { Training, TrainingElement } from '../_shared/training.ts';
import { styles } from './residual.styles.ts';

const ACTIVATIONS = ['tanh', 'relu', 'sigmoid'] as const;
const DATASETS = ['spiral', 'circle', 'xor', 'gauss', 'moons'] as const;
const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
/** Time a round of steps may take in the worker (the page is not blocked meanwhile; the chart updates after each round). */
const WORKER_ROUND_MS = 100;

type Session = import('../../engine/workers/residual-client.ts').ResidualSession;

/**
 * `<dl-residual>`: why ResNets train. The same deep MLP (same layers, same initial weights, same
 * data) trains twice side by side, plain and with skip connections h ← h + φ(W h + b). Loss curves
 * for both, and the gradient norm of every layer on a log scale: in the plain network the early
 * layers barely receive a gradient. Both networks train in a Web Worker (a full-batch step is
 * dozens of TensorFlow.js kernels per layer, too long for a frame); `no-worker` trains on the page.
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
export class DlResidual extends TrainingElement {
  static override styles = [widgetStyles, styles];

  /** Hidden layers in each network (2–40). */
  @int(2, 40) depth = 20;
  /** Width of every hidden layer (2–64). */
  @int(2, 64) width = 16;
  /** Hidden activation: tanh | relu | sigmoid. */
  @choice(ACTIVATIONS) activation: (typeof ACTIVATIONS)[number] = 'tanh';
  /** Adam learning rate (both networks). */
  @num({ min: 0.0001, max: 1 }) learningRate = 0.01;
  /** 2-D dataset: spiral | circle | xor | gauss | moons. */
  @choice(DATASETS, { attribute: 'dataset' }) datasetName: (typeof DATASETS)[number] = 'spiral';
  /** Seed for data and the shared initial weights. */
  @int(0, 2 ** 31) seed = 1;
  /** Preferred TensorFlow.js backend (webgpu | webgl | wasm | cpu); `?backend=` on the page wins. */
  @choice(BACKENDS, { optional: true }) backend: string | null = null;
  /** Start training as soon as the widget is shown. */
  @flag() autoplay = false;
  /** Train on the page instead of in a Web Worker (each step then blocks the slide for a moment). */
  @flag() noWorker = false;

  private result: RaceStep | null = null;

  private readonly task: EngineTask<Session, Session> = new EngineTask<Session, Session>(
    this,
    {
      args: () => [this.depth, this.width, this.activation, this.learningRate, this.datasetName, this.seed, this.backend, this.noWorker],
      build: (session) => session,
      ready: (s) => this.emit('dl-ready', { backend: s.info.backend.name, depth: s.info.options.depth }),
    },
    // The race runs in a Web Worker; where none can start (file://, no module workers) the same
    // code runs on the page, one step per frame, and the widget says why.
    async () => {
      const wanted = (backendFromUrl() ?? this.backend) || null;
      if (wanted !== null && !(BACKENDS as readonly string[]).includes(wanted)) throw new Error(`Unknown backend "${wanted}". Use one of: ${BACKENDS.join(', ')}.`);
      const client = await import('../../engine/workers/residual-client.ts');
      const race = { depth: this.depth, width: this.width, activation: this.activation, learningRate: this.learningRate, dataset: this.datasetName, seed: this.seed };
      const session = await client.createResidualSession({ race, backend: { prefer: wanted as Backend | null }, worker: !this.noWorker });
      return { eng: session, backend: session.info.backend };
    },
  );
  private readonly chart = new ChartController(this, {
    canvas: () => this.renderRoot.querySelector<HTMLCanvasElement>('.chart canvas'),
    series: () => [
      { label: 'plain loss', color: cssVar(this, '--plain', '#f59322') },
      { label: 'residual loss', color: cssVar(this, '--residual', '#0877bd') },
    ],
    color: () => cssVar(this, '--dl-color-muted', '#5b6573'),
    yLabel: 'training loss',
  });
  protected readonly training: Training<Session> = new Training(this, {
    task: this.task,
    // In the worker: steps for about WORKER_ROUND_MS, every one charted; on the page: one step a frame.
    frame: (s) => this.trainRound(s, s.where === 'worker' ? WORKER_ROUND_MS : 0),
    step: (s) => this.trainRound(s, 0, 1),
    describe: (s) => `${this.depth} hidden layers of ${this.width} · ${s.where === 'worker' ? 'in a worker' : 'on the page'}`,
    autoplay: () => this.autoplay,
    onReset: () => this.clearResult(),
  });

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (['depth', 'width', 'activation', 'learningRate', 'datasetName', 'seed', 'backend', 'noWorker'].some((k) => changed.has(k))) this.clearResult();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.paintGrads();
  }

  private clearResult(): void {
    this.result = null;
    this.chart.clear();
  }

  private async trainRound(s: Session, budgetMs: number, max = Infinity): Promise<void> {
    const round = await s.train(budgetMs, max);
    if (this.task.value !== s) return; // reset or rebuilt meanwhile
    for (const r of round.steps) {
      this.result = r;
      this.chart.push(r.step, [r.plain.loss, r.residual.loss]);
      this.emit('dl-train-step', { step: r.step, plainLoss: r.plain.loss, residualLoss: r.residual.loss });
    }
    this.chart.draw();
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
      ${this.training.renderToolbar(
        html`<label>Depth <select @change=${(e: Event) => (this.depth = Number((e.target as HTMLSelectElement).value))}>
            ${[...new Set([4, 10, 20, 30, 40, this.depth])].sort((a, b) => a - b).map((d) => html`<option .value=${String(d)} ?selected=${d === this.depth}>${d}</option>`)}</select></label>
          <label>Activation <select @change=${(e: Event) => (this.activation = (e.target as HTMLSelectElement).value as DlResidual['activation'])}>
            ${ACTIVATIONS.map((a) => html`<option .value=${a} ?selected=${a === this.activation}>${a}</option>`)}</select></label>`,
        { play: 'Train both' },
      )}
      <div class="layout">
        <div>
          <h3>Training loss (same data, same initial weights)</h3>
          <div class="chart"><canvas aria-label="Training loss of the plain and the residual network"></canvas></div>
          <p class="stats">${r
            ? html`step ${r.step} · <span class="plain">plain</span> loss ${r.plain.loss.toFixed(3)}, accuracy ${(r.plain.accuracy * 100).toFixed(0)} % ·
                <span class="residual">residual</span> loss ${r.residual.loss.toFixed(3)}, accuracy ${(r.residual.accuracy * 100).toFixed(0)} %`
            : 'not trained yet'}</p>
        </div>
        <div>
          <h3>Gradient norm ‖∂L/∂W‖ per layer (log scale, input layer on the left)</h3>
          <canvas class="grads" aria-label="Gradient norm of every layer for both networks"></canvas>
          <p class="stats">${r ? html`First layer: the residual network's gradient is ${ratio >= 1 ? `${ratio.toPrecision(2)}× larger` : `${(1 / ratio).toPrecision(2)}× smaller`} than the plain network's.` : ''}</p>
          ${this.task.value?.fallbackReason ? html`<p class="stats">Trains on the page, one step a frame (no Web Worker: ${this.task.value.fallbackReason}).</p>` : null}
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
