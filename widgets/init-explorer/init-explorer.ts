import { html, type PropertyValues, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type { InitExplorer, InitSnapshot } from '../../engine/js.ts';
import { defineElement } from '../_shared/dl-element.ts';
import { jsEngineTask, type EngineTask, type JsEngineModule } from '../_shared/engine-task.ts';
import { fitCanvas, paintGrid } from '../_shared/canvas.ts';
import { cssVar, sequentialTable } from '../_shared/palette.ts';
import { choice, flag, int, num } from '../_shared/props.ts';
import { widgetStyles } from '../_shared/styles.ts';
import { nextTask } from '../_shared/tasks.ts';
import { Training, TrainingElement } from '../_shared/training.ts';
import { styles } from './init-explorer.styles.ts';

const ACTIVATIONS = ['tanh', 'relu', 'sigmoid', 'linear'] as const;
const INITS = ['zeros', 'small', 'large', 'xavier', 'he'] as const;
const INIT_LABELS: Record<string, string> = { zeros: 'zeros', small: 'too small (σ = 0.01)', large: 'too large (σ = 1)', xavier: 'Xavier / Glorot', he: 'He' };
const BINS = 41;
const WIDTH = 64;

/** The network under study and the engine functions that draw its histograms (plain JavaScript, nothing to dispose). */
interface Session {
  eng: JsEngineModule;
  explorer: InitExplorer;
}

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
export class DlInitExplorer extends TrainingElement {
  static override styles = [widgetStyles, styles];

  /** Hidden layers (2–50). */
  @int(2, 50) depth = 20;
  /** Activation: tanh | relu | sigmoid | linear. */
  @choice(ACTIVATIONS) activation: (typeof ACTIVATIONS)[number] = 'tanh';
  /** Initialisation: zeros | small | large | xavier | he. */
  @choice(INITS) init: (typeof INITS)[number] = 'xavier';
  /** Clip the global gradient norm before each update. */
  @flag() clipping = false;
  /** Norm the gradient is clipped to when clipping is on. */
  @num({ min: 1e-6, max: 1e6 }) clipNorm = 1;
  /** SGD learning rate for Play / Step. */
  @num({ min: 0, max: 10 }) learningRate = 0.05;
  /** Seed for weights and the probe batch. */
  @int(0, 2 ** 31) seed = 1;

  @state() private snapshot: InitSnapshot | null = null;
  private lut?: Uint8ClampedArray;

  private readonly task: EngineTask<Session, JsEngineModule> = jsEngineTask(this, {
    // Clipping is a setting of the same network (no rebuild); these make another one.
    args: () => [this.depth, this.activation, this.init, this.seed],
    build: (eng) => ({
      eng,
      explorer: eng.createInitExplorer({ depth: this.depth, width: WIDTH, batch: 64, activation: this.activation, init: this.init, clipNorm: this.clipping ? this.clipNorm : 0, seed: this.seed }),
    }),
    ready: async (s) => {
      this.emit('dl-ready', { backend: this.task.backendName });
      // Build, first measurement and first paint each in a task of their own (one was ~90 ms).
      await nextTask();
      if (this.task.value !== s) return; // reset, rebuilt or removed meanwhile
      const snap = s.explorer.measure();
      await nextTask();
      if (this.task.value !== s) return;
      await this.show(snap);
    },
  });
  protected readonly training: Training<Session> = new Training(this, {
    task: this.task,
    // One SGD step per frame: a step is the smallest unit there is (a measurement comes with it).
    frame: (s) => this.show(s.explorer.trainStep(this.learningRate)),
    describe: () => this.describeRun(),
    onReset: () => (this.snapshot = null),
  });

  /** The latest statistics. */
  get stats(): InitSnapshot | null {
    return this.snapshot;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if ((changed.has('clipping') || changed.has('clipNorm')) && this.task.value && !this.hasConfigErrors) {
      void this.task.use((s) => {
        s.explorer.setClipNorm(this.clipping ? this.clipNorm : 0);
        return this.show(s.explorer.measure());
      });
    }
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

  override render(): TemplateResult {
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
      ${this.training.renderToolbar(
        html`<label>Depth<input type="number" min="2" max="50" .value=${String(this.depth)} @change=${(e: Event) => (this.depth = Number((e.target as HTMLInputElement).value))} /></label>
          ${sel('Activation', act, ACTIVATIONS, null, (v) => (this.activation = v as DlInitExplorer['activation']))}
          ${sel('Init', this.init, INITS, INIT_LABELS, (v) => (this.init = v as DlInitExplorer['init']))}
          <label title=${`Rescale the whole gradient to norm ${this.clipNorm} when it is larger`}><input type="checkbox" .checked=${this.clipping}
            @change=${(e: Event) => (this.clipping = (e.target as HTMLInputElement).checked)} />Clip gradient norm</label>`,
        { play: 'Train' },
      )}
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

  /** The run in numbers, for the kit's status line (which adds training/paused). */
  private describeRun(): string {
    const s = this.snapshot;
    if (!s) return 'measuring…';
    const first = s.layers[0];
    const last = s.layers[s.layers.length - 1];
    return `step ${s.step} · loss ${fmtNum(s.loss)} · ‖∇‖ = ${fmtNum(s.gradNorm)}${s.clipped ? ' (clipped)' : ''} · act. std ${fmtNum(first.activationStd)} → ${fmtNum(last.activationStd)} · grad std ${fmtNum(first.gradientStd)} → ${fmtNum(last.gradientStd)}`;
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
