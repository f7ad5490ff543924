/**
 * The multilayer perceptron, described by a small plain-object spec. The spec is validated here
 * once, with messages that name the field and the accepted values, so every widget can show them.
 */
import type { Rng } from '../random.ts';

/** Hidden-layer activations. */
export const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'linear'] as const;
/** One activation function. */
export type Activation = (typeof ACTIVATIONS)[number];
/** Weight penalties. */
export const REGULARIZATIONS = ['none', 'l1', 'l2'] as const;
/** One weight penalty. */
export type Regularization = (typeof REGULARIZATIONS)[number];
/** Output heads: a probability (binary cross-entropy) or a real value (mean squared error). */
export type OutputKind = 'sigmoid' | 'linear';

/** Largest layer we accept: beyond this a slide demo is the wrong tool. */
export const MAX_WIDTH = 256;
/** Deepest stack of hidden layers we accept. */
export const MAX_DEPTH = 64;

/** A fully connected network, input to output. */
export interface MlpSpec {
  /** Input width. */
  inputs: number;
  /** Hidden layer widths, input side first; `[]` is logistic / linear regression. */
  hidden: number[];
  /** Output width (1 for the 2-D playground). */
  outputs: number;
  /** Activation of every hidden layer. */
  activation: Activation;
  /** Output head; decides the loss. */
  output: OutputKind;
  /** Weight penalty added to the loss (biases are not penalised). */
  regularization: Regularization;
  /** λ in λ·Σw² (L2) or λ·Σ|w| (L1). */
  regularizationRate: number;
}

/** Weights as plain arrays. Layer l maps width[l] → width[l+1]; `w[l]` is row-major `in × out`. */
export interface MlpParams {
  /** Layer widths, input first, output last. */
  sizes: number[];
  /** One weight matrix per layer, `sizes[l] × sizes[l+1]`, row-major. */
  w: Float32Array[];
  /** One bias vector per layer, length `sizes[l+1]`. */
  b: Float32Array[];
}

/** Throws an Error naming the bad field and the accepted values. */
export function validateMlpSpec(spec: MlpSpec): void {
  const posInt = (v: number) => Number.isInteger(v) && v > 0;
  if (!posInt(spec.inputs)) throw new Error(`inputs must be a positive integer, got ${spec.inputs}.`);
  if (!posInt(spec.outputs)) throw new Error(`outputs must be a positive integer, got ${spec.outputs}.`);
  if (!Array.isArray(spec.hidden)) throw new Error('hidden must be a list of layer widths, e.g. [8, 8].');
  if (spec.hidden.length > MAX_DEPTH) throw new Error(`At most ${MAX_DEPTH} hidden layers, got ${spec.hidden.length}.`);
  for (const h of spec.hidden) {
    if (!posInt(h) || h > MAX_WIDTH) throw new Error(`Each hidden layer needs 1 to ${MAX_WIDTH} neurons, got ${h}.`);
  }
  if (!(ACTIVATIONS as readonly string[]).includes(spec.activation)) {
    throw new Error(`Unknown activation "${spec.activation}". Use one of: ${ACTIVATIONS.join(', ')}.`);
  }
  if (spec.output !== 'sigmoid' && spec.output !== 'linear') {
    throw new Error(`Unknown output "${spec.output}". Use sigmoid (classification) or linear (regression).`);
  }
  if (!(REGULARIZATIONS as readonly string[]).includes(spec.regularization)) {
    throw new Error(`Unknown regularization "${spec.regularization}". Use one of: ${REGULARIZATIONS.join(', ')}.`);
  }
  if (!(spec.regularizationRate >= 0 && Number.isFinite(spec.regularizationRate))) {
    throw new Error(`regularizationRate must be a number ≥ 0, got ${spec.regularizationRate}.`);
  }
}

/** Layer widths of a spec, input first. */
export function layerSizes(spec: MlpSpec): number[] {
  return [spec.inputs, ...spec.hidden, spec.outputs];
}

/** Number of trainable parameters (weights and biases). */
export function countParams(spec: MlpSpec): number {
  const s = layerSizes(spec);
  let total = 0;
  for (let l = 0; l + 1 < s.length; l++) total += s[l] * s[l + 1] + s[l + 1];
  return total;
}

/**
 * Seeded initial weights. ReLU layers use He uniform (variance 2/fan_in); the others use
 * Glorot/Xavier uniform (variance 2/(fan_in+fan_out)). Biases start at zero.
 * Both keep the signal's variance roughly constant through depth; lecture 2 shows why.
 */
export function initMlpParams(spec: MlpSpec, rng: Rng): MlpParams {
  const layers = initMlpLayers(spec, rng);
  for (;;) {
    const next = layers.next();
    if (next.done) return next.value;
  }
}

/**
 * {@link initMlpParams} one layer at a time: yields after each layer (a caller that must not block
 * waits between them), returns the same weights, value for value.
 */
export function* initMlpLayers(spec: MlpSpec, rng: Rng): Generator<void, MlpParams, void> {
  validateMlpSpec(spec);
  const sizes = layerSizes(spec);
  const w: Float32Array[] = [];
  const b: Float32Array[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const fanIn = sizes[l];
    const fanOut = sizes[l + 1];
    const hiddenRelu = spec.activation === 'relu' && l + 2 < sizes.length;
    const limit = hiddenRelu ? Math.sqrt(6 / fanIn) : Math.sqrt(6 / (fanIn + fanOut));
    const m = new Float32Array(fanIn * fanOut);
    for (let i = 0; i < m.length; i++) m[i] = rng.uniform(-limit, limit);
    w.push(m);
    b.push(new Float32Array(fanOut));
    if (l + 2 < sizes.length) yield;
  }
  return { sizes, w, b };
}

/** A deep copy of the parameters (for snapshots and read-outs). */
export function cloneParams(p: MlpParams): MlpParams {
  return { sizes: [...p.sizes], w: p.w.map((m) => m.slice()), b: p.b.map((v) => v.slice()) };
}

/** Parse "8,8" / "8, 8" / "" into hidden widths; throws a message fit for a widget. */
export function parseLayerSizes(text: string): number[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  return trimmed.split(',').map((part) => {
    const v = Number(part.trim());
    if (!Number.isInteger(v) || v < 1 || v > MAX_WIDTH) {
      throw new Error(`"${part.trim()}" is not a layer width: use whole numbers from 1 to ${MAX_WIDTH}, comma-separated, e.g. "8,8".`);
    }
    return v;
  });
}
