/**
 * The tf.js optimizers with the same rules and hyper-parameters as the JavaScript ones in
 * `optimizers.ts` (kept apart so that plain-JavaScript widgets never load TensorFlow.js).
 */
import * as tf from '@tensorflow/tfjs';
import { tensorsInCpuMemory } from '../memory.ts';
import { createJsOptimizer, OPTIMIZER_DEFAULTS, validateOptimizer, type OptimizerConfig } from './optimizers.ts';

/**
 * The tf.js optimizer with the same rule and hyper-parameters. tf.js's RMSProp puts ε inside the
 * square root and its Nesterov form differs slightly, so exact agreement is only promised for
 * sgd, momentum and adam (the three the trainers offer).
 */
export function createTfOptimizer(config: OptimizerConfig): tf.Optimizer {
  validateOptimizer(config);
  const c = { ...OPTIMIZER_DEFAULTS, ...config };
  switch (c.name) {
    case 'sgd':
      return tf.train.sgd(c.learningRate);
    case 'momentum':
    case 'nesterov':
      return disposeLearningRateToo(tf.train.momentum(c.learningRate, c.momentum, c.name === 'nesterov'));
    case 'rmsprop':
      return tf.train.rmsprop(c.learningRate, c.rho, 0, c.epsilon);
    case 'adam':
      return tf.train.adam(c.learningRate, c.beta1, c.beta2, c.epsilon);
  }
}

/**
 * tf.js 4.22's MomentumOptimizer.dispose() forgets the learning-rate scalar its SGD parent keeps
 * (`c`), leaking one tensor per optimizer. Free it too, so a disposed trainer leaves nothing.
 */
function disposeLearningRateToo(opt: tf.MomentumOptimizer): tf.MomentumOptimizer {
  const dispose = opt.dispose.bind(opt);
  opt.dispose = () => {
    dispose();
    (opt as unknown as { c?: tf.Tensor }).c?.dispose();
  };
  return opt;
}

/** An optimizer of tf.js variables: {@link createVariableOptimizer}. */
export interface VariableOptimizer {
  /** One step on `variables` down the gradient of `loss`; returns the loss (the caller disposes it). */
  minimize(loss: () => tf.Scalar, variables: tf.Variable[]): tf.Scalar;
  /** Free its state. */
  dispose(): void;
  /** Change η from the next step on (a schedule). */
  setLearningRate(value: number): void;
}

/**
 * The tf.js optimizer for `config`, except where tensors live in ordinary memory (wasm, cpu; decided
 * when it is made): there the gradients are read once and the rule runs in the JavaScript loops of
 * `optimizers.ts`, one pass per variable instead of about ten tf.js ops each (Adam on a model of
 * 27 variables is ~270 ops a step, per-op overhead on the wasm backend). Same rule and
 * hyper-parameters either way.
 */
export function createVariableOptimizer(config: OptimizerConfig): VariableOptimizer {
  if (!tensorsInCpuMemory()) {
    const opt = createTfOptimizer(config);
    return {
      minimize: (loss, variables) => opt.minimize(loss, true, variables)!,
      dispose: () => opt.dispose(),
      // Every tf.train optimizer reads its learningRate field on each step.
      setLearningRate: (value) => void ((opt as unknown as { learningRate: number }).learningRate = value),
    };
  }
  const js = createJsOptimizer(config);
  return {
    minimize(loss, variables) {
      const { value, grads } = tf.variableGrads(loss, variables);
      const params = variables.map((v) => Float32Array.from(v.dataSync() as Float32Array));
      js.update(
        params,
        variables.map((v) => grads[v.name].dataSync() as Float32Array),
      );
      tf.dispose(Object.values(grads));
      variables.forEach((v, i) => tf.tidy(() => v.assign(tf.tensor(params[i], v.shape))));
      return value;
    },
    dispose: () => js.reset(),
    setLearningRate: (value) => js.setLearningRate(value),
  };
}
