/**
 * Pure drawing for `<dl-metric-learning>`: plain arrays and colours in, pixels out; no widget state.
 * The embedding plot (the unit circle, or an orthographic view of the unit sphere), the
 * (s_n, s_p) plane with both decision boundaries, and digit thumbnails.
 */
import { fitCanvas } from '../_shared/canvas.ts';

/** Ten colours, one per digit class (Tableau 10: distinct, and readable on light and dark slides). */
/**
 * One colour per digit: Paul Tol's "muted" scheme (10 colours that stay apart for protan, deutan
 * and tritan vision; tests/unit/palette.test.ts). Filled points get a thin outline in the text
 * colour, so the palest and the darkest stay visible on either theme.
 */
export const DIGIT_COLOURS = ['#332288', '#88ccee', '#44aa99', '#117733', '#999933', '#ddcc77', '#cc6677', '#882255', '#aa4499', '#dddddd'] as const;

/** Colours the pictures use besides the digit classes. */
export interface MetricColours {
  /** Axes, rings and text. */
  muted: string;
  /** Foreground (boundaries, the selected digit). */
  fg: string;
  /** Easy triplets / pairs. */
  easy: string;
  /** Semi-hard ones. */
  semiHard: string;
  /** Hard ones. */
  hard: string;
  /** Circle-loss boundary. */
  circle: string;
}

/** What the embedding plot needs (a subset of the engine's MetricDisplay). */
export interface EmbeddingPoints {
  points: Float32Array;
  labels: Uint8Array;
  heldOut: Uint8Array;
  count: number;
  dim: number;
}

/** Fraction of the half-size the unit circle takes in the plot. */
const OUTER = 0.92;
/** Rings of the circle view: class c is drawn at radius (INNER + c·RING)·R, so overlapping classes stay visible. */
const INNER = 0.6;
const RING = 0.034;

/**
 * Where display point i lands on a `size`-pixel square plot. dim 2: the angle of the embedding on
 * the unit circle, on its class's ring. dim ≥ 3: an orthographic view of the first three
 * coordinates, turned by `yaw` about the vertical axis and tilted 20° towards the viewer; `front`
 * is false for points on the far hemisphere.
 */
export function projectPoint(d: EmbeddingPoints, i: number, size: number, yaw = 0): { x: number; y: number; front: boolean } {
  const c = size / 2;
  const R = c * OUTER;
  const px = d.points[i * d.dim];
  const py = d.points[i * d.dim + 1];
  if (d.dim === 2) {
    const a = Math.atan2(py, px);
    const r = R * (INNER + RING * d.labels[i]);
    return { x: c + r * Math.cos(a), y: c - r * Math.sin(a), front: true };
  }
  const pz = d.points[i * d.dim + 2];
  const x1 = px * Math.cos(yaw) + pz * Math.sin(yaw);
  const z1 = -px * Math.sin(yaw) + pz * Math.cos(yaw);
  const tilt = (20 * Math.PI) / 180;
  const y2 = py * Math.cos(tilt) - z1 * Math.sin(tilt);
  const z2 = py * Math.sin(tilt) + z1 * Math.cos(tilt);
  return { x: c + R * x1, y: c - R * y2, front: z2 >= 0 };
}

/** The display point nearest to (x, y) within `radius` pixels (front points only), or −1. */
export function pickPoint(d: EmbeddingPoints, x: number, y: number, size: number, yaw = 0, radius = 10): number {
  let best = -1;
  let bestD = radius * radius;
  for (let i = 0; i < d.count; i++) {
    const p = projectPoint(d, i, size, yaw);
    if (!p.front) continue;
    const dd = (p.x - x) ** 2 + (p.y - y) ** 2;
    if (dd <= bestD) {
      bestD = dd;
      best = i;
    }
  }
  return best;
}

/**
 * The embedding: training classes as dots, held-out classes as rings with a dark centre, the
 * selected digit enlarged with lines to its nearest neighbours.
 */
export function drawEmbedding(canvas: HTMLCanvasElement, size: number, d: EmbeddingPoints | null, selected: number, neighbours: ArrayLike<number>, yaw: number, c: MetricColours): void {
  const ctx = fitCanvas(canvas, size, size);
  if (!ctx) return;
  ctx.clearRect(0, 0, size, size);
  const mid = size / 2;
  const R = mid * OUTER;
  ctx.strokeStyle = c.muted;
  ctx.globalAlpha = 0.6;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.arc(mid, mid, R, 0, 2 * Math.PI);
  ctx.stroke();
  ctx.globalAlpha = 1;
  if (!d) return;
  if (d.dim === 2) {
    ctx.globalAlpha = 0.15;
    for (let k = 0; k < 10; k++) {
      ctx.beginPath();
      ctx.arc(mid, mid, R * (INNER + RING * k), 0, 2 * Math.PI);
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
  }
  const order = Array.from({ length: d.count }, (_, i) => i);
  const proj = order.map((i) => projectPoint(d, i, size, yaw));
  // Far hemisphere first and faint, held-out classes last so they stay on top.
  order.sort((a, b) => Number(proj[a].front) - Number(proj[b].front) || d.heldOut[a] - d.heldOut[b]);
  for (const i of order) {
    const p = proj[i];
    const colour = DIGIT_COLOURS[d.labels[i] % 10];
    ctx.globalAlpha = p.front ? 0.9 : 0.18;
    if (d.heldOut[i]) {
      ctx.strokeStyle = colour;
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.arc(p.x, p.y, 4.2, 0, 2 * Math.PI);
      ctx.stroke();
    } else {
      ctx.fillStyle = colour;
      ctx.strokeStyle = c.fg;
      ctx.lineWidth = 0.6;
      ctx.beginPath();
      ctx.arc(p.x, p.y, 3.2, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
    }
  }
  ctx.globalAlpha = 1;
  if (selected >= 0 && selected < d.count) {
    const s = proj[selected];
    ctx.lineWidth = 1.5;
    for (let k = 0; k < neighbours.length; k++) {
      const n = proj[neighbours[k]];
      ctx.strokeStyle = d.labels[neighbours[k]] === d.labels[selected] ? c.easy : c.hard;
      ctx.beginPath();
      ctx.moveTo(s.x, s.y);
      ctx.lineTo(n.x, n.y);
      ctx.stroke();
    }
    ctx.strokeStyle = c.fg;
    ctx.lineWidth = 2.5;
    ctx.beginPath();
    ctx.arc(s.x, s.y, 7, 0, 2 * Math.PI);
    ctx.stroke();
  }
}

/** How a triplet with anchor similarities (s_n, s_p) is classed (unit vectors: d = √(2 − 2s)). */
export function pairKind(sn: number, sp: number, margin: number): 'easy' | 'semiHard' | 'hard' {
  const dn = Math.sqrt(Math.max(0, 2 - 2 * sn));
  const dp = Math.sqrt(Math.max(0, 2 - 2 * sp));
  if (dn >= dp + margin) return 'easy';
  return dn > dp ? 'semiHard' : 'hard';
}

/**
 * The (s_n, s_p) plane, both axes from −1 to 1: the batch's pairs coloured easy / semi-hard /
 * hard, the triplet decision curve d(a,n) = d(a,p) + m, and the circle-loss boundary
 * s_n² + (s_p − 1)² = 2m² (solid for the loss being trained, dashed for the other).
 */
export function drawPairPlane(
  canvas: HTMLCanvasElement,
  size: number,
  pairs: Float32Array | null,
  margin: number,
  circleActive: boolean,
  tripletBoundary: (sn: number) => number,
  c: MetricColours,
): void {
  const ctx = fitCanvas(canvas, size, size);
  if (!ctx) return;
  ctx.clearRect(0, 0, size, size);
  const pad = 30;
  const span = size - pad - 8;
  const X = (sn: number) => pad + ((sn + 1) / 2) * span;
  const Y = (sp: number) => 8 + ((1 - sp) / 2) * span;
  ctx.strokeStyle = c.muted;
  ctx.fillStyle = c.muted;
  ctx.lineWidth = 1;
  ctx.globalAlpha = 0.5;
  ctx.strokeRect(X(-1), Y(1), span, span);
  ctx.beginPath();
  ctx.moveTo(X(0), Y(-1));
  ctx.lineTo(X(0), Y(1));
  ctx.moveTo(X(-1), Y(0));
  ctx.lineTo(X(1), Y(0));
  // s_n = s_p: on and below it the negative is at least as close as the positive (hard).
  ctx.setLineDash([2, 3]);
  ctx.moveTo(X(-1), Y(-1));
  ctx.lineTo(X(1), Y(1));
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.globalAlpha = 1;
  ctx.font = '11px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.fillText('sₙ: anchor · negative', X(0), size - 2);
  for (const v of [-1, 0, 1]) {
    ctx.fillText(String(v), X(v), Y(-1) + 12);
  }
  ctx.save();
  ctx.translate(10, Y(0));
  ctx.rotate(-Math.PI / 2);
  ctx.fillText('sₚ: anchor · positive', 0, 0);
  ctx.restore();
  ctx.textAlign = 'right';
  for (const v of [-1, 1]) ctx.fillText(String(v), pad - 4, Y(v) + 4);
  if (pairs) {
    ctx.globalAlpha = 0.55;
    for (let i = 0; i + 1 < pairs.length; i += 2) {
      const kind = pairKind(pairs[i], pairs[i + 1], margin);
      ctx.fillStyle = kind === 'easy' ? c.easy : kind === 'semiHard' ? c.semiHard : c.hard;
      ctx.fillRect(X(pairs[i]) - 1.5, Y(pairs[i + 1]) - 1.5, 3, 3);
    }
    ctx.globalAlpha = 1;
  }
  // Triplet boundary: a curve of slope ≈ 1 (exactly a line if distances were squared).
  ctx.save();
  ctx.beginPath();
  ctx.rect(X(-1), Y(1), span, span);
  ctx.clip();
  ctx.strokeStyle = c.fg;
  ctx.lineWidth = circleActive ? 1 : 2;
  ctx.setLineDash(circleActive ? [5, 4] : []);
  ctx.beginPath();
  let started = false;
  for (let k = 0; k <= 100; k++) {
    const sn = -1 + (2 * k) / 100;
    const sp = tripletBoundary(sn);
    if (!Number.isFinite(sp)) continue;
    if (started) ctx.lineTo(X(sn), Y(sp));
    else ctx.moveTo(X(sn), Y(sp));
    started = true;
  }
  ctx.stroke();
  ctx.strokeStyle = c.circle;
  ctx.lineWidth = circleActive ? 2 : 1;
  ctx.setLineDash(circleActive ? [] : [5, 4]);
  ctx.beginPath();
  ctx.arc(X(0), Y(1), (Math.SQRT2 * margin * span) / 2, 0, 2 * Math.PI);
  ctx.stroke();
  ctx.restore();
  ctx.setLineDash([]);
  ctx.fillStyle = c.fg;
  ctx.textAlign = 'left';
  ctx.fillText('goal (0, 1)', X(0) + 4, Y(1) + 12);
}

/** One digit (28 × 28 grey levels at `offset` in `images`) as a `side`-pixel thumbnail with a coloured frame. */
export function drawDigit(canvas: HTMLCanvasElement, images: Float32Array, index: number, side: number, frame: string): void {
  const ctx = fitCanvas(canvas, side, side);
  if (!ctx) return;
  const img = new ImageData(28, 28);
  for (let p = 0; p < 784; p++) {
    const v = 255 - Math.round(255 * images[index * 784 + p]);
    img.data[4 * p] = v;
    img.data[4 * p + 1] = v;
    img.data[4 * p + 2] = v;
    img.data[4 * p + 3] = 255;
  }
  const tmp = new OffscreenCanvas(28, 28);
  tmp.getContext('2d')?.putImageData(img, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.clearRect(0, 0, side, side);
  ctx.drawImage(tmp, 2, 2, side - 4, side - 4);
  ctx.strokeStyle = frame;
  ctx.lineWidth = 3;
  ctx.strokeRect(1.5, 1.5, side - 3, side - 3);
}
