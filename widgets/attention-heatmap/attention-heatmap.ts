import { html, type PropertyValues, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type { AttentionReadout, Backend, SequenceStepResult } from '../../engine/index.ts';
import { fitCanvas, localPoint } from '../_shared/canvas.ts';
import { defineElement } from '../_shared/dl-element.ts';
import { backendFromUrl, EngineTask } from '../_shared/engine-task.ts';
import { ChartController } from '../_shared/loss-chart.ts';
import { cssVar, divergingTable, sequentialTable } from '../_shared/palette.ts';
import { choice, flag, int, num, text } from '../_shared/props.ts';
import { styleProps } from '../_shared/style-props.ts';
import { widgetStyles } from '../_shared/styles.ts';
import { Training, TrainingElement } from '../_shared/training.ts';
import { styles } from './attention-heatmap.styles.ts';

// Mirrors of the engine's lists, so validation never loads TensorFlow.js.
const TASKS = ['reverse', 'sort', 'copy', 'induction'] as const;
const STAGES = ['raw', 'scaled', 'masked', 'softmax'] as const;
const MASKS = ['auto', 'none', 'causal'] as const;
const STARTS = ['scratch', 'trained'] as const;
const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
const STAGE_LABELS: Record<Stage, string> = { raw: 'raw scores Q Kᵀ', scaled: 'scaled Q Kᵀ/√d_k', masked: 'masked', softmax: 'softmax weights' };
const LEARNING_RATES = [0.001, 0.003, 0.01, 0.03];
/** Training time in the worker per round trip (the page is free meanwhile; other requests wait at most this long). */
const WORKER_ROUND_MS = 60;

type Task = (typeof TASKS)[number];
type Stage = (typeof STAGES)[number];
/** The model behind the widget: a trainer in a Web Worker (or on the page), engine/workers/attention-client.ts. */
type Session = import('../../engine/workers/attention-client.ts').AttentionSession;

/** Symbols' labels and the sequence length an `input` is parsed against. */
interface InputHost {
  labels: string[];
  seqLength: number;
}

/** Labels of the symbols: digits up to 10 symbols, letters beyond. */
function symbolLabels(symbols: number): string[] {
  return Array.from({ length: symbols }, (_, i) => (symbols <= 10 ? String(i) : String.fromCharCode(65 + i)));
}

/** What is wrong with a typed `input` for this length and alphabet, or null. */
function inputProblem(text: string, host: InputHost): string | null {
  if (!text.trim()) return null;
  try {
    parseInput(text, host.seqLength, host.labels);
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
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

/**
 * `<dl-attention-heatmap>`: a tiny transformer trains live on a toy sequence task, and the heat
 * maps show where each head looks. Pick the layer and the stage of the computation (raw scores
 * Q Kᵀ → scaled by 1/√d_k → masked → softmax), hover a query token to read its row, type or pick
 * the input, and watch the pattern sharpen as the loss falls. `start="trained"` opens on shipped
 * weights (reversal), so a slide shows a clean anti-diagonal at once. The model builds and trains
 * in a Web Worker, so the slide never stutters; where none can start (a deck opened from file://)
 * it runs on the page and says so.
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
export class DlAttentionHeatmap extends TrainingElement {
  static override styles = [widgetStyles, styles];

  /** Toy task: reverse | sort | copy | induction. */
  @choice(TASKS) task: Task = 'reverse';
  /** Initial weights: scratch (seeded random) | trained (shipped weights; reverse only). */
  @choice(STARTS) start: (typeof STARTS)[number] = 'scratch';
  /** Alphabet size (2–26; the induction task needs at least length/2). */
  @int(2, 26) symbols = 10;
  /** Sequence length (4–16); 0 = the task's default (8, induction 12). */
  @int(0, 16) length = 0;
  /** Transformer blocks (1–2); 0 = the task's default (1, induction 2). */
  @int(0, 2) layers = 0;
  /** Attention heads per layer (1–4). */
  @int(1, 4) heads = 2;
  /** Residual width d_model (8–64, divisible by heads). */
  @int(8, 64) dModel = 32;
  /** Attention mask: auto (what the task needs) | none | causal. */
  @choice(MASKS) mask: (typeof MASKS)[number] = 'auto';
  /** Adam learning rate. */
  @num({ min: 1e-5, max: 1 }) learningRate = 0.01;
  /** Sequences per training step (8–512). */
  @int(8, 512) batchSize = 128;
  /** Seed for the initial weights, the batches and the example inputs. */
  @int(0, 2 ** 31) seed = 1;
  /** Input to show, e.g. "3 1 4 1 5 9 2 6"; empty = a random example. */
  @text({ check: (v, h: InputHost) => inputProblem(v, h) }) input = '';
  /** Layer shown (1-based). */
  @int(1, (h: { layerCount: number }) => h.layerCount) layer = 1;
  /** Stage shown: raw | scaled | masked | softmax. */
  @choice(STAGES) stage: Stage = 'softmax';
  /** Start training as soon as the widget is shown. */
  @flag() autoplay = false;
  /** Training steps per animation frame (1–20; fewer when a frame's time is up). */
  @int(1, 20) stepsPerFrame = 2;
  /** Hides the settings row (task, mask, seed, …); the toolbar stays. */
  @flag() noSettings = false;
  /** Preferred TensorFlow.js backend (webgpu | webgl | wasm | cpu); `?backend=` on the page wins. */
  @choice(BACKENDS, { optional: true }) backend: string | null = null;
  /** Train on the page instead of in a Web Worker (each step is one long task: the slide stutters). */
  @flag() noWorker = false;

  @state() private result: SequenceStepResult | null = null;
  /** Whether the first attention maps are drawn (a GPU backend compiles its kernels first). */
  @state() private pictured = false;
  @state() private hoverRow = -1;
  @state() private inputProblem = '';

  private tokens: number[] | null = null;
  private readout: AttentionReadout | null = null;
  /** The first attention maps of a fresh model: frames and Step wait for them. */
  private prepared: Promise<void> = Promise.resolve();
  /** Set by `printReady()`: autoplay stays off, so the printed still is the seeded first picture. */
  private printing = false;

  private readonly engine: EngineTask<Session, Session> = new EngineTask<Session, Session>(
    this,
    {
      args: () => [this.task, this.start, this.symbols, this.length, this.layers, this.heads, this.dModel, this.mask, this.learningRate, this.batchSize, this.seed, this.backend, this.noWorker],
      build: (session) => session,
      ready: (t) => (this.prepared = this.handleReady(t)),
    },
    // The model builds and trains in a Web Worker (a step of 100–700 ms on wasm never blocks the
    // slide); where none can start (file://, no module workers) the same code runs on the page.
    async () => {
      const wanted = (backendFromUrl() ?? this.backend) || null;
      if (wanted !== null && !(BACKENDS as readonly string[]).includes(wanted)) throw new Error(`Unknown backend "${wanted}". Use one of: ${BACKENDS.join(', ')}.`);
      const client = await import('../../engine/workers/attention-client.ts');
      const trainer = {
        task: this.task,
        symbols: this.symbols,
        length: this.seqLength,
        layers: this.layerCount,
        heads: this.heads,
        dModel: this.dModel,
        causal: this.causal,
        learningRate: this.learningRate,
        batchSize: this.batchSize,
        seed: this.seed,
        trained: this.start === 'trained',
      };
      const session = await client.createAttentionSession({ trainer, backend: { prefer: wanted as Backend | null }, worker: !this.noWorker });
      return { eng: session, backend: session.info.backend };
    },
  );
  private readonly lossChart = new ChartController(this, {
    canvas: () => this.renderRoot.querySelectorAll<HTMLCanvasElement>('.chart canvas')[0],
    series: () => [{ label: 'loss (cross-entropy)', color: cssVar(this, '--negative', '#f59322') }],
    color: () => cssVar(this, '--dl-color-muted', '#5b6573'),
  });
  private readonly accuracyChart = new ChartController(this, {
    canvas: () => this.renderRoot.querySelectorAll<HTMLCanvasElement>('.chart canvas')[1],
    series: () => [{ label: 'token accuracy', color: cssVar(this, '--positive', '#0877bd') }],
    color: () => cssVar(this, '--dl-color-muted', '#5b6573'),
  });
  protected readonly training: Training<Session> = new Training(this, {
    task: this.engine,
    // Step (no time to spare) is one training step and a redraw.
    frame: (t, deadline) => this.trainFrame(t, deadline),
    describe: (t) => this.describeRun(t),
    autoplay: () => this.autoplay && !this.printing,
    onReset: () => this.clearResult(),
  });

  /** The current attention read-out (all layers, heads and stages), once ready. */
  get attention(): AttentionReadout | null {
    return this.readout;
  }

  // ── derived settings ─────────────────────────────────────────────────────

  /** The sequence length in use (`length`, or the task's default). */
  get seqLength(): number {
    return this.length || (this.task === 'induction' ? 12 : 8);
  }

  /** The number of transformer blocks in use (`layers`, or the task's default). */
  get layerCount(): number {
    return this.layers || (this.task === 'induction' ? 2 : 1);
  }

  /** Whether attention is causal (`mask="auto"`: what the task needs). */
  get causal(): boolean {
    return this.mask === 'auto' ? this.task === 'induction' : this.mask === 'causal';
  }

  /** The symbols' labels. */
  get labels(): string[] {
    return symbolLabels(this.symbols);
  }

  protected override checkAttributes(): string[] {
    const problems: string[] = [];
    const length = this.seqLength;
    if (this.length !== 0 && this.length < 4) problems.push(`length="${this.length}" is too short. Use 0 (the task's default) or 4–16.`);
    if (this.task === 'induction' && (length % 2 !== 0 || this.symbols < length / 2)) {
      problems.push(`task="induction" needs an even length and at least length/2 symbols (length ${length}, symbols ${this.symbols}).`);
    }
    if (this.dModel % this.heads !== 0) problems.push(`d-model="${this.dModel}" must be divisible by heads="${this.heads}".`);
    if (this.start === 'trained' && (this.task !== 'reverse' || this.symbols !== 10 || length !== 8)) {
      problems.push(`start="trained" has shipped weights for task="reverse" with 10 symbols and length 8 only (got task="${this.task}", symbols ${this.symbols}, length ${length}).`);
    }
    return problems;
  }

  // ── lifecycle ────────────────────────────────────────────────────────────

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const modelKeys = ['task', 'start', 'symbols', 'length', 'layers', 'heads', 'dModel', 'mask', 'learningRate', 'batchSize', 'seed', 'backend', 'noWorker'];
    // A new model (args() rebuilds it) starts from a new example and empty charts.
    if (this.hasUpdated && modelKeys.some((k) => changed.has(k))) {
      this.clearResult();
      this.tokens = null;
      this.readout = null;
    }
    if (changed.has('input') && !this.hasConfigErrors && this.input.trim()) this.tokens = parseInput(this.input, this.seqLength, this.labels);
    if ((changed.has('layer') || changed.has('stage') || changed.has('input')) && this.engine.value) queueMicrotask(() => this.redraw());
  }

  // ── engine glue ──────────────────────────────────────────────────────────

  private clearResult(): void {
    this.result = null;
    this.lossChart.clear();
    this.accuracyChart.clear();
  }

  private async handleReady(t: Session): Promise<void> {
    this.result = null;
    this.pictured = false;
    await this.updateComplete;
    // Not through use(): a widget removed meanwhile disposes the session at once (the worker ends;
    // on the page the trainer's dispose frees the tensors of this read too), and the read rejects.
    try {
      if (!this.tokens && this.input.trim()) this.tokens = parseInput(this.input, this.seqLength, this.labels);
      await this.refresh(t);
    } catch (err) {
      if (this.engine.value === t) throw err;
      return;
    }
    if (this.engine.value !== t) return;
    this.pictured = true;
    this.emit('dl-ready', { backend: this.engine.backend?.name, params: t.info.paramCount, trained: this.start === 'trained' });
  }

  /**
   * One round of up to steps-per-frame training steps (at least one): in the worker until about
   * 60 ms have passed, on the page until the frame's time is up (Step: one), then a redraw.
   */
  private async trainFrame(t: Session, deadline: number): Promise<void> {
    await this.prepared;
    const budget = deadline === 0 ? 0 : t.where === 'worker' ? WORKER_ROUND_MS : Math.max(0, deadline - performance.now());
    const round = await t.train(budget, this.stepsPerFrame);
    if (this.engine.value !== t) return; // reset or rebuilt meanwhile
    round.steps.forEach((r, i) => this.afterStep(r, i === round.steps.length - 1));
    await this.refresh(t);
  }

  /** `?print-pdf`: a still of the first picture (the shipped weights, or the seeded start), with no training beside it. */
  async printReady(): Promise<void> {
    this.printing = true;
    this.pause();
    const t = await this.engine.ready();
    if (!t) return;
    await this.prepared;
    await this.updateComplete;
  }

  private afterStep(r: SequenceStepResult, draw: boolean): void {
    this.result = r;
    this.lossChart.push(r.step, [r.loss]);
    this.accuracyChart.push(r.step, [r.accuracy]);
    if (draw) {
      this.lossChart.draw();
      this.accuracyChart.draw();
    }
    this.emit('dl-train-step', { step: r.step, loss: r.loss, accuracy: r.accuracy });
  }

  /** Re-run the model on the current input and repaint, if there is a model. */
  private redraw(): void {
    if (this.engine.value) void this.engine.use((t) => this.refresh(t));
  }

  /** Re-run the model on the current input and repaint. */
  private async refresh(t: Session): Promise<void> {
    if (!this.tokens || this.tokens.length !== t.info.task.length) {
      const tokens = Array.from(await t.example());
      if (this.engine.value !== t) return;
      this.tokens = tokens;
    }
    const readout = await t.inspect(this.tokens);
    if (this.engine.value !== t) return;
    this.readout = readout;
    this.requestUpdate();
    void this.updateComplete.then(() => this.paint());
  }

  private describeRun(t: Session): string {
    if (!this.pictured) return 'computing the first attention maps…';
    const where = t.where === 'worker' ? 'in a worker' : 'on the page';
    return `${this.start === 'trained' && t.steps === 0 ? 'trained weights' : `${t.info.paramCount.toLocaleString('en')} weights`} · ${where}`;
  }

  // ── drawing ──────────────────────────────────────────────────────────────

  private mapSize(heads: number): number {
    const base = parseFloat(cssVar(this, '--map-size', '250px')) || 250;
    return heads <= 2 ? base : Math.round((base * 2 + 10) / heads - 8);
  }

  private paint(): void {
    const r = this.readout;
    if (!r) return;
    const layer = r.layers[Math.min(this.layer, r.layers.length) - 1];
    if (!layer) return;
    const stage = this.stage === 'softmax' ? 'weights' : this.stage;
    const canvases = this.renderRoot.querySelectorAll<HTMLCanvasElement>('canvas.map');
    // One colour scale for all heads of the layer, so heads compare.
    let maxAbs = 1e-6;
    if (stage !== 'weights') for (const h of layer.heads) for (const v of h[stage]) if (Number.isFinite(v)) maxAbs = Math.max(maxAbs, Math.abs(v));
    const seq = sequentialTable(cssVar(this, '--attention-low', '#ffffff'), cssVar(this, '--attention-high', '#0877bd'));
    const div = divergingTable(cssVar(this, '--negative', '#f59322'), cssVar(this, '--neutral', '#e8eaeb'), cssVar(this, '--positive', '#0877bd'));
    const fg = cssVar(this, '--dl-color-fg', '#1d2430');
    const labels = this.labels;
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
    try {
      this.tokens = parseInput(text, this.seqLength, this.labels);
      this.inputProblem = '';
      this.redraw();
    } catch (err) {
      this.inputProblem = err instanceof Error ? err.message : String(err);
    }
  }

  private async handleExample(): Promise<void> {
    const t = this.engine.value;
    if (!t) return;
    const tokens = Array.from(await t.example());
    if (this.engine.value !== t) return;
    this.tokens = tokens;
    this.inputProblem = '';
    this.redraw();
  }

  // ── template ─────────────────────────────────────────────────────────────

  override render(): TemplateResult {
    const note = this.renderSpeakerViewNote();
    const problems = this.renderConfigErrors();
    if (problems) return problems;
    const r = this.readout;
    const res = this.result;
    const heads = this.heads;
    const layers = this.layerCount;
    const size = this.mapSize(heads);
    return html`
      ${note}
      ${this.training.renderToolbar()}
      ${this.noSettings ? null : this.renderSettings()}
      <div class="layout">
        <div>
          <div class="maps" part="maps">
            ${Array.from(
              { length: heads },
              (_, h) => html`<figure>
                <canvas class="map" style=${styleProps({ width: `${size}px`, height: `${size}px` })} role="img"
                  aria-label=${`Attention of layer ${this.layer}, head ${h + 1}: rows are query positions, columns key positions`}
                  @pointermove=${this.handlePointer} @pointerleave=${this.handleLeave}></canvas>
                <figcaption>layer ${this.layer} · head ${h + 1} · ${STAGE_LABELS[this.stage]}</figcaption>
              </figure>`,
            )}
          </div>
          <div class="legend" style=${styleProps({ width: `${Math.min(2, heads) * (size + 10)}px` })}>
            ${this.stage === 'softmax'
              ? html`<span>rows: query (who looks) · columns: key (looked at)</span><span>white 0 → 1 blue</span>`
              : html`<span>rows: query · columns: key</span><span>${this.stage === 'masked' ? 'grey = −∞ (masked)' : ''} orange − · blue +</span>`}
          </div>
          <div class="readout" aria-live="polite">${this.hoverText()}</div>
          ${r ? this.renderSequence(r) : null}
        </div>
        <div class="side">
          <dl class="stats">
            <dt>Step</dt><dd>${res ? res.step : 0}</dd>
            <dt>Loss</dt><dd>${res ? res.loss.toFixed(3) : '–'}</dd>
            <dt>Token accuracy</dt><dd>${res ? `${(res.accuracy * 100).toFixed(1)} %` : '–'}</dd>
            <dt>Model</dt><dd>${layers} layer${layers > 1 ? 's' : ''}, ${heads} head${heads > 1 ? 's' : ''}, d = ${this.dModel}${this.causal ? ', causal' : ''}</dd>
          </dl>
          <div class="chart"><canvas aria-label="Training loss per step"></canvas></div>
          <div class="chart"><canvas aria-label="Token accuracy per step"></canvas></div>
          ${this.engine.value?.fallbackReason ? html`<p class="readout">Trains on the page: the slide may stutter while it steps (no Web Worker: ${this.engine.value.fallbackReason}).</p>` : null}
        </div>
      </div>
    `;
  }

  private renderSettings(): TemplateResult {
    const pick = (label: string, value: string, list: readonly string[], onChange: (v: string) => void, names?: Record<string, string>) => html`<label
      >${label}
      <select @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value)}>
        ${list.map((v) => html`<option .value=${v} ?selected=${v === value}>${names?.[v] ?? v}</option>`)}
      </select></label
    >`;
    const labels = this.labels;
    const typed = this.tokens ? this.tokens.map((i) => labels[i]).join(' ') : '';
    return html`<div class="settings">
      ${pick('Task', this.task, TASKS, (v) => {
        this.task = v as Task;
        if (v !== 'reverse') this.start = 'scratch';
      })}
      ${pick('Start', this.start, STARTS, (v) => (this.start = v as DlAttentionHeatmap['start']), { scratch: 'random weights', trained: 'trained weights' })}
      <label><input type="checkbox" .checked=${this.causal} @change=${(e: Event) => (this.mask = (e.target as HTMLInputElement).checked ? 'causal' : 'none')} />Causal mask</label>
      ${this.layerCount > 1 ? pick('Layer', String(this.layer), Array.from({ length: this.layerCount }, (_, i) => String(i + 1)), (v) => (this.layer = Number(v))) : null}
      ${pick('Stage', this.stage, STAGES, (v) => (this.stage = v as Stage), { raw: 'raw Q Kᵀ', scaled: 'scaled ÷√d_k', masked: 'masked', softmax: 'softmax' })}
      ${pick('Learning rate', String(this.learningRate), [...new Set([...LEARNING_RATES, this.learningRate])].map(String), (v) => (this.learningRate = Number(v)))}
      <label>Seed <input type="number" min="0" .value=${String(this.seed)} @change=${(e: Event) => (this.seed = Math.max(0, Math.floor(Number((e.target as HTMLInputElement).value)) || 0))} /></label>
      <label>Input <input type="text" style=${styleProps({ width: `${this.seqLength * 1.25 + 1}em` })} .value=${typed} aria-label=${`Input: ${this.seqLength} symbols`} @change=${this.handleInput} /></label>
      <button @click=${() => void this.handleExample()} title="A new random input">New input</button>
      ${this.inputProblem ? html`<span class="dl-problem" role="alert">${this.inputProblem}</span>` : null}
    </div>`;
  }

  private renderSequence(r: AttentionReadout): TemplateResult {
    const labels = this.labels;
    const tokens = this.tokens ?? [];
    const { targets, weights } = solveLocally(this.task, tokens);
    const cols = styleProps({ 'grid-template-columns': `5.5em repeat(${r.length}, 1.7em)` });
    const cell = (i: number, text: string, cls = '') => html`<span class=${`${cls}${i === this.hoverRow ? ' hot' : ''}`}>${text}</span>`;
    return html`<div class="sequence" style=${cols} aria-label="Input, wanted output and the model's prediction per position">
      <span class="label">input</span>${tokens.map((t, i) => cell(i, labels[t]))}
      <span class="label">wanted</span>${targets.map((t, i) => cell(i, weights[i] ? labels[t] : '·'))}
      <span class="label">model</span>${Array.from(r.predictions, (t, i) => cell(i, labels[t], weights[i] ? (t === targets[i] ? 'right' : 'wrong') : ''))}
    </div>`;
  }

  private hoverText(): string {
    const r = this.readout;
    if (!r) return '';
    const labels = this.labels;
    if (this.hoverRow < 0) return this.causal ? 'Hover a row to read one query. Causal mask: a position sees only itself and earlier ones.' : 'Hover a row to read where one query position looks.';
    const layer = r.layers[this.layer - 1];
    const i = this.hoverRow;
    const tokens = this.tokens ?? [];
    const parts = layer.heads.map((h, k) => {
      let best = 0;
      for (let j = 1; j < r.length; j++) if (h.weights[i * r.length + j] > h.weights[i * r.length + best]) best = j;
      return `head ${k + 1} → position ${best + 1} ("${labels[tokens[best]]}", ${(h.weights[i * r.length + best] * 100).toFixed(0)} %)`;
    });
    return `Query position ${i + 1} ("${labels[tokens[i]]}"): ${parts.join(' · ')}; predicts "${labels[r.predictions[i]]}".`;
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
