import { html, type PropertyValues, type TemplateResult } from 'lit';
import type { PointNetReadout, PointNetTrainer, Rng, RotationMode } from '../../engine/js.ts';
import { localPoint } from '../_shared/canvas.ts';
import { defineElement } from '../_shared/dl-element.ts';
import { jsEngineTask, type EngineTask, type JsEngineModule } from '../_shared/engine-task.ts';
import { ChartController } from '../_shared/loss-chart.ts';
import { cssVar } from '../_shared/palette.ts';
import { choice, flag, int, num } from '../_shared/props.ts';
import { widgetStyles } from '../_shared/styles.ts';
import { nextTask } from '../_shared/tasks.ts';
import { Training, TrainingElement } from '../_shared/training.ts';
import { styles } from './point-cloud.styles.ts';
import { drawBars, drawCloud } from './point-cloud.view.ts';

const AUGMENTS = ['none', 'vertical', 'so3'] as const;
const TEST_ROTATIONS = ['vertical', 'so3'] as const;
const AUGMENT_WORDS: Record<(typeof AUGMENTS)[number], string> = { none: 'off', vertical: 'about the vertical axis', so3: 'any rotation (SO(3))' };
/** Side of the 3-D view, CSS px. */
const VIEW = 370;
/** Steps between two measurements of test accuracy. */
const EVAL_EVERY = 40;
/** Training stops here (Play then starts again from the seed). */
const MAX_STEPS = 3000;

/** The engine object plus the few engine functions the buttons need (the engine loads lazily). */
interface Live {
  t: PointNetTrainer;
  eng: JsEngineModule;
  rng: Rng;
}

/**
 * `<dl-point-cloud>`: PointNet trains live on six synthetic 3-D shapes (sphere, cube, cylinder,
 * cone, torus, pyramid; 128 noisy, stretched surface points each). One network h is applied to
 * every point, the element-wise max over the points gives a global feature, and a classifier reads
 * it. The view shows a test shape you can orbit by dragging (the camera moves, the network's input
 * does not); the critical points, the ones that win the max of at least one feature, are drawn
 * large in red. Shuffle the points and the output does not change at all; drop half of them and the
 * prediction usually holds; turn the shape and a network trained without rotation augmentation
 * often fails, which the accuracy on rotated test shapes shows over training.
 *
 * ```html
 * <dl-point-cloud augment="none" test-rotation="vertical"></dl-point-cloud>
 * ```
 *
 * @summary PointNet trained live on 3-D shapes: critical points, shuffle, drop 50 %, rotation augmentation.
 * @event dl-ready - The shapes and the network are built. detail: { backend: string }
 * @event dl-train-step - After each frame of training. detail: { step: number; loss: number; accuracy: number; rotatedAccuracy: number }
 * @event dl-shuffle - The Shuffle button reordered the points. detail: { maxChange: number } (the largest change of any class probability: 0)
 * @csspart toolbar - Play, step, reset, augmentation and status.
 * @csspart view - The 3-D view of the point cloud (drag to orbit).
 * @cssproperty [--point-color=var(--dl-color-fg)] - Colour of the points.
 * @cssproperty [--critical-color=var(--dl-color-accent-2)] - Colour of the critical points.
 */
export class DlPointCloud extends TrainingElement {
  static override styles = [widgetStyles, styles];

  /** Points per shape (16–256). */
  @int(16, 256) points = 128;
  /** Rotation augmentation of the training shapes at the start: none | vertical | so3 (the select changes it while training). */
  @choice(AUGMENTS) augment: (typeof AUGMENTS)[number] = 'none';
  /** How the rotated test shapes are turned: vertical (about the up axis) | so3 (any rotation). */
  @choice(TEST_ROTATIONS) testRotation: (typeof TEST_ROTATIONS)[number] = 'vertical';
  /** Adam learning rate. */
  @num({ min: 0.0001, max: 0.05 }) learningRate = 0.003;
  /** Seed for shapes, weights and batches. */
  @int(0, 2 ** 31) seed = 1;
  /** Start training when shown (not under prefers-reduced-motion). */
  @flag() autoplay = false;

  /** The test shape on view. */
  private shapeIndex = 0;
  /** The cloud as the network receives it (after Turn and Shuffle), xyz interleaved. */
  private cloud: Float32Array | null = null;
  /** 1 for the points hidden from the network by "Drop 50 %". */
  private dropped: Uint8Array | null = null;
  private turned = false;
  /** Whether the critical points are highlighted. */
  private criticalShown = true;
  private readout: PointNetReadout | null = null;
  private lastLoss = NaN;
  private scores = { step: -1, upright: NaN, rotated: NaN };
  /** Which measurement the next frame makes instead of training: none, then upright, then rotated. */
  private evalPhase: 'none' | 'upright' | 'rotated' = 'none';
  private message = '';
  private yaw = 0.6;
  private pitch = 0.35;
  private drag: { x: number; y: number; yaw: number; pitch: number; id: number } | null = null;

  private readonly task: EngineTask<Live, JsEngineModule> = jsEngineTask(this, {
    args: () => [this.points, this.learningRate, this.seed],
    // The shapes are drawn in slices of a few ms (issue 18); a newer build, Reset or removal stops this one.
    build: async (eng) => {
      const token = (this.buildToken = {});
      const stale = () => token !== this.buildToken || !this.isConnected || this.task.status !== 'loading';
      const options = { points: this.points, learningRate: this.learningRate, seed: this.seed, augment: this.augment, testPerClass: 15 };
      return { t: await eng.buildPointNetTrainer(options, { shouldStop: stale }), eng, rng: eng.createRng(this.seed + 1) };
    },
    // The first picture, then each test score in a task of its own.
    ready: async (v) => {
      this.showShape(v, 0);
      for (const which of ['upright', 'rotated'] as const) {
        await nextTask();
        if (this.task.value !== v) return;
        this.measure(v, which);
      }
      this.emit('dl-ready', { backend: 'js' });
    },
  });
  /** The build in progress: a newer one replaces it, and the old one stops at its next slice. */
  private buildToken: object | null = null;
  private readonly chart = new ChartController(this, {
    canvas: () => this.renderRoot.querySelector<HTMLCanvasElement>('.chart canvas'),
    series: () => [
      { label: 'upright test shapes', color: cssVar(this, '--dl-color-accent', '#0877bd') },
      { label: this.testRotation === 'so3' ? 'test shapes, any rotation' : 'test shapes turned about the vertical', color: cssVar(this, '--dl-color-negative', '#f59322') },
    ],
    color: () => cssVar(this, '--dl-color-muted', '#5b6573'),
    yLabel: 'test accuracy',
  });
  protected readonly training: Training<Live> = new Training(this, {
    task: this.task,
    frame: (v, deadline) => this.handleFrame(v, deadline),
    step: (v) => this.handleFrame(v, 0),
    describe: (v) => `step ${v.t.steps}${Number.isFinite(this.lastLoss) ? ` · loss ${this.lastLoss.toFixed(3)}` : ''}`,
    finished: (v) => v.t.steps >= MAX_STEPS,
    autoplay: () => this.autoplay,
    onReset: () => {
      this.chart.clear();
      this.lastLoss = NaN;
      this.scores = { step: -1, upright: NaN, rotated: NaN };
      this.message = '';
    },
  });

  /** Camera angle about the vertical axis, radians (dragging sideways changes it). */
  get viewYaw(): number {
    return this.yaw;
  }

  /** Camera elevation, radians (dragging up and down changes it). */
  get viewPitch(): number {
    return this.pitch;
  }

  /** Bring the widget to a still worth printing: 300 seeded steps, then the picture. */
  async printReady(): Promise<void> {
    this.pause();
    await this.task.use((v) => {
      if (v.t.steps < 300) v.t.step(300 - v.t.steps);
      this.measure(v, 'upright');
      this.measure(v, 'rotated');
      this.classifyShown(v);
    });
    this.requestUpdate();
    await this.updateComplete;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('augment') && this.task.value) this.task.value.t.augment = this.augment as RotationMode;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.paint();
  }

  /** One frame: a measurement when one is due, otherwise training until the deadline. */
  private handleFrame(v: Live, deadline: number): void {
    if (this.evalPhase !== 'none') {
      this.measure(v, this.evalPhase);
      this.evalPhase = this.evalPhase === 'upright' ? 'rotated' : 'none';
    } else {
      do {
        this.lastLoss = v.t.step();
        if (v.t.steps % EVAL_EVERY === 0) {
          this.evalPhase = 'upright';
          break;
        }
      } while (performance.now() < deadline && v.t.steps < MAX_STEPS);
    }
    this.classifyShown(v);
    this.emit('dl-train-step', { step: v.t.steps, loss: this.lastLoss, accuracy: this.scores.upright, rotatedAccuracy: this.scores.rotated });
  }

  private measure(v: Live, which: 'upright' | 'rotated'): void {
    const acc = v.t.evaluate(which === 'upright' ? 'none' : this.testRotation).accuracy;
    if (this.scores.step !== v.t.steps) this.scores = { step: v.t.steps, upright: NaN, rotated: NaN };
    this.scores[which] = acc;
    if (which === 'rotated') {
      this.chart.push(v.t.steps, [this.scores.upright, this.scores.rotated]);
      this.chart.draw();
    }
  }

  /** Show test shape `i`, upright and in its stored order; a running "drop 50 %" draws a new half. */
  private showShape(v: Live, i: number): void {
    this.shapeIndex = i % v.t.test.count;
    this.cloud = v.t.testCloud(this.shapeIndex);
    this.turned = false;
    this.message = '';
    if (this.dropped) this.dropped = this.drawDrop(v);
    this.classifyShown(v);
  }

  private drawDrop(v: Live): Uint8Array {
    const n = this.points;
    const { kept } = v.eng.dropPoints(this.cloud!, n, 0.5, v.rng);
    const mask = new Uint8Array(n).fill(1);
    for (const i of kept) mask[i] = 0;
    return mask;
  }

  /** How many points the network sees. */
  private seen(): number {
    return this.dropped ? this.dropped.reduce((n, d) => n + (d ? 0 : 1), 0) : this.points;
  }

  /** The points the network sees, and the display index of each. */
  private networkInput(): { points: Float32Array; index: Int32Array } {
    const n = this.points;
    const cloud = this.cloud!;
    if (!this.dropped) return { points: cloud, index: Int32Array.from({ length: n }, (_, i) => i) };
    const index = Int32Array.from(Array.from({ length: n }, (_, i) => i).filter((i) => !this.dropped![i]));
    const points = new Float32Array(3 * index.length);
    index.forEach((i, j) => points.set(cloud.subarray(3 * i, 3 * i + 3), 3 * j));
    return { points, index };
  }

  private classifyShown(v: Live): PointNetReadout | null {
    if (!this.cloud) return null;
    const input = this.networkInput();
    const r = v.t.classify(input.points, input.index.length);
    // Critical points are indices into the network's input; map them back to the view's points.
    this.readout = { ...r, critical: Int32Array.from(r.critical, (j) => input.index[j]) };
    return this.readout;
  }

  private handleShuffle(): void {
    void this.task.use((v) => {
      if (!this.cloud) return;
      const before = this.classifyShown(v)!.probabilities;
      const n = this.points;
      const order = v.rng.shuffle(Array.from({ length: n }, (_, i) => i));
      const cloud = new Float32Array(3 * n);
      const dropped = this.dropped ? new Uint8Array(n) : null;
      order.forEach((from, to) => {
        cloud.set(this.cloud!.subarray(3 * from, 3 * from + 3), 3 * to);
        if (dropped) dropped[to] = this.dropped![from];
      });
      this.cloud = cloud;
      this.dropped = dropped;
      const after = this.classifyShown(v)!.probabilities;
      let maxChange = 0;
      for (let c = 0; c < after.length; c++) maxChange = Math.max(maxChange, Math.abs(after[c] - before[c]));
      this.message = `Shuffled the order of the ${n} points: the largest change of any probability is ${maxChange === 0 ? 'exactly 0' : maxChange.toExponential(1)}.`;
      this.emit('dl-shuffle', { maxChange });
      this.requestUpdate();
    });
  }

  private handleDrop(): void {
    void this.task.use((v) => {
      if (!this.cloud) return;
      this.dropped = this.dropped ? null : this.drawDrop(v);
      this.classifyShown(v);
      this.message = this.dropped ? `The network now sees ${this.seen()} of the ${this.points} points (faint rings: dropped).` : 'All points are back.';
      this.requestUpdate();
    });
  }

  private handleTurn(): void {
    void this.task.use((v) => {
      if (!this.cloud) return;
      v.eng.rotatePoints(this.cloud, this.points, v.eng.randomRotation(this.testRotation, v.rng));
      this.turned = true;
      this.classifyShown(v);
      this.message = 'The shape itself was turned: the network sees new coordinates.';
      this.requestUpdate();
    });
  }

  private handleNext(step: number): void {
    void this.task.use((v) => {
      this.showShape(v, (this.shapeIndex + step + v.t.test.count) % v.t.test.count);
      this.requestUpdate();
    });
  }

  private handlePointerDown(e: PointerEvent): void {
    const canvas = e.currentTarget as HTMLCanvasElement;
    const p = localPoint(e, canvas);
    this.drag = { x: p.x, y: p.y, yaw: this.yaw, pitch: this.pitch, id: e.pointerId };
    canvas.setPointerCapture?.(e.pointerId);
    e.preventDefault();
  }

  private handlePointerMove(e: PointerEvent): void {
    if (!this.drag || e.pointerId !== this.drag.id) return;
    // Local (unscaled) pixels: the same drag turns the view equally on a scaled slide.
    const p = localPoint(e, e.currentTarget as HTMLCanvasElement);
    this.yaw = this.drag.yaw + ((p.x - this.drag.x) / VIEW) * Math.PI;
    this.pitch = Math.max(-1.4, Math.min(1.4, this.drag.pitch + ((p.y - this.drag.y) / VIEW) * Math.PI));
    this.paint();
  }

  private handlePointerUp(e: PointerEvent): void {
    if (this.drag && e.pointerId === this.drag.id) this.drag = null;
  }

  private handleKey(e: KeyboardEvent): void {
    const turn: Record<string, [number, number]> = { ArrowLeft: [-0.15, 0], ArrowRight: [0.15, 0], ArrowUp: [0, -0.15], ArrowDown: [0, 0.15] };
    const d = turn[e.key];
    if (!d) return;
    e.preventDefault();
    this.yaw += d[0];
    this.pitch = Math.max(-1.4, Math.min(1.4, this.pitch + d[1]));
    this.paint();
  }

  private paint(): void {
    const view = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.view');
    const bars = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.bars');
    const v = this.task.value;
    if (!view || !bars || !v || !this.cloud) return;
    const n = this.points;
    let critical: Uint8Array | null = null;
    if (this.readout && this.criticalShown) {
      critical = new Uint8Array(n);
      for (const i of this.readout.critical) critical[i] = 1;
    }
    drawCloud(view, VIEW, { points: this.cloud, count: n, critical, dropped: this.dropped, yaw: this.yaw, pitch: this.pitch }, {
      point: cssVar(this, '--point-color', '#1d2430'),
      critical: cssVar(this, '--critical-color', '#d0453b'),
      muted: cssVar(this, '--dl-color-muted', '#5b6573'),
    });
    if (this.readout) {
      drawBars(bars, bars.clientWidth || 300, v.t.classes, this.readout.probabilities, v.t.test.labels[this.shapeIndex], {
        bar: cssVar(this, '--dl-color-muted', '#5b6573'),
        best: cssVar(this, '--dl-color-accent', '#0877bd'),
        text: cssVar(this, '--dl-color-fg', '#1d2430'),
        track: cssVar(this, '--dl-color-border-soft', '#e3e7ec'),
      });
    }
  }

  override render(): TemplateResult {
    const problems = this.renderConfigErrors();
    if (problems) return problems;
    const v = this.task.value;
    const r = this.readout;
    const truth = v ? v.t.classes[v.t.test.labels[this.shapeIndex]] : '';
    const said = v && r ? v.t.classes[r.label] : '';
    const pct = (x: number) => (Number.isFinite(x) ? `${Math.round(x * 100)} %` : '–');
    const ready = !!v;
    return html`${this.renderSpeakerViewNote()}
      ${this.training.renderToolbar(
        html`<label
          >Rotation augmentation
          <select aria-label="Rotation augmentation" @change=${(e: Event) => (this.augment = (e.target as HTMLSelectElement).value as DlPointCloud['augment'])}>
            ${AUGMENTS.map((a) => html`<option .value=${a} ?selected=${a === this.augment}>${AUGMENT_WORDS[a]}</option>`)}
          </select></label
        >
        <label><input type="checkbox" .checked=${this.criticalShown} @change=${(e: Event) => ((this.criticalShown = (e.target as HTMLInputElement).checked), this.paint())} />critical points</label>`,
      )}
      <div class="layout">
        <div class="left">
          <canvas
            class="view"
            part="view"
            tabindex="0"
            role="img"
            aria-label=${ready ? `Test shape ${this.shapeIndex + 1}: a ${truth}${this.turned ? ', turned' : ''}, ${r?.critical.length ?? 0} critical points highlighted. Drag or use the arrow keys to look around.` : 'The point cloud appears when the network is built.'}
            @pointerdown=${this.handlePointerDown}
            @pointermove=${this.handlePointerMove}
            @pointerup=${this.handlePointerUp}
            @pointercancel=${this.handlePointerUp}
            @keydown=${this.handleKey}
          ></canvas>
          <div class="row">
            <button type="button" ?disabled=${!ready} @click=${() => this.handleNext(-1)} aria-label="Previous test shape">◀</button>
            <button type="button" class="next" ?disabled=${!ready} @click=${() => this.handleNext(1)} aria-label="Next test shape">▶</button>
            <button type="button" class="shuffle" ?disabled=${!ready} @click=${this.handleShuffle}>Shuffle points</button>
            <button type="button" class="drop" ?disabled=${!ready} aria-pressed=${this.dropped ? 'true' : 'false'} @click=${this.handleDrop}>Drop 50 %</button>
            <button type="button" class="turn" ?disabled=${!ready} @click=${this.handleTurn}>Turn shape</button>
          </div>
        </div>
        <div class="right">
          <p class="verdict">${ready && r
            ? html`A <b>${truth}</b>${this.turned ? ' (turned)' : ''}: the network says <b class=${said === truth ? 'ok' : 'wrong'}>${said}</b> · ${r.critical.length} critical points of ${this.seen()}`
            : 'Press Play: the network is built when the slide is shown.'}</p>
          <canvas class="bars" role="img" aria-label=${r && v ? v.t.classes.map((c, i) => `${c} ${pct(r.probabilities[i])}`).join(', ') : 'Class probabilities'}></canvas>
          <p class="message" aria-live="polite">${this.message}</p>
          <p class="stats">Test accuracy: upright ${pct(this.scores.upright)} · ${this.testRotation === 'so3' ? 'any rotation' : 'turned about the vertical'} ${pct(this.scores.rotated)} · augmentation ${AUGMENT_WORDS[this.augment]}</p>
          <div class="chart"><canvas aria-label="Test accuracy on upright and on rotated shapes over training"></canvas></div>
        </div>
      </div>`;
  }
}

defineElement('dl-point-cloud', DlPointCloud);

declare global {
  interface HTMLElementTagNameMap {
    'dl-point-cloud': DlPointCloud;
  }
}
