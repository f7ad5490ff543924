import { html, type TemplateResult } from 'lit';
import { contours, geoPath, type ContourMultiPolygon } from 'd3';
import type { LineFit, LineFitState } from '../../engine/js.ts';
import { defineElement } from '../_shared/dl-element.ts';
import { jsEngineTask, type EngineTask, type JsEngineModule } from '../_shared/engine-task.ts';
import { fitCanvas, localPoint } from '../_shared/canvas.ts';
import { ChartController } from '../_shared/loss-chart.ts';
import { cssVar } from '../_shared/palette.ts';
import { choice, flag, int, num } from '../_shared/props.ts';
import { widgetStyles } from '../_shared/styles.ts';
import { pacedContours } from '../_shared/paced-contours.ts';
import { nextTask } from '../_shared/tasks.ts';
import { Training, TrainingElement } from '../_shared/training.ts';
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
 * @csspart toolbar - Play, step, reset, the learning rate and status.
 * @csspart surface - The loss-surface picture.
 * @cssproperty [--path=var(--dl-color-accent-2)] - Colour of the descent path.
 * @cssproperty [--line=var(--dl-color-accent)] - Colour of the fitted line.
 * @cssproperty [--panel-size=300px] - Side of each square panel.
 */
export class DlGradientDescent extends TrainingElement {
  static override styles = [widgetStyles, styles];

  /** Learning rate η (try 0.005, 0.1 and 1.05). */
  @num({ min: 1e-5, max: 10 }) learningRate = 0.1;
  /** The points: line | cubic | sine (a line underfits the last two). */
  @choice(DATASETS, { attribute: 'dataset' }) datasetName: (typeof DATASETS)[number] = 'line';
  /** Noise in [0, 1]. */
  @num({ min: 0, max: 1 }) noise = 0.5;
  /** Seed for the points. */
  @int(0, 2 ** 31) seed = 1;
  /** Starting slope w (in [-3, 3]). */
  @num({ min: -EXTENT, max: EXTENT }) startW = -1.5;
  /** Starting intercept b (in [-3, 3]). */
  @num({ min: -EXTENT, max: EXTENT }) startB = 1.5;
  /** Animation speed while playing (1–60 steps per second). */
  @num({ min: 1, max: 60 }) stepsPerSecond = 8;
  /** Start descending as soon as the widget is shown. */
  @flag() autoplay = false;

  private surfaceImage?: HTMLCanvasElement;
  /** The session the cached surface picture belongs to (a rebuild paints it again). */
  private surfaceOf?: LineFit;
  private lastStepAt = 0;

  private readonly task: EngineTask<LineFit, JsEngineModule> = jsEngineTask(this, {
    args: () => [this.datasetName, this.learningRate, this.noise, this.seed, this.startW, this.startB],
    build: (eng) =>
      eng.createLineFit({ dataset: this.datasetName, learningRate: this.learningRate, noise: this.noise, seed: this.seed, startW: this.startW, startB: this.startB, extent: EXTENT }),
    ready: (fit) => this.handleReady(fit),
  });
  private readonly chart = new ChartController(this, {
    canvas: () => this.renderRoot.querySelector<HTMLCanvasElement>('.chart canvas'),
    series: () => [{ label: 'loss L(w, b)', color: cssVar(this, '--path', '#d0453b') }],
    color: () => cssVar(this, '--dl-color-muted', '#5b6573'),
  });
  protected readonly training: Training<LineFit> = new Training(this, {
    task: this.task,
    // One step per 1/steps-per-second: the speed is a teaching choice, the work per step is tiny.
    frame: (fit) => {
      const now = performance.now();
      if (now - this.lastStepAt < 1000 / this.stepsPerSecond) return;
      this.lastStepAt = now;
      this.advance(fit);
    },
    step: (fit) => this.advance(fit),
    // A diverged run is over: Play then starts again from the start point.
    finished: (fit) => fit.state.diverged,
    describe: (fit) => `step ${fit.state.step}`,
    autoplay: () => this.autoplay,
    onReset: () => this.chart.clear(),
  });

  /** The current (w, b), loss and gradients; undefined until the data is ready. */
  get state(): LineFitState | undefined {
    return this.task.value?.state;
  }

  /**
   * Print hook (widgets/_shared/print-ready.ts): from the start point, take up to PRINT_STEPS
   * steps (fewer if it diverges), so a printed page shows the path and the loss curve.
   */
  async printReady(): Promise<void> {
    this.pause();
    if (!(await this.task.ready())) return;
    // handleReady draws the first picture after the first render; let it finish.
    await this.updateComplete;
    await nextTask();
    for (let i = this.task.value?.state.step ?? 0; i < PRINT_STEPS; i++) {
      await this.step();
      if (!this.state || this.state.diverged) break;
    }
    await this.updateComplete;
  }

  private async handleReady(fit: LineFit): Promise<void> {
    await this.updateComplete;
    this.restartChart(fit.state);
    // The contours in slices between which the page runs (with the chart they were one ~70 ms task).
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.surface');
    if (canvas && this.surfaceOf !== fit) {
      const { values, levels } = surfaceLevels(fit);
      const bands = await pacedContours(values, SURFACE, SURFACE, levels, () => this.task.value === fit);
      if (!bands) return; // reset, rebuilt or removed meanwhile
      if (this.surfaceOf !== fit) {
        this.surfaceImage = this.renderSurface(bands, levels.length, this.panelSize(canvas));
        this.surfaceOf = fit;
      }
    }
    this.draw(fit);
    this.emit('dl-ready', {});
  }

  private advance(fit: LineFit): LineFitState {
    const s = fit.step();
    this.chart.push(s.step, [s.loss]);
    this.chart.draw();
    this.draw(fit);
    this.emit('dl-train-step', { step: s.step, loss: s.loss, w: s.w, b: s.b });
    return s;
  }

  private restartChart(s: LineFitState): void {
    this.chart.clear();
    this.chart.push(0, [s.loss]);
    this.chart.draw();
  }

  // ── drawing ──────────────────────────────────────────────────────────────
  private draw(fit: LineFit): void {
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
    if (!this.surfaceImage || this.surfaceOf !== fit) {
      const { values, levels } = surfaceLevels(fit);
      this.surfaceImage = this.renderSurface(contours().size([SURFACE, SURFACE]).thresholds(levels)(values), levels.length, size);
      this.surfaceOf = fit;
    }
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

  /** The contour bands of log(1 + L) over the (w, b) window, painted once per dataset. */
  private renderSurface(bands: ContourMultiPolygon[], count: number, size: number): HTMLCanvasElement {
    const off = document.createElement('canvas');
    const dpr = Math.min(2, globalThis.devicePixelRatio || 1);
    off.width = size * dpr;
    off.height = size * dpr;
    const ctx = off.getContext('2d')!;
    ctx.scale((size * dpr) / SURFACE, (size * dpr) / SURFACE);
    const path = geoPath(null, ctx);
    const accent = cssVar(this, '--dl-color-accent', '#0877bd');
    bands.forEach((band, i) => {
      ctx.beginPath();
      path(band);
      ctx.globalAlpha = 0.05 + 0.06 * (count - i) / count;
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
    if (!this.task.value) return;
    const { fx, fy } = localPoint(event, event.currentTarget as HTMLElement);
    const w = -EXTENT + fx * 2 * EXTENT;
    const b = EXTENT - fy * 2 * EXTENT;
    void this.task.use((fit) => {
      this.restartChart(fit.restart(w, b));
      this.draw(fit);
      this.requestUpdate();
    });
  }

  private handleRate(event: Event): void {
    const v = Number((event.target as HTMLInputElement).value);
    if (Number.isFinite(v) && v > 0) this.learningRate = v;
  }

  override render(): TemplateResult {
    const problems = this.renderConfigErrors();
    if (problems) return problems;
    const fit = this.task.value;
    const s = fit?.state ?? null;
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
      ${this.training.renderToolbar(
        html`<label>Learning rate η <input type="number" min="0.0001" max="10" step="0.005" .value=${String(this.learningRate)} @change=${this.handleRate} /></label>`,
      )}
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

/** log(1 + L) on the SURFACE × SURFACE grid of a fit, and its contour levels. */
function surfaceLevels(fit: LineFit): { values: number[]; levels: number[] } {
  const values = Array.from(fit.surface(SURFACE), (v) => Math.log1p(v));
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return { values, levels: Array.from({ length: 14 }, (_, i) => lo + ((hi - lo) * (i + 0.5)) / 14) };
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
