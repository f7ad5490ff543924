/**
 * Canvas helpers shared by widgets: painting value grids through a colour table, crisp sizing for
 * high-DPI screens, and pointer coordinates that stay right on a scaled reveal.js slide.
 */

/**
 * Paint a `cols × rows` grid of values onto a canvas whose bitmap is `cols × rows` pixels (CSS
 * scales it up). `toIndex` maps a value to 0–255 in the colour table. One ImageData write: a
 * 100 × 100 map paints in well under a millisecond.
 */
export function paintGrid(
  canvas: HTMLCanvasElement,
  values: Float32Array,
  cols: number,
  rows: number,
  lut: Uint8ClampedArray,
  toIndex: (v: number) => number,
): void {
  if (canvas.width !== cols) canvas.width = cols;
  if (canvas.height !== rows) canvas.height = rows;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const img = ctx.createImageData(cols, rows);
  const px = img.data;
  for (let i = 0; i < cols * rows; i++) {
    const k = Math.max(0, Math.min(255, toIndex(values[i]) | 0)) * 3;
    const o = i * 4;
    px[o] = lut[k];
    px[o + 1] = lut[k + 1];
    px[o + 2] = lut[k + 2];
    px[o + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
}

/**
 * Size a canvas's bitmap for its CSS box times the device pixel ratio, and return a context
 * scaled so drawing code can use CSS pixels.
 */
export function fitCanvas(canvas: HTMLCanvasElement, cssWidth: number, cssHeight: number): CanvasRenderingContext2D | null {
  const dpr = Math.min(2, globalThis.devicePixelRatio || 1);
  const w = Math.round(cssWidth * dpr);
  const h = Math.round(cssHeight * dpr);
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  const ctx = canvas.getContext('2d');
  ctx?.setTransform(dpr, 0, 0, dpr, 0, 0);
  return ctx;
}

/**
 * Pointer position in the element's own CSS-pixel frame (0…width, 0…height as laid out), correct
 * under reveal.js's CSS-transform scaling: `getBoundingClientRect()` is the scaled box, so we
 * divide by the scale instead of trusting `offsetX`.
 */
export function localPoint(event: { clientX: number; clientY: number }, el: HTMLElement): { x: number; y: number; fx: number; fy: number } {
  const rect = el.getBoundingClientRect();
  const fx = rect.width > 0 ? (event.clientX - rect.left) / rect.width : 0;
  const fy = rect.height > 0 ? (event.clientY - rect.top) / rect.height : 0;
  return { x: fx * el.offsetWidth, y: fy * el.offsetHeight, fx, fy };
}
