/** Pure drawing helpers for `<dl-deep-sets>`: data in, pixels out. */
import { fitCanvas } from '../_shared/canvas.ts';
import { parseHex, type Rgb } from '../_shared/palette.ts';

/** WCAG 2.x relative luminance of an sRGB colour (0 black … 1 white). */
export function relativeLuminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const v = c / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG contrast ratio of two colours (1 … 21). */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Black or white, whichever reads better on `background` (`#rrggbb`). */
export function textOn(background: string): '#000000' | '#ffffff' {
  const bg = parseHex(background);
  return contrastRatio(bg, [0, 0, 0]) >= contrastRatio(bg, [255, 255, 255]) ? '#000000' : '#ffffff';
}

/** One curve of the sample-efficiency plot. */
export interface CurveSeries {
  label: string;
  color: string;
  /** Points (training sets, accuracy in [0, 1]). */
  points: { n: number; value: number }[];
}

/** Accuracy against the number of training sets, x on a log₂ axis. */
export function drawCurve(canvas: HTMLCanvasElement, sizes: number[], series: CurveSeries[], fg: string): void {
  const w = canvas.clientWidth || 360;
  const h = canvas.clientHeight || 200;
  const ctx = fitCanvas(canvas, w, h);
  if (!ctx) return;
  ctx.clearRect(0, 0, w, h);
  const left = 40;
  const right = 10;
  const top = 10;
  const bottom = 34;
  const lo = Math.log2(sizes[0]);
  const hi = Math.log2(sizes[sizes.length - 1]);
  const toX = (n: number) => left + ((Math.log2(n) - lo) / (hi - lo || 1)) * (w - left - right);
  const toY = (v: number) => top + (1 - v) * (h - top - bottom);
  ctx.font = '11px system-ui, sans-serif';
  ctx.fillStyle = fg;
  ctx.strokeStyle = 'rgba(128,128,128,0.3)';
  ctx.lineWidth = 1;
  ctx.textAlign = 'right';
  for (const v of [0, 0.25, 0.5, 0.75, 1]) {
    const y = toY(v);
    ctx.beginPath();
    ctx.moveTo(left, y);
    ctx.lineTo(w - right, y);
    ctx.stroke();
    ctx.fillText(`${Math.round(v * 100)}%`, left - 4, y + 4);
  }
  ctx.textAlign = 'center';
  for (const n of sizes) ctx.fillText(String(n), toX(n), h - bottom + 14);
  ctx.fillText('training sets (log scale)', (left + w - right) / 2, h - 4);
  for (const s of series) {
    ctx.strokeStyle = s.color;
    ctx.fillStyle = s.color;
    ctx.lineWidth = 2;
    ctx.beginPath();
    s.points.forEach((p, i) => (i === 0 ? ctx.moveTo(toX(p.n), toY(p.value)) : ctx.lineTo(toX(p.n), toY(p.value))));
    ctx.stroke();
    for (const p of s.points) {
      ctx.beginPath();
      ctx.arc(toX(p.n), toY(p.value), 3.5, 0, 2 * Math.PI);
      ctx.fill();
    }
  }
}

/**
 * Bars for a list of values (the equivariant layer's inputs or outputs), centred on zero. Each bar
 * is outlined in `outline` (the text colour), so light (yellow) and dark (black) categorical
 * colours still show against either theme's background.
 */
export function drawBars(canvas: HTMLCanvasElement, values: ArrayLike<number>, colors: readonly string[], maxAbs: number, outline: string): void {
  const w = canvas.clientWidth || 240;
  const h = canvas.clientHeight || 70;
  const ctx = fitCanvas(canvas, w, h);
  if (!ctx) return;
  ctx.clearRect(0, 0, w, h);
  const n = values.length;
  const slot = w / n;
  const mid = h / 2;
  ctx.strokeStyle = 'rgba(128,128,128,0.5)';
  ctx.beginPath();
  ctx.moveTo(0, mid + 0.5);
  ctx.lineTo(w, mid + 0.5);
  ctx.stroke();
  for (let i = 0; i < n; i++) {
    const v = values[i];
    const bh = (Math.max(-maxAbs, Math.min(maxAbs, v)) / maxAbs) * (mid - 4);
    const [x, y, bw, bhAbs] = [i * slot + slot * 0.2, bh >= 0 ? mid - bh : mid, slot * 0.6, Math.abs(bh)];
    ctx.fillStyle = colors[i % colors.length];
    ctx.fillRect(x, y, bw, bhAbs);
    ctx.strokeStyle = outline;
    ctx.lineWidth = 1;
    ctx.strokeRect(x + 0.5, y + 0.5, Math.max(0, bw - 1), Math.max(0, bhAbs - 1));
  }
}
