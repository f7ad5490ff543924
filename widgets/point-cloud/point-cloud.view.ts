/**
 * Pure drawing for `<dl-point-cloud>`: a point cloud seen by an orbiting camera, and the class
 * probabilities as bars. Plain data in, pixels out; no widget state.
 */
import { fitCanvas } from '../_shared/canvas.ts';

/** What one picture of a cloud needs. */
export interface CloudPicture {
  /** xyz interleaved, inside the unit ball. */
  points: ArrayLike<number>;
  /** Number of points. */
  count: number;
  /** 1 for a critical point (drawn large, in `critical` colour). */
  critical: Uint8Array | null;
  /** 1 for a point the network does not see (drawn as a faint ring). */
  dropped: Uint8Array | null;
  /** Camera angle about the vertical axis, radians. */
  yaw: number;
  /** Camera elevation, radians (positive looks down on the shape). */
  pitch: number;
}

/** Colours of the cloud picture. */
export interface CloudColours {
  point: string;
  critical: string;
  muted: string;
}

/** Screen position (CSS px) and depth of every point for a camera; larger depth is nearer. */
export function projectCloud(p: CloudPicture, size: number): { x: Float32Array; y: Float32Array; depth: Float32Array } {
  const x = new Float32Array(p.count);
  const y = new Float32Array(p.count);
  const depth = new Float32Array(p.count);
  const [cy, sy, cp, sp] = [Math.cos(p.yaw), Math.sin(p.yaw), Math.cos(p.pitch), Math.sin(p.pitch)];
  const half = size / 2;
  const scale = size * 0.34;
  for (let i = 0; i < p.count; i++) {
    const px = p.points[3 * i];
    const py = p.points[3 * i + 1];
    const pz = p.points[3 * i + 2];
    // Turn the world about y by the yaw, then tilt it about x by the pitch.
    const x1 = cy * px + sy * pz;
    const z1 = -sy * px + cy * pz;
    const y2 = cp * py - sp * z1;
    const z2 = sp * py + cp * z1;
    const persp = 3 / (3 - z2); // a mild perspective: near points spread a little
    x[i] = half + x1 * scale * persp;
    y[i] = half - y2 * scale * persp;
    depth[i] = z2;
  }
  return { x, y, depth };
}

/** Draw the cloud far to near, with a faint ground ring for orientation. */
export function drawCloud(canvas: HTMLCanvasElement, size: number, p: CloudPicture, colours: CloudColours): void {
  const ctx = fitCanvas(canvas, size, size);
  if (!ctx) return;
  ctx.clearRect(0, 0, size, size);
  // The "floor": a circle of radius 1 at y = −1, projected with the same camera.
  const ring = new Float32Array(3 * 49);
  for (let k = 0; k <= 48; k++) {
    const a = (k / 48) * 2 * Math.PI;
    ring.set([Math.cos(a), -1, Math.sin(a)], 3 * k);
  }
  const floor = projectCloud({ ...p, points: ring, count: 49 }, size);
  ctx.strokeStyle = colours.muted;
  ctx.globalAlpha = 0.25;
  ctx.beginPath();
  for (let k = 0; k <= 48; k++) (k === 0 ? ctx.moveTo : ctx.lineTo).call(ctx, floor.x[k], floor.y[k]);
  ctx.stroke();
  const { x, y, depth } = projectCloud(p, size);
  const order = Array.from({ length: p.count }, (_, i) => i).sort((a, b) => depth[a] - depth[b]);
  for (const i of order) {
    const near = (depth[i] + 1) / 2; // 0 far … 1 near
    const isCritical = p.critical?.[i] === 1;
    const isDropped = p.dropped?.[i] === 1;
    const r = (isCritical ? 4.2 : 2.6) * (0.75 + 0.5 * near);
    ctx.beginPath();
    ctx.arc(x[i], y[i], r, 0, 2 * Math.PI);
    if (isDropped) {
      ctx.globalAlpha = 0.25;
      ctx.strokeStyle = colours.muted;
      ctx.stroke();
      continue;
    }
    ctx.globalAlpha = 0.35 + 0.65 * near;
    ctx.fillStyle = isCritical ? colours.critical : colours.point;
    ctx.fill();
  }
  ctx.globalAlpha = 1;
}

/** Horizontal probability bars, one per class; the true class's name is bold. */
export function drawBars(canvas: HTMLCanvasElement, width: number, names: readonly string[], probabilities: ArrayLike<number>, truth: number, colours: { bar: string; best: string; text: string; track: string }): void {
  const row = 26;
  const height = row * names.length;
  const ctx = fitCanvas(canvas, width, height);
  if (!ctx) return;
  ctx.clearRect(0, 0, width, height);
  const label = 78;
  const right = 50;
  let best = 0;
  for (let c = 1; c < names.length; c++) if (probabilities[c] > probabilities[best]) best = c;
  ctx.font = '14px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  names.forEach((name, c) => {
    const top = c * row + 4;
    const w = Math.max(0, Math.min(1, probabilities[c])) * (width - label - right);
    ctx.fillStyle = colours.track;
    ctx.fillRect(label, top, width - label - right, row - 8);
    ctx.fillStyle = c === best ? colours.best : colours.bar;
    ctx.fillRect(label, top, w, row - 8);
    ctx.fillStyle = colours.text;
    ctx.font = `${c === truth ? '600 ' : ''}14px system-ui, sans-serif`;
    ctx.textAlign = 'left';
    ctx.fillText(name, 0, top + (row - 8) / 2);
    ctx.textAlign = 'right';
    ctx.fillText(`${Math.round(probabilities[c] * 100)} %`, width, top + (row - 8) / 2);
  });
}
