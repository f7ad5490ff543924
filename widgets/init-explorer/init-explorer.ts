/**
 * `<dl-init-explorer>`: why initialisation matters. A deep MLP (10–50 layers of equal width)
 * receives a batch of standard-normal inputs; two heat maps show, per layer (rows, input side at
 * the top), the histogram of its activations and of its weight gradients ∂L/∂W. Beside each, the
 * standard deviation per layer on a log scale makes vanishing (→ 0) and exploding (→ ∞) obvious.
 * Play trains the network with SGD, optionally with gradient-norm clipping.
 *
 * ```html
 * <dl-init-explorer depth="20" activation="tanh" init="xavier"></dl-init-explorer>
 * ```
 *
 * @summary Per-layer activation and gradient histograms of a deep MLP under different initialisations.
 * @event dl-measure - After each measurement or training step. detail: { step: number; loss: number; gradNorm: number; activationStd: number[]; gradientStd: number[] }
 * @event dl-ready - The engine is loaded. detail: { backend: "js" } (plain JavaScript, no TensorFlow.js)
 * @csspart maps - The two heat maps.
 * @csspart toolbar - Controls and status.
 * @cssproperty [--map-width=300px] - Width of each heat map.
 * @cssproperty [--map-height=300px] - Height of each heat map.
 */
import { html, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { InitExplorer, InitSnapshot } from '../../engine/index.ts';
import { DlElement, defineElement } from '../_shared/dl-element.ts';
import { jsEngineTask, type JsEngineModule } from '../_shared/engine-task.ts';
import { FrameLoop } from '../_shared/frame-loop.ts';
import { fitCanvas, paintGrid } from '../_shared/canvas.ts';
import { cssVar, sequentialTable } from '../_shared/palette.ts';
import { widgetStyles } from '../_shared/styles.ts';
import { AttributeCheck } from '../_shared/validate.ts';
import { styles } from './init-explorer.styles.ts';

const ACTIVATIONS = ['tanh', 'relu', 'sigmoid', 'linear'] as const;
const INITS = ['zeros', 'small', 'large', 'xavier', 'he'] as const;
const INIT_LABELS: Record<string, string> = { zeros: 'zeros', small: 'too small (σ = 0.01)', large: 'too large (σ = 1)', xavier: 'Xavier / Glorot', he: 'He' };
const BINS = 41;
const WIDTH = 64;

export class DlInitExplorer extends DlElement {
  static override styles = [widgetStyles, styles];

  static override properties: PropertyDeclarations = {
    depth: { type: Number },
    activation: {},
    init: {},
    clipping: { type: Boolean },
    clipNorm: { type: Number, attribute: 'clip-norm' },
    learningRate: { type: Number, attribute: 'learning-rate' },
    seed: { type: Number },
    snapshot: { state: true },
  };

  /** Hidden layers (2–50). */
  declare depth: number;
  /** Activation: tanh | relu | sigmoid | linear. */
  declare activation: string;
  /** Initialisation: zeros | small | large | xavier | he. */
  declare init: string;
  /** Clip the global gradient norm before each update. */
  declare clipping: boolean;
  /** Norm the gradient is clipped to when clipping is on. */
  declare clipNorm: number;
  /** SGD learning rate for Play / Step. */
  declare learningRate: number;
  /** Seed for weights and the probe batch. */
  declare seed: number;

  private declare snapshot: InitSnapshot | null;
  private readonly task = jsEngineTask<{ eng: JsEngineModule; dispose(): void }>(
    this,
    (eng) => ({ eng, dispose: () => undefined }),
    () => this.handleReady(),
  );
  private readonly loop = new FrameLoop(this, () => this.trainFrame());
  private explorer: InitExplorer | null = null;
  private lut?: Uint8ClampedArray;

  constructor() {
    super();
    this.depth = 20;
    this.activation = 'tanh';
    this.init = 'xavier';
    this.clipping = false;
    this.clipNorm = 1;
    this.learningRate = 0.05;
    this.seed = 1;
    this.snapshot = null;
  }

  // ── verbs ────────────────────────────────────────────────────────────────

  /** Train with SGD, one step per frame. */
  play(): void {
    this.loop.play();
  }

  /** Stop training. */
  pause(): void {
    this.loop.pause();
  }

  /** Fresh weights with the current settings. */
  reset(): void {
    this.loop.pause();
    this.rebuild();
  }

  /** One SGD step, then redraw. */
  async step(): Promise<InitSnapshot | undefined> {
    if (!(await this.task.ready())) return undefined;
    if (!this.explorer) this.rebuild();
    return this.show(this.explorer!.trainStep(this.learningRate));
  }

  /** Whether training is playing. */
  get playing(): boolean {
    return this.loop.playing;
  }

  /** The latest statistics. */
  get stats(): InitSnapshot | null {
    return this.snapshot;
  }

  // ── lifecycle ────────────────────────────────────────────────────────────

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const keys = ['depth', 'activation', 'init', 'seed', 'clipping', 'clipNorm', 'learningRate'];
    if (keys.some((k) => changed.has(k))) {
      const c = new AttributeCheck();
      c.integer('depth', this.depth, 2, 50, 20);
      c.oneOf('activation', this.activation, ACTIVATIONS, 'tanh');
      c.oneOf('init', this.init, INITS, 'xavier');
      c.number('clip-norm', this.clipNorm, 1e-6, 1e6, 1);
      c.number('learning-rate', this.learningRate, 0, 10, 0.05);
      c.integer('seed', this.seed, 0, 2 ** 31, 1);
      this.reportConfig(c.problems);
      if (c.problems.length > 0 || !this.task.value) return;
      if (['depth', 'activation', 'init', 'seed'].some((k) => changed.has(k)) || !this.explorer) this.rebuild();
      else if (changed.has('clipping') || changed.has('clipNorm')) {
        this.explorer.setClipNorm(this.clipping ? this.clipNorm : 0);
        void this.remeasure();
      }
    }
  }

  private handleReady(): void {
    if (this.configErrors.length === 0) this.rebuild();
    this.emit('dl-ready', { backend: this.task.backendName });
  }

  private rebuild(): void {
    const eng = this.task.value?.eng;
    if (!eng || this.configErrors.length > 0) return;
    this.explorer = eng.createInitExplorer({
      depth: this.depth,
      width: WIDTH,
      batch: 64,
      activation: this.activation as (typeof ACTIVATIONS)[number],
      init: this.init as (typeof INITS)[number],
      clipNorm: this.clipping ? this.clipNorm : 0,
      seed: this.seed,
    });
    void this.remeasure();
  }

  private async remeasure(): Promise<InitSnapshot | undefined> {
    if (!this.explorer) return undefined;
    return this.show(this.explorer.measure());
  }

  /** Display a snapshot (a training step measures before it updates, so no second pass is needed). */
  private async show(snap: InitSnapshot): Promise<InitSnapshot> {
    this.snapshot = snap;
    await this.updateComplete;
    this.paint(snap);
    this.emit('dl-measure', {
      step: snap.step,
      loss: snap.loss,
      gradNorm: snap.gradNorm,
      activationStd: snap.layers.map((l) => l.activationStd),
      gradientStd: snap.layers.map((l) => l.gradientStd),
    });
    return snap;
  }

  private async trainFrame(): Promise<void> {
    if (!this.explorer) {
      await this.task.ready();
      return;
    }
    await this.show(this.explorer.trainStep(this.learningRate));
  }

  // ── drawing ──────────────────────────────────────────────────────────────

  private paint(snap: InitSnapshot): void {
    this.lut ??= sequentialTable(cssVar(this, '--dl-color-surface-raised', '#ffffff'), cssVar(this, '--dl-color-accent', '#0877bd'));
    const act = this.activation;
    const actRange = act === 'tanh' ? 1 : act === 'sigmoid' ? 1 : range(snap.layers.map((l) => l.activationStd));
    const actLo = act === 'sigmoid' ? 0 : -actRange;
    const gradRange = range(snap.layers.map((l) => l.gradientStd));
    this.paintMap('canvas.act', snap.layers.map((l) => l.activations), actLo, actRange);
    this.paintMap('canvas.grad', snap.layers.map((l) => l.gradients), -gradRange, gradRange);
    this.paintStd('canvas.act-std', snap.layers.map((l) => l.activationStd));
    this.paintStd('canvas.grad-std', snap.layers.map((l) => l.gradientStd));
  }

  private paintMap(selector: string, rows: Float32Array[], lo: number, hi: number): void {
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>(selector);
    const eng = this.task.value?.eng;
    if (!canvas || !eng) return;
    const values = new Float32Array(rows.length * BINS);
    rows.forEach((r, l) => {
      const h = eng.histogram(r, lo, hi, BINS);
      let max = 0;
      for (const c of h) max = Math.max(max, c);
      for (let k = 0; k < BINS; k++) values[l * BINS + k] = max > 0 ? h[k] / max : 0;
    });
    paintGrid(canvas, values, BINS, rows.length, this.lut!, (v) => Math.sqrt(v) * 255);
  }

  private paintStd(selector: string, stds: number[]): void {
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>(selector);
    if (!canvas) return;
    const w = canvas.clientWidth || 90;
    const h = canvas.clientHeight || 300;
    const ctx = fitCanvas(canvas, w, h);
    if (!ctx) return;
    ctx.clearRect(0, 0, w, h);
    // log10 axis from 1e-30 to 1e5: vanishing gradients reach 1e-27 in 20 layers.
    const lo = -30;
    const hi = 5;
    const toX = (s: number) => ((Math.max(lo, Math.min(hi, Math.log10(Math.max(s, 1e-30)))) - lo) / (hi - lo)) * w;
    ctx.strokeStyle = 'rgba(128,128,128,0.5)';
    ctx.lineWidth = 1;
    for (const tick of [-30, -20, -10, 0]) {
      const x = toX(10 ** tick);
      ctx.beginPath();
      ctx.moveTo(x + 0.5, 0);
      ctx.lineTo(x + 0.5, h);
      ctx.stroke();
    }
    const rowH = h / stds.length;
    ctx.fillStyle = cssVar(this, '--dl-color-accent-2', '#d0453b');
    stds.forEach((s, l) => {
      ctx.fillRect(0, l * rowH + rowH * 0.15, s > 0 ? toX(s) : 1, Math.max(1, rowH * 0.7));
    });
  }

  // ── template ─────────────────────────────────────────────────────────────

  override render() {
    const note = this.renderSpeakerViewNote();
    const problems = this.renderConfigErrors();
    if (problems) return problems;
    const snap = this.snapshot;
    const act = this.activation;
    const actRange = snap ? (act === 'tanh' || act === 'sigmoid' ? 1 : range(snap.layers.map((l) => l.activationStd))) : 1;
    const gradRange = snap ? range(snap.layers.map((l) => l.gradientStd)) : 1;
    const first = snap?.layers[0];
    const last = snap?.layers[snap.layers.length - 1];
    const sel = (label: string, value: string, list: readonly string[], names: Record<string, string> | null, set: (v: string) => void) =>
      html`<label>${label}<select @change=${(e: Event) => set((e.target as HTMLSelectElement).value)}>
        ${list.map((v) => html`<option .value=${v} ?selected=${v === value}>${names?.[v] ?? v}</option>`)}</select></label>`;
    return html`${note}
      <div class="dl-toolbar" part="toolbar">
        <button class="primary" @click=${() => (this.loop.playing ? this.pause() : this.play())} aria-pressed=${this.loop.playing}>${this.loop.playing ? 'Pause' : 'Train'}</button>
        <button @click=${() => void this.step()}>Step</button>
        <button @click=${() => this.reset()}>Reset</button>
        <label>Depth<input type="number" min="2" max="50" .value=${String(this.depth)} @change=${(e: Event) => (this.depth = Number((e.target as HTMLInputElement).value))} /></label>
        ${sel('Activation', act, ACTIVATIONS, null, (v) => (this.activation = v))}
        ${sel('Init', this.init, INITS, INIT_LABELS, (v) => (this.init = v))}
        <label title=${`Rescale the whole gradient to norm ${this.clipNorm} when it is larger`}><input type="checkbox" .checked=${this.clipping}
          @change=${(e: Event) => (this.clipping = (e.target as HTMLInputElement).checked)} />Clip gradient norm</label>
      </div>
      <p class="dl-status" aria-live="polite">${this.statusText()}</p>
      <div class="maps" part="maps">
        <figure>
          <figcaption>Activations per layer</figcaption>
          <div class="pair">
            <div class="axis-y"><span>layer 1</span><span>layer ${this.depth}</span></div>
            <canvas class="map act" role="img" aria-label=${`Histogram of each layer's activations. Standard deviation from ${first ? first.activationStd.toExponential(1) : '–'} in layer 1 to ${last ? last.activationStd.toExponential(1) : '–'} in the last layer.`}></canvas>
            <canvas class="std act-std" aria-hidden="true"></canvas>
          </div>
          <div class="axis-x"><div class="ticks"><span>${fmtRange(act === 'sigmoid' ? 0 : -actRange)}</span><span>${act === 'sigmoid' ? '0.5' : '0'}</span><span>${fmtRange(actRange)}</span></div><span class="std-axis">std, log: 10⁻³⁰…1</span></div>
        </figure>
        <figure>
          <figcaption>Gradients ∂L/∂W per layer</figcaption>
          <div class="pair">
            <div class="axis-y"><span>layer 1</span><span>layer ${this.depth}</span></div>
            <canvas class="map grad" role="img" aria-label=${`Histogram of each layer's weight gradients. Standard deviation from ${first ? first.gradientStd.toExponential(1) : '–'} in layer 1 to ${last ? last.gradientStd.toExponential(1) : '–'} in the last layer.`}></canvas>
            <canvas class="std grad-std" aria-hidden="true"></canvas>
          </div>
          <div class="axis-x"><div class="ticks"><span>${fmtRange(-gradRange)}</span><span>0</span><span>${fmtRange(gradRange)}</span></div><span class="std-axis">std, log: 10⁻³⁰…1</span></div>
        </figure>
      </div>`;
  }

  private statusText(): string {
    if (this.task.status !== 'ready') return this.task.status === 'loading' ? 'Loading…' : this.task.status === 'error' ? `Could not start: ${this.task.error}` : 'Starts when shown';
    const s = this.snapshot;
    if (!s) return 'Measuring…';
    const first = s.layers[0];
    const last = s.layers[s.layers.length - 1];
    const state = this.loop.playing ? (this.running ? 'training' : 'paused (off screen)') : 'paused';
    return `step ${s.step} · loss ${fmtNum(s.loss)} · ‖∇‖ = ${fmtNum(s.gradNorm)}${s.clipped ? ' (clipped)' : ''} · act. std ${fmtNum(first.activationStd)} → ${fmtNum(last.activationStd)} · grad std ${fmtNum(first.gradientStd)} → ${fmtNum(last.gradientStd)} · ${state}`;
  }
}

/** Common histogram half-width: 3 × the largest per-layer standard deviation (never 0). */
function range(stds: number[]): number {
  const m = Math.max(...stds.filter(Number.isFinite), 0);
  return m > 0 ? 3 * m : 1e-12;
}

function fmtNum(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  return Math.abs(v) >= 0.01 && Math.abs(v) < 1000 ? v.toFixed(3) : v.toExponential(1);
}

function fmtRange(v: number): string {
  return Math.abs(v) >= 0.01 && Math.abs(v) < 1000 ? String(Number(v.toPrecision(2))) : v.toExponential(0);
}

defineElement('dl-init-explorer', DlInitExplorer);

declare global {
  interface HTMLElementTagNameMap {
    'dl-init-explorer': DlInitExplorer;
  }
}
