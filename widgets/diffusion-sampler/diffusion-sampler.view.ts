/**
 * Pure drawing for `<dl-diffusion-sampler>`: point clouds, trajectories, a vector field and the
 * ᾱ_t curve, from plain arrays onto 2-D canvases. Plane coordinates span [-extent, extent]².
 */
import { fitCanvas } from '../_shared/canvas.ts';
import { CATEGORICAL, parseHex } from '../_shared/palette.ts';

/** How one class is drawn: its fill, and an edge where the fill alone would vanish into the background. */
export interface ClassStyle {
  fill: string;
  edge: string | null;
}

/** Below this WCAG contrast with the plot's background a class's points get an edge in the foreground colour. */
const MIN_FILL_CONTRAST = 1.5;

/** WCAG relative luminance of a `#rrggbb` colour. */
function luminance(hex: string): number {
  const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const [r, g, b] = parseHex(hex).map((v) => lin(v / 255));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two colours (1 … 21). */
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * Class colours: Okabe and Ito's palette (CATEGORICAL, colour-blind safe) in order, one per class;
 * the point sets have at most 8 classes, as many as it has colours. Its black becomes the theme's
 * foreground (black points vanish on a dark slide), and a colour too close to the background
 * (its yellow on white) gets an edge in the foreground colour.
 */
export function classColours(fg: string, background: string): ClassStyle[] {
  return CATEGORICAL.map((c) => {
    const fill = c === '#000000' ? fg : c;
    return { fill, edge: contrast(fill, background) < MIN_FILL_CONTRAST ? fg : null };
  });
}

/** A square plot's canvas sized to its CSS box, with a plane → pixel mapping. */
export function plotContext(canvas: HTMLCanvasElement, extent: number) {
  const size = canvas.clientWidth || 240;
  const ctx = fitCanvas(canvas, size, size);
  const px = (v: number) => ((v + extent) / (2 * extent)) * size;
  const py = (v: number) => size - ((v + extent) / (2 * extent)) * size;
  return { ctx, size, px, py };
}

/** Light axes through the origin. */
export function drawAxes(ctx: CanvasRenderingContext2D, size: number, colour: string): void {
  ctx.strokeStyle = colour;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(size / 2, 0);
  ctx.lineTo(size / 2, size);
  ctx.moveTo(0, size / 2);
  ctx.lineTo(size, size / 2);
  ctx.stroke();
}

/**
 * Draw points (rows `from … from + n` of `x`, n × 2) as small squares; coloured by label from
 * `palette` when `labels` is given, else `colour`.
 */
export function drawPoints(
  plot: ReturnType<typeof plotContext>,
  x: Float32Array,
  n: number,
  options: { colour: string; labels?: Int32Array | null; palette?: readonly ClassStyle[]; radius?: number; alpha?: number; offset?: number },
): void {
  const { ctx, px, py } = plot;
  if (!ctx) return;
  const r = options.radius ?? 1.6;
  const off = options.offset ?? 0;
  ctx.globalAlpha = options.alpha ?? 0.8;
  const palette = options.labels && options.palette?.length ? options.palette : null;
  ctx.lineWidth = 0.75;
  let current = '';
  for (let i = 0; i < n; i++) {
    const style = palette ? palette[options.labels![i] % palette.length] : null;
    const c = style ? style.fill : options.colour;
    if (c !== current) ctx.fillStyle = current = c;
    const left = px(x[off + 2 * i]) - r;
    const top = py(x[off + 2 * i + 1]) - r;
    ctx.fillRect(left, top, 2 * r, 2 * r);
    if (style?.edge) {
      ctx.strokeStyle = style.edge;
      ctx.strokeRect(left, top, 2 * r, 2 * r);
    }
  }
  ctx.globalAlpha = 1;
}

/** Polylines through frames for the first `count` points: frames is `(F) × n × 2`. */
export function drawTrajectories(plot: ReturnType<typeof plotContext>, frames: Float32Array, n: number, upToFrame: number, count: number, colour: string): void {
  const { ctx, px, py } = plot;
  if (!ctx || frames.length === 0) return;
  const stride = n * 2;
  ctx.strokeStyle = colour;
  ctx.lineWidth = 1.2;
  ctx.globalAlpha = 0.85;
  for (let i = 0; i < Math.min(count, n); i++) {
    ctx.beginPath();
    for (let f = 0; f <= upToFrame; f++) {
      const x = px(frames[f * stride + 2 * i]);
      const y = py(frames[f * stride + 2 * i + 1]);
      if (f === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    }
    ctx.stroke();
    const last = upToFrame * stride + 2 * i;
    ctx.fillStyle = colour;
    ctx.beginPath();
    ctx.arc(px(frames[last]), py(frames[last + 1]), 3, 0, 2 * Math.PI);
    ctx.fill();
  }
  ctx.globalAlpha = 1;
}

/** Arrows for a `size × size` vector field (row 0 at the top), scaled so the longest spans one cell. */
export function drawField(plot: ReturnType<typeof plotContext>, field: Float32Array, grid: number, colour: string): void {
  const { ctx, size } = plot;
  if (!ctx) return;
  let max = 1e-9;
  for (let i = 0; i < grid * grid; i++) max = Math.max(max, Math.hypot(field[2 * i], field[2 * i + 1]));
  const cell = size / grid;
  ctx.strokeStyle = colour;
  ctx.lineWidth = 1;
  ctx.globalAlpha = 0.55;
  ctx.beginPath();
  for (let r = 0; r < grid; r++) {
    for (let c = 0; c < grid; c++) {
      const i = r * grid + c;
      // Square-root scaling keeps the small arrows near the data visible next to the long ones.
      const len = Math.hypot(field[2 * i], field[2 * i + 1]);
      const k = (0.9 * cell * Math.sqrt(len / max)) / Math.max(len, 1e-9);
      const dx = field[2 * i] * k;
      const dy = -field[2 * i + 1] * k;
      const x0 = (c + 0.5) * cell - dx / 2;
      const y0 = (r + 0.5) * cell - dy / 2;
      const x1 = x0 + dx;
      const y1 = y0 + dy;
      ctx.moveTo(x0, y0);
      ctx.lineTo(x1, y1);
      const a = Math.atan2(dy, dx);
      const head = Math.min(4, Math.hypot(dx, dy) * 0.4);
      ctx.moveTo(x1, y1);
      ctx.lineTo(x1 - head * Math.cos(a - 0.5), y1 - head * Math.sin(a - 0.5));
      ctx.moveTo(x1, y1);
      ctx.lineTo(x1 - head * Math.cos(a + 0.5), y1 - head * Math.sin(a + 0.5));
    }
  }
  ctx.stroke();
  ctx.globalAlpha = 1;
}

/** ᾱ_t curves (one per schedule, the active one solid) with a marker at step t. */
export function drawSchedule(
  canvas: HTMLCanvasElement,
  curves: { name: string; alphaBars: Float64Array; active: boolean }[],
  t: number,
  colours: { fg: string; muted: string; accent: string },
): void {
  const w = canvas.clientWidth || 280;
  const h = canvas.clientHeight || 110;
  const ctx = fitCanvas(canvas, w, h);
  if (!ctx) return;
  ctx.clearRect(0, 0, w, h);
  const left = 26;
  const bottom = h - 16;
  const top = 6;
  const right = w - 6;
  ctx.font = '10px system-ui, sans-serif';
  ctx.fillStyle = colours.muted;
  ctx.strokeStyle = colours.muted;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(left, top);
  ctx.lineTo(left, bottom);
  ctx.lineTo(right, bottom);
  ctx.stroke();
  ctx.fillText('1', 14, top + 8);
  ctx.fillText('0', 14, bottom);
  ctx.fillText('t →', right - 20, h - 3);
  ctx.fillText('ᾱ_t', 0, (top + bottom) / 2);
  for (const c of curves) {
    const T = c.alphaBars.length;
    ctx.strokeStyle = c.active ? colours.accent : colours.muted;
    ctx.setLineDash(c.active ? [] : [4, 3]);
    ctx.lineWidth = c.active ? 2 : 1.2;
    ctx.beginPath();
    for (let s = 0; s <= T; s++) {
      const v = s === 0 ? 1 : c.alphaBars[s - 1];
      const x = left + ((right - left) * s) / T;
      const y = bottom - (bottom - top) * v;
      if (s === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    }
    ctx.stroke();
    ctx.setLineDash([]);
    const labelAt = Math.round(T * 0.55);
    ctx.fillStyle = c.active ? colours.accent : colours.muted;
    ctx.fillText(c.name, left + ((right - left) * labelAt) / T + 4, bottom - (bottom - top) * c.alphaBars[labelAt - 1] - 4);
  }
  const active = curves.find((c) => c.active);
  if (active) {
    const T = active.alphaBars.length;
    const v = t === 0 ? 1 : active.alphaBars[t - 1];
    const x = left + ((right - left) * t) / T;
    ctx.strokeStyle = colours.fg;
    ctx.setLineDash([2, 2]);
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, bottom);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = colours.fg;
    ctx.beginPath();
    ctx.arc(x, bottom - (bottom - top) * v, 3.5, 0, 2 * Math.PI);
    ctx.fill();
  }
}
