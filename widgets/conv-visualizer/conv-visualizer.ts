import { html, type PropertyValues, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type { ConvGeometry, FeatureMaps, ImageData2D, KernelPreset, Kernels, MnistSubset, Padding } from '../../engine/js.ts';
import { localPoint } from '../_shared/canvas.ts';
import { defineElement } from '../_shared/dl-element.ts';
import { jsEngineTask, type EngineTask, type JsEngineModule } from '../_shared/engine-task.ts';
import { cssVar } from '../_shared/palette.ts';
import { choice, flag, int, list, num, quote, text } from '../_shared/props.ts';
import { styleProps } from '../_shared/style-props.ts';
import { widgetStyles } from '../_shared/styles.ts';
import { Training, TrainingElement } from '../_shared/training.ts';
import { styles } from './conv-visualizer.styles.ts';
import { drawStage, fmt, type GridColours } from './conv-visualizer.view.ts';

// Mirrors of the engine's lists, so attribute checks never load the engine.
const PRESETS = ['identity', 'edge-x', 'edge-y', 'sobel-x', 'sobel-y', 'blur', 'gaussian', 'sharpen', 'emboss', 'outline', 'learned'] as const;
const IMAGES = ['digit-0', 'digit-1', 'digit-2', 'digit-3', 'digit-4', 'digit-5', 'digit-6', 'digit-7', 'digit-8', 'digit-9', 'shapes', 'stripes', 'sunset', 'draw'] as const;
const POOLS = ['none', 'max', 'avg'] as const;
const CONTROL_GROUPS = ['image', 'kernel', 'geometry', 'pool', 'shift'] as const;
const SPEEDS = [1, 4, 8, 30, 120];
const COLOUR_SIZE = 16;
const MAX_KERNELS = 4;

type KernelName = KernelPreset | 'learned';
type ControlGroup = (typeof CONTROL_GROUPS)[number];
type NumberSetting = 'stride' | 'dilation' | 'poolSize' | 'poolStride' | 'shiftX' | 'shiftY';
/** The engine module and the shipped digits: the widget's whole engine value (plain JS, nothing to dispose). */
interface Engine {
  eng: JsEngineModule;
  mnist: MnistSubset;
}
/** A kernel learned by a `<dl-cnn-trainer>` on the page (its `dl-kernels` event). */
interface Learned {
  size: number;
  count: number;
  weights: number[];
}

interface Computed {
  input: ImageData2D;
  kernels: Kernels;
  geometry: ConvGeometry;
  problems: string[];
  remarks: string[];
  pad: { before: number; after: number };
  out?: FeatureMaps;
  pooled?: FeatureMaps;
  poolProblems: string[];
  equivariance?: { matched: number; total: number; pooledStable: number; pooledTotal: number };
}

/** The attributes the convolution is computed from (a change recomputes it). */
const MATHS = ['image', 'digitIndex', 'kernels', 'kernelSize', 'padding', 'stride', 'dilation', 'pool', 'poolSize', 'poolStride', 'shiftX', 'shiftY'];

/**
 * `<dl-conv-visualizer>`: one convolution, step by step, on a real handwritten digit, a colour
 * picture or your own drawing. The kernel window slides over the (padded) input and the
 * multiply-add of the current position is written out in numbers; padding, stride and dilation
 * change the output size by the formula shown with the current numbers; impossible settings are
 * explained in words. Hover an output cell to see its receptive field (through the pooling layer
 * too), list several kernels to get a stack of output channels, and shift the input to see the
 * output shift with it (equivariance) while the pooled output barely moves (approximate invariance).
 * The arithmetic is the engine's pure-JS `conv2d` (engine/inspect/conv.ts), loaded lazily: the
 * slide never loads TensorFlow.js.
 *
 * ```html
 * <dl-conv-visualizer image="digit-3" kernels="sobel-x,sobel-y" padding="same" pool="max"></dl-conv-visualizer>
 * ```
 *
 * @summary Animated 2-D convolution with padding, stride, dilation, pooling, receptive fields and equivariance.
 * @event dl-ready - The engine and image are loaded. detail: { outputSize: number[] } (channels, rows, cols; empty when impossible)
 * @event dl-step - The window moved (step, play or a click on an output). detail: { row: number; col: number; channel: number; value: number }
 * @event dl-kernel-change - The user edited a kernel weight. detail: { channel: number; weights: number[] }
 * @csspart toolbar - Play, step, reset, speed and status.
 * @csspart input - The input canvas.
 * @csspart output - The output canvases.
 * @cssproperty [--negative=var(--dl-color-negative)] - Colour of negative outputs.
 * @cssproperty [--positive=var(--dl-color-positive)] - Colour of positive outputs.
 * @cssproperty [--neutral=var(--dl-color-neutral)] - Colour of zero.
 * @cssproperty [--window=var(--dl-color-accent-2)] - Colour of the sliding window.
 */
export class DlConvVisualizer extends TrainingElement {
  static override styles = [widgetStyles, styles];

  /** Input: digit-0 … digit-9 (a real MNIST digit), shapes | stripes | sunset (colour), or draw (your own). */
  @choice(IMAGES) image: (typeof IMAGES)[number] = 'digit-7';
  /** Which example of the chosen digit (0–99; 0 = first in the test split). */
  @int(0, 99) digitIndex = 0;
  /**
   * Kernels, comma-separated presets: identity, edge-x, edge-y, sobel-x, sobel-y, blur, gaussian,
   * sharpen, emboss, outline (1–4 → output channels), or `learned`: the next first-layer kernel of a
   * `<dl-cnn-trainer>` on the same page (its size wins over kernel-size).
   */
  @list(PRESETS) kernels = 'sobel-x';
  /** Kernel side: 3 or 5. */
  @int(3, 5) kernelSize = 3;
  /** Padding: valid | same | a whole number (0–8) of zero rows/columns per side. */
  @text({ check: (v) => (parsePadding(v) === null ? 'use valid, same, or a whole number of pixels from 0 to 8.' : null) }) padding = 'valid';
  /** Stride (1–8). */
  @int(1, 8) stride = 1;
  /** Dilation (1–6). */
  @int(1, 6) dilation = 1;
  /** Pooling after the convolution: none | max | avg. */
  @choice(POOLS) pool: (typeof POOLS)[number] = 'none';
  /** Pooling window side (1–8). */
  @int(1, 8) poolSize = 2;
  /** Pooling stride (1–8). */
  @int(1, 8) poolStride = 2;
  /** Shift the input right by this many pixels (−8…8), for the equivariance demo. */
  @int(-8, 8) shiftX = 0;
  /** Shift the input down by this many pixels (−8…8). */
  @int(-8, 8) shiftY = 0;
  /** Window positions per second while playing (0.5–500). */
  @num({ min: 0.5, max: 500 }) speed = 8;
  /** Start sliding as soon as the widget is shown (not under prefers-reduced-motion). */
  @flag() autoplay = false;
  /** Setting groups to show: comma list of image, kernel, geometry, pool, shift; "all" (or empty) or "none". */
  @text({ check: (v) => controlsProblem(v) }) controls = 'all';
  /** Write the values into the cells when they are large enough. */
  @flag() showNumbers = false;

  /** The window's position, row-major over the output (taken modulo its size). */
  @state() private position = 0;
  @state() private hover: { layer: 'out' | 'pool'; row: number; col: number } | null = null;
  /** The output channel whose window and multiply-add are shown. */
  @state() private selected = 0;

  private cache?: { value: Engine; computed: Computed };
  private edited: (Float32Array | null)[] = [];
  private readonly drawing = new Float32Array(28 * 28);
  private lastFrame = 0;
  private carry = 0;
  private learned: Learned | null = null;

  private readonly task: EngineTask<Engine, JsEngineModule> = jsEngineTask(this, {
    // The digits load once per page; every setting is maths on the loaded value, so none rebuilds it.
    args: () => [],
    build: async (eng) => ({ eng, mnist: await eng.loadMnist() }),
    ready: () => this.handleReady(),
  });
  protected readonly training: Training<Engine> = new Training(this, {
    task: this.task,
    // Moves per frame follow the clock (speed × elapsed time): O(1) work, whatever the speed.
    frame: () => {
      const now = performance.now();
      const dt = now - this.lastFrame > 250 ? 0 : (now - this.lastFrame) / 1000; // first frame after a pause: no jump
      this.lastFrame = now;
      this.carry += dt * this.speed;
      const moves = Math.floor(this.carry);
      this.carry -= moves;
      if (moves > 0) this.move(moves);
    },
    step: () => this.move(1),
    describe: () => this.describeWindow(),
    autoplay: () => this.autoplay,
    onReset: () => {
      this.position = 0;
      this.edited = [];
      this.drawing.fill(0);
      this.cache = undefined;
    },
  });
  private readonly handleLearned = (e: Event): void => {
    this.learned = (e as CustomEvent<Learned>).detail;
    if (this.presets.includes('learned')) {
      this.edited = [];
      this.invalidate();
    }
  };

  /** Output size (rows, cols, channels) for the current settings, or null when impossible. */
  get outputShape(): [number, number, number] | null {
    const c = this.compute();
    return c?.out ? [c.out.height, c.out.width, c.out.channels] : null;
  }

  /** The current output maps (channel-major), for tests and print. */
  get output(): FeatureMaps | undefined {
    return this.compute()?.out;
  }

  // ── settings ─────────────────────────────────────────────────────────────

  /** The kernels listed (at most MAX_KERNELS are used). */
  private get presets(): KernelName[] {
    return splitList(this.kernels).slice(0, MAX_KERNELS) as KernelName[];
  }

  private get paddingValue(): Padding {
    return parsePadding(String(this.padding)) ?? 'valid';
  }

  private get controlGroups(): readonly ControlGroup[] {
    const v = String(this.controls).trim();
    return v === 'all' || v === '' ? CONTROL_GROUPS : v === 'none' ? [] : (splitList(v) as ControlGroup[]);
  }

  /** Kernel side in use: a learned kernel's size wins over kernel-size. */
  private get kernelSide(): number {
    return this.presets.includes('learned') && this.learned ? this.learned.size : this.kernelSize;
  }

  protected override checkAttributes(): string[] {
    const out: string[] = [];
    if (this.kernelSize !== 3 && this.kernelSize !== 5) out.push(`kernel-size="${this.kernelSize}" is not allowed. Use 3 or 5.`);
    const n = splitList(this.kernels).length;
    if (n > MAX_KERNELS) out.push(`kernels="${quote(this.kernels)}" lists ${n} kernels. Use 1 to ${MAX_KERNELS}.`);
    return out;
  }

  // ── lifecycle ────────────────────────────────────────────────────────────

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('dl-kernels', this.handleLearned);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('dl-kernels', this.handleLearned);
  }

  /** The speaker view mirrors the whole stage (input, outputs, pooled), not just the input. */
  override mirrorTarget(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('.stage') ?? super.mirrorTarget();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (!MATHS.some((k) => changed.has(k))) return;
    if (this.hasUpdated && (changed.has('kernels') || changed.has('kernelSize'))) this.edited = [];
    if (this.selected >= this.presets.length) this.selected = 0;
    this.cache = undefined;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.paint();
  }

  private async handleReady(): Promise<void> {
    await this.updateComplete;
    const out = this.compute()?.out;
    this.emit('dl-ready', { outputSize: out ? [out.channels, out.height, out.width] : [] });
  }

  private invalidate(): void {
    this.cache = undefined;
    this.requestUpdate();
  }

  // ── maths (engine) ───────────────────────────────────────────────────────

  private baseImage({ eng, mnist }: Engine): ImageData2D {
    if (this.image === 'draw') return { data: this.drawing, width: 28, height: 28, channels: 1 };
    if (this.image.startsWith('digit-')) return eng.digitImage(mnist.test, eng.findDigit(mnist.test, Number(this.image.slice(6)), this.digitIndex));
    return eng.colorImage(this.image as 'shapes', COLOUR_SIZE);
  }

  /** The weights of output channel `o` (an edit, a learned kernel or a preset), `k × k`. */
  private kernelWeights(eng: JsEngineModule, o: number): Float32Array {
    const k = this.kernelSide;
    const edit = this.edited[o];
    if (edit) return edit;
    const name = this.presets[o];
    if (name === 'learned') {
      if (!this.learned) return new Float32Array(k * k);
      const i = this.presets.slice(0, o).filter((n) => n === 'learned').length % this.learned.count;
      return Float32Array.from(this.learned.weights.slice(i * k * k, (i + 1) * k * k));
    }
    if (k === 3 || k === 5) return eng.presetKernel(name, k);
    // A learned size other than 3 or 5: centre the 3 × 3 preset.
    const out = new Float32Array(k * k);
    const off = (k - 3) >> 1;
    eng.presetKernel(name, 3).forEach((v, i) => (out[(Math.floor(i / 3) + off) * k + (i % 3) + off] = v));
    return out;
  }

  private kernelBank(eng: JsEngineModule, channels: number): Kernels {
    const k = this.kernelSide;
    const n = this.presets.length;
    const weights = new Float32Array(n * channels * k * k);
    for (let o = 0; o < n; o++) {
      const w = this.kernelWeights(eng, o);
      // On a colour image every kernel looks at all three channels with the same weights, scaled
      // by 1/3 so a grey input gives the same response as the one-channel case.
      for (let c = 0; c < channels; c++) for (let i = 0; i < k * k; i++) weights[(o * channels + c) * k * k + i] = w[i] / channels;
    }
    return { weights, outChannels: n, inChannels: channels, size: k };
  }

  /** The convolution for the current settings (cached until a setting, an edit or the drawing changes). */
  private compute(): Computed | undefined {
    const v = this.task.value;
    if (!v || this.hasConfigErrors) return undefined;
    if (this.cache?.value === v) return this.cache.computed;
    const { eng } = v;
    const base = this.baseImage(v);
    const input = this.shiftX || this.shiftY ? eng.shiftImage(base, this.shiftX, this.shiftY) : base;
    const kernels = this.kernelBank(eng, input.channels);
    const geo = { padding: this.paddingValue, stride: this.stride, dilation: this.dilation };
    const geometry: ConvGeometry = { kernel: this.kernelSide, ...geo };
    const problems = eng.convProblems(input.width, geometry);
    const c: Computed = { input, kernels, geometry, problems, remarks: problems.length ? [] : eng.convRemarks(input.width, geometry), pad: eng.resolvePadding(input.width, geometry), poolProblems: [] };
    if (!problems.length) {
      c.out = eng.conv2d(input, kernels, geo);
      if (this.pool !== 'none') {
        c.poolProblems = eng.convProblems(c.out.width, this.poolGeometry()).map((m) => m.replace(/kernel/g, 'pooling window').replace('padded input', 'convolution output'));
        if (!c.poolProblems.length) c.pooled = eng.pool2d(c.out, this.pool, this.poolSize, this.poolStride);
      }
      if (this.shiftX || this.shiftY) c.equivariance = this.equivariance(eng, base, geo, c);
    }
    this.cache = { value: v, computed: c };
    return c;
  }

  /** Compare the output of the shifted input with the shifted output of the original. */
  private equivariance(eng: JsEngineModule, base: ImageData2D, geo: Omit<ConvGeometry, 'kernel'>, c: Computed): Computed['equivariance'] {
    const orig = eng.conv2d(base, c.kernels, geo);
    const out = c.out!;
    let matched = 0;
    let total = 0;
    const sx = this.shiftX / this.stride;
    const sy = this.shiftY / this.stride;
    if (Number.isInteger(sx) && Number.isInteger(sy)) {
      const moved = eng.shiftImage(orig, sx, sy);
      total = out.data.length;
      for (let i = 0; i < total; i++) if (Math.abs(moved.data[i] - out.data[i]) < 1e-5) matched++;
    }
    let pooledStable = 0;
    let pooledTotal = 0;
    if (c.pooled && this.pool !== 'none') {
      const before = eng.pool2d(orig, this.pool, this.poolSize, this.poolStride);
      const maxAbs = before.data.reduce((m, x) => Math.max(m, Math.abs(x)), 1e-6);
      pooledTotal = before.data.length;
      for (let i = 0; i < pooledTotal; i++) if (Math.abs(before.data[i] - c.pooled.data[i]) < 0.1 * maxAbs) pooledStable++;
    }
    return { matched, total, pooledStable, pooledTotal };
  }

  private poolGeometry(): ConvGeometry {
    return { kernel: this.poolSize, padding: 'valid', stride: this.poolStride, dilation: 1 };
  }

  private currentCell(c: Computed): [number, number] | null {
    if (!c.out) return null;
    const p = this.position % (c.out.width * c.out.height);
    return [Math.floor(p / c.out.width), p % c.out.width];
  }

  // ── the window ───────────────────────────────────────────────────────────

  /** Slide the window `moves` positions (wrapping at the end) and say where it is. */
  private move(moves: number): void {
    const c = this.compute();
    if (!c?.out) return;
    this.position = ((this.position % (c.out.width * c.out.height)) + moves) % (c.out.width * c.out.height);
    this.announce(c);
  }

  private announce(c: Computed): void {
    const out = c.out!;
    const [row, col] = this.currentCell(c)!;
    this.emit('dl-step', { row, col, channel: this.selected, value: out.data[(this.selected * out.height + row) * out.width + col] });
  }

  private describeWindow(): string {
    const c = this.compute();
    const cur = c && this.currentCell(c);
    return cur ? `window at row ${cur[0]}, column ${cur[1]}` : 'no output for these settings';
  }

  // ── drawing ──────────────────────────────────────────────────────────────

  private colours(): GridColours {
    return {
      negative: cssVar(this, '--negative', '#f59322'),
      positive: cssVar(this, '--positive', '#0877bd'),
      neutral: cssVar(this, '--neutral', '#e8eaeb'),
      accent: cssVar(this, '--window', '#d0453b'),
      border: cssVar(this, '--dl-color-border', '#c5ccd6'),
      text: cssVar(this, '--dl-color-fg', '#1d2430'),
    };
  }

  private paint(): void {
    const c = this.compute();
    const eng = this.task.value?.eng;
    if (!c || !eng) return;
    const root = this.renderRoot;
    const cur = this.currentCell(c);
    const h = this.hover;
    const convLayer = { geometry: c.geometry, inputSize: c.input.width };
    const poolLayer = c.out ? { geometry: this.poolGeometry(), inputSize: c.out.width } : null;
    drawStage(
      {
        input: root.querySelector<HTMLCanvasElement>('canvas.input'),
        outputs: [...root.querySelectorAll<HTMLCanvasElement>('canvas.out')],
        pooled: [...root.querySelectorAll<HTMLCanvasElement>('canvas.pooled')],
      },
      { input: c.input, pad: c.pad, out: c.out, pooled: c.pooled },
      {
        selected: this.selected,
        current: cur,
        window: cur && !h ? eng.convTerms(c.input, c.kernels, c.geometry, this.selected, cur[0], cur[1]).terms.filter((t) => t.channel === 0).map((t) => [t.iy, t.ix]) : [],
        hover: h,
        inputField: h && c.out ? eng.receptiveField(h.layer === 'out' ? [convLayer] : [convLayer, poolLayer!], h.row, h.col).cells : undefined,
        outputField: h?.layer === 'pool' ? eng.receptiveField([poolLayer!], h.row, h.col).cells : undefined,
        numbers: this.showNumbers,
      },
      this.colours(),
    );
  }

  // ── events ───────────────────────────────────────────────────────────────

  /** The (row, col) of `map` under the pointer. */
  private cellAt(event: PointerEvent, map: FeatureMaps): [number, number] {
    const { fx, fy } = localPoint(event, event.currentTarget as HTMLElement);
    return [Math.min(map.height - 1, Math.max(0, Math.floor(fy * map.height))), Math.min(map.width - 1, Math.max(0, Math.floor(fx * map.width)))];
  }

  private handleHover(event: PointerEvent, layer: 'out' | 'pool'): void {
    const c = this.compute();
    const map = layer === 'out' ? c?.out : c?.pooled;
    if (!map) return;
    const [row, col] = this.cellAt(event, map);
    if (!this.hover || this.hover.row !== row || this.hover.col !== col || this.hover.layer !== layer) this.hover = { layer, row, col };
  }

  private handleOutputClick(event: PointerEvent, channel: number): void {
    const c = this.compute();
    if (!c?.out) return;
    const [row, col] = this.cellAt(event, c.out);
    this.selected = channel;
    this.position = row * c.out.width + col;
    this.announce(c);
  }

  private handleDraw(event: PointerEvent): void {
    if (this.image !== 'draw' || (event.type === 'pointermove' && event.buttons === 0)) return;
    const pad = this.compute()?.pad ?? { before: 0, after: 0 };
    const { fx, fy } = localPoint(event, event.currentTarget as HTMLElement);
    const x = fx * (28 + pad.before + pad.after) - pad.before;
    const y = fy * (28 + pad.before + pad.after) - pad.before;
    for (let r = Math.max(0, Math.floor(y - 2)); r <= Math.min(27, Math.ceil(y + 2)); r++) {
      for (let q = Math.max(0, Math.floor(x - 2)); q <= Math.min(27, Math.ceil(x + 2)); q++) {
        const ink = Math.max(0, Math.min(1, 1.6 - Math.hypot(r + 0.5 - y, q + 0.5 - x) / 1.1));
        this.drawing[r * 28 + q] = Math.max(this.drawing[r * 28 + q], ink);
      }
    }
    this.invalidate();
  }

  private handleKernelInput(o: number, i: number, value: string): void {
    const eng = this.task.value?.eng;
    const v = Number(value);
    if (!eng || value.trim() === '' || !Number.isFinite(v)) return;
    const w = this.edited[o] ?? Float32Array.from(this.kernelWeights(eng, o));
    w[i] = v;
    this.edited[o] = w;
    this.invalidate();
    this.emit('dl-kernel-change', { channel: o, weights: Array.from(w) });
  }

  // ── template ─────────────────────────────────────────────────────────────

  override render(): TemplateResult {
    const problems = this.renderConfigErrors();
    if (problems) return problems;
    const c = this.compute();
    const speed = html`<label>Speed
      <select @change=${(e: Event) => (this.speed = Number((e.target as HTMLSelectElement).value))}>
        ${[...new Set([...SPEEDS, this.speed])].sort((a, b) => a - b).map((s) => html`<option .value=${String(s)} ?selected=${s === this.speed}>${s}/s</option>`)}
      </select></label>`;
    return html`${this.renderSpeakerViewNote()}
      ${this.training.renderToolbar(speed)}
      ${this.renderSettings()}
      ${c ? this.renderStage(c) : null}`;
  }

  private renderSettings(): TemplateResult {
    const show = (g: ControlGroup) => this.controlGroups.includes(g);
    const number = (label: string, key: NumberSetting, min: number, max: number) => html`<label>${label}
      <input type="number" min=${min} max=${max} step="1" .value=${String(this[key])} @change=${(e: Event) => (this[key] = Number((e.target as HTMLInputElement).value))} /></label>`;
    const select = (label: string, values: readonly string[], current: string, set: (v: string) => void, name: (v: string) => string = (v) => v) => html`<label>${label}
      <select @change=${(e: Event) => set((e.target as HTMLSelectElement).value)}>
        ${values.map((v) => html`<option .value=${v} ?selected=${v === current}>${name(v)}</option>`)}
      </select></label>`;
    const kernels = this.presets.join(',');
    return html`<div class="settings">
      ${show('image')
        ? html`${select('Input', IMAGES, this.image, (v) => (this.image = v as typeof this.image), (v) => (v === 'draw' ? 'draw your own' : v.replace('digit-', 'digit ')))}
          ${this.image === 'draw' ? html`<button type="button" @click=${() => (this.drawing.fill(0), this.invalidate())}>Clear drawing</button>` : null}`
        : null}
      ${show('kernel')
        ? html`${select('Kernel', [...new Set([kernels, ...PRESETS, 'sobel-x,sobel-y', 'edge-x,edge-y,blur', 'learned,learned,learned'])], kernels, (v) => (this.kernels = v))}
          ${this.presets.includes('learned') ? null : select('Size', ['3', '5'], String(this.kernelSize), (v) => (this.kernelSize = Number(v)), (v) => `${v}×${v}`)}`
        : null}
      ${show('geometry')
        ? html`${select('Padding', [...new Set(['valid', 'same', '0', '1', '2', '3', String(this.paddingValue)])], String(this.paddingValue), (v) => (this.padding = v))}
          ${number('Stride', 'stride', 1, 8)} ${number('Dilation', 'dilation', 1, 6)}`
        : null}
      ${show('pool')
        ? html`${select('Pooling', POOLS, this.pool, (v) => (this.pool = v as typeof this.pool))}
          ${this.pool !== 'none' ? html`${number('Size', 'poolSize', 1, 8)} ${number('Stride', 'poolStride', 1, 8)}` : null}`
        : null}
      ${show('shift') ? html`${number('Shift x', 'shiftX', -8, 8)} ${number('Shift y', 'shiftY', -8, 8)}` : null}
    </div>`;
  }

  private renderStage(c: Computed): TemplateResult {
    const eng = this.task.value!.eng;
    const { before, after } = c.pad;
    const k = this.kernelSide;
    const padNote = `${before}${before !== after ? `/${after}` : ''}`;
    const colour = c.input.channels === 3;
    const formula = `output = ⌊(n + ${before === after ? '2p' : 'p₁+p₂'} − d·(k−1) − 1) / s⌋ + 1 = ⌊(${c.input.width} + ${before === after ? `2·${before}` : `${before}+${after}`} − ${this.dilation}·${k - 1} − 1) / ${this.stride}⌋ + 1 = ${c.problems.length ? 'no valid size' : c.out!.width}`;
    const cur = this.currentCell(c);
    const madd = cur ? eng.convTerms(c.input, c.kernels, c.geometry, this.selected, cur[0], cur[1]) : null;
    const w = this.kernelWeights(eng, this.selected);
    const taps = new Set(madd?.terms.filter((t) => !t.padded).map((t) => t.ky * k + t.kx));
    const h = this.hover;
    return html`
      <div class="stage">
        <figure>
          <canvas class="input ${this.image === 'draw' ? 'hoverable' : ''}" part="input" role="img" aria-label=${`Input ${c.input.width}×${c.input.height}${colour ? ' RGB' : ''}, padding ${padNote}`}
            @pointerdown=${(e: PointerEvent) => this.handleDraw(e)} @pointermove=${(e: PointerEvent) => this.handleDraw(e)}></canvas>
          <figcaption>input ${colour ? '3×' : ''}${c.input.height}×${c.input.width}${before + after ? `, zero padding ${padNote}` : ''}${this.image === 'draw' ? ' · draw here' : ''}</figcaption>
        </figure>
        <figure>
          <div class="kernel" style=${styleProps({ 'grid-template-columns': `repeat(${k}, auto)` })} role="group" aria-label=${`Kernel ${this.selected + 1} weights`}>
            ${Array.from(w, (v, i) => html`<input type="number" step="0.1" class=${taps.has(i) && !h ? 'active' : ''} .value=${fmt(v)} aria-label=${`weight row ${Math.floor(i / k) + 1} column ${(i % k) + 1}`}
                @change=${(e: Event) => this.handleKernelInput(this.selected, i, (e.target as HTMLInputElement).value)} />`)}
          </div>
          <figcaption>kernel ${this.selected + 1}: ${this.presets[this.selected]}${this.edited[this.selected] ? ' (edited)' : ''}, ${k}×${k}${this.dilation > 1 ? `, dilation ${this.dilation} → spans ${this.dilation * (k - 1) + 1}` : ''}${colour ? ', on each of R, G, B (÷3)' : ''}</figcaption>
        </figure>
        ${c.out ? this.renderMaps(c.out, c.pooled, c.poolProblems) : explain('No output:', c.problems)}
      </div>
      ${this.presets.includes('learned') && !this.learned
        ? html`<p class="remark">No learned kernel yet: train the CNN (&lt;dl-cnn-trainer&gt;) on this page and its first-layer kernels appear here; until then the learned kernel is all zeros.</p>`
        : null}
      <p class="formula">${formula}</p>
      ${c.remarks.map((r) => html`<p class="remark">${r}</p>`)}
      ${madd && !h ? html`<p class="madd">out[${this.selected + 1}][${cur![0]}, ${cur![1]}] = ${renderTerms(madd.terms)} = <strong>${fmt(madd.sum)}</strong></p>` : null}
      ${h
        ? html`<p class="madd">Hovered ${h.layer === 'out' ? 'output' : 'pooled'} cell (${h.row}, ${h.col}) sees the ${h.layer === 'pool' ? 'highlighted outputs and, through them, ' : ''}highlighted input pixels: its receptive field.</p>`
        : null}
      ${c.equivariance ? this.renderEquivariance(c.equivariance, !!c.pooled) : null}
    `;
  }

  private renderMaps(out: FeatureMaps, pooled: FeatureMaps | undefined, poolProblems: string[]): TemplateResult {
    const leave = () => (this.hover = null);
    return html`<div class="stack ${out.channels > 2 ? 'wide' : ''}" part="output">
        ${Array.from({ length: out.channels }, (_, o) => html`<figure>
            <canvas class="out hoverable" role="img" aria-label=${`Output channel ${o + 1}, ${out.height}×${out.width}`} @pointermove=${(e: PointerEvent) => this.handleHover(e, 'out')}
              @pointerleave=${leave} @pointerdown=${(e: PointerEvent) => this.handleOutputClick(e, o)}></canvas>
            <figcaption>${o === this.selected ? '▶ ' : ''}output ${o + 1}: ${this.presets[o]} (${out.height}×${out.width})</figcaption>
          </figure>`)}
      </div>
      ${this.pool === 'none'
        ? null
        : !pooled
          ? explain('No pooled output:', poolProblems)
          : html`<div class="stack ${pooled.channels > 2 ? 'wide' : ''}">
              ${Array.from({ length: pooled.channels }, (_, o) => html`<figure>
                  <canvas class="pooled hoverable" role="img" aria-label=${`${this.pool} pooled channel ${o + 1}`} @pointermove=${(e: PointerEvent) => this.handleHover(e, 'pool')} @pointerleave=${leave}></canvas>
                  <figcaption>${this.pool}-pool ${this.poolSize}×${this.poolSize}, stride ${this.poolStride} → ${pooled.height}×${pooled.width}</figcaption>
                </figure>`)}
            </div>`}`;
  }

  private renderEquivariance(e: NonNullable<Computed['equivariance']>, pooled: boolean): TemplateResult {
    const conv = e.total
      ? `Shifted input → the output is the original output shifted by (${this.shiftX / this.stride}, ${this.shiftY / this.stride}) at ${((100 * e.matched) / e.total).toFixed(1)} % of cells (the rest are borders, where zeros come in).`
      : `With stride ${this.stride}, a shift of (${this.shiftX}, ${this.shiftY}) is not a whole number of output cells, so the output cannot simply shift: strided convolutions are only equivariant to shifts by multiples of the stride.`;
    const pool = pooled ? ` Pooled output: ${((100 * e.pooledStable) / e.pooledTotal).toFixed(1)} % of cells stay within 10 % of their unshifted value (approximate invariance).` : '';
    return html`<p class="equiv">${conv}${pool}</p>`;
  }
}

/** Why a setting has no output, in words. */
function explain(title: string, problems: string[]): TemplateResult {
  return html`<div class="explain" role="alert"><strong>${title}</strong> ${problems.map((m) => html`<p>${m}</p>`)}</div>`;
}

/** The multiply-add of one output cell: zero weights left out, at most 27 terms written. */
function renderTerms(terms: { value: number; weight: number; padded: boolean }[]): TemplateResult {
  const shown = terms.filter((t) => t.weight !== 0);
  const parts = shown.slice(0, 27).map((t, i) => html`${i ? ' + ' : ''}<span class=${t.padded ? 'pad' : ''}>${fmt(t.value)}·${t.weight < 0 ? `(${fmt(t.weight)})` : fmt(t.weight)}</span>`);
  return html`${parts}${shown.length > 27 ? ` + … (${shown.length - 27} more)` : ''}${shown.length === 0 ? '0' : ''}`;
}

function splitList(v: string): string[] {
  return String(v).split(',').map((s) => s.trim()).filter(Boolean);
}

/** valid | same | 0–8, or null. */
function parsePadding(v: string): Padding | null {
  const t = String(v).trim();
  if (t === 'valid' || t === 'same') return t;
  const n = Number(t);
  return t !== '' && Number.isInteger(n) && n >= 0 && n <= 8 ? n : null;
}

function controlsProblem(v: string): string | null {
  const t = String(v).trim();
  if (t === 'all' || t === '' || t === 'none') return null;
  const bad = splitList(t).filter((g) => !(CONTROL_GROUPS as readonly string[]).includes(g));
  return bad.length ? `${bad.map((b) => `"${quote(b)}"`).join(', ')} not recognised. Use all, none, or a comma-separated list from: ${CONTROL_GROUPS.join(', ')}.` : null;
}

defineElement('dl-conv-visualizer', DlConvVisualizer);

declare global {
  interface HTMLElementTagNameMap {
    'dl-conv-visualizer': DlConvVisualizer;
  }
}
