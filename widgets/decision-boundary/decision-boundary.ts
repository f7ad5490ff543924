import { html, type PropertyValues, type TemplateResult } from 'lit';
import type { Backend, BoundaryMeasurement, BoundaryTrainer, EpochResult, MeasureRequest } from '../../engine/index.ts';
import { styleProps } from '../_shared/style-props.ts';
import { defineElement } from '../_shared/dl-element.ts';
import { backendFromUrl, engineTask, type EngineModule, type EngineTask } from '../_shared/engine-task.ts';
import { localPoint, paintGrid } from '../_shared/canvas.ts';
import { ChartController } from '../_shared/loss-chart.ts';
import { cssVar, divergingTable } from '../_shared/palette.ts';
import { choice, flag, int, list, num, text } from '../_shared/props.ts';
import { widgetStyles } from '../_shared/styles.ts';
import { nextTask } from '../_shared/tasks.ts';
import { Training, TrainingElement } from '../_shared/training.ts';
import { mismatchedSettings, parseWeightsFile, readWeightsText, WEIGHTS_SUFFIX } from '../_shared/weights-file.ts';
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
const KERNELS = ['auto', 'wasm-simd', 'js', 'tfjs'] as const;
const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
const LEARNING_RATES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
const REG_RATES = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
const BATCH_SIZES = [1, 5, 10, 20, 30, 50, 100, 250];
/** Heat-map resolution: 100 × 100 like Playground. */
const GRID = 100;
/** Neuron thumbnail resolution. */
const THUMB = 26;
const MAX_LAYERS = 8;

/** The tfjs kernel in a Web Worker (loaded with the engine, by the task's build only). */
type BoundaryRemote = import('../../engine/workers/boundary-client.ts').BoundaryRemote;
type BoundaryRemoteInfo = import('../../engine/workers/boundary-client.ts').BoundaryRemoteInfo;

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
export class DlDecisionBoundary extends TrainingElement {
  static override styles = [widgetStyles, styles];

  /** Dataset: circle | xor | gauss | spiral | moons (classification), plane | multi-gauss (regression). */
  @choice(DATASETS, { attribute: 'dataset' }) datasetName: (typeof DATASETS)[number] = 'circle';
  /** Label noise, from 0 (clean) to 1. */
  @num({ min: 0, max: 1 }) noise = 0;
  /** Fraction of points used for training, 0.1–0.9; the rest is test data. */
  @num({ min: 0.1, max: 0.9 }) trainRatio = 0.5;
  /** Number of generated points (20–2000). */
  @int(20, 2000) points = 500;
  /** Input features, comma-separated from x1, x2, x1sq, x2sq, x1x2, sinx1, sinx2. */
  @list(FEATURES) features = 'x1,x2';
  /**
   * Hidden layer widths, comma-separated ("8,8"); empty for a linear model. (Not `hidden`: that
   * global HTML attribute would hide the element.)
   */
  @text({ check: checkHidden }) hiddenLayers = '4,2';
  /** Hidden activation: relu | tanh | sigmoid | linear. */
  @choice(ACTIVATIONS) activation: (typeof ACTIVATIONS)[number] = 'tanh';
  /** Learning rate. */
  @num({ min: 1e-6, max: 10 }) learningRate = 0.03;
  /** Optimizer: sgd | momentum | adam. */
  @choice(OPTIMIZERS) optimizer: (typeof OPTIMIZERS)[number] = 'sgd';
  /** Weight penalty: none | l1 | l2. */
  @choice(REGULARIZATIONS) regularization: (typeof REGULARIZATIONS)[number] = 'none';
  /** Penalty rate λ. */
  @num({ min: 0, max: 10 }) regularizationRate = 0;
  /** Minibatch size (1–500). */
  @int(1, 500) batchSize = 10;
  /** Seed for data, initial weights and batch order. */
  @int(0, 2 ** 31) seed = 1;
  /** Also draw the held-out test points. */
  @flag() showTestData = false;
  /** Show hard class regions instead of a smooth probability. */
  @flag() discretize = false;
  /** Start training as soon as the widget is shown. */
  @flag() autoplay = false;
  /** Setting groups to show: comma list of data, features, network, training, regularization, output; "all" or "none". */
  @text({ check: checkControls }) controls = 'all';
  /** Preferred TensorFlow.js backend (webgpu | webgl | wasm | cpu); `?backend=` on the page wins. */
  @choice(BACKENDS, { optional: true }) backend: string | null = null;
  /**
   * Arithmetic: auto (WebAssembly SIMD for small nets, else tfjs) | wasm-simd | js | tfjs
   * (TensorFlow.js minibatches in a Web Worker, on its backend; the pictures stay plain loops).
   */
  @choice(KERNELS) kernel: (typeof KERNELS)[number] = 'auto';
  /**
   * Run the tfjs kernel on the page, not in a Web Worker (a minibatch of a big network then
   * blocks the page while it runs; tests use it to count the page's tensors).
   */
  @flag() noWorker = false;
  /** Epochs to train before the first picture (a prepared slide, a print still). */
  @int(0, 100_000) trainEpochs = 0;
  /** Epochs per animation frame while playing (1–50); fewer when an epoch is slow, so a frame stays short. */
  @int(1, 50) epochsPerFrame = 1;
  /**
   * Start from a trained network: a `*.weights.json` file saved with this widget's "Save weights"
   * (⋯ menu), in the deck's folder. Reset returns to it. Its features, hidden layers and activation
   * must match this widget's.
   */
  @text({ check: checkWeightsName }) weights = '';

  private result: EpochResult | null = null;

  /** Where each trainer's tfjs minibatches run (trainers whose kernel is tfjs and not `no-worker`). */
  private readonly remotes = new WeakMap<BoundaryTrainer, BoundaryRemoteInfo>();
  /** The progress words of the status line last drawn ("epoch 3, 40 %"). */
  private shownProgress = '';

  private readonly task: EngineTask<BoundaryTrainer> = engineTask(this, {
    args: () => [this.datasetName, this.noise, this.trainRatio, this.points, this.features, this.hiddenLayers, this.activation, this.learningRate, this.optimizer, this.regularization, this.regularizationRate, this.batchSize, this.seed, this.kernel, this.backend, this.trainEpochs, this.weights, this.noWorker],
    build: (eng) => this.build(eng),
    ready: (trainer) => this.handleReady(trainer),
  });
  private readonly chart = new ChartController(this, {
    canvas: () => this.renderRoot.querySelector<HTMLCanvasElement>('.chart canvas'),
    series: () => [
      { label: 'train loss', color: cssVar(this, '--dl-color-fg', '#1d2430') },
      { label: 'test loss', color: cssVar(this, '--dl-color-accent-2', '#d0453b'), dashed: true },
    ],
    color: () => cssVar(this, '--dl-color-muted', '#5b6573'),
  });
  protected readonly training: Training<BoundaryTrainer> = new Training(this, {
    task: this.task,
    frame: (t, deadline) => this.trainFrame(t, deadline),
    step: (t) => this.stepOnce(t),
    describe: (t) => this.describeRun(t),
    autoplay: () => this.autoplay,
    onReset: () => this.clearRun(),
  });
  private lut?: Uint8ClampedArray;
  private lastBoundaryPaint = 0;
  private lastNeuronPaint = 0;
  private frame = 0;
  /**
   * The picture being computed (after an epoch, a click, the first picture), in slices across
   * frames at the largest networks; the old picture stays until it is complete.
   */
  private pending: { request: MeasureRequest; measure: (deadline: number) => BoundaryMeasurement | null; full: boolean; ms: number } | null = null;
  /** The last complete output grid (repainted as it is when `discretize` changes). */
  private lastGrid: Float32Array | null = null;
  /** Test accuracy measured with the last picture. */
  private lastAccuracy = NaN;
  /** Bumped by Reset and rebuilds: a sliced Step, `trainFor` or first picture in flight stops. */
  private generation = 0;

  /**
   * Train `epochs` epochs, then redraw (for prepared states and print). Works in ~30 ms slices
   * (inside an epoch too, at the largest networks) and yields to the browser between them, so the
   * page stays responsive. Resolves undefined if a Reset or rebuild interrupts it.
   */
  async trainFor(epochs: number): Promise<EpochResult | undefined> {
    return this.task.use(async (t) => {
      const pace = this.pacer();
      // About 60 points on the loss curve, whatever the number of epochs.
      const every = Math.max(1, Math.ceil(epochs / 60));
      for (let done = 0; done < epochs; ) {
        const chunk = Math.min(epochs - done, every);
        for (let got = 0; got < chunk; ) {
          got += await t.trainer.fitUntil(pace.deadline, chunk - got);
          this.showProgress(t);
          if (!(await pace.next())) return undefined;
        }
        done += chunk;
        if (done < epochs) {
          const m = await pace.finish(t.measure({ losses: true }));
          if (!m) return undefined;
          this.chart.push(this.savedEpochs + m.result!.epoch, [m.result!.trainLoss, m.result!.testLoss]);
        }
      }
      const m = await pace.finish(t.measure(this.fullRequest()));
      if (!m) return undefined;
      this.show(m, true, true);
      return m.result!;
    });
  }

  /**
   * Slices of ~30 ms for work outside the frame loop (trainFor, Step, the first picture):
   * `deadline` ends the current slice, `next()` yields to the page when it is over (false once a
   * Reset or rebuild makes the work stale), `finish(measure)` runs a measurement to its end.
   */
  private pacer() {
    const generation = this.generation;
    const stale = () => generation !== this.generation;
    const pace = {
      deadline: performance.now() + 30,
      async next(): Promise<boolean> {
        if (performance.now() >= pace.deadline) {
          await nextTask();
          pace.deadline = performance.now() + 30;
        }
        return !stale();
      },
      async finish(measure: (deadline: number) => BoundaryMeasurement | null): Promise<BoundaryMeasurement | null> {
        for (;;) {
          if (stale()) return null;
          const m = measure(pace.deadline);
          if (m) return m;
          if (!(await pace.next())) return null;
        }
      },
    };
    return pace;
  }

  /** Everything a picture shows: losses, accuracy, the boundary and (when shown) the neuron maps. */
  private fullRequest(neurons = true): MeasureRequest {
    return { losses: true, accuracy: !REGRESSION.has(this.datasetName), grid: GRID, neurons: neurons ? THUMB : 0 };
  }

  /**
   * Print hook (widgets/_shared/print-ready.ts): pause and train from the seeded start to at least
   * PRINT_EPOCHS epochs (or `train-epochs`), so a printed page shows a trained boundary.
   */
  async printReady(): Promise<void> {
    this.pause();
    const t = await this.task.ready();
    if (!t) return;
    // Weights from a file are the still the slide wants; otherwise train to a meaningful one.
    const target = this.weights ? this.trainEpochs : Math.max(PRINT_EPOCHS, this.trainEpochs);
    const done = this.result?.epoch ?? 0;
    if (done < target) await this.trainFor(target - done);
    await this.updateComplete;
  }

  /** Backend and kernel in use, once ready. */
  get engineInfo(): { backend: string; kernel: string; picture: string; skipped: string[]; where: 'page' | 'worker'; fallbackReason?: string } | null {
    const t = this.task.value;
    if (!t || !this.task.backend) return null;
    const remote = this.remotes.get(t);
    const backend = remote?.backend ?? this.task.backend;
    return { backend: backend.name, kernel: t.trainer.kernel, picture: t.trainer.pictureKernel, skipped: backend.skipped.map((s) => `${s.name}: ${s.reason}`), where: remote?.where ?? 'page', fallbackReason: remote?.fallbackReason };
  }

  /** Current accuracy on the test points (classification), NaN otherwise. */
  get accuracy(): number {
    return this.task.value?.accuracy('test') ?? NaN;
  }

  // ── saved weights ────────────────────────────────────────────────────────

  protected override get hasWeightsState(): boolean {
    return this.task.value !== undefined;
  }

  /** The trained network for "Save weights": layer sizes, weights and biases, and the epoch. */
  protected override weightsState(): BoundaryWeights | undefined {
    const t = this.task.value;
    if (!t) return undefined;
    const p = t.trainer.params;
    return { epoch: this.savedEpochs + (this.result?.epoch ?? 0), sizes: [...p.sizes], w: p.w.map((m) => Array.from(m)), b: p.b.map((v) => Array.from(v)) };
  }

  /**
   * Build the trainer; a tfjs kernel (asked for, or chosen by auto for a big network) runs its
   * minibatches in a Web Worker (or, where none starts, on the page, and the widget says why).
   */
  private async build(eng: EngineModule): Promise<BoundaryTrainer> {
    const initial = await this.loadWeights(this.weights);
    const client = this.noWorker ? null : await import('../../engine/workers/boundary-client.ts');
    const prefer = ((backendFromUrl() ?? this.backend) || null) as Backend | null;
    let remote: BoundaryRemote | undefined;
    // At 8 × 256 the seeded weights are half a million random numbers: made a layer at a time,
    // letting the page in between.
    const t = await eng.createBoundaryTrainerPaced(
      {
        ...this.engineOptions(),
        initial,
        tfjsElsewhere: client ? (init) => (remote = client.createBoundaryRemote(init, { backend: { prefer } })) : undefined,
      },
      nextTask,
    );
    if (remote) {
      try {
        this.remotes.set(t, await remote.ready);
      } catch (err) {
        t.dispose();
        throw err;
      }
    }
    return t;
  }

  /** Read `weights="name"`, check it fits this network, and return the starting weights (none without a name). */
  private async loadWeights(name: string): Promise<{ sizes: number[]; w: Float32Array[]; b: Float32Array[] } | undefined> {
    this.savedEpochs = 0;
    if (!name) return undefined;
    const file = parseWeightsFile(await readWeightsText(name), name, this.localName);
    const problems = mismatchedSettings(file, name, Object.fromEntries(this.currentAttributes()), this.defaultAttributes(), ['features', 'hidden-layers', 'activation']);
    if (problems.length > 0) throw new Error(problems.join(' '));
    const state = file.state as Partial<BoundaryWeights>;
    const layers = (m: unknown): m is number[][] => Array.isArray(m) && m.every((row) => Array.isArray(row) && row.every((v) => typeof v === 'number'));
    if (!Array.isArray(state.sizes) || !layers(state.w) || !layers(state.b)) throw new Error(`weights="${name}" has no layer sizes, weights and biases. Save it again with "Save weights".`);
    this.savedEpochs = typeof state.epoch === 'number' && Number.isInteger(state.epoch) && state.epoch >= 0 ? state.epoch : 0;
    return { sizes: state.sizes, w: state.w.map((m) => Float32Array.from(m)), b: state.b.map((v) => Float32Array.from(v)) };
  }

  /** Epochs the loaded weights had been trained for (0 without `weights`). */
  private savedEpochs = 0;

  // ── lifecycle ────────────────────────────────────────────────────────────

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('discretize')) queueMicrotask(() => this.lastGrid && this.paintHeat(this.lastGrid));
    if (changed.has('showTestData') && this.task.value) queueMicrotask(() => this.task.value && this.drawPoints(this.task.value));
  }

  private clearRun(): void {
    this.result = null;
    this.pending = null;
    this.lastGrid = null;
    this.lastAccuracy = NaN;
    this.generation++;
    this.chart.clear();
  }

  // ── engine glue ──────────────────────────────────────────────────────────

  /** The setting groups shown. */
  private get shownControls(): ControlGroup[] {
    const c = this.controls.trim();
    if (c === 'all' || c === '') return [...CONTROL_GROUPS];
    if (c === 'none') return [];
    return c.split(',').map((g) => g.trim()) as ControlGroup[];
  }

  private engineOptions() {
    return {
      dataset: this.datasetName,
      features: this.features.split(',').map((f) => f.trim()).filter(Boolean) as (typeof FEATURES)[number][],
      hidden: parseHidden(this.hiddenLayers),
      activation: this.activation,
      optimizer: this.optimizer,
      regularization: this.regularization,
      kernel: this.kernel,
      noise: this.noise,
      trainRatio: this.trainRatio,
      points: this.points,
      learningRate: this.learningRate,
      regularizationRate: this.regularizationRate,
      batchSize: this.batchSize,
      seed: this.seed,
    };
  }

  private async handleReady(trainer: BoundaryTrainer): Promise<void> {
    this.clearRun();
    await this.updateComplete;
    if (this.trainEpochs > 0) {
      if (!(await this.trainFor(this.trainEpochs))) return;
    } else {
      // The first picture in slices too: at 8 × 256 the losses and the map take seconds. Its first
      // slice, and its painting, each get a task of their own (after the build and the cleared
      // chart, after the last slice), so no task holds two of them.
      const generation = this.generation;
      await nextTask();
      if (generation !== this.generation || this.task.value !== trainer) return;
      const m = await this.pacer().finish(trainer.measure(this.fullRequest()));
      if (!m) return;
      await nextTask();
      if (generation !== this.generation || this.task.value !== trainer) return;
      this.show(m, true, false);
    }
    this.drawPoints(trainer);
    this.emit('dl-ready', { backend: this.engineInfo?.backend ?? this.task.backend?.name, kernel: trainer.trainer.kernel, params: trainer.trainer.paramCount });
  }

  /**
   * One frame: up to `epochs-per-frame` epochs until the deadline (an epoch of a big network at a
   * small batch resumes next frame where it stopped), then the picture of the last one. At the
   * largest networks the picture, too, is computed in slices over the next frames, and training
   * waits for it; small ones do both in one frame, as before.
   */
  private async trainFrame(t: BoundaryTrainer, deadline: number): Promise<void> {
    if (!this.pending) {
      if ((await t.trainer.fitUntil(deadline, this.epochsPerFrame)) === 0) return this.showProgress(t);
      // The loss chart and the neuron maps redraw with every third picture (they change slowly,
      // and skipping them keeps the page near 60 fps).
      const full = this.frame++ % 3 === 0;
      this.startMeasure(t, this.fullRequest(full), full);
    }
    // A few ms for the picture even when training used the frame: small networks paint every frame.
    this.runMeasure(Math.max(deadline, performance.now() + 4));
  }

  /** Redraw the status line when the progress of the epoch in progress moved (it shows "epoch 3, 40 %"). */
  private showProgress(t: BoundaryTrainer): void {
    const words = this.progressWords(t);
    if (words === this.shownProgress) return;
    this.shownProgress = words;
    this.requestUpdate();
  }

  /** "epoch 3, 40 % (720 / 1,800 rows)" while an epoch is half-done (slow epochs of big networks), else "". */
  private progressWords(t: BoundaryTrainer): string {
    const { done, total } = t.trainer.epochRows;
    if (total === 0) return '';
    const pct = (100 * done) / total;
    return `epoch ${this.savedEpochs + t.trainer.epoch + 1}, ${pct < 10 ? pct.toFixed(1) : Math.floor(pct)} % (${done.toLocaleString('en')} / ${total.toLocaleString('en')} rows)`;
  }

  /** Start computing a picture; a picture already in progress is replaced, keeping what it asked for. */
  private startMeasure(t: BoundaryTrainer, request: MeasureRequest, full: boolean): void {
    const prev = this.pending?.request ?? {};
    const merged: MeasureRequest = {
      losses: request.losses || prev.losses,
      accuracy: request.accuracy || prev.accuracy,
      grid: Math.max(request.grid ?? 0, prev.grid ?? 0),
      neurons: Math.max(request.neurons ?? 0, prev.neurons ?? 0),
    };
    this.pending = { request: merged, measure: t.measure(merged), full: full || (this.pending?.full ?? false), ms: 0 };
  }

  /** Work on the picture in progress until `deadline`; draw it once complete. True when drawn (or none). */
  private runMeasure(deadline: number): boolean {
    const p = this.pending;
    if (!p) return true;
    const t0 = performance.now();
    const m = p.measure(deadline);
    p.ms += performance.now() - t0;
    if (!m) return false;
    this.pending = null;
    this.lastBoundaryPaint = p.ms;
    this.show(m, p.full, true);
    return true;
  }

  /** Step: one epoch and its picture, in slices that yield to the page between them. */
  private async stepOnce(t: BoundaryTrainer): Promise<void> {
    const pace = this.pacer();
    // A paused frame may have left an epoch half-done (this finishes it) or its picture unfinished.
    if (!this.pending) {
      while ((await t.trainer.fitUntil(pace.deadline, 1)) === 0) {
        this.showProgress(t);
        if (!(await pace.next())) return;
      }
      this.startMeasure(t, this.fullRequest(), true);
    }
    while (!this.runMeasure(pace.deadline)) if (!(await pace.next())) return;
  }

  /** Show a complete measurement: stats, chart, boundary, neurons; `epoch`: it ends an epoch (chart, event). */
  private show(m: BoundaryMeasurement, full: boolean, epoch: boolean): void {
    if (!Number.isNaN(m.accuracy) || m.result) this.lastAccuracy = m.accuracy;
    if (m.result) {
      this.result = m.result;
      if (epoch) this.afterEpoch(m.result, m.accuracy, full);
    }
    if (m.grid.length > 0) {
      this.lastGrid = m.grid;
      this.paintHeat(m.grid);
    }
    if (m.neurons.length > 0) this.paintNeurons(m.neurons);
    this.requestUpdate();
  }

  private afterEpoch(r: EpochResult, accuracy: number, drawChart = true): void {
    this.chart.push(this.savedEpochs + r.epoch, [r.trainLoss, r.testLoss]);
    if (drawChart) this.chart.draw();
    this.emit('dl-train-step', { epoch: r.epoch, trainLoss: r.trainLoss, testLoss: r.testLoss, accuracy });
  }

  // ── drawing ──────────────────────────────────────────────────────────────

  private colours(): [string, string, string] {
    return [cssVar(this, '--negative', '#f59322'), cssVar(this, '--neutral', '#e8eaeb'), cssVar(this, '--positive', '#0877bd')];
  }

  /** Paint the boundary from an output grid (GRID × GRID). */
  private paintHeat(grid: Float32Array): void {
    const heat = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.heat');
    if (!heat) return;
    this.lut ??= divergingTable(...this.colours());
    const lut = this.lut;
    const regression = REGRESSION.has(this.datasetName);
    const toIndex = regression
      ? this.discretize
        ? (v: number) => (v >= 0 ? 255 : 0)
        : (v: number) => (Math.max(-1, Math.min(1, v)) + 1) * 127.5
      : this.discretize
        ? (v: number) => (v >= 0.5 ? 255 : 0)
        : (v: number) => v * 255;
    paintGrid(heat, grid, GRID, GRID, lut, toIndex);
  }

  /** Paint the per-neuron thumbnails from `[layer][neuron]` grids (THUMB × THUMB). */
  private paintNeurons(layers: Float32Array[][]): void {
    const t0 = performance.now();
    const thumbs = this.renderRoot.querySelectorAll<HTMLCanvasElement>('.neurons canvas');
    if (thumbs.length === 0) return;
    this.lut ??= divergingTable(...this.colours());
    const lut = this.lut;
    let k = 0;
    for (const layer of layers.slice(0, MAX_LAYERS)) {
      // The template shows at most 16 neurons of a layer.
      for (const values of layer.slice(0, 16)) {
        const c = thumbs[k++];
        if (!c) continue;
        let maxAbs = 1e-6;
        for (const v of values) maxAbs = Math.max(maxAbs, Math.abs(v));
        paintGrid(c, values, THUMB, THUMB, lut, (v) => (v / maxAbs + 1) * 127.5);
      }
    }
    this.lastNeuronPaint = performance.now() - t0;
  }

  /** Milliseconds the last picture took to compute, over all its slices (losses, accuracy, the 100 × 100 map, neurons). */
  get paintMs(): number {
    return this.lastBoundaryPaint;
  }

  /** Milliseconds the last repaint of the per-neuron maps' pixels took. */
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
    // The new boundary: in slices (the frame loop runs them while playing; here while paused).
    this.startMeasure(t, { grid: GRID, neurons: THUMB }, true);
    if (!this.playing) void this.task.use(async () => {
      const pace = this.pacer();
      while (!this.runMeasure(pace.deadline)) if (!(await pace.next())) return;
    });
    this.emit('dl-point-added', { x1, x2, label });
  }

  /** A setting control changed a property (its value is checked like an attribute's). */
  private set(key: 'datasetName' | 'noise' | 'trainRatio' | 'activation' | 'optimizer' | 'learningRate' | 'batchSize' | 'regularization' | 'regularizationRate', value: string | number): void {
    (this as unknown as Record<string, unknown>)[key] = value;
  }

  private handleFeature(feature: string, on: boolean): void {
    const current = new Set(this.features.split(',').map((s) => s.trim()).filter(Boolean));
    if (on) current.add(feature);
    else current.delete(feature);
    if (current.size === 0) return;
    this.features = FEATURES.filter((f) => current.has(f)).join(',');
  }

  // ── template ─────────────────────────────────────────────────────────────

  override render(): TemplateResult {
    const note = this.renderSpeakerViewNote();
    const problems = this.renderConfigErrors();
    if (problems) return problems;
    const t = this.task.value;
    const r = this.result;
    const regression = REGRESSION.has(this.datasetName);
    const hidden = parseHidden(this.hiddenLayers);
    const controls = this.shownControls;
    const show = (g: ControlGroup) => controls.includes(g);
    const hasSettings = controls.length > 0;
    return html`
      ${note}
      ${this.training.renderToolbar()}
      <div class=${hasSettings ? 'layout' : 'layout no-settings'}>
        ${hasSettings ? html`<div class="settings">${this.renderSettings(show)}</div>` : null}
        <div>
          <div class="plot" part="plot" @pointerdown=${this.handlePlotClick}
            role="img" aria-label=${`Decision boundary of the network on the ${this.datasetName} dataset. Click to add a point of class 1, shift-click for class 0.`}>
            <canvas class="heat" width=${GRID} height=${GRID}></canvas>
            <canvas class="points"></canvas>
          </div>
          <div class="legend"><span>${regression ? '−1' : 'class 0'}</span><span>${regression ? '0' : 'p = 0.5'}</span><span>${regression ? '+1' : 'class 1'}</span></div>
          <div class="bar"></div>
          <p class="hint">Click: add a ${regression ? '+1' : 'class 1'} point · shift-click: ${regression ? '−1' : 'class 0'}</p>
          ${t && this.remotes.get(t)?.fallbackReason
            ? html`<p class="hint fallback">The tf.js minibatches run on the page, so a big network pauses it while one runs (no Web Worker: ${this.remotes.get(t)!.fallbackReason}).</p>`
            : null}
        </div>
        <div class="side">
          <dl class="stats">
            <dt>Epoch</dt><dd>${r ? this.savedEpochs + r.epoch : '–'}</dd>
            <dt>Training loss</dt><dd>${r ? r.trainLoss.toFixed(3) : '–'}</dd>
            <dt>Test loss</dt><dd>${r && Number.isFinite(r.testLoss) ? r.testLoss.toFixed(3) : '–'}</dd>
            ${regression ? null : html`<dt>Test accuracy</dt><dd>${t && !Number.isNaN(this.lastAccuracy) ? `${(this.lastAccuracy * 100).toFixed(1)} %` : '–'}</dd>`}
          </dl>
          <div class="chart"><canvas aria-label="Training and test loss per epoch"></canvas></div>
          ${hidden.length > 0
            ? html`<div class="neurons" role="group" aria-label="Output of each hidden neuron over the plane">
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
    const o = this.engineOptions();
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

  private describeRun(t: BoundaryTrainer): string {
    const remote = this.remotes.get(t);
    const tf = remote ? `tf.js kernels ${remote.where === 'worker' ? 'in a worker' : 'on the page'} (${remote.backend.name})` : 'tf.js kernels';
    const kernel = { 'wasm-simd': 'training in WebAssembly SIMD', js: 'fused JS kernel', tfjs: tf }[t.trainer.kernel];
    const picture = t.trainer.pictureKernel === 'wasm-simd' ? 'map in WebAssembly SIMD' : 'map in JS';
    const start = this.weights ? ` · from ${this.weights} (${this.savedEpochs} epochs)` : '';
    const progress = this.progressWords(t);
    this.shownProgress = progress;
    return `${kernel} · ${picture} · ${t.trainer.paramCount} weights${start}${progress ? ` · ${progress}` : ''}`;
  }
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

/** What "Save weights" stores for this widget (widgets/_shared/weights-file.ts has the envelope). */
interface BoundaryWeights {
  /** Epochs trained when saved. */
  epoch: number;
  /** Layer widths, input first. */
  sizes: number[];
  /** One row-major `sizes[l] × sizes[l+1]` matrix per layer. */
  w: number[][];
  /** One bias vector per layer. */
  b: number[][];
}

/** The message for a bad `weights` file name, or null. */
function checkWeightsName(value: string): string | null {
  if (value === '') return null;
  if (/^[a-z]+:|^\/\//i.test(value)) return `use a file in the deck's folder, not a web address (decks work offline), e.g. "spiral${WEIGHTS_SUFFIX}".`;
  return value.endsWith(WEIGHTS_SUFFIX) ? null : `end the file name with "${WEIGHTS_SUFFIX}" (a deck bundles those files), e.g. "spiral${WEIGHTS_SUFFIX}".`;
}

/** The message for a bad `controls` value, or null. */
function checkControls(value: string): string | null {
  const v = value.trim();
  if (v === 'all' || v === 'none' || v === '') return null;
  const bad = v.split(',').map((g) => g.trim()).filter((g) => !(CONTROL_GROUPS as readonly string[]).includes(g));
  return bad.length === 0 ? null : `${bad.map((b) => `"${b}"`).join(', ')} not recognised. Use "all", "none" or a comma-separated list from: ${CONTROL_GROUPS.join(', ')}.`;
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
