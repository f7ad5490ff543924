/**
 * Pure drawing for `<dl-tensor-compress>`: an image and a log-scale curve plot, from plain arrays.
 */
import { fitCanvas } from '../_shared/canvas.ts';

/** A channel-major image in [0, 1] (1 or 3 channels) painted pixel for pixel; CSS scales it up. */
export function drawImage(canvas: HTMLCanvasElement, image: { data: Float32Array; width: number; height: number; channels: number }): void {
  const { width: w, height: h, channels: c, data } = image;
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const img = ctx.createImageData(w, h);
  const area = w * h;
  for (let i = 0; i < area; i++) {
    for (let k = 0; k < 3; k++) img.data[4 * i + k] = Math.round(255 * data[(c === 1 ? 0 : k) * area + i]);
    img.data[4 * i + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
}

/** One curve of the plot. */
export interface Curve {
  values: ArrayLike<number>;
  colour: string;
  label: string;
}

/**
 * Curves against their index on a log-10 y axis (singular values, or CP's error per sweep), with
 * a vertical marker at `marker` (the rank kept), a legend and axis labels.
 */
export function drawCurves(canvas: HTMLCanvasElement, width: number, height: number, curves: Curve[], marker: number | null, labels: { x: string; y: string }, colours: { muted: string; fg: string }): void {
  const ctx = fitCanvas(canvas, width, height);
  if (!ctx) return;
  ctx.clearRect(0, 0, width, height);
  const left = 44;
  const right = width - 8;
  const top = 8;
  const bottom = height - 28;
  let lo = Infinity;
  let hi = -Infinity;
  let count = 1;
  for (const c of curves) {
    count = Math.max(count, c.values.length);
    for (let i = 0; i < c.values.length; i++) {
      const v = c.values[i];
      if (v > 0) {
        lo = Math.min(lo, Math.log10(v));
        hi = Math.max(hi, Math.log10(v));
      }
    }
  }
  if (!Number.isFinite(lo)) {
    lo = -3;
    hi = 0;
  }
  lo = Math.floor(Math.max(lo, hi - 8));
  hi = Math.ceil(hi + 1e-9);
  if (hi === lo) hi = lo + 1;
  const X = (i: number) => left + (count > 1 ? i / (count - 1) : 0) * (right - left);
  const Y = (v: number) => bottom - ((Math.max(lo, Math.min(hi, Math.log10(Math.max(v, 1e-30)))) - lo) / (hi - lo)) * (bottom - top);
  ctx.font = '11px system-ui, sans-serif';
  ctx.strokeStyle = 'rgba(128,128,128,0.25)';
  ctx.fillStyle = colours.muted;
  ctx.textAlign = 'right';
  for (let e = lo; e <= hi; e++) {
    ctx.beginPath();
    ctx.moveTo(left, Y(10 ** e));
    ctx.lineTo(right, Y(10 ** e));
    ctx.stroke();
    ctx.fillText(`1e${e}`, left - 4, Y(10 ** e) + 4);
  }
  ctx.textAlign = 'center';
  ctx.fillText('1', X(0), bottom + 12);
  ctx.fillText(String(count), X(count - 1), bottom + 12);
  ctx.fillText(labels.x, (left + right) / 2, height - 2);
  ctx.save();
  ctx.translate(10, (top + bottom) / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.fillText(labels.y, 0, 0);
  ctx.restore();
  if (marker !== null) {
    ctx.strokeStyle = colours.fg;
    ctx.setLineDash([4, 4]);
    ctx.beginPath();
    ctx.moveTo(X(marker - 1), top);
    ctx.lineTo(X(marker - 1), bottom);
    ctx.stroke();
    ctx.setLineDash([]);
  }
  curves.forEach((c, k) => {
    ctx.strokeStyle = c.colour;
    ctx.lineWidth = 2;
    ctx.beginPath();
    for (let i = 0; i < c.values.length; i++) {
      if (i === 0) ctx.moveTo(X(i), Y(c.values[i]));
      else ctx.lineTo(X(i), Y(c.values[i]));
    }
    ctx.stroke();
    ctx.fillStyle = c.colour;
    ctx.textAlign = 'right';
    ctx.fillText(c.label, right - 4, top + 14 + 14 * k);
  });
}
