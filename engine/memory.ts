import * as tf from '@tensorflow/tfjs';

/** Live tensor count and bytes, for leak checks and the on-screen read-out. */
export function memoryInfo(): { numTensors: number; numBytes: number } {
  const m = tf.memory();
  return { numTensors: m.numTensors, numBytes: m.numBytes };
}
