/**
 * `<dl-attention-heatmap>`: a tiny transformer trains live on a toy sequence task, and the heat
 * maps show where each head looks. Pick the layer and the stage of the computation (raw scores
 * Q Kᵀ → scaled by 1/√d_k → masked → softmax), hover a query token to read its row, type or pick
 * the input, and watch the pattern sharpen as the loss falls. `start="trained"` opens on shipped
 * weights (reversal), so a slide shows a clean anti-diagonal at once.
 *
 * ```html
 * <dl-attention-heatmap task="reverse" start="trained"></dl-attention-heatmap>
 * <dl-attention-heatmap task="induction" layers="2" stage="softmax" autoplay></dl-attention-heatmap>
 * ```
 *
 * @summary Trains a tiny transformer live and paints its attention weights per layer and head.
 * @event dl-ready - The model is built. detail: { backend: string; params: number; trained: boolean }
 * @event dl-train-step - After each training step. detail: { step: number; loss: number; accuracy: number }
 * @csspart maps - The row of heat maps (one per head).
 * @csspart toolbar - Play, step, reset and status.
 * @cssproperty [--attention-high=var(--dl-color-accent)] - Colour of weight 1 in the softmax stage.
 * @cssproperty [--attention-low=var(--dl-color-surface-raised)] - Colour of weight 0.
 * @cssproperty [--negative=var(--dl-color-negative)] - Negative scores (raw, scaled, masked stages).
 * @cssproperty [--positive=var(--dl-color-positive)] - Positive scores.
 * @cssproperty [--map-size=250px] - Side of one heat map (two heads); more heads get smaller maps.
 */
import { html, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { AttentionReadout, SequenceStepResult, SequenceTrainer } from '../../engine/index.ts';
import { styleProps } from '../_shared/style-props.ts';
import { DlElement, defineElement } from '../_shared/dl-element.ts';
import { EngineTask } from '../_shared/engine-task.ts';
import { FrameLoop } from '../_shared/frame-loop.ts';
import { fitCanvas, localPoint } from '../_shared/canvas.ts';
import { LineChart } from '../_shared/loss-chart.ts';
import { cssVar, divergingTable, sequentialTable } from '../_shared/palette.ts';
import { widgetStyles } from '../_shared/styles.ts';
import { AttributeCheck } from '../_shared/validate.ts';
import { styles } from './attention-heatmap.styles.ts';

// Mirrors of the engine's lists, so validation never loads TensorFlow.js.
const TASKS = ['reverse', 'sort', 'copy', 'induction'] as const;
const STAGES = ['raw', 'scaled', 'masked', 'softmax'] as const;
const MASKS = ['auto', 'none', 'causal'] as const;
const STARTS = ['scratch', 'trained'] as const;
const STAGE_LABELS: Record<Stage, string> = { raw: 'raw scores Q Kᵀ', scaled: 'scaled Q Kᵀ/√d_k', masked: 'masked', softmax: 'softmax weights' };
const LEARNING_RATES = [0.001, 0.003, 0.01, 0.03];

type Task = (typeof TASKS)[number];
type Stage = (typeof STAGES)[number];

/** Labels of the symbols: digits up to 10 symbols, letters beyond. */
function symbolLabels(symbols: number): string[] {
  return Array.from({ length: symbols }, (_, i) => (symbols <= 10 ? String(i) : String.fromCharCode(65 + i)));
}

/** Parse typed input ("3 1 4 1 5 9 2 6" or "31415926"). Throws a readable message. */
function parseInput(text: string, length: number, labels: string[]): number[] {
  const t = text.trim();
  const parts = /[\s,]/.test(t) ? t.split(/[\s,]+/).filter(Boolean) : [...t];
  if (parts.length !== length) throw new Error(`type exactly ${length} symbols from ${labels[0]}–${labels[labels.length - 1]} (got ${parts.length}).`);
  return parts.map((p) => {
    const id = labels.indexOf(p.toUpperCase());
    if (id < 0) throw new Error(`"${p}" is not a symbol; use ${labels[0]}–${labels[labels.length - 1]}.`);
    return id;
  });
}

export class DlAttentionHeatmap extends DlElement {
  static override styles = [widgetStyles, styles];

  static override properties: PropertyDeclarations = {
    task: {},
    start: {},
    symbols: { type: Number },
    length: { type: Number },
    layers: { type: Number },
    heads: { type: Number },
    dModel: { type: Number, attribute: 'd-model' },
    mask: {},
    learningRate: { type: Number, attribute: 'learning-rate' },
    batchSize: { type: Number, attribute: 'batch-size' },
    seed: { type: Number },
    input: {},
    layer: { type: Number },
    stage: {},
    autoplay: { type: Boolean },
    stepsPerFrame: { type: Number, attribute: 'steps-per-frame' },
    noSettings: { type: Boolean, attribute: 'no-settings' },
    backend: {},
    result: { state: true },
    pictured: { state: true },
    hoverRow: { state: true },
    inputProblem: { state: true },
  };

  /** Toy task: reverse | sort | copy | induction. */
  declare task: string;
  /** Initial weights: scratch (seeded random) | trained (shipped weights; reverse only). */
  declare start: string;
  /** Alphabet size (2–26; the induction task needs at least length/2). */
  declare symbols: number;
  /** Sequence length (4–16); 0 = the task's default (8, induction 12). */
  declare length: number;
  /** Transformer blocks (1–2); 0 = the task's default (1, induction 2). */
  declare layers: number;
  /** Attention heads per layer (1–4). */
  declare heads: number;
  /** Residual width d_model (8–64, divisible by heads). */
  declare dModel: number;
  /** Attention mask: auto (what the task needs) | none | causal. */
  declare mask: string;
  /** Adam learning rate. */
  declare learningRate: number;
  /** Sequences per training step (8–512). */
  declare batchSize: number;
  /** Seed for the initial weights, the batches and the example inputs. */
  declare seed: number;
  /** Input to show, e.g. "3 1 4 1 5 9 2 6"; empty = a random example. */
  declare input: string;
  /** Layer shown (1-based). */
  declare layer: number;
  /** Stage shown: raw | scaled | masked | softmax. */
  declare stage: string;
  /** Start training as soon as the widget is shown. */
  declare autoplay: boolean;
  /** Training steps per animation frame (1–20). */
  declare stepsPerFrame: number;
  /** Hides the settings row (task, mask, seed, …); the toolbar stays. */
  declare noSettings: boolean;
  /** Preferred TensorFlow.js backend (webgpu | webgl | wasm | cpu); `?backend=` on the page wins. */
  declare backend: string | null;

  private declare result: SequenceStepResult | null;
  /** Whether the first attention maps are drawn (a GPU backend compiles its kernels first). */
  private declare pictured: boolean;
  private declare hoverRow: number;
  private declare inputProblem: string;

  private readonly engine = new EngineTask<SequenceTrainer>(
    this,
    (eng) => eng.createSequenceTrainer({ ...this.engineOptions(), weights: this.parsed?.start === 'trained' ? eng.REVERSE_WEIGHTS : undefined }),
    (t) => void this.handleReady(t),
  );
  private readonly loop = new FrameLoop(this, () => this.trainFrame());
  private parsed?: ReturnType<DlAttentionHeatmap['parseAttributes']>;
  private tokens: number[] | null = null;
  private readout: AttentionReadout | null = null;
  private lossChart?: LineChart;
  private accuracyChart?: LineChart;

  constructor() {
    super();
    this.task = 'reverse';
    this.start = 'scratch';
    this.symbols = 10;
    this.length = 0;
    this.layers = 0;
    this.heads = 2;
    this.dModel = 32;
    this.mask = 'auto';
    this.learningRate = 0.01;
    this.batchSize = 128;
    this.seed = 1;
    this.input = '';
    this.layer = 1;
    this.stage = 'softmax';
    this.autoplay = false;
    this.stepsPerFrame = 2;
    this.noSettings = false;
    this.backend = null;
    this.result = null;
    this.pictured = false;
    this.hoverRow = -1;
    this.inputProblem = '';
  }

  // ── public verbs ─────────────────────────────────────────────────────────

  /** Start training (loads the engine first if needed). */
  play(): void {
    this.loop.play();
  }

  /** Stop training; the picture stays. */
  pause(): void {
    this.loop.pause();
  }

  /** Back to the start weights (seeded random, or the shipped trained ones). */
  reset(): void {
    this.loop.pause();
    this.engine.reset();
    this.result = null;
    this.lossChart?.clear();
    this.accuracyChart?.clear();
  }

  /** One training step, then redraw. */
  async step(): Promise<SequenceStepResult | undefined> {
    const t = await this.engine.ready();
    if (!t) return undefined;
    const r = await t.step();
    if (this.engine.value !== t) return undefined; // reset while the step ran
    this.afterStep(r, true);
    await this.refresh(t);
    return r;
  }

  /** Whether the training loop is playing. */
  get playing(): boolean {
    return this.loop.playing;
  }

  /** The current attention read-out (all layers, heads and stages), once ready. */
  get attention(): AttentionReadout | null {
    return this.readout;
  }

  // ── lifecycle ────────────────────────────────────────────────────────────

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const modelKeys = ['task', 'start', 'symbols', 'length', 'layers', 'heads', 'dModel', 'mask', 'learningRate', 'batchSize', 'seed', 'backend'];
    const viewKeys = ['input', 'layer', 'stage', 'stepsPerFrame'];
    if (modelKeys.some((k) => changed.has(k)) || viewKeys.some((k) => changed.has(k)) || !this.parsed) {
      const before = this.parsed;
      this.parsed = this.parseAttributes();
      this.reportConfig(this.parsed.problems);
      if (!before || modelKeys.some((k) => changed.has(k))) {
        if (this.engine.status !== 'idle') this.engine.reset();
        this.result = null;
        this.tokens = null;
        this.readout = null;
        this.lossChart?.clear();
        this.accuracyChart?.clear();
      }
      if (changed.has('input') && this.parsed.input) this.tokens = this.parsed.input;
    }
    if ((changed.has('layer') || changed.has('stage') || changed.has('input')) && this.engine.value) {
      const t = this.engine.value;
      queueMicrotask(() => void this.refresh(t));
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.configErrors.length > 0 && this.engine.status !== 'idle') this.engine.reset();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.lossChart?.destroy();
    this.accuracyChart?.destroy();
    this.lossChart = this.accuracyChart = undefined;
  }

  // ── engine glue ──────────────────────────────────────────────────────────

  private parseAttributes() {
    const c = new AttributeCheck();
    const task = c.oneOf('task', this.task, TASKS, 'reverse');
    const start = c.oneOf('start', this.start, STARTS, 'scratch');
    const stage = c.oneOf('stage', this.stage, STAGES, 'softmax');
    const mask = c.oneOf('mask', this.mask, MASKS, 'auto');
    const symbols = c.integer('symbols', this.symbols, 2, 26, 10);
    const lengthRaw = c.integer('length', this.length, 0, 16, 0);
    const length = lengthRaw || (task === 'induction' ? 12 : 8);
    if (lengthRaw !== 0 && lengthRaw < 4) c.problems.push(`length="${lengthRaw}" is too short. Use 0 (the task's default) or 4–16.`);
    if (task === 'induction' && (length % 2 !== 0 || symbols < length / 2)) {
      c.problems.push(`task="induction" needs an even length and at least length/2 symbols (length ${length}, symbols ${symbols}).`);
    }
    const layers = c.integer('layers', this.layers, 0, 2, 0) || (task === 'induction' ? 2 : 1);
    const heads = c.integer('heads', this.heads, 1, 4, 2);
    const dModel = c.integer('d-model', this.dModel, 8, 64, 32);
    if (dModel % heads !== 0) c.problems.push(`d-model="${dModel}" must be divisible by heads="${heads}".`);
    const learningRate = c.number('learning-rate', this.learningRate, 1e-5, 1, 0.01);
    const batchSize = c.integer('batch-size', this.batchSize, 8, 512, 128);
    const seed = c.integer('seed', this.seed, 0, 2 ** 31, 1);
    c.integer('steps-per-frame', this.stepsPerFrame, 1, 20, 2);
    const layer = c.integer('layer', this.layer, 1, layers, 1);
    if (start === 'trained' && (task !== 'reverse' || symbols !== 10 || length !== 8)) {
      c.problems.push(`start="trained" has shipped weights for task="reverse" with 10 symbols and length 8 only (got task="${task}", symbols ${symbols}, length ${length}).`);
    }
    if (this.backend && !['webgpu', 'webgl', 'wasm', 'cpu'].includes(this.backend)) {
      c.problems.push(`backend="${this.backend}" is not recognised. Use one of: webgpu, webgl, wasm, cpu.`);
    }
    const labels = symbolLabels(symbols);
    const input = this.input.trim() ? c.parse('input', this.input, (v) => parseInput(v, length, labels), null) : null;
    const causal = mask === 'auto' ? task === 'induction' : mask === 'causal';
    return {
      problems: c.problems,
      start,
      stage,
      layer,
      labels,
      input,
      options: { task, symbols, length, layers, heads, dModel, causal, learningRate, batchSize, seed },
    };
  }

  private engineOptions() {
    if (!this.parsed || this.parsed.problems.length > 0) throw new Error('Fix the attributes listed above first.');
    return this.parsed.options;
  }

  private async handleReady(t: SequenceTrainer): Promise<void> {
    this.tokens ??= this.parsed?.input ?? Array.from(t.example());
    this.result = null;
    this.pictured = false;
    await this.updateComplete;
    this.ensureCharts();
    await this.refresh(t);
    if (this.engine.value !== t) return;
    this.pictured = true;
    this.emit('dl-ready', { backend: this.engine.backend?.name, params: t.model.paramCount, trained: this.parsed?.start === 'trained' });
    if (this.autoplay && !this.loop.playing) this.play();
  }

  private async trainFrame(): Promise<void> {
    const t = this.engine.value;
    if (!t) {
      await this.engine.ready();
      return;
    }
    const n = Math.max(1, Math.min(20, Math.floor(this.stepsPerFrame) || 1));
    for (let i = 0; i < n; i++) {
      const r = await t.step();
      if (this.engine.value !== t) return; // reset or rebuilt meanwhile
      this.afterStep(r, i === n - 1);
    }
    await this.refresh(t);
  }

  private afterStep(r: SequenceStepResult, draw: boolean): void {
    this.result = r;
    this.lossChart?.push(r.step, [r.loss]);
    this.accuracyChart?.push(r.step, [r.accuracy]);
    if (draw) {
      this.lossChart?.draw();
      this.accuracyChart?.draw();
    }
    this.emit('dl-train-step', { step: r.step, loss: r.loss, accuracy: r.accuracy });
  }

  /** Re-run the model on the current input and repaint. */
  private async refresh(t: SequenceTrainer): Promise<void> {
    if (!this.tokens || this.tokens.length !== t.task.info.length) this.tokens = Array.from(t.example());
    const readout = await t.inspect(this.tokens);
    if (this.engine.value !== t) return;
    this.readout = readout;
    this.requestUpdate();
    void this.updateComplete.then(() => this.paint());
  }

  private ensureCharts(): void {
    const [lossCanvas, accCanvas] = Array.from(this.renderRoot.querySelectorAll<HTMLCanvasElement>('.chart canvas'));
    if (!lossCanvas || !accCanvas) return;
    const color = cssVar(this, '--dl-color-muted', '#5b6573');
    this.lossChart ??= new LineChart(lossCanvas, [{ label: 'loss (cross-entropy)', color: cssVar(this, '--negative', '#f59322') }], { color });
    this.accuracyChart ??= new LineChart(accCanvas, [{ label: 'token accuracy', color: cssVar(this, '--positive', '#0877bd') }], { color });
  }

  // ── drawing ──────────────────────────────────────────────────────────────

  private mapSize(heads: number): number {
    const base = parseFloat(cssVar(this, '--map-size', '250px')) || 250;
    return heads <= 2 ? base : Math.round((base * 2 + 10) / heads - 8);
  }

  private paint(): void {
    const r = this.readout;
    const p = this.parsed;
    if (!r || !p) return;
    const layer = r.layers[Math.min(p.layer, r.layers.length) - 1];
    if (!layer) return;
    const stage = p.stage === 'softmax' ? 'weights' : p.stage;
    const canvases = this.renderRoot.querySelectorAll<HTMLCanvasElement>('canvas.map');
    // One colour scale for all heads of the layer, so heads compare.
    let maxAbs = 1e-6;
    if (stage !== 'weights') for (const h of layer.heads) for (const v of h[stage]) if (Number.isFinite(v)) maxAbs = Math.max(maxAbs, Math.abs(v));
    const seq = sequentialTable(cssVar(this, '--attention-low', '#ffffff'), cssVar(this, '--attention-high', '#0877bd'));
    const div = divergingTable(cssVar(this, '--negative', '#f59322'), cssVar(this, '--neutral', '#e8eaeb'), cssVar(this, '--positive', '#0877bd'));
    const fg = cssVar(this, '--dl-color-fg', '#1d2430');
    const labels = p.labels;
    const T = r.length;
    const tokens = this.tokens ?? [];
    canvases.forEach((canvas, h) => {
      const head = layer.heads[h];
      if (!head) return;
      const size = this.mapSize(layer.heads.length);
      const ctx = fitCanvas(canvas, size, size);
      if (!ctx) return;
      const margin = 20;
      const cell = (size - margin) / T;
      ctx.clearRect(0, 0, size, size);
      ctx.font = `${Math.min(13, Math.max(9, cell * 0.5))}px ui-monospace, monospace`;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillStyle = fg;
      for (let i = 0; i < T; i++) {
        ctx.fillText(labels[tokens[i]] ?? '?', margin + (i + 0.5) * cell, margin / 2); // keys along the top
        ctx.fillText(labels[tokens[i]] ?? '?', margin / 2, margin + (i + 0.5) * cell); // queries down the side
      }
      const values = head[stage];
      for (let i = 0; i < T; i++) {
        for (let j = 0; j < T; j++) {
          const v = values[i * T + j];
          const x = margin + j * cell;
          const y = margin + i * cell;
          if (!Number.isFinite(v)) {
            ctx.fillStyle = '#bfc5cc';
            ctx.fillRect(x, y, cell, cell);
            ctx.strokeStyle = '#8d949c';
            ctx.beginPath();
            ctx.moveTo(x, y + cell);
            ctx.lineTo(x + cell, y);
            ctx.stroke();
            continue;
          }
          const k = stage === 'weights' ? Math.round(Math.max(0, Math.min(1, v)) * 255) : Math.round(((v / maxAbs + 1) / 2) * 255);
          const lut = stage === 'weights' ? seq : div;
          ctx.fillStyle = `rgb(${lut[k * 3]},${lut[k * 3 + 1]},${lut[k * 3 + 2]})`;
          ctx.fillRect(x, y, cell + 0.5, cell + 0.5);
        }
      }
      if (this.hoverRow >= 0 && this.hoverRow < T) {
        ctx.strokeStyle = fg;
        ctx.lineWidth = 2;
        ctx.strokeRect(margin + 1, margin + this.hoverRow * cell + 1, T * cell - 2, cell - 2);
        ctx.lineWidth = 1;
      }
    });
  }

  private handlePointer(e: PointerEvent): void {
    const canvas = e.currentTarget as HTMLCanvasElement;
    const r = this.readout;
    if (!r) return;
    const { y } = localPoint(e, canvas);
    const size = canvas.offsetHeight;
    const margin = 20 * (size / this.mapSize(r.layers[0].heads.length));
    const row = Math.floor(((y - margin) / (size - margin)) * r.length);
    const next = row >= 0 && row < r.length ? row : -1;
    if (next !== this.hoverRow) {
      this.hoverRow = next;
      void this.updateComplete.then(() => this.paint());
    }
  }

  private handleLeave(): void {
    this.hoverRow = -1;
    void this.updateComplete.then(() => this.paint());
  }

  private handleInput(e: Event): void {
    const text = (e.target as HTMLInputElement).value;
    const p = this.parsed!;
    try {
      this.tokens = parseInput(text, p.options.length, p.labels);
      this.inputProblem = '';
      if (this.engine.value) void this.refresh(this.engine.value);
    } catch (err) {
      this.inputProblem = err instanceof Error ? err.message : String(err);
    }
  }

  private handleExample(): void {
    const t = this.engine.value;
    if (!t) return;
    this.tokens = Array.from(t.example());
    this.inputProblem = '';
    void this.refresh(t);
  }

  // ── template ─────────────────────────────────────────────────────────────

  override render() {
    const note = this.renderSpeakerViewNote();
    const problems = this.renderConfigErrors();
    if (problems) return problems;
    const p = this.parsed!;
    const o = p.options;
    const r = this.readout;
    const res = this.result;
    const heads = o.heads;
    const size = this.mapSize(heads);
    return html`
      ${note}
      <div class="dl-toolbar toolbar" part="toolbar">
        <button class="primary" @click=${() => (this.loop.playing ? this.pause() : this.play())} aria-pressed=${this.loop.playing}>
          ${this.loop.playing ? 'Pause' : 'Play'}
        </button>
        <button @click=${() => void this.step()} title="Train one step on a fresh batch">Step</button>
        <button @click=${() => this.reset()} title=${p.start === 'trained' ? 'Back to the shipped trained weights' : 'Back to the seeded initial weights'}>Reset</button>
        <span class="dl-status" aria-live="polite">${this.statusText()}</span>
      </div>
      ${this.noSettings ? null : this.renderSettings()}
      <div class="layout">
        <div>
          <div class="maps" part="maps">
            ${Array.from(
              { length: heads },
              (_, h) => html`<figure>
                <canvas class="map" style=${styleProps({ width: `${size}px`, height: `${size}px` })} role="img"
                  aria-label=${`Attention of layer ${p.layer}, head ${h + 1}: rows are query positions, columns key positions`}
                  @pointermove=${this.handlePointer} @pointerleave=${this.handleLeave}></canvas>
                <figcaption>layer ${p.layer} · head ${h + 1} · ${STAGE_LABELS[p.stage]}</figcaption>
              </figure>`,
            )}
          </div>
          <div class="legend" style=${styleProps({ width: `${Math.min(2, heads) * (size + 10)}px` })}>
            ${p.stage === 'softmax'
              ? html`<span>rows: query (who looks) · columns: key (looked at)</span><span>white 0 → 1 blue</span>`
              : html`<span>rows: query · columns: key</span><span>${p.stage === 'masked' ? 'grey = −∞ (masked)' : ''} orange − · blue +</span>`}
          </div>
          <div class="readout" aria-live="polite">${this.hoverText()}</div>
          ${r ? this.renderSequence(r) : null}
        </div>
        <div class="side">
          <dl class="stats">
            <dt>Step</dt><dd>${res ? res.step : 0}</dd>
            <dt>Loss</dt><dd>${res ? res.loss.toFixed(3) : '–'}</dd>
            <dt>Token accuracy</dt><dd>${res ? `${(res.accuracy * 100).toFixed(1)} %` : '–'}</dd>
            <dt>Model</dt><dd>${o.layers} layer${o.layers > 1 ? 's' : ''}, ${heads} head${heads > 1 ? 's' : ''}, d = ${o.dModel}${o.causal ? ', causal' : ''}</dd>
          </dl>
          <div class="chart"><canvas aria-label="Training loss per step"></canvas></div>
          <div class="chart"><canvas aria-label="Token accuracy per step"></canvas></div>
        </div>
      </div>
    `;
  }

  private renderSettings() {
    const p = this.parsed!;
    const o = p.options;
    const pick = (label: string, value: string, list: readonly string[], onChange: (v: string) => void, names?: Record<string, string>) => html`<label
      >${label}
      <select @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value)}>
        ${list.map((v) => html`<option .value=${v} ?selected=${v === value}>${names?.[v] ?? v}</option>`)}
      </select></label
    >`;
    const typed = this.tokens ? this.tokens.map((i) => p.labels[i]).join(' ') : '';
    return html`<div class="settings">
      ${pick('Task', o.task, TASKS, (v) => {
        this.task = v;
        if (v !== 'reverse') this.start = 'scratch';
      })}
      ${pick('Start', p.start, STARTS, (v) => (this.start = v), { scratch: 'random weights', trained: 'trained weights' })}
      <label><input type="checkbox" .checked=${o.causal} @change=${(e: Event) => (this.mask = (e.target as HTMLInputElement).checked ? 'causal' : 'none')} />Causal mask</label>
      ${o.layers > 1 ? pick('Layer', String(p.layer), Array.from({ length: o.layers }, (_, i) => String(i + 1)), (v) => (this.layer = Number(v))) : null}
      ${pick('Stage', p.stage, STAGES, (v) => (this.stage = v), { raw: 'raw Q Kᵀ', scaled: 'scaled ÷√d_k', masked: 'masked', softmax: 'softmax' })}
      ${pick('Learning rate', String(o.learningRate), [...new Set([...LEARNING_RATES, o.learningRate])].map(String), (v) => (this.learningRate = Number(v)))}
      <label>Seed <input type="number" min="0" .value=${String(o.seed)} @change=${(e: Event) => (this.seed = Math.max(0, Math.floor(Number((e.target as HTMLInputElement).value)) || 0))} /></label>
      <label>Input <input type="text" style=${styleProps({ width: `${o.length * 1.25 + 1}em` })} .value=${typed} aria-label=${`Input: ${o.length} symbols`} @change=${this.handleInput} /></label>
      <button @click=${this.handleExample} title="A new random input">New input</button>
      ${this.inputProblem ? html`<span class="dl-problem" role="alert">${this.inputProblem}</span>` : null}
    </div>`;
  }

  private renderSequence(r: AttentionReadout) {
    const p = this.parsed!;
    const tokens = this.tokens ?? [];
    const { targets, weights } = solveLocally(p.options.task, tokens);
    const cols = styleProps({ 'grid-template-columns': `5.5em repeat(${r.length}, 1.7em)` });
    const cell = (i: number, text: string, cls = '') => html`<span class=${`${cls}${i === this.hoverRow ? ' hot' : ''}`}>${text}</span>`;
    return html`<div class="sequence" style=${cols} aria-label="Input, wanted output and the model's prediction per position">
      <span class="label">input</span>${tokens.map((t, i) => cell(i, p.labels[t]))}
      <span class="label">wanted</span>${targets.map((t, i) => cell(i, weights[i] ? p.labels[t] : '·'))}
      <span class="label">model</span>${Array.from(r.predictions, (t, i) => cell(i, p.labels[t], weights[i] ? (t === targets[i] ? 'right' : 'wrong') : ''))}
    </div>`;
  }

  private hoverText(): string {
    const r = this.readout;
    const p = this.parsed;
    if (!r || !p) return '';
    if (this.hoverRow < 0) return p.options.causal ? 'Hover a row to read one query. Causal mask: a position sees only itself and earlier ones.' : 'Hover a row to read where one query position looks.';
    const layer = r.layers[p.layer - 1];
    const i = this.hoverRow;
    const tokens = this.tokens ?? [];
    const parts = layer.heads.map((h, k) => {
      let best = 0;
      for (let j = 1; j < r.length; j++) if (h.weights[i * r.length + j] > h.weights[i * r.length + best]) best = j;
      return `head ${k + 1} → position ${best + 1} ("${p.labels[tokens[best]]}", ${(h.weights[i * r.length + best] * 100).toFixed(0)} %)`;
    });
    return `Query position ${i + 1} ("${p.labels[tokens[i]]}"): ${parts.join(' · ')}; predicts "${p.labels[r.predictions[i]]}".`;
  }

  private statusText(): string {
    const t = this.engine.value;
    if (this.engine.status !== 'ready' || !t) {
      return this.engine.status === 'loading' ? 'Loading TensorFlow.js…' : this.engine.status === 'error' ? `Could not start: ${this.engine.error}` : this.running ? 'Starting…' : 'Starts when shown';
    }
    if (!this.pictured) return `${this.engine.backend?.name} · computing the first attention maps…`;
    const state = this.loop.playing ? (this.running ? 'training' : 'paused (off screen)') : 'paused';
    const from = this.parsed?.start === 'trained' && t.steps === 0 ? 'trained weights' : `${t.model.paramCount.toLocaleString('en')} weights`;
    return `${this.engine.backend?.name} · ${from} · ${state}`;
  }
}

/** The wanted output for display (mirrors the engine's task definitions; pure and tiny). */
function solveLocally(task: Task, x: number[]): { targets: number[]; weights: number[] } {
  const n = x.length;
  if (task === 'reverse') return { targets: [...x].reverse(), weights: x.map(() => 1) };
  if (task === 'copy') return { targets: [...x], weights: x.map(() => 1) };
  if (task === 'sort') return { targets: [...x].sort((a, b) => a - b), weights: x.map(() => 1) };
  // Induction: a position counts when its token occurred before (the repeat of the block).
  return { targets: x.map((_, i) => (i + 1 < n ? x[i + 1] : 0)), weights: x.map((t, i) => (i + 1 < n && x.slice(0, i).includes(t) ? 1 : 0)) };
}

defineElement('dl-attention-heatmap', DlAttentionHeatmap);

declare global {
  interface HTMLElementTagNameMap {
    'dl-attention-heatmap': DlAttentionHeatmap;
  }
}
