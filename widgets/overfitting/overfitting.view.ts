/** Pure drawing for `<dl-overfitting>`: the fit plot and the loss curves. */
import { fitCanvas } from '../_shared/canvas.ts';

/** Colours used by both pictures. */
export interface FitColors {
  train: string;
  validation: string;
  curve: string;
  truth: string;
  fg: string;
}

/** Data points, the true function and the fitted curve over x ∈ [-1.1, 1.1], y ∈ [-2, 2]. */
export function drawFit(
  canvas: HTMLCanvasElement,
  train: { x: Float32Array; y: Float32Array },
  validation: { x: Float32Array; y: Float32Array },
  curve: { x: Float32Array; y: Float32Array },
  truth: (x: number) => number,
  c: FitColors,
): void {
  const w = canvas.clientWidth || 420;
  const h = canvas.clientHeight || 300;
  const ctx = fitCanvas(canvas, w, h);
  if (!ctx) return;
  ctx.clearRect(0, 0, w, h);
  const toX = (x: number) => ((x + 1.1) / 2.2) * w;
  const toY = (y: number) => h / 2 - (y / 2) * (h / 2 - 6);
  ctx.strokeStyle = 'rgba(128,128,128,0.35)';
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(0, toY(0) + 0.5);
  ctx.lineTo(w, toY(0) + 0.5);
  ctx.moveTo(toX(0) + 0.5, 0);
  ctx.lineTo(toX(0) + 0.5, h);
  ctx.stroke();
  ctx.setLineDash([5, 4]);
  ctx.strokeStyle = c.truth;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  for (let i = 0; i <= 200; i++) {
    const x = -1.1 + (2.2 * i) / 200;
    if (i === 0) ctx.moveTo(toX(x), toY(truth(x)));
    else ctx.lineTo(toX(x), toY(truth(x)));
  }
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.fillStyle = c.validation;
  for (let i = 0; i < validation.x.length; i++) {
    ctx.beginPath();
    ctx.arc(toX(validation.x[i]), toY(validation.y[i]), 2.5, 0, 2 * Math.PI);
    ctx.fill();
  }
  ctx.strokeStyle = c.curve;
  ctx.lineWidth = 2.5;
  ctx.beginPath();
  for (let i = 0; i < curve.x.length; i++) {
    const y = Math.max(-3, Math.min(3, curve.y[i]));
    if (i === 0) ctx.moveTo(toX(curve.x[i]), toY(y));
    else ctx.lineTo(toX(curve.x[i]), toY(y));
  }
  ctx.stroke();
  ctx.fillStyle = c.train;
  ctx.strokeStyle = '#fff';
  ctx.lineWidth = 1.5;
  for (let i = 0; i < train.x.length; i++) {
    ctx.beginPath();
    ctx.arc(toX(train.x[i]), toY(train.y[i]), 5, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
  }
}

/** Training and validation loss per epoch on a log scale, with the best epoch marked. */
export function drawLosses(canvas: HTMLCanvasElement, train: number[], validation: number[], bestEpoch: number, c: FitColors): void {
  const w = canvas.clientWidth || 420;
  const h = canvas.clientHeight || 240;
  const ctx = fitCanvas(canvas, w, h);
  if (!ctx) return;
  ctx.clearRect(0, 0, w, h);
  const left = 44;
  const bottom = 22;
  const n = Math.max(2, train.length);
  const all = [...train, ...validation].filter((v) => v > 0 && Number.isFinite(v));
  const lo = Math.floor(Math.log10(Math.max(1e-6, Math.min(...all, 1))));
  const hi = Math.ceil(Math.log10(Math.max(...all, 1e-3)));
  const toX = (e: number) => left + (e / (n - 1)) * (w - left - 8);
  const toY = (v: number) => 6 + ((hi - Math.log10(Math.max(v, 10 ** lo))) / (hi - lo || 1)) * (h - bottom - 6);
  ctx.font = '11px system-ui, sans-serif';
  ctx.fillStyle = c.fg;
  ctx.strokeStyle = 'rgba(128,128,128,0.25)';
  ctx.textAlign = 'right';
  for (let k = lo; k <= hi; k++) {
    const y = toY(10 ** k);
    ctx.beginPath();
    ctx.moveTo(left, y);
    ctx.lineTo(w - 8, y);
    ctx.stroke();
    ctx.fillText(`1e${k}`, left - 4, y + 4);
  }
  ctx.textAlign = 'center';
  ctx.fillText(`epoch (0 … ${n - 1})`, (left + w) / 2, h - 5);
  const line = (values: number[], color: string, dash: number[]) => {
    ctx.strokeStyle = color;
    ctx.setLineDash(dash);
    ctx.lineWidth = 2;
    ctx.beginPath();
    const step = Math.max(1, Math.floor(values.length / 600));
    for (let e = 0; e < values.length; e += step) {
      if (e === 0) ctx.moveTo(toX(e), toY(values[e]));
      else ctx.lineTo(toX(e), toY(values[e]));
    }
    ctx.stroke();
    ctx.setLineDash([]);
  };
  line(train, c.train, []);
  line(validation, c.validation, [6, 4]);
  if (bestEpoch > 0 && bestEpoch < validation.length) {
    const x = toX(bestEpoch);
    ctx.strokeStyle = c.fg;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(x, 6);
    ctx.lineTo(x, h - bottom);
    ctx.stroke();
    ctx.beginPath();
    ctx.arc(x, toY(validation[bestEpoch]), 4, 0, 2 * Math.PI);
    ctx.fillStyle = c.validation;
    ctx.fill();
  }
}
