/**
 * `<dl-optimizer-race>`: SGD, momentum, Nesterov, RMSProp and Adam start from the same point of a
 * 2-D loss surface (drawn as contours) and race downhill, each leaving its path, with a live loss
 * read-out. Click the surface to choose the start point.
 *
 * ```html
 * <dl-optimizer-race surface="ravine" optimizers="sgd,momentum,adam"></dl-optimizer-race>
 * ```
 * Learning rates default to values that suit each surface; set `learning-rate` (SGD family) and
 * `adaptive-learning-rate` (RMSProp, Adam) to override them.
 *
 * @summary Optimizers racing on 2-D loss surfaces (ravine, saddle, Rosenbrock, noisy bowl).
 * @event dl-race-step - After each animation frame. detail: { step: number; losses: Record<string, number> }
 * @event dl-start-changed - The user clicked a new start point. detail: { x: number; y: number }
 * @event dl-ready - The engine is loaded. detail: { backend: "js" } (plain JavaScript, no TensorFlow.js)
 * @csspart plot - The contour plot with the paths.
 * @csspart toolbar - Play, step, reset and status.
 * @cssproperty [--plot-size=420px] - Width of the contour plot.
 */
import { contours, geoPath, geoTransform } from 'd3';
import { html, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { OptimizerRace, Surface } from '../../engine/index.ts';
import { styleProps } from '../_shared/style-props.ts';
import { DlElement, defineElement } from '../_shared/dl-element.ts';
import { jsEngineTask, type JsEngineModule } from '../_shared/engine-task.ts';
import { FrameLoop } from '../_shared/frame-loop.ts';
import { fitCanvas, localPoint } from '../_shared/canvas.ts';
import { cssVar, mix, parseHex } from '../_shared/palette.ts';
import { widgetStyles } from '../_shared/styles.ts';
import { quote } from '../_shared/props.ts';
import { AttributeCheck } from '../_shared/validate.ts';
import { styles } from './optimizer-race.styles.ts';

const SURFACES = ['ravine', 'saddle', 'rosenbrock', 'noisy-bowl'] as const;
const SURFACE_LABELS: Record<string, string> = { ravine: 'Ravine', saddle: 'Saddle', rosenbrock: 'Rosenbrock', 'noisy-bowl': 'Noisy bowl' };
const OPTIMIZERS = ['sgd', 'momentum', 'nesterov', 'rmsprop', 'adam'] as const;
const LABELS: Record<string, string> = { sgd: 'SGD', momentum: 'Momentum', nesterov: 'Nesterov', rmsprop: 'RMSProp', adam: 'Adam' };
const COLORS: Record<string, string> = { sgd: '#4a4f57', momentum: '#0877bd', nesterov: '#7b4fb0', rmsprop: '#2e9d4a', adam: '#d0453b' };
const GRID = 140;
const LEVELS = 16;

type Name = (typeof OPTIMIZERS)[number];

export class DlOptimizerRace extends DlElement {
  static override styles = [widgetStyles, styles];

  static override properties: PropertyDeclarations = {
    surface: {},
    optimizers: {},
    learningRate: { type: Number, attribute: 'learning-rate' },
    adaptiveLearningRate: { type: Number, attribute: 'adaptive-learning-rate' },
    momentum: { type: Number },
    beta1: { type: Number, attribute: 'beta1' },
    beta2: { type: Number, attribute: 'beta2' },
    startX: { type: Number, attribute: 'start-x' },
    startY: { type: Number, attribute: 'start-y' },
    stepsPerFrame: { type: Number, attribute: 'steps-per-frame' },
    maxSteps: { type: Number, attribute: 'max-steps' },
    seed: { type: Number },
    autoplay: { type: Boolean },
    tick: { state: true },
  };

  /** Surface: ravine | saddle | rosenbrock | noisy-bowl. */
  declare surface: string;
  /** Racers, comma-separated from sgd, momentum, nesterov, rmsprop, adam. */
  declare optimizers: string;
  /** Learning rate of SGD, momentum and Nesterov; 0 = the surface's suggestion. */
  declare learningRate: number;
  /** Learning rate of RMSProp and Adam; 0 = the surface's suggestion. */
  declare adaptiveLearningRate: number;
  /** Momentum μ (momentum, Nesterov). */
  declare momentum: number;
  /** Adam β₁. */
  declare beta1: number;
  /** Adam β₂. */
  declare beta2: number;
  /** Start x (NaN = the surface's default). */
  declare startX: number;
  /** Start y (NaN = the surface's default). */
  declare startY: number;
  /** Optimizer steps per animation frame (1–50). */
  declare stepsPerFrame: number;
  /** The race stops after this many steps. */
  declare maxSteps: number;
  /** Seed of the gradient noise (noisy bowl). */
  declare seed: number;
  /** Start racing when shown. */
  declare autoplay: boolean;

  private declare tick: number;
  private readonly task = jsEngineTask<{ eng: JsEngineModule; dispose(): void }>(
    this,
    (eng) => ({ eng, dispose: () => undefined }),
    () => this.handleReady(),
  );
  private readonly loop = new FrameLoop(this, () => this.frame());
  private race: OptimizerRace | null = null;
  private grid: Float32Array | null = null;
  private parsed = { surface: 'ravine' as (typeof SURFACES)[number], optimizers: [...OPTIMIZERS] as Name[] };

  constructor() {
    super();
    this.surface = 'ravine';
    this.optimizers = OPTIMIZERS.join(',');
    this.learningRate = 0;
    this.adaptiveLearningRate = 0;
    this.momentum = 0.9;
    this.beta1 = 0.9;
    this.beta2 = 0.999;
    this.startX = NaN;
    this.startY = NaN;
    this.stepsPerFrame = 3;
    this.maxSteps = 2000;
    this.seed = 1;
    this.autoplay = false;
    this.tick = 0;
  }

  // ── verbs ────────────────────────────────────────────────────────────────

  /** Start (or continue) the race. */
  play(): void {
    if (this.race && this.race.steps >= this.maxSteps) this.rebuild();
    this.loop.play();
  }

  /** Stop the race; paths stay. */
  pause(): void {
    this.loop.pause();
  }

  /** Back to the start point with fresh optimizer state. */
  reset(): void {
    this.loop.pause();
    this.rebuild();
  }

  /** One optimizer step for every racer. */
  async step(): Promise<void> {
    if (!(await this.task.ready())) return;
    if (!this.race) this.rebuild();
    this.race!.step(1);
    this.afterSteps();
  }

  /** Whether the race is playing. */
  get playing(): boolean {
    return this.loop.playing;
  }

  /** Current positions and losses (copies). */
  get standings(): { name: string; x: number; y: number; loss: number; diverged: boolean }[] {
    return (this.race?.racers ?? []).map((r) => ({ name: r.name, x: r.x, y: r.y, loss: r.loss, diverged: r.diverged }));
  }

  /** Steps taken so far. */
  get steps(): number {
    return this.race?.steps ?? 0;
  }

  // ── lifecycle ────────────────────────────────────────────────────────────

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const keys = ['surface', 'optimizers', 'learningRate', 'adaptiveLearningRate', 'momentum', 'beta1', 'beta2', 'startX', 'startY', 'seed', 'stepsPerFrame', 'maxSteps'];
    if (keys.some((k) => changed.has(k))) {
      const c = new AttributeCheck();
      const surface = c.oneOf('surface', this.surface, SURFACES, 'ravine');
      const optimizers = c.listOf('optimizers', this.optimizers, OPTIMIZERS, [...OPTIMIZERS]);
      c.number('learning-rate', this.learningRate, 0, 10, 0);
      c.number('adaptive-learning-rate', this.adaptiveLearningRate, 0, 10, 0);
      c.number('momentum', this.momentum, 0, 0.999, 0.9);
      c.number('beta1', this.beta1, 0, 0.999, 0.9);
      c.number('beta2', this.beta2, 0, 0.99999, 0.999);
      c.integer('steps-per-frame', this.stepsPerFrame, 1, 50, 3);
      c.integer('max-steps', this.maxSteps, 1, 100000, 2000);
      c.integer('seed', this.seed, 0, 2 ** 31, 1);
      for (const [attr, v] of [['start-x', this.startX], ['start-y', this.startY]] as const) {
        const raw = this.getAttribute(attr);
        if (raw !== null && !Number.isFinite(v)) c.problems.push(`${attr}="${quote(raw)}" is not a number. Give a number (the start on the surface), or leave it out for the surface's own start.`);
      }
      if (Number.isNaN(this.startX) !== Number.isNaN(this.startY)) c.problems.push('start-x and start-y go together: give both or neither.');
      this.reportConfig(c.problems);
      const surfaceChanged = surface !== this.parsed.surface || !this.grid;
      this.parsed = { surface, optimizers };
      if (this.task.value && c.problems.length === 0) {
        if (surfaceChanged) this.grid = null;
        this.rebuild();
      }
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.race = null;
    this.grid = null;
  }

  private handleReady(): void {
    if (this.configErrors.length === 0) this.rebuild();
    this.emit('dl-ready', { backend: this.task.backendName });
    if (this.autoplay) this.play();
  }

  // ── engine glue ──────────────────────────────────────────────────────────

  private rebuild(): void {
    const eng = this.task.value?.eng;
    if (!eng || this.configErrors.length > 0) return;
    const start: [number, number] | undefined = Number.isFinite(this.startX) && Number.isFinite(this.startY) ? [this.startX, this.startY] : undefined;
    this.race = eng.createOptimizerRace({
      surface: this.parsed.surface,
      optimizers: this.parsed.optimizers,
      start,
      learningRate: this.learningRate > 0 ? this.learningRate : undefined,
      adaptiveLearningRate: this.adaptiveLearningRate > 0 ? this.adaptiveLearningRate : undefined,
      momentum: this.momentum,
      beta1: this.beta1,
      beta2: this.beta2,
      seed: this.seed,
      maxPath: this.maxSteps + 1,
    });
    this.grid ??= eng.surfaceGrid(this.parsed.surface, GRID, GRID);
    this.tick++;
    void this.updateComplete.then(() => {
      this.drawContours();
      this.drawPaths();
    });
  }

  private async frame(): Promise<void> {
    if (!this.race) {
      await this.task.ready();
      return;
    }
    const left = this.maxSteps - this.race.steps;
    if (left <= 0) {
      this.pause();
      return;
    }
    this.race.step(Math.min(left, this.stepsPerFrame));
    this.afterSteps();
  }

  private afterSteps(): void {
    const race = this.race!;
    this.drawPaths();
    this.tick++;
    const losses: Record<string, number> = {};
    for (const r of race.racers) losses[r.name] = r.loss;
    this.emit('dl-race-step', { step: race.steps, losses });
  }

  // ── drawing ──────────────────────────────────────────────────────────────

  private size(): { w: number; h: number } {
    const s = this.race?.surface;
    const plot = this.renderRoot.querySelector<HTMLElement>('.plot');
    const w = plot?.clientWidth || 420;
    if (!s) return { w, h: w };
    const [x0, x1, y0, y1] = s.bounds;
    return { w, h: Math.round((w * (y1 - y0)) / (x1 - x0)) };
  }

  private drawContours(): void {
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.contours');
    const race = this.race;
    if (!canvas || !race || !this.grid) return;
    const { w, h } = this.size();
    canvas.style.height = `${h}px`;
    this.renderRoot.querySelector<HTMLCanvasElement>('canvas.paths')!.style.height = `${h}px`;
    (this.renderRoot.querySelector('.plot') as HTMLElement).style.height = `${h}px`;
    const ctx = fitCanvas(canvas, w, h);
    if (!ctx) return;
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of this.grid) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    const range = hi - lo || 1;
    // Geometric spacing: many lines near the minimum, few on the steep walls.
    const first = range * (race.surface.name === 'rosenbrock' ? 2e-4 : 4e-3);
    const thresholds = Array.from({ length: LEVELS }, (_, k) => lo + first * (range / first) ** (k / (LEVELS - 1)));
    const shifted = Float64Array.from(this.grid);
    const sx = w / GRID;
    const sy = h / GRID;
    const projection = geoTransform({
      point(x: number, y: number) {
        this.stream.point(x * sx, y * sy);
      },
    });
    const path = geoPath(projection, ctx);
    const low = parseHex(cssVar(this, '--low-color', '#f4f8fc'));
    const high = parseHex(cssVar(this, '--high-color', '#9fb8d2'));
    ctx.fillStyle = `rgb(${low.join(',')})`;
    ctx.fillRect(0, 0, w, h);
    const bands = contours().size([GRID, GRID]).thresholds(thresholds)(Array.from(shifted));
    bands.forEach((band, k) => {
      const c = mix(low, high, k / (LEVELS - 1));
      ctx.beginPath();
      path(band);
      ctx.fillStyle = `rgb(${c.map(Math.round).join(',')})`;
      ctx.fill();
      ctx.strokeStyle = 'rgba(40, 60, 90, 0.35)';
      ctx.lineWidth = 0.8;
      ctx.stroke();
    });
    // Minima as small crosses.
    ctx.strokeStyle = '#1d2430';
    ctx.lineWidth = 2;
    for (const [mx, my] of race.surface.minima) {
      const [px, py] = this.toPx(race.surface, mx, my, w, h);
      ctx.beginPath();
      ctx.moveTo(px - 6, py - 6);
      ctx.lineTo(px + 6, py + 6);
      ctx.moveTo(px + 6, py - 6);
      ctx.lineTo(px - 6, py + 6);
      ctx.stroke();
    }
  }

  private toPx(s: Surface, x: number, y: number, w: number, h: number): [number, number] {
    const [x0, x1, y0, y1] = s.bounds;
    return [((x - x0) / (x1 - x0)) * w, ((y1 - y) / (y1 - y0)) * h];
  }

  private drawPaths(): void {
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.paths');
    const race = this.race;
    if (!canvas || !race) return;
    const { w, h } = this.size();
    const ctx = fitCanvas(canvas, w, h);
    if (!ctx) return;
    ctx.clearRect(0, 0, w, h);
    const s = race.surface;
    for (const r of race.racers) {
      const color = COLORS[r.name];
      ctx.strokeStyle = color;
      ctx.lineWidth = 2;
      ctx.lineJoin = 'round';
      ctx.beginPath();
      for (let i = 0; i < r.path.length; i += 2) {
        const [px, py] = this.toPx(s, r.path[i], r.path[i + 1], w, h);
        if (i === 0) ctx.moveTo(px, py);
        else ctx.lineTo(px, py);
      }
      ctx.stroke();
      const [px, py] = this.toPx(s, r.x, r.y, w, h);
      ctx.beginPath();
      ctx.arc(px, py, 5, 0, 2 * Math.PI);
      ctx.fillStyle = color;
      ctx.fill();
      ctx.strokeStyle = '#fff';
      ctx.lineWidth = 1.5;
      ctx.stroke();
    }
    const [sx, sy] = this.toPx(s, r0(race).x0, r0(race).y0, w, h);
    ctx.fillStyle = '#1d2430';
    ctx.fillRect(sx - 4, sy - 4, 8, 8);
  }

  // ── events ───────────────────────────────────────────────────────────────

  private handlePlotClick(e: PointerEvent): void {
    const s = this.race?.surface;
    if (!s) return;
    const { fx, fy } = localPoint(e, e.currentTarget as HTMLElement);
    const [x0, x1, y0, y1] = s.bounds;
    const x = x0 + fx * (x1 - x0);
    const y = y1 - fy * (y1 - y0);
    this.startX = x;
    this.startY = y;
    this.emit('dl-start-changed', { x, y });
  }

  private handleToggle(): void {
    if (this.loop.playing) this.pause();
    else this.play();
  }

  // ── template ─────────────────────────────────────────────────────────────

  override render() {
    const note = this.renderSpeakerViewNote();
    const problems = this.renderConfigErrors();
    if (problems) return problems;
    const race = this.race;
    const s = race?.surface;
    const numInput = (label: string, value: number, step: number, onChange: (v: number) => void, title: string, placeholder = '') =>
      html`<label title=${title}>${label}<input type="number" step=${step} min="0" .value=${value > 0 ? String(value) : ''} placeholder=${placeholder}
        @change=${(e: Event) => onChange(Number((e.target as HTMLInputElement).value) || 0)} /></label>`;
    const ranked = race ? [...race.racers].sort((a, b) => (a.diverged ? 1 : 0) - (b.diverged ? 1 : 0) || a.loss - b.loss) : [];
    return html`${note}
      <div class="dl-toolbar" part="toolbar">
        <button class="primary" @click=${this.handleToggle} aria-pressed=${this.loop.playing}>${this.loop.playing ? 'Pause' : 'Play'}</button>
        <button @click=${() => void this.step()}>Step</button>
        <button @click=${() => this.reset()}>Reset</button>
        <label>Surface <select @change=${(e: Event) => {
          this.startX = NaN;
          this.startY = NaN;
          this.surface = (e.target as HTMLSelectElement).value;
        }}>${SURFACES.map((v) => html`<option .value=${v} ?selected=${v === this.parsed.surface}>${SURFACE_LABELS[v]}</option>`)}</select></label>
        <span class="dl-status" aria-live="polite">${this.statusText()}</span>
      </div>
      <div class="layout">
        <div class="plot" part="plot" role="img" @pointerdown=${this.handlePlotClick}
          aria-label=${`Contours of the ${s?.label ?? ''} loss surface with each optimizer's path. Click to choose the start point.`}>
          <canvas class="contours"></canvas><canvas class="paths"></canvas>
        </div>
        <div class="side">
          <table class="board">
            <thead><tr><th>Optimizer</th><th>loss</th><th>position</th></tr></thead>
            <tbody>
              ${ranked.map(
                (r) => html`<tr>
                  <td><span class="swatch" style=${styleProps({ background: COLORS[r.name] })}></span>${LABELS[r.name]}</td>
                  <td>${r.diverged ? 'diverged' : r.loss.toPrecision(3)}</td>
                  <td>${r.diverged ? '–' : `(${r.x.toFixed(2)}, ${r.y.toFixed(2)})`}</td>
                </tr>`,
              )}
            </tbody>
          </table>
          <div class="dl-group"><span class="dl-group-title">SGD family</span>
            ${numInput('η', this.learningRate > 0 ? this.learningRate : (s?.learningRate ?? 0), 0.01, (v) => (this.learningRate = v), 'Learning rate of SGD, momentum and Nesterov')}
            ${numInput('μ', this.momentum, 0.05, (v) => (this.momentum = Math.min(v, 0.999)), 'Momentum coefficient')}
          </div>
          <div class="dl-group"><span class="dl-group-title">Adaptive</span>
            ${numInput('η', this.adaptiveLearningRate > 0 ? this.adaptiveLearningRate : (s?.adaptiveLearningRate ?? 0), 0.01, (v) => (this.adaptiveLearningRate = v), 'Learning rate of RMSProp and Adam')}
            ${numInput('β₁', this.beta1, 0.05, (v) => (this.beta1 = Math.min(v, 0.999)), 'Adam first-moment decay')}
            ${numInput('β₂', this.beta2, 0.001, (v) => (this.beta2 = Math.min(v, 0.99999)), 'Adam second-moment decay')}
          </div>
          <p class="hint">Click the surface to start from there. ✕ marks the minima, ■ the start.</p>
        </div>
      </div>`;
  }

  private statusText(): string {
    if (this.task.status !== 'ready') return this.task.status === 'loading' ? 'Loading…' : this.task.status === 'error' ? `Could not start: ${this.task.error}` : 'Starts when shown';
    const steps = this.race?.steps ?? 0;
    const state = this.loop.playing ? (this.running ? 'racing' : 'paused (off screen)') : steps >= this.maxSteps ? 'finished' : 'paused';
    return `step ${steps} of ${this.maxSteps} · ${state}`;
  }
}

function r0(race: OptimizerRace): { x0: number; y0: number } {
  const p = race.racers[0]?.path ?? [0, 0];
  return { x0: p[0], y0: p[1] };
}

defineElement('dl-optimizer-race', DlOptimizerRace);

declare global {
  interface HTMLElementTagNameMap {
    'dl-optimizer-race': DlOptimizerRace;
  }
}
