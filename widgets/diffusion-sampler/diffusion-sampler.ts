import { html, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Backend, DiffusionStep, SampleResult } from '../../engine/index.ts';
import { localPoint } from '../_shared/canvas.ts';
import { defineElement } from '../_shared/dl-element.ts';
import { backendFromUrl, EngineTask } from '../_shared/engine-task.ts';
import { FRAME_BUDGET_MS, FrameLoop } from '../_shared/frame-loop.ts';
import { ChartController } from '../_shared/loss-chart.ts';
import { cssVar } from '../_shared/palette.ts';
import { choice, flag, int, num, text } from '../_shared/props.ts';
import { styleProps } from '../_shared/style-props.ts';
import { widgetStyles } from '../_shared/styles.ts';
import { nextTask } from '../_shared/tasks.ts';
import { Training, TrainingElement } from '../_shared/training.ts';
import { styles } from './diffusion-sampler.styles.ts';
import { classColours, drawAxes, drawField, drawPoints, drawSchedule, drawTrajectories, plotContext } from './diffusion-sampler.view.ts';

// Mirrors of the engine's lists, so validation never loads TensorFlow.js.
const DATASETS = ['swiss-roll', 'moons', 'rings', 'gaussians', 'smiley', 'draw'] as const;
/** Sets with a single class: no class-conditional model. */
const ONE_CLASS = new Set<string>(['swiss-roll', 'draw']);
const SCHEDULE_KINDS = ['linear', 'cosine'] as const;
const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
const STEP_CHOICES = [2, 5, 10, 20, 50, 100, 200, 500, 1000];
const SAMPLE_CHOICES = [250, 500, 1000, 2000, 4000];
/** Plane half-width shown (matches the engine's POINTS_EXTENT). */
const EXTENT = 3.5;
/** Arrows per side of the vector field. */
const FIELD_GRID = 17;
/** Trajectories drawn per sampler. */
const TRAJECTORIES = 4;
/** Fewest drawn points worth training on. */
const MIN_DRAWN = 20;
/** Milliseconds between sample refreshes while training. */
const RESAMPLE_MS = 1200;
/** Least time between loss-chart redraws while training, ms. */
const CHART_MS = 150;
/** Length of the reverse animation, ms. */
const ANIMATION_MS = 2400;
/** Settings that only change the samples (not the model). */
const SAMPLE_KEYS = ['samplingSteps', 'samples', 'guidance', 'classLabel'];

/** Time a round of `trainFor`/Step updates may take in the worker (the page is not blocked meanwhile). */
const WORKER_ROUND_MS = 100;

type Dataset = (typeof DATASETS)[number];
/** The largest t: T of the forward process (1000 while diffusion-steps itself is invalid). */
const lastStep = (h: DlDiffusionSampler) => (Number.isInteger(h.diffusionSteps) ? h.diffusionSteps : 1000);

/**
 * The model behind the widget: trainer and samplers in a Web Worker (or on the page where none can
 * start), engine/workers/diffusion-client.ts. Its `info` holds the data, the schedules and the
 * fixed noise ε of the forward panel (so scrubbing t moves points smoothly).
 */
type Session = import('../../engine/workers/diffusion-client.ts').DiffusionSession;

/**
 * `<dl-diffusion-sampler>`: a diffusion model on 2-D points that trains live. The left panel shows
 * the forward process q(x_t | x₀) at the noise level of the slider, with the learned denoising
 * direction as arrows; the other two panels run the reverse process with DDPM and DDIM side by side,
 * animated from noise to data with a few trajectories and a quality number (MMD to held-out data).
 * The side column plots the loss and the schedule's ᾱ_t. Optional class conditioning with a
 * classifier-free guidance slider; "draw" lets the audience draw the data with the pointer.
 *
 * ```html
 * <dl-diffusion-sampler dataset="swiss-roll" schedule="cosine" sampling-steps="20" autoplay></dl-diffusion-sampler>
 * <dl-diffusion-sampler dataset="gaussians" conditional guidance="3" class-label="2"></dl-diffusion-sampler>
 * ```
 *
 * @summary Trains a toy DDPM live and compares DDPM and DDIM sampling, with schedule, vector field and guidance.
 * @event dl-train-step - After each training frame. detail: { step: number; loss: number }
 * @event dl-ready - The model is built. detail: { backend: string; params: number; conditional: boolean }
 * @event dl-sample - New samples from both samplers. detail: { steps: number; ddpm: number; ddim: number; baseline: number } (MMD values)
 * @event dl-points-drawn - The user finished a stroke in "draw" mode. detail: { points: number }
 * @csspart toolbar - Train, step, reset, sample and status.
 * @csspart forward - The forward-process panel.
 * @csspart ddpm - The DDPM panel.
 * @csspart ddim - The DDIM panel.
 * @cssproperty [--panel-size=250px] - Side of each square panel.
 * @cssproperty [--sample-colour=var(--dl-color-accent)] - Colour of generated points (unconditional).
 * @cssproperty [--data-colour=var(--dl-color-muted)] - Colour of the data behind the samples.
 * @cssproperty [--trajectory-colour=var(--dl-color-accent-2)] - Colour of the drawn trajectories.
 */
export class DlDiffusionSampler extends TrainingElement {
  static override styles = [widgetStyles, styles];
  static override remoteVerbs = ['playReverse'];

  /** Data: swiss-roll | moons | rings | gaussians | smiley | draw (the audience draws it). */
  @choice(DATASETS, { attribute: 'dataset' }) datasetName: Dataset = 'swiss-roll';
  /** Noise schedule: linear | cosine. */
  @choice(SCHEDULE_KINDS) schedule: (typeof SCHEDULE_KINDS)[number] = 'linear';
  /** Diffusion steps T of the forward process (10–1000). */
  @int(10, 1000) diffusionSteps = 100;
  /** Denoising steps of both samplers (2–T): few steps hurt DDPM much more than DDIM. */
  @int(2, lastStep) samplingSteps = 20;
  /** Points generated per sampler (10–4000). */
  @int(10, 4000) samples = 1000;
  /** Train ε_θ(x, t, c) on the set's classes (moons, rings, gaussians, smiley) with guidance. */
  @flag() conditional = false;
  /** Classifier-free guidance scale s (0–10): 0 ignores the class, 1 is plain conditional. */
  @num({ min: 0, max: 10 }) guidance = 1;
  /** Class to generate, or −1 for all classes in turn (conditional only). */
  @int(-1, 15) classLabel = -1;
  /** Hidden widths of the denoiser, comma-separated. */
  @text({ check: checkHidden }) hiddenLayers = '64,64,64';
  /** Adam learning rate. */
  @num({ min: 1e-5, max: 0.1 }) learningRate = 0.003;
  /** Points per training update. */
  @int(16, 4096) batchSize = 512;
  /** Seed for data, weights, training noise and sampling noise. */
  @int(0, 2 ** 31) seed = 1;
  /** Noise level t shown (0 = data … T = pure noise); the slider sets it. */
  @int(0, lastStep) timestep = 0;
  /** Start training as soon as the widget is shown (not under prefers-reduced-motion). */
  @flag() autoplay = false;
  /** Updates to run before the first picture (a prepared slide). */
  @int(0, 100000) trainSteps = 0;
  /** Most updates per animation frame while training (1–50); fewer when the frame's time runs out. Step runs this many. */
  @int(1, 50) stepsPerFrame = 5;
  /** Hide the vector field. */
  @flag() noField = false;
  /** Hide the settings row. */
  @flag() noSettings = false;
  /** Preferred TensorFlow.js backend (webgpu | webgl | wasm | cpu); `?backend=` on the page wins. */
  @choice(BACKENDS, { optional: true }) backend: string | null = null;
  /** Train and sample on the page instead of in a Web Worker (sampling is then one long task: the slide stutters). */
  @flag() noWorker = false;
  /** Points for dataset "draw", as [x, y] pairs in plane units (about −3.5 … 3.5). */
  @property({ attribute: false }) drawnPoints: [number, number][] = [];

  @state() private result: DiffusionStep | null = null;
  /** Bumped when a finished stroke should be learned (the model is rebuilt on the drawing). */
  @state() private drawnVersion = 0;

  private readonly task: EngineTask<Session, Session> = new EngineTask<Session, Session>(
    this,
    {
      args: () => [this.datasetName, this.schedule, this.diffusionSteps, this.conditional, this.hiddenLayers, this.learningRate, this.batchSize, this.seed, this.backend, this.trainSteps, this.drawnVersion, this.noWorker],
      build: (session) => session,
      ready: (s) => (this.prepared = this.prepare(s)),
    },
    // Updates at large settings and sampling all reverse steps (hundreds of ms on wasm) run in a
    // Web Worker, so the slide never freezes; where none can start (file://, no module workers)
    // the same code runs on the page.
    async () => {
      const wanted = (backendFromUrl() ?? this.backend) || null;
      if (wanted !== null && !(BACKENDS as readonly string[]).includes(wanted)) throw new Error(`Unknown backend "${wanted}". Use one of: ${BACKENDS.join(', ')}.`);
      const client = await import('../../engine/workers/diffusion-client.ts');
      const session = await client.createDiffusionSession({ trainer: this.engineOptions(), backend: { prefer: wanted as Backend | null }, worker: !this.noWorker });
      return { eng: session, backend: session.info.backend };
    },
  );
  private readonly chart = new ChartController(this, {
    canvas: () => this.renderRoot.querySelector<HTMLCanvasElement>('.chart canvas'),
    series: () => [{ label: 'loss ‖ε − ε̂‖²', color: cssVar(this, '--dl-color-fg', '#1d2430') }],
    color: () => cssVar(this, '--dl-color-muted', '#5b6573'),
  });
  protected readonly training: Training<Session> = new Training(this, {
    task: this.task,
    frame: (s, deadline) => this.trainFrame(s, deadline),
    step: async (s) => {
      if (this.tooFewDrawn) return;
      // One press is one unit: steps-per-frame updates in a single round.
      const round = await s.train(Infinity, this.stepsPerFrame);
      if (this.task.value !== s) return;
      this.afterTrain(round.last);
      await this.refreshSamples(s);
    },
    describe: (s) => this.describeRun(s),
    autoplay: () => this.autoplay,
    onReset: () => this.clearRun(),
  });
  /** The reverse-process animation (Sample ▶): only moves t, never trains. */
  private readonly animation = new FrameLoop(this, () => this.animateFrame());
  private ddpm: SampleResult | null = null;
  private ddim: SampleResult | null = null;
  private quality = { ddpm: NaN, ddim: NaN, baseline: NaN };
  private lastSample = 0;
  private sampleMs = 0;
  private sampling = false;
  /** A sampling setting changed while samples were being drawn: draw again after. */
  private stale = false;
  private animationStart = 0;
  /** The first picture of the current model (its `prepare`). */
  private prepared: Promise<void> = Promise.resolve();
  private lastChartDraw = -Infinity;
  private chartTimer = 0;
  private chartPoints = 0;
  /** The last vector field drawn, for which session and settings; and the settings last asked for. */
  private field: { session: Session; key: string; data: Float32Array } | null = null;
  private fieldWanted = '';
  private strokeRng = 0;
  private drawing = false;

  /** Train `count` updates (in slices that leave the page responsive), then sample and redraw (prepared slides, print). */
  async trainFor(count: number): Promise<void> {
    await this.task.use(async (s) => {
      await this.trainUpdates(s, count);
      await this.refreshSamples(s);
    });
  }

  /** Draw fresh samples with both samplers and show the finished result. */
  async sample(): Promise<void> {
    await this.task.use((s) => this.refreshSamples(s));
  }

  /** Animate the reverse process: t runs from T down to 0. */
  async playReverse(): Promise<void> {
    await this.task.use(async (s) => {
      if (!this.ddpm) await this.refreshSamples(s);
    });
    const s = this.task.value;
    if (!s) return;
    this.animationStart = performance.now();
    this.timestep = s.info.schedule.steps;
    this.animation.play();
  }

  /**
   * `?print-pdf`: the first picture of the model (seeded; `train-steps` updates included). The
   * model builds in its own worker, which may take longer than the print hook's default wait.
   */
  async printReady(): Promise<void> {
    this.pause();
    if (!(await this.task.ready())) return;
    await this.prepared;
    this.pause(); // autoplay starts once the first picture is drawn
    await this.updateComplete;
  }

  /** Latest sample quality (MMD to held-out data; lower is better) for each sampler and for pure noise. */
  get sampleQuality(): { ddpm: number; ddim: number; baseline: number } {
    return { ...this.quality };
  }

  // ── lifecycle ────────────────────────────────────────────────────────────

  /** Single-class sets cannot be class-conditional. */
  protected override checkAttributes(): string[] {
    if (this.conditional && ONE_CLASS.has(this.datasetName)) {
      return [`conditional needs a data set with classes: dataset="${this.datasetName}" has one. Use moons, rings, gaussians or smiley.`];
    }
    return [];
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // Sampling settings redraw the samples with the same model.
    if (SAMPLE_KEYS.some((k) => changed.has(k)) && this.task.value && !this.task.preparing) void this.task.use((s) => this.refreshSamples(s));
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (['timestep', 'noField', 'drawnPoints', 'configErrors'].some((k) => changed.has(k))) this.paint();
  }

  // ── engine glue ──────────────────────────────────────────────────────────

  /** Whether "Sample ▶" can run (a model, and enough drawn points in draw mode). */
  private get canSample(): boolean {
    return !!this.task.value && !this.tooFewDrawn;
  }

  protected override remoteExtras(): Record<string, boolean> {
    return { canSample: this.canSample };
  }

  private get tooFewDrawn(): boolean {
    return this.datasetName === 'draw' && this.drawnPoints.length < MIN_DRAWN;
  }

  private engineOptions() {
    const o = {
      dataset: this.datasetName === 'draw' ? ('custom' as const) : this.datasetName,
      schedule: this.schedule,
      steps: this.diffusionSteps,
      hidden: parseHidden(this.hiddenLayers),
      learningRate: this.learningRate,
      batchSize: this.batchSize,
      seed: this.seed,
      conditional: this.conditional,
    };
    if (o.dataset !== 'custom') return o;
    // Start from an example drawing, so the panel is never empty; Clear and draw your own.
    if (this.drawnPoints.length < MIN_DRAWN) this.drawnPoints = heartDrawing();
    return { ...o, custom: this.drawnPoints };
  }

  private clearRun(): void {
    window.clearTimeout(this.chartTimer);
    this.chartTimer = 0;
    this.result = null;
    this.ddpm = this.ddim = null;
    this.animation.pause();
    // Clearing redraws the chart (a task of its own on a fresh slide): only when it shows points.
    if (this.chartPoints > 0) this.chart.clear();
    this.chartPoints = 0;
  }

  /** A fresh model: the prepared updates, the first samples, then dl-ready. */
  private async prepare(s: Session): Promise<void> {
    this.clearRun();
    this.quality = { ddpm: NaN, ddim: NaN, baseline: s.info.noiseBaseline };
    await this.updateComplete;
    if (this.task.value !== s) return; // reset meanwhile: the new model prepares itself
    await this.task.use(async (v) => {
      if (v !== s) return;
      if (this.trainSteps > 0) await this.trainUpdates(s, this.trainSteps);
      await this.refreshSamples(s);
    });
    if (this.task.value === s) this.emit('dl-ready', { backend: this.task.backend?.name, params: s.info.paramCount, conditional: s.info.conditional });
  }

  /**
   * One frame: fresh samples when due (a frame of their own), else a round of updates (at least one,
   * at most `steps-per-frame`) until the frame's time is up: on the page, the frame's deadline; in
   * the worker, a frame's budget of its own time.
   */
  private async trainFrame(s: Session, deadline: number): Promise<void> {
    if (this.tooFewDrawn) return this.training.pause();
    // Resample at most every RESAMPLE_MS, and never spend more than about a quarter of the time sampling.
    if (!this.animation.playing && performance.now() - this.lastSample > Math.max(RESAMPLE_MS, 3 * this.sampleMs)) return this.refreshSamples(s);
    const budget = s.where === 'worker' ? FRAME_BUDGET_MS : Math.max(0, deadline - performance.now());
    const round = await s.train(budget, this.stepsPerFrame);
    if (this.task.value !== s) return; // reset or rebuilt meanwhile
    this.afterTrain(round.last);
  }

  /** `count` updates in rounds (on the page: of one frame's budget, yielding to the page between rounds). */
  private async trainUpdates(s: Session, count: number): Promise<void> {
    for (let done = 0; done < count && this.task.value === s; ) {
      const round = await s.train(s.where === 'worker' ? WORKER_ROUND_MS : FRAME_BUDGET_MS, count - done);
      if (this.task.value !== s) return;
      done += round.count;
      this.afterTrain(round.last, done >= count);
      if (done < count && s.where === 'page') await nextTask();
    }
  }

  private afterTrain(r: DiffusionStep, drawChart = true): void {
    this.result = r;
    this.chart.push(r.step, [r.loss]);
    this.chartPoints++;
    if (drawChart) this.drawChart();
    this.emit('dl-train-step', { step: r.step, loss: r.loss });
  }

  /** Redraw the loss chart at most every CHART_MS (a redraw per frame is most of a frame's page work), always drawing the last point. */
  private drawChart(): void {
    if (this.chartTimer) return;
    const wait = this.lastChartDraw + CHART_MS - performance.now();
    const draw = () => {
      this.chartTimer = 0;
      this.lastChartDraw = performance.now();
      this.chart.draw();
    };
    if (wait <= 0) draw();
    else this.chartTimer = window.setTimeout(draw, wait);
  }

  /** Sample with both samplers (same starting noise), score them and repaint. Runs inside `task.use`. */
  private async refreshSamples(s: Session): Promise<void> {
    // The session may be disposed (reset, removal) while an await is pending: check after each.
    const alive = () => this.task.value === s;
    if (!alive() || this.hasConfigErrors) return;
    if (this.sampling) {
      this.stale = true;
      return;
    }
    this.sampling = true;
    this.stale = false;
    try {
      const t0 = performance.now();
      const common = { steps: this.samplingSteps, n: this.samples, guidance: this.guidance, classLabel: this.classLabel, seed: this.seed + 17 };
      // While training, a smaller MMD sum keeps refreshes cheap; the number is a little noisier.
      const q = { classLabel: s.info.conditional ? this.classLabel : -1, maxPoints: this.training.playing ? 300 : 600 };
      // Both samplers and their scores in one request (in the worker: off the page's thread).
      const r = await s.sample(common, q);
      if (!alive()) return;
      this.ddpm = r.ddpm;
      this.ddim = r.ddim;
      this.quality = r.quality;
      this.lastSample = performance.now();
      this.sampleMs = this.lastSample - t0;
      this.emit('dl-sample', { steps: r.ddim.times.length - 1, ...this.quality });
      this.paint();
      this.requestUpdate();
    } finally {
      this.sampling = false;
    }
    if (this.stale) await this.refreshSamples(s);
  }

  private animateFrame(): void {
    const s = this.task.value;
    if (!s) return this.animation.pause();
    const T = s.info.schedule.steps;
    const f = Math.min(1, (performance.now() - this.animationStart) / ANIMATION_MS);
    this.timestep = Math.round(T * (1 - f));
    if (f >= 1) this.animation.pause();
  }

  private describeRun(s: Session): string {
    if (this.tooFewDrawn) return `draw at least ${MIN_DRAWN} points on the left panel, then train`;
    const loss = this.result ? ` · loss ${this.result.loss.toFixed(3)}` : '';
    return `${s.updates} updates${loss}${this.animation.playing ? ' · denoising' : ''}`;
  }

  // ── drawing ──────────────────────────────────────────────────────────────

  private colours() {
    const fg = cssVar(this, '--dl-color-fg', '#1d2430');
    return {
      sample: cssVar(this, '--sample-colour', '#0877bd'),
      data: cssVar(this, '--data-colour', '#5b6573'),
      trajectory: cssVar(this, '--trajectory-colour', '#d0453b'),
      fg,
      muted: cssVar(this, '--dl-color-muted', '#5b6573'),
      accent: cssVar(this, '--dl-color-accent', '#0877bd'),
      grid: cssVar(this, '--dl-color-border-soft', '#e3e7ec'),
      classes: classColours(fg, cssVar(this, '--dl-color-surface-raised', '#ffffff')),
    };
  }

  /** Index of the sampler frame to show for slider position t (frames run from t = T to 0). */
  private frameAt(r: SampleResult, t: number): number {
    let k = 0;
    while (k + 1 < r.times.length && r.times[k + 1] >= t) k++;
    return k;
  }

  private paint(): void {
    const s = this.task.value;
    const root = this.renderRoot;
    const col = this.colours();
    const t = Math.max(0, Math.min(this.timestep, s?.info.schedule.steps ?? 0));
    const labelled = !!s && s.info.data.classes > 1;
    // Forward panel: x_t = √ᾱ_t x₀ + √(1−ᾱ_t) ε with a fixed ε.
    const fwd = root.querySelector<HTMLCanvasElement>('canvas.forward');
    if (fwd) {
      const plot = plotContext(fwd, EXTENT);
      plot.ctx?.clearRect(0, 0, plot.size, plot.size);
      if (plot.ctx) drawAxes(plot.ctx, plot.size, col.grid);
      if (this.drawing || (this.datasetName === 'draw' && (!s || this.tooFewDrawn))) {
        drawPoints(plot, Float32Array.from(this.drawnPoints.flat()), this.drawnPoints.length, { colour: col.sample, radius: 2 });
      } else if (s) {
        const { data, eps } = s.info;
        const ab = t === 0 ? 1 : s.info.schedule.alphaBars[t - 1];
        const a = Math.sqrt(ab);
        const b = Math.sqrt(1 - ab);
        const x = data.x.map((v, i) => a * v + b * eps[i]);
        const field = !this.noField && t > 0 && s.updates > 0 ? this.fieldAt(s, t) : null;
        if (field) drawField(plot, field, FIELD_GRID, col.fg);
        drawPoints(plot, x, data.n, { colour: col.sample, labels: labelled ? data.labels : null, palette: col.classes, alpha: 0.6 });
      }
    }
    for (const [name, r] of [['ddpm', this.ddpm], ['ddim', this.ddim]] as const) {
      const c = root.querySelector<HTMLCanvasElement>(`canvas.${name}`);
      if (!c) continue;
      const plot = plotContext(c, EXTENT);
      plot.ctx?.clearRect(0, 0, plot.size, plot.size);
      if (plot.ctx) drawAxes(plot.ctx, plot.size, col.grid);
      if (!s || !r) continue;
      drawPoints(plot, s.info.heldOut.x, s.info.heldOut.n, { colour: col.data, alpha: 0.18, radius: 1.3 });
      const k = this.frameAt(r, t);
      drawPoints(plot, r.frames, r.n, { colour: col.sample, labels: s.info.conditional ? r.labels : null, palette: col.classes, offset: k * r.n * 2, alpha: 0.75 });
      drawTrajectories(plot, r.frames, r.n, k, TRAJECTORIES, col.trajectory);
    }
    const sched = root.querySelector<HTMLCanvasElement>('canvas.schedule');
    if (sched && s) {
      drawSchedule(sched, s.info.curves.map((c) => ({ name: c.name, alphaBars: c.alphaBars, active: c.name === s.info.schedule.kind })), t, col);
    }
  }

  /**
   * The learned field at step t for the current model, settings and update count, or, while that
   * is being computed where the model runs, the last one of this session (null before the first):
   * the answer repaints the panel.
   */
  private fieldAt(s: Session, t: number): Float32Array | null {
    const options = { classLabel: s.info.conditional ? this.classLabel : -1, guidance: this.guidance };
    const key = `${s.updates}|${t}|${options.classLabel}|${options.guidance}`;
    const shown = this.field?.session === s ? this.field : null;
    if (shown?.key === key) return shown.data;
    if (this.fieldWanted !== key) {
      this.fieldWanted = key;
      s.field(t, FIELD_GRID, options).then(
        (data) => {
          if (this.task.value !== s || this.fieldWanted !== key) return;
          this.field = { session: s, key, data };
          this.paint();
        },
        () => undefined, // disposed meanwhile: the next session draws its own
      );
    }
    return shown?.data ?? null;
  }

  // ── drawing the data ─────────────────────────────────────────────────────

  private handleDrawStart(event: PointerEvent): void {
    if (this.datasetName !== 'draw') return;
    this.drawing = true;
    (event.currentTarget as HTMLElement).setPointerCapture?.(event.pointerId);
    this.training.pause();
    this.addStroke(event);
  }

  private handleDrawMove(event: PointerEvent): void {
    if (this.drawing) this.addStroke(event);
  }

  private handleDrawEnd(): void {
    if (!this.drawing) return;
    this.drawing = false;
    this.emit('dl-points-drawn', { points: this.drawnPoints.length });
    // Rebuild once per stroke (not per pointer move), once there is enough to learn from.
    if (this.drawnPoints.length >= MIN_DRAWN) this.drawnVersion++;
  }

  /** Spray three points around the pointer (a small seeded jitter makes a stroke a thin cloud). */
  private addStroke(event: PointerEvent): void {
    const { fx, fy } = localPoint(event, event.currentTarget as HTMLElement);
    const cx = -EXTENT + fx * 2 * EXTENT;
    const cy = EXTENT - fy * 2 * EXTENT;
    const next = [...this.drawnPoints];
    for (let k = 0; k < 3; k++) {
      this.strokeRng = (this.strokeRng * 1103515245 + 12345 + this.seed) % 2147483648;
      const a = (this.strokeRng / 2147483648) * 2 * Math.PI;
      const r = 0.06 * (((this.strokeRng >> 8) % 1000) / 1000);
      next.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
    }
    this.drawnPoints = next.slice(-3000);
  }

  private handleClear(): void {
    this.training.pause();
    this.ddpm = this.ddim = null;
    this.drawnPoints = [];
  }

  // ── template ─────────────────────────────────────────────────────────────

  override render(): TemplateResult {
    const problems = this.renderConfigErrors();
    if (problems) return problems;
    const s = this.task.value;
    const T = this.diffusionSteps;
    const t = Math.max(0, Math.min(T, Math.round(this.timestep)));
    const ab = s ? (t === 0 ? 1 : s.info.schedule.alphaBars[t - 1]) : NaN;
    const drawMode = this.datasetName === 'draw';
    const fmt = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : '–');
    const stepsShown = this.ddim ? this.ddim.times.length - 1 : this.samplingSteps;
    const classNames = s && s.info.data.classes > 1 ? s.info.data.classNames : [];
    const sampleButton = html`<button type="button" @click=${() => void this.playReverse()} ?disabled=${!this.audienceValue('canSample', this.canSample)}
      title="Sample and animate from noise (t = T) to data (t = 0)">Sample ▶</button>`;
    return html`
      ${this.renderSpeakerViewNote()}
      ${this.training.renderToolbar(sampleButton, { play: 'Train' })}
      <div class="layout">
        <figure part="forward">
          <figcaption><span><b>Forward</b> q(x<sub>t</sub> | x<sub>0</sub>)</span><span class="quality">${this.noField ? '' : 'arrows: learned direction'}</span></figcaption>
          <div class="plot ${drawMode ? 'drawing' : ''}" role="img"
            aria-label=${drawMode ? 'Drawing area: drag to draw the data points' : `Data noised to step ${t} with the learned denoising direction`}
            @pointerdown=${this.handleDrawStart} @pointermove=${this.handleDrawMove} @pointerup=${this.handleDrawEnd} @pointercancel=${this.handleDrawEnd}>
            <canvas class="forward"></canvas>
          </div>
        </figure>
        <figure part="ddpm">
          <figcaption><span><b>DDPM</b> · ${stepsShown} steps</span><span class="quality" title="MMD to held-out data (lower is better)">MMD ${fmt(this.quality.ddpm)}</span></figcaption>
          <div class="plot" role="img" aria-label="DDPM samples"><canvas class="ddpm"></canvas></div>
        </figure>
        <figure part="ddim">
          <figcaption><span><b>DDIM</b> (η = 0) · ${stepsShown} steps</span><span class="quality" title="MMD to held-out data (lower is better)">MMD ${fmt(this.quality.ddim)}</span></figcaption>
          <div class="plot" role="img" aria-label="DDIM samples"><canvas class="ddim"></canvas></div>
        </figure>
        <div class="side">
          <div class="chart"><canvas aria-label="Training loss"></canvas></div>
          <canvas class="schedule" aria-label="Noise schedule: signal kept, ᾱ_t, against t"></canvas>
          <dl class="stats">
            <dt>Updates</dt><dd>${this.result ? this.result.step : '–'}</dd>
            <dt>Loss</dt><dd>${this.result ? this.result.loss.toFixed(3) : '–'}</dd>
            <dt>MMD of pure noise</dt><dd>${fmt(this.quality.baseline)}</dd>
            <dt>Weights</dt><dd>${s ? s.info.paramCount : '–'}</dd>
          </dl>
          ${s?.fallbackReason ? html`<p class="hint">Trains and samples on the page (no Web Worker: ${s.fallbackReason}); the slide may stutter while it samples.</p>` : null}
          ${classNames.length > 0 ? this.renderLegend(classNames) : null}
          ${drawMode
            ? html`<p class="hint">${this.drawnPoints.length} points drawn${this.tooFewDrawn ? ` (at least ${MIN_DRAWN})` : ''}. Drag on the left panel.</p>
                <button type="button" @click=${this.handleClear}>Clear drawing</button>`
            : null}
        </div>
        <div class="timeline">
          <label for="t">Noise level t</label>
          <input id="t" type="range" min="0" max=${T} step="1" .value=${String(t)}
            @input=${(e: Event) => {
              this.animation.pause();
              this.timestep = Number((e.target as HTMLInputElement).value);
            }} />
          <output>t = ${t} / ${T} · ᾱ<sub>t</sub> = ${Number.isFinite(ab) ? ab.toFixed(3) : '–'}</output>
        </div>
        ${this.noSettings ? null : this.renderSettings(classNames)}
      </div>
    `;
  }

  /** Which colour is which class (the forward panel always, the samples when conditional). */
  private renderLegend(classNames: string[]): TemplateResult {
    const palette = this.colours().classes;
    return html`<ul class="legend" aria-label="Class colours">
      ${classNames.map((n, i) => {
        const { fill, edge } = palette[i % palette.length];
        return html`<li class="dl-key" style=${styleProps({ '--dl-key': fill, '--key-edge': edge ?? 'transparent' })}>${n}</li>`;
      })}
    </ul>`;
  }

  private renderSettings(classNames: string[]): TemplateResult {
    const select = (label: string, value: string, list: readonly string[], onChange: (v: string) => void) =>
      html`<label>${label}<select @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value)}>
        ${list.map((v) => html`<option .value=${v} ?selected=${v === value}>${v}</option>`)}</select></label>`;
    const stepChoices = [...new Set([...STEP_CHOICES.filter((v) => v <= this.diffusionSteps), this.samplingSteps])].sort((a, b) => a - b).map(String);
    const sampleChoices = [...new Set([...SAMPLE_CHOICES, this.samples])].sort((a, b) => a - b).map(String);
    return html`<div class="settings">
      ${select('Data', this.datasetName, DATASETS, (v) => {
        this.datasetName = v as Dataset;
        if (ONE_CLASS.has(v)) this.conditional = false; // else the widget would show an error instead of its controls
      })}
      ${select('Schedule', this.schedule, SCHEDULE_KINDS, (v) => (this.schedule = v as (typeof SCHEDULE_KINDS)[number]))}
      ${select('Sampling steps', String(this.samplingSteps), stepChoices, (v) => (this.samplingSteps = Number(v)))}
      ${select('Samples', String(this.samples), sampleChoices, (v) => (this.samples = Number(v)))}
      <label><input type="checkbox" .checked=${this.conditional} ?disabled=${ONE_CLASS.has(this.datasetName)}
        @change=${(e: Event) => (this.conditional = (e.target as HTMLInputElement).checked)} />Class-conditional</label>
      ${this.conditional
        ? html`<label>Class<select @change=${(e: Event) => (this.classLabel = Number((e.target as HTMLSelectElement).value))}>
              <option value="-1" ?selected=${this.classLabel === -1}>all</option>
              ${classNames.map((n, i) => html`<option .value=${String(i)} ?selected=${this.classLabel === i}>${n}</option>`)}</select></label>
            <label>Guidance s = ${this.guidance.toFixed(1)}<input type="range" min="0" max="8" step="0.5" .value=${String(this.guidance)}
              @change=${(e: Event) => (this.guidance = Number((e.target as HTMLInputElement).value))} /></label>`
        : null}
      <label>Seed<input class="seed" type="number" min="0" step="1" .value=${String(this.seed)}
        @change=${(e: Event) => (this.seed = Math.max(0, Math.floor(Number((e.target as HTMLInputElement).value)) || 0))} /></label>
    </div>`;
  }
}

/** The example drawing for dataset "draw": 300 points on a heart curve, about 3.6 units wide. */
function heartDrawing(): [number, number][] {
  return Array.from({ length: 300 }, (_, i) => {
    const a = (2 * Math.PI * i) / 300;
    const x = 16 * Math.sin(a) ** 3;
    const y = 13 * Math.cos(a) - 5 * Math.cos(2 * a) - 2 * Math.cos(3 * a) - Math.cos(4 * a);
    return [x * 0.11, y * 0.11 + 0.3] as [number, number];
  });
}

function parseHidden(text: string): number[] {
  const parts = text.split(',').map((p) => p.trim()).filter(Boolean);
  if (parts.length < 1 || parts.length > 6) throw new Error('give 1 to 6 layer widths, comma-separated, e.g. "64,64,64".');
  return parts.map((part) => {
    const v = Number(part);
    if (!Number.isInteger(v) || v < 4 || v > 256) throw new Error('use whole numbers from 4 to 256, comma-separated, e.g. "64,64,64".');
    return v;
  });
}

/** The message for bad hidden-layer widths, or null. */
function checkHidden(text: string): string | null {
  try {
    parseHidden(text);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

defineElement('dl-diffusion-sampler', DlDiffusionSampler);

declare global {
  interface HTMLElementTagNameMap {
    'dl-diffusion-sampler': DlDiffusionSampler;
  }
}
