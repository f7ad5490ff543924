/**
 * Convolution arithmetic in plain JavaScript (no TensorFlow.js), for pictures that explain a
 * convolution step by step: output sizes, a 2-D cross-correlation with padding, stride and
 * dilation, the multiply-adds behind one output cell, pooling, receptive fields through stacked
 * layers, and shifting an image. Deep-learning "convolution" is cross-correlation (the kernel is
 * not flipped), exactly as `nn.Conv2d` and `tf.conv2d` compute it; tests check it against tf.js.
 *
 * ```ts
 * convOutputSize({ size: 28, kernel: 3, padding: 1, stride: 2, dilation: 1 }); // 14
 * conv2d(image, [sobelX], { padding: 'same', stride: 1, dilation: 1 });        // 1 × 28 × 28
 * ```
 * Images are channel-major flat arrays: `channels × height × width`.
 */
import type { ImageData2D } from '../datasets/mnist.ts';

/** How much zero padding: `valid` (none), `same` (output = ⌈input / stride⌉), or a number per side. */
export type Padding = 'valid' | 'same' | number;

/** Geometry of one convolution (square kernel, same settings in both directions). */
export interface ConvGeometry {
  /** Kernel side k. */
  kernel: number;
  /** Padding. */
  padding: Padding;
  /** Stride s ≥ 1. */
  stride: number;
  /** Dilation d ≥ 1 (gaps between kernel taps; effective size d·(k−1)+1). */
  dilation: number;
}

/** Padding resolved to rows/columns added before and after. */
export interface ResolvedPadding {
  before: number;
  after: number;
}

/** Effective kernel extent with dilation: d·(k−1)+1. */
export function effectiveKernel(kernel: number, dilation: number): number {
  return dilation * (kernel - 1) + 1;
}

/**
 * Resolve padding along one axis. `same` follows TensorFlow (and PyTorch for stride 1): the output
 * has ⌈n/s⌉ cells and any odd total padding puts the extra row after.
 */
export function resolvePadding(size: number, g: ConvGeometry): ResolvedPadding {
  if (g.padding === 'valid') return { before: 0, after: 0 };
  if (typeof g.padding === 'number') return { before: g.padding, after: g.padding };
  const out = Math.ceil(size / g.stride);
  const total = Math.max(0, (out - 1) * g.stride + effectiveKernel(g.kernel, g.dilation) - size);
  return { before: Math.floor(total / 2), after: total - Math.floor(total / 2) };
}

/**
 * Output length along one axis: ⌊(n + p_before + p_after − d·(k−1) − 1) / s⌋ + 1, or 0 when the
 * dilated kernel does not fit into the padded input.
 */
export function convOutputSize(size: number, g: ConvGeometry): number {
  const { before, after } = resolvePadding(size, g);
  const span = size + before + after - effectiveKernel(g.kernel, g.dilation);
  return span < 0 ? 0 : Math.floor(span / g.stride) + 1;
}

/**
 * Everything wrong with a geometry for an input of side `size`, in words a student understands
 * (empty when it is fine). Nothing is clamped: the caller shows these instead of a picture.
 */
export function convProblems(size: number, g: ConvGeometry): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(g.kernel) || g.kernel < 1) problems.push(`The kernel size must be a whole number ≥ 1 (got ${g.kernel}).`);
  if (!Number.isInteger(g.stride) || g.stride < 1) problems.push(`The stride must be a whole number ≥ 1 (got ${g.stride}); a stride of 0 would never move the window.`);
  if (!Number.isInteger(g.dilation) || g.dilation < 1) problems.push(`The dilation must be a whole number ≥ 1 (got ${g.dilation}); 1 means no gaps between kernel taps.`);
  if (typeof g.padding === 'number' && (!Number.isInteger(g.padding) || g.padding < 0)) problems.push(`The padding must be a whole number ≥ 0 (got ${g.padding}).`);
  if (problems.length) return problems;
  const { before, after } = resolvePadding(size, g);
  const eff = effectiveKernel(g.kernel, g.dilation);
  if (eff > size + before + after) {
    problems.push(
      `The ${g.dilation > 1 ? `dilated kernel spans ${eff} pixels (d·(k−1)+1 = ${g.dilation}·${g.kernel - 1}+1)` : `kernel is ${eff} pixels wide`}, ` +
        `but the padded input is only ${size + before + after} (${size} + ${before} + ${after}): there is no position where it fits, so the output would be empty.`,
    );
  }
  return problems;
}

/**
 * Remarks (not errors) on a valid geometry: a stride that does not divide evenly leaves the last
 * rows/columns unused; a padding as wide as the kernel gives border outputs that see only zeros.
 */
export function convRemarks(size: number, g: ConvGeometry): string[] {
  const { before, after } = resolvePadding(size, g);
  const eff = effectiveKernel(g.kernel, g.dilation);
  const span = size + before + after - eff;
  const remarks: string[] = [];
  if (span < 0) return remarks;
  const rest = span % g.stride;
  if (rest > 0) remarks.push(`The stride does not divide evenly: the last ${rest} row${rest > 1 ? 's' : ''}/column${rest > 1 ? 's' : ''} of the padded input are never reached (that is the floor in the formula).`);
  if (before >= eff) remarks.push(`A padding of ${before} is at least the kernel's extent (${eff}): the outermost output cells see nothing but zeros.`);
  return remarks;
}

/** A kernel bank: `outChannels × inChannels × k × k`. */
export interface Kernels {
  weights: Float32Array;
  outChannels: number;
  inChannels: number;
  size: number;
  /** One bias per output channel (zeros when absent). */
  bias?: Float32Array;
}

/** A feature-map stack, channel-major. */
export type FeatureMaps = ImageData2D;

/** Cross-correlate `input` with every kernel: the same arithmetic as `nn.Conv2d` (no flip). */
export function conv2d(input: ImageData2D, kernels: Kernels, geometry: Omit<ConvGeometry, 'kernel'>): FeatureMaps {
  const g: ConvGeometry = { ...geometry, kernel: kernels.size };
  if (kernels.inChannels !== input.channels) throw new Error(`Kernels expect ${kernels.inChannels} input channels, the image has ${input.channels}.`);
  const problems = convProblems(Math.min(input.width, input.height), g);
  if (problems.length) throw new Error(problems.join(' '));
  const oh = convOutputSize(input.height, g);
  const ow = convOutputSize(input.width, g);
  const py = resolvePadding(input.height, g).before;
  const px = resolvePadding(input.width, g).before;
  const { width: w, height: h, channels: cin } = input;
  const k = kernels.size;
  const out = new Float32Array(kernels.outChannels * oh * ow);
  for (let o = 0; o < kernels.outChannels; o++) {
    const b = kernels.bias ? kernels.bias[o] : 0;
    for (let oy = 0; oy < oh; oy++) {
      for (let ox = 0; ox < ow; ox++) {
        let acc = b;
        for (let c = 0; c < cin; c++) {
          for (let ky = 0; ky < k; ky++) {
            const iy = oy * g.stride - py + ky * g.dilation;
            if (iy < 0 || iy >= h) continue;
            for (let kx = 0; kx < k; kx++) {
              const ix = ox * g.stride - px + kx * g.dilation;
              if (ix < 0 || ix >= w) continue;
              acc += input.data[(c * h + iy) * w + ix] * kernels.weights[((o * cin + c) * k + ky) * k + kx];
            }
          }
        }
        out[(o * oh + oy) * ow + ox] = acc;
      }
    }
  }
  return { data: out, width: ow, height: oh, channels: kernels.outChannels };
}

/** One product in the multiply-add behind an output cell. */
export interface ConvTerm {
  /** Input channel. */
  channel: number;
  /** Kernel tap. */
  ky: number;
  kx: number;
  /** Input position (may lie in the padding: outside 0…h−1 / 0…w−1). */
  iy: number;
  ix: number;
  /** Input value (0 in the padding). */
  value: number;
  /** Kernel weight. */
  weight: number;
  /** True when the tap falls in the zero padding. */
  padded: boolean;
}

/** The multiply-adds that produce output cell (oy, ox) of output channel `o`, in reading order. */
export function convTerms(input: ImageData2D, kernels: Kernels, geometry: Omit<ConvGeometry, 'kernel'>, o: number, oy: number, ox: number): { terms: ConvTerm[]; bias: number; sum: number } {
  const g: ConvGeometry = { ...geometry, kernel: kernels.size };
  const py = resolvePadding(input.height, g).before;
  const px = resolvePadding(input.width, g).before;
  const k = kernels.size;
  const terms: ConvTerm[] = [];
  const bias = kernels.bias ? kernels.bias[o] : 0;
  let sum = bias;
  for (let c = 0; c < input.channels; c++) {
    for (let ky = 0; ky < k; ky++) {
      for (let kx = 0; kx < k; kx++) {
        const iy = oy * g.stride - py + ky * g.dilation;
        const ix = ox * g.stride - px + kx * g.dilation;
        const padded = iy < 0 || iy >= input.height || ix < 0 || ix >= input.width;
        const value = padded ? 0 : input.data[(c * input.height + iy) * input.width + ix];
        const weight = kernels.weights[((o * input.channels + c) * k + ky) * k + kx];
        sum += value * weight;
        terms.push({ channel: c, ky, kx, iy, ix, value, weight, padded });
      }
    }
  }
  return { terms, bias, sum };
}

/** Pooling mode. */
export type PoolMode = 'max' | 'avg';

/** Pool each channel with a `size × size` window (valid, no padding), like `nn.MaxPool2d`/`nn.AvgPool2d`. */
export function pool2d(input: FeatureMaps, mode: PoolMode, size: number, stride: number): FeatureMaps {
  const g: ConvGeometry = { kernel: size, padding: 'valid', stride, dilation: 1 };
  const problems = convProblems(Math.min(input.width, input.height), g);
  if (problems.length) throw new Error(problems.join(' ').replace(/kernel/g, 'pooling window'));
  const oh = convOutputSize(input.height, g);
  const ow = convOutputSize(input.width, g);
  const out = new Float32Array(input.channels * oh * ow);
  for (let c = 0; c < input.channels; c++) {
    for (let oy = 0; oy < oh; oy++) {
      for (let ox = 0; ox < ow; ox++) {
        let acc = mode === 'max' ? -Infinity : 0;
        for (let ky = 0; ky < size; ky++) {
          for (let kx = 0; kx < size; kx++) {
            const v = input.data[(c * input.height + oy * stride + ky) * input.width + ox * stride + kx];
            acc = mode === 'max' ? Math.max(acc, v) : acc + v;
          }
        }
        out[(c * oh + oy) * ow + ox] = mode === 'max' ? acc : acc / (size * size);
      }
    }
  }
  return { data: out, width: ow, height: oh, channels: input.channels };
}

/** ReLU on a copy. */
export function relu(maps: FeatureMaps): FeatureMaps {
  return { ...maps, data: maps.data.map((v) => (v > 0 ? v : 0)) };
}

/**
 * The input cells that output cell (oy, ox) of the LAST layer depends on, through a stack of
 * layers (convolutions or pools, first layer first), as a set of `y * 10000 + x` keys in the first
 * layer's input frame (padding cells are outside 0…size−1 and are dropped). The receptive field
 * of a stack grows by d·(k−1)·(product of earlier strides) per layer.
 */
export function receptiveField(layers: { geometry: ConvGeometry; inputSize: number }[], oy: number, ox: number): { cells: Set<number>; rows: [number, number]; cols: [number, number] } {
  let ys = new Set([oy]);
  let xs = new Set([ox]);
  for (let l = layers.length - 1; l >= 0; l--) {
    const { geometry: g, inputSize } = layers[l];
    const pad = resolvePadding(inputSize, g).before;
    const expand = (set: Set<number>) => {
      const next = new Set<number>();
      for (const o of set) for (let t = 0; t < g.kernel; t++) {
        const i = o * g.stride - pad + t * g.dilation;
        if (i >= 0 && i < inputSize) next.add(i);
      }
      return next;
    };
    ys = expand(ys);
    xs = expand(xs);
  }
  const cells = new Set<number>();
  for (const y of ys) for (const x of xs) cells.add(y * 10000 + x);
  const range = (s: Set<number>): [number, number] => (s.size ? [Math.min(...s), Math.max(...s)] : [0, -1]);
  return { cells, rows: range(ys), cols: range(xs) };
}

/** Shift an image by (dx, dy) pixels, filling with zeros (translation for the equivariance demo). */
export function shiftImage(img: ImageData2D, dx: number, dy: number): ImageData2D {
  const out = new Float32Array(img.data.length);
  const { width: w, height: h } = img;
  for (let c = 0; c < img.channels; c++) {
    for (let y = 0; y < h; y++) {
      const sy = y - dy;
      if (sy < 0 || sy >= h) continue;
      for (let x = 0; x < w; x++) {
        const sx = x - dx;
        if (sx < 0 || sx >= w) continue;
        out[(c * h + y) * w + x] = img.data[(c * h + sy) * w + sx];
      }
    }
  }
  return { ...img, data: out };
}

/** Names of the kernel presets. */
export const KERNEL_PRESETS = ['identity', 'edge-x', 'edge-y', 'sobel-x', 'sobel-y', 'blur', 'gaussian', 'sharpen', 'emboss', 'outline'] as const;
/** A kernel preset name. */
export type KernelPreset = (typeof KERNEL_PRESETS)[number];

/**
 * A classic hand-made kernel, `size × size` (3 or 5), row-major. `edge-x` responds to changes
 * along x (vertical edges), `edge-y` along y.
 */
export function presetKernel(name: KernelPreset, size: 3 | 5 = 3): Float32Array {
  const k3: Record<KernelPreset, number[]> = {
    identity: [0, 0, 0, 0, 1, 0, 0, 0, 0],
    'edge-x': [0, 0, 0, -1, 0, 1, 0, 0, 0],
    'edge-y': [0, -1, 0, 0, 0, 0, 0, 1, 0],
    'sobel-x': [-1, 0, 1, -2, 0, 2, -1, 0, 1],
    'sobel-y': [-1, -2, -1, 0, 0, 0, 1, 2, 1],
    blur: Array(9).fill(1 / 9),
    gaussian: [1, 2, 1, 2, 4, 2, 1, 2, 1].map((v) => v / 16),
    sharpen: [0, -1, 0, -1, 5, -1, 0, -1, 0],
    emboss: [-2, -1, 0, -1, 1, 1, 0, 1, 2],
    outline: [-1, -1, -1, -1, 8, -1, -1, -1, -1],
  };
  if (size === 3) return Float32Array.from(k3[name]);
  if (name === 'blur') return new Float32Array(25).fill(1 / 25);
  if (name === 'gaussian') {
    const row = [1, 4, 6, 4, 1];
    return Float32Array.from({ length: 25 }, (_, i) => (row[Math.floor(i / 5)] * row[i % 5]) / 256);
  }
  // Other presets: the 3 × 3 kernel centred in a 5 × 5 of zeros.
  const out = new Float32Array(25);
  k3[name].forEach((v, i) => (out[(Math.floor(i / 3) + 1) * 5 + (i % 3) + 1] = v));
  return out;
}
