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

/** The training points of a map, as {@link drawMap} takes them. */
export interface MapPoints {
  x: Float32Array;
  y: Float32Array;
  synthetic: Uint8Array;
  n: number;
}

/**
 * What a map canvas keeps between frames: the grid's small bitmap, and the training points drawn
 * once (they change only when the widget rebuilds, so a frame copies one image instead of
 * drawing a few thousand points again).
 */
interface MapLayers {
  cells: HTMLCanvasElement;
  points: HTMLCanvasElement;
  pointsKey: unknown[];
}

const layers = new WeakMap<HTMLCanvasElement, MapLayers>();

function layersOf(canvas: HTMLCanvasElement): MapLayers {
  let l = layers.get(canvas);
  if (!l) {
    l = { cells: document.createElement('canvas'), points: document.createElement('canvas'), pointsKey: [] };
    layers.set(canvas, l);
  }
  return l;
}

/** Majority first (small), then the minority on top so the few points stay visible; SMOTE's hollow. */
function drawPoints(ctx: CanvasRenderingContext2D, size: number, points: MapPoints, extent: number, c: ImbalanceColours): void {
  const toPx = (v: number) => ((v + extent) / (2 * extent)) * size;
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
 * The plane: each grid cell tinted towards the minority colour where the model flags it (p ≥
 * threshold) and towards the majority colour elsewhere, lighter where it is unsure; then the
 * training points, majority small, minority larger with a dark rim; SMOTE's points hollow.
 * The cells are one ImageData write scaled up without smoothing; the points are drawn once per
 * set of points, size and colours and copied on later frames.
 */
export function drawMap(
  canvas: HTMLCanvasElement,
  size: number,
  grid: Float32Array | null,
  gridSize: number,
  points: MapPoints,
  threshold: number,
  extent: number,
  c: ImbalanceColours,
): void {
  const ctx = fitCanvas(canvas, size, size);
  if (!ctx) return;
  const l = layersOf(canvas);
  ctx.clearRect(0, 0, size, size);
  if (grid) {
    const surface = parseHex(c.surface);
    const pos = parseHex(c.minority);
    const neg = parseHex(c.majority);
    if (l.cells.width !== gridSize) l.cells.width = gridSize;
    if (l.cells.height !== gridSize) l.cells.height = gridSize;
    const cctx = l.cells.getContext('2d');
    if (cctx) {
      const img = cctx.createImageData(gridSize, gridSize);
      const px = img.data;
      for (let i = 0; i < gridSize * gridSize; i++) {
        const p = grid[i];
        const flagged = p >= threshold;
        // Confidence relative to the threshold: 0 at the boundary, 1 at p = 0 or 1.
        const conf = flagged ? (p - threshold) / Math.max(1e-6, 1 - threshold) : (threshold - p) / Math.max(1e-6, threshold);
        const [R, G, B] = mix(surface, flagged ? pos : neg, 0.18 + 0.4 * Math.min(1, conf));
        px[4 * i] = R;
        px[4 * i + 1] = G;
        px[4 * i + 2] = B;
        px[4 * i + 3] = 255;
      }
      cctx.putImageData(img, 0, 0);
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(l.cells, 0, 0, size, size);
      ctx.imageSmoothingEnabled = true;
    }
  }
  const w = canvas.width;
  const key = [points, w, size, c.majority, c.minority, c.fg, extent];
  if (key.some((v, i) => v !== l.pointsKey[i])) {
    l.points.width = w;
    l.points.height = w;
    const pctx = l.points.getContext('2d');
    if (!pctx) return;
    pctx.setTransform(w / size, 0, 0, w / size, 0, 0);
    drawPoints(pctx, size, points, extent, c);
    l.pointsKey = key;
  }
  ctx.drawImage(l.points, 0, 0, size, size);
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
    // Thousands of curve points on a few hundred pixels: skip a point less than half a pixel from
    // the last one drawn (the last point is always drawn), which the eye cannot tell apart.
    let px = X(xs[0]);
    let py = Y(ys[0]);
    ctx.moveTo(px, py);
    const last = xs.length - 1;
    for (let i = 1; i <= last; i++) {
      const qx = X(xs[i]);
      const qy = Y(ys[i]);
      if (i < last && Math.abs(qx - px) < 0.5 && Math.abs(qy - py) < 0.5) continue;
      ctx.lineTo(qx, qy);
      px = qx;
      py = qy;
    }
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
