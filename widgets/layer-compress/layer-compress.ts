import { html, type PropertyValues, type TemplateResult } from 'lit';
import type { CnnCompressor, CompressionResult } from '../../engine/js.ts';
import { defineElement } from '../_shared/dl-element.ts';
import { jsEngineTask, type EngineTask, type JsEngineModule } from '../_shared/engine-task.ts';
import { cssVar } from '../_shared/palette.ts';
import { choice, flag, int } from '../_shared/props.ts';
import { widgetStyles } from '../_shared/styles.ts';
import { nextTask } from '../_shared/tasks.ts';
import { Training, TrainingElement } from '../_shared/training.ts';
import { styles } from './layer-compress.styles.ts';
import { drawKernels } from './layer-compress.view.ts';

const LAYERS = ['conv1', 'conv2'] as const;
const METHODS = ['svd', 'tucker', 'cp'] as const;
const METHOD_NAMES: Record<(typeof METHODS)[number], string> = { svd: 'SVD of the kernel matrix', tucker: 'Tucker (HOSVD)', cp: 'CP (ALS)' };

/** What the task builds: the compressor, and the engine's slicer to run compressions between frames. */
interface Session {
  c: CnnCompressor;
  run: JsEngineModule['runInSlices'];
}

/**
 * `<dl-layer-compress>`: compress a trained layer and see what it costs. The tiny CNN trains on
 * 2,000 shipped digits (Play); then one convolution's kernels are replaced by a low-rank version
 * (truncated SVD of the kernel matrix, Tucker by HOSVD or CP by ALS of the kernel tensor) and the
 * test accuracy on 300 digits is measured again, beside the numbers stored and the original and
 * compressed kernels.
 *
 * ```html
 * <dl-layer-compress layer="conv1" method="svd" rank="2"></dl-layer-compress>
 * ```
 *
 * @summary A trained CNN layer compressed by SVD, Tucker or CP, with test accuracy against numbers stored.
 * @event dl-ready - The digits are loaded and the network built. detail: { backend: string }
 * @event dl-train-step - After each frame of training. detail: { step: number; loss: number }
 * @event dl-compressed - A compression was measured. detail: { accuracy: number; baseAccuracy: number; params: number; originalParams: number }
 * @csspart toolbar - Train, step, reset, layer, method, rank and status.
 * @cssproperty [--negative=var(--dl-color-negative)] - Colour of negative weights.
 * @cssproperty [--positive=var(--dl-color-positive)] - Colour of positive weights.
 */
export class DlLayerCompress extends TrainingElement {
  static override styles = [widgetStyles, styles];

  /** Layer to compress: conv1 (8 kernels of 5 × 5) | conv2 (16 × 8 kernels of 3 × 3). */
  @choice(LAYERS) layer: (typeof LAYERS)[number] = 'conv1';
  /** Decomposition: svd | tucker | cp. */
  @choice(METHODS) method: (typeof METHODS)[number] = 'svd';
  /** Rank: SVD rank, Tucker rank of every mode (clamped to each mode's size), or CP components (1–64). */
  @int(1, 64) rank = 2;
  /** Minibatch updates (16 digits each) before the network counts as trained (10–3000). */
  @int(10, 3000) trainSteps = 300;
  /** Seed for the digit subsets, weights and batch order. */
  @int(0, 2 ** 31) seed = 1;
  /** Start training when shown. */
  @flag() autoplay = false;

  private result: CompressionResult | null = null;
  private loss = NaN;
  /** Counts compressions started, so a slow one that finishes late is dropped. */
  private generation = 0;

  private readonly task: EngineTask<Session, JsEngineModule> = jsEngineTask(this, {
    args: () => [this.seed],
    build: async (eng) => ({ c: await eng.createCnnCompressor({ trainCount: 2000, testCount: 300, batchSize: 16, learningRate: 0.005, seed: this.seed, cpSweeps: 40 }), run: eng.runInSlices }),
    ready: () => this.emit('dl-ready', { backend: 'js' }),
  });
  protected readonly training: Training<Session> = new Training(this, {
    task: this.task,
    frame: (s, deadline) => {
      // One digit per call (an update is 16): on a slow machine one update outlasts a frame, so
      // the deadline is checked between digits and the minibatch resumes in the next frame.
      do s.c.trainDigits(1);
      while (performance.now() < deadline && s.c.steps < this.trainSteps);
      this.loss = s.c.lastLoss;
      this.result = null;
      this.emit('dl-train-step', { step: s.c.steps, loss: this.loss });
      if (s.c.steps >= this.trainSteps) void this.measure();
    },
    describe: (s) => `update ${s.c.steps} of ${this.trainSteps}${Number.isFinite(this.loss) ? ` · loss ${this.loss.toFixed(3)}` : ''}`,
    finished: (s) => s.c.steps >= this.trainSteps,
    autoplay: () => this.autoplay,
    onReset: () => {
      this.result = null;
      this.loss = NaN;
    },
  });

  /** Compress with the current settings and measure, in slices; the newest request wins. */
  async measure(): Promise<CompressionResult | null> {
    const generation = ++this.generation;
    const result = await this.task.use((s) => s.run(s.c.compressSteps(this.layer, this.method, this.rank)));
    if (generation !== this.generation || !result) return null;
    this.result = result;
    this.emit('dl-compressed', { accuracy: result.accuracy, baseAccuracy: result.baseAccuracy, params: result.params, originalParams: result.originalParams });
    this.requestUpdate();
    return result;
  }

  /** Print hook (widgets/_shared/print-ready.ts): train to the end in 30 ms slices, then measure. */
  async printReady(): Promise<void> {
    this.pause();
    await this.task.use(async (s) => {
      while (s.c.steps < this.trainSteps) {
        const until = performance.now() + 30;
        while (s.c.steps < this.trainSteps && performance.now() < until) s.c.trainDigits(1);
        this.loss = s.c.lastLoss;
        await nextTask();
      }
    });
    await this.measure();
    await this.updateComplete;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (['layer', 'method', 'rank'].some((k) => changed.has(k)) && this.task.value && this.task.value.c.steps > 0) void this.measure();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.paint();
  }

  /** The kernels to draw: conv1's f₁ kernels, or conv2's kernels on its first input channel. */
  private kernelsOf(weights: Float32Array, s: Session): { data: Float32Array; count: number; side: number } {
    const { filters1: f1, kernel1: k1, filters2: f2, kernel2: k2 } = s.c.shape;
    if (this.layer === 'conv1') return { data: weights, count: f1, side: k1 };
    const data = new Float32Array(f2 * k2 * k2);
    for (let o = 0; o < f2; o++) data.set(weights.subarray(o * f1 * k2 * k2, o * f1 * k2 * k2 + k2 * k2), o * k2 * k2);
    return { data, count: f2, side: k2 };
  }

  private paint(): void {
    const s = this.task.value;
    const before = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.before');
    const after = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.after');
    if (!s || !before || !after) return;
    const colours = { neg: cssVar(this, '--negative', '#f59322'), mid: cssVar(this, '--dl-color-surface-raised', '#ffffff'), pos: cssVar(this, '--positive', '#0877bd'), border: cssVar(this, '--dl-color-border', '#c5ccd6') };
    const original = this.kernelsOf(s.c.weights(this.layer), s);
    const scale = original.data.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    drawKernels(before, before.clientWidth || 340, original.data, original.count, original.side, scale, colours);
    // Before the first measurement the compressed grid is drawn empty (all zeros), at the same size.
    const k = this.kernelsOf(this.result?.weights ?? new Float32Array(s.c.weights(this.layer).length), s);
    drawKernels(after, after.clientWidth || 340, k.data, k.count, k.side, scale, colours);
  }

  private renderControls(): TemplateResult {
    return html`<label>Layer <select @change=${(e: Event) => (this.layer = (e.target as HTMLSelectElement).value as DlLayerCompress['layer'])}>
        ${LAYERS.map((l) => html`<option .value=${l} ?selected=${l === this.layer}>${l}</option>`)}</select></label>
      <label>Method <select @change=${(e: Event) => (this.method = (e.target as HTMLSelectElement).value as DlLayerCompress['method'])}>
        ${METHODS.map((m) => html`<option .value=${m} ?selected=${m === this.method}>${METHOD_NAMES[m]}</option>`)}</select></label>
      <label>Rank <b>${this.rank}</b>
        <input type="range" min="1" max=${this.layer === 'conv1' ? 25 : 64} step="1" .value=${String(this.rank)} aria-label="Rank"
          @change=${(e: Event) => (this.rank = Number((e.target as HTMLInputElement).value))} /></label>`;
  }

  override render(): TemplateResult {
    const problems = this.renderConfigErrors();
    if (problems) return problems;
    const r = this.result;
    const s = this.task.value;
    const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
    return html`${this.renderSpeakerViewNote()}
      ${this.training.renderToolbar(this.renderControls(), { play: 'Train' })}
      <div class="layout">
        <figure><canvas class="before" role="img" aria-label="The trained kernels"></canvas><figcaption>trained ${this.layer} kernels${this.layer === 'conv2' ? ' (input channel 1 of 8)' : ''}</figcaption></figure>
        <figure><canvas class="after" role="img" aria-label="The compressed kernels"></canvas><figcaption>compressed (same colour scale)</figcaption></figure>
        <div class="readout">
          ${r
            ? html`<p><b class="params">${r.params.toLocaleString('en-US')}</b> of ${r.originalParams.toLocaleString('en-US')} numbers${r.params > r.originalParams ? ' (more than the layer!)' : ''} · ranks ${r.ranks.join(' × ')}</p>
                <p>weight error <b class="error">${pct(r.error)}</b></p>
                <p>test accuracy <b class="accuracy">${pct(r.accuracy)}</b> (uncompressed <b class="base">${pct(r.baseAccuracy)}</b>, 300 test digits)</p>`
            : html`<p>${s && s.c.steps >= this.trainSteps ? 'measuring…' : 'Train the network first; then move the rank.'}</p>`}
        </div>
      </div>`;
  }
}

defineElement('dl-layer-compress', DlLayerCompress);

declare global {
  interface HTMLElementTagNameMap {
    'dl-layer-compress': DlLayerCompress;
  }
}
