/**
 * A tiny CNN for 28 × 28 digits, LeNet-style: conv → ReLU → max-pool, twice, then one dense layer
 * to 10 logits. In PyTorch:
 *
 * ```python
 * nn.Sequential(nn.Conv2d(1, 8, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),   # 8 × 14 × 14
 *               nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),  # 16 × 7 × 7
 *               nn.Flatten(), nn.Linear(16 * 7 * 7, 10))
 * ```
 * tf.js works channels-last (NHWC), PyTorch channels-first (NCHW): same maths, other memory order.
 */
import * as tf from '@tensorflow/tfjs';

/** Defaults for {@link createTinyCnn}. */
export const TINY_CNN_DEFAULTS = {
  /** Kernels in the first conv layer. */
  filters1: 8,
  /** Side of the first layer's kernels (large enough to see strokes in the picture). */
  kernel1: 5,
  /** Kernels in the second conv layer. */
  filters2: 16,
  /** Side of the second layer's kernels. */
  kernel2: 3,
  /** Seed for the initial weights. */
  seed: 1,
};

/** Options for {@link createTinyCnn}. */
export type TinyCnnOptions = Partial<typeof TINY_CNN_DEFAULTS>;

/** Throws a readable message for bad options. */
export function validateTinyCnn(o: TinyCnnOptions): void {
  const check = (name: string, v: number | undefined, lo: number, hi: number) => {
    if (v !== undefined && (!Number.isInteger(v) || v < lo || v > hi)) throw new Error(`${name} must be a whole number from ${lo} to ${hi}, got ${v}.`);
  };
  check('filters1', o.filters1, 1, 32);
  check('filters2', o.filters2, 1, 64);
  check('kernel1', o.kernel1, 1, 7);
  check('kernel2', o.kernel2, 1, 7);
}

/** Build the model (input `[batch, 28, 28, 1]`, output 10 logits). Owns its weights: `dispose()` it. */
export function createTinyCnn(options: TinyCnnOptions = {}): tf.Sequential {
  validateTinyCnn(options);
  const o = { ...TINY_CNN_DEFAULTS, ...options };
  const init = (k: number) => tf.initializers.heNormal({ seed: o.seed * 7919 + k });
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: o.filters1, kernelSize: o.kernel1, padding: 'same', activation: 'relu', kernelInitializer: init(1), name: 'conv1' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2, name: 'pool1' }));
  model.add(tf.layers.conv2d({ filters: o.filters2, kernelSize: o.kernel2, padding: 'same', activation: 'relu', kernelInitializer: init(2), name: 'conv2' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2, name: 'pool2' }));
  model.add(tf.layers.flatten({ name: 'flatten' }));
  model.add(tf.layers.dense({ units: 10, kernelInitializer: tf.initializers.glorotUniform({ seed: o.seed * 7919 + 3 }), name: 'logits' }));
  return model;
}
