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
  // Every weight is one pixel of a small bitmap (kernels side by side); each kernel is then
  // scaled into its cell without smoothing: a few image copies a frame instead of one
  // rectangle per weight.
  const small = smallCanvas(canvas, count * side, side);
  const sctx = small.getContext('2d');
  if (!sctx) return;
  const img = sctx.createImageData(count * side, side);
  const data = img.data;
  for (let k = 0; k < count; k++) {
    for (let i = 0; i < side; i++) {
      for (let j = 0; j < side; j++) {
        const v = Math.max(-1, Math.min(1, weights[(k * side + i) * side + j] / (scale || 1)));
        const [r, g, b] = v < 0 ? mix(mid, neg, -v) : mix(mid, pos, v);
        const o = 4 * (i * count * side + k * side + j);
        data[o] = r;
        data[o + 1] = g;
        data[o + 2] = b;
        data[o + 3] = 255;
      }
    }
  }
  sctx.putImageData(img, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.strokeStyle = colours.border;
  ctx.lineWidth = 1;
  for (let k = 0; k < count; k++) {
    const x0 = (k % perRow) * (cell + gap);
    const y0 = Math.floor(k / perRow) * (cell + gap);
    ctx.drawImage(small, k * side, 0, side, side, x0, y0, cell, cell);
    ctx.strokeRect(x0 + 0.5, y0 + 0.5, cell - 1, cell - 1);
  }
  ctx.imageSmoothingEnabled = true;
}

const smallCanvases = new WeakMap<HTMLCanvasElement, HTMLCanvasElement>();

/** The bitmap of one picture's weights, kept with its canvas. */
function smallCanvas(canvas: HTMLCanvasElement, width: number, height: number): HTMLCanvasElement {
  let c = smallCanvases.get(canvas);
  if (!c) smallCanvases.set(canvas, (c = document.createElement('canvas')));
  if (c.width !== width) c.width = width;
  if (c.height !== height) c.height = height;
  return c;
}
