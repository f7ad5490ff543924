/**
 * Pure drawing for `<dl-conv-visualizer>`: value grids as cells on a 2-D canvas, with the padding
 * ring, a highlighted window and receptive-field marks. Data in, pixels out; no state.
 */
import { fitCanvas } from '../_shared/canvas.ts';

/** A grid to draw: `channels × rows × cols` values. */
export interface GridData {
  data: Float32Array;
  rows: number;
  cols: number;
  channels: number;
}

/** What to draw on top of the cells. */
export interface GridMarks {
  /** Zero-padding ring width before/after (drawn as dashed empty cells). */
  padBefore?: number;
  padAfter?: number;
  /** Cells (row, col) in the grid's own frame (may lie in the padding) to outline as the window. */
  window?: [number, number][];
  /** Cells to tint as a receptive field (keys `row * 10000 + col`). */
  field?: Set<number>;
  /** One cell to outline strongly (the current output). */
  current?: [number, number] | null;
  /** Draw the numbers in the cells (only when cells are large). */
  numbers?: boolean;
}

/** Colours used by the drawings. */
export interface GridColours {
  negative: string;
  positive: string;
  neutral: string;
  accent: string;
  border: string;
  text: string;
}

/**
 * Draw a grid into `canvas` at `cell` CSS pixels per cell. Grey-level images (one channel, values
 * in [0, 1]) draw white-on-black like MNIST; 3 channels draw as RGB; `signed` grids use the
 * diverging palette scaled by the largest |value|.
 */
export function drawGrid(canvas: HTMLCanvasElement, grid: GridData, cell: number, mode: 'image' | 'signed', colours: GridColours, marks: GridMarks = {}): void {
  const pb = marks.padBefore ?? 0;
  const pa = marks.padAfter ?? 0;
  const w = (grid.cols + pb + pa) * cell;
  const h = (grid.rows + pb + pa) * cell;
  canvas.style.width = `${w}px`;
  canvas.style.height = `${h}px`;
  const ctx = fitCanvas(canvas, w, h);
  if (!ctx) return;
  ctx.clearRect(0, 0, w, h);
  const area = grid.rows * grid.cols;
  let maxAbs = 1e-6;
  if (mode === 'signed') for (const v of grid.data) maxAbs = Math.max(maxAbs, Math.abs(v));
  const neg = hex(colours.negative);
  const pos = hex(colours.positive);
  const mid = hex(colours.neutral);
  // Padding ring.
  if (pb + pa > 0) {
    ctx.fillStyle = 'rgba(128,128,128,0.12)';
    ctx.fillRect(0, 0, w, h);
    ctx.setLineDash([2, 2]);
    ctx.strokeStyle = colours.border;
    ctx.lineWidth = 0.5;
    for (let r = 0; r < grid.rows + pb + pa; r++) {
      for (let c = 0; c < grid.cols + pb + pa; c++) {
        const inside = r >= pb && r < pb + grid.rows && c >= pb && c < pb + grid.cols;
        if (!inside) ctx.strokeRect(c * cell + 0.5, r * cell + 0.5, cell - 1, cell - 1);
      }
    }
    ctx.setLineDash([]);
  }
  for (let r = 0; r < grid.rows; r++) {
    for (let c = 0; c < grid.cols; c++) {
      const i = r * grid.cols + c;
      let rgb: [number, number, number];
      if (mode === 'image' && grid.channels === 3) rgb = [grid.data[i] * 255, grid.data[area + i] * 255, grid.data[2 * area + i] * 255];
      else if (mode === 'image') {
        const g = Math.max(0, Math.min(1, grid.data[i])) * 255;
        rgb = [g, g, g];
      } else {
        const t = Math.max(-1, Math.min(1, grid.data[i] / maxAbs));
        const to = t < 0 ? neg : pos;
        const a = Math.abs(t);
        rgb = [mid[0] + (to[0] - mid[0]) * a, mid[1] + (to[1] - mid[1]) * a, mid[2] + (to[2] - mid[2]) * a];
      }
      ctx.fillStyle = `rgb(${rgb[0] | 0},${rgb[1] | 0},${rgb[2] | 0})`;
      ctx.fillRect((c + pb) * cell, (r + pb) * cell, cell, cell);
      if (marks.numbers && cell >= 26) {
        const v = grid.data[i];
        ctx.fillStyle = mode === 'image' ? (v > 0.5 ? '#000' : '#fff') : colours.text;
        ctx.font = `${Math.floor(cell / 2.6)}px system-ui, sans-serif`;
        ctx.textAlign = 'center';
        ctx.textBaseline = 'middle';
        ctx.fillText(fmt(v), (c + pb + 0.5) * cell, (r + pb + 0.5) * cell);
      }
    }
  }
  if (cell >= 8) {
    ctx.strokeStyle = 'rgba(128,128,128,0.35)';
    ctx.lineWidth = 0.5;
    ctx.beginPath();
    for (let r = 0; r <= grid.rows; r++) {
      ctx.moveTo(pb * cell, (r + pb) * cell);
      ctx.lineTo((pb + grid.cols) * cell, (r + pb) * cell);
    }
    for (let c = 0; c <= grid.cols; c++) {
      ctx.moveTo((c + pb) * cell, pb * cell);
      ctx.lineTo((c + pb) * cell, (pb + grid.rows) * cell);
    }
    ctx.stroke();
  }
  if (marks.field) {
    ctx.fillStyle = 'rgba(255, 196, 0, 0.45)';
    for (const key of marks.field) {
      const r = Math.floor(key / 10000);
      const c = key % 10000;
      ctx.fillRect((c + pb) * cell, (r + pb) * cell, cell, cell);
    }
  }
  if (marks.window) {
    ctx.strokeStyle = colours.accent;
    ctx.lineWidth = 2;
    for (const [r, c] of marks.window) ctx.strokeRect((c + pb) * cell + 1, (r + pb) * cell + 1, cell - 2, cell - 2);
  }
  if (marks.current) {
    const [r, c] = marks.current;
    ctx.strokeStyle = colours.accent;
    ctx.lineWidth = 3;
    ctx.strokeRect((c + pb) * cell + 1.5, (r + pb) * cell + 1.5, cell - 3, cell - 3);
  }
}

/** The canvases of the stage (missing ones are skipped). */
export interface StageCanvases {
  input: HTMLCanvasElement | null;
  outputs: HTMLCanvasElement[];
  pooled: HTMLCanvasElement[];
}

/** A grey or RGB image, or a stack of maps: `channels × height × width` values. */
export interface Maps {
  data: Float32Array;
  width: number;
  height: number;
  channels: number;
}

/** What the stage shows: the input with its zero padding, the output maps, the pooled maps. */
export interface StageData {
  input: Maps;
  pad: { before: number; after: number };
  out?: Maps;
  pooled?: Maps;
}

/** The marks on the stage: the window and its output cell, or a hovered cell and its receptive field. */
export interface StageMarks {
  /** The output channel the window belongs to. */
  selected: number;
  /** The window's output cell. */
  current: [number, number] | null;
  /** The input cells under the window (padded frame), empty while hovering. */
  window: [number, number][];
  hover: { layer: 'out' | 'pool'; row: number; col: number } | null;
  /** The hovered cell's receptive field in the input (keys `row * 10000 + col`). */
  inputField?: Set<number>;
  /** A hovered pooled cell's field in the output maps. */
  outputField?: Set<number>;
  numbers: boolean;
}

/** Cell side in CSS pixels so a grid of `cells` fits `room` pixels (3–34). */
function cellFor(room: number, cells: number, min = 3): number {
  return Math.max(min, Math.min(34, Math.floor(room / cells)));
}

/** The grid of channel `o` of `maps`. */
function channel(maps: Maps, o: number): GridData {
  const area = maps.width * maps.height;
  return { data: maps.data.subarray(o * area, (o + 1) * area), rows: maps.height, cols: maps.width, channels: 1 };
}

/** Draw the input (about 300 px), every output channel and every pooled channel, with their marks. */
export function drawStage(canvases: StageCanvases, d: StageData, m: StageMarks, colours: GridColours): void {
  const { input, out, pooled, pad } = d;
  if (canvases.input) {
    const cell = cellFor(300, input.width + pad.before + pad.after, 4);
    drawGrid(canvases.input, { data: input.data, rows: input.height, cols: input.width, channels: input.channels }, cell, 'image', colours, {
      padBefore: pad.before,
      padAfter: pad.after,
      window: m.hover ? undefined : m.window,
      field: m.inputField,
      numbers: m.numbers,
    });
  }
  if (!out) return;
  // Several channels share the room: smaller cells.
  const share = (one: number, two: number, more: number) => (out.channels > 2 ? more : out.channels > 1 ? two : one);
  const outCell = cellFor(share(280, 150, 120), out.width);
  canvases.outputs.forEach((canvas, o) => {
    const current = m.hover ? (m.hover.layer === 'out' ? ([m.hover.row, m.hover.col] as [number, number]) : null) : o === m.selected ? m.current : null;
    drawGrid(canvas, channel(out, o), outCell, 'signed', colours, { current, field: m.outputField, numbers: m.numbers });
  });
  if (!pooled) return;
  const poolCell = cellFor(share(200, 110, 90), pooled.width);
  canvases.pooled.forEach((canvas, o) => {
    drawGrid(canvas, channel(pooled, o), poolCell, 'signed', colours, { current: m.hover?.layer === 'pool' ? [m.hover.row, m.hover.col] : null, numbers: m.numbers });
  });
}

/** A compact number for cells and sums. */
export function fmt(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 100) return v.toFixed(0);
  if (a >= 10) return v.toFixed(1);
  return v.toFixed(2).replace(/^(-?)0\./, '$1.');
}

function hex(h: string): [number, number, number] {
  const s = h.trim().replace('#', '');
  const full = s.length === 3 ? s.split('').map((c) => c + c).join('') : s;
  const v = Number.parseInt(full, 16);
  return full.length === 6 && !Number.isNaN(v) ? [(v >> 16) & 255, (v >> 8) & 255, v & 255] : [128, 128, 128];
}
