/**
 * Lazy engine loading for a widget: the first time the host runs, dynamic-import the engine, then
 * build the widget's engine object. `reset()` disposes it and lets the next run rebuild (after an
 * attribute change); disconnecting the host disposes it too.
 *
 * Two engines: widgets that train with TensorFlow.js use `new EngineTask(…)` (loads engine/index.ts
 * and chooses the backend once per page); widgets whose maths is plain JavaScript use
 * `jsEngineTask(…)` (loads engine/js.ts only: no TensorFlow.js download, no backend start-up).
 *
 * ```ts
 * private task = new EngineTask(this, (eng) => eng.createBoundaryTrainer({ dataset: this.dataset }));
 * private task = jsEngineTask(this, (eng) => eng.createLineFit({ … }));
 * ```
 */
import { html, type ReactiveController, type TemplateResult } from 'lit';
import type * as Engine from '../../engine/index.ts';
import type * as JsEngine from '../../engine/js.ts';
import type { DlElement } from './dl-element.ts';

/** The engine module's type, for build callbacks. */
export type EngineModule = typeof Engine;
/** The plain-JavaScript part of the engine (no TensorFlow.js). */
export type JsEngineModule = typeof JsEngine;
/** What a backend report looks like. */
export type BackendReport = Engine.BackendReport;

let enginePromise: Promise<EngineModule> | undefined;

/** Load the engine once per page (shared by every widget). */
export function loadEngine(): Promise<EngineModule> {
  return (enginePromise ??= import('../../engine/index.ts').then((eng) => {
    // A read-out for tests, tools and curious students: `dlLive.memory()` in the console.
    (globalThis as { dlLive?: unknown }).dlLive = { memory: eng.memoryInfo, backend: () => eng.initBackend() };
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
  const wanted = backendFromUrl() ?? preferred ?? null;
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

export class EngineTask<T, M = EngineModule> implements ReactiveController {
  status: Status = 'idle';
  value?: T;
  error?: string;
  /** The TensorFlow.js backend; undefined for plain-JavaScript widgets. */
  backend?: BackendReport;
  private generation = 0;
  private readonly load: Loader<M>;

  constructor(
    private readonly host: Host,
    private readonly build: (eng: M, backend: BackendReport) => T | Promise<T>,
    private readonly onReady?: (value: T) => void,
    load?: Loader<M>,
  ) {
    this.load = load ?? ((h) => startEngine(h.backend) as Promise<{ eng: M; backend: BackendReport }>);
    host.addController(this);
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

  hostUpdated(): void {
    // Start after this update settles, not inside it (Lit warns about updates scheduled mid-update).
    if (this.host.running && this.status === 'idle') queueMicrotask(() => {
      if (this.host.running && this.status === 'idle') void this.start();
    });
  }

  hostDisconnected(): void {
    this.reset();
  }

  /** Build now (normally automatic on first run). Resolves with the value, or undefined on error. */
  async start(): Promise<T | undefined> {
    const gen = ++this.generation;
    this.status = 'loading';
    this.host.requestUpdate();
    try {
      const { eng, backend } = await this.load(this.host);
      const value = await this.build(eng, backend as BackendReport);
      if (gen !== this.generation) {
        disposeValue(value);
        return undefined;
      }
      this.backend = backend;
      this.value = value;
      this.status = 'ready';
      this.onReady?.(value);
    } catch (err) {
      if (gen !== this.generation) return undefined;
      this.error = err instanceof Error ? err.message : String(err);
      this.status = 'error';
      console.warn(`<${this.host.localName}>: ${this.error}`);
    }
    this.host.requestUpdate();
    return this.value;
  }

  /** Wait until the value exists (starting the build if needed). */
  async ready(): Promise<T | undefined> {
    if (this.status === 'ready') return this.value;
    return this.start();
  }

  /** Dispose the value and go back to idle; the next run rebuilds. */
  reset(): void {
    this.generation++;
    disposeValue(this.value);
    this.value = undefined;
    this.error = undefined;
    this.status = 'idle';
    this.host.requestUpdate();
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
        return html`<span class="dl-problem" role="alert">Could not start: ${this.error}</span>`;
      case 'ready':
        return null;
    }
  }
}

/**
 * A task for a widget whose maths is plain JavaScript: loads engine/js.ts only, so the slide starts
 * without TensorFlow.js.
 */
export function jsEngineTask<T>(host: Host, build: (eng: JsEngineModule) => T | Promise<T>, onReady?: (value: T) => void): EngineTask<T, JsEngineModule> {
  return new EngineTask<T, JsEngineModule>(host, build, onReady, startJsEngine);
}

function disposeValue(value: unknown): void {
  if (value && typeof (value as { dispose?: unknown }).dispose === 'function') (value as { dispose(): void }).dispose();
}
