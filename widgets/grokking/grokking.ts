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
 * @event dl-train-step - After each animation frame. detail: GrokkingReport (step, trainLoss, testLoss, trainAccuracy, testAccuracy, weightRms)
 * @csspart curves - The accuracy curves.
 * @csspart table - The p × p table of answers.
 * @csspart fourier - The embedding's units in frequency.
 * @cssproperty [--train-color=var(--dl-color-accent)] - Training accuracy and training cells.
 * @cssproperty [--test-color=var(--dl-color-accent-2)] - Test accuracy and wrong answers.
 */
import { html, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { Grokking, GrokkingReport } from '../../engine/js.ts';
import { paintGrid } from '../_shared/canvas.ts';
import { DlElement, defineElement } from '../_shared/dl-element.ts';
import { jsEngineTask } from '../_shared/engine-task.ts';
import { FrameLoop } from '../_shared/frame-loop.ts';
import { LineChart } from '../_shared/loss-chart.ts';
import { cssVar, parseHex, sequentialTable } from '../_shared/palette.ts';
import { widgetStyles } from '../_shared/styles.ts';
import { AttributeCheck } from '../_shared/validate.ts';
import { styles } from './grokking.styles.ts';

const OPERATIONS = ['add', 'subtract'] as const;
const MODULI = [13, 17, 23, 31];
const DECAYS = [0, 0.3, 1, 3];
const FRACTIONS = [0.3, 0.4, 0.5, 0.6, 0.7];
/** Redraw the table and the frequency map every this many frames (they change slowly). */
const SLOW_EVERY = 5;

export class DlGrokking extends DlElement {
  static override styles = [widgetStyles, styles];

  static override properties: PropertyDeclarations = {
    modulus: { type: Number },
    operation: {},
    weightDecay: { type: Number, attribute: 'weight-decay' },
    trainFraction: { type: Number, attribute: 'train-fraction' },
    hiddenUnits: { type: Number, attribute: 'hidden-units' },
    learningRate: { type: Number, attribute: 'learning-rate' },
    stepsPerFrame: { type: Number, attribute: 'steps-per-frame' },
    maxSteps: { type: Number, attribute: 'max-steps' },
    seed: { type: Number },
    autoplay: { type: Boolean },
    report: { state: true },
  };

  /** The prime p: 13, 17, 23 or 31 from the menu; any prime from 5 to 97 by attribute. */
  declare modulus: number;
  /** add (a + b) | subtract (a − b), modulo p. */
  declare operation: string;
  /** AdamW's decoupled weight decay λ (0 = off). */
  declare weightDecay: number;
  /** Share of the p² equations used for training, 0.1–0.9. */
  declare trainFraction: number;
  /** Hidden width H (8–512). */
  declare hiddenUnits: number;
  /** Adam's learning rate. */
  declare learningRate: number;
  /** Full-batch updates per animation frame (1–20). */
  declare stepsPerFrame: number;
  /** Training stops after this many updates. */
  declare maxSteps: number;
  /** Seed for the split and the initial weights. */
  declare seed: number;
  /** Start training when shown. */
  declare autoplay: boolean;

  private declare report: GrokkingReport | null;
  private readonly task = jsEngineTask<Grokking>(
    this,
    (eng) => {
      if (this.configErrors.length > 0) throw new Error('Fix the attributes listed above first.');
      return eng.createGrokking({
        modulus: this.modulus,
        operation: this.operation as (typeof OPERATIONS)[number],
        weightDecay: this.weightDecay,
        trainFraction: this.trainFraction,
        hidden: this.hiddenUnits,
        learningRate: this.learningRate,
        seed: this.seed,
      });
    },
    (g) => void this.handleReady(g),
  );
  private readonly loop = new FrameLoop(this, () => this.trainFrame());
  private chart?: LineChart;
  private frames = 0;
  private memorisedAt = 0;
  private generalisedAt = 0;

  constructor() {
    super();
    this.modulus = 23;
    this.operation = 'add';
    this.weightDecay = 1;
    this.trainFraction = 0.5;
    this.hiddenUnits = 128;
    this.learningRate = 0.003;
    this.stepsPerFrame = 2;
    this.maxSteps = 6000;
    this.seed = 1;
    this.autoplay = false;
    this.report = null;
  }

  // ── verbs ────────────────────────────────────────────────────────────────

  /** Train (from where it is; after max-steps, from fresh weights). */
  play(): void {
    if (this.report && this.report.step >= this.maxSteps) this.reset();
    this.loop.play();
  }

  /** Stop training. */
  pause(): void {
    this.loop.pause();
  }

  /** Fresh weights and split with the current settings. */
  reset(): void {
    this.loop.pause();
    this.chart?.clear();
    this.report = null;
    this.task.reset();
  }

  /** One full-batch update, then redraw. */
  async step(): Promise<GrokkingReport | undefined> {
    const g = await this.task.ready();
    if (!g) return undefined;
    return this.advance(g, 1, true);
  }

  /** Whether training plays. */
  get playing(): boolean {
    return this.loop.playing;
  }

  /** The latest measurement (step, losses, accuracies). */
  get latest(): GrokkingReport | null {
    return this.report;
  }

  // ── lifecycle ────────────────────────────────────────────────────────────

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const model = ['modulus', 'operation', 'weightDecay', 'trainFraction', 'hiddenUnits', 'learningRate', 'seed'];
    if (![...model, 'stepsPerFrame', 'maxSteps'].some((k) => changed.has(k))) return;
    const c = new AttributeCheck();
    c.parse('modulus', String(this.modulus), parsePrime, 23);
    c.oneOf('operation', this.operation, OPERATIONS, 'add');
    c.number('weight-decay', this.weightDecay, 0, 10, 1);
    c.number('train-fraction', this.trainFraction, 0.1, 0.9, 0.5);
    c.integer('hidden-units', this.hiddenUnits, 8, 512, 128);
    c.number('learning-rate', this.learningRate, 1e-5, 0.1, 0.003);
    c.integer('steps-per-frame', this.stepsPerFrame, 1, 20, 2);
    c.integer('max-steps', this.maxSteps, 1, 1_000_000, 6000);
    c.integer('seed', this.seed, 0, 2 ** 31, 1);
    this.reportConfig(c.problems);
    if (model.some((k) => changed.has(k)) && this.task.status !== 'idle') this.reset();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.chart?.destroy();
    this.chart = undefined;
  }

  private async handleReady(g: Grokking): Promise<void> {
    this.memorisedAt = 0;
    this.generalisedAt = 0;
    this.report = g.evaluate();
    await this.updateComplete;
    this.ensureChart();
    this.chart?.clear();
    this.chart?.push(0, [this.report.trainAccuracy * 100, this.report.testAccuracy * 100]);
    this.drawAll(g);
    this.emit('dl-ready', { backend: this.task.backendName, params: g.paramCount, train: g.trainCount, test: g.testCount });
    if (this.autoplay && !this.loop.playing) this.play();
  }

  private async trainFrame(): Promise<void> {
    const g = this.task.value;
    if (!g) {
      await this.task.ready();
      return;
    }
    this.advance(g, this.stepsPerFrame, ++this.frames % SLOW_EVERY === 0);
    if (this.report && this.report.step >= this.maxSteps) this.loop.pause();
  }

  private advance(g: Grokking, steps: number, slow: boolean): GrokkingReport {
    for (let i = 0; i < steps; i++) g.step();
    const r = g.evaluate();
    this.report = r;
    if (!this.memorisedAt && r.trainAccuracy >= 0.99) this.memorisedAt = r.step;
    if (!this.generalisedAt && r.testAccuracy >= 0.99) this.generalisedAt = r.step;
    this.chart?.push(r.step, [r.trainAccuracy * 100, r.testAccuracy * 100]);
    this.chart?.draw();
    if (slow) this.drawAll(g);
    this.emit('dl-train-step', r);
    return r;
  }

  // ── drawing ──────────────────────────────────────────────────────────────

  private ensureChart(): void {
    if (this.chart) return;
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.curves');
    if (!canvas) return;
    const muted = cssVar(this, '--dl-color-muted', '#5b6573');
    this.chart = new LineChart(
      canvas,
      [
        { label: 'training accuracy %', color: cssVar(this, '--train-color', '#0877bd') },
        { label: 'held-out accuracy %', color: cssVar(this, '--test-color', '#d0453b'), dashed: true },
      ],
      { color: muted },
    );
  }

  private drawAll(g: Grokking): void {
    this.drawTable(g);
    this.drawFourier(g);
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
  private drawFourier(g: Grokking): void {
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.fourier');
    if (!canvas) return;
    const { power, frequencies } = g.fourier();
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

  override render() {
    const note = this.renderSpeakerViewNote();
    const problems = this.renderConfigErrors();
    if (problems) return problems;
    const p = this.modulus;
    const pick = (label: string, value: number, list: number[], show: (v: number) => string, set: (v: number) => void) =>
      html`<label>${label}<select @change=${(e: Event) => set(Number((e.target as HTMLSelectElement).value))}>
        ${[...new Set([...list, value])].sort((a, b) => a - b).map((v) => html`<option .value=${String(v)} ?selected=${v === value}>${show(v)}</option>`)}</select></label>`;
    const symbol = this.operation === 'subtract' ? '−' : '+';
    return html`${note}
      <div class="dl-toolbar">
        <button class="primary" @click=${() => (this.loop.playing ? this.pause() : this.play())} aria-pressed=${this.loop.playing}>${this.loop.playing ? 'Pause' : 'Play'}</button>
        <button @click=${() => void this.step()}>Step</button>
        <button @click=${() => this.reset()}>Reset</button>
        ${pick('Weight decay λ', this.weightDecay, DECAYS, (v) => (v === 0 ? 'off' : String(v)), (v) => (this.weightDecay = v))}
        ${pick('Training data', this.trainFraction, FRACTIONS, (v) => `${Math.round(v * 100)} %`, (v) => (this.trainFraction = v))}
        ${pick('p', p, MODULI, String, (v) => (this.modulus = v))}
        <label>Task<select @change=${(e: Event) => (this.operation = (e.target as HTMLSelectElement).value)}>
          ${OPERATIONS.map((op) => html`<option .value=${op} ?selected=${op === this.operation}>${op === 'add' ? 'a + b' : 'a − b'} mod p</option>`)}
        </select></label>
      </div>
      <p class="dl-status" aria-live="polite">${this.statusText()}</p>
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

  private statusText(): string {
    const r = this.report;
    if (this.task.status !== 'ready' || !r) return this.task.status === 'loading' ? 'Loading…' : this.task.status === 'error' ? `Could not start: ${this.task.error}` : 'Starts when shown';
    const state = this.loop.playing ? (this.running ? 'training' : 'paused (off screen)') : r.step >= this.maxSteps ? 'finished' : 'paused';
    const marks = [this.memorisedAt ? `memorised at step ${this.memorisedAt}` : '', this.generalisedAt ? `generalised at step ${this.generalisedAt}` : ''].filter(Boolean).join(', ');
    return `step ${r.step} · training ${(r.trainAccuracy * 100).toFixed(1)} % · held-out ${(r.testAccuracy * 100).toFixed(1)} %${marks ? ` · ${marks}` : ''} · weight RMS ${r.weightRms.toFixed(3)} · ${state}`;
  }
}

function parsePrime(text: string): number {
  const n = Number(text);
  const prime = Number.isInteger(n) && n >= 5 && n <= 97 && Array.from({ length: Math.floor(Math.sqrt(n)) - 1 }, (_, i) => i + 2).every((d) => n % d !== 0);
  if (!prime) throw new Error('use a prime from 5 to 97, e.g. 23.');
  return n;
}

defineElement('dl-grokking', DlGrokking);

declare global {
  interface HTMLElementTagNameMap {
    'dl-grokking': DlGrokking;
  }
}
