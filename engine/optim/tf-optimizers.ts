/**
 * The tf.js optimizers with the same rules and hyper-parameters as the JavaScript ones in
 * `optimizers.ts` (kept apart so that plain-JavaScript widgets never load TensorFlow.js).
 */
import * as tf from '@tensorflow/tfjs';
import { OPTIMIZER_DEFAULTS, validateOptimizer, type OptimizerConfig } from './optimizers.ts';

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
