/**
 * Pure drawing for `<dl-seq2seq>`: plain arrays and colours in, pixels out; no widget state.
 * `drawHeatMap` paints a rows × cols attention matrix (rows = queries, columns = keys), the way
 * `widgets/gpt/gpt.view.ts` does for square maps (one pixel per cell in an ImageData, scaled up
 * without smoothing), but rectangular, so the cross-attention map (decoder position × source
 * position) and the square self-attention maps share one drawing.
 */
import { fitCanvas } from '../_shared/canvas.ts';
import { parseHex } from '../_shared/palette.ts';

/** Theme colours of a heat map. */
export interface HeatMapColors {
  /** 256 × RGB: weight 0 → entry 0, weight 1 → entry 255. */
  lut: Uint8ClampedArray;
  /** Labels. */
  fg: string;
  /** The frame, the masked (future) cells and the hovered row (`#rrggbb`). */
  muted: string;
}

/** What to draw. */
export interface HeatMap {
  /** Row-major weights, `rows × cols`. */
  weights: Float32Array;
  rows: number;
  cols: number;
  /** One label per row (queries, down the left). */
  rowLabels: readonly string[];
  /** One label per column (keys, along the top). */
  colLabels: readonly string[];
  /** Cells above the diagonal are masked (a causal decoder never looks there). */
  causal?: boolean;
  /** A row to outline (the hovered query), or −1. */
  highlightRow?: number;
}

/** Where the cells are, for hit-testing a pointer. */
export interface HeatMapLayout {
  /** Left margin for the row labels (CSS pixels). */
  left: number;
  /** Top margin for the column labels. */
  top: number;
  /** Side of one (square) cell. */
  cell: number;
}

/** Layout of a map with `cols` columns in a box `width` wide (cells are square). */
export function heatMapLayout(cols: number, width: number): HeatMapLayout {
  const left = Math.min(22, Math.max(12, width / 12));
  const cell = cols > 0 ? (width - left) / cols : 0;
  return { left, top: left, cell };
}

/** Height of a rows × cols map drawn `width` wide. */
export function heatMapHeight(rows: number, cols: number, width: number): number {
  const { top, cell } = heatMapLayout(cols, width);
  return Math.ceil(top + rows * cell);
}

/** The row under a point (CSS pixels inside the canvas), or −1. */
export function rowAt(y: number, rows: number, cols: number, width: number): number {
  const { top, cell } = heatMapLayout(cols, width);
  const row = Math.floor((y - top) / cell);
  return cell > 0 && row >= 0 && row < rows ? row : -1;
}

/** Paint `map` into `canvas`, `width` CSS pixels wide (the height follows from square cells). */
export function drawHeatMap(canvas: HTMLCanvasElement, width: number, map: HeatMap, colors: HeatMapColors): void {
  const { rows, cols, weights } = map;
  const height = heatMapHeight(rows, cols, width);
  const ctx = fitCanvas(canvas, width, height);
  if (!ctx) return;
  ctx.clearRect(0, 0, width, height);
  if (rows === 0 || cols === 0 || weights.length < rows * cols) return;
  const { left, top, cell } = heatMapLayout(cols, width);
  const cells = new ImageData(cols, rows);
  const px = cells.data;
  const muted = parseHex(colors.muted);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const o = (i * cols + j) * 4;
      if (map.causal && j > i) {
        px.set([muted[0], muted[1], muted[2], 40], o);
        continue;
      }
      const k = Math.max(0, Math.min(255, Math.round(weights[i * cols + j] * 255))) * 3;
      px.set([colors.lut[k], colors.lut[k + 1], colors.lut[k + 2], 255], o);
    }
  }
  const tile = document.createElement('canvas');
  tile.width = cols;
  tile.height = rows;
  tile.getContext('2d')?.putImageData(cells, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(tile, left, top, cols * cell, rows * cell);
  ctx.strokeStyle = colors.muted;
  ctx.lineWidth = 1;
  ctx.strokeRect(left, top, cols * cell, rows * cell);
  const font = Math.min(13, Math.max(7, cell * 0.7));
  ctx.font = `${font}px ui-monospace, monospace`;
  ctx.fillStyle = colors.fg;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (let j = 0; j < cols; j++) ctx.fillText(map.colLabels[j] ?? '', left + (j + 0.5) * cell, top / 2);
  for (let i = 0; i < rows; i++) ctx.fillText(map.rowLabels[i] ?? '', left / 2, top + (i + 0.5) * cell);
  const hot = map.highlightRow ?? -1;
  if (hot >= 0 && hot < rows) {
    ctx.strokeStyle = colors.fg;
    ctx.lineWidth = 2;
    ctx.strokeRect(left + 1, top + hot * cell + 1, cols * cell - 2, cell - 2);
  }
}

/** The column with the largest weight in `row`, and that weight. */
export function strongestColumn(weights: Float32Array, cols: number, row: number): { col: number; weight: number } {
  let col = 0;
  for (let j = 1; j < cols; j++) if (weights[row * cols + j] > weights[row * cols + col]) col = j;
  return { col, weight: weights[row * cols + col] };
}
