/**
 * Lazy engine loading for a widget: the first time the host runs, dynamic-import the engine, then
 * build the widget's engine object. Disconnecting the host disposes it.
 *
 * ```ts
 * private readonly task = engineTask(this, {
 *   args: () => [this.dataset, this.seed],            // a change rebuilds (as @lit/task does)
 *   build: (eng) => eng.createBoundaryTrainer({ dataset: this.dataset, seed: this.seed }),
 *   ready: (trainer) => this.handleReady(trainer),     // optional
 * });
 * private readonly task = jsEngineTask(this, { args, build });   // plain-JavaScript engine
 * ```
 *
 * Two engines: widgets that train with TensorFlow.js use `engineTask` (loads engine/index.ts and
 * chooses the backend once per page); widgets whose maths is plain JavaScript use `jsEngineTask`
 * (loads engine/js.ts only: no TensorFlow.js download, no backend start-up).
 *
 * Rules that hold for every widget:
 * - It never starts while the widget has attribute problems (`configErrors`).
 * - A failed start is not retried by itself: only `retry()` (a user action: Play, Step, Reset,
 *   "Try again") or a change of `args()` (or, without `args`, of any attribute) starts it again.
 *   So no widget can cycle reset → start → fail, whatever its own code does.
 * - A value is disposed only after the frame that is using it has finished (Reset or removal
 *   during a training step never disposes tensors under that step).
 * - If the page's GPU backend dies (a lost WebGL context or WebGPU device), every task on it gives
 *   up on the work waiting for the GPU, rebuilds from its seed on the next backend (webgl → wasm),
 *   keeps playing if it was, and says so above the widget (`notice`). One warning for the page.
 */
import { html, type ReactiveController, type ReactiveElement, type TemplateResult } from 'lit';
import type * as Engine from '../../engine/index.ts';
import type * as JsEngine from '../../engine/js.ts';
import { kitOf, type DlElement } from './dl-element.ts';

/** The engine module's type, for build callbacks. */
export type EngineModule = typeof Engine;
/** The plain-JavaScript part of the engine (no TensorFlow.js). */
export type JsEngineModule = typeof JsEngine;
/** What a backend report looks like. */
export type BackendReport = Engine.BackendReport;
type BackendLoss = Engine.BackendLoss;

let enginePromise: Promise<EngineModule> | undefined;
/** Connected tasks on the page's TensorFlow.js backend: a GPU loss rebuilds each of them. */
const pageTasks = new Set<EngineTask<unknown, unknown>>();

/** Load the engine once per page (shared by every widget). */
export function loadEngine(): Promise<EngineModule> {
  return (enginePromise ??= import('../../engine/index.ts').then((eng) => {
    // A read-out for tests, tools and curious students: `dlLive.memory()` in the console.
    (globalThis as { dlLive?: unknown }).dlLive = { memory: eng.memoryInfo, backend: () => eng.initBackend() };
    eng.onBackendLost((loss) => {
      // One warning for the page, however many widgets restart.
      console.warn(`dl-live: ${loss.reason}; TensorFlow.js widgets restart on the next backend.`);
      for (const task of [...pageTasks]) task.backendLost(loss);
    });
    return eng;
  }));
}

/** `?backend=NAME` on the page URL, if any. */
export function backendFromUrl(): string | null {
  return typeof location === 'undefined' ? null : new URLSearchParams(location.search).get('backend');
}

/** Load the engine and choose the backend (the page's `?backend=` wins over `preferred`). */
export async function startEngine(preferred?: string | null): Promise<{ eng: EngineModule; backend: BackendReport }> {
  const eng = await loadEngine();
  const wanted = backendFromUrl() ?? (preferred || null);
  if (wanted !== null && !eng.isBackend(wanted)) {
    throw new Error(`Unknown backend "${wanted}". Use one of: ${eng.BACKENDS.join(', ')}.`);
  }
  const backend = await eng.initBackend({ prefer: wanted });
  return { eng, backend };
}

let jsEnginePromise: Promise<JsEngineModule> | undefined;

/** Load the plain-JavaScript engine (no TensorFlow.js). */
function startJsEngine(): Promise<{ eng: JsEngineModule; backend?: undefined }> {
  return (jsEnginePromise ??= import('../../engine/js.ts')).then((eng) => ({ eng }));
}

type Status = 'idle' | 'loading' | 'ready' | 'error';
type Host = DlElement & { backend?: string | null };
type Loader<M> = (host: Host) => Promise<{ eng: M; backend?: BackendReport }>;

/** What an engine task is built from. */
export interface EngineTaskOptions<T, M> {
  /** Build the widget's engine object (it owns its tensors; `dispose()` is called for it). */
  build: (eng: M, backend: BackendReport) => T | Promise<T>;
  /** What the value depends on: when the list changes (shallowly), the value is rebuilt. */
  args?: () => readonly unknown[];
  /** Runs once the value is built (draw the first picture, emit dl-ready, autoplay). */
  ready?: (value: T) => void | Promise<void>;
}

export class EngineTask<T, M = EngineModule> implements ReactiveController {
  status: Status = 'idle';
  value?: T;
  error?: string;
  /** The TensorFlow.js backend; undefined for plain-JavaScript widgets. */
  backend?: BackendReport;
  /** A line to show above the widget ("The WebGL context was lost; training continues on wasm…"), or null. */
  notice: string | null = null;
  private generation = 0;
  /** Whether the value lives on the page's TensorFlow.js backend (the default loader). */
  private readonly onPageBackend: boolean;
  /** The GPU loss being recovered from, until the rebuild on the next backend is ready. */
  private lostFrom: BackendLoss | null = null;
  /** Where that GPU was: under the page's tf.js, or under the value's engine worker. */
  private lostIn: 'page' | 'worker' = 'page';
  /** Bumped when the work in progress is abandoned (it waits for a lost GPU). */
  private useGeneration = 0;
  private pending?: Promise<T | undefined>;
  private readonly load: Loader<M>;
  private readonly options: EngineTaskOptions<T, M>;
  /** The inputs the current value (or build) was made from. */
  private builtArgs?: readonly unknown[];
  /** The inputs of the last failed start: the same inputs do not start again by themselves. */
  private failedKey: string | null = null;
  /** True while the `ready` callback runs (the value exists but the widget is still setting up). */
  preparing = false;
  /** Work in progress on the value (frames, steps): disposal waits for it. */
  private inUse = 0;
  private disposeWhenFree: unknown[] = [];

  constructor(host: Host, options: EngineTaskOptions<T, M>, load?: Loader<M>);
  /** @deprecated Use `engineTask(host, { build, ready })`. */
  constructor(host: Host, build: (eng: M, backend: BackendReport) => T | Promise<T>, onReady?: (value: T) => void, load?: Loader<M>);
  constructor(
    private readonly host: Host,
    buildOrOptions: EngineTaskOptions<T, M> | ((eng: M, backend: BackendReport) => T | Promise<T>),
    onReadyOrLoad?: ((value: T) => void) | Loader<M>,
    load?: Loader<M>,
  ) {
    let custom: Loader<M> | undefined;
    if (typeof buildOrOptions === 'function') {
      this.options = { build: buildOrOptions, ready: onReadyOrLoad as ((value: T) => void) | undefined };
      custom = load;
    } else {
      this.options = buildOrOptions;
      custom = onReadyOrLoad as Loader<M> | undefined;
    }
    this.load = custom ?? defaultLoader<M>();
    this.onPageBackend = custom === undefined;
    host.addController(this);
    kitOf(host).tasks.add(this);
  }

  /** Whether this widget runs on TensorFlow.js (false: plain JavaScript). */
  get usesTfjs(): boolean {
    return this.load !== (startJsEngine as Loader<unknown>);
  }

  /** The backend's name, or "js" for a plain-JavaScript widget (for `dl-ready` events). */
  get backendName(): string | undefined {
    if (this.status !== 'ready') return undefined;
    return this.backend?.name ?? 'js';
  }

  /** What the next start would be made from, as a comparable string. */
  private currentKey(): string {
    const args = this.options.args?.();
    if (args) return safeJson(args);
    // No args: every declared property of the host (attributes and their values).
    const ctor = this.host.constructor as typeof ReactiveElement;
    const self = this.host as unknown as Record<string, unknown>;
    const values: unknown[] = [];
    for (const [name, decl] of ctor.elementProperties) if (!decl.state && name !== 'active') values.push(self[name as string]);
    return safeJson(values);
  }

  hostUpdate(): void {
    // A change of args rebuilds: dispose now, start again after this update (hostUpdated).
    const args = this.options.args?.();
    if (args && this.builtArgs && (this.status === 'ready' || this.status === 'loading') && !shallowEqual(args, this.builtArgs)) this.reset();
    // After a failed start, new inputs (a fixed attribute) may start again: back to idle.
    else if (this.status === 'error' && this.failedKey !== null && this.failedKey !== this.currentKey()) this.reset();
  }

  hostUpdated(): void {
    if (!this.mayStart()) return;
    // Start after this update settles, not inside it (Lit warns about updates scheduled mid-update).
    queueMicrotask(() => {
      if (this.mayStart()) void this.start();
    });
  }

  /** Auto-start only while shown, with valid attributes, and not again after the same failure. */
  private mayStart(): boolean {
    if (!this.host.running || this.status !== 'idle' || this.host.hasConfigErrors) return false;
    return this.failedKey === null || this.failedKey !== this.currentKey();
  }

  hostConnected(): void {
    if (this.onPageBackend) pageTasks.add(this as EngineTask<unknown, unknown>);
  }

  hostDisconnected(): void {
    pageTasks.delete(this as EngineTask<unknown, unknown>);
    this.reset();
  }

  /**
   * The page's GPU backend died: every tensor of the value is gone and the step in flight waits
   * for a read that never finishes. Abandon that step, drop the value and rebuild from the seed on
   * the next backend (the kit starts it again as usual: now if shown, else when shown). A loop
   * that was playing keeps playing. Called by the engine's loss watcher, and by `use()` when the
   * GPU under the value's engine worker died (`where: 'worker'`: whatever the page's backend is).
   */
  backendLost(loss: BackendLoss, where: 'page' | 'worker' = 'page'): void {
    if (this.status !== 'ready' && this.status !== 'loading') return;
    if (where === 'page' && this.status === 'ready' && this.backend && this.backend.name !== loss.name) return;
    this.lostFrom = loss;
    this.lostIn = where;
    this.notice = `${capitalise(loss.reason)}${where === 'worker' ? ' in its worker' : ''}; restarting on the next backend…`;
    for (const loop of kitOf(this.host).loops) loop.abandon();
    this.useGeneration++;
    this.inUse = 0;
    this.reset();
  }

  /** Build now (normally automatic on first run). Resolves with the value, or undefined on error. */
  start(): Promise<T | undefined> {
    if (this.host.hasConfigErrors) return Promise.resolve(undefined);
    const gen = ++this.generation;
    this.status = 'loading';
    this.error = undefined;
    this.builtArgs = this.options.args?.();
    const key = this.currentKey();
    this.host.requestUpdate();
    const run = (async () => {
      try {
        const { eng, backend } = await this.load(this.host);
        const value = await this.options.build(eng, backend as BackendReport);
        if (gen !== this.generation) {
          disposeValue(value);
          return undefined;
        }
        this.backend = backend;
        this.value = value;
        this.status = 'ready';
        this.failedKey = null;
        if (this.lostFrom) {
          // A worker chose its own backend: the page's report does not name it.
          const next = this.lostIn === 'worker' ? 'the next backend' : (backend?.name ?? 'the next backend');
          this.notice = `${capitalise(this.lostFrom.reason)}${this.lostIn === 'worker' ? ' in its worker' : ''}; training continues on ${next}, restarted from the seed.`;
          this.lostFrom = null;
        }
        this.host.reportRuntimeError(null);
        this.host.requestUpdate();
        this.preparing = true;
        try {
          await this.options.ready?.(value);
        } finally {
          if (gen === this.generation) this.preparing = false;
          this.host.requestUpdate();
        }
        return value;
      } catch (err) {
        if (gen !== this.generation) return undefined;
        this.error = err instanceof Error ? err.message : String(err);
        this.status = 'error';
        this.failedKey = key;
        // Nothing keeps playing against a task that could not start.
        for (const loop of kitOf(this.host).loops) loop.pause();
        this.host.reportRuntimeError(`Could not start: ${this.error}`);
        this.host.requestUpdate();
        return undefined;
      }
    })();
    this.pending = run;
    return run;
  }

  /**
   * The value, building it if needed. After a failure it does not try again (that is `retry()`),
   * so a frame loop asking every frame cannot start a storm of attempts.
   */
  async ready(): Promise<T | undefined> {
    if (this.status === 'ready') return this.value;
    if (this.status === 'loading') return this.pending;
    if (this.status === 'error' || this.host.hasConfigErrors) return undefined;
    return this.start();
  }

  /** A user asked again (Play, Step, Reset, "Try again"): forget the failure and rebuild. */
  retry(): void {
    this.failedKey = null;
    if (!this.lostFrom) this.notice = null;
    this.reset();
  }

  /**
   * Run `work` on the value; a reset or removal meanwhile waits for it before disposing. Returns
   * undefined when there is no value (not built, or failed).
   */
  async use<R>(work: (value: T) => R | Promise<R>): Promise<R | undefined> {
    const value = await this.ready();
    if (value === undefined) return undefined;
    const generation = this.useGeneration;
    this.inUse++;
    try {
      return await work(value);
    } catch (err) {
      // The GPU under the value's engine worker died (`link.ts`): rebuild as after a loss here.
      const loss = (err as { lostBackend?: BackendLoss } | null)?.lostBackend;
      if (!loss || generation !== this.useGeneration) throw err;
      console.warn(`<${this.host.localName}>: ${(err as Error).message} It restarts on the next backend.`);
      this.backendLost(loss, 'worker');
      return undefined;
    } finally {
      // An abandoned use (backendLost) no longer counts, if it ever ends.
      if (generation === this.useGeneration) {
        this.inUse--;
        if (this.inUse === 0) this.flushDisposals();
      }
    }
  }

  /** Dispose the value and go back to idle; the next run rebuilds. */
  reset(): void {
    this.generation++;
    const old = this.value;
    this.value = undefined;
    this.pending = undefined;
    this.builtArgs = undefined;
    if (this.status === 'error') this.host.reportRuntimeError(null);
    this.error = undefined;
    this.status = 'idle';
    this.preparing = false;
    this.disposeLater(old);
    this.host.requestUpdate();
  }

  /** Dispose `value` once no step or frame is using it. */
  private disposeLater(value: unknown): void {
    if (value === undefined) return;
    const busy = [...kitOf(this.host).loops].filter((l) => l.busy);
    if (this.inUse === 0 && busy.length === 0) {
      disposeValue(value);
      return;
    }
    this.disposeWhenFree.push(value);
    void Promise.all(busy.map((l) => l.settled())).then(() => {
      if (this.inUse === 0) this.flushDisposals();
    });
  }

  private flushDisposals(): void {
    if ([...kitOf(this.host).loops].some((l) => l.busy)) return;
    for (const v of this.disposeWhenFree.splice(0)) disposeValue(v);
  }

  /** Which backend runs and why the ones before it were skipped, for a tooltip or a read-out. */
  describeBackend(): string {
    if (!this.usesTfjs) return 'Plain JavaScript: this widget does not load TensorFlow.js.';
    const b = this.backend;
    if (!b) return '';
    const skipped = b.skipped.map((s) => `${s.name}: ${s.reason}`).join('; ');
    return `TensorFlow.js backend: ${b.name}${skipped ? ` (skipped ${skipped})` : ''}. Choose with ?backend=… on the page address.`;
  }

  /** A line of status text for the pending and error states. */
  renderStatus(): TemplateResult | null {
    switch (this.status) {
      case 'idle':
        return html`<span class="dl-status">Starts when shown.</span>`;
      case 'loading':
        return html`<span class="dl-status">${this.usesTfjs ? 'Loading TensorFlow.js…' : 'Loading…'}</span>`;
      case 'error':
        return html`<span class="dl-status">Could not start.</span>`;
      case 'ready':
        return null;
    }
  }
}

function defaultLoader<M>(): Loader<M> {
  return (h) => startEngine(h.backend) as Promise<{ eng: M; backend: BackendReport }>;
}

/** A task on the TensorFlow.js engine (engine/index.ts). */
export function engineTask<T>(host: Host, options: EngineTaskOptions<T, EngineModule>): EngineTask<T, EngineModule> {
  return new EngineTask<T, EngineModule>(host, options);
}

/**
 * A task for a widget whose maths is plain JavaScript: loads engine/js.ts only, so the slide starts
 * without TensorFlow.js.
 */
export function jsEngineTask<T>(host: Host, options: EngineTaskOptions<T, JsEngineModule>): EngineTask<T, JsEngineModule>;
/** @deprecated Use `jsEngineTask(host, { build, ready })`. */
export function jsEngineTask<T>(host: Host, build: (eng: JsEngineModule) => T | Promise<T>, onReady?: (value: T) => void): EngineTask<T, JsEngineModule>;
export function jsEngineTask<T>(
  host: Host,
  buildOrOptions: EngineTaskOptions<T, JsEngineModule> | ((eng: JsEngineModule) => T | Promise<T>),
  onReady?: (value: T) => void,
): EngineTask<T, JsEngineModule> {
  const options = typeof buildOrOptions === 'function' ? { build: buildOrOptions, ready: onReady } : buildOrOptions;
  return new EngineTask<T, JsEngineModule>(host, options, startJsEngine);
}

function disposeValue(value: unknown): void {
  if (value && typeof (value as { dispose?: unknown }).dispose === 'function') (value as { dispose(): void }).dispose();
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function shallowEqual(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? '';
  } catch {
    return String(v);
  }
}
