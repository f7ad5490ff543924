/** Helpers for widget tests in Vitest browser mode. */
import type { DlElement } from '../../widgets/_shared/dl-element.ts';

/**
 * Put `markup` (one element) into the page and wait for its first render. `active` sets the
 * widget's switch explicitly (leave it out to let on-screen visibility decide).
 */
export async function mount<T extends DlElement>(markup: string, options: { active?: boolean; parent?: HTMLElement } = {}): Promise<T> {
  const tpl = document.createElement('template');
  tpl.innerHTML = markup.trim();
  const el = tpl.content.firstElementChild as T;
  if (options.active !== undefined) el.active = options.active;
  (options.parent ?? document.body).append(el);
  await el.updateComplete;
  return el;
}

/** Resolve with the next event of this type (rejects after `ms`). */
export function nextEvent(target: EventTarget, type: string, ms = 20_000): Promise<Event> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`No ${type} event within ${ms} ms`)), ms);
    target.addEventListener(
      type,
      (e) => {
        clearTimeout(timer);
        resolve(e);
      },
      { once: true },
    );
  });
}

/** Poll until `predicate` holds (rejects after `ms`). */
export async function waitFor(predicate: () => boolean, ms = 20_000): Promise<void> {
  const start = performance.now();
  while (!predicate()) {
    if (performance.now() - start > ms) throw new Error(`Condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Whether this page has requested any TensorFlow.js module (plain-JavaScript widgets never do). */
export function tfjsRequested(): boolean {
  return performance.getEntriesByType('resource').some((e) => e.name.includes('@tensorflow'));
}

/** Run `body` with console.warn silenced (a widget warns once per bad attribute), restoring it after. */
export async function withoutWarnings<T>(body: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = () => {};
  try {
    return await body();
  } finally {
    console.warn = warn;
  }
}
