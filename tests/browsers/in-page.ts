/**
 * Code that runs inside the page under test, the same in every browser. WebDriver (WebKit) can
 * only send a script as text, so these functions are sent as their source (`toString()`): each must
 * be self-contained (no imports, no closures over module scope).
 */

/** What the guard script collects from the moment a page starts loading. */
export interface GuardLog {
  /** console.error calls, `<dl-…>` widget warnings, uncaught errors and rejections, failed loads. */
  errors: string[];
  /** Any URL fetched from another origin (a Content-Security-Policy report or a resource timing entry). */
  outside: string[];
  /** Widgets that dispatched `dl-ready`. */
  ready: Element[];
}

declare global {
  interface Window {
    __dlWalk?: GuardLog;
  }
}

/**
 * Installed as the first script of every HTML page the test server sends (see server.ts), so it
 * sees everything from the first byte on, in browsers whose driver has no "init script" (WebKit
 * over classic WebDriver). It only records; it changes nothing the page does.
 */
export function guard(): void {
  const log: GuardLog = { errors: [], outside: [], ready: [] };
  window.__dlWalk = log;
  // esbuild (tsx) wraps named functions in __name(); the test's functions are sent as source.
  (window as unknown as { __name: (f: unknown) => unknown }).__name = (f) => f;
  const text = (args: unknown[]) =>
    args
      .map((a) => {
        if (a instanceof Error) return a.stack ?? a.message;
        if (typeof a === 'object' && a !== null) {
          try {
            return JSON.stringify(a);
          } catch {
            return String(a);
          }
        }
        return String(a);
      })
      .join(' ');
  const origError = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    log.errors.push(`console.error: ${text(args)}`);
    origError(...args);
  };
  const origWarn = console.warn.bind(console);
  console.warn = (...args: unknown[]) => {
    const t = text(args);
    if (t.startsWith('<dl-')) log.errors.push(`console.warn: ${t}`);
    origWarn(...args);
  };
  addEventListener(
    'error',
    (e) => {
      if (e instanceof ErrorEvent) {
        log.errors.push(`pageerror: ${e.message} (${e.filename}:${e.lineno})`);
      } else {
        const t = (e as Event).target as { src?: string; href?: string; localName?: string } | null;
        log.errors.push(`failed to load <${t?.localName ?? '?'}> ${t?.src ?? t?.href ?? ''}`);
      }
    },
    true,
  );
  addEventListener('unhandledrejection', (e) => {
    const r = e.reason as { message?: string; stack?: string } | undefined;
    log.errors.push(`unhandled rejection: ${r?.message ?? String(e.reason)}${r?.stack ? ` (${r.stack.replace(/\s+/g, ' ')})` : ''}`);
  });
  const outside = (url: string) => {
    if (!/^(https?|wss?):/i.test(url)) return;
    if (new URL(url, location.href).origin !== location.origin) log.outside.push(url);
  };
  // The server sends a report-only policy allowing this origin alone: any other host is reported here.
  document.addEventListener('securitypolicyviolation', (e) => outside(e.blockedURI));
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) outside(entry.name);
    }).observe({ type: 'resource', buffered: true });
  } catch {
    /* no resource timing: the policy reports still work */
  }
  addEventListener('dl-ready', (e) => log.ready.push(e.target as Element), true);
}

/** One deck's static facts, read once it is ready. */
export interface DeckFacts {
  slides: number;
  /** Slide indices (0-based, reading order) that hold at least one `<dl-…>` widget. */
  widgetSlides: number[];
  /** Slide indices that hold typeset math. */
  mathSlides: number[];
  /** MathML elements whose child count is wrong for their kind (browsers then log and misdraw). */
  badMath: string[];
  /** Formulas KaTeX could not parse (shown in red). */
  katexErrors: string[];
}

/** Wait for the deck, then list its slides and check every formula's MathML. */
export async function deckFacts(): Promise<DeckFacts> {
  for (let t = 0; window.dlDeckReady === undefined; t += 50) {
    if (t > 30_000) throw new Error('the deck did not start (no window.dlDeckReady after 30 s)');
    await new Promise((r) => setTimeout(r, 50));
  }
  await window.dlDeckReady;
  // Cuts rather than fades: a software-rendered fade costs WebKit most of a second per slide here.
  window.Reveal.configure({ transition: 'none', backgroundTransition: 'none' });
  const slides = window.Reveal.getSlides();
  const widgetSlides: number[] = [];
  const mathSlides: number[] = [];
  slides.forEach((s, i) => {
    if (Array.from(s.querySelectorAll('*')).some((el) => el.localName.startsWith('dl-'))) widgetSlides.push(i);
    if (s.querySelector('.katex')) mathSlides.push(i);
  });
  // MathML's fixed-arity elements: a wrong count is an error in Firefox and misdrawn everywhere.
  const arity: Record<string, number> = { msub: 2, msup: 2, msubsup: 3, mfrac: 2, mroot: 2, munder: 2, mover: 2, munderover: 3 };
  const badMath: string[] = [];
  for (const el of Array.from(document.querySelectorAll(Object.keys(arity).join(',')))) {
    if (el.children.length !== arity[el.localName]) {
      const tex = el.closest('math')?.querySelector('annotation')?.textContent ?? '';
      badMath.push(`<${el.localName}> has ${el.children.length} children in ${tex}`);
    }
  }
  const katexErrors = Array.from(document.querySelectorAll('.katex-error'), (el) => el.getAttribute('title') ?? el.textContent ?? '');
  return { slides: slides.length, widgetSlides, mathSlides, badMath, katexErrors };
}

/** What showing one slide did. */
export interface SlideResult {
  index: number;
  title: string;
  /** One line per widget on the slide: how it started, or that it did not. */
  widgets: { tag: string; ok: boolean; how: string; ms: number }[];
  /** The guard's log since the previous slide. */
  errors: string[];
  outside: string[];
}

/**
 * Show the given slides (0-based, in reading order) in turn; on each, wait until every widget has
 * started: it dispatched `dl-ready`, or its shadow root shows neither an error nor a pending state
 * ("Starts when shown", "Loading…"). Slides without widgets take `settleMs` each, so one call walks
 * a run of them without a round trip per slide.
 */
export async function showSlides(indices: number[], widgetMs: number, settleMs: number): Promise<SlideResult[]> {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const log = window.__dlWalk;
  const out: SlideResult[] = [];
  for (const index of indices) {
    const slide = window.Reveal.getSlides()[index];
    const { h, v } = window.Reveal.getIndices(slide);
    window.Reveal.slide(h, v);
    const title = (slide.querySelector('h1, h2, h3')?.textContent ?? '').trim().slice(0, 60);
    const pending = new Set(Array.from(slide.querySelectorAll('*')).filter((el) => el.localName.startsWith('dl-')));
    const t0 = performance.now();
    const widgets: SlideResult['widgets'] = [];
    await sleep(settleMs);
    while (pending.size > 0) {
      const ms = Math.round(performance.now() - t0);
      for (const el of [...pending]) {
        const root = el.shadowRoot;
        // .dl-problem is the widgets' own "cannot start / bad attribute / runtime error" box (a
        // teaching message such as conv-visualizer's "No output" is not one).
        const problem = root?.querySelector('.dl-problem');
        const statusText = Array.from(root?.querySelectorAll('.dl-status') ?? [], (s) => s.textContent ?? '').join(' ');
        const waiting = !root || root.childElementCount === 0 || /Starts when shown|Loading/.test(statusText);
        let how: string | undefined;
        let ok = false;
        if (problem) how = `shows "${(problem.textContent ?? '').trim().slice(0, 160)}"`;
        else if (log?.ready.includes(el)) [how, ok] = ['dl-ready', true];
        // A widget that never says dl-ready counts as started once it has drawn past its pending state.
        else if (!waiting && ms > 2500) [how, ok] = ['started (no dl-ready; shows no pending state)', true];
        else if (ms > widgetMs) how = `not started after ${widgetMs} ms (${!root ? 'no shadow root' : statusText.trim() || 'empty'})`;
        if (how) {
          widgets.push({ tag: el.localName, ok, how, ms });
          pending.delete(el);
        }
      }
      if (pending.size > 0) await sleep(100);
    }
    const errors = log ? log.errors.splice(0) : ['the guard script did not run (page not served by tests/browsers/server.ts?)'];
    out.push({ index, title, widgets, errors, outside: log ? log.outside.splice(0) : [] });
  }
  return out;
}

/** Drain the guard's log (errors and outside requests seen since the last call). */
export function takeLog(): { errors: string[]; outside: string[] } {
  const log = window.__dlWalk;
  if (!log) return { errors: ['the guard script did not run (page not served by tests/browsers/server.ts?)'], outside: [] };
  return { errors: log.errors.splice(0), outside: log.outside.splice(0) };
}

/**
 * An expression that calls `fn` with `args` in the page (JSON-serialisable arguments only). The
 * result is a promise when `fn` is async; both drivers await it.
 */
export function call<A extends unknown[]>(fn: (...args: A) => unknown, ...args: A): string {
  return `(${fn.toString()})(...${JSON.stringify(args)})`;
}
