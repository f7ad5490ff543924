/**
 * Causal multi-head attention, forward and backward, reading Q, K and V straight out of the fused
 * projection (rows are the B·T positions, columns `[q | k | v]`, head h in columns h·dk … (h+1)·dk
 * of each), so no head transpose is ever materialised.
 *
 * Why not tf.js: on its wasm backend a batched matmul (`[B·H, T, dk] × [B·H, dk, T]`) runs a plain
 * loop, not XNNPACK, at about 1 GFLOP/s, and the attention around it is a dozen more ops (transposes,
 * scale, mask, softmax) each paying per-op overhead: a GPT training step spent about 40 % of its time
 * there. This kernel runs in WebAssembly SIMD (causal-attention.wat), four of a head's dk columns per
 * instruction, so dk must be a multiple of 4 (`simdAttention(dk)` says whether it can run; where it
 * cannot, the model keeps the tf.js ops, which are as fast as plain JavaScript loops here). It
 * visits only the causal half (j ≤ i), keeps the softmax probabilities for the backward pass, and
 * uses the identity Σⱼ Pᵢⱼ dPᵢⱼ = dOᵢ · Oᵢ for the softmax's gradient.
 *
 * ```ts
 * const { out, probs } = causalAttentionForward(qkv, B, T, H, dk);            // out: [B·T, H·dk]
 * const dqkv = causalAttentionBackward(qkv, probs, out, dOut, B, T, H, dk);   // [B·T, 3·H·dk]
 * ```
 * Same maths as `models/gpt.ts`'s tf.js path (scores scaled by 1/√dk, future positions masked
 * before the softmax); the tests check it against tf.js autodiff.
 */
import { WASM_BASE64 } from './causal-attention.wasm.ts';
import { ensureWasmMemory, wasmModuleLoader } from './wasm-module.ts';

/** Output of {@link causalAttentionForward}. */
export interface CausalAttentionForward {
  /** The heads' mixed values, `[B·T, H·dk]`, heads side by side as a concat would lay them. */
  out: Float32Array;
  /** Softmax probabilities `[B, H, T, T]` (row i filled for j ≤ i, zeros above the diagonal). */
  probs: Float32Array;
}

interface Exports {
  memory: WebAssembly.Memory;
  forward(qkv: number, out: number, probs: number, B: number, T: number, H: number, dk: number, scale: number): void;
  backward(qkv: number, probs: number, out: number, dout: number, grad: number, ds: number, B: number, T: number, H: number, dk: number, scale: number): void;
}

const wasmModule = wasmModuleLoader(WASM_BASE64);
let instance: Exports | null | undefined;

/** The SIMD kernel, or null where it cannot run here (instantiated once, memory grown as needed). */
function simd(): Exports | null {
  if (instance === undefined) {
    const mod = wasmModule();
    instance = mod ? (new WebAssembly.Instance(mod, { js: { exp: Math.exp } }).exports as unknown as Exports) : null;
  }
  return instance;
}

/** Byte offsets of the operands in the kernel's memory, and the memory grown to hold them. */
function layout(k: Exports, B: number, T: number, H: number, dk: number) {
  const d = H * dk;
  const qkv = 0;
  const grad = qkv + B * T * 3 * d * 4;
  const out = grad + B * T * 3 * d * 4;
  const dout = out + B * T * d * 4;
  const probs = dout + B * T * d * 4;
  const ds = probs + B * H * T * T * 4;
  ensureWasmMemory(k.memory, ds + T * 4);
  return { qkv, grad, out, dout, probs, ds, f32: new Float32Array(k.memory.buffer) };
}

/** Whether the SIMD kernel can run here for heads of width dk (a multiple of 4, WebAssembly SIMD available). */
export function simdAttention(dk: number): boolean {
  return dk % 4 === 0 && simd() !== null;
}

/** The kernel, after checking the operand's size and the head width. */
function kernel(qkv: Float32Array, B: number, T: number, H: number, dk: number): Exports {
  const n = B * T * 3 * H * dk;
  if (qkv.length !== n) throw new Error(`qkv holds ${qkv.length} values; B ${B} × T ${T} × 3·d ${3 * H * dk} needs ${n}.`);
  if (!simdAttention(dk)) throw new Error(`The attention kernel needs WebAssembly SIMD and a head width divisible by 4 (got ${dk}); check simdAttention(dk) first.`);
  return simd()!;
}

/** Forward pass: `softmax(mask(Q Kᵀ / √dk)) V` per sequence and head. */
export function causalAttentionForward(qkv: Float32Array, B: number, T: number, H: number, dk: number): CausalAttentionForward {
  const k = kernel(qkv, B, T, H, dk);
  const m = layout(k, B, T, H, dk);
  const d = H * dk;
  m.f32.set(qkv, m.qkv >> 2);
  m.f32.fill(0, m.out >> 2, (m.out >> 2) + B * T * d);
  k.forward(m.qkv, m.out, m.probs, B, T, H, dk, 1 / Math.sqrt(dk));
  return { out: m.f32.slice(m.out >> 2, (m.out >> 2) + B * T * d), probs: m.f32.slice(m.probs >> 2, (m.probs >> 2) + B * H * T * T) };
}

/**
 * Backward pass: the gradient with respect to the fused projection `[B·T, 3·d]` given the gradient
 * of the output `dOut` `[B·T, d]`, from the forward's probabilities and output.
 */
export function causalAttentionBackward(qkv: Float32Array, probs: Float32Array, out: Float32Array, dOut: Float32Array, B: number, T: number, H: number, dk: number): Float32Array {
  const k = kernel(qkv, B, T, H, dk);
  const m = layout(k, B, T, H, dk);
  const n = B * T * 3 * H * dk;
  m.f32.set(qkv, m.qkv >> 2);
  m.f32.set(probs, m.probs >> 2);
  m.f32.set(out, m.out >> 2);
  m.f32.set(dOut, m.dout >> 2);
  m.f32.fill(0, m.grad >> 2, (m.grad >> 2) + n);
  k.backward(m.qkv, m.probs, m.out, m.dout, m.grad, m.ds, B, T, H, dk, 1 / Math.sqrt(dk));
  return m.f32.slice(m.grad >> 2, (m.grad >> 2) + n);
}
