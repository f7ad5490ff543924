import * as tf from '@tensorflow/tfjs';

/** Live tensor count and bytes, for leak checks and the on-screen read-out. */
export function memoryInfo(): { numTensors: number; numBytes: number } {
  const m = tf.memory();
  return { numTensors: m.numTensors, numBytes: m.numBytes };
}

/**
 * Whether the current backend keeps tensors in ordinary memory (wasm, cpu), where reading them
 * into JavaScript is a copy, not a GPU download: there the engine's plain-loop kernels beat
 * sequences of small tf.js ops. GPU backends (webgl, webgpu) keep the tf.js ops, which never leave
 * the GPU.
 */
export function tensorsInCpuMemory(): boolean {
  return ['wasm', 'cpu'].includes(tf.getBackend());
}
