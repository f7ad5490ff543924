import { html, type TemplateResult } from 'lit';
import { styleProps } from '../_shared/style-props.ts';
import { DlElement, defineElement } from '../_shared/dl-element.ts';
import { paintGrid } from '../_shared/canvas.ts';
import { cssVar, divergingTable } from '../_shared/palette.ts';
import { widgetStyles } from '../_shared/styles.ts';
import { int } from '../_shared/props.ts';
import { styles } from './lora.styles.ts';

/** Side of the pictured corner of each matrix. */
const SHOWN = 48;

/** Seeded standard normal numbers (mulberry32 + Box–Muller), local to this picture. */
function normals(n: number, seed: number): Float32Array {
  let s = (seed ^ 0x9e3779b9) >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.sqrt(-2 * Math.log(next() || 1e-12)) * Math.cos(2 * Math.PI * next());
  return out;
}

/**
 * `<dl-lora>`: the low-rank update of LoRA. A frozen weight matrix W₀ (d × k) gets an update
 * ΔW = B A with B (d × r) and A (r × k); the pictures show B, A and their product, whose rank is at
 * most r, and the counters compare the r (d + k) trainable numbers with the d k of full finetuning.
 * The matrices are seeded random examples (a picture of the shapes, not a trained adapter).
 *
 * ```html
 * <dl-lora rows="4096" cols="4096" rank="8"></dl-lora>
 * ```
 *
 * @summary LoRA's low-rank update ΔW = BA and its parameter count, with adjustable rank.
 * @event dl-rank-change - The user moved the rank slider. detail: { rank: number; trainable: number; full: number }
 * @csspart equation - The matrices B, A and ΔW.
 * @cssproperty [--negative=var(--dl-color-negative)] - Negative entries.
 * @cssproperty [--positive=var(--dl-color-positive)] - Positive entries.
 * @cssproperty [--matrix-size=300px] - Side of the ΔW picture.
 */
export class DlLora extends DlElement {
  static override styles = [widgetStyles, styles];

  /** d: rows of the frozen weight W₀ (1–100000). */
  @int(1, 100_000) rows = 4096;
  /** k: columns of W₀ (1–100000). */
  @int(1, 100_000) cols = 4096;
  /** r: rank of the update (1–64, at most min(d, k)). */
  @int(1, (h: DlLora) => Math.max(1, Math.min(64, h.rows, h.cols))) rank = 8;
  /** Seed of the example entries of B and A. */
  @int(0, 2 ** 31) seed = 1;

  /** Back to the attribute's rank. */
  reset(): void {
    this.rank = Number(this.getAttribute('rank') ?? this.defaultOf('rank'));
  }

  protected override updated(): void {
    if (!this.hasConfigErrors) this.paint();
  }

  /** The pictured corners: B (SHOWN × r), A (r × SHOWN), ΔW = BA (SHOWN × SHOWN). */
  matrices(): { b: Float32Array; a: Float32Array; delta: Float32Array; r: number; n: number; m: number } {
    const { rows, cols, rank: r, seed } = this;
    const n = Math.min(SHOWN, rows);
    const m = Math.min(SHOWN, cols);
    const b = normals(n * r, seed);
    const a = normals(r * m, seed + 1);
    const delta = new Float32Array(n * m);
    for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) {
      let s = 0;
      for (let q = 0; q < r; q++) s += b[i * r + q] * a[q * m + j];
      delta[i * m + j] = s / Math.sqrt(r);
    }
    return { b, a, delta, r, n, m };
  }

  private paint(): void {
    const [cb, ca, cd] = Array.from(this.renderRoot.querySelectorAll<HTMLCanvasElement>('canvas'));
    if (!cb || !ca || !cd) return;
    const { b, a, delta, r, n, m } = this.matrices();
    const lut = divergingTable(cssVar(this, '--negative', '#f59322'), cssVar(this, '--neutral', '#e8eaeb'), cssVar(this, '--positive', '#0877bd'));
    const toIndex = (v: number) => ((Math.max(-2.5, Math.min(2.5, v)) / 2.5 + 1) / 2) * 255;
    paintGrid(cb, b, r, n, lut, toIndex);
    paintGrid(ca, a, m, r, lut, toIndex);
    paintGrid(cd, delta, m, n, lut, toIndex);
  }

  private handleRank(e: Event): void {
    this.rank = Number((e.target as HTMLInputElement).value);
    const { rows, cols } = this;
    this.emit('dl-rank-change', { rank: this.rank, trainable: this.rank * (rows + cols), full: rows * cols });
  }

  override render(): TemplateResult {
    const note = this.renderSpeakerViewNote();
    const problems = this.renderConfigErrors();
    if (problems) return problems;
    const { rows, cols, rank } = this;
    const full = rows * cols;
    const trainable = rank * (rows + cols);
    const pct = (100 * trainable) / full;
    const size = parseFloat(cssVar(this, '--matrix-size', '300px')) || 300;
    const px = size / SHOWN; // CSS pixels per entry, the same in all three pictures
    const n = Math.min(SHOWN, rows);
    const m = Math.min(SHOWN, cols);
    const fmt = (v: number) => v.toLocaleString('en');
    return html`
      ${note}
      <div class="dl-toolbar toolbar">
        <label>Rank r <input type="range" min="1" max=${Math.min(64, rows, cols)} .value=${String(rank)} @input=${this.handleRank} aria-label="LoRA rank r" /> ${rank}</label>
        <span class="dl-status">W₀ is ${fmt(rows)} × ${fmt(cols)} and frozen; pictures show the top-left ${n} × ${m} corner</span>
      </div>
      <div class="equation" part="equation">
        <figure><canvas style=${styleProps({ width: `${Math.max(3, rank * px)}px`, height: `${n * px}px` })} aria-label="Matrix B"></canvas><figcaption>B: ${fmt(rows)} × ${rank}</figcaption></figure>
        <span class="op">×</span>
        <figure><canvas style=${styleProps({ width: `${m * px}px`, height: `${Math.max(3, rank * px)}px` })} aria-label="Matrix A"></canvas><figcaption>A: ${rank} × ${fmt(cols)}</figcaption></figure>
        <span class="op">=</span>
        <figure><canvas style=${styleProps({ width: `${m * px}px`, height: `${n * px}px` })} aria-label="The update ΔW = BA"></canvas><figcaption>ΔW = BA: ${fmt(rows)} × ${fmt(cols)}, rank ≤ ${rank}</figcaption></figure>
      </div>
      <div class="counts" aria-live="polite">
        <p>Trainable: r (d + k) = ${rank} × (${fmt(rows)} + ${fmt(cols)}) = <strong>${fmt(trainable)}</strong> instead of d k = ${fmt(full)} (<strong>${pct < 0.1 ? pct.toFixed(3) : pct.toFixed(2)} %</strong>)</p>
        <div class="bar" role="img" aria-label=${`${pct.toFixed(2)} % of the full matrix`}><span style=${styleProps({ width: `${Math.min(100, pct)}%` })}></span></div>
      </div>
    `;
  }
}

defineElement('dl-lora', DlLora);

declare global {
  interface HTMLElementTagNameMap {
    'dl-lora': DlLora;
  }
}
