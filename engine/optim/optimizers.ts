/**
 * Optimizers as plain update rules on Float32Arrays: the formulas of the lecture, line by line.
 * The fused small-network kernel and the optimizer race use these; the tf.js trainers use the
 * same formulas through `tf.train.*` (see `tf-optimizers.ts`), and the tests pin the two
 * together.
 *
 * With gradient g, learning rate η:
 * - sgd:      θ ← θ − η g
 * - momentum: v ← μ v + g;            θ ← θ − η v           (tf.train.momentum, PyTorch SGD(momentum))
 * - nesterov: v ← μ v + g;            θ ← θ − η (g + μ v)   (look-ahead form used by PyTorch)
 * - rmsprop:  s ← ρ s + (1−ρ) g²;     θ ← θ − η g / (√s + ε)
 * - adam:     m ← β₁ m + (1−β₁) g;  v ← β₂ v + (1−β₂) g²;  θ ← θ − η m̂ / (√v̂ + ε), with bias-corrected m̂, v̂
 */

/** Optimizer names. */
export const OPTIMIZERS = ['sgd', 'momentum', 'nesterov', 'rmsprop', 'adam'] as const;
/** One optimizer. */
export type OptimizerName = (typeof OPTIMIZERS)[number];

/** Hyper-parameters; each optimizer reads the ones it needs. */
export interface OptimizerConfig {
  /** Optimizer rule. */
  name: OptimizerName;
  /** Learning rate η. */
  learningRate: number;
  /** μ for momentum and Nesterov (default 0.9). */
  momentum?: number;
  /** ρ for RMSProp (default 0.9). */
  rho?: number;
  /** β₁ for Adam (default 0.9). */
  beta1?: number;
  /** β₂ for Adam (default 0.999). */
  beta2?: number;
  /** ε for RMSProp and Adam (default 1e-7, tf.js's float32 epsilon). */
  epsilon?: number;
}

/** Defaults shared by the JS and tf.js optimizers. */
export const OPTIMIZER_DEFAULTS = {
  /** Momentum coefficient μ. */
  momentum: 0.9,
  /** RMSProp decay ρ. */
  rho: 0.9,
  /** Adam first-moment decay β₁. */
  beta1: 0.9,
  /** Adam second-moment decay β₂. */
  beta2: 0.999,
  /** Numerical guard ε. */
  epsilon: 1e-7,
} as const;

/** A stateful optimizer over a fixed list of parameter arrays. */
export interface JsOptimizer {
  /** Apply one update in place: `params[i] -= …(grads[i])`. */
  update(params: Float32Array[], grads: Float32Array[]): void;
  /** Forget the moment estimates. */
  reset(): void;
  /** Change η from the next update on (a schedule). */
  setLearningRate(value: number): void;
}

/** Throws a readable message for a bad optimizer config. */
export function validateOptimizer(config: OptimizerConfig): void {
  if (!(OPTIMIZERS as readonly string[]).includes(config.name)) {
    throw new Error(`Unknown optimizer "${config.name}". Use one of: ${OPTIMIZERS.join(', ')}.`);
  }
  if (!(config.learningRate > 0 && Number.isFinite(config.learningRate))) {
    throw new Error(`Learning rate must be a positive number, got ${config.learningRate}.`);
  }
}

/** Build a JS optimizer for the given config. */
export function createJsOptimizer(config: OptimizerConfig): JsOptimizer {
  validateOptimizer(config);
  const c = { ...OPTIMIZER_DEFAULTS, ...config };
  let lr = c.learningRate;
  let slots1: Float32Array[] = [];
  let slots2: Float32Array[] = [];
  let t = 0;
  const ensure = (params: Float32Array[]) => {
    if (slots1.length !== params.length) {
      slots1 = params.map((p) => new Float32Array(p.length));
      slots2 = params.map((p) => new Float32Array(p.length));
      t = 0;
    }
  };
  return {
    setLearningRate(value: number) {
      lr = value;
    },
    reset() {
      slots1 = [];
      slots2 = [];
      t = 0;
    },
    update(params, grads) {
      ensure(params);
      t++;
      const bc1 = 1 - c.beta1 ** t;
      const bc2 = 1 - c.beta2 ** t;
      for (let i = 0; i < params.length; i++) {
        const p = params[i];
        const g = grads[i];
        const s1 = slots1[i];
        const s2 = slots2[i];
        switch (c.name) {
          case 'sgd':
            for (let k = 0; k < p.length; k++) p[k] -= lr * g[k];
            break;
          case 'momentum':
            for (let k = 0; k < p.length; k++) {
              s1[k] = c.momentum * s1[k] + g[k];
              p[k] -= lr * s1[k];
            }
            break;
          case 'nesterov':
            for (let k = 0; k < p.length; k++) {
              s1[k] = c.momentum * s1[k] + g[k];
              p[k] -= lr * (g[k] + c.momentum * s1[k]);
            }
            break;
          case 'rmsprop':
            for (let k = 0; k < p.length; k++) {
              s2[k] = c.rho * s2[k] + (1 - c.rho) * g[k] * g[k];
              p[k] -= (lr * g[k]) / (Math.sqrt(s2[k]) + c.epsilon);
            }
            break;
          case 'adam':
            for (let k = 0; k < p.length; k++) {
              s1[k] = c.beta1 * s1[k] + (1 - c.beta1) * g[k];
              s2[k] = c.beta2 * s2[k] + (1 - c.beta2) * g[k] * g[k];
              p[k] -= (lr * (s1[k] / bc1)) / (Math.sqrt(s2[k] / bc2) + c.epsilon);
            }
            break;
        }
      }
    },
  };
}
