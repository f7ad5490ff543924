/**
 * Pure drawing for `<dl-layer-compress>`: a grid of small kernels on a shared diverging scale.
 */
import { fitCanvas } from '../_shared/canvas.ts';
import { mix, parseHex } from '../_shared/palette.ts';

/**
 * `count` kernels of `side × side` weights (row-major, one after another) in a row-wrapped grid,
 * negative weights towards `neg`, positive towards `pos`, scaled by `scale` (the largest |w| of
 * the original, so a compressed layer is drawn on the original's scale).
 */
export function drawKernels(canvas: HTMLCanvasElement, width: number, weights: Float32Array, count: number, side: number, scale: number, colours: { neg: string; mid: string; pos: string; border: string }): void {
  const perRow = count <= 8 ? Math.min(count, 4) : 8;
  const rows = Math.ceil(count / perRow);
  const gap = 4;
  const cell = Math.floor((width - gap * (perRow - 1)) / perRow);
  const height = rows * cell + gap * (rows - 1);
  const ctx = fitCanvas(canvas, width, height);
  if (!ctx) return;
  ctx.clearRect(0, 0, width, height);
  const neg = parseHex(colours.neg);
  const mid = parseHex(colours.mid);
  const pos = parseHex(colours.pos);
  const px = cell / side;
  for (let k = 0; k < count; k++) {
    const x0 = (k % perRow) * (cell + gap);
    const y0 = Math.floor(k / perRow) * (cell + gap);
    for (let i = 0; i < side; i++) {
      for (let j = 0; j < side; j++) {
        const v = Math.max(-1, Math.min(1, weights[(k * side + i) * side + j] / (scale || 1)));
        const [r, g, b] = v < 0 ? mix(mid, neg, -v) : mix(mid, pos, v);
        ctx.fillStyle = `rgb(${r | 0},${g | 0},${b | 0})`;
        ctx.fillRect(x0 + j * px, y0 + i * px, Math.ceil(px), Math.ceil(px));
      }
    }
    ctx.strokeStyle = colours.border;
    ctx.lineWidth = 1;
    ctx.strokeRect(x0 + 0.5, y0 + 0.5, cell - 1, cell - 1);
  }
}
