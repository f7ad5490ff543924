/**
 * Cutting a one-shot build into slices (issue 18: no main-thread task over 50 ms). A widget's
 * build (data, tables, a graph layout) that would run in one long task instead works for
 * `sliceMs`, yields to the event loop, and goes on, so rendering and input run in between; the
 * result does not depend on where the slices fall (each builder's test compares it with the
 * one-shot build). `shouldStop` lets the widget abandon a build that Reset or removal made
 * useless: the next `pause()` then throws {@link BuildCancelled}. Nothing here touches the DOM.
 */

/** Milliseconds of work between two yields. */
export const BUILD_SLICE_MS = 8;

/** How a sliced build yields and stops. */
export interface Slicing {
  /** Work per slice, ms (default {@link BUILD_SLICE_MS}; 0: yield after every unit of work). */
  sliceMs?: number;
  /** Hands the thread back (default: a macrotask, see {@link yieldToEventLoop}); tests count the slices with it. */
  yieldNow?: () => Promise<void>;
  /** Asked at every yield: true abandons the build (it rejects with {@link BuildCancelled}). */
  shouldStop?: () => boolean;
}

/** The error a build rejects with when `shouldStop()` said so. */
export class BuildCancelled extends Error {
  constructor() {
    super('The build was cancelled (the widget was reset or removed).');
    this.name = 'BuildCancelled';
  }
}

/**
 * A macrotask yield. MessageChannel where it exists (no 4 ms clamp on nested timers), else
 * `setTimeout`; both exist on pages, in workers and in Node.
 */
export function yieldToEventLoop(): Promise<void> {
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const { port1, port2 } = new MessageChannel();
      port1.onmessage = () => {
        port1.close();
        resolve();
      };
      port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** The clock of a sliced build: work while `now() < until`, then `await pause()`. */
export interface Slicer {
  /** The end of the current slice (a `performance.now()` time). */
  readonly until: number;
  /** Whether the current slice has used its time. */
  due(): boolean;
  /** Yield, then start the next slice; throws {@link BuildCancelled} when `shouldStop()` is true. */
  pause(): Promise<void>;
}

export function createSlicer({ sliceMs = BUILD_SLICE_MS, yieldNow = yieldToEventLoop, shouldStop }: Slicing = {}): Slicer {
  if (!(sliceMs >= 0)) throw new Error(`sliceMs must be 0 or more, got ${sliceMs}.`);
  let until = performance.now() + sliceMs;
  return {
    get until() {
      return until;
    },
    due: () => performance.now() >= until,
    async pause() {
      if (shouldStop?.()) throw new BuildCancelled();
      await yieldNow();
      if (shouldStop?.()) throw new BuildCancelled();
      until = performance.now() + sliceMs;
    },
  };
}
