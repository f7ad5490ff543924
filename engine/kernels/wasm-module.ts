/**
 * Loading the engine's hand-written WebAssembly kernels (the `*.wat` files, shipped as base64 by
 * `npm run build:wasm`): compile once, or report null where WebAssembly SIMD cannot run, so each
 * kernel falls back to its JavaScript loops.
 */

/** Bytes of one WebAssembly page. */
export const WASM_PAGE = 65536;

/**
 * A compiler for one kernel's base64 bytes, caching its result: the module, or null where
 * WebAssembly is missing, SIMD does not validate, or the page's CSP forbids compiling
 * (no 'wasm-unsafe-eval').
 */
export function wasmModuleLoader(base64: string): () => WebAssembly.Module | null {
  let compiled: WebAssembly.Module | null | undefined;
  return () => {
    if (compiled !== undefined) return compiled;
    compiled = null;
    try {
      if (typeof WebAssembly === 'object' && typeof atob === 'function') {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        if (WebAssembly.validate(bytes)) compiled = new WebAssembly.Module(bytes);
      }
    } catch {
      compiled = null;
    }
    return compiled;
  };
}

/** Grow `memory` to at least `bytes` bytes (views of it taken before are stale afterwards). */
export function ensureWasmMemory(memory: WebAssembly.Memory, bytes: number): void {
  const pages = Math.ceil(bytes / WASM_PAGE);
  const have = memory.buffer.byteLength / WASM_PAGE;
  if (have < pages) memory.grow(pages - have);
}
