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
 *
 * A GPU backend can also die while the page runs (the WebGL context or the WebGPU device is
 * lost: a driver reset, too many contexts, a laptop switching GPUs). tf.js does not say so: reads
 * just never finish. So the chosen GPU backend is watched; on a loss {@link onBackendLost}
 * listeners hear about it, and the next {@link initBackend} chooses again from the backends after
 * the lost one (webgl lost → wasm → cpu). A lost backend is not tried again on this page.
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

/** A backend that stopped working while the page ran. */
export interface BackendLoss {
  /** The backend that was lost. */
  name: Backend;
  /** What happened, in words: "the WebGL context was lost". */
  reason: string;
}

const inNode = typeof process !== 'undefined' && !!process.versions?.node;

let ready: Promise<BackendReport> | undefined;
let firstOptions: BackendOptions | undefined;
/** The backend the current choice settled on (undefined while choosing or after a loss). */
let active: Backend | undefined;
const lost = new Map<Backend, string>();
const lossListeners = new Set<(loss: BackendLoss) => void>();

/**
 * Choose and initialise the backend once per page (memoised). Later calls get the same report,
 * even with other options: tf.js cannot run two backends side by side. After a GPU loss the next
 * call chooses again, with the first call's options, skipping the lost backend and those before it.
 */
export function initBackend(options: BackendOptions = {}): Promise<BackendReport> {
  firstOptions ??= options;
  // An event can be missed (a loss during start-up); ask the context itself as well.
  if (active && gpuLostNow(active)) markLost(active, lossReason(active));
  return (ready ??= chooseBackend(firstOptions));
}

/**
 * Hear about a GPU backend that dies while the page runs (once per loss). Returns the function
 * that stops listening. Every tensor on the lost backend is unusable: rebuild on {@link initBackend}.
 */
export function onBackendLost(listener: (loss: BackendLoss) => void): () => void {
  lossListeners.add(listener);
  return () => lossListeners.delete(listener);
}

/** The backends lost on this page so far, with what happened to each. */
export function lostBackends(): BackendLoss[] {
  return [...lost].map(([name, reason]) => ({ name, reason }));
}

/**
 * Backends that died somewhere else on this page (in an engine worker, which has its own tf.js):
 * not tried here either, as after a loss here, but without telling the listeners (nothing of
 * theirs was on it). `engine-worker.ts` calls it for a new worker with the page's earlier losses.
 */
export function avoidLostBackends(losses: readonly BackendLoss[]): void {
  for (const { name, reason } of losses) if (isBackend(name) && !lost.has(name)) lost.set(name, reason);
}

/** The options the page's backend was chosen with (for read-outs). */
export function backendOptions(): BackendOptions | undefined {
  return firstOptions;
}

/** Forget the choice so the next {@link initBackend} chooses again. Tests only. */
export function resetBackendChoice(): void {
  ready = undefined;
  firstOptions = undefined;
  active = undefined;
  lost.clear();
}

/** The tf.js internals we look at to watch a GPU backend (absent on wasm and cpu). */
interface GpuBackend {
  gpgpu?: { gl?: WebGLRenderingContext | WebGL2RenderingContext; itemsToPoll?: unknown[] };
  device?: { lost?: Promise<{ reason?: string; message?: string }> };
}

function lossReason(name: Backend): string {
  return name === 'webgpu' ? 'the WebGPU device was lost' : 'the WebGL context was lost';
}

/** Whether the GPU under `name` is gone, asked directly. */
function gpuLostNow(name: Backend): boolean {
  if (name !== 'webgl') return false;
  const gl = (tf.findBackend('webgl') as GpuBackend | null)?.gpgpu?.gl;
  return !!gl && gl.isContextLost();
}

function markLost(name: Backend, reason: string): void {
  if (lost.has(name)) return;
  lost.set(name, reason);
  if (active === name) {
    active = undefined;
    ready = undefined;
  }
  // tf.js polls a fence for every read in flight; on a lost context no fence ever passes, so it
  // would poll forever (a timer every few milliseconds). Drop those reads: they can never finish.
  const gpgpu = (tf.findBackend(name) as GpuBackend | null)?.gpgpu;
  if (Array.isArray(gpgpu?.itemsToPoll)) gpgpu.itemsToPoll.length = 0;
  for (const listener of [...lossListeners]) listener({ name, reason });
}

/** Watch the GPU under the backend just chosen: the WebGL canvas's `webglcontextlost`, WebGPU's `device.lost`. */
function watchGpu(name: Backend): void {
  const backend = tf.findBackend(name) as GpuBackend | null;
  if (name === 'webgl') {
    const canvas = backend?.gpgpu?.gl?.canvas as EventTarget | undefined;
    canvas?.addEventListener?.('webglcontextlost', () => markLost('webgl', lossReason('webgl')), { once: true });
  } else if (name === 'webgpu') {
    void backend?.device?.lost?.then((info) => {
      if (info.reason !== 'destroyed') markLost('webgpu', lossReason('webgpu') + (info.message ? ` (${info.message})` : ''));
    });
  }
}

async function chooseBackend({ prefer, order = BACKENDS }: BackendOptions): Promise<BackendReport> {
  const t0 = performance.now();
  let chain: Backend[] = prefer ? [prefer, ...order.filter((b) => b !== prefer)] : [...order];
  const skipped: BackendReport['skipped'] = [];
  if (lost.size > 0) {
    // After a GPU loss only the backends after the lost one are tried: the GPU above it is suspect.
    const floor = Math.max(...[...lost.keys()].map((b) => BACKENDS.indexOf(b)));
    for (const name of chain) {
      if (BACKENDS.indexOf(name) <= floor) skipped.push({ name, reason: lost.get(name) ?? 'not tried after a GPU loss on this page' });
    }
    chain = chain.filter((b) => BACKENDS.indexOf(b) > floor);
  }
  for (const name of chain) {
    try {
      const why = await tryBackend(name);
      if (why === null) {
        active = name;
        watchGpu(name);
        return { name, skipped, initMs: performance.now() - t0 };
      }
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
