import { html, type PropertyValues, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type { Backend, Seq2SeqEvaluation, Seq2SeqReadout, Seq2SeqStepResult } from '../../engine/index.ts';
import { localPoint } from '../_shared/canvas.ts';
import { defineElement, IN_SPEAKER_VIEW } from '../_shared/dl-element.ts';
import { backendFromUrl, EngineTask } from '../_shared/engine-task.ts';
import { ChartController } from '../_shared/loss-chart.ts';
import { cssVar, sequentialTable } from '../_shared/palette.ts';
import { choice, flag, int, num, text } from '../_shared/props.ts';
import { styleProps } from '../_shared/style-props.ts';
import { widgetStyles } from '../_shared/styles.ts';
import { nextTask } from '../_shared/tasks.ts';
import { Training, TrainingElement } from '../_shared/training.ts';
import { styles } from './seq2seq.styles.ts';
import { drawHeatMap, heatMapHeight, rowAt, strongestColumn, type HeatMapColors } from './seq2seq.view.ts';

// Mirrors of the engine's lists (engine/datasets/seq2seq-tasks.ts), so validation never loads TensorFlow.js.
const TASKS = ['reverse', 'sort', 'date'] as const;
const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
const LABELS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '-', '/', '▸', '■'];
const LEARNING_RATES = [0.001, 0.003, 0.01, 0.03];
/** Steps between held-out checks (exact match needs a greedy decode of every held-out source). */
const EVAL_EVERY = 10;
/** Held-out sources for the exact-match curve. */
const EVAL_SIZE = 32;
/** Shortest time between two re-decodes of the shown source while training (ms). */
const REFRESH_MS = 400;
/** Training steps before a printed still (the date task is exact by then). */
const PRINT_STEPS = 80;
/** Training time in the worker per round trip (the page is free meanwhile; other requests wait at most this long). */
const WORKER_ROUND_MS = 60;

type Task = (typeof TASKS)[number];
/** The model behind the widget: a trainer in a Web Worker (or on the page), engine/workers/seq2seq-client.ts. */
type Session = import('../../engine/workers/seq2seq-client.ts').Seq2SeqSession;

/** What is wrong with a typed source for `task`, or null (the engine's rules, repeated for validation). */
export function sourceProblem(value: string, task: Task): string | null {
  const t = value.trim();
  if (!t) return null;
  if (task === 'date') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
    if (!m) return `type a date as YYYY-MM-DD, e.g. 2024-03-17 (got "${t.slice(0, 40)}").`;
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (year < 1900 || year > 2099) return `the model learns years 1900–2099 (got ${year}).`;
    if (month < 1 || month > 12) return `month ${m[2]} does not exist: use 01–12.`;
    const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
    if (day < 1 || day > days) return `${m[1]}-${m[2]} has no day ${m[3]}.`;
    return null;
  }
  const parts = /[\s,]/.test(t) ? t.split(/[\s,]+/).filter(Boolean) : [...t];
  return parts.length === 8 && parts.every((p) => /^\d$/.test(p)) ? null : `type exactly 8 digits, e.g. 3 1 4 1 5 9 2 6 (got "${t.slice(0, 40)}").`;
}

/** Typed source → token ids (call after {@link sourceProblem} said null). */
function parseSource(value: string, task: Task): number[] {
  const t = value.trim();
  if (task === 'date') return [...t].map((c) => (c === '-' ? 10 : Number(c)));
  const parts = /[\s,]/.test(t) ? t.split(/[\s,]+/).filter(Boolean) : [...t];
  return parts.map(Number);
}

/** Token ids → text as a student types it. */
function formatSource(ids: ArrayLike<number>, task: Task): string {
  const labels = Array.from(ids, (i) => LABELS[i] ?? '?');
  return task === 'date' ? labels.join('') : labels.join(' ');
}

/**
 * `<dl-seq2seq>`: a tiny encoder–decoder transformer trains live on a sequence-to-sequence task
 * (reverse 8 digits, sort them, or rewrite an ISO date 2024-03-17 as 03/17/24). Type a source or
 * draw a new one; the decoder writes its greedy output token by token, each with the probability
 * it gave it, and the heat maps show where it looked: the **cross-attention** map (decoder
 * position × source position, per head and layer) and, small beside it, the encoder's
 * self-attention and the decoder's masked self-attention. The curve shows the loss and the share
 * of held-out sources translated exactly right.
 *
 * ```html
 * <dl-seq2seq task="date" autoplay></dl-seq2seq>
 * <dl-seq2seq task="reverse" layers="2" heads="4" source="3 1 4 1 5 9 2 6"></dl-seq2seq>
 * ```
 *
 * @summary A tiny encoder–decoder transformer trains live; its cross-attention map shows which source token each output reads.
 * @event dl-ready - The model is built and its first output decoded. detail: { backend: string; params: number }
 * @event dl-train-step - After each training step. detail: { step: number; loss: number; accuracy: number }
 * @event dl-evaluate - After each held-out check. detail: { step: number; loss: number; tokenAccuracy: number; exactMatch: number }
 * @csspart toolbar - Play, step, reset, new example and status.
 * @csspart sequence - The source, the greedy output with confidences, and the wanted output.
 * @csspart cross - The cross-attention maps (one per head).
 * @csspart self - The small encoder and decoder self-attention maps.
 * @csspart plot - Everything below the settings (the speaker view mirrors its canvases).
 * @cssproperty [--attention-high=var(--dl-color-accent)] - Colour of attention weight 1.
 * @cssproperty [--attention-low=var(--dl-color-surface-raised)] - Colour of attention weight 0.
 * @cssproperty [--cross-size=280px] - Width of one cross-attention map (two heads); more heads get narrower maps.
 * @cssproperty [--self-size=124px] - Width of one small self-attention map.
 */
export class DlSeq2seq extends TrainingElement {
  static override styles = [widgetStyles, styles];
  static override remoteVerbs = ['newExample'];

  /** Task: reverse (8 digits backwards) | sort (8 digits in order) | date (2024-03-17 → 03/17/24). */
  @choice(TASKS) task: Task = 'date';
  /** Encoder blocks, and as many decoder blocks (1–3). */
  @int(1, 3) layers = 1;
  /** Attention heads per attention layer (1–4). */
  @int(1, 4) heads = 2;
  /** Residual width d_model (8–64, divisible by heads). */
  @int(8, 64) dModel = 32;
  /** Adam learning rate (0.0001–0.1). */
  @num({ min: 1e-4, max: 0.1 }) learningRate = 0.01;
  /** Examples per training step (8–256). */
  @int(8, 256) batchSize = 64;
  /** Seed for the weights, the batches and the examples. */
  @int(0, 2 ** 31) seed = 1;
  /** The source to translate, e.g. "2024-03-17" or "3 1 4 1 5 9 2 6"; empty = a random example. */
  @text({ maxLength: 200, check: (v, h: { task: Task }) => sourceProblem(v, h.task) }) source = '';
  /** Start training as soon as the widget is shown. */
  @flag() autoplay = false;
  /** Hides the settings row (task, learning rate, seed); the toolbar and the source stay. */
  @flag() noSettings = false;
  /** Preferred TensorFlow.js backend (webgpu | webgl | wasm | cpu); `?backend=` on the page wins. */
  @choice(BACKENDS, { optional: true }) backend: string | null = null;
  /** Train on the page instead of in a Web Worker (each step is one long task: the slide stutters). */
  @flag() noWorker = false;

  @state() private result: Seq2SeqStepResult | null = null;
  @state() private evaluation: Seq2SeqEvaluation | null = null;
  @state() private readout: Seq2SeqReadout | null = null;
  @state() private layerShown = 0;
  @state() private hoverRow = -1;
  @state() private inputProblem = '';

  private tokens: number[] | null = null;
  /** What the heat maps show now (redrawn only when this changes). */
  private painted: unknown[] | null = null;
  private lastRefresh = 0;
  /** The first decode of a fresh model: frames and Step wait for it. */
  private prepared: Promise<void> = Promise.resolve();

  private readonly engine: EngineTask<Session, Session> = new EngineTask<Session, Session>(
    this,
    {
      args: () => [this.task, this.layers, this.heads, this.dModel, this.learningRate, this.batchSize, this.seed, this.backend, this.noWorker],
      build: (session) => session,
      ready: (t) => (this.prepared = this.handleReady(t)),
    },
    // The trainer runs in a Web Worker (steps of 80–600 ms on wasm never block the slide); where
    // none can start (file://, no module workers) the same code runs on the page, one step a frame.
    async () => {
      const wanted = (backendFromUrl() ?? this.backend) || null;
      if (wanted !== null && !(BACKENDS as readonly string[]).includes(wanted)) throw new Error(`Unknown backend "${wanted}". Use one of: ${BACKENDS.join(', ')}.`);
      const client = await import('../../engine/workers/seq2seq-client.ts');
      const trainer = { task: this.task, layers: this.layers, heads: this.heads, dModel: this.dModel, learningRate: this.learningRate, batchSize: this.batchSize, seed: this.seed, evalSize: EVAL_SIZE };
      const session = await client.createSeq2SeqSession({ trainer, backend: { prefer: wanted as Backend | null }, worker: !this.noWorker });
      return { eng: session, backend: session.info.backend };
    },
  );
  private readonly chart = new ChartController(this, {
    canvas: () => this.renderRoot.querySelector<HTMLCanvasElement>('.chart canvas'),
    series: () => [
      { label: 'loss (nats/token)', color: cssVar(this, '--dl-color-fg', '#1d2430') },
      { label: 'exact match (held out)', color: cssVar(this, '--dl-color-accent', '#0877bd') },
    ],
    color: () => cssVar(this, '--dl-color-muted', '#5b6573'),
  });
  protected readonly training: Training<Session> = new Training(this, {
    task: this.engine,
    frame: (t, deadline) => this.trainFrame(t, deadline),
    describe: (t) => `${t.info.paramCount.toLocaleString('en')} weights · ${t.where === 'worker' ? 'in a worker' : 'on the page'}`,
    autoplay: () => this.autoplay,
    onReset: () => this.clearResult(),
  });

  // ── public read-outs and verbs ───────────────────────────────────────────

  /** The last decode of the shown source (output, confidences, every attention map), or null. */
  get translation(): Seq2SeqReadout | null {
    return this.readout;
  }

  /** The last held-out check, or null. */
  get heldOut(): Seq2SeqEvaluation | null {
    return this.evaluation;
  }

  /** Translate a fresh random source (clears a typed one). */
  async newExample(): Promise<void> {
    const t = this.engine.value;
    if (!t) return;
    const tokens = Array.from(await t.example());
    if (this.engine.value !== t) return;
    this.tokens = tokens;
    this.inputProblem = '';
    if (this.source) this.source = '';
    await this.engine.use((v) => (v === t ? this.refresh(v) : undefined));
  }

  /** `?print-pdf`: a still of the trained model (seeded: the same picture every time). */
  async printReady(): Promise<void> {
    this.pause();
    const t = await this.engine.ready();
    if (!t) return;
    await this.prepared;
    // Autoplay starts once the first picture is drawn: stop it, so no frame trains beside us.
    await this.updateComplete;
    await nextTask();
    this.pause();
    // A frame's round already sent to the worker lands first: count from after it.
    await this.training.settled();
    await this.engine.use(async (v) => {
      while (v === this.engine.value && v.steps < PRINT_STEPS) await this.trainFrame(v, performance.now() + 50, PRINT_STEPS - v.steps);
      if (v === this.engine.value) await this.refresh(v);
    });
    await this.updateComplete;
  }

  protected override checkAttributes(): string[] {
    return this.dModel % this.heads !== 0 ? [`d-model="${this.dModel}" must be divisible by heads="${this.heads}".`] : [];
  }

  // ── lifecycle ────────────────────────────────────────────────────────────

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const modelKeys = ['task', 'layers', 'heads', 'dModel', 'learningRate', 'batchSize', 'seed', 'backend', 'noWorker'];
    if (this.hasUpdated && modelKeys.some((k) => changed.has(k))) {
      this.clearResult();
      this.tokens = null;
      this.readout = null;
      this.layerShown = 0;
    }
    if (changed.has('source') && !this.hasConfigErrors && this.source.trim()) {
      this.tokens = parseSource(this.source, this.task);
      this.inputProblem = '';
      if (this.engine.value) queueMicrotask(() => this.redraw());
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.paint();
  }

  // ── engine glue ──────────────────────────────────────────────────────────

  private clearResult(): void {
    this.result = null;
    this.evaluation = null;
    this.chart.clear();
  }

  private async handleReady(t: Session): Promise<void> {
    this.result = null;
    // Only the shown source is decoded now (a GPU backend compiles its kernels for it); the first
    // held-out check comes with step 10, so a slide shown briefly never waits for it. Not through
    // use(): a widget removed meanwhile disposes the session at once (the worker ends; on the page
    // the trainer's dispose frees the tensors of this read too), and the read rejects.
    try {
      await this.refresh(t);
    } catch (err) {
      if (this.engine.value === t) throw err;
      return;
    }
    if (this.engine.value !== t) return;
    this.emit('dl-ready', { backend: this.engine.backend?.name, params: t.info.paramCount });
  }

  /**
   * One round of training steps (in the worker: about 60 ms of them; on the page: until the
   * frame's time is up; Step: one), ending early with the held-out check every 10 steps, then a
   * re-decode of the shown source at most every 400 ms.
   */
  private async trainFrame(t: Session, deadline: number, max = Infinity): Promise<void> {
    await this.prepared;
    const budget = deadline === 0 ? 0 : t.where === 'worker' ? WORKER_ROUND_MS : Math.max(0, deadline - performance.now());
    const round = await t.train(budget, EVAL_EVERY, max);
    if (this.engine.value !== t) return; // reset or rebuilt meanwhile
    for (const r of round.steps) {
      this.result = r;
      const e = r.step % EVAL_EVERY === 0 ? round.evaluation : null;
      if (e) {
        this.evaluation = e;
        this.chart.push(r.step, [r.loss, e.exactMatch]);
        this.emit('dl-evaluate', { step: r.step, loss: e.loss, tokenAccuracy: e.tokenAccuracy, exactMatch: e.exactMatch });
      } else this.chart.push(r.step, [r.loss, NaN]);
      this.emit('dl-train-step', { step: r.step, loss: r.loss, accuracy: r.accuracy });
    }
    this.chart.draw();
    if (deadline === 0 || performance.now() - this.lastRefresh > REFRESH_MS) await this.refresh(t);
  }

  /** Re-decode the shown source, if there is a model. */
  private redraw(): void {
    if (this.engine.value) void this.engine.use((t) => this.refresh(t));
  }

  /** Decode the shown source greedily and read out every attention map. */
  private async refresh(t: Session): Promise<void> {
    if (!this.tokens || this.tokens.length !== t.info.task.sourceLength) {
      const typed = this.source.trim() && !sourceProblem(this.source, this.task) ? parseSource(this.source, this.task) : null;
      const tokens = typed ?? Array.from(await t.example());
      if (this.engine.value !== t) return;
      this.tokens = tokens;
    }
    const r = await t.translate(this.tokens);
    if (this.engine.value !== t) return;
    this.lastRefresh = performance.now();
    this.readout = r;
    this.layerShown = Math.min(this.layerShown, r.cross.length - 1);
  }

  // ── drawing ──────────────────────────────────────────────────────────────

  private colors(low: string, high: string, fg: string, muted: string): HeatMapColors {
    return { lut: sequentialTable(low, high), fg, muted };
  }

  private crossWidth(): number {
    const base = parseFloat(cssVar(this, '--cross-size', '280px')) || 280;
    return this.heads <= 2 ? base : Math.round((base * 2 + 12) / this.heads - 12);
  }

  private selfWidth(): number {
    return parseFloat(cssVar(this, '--self-size', '124px')) || 124;
  }

  private paint(): void {
    const r = this.readout;
    if (!r) return;
    const l = Math.min(this.layerShown, r.cross.length - 1);
    // Every round of training updates the stats; the maps change only with a new read-out (at
    // most every 400 ms), a hover, a layer, a size, a theme or new canvases: skip the rest.
    const tones = [cssVar(this, '--attention-low', '#ffffff'), cssVar(this, '--attention-high', '#0877bd'), cssVar(this, '--dl-color-fg', '#1d2430'), cssVar(this, '--dl-color-muted', '#5b6573')] as const;
    const key = [r, l, this.hoverRow, this.crossWidth(), this.selfWidth(), this.renderRoot.querySelector('canvas.cross'), this.renderRoot.querySelector('canvas.enc'), ...tones];
    if (this.painted && key.length === this.painted.length && key.every((v, i) => v === this.painted![i])) return;
    this.painted = key;
    const colors = this.colors(...tones);
    const src = Array.from(r.source, (i) => LABELS[i] ?? '?');
    const out = Array.from(r.output, (i) => LABELS[i] ?? '?');
    const dec = Array.from(r.decoderInput, (i) => LABELS[i] ?? '?');
    const S = src.length;
    const T = out.length;
    const cw = this.crossWidth();
    this.renderRoot.querySelectorAll<HTMLCanvasElement>('canvas.cross').forEach((canvas, h) => {
      const w = r.cross[l]?.heads[h];
      if (w) drawHeatMap(canvas, cw, { weights: w, rows: T, cols: S, rowLabels: out, colLabels: src, highlightRow: this.hoverRow }, colors);
    });
    const sw = this.selfWidth();
    this.renderRoot.querySelectorAll<HTMLCanvasElement>('canvas.enc').forEach((canvas, h) => {
      const w = r.encoder[l]?.heads[h];
      if (w) drawHeatMap(canvas, sw, { weights: w, rows: S, cols: S, rowLabels: src, colLabels: src }, colors);
    });
    this.renderRoot.querySelectorAll<HTMLCanvasElement>('canvas.dec').forEach((canvas, h) => {
      const w = r.decoderSelf[l]?.heads[h];
      // Rows: the token each position writes; columns: the decoder inputs it may read (▸ and earlier outputs).
      if (w) drawHeatMap(canvas, sw, { weights: w, rows: T, cols: T, rowLabels: out, colLabels: dec, causal: true, highlightRow: this.hoverRow }, colors);
    });
  }

  private handlePointer(e: PointerEvent): void {
    const r = this.readout;
    if (!r) return;
    const { y } = localPoint(e, e.currentTarget as HTMLElement);
    const next = rowAt(y, r.output.length, r.source.length, this.crossWidth());
    if (next !== this.hoverRow) this.hoverRow = next;
  }

  private hoverText(): string {
    const r = this.readout;
    if (!r) return '';
    if (this.hoverRow < 0) return 'Rows: what the decoder writes, top to bottom. Columns: the source. Hover a row to read where it looks.';
    const i = this.hoverRow;
    const S = r.source.length;
    const l = Math.min(this.layerShown, r.cross.length - 1);
    const parts = r.cross[l].heads.map((w, h) => {
      const { col, weight } = strongestColumn(w, S, i);
      return `head ${h + 1} → source ${col + 1} ("${LABELS[r.source[col]]}", ${(weight * 100).toFixed(0)} %)`;
    });
    return `Output ${i + 1} ("${LABELS[r.output[i]]}", p = ${r.confidence[i].toFixed(2)}): ${parts.join(' · ')}`;
  }

  // ── input ────────────────────────────────────────────────────────────────

  private handleInput(e: Event): void {
    const value = (e.target as HTMLInputElement).value;
    const problem = sourceProblem(value, this.task);
    this.inputProblem = problem ?? '';
    // A valid source becomes the `source` setting, so one typed in the speaker view reaches the audience.
    if (!problem && value.trim()) this.source = value.trim();
  }

  // ── template ─────────────────────────────────────────────────────────────

  override render(): TemplateResult {
    const note = this.renderSpeakerViewNote();
    const problems = this.renderConfigErrors();
    if (problems) return problems;
    const example = html`<button type="button" @click=${() => void this.newExample()} title="Translate a new random source">New example</button>`;
    return html`
      ${note} ${this.training.renderToolbar(example)} ${this.noSettings ? null : this.renderSettings()}
      ${IN_SPEAKER_VIEW
        ? // The speaker view's copy has no model: the mirrored picture above, and the source to send.
          html`<div class="sequence">${this.renderSourceInput()}</div>`
        : html`<div class="layout" part="plot">
            <div class="main">
              ${this.renderSequence()}
              <div class="maps">
                <div class="cross-maps" part="cross">${this.renderCross()}</div>
                <div class="self-maps" part="self">${this.renderSelf()}</div>
              </div>
              <div class="readout" aria-live="polite">${this.hoverText()}</div>
            </div>
            <div class="side">
              ${this.renderStats()}<div class="chart"><canvas aria-label="Training loss per step and held-out exact match"></canvas></div>
              ${this.engine.value?.fallbackReason ? html`<p class="readout">Trains on the page, one step per frame (no Web Worker: ${this.engine.value.fallbackReason}).</p>` : null}
            </div>
          </div>`}
    `;
  }

  private renderSettings(): TemplateResult {
    const pick = (label: string, value: string, list: readonly string[], onChange: (v: string) => void, names?: Record<string, string>) =>
      html`<label
        >${label}
        <select @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value)}>
          ${list.map((v) => html`<option .value=${v} ?selected=${v === value}>${names?.[v] ?? v}</option>`)}
        </select></label
      >`;
    return html`<div class="settings">
      ${pick('Task', this.task, TASKS, (v) => {
        this.source = '';
        this.task = v as Task;
      }, { reverse: 'reverse digits', sort: 'sort digits', date: 'ISO date → US date' })}
      ${pick('Learning rate', String(this.learningRate), [...new Set([...LEARNING_RATES, this.learningRate])].map(String), (v) => (this.learningRate = Number(v)))}
      <label>Seed <input type="number" min="0" .value=${String(this.seed)} @change=${(e: Event) => (this.seed = Math.max(0, Math.floor(Number((e.target as HTMLInputElement).value)) || 0))} /></label>
    </div>`;
  }

  private renderSourceInput(): TemplateResult {
    const typed = this.tokens ? formatSource(this.tokens, this.task) : this.source;
    const hint = this.task === 'date' ? 'a date 1900–2099, YYYY-MM-DD' : '8 digits';
    return html`<label class="source">Source <input type="text" .value=${typed} aria-label=${`Source: ${hint}`} placeholder=${hint} @change=${this.handleInput} /></label>
      ${this.inputProblem ? html`<span class="dl-problem" role="alert">${this.inputProblem}</span>` : null}`;
  }

  private renderSequence(): TemplateResult {
    const r = this.readout;
    const cols = styleProps({ 'grid-template-columns': `5.5em repeat(${r?.output.length ?? 9}, 1.75em)` });
    const cell = (i: number, label: string, cls = '') => html`<span class=${`${cls}${i === this.hoverRow ? ' hot' : ''}`}>${label}</span>`;
    return html`<div class="sequence" part="sequence">
      ${this.renderSourceInput()}
      ${r
        ? html`<div class="tokens" style=${cols} aria-label="The greedy output token by token, the probability the model gave each token, and the wanted output">
            <span class="label">output</span>${Array.from(r.output, (tok, i) => cell(i, LABELS[tok], tok === r.target[i] ? 'tok right' : 'tok wrong'))}
            <span class="label">confidence</span>${Array.from(r.confidence, (p, i) =>
              cell(i, p >= 0.995 ? '1' : p.toFixed(2).slice(1), 'conf'),
            )}
            <span class="label"></span>${Array.from(r.confidence, (p) => html`<span class="bar" aria-hidden="true"><i style=${styleProps({ height: `${Math.round(p * 100)}%` })}></i></span>`)}
            <span class="label">wanted</span>${Array.from(r.target, (tok, i) => cell(i, LABELS[tok], 'want'))}
          </div>`
        : html`<div class="tokens placeholder">${this.engine.status === 'ready' ? 'decoding…' : 'The output appears once the model is built.'}</div>`}
    </div>`;
  }

  private renderCross(): TemplateResult[] {
    const r = this.readout;
    const S = r?.source.length ?? 10;
    const T = r?.output.length ?? 9;
    const w = this.crossWidth();
    const h = heatMapHeight(T, S, w);
    const layerPicker =
      this.layers > 1
        ? html`<label class="layer"
            >Layer
            <select @change=${(e: Event) => (this.layerShown = Number((e.target as HTMLSelectElement).value))}>
              ${Array.from({ length: this.layers }, (_, l) => html`<option .value=${String(l)} ?selected=${l === this.layerShown}>${l + 1}</option>`)}
            </select></label
          >`
        : null;
    return Array.from(
      { length: this.heads },
      (_, k) => html`<figure>
        <canvas class="cross" style=${styleProps({ width: `${w}px`, height: `${h}px` })} role="img"
          aria-label=${`Cross-attention of decoder layer ${this.layerShown + 1}, head ${k + 1}: rows are output positions, columns source positions`}
          @pointermove=${this.handlePointer} @pointerleave=${() => (this.hoverRow = -1)}></canvas>
        <figcaption>cross-attention · layer ${this.layerShown + 1} · head ${k + 1}${k === this.heads - 1 ? layerPicker : null}</figcaption>
      </figure>`,
    );
  }

  private renderSelf(): TemplateResult {
    const r = this.readout;
    const S = r?.source.length ?? 10;
    const T = r?.output.length ?? 9;
    const w = this.selfWidth();
    const heads = Array.from({ length: this.heads }, (_, k) => k);
    return html`<div class="self-title">self-attention · layer ${this.layerShown + 1}</div>
      <div class="self-grid" style=${styleProps({ 'grid-template-columns': `repeat(${this.heads}, ${w}px)` })}>
      ${heads.map(
        (k) => html`<figure>
          <canvas class="enc" style=${styleProps({ width: `${w}px`, height: `${heatMapHeight(S, S, w)}px` })} role="img" aria-label=${`Encoder self-attention, layer ${this.layerShown + 1}, head ${k + 1}`}></canvas>
          <figcaption>encoder · h${k + 1}</figcaption>
        </figure>`,
      )}
      ${heads.map(
        (k) => html`<figure>
          <canvas class="dec" style=${styleProps({ width: `${w}px`, height: `${heatMapHeight(T, T, w)}px` })} role="img" aria-label=${`Decoder masked self-attention, layer ${this.layerShown + 1}, head ${k + 1}`}></canvas>
          <figcaption>decoder, masked · h${k + 1}</figcaption>
        </figure>`,
      )}
    </div>`;
  }

  private renderStats(): TemplateResult {
    const res = this.result;
    const e = this.evaluation;
    return html`<dl class="stats">
      <dt>Step</dt><dd>${res ? res.step : 0}</dd>
      <dt>Loss</dt><dd>${res ? res.loss.toFixed(3) : e ? e.loss.toFixed(3) : '–'}</dd>
      <dt>Exact match</dt><dd>${e ? `${Math.round(e.exactMatch * 100)} %` : '–'}</dd>
      <dt>Model</dt><dd>${this.layers}+${this.layers} blocks, ${this.heads} head${this.heads > 1 ? 's' : ''}, d = ${this.dModel}</dd>
    </dl>`;
  }
}

defineElement('dl-seq2seq', DlSeq2seq);

declare global {
  interface HTMLElementTagNameMap {
    'dl-seq2seq': DlSeq2seq;
  }
}
