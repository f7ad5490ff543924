import { html, type PropertyDeclarations, type PropertyValues } from 'lit';
import { contours, geoPath } from 'd3';
import type { LineFit, LineFitState } from '../../engine/index.ts';
import { DlElement, defineElement } from '../_shared/dl-element.ts';
import { jsEngineTask } from '../_shared/engine-task.ts';
import { FrameLoop } from '../_shared/frame-loop.ts';
import { fitCanvas, localPoint } from '../_shared/canvas.ts';
import { LineChart } from '../_shared/loss-chart.ts';
import { cssVar } from '../_shared/palette.ts';
import { widgetStyles } from '../_shared/styles.ts';
import { AttributeCheck } from '../_shared/validate.ts';
import { styles } from './gradient-descent.styles.ts';

const DATASETS = ['line', 'cubic', 'sine'] as const;
const SURFACE = 90;
const EXTENT = 3;

/** Steps taken before a page is printed (see printReady). */
const PRINT_STEPS = 40;

/**
 * `<dl-gradient-descent>`: fit a line y = w·x + b to noisy points by gradient descent, with the
 * loss surface over (w, b) as contours and the descent path drawn on it. Too small, right and too
 * large learning rates each show their signature: a crawl, a glide, a divergence.
 *
 * ```html
 * <dl-gradient-descent learning-rate="0.1"></dl-gradient-descent>
 * ```
 *
 * @summary Gradient descent on a line fit, with the loss surface and the path.
 * @event dl-train-step - After each step. detail: { step: number; loss: number; w: number; b: number }
 * @event dl-ready - The data and surface are ready.
 * @csspart surface - The loss-surface picture.
 * @cssproperty [--path=var(--dl-color-accent-2)] - Colour of the descent path.
 * @cssproperty [--line=var(--dl-color-accent)] - Colour of the fitted line.
 * @cssproperty [--panel-size=300px] - Side of each square panel.
 */
export class DlGradientDescent extends DlElement {
  static override styles = [widgetStyles, styles];
  static override properties: PropertyDeclarations = {
    learningRate: { type: Number, attribute: 'learning-rate' },
    datasetName: { attribute: 'dataset' },
    noise: { type: Number },
    seed: { type: Number },
    startW: { type: Number, attribute: 'start-w' },
    startB: { type: Number, attribute: 'start-b' },
    stepsPerSecond: { type: Number, attribute: 'steps-per-second' },
    autoplay: { type: Boolean },
    current: { state: true },
  };

  /** Learning rate η (try 0.005, 0.1 and 1.05). */
  declare learningRate: number;
  /** The points: line | cubic | sine (a line underfits the last two). */
  declare datasetName: string;
  /** Noise in [0, 1]. */
  declare noise: number;
  /** Seed for the points. */
  declare seed: number;
  /** Starting slope w (in [-3, 3]). */
  declare startW: number;
  /** Starting intercept b (in [-3, 3]). */
  declare startB: number;
  /** Animation speed while playing (1–60 steps per second). */
  declare stepsPerSecond: number;
  /** Start descending as soon as the widget is shown. */
  declare autoplay: boolean;

  private declare current: LineFitState | null;
  private readonly task = jsEngineTask<LineFit>(this, (eng) => eng.createLineFit(this.options()), (fit) => void this.handleReady(fit));
  private readonly loop = new FrameLoop(this, () => this.tick());
  private chart?: LineChart;
  private surfaceImage?: HTMLCanvasElement;
  private lastStepAt = 0;
  private problems: string[] = [];

  constructor() {
    super();
    this.learningRate = 0.1;
    this.datasetName = 'line';
    this.noise = 0.5;
    this.seed = 1;
    this.startW = -1.5;
    this.startB = 1.5;
    this.stepsPerSecond = 8;
    this.autoplay = false;
    this.current = null;
  }

  /** Start stepping. */
  play(): void {
    this.loop.play();
  }
  /** Stop stepping. */
  pause(): void {
    this.loop.pause();
  }
  /** Back to the start point. */
  reset(): void {
    this.loop.pause();
    const fit = this.task.value;
    if (!fit) return;
    this.current = fit.restart();
    this.chart?.clear();
    this.chart?.push(0, [this.current.loss]);
    this.chart?.draw();
    this.draw();
  }
  /** One gradient step. */
  async step(): Promise<LineFitState | undefined> {
    const fit = await this.task.ready();
    if (!fit) return undefined;
    const s = fit.step();
    this.current = s;
    this.chart?.push(s.step, [s.loss]);
    this.chart?.draw();
    this.draw();
    this.emit('dl-train-step', { step: s.step, loss: s.loss, w: s.w, b: s.b });
    if (s.diverged) this.loop.pause();
    return s;
  }

  /**
   * Print hook (widgets/_shared/print-ready.ts): from the start point, take up to PRINT_STEPS
   * steps (fewer if it diverges), so a printed page shows the path and the loss curve.
   */
  async printReady(): Promise<void> {
    this.pause();
    const fit = await this.task.ready();
    if (!fit) return;
    // handleReady sets up the chart after the first render; let it finish.
    await this.updateComplete;
    await new Promise((r) => setTimeout(r));
    for (let i = this.current?.step ?? 0; i < PRINT_STEPS; i++) {
      const s = await this.step();
      if (!s || s.diverged) break;
    }
    await this.updateComplete;
  }

  /** Whether it is playing. */
  get playing(): boolean {
    return this.loop.playing;
  }

  private options() {
    const c = new AttributeCheck();
    const dataset = c.oneOf('dataset', this.datasetName, DATASETS, 'line');
    const learningRate = c.number('learning-rate', this.learningRate, 1e-5, 10, 0.1);
    const noise = c.number('noise', this.noise, 0, 1, 0.5);
    const seed = c.integer('seed', this.seed, 0, 2 ** 31, 1);
    const startW = c.number('start-w', this.startW, -EXTENT, EXTENT, -1.5);
    const startB = c.number('start-b', this.startB, -EXTENT, EXTENT, 1.5);
    c.number('steps-per-second', this.stepsPerSecond, 1, 60, 8);
    this.problems = c.problems;
    return { dataset, learningRate, noise, seed, startW, startB, extent: EXTENT };
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (['learningRate', 'datasetName', 'noise', 'seed', 'startW', 'startB', 'stepsPerSecond'].some((k) => changed.has(k))) {
      this.options();
      this.reportConfig(this.problems);
      if (this.task.status !== 'idle') this.task.reset();
      this.current = null;
      this.surfaceImage = undefined;
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.chart?.destroy();
    this.chart = undefined;
  }

  private async handleReady(fit: LineFit): Promise<void> {
    this.current = fit.state;
    await this.updateComplete;
    if (!this.chart) {
      const canvas = this.renderRoot.querySelector<HTMLCanvasElement>('.chart canvas');
      if (canvas) this.chart = new LineChart(canvas, [{ label: 'loss L(w, b)', color: cssVar(this, '--path', '#d0453b') }], { color: cssVar(this, '--dl-color-muted', '#5b6573') });
    }
    this.chart?.clear();
    this.chart?.push(0, [fit.state.loss]);
    this.chart?.draw();
    this.draw();
    this.emit('dl-ready', {});
    if (this.autoplay) this.play();
  }

  private async tick(): Promise<void> {
    const now = performance.now();
    const interval = 1000 / Math.max(1, Math.min(60, this.stepsPerSecond || 8));
    if (now - this.lastStepAt < interval) return;
    this.lastStepAt = now;
    await this.step();
  }

  // ── drawing ──────────────────────────────────────────────────────────────
  private draw(): void {
    const fit = this.task.value;
    if (!fit) return;
    this.drawData(fit);
    this.drawSurface(fit);
  }

  private panelSize(canvas: HTMLCanvasElement): number {
    return canvas.clientWidth || 300;
  }

  private drawData(fit: LineFit): void {
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.data');
    if (!canvas) return;
    const size = this.panelSize(canvas);
    const ctx = fitCanvas(canvas, size, size);
    if (!ctx) return;
    const muted = cssVar(this, '--dl-color-border', '#c5ccd6');
    ctx.clearRect(0, 0, size, size);
    // Axes: x in [-1.2, 1.2], y in [-2.4, 2.4].
    const px = (x: number) => ((x + 1.2) / 2.4) * size;
    const py = (y: number) => size - ((y + 2.4) / 4.8) * size;
    ctx.strokeStyle = muted;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(0, py(0));
    ctx.lineTo(size, py(0));
    ctx.moveTo(px(0), 0);
    ctx.lineTo(px(0), size);
    ctx.stroke();
    const s = fit.state;
    // Residuals, then points, then the current line.
    ctx.strokeStyle = cssVar(this, '--path', '#d0453b');
    ctx.globalAlpha = 0.5;
    for (let i = 0; i < fit.x.length; i++) {
      ctx.beginPath();
      ctx.moveTo(px(fit.x[i]), py(fit.y[i]));
      ctx.lineTo(px(fit.x[i]), py(s.w * fit.x[i] + s.b));
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
    ctx.fillStyle = cssVar(this, '--dl-color-fg', '#1d2430');
    for (let i = 0; i < fit.x.length; i++) {
      ctx.beginPath();
      ctx.arc(px(fit.x[i]), py(fit.y[i]), 3.5, 0, 2 * Math.PI);
      ctx.fill();
    }
    if (!s.diverged) {
      ctx.strokeStyle = cssVar(this, '--line', '#0877bd');
      ctx.lineWidth = 3;
      ctx.beginPath();
      ctx.moveTo(0, py(s.w * -1.2 + s.b));
      ctx.lineTo(size, py(s.w * 1.2 + s.b));
      ctx.stroke();
    }
  }

  private drawSurface(fit: LineFit): void {
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.surface');
    if (!canvas) return;
    const size = this.panelSize(canvas);
    if (!this.surfaceImage) this.surfaceImage = this.renderSurface(fit, size);
    const ctx = fitCanvas(canvas, size, size);
    if (!ctx) return;
    ctx.clearRect(0, 0, size, size);
    ctx.drawImage(this.surfaceImage, 0, 0, size, size);
    const toPx = (w: number, b: number): [number, number] => [((w + EXTENT) / (2 * EXTENT)) * size, ((EXTENT - b) / (2 * EXTENT)) * size];
    const opt = fit.optimum();
    const [ox, oy] = toPx(opt.w, opt.b);
    ctx.strokeStyle = cssVar(this, '--dl-color-fg', '#1d2430');
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(ox - 6, oy - 6);
    ctx.lineTo(ox + 6, oy + 6);
    ctx.moveTo(ox + 6, oy - 6);
    ctx.lineTo(ox - 6, oy + 6);
    ctx.stroke();
    const colour = cssVar(this, '--path', '#d0453b');
    ctx.strokeStyle = colour;
    ctx.fillStyle = colour;
    ctx.lineWidth = 2;
    ctx.beginPath();
    fit.path.forEach((p, i) => {
      const [x, y] = toPx(Math.max(-1e4, Math.min(1e4, p.w)), Math.max(-1e4, Math.min(1e4, p.b)));
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    });
    ctx.stroke();
    for (const p of fit.path.slice(-60)) {
      const [x, y] = toPx(p.w, p.b);
      if (x < -10 || y < -10 || x > size + 10 || y > size + 10) continue;
      ctx.beginPath();
      ctx.arc(x, y, 2.5, 0, 2 * Math.PI);
      ctx.fill();
    }
  }

  /** Contours of log(1 + L) over the (w, b) window, painted once per dataset. */
  private renderSurface(fit: LineFit, size: number): HTMLCanvasElement {
    const values = fit.surface(SURFACE);
    const logged = Array.from(values, (v) => Math.log1p(v));
    const lo = Math.min(...logged);
    const hi = Math.max(...logged);
    const off = document.createElement('canvas');
    const dpr = Math.min(2, globalThis.devicePixelRatio || 1);
    off.width = size * dpr;
    off.height = size * dpr;
    const ctx = off.getContext('2d')!;
    ctx.scale((size * dpr) / SURFACE, (size * dpr) / SURFACE);
    const levels = Array.from({ length: 14 }, (_, i) => lo + ((hi - lo) * (i + 0.5)) / 14);
    const bands = contours().size([SURFACE, SURFACE]).thresholds(levels)(logged);
    const path = geoPath(null, ctx);
    const accent = cssVar(this, '--dl-color-accent', '#0877bd');
    bands.forEach((band, i) => {
      ctx.beginPath();
      path(band);
      ctx.globalAlpha = 0.05 + 0.06 * (levels.length - i) / levels.length;
      ctx.fillStyle = accent;
      ctx.fill();
      ctx.globalAlpha = 0.55;
      ctx.strokeStyle = accent;
      ctx.lineWidth = SURFACE / size;
      ctx.stroke();
    });
    ctx.globalAlpha = 1;
    return off;
  }

  private handleSurfaceClick(event: PointerEvent): void {
    const fit = this.task.value;
    if (!fit) return;
    const { fx, fy } = localPoint(event, event.currentTarget as HTMLElement);
    const w = -EXTENT + fx * 2 * EXTENT;
    const b = EXTENT - fy * 2 * EXTENT;
    this.current = fit.restart(w, b);
    this.chart?.clear();
    this.chart?.push(0, [this.current.loss]);
    this.chart?.draw();
    this.draw();
  }

  private handleRate(event: Event): void {
    const v = Number((event.target as HTMLInputElement).value);
    if (Number.isFinite(v) && v > 0) this.learningRate = v;
  }

  override render() {
    const problems = this.renderConfigErrors();
    if (problems) return problems;
    const s = this.current;
    const fit = this.task.value;
    const opt = fit?.optimum();
    const verdict = !s
      ? ''
      : s.diverged || (s.step > 5 && fit && s.loss > fit.path[0].loss * 1.5)
        ? 'Diverging: the learning rate is too large.'
        : opt && s.loss - opt.loss < 1e-4
          ? `Converged after ${s.step} steps.`
          : s.step > 40 && fit && s.loss > fit.path[0].loss * 0.5
            ? 'Crawling: the learning rate is small.'
            : '';
    return html`
      ${this.renderSpeakerViewNote()}
      <div class="dl-toolbar">
        <button class="primary" @click=${() => (this.loop.playing ? this.pause() : this.play())} aria-pressed=${this.loop.playing}>${this.loop.playing ? 'Pause' : 'Play'}</button>
        <button @click=${() => void this.step()}>Step</button>
        <button @click=${() => this.reset()}>Reset</button>
        <label>Learning rate η <input type="number" min="0.0001" max="10" step="0.005" .value=${String(this.learningRate)} @change=${this.handleRate} /></label>
        <span class="dl-status" title=${this.task.describeBackend()}>${this.task.renderStatus() ?? (this.loop.playing ? (this.running ? 'descending' : 'paused (off screen)') : 'paused')}</span>
      </div>
      <div class="layout">
        <figure>
          <canvas class="panel data" role="img" aria-label="The data points and the current line"></canvas>
          <figcaption>Data and the line ŷ = w·x + b (red: residuals)</figcaption>
        </figure>
        <figure>
          <canvas class="panel surface" part="surface" role="img" aria-label="Loss surface over w and b with the descent path; click to start from another point" @pointerdown=${this.handleSurfaceClick}></canvas>
          <figcaption>Loss L(w, b): w → right, b → up, × optimum. Click to start elsewhere.</figcaption>
        </figure>
        <div>
          <dl class="stats">
            <dt>Step</dt><dd>${s ? s.step : '–'}</dd>
            <dt>w, b</dt><dd>${s ? `${fmt(s.w)}, ${fmt(s.b)}` : '–'}</dd>
            <dt>∂L/∂w, ∂L/∂b</dt><dd>${s ? `${fmt(s.gradW)}, ${fmt(s.gradB)}` : '–'}</dd>
            <dt>Loss L</dt><dd>${s ? fmt(s.loss) : '–'}</dd>
            <dt>Optimum L*</dt><dd>${opt ? fmt(opt.loss) : '–'}</dd>
          </dl>
          <p class="verdict ${verdict.startsWith('Diverging') ? 'bad' : ''}" aria-live="polite">${verdict}</p>
          <div class="chart"><canvas aria-label="Loss per step"></canvas></div>
        </div>
      </div>
    `;
  }
}

function fmt(v: number): string {
  if (!Number.isFinite(v)) return '∞';
  const a = Math.abs(v);
  return a !== 0 && (a >= 1e4 || a < 1e-3) ? v.toExponential(2) : v.toFixed(3);
}

defineElement('dl-gradient-descent', DlGradientDescent);

declare global {
  interface HTMLElementTagNameMap {
    'dl-gradient-descent': DlGradientDescent;
  }
}
