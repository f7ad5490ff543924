/**
 * Pure drawing for `<dl-rnn-race>`: plain arrays and colours in, pixels out; no widget state.
 * - `drawGradientThroughTime`: ‖∂ℓ/∂h_k‖ against k on a log scale, one line per cell.
 * - `drawInputStrip`: the example's values as bars, the two marked steps highlighted.
 * - `drawGateMap`: one gate's activation (or the state), time left to right, one row per hidden unit.
 * - `drawTokenStrip`: the copy task's symbols, marker and the cell's recalled symbols, one slot per step.
 */
import { fitCanvas } from '../_shared/canvas.ts';

/** One line of the gradient plot. */
export interface GradientLine {
  label: string;
  color: string;
  /** ‖∂ℓ/∂h_k‖ for k = 1 … T. */
  values: Float32Array;
}

/** Theme colours the drawings need. */
export interface ViewColors {
  /** Axis labels and grid. */
  muted: string;
  /** Marked steps. */
  accent: string;
}

/** Smallest and largest decade shown, from the data, at least 4 decades, clamped to 1e-30 … 1e30. */
export function decadeRange(lines: readonly GradientLine[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const l of lines) {
    for (const v of l.values) {
      if (!(v > 0) || !Number.isFinite(v)) continue;
      const e = Math.log10(v);
      lo = Math.min(lo, e);
      hi = Math.max(hi, e);
    }
  }
  if (!Number.isFinite(lo)) return [-4, 0];
  lo = Math.max(-30, Math.floor(lo));
  hi = Math.min(30, Math.ceil(hi));
  if (hi - lo < 4) lo = hi - 4;
  return [lo, hi];
}

/** Lines of log10 ‖∂ℓ/∂h_k‖ against k (k = 1 on the left, T on the right, where the loss is read). */
export function drawGradientThroughTime(canvas: HTMLCanvasElement, width: number, height: number, lines: readonly GradientLine[], colors: ViewColors): void {
  const ctx = fitCanvas(canvas, width, height);
  if (!ctx) return;
  ctx.clearRect(0, 0, width, height);
  const T = lines[0]?.values.length ?? 0;
  if (T === 0) return;
  const [lo, hi] = decadeRange(lines);
  const left = 44;
  const right = width - 8;
  const top = 8;
  const bottom = height - 20;
  const x = (k: number) => left + ((k - 1) / Math.max(1, T - 1)) * (right - left);
  const y = (v: number) => {
    const e = v > 0 && Number.isFinite(v) ? Math.log10(v) : lo;
    return bottom - ((Math.max(lo, Math.min(hi, e)) - lo) / (hi - lo)) * (bottom - top);
  };
  ctx.font = '11px system-ui, sans-serif';
  ctx.strokeStyle = 'rgba(128,128,128,0.25)';
  ctx.fillStyle = colors.muted;
  ctx.lineWidth = 1;
  const every = Math.max(1, Math.ceil((hi - lo) / 6));
  for (let e = hi; e >= lo; e -= every) {
    ctx.beginPath();
    ctx.moveTo(left, y(10 ** e));
    ctx.lineTo(right, y(10 ** e));
    ctx.stroke();
    ctx.textAlign = 'right';
    ctx.fillText(e === 0 ? '1' : `1e${e}`, left - 4, y(10 ** e) + 4);
  }
  ctx.textAlign = 'center';
  const tick = T <= 20 ? 5 : T <= 60 ? 10 : T <= 120 ? 20 : 50;
  for (let k = 1; k <= T; k += k === 1 ? tick - 1 : tick) ctx.fillText(String(k), x(k), height - 6);
  ctx.lineWidth = 2;
  for (const l of lines) {
    ctx.strokeStyle = l.color;
    ctx.beginPath();
    l.values.forEach((v, i) => (i === 0 ? ctx.moveTo(x(i + 1), y(v)) : ctx.lineTo(x(i + 1), y(v))));
    ctx.stroke();
  }
}

/** The example's values as bars in [0, 1]; the two marked steps in the accent colour. */
export function drawInputStrip(canvas: HTMLCanvasElement, width: number, height: number, values: Float32Array, marks: readonly [number, number], colors: ViewColors): void {
  const ctx = fitCanvas(canvas, width, height);
  if (!ctx) return;
  ctx.clearRect(0, 0, width, height);
  const T = values.length;
  const slot = width / T;
  for (let t = 0; t < T; t++) {
    const marked = t === marks[0] || t === marks[1];
    ctx.fillStyle = marked ? colors.accent : colors.muted;
    ctx.globalAlpha = marked ? 1 : 0.45;
    const h = Math.max(1, values[t] * (height - 2));
    ctx.fillRect(t * slot + slot * 0.15, height - h, Math.max(1, slot * 0.7), h);
  }
  ctx.globalAlpha = 1;
}

/** Each gate map's small bitmap, kept with its canvas. */
const smallCanvases = new WeakMap<HTMLCanvasElement, HTMLCanvasElement>();

/**
 * One gate's activation (or the hidden state), `map` being T × hidden row-major (row t = step
 * t + 1): time runs left to right, units top to bottom, through the colour table `lut` (index 0 ↔
 * `range[0]`, 255 ↔ `range[1]`). The two marked steps are outlined.
 */
export function drawGateMap(
  canvas: HTMLCanvasElement,
  width: number,
  height: number,
  map: Float32Array,
  hidden: number,
  marks: readonly [number, number],
  lut: Uint8ClampedArray,
  colors: ViewColors,
  range: readonly [number, number] = [0, 1],
): void {
  const ctx = fitCanvas(canvas, width, height);
  if (!ctx) return;
  const T = map.length / hidden;
  const cw = width / T;
  // One pixel per (step, unit) in a small bitmap, scaled up without smoothing: one image copy
  // instead of T × hidden rectangles (a few thousand a frame over the five maps).
  const small = smallCanvases.get(canvas) ?? document.createElement('canvas');
  smallCanvases.set(canvas, small);
  if (small.width !== T) small.width = T;
  if (small.height !== hidden) small.height = hidden;
  const sctx = small.getContext('2d');
  if (!sctx) return;
  const img = sctx.createImageData(T, hidden);
  const px = img.data;
  for (let t = 0; t < T; t++) {
    for (let j = 0; j < hidden; j++) {
      const k = Math.max(0, Math.min(255, Math.round(((map[t * hidden + j] - range[0]) / (range[1] - range[0])) * 255))) * 3;
      const o = 4 * (j * T + t);
      px[o] = lut[k];
      px[o + 1] = lut[k + 1];
      px[o + 2] = lut[k + 2];
      px[o + 3] = 255;
    }
  }
  sctx.putImageData(img, 0, 0);
  ctx.clearRect(0, 0, width, height);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(small, 0, 0, width, height);
  ctx.imageSmoothingEnabled = true;
  // Outline the marked columns (not fill them: the gate's value there is the point).
  ctx.strokeStyle = colors.accent;
  ctx.lineWidth = 1.5;
  for (const m of marks) ctx.strokeRect(m * cw + 0.75, 0.75, Math.max(1, cw - 1.5), height - 1.5);
}

/**
 * The copy task's example: the input token per step in the top row (a symbol in its categorical
 * colour, the marker (token A + 1) in the muted colour, blanks as a faint tick) and, in the bottom row, the
 * cell's most likely output where it names a symbol. Symbol s uses `symbolColors[s − 1]`.
 */
export function drawTokenStrip(
  canvas: HTMLCanvasElement,
  width: number,
  height: number,
  tokens: Int32Array,
  outputs: Int32Array | undefined,
  symbols: number,
  symbolColors: readonly string[],
  colors: ViewColors,
): void {
  const ctx = fitCanvas(canvas, width, height);
  if (!ctx) return;
  ctx.clearRect(0, 0, width, height);
  const T = tokens.length;
  const slot = width / T;
  const row = (height - 2) / 2;
  const cell = (t: number, y: number, color: string) => {
    ctx.fillStyle = color;
    ctx.fillRect(t * slot + slot * 0.1, y, Math.max(1, slot * 0.8), row - 1);
  };
  for (let t = 0; t < T; t++) {
    const tok = tokens[t];
    if (tok === symbols + 1) cell(t, 0, colors.muted);
    else if (tok > 0) cell(t, 0, symbolColors[(tok - 1) % symbolColors.length]);
    else {
      ctx.fillStyle = colors.muted;
      ctx.globalAlpha = 0.35;
      ctx.fillRect(t * slot + slot * 0.4, row / 2, Math.max(1, slot * 0.2), 1);
      ctx.globalAlpha = 1;
    }
    const out = outputs?.[t] ?? 0;
    if (out > 0) cell(t, row + 2, symbolColors[(out - 1) % symbolColors.length]);
  }
}
