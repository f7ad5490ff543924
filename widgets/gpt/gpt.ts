import { html, type PropertyValues, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type { Backend, GptAttentionMaps, GptSession, GptTrainerOptions, GptTrainRound, GptWrittenToken, SamplingOptions } from '../../engine/index.ts';
import { defineElement } from '../_shared/dl-element.ts';
import { backendFromUrl, EngineTask } from '../_shared/engine-task.ts';
import { FRAME_BUDGET_MS } from '../_shared/frame-loop.ts';
import { ChartController } from '../_shared/loss-chart.ts';
import { CATEGORICAL, cssVar, sequentialTable } from '../_shared/palette.ts';
import { choice, flag, int, num, text } from '../_shared/props.ts';
import { styleProps } from '../_shared/style-props.ts';
import { widgetStyles } from '../_shared/styles.ts';
import { Training, TrainingElement } from '../_shared/training.ts';
import { styles } from './gpt.styles.ts';
import { drawAttentionMap, strongestKey, tokenLabel } from './gpt.view.ts';

const TOKENIZERS = ['char', 'bpe'] as const;
const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
/** The shipped weights' shape (engine/models/weights/gpt-aesop.json); also the trainer's defaults. */
const SHIPPED = { tokenizer: 'char', layers: 2, dModel: 64, heads: 4, contextLength: 64 } as const;
/** Training time in the worker per round trip (the page is free meanwhile; other requests wait at most this long). */
const WORKER_ROUND_MS = 60;
/** Training time between held-out checks (a check costs about two training steps). */
const EVAL_EVERY_MS = 4000;
/** Tokens appended to the text per animation frame: the text streams instead of jumping. */
const TOKENS_PER_FRAME = 3;
/** Ask for more tokens when fewer than this many wait to be shown. */
const QUEUE_LOW = 12;
/** Tokens per request, and the worker's time per request. */
const PULL_MAX = 24;
const WORKER_WRITE_MS = 25;
/** Bars shown. */
const TOP = 10;
/** Training steps before a page is printed, for a model from random weights (see printReady); the default size takes about 0.8 s a step on two cores, and the print hook allows 30 s. */
const PRINT_STEPS = 20;
/** Tokens written for the printed still (at most max-tokens). */
const PRINT_TOKENS = 160;

/** A text being written: tokens arrive from the session in chunks and are shown a few per frame. */
interface Writing {
  session: GptSession;
  writer: number;
  queue: GptWrittenToken[];
  done: boolean;
  pulling: boolean;
  raf: number;
}

/** What the bars show: the logits at one position, and the token drawn there (null: none yet). */
interface BarsSource {
  logits: Float32Array;
  chosen: number | null;
  where: string;
}

type Shape = (logits: ArrayLike<number>, options: SamplingOptions) => Float32Array;

/**
 * `<dl-gpt>`: a small GPT (a decoder-only transformer, character-level by default) trains live on
 * The Æsop for Children and writes. The loss chart shows training and held-out loss against the
 * unigram and bigram baselines; type a prompt and press Write to watch it write token by token;
 * the bars show the next-token distribution after temperature, top-k, top-p or greedy (change
 * them and the bars re-shape at once), with the drawn token marked; the heat map shows where each
 * head of each layer attends in the written text. `pretrained` starts from shipped weights that
 * write fable-like English at once. The model trains in a Web Worker, so the slide never stalls.
 *
 * ```html
 * <dl-gpt pretrained prompt="The Lion " temperature="0.8"></dl-gpt>
 * <dl-gpt layers="1" autoplay></dl-gpt>
 * ```
 *
 * @summary A small GPT trains live on Æsop's fables and writes token by token: loss against n-gram baselines, sampling bars, attention maps.
 * @event dl-ready - The model is built and its first held-out loss measured. detail: { backend: string; where: 'worker' | 'page'; params: number; vocab: number }
 * @event dl-train-step - After each round of training steps. detail: { step: number; steps: number; loss: number }
 * @event dl-evaluate - After each held-out check. detail: { step: number; loss: number; perplexity: number; unigram: number; bigram: number }
 * @event dl-written - A Write finished or was stopped (after its attention maps are read). detail: { prompt: string; text: string; tokens: number; stopped: boolean }
 * @csspart toolbar - Play, step, reset, seed and status.
 * @csspart text - The prompt and the written text.
 * @csspart map - The attention heat map.
 * @cssproperty [--attention-high=var(--dl-color-accent)] - Colour of attention weight 1.
 * @cssproperty [--attention-low=var(--dl-color-surface-raised)] - Colour of attention weight 0.
 * @cssproperty [--bar=var(--dl-color-accent)] - Colour of the probability bars.
 * @cssproperty [--chosen=var(--dl-color-accent-2)] - Colour of the drawn token's bar.
 * @cssproperty [--map-size=240px] - Side of the attention map.
 */
export class DlGpt extends TrainingElement {
  static override styles = [widgetStyles, styles];
  static override remoteVerbs = ['write'];

  /** Start from the shipped weights (trained on the fables): it writes at once. Without it: seeded random weights. */
  @flag() pretrained = false;
  /** Tokens: char (one per character) | bpe (byte-pair merges learned on the fables, 256 tokens). */
  @choice(TOKENIZERS) tokenizer: (typeof TOKENIZERS)[number] = 'char';
  /** The text to continue. */
  @text({ maxLength: 1000 }) prompt = 'The Fox ';
  /** Sampling temperature (0.05–2): below 1 sharpens the distribution, above 1 flattens it. */
  @num({ min: 0.05, max: 2 }) temperature = 0.8;
  /** Keep only the k most likely tokens (0 = off … the vocabulary size). */
  @int(0, 4096) topK = 0;
  /** Nucleus sampling: keep the fewest tokens whose probability reaches p (0.05–1; 1 = off). */
  @num({ min: 0.05, max: 1 }) topP = 1;
  /** Always take the most likely token. */
  @flag() greedy = false;
  /** Tokens written per press of Write (1–1000). */
  @int(1, 1000) maxTokens = 200;
  /** Seed for the weights, the batches and the draws (Write number n draws with seed + n). */
  @int(0, 2 ** 31) seed = 1;
  /** Start training as soon as the widget is shown. */
  @flag() autoplay = false;
  /** Preferred TensorFlow.js backend (webgpu | webgl | wasm | cpu) where the model runs; `?backend=` on the page wins. */
  @choice(BACKENDS, { optional: true }) backend: string | null = null;
  /** Transformer blocks (1–4). */
  @int(1, 4) layers = SHIPPED.layers;
  /** Residual width d_model (8–128, divisible by heads). */
  @int(8, 128) dModel = SHIPPED.dModel;
  /** Attention heads per layer (1–8). */
  @int(1, 8) heads = SHIPPED.heads;
  /** Tokens the model sees at once (8–256). */
  @int(8, 256) contextLength = SHIPPED.contextLength;
  /** Adam learning rate (0.00001–0.1). */
  @num({ min: 1e-5, max: 0.1 }) learningRate = 0.01;
  /** Windows of context-length + 1 tokens per training step (1–256). */
  @int(1, 256) batchSize = 16;
  /** Run the model on the page instead of in a Web Worker (one training step per frame: the page stutters). */
  @flag() noWorker = false;

  @state() private round: GptTrainRound | null = null;
  @state() private heldOut = NaN;
  @state() private writtenPrompt = '';
  @state() private writtenText = '';
  @state() private writtenCount = 0;
  @state() private bars: BarsSource | null = null;
  @state() private maps: GptAttentionMaps | null = null;
  @state() private layerShown = 0;
  @state() private headShown = 0;
  @state() private writing: Writing | null = null;

  /** Writes so far with this model (the n-th draws with seed + n). */
  private draws = 0;
  private trainedMs = 0;
  private evalDue = false;
  private lastPromptView = 0;
  private promptViewBusy = false;
  private promptViewAgain = false;
  /** What the map canvas shows now (redrawn only when this changes). */
  private drawnMap: { maps: GptAttentionMaps; layer: number; head: number; size: number } | null = null;
  private shape: Shape | null = null;

  private readonly task: EngineTask<GptSession, GptSession> = new EngineTask<GptSession, GptSession>(
    this,
    {
      args: () => [this.pretrained, this.tokenizer, this.layers, this.dModel, this.heads, this.contextLength, this.learningRate, this.batchSize, this.seed, this.backend, this.noWorker],
      build: (session) => session,
      ready: (session) => this.prepare(session),
    },
    // The session (a worker, or the fallback on the page) is made here, so the status shows its backend.
    async () => {
      const wanted = (backendFromUrl() ?? this.backend) || null;
      if (wanted !== null && !(BACKENDS as readonly string[]).includes(wanted)) throw new Error(`Unknown backend "${wanted}". Use one of: ${BACKENDS.join(', ')}.`);
      const client = await import('../../engine/workers/gpt-client.ts');
      this.shape = client.samplingDistribution;
      const session = await client.createGptSession({ trainer: this.trainerOptions(), backend: { prefer: wanted as Backend | null }, worker: !this.noWorker });
      return { eng: session, backend: session.info.backend };
    },
  );
  private readonly chart = new ChartController(this, {
    canvas: () => this.renderRoot.querySelector<HTMLCanvasElement>('.chart canvas'),
    series: () => [
      { label: 'training loss', color: cssVar(this, '--dl-color-fg', '#1d2430') },
      { label: 'held-out loss', color: cssVar(this, '--dl-color-accent', '#0877bd') },
      { label: 'unigram', color: CATEGORICAL[1], dashed: true },
      { label: 'bigram', color: CATEGORICAL[2], dashed: true },
    ],
    color: () => cssVar(this, '--dl-color-muted', '#5b6573'),
    yLabel: 'nats per token',
  });
  protected readonly training: Training<GptSession> = new Training(this, {
    task: this.task,
    frame: (s, deadline) => this.trainFrame(s, deadline),
    step: (s) => this.stepOnce(s),
    describe: (s) => this.describe(s),
    autoplay: () => this.autoplay,
    onReset: () => this.clearView(),
  });

  // ── public read-outs ─────────────────────────────────────────────────────

  /** The text written by the last Write (without the prompt). */
  get text(): string {
    return this.writtenText;
  }

  /** Whether a Write is in progress. */
  get isWriting(): boolean {
    return this.writing !== null;
  }

  /** The bars' distribution now (after temperature, top-k, top-p, greedy), or null before the model is built. */
  get distribution(): Float32Array | null {
    return this.bars && this.shape ? this.shape(this.bars.logits, this.sampling()) : null;
  }

  protected override remoteExtras(): Record<string, boolean> {
    return { writing: this.writing !== null };
  }

  /** The attention maps shown (all layers and heads), or null. */
  get attention(): GptAttentionMaps | null {
    return this.maps;
  }

  /** Write `max-tokens` tokens after the prompt (or stop the Write in progress). Resolves once it has started. */
  async write(): Promise<void> {
    if (this.writing) return this.stopWriting(true);
    if (!this.running) return;
    const s = await this.task.ready();
    if (!s || s.disposed || this.writing) return;
    const w: Writing = { session: s, writer: 0, queue: [], done: false, pulling: false, raf: 0 };
    this.writing = w;
    this.writtenPrompt = this.prompt;
    this.writtenText = '';
    this.writtenCount = 0;
    const options = { ...this.sampling(), prompt: this.prompt, maxTokens: this.maxTokens, seed: this.seed + this.draws };
    this.draws++;
    try {
      const writer = await this.task.use((v) => (v === s ? v.startWriting(options) : undefined));
      if (this.writing !== w) {
        if (writer !== undefined && !s.disposed) void s.stopWriting(writer).catch(() => undefined);
        return;
      }
      if (writer === undefined) return this.stopWriting(false);
      w.writer = writer;
      this.scheduleWriteFrame(w);
    } catch (err) {
      this.failWriting(w, err);
    }
  }

  /**
   * The still `?print-pdf` prints (widgets/_shared/print-ready.ts): paused; a model from random
   * weights first trains PRINT_STEPS seeded steps and checks its held-out loss (the chart shows it
   * fall), then the model writes up to PRINT_TOKENS tokens after the prompt with the slide's
   * sampling settings and seed (the text a first Write gives), all at once instead of streamed;
   * the bars show the last token's distribution and the map the attention over the written text.
   */
  async printReady(): Promise<void> {
    this.pause();
    this.stopWriting(false);
    const ready = new Promise((r) => this.addEventListener('dl-ready', r, { once: true }));
    const s = await this.task.ready();
    if (!s || s.disposed) return;
    if (this.task.preparing) await ready; // its first held-out check and prompt view, which clear the view
    await this.task.use(async (v) => {
      if (v !== s) return;
      if (!this.pretrained) {
        while ((this.round?.step ?? 0) < PRINT_STEPS) this.afterRound(s, await s.train(0));
        await this.checkHeldOut(s);
      }
      const prompt = this.prompt;
      const writer = await s.startWriting({ ...this.sampling(), prompt, maxTokens: Math.min(this.maxTokens, PRINT_TOKENS), seed: this.seed + this.draws });
      this.draws++;
      this.writtenPrompt = prompt;
      this.writtenText = '';
      this.writtenCount = 0;
      for (let done = false; !done; ) {
        const chunk = await s.write(writer, 1000, PRINT_TOKENS);
        for (const tok of chunk.tokens) this.appendToken(tok);
        done = chunk.done;
      }
      if (this.bars) this.bars = { ...this.bars, where: `token ${this.writtenCount} of ${this.writtenCount}` };
      this.setMaps(await s.attention(prompt + this.writtenText));
    });
    await this.updateComplete;
  }

  // ── model ────────────────────────────────────────────────────────────────

  private trainerOptions(): GptTrainerOptions {
    const common = { learningRate: this.learningRate, batchSize: this.batchSize, seed: this.seed };
    if (this.pretrained) return { ...common, pretrained: true };
    return { ...common, tokenizer: this.tokenizer, layers: this.layers, dModel: this.dModel, heads: this.heads, contextLength: this.contextLength };
  }

  private sampling(): SamplingOptions {
    return { temperature: this.temperature, topK: this.topK, topP: this.topP, greedy: this.greedy };
  }

  protected override checkAttributes(): string[] {
    const problems: string[] = [];
    if (this.dModel % this.heads !== 0) problems.push(`d-model="${this.dModel}" must be divisible by heads="${this.heads}".`);
    if (this.pretrained) {
      const off = (
        [
          ['tokenizer', this.tokenizer, SHIPPED.tokenizer],
          ['layers', this.layers, SHIPPED.layers],
          ['d-model', this.dModel, SHIPPED.dModel],
          ['heads', this.heads, SHIPPED.heads],
          ['context-length', this.contextLength, SHIPPED.contextLength],
        ] as const
      ).filter(([, v, d]) => v !== d);
      if (off.length > 0) {
        problems.push(
          `pretrained uses the shipped weights (character-level, 2 layers, d-model 64, 4 heads, context 64), so ${off.map(([a, v]) => `${a}="${v}"`).join(', ')} cannot apply. Remove ${off.length > 1 ? 'them' : 'it'} or pretrained.`,
        );
      }
    }
    return problems;
  }

  /** A fresh model: its held-out loss, the bars and the attention after the prompt, then dl-ready. */
  private async prepare(s: GptSession): Promise<void> {
    this.clearView();
    this.draws = 0;
    const { unigram, bigram } = s.info.baselines;
    this.heldOut = await s.evaluate();
    this.chart.push(0, [NaN, this.heldOut, unigram, bigram]);
    this.chart.push(1, [NaN, NaN, unigram, bigram]); // two points, so the baselines show as lines before training
    this.chart.draw();
    await this.promptView(s);
    this.emit('dl-ready', { backend: s.info.backend.name, where: s.where, params: s.info.paramCount, vocab: s.info.vocab.length });
  }

  private clearView(): void {
    this.stopWriting(false);
    this.round = null;
    this.heldOut = NaN;
    this.trainedMs = 0;
    this.evalDue = false;
    this.writtenPrompt = '';
    this.writtenText = '';
    this.writtenCount = 0;
    this.bars = null;
    this.maps = null;
    this.drawnMap = null;
    this.chart.clear();
  }

  /** One round of training (in the worker: about 60 ms of steps; on the page: one step), or a held-out check. */
  private async trainFrame(s: GptSession, deadline: number): Promise<void> {
    if (this.evalDue) {
      // Its own frame: on the page a check is as long as a few steps.
      this.evalDue = false;
      await this.checkHeldOut(s);
      return;
    }
    const r = await s.train(s.where === 'worker' ? WORKER_ROUND_MS : Math.max(0, deadline - performance.now()));
    this.afterRound(s, r);
    this.trainedMs += r.ms;
    if (this.trainedMs >= EVAL_EVERY_MS) {
      this.trainedMs = 0;
      this.evalDue = true;
    }
    // Before anything is written, the bars and the map follow the learning model (about once a second).
    if (!this.writing && this.writtenCount === 0 && performance.now() - this.lastPromptView > 1000) await this.promptView(s);
  }

  /** Step: one training step, a held-out check, and the prompt's bars and map. */
  private async stepOnce(s: GptSession): Promise<void> {
    this.afterRound(s, await s.train(0));
    await this.checkHeldOut(s);
    if (!this.writing && this.writtenCount === 0) await this.promptView(s);
  }

  private afterRound(s: GptSession, r: GptTrainRound): void {
    if (this.task.value !== s) return;
    this.round = r;
    const { unigram, bigram } = s.info.baselines;
    this.chart.push(r.step, [r.trainLoss, NaN, unigram, bigram]);
    this.chart.draw();
    this.emit('dl-train-step', { step: r.step, steps: r.steps, loss: r.trainLoss });
  }

  private async checkHeldOut(s: GptSession): Promise<void> {
    const loss = await s.evaluate();
    if (this.task.value !== s) return;
    this.heldOut = loss;
    const step = this.round?.step ?? 0;
    const { unigram, bigram } = s.info.baselines;
    this.chart.push(step, [NaN, loss, unigram, bigram]);
    this.chart.draw();
    this.emit('dl-evaluate', { step, loss, perplexity: Math.exp(loss), unigram, bigram });
  }

  /** The bars and attention after the prompt (nothing written yet). Coalesces: one request in flight. */
  private async promptView(s: GptSession): Promise<void> {
    if (this.promptViewBusy) {
      this.promptViewAgain = true;
      return;
    }
    this.promptViewBusy = true;
    try {
      do {
        this.promptViewAgain = false;
        this.lastPromptView = performance.now();
        const prompt = this.prompt;
        const logits = await s.logits(prompt);
        const maps = prompt ? await s.attention(prompt) : null;
        if (this.task.value !== s || this.writing || this.writtenCount > 0) return;
        this.bars = { logits, chosen: null, where: 'after the prompt' };
        this.setMaps(maps);
      } while (this.promptViewAgain);
    } finally {
      this.promptViewBusy = false;
    }
  }

  private setMaps(maps: GptAttentionMaps | null): void {
    this.maps = maps;
    if (maps) {
      this.layerShown = Math.min(this.layerShown, maps.layers.length - 1);
      this.headShown = Math.min(this.headShown, (maps.layers[0]?.length ?? 1) - 1);
    }
  }

  // ── writing ──────────────────────────────────────────────────────────────

  private scheduleWriteFrame(w: Writing): void {
    if (w.raf || this.writing !== w || !this.running || w.writer === 0) return;
    w.raf = requestAnimationFrame((t) => this.writeFrame(w, t));
  }

  /** One frame of writing: show a few waiting tokens, ask for more; capped by the frame's deadline. */
  private writeFrame(w: Writing, frameStart: number): void {
    w.raf = 0;
    if (this.writing !== w) return;
    if (this.task.value !== w.session) return this.stopWriting(false);
    if (!this.running) return; // resumes in updated() when shown again
    const deadline = Math.max(frameStart, performance.now() - 2) + FRAME_BUDGET_MS;
    for (let n = 0; n < TOKENS_PER_FRAME && w.queue.length > 0 && performance.now() < deadline; n++) this.appendToken(w.queue.shift()!);
    if (!w.done && !w.pulling && w.queue.length < QUEUE_LOW) void this.pull(w, deadline);
    if (w.done && w.queue.length === 0) {
      void this.finishWriting(w, false);
      return;
    }
    this.scheduleWriteFrame(w);
  }

  private async pull(w: Writing, deadline: number): Promise<void> {
    w.pulling = true;
    try {
      // In the worker the page is free; on the page, only what is left of this frame.
      const budget = w.session.where === 'worker' ? WORKER_WRITE_MS : Math.max(0, deadline - performance.now());
      const chunk = await this.task.use((v) => (v === w.session ? v.write(w.writer, budget, PULL_MAX) : undefined));
      if (this.writing !== w || !chunk) return;
      w.queue.push(...chunk.tokens);
      if (chunk.done) w.done = true;
    } catch (err) {
      this.failWriting(w, err);
    } finally {
      w.pulling = false;
    }
  }

  private appendToken(tok: GptWrittenToken): void {
    this.writtenText += tok.text;
    this.writtenCount++;
    this.bars = { logits: tok.logits, chosen: tok.id, where: `token ${this.writtenCount} of ${this.maxTokens}` };
  }

  /** Writing ended: read the attention of the written text, then tell the page. */
  private async finishWriting(w: Writing, stopped: boolean): Promise<void> {
    if (this.writing !== w) return;
    this.writing = null;
    if (w.raf) cancelAnimationFrame(w.raf);
    w.raf = 0;
    const s = w.session;
    if (this.task.value !== s || s.disposed) return;
    try {
      const maps = await this.task.use((v) => (v === s ? v.attention(this.writtenPrompt + this.writtenText) : undefined));
      if (this.task.value !== s || this.writing) return;
      if (maps) this.setMaps(maps);
      this.emit('dl-written', { prompt: this.writtenPrompt, text: this.writtenText, tokens: this.writtenCount, stopped });
    } catch (err) {
      if (!s.disposed) this.reportRuntimeError(`Could not read the attention: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** Stop the Write in progress; `keep`: read the attention of what was written (Stop), else just drop it (Reset, rebuild). */
  private stopWriting(keep: boolean): void {
    const w = this.writing;
    if (!w) return;
    if (w.raf) cancelAnimationFrame(w.raf);
    w.raf = 0;
    if (w.writer > 0 && !w.session.disposed) void w.session.stopWriting(w.writer).catch(() => undefined);
    w.queue.length = 0;
    if (keep) void this.finishWriting(w, true);
    else this.writing = null;
  }

  private failWriting(w: Writing, err: unknown): void {
    if (this.writing !== w) return;
    this.stopWriting(false);
    if (!w.session.disposed) this.reportRuntimeError(`Writing stopped: ${err instanceof Error ? err.message : String(err)}`);
  }

  override disconnectedCallback(): void {
    this.stopWriting(false);
    super.disconnectedCallback();
  }

  // ── view ─────────────────────────────────────────────────────────────────

  protected override updated(changed: PropertyValues<this>): void {
    super.updated?.(changed);
    const s = this.task.value;
    if (changed.has('prompt') && s && this.task.status === 'ready' && !this.writing) {
      this.writtenPrompt = '';
      this.writtenText = '';
      this.writtenCount = 0;
      void this.task.use((v) => (v === s ? this.promptView(v) : undefined)).catch(() => undefined);
    }
    if (this.writing && !this.writing.raf) this.scheduleWriteFrame(this.writing);
    if (this.writing) {
      const box = this.renderRoot.querySelector<HTMLElement>('.text');
      if (box) box.scrollTop = box.scrollHeight;
    }
    this.drawMap();
  }

  private drawMap(): void {
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.map');
    const maps = this.maps;
    if (!canvas || !maps) return;
    const weights = maps.layers[this.layerShown]?.[this.headShown];
    if (!weights) return;
    const size = canvas.clientWidth || 240;
    const d = this.drawnMap;
    if (d && d.maps === maps && d.layer === this.layerShown && d.head === this.headShown && d.size === size) return;
    this.drawnMap = { maps, layer: this.layerShown, head: this.headShown, size };
    drawAttentionMap(canvas, size, weights, maps.tokens, {
      lut: sequentialTable(cssVar(this, '--attention-low', '#ffffff'), cssVar(this, '--attention-high', '#0877bd')),
      fg: cssVar(this, '--dl-color-fg', '#1d2430'),
      muted: cssVar(this, '--dl-color-muted', '#5b6573'),
    });
  }

  private describe(s: GptSession): string {
    const parts = [s.where === 'worker' ? 'in a worker' : 'on the page'];
    const r = this.round;
    if (r) parts.push(`step ${r.step}`, `loss ${r.trainLoss.toFixed(3)} (perplexity ${Math.exp(r.trainLoss).toFixed(1)})`);
    else parts.push(`${s.info.paramCount.toLocaleString('en')} weights`);
    if (this.writing) parts.push(`writing ${this.writtenCount}/${this.maxTokens}`);
    return parts.join(' · ');
  }

  private renderHeldOut(s: GptSession | undefined): TemplateResult | string {
    if (!s) return '';
    const unit = this.pretrained || this.tokenizer === 'char' ? 'char' : 'token';
    const { unigram, bigram } = s.info.baselines;
    const h = this.heldOut;
    const verdict = !Number.isFinite(h) ? '' : h < bigram ? ' · beats the bigram baseline' : h < unigram ? ' · beats unigram, not yet bigram' : ' · not yet better than unigram';
    return html`held-out ${Number.isFinite(h) ? html`<strong>${h.toFixed(3)}</strong> nats/${unit} (perplexity ${Math.exp(h).toFixed(1)})` : '…'} · bigram ${bigram.toFixed(3)} · unigram ${unigram.toFixed(3)}${verdict}`;
  }

  private renderBars(s: GptSession | undefined): TemplateResult {
    const b = this.bars;
    const p = this.distribution;
    if (!s || !b || !p) return html`<p class="readout">The bars appear once the model is built.</p>`;
    const order = Array.from(p.keys()).sort((i, j) => p[j] - p[i] || i - j);
    const top = order.slice(0, TOP);
    const chosen = b.chosen;
    const chosenOutside = chosen !== null && !top.includes(chosen);
    const row = (i: number) => {
      const mark = i === chosen ? 'chosen' : '';
      const label = tokenLabel(s.info.vocab[i] ?? '?');
      return html`<span class="tok ${mark}" title=${i === chosen ? 'the token drawn here' : ''}>${label}</span><div class="bar ${mark}" style=${styleProps({ width: `${(p[i] * 100).toFixed(1)}%` })}></div><span class="pct">${(p[i] * 100).toFixed(p[i] < 0.1 ? 1 : 0)} %</span>`;
    };
    return html`<div class="bars">${top.map(row)}</div>
      <p class="readout">
        ${b.where}${chosen !== null ? html` · drawn: <strong>${tokenLabel(s.info.vocab[chosen] ?? '?')}</strong>` : ''}${chosenOutside ? ` (${(p[chosen!] * 100).toFixed(1)} %, not in the top ${TOP})` : ''} ·
        ${p.filter((x) => x > 0).length} of ${p.length} tokens possible
      </p>`;
  }

  private renderMap(): TemplateResult {
    const maps = this.maps;
    const layers = maps?.layers.length ?? this.layers;
    const heads = maps?.layers[0]?.length ?? this.heads;
    let note = 'The map appears once the model is built.';
    if (maps) {
      const n = maps.tokens.length;
      const w = maps.layers[this.layerShown]?.[this.headShown];
      if (w && n > 0) {
        const { key, weight } = strongestKey(w, n, n - 1);
        note = `${n} tokens · the last one, ${tokenLabel(maps.tokens[n - 1])}, looks most at ${tokenLabel(maps.tokens[key])} (position ${key + 1}, ${(weight * 100).toFixed(0)} %)`;
      }
    }
    return html`<div class="map-row">
        <label>Layer <select @change=${(e: Event) => (this.layerShown = Number((e.target as HTMLSelectElement).value))}>
          ${Array.from({ length: layers }, (_, l) => html`<option value=${l} ?selected=${l === this.layerShown}>${l + 1}</option>`)}
        </select></label>
        <label>Head <select @change=${(e: Event) => (this.headShown = Number((e.target as HTMLSelectElement).value))}>
          ${Array.from({ length: heads }, (_, h) => html`<option value=${h} ?selected=${h === this.headShown}>${h + 1}</option>`)}
        </select></label>
      </div>
      <canvas class="map" part="map" role="img" aria-label="Attention weights of layer ${this.layerShown + 1}, head ${this.headShown + 1}: rows are query tokens, columns the tokens they attend to"></canvas>
      <p class="readout">Rows: each token; columns: the tokens it looks at (the future is greyed out).</p>
      <p class="readout">${note}</p>`;
  }

  override render(): TemplateResult {
    const problems = this.renderConfigErrors();
    if (problems) return problems;
    const s = this.task.value;
    const vocab = s?.info.vocab.length ?? 65;
    const seed = html`<label>Seed <input type="number" min="0" step="1" .value=${String(this.seed)} @change=${(e: Event) => this.handleSeed(e)} /></label>`;
    const writing = this.audienceValue('writing', this.writing !== null);
    return html`
      ${this.renderSpeakerViewNote()}
      ${this.training.renderToolbar(seed, { play: 'Train' })}
      <div class="layout">
        <div>
          <h3>Loss (nats per token; perplexity = e<sup>loss</sup>)</h3>
          <div class="chart"><canvas aria-label="Training and held-out loss against the unigram and bigram baselines"></canvas></div>
          <p class="readout">${this.renderHeldOut(s)}</p>
          ${s?.fallbackReason ? html`<p class="readout">Runs on the page, one training step per frame (no Web Worker: ${s.fallbackReason}).</p>` : null}
          <div class="prompt-row">
            <label>Prompt
              <textarea rows="2" .value=${this.prompt} @input=${(e: Event) => (this.prompt = (e.target as HTMLTextAreaElement).value)}></textarea>
            </label>
            <label>Tokens <input type="number" min="1" max="1000" step="1" .value=${String(this.maxTokens)} @change=${(e: Event) => this.handleMaxTokens(e)} /></label>
            <button type="button" class="primary" @click=${() => void this.write()} aria-pressed=${writing ? 'true' : 'false'}>${writing ? 'Stop' : 'Write'}</button>
          </div>
          <p class="text" part="text"><span class="prompt">${this.writtenPrompt || this.prompt}</span><span class="written">${this.writtenText}</span></p>
        </div>
        <div>
          <h3>Next token</h3>
          <div class="sampling">
            <label>Temperature <input type="range" min="0.05" max="2" step="0.05" .value=${String(this.temperature)} ?disabled=${this.greedy}
              @input=${(e: Event) => (this.temperature = Number((e.target as HTMLInputElement).value))} /><output>${this.temperature.toFixed(2)}</output></label>
            <label>Top-k <input type="number" min="0" max=${vocab} step="1" .value=${String(this.topK)} ?disabled=${this.greedy}
              @change=${(e: Event) => this.handleTopK(e)} /></label>
            <label>Top-p <input type="range" min="0.05" max="1" step="0.05" .value=${String(this.topP)} ?disabled=${this.greedy}
              @input=${(e: Event) => (this.topP = Number((e.target as HTMLInputElement).value))} /><output>${this.topP.toFixed(2)}</output></label>
            <label><input type="checkbox" .checked=${this.greedy} @change=${(e: Event) => (this.greedy = (e.target as HTMLInputElement).checked)} /> Greedy</label>
          </div>
          ${this.renderBars(s)}
        </div>
        <div class="attention">
          <h3>Attention in the text</h3>
          ${this.renderMap()}
        </div>
      </div>
    `;
  }

  private handleSeed(e: Event): void {
    const v = Number((e.target as HTMLInputElement).value);
    if (Number.isInteger(v) && v >= 0 && v <= 2 ** 31) this.seed = v;
  }

  private handleMaxTokens(e: Event): void {
    const v = Number((e.target as HTMLInputElement).value);
    if (Number.isInteger(v) && v >= 1 && v <= 1000) this.maxTokens = v;
  }

  private handleTopK(e: Event): void {
    const v = Number((e.target as HTMLInputElement).value);
    if (Number.isInteger(v) && v >= 0 && v <= 4096) this.topK = v;
  }
}

defineElement('dl-gpt', DlGpt);

declare global {
  interface HTMLElementTagNameMap {
    'dl-gpt': DlGpt;
  }
}
