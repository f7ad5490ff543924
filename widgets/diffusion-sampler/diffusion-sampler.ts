import { html, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { DiffusionTrainer, NoiseSchedule, SampleResult } from '../../engine/index.ts';
import { localPoint } from '../_shared/canvas.ts';
import { DlElement, defineElement } from '../_shared/dl-element.ts';
import { EngineTask } from '../_shared/engine-task.ts';
import { FrameLoop } from '../_shared/frame-loop.ts';
import { LineChart } from '../_shared/loss-chart.ts';
import { cssVar } from '../_shared/palette.ts';
import { widgetStyles } from '../_shared/styles.ts';
import { AttributeCheck } from '../_shared/validate.ts';
import { styles } from './diffusion-sampler.styles.ts';
import { drawAxes, drawField, drawPoints, drawSchedule, drawTrajectories, plotContext } from './diffusion-sampler.view.ts';

// Mirrors of the engine's lists, so validation never loads TensorFlow.js.
const DATASETS = ['swiss-roll', 'moons', 'rings', 'gaussians', 'smiley', 'draw'] as const;
const SCHEDULE_KINDS = ['linear', 'cosine'] as const;
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
/** Length of the reverse animation, ms. */
const ANIMATION_MS = 2400;
/** Training time per animation frame, ms (the page stays responsive). */
const FRAME_BUDGET_MS = 30;

interface Session {
  d: DiffusionTrainer;
  /** Both schedules (for the ᾱ_t plot). */
  curves: { name: string; schedule: NoiseSchedule }[];
  /** Fixed noise ε for the forward panel, so scrubbing t moves points smoothly. */
  eps: Float32Array;
  dispose(): void;
}

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
 * @csspart toolbar - Train, sample, reset and status.
 * @csspart forward - The forward-process panel.
 * @csspart ddpm - The DDPM panel.
 * @csspart ddim - The DDIM panel.
 * @cssproperty [--panel-size=250px] - Side of each square panel.
 * @cssproperty [--sample-colour=var(--dl-color-accent)] - Colour of generated points (unconditional).
 * @cssproperty [--data-colour=var(--dl-color-muted)] - Colour of the data behind the samples.
 * @cssproperty [--trajectory-colour=var(--dl-color-accent-2)] - Colour of the drawn trajectories.
 */
export class DlDiffusionSampler extends DlElement {
  static override styles = [widgetStyles, styles];

  static override properties: PropertyDeclarations = {
    datasetName: { attribute: 'dataset' },
    schedule: {},
    diffusionSteps: { type: Number, attribute: 'diffusion-steps' },
    samplingSteps: { type: Number, attribute: 'sampling-steps' },
    samples: { type: Number },
    conditional: { type: Boolean },
    guidance: { type: Number },
    classLabel: { type: Number, attribute: 'class-label' },
    hiddenLayers: { attribute: 'hidden-layers' },
    learningRate: { type: Number, attribute: 'learning-rate' },
    batchSize: { type: Number, attribute: 'batch-size' },
    seed: { type: Number },
    timestep: { type: Number },
    autoplay: { type: Boolean },
    trainSteps: { type: Number, attribute: 'train-steps' },
    stepsPerFrame: { type: Number, attribute: 'steps-per-frame' },
    noField: { type: Boolean, attribute: 'no-field' },
    noSettings: { type: Boolean, attribute: 'no-settings' },
    backend: {},
    drawnPoints: { attribute: false },
    result: { state: true },
  };

  /** Data: swiss-roll | moons | rings | gaussians | smiley | draw (the audience draws it). */
  declare datasetName: string;
  /** Noise schedule: linear | cosine. */
  declare schedule: string;
  /** Diffusion steps T of the forward process (10–1000). */
  declare diffusionSteps: number;
  /** Denoising steps of both samplers (2–T): few steps hurt DDPM much more than DDIM. */
  declare samplingSteps: number;
  /** Points generated per sampler (10–4000). */
  declare samples: number;
  /** Train ε_θ(x, t, c) on the set's classes (moons, rings, gaussians, smiley) with guidance. */
  declare conditional: boolean;
  /** Classifier-free guidance scale s (0–10): 0 ignores the class, 1 is plain conditional. */
  declare guidance: number;
  /** Class to generate, or −1 for all classes in turn (conditional only). */
  declare classLabel: number;
  /** Hidden widths of the denoiser, comma-separated. */
  declare hiddenLayers: string;
  /** Adam learning rate. */
  declare learningRate: number;
  /** Points per training update. */
  declare batchSize: number;
  /** Seed for data, weights, training noise and sampling noise. */
  declare seed: number;
  /** Noise level t shown (0 = data … T = pure noise); the slider sets it. */
  declare timestep: number;
  /** Start training as soon as the widget is shown. */
  declare autoplay: boolean;
  /** Updates to run before the first picture (a prepared slide). */
  declare trainSteps: number;
  /** Updates per animation frame while training (1–50). */
  declare stepsPerFrame: number;
  /** Hide the vector field. */
  declare noField: boolean;
  /** Hide the settings row. */
  declare noSettings: boolean;
  /** Preferred TensorFlow.js backend (webgpu | webgl | wasm | cpu); `?backend=` on the page wins. */
  declare backend: string | null;
  /** Points for dataset "draw", as [x, y] pairs in plane units (about −3.5 … 3.5). */
  declare drawnPoints: [number, number][];

  private declare result: { step: number; loss: number } | null;

  private readonly task = new EngineTask<Session>(
    this,
    (eng) => {
      const o = this.engineOptions();
      const d = eng.createDiffusionTrainer(o);
      const eps = eng.normalArray(d.data.n * 2, eng.createRng(o.seed + 101));
      const curves = eng.SCHEDULES.map((k) => ({ name: k, schedule: eng.createSchedule(k, o.steps) }));
      return { d, eps, curves, dispose: () => d.dispose() };
    },
    (s) => void this.handleReady(s),
  );
  private readonly loop = new FrameLoop(this, () => this.trainFrame());
  private readonly animation = new FrameLoop(this, () => this.animateFrame());
  private parsed?: ReturnType<DlDiffusionSampler['parseAttributes']>;
  private chart?: LineChart;
  private ddpm: SampleResult | null = null;
  private ddim: SampleResult | null = null;
  private quality = { ddpm: NaN, ddim: NaN, baseline: NaN };
  private lastSample = 0;
  private sampleMs = 0;
  private sampling = false;
  private animationStart = 0;
  private strokeRng = 0;
  private drawing = false;

  constructor() {
    super();
    this.datasetName = 'swiss-roll';
    this.schedule = 'linear';
    this.diffusionSteps = 100;
    this.samplingSteps = 20;
    this.samples = 1000;
    this.conditional = false;
    this.guidance = 1;
    this.classLabel = -1;
    this.hiddenLayers = '64,64,64';
    this.learningRate = 0.003;
    this.batchSize = 512;
    this.seed = 1;
    this.timestep = 0;
    this.autoplay = false;
    this.trainSteps = 0;
    this.stepsPerFrame = 5;
    this.noField = false;
    this.noSettings = false;
    this.backend = null;
    this.drawnPoints = [];
    this.result = null;
  }

  // ── public verbs ─────────────────────────────────────────────────────────

  /** Start training (loads the engine first if needed). */
  play(): void {
    if (this.parsed?.options.dataset === 'custom' && this.drawnPoints.length < MIN_DRAWN) return;
    this.loop.play();
  }

  /** Stop training (and any animation); the pictures stay. */
  pause(): void {
    this.loop.pause();
    this.animation.pause();
  }

  /** New initial weights from the same seed; keeps the settings (and drawn points). */
  reset(): void {
    this.pause();
    this.ddpm = this.ddim = null;
    this.task.reset();
  }

  /** One training frame (`steps-per-frame` updates) and a redraw. */
  async step(): Promise<{ step: number; loss: number } | undefined> {
    const s = await this.task.ready();
    if (!s) return undefined;
    const r = await s.d.train(this.stepsPerFrameClamped());
    this.afterTrain(r);
    await this.refreshSamples(s);
    return r;
  }

  /** Train `count` updates at once, then sample and redraw (prepared slides, print). */
  async trainFor(count: number): Promise<{ step: number; loss: number } | undefined> {
    const s = await this.task.ready();
    if (!s || count < 1) return undefined;
    const r = await s.d.train(count);
    this.afterTrain(r);
    await this.refreshSamples(s);
    return r;
  }

  /** Draw fresh samples with both samplers and show the finished result. */
  async sample(): Promise<void> {
    const s = await this.task.ready();
    if (s) await this.refreshSamples(s);
  }

  /** Animate the reverse process: t runs from T down to 0. */
  async playReverse(): Promise<void> {
    const s = await this.task.ready();
    if (!s) return;
    if (!this.ddpm) await this.refreshSamples(s);
    this.animationStart = performance.now();
    this.timestep = s.d.schedule.steps;
    this.animation.play();
  }

  /** Whether training is playing. */
  get playing(): boolean {
    return this.loop.playing;
  }

  /** Latest sample quality (MMD to held-out data; lower is better) for each sampler and for pure noise. */
  get sampleQuality(): { ddpm: number; ddim: number; baseline: number } {
    return { ...this.quality };
  }

  // ── lifecycle ────────────────────────────────────────────────────────────

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const modelKeys = ['datasetName', 'schedule', 'diffusionSteps', 'conditional', 'hiddenLayers', 'learningRate', 'batchSize', 'seed', 'backend', 'trainSteps'];
    if (modelKeys.some((k) => changed.has(k)) || !this.parsed) {
      this.parsed = this.parseAttributes();
      this.reportConfig(this.parsed.problems);
      if (this.task.status !== 'idle') this.reset();
      this.result = null;
      this.chart?.clear();
    } else if (['samplingSteps', 'samples', 'guidance', 'classLabel', 'stepsPerFrame', 'timestep'].some((k) => changed.has(k))) {
      this.parsed = this.parseAttributes();
      this.reportConfig(this.parsed.problems);
      const s = this.task.value;
      if (s && this.parsed.problems.length === 0) queueMicrotask(() => void this.refreshSamples(s));
    }
    if ((changed.has('timestep') || changed.has('noField')) && this.task.value) queueMicrotask(() => this.paint());
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
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
    const dataset = c.oneOf('dataset', this.datasetName, DATASETS, 'swiss-roll');
    const schedule = c.oneOf('schedule', this.schedule, SCHEDULE_KINDS, 'linear');
    const steps = c.integer('diffusion-steps', this.diffusionSteps, 10, 1000, 100);
    const samplingSteps = c.integer('sampling-steps', this.samplingSteps, 2, steps, Math.min(20, steps));
    const samples = c.integer('samples', this.samples, 10, 4000, 1000);
    const guidance = c.number('guidance', this.guidance, 0, 10, 1);
    const classLabel = c.integer('class-label', this.classLabel, -1, 15, -1);
    const hidden = c.parse('hidden-layers', this.hiddenLayers ?? '', parseHidden, [64, 64, 64]);
    const learningRate = c.number('learning-rate', this.learningRate, 1e-5, 0.1, 0.003);
    const batchSize = c.integer('batch-size', this.batchSize, 16, 4096, 512);
    const seed = c.integer('seed', this.seed, 0, 2 ** 31, 1);
    c.integer('timestep', this.timestep, 0, steps, 0);
    c.integer('train-steps', this.trainSteps, 0, 100000, 0);
    c.integer('steps-per-frame', this.stepsPerFrame, 1, 50, 5);
    if (this.backend && !['webgpu', 'webgl', 'wasm', 'cpu'].includes(this.backend)) {
      c.problems.push(`backend="${this.backend}" is not recognised. Use one of: webgpu, webgl, wasm, cpu.`);
    }
    if (this.conditional && (dataset === 'swiss-roll' || dataset === 'draw')) {
      c.problems.push(`conditional needs a data set with classes: dataset="${dataset}" has one. Use moons, rings, gaussians or smiley.`);
    }
    return {
      problems: c.problems,
      samplingSteps,
      samples,
      guidance,
      classLabel,
      options: {
        dataset: dataset === 'draw' ? ('custom' as const) : dataset,
        schedule,
        steps,
        hidden,
        learningRate,
        batchSize,
        seed,
        conditional: this.conditional,
      },
    };
  }

  private engineOptions() {
    if (!this.parsed || this.parsed.problems.length > 0) throw new Error('Fix the attributes listed above first.');
    const o = this.parsed.options;
    if (o.dataset === 'custom') {
      // Start from an example drawing, so the panel is never empty; Clear and draw your own.
      if (this.drawnPoints.length < MIN_DRAWN) this.drawnPoints = heartDrawing();
      return { ...o, custom: this.drawnPoints };
    }
    return o;
  }

  private stepsPerFrameClamped(): number {
    return Math.max(1, Math.min(50, Math.floor(this.stepsPerFrame) || 1));
  }

  private async handleReady(s: Session): Promise<void> {
    this.chart?.clear();
    this.quality = { ddpm: NaN, ddim: NaN, baseline: s.d.noiseBaseline() };
    if (this.timestep > s.d.schedule.steps) this.timestep = s.d.schedule.steps;
    await this.updateComplete;
    if (this.task.value !== s) return;
    this.ensureChart();
    if (this.trainSteps > 0) {
      const r = await s.d.train(this.trainSteps);
      if (this.task.value !== s) return;
      this.afterTrain(r);
    }
    await this.refreshSamples(s);
    if (this.task.value !== s) return;
    this.emit('dl-ready', { backend: this.task.backend?.name, params: s.d.paramCount, conditional: s.d.conditional });
    if (this.autoplay && !this.loop.playing) this.play();
  }

  private async trainFrame(): Promise<void> {
    const s = this.task.value;
    if (!s) {
      await this.task.ready();
      return;
    }
    // At least `steps-per-frame` updates, more while the frame's time budget lasts.
    const start = performance.now();
    let r = await s.d.train(this.stepsPerFrameClamped());
    while (performance.now() - start < FRAME_BUDGET_MS && this.task.value === s) r = await s.d.train(this.stepsPerFrameClamped());
    if (this.task.value !== s) return;
    this.afterTrain(r);
    // Resample at most every RESAMPLE_MS, and never spend more than about a quarter of the time sampling.
    const due = Math.max(RESAMPLE_MS, 3 * this.sampleMs);
    if (performance.now() - this.lastSample > due && !this.animation.playing) await this.refreshSamples(s);
  }

  private afterTrain(r: { step: number; loss: number }): void {
    this.result = r;
    this.chart?.push(r.step, [r.loss]);
    this.chart?.draw();
    this.emit('dl-train-step', { step: r.step, loss: r.loss });
  }

  /** Sample with both samplers (same starting noise), score them and repaint. */
  private async refreshSamples(s: Session): Promise<void> {
    // The session may be disposed (reset, removal) while an await is pending: check after each.
    const alive = () => this.task.value === s;
    if (this.sampling || !this.parsed || !alive()) return;
    this.sampling = true;
    try {
      const p = this.parsed;
      const t0 = performance.now();
      const common = { steps: p.samplingSteps, n: p.samples, guidance: p.guidance, classLabel: p.classLabel, seed: this.seed + 17 };
      const ddpm = await s.d.sample({ ...common, method: 'ddpm' });
      if (!alive()) return;
      const ddim = await s.d.sample({ ...common, method: 'ddim' });
      if (!alive()) return;
      this.ddpm = ddpm;
      this.ddim = ddim;
      // While training, a smaller MMD sum keeps refreshes cheap; the number is a little noisier.
      const q = { classLabel: s.d.conditional ? p.classLabel : -1, maxPoints: this.loop.playing ? 300 : 600 };
      this.quality = { ddpm: s.d.quality(ddpm.x, q), ddim: s.d.quality(ddim.x, q), baseline: s.d.quality(s.eps, q) };
      this.lastSample = performance.now();
      this.sampleMs = this.lastSample - t0;
      this.emit('dl-sample', { steps: this.ddim.times.length - 1, ...this.quality });
      this.paint();
      this.requestUpdate();
    } finally {
      this.sampling = false;
    }
  }

  private animateFrame(): void {
    const s = this.task.value;
    if (!s) return;
    const T = s.d.schedule.steps;
    const f = Math.min(1, (performance.now() - this.animationStart) / ANIMATION_MS);
    this.timestep = Math.round(T * (1 - f));
    if (f >= 1) this.animation.pause();
  }

  // ── drawing ──────────────────────────────────────────────────────────────

  private colours() {
    return {
      sample: cssVar(this, '--sample-colour', '#0877bd'),
      data: cssVar(this, '--data-colour', '#5b6573'),
      trajectory: cssVar(this, '--trajectory-colour', '#d0453b'),
      fg: cssVar(this, '--dl-color-fg', '#1d2430'),
      muted: cssVar(this, '--dl-color-muted', '#5b6573'),
      accent: cssVar(this, '--dl-color-accent', '#0877bd'),
      grid: cssVar(this, '--dl-color-border-soft', '#e3e7ec'),
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
    const t = Math.max(0, Math.min(this.timestep, s?.d.schedule.steps ?? 0));
    const labelled = !!s && (s.d.conditional || this.datasetName !== 'swiss-roll');
    // Forward panel: x_t = √ᾱ_t x₀ + √(1−ᾱ_t) ε with a fixed ε.
    const fwd = root.querySelector<HTMLCanvasElement>('canvas.forward');
    if (fwd) {
      const plot = plotContext(fwd, EXTENT);
      plot.ctx?.clearRect(0, 0, plot.size, plot.size);
      if (plot.ctx) drawAxes(plot.ctx, plot.size, col.grid);
      if (this.drawing || (this.datasetName === 'draw' && (!s || this.drawnPoints.length < MIN_DRAWN))) {
        drawPoints(plot, Float32Array.from(this.drawnPoints.flat()), this.drawnPoints.length, { colour: col.sample, radius: 2 });
      } else if (s) {
        const ab = t === 0 ? 1 : s.d.schedule.alphaBars[t - 1];
        const a = Math.sqrt(ab);
        const b = Math.sqrt(1 - ab);
        const x = s.d.data.x.map((v, i) => a * v + b * s.eps[i]);
        if (!this.noField && t > 0 && s.d.updates > 0) {
          const field = s.d.field(t, FIELD_GRID, { classLabel: s.d.conditional ? this.parsed!.classLabel : -1, guidance: this.parsed!.guidance });
          drawField(plot, field, FIELD_GRID, col.fg);
        }
        drawPoints(plot, x, s.d.data.n, { colour: col.sample, labels: labelled ? s.d.data.labels : null, alpha: 0.6 });
      }
    }
    for (const [name, r] of [['ddpm', this.ddpm], ['ddim', this.ddim]] as const) {
      const c = root.querySelector<HTMLCanvasElement>(`canvas.${name}`);
      if (!c) continue;
      const plot = plotContext(c, EXTENT);
      plot.ctx?.clearRect(0, 0, plot.size, plot.size);
      if (plot.ctx) drawAxes(plot.ctx, plot.size, col.grid);
      if (!s || !r) continue;
      drawPoints(plot, s.d.heldOut.x, s.d.heldOut.n, { colour: col.data, alpha: 0.18, radius: 1.3 });
      const k = this.frameAt(r, t);
      drawPoints(plot, r.frames, r.n, { colour: col.sample, labels: s.d.conditional ? r.labels : null, offset: k * r.n * 2, alpha: 0.75 });
      drawTrajectories(plot, r.frames, r.n, k, TRAJECTORIES, col.trajectory);
    }
    const sched = root.querySelector<HTMLCanvasElement>('canvas.schedule');
    if (sched && s) {
      drawSchedule(sched, s.curves.map((c) => ({ name: c.name, alphaBars: c.schedule.alphaBars, active: c.name === s.d.schedule.kind })), t, col);
    }
  }

  private ensureChart(): void {
    if (this.chart) return;
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>('.chart canvas');
    if (!canvas) return;
    const fg = cssVar(this, '--dl-color-muted', '#5b6573');
    this.chart = new LineChart(canvas, [{ label: 'loss ‖ε − ε̂‖²', color: cssVar(this, '--dl-color-fg', '#1d2430') }], { color: fg });
  }

  // ── events ───────────────────────────────────────────────────────────────

  private handleToggle(): void {
    if (this.loop.playing) this.pause();
    else this.play();
  }

  private handleDrawStart(event: PointerEvent): void {
    if (this.datasetName !== 'draw') return;
    this.drawing = true;
    (event.currentTarget as HTMLElement).setPointerCapture?.(event.pointerId);
    this.pause();
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
    if (this.drawnPoints.length < MIN_DRAWN) {
      this.requestUpdate();
      return;
    }
    this.ddpm = this.ddim = null;
    this.result = null;
    this.chart?.clear();
    this.task.reset();
  }

  /** Spray three points around the pointer (a small seeded jitter makes a stroke a thin cloud). */
  private addStroke(event: PointerEvent): void {
    const plot = event.currentTarget as HTMLElement;
    const { fx, fy } = localPoint(event, plot);
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
    queueMicrotask(() => this.paint());
  }

  private handleClear(): void {
    this.pause();
    this.ddpm = this.ddim = null;
    this.drawnPoints = [];
    queueMicrotask(() => this.paint());
  }

  // ── template ─────────────────────────────────────────────────────────────

  override render() {
    const note = this.renderSpeakerViewNote();
    const problems = this.renderConfigErrors();
    if (problems) return problems;
    const p = this.parsed!;
    const s = this.task.value;
    const T = p.options.steps;
    const t = Math.max(0, Math.min(T, Math.round(this.timestep)));
    const ab = s ? (t === 0 ? 1 : s.d.schedule.alphaBars[t - 1]) : NaN;
    const drawMode = this.datasetName === 'draw';
    const canTrain = !drawMode || this.drawnPoints.length >= MIN_DRAWN;
    const fmt = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : '–');
    const stepsShown = this.ddim ? this.ddim.times.length - 1 : p.samplingSteps;
    const classNames = s?.d.data.classNames ?? [];
    return html`
      ${note}
      <div class="dl-toolbar toolbar" part="toolbar">
        <button class="primary" @click=${this.handleToggle} aria-pressed=${this.loop.playing} ?disabled=${!canTrain}>${this.loop.playing ? 'Pause training' : 'Train'}</button>
        <button @click=${() => void this.step()} ?disabled=${!canTrain} title="Train a few updates">Step</button>
        <button @click=${() => void this.playReverse()} ?disabled=${!canTrain} title="Sample and animate from noise (t = T) to data (t = 0)">Sample ▶</button>
        <button @click=${() => this.reset()} title="Start again from the seeded initial weights">Reset</button>
        <span class="dl-status" aria-live="polite">${this.statusText()}</span>
      </div>
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
            <dt>Weights</dt><dd>${s ? s.d.paramCount : '–'}</dd>
          </dl>
          ${drawMode
            ? html`<p class="hint">${this.drawnPoints.length} points drawn${canTrain ? '' : ` (at least ${MIN_DRAWN})`}. Drag on the left panel.</p>
                <button @click=${this.handleClear}>Clear drawing</button>`
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

  private renderSettings(classNames: string[]) {
    const p = this.parsed!;
    const select = (label: string, value: string, list: readonly string[], onChange: (v: string) => void) =>
      html`<label>${label}<select @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value)}>
        ${list.map((v) => html`<option .value=${v} ?selected=${v === value}>${v}</option>`)}</select></label>`;
    const stepChoices = [...new Set([...STEP_CHOICES.filter((v) => v <= p.options.steps), p.samplingSteps])].sort((a, b) => a - b).map(String);
    const sampleChoices = [...new Set([...SAMPLE_CHOICES, p.samples])].sort((a, b) => a - b).map(String);
    return html`<div class="settings">
      ${select('Data', this.datasetName, DATASETS, (v) => (this.datasetName = v))}
      ${select('Schedule', p.options.schedule, SCHEDULE_KINDS, (v) => (this.schedule = v))}
      ${select('Sampling steps', String(p.samplingSteps), stepChoices, (v) => (this.samplingSteps = Number(v)))}
      ${select('Samples', String(p.samples), sampleChoices, (v) => (this.samples = Number(v)))}
      <label><input type="checkbox" .checked=${this.conditional} ?disabled=${this.datasetName === 'swiss-roll' || this.datasetName === 'draw'}
        @change=${(e: Event) => (this.conditional = (e.target as HTMLInputElement).checked)} />Class-conditional</label>
      ${this.conditional
        ? html`<label>Class<select @change=${(e: Event) => (this.classLabel = Number((e.target as HTMLSelectElement).value))}>
              <option value="-1" ?selected=${p.classLabel === -1}>all</option>
              ${classNames.map((n, i) => html`<option .value=${String(i)} ?selected=${p.classLabel === i}>${n}</option>`)}</select></label>
            <label>Guidance s = ${p.guidance.toFixed(1)}<input type="range" min="0" max="8" step="0.5" .value=${String(p.guidance)}
              @change=${(e: Event) => (this.guidance = Number((e.target as HTMLInputElement).value))} /></label>`
        : null}
      <label>Seed<input class="seed" type="number" min="0" step="1" .value=${String(this.seed)}
        @change=${(e: Event) => (this.seed = Math.max(0, Math.floor(Number((e.target as HTMLInputElement).value)) || 0))} /></label>
    </div>`;
  }

  private statusText(): string {
    const s = this.task.value;
    if (this.datasetName === 'draw' && this.drawnPoints.length < MIN_DRAWN) return 'Draw the data on the left panel, then press Train';
    if (this.task.status !== 'ready' || !s) {
      return this.task.status === 'loading' ? 'Loading TensorFlow.js…' : this.task.status === 'error' ? `Could not start: ${this.task.error}` : this.running ? 'Starting…' : 'Starts when shown';
    }
    const state = this.loop.playing ? (this.running ? 'training' : 'paused (off screen)') : this.animation.playing ? 'denoising' : 'paused';
    return `${this.task.backend?.name} · ${state}`;
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

defineElement('dl-diffusion-sampler', DlDiffusionSampler);

declare global {
  interface HTMLElementTagNameMap {
    'dl-diffusion-sampler': DlDiffusionSampler;
  }
}
