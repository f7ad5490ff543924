/**
 * The print hook: how a deck printed with reveal.js's `?print-pdf` (or `npm run pdf`) shows each
 * widget as a still of a meaningful state instead of a blank box or a spinner.
 *
 * In print mode there are no slide events, so nothing would ever start. `prepareWidgetsForPrint`
 * visits every `<dl-…>` element in turn: it switches it on (`active = true`), awaits its
 * `printReady()` if it has one, and switches it off again (the picture stays). A widget without
 * `printReady()` gets a generic wait: its `dl-ready` event or {@link DEFAULT_SETTLE_MS}, whichever
 * comes first.
 *
 * ```ts
 * // in a widget class:
 * async printReady(): Promise<void> {
 *   this.pause();                      // a still, not an animation
 *   await this.trainFor(150);          // seeded: the same picture every time
 * }
 * ```
 */
import { widgetsUnder } from './find.ts';

/** How long a widget without `printReady()` gets to show something. */
export const DEFAULT_SETTLE_MS = 2500;
/** Upper bound for one widget's `printReady()`; after it the page prints what is there. */
export const PRINT_TIMEOUT_MS = 30_000;

/** What the print hook needs from a widget (DlElement provides `active`). */
export interface PrintableWidget extends HTMLElement {
  active?: boolean;
  /** Bring the widget to a state worth printing; resolve when its picture is drawn. */
  printReady?(): Promise<void> | void;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const nextFrame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));

export { widgetsUnder };

/**
 * Bring every widget under `root` to its print state, one at a time (they share one TensorFlow.js
 * backend and two cores). Resolves when all are done; never rejects.
 */
export async function prepareWidgetsForPrint(root: ParentNode, onProgress?: (done: number, total: number) => void): Promise<void> {
  const widgets = widgetsUnder<PrintableWidget>(root);
  let done = 0;
  for (const el of widgets) {
    await Promise.race([customElements.whenDefined(el.localName), sleep(5000)]);
    const settle = (async () => {
      el.active = true;
      if (typeof el.printReady === 'function') {
        await el.printReady();
      } else {
        await Promise.race([new Promise((r) => el.addEventListener('dl-ready', r, { once: true })), sleep(DEFAULT_SETTLE_MS)]);
      }
    })().catch((err: unknown) => console.info(`<${el.localName}> print: ${err instanceof Error ? err.message : String(err)}`));
    await Promise.race([settle, sleep(PRINT_TIMEOUT_MS)]);
    // Let Lit and the canvases catch up before the widget stops.
    if ('updateComplete' in el) await (el as { updateComplete: Promise<unknown> }).updateComplete;
    await nextFrame();
    el.active = false;
    onProgress?.(++done, widgets.length);
  }
}
