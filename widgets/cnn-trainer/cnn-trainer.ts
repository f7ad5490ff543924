import { html, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type { Backend, CnnEvaluation, CnnStepResult } from '../../engine/index.ts';
import { localPoint, paintGrid } from '../_shared/canvas.ts';
import { defineElement } from '../_shared/dl-element.ts';
import { backendFromUrl, EngineTask } from '../_shared/engine-task.ts';
import { ChartController } from '../_shared/loss-chart.ts';
import { cssVar, divergingTable, sequentialTable } from '../_shared/palette.ts';
import { choice, flag, int, num } from '../_shared/props.ts';
import { styleProps } from '../_shared/style-props.ts';
import { widgetStyles } from '../_shared/styles.ts';
import { nextTask } from '../_shared/tasks.ts';
import { Training, TrainingElement } from '../_shared/training.ts';
import { styles } from './cnn-trainer.styles.ts';

const KERNELS = ['js', 'tfjs'] as const;
const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
/** Milliseconds of training between accuracy checks (a check costs about a third of a second of training). */
const EVAL_EVERY_MS = 4000;
/** Training time in the worker per round trip (the page is free meanwhile; a read-out waits at most this long). */
const WORKER_ROUND_MS = 60;
/** Longest round of the prepared start (`train-steps`) in the worker; on the page, one frame's time. */
const PREPARE_ROUND_MS = 250;

/** Minibatch updates before a printed still (seeded: the same picture every time; about 85 % test accuracy). */
const PRINT_STEPS = 40;

/** The network behind the widget: a trainer in a Web Worker (or on the page), engine/workers/cnn-client.ts. */
type Session = import('../../engine/workers/cnn-client.ts').CnnSession;
/** What the pictures show: kernels, feature maps and probabilities of the shown input. */
type Look = import('../../engine/workers/cnn-client.ts').CnnLook;

/**
 * `<dl-cnn-trainer>`: a small CNN (conv → ReLU → pool, twice, then dense) trains live on 5,000 real
 * handwritten digits. Watch the first-layer kernels and the feature maps of one digit change as it
 * learns, the train and test accuracy curves, the confusion matrix on 1,000 test digits, and test
 * it on your own drawing.
 *
 * ```html
 * <dl-cnn-trainer learning-rate="0.003" batch-size="32"></dl-cnn-trainer>
 * ```
 *
 * @summary Trains a tiny CNN on MNIST digits live, with kernels, feature maps, accuracy curves, confusion matrix and a drawing pad.
 * @event dl-ready - The network is built. detail: { backend: string; kernel: string; params: number }
 * @event dl-train-step - After each frame of updates. detail: { step: number; epoch: number; loss: number; samples: number }
 * @event dl-evaluate - After each accuracy check. detail: { step: number; trainAccuracy: number; testAccuracy: number }
 * @event dl-kernels - The learned first-layer kernels, after each accuracy check (a `<dl-conv-visualizer kernels="learned">` on the page picks them up). detail: { size: number; count: number; weights: number[] }
 * @csspart toolbar - Play, step, reset and status.
 * @csspart draw - The drawing pad.
 * @cssproperty [--negative=var(--dl-color-negative)] - Colour of negative weights and activations.
 * @cssproperty [--positive=var(--dl-color-positive)] - Colour of positive weights and activations.
 * @cssproperty [--neutral=var(--dl-color-neutral)] - Colour of zero.
 */
export class DlCnnTrainer extends TrainingElement {
  static override styles = [widgetStyles, styles];

  /** Adam learning rate (0.0001–0.1). */
  @num({ min: 0.0001, max: 0.1 }) learningRate = 0.003;
  /** Minibatch size (1–256). */
  @int(1, 256) batchSize = 32;
  /** Number of first-layer kernels (1–16); the second layer has twice as many. */
  @int(1, 16) filters = 8;
  /** Training digits used (100–5000): fewer train faster and overfit sooner. */
  @int(100, 5000) trainCount = 5000;
  /** Seed for the initial weights and batch order. */
  @int(0, 2 ** 31) seed = 1;
  /** Arithmetic: js (fused loops, fastest without a GPU) | tfjs (the page's TensorFlow.js backend). */
  @choice(KERNELS) kernel: (typeof KERNELS)[number] = 'js';
  /** Preferred TensorFlow.js backend (webgpu | webgl | wasm | cpu); `?backend=` on the page wins. */
  @choice(BACKENDS, { optional: true }) backend: string | null = null;
  /** Start training as soon as the widget is shown. */
  @flag() autoplay = false;
  /** Minibatch updates to run before the first picture (a prepared slide). */
  @int(0, 100000) trainSteps = 0;
  /** Train on the page instead of in a Web Worker (the accuracy checks then stutter the slide). */
  @flag() noWorker = false;

  @state() private result: CnnStepResult | null = null;
  @state() private evaluation: CnnEvaluation | null = null;
  @state() private probeIndex = 0;
  @state() private drawn: Float32Array | null = null;
  /** The last read-out of the shown input (null until the first). */
  @state() private look: Look | null = null;

  /** Training time since the last accuracy check (ms). */
  private trainedMs = 0;
  private drawing = new Float32Array(784);
  /** The prepared start (train-steps updates, first accuracy check): frames and Step wait for it. */
  private prepared: Promise<void> = Promise.resolve();
  /** A read-out is on its way / another was asked for meanwhile (drawing sends many). */
  private looking = false;
  private lookAgain = false;

  private readonly task: EngineTask<Session, Session> = new EngineTask<Session, Session>(
    this,
    {
      args: () => [this.learningRate, this.batchSize, this.filters, this.trainCount, this.seed, this.kernel, this.backend, this.trainSteps, this.noWorker],
      build: (session) => session,
      ready: (t) => (this.prepared = this.prepare(t)),
    },
    // The trainer runs in a Web Worker (decoding the digits and each accuracy check take hundreds
    // of milliseconds); where none can start (file://, no module workers) the same code runs on
    // the page, one frame of updates at a time.
    async () => {
      const wanted = (backendFromUrl() ?? this.backend) || null;
      if (wanted !== null && !(BACKENDS as readonly string[]).includes(wanted)) throw new Error(`Unknown backend "${wanted}". Use one of: ${BACKENDS.join(', ')}.`);
      const client = await import('../../engine/workers/cnn-client.ts');
      const trainer = {
        learningRate: this.learningRate,
        batchSize: this.batchSize,
        filters1: this.filters,
        filters2: this.filters * 2,
        trainCount: this.trainCount,
        seed: this.seed,
        kernel: this.kernel,
        trainEvalCount: 300,
      };
      const session = await client.createCnnSession({ trainer, backend: { prefer: wanted as Backend | null }, worker: !this.noWorker });
      return { eng: session, backend: session.info.backend ?? undefined };
    },
  );
  private readonly chart = new ChartController(this, {
    canvas: () => this.renderRoot.querySelector<HTMLCanvasElement>('.chart canvas'),
    series: () => [
      { label: 'train accuracy %', color: cssVar(this, '--dl-color-fg', '#1d2430') },
      { label: 'test accuracy %', color: cssVar(this, '--dl-color-accent-2', '#d0453b'), dashed: true },
    ],
    color: () => cssVar(this, '--dl-color-muted', '#5b6573'),
    yLabel: 'accuracy %',
  });
  protected readonly training: Training<Session> = new Training(this, {
    task: this.task,
    frame: (t, deadline) => this.trainFrame(t, deadline),
    step: (t) => this.stepOnce(t),
    describe: (t) =>
      `${t.info.kernel === 'js' ? 'fused JS kernel' : 'tf.js kernels'} · ${t.info.paramCount.toLocaleString('en')} weights · ${t.where === 'worker' ? 'in a worker' : 'on the page'}`,
    autoplay: () => this.autoplay,
    onReset: () => this.clearResult(),
  });

  /** Latest test accuracy (NaN before the first check). */
  get testAccuracy(): number {
    return this.evaluation?.testAccuracy ?? NaN;
  }

  /** `?print-pdf`: a still after 40 seeded updates (or train-steps, if more), with its accuracy check. */
  async printReady(): Promise<void> {
    this.pause();
    const t = await this.task.ready();
    if (!t) return;
    await this.prepared;
    // Autoplay starts once the first picture is drawn: stop it, so no frame trains beside us.
    await this.updateComplete;
    await nextTask();
    this.pause();
    // A frame's round already sent to the worker lands first: count from after it.
    await this.training.settled();
    await this.task.use(async (v) => {
      if (v !== this.task.value || v.steps >= PRINT_STEPS) return;
      await this.trainTo(v, PRINT_STEPS);
      if (v === this.task.value) await this.checkAccuracy(v);
    });
    await this.updateComplete;
  }

  // ── training ─────────────────────────────────────────────────────────────

  private clearResult(): void {
    this.result = null;
    this.evaluation = null;
    this.look = null;
    this.trainedMs = 0;
    this.chart.clear();
  }

  /** A fresh network: the prepared updates, the first accuracy check, then dl-ready. */
  private async prepare(t: Session): Promise<void> {
    this.clearResult();
    await this.updateComplete;
    if (this.task.value !== t) return; // reset meanwhile: the new network prepares itself
    await this.task.use(async (v) => {
      if (v !== t) return;
      await this.trainTo(v, this.trainSteps);
      if (this.task.value === v) await this.checkAccuracy(v);
    });
    if (this.task.value === t) this.emit('dl-ready', { backend: t.info.backend?.name ?? 'js', kernel: t.info.kernel, params: t.info.paramCount });
  }

  /**
   * Updates until `target` are done (none if they are), in rounds: a worker answers other requests
   * between them, the page paints between them. One dl-train-step at the end, with the mean loss.
   */
  private async trainTo(v: Session, target: number): Promise<void> {
    const from = v.steps;
    let loss = 0;
    while (this.task.value === v && v.steps < target) {
      const round = await v.train(v.where === 'worker' ? PREPARE_ROUND_MS : 12, target - v.steps);
      loss += round.result.loss * round.updates;
      if (v.steps >= target) this.afterStep({ ...round.result, loss: loss / (target - from) });
      else if (v.where === 'page') await new Promise((r) => requestAnimationFrame(r));
    }
  }

  /**
   * Minibatch updates (in the worker: about 60 ms of them; on the page: until the frame's time is
   * up), with the read-out of the shown input in the same round trip; every 4 s of training, the
   * accuracy check.
   */
  private async trainFrame(t: Session, deadline: number): Promise<void> {
    await this.prepared;
    const budget = t.where === 'worker' ? WORKER_ROUND_MS : Math.max(0, deadline - performance.now());
    const round = await t.train(budget, Infinity, this.probe());
    if (this.task.value !== t) return; // reset or rebuilt meanwhile
    this.afterStep(round.result);
    this.trainedMs += round.ms;
    if (this.trainedMs > EVAL_EVERY_MS) await this.checkAccuracy(t);
    else if (round.look) this.paintLive(round.look);
  }

  /** Step: one minibatch update, then redraw and re-check accuracy. */
  private async stepOnce(t: Session): Promise<void> {
    await this.prepared;
    const round = await t.train(0, 1);
    if (this.task.value !== t) return;
    this.afterStep(round.result);
    await this.checkAccuracy(t);
  }

  private afterStep(r: CnnStepResult): void {
    this.result = r;
    this.emit('dl-train-step', { step: r.step, epoch: r.epoch, loss: r.loss, samples: r.samples });
  }

  private async checkAccuracy(t: Session): Promise<void> {
    const e = await t.evaluate();
    const look = await t.look(this.probe());
    if (this.task.value !== t) return;
    this.trainedMs = 0;
    this.evaluation = e;
    const step = this.result?.step ?? 0;
    this.chart.push(this.result?.samples ?? 0, [e.trainAccuracy * 100, e.testAccuracy * 100]);
    this.chart.draw();
    this.emit('dl-evaluate', { step, trainAccuracy: e.trainAccuracy, testAccuracy: e.testAccuracy });
    const k = look.kernels;
    this.emit('dl-kernels', { size: k.size, count: k.outChannels, weights: Array.from(k.weights) });
    await this.updateComplete;
    this.paintLive(look);
    this.paintConfusion(e);
  }

  /** What the pictures show: the drawing, else the chosen test digit. */
  private probe(): number | Float32Array {
    return this.drawn ?? this.probeIndex;
  }

  /**
   * Read out the shown input again (after a stroke, Next digit, Clear). One request at a time:
   * strokes that arrive meanwhile make one more read-out, not one each.
   */
  private relook(): void {
    if (!this.task.value) return;
    if (this.looking) {
      this.lookAgain = true;
      return;
    }
    this.looking = true;
    void this.task
      .use(async (t) => {
        do {
          this.lookAgain = false;
          let look: Look;
          try {
            look = await t.look(this.probe());
          } catch (err) {
            if (this.task.value === t) throw err;
            return; // reset meanwhile
          }
          if (this.task.value !== t) return;
          this.paintLive(look);
        } while (this.lookAgain);
      })
      .finally(() => (this.looking = false));
  }

  // ── drawing ──────────────────────────────────────────────────────────────

  private luts() {
    return {
      div: divergingTable(cssVar(this, '--negative', '#f59322'), cssVar(this, '--neutral', '#e8eaeb'), cssVar(this, '--positive', '#0877bd')),
      seq: sequentialTable('#000000', '#ffffff'),
    };
  }

  private paintLive(look: Look): void {
    this.look = look;
    const root = this.renderRoot;
    const { div, seq } = this.luts();
    const k = look.kernels;
    root.querySelectorAll<HTMLCanvasElement>('.kernels canvas').forEach((c, f) => {
      const w = k.weights.subarray(f * k.size * k.size, (f + 1) * k.size * k.size);
      let m = 1e-6;
      for (const v of w) m = Math.max(m, Math.abs(v));
      paintGrid(c, w, k.size, k.size, div, (v) => (v / m + 1) * 127.5);
    });
    const sample = root.querySelector<HTMLCanvasElement>('canvas.sample');
    if (sample) paintGrid(sample, look.image, 28, 28, seq, (v) => v * 255);
    for (const [sel, m] of [['.maps1 canvas', look.maps[0]], ['.maps2 canvas', look.maps[1]]] as const) {
      const area = m.width * m.height;
      let max = 1e-6;
      for (const v of m.data) max = Math.max(max, v);
      root.querySelectorAll<HTMLCanvasElement>(sel).forEach((c, ch) => paintGrid(c, m.data.subarray(ch * area, (ch + 1) * area), m.width, m.height, seq, (v) => (v / max) * 255));
    }
    this.requestUpdate();
  }

  private paintConfusion(e: CnnEvaluation): void {
    const c = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.confusion');
    if (!c) return;
    const size = 200;
    const dpr = Math.min(2, globalThis.devicePixelRatio || 1);
    c.width = size * dpr;
    c.height = size * dpr;
    const ctx = c.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const cell = (size - 16) / 10;
    ctx.clearRect(0, 0, size, size);
    const fg = cssVar(this, '--dl-color-fg', '#1d2430');
    ctx.font = '10px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    for (let r = 0; r < 10; r++) {
      let rowSum = 0;
      for (let q = 0; q < 10; q++) rowSum += e.confusion[r * 10 + q];
      ctx.fillStyle = fg;
      ctx.fillText(String(r), 7, 16 + (r + 0.5) * cell);
      ctx.fillText(String(r), 16 + (r + 0.5) * cell, 7);
      for (let q = 0; q < 10; q++) {
        const v = e.confusion[r * 10 + q];
        const frac = rowSum ? v / rowSum : 0;
        ctx.fillStyle = r === q ? `rgba(8, 119, 189, ${0.1 + 0.9 * frac})` : `rgba(208, 69, 59, ${Math.min(1, frac * 4)})`;
        ctx.fillRect(16 + q * cell, 16 + r * cell, cell - 1, cell - 1);
        if (v > 0 && r !== q) {
          ctx.fillStyle = fg;
          ctx.fillText(String(v), 16 + (q + 0.5) * cell, 16 + (r + 0.5) * cell);
        }
      }
    }
  }

  // ── events ───────────────────────────────────────────────────────────────

  private handleDraw(event: PointerEvent): void {
    if (event.type === 'pointermove' && event.buttons === 0) return;
    const canvas = event.currentTarget as HTMLCanvasElement;
    const { fx, fy } = localPoint(event, canvas);
    const x = fx * 28;
    const y = fy * 28;
    for (let r = Math.floor(y - 2); r <= Math.ceil(y + 2); r++) {
      for (let q = Math.floor(x - 2); q <= Math.ceil(x + 2); q++) {
        if (r < 0 || r >= 28 || q < 0 || q >= 28) continue;
        const ink = Math.max(0, Math.min(1, 1.5 - Math.hypot(r + 0.5 - y, q + 0.5 - x) / 1.1));
        this.drawing[r * 28 + q] = Math.max(this.drawing[r * 28 + q], ink);
      }
    }
    paintGrid(canvas, this.drawing, 28, 28, this.luts().seq, (v) => v * 255);
    this.drawn = Float32Array.from(this.drawing);
    this.relook();
  }

  private clearDrawing(): void {
    this.drawing.fill(0);
    this.drawn = null;
    const c = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.draw');
    if (c) paintGrid(c, this.drawing, 28, 28, this.luts().seq, () => 0);
    this.relook();
  }

  private nextProbe(): void {
    this.drawn = null;
    this.probeIndex++;
    this.relook();
  }

  // ── template ─────────────────────────────────────────────────────────────

  override render(): TemplateResult {
    const problems = this.renderConfigErrors();
    if (problems) return problems;
    const t = this.task.value;
    const r = this.result;
    const e = this.evaluation;
    const probs = t ? (this.look?.probs ?? null) : null;
    let best = 0;
    if (probs) probs.forEach((p, i) => (best = p > probs[best] ? i : best));
    const testCount = t?.info.testCount ?? 1000;
    const label = t && !this.drawn && this.look && this.look.index === this.probeIndex % testCount ? this.look.label : null;
    return html`
      ${this.renderSpeakerViewNote()}
      ${this.training.renderToolbar(null, { play: 'Train' })}
      <div class="layout">
        <div>
          <h3>First-layer kernels (${this.filters} × 5×5, orange − / blue +)</h3>
          <div class="row kernels">${Array.from({ length: this.filters }, () => html`<canvas width="5" height="5"></canvas>`)}</div>
          <div class="probe">
            <canvas class="sample" width="28" height="28" aria-label="The input whose feature maps are shown"></canvas>
            <span>${this.drawn ? 'your drawing' : html`test digit #${this.probeIndex % testCount} (a ${label ?? '–'})`}<br />
              <button @click=${() => this.nextProbe()}>Next digit</button></span>
          </div>
          <h3>Feature maps after conv 1 + ReLU</h3>
          <div class="row maps1">${Array.from({ length: this.filters }, () => html`<canvas width="28" height="28"></canvas>`)}</div>
          <h3>After conv 2 + ReLU</h3>
          <div class="row maps2">${Array.from({ length: this.filters * 2 }, () => html`<canvas width="14" height="14"></canvas>`)}</div>
        </div>
        <div>
          <div class="chart"><canvas aria-label="Training and test accuracy"></canvas></div>
          <p class="stats">
            ${r ? html`step ${r.step} · epoch ${r.epoch.toFixed(2)} · loss ${r.loss.toFixed(3)}` : 'not trained yet'}<br />
            ${e ? html`train accuracy ${(e.trainAccuracy * 100).toFixed(1)} % · <strong>test accuracy ${(e.testAccuracy * 100).toFixed(1)} %</strong>` : ''}
          </p>
          ${t?.fallbackReason ? html`<p class="stats">Trains on the page, one frame of updates at a time (no Web Worker: ${t.fallbackReason}).</p>` : null}
          <h3>Test your own drawing</h3>
          <div class="drawrow">
            <canvas class="draw" part="draw" width="28" height="28" aria-label="Draw a digit here with the mouse or a finger"
              @pointerdown=${this.handleDraw} @pointermove=${this.handleDraw}></canvas>
            <div class="bars" aria-label="Predicted probabilities">
              ${probs ? Array.from(probs, (p, i) => html`<span class=${i === best ? 'best' : ''}>${i}</span><div class="bar" style=${styleProps({ width: `${(p * 100).toFixed(1)}%` })}></div><span>${(p * 100).toFixed(0)} %</span>`) : null}
            </div>
          </div>
          <button @click=${() => this.clearDrawing()}>Clear drawing</button>
        </div>
        <div>
          <h3>Confusion matrix (rows: true digit, columns: predicted)</h3>
          <canvas class="confusion" aria-label="Confusion matrix on the 1,000 test digits"></canvas>
        </div>
      </div>
    `;
  }
}

defineElement('dl-cnn-trainer', DlCnnTrainer);

declare global {
  interface HTMLElementTagNameMap {
    'dl-cnn-trainer': DlCnnTrainer;
  }
}
