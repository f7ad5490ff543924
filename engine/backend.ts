/**
 * Backend selection: one TensorFlow.js backend per page, chosen once.
 *
 * ```ts
 * const report = await initBackend();            // webgpu → webgl → wasm → cpu
 * const forced = await initBackend({ prefer: 'wasm' }); // ?backend=wasm on a deck URL ends up here
 * report.name;    // 'webgl'
 * report.skipped; // [{ name: 'webgpu', reason: 'no WebGPU adapter (navigator.gpu missing)' }]
 * ```
 * tf.js keeps a single global backend, so this is module state on purpose: every widget on the
 * page shares it. A backend that fails (not registered, no adapter, lost context, a kernel that
 * throws on the smoke test) is skipped with its reason, and the next one is tried.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

/** The backends we know, fastest-on-big-models first. */
export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
/** One tf.js backend name. */
export type Backend = (typeof BACKENDS)[number];

/** Which backend runs, and why the ones before it were not used. */
export interface BackendReport {
  /** The active backend. */
  name: Backend;
  /** Backends tried before it, each with the reason it was skipped. */
  skipped: { name: Backend; reason: string }[];
  /** Milliseconds spent choosing (module loading plus a smoke test). */
  initMs: number;
}

/** Options for {@link initBackend}. */
export interface BackendOptions {
  /** Try this backend first (from `?backend=` or a widget attribute); the rest of the chain follows. */
  prefer?: Backend | null;
  /** The chain to try, in order. */
  order?: readonly Backend[];
}

/** Is `name` a backend we know? Used to validate `?backend=` and attributes. */
export function isBackend(name: unknown): name is Backend {
  return typeof name === 'string' && (BACKENDS as readonly string[]).includes(name);
}

const inNode = typeof process !== 'undefined' && !!process.versions?.node;

let ready: Promise<BackendReport> | undefined;
let firstOptions: BackendOptions | undefined;

/**
 * Choose and initialise the backend once per page (memoised). Later calls get the same report,
 * even with other options: tf.js cannot run two backends side by side.
 */
export function initBackend(options: BackendOptions = {}): Promise<BackendReport> {
  firstOptions ??= options;
  return (ready ??= chooseBackend(options));
}

/** The options the page's backend was chosen with (for read-outs). */
export function backendOptions(): BackendOptions | undefined {
  return firstOptions;
}

/** Forget the choice so the next {@link initBackend} chooses again. Tests only. */
export function resetBackendChoice(): void {
  ready = undefined;
  firstOptions = undefined;
}

async function chooseBackend({ prefer, order = BACKENDS }: BackendOptions): Promise<BackendReport> {
  const t0 = performance.now();
  const chain: Backend[] = prefer ? [prefer, ...order.filter((b) => b !== prefer)] : [...order];
  const skipped: BackendReport['skipped'] = [];
  for (const name of chain) {
    try {
      const why = await tryBackend(name);
      if (why === null) return { name, skipped, initMs: performance.now() - t0 };
      skipped.push({ name, reason: why });
    } catch (err) {
      skipped.push({ name, reason: err instanceof Error ? err.message : String(err) });
    }
  }
  throw new Error(
    `No TensorFlow.js backend could start. Tried: ${skipped.map((s) => `${s.name} (${s.reason})`).join('; ')}`,
  );
}

/** Returns null when `name` is now the active backend, else why not. */
async function tryBackend(name: Backend): Promise<string | null> {
  if (name === 'webgpu') {
    if (inNode) return 'not available in Node';
    const gpu = (globalThis.navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } })?.gpu;
    if (!gpu) return 'no WebGPU in this browser (navigator.gpu missing)';
    if (!(await gpu.requestAdapter())) return 'no WebGPU adapter';
    await import('@tensorflow/tfjs-backend-webgpu'); // registers the backend
  }
  if (name === 'webgl' && inNode) return 'not available in Node';
  if (name === 'wasm' && !inNode) {
    // Vite emits these files next to the bundle; without explicit paths tf.js would look for them
    // beside its own (now bundled) script and fail.
    setWasmPaths({
      'tfjs-backend-wasm.wasm': new URL('../node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm', import.meta.url).href,
      'tfjs-backend-wasm-simd.wasm': new URL('../node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm', import.meta.url).href,
      'tfjs-backend-wasm-threaded-simd.wasm': new URL('../node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm', import.meta.url).href,
    });
  }
  let ok: boolean;
  try {
    ok = await tf.setBackend(name);
  } catch (err) {
    return `failed to start: ${err instanceof Error ? err.message : String(err)}`;
  }
  if (!ok) return name === 'webgl' ? 'no WebGL context' : 'failed to initialise';
  await tf.ready();
  // Smoke test: a backend that starts but cannot run a matmul (lost context, missing kernel)
  // would otherwise give a blank widget later.
  const probe = tf.tidy(() => tf.matMul(tf.ones([2, 2]), tf.ones([2, 2])).sum());
  const value = (await probe.data())[0];
  probe.dispose();
  if (value !== 8) return `smoke test gave ${value} instead of 8`;
  return null;
}
