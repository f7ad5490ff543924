import { html, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { ConvGeometry, FeatureMaps, ImageData2D, Kernels, KernelPreset, MnistSubset, Padding } from '../../engine/index.ts';
import { styleProps } from '../_shared/style-props.ts';
import { DlElement, defineElement } from '../_shared/dl-element.ts';
import { jsEngineTask, type JsEngineModule } from '../_shared/engine-task.ts';
import { FrameLoop } from '../_shared/frame-loop.ts';
import { localPoint } from '../_shared/canvas.ts';
import { cssVar } from '../_shared/palette.ts';
import { widgetStyles } from '../_shared/styles.ts';
import { AttributeCheck } from '../_shared/validate.ts';
import { drawGrid, fmt, type GridColours } from './conv-visualizer.view.ts';
import { styles } from './conv-visualizer.styles.ts';

// Mirrors of the engine's lists, so attribute checks never load the engine.
const PRESETS = ['identity', 'edge-x', 'edge-y', 'sobel-x', 'sobel-y', 'blur', 'gaussian', 'sharpen', 'emboss', 'outline', 'learned'] as const;
const IMAGES = ['digit-0', 'digit-1', 'digit-2', 'digit-3', 'digit-4', 'digit-5', 'digit-6', 'digit-7', 'digit-8', 'digit-9', 'shapes', 'stripes', 'sunset', 'draw'] as const;
const POOLS = ['none', 'max', 'avg'] as const;
const CONTROL_GROUPS = ['image', 'kernel', 'geometry', 'pool', 'shift'] as const;
const COLOUR_SIZE = 16;
const MAX_KERNELS = 4;

type ControlGroup = (typeof CONTROL_GROUPS)[number];
type Parsed = ReturnType<DlConvVisualizer['parseAttributes']>;

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

/**
 * `<dl-conv-visualizer>`: one convolution, step by step, on a real handwritten digit, a colour
 * picture or your own drawing. The kernel window slides over the (padded) input and the
 * multiply-add of the current position is written out in numbers; padding, stride and dilation
 * change the output size by the formula shown with the current numbers; impossible settings are
 * explained in words. Hover an output cell to see its receptive field (through the pooling layer
 * too), list several kernels to get a stack of output channels, and shift the input to see the
 * output shift with it (equivariance) while the pooled output barely moves (approximate invariance).
 *
 * ```html
 * <dl-conv-visualizer image="digit-3" kernels="sobel-x,sobel-y" padding="same" pool="max"></dl-conv-visualizer>
 * ```
 *
 * The arithmetic is the engine's pure-JS `conv2d` (engine/inspect/conv.ts, no TensorFlow.js maths),
 * loaded lazily through the engine like every widget.
 *
 * @summary Animated 2-D convolution with padding, stride, dilation, pooling, receptive fields and equivariance.
 * @event dl-ready - The engine and image are loaded. detail: { outputSize: number[] }
 * @event dl-step - The window moved (step or play). detail: { row: number; col: number; channel: number; value: number }
 * @event dl-kernel-change - The user edited a kernel weight. detail: { channel: number; weights: number[] }
 * @csspart toolbar - Play, step, reset and status.
 * @csspart input - The input canvas.
 * @csspart output - The output canvases.
 * @cssproperty [--negative=var(--dl-color-negative)] - Colour of negative outputs.
 * @cssproperty [--positive=var(--dl-color-positive)] - Colour of positive outputs.
 * @cssproperty [--neutral=var(--dl-color-neutral)] - Colour of zero.
 * @cssproperty [--window=var(--dl-color-accent-2)] - Colour of the sliding window.
 */
export class DlConvVisualizer extends DlElement {
  static override styles = [widgetStyles, styles];

  static override properties: PropertyDeclarations = {
    image: {},
    digitIndex: { type: Number, attribute: 'digit-index' },
    kernels: {},
    kernelSize: { type: Number, attribute: 'kernel-size' },
    padding: {},
    stride: { type: Number },
    dilation: { type: Number },
    pool: {},
    poolSize: { type: Number, attribute: 'pool-size' },
    poolStride: { type: Number, attribute: 'pool-stride' },
    shiftX: { type: Number, attribute: 'shift-x' },
    shiftY: { type: Number, attribute: 'shift-y' },
    speed: { type: Number },
    autoplay: { type: Boolean },
    controls: {},
    showNumbers: { type: Boolean, attribute: 'show-numbers' },
    position: { state: true },
    hover: { state: true },
    selected: { state: true },
  };

  /** Input: digit-0 … digit-9 (a real MNIST digit), shapes | stripes | sunset (colour), or draw (your own). */
  declare image: string;
  /** Which example of the chosen digit (0 = first in the test split). */
  declare digitIndex: number;
  /**
   * Kernels, comma-separated presets: identity, edge-x, edge-y, sobel-x, sobel-y, blur, gaussian,
   * sharpen, emboss, outline (1–4 → output channels), or `learned`: the next first-layer kernel of a
   * `<dl-cnn-trainer>` on the same page (its size wins over kernel-size).
   */
  declare kernels: string;
  /** Kernel side: 3 or 5. */
  declare kernelSize: number;
  /** Padding: valid | same | a whole number of zero rows/columns per side. */
  declare padding: string;
  /** Stride (1–8). */
  declare stride: number;
  /** Dilation (1–6). */
  declare dilation: number;
  /** Pooling after the convolution: none | max | avg. */
  declare pool: string;
  /** Pooling window side (1–8). */
  declare poolSize: number;
  /** Pooling stride (1–8). */
  declare poolStride: number;
  /** Shift the input right by this many pixels (−8…8), for the equivariance demo. */
  declare shiftX: number;
  /** Shift the input down by this many pixels (−8…8). */
  declare shiftY: number;
  /** Window positions per second while playing (0.5–500). */
  declare speed: number;
  /** Start sliding as soon as the widget is shown. */
  declare autoplay: boolean;
  /** Setting groups to show: comma list of image, kernel, geometry, pool, shift; "all" or "none". */
  declare controls: string;
  /** Write the values into the cells when they are large enough. */
  declare showNumbers: boolean;

  private declare position: number;
  private declare hover: { layer: 'out' | 'pool'; row: number; col: number } | null;
  private declare selected: number;

  private readonly task = jsEngineTask<{ eng: JsEngineModule; mnist: MnistSubset }>(
    this,
    async (eng) => ({ eng, mnist: await eng.loadMnist() }),
    () => void this.handleReady(),
  );
  private readonly loop = new FrameLoop(this, () => this.tick());
  private parsed?: Parsed;
  private computed?: Computed;
  private edited: (Float32Array | null)[] = [];
  private drawing = new Float32Array(28 * 28);
  private lastTick = 0;
  private carry = 0;
  private learned: { size: number; count: number; weights: number[] } | null = null;
  private readonly handleLearned = (e: Event) => {
    this.learned = (e as CustomEvent).detail;
    if (this.parsed?.presets.includes('learned' as KernelPreset)) {
      this.edited = [];
      this.computed = undefined;
      this.requestUpdate();
    }
  };

  constructor() {
    super();
    this.image = 'digit-7';
    this.digitIndex = 0;
    this.kernels = 'sobel-x';
    this.kernelSize = 3;
    this.padding = 'valid';
    this.stride = 1;
    this.dilation = 1;
    this.pool = 'none';
    this.poolSize = 2;
    this.poolStride = 2;
    this.shiftX = 0;
    this.shiftY = 0;
    this.speed = 8;
    this.autoplay = false;
    this.controls = 'all';
    this.showNumbers = false;
    this.position = 0;
    this.hover = null;
    this.selected = 0;
  }

  // ── public verbs ─────────────────────────────────────────────────────────

  /** Slide the window automatically. */
  play(): void {
    this.lastTick = performance.now();
    this.loop.play();
  }

  /** Stop sliding. */
  pause(): void {
    this.loop.pause();
  }

  /** Back to the first position; forget kernel edits and drawings. */
  reset(): void {
    this.loop.pause();
    this.position = 0;
    this.edited = [];
    this.drawing.fill(0);
    this.computed = undefined;
    this.requestUpdate();
  }

  /** Move the window one position (wraps around at the end). */
  async step(): Promise<{ row: number; col: number; value: number } | undefined> {
    await this.task.ready();
    const c = this.compute();
    if (!c?.out) return undefined;
    const cells = c.out.width * c.out.height;
    this.position = (this.position + 1) % cells;
    return this.announce(c);
  }

  /** Output size (rows, cols, channels) for the current settings, or null when impossible. */
  get outputShape(): [number, number, number] | null {
    const c = this.compute();
    return c?.out ? [c.out.height, c.out.width, c.out.channels] : null;
  }

  /** The current output maps (channel-major), for tests and print. */
  get output(): FeatureMaps | undefined {
    return this.compute()?.out;
  }

  /** Whether the window is sliding. */
  get playing(): boolean {
    return this.loop.playing;
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

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const keys = ['image', 'digitIndex', 'kernels', 'kernelSize', 'padding', 'stride', 'dilation', 'pool', 'poolSize', 'poolStride', 'shiftX', 'shiftY', 'speed', 'controls'];
    if (!this.parsed || keys.some((k) => changed.has(k))) {
      const before = this.parsed;
      this.parsed = this.parseAttributes();
      this.reportConfig(this.parsed.problems);
      if (before && (before.presets.join() !== this.parsed.presets.join() || before.kernelSize !== this.parsed.kernelSize)) this.edited = [];
      if (this.selected >= this.parsed.presets.length) this.selected = 0;
      this.computed = undefined;
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.paint();
  }

  private parseAttributes() {
    const c = new AttributeCheck();
    const image = c.oneOf('image', this.image, IMAGES, 'digit-7');
    const presets = c.listOf('kernels', this.kernels, PRESETS, ['sobel-x']);
    if (presets.length > MAX_KERNELS) c.problems.push(`kernels="${this.kernels}" lists ${presets.length} kernels. Use 1 to ${MAX_KERNELS}.`);
    const kernelSize = c.oneOf('kernel-size', String(this.kernelSize), ['3', '5'], '3') === '5' ? 5 : 3;
    const padding: Padding = c.parse('padding', String(this.padding), parsePadding, 'valid');
    const stride = c.integer('stride', this.stride, 1, 8, 1);
    const dilation = c.integer('dilation', this.dilation, 1, 6, 1);
    const pool = c.oneOf('pool', this.pool, POOLS, 'none');
    const poolSize = c.integer('pool-size', this.poolSize, 1, 8, 2);
    const poolStride = c.integer('pool-stride', this.poolStride, 1, 8, 2);
    const shiftX = c.integer('shift-x', this.shiftX, -8, 8, 0);
    const shiftY = c.integer('shift-y', this.shiftY, -8, 8, 0);
    c.integer('digit-index', this.digitIndex, 0, 99, 0);
    c.number('speed', this.speed, 0.5, 500, 8);
    const controls: ControlGroup[] =
      this.controls === 'all' || this.controls === '' ? [...CONTROL_GROUPS] : this.controls === 'none' ? [] : c.listOf('controls', this.controls, CONTROL_GROUPS, [...CONTROL_GROUPS]);
    return { problems: c.problems, image, presets: presets.slice(0, MAX_KERNELS) as KernelPreset[], kernelSize, padding, stride, dilation, pool, poolSize, poolStride, shiftX, shiftY, controls };
  }

  private async handleReady(): Promise<void> {
    this.computed = undefined;
    this.requestUpdate();
    await this.updateComplete;
    const c = this.compute();
    this.emit('dl-ready', { outputSize: c?.out ? [c.out.channels, c.out.height, c.out.width] : [] });
    if (this.autoplay && !this.loop.playing) this.play();
  }

  // ── maths (engine) ───────────────────────────────────────────────────────

  private baseImage(eng: JsEngineModule, mnist: MnistSubset, p: Parsed): ImageData2D {
    if (p.image === 'draw') return { data: this.drawing, width: 28, height: 28, channels: 1 };
    if (p.image.startsWith('digit-')) {
      const digit = Number(p.image.slice(6));
      return eng.digitImage(mnist.test, eng.findDigit(mnist.test, digit, this.digitIndex));
    }
    return eng.colorImage(p.image as 'shapes', COLOUR_SIZE);
  }

  /** Kernel side in use: a learned kernel's size wins over kernel-size. */
  private kernelSide(p: Parsed): number {
    return p.presets.includes('learned' as KernelPreset) && this.learned ? this.learned.size : p.kernelSize;
  }

  /** The weights of output channel `o` (an edit, a learned kernel or a preset), `k × k`. */
  private kernelWeights(eng: JsEngineModule, p: Parsed, o: number): Float32Array {
    const k = this.kernelSide(p);
    if (this.edited[o]) return this.edited[o]!;
    const name = p.presets[o] as string;
    if (name === 'learned') {
      const index = p.presets.slice(0, o).filter((n) => (n as string) === 'learned').length;
      if (!this.learned) return new Float32Array(k * k);
      const i = index % this.learned.count;
      return Float32Array.from(this.learned.weights.slice(i * k * k, (i + 1) * k * k));
    }
    if (k === 3 || k === 5) return eng.presetKernel(name as KernelPreset, k);
    // A learned size other than 3 or 5: centre the 3 × 3 preset.
    const out = new Float32Array(k * k);
    const base = eng.presetKernel(name as KernelPreset, 3);
    const off = (k - 3) >> 1;
    base.forEach((v, i) => (out[(Math.floor(i / 3) + off) * k + (i % 3) + off] = v));
    return out;
  }

  private kernelBank(eng: JsEngineModule, p: Parsed, channels: number): Kernels {
    const k = this.kernelSide(p);
    const weights = new Float32Array(p.presets.length * channels * k * k);
    p.presets.forEach((_, o) => {
      const w = this.kernelWeights(eng, p, o);
      // On a colour image every kernel looks at all three channels with the same weights, scaled
      // by 1/3 so a grey input gives the same response as the one-channel case.
      for (let c = 0; c < channels; c++) for (let i = 0; i < k * k; i++) weights[(o * channels + c) * k * k + i] = w[i] / channels;
    });
    return { weights, outChannels: p.presets.length, inChannels: channels, size: k };
  }

  private compute(): Computed | undefined {
    if (this.computed) return this.computed;
    const v = this.task.value;
    const p = this.parsed;
    if (!v || !p || p.problems.length) return undefined;
    const { eng, mnist } = v;
    const base = this.baseImage(eng, mnist, p);
    const input = p.shiftX || p.shiftY ? eng.shiftImage(base, p.shiftX, p.shiftY) : base;
    const kernels = this.kernelBank(eng, p, input.channels);
    const geometry: ConvGeometry = { kernel: this.kernelSide(p), padding: p.padding, stride: p.stride, dilation: p.dilation };
    const problems = eng.convProblems(input.width, geometry);
    const c: Computed = { input, kernels, geometry, problems, remarks: problems.length ? [] : eng.convRemarks(input.width, geometry), pad: eng.resolvePadding(input.width, geometry), poolProblems: [] };
    if (!problems.length) {
      const geo = { padding: p.padding, stride: p.stride, dilation: p.dilation };
      c.out = eng.conv2d(input, kernels, geo);
      if (p.pool !== 'none') {
        c.poolProblems = eng.convProblems(c.out.width, { kernel: p.poolSize, padding: 'valid', stride: p.poolStride, dilation: 1 }).map((m) => m.replace(/kernel/g, 'pooling window').replace('padded input', 'convolution output'));
        if (!c.poolProblems.length) c.pooled = eng.pool2d(c.out, p.pool as 'max', p.poolSize, p.poolStride);
      }
      if (p.shiftX || p.shiftY) c.equivariance = this.equivariance(eng, base, kernels, geo, c, p);
      const cells = c.out.width * c.out.height;
      if (this.position >= cells) this.position = 0;
    }
    this.computed = c;
    return c;
  }

  /** Compare the output of the shifted input with the shifted output of the original. */
  private equivariance(eng: JsEngineModule, base: ImageData2D, kernels: Kernels, geo: Omit<ConvGeometry, 'kernel'>, c: Computed, p: Parsed) {
    const orig = eng.conv2d(base, kernels, geo);
    const out = c.out!;
    let matched = 0;
    let total = 0;
    const sx = p.shiftX / p.stride;
    const sy = p.shiftY / p.stride;
    if (Number.isInteger(sx) && Number.isInteger(sy)) {
      const moved = eng.shiftImage(orig, sx, sy);
      for (let i = 0; i < out.data.length; i++) {
        total++;
        if (Math.abs(moved.data[i] - out.data[i]) < 1e-5) matched++;
      }
    }
    let pooledStable = 0;
    let pooledTotal = 0;
    if (c.pooled) {
      const before = eng.pool2d(orig, p.pool as 'max', p.poolSize, p.poolStride);
      let maxAbs = 1e-6;
      for (const v of before.data) maxAbs = Math.max(maxAbs, Math.abs(v));
      for (let i = 0; i < before.data.length; i++) {
        pooledTotal++;
        if (Math.abs(before.data[i] - c.pooled.data[i]) < 0.1 * maxAbs) pooledStable++;
      }
    }
    return { matched, total, pooledStable, pooledTotal };
  }

  // ── animation ────────────────────────────────────────────────────────────

  private tick(): void {
    const now = performance.now();
    const dt = Math.min(0.25, (now - this.lastTick) / 1000);
    this.lastTick = now;
    this.carry += dt * Math.max(0.5, Math.min(500, this.speed || 8));
    const moves = Math.floor(this.carry);
    if (moves < 1) return;
    this.carry -= moves;
    const c = this.compute();
    if (!c?.out) return;
    const cells = c.out.width * c.out.height;
    this.position = (this.position + moves) % cells;
    this.announce(c);
  }

  private announce(c: Computed): { row: number; col: number; value: number } {
    const out = c.out!;
    const row = Math.floor(this.position / out.width);
    const col = this.position % out.width;
    const value = out.data[(this.selected * out.height + row) * out.width + col];
    this.emit('dl-step', { row, col, channel: this.selected, value });
    return { row, col, value };
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
    const v = this.task.value;
    if (!c || !v) return;
    const colours = this.colours();
    const root = this.renderRoot;
    const inputCanvas = root.querySelector<HTMLCanvasElement>('canvas.input');
    const side = c.input.width + c.pad.before + c.pad.after;
    const inCell = Math.max(4, Math.min(34, Math.floor(300 / side)));
    const cur = this.currentCell(c);
    const window: [number, number][] = [];
    let field: Set<number> | undefined;
    if (cur && c.out) {
      const { terms } = v.eng.convTerms(c.input, c.kernels, c.geometry, this.selected, cur[0], cur[1]);
      for (const t of terms) if (t.channel === 0) window.push([t.iy, t.ix]);
    }
    if (this.hover && c.out) field = this.hoverField(v.eng, c);
    if (inputCanvas) {
      drawGrid(inputCanvas, { data: c.input.data, rows: c.input.height, cols: c.input.width, channels: c.input.channels }, inCell, 'image', colours, {
        padBefore: c.pad.before,
        padAfter: c.pad.after,
        window: this.hover ? undefined : window,
        field,
        numbers: this.showNumbers,
      });
    }
    if (!c.out) return;
    const outCell = Math.max(3, Math.min(34, Math.floor((c.out.channels > 2 ? 120 : c.out.channels > 1 ? 150 : 280) / c.out.width)));
    root.querySelectorAll<HTMLCanvasElement>('canvas.out').forEach((canvas, o) => {
      const area = c.out!.width * c.out!.height;
      let outField: Set<number> | undefined;
      if (this.hover?.layer === 'pool') outField = v.eng.receptiveField([{ geometry: this.poolGeometry(), inputSize: c.out!.width }], this.hover.row, this.hover.col).cells;
      drawGrid(canvas, { data: c.out!.data.subarray(o * area, (o + 1) * area), rows: c.out!.height, cols: c.out!.width, channels: 1 }, outCell, 'signed', colours, {
        current: o === this.selected && !this.hover ? cur : this.hover?.layer === 'out' ? [this.hover.row, this.hover.col] : null,
        field: outField,
        numbers: this.showNumbers,
      });
    });
    if (c.pooled) {
      const pCell = Math.max(3, Math.min(34, Math.floor((c.out.channels > 2 ? 90 : c.out.channels > 1 ? 110 : 200) / c.pooled.width)));
      root.querySelectorAll<HTMLCanvasElement>('canvas.pooled').forEach((canvas, o) => {
        const area = c.pooled!.width * c.pooled!.height;
        drawGrid(canvas, { data: c.pooled!.data.subarray(o * area, (o + 1) * area), rows: c.pooled!.height, cols: c.pooled!.width, channels: 1 }, pCell, 'signed', colours, {
          current: this.hover?.layer === 'pool' ? [this.hover.row, this.hover.col] : null,
          numbers: this.showNumbers,
        });
      });
    }
  }

  private poolGeometry(): ConvGeometry {
    const p = this.parsed!;
    return { kernel: p.poolSize, padding: 'valid', stride: p.poolStride, dilation: 1 };
  }

  private hoverField(eng: JsEngineModule, c: Computed): Set<number> {
    const h = this.hover!;
    const convLayer = { geometry: c.geometry, inputSize: c.input.width };
    const layers = h.layer === 'out' ? [convLayer] : [convLayer, { geometry: this.poolGeometry(), inputSize: c.out!.width }];
    return eng.receptiveField(layers, h.row, h.col).cells;
  }

  private currentCell(c: Computed): [number, number] | null {
    if (!c.out) return null;
    return [Math.floor(this.position / c.out.width), this.position % c.out.width];
  }

  // ── events ───────────────────────────────────────────────────────────────

  private handleHover(event: PointerEvent, layer: 'out' | 'pool'): void {
    const c = this.compute();
    const map = layer === 'out' ? c?.out : c?.pooled;
    if (!map) return;
    const { fx, fy } = localPoint(event, event.currentTarget as HTMLElement);
    const row = Math.min(map.height - 1, Math.max(0, Math.floor(fy * map.height)));
    const col = Math.min(map.width - 1, Math.max(0, Math.floor(fx * map.width)));
    if (!this.hover || this.hover.row !== row || this.hover.col !== col || this.hover.layer !== layer) this.hover = { layer, row, col };
  }

  private handleOutputClick(event: PointerEvent, channel: number): void {
    const c = this.compute();
    if (!c?.out) return;
    const { fx, fy } = localPoint(event, event.currentTarget as HTMLElement);
    const row = Math.min(c.out.height - 1, Math.floor(fy * c.out.height));
    const col = Math.min(c.out.width - 1, Math.floor(fx * c.out.width));
    this.selected = channel;
    this.position = row * c.out.width + col;
    this.announce(c);
  }

  private handleDraw(event: PointerEvent): void {
    if (this.parsed?.image !== 'draw') return;
    if (event.type === 'pointermove' && event.buttons === 0) return;
    const canvas = event.currentTarget as HTMLCanvasElement;
    const c = this.compute();
    const padB = c?.pad.before ?? 0;
    const side = 28 + padB + (c?.pad.after ?? 0);
    const { fx, fy } = localPoint(event, canvas);
    const x = fx * side - padB;
    const y = fy * side - padB;
    for (let r = Math.floor(y - 2); r <= Math.ceil(y + 2); r++) {
      for (let q = Math.floor(x - 2); q <= Math.ceil(x + 2); q++) {
        if (r < 0 || r >= 28 || q < 0 || q >= 28) continue;
        const d = Math.hypot(r + 0.5 - y, q + 0.5 - x);
        const ink = Math.max(0, Math.min(1, 1.6 - d / 1.1));
        this.drawing[r * 28 + q] = Math.max(this.drawing[r * 28 + q], ink);
      }
    }
    this.computed = undefined;
    this.requestUpdate();
  }

  private handleKernelInput(o: number, i: number, value: string): void {
    const p = this.parsed!;
    const eng = this.task.value?.eng;
    if (!eng) return;
    const v = Number(value);
    if (!Number.isFinite(v)) return;
    const w = this.edited[o] ?? Float32Array.from(this.kernelWeights(eng, p, o));
    w[i] = v;
    this.edited[o] = w;
    this.computed = undefined;
    this.requestUpdate();
    this.emit('dl-kernel-change', { channel: o, weights: Array.from(w) });
  }

  private set<K extends keyof this>(key: K, value: this[K]): void {
    this[key] = value;
  }

  // ── template ─────────────────────────────────────────────────────────────

  override render() {
    const problems = this.renderConfigErrors();
    if (problems) return problems;
    const p = this.parsed!;
    const c = this.compute();
    const status = this.task.renderStatus();
    return html`
      ${this.renderSpeakerViewNote()}
      <div class="dl-toolbar" part="toolbar">
        <button class="primary" @click=${() => (this.loop.playing ? this.pause() : this.play())} aria-pressed=${this.loop.playing}>${this.loop.playing ? 'Pause' : 'Play'}</button>
        <button @click=${() => void this.step()} title="Move the window one position">Step</button>
        <button @click=${() => this.reset()} title="First position, original kernels">Reset</button>
        <label>Speed
          <select @change=${(e: Event) => (this.speed = Number((e.target as HTMLSelectElement).value))}>
            ${[1, 4, 8, 30, 120].map((s) => html`<option .value=${String(s)} ?selected=${s === this.speed}>${s}/s</option>`)}
          </select></label>
        <span class="dl-status" aria-live="polite">${status ?? this.statusText(c)}</span>
      </div>
      ${this.renderSettings(p)}
      ${c ? this.renderStage(p, c) : null}
    `;
  }

  private statusText(c: Computed | undefined): string {
    if (!c) return this.running ? 'Starting…' : 'Starts when shown';
    if (!c.out) return 'No output for these settings';
    const cur = this.currentCell(c)!;
    return `window at row ${cur[0]}, column ${cur[1]} · ${this.loop.playing ? (this.running ? 'sliding' : 'paused (off screen)') : 'paused'}`;
  }

  private renderSettings(p: Parsed) {
    const show = (g: ControlGroup) => p.controls.includes(g);
    const num = (label: string, value: number, min: number, max: number, key: 'stride' | 'dilation' | 'poolSize' | 'poolStride' | 'shiftX' | 'shiftY') => html`<label
      >${label}<input type="number" min=${min} max=${max} step="1" .value=${String(value)}
        @change=${(e: Event) => this.set(key, Number((e.target as HTMLInputElement).value))} /></label>`;
    return html`<div class="settings">
      ${show('image')
        ? html`<label>Input
            <select @change=${(e: Event) => (this.image = (e.target as HTMLSelectElement).value)}>
              ${IMAGES.map((i) => html`<option .value=${i} ?selected=${i === p.image}>${i === 'draw' ? 'draw your own' : i.replace('digit-', 'digit ')}</option>`)}
            </select></label>
          ${p.image === 'draw' ? html`<button @click=${() => { this.drawing.fill(0); this.computed = undefined; this.requestUpdate(); }}>Clear drawing</button>` : null}`
        : null}
      ${show('kernel')
        ? html`<label>Kernel
            <select @change=${(e: Event) => (this.kernels = (e.target as HTMLSelectElement).value)}>
              ${[...new Set([p.presets.join(','), ...PRESETS, 'sobel-x,sobel-y', 'edge-x,edge-y,blur', 'learned,learned,learned'])].map((k) => html`<option .value=${k} ?selected=${k === p.presets.join(',')}>${k}</option>`)}
            </select></label>
          ${p.presets.includes('learned' as KernelPreset) ? null : html`<label>Size
            <select @change=${(e: Event) => (this.kernelSize = Number((e.target as HTMLSelectElement).value))}>
              ${[3, 5].map((k) => html`<option .value=${String(k)} ?selected=${k === p.kernelSize}>${k}×${k}</option>`)}
            </select></label>`}`
        : null}
      ${show('geometry')
        ? html`<label>Padding
            <select @change=${(e: Event) => (this.padding = (e.target as HTMLSelectElement).value)}>
              ${[...new Set(['valid', 'same', '0', '1', '2', '3', String(p.padding)])].map((v) => html`<option .value=${v} ?selected=${v === String(p.padding)}>${v}</option>`)}
            </select></label>
          ${num('Stride', p.stride, 1, 8, 'stride')} ${num('Dilation', p.dilation, 1, 6, 'dilation')}`
        : null}
      ${show('pool')
        ? html`<label>Pooling
            <select @change=${(e: Event) => (this.pool = (e.target as HTMLSelectElement).value)}>
              ${POOLS.map((v) => html`<option .value=${v} ?selected=${v === p.pool}>${v}</option>`)}
            </select></label>
          ${p.pool !== 'none' ? html`${num('Size', p.poolSize, 1, 8, 'poolSize')} ${num('Stride', p.poolStride, 1, 8, 'poolStride')}` : null}`
        : null}
      ${show('shift') ? html`${num('Shift x', p.shiftX, -8, 8, 'shiftX')} ${num('Shift y', p.shiftY, -8, 8, 'shiftY')}` : null}
    </div>`;
  }

  private renderStage(p: Parsed, c: Computed) {
    const size = c.input.width;
    const { before, after } = c.pad;
    const k = this.kernelSide(p);
    const eff = p.dilation * (k - 1) + 1;
    const outSize = c.out?.width ?? 0;
    const padText = before === after ? `2·${before}` : `${before}+${after}`;
    const formula = `output = ⌊(n + ${before === after ? '2p' : 'p₁+p₂'} − d·(k−1) − 1) / s⌋ + 1 = ⌊(${size} + ${padText} − ${p.dilation}·${k - 1} − 1) / ${p.stride}⌋ + 1 = ${c.problems.length ? 'no valid size' : outSize}`;
    const cur = this.currentCell(c);
    const madd = cur && c.out && this.task.value ? this.task.value.eng.convTerms(c.input, c.kernels, c.geometry, this.selected, cur[0], cur[1]) : null;
    const w = this.task.value ? this.kernelWeights(this.task.value.eng, p, this.selected) : undefined;
    const waiting = p.presets.includes('learned' as KernelPreset) && !this.learned;
    const windowTaps = new Set(madd?.terms.filter((t) => !t.padded).map((t) => t.ky * k + t.kx));
    return html`
      <div class="stage">
        <figure>
          <canvas class="input ${p.image === 'draw' ? 'hoverable' : ''}" part="input" role="img"
            aria-label=${`Input ${c.input.width}×${c.input.height}${c.input.channels === 3 ? ' RGB' : ''}, padding ${before}${before !== after ? `/${after}` : ''}`}
            @pointerdown=${(e: PointerEvent) => this.handleDraw(e)} @pointermove=${(e: PointerEvent) => this.handleDraw(e)}></canvas>
          <figcaption>input ${c.input.channels === 3 ? '3×' : ''}${c.input.height}×${c.input.width}${before + after ? `, zero padding ${before}${before !== after ? `/${after}` : ''}` : ''}${p.image === 'draw' ? ' · draw here' : ''}</figcaption>
        </figure>
        <figure>
          <div class="kernel" style=${styleProps({ 'grid-template-columns': `repeat(${k}, auto)` })} role="group" aria-label=${`Kernel ${this.selected + 1} weights`}>
            ${w ? Array.from(w).map((v, i) => html`<input type="number" step="0.1" class=${windowTaps.has(i) && !this.hover ? 'active' : ''} .value=${fmt(v)}
                aria-label=${`weight row ${Math.floor(i / k) + 1} column ${(i % k) + 1}`} @change=${(e: Event) => this.handleKernelInput(this.selected, i, (e.target as HTMLInputElement).value)} />`) : null}
          </div>
          <figcaption>kernel ${this.selected + 1}: ${p.presets[this.selected]}${this.edited[this.selected] ? ' (edited)' : ''}, ${k}×${k}${p.dilation > 1 ? `, dilation ${p.dilation} → spans ${eff}` : ''}${c.input.channels === 3 ? ', on each of R, G, B (÷3)' : ''}</figcaption>
        </figure>
        ${c.problems.length
          ? html`<div class="explain" role="alert"><strong>No output:</strong> ${c.problems.map((m) => html`<p>${m}</p>`)}</div>`
          : html`<div class="stack ${c.out!.channels > 2 ? 'wide' : ''}" part="output">
              ${Array.from({ length: c.out!.channels }, (_, o) => html`<figure>
                <canvas class="out hoverable" role="img" aria-label=${`Output channel ${o + 1}, ${outSize}×${outSize}`}
                  @pointermove=${(e: PointerEvent) => this.handleHover(e, 'out')} @pointerleave=${() => (this.hover = null)}
                  @pointerdown=${(e: PointerEvent) => this.handleOutputClick(e, o)}></canvas>
                <figcaption>${o === this.selected ? '▶ ' : ''}output ${o + 1}: ${p.presets[o]} (${c.out!.height}×${c.out!.width})</figcaption>
              </figure>`)}
            </div>
            ${p.pool !== 'none'
              ? c.poolProblems.length
                ? html`<div class="explain" role="alert"><strong>No pooled output:</strong> ${c.poolProblems.map((m) => html`<p>${m}</p>`)}</div>`
                : html`<div class="stack ${c.pooled!.channels > 2 ? 'wide' : ''}">
                    ${Array.from({ length: c.pooled!.channels }, (_, o) => html`<figure>
                      <canvas class="pooled hoverable" role="img" aria-label=${`${p.pool} pooled channel ${o + 1}`}
                        @pointermove=${(e: PointerEvent) => this.handleHover(e, 'pool')} @pointerleave=${() => (this.hover = null)}></canvas>
                      <figcaption>${p.pool}-pool ${p.poolSize}×${p.poolSize}, stride ${p.poolStride} → ${c.pooled!.height}×${c.pooled!.width}</figcaption>
                    </figure>`)}
                  </div>`
              : null}`}
      </div>
      ${waiting ? html`<p class="remark">No learned kernel yet: train the CNN (&lt;dl-cnn-trainer&gt;) on this page and its first-layer kernels appear here; until then the learned kernel is all zeros.</p>` : null}
      <p class="formula">${formula}</p>
      ${c.remarks.map((r) => html`<p class="remark">${r}</p>`)}
      ${madd && !this.hover ? html`<p class="madd">out[${this.selected + 1}][${cur![0]}, ${cur![1]}] = ${this.renderTerms(madd.terms)} = <strong>${fmt(madd.sum)}</strong></p>` : null}
      ${this.hover ? html`<p class="madd">Hovered ${this.hover.layer === 'out' ? 'output' : 'pooled'} cell (${this.hover.row}, ${this.hover.col}) sees the ${this.hover.layer === 'pool' ? 'highlighted outputs and, through them, ' : ''}highlighted input pixels: its receptive field.</p>` : null}
      ${c.equivariance ? this.renderEquivariance(p, c) : null}
    `;
  }

  private renderTerms(terms: { value: number; weight: number; padded: boolean; channel: number }[]) {
    const shown = terms.filter((t) => t.weight !== 0);
    const parts = shown.slice(0, 27).map((t, i) => html`${i ? ' + ' : ''}<span class=${t.padded ? 'pad' : ''}>${fmt(t.value)}·${t.weight < 0 ? `(${fmt(t.weight)})` : fmt(t.weight)}</span>`);
    return html`${parts}${shown.length > 27 ? ` + … (${shown.length - 27} more)` : ''}${shown.length === 0 ? '0' : ''}`;
  }

  private renderEquivariance(p: Parsed, c: Computed) {
    const e = c.equivariance!;
    const conv = e.total
      ? `Shifted input → the output is the original output shifted by (${p.shiftX / p.stride}, ${p.shiftY / p.stride}) at ${((100 * e.matched) / e.total).toFixed(1)} % of cells (the rest are borders, where zeros come in).`
      : `With stride ${p.stride}, a shift of (${p.shiftX}, ${p.shiftY}) is not a whole number of output cells, so the output cannot simply shift: strided convolutions are only equivariant to shifts by multiples of the stride.`;
    const pool = c.pooled ? ` Pooled output: ${((100 * e.pooledStable) / e.pooledTotal).toFixed(1)} % of cells stay within 10 % of their unshifted value (approximate invariance).` : '';
    return html`<p class="equiv">${conv}${pool}</p>`;
  }
}

function parsePadding(v: string): Padding {
  const t = v.trim();
  if (t === 'valid' || t === 'same') return t;
  const n = Number(t);
  if (t !== '' && Number.isInteger(n) && n >= 0 && n <= 8) return n;
  throw new Error('use valid, same, or a whole number of pixels from 0 to 8.');
}

defineElement('dl-conv-visualizer', DlConvVisualizer);

declare global {
  interface HTMLElementTagNameMap {
    'dl-conv-visualizer': DlConvVisualizer;
  }
}
