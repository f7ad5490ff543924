/**
 * Pure drawing for `<dl-gpt>`: plain arrays and colours in, pixels out; no widget state.
 * - `tokenLabel`: a token's text as a label (space, line break and tab made visible).
 * - `drawAttentionMap`: one head's T × T softmax weights as a heat map, queries down the side,
 *   keys along the top, each labelled with its token.
 */
import { fitCanvas } from '../_shared/canvas.ts';
import { parseHex } from '../_shared/palette.ts';

/** A token's text as a label: ␣ for a space, ↵ for a line break, ⇥ for a tab. */
export function tokenLabel(text: string): string {
  if (text === '') return '∅';
  return text.replace(/ /g, '␣').replace(/\n/g, '↵').replace(/\t/g, '⇥');
}

/** Theme colours and scale of the heat map. */
export interface AttentionColors {
  /** 256 × RGB: weight 0 → entry 0, weight 1 → entry 255. */
  lut: Uint8ClampedArray;
  /** Labels. */
  fg: string;
  /** The masked (future) triangle and the frame (`#rrggbb`). */
  muted: string;
}

/** Where the cells are, for hit-testing a pointer. */
export interface AttentionLayout {
  /** Left and top margin for the labels (CSS pixels). */
  margin: number;
  /** Side of one cell (CSS pixels). */
  cell: number;
}

/** Layout for `n` tokens in a square of `size` CSS pixels. */
export function attentionLayout(n: number, size: number): AttentionLayout {
  const margin = n > 0 ? Math.min(28, Math.max(14, size / 16)) : 0;
  return { margin, cell: n > 0 ? (size - margin) / n : 0 };
}

/**
 * Paint `weights` (n × n, row = query, column = key) into a `size` × `size` CSS-pixel canvas.
 * Cells above the diagonal (a causal model never looks there) are tinted faintly in the muted colour.
 * Labels are drawn while a cell is at least 7 pixels; smaller maps label every k-th token.
 */
export function drawAttentionMap(canvas: HTMLCanvasElement, size: number, weights: Float32Array, tokens: readonly string[], colors: AttentionColors): void {
  const ctx = fitCanvas(canvas, size, size);
  if (!ctx) return;
  ctx.clearRect(0, 0, size, size);
  const n = tokens.length;
  if (n === 0 || weights.length < n * n) return;
  const { margin, cell } = attentionLayout(n, size);
  // One pixel per cell in an ImageData, scaled up without smoothing: a 64 × 64 map is one draw call.
  const cells = new ImageData(n, n);
  const px = cells.data;
  const muted = parseHex(colors.muted);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const o = (i * n + j) * 4;
      if (j > i) {
        // The future: a causal model never looks there.
        px.set([muted[0], muted[1], muted[2], 30], o);
        continue;
      }
      const k = Math.max(0, Math.min(255, Math.round(weights[i * n + j] * 255))) * 3;
      px.set([colors.lut[k], colors.lut[k + 1], colors.lut[k + 2], 255], o);
    }
  }
  const tile = document.createElement('canvas');
  tile.width = n;
  tile.height = n;
  tile.getContext('2d')?.putImageData(cells, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(tile, margin, margin, n * cell, n * cell);
  ctx.strokeStyle = colors.muted;
  ctx.lineWidth = 1;
  ctx.strokeRect(margin, margin, n * cell, n * cell);
  const every = Math.max(1, Math.ceil(7 / cell));
  const font = Math.min(13, Math.max(7, cell * 0.8 * every));
  ctx.font = `${font}px ui-monospace, monospace`;
  ctx.fillStyle = colors.fg;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (let i = 0; i < n; i += every) {
    const label = tokenLabel(tokens[i]).slice(0, 3);
    ctx.fillText(label, margin + (i + 0.5) * cell, margin / 2); // keys along the top
    ctx.fillText(label, margin / 2, margin + (i + 0.5) * cell); // queries down the side
  }
}

/** The key a query attends to most, and its weight. */
export function strongestKey(weights: Float32Array, n: number, query: number): { key: number; weight: number } {
  let key = 0;
  for (let j = 1; j <= query; j++) if (weights[query * n + j] > weights[query * n + key]) key = j;
  return { key, weight: weights[query * n + key] };
}
