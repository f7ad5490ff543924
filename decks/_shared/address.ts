/**
 * The slide in the address bar (`#/3/1`, or a slide's id), written a task after the slide changes.
 * reveal.js's own `hash: true` calls `history.replaceState` inside `slide()`, in the task that
 * changes slides, where Chromium spends 2–18 ms on it (measured here, issue 18); a presenter's
 * next key waits for that task. This writes the same address as reveal.js would (its
 * `getSlidePath()`), in a task of its own, at most once per `minIntervalMs` (reveal.js's own
 * limit: browsers ignore a page that replaces its address too often), always ending on the last
 * slide shown. Reading the address at start and on `hashchange` stays with reveal.js.
 */

/** What this needs of a reveal.js deck. */
export interface AddressDeck {
  getSlidePath(): string;
  on(type: string, listener: () => void): void;
}

/** What this needs of the window (a fake one in tests). */
export interface AddressWindow {
  history: Pick<History, 'replaceState'>;
  location: Pick<Location, 'pathname' | 'search' | 'hash'>;
  setTimeout(handler: () => void, ms: number): number;
  clearTimeout(id: number): void;
}

/** The events after which reveal.js would have written the address. */
const EVENTS = ['slidechanged', 'fragmentshown', 'fragmenthidden'];

/** Keep the address on the current slide. */
export function keepAddress(deck: AddressDeck, win: AddressWindow = window, minIntervalMs = 1000, now: () => number = () => Date.now()): void {
  let timer = 0;
  let lastWrite = -Infinity;
  const write = () => {
    timer = 0;
    lastWrite = now();
    const path = deck.getSlidePath();
    const { pathname, search, hash } = win.location;
    // The first slide has no hash, as with reveal.js.
    const url = pathname + search + (path === '/' ? '' : `#${path}`);
    if (url !== pathname + search + hash) win.history.replaceState(null, '', url);
  };
  const schedule = () => {
    if (timer) win.clearTimeout(timer);
    timer = win.setTimeout(write, Math.max(0, lastWrite + minIntervalMs - now()));
  };
  for (const type of EVENTS) deck.on(type, schedule);
}
