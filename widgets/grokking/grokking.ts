import { html, type TemplateResult } from 'lit';
import type { Grokking, GrokkingReport } from '../../engine/js.ts';
import { paintGrid } from '../_shared/canvas.ts';
import { defineElement } from '../_shared/dl-element.ts';
import { jsEngineTask, type EngineTask, type JsEngineModule } from '../_shared/engine-task.ts';
import { ChartController } from '../_shared/loss-chart.ts';
import { cssVar, parseHex, sequentialTable } from '../_shared/palette.ts';
import { choice, flag, int, num } from '../_shared/props.ts';
import { widgetStyles } from '../_shared/styles.ts';
import { nextTask } from '../_shared/tasks.ts';
import { Training, TrainingElement } from '../_shared/training.ts';
import { styles } from './grokking.styles.ts';

const OPERATIONS = ['add', 'subtract'] as const;
const MODULI = [13, 17, 23, 31];
const DECAYS = [0, 0.3, 1, 3];
const FRACTIONS = [0.3, 0.4, 0.5, 0.6, 0.7];
/** Redraw the table and the frequency map every this many frames (they change slowly). */
const SLOW_EVERY = 5;
/** Work per slice of the first measurement, a Step and the frequency map, ms (the page gets the rest of the frame). */
const SLICE_MS = 12;

/**
 * `<dl-grokking>`: grokking, live. A two-layer network learns a + b (mod p) from part of the p × p
 * table. Training accuracy reaches 100 % within a few hundred steps (memorisation); with weight
 * decay, the held-out accuracy follows thousands of steps later, while each hidden unit's
 * embedding turns into a single cosine of a. Without weight decay it memorises and stays there.
 * The model is Gromov's (2023) h = (u_a + v_b)², logits = hW, trained full-batch with AdamW.
 *
 * ```html
 * <dl-grokking weight-decay="1" train-fraction="0.5"></dl-grokking>
 * <dl-grokking weight-decay="0" autoplay></dl-grokking>
 * ```
 *
 * @summary Memorisation, then generalisation: modular addition learned live, with weight decay as the switch.
 * @event dl-ready - The task and network are built. detail: { backend: "js"; params: number; train: number; test: number } (plain JavaScript, no TensorFlow.js)
 * @event dl-train-step - After each measured update: every frame at small p and H; at the largest, an update and its measurement spread over several frames. detail: GrokkingReport (step, trainLoss, testLoss, trainAccuracy, testAccuracy, weightRms)
 * @csspart curves - The accuracy curves.
 * @csspart table - The p × p table of answers.
 * @csspart fourier - The embedding's units in frequency.
 * @cssproperty [--train-color=var(--dl-color-accent)] - Training accuracy and training cells.
 * @cssproperty [--test-color=var(--dl-color-accent-2)] - Test accuracy and wrong answers.
 */
export class DlGrokking extends TrainingElement {
  static override styles = [widgetStyles, styles];

  /** The prime p: 13, 17, 23 or 31 from the menu; any prime from 5 to 97 by attribute. */
  @int(5, 97) modulus = 23;
  /** add (a + b) | subtract (a − b), modulo p. */
  @choice(OPERATIONS) operation: (typeof OPERATIONS)[number] = 'add';
  /** AdamW's decoupled weight decay λ (0 = off). */
  @num({ min: 0, max: 10 }) weightDecay = 1;
  /** Share of the p² equations used for training, 0.1–0.9. */
  @num({ min: 0.1, max: 0.9 }) trainFraction = 0.5;
  /** Hidden width H (8–512). */
  @int(8, 512) hiddenUnits = 128;
  /** Adam's learning rate. */
  @num({ min: 1e-5, max: 0.1 }) learningRate = 0.003;
  /** Full-batch updates per animation frame (1–20); fewer when a frame's time runs out first. */
  @int(1, 20) stepsPerFrame = 2;
  /** Training stops after this many updates. */
  @int(1, 1_000_000) maxSteps = 6000;
  /** Seed for the split and the initial weights. */
  @int(0, 2 ** 31) seed = 1;
  /** Start training when shown. */
  @flag() autoplay = false;

  private report: GrokkingReport | null = null;
  private frames = 0;
  /** An update finished and its measurement is still being scored (over several frames at large p and H). */
  private measuring = false;
  /** Bumped by Reset and rebuilds: a sliced Step or first measurement in flight then stops. */
  private generation = 0;
  /** The frequency map being computed (in slices at large H), drawn when complete. */
  private fourierJob: ReturnType<Grokking['fourierSlices']> | null = null;
  private memorisedAt = 0;
  private generalisedAt = 0;

  private readonly task: EngineTask<Grokking, JsEngineModule> = jsEngineTask(this, {
    args: () => [this.modulus, this.operation, this.weightDecay, this.trainFraction, this.hiddenUnits, this.learningRate, this.seed],
    build: (eng) =>
      eng.createGrokking({
        modulus: this.modulus,
        operation: this.operation,
        weightDecay: this.weightDecay,
        trainFraction: this.trainFraction,
        hidden: this.hiddenUnits,
        learningRate: this.learningRate,
        seed: this.seed,
      }),
    ready: (g) => this.handleReady(g),
  });
  private readonly chart = new ChartController(this, {
    canvas: () => this.renderRoot.querySelector<HTMLCanvasElement>('canvas.curves'),
    series: () => [
      { label: 'training accuracy %', color: cssVar(this, '--train-color', '#0877bd') },
      { label: 'held-out accuracy %', color: cssVar(this, '--test-color', '#d0453b'), dashed: true },
    ],
    color: () => cssVar(this, '--dl-color-muted', '#5b6573'),
  });
  protected readonly training: Training<Grokking> = new Training(this, {
    task: this.task,
    frame: (g, deadline) => this.advance(g, deadline),
    step: (g) => this.stepOnce(g),
    // After max-steps, Play starts again from fresh weights.
    finished: () => (this.report?.step ?? 0) >= this.maxSteps,
    describe: () => this.describeRun(),
    autoplay: () => this.autoplay,
    onReset: () => {
      this.chart.clear();
      this.report = null;
      this.measuring = false;
      this.fourierJob = null;
      this.generation++;
    },
  });

  /** The latest measurement (step, losses, accuracies). */
  get latest(): GrokkingReport | null {
    return this.report;
  }

  /** The declarations check the range of `modulus`; that it is a prime is checked here, beside the others. */
  override attributeProblems(): string[] {
    const problems = super.attributeProblems();
    const range = problems.some((p) => p.startsWith('modulus='));
    if (!range && !isPrime(this.modulus)) problems.unshift(`modulus="${this.modulus}": use a prime from 5 to 97, e.g. 23.`);
    return problems;
  }

  private async handleReady(g: Grokking): Promise<void> {
    this.memorisedAt = 0;
    this.generalisedAt = 0;
    this.measuring = false;
    const generation = ++this.generation;
    // The first measurement in slices: at p = 97 and H = 512 the table takes seconds to score.
    const stale = () => generation !== this.generation;
    const first = await sliced((deadline) => g.measure(deadline), stale);
    if (!first) return;
    this.report = first;
    this.requestUpdate();
    await this.updateComplete;
    // The chart, the table and the frequency map each in tasks of their own after the render.
    await nextTask();
    if (stale()) return;
    this.chart.clear();
    this.chart.push(0, [this.report.trainAccuracy * 100, this.report.testAccuracy * 100]);
    await nextTask();
    if (stale()) return;
    this.drawAll(g);
    if (!(await sliced((deadline) => (this.runFourier(deadline) ? true : null), stale))) return;
    this.emit('dl-ready', { backend: this.task.backendName, params: g.paramCount, train: g.trainCount, test: g.testCount });
  }

  /**
   * One frame: full-batch updates (up to `steps-per-frame`) until the deadline, then the
   * measurement of the last one. Both are resumable in the engine, so at the largest p and H an
   * update, and then its measurement, spread over several frames and no task runs long.
   */
  private advance(g: Grokking, deadline: number): void {
    // The frequency map first: it works on a copy of the weights, a slice per frame at most.
    if (!this.runFourier(deadline)) return;
    if (!this.measuring && g.train(deadline, this.stepsPerFrame) > 0) this.measuring = true;
    if (!this.measuring) return;
    const r = g.measure(deadline);
    if (!r) return;
    this.measuring = false;
    this.show(g, r, ++this.frames % SLOW_EVERY === 0);
  }

  /** Step: one update and its measurement, in slices that yield to the page between them. */
  private async stepOnce(g: Grokking): Promise<void> {
    const generation = this.generation;
    const stale = () => generation !== this.generation;
    // A paused frame may have left an update half-done (this finishes it) or its measurement
    // half-scored (then only the measurement remains).
    if (!this.measuring && !(await sliced((deadline) => (g.train(deadline, 1) > 0 ? true : null), stale))) return;
    const r = await sliced((deadline) => g.measure(deadline), stale);
    this.measuring = false;
    if (r) this.show(g, r, true);
    await sliced((deadline) => (this.runFourier(deadline) ? true : null), stale);
  }

  /** Work on the frequency map until `deadline`; true once drawn (or when there is none). */
  private runFourier(deadline: number): boolean {
    const job = this.fourierJob;
    if (!job) return true;
    const f = job(deadline);
    if (!f) return false;
    this.fourierJob = null;
    this.paintFourier(f);
    return true;
  }

  private show(g: Grokking, r: GrokkingReport, slow: boolean): void {
    this.report = r;
    if (!this.memorisedAt && r.trainAccuracy >= 0.99) this.memorisedAt = r.step;
    if (!this.generalisedAt && r.testAccuracy >= 0.99) this.generalisedAt = r.step;
    this.chart.push(r.step, [r.trainAccuracy * 100, r.testAccuracy * 100]);
    this.chart.draw();
    if (slow) this.drawAll(g);
    this.emit('dl-train-step', r);
  }

  private describeRun(): string {
    const r = this.report;
    if (!r) return '';
    const marks = [this.memorisedAt ? `memorised at step ${this.memorisedAt}` : '', this.generalisedAt ? `generalised at step ${this.generalisedAt}` : ''].filter(Boolean).join(', ');
    return `step ${r.step} · training ${(r.trainAccuracy * 100).toFixed(1)} % · held-out ${(r.testAccuracy * 100).toFixed(1)} %${marks ? ` · ${marks}` : ''} · weight RMS ${r.weightRms.toFixed(3)}`;
  }

  // ── drawing ──────────────────────────────────────────────────────────────

  /** The table now; the frequency map in slices (see runFourier). */
  private drawAll(g: Grokking): void {
    this.drawTable(g);
    this.fourierJob = g.fourierSlices();
  }

  /** The p × p table: pale cells are training equations, strong ones held out; blue right, red wrong. */
  private drawTable(g: Grokking): void {
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.table');
    if (!canvas) return;
    const p = g.options.modulus;
    canvas.width = p;
    canvas.height = p;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const right = parseHex(cssVar(this, '--train-color', '#0877bd'));
    const wrong = parseHex(cssVar(this, '--test-color', '#d0453b'));
    const img = ctx.createImageData(p, p);
    const answer = (a: number, b: number) => (g.options.operation === 'add' ? (a + b) % p : (((a - b) % p) + p) % p);
    const given = g.answers();
    for (let a = 0; a < p; a++) {
      for (let b = 0; b < p; b++) {
        const ok = given[a * p + b] === answer(a, b);
        const [r, gr, bl] = ok ? right : wrong;
        const o = (a * p + b) * 4;
        img.data[o] = r;
        img.data[o + 1] = gr;
        img.data[o + 2] = bl;
        img.data[o + 3] = g.isTraining(a, b) ? 90 : 255;
      }
    }
    ctx.putImageData(img, 0, 0);
  }

  /** Hidden units (rows, sorted by their strongest frequency) × frequencies of a (columns). */
  private paintFourier({ power, frequencies }: { power: Float64Array; frequencies: number }): void {
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.fourier');
    if (!canvas) return;
    const H = power.length / frequencies;
    const peak = (k: number) => {
      let best = 1;
      for (let f = 2; f < frequencies; f++) if (power[k * frequencies + f] > power[k * frequencies + best]) best = f;
      return best;
    };
    const order = Array.from({ length: H }, (_, k) => k).sort((x, y) => peak(x) - peak(y) || power[y * frequencies + peak(y)] - power[x * frequencies + peak(x)]);
    const values = new Float32Array(H * frequencies);
    order.forEach((k, row) => values.set(power.subarray(k * frequencies, (k + 1) * frequencies), row * frequencies));
    const lut = sequentialTable(cssVar(this, '--dl-color-bg', '#ffffff'), cssVar(this, '--train-color', '#0877bd'));
    paintGrid(canvas, values, frequencies, H, lut, (v) => v * 255);
  }

  // ── template ─────────────────────────────────────────────────────────────

  override render(): TemplateResult {
    const problems = this.renderConfigErrors();
    if (problems) return problems;
    const p = this.modulus;
    const pick = (label: string, value: number, list: number[], show: (v: number) => string, set: (v: number) => void) =>
      html`<label>${label}<select @change=${(e: Event) => set(Number((e.target as HTMLSelectElement).value))}>
        ${[...new Set([...list, value])].sort((a, b) => a - b).map((v) => html`<option .value=${String(v)} ?selected=${v === value}>${show(v)}</option>`)}</select></label>`;
    const symbol = this.operation === 'subtract' ? '−' : '+';
    return html`${this.renderSpeakerViewNote()}
      ${this.training.renderToolbar(
        html`${pick('Weight decay λ', this.weightDecay, DECAYS, (v) => (v === 0 ? 'off' : String(v)), (v) => (this.weightDecay = v))}
          ${pick('Training data', this.trainFraction, FRACTIONS, (v) => `${Math.round(v * 100)} %`, (v) => (this.trainFraction = v))}
          ${pick('p', p, MODULI, String, (v) => (this.modulus = v))}
          <label>Task<select @change=${(e: Event) => (this.operation = (e.target as HTMLSelectElement).value as DlGrokking['operation'])}>
            ${OPERATIONS.map((op) => html`<option .value=${op} ?selected=${op === this.operation}>${op === 'add' ? 'a + b' : 'a − b'} mod p</option>`)}
          </select></label>`,
      )}
      <div class="layout">
        <figure>
          <div class="chart"><canvas class="curves" part="curves" role="img" aria-label=${this.ariaCurves()}></canvas></div>
          <figcaption>Accuracy on the training equations and on the held-out ones, per full-batch step.</figcaption>
        </figure>
        <figure>
          <canvas class="table" part="table" role="img" aria-label=${`The ${p} × ${p} table of a ${symbol} b mod ${p}: blue cells answered right, red wrong; pale cells are training equations.`}></canvas>
          <figcaption>The table, a down, b across: <b>blue</b> right, <b>red</b> wrong; pale = training equation.</figcaption>
        </figure>
        <figure>
          <canvas class="fourier" part="fourier" role="img" aria-label="Each hidden unit's embedding of a in frequency: one row per unit, one column per frequency."></canvas>
          <figcaption>Each row: one hidden unit's embedding of a, by frequency 0 … ${Math.floor(p / 2)} (left to right). Grokked: one bright cell per row.</figcaption>
        </figure>
      </div>`;
  }

  private ariaCurves(): string {
    const r = this.report;
    return r ? `Accuracy curves at step ${r.step}: training ${(r.trainAccuracy * 100).toFixed(0)} %, held-out ${(r.testAccuracy * 100).toFixed(0)} %.` : 'Accuracy curves';
  }
}

/**
 * Run `work(deadline)` in slices of {@link SLICE_MS}, each in a task of its own (the first too:
 * what came before, a build or a render, had the task before it), until it returns a value (not
 * null); undefined if `stop()` turns true first (a Reset).
 */
async function sliced<T>(work: (deadline: number) => T | null, stop: () => boolean): Promise<T | undefined> {
  for (;;) {
    await nextTask();
    if (stop()) return undefined;
    const r = work(performance.now() + SLICE_MS);
    if (r !== null) return r;
  }
}

function isPrime(n: number): boolean {
  return Number.isInteger(n) && n >= 2 && Array.from({ length: Math.floor(Math.sqrt(n)) - 1 }, (_, i) => i + 2).every((d) => n % d !== 0);
}

defineElement('dl-grokking', DlGrokking);

declare global {
  interface HTMLElementTagNameMap {
    'dl-grokking': DlGrokking;
  }
}
