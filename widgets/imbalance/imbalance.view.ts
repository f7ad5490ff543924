/**
 * Pure drawing for `<dl-imbalance>`: plain arrays and colours in, pixels out; no widget state.
 */
import { fitCanvas } from '../_shared/canvas.ts';
import { mix, parseHex } from '../_shared/palette.ts';

/** Colours the pictures use (CSS colour strings; hex for the ones mixed per pixel). */
export interface ImbalanceColours {
  /** Majority class (hex). */
  majority: string;
  /** Minority class (hex). */
  minority: string;
  /** Background of the map (hex). */
  surface: string;
  /** Axes and text. */
  muted: string;
  /** Curves. */
  fg: string;
}

/**
 * The plane: each grid cell tinted towards the minority colour where the model flags it (p ≥
 * threshold) and towards the majority colour elsewhere, lighter where it is unsure; then the
 * training points, majority small, minority larger with a dark rim; SMOTE's points hollow.
 */
export function drawMap(
  canvas: HTMLCanvasElement,
  size: number,
  grid: Float32Array | null,
  gridSize: number,
  points: { x: Float32Array; y: Float32Array; synthetic: Uint8Array; n: number },
  threshold: number,
  extent: number,
  c: ImbalanceColours,
): void {
  const ctx = fitCanvas(canvas, size, size);
  if (!ctx) return;
  const surface = parseHex(c.surface);
  const pos = parseHex(c.minority);
  const neg = parseHex(c.majority);
  ctx.clearRect(0, 0, size, size);
  if (grid) {
    const cell = size / gridSize;
    for (let r = 0; r < gridSize; r++) {
      for (let col = 0; col < gridSize; col++) {
        const p = grid[r * gridSize + col];
        const flagged = p >= threshold;
        // Confidence relative to the threshold: 0 at the boundary, 1 at p = 0 or 1.
        const conf = flagged ? (p - threshold) / Math.max(1e-6, 1 - threshold) : (threshold - p) / Math.max(1e-6, threshold);
        const [R, G, B] = mix(surface, flagged ? pos : neg, 0.18 + 0.4 * Math.min(1, conf));
        ctx.fillStyle = `rgb(${R | 0},${G | 0},${B | 0})`;
        ctx.fillRect(col * cell, r * cell, Math.ceil(cell), Math.ceil(cell));
      }
    }
  }
  const toPx = (v: number) => ((v + extent) / (2 * extent)) * size;
  // Majority first (small), then the minority on top so the few points stay visible.
  ctx.fillStyle = c.majority;
  ctx.globalAlpha = 0.55;
  for (let i = 0; i < points.n; i++) {
    if (points.y[i] === 1) continue;
    ctx.fillRect(toPx(points.x[2 * i]) - 1, size - toPx(points.x[2 * i + 1]) - 1, 2.2, 2.2);
  }
  ctx.globalAlpha = 1;
  ctx.lineWidth = 1;
  for (let i = 0; i < points.n; i++) {
    if (points.y[i] !== 1) continue;
    ctx.beginPath();
    ctx.arc(toPx(points.x[2 * i]), size - toPx(points.x[2 * i + 1]), points.synthetic[i] ? 2.2 : 3, 0, 2 * Math.PI);
    if (points.synthetic[i]) {
      ctx.strokeStyle = c.minority;
      ctx.stroke();
    } else {
      ctx.fillStyle = c.minority;
      ctx.fill();
      ctx.strokeStyle = c.fg;
      ctx.stroke();
    }
  }
}

/**
 * A curve in the unit square (ROC or precision–recall) with a reference line (`diagonal`: the
 * ROC of a coin; or a horizontal line at `baseline`: the PR curve of a coin, the minority's share),
 * the current threshold's point marked, axis labels and the area in the corner.
 */
export function drawCurve(
  canvas: HTMLCanvasElement,
  width: number,
  height: number,
  xs: Float32Array | null,
  ys: Float32Array | null,
  marker: [number, number] | null,
  labels: { x: string; y: string; area: string },
  reference: { diagonal: true } | { baseline: number },
  c: ImbalanceColours,
): void {
  const ctx = fitCanvas(canvas, width, height);
  if (!ctx) return;
  ctx.clearRect(0, 0, width, height);
  const left = 34;
  const bottom = height - 26;
  const top = 8;
  const right = width - 8;
  const X = (v: number) => left + v * (right - left);
  const Y = (v: number) => bottom - v * (bottom - top);
  ctx.strokeStyle = c.muted;
  ctx.lineWidth = 1;
  ctx.strokeRect(X(0), Y(1), X(1) - X(0), Y(0) - Y(1));
  ctx.font = '11px system-ui, sans-serif';
  ctx.fillStyle = c.muted;
  ctx.textAlign = 'center';
  for (const t of [0, 0.5, 1]) {
    ctx.fillText(String(t), X(t), bottom + 12);
    ctx.textAlign = 'right';
    ctx.fillText(String(t), left - 4, Y(t) + 4);
    ctx.textAlign = 'center';
  }
  ctx.fillText(labels.x, (left + right) / 2, height - 2);
  ctx.save();
  ctx.translate(10, (top + bottom) / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.fillText(labels.y, 0, 0);
  ctx.restore();
  ctx.setLineDash([4, 4]);
  ctx.beginPath();
  if ('diagonal' in reference) {
    ctx.moveTo(X(0), Y(0));
    ctx.lineTo(X(1), Y(1));
  } else {
    ctx.moveTo(X(0), Y(reference.baseline));
    ctx.lineTo(X(1), Y(reference.baseline));
  }
  ctx.stroke();
  ctx.setLineDash([]);
  if (xs && ys && xs.length > 1) {
    ctx.strokeStyle = c.fg;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(X(xs[0]), Y(ys[0]));
    for (let i = 1; i < xs.length; i++) ctx.lineTo(X(xs[i]), Y(ys[i]));
    ctx.stroke();
  }
  if (marker) {
    ctx.fillStyle = c.minority;
    ctx.strokeStyle = c.fg;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.arc(X(marker[0]), Y(marker[1]), 5, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
  }
  ctx.fillStyle = c.fg;
  ctx.textAlign = 'right';
  ctx.font = '600 12px system-ui, sans-serif';
  ctx.fillText(labels.area, right - 6, 'diagonal' in reference ? bottom - 8 : top + 16);
}
