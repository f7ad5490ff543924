/** Pure drawing for `<dl-alignment>`: plain data and colours in, pixels out. */

/** One answer's row of bars. */
export interface AnswerRow {
  /** A few words naming the answer. */
  label: string;
  /** π(answer). */
  p: number;
  /** π_ref(answer). */
  ref: number;
  /** r_φ(answer). */
  rm: number;
  /** The hidden score (0–10). */
  hidden: number;
}

/** Colours of the bars. */
export interface BarColors {
  fg: string;
  muted: string;
  policy: string;
  reference: string;
  grid: string;
}

/** Left margin for the labels, and the right margin for r_φ and the hidden score. */
const LABEL_W = 150;
const VALUES_W = 92;

/**
 * π (filled) and π_ref (outlined, behind) per answer, on a shared 0–1 axis, with the answer's
 * label on the left and r_φ and the hidden score on the right. `highlight` rows (the pair being
 * compared) get a marker.
 */
export function drawPolicyBars(ctx: CanvasRenderingContext2D, w: number, h: number, rows: readonly AnswerRow[], colors: BarColors, highlight: readonly number[] = []): void {
  ctx.clearRect(0, 0, w, h);
  if (!rows.length) return;
  const top = 18;
  const rowH = (h - top) / rows.length;
  const x0 = LABEL_W;
  const x1 = Math.max(x0 + 20, w - VALUES_W - 34); // room for π's number after a full bar
  const scale = (v: number) => x0 + Math.max(0, Math.min(1, v)) * (x1 - x0);
  ctx.font = '12px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  // Axis ticks at 0, 0.5, 1 and the column headings.
  ctx.fillStyle = colors.muted;
  ctx.textAlign = 'center';
  for (const t of [0, 0.5, 1]) {
    ctx.fillText(String(t), scale(t), 8);
    ctx.fillStyle = colors.grid;
    ctx.fillRect(Math.round(scale(t)), top, 1, h - top);
    ctx.fillStyle = colors.muted;
  }
  ctx.textAlign = 'right';
  ctx.fillText('r_φ   true', w - 4, 8);
  rows.forEach((row, i) => {
    const y = top + i * rowH;
    const mid = y + rowH / 2;
    const barH = Math.max(4, rowH * 0.34);
    ctx.textAlign = 'left';
    ctx.fillStyle = colors.fg;
    ctx.fillText((highlight.includes(i) ? '▸ ' : '') + row.label, 2, mid, LABEL_W - 6);
    // π_ref: an outlined bar just above the middle; π: a filled bar just below.
    ctx.strokeStyle = colors.reference;
    ctx.lineWidth = 1.5;
    ctx.strokeRect(x0 + 0.75, mid - barH - 1 + 0.75, Math.max(0, scale(row.ref) - x0 - 1.5), barH - 1.5);
    ctx.fillStyle = colors.policy;
    ctx.fillRect(x0, mid + 1, Math.max(1, scale(row.p) - x0), barH);
    ctx.fillStyle = colors.fg;
    ctx.textAlign = 'left';
    const pText = row.p >= 0.995 ? '1.00' : row.p.toFixed(2);
    ctx.fillText(pText, scale(row.p) + 4, mid + 1 + barH / 2);
    ctx.textAlign = 'right';
    ctx.fillText(formatReward(row.rm), w - 40, mid);
    ctx.fillStyle = colors.muted;
    ctx.fillText(String(row.hidden), w - 4, mid);
  });
}

/** r_φ with a sign and one decimal ("+3.1", "−0.4"). */
export function formatReward(v: number): string {
  if (!Number.isFinite(v)) return '–';
  const s = Math.abs(v).toFixed(1);
  return v < -0.05 ? `−${s}` : `+${s}`;
}

/** One point of the training curve. */
export interface CurvePoint {
  kl: number;
  rm: number;
  hidden: number;
}

/** Colours of the curve chart. */
export interface CurveColors {
  fg: string;
  muted: string;
  rm: string;
  hidden: string;
  budget: string;
  grid: string;
}

/** "Nice" tick step for a range. */
function tickStep(range: number, count: number): number {
  const raw = range / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const n = raw / mag;
  return (n < 1.5 ? 1 : n < 3 ? 2 : n < 7 ? 5 : 10) * mag;
}

/**
 * Reward against KL(π‖π_ref) over training: E_π[r_φ] (what the optimiser sees) and the mean
 * hidden score (what people would say), one point per step, with the KL budget as a dashed
 * vertical line. Axes grow to fit the points (x at least to 1.2 × the budget).
 */
export function drawRewardVsKl(ctx: CanvasRenderingContext2D, w: number, h: number, points: readonly CurvePoint[], budget: number, colors: CurveColors): void {
  ctx.clearRect(0, 0, w, h);
  const left = 38;
  const right = 8;
  const top = 22;
  const bottom = 30;
  let xMax = budget * 1.2;
  let yMin = 0;
  let yMax = 8;
  for (const p of points) {
    xMax = Math.max(xMax, p.kl * 1.05);
    yMin = Math.min(yMin, p.rm, p.hidden);
    yMax = Math.max(yMax, p.rm, p.hidden);
  }
  const sx = (v: number) => left + (v / xMax) * (w - left - right);
  const sy = (v: number) => h - bottom - ((v - yMin) / (yMax - yMin)) * (h - top - bottom);
  ctx.font = '11px system-ui, sans-serif';
  ctx.lineWidth = 1;
  ctx.fillStyle = colors.muted;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'right';
  const ys = tickStep(yMax - yMin, 4);
  for (let v = Math.ceil(yMin / ys) * ys; v <= yMax + 1e-9; v += ys) {
    ctx.fillStyle = colors.grid;
    ctx.fillRect(left, Math.round(sy(v)), w - left - right, 1);
    ctx.fillStyle = colors.muted;
    ctx.fillText(String(+v.toFixed(2)), left - 4, sy(v));
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  const xs = tickStep(xMax, 5);
  for (let v = 0; v <= xMax + 1e-9; v += xs) ctx.fillText(String(+v.toFixed(2)), sx(v), h - bottom + 3);
  ctx.fillText('KL(π ‖ π_ref), nats', left + (w - left - right) / 2, h - 14);
  // The budget.
  ctx.strokeStyle = colors.budget;
  ctx.setLineDash([5, 4]);
  ctx.beginPath();
  ctx.moveTo(sx(budget), top);
  ctx.lineTo(sx(budget), h - bottom);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.fillStyle = colors.fg;
  ctx.textAlign = sx(budget) > w - 90 ? 'right' : 'left';
  ctx.textBaseline = 'top';
  ctx.fillText(`KL budget ${budget}`, sx(budget) + (ctx.textAlign === 'right' ? -4 : 4), top);
  // The two curves, each ending in a dot.
  const line = (key: 'rm' | 'hidden', color: string, dashed: boolean) => {
    if (!points.length) return;
    ctx.strokeStyle = color;
    ctx.fillStyle = color;
    ctx.lineWidth = 2;
    ctx.setLineDash(dashed ? [6, 3] : []);
    ctx.beginPath();
    points.forEach((p, i) => (i ? ctx.lineTo(sx(p.kl), sy(p[key])) : ctx.moveTo(sx(p.kl), sy(p[key]))));
    ctx.stroke();
    ctx.setLineDash([]);
    const last = points[points.length - 1];
    ctx.beginPath();
    ctx.arc(sx(last.kl), sy(last[key]), 3.5, 0, 2 * Math.PI);
    ctx.fill();
  };
  line('rm', colors.rm, false);
  line('hidden', colors.hidden, true);
  // Legend.
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  const legend: [string, string, boolean][] = [
    ['E_π[r_φ] (reward model)', colors.rm, false],
    ['E_π[true score] (people)', colors.hidden, true],
  ];
  let x = left + 4;
  for (const [label, color, dashed] of legend) {
    ctx.strokeStyle = color;
    ctx.lineWidth = 2;
    ctx.setLineDash(dashed ? [6, 3] : []);
    ctx.beginPath();
    ctx.moveTo(x, 8);
    ctx.lineTo(x + 18, 8);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = colors.fg;
    ctx.fillText(label, x + 22, 8);
    x += 26 + ctx.measureText(label).width + 12;
  }
}
