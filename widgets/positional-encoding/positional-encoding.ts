import { html, type PropertyValues, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { DlElement, defineElement } from '../_shared/dl-element.ts';
import { jsEngineTask, type EngineTask, type JsEngineModule } from '../_shared/engine-task.ts';
import { fitCanvas, localPoint, paintGrid } from '../_shared/canvas.ts';
import { cssVar, divergingTable } from '../_shared/palette.ts';
import { widgetStyles } from '../_shared/styles.ts';
import { choice, int, num } from '../_shared/props.ts';
import { styles } from './positional-encoding.styles.ts';

const VIEWS = ['sinusoidal', 'similarity', 'learned', 'rope'] as const;
const VIEW_LABELS: Record<View, string> = { sinusoidal: 'Sinusoidal', similarity: 'Similarity', learned: 'Learned', rope: 'RoPE' };
const SIZES = [8, 16, 32, 64, 128];
type View = (typeof VIEWS)[number];

/** A picture: values on a grid, a caption and how to read one cell. */
interface Picture {
  values: Float32Array;
  cols: number;
  rows: number;
  /** Symmetric colour range: values in [−range, range]. */
  range: number;
  caption: string;
  cell: (row: number, col: number) => string;
}

/** A line plot: one or more series over x = 0…n−1. */
interface Plot {
  series: { label: string; values: Float32Array }[];
  caption: string;
}

const maxAbs = (a: Float32Array) => a.reduce((m, v) => Math.max(m, Math.abs(v)), 1e-9);

/**
 * `<dl-positional-encoding>`: why a transformer needs positions, and four ways to give them.
 * Sinusoidal absolute encodings as a position × dimension heat map; the similarity between
 * positions (it depends only on their distance); the learned position table of our tiny reversal
 * transformer, for contrast; and rotary embeddings (RoPE), whose attention scores are constant along
 * every diagonal, i.e. depend only on the offset, unlike scores with added encodings.
 *
 * ```html
 * <dl-positional-encoding view="similarity" positions="64" dimensions="64"></dl-positional-encoding>
 * ```
 *
 * @summary Sinusoidal, learned and rotary position encodings, with similarity and offset pictures.
 * @event dl-view-change - The user picked another view. detail: { view: string }
 * @event dl-ready - The pictures are computed. detail: { view: string }
 * @csspart maps - The two pictures.
 * @csspart toolbar - View buttons and sizes.
 * @cssproperty [--negative=var(--dl-color-negative)] - Negative values.
 * @cssproperty [--neutral=var(--dl-color-neutral)] - Zero.
 * @cssproperty [--positive=var(--dl-color-positive)] - Positive values.
 * @cssproperty [--map-size=330px] - Side of each picture.
 */
export class DlPositionalEncoding extends DlElement {
  static override styles = [widgetStyles, styles];

  /** What to show: sinusoidal | similarity | learned | rope. */
  @choice(VIEWS) view: View = 'sinusoidal';
  /** Number of positions (4–256). */
  @int(4, 256) positions = 64;
  /** Encoding width d (even, 4–256). */
  @int(4, 256) dimensions = 64;
  /** Base of the wavelengths (10000 in the original paper). */
  @num({ min: 2, max: 1e6 }) base = 10000;
  /** Seed of the random query and key vectors in the RoPE view. */
  @int(0, 2 ** 31) seed = 1;

  @state() private hover = '';
  private readonly engine: EngineTask<JsEngineModule, JsEngineModule> = jsEngineTask(this, {
    // The pictures are computed from the module's functions: nothing to rebuild per setting.
    args: () => [],
    build: (eng) => eng,
    ready: () => this.handleReady(),
  });

  /** Show the first view again with the attribute settings. */
  reset(): void {
    this.view = 'sinusoidal';
  }

  /**
   * "dimensions must be even" is a rule on one attribute that a number declaration cannot state;
   * `checkAttributes` runs only once every attribute passes, so it is added here, next to the
   * other attributes' messages.
   */
  override attributeProblems(): string[] {
    const out = super.attributeProblems();
    const d = this.dimensions;
    if (Number.isInteger(d) && d >= 4 && d <= 256 && d % 2 !== 0) out.push(`dimensions="${d}" must be even (sine and cosine come in pairs).`);
    return out;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (['view', 'positions', 'dimensions', 'base', 'seed'].some((k) => changed.has(k))) this.hover = '';
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.engine.value && !this.hasConfigErrors) this.paint();
  }

  private async handleReady(): Promise<void> {
    await this.updateComplete;
    this.paint();
    this.emit('dl-ready', { view: this.view });
  }

  /** The two pictures (or a picture and a plot) of the current view. */
  private pictures(eng: JsEngineModule): [Picture, Picture | Plot] {
    const { view, positions: P, dimensions: D, base, seed } = this;
    const sin = eng.sinusoidalEncoding(P, D, base);
    if (view === 'sinusoidal') {
      const dims = [0, D / 8, D / 4, D / 2].map((j) => 2 * Math.floor(j / 2)).filter((v, i, a) => a.indexOf(v) === i);
      return [
        { values: sin, cols: D, rows: P, range: 1, caption: `p_t for t = 0…${P - 1} (rows) and dimensions 0…${D - 1} (columns)`, cell: (r, c) => `position ${r}, dimension ${c}: ${sin[r * D + c].toFixed(3)}` },
        {
          series: dims.map((j) => ({ label: `dim ${j}`, values: Float32Array.from({ length: P }, (_, t) => sin[t * D + j]) })),
          caption: 'Even dimensions along the positions: each pair is a clock with its own frequency',
        },
      ];
    }
    if (view === 'similarity') {
      const s = eng.cosineSimilarity(sin, P, D);
      const t0 = Math.floor(P / 2);
      return [
        { values: s, cols: P, rows: P, range: 1, caption: `cos(p_s, p_t) for all pairs of positions`, cell: (r, c) => `positions ${r} and ${c} (offset ${c - r}): ${s[r * P + c].toFixed(3)}` },
        { series: [{ label: `similarity to position ${t0}`, values: s.slice(t0 * P, (t0 + 1) * P) }], caption: `One row: similarity falls with the distance |t − ${t0}|, the same shape at every position` },
      ];
    }
    if (view === 'learned') {
      const { table, positions, dims } = eng.learnedPositionTable(eng.REVERSE_WEIGHTS);
      const s = eng.cosineSimilarity(table, positions, dims);
      return [
        { values: table, cols: dims, rows: positions, range: maxAbs(table), caption: `Learned position table of the reversal transformer (${positions} × ${dims})`, cell: (r, c) => `position ${r}, dimension ${c}: ${table[r * dims + c].toFixed(3)}` },
        { values: s, cols: positions, rows: positions, range: 1, caption: 'Its cosine similarities: no built-in notion of distance', cell: (r, c) => `positions ${r} and ${c}: ${s[r * positions + c].toFixed(3)}` },
      ];
    }
    // RoPE: one random query and key (seeded), every pair of positions.
    const rng = eng.createRng(seed);
    const d = Math.min(D, 16);
    const q = Array.from({ length: d }, () => rng.normal());
    const k = Array.from({ length: d }, () => rng.normal());
    const n = Math.min(P, 48);
    const added = eng.additiveScores(q, k, n, base);
    const rope = eng.ropeScores(q, k, n, base);
    const range = Math.max(maxAbs(added), maxAbs(rope));
    return [
      { values: added, cols: n, rows: n, range, caption: '(q + p_m)·(k + p_n): added sinusoids, depends on m and n', cell: (r, c) => `query at ${r}, key at ${c}: ${added[r * n + c].toFixed(2)}` },
      { values: rope, cols: n, rows: n, range, caption: '(R_m q)·(R_n k): RoPE, constant along each diagonal n − m', cell: (r, c) => `query at ${r}, key at ${c} (offset ${c - r}): ${rope[r * n + c].toFixed(2)}` },
    ];
  }

  private paint(): void {
    const eng = this.engine.value;
    if (!eng || this.hasConfigErrors) return;
    const [a, b] = this.pictures(eng);
    const lut = divergingTable(cssVar(this, '--negative', '#f59322'), cssVar(this, '--neutral', '#e8eaeb'), cssVar(this, '--positive', '#0877bd'));
    const canvases = this.renderRoot.querySelectorAll<HTMLCanvasElement>('canvas');
    const map = (canvas: HTMLCanvasElement, p: Picture) => paintGrid(canvas, p.values, p.cols, p.rows, lut, (v) => ((v / p.range + 1) / 2) * 255);
    if (canvases[0]) map(canvases[0], a);
    if (canvases[1]) {
      if ('values' in b) map(canvases[1], b);
      else this.plot(canvases[1], b);
    }
  }

  private plot(canvas: HTMLCanvasElement, p: Plot): void {
    const size = canvas.clientWidth || 330;
    const ctx = fitCanvas(canvas, size, size);
    if (!ctx) return;
    const colours = [cssVar(this, '--positive', '#0877bd'), cssVar(this, '--negative', '#f59322'), '#2e7d32', '#7b1fa2'];
    const fg = cssVar(this, '--dl-color-muted', '#5b6573');
    const pad = 26;
    ctx.clearRect(0, 0, size, size);
    ctx.strokeStyle = fg;
    ctx.lineWidth = 1;
    ctx.strokeRect(pad, 6, size - pad - 6, size - pad - 6);
    ctx.fillStyle = fg;
    ctx.font = '11px system-ui, sans-serif';
    ctx.fillText('+1', 4, 14);
    ctx.fillText('−1', 4, size - pad);
    ctx.fillText('position →', size / 2 - 26, size - 6);
    const h = size - pad - 6;
    const w = size - pad - 6;
    p.series.forEach((s, i) => {
      ctx.strokeStyle = colours[i % colours.length];
      ctx.lineWidth = 2;
      ctx.beginPath();
      s.values.forEach((v, t) => {
        const x = pad + (t / Math.max(1, s.values.length - 1)) * w;
        const y = 6 + ((1 - v) / 2) * h;
        if (t === 0) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
      });
      ctx.stroke();
    });
    // Legend last, on a backing box so the curves do not cross it.
    ctx.fillStyle = cssVar(this, '--dl-color-surface-raised', '#ffffff');
    ctx.fillRect(pad + 2, 8, 128, p.series.length * 14 + 4);
    p.series.forEach((s, i) => {
      ctx.fillStyle = colours[i % colours.length];
      ctx.fillText(s.label, pad + 6, 20 + i * 14);
    });
  }

  private handlePointer(e: PointerEvent, which: 0 | 1): void {
    const eng = this.engine.value;
    if (!eng) return;
    const pic = this.pictures(eng)[which];
    if (!('values' in pic)) return;
    const { fx, fy } = localPoint(e, e.currentTarget as HTMLElement);
    const col = Math.min(pic.cols - 1, Math.max(0, Math.floor(fx * pic.cols)));
    const row = Math.min(pic.rows - 1, Math.max(0, Math.floor(fy * pic.rows)));
    this.hover = pic.cell(row, col);
  }

  private pickView(v: View): void {
    if (v === this.view) return;
    this.view = v;
    this.emit('dl-view-change', { view: v });
  }

  override render(): TemplateResult {
    const note = this.renderSpeakerViewNote();
    const problems = this.renderConfigErrors();
    if (problems) return problems;
    const eng = this.engine.value;
    const pics = eng ? this.pictures(eng) : null;
    const sizePick = (label: string, value: number, onChange: (v: number) => void) => html`<label
      >${label}
      <select @change=${(e: Event) => onChange(Number((e.target as HTMLSelectElement).value))}>
        ${[...new Set([...SIZES, value])].sort((a, b) => a - b).map((v) => html`<option .value=${String(v)} ?selected=${v === value}>${v}</option>`)}
      </select></label
    >`;
    return html`
      ${note}
      <div class="dl-toolbar toolbar" part="toolbar">
        <span class="tabs" role="group" aria-label="View">
          ${VIEWS.map((v) => html`<button aria-pressed=${v === this.view} @click=${() => this.pickView(v)}>${VIEW_LABELS[v]}</button>`)}
        </span>
        ${this.view === 'learned' ? null : sizePick('Positions', this.positions, (v) => (this.positions = v))}
        ${this.view === 'learned' ? null : sizePick('Dimensions', this.dimensions, (v) => (this.dimensions = v))}
        <span class="dl-status">${eng ? '' : this.engine.status === 'error' ? `Could not start: ${this.engine.error}` : 'Loading…'}</span>
      </div>
      <div class="layout" part="maps">
        ${pics
          ? pics.map(
              (pic, i) => html`<figure>
                <canvas class=${'values' in pic ? 'map' : 'plot'} role="img" aria-label=${pic.caption}
                  @pointermove=${(e: PointerEvent) => this.handlePointer(e, i as 0 | 1)}></canvas>
                <figcaption>${pic.caption}</figcaption>
              </figure>`,
            )
          : html`<figure><canvas class="map"></canvas></figure><figure><canvas class="map"></canvas></figure>`}
        <div class="explain">${this.explanation(this.view)}<p class="readout" aria-live="polite">${this.hover || 'Hover a picture to read a value.'}</p></div>
      </div>
    `;
  }

  private explanation(view: View) {
    switch (view) {
      case 'sinusoidal':
        return html`<p>Dimension pair 2i, 2i+1 holds sin and cos of t / 10000<sup>2i/d</sup>.</p><p>Left columns turn fast, right columns slowly: like the digits of a clock, every position gets a distinct pattern.</p>`;
      case 'similarity':
        return html`<p>The band along the diagonal has the same width everywhere: the similarity of two positions depends only on how far apart they are.</p><p>p<sub>t+k</sub> is a rotation of p<sub>t</sub> in every pair of dimensions.</p>`;
      case 'learned':
        return html`<p>BERT and GPT-2 learn the position table like any other weight.</p><p>Our 8-position reversal model learned this one from the task alone; nothing forces nearby positions to be similar.</p>`;
      case 'rope':
        return html`<p>RoPE rotates q and k by angles proportional to their positions instead of adding a vector.</p><p>(R<sub>m</sub>q)·(R<sub>n</sub>k) = q·R<sub>n−m</sub>k: every diagonal is constant. With added encodings (left) the score also depends on where the pair sits.</p>`;
    }
  }
}

defineElement('dl-positional-encoding', DlPositionalEncoding);

declare global {
  interface HTMLElementTagNameMap {
    'dl-positional-encoding': DlPositionalEncoding;
  }
}
