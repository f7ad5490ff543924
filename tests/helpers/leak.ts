import * as tf from '@tensorflow/tfjs';

/**
 * Runs `fn` and fails if it leaves tensors behind: compares `tf.memory().numTensors`
 * before and after.
 */
export async function expectNoLeak<T>(fn: () => T | Promise<T>): Promise<T> {
  const before = tf.memory().numTensors;
  const result = await fn();
  const after = tf.memory().numTensors;
  if (after !== before) throw new Error(`Tensor leak: ${before} tensors before, ${after} after.`);
  return result;
}

/** Use the cpu backend in Node tests (tfjs-node cannot be installed here). */
export async function useCpu(): Promise<void> {
  await tf.setBackend('cpu');
  await tf.ready();
}
