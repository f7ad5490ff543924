import { geoPath, geoTransform, type ContourMultiPolygon } from 'd3';
import { html, type TemplateResult } from 'lit';
import type { OptimizerRace, Surface } from '../../engine/js.ts';
import { styleProps } from '../_shared/style-props.ts';
import { defineElement } from '../_shared/dl-element.ts';
import { jsEngineTask, type EngineTask, type JsEngineModule } from '../_shared/engine-task.ts';
import { fitCanvas, localPoint } from '../_shared/canvas.ts';
import { cssVar, mix, parseHex } from '../_shared/palette.ts';
import { choice, flag, int, list, num } from '../_shared/props.ts';
import { widgetStyles } from '../_shared/styles.ts';
import { pacedContours } from '../_shared/paced-contours.ts';
import { Training, TrainingElement } from '../_shared/training.ts';
import { styles } from './optimizer-race.styles.ts';

const SURFACES = ['ravine', 'saddle', 'rosenbrock', 'noisy-bowl'] as const;
const SURFACE_LABELS: Record<string, string> = { ravine: 'Ravine', saddle: 'Saddle', rosenbrock: 'Rosenbrock', 'noisy-bowl': 'Noisy bowl' };
const OPTIMIZERS = ['sgd', 'momentum', 'nesterov', 'rmsprop', 'adam'] as const;
const LABELS: Record<string, string> = { sgd: 'SGD', momentum: 'Momentum', nesterov: 'Nesterov', rmsprop: 'RMSProp', adam: 'Adam' };
/** Okabe & Ito's colours (palette.ts CATEGORICAL), apart for every colour vision (tests/unit/palette.test.ts). */
const COLORS: Record<string, string> = { sgd: '#56b4e9', momentum: '#0072b2', nesterov: '#cc79a7', rmsprop: '#009e73', adam: '#d55e00' };
const GRID = 140;
const LEVELS = 16;
/** Every surface lies within [-5, 5]²: a start outside it would be off the picture. */
const EXTENT = 5;

type Name = (typeof OPTIMIZERS)[number];

/**
 * The contour bands of each surface, once per page: the grid depends on the surface alone, so a
 * rebuild (a click on a new start point, another learning rate) draws them again at once.
 */
const BANDS = new Map<string, ContourMultiPolygon[]>();

/** One race and the loss surface sampled for its contours (plain JavaScript, nothing to dispose). */
interface Session {
  race: OptimizerRace;
  grid: Float32Array;
}

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
export class DlOptimizerRace extends TrainingElement {
  static override styles = [widgetStyles, styles];

  /** Surface: ravine | saddle | rosenbrock | noisy-bowl. */
  @choice(SURFACES) surface: (typeof SURFACES)[number] = 'ravine';
  /** Racers, comma-separated from sgd, momentum, nesterov, rmsprop, adam. */
  @list(OPTIMIZERS) optimizers = OPTIMIZERS.join(',');
  /** Learning rate of SGD, momentum and Nesterov; 0 = the surface's suggestion. */
  @num({ min: 0, max: 10 }) learningRate = 0;
  /** Learning rate of RMSProp and Adam; 0 = the surface's suggestion. */
  @num({ min: 0, max: 10 }) adaptiveLearningRate = 0;
  /** Momentum μ (momentum, Nesterov). */
  @num({ min: 0, max: 0.999 }) momentum = 0.9;
  /** Adam β₁. */
  @num({ min: 0, max: 0.999 }) beta1 = 0.9;
  /** Adam β₂. */
  @num({ min: 0, max: 0.99999 }) beta2 = 0.999;
  /** Start x (absent = the surface's default). */
  @num({ min: -EXTENT, max: EXTENT, optional: true }) startX = NaN;
  /** Start y (absent = the surface's default). */
  @num({ min: -EXTENT, max: EXTENT, optional: true }) startY = NaN;
  /** Optimizer steps per animation frame (1–50). */
  @int(1, 50) stepsPerFrame = 3;
  /** The race stops after this many steps. */
  @int(1, 100_000) maxSteps = 2000;
  /** Seed of the gradient noise (noisy bowl). */
  @int(0, 2 ** 31) seed = 1;
  /** Start racing when shown. */
  @flag() autoplay = false;

  private readonly task: EngineTask<Session, JsEngineModule> = jsEngineTask(this, {
    args: () => [this.surface, this.optimizers, this.learningRate, this.adaptiveLearningRate, this.momentum, this.beta1, this.beta2, this.startX, this.startY, this.seed, this.maxSteps],
    build: (eng) => ({
      race: eng.createOptimizerRace({
        surface: this.surface,
        optimizers: this.optimizers.split(',').map((o) => o.trim()).filter(Boolean) as Name[],
        start: Number.isFinite(this.startX) && Number.isFinite(this.startY) ? [this.startX, this.startY] : undefined,
        learningRate: this.learningRate > 0 ? this.learningRate : undefined,
        adaptiveLearningRate: this.adaptiveLearningRate > 0 ? this.adaptiveLearningRate : undefined,
        momentum: this.momentum,
        beta1: this.beta1,
        beta2: this.beta2,
        seed: this.seed,
        maxPath: this.maxSteps + 1,
      }),
      grid: eng.surfaceGrid(this.surface, GRID, GRID),
    }),
    ready: (v) => this.handleReady(v),
  });
  protected readonly training: Training<Session> = new Training(this, {
    task: this.task,
    // A step of five optimizers on a 2-D surface is a few dozen flops: steps-per-frame sets the
    // speed the audience watches, not the work, so it is a count.
    frame: (v) => {
      const left = this.maxSteps - v.race.steps;
      if (left > 0) this.advance(v.race, Math.min(left, this.stepsPerFrame));
    },
    step: (v) => this.advance(v.race, 1),
    finished: (v) => v.race.steps >= this.maxSteps,
    describe: (v) => `step ${v.race.steps} of ${this.maxSteps}`,
    autoplay: () => this.autoplay,
  });

  /** Current positions and losses (copies). */
  get standings(): { name: string; x: number; y: number; loss: number; diverged: boolean }[] {
    return (this.race?.racers ?? []).map((r) => ({ name: r.name, x: r.x, y: r.y, loss: r.loss, diverged: r.diverged }));
  }

  /** Steps taken so far. */
  get steps(): number {
    return this.race?.steps ?? 0;
  }

  private get race(): OptimizerRace | null {
    return this.task.value?.race ?? null;
  }

  protected override checkAttributes(): string[] {
    return Number.isNaN(this.startX) !== Number.isNaN(this.startY) ? ['start-x and start-y go together: give both or neither.'] : [];
  }

  private async handleReady(v: Session): Promise<void> {
    await this.updateComplete;
    // The contours in slices between which the page runs (one task of them was ~60 ms).
    const name = v.race.surface.name;
    let bands = BANDS.get(name);
    if (!bands) {
      const found = await pacedContours(Array.from(Float64Array.from(v.grid)), GRID, GRID, thresholds(v), () => this.task.value === v);
      if (!found) return; // reset, rebuilt or removed meanwhile
      BANDS.set(name, (bands = found));
    }
    this.drawContours(v, bands);
    this.drawPaths();
    this.emit('dl-ready', { backend: this.task.backendName });
  }

  private advance(race: OptimizerRace, steps: number): void {
    race.step(steps);
    this.drawPaths();
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

  private drawContours({ race }: Session, bands: ContourMultiPolygon[]): void {
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.contours');
    if (!canvas) return;
    const { w, h } = this.size();
    canvas.style.height = `${h}px`;
    this.renderRoot.querySelector<HTMLCanvasElement>('canvas.paths')!.style.height = `${h}px`;
    (this.renderRoot.querySelector('.plot') as HTMLElement).style.height = `${h}px`;
    const ctx = fitCanvas(canvas, w, h);
    if (!ctx) return;
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

  // ── template ─────────────────────────────────────────────────────────────

  override render(): TemplateResult {
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
      ${this.training.renderToolbar(
        html`<label>Surface <select @change=${(e: Event) => {
          this.startX = NaN;
          this.startY = NaN;
          this.surface = (e.target as HTMLSelectElement).value as DlOptimizerRace['surface'];
        }}>${SURFACES.map((v) => html`<option .value=${v} ?selected=${v === this.surface}>${SURFACE_LABELS[v]}</option>`)}</select></label>`,
      )}
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

}

/** The contour levels of a session's grid. */
function thresholds({ race, grid }: Session): number[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of grid) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const range = hi - lo || 1;
  // Geometric spacing: many lines near the minimum, few on the steep walls.
  const first = range * (race.surface.name === 'rosenbrock' ? 2e-4 : 4e-3);
  return Array.from({ length: LEVELS }, (_, k) => lo + first * (range / first) ** (k / (LEVELS - 1)));
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
