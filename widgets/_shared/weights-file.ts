/**
 * Trained weights in a file: a widget saves its trained state ("Save weights" in its ⋯ menu, or
 * `saveWeights()`), and a slide opens on it with `weights="name.weights.json"`, so a lecture can
 * start from a network trained before class.
 *
 * ```json
 * { "format": "dl-live-weights", "version": 1, "widget": "dl-decision-boundary",
 *   "saved": "2026-12-03T10:00:00.000Z", "tag": "<dl-decision-boundary dataset=\"spiral\" …>",
 *   "attributes": { "dataset": "spiral", "hidden-layers": "8,8" }, "state": { … } }
 * ```
 * - `attributes` are the settings the weights were trained with (those that differ from the
 *   defaults); the loading widget checks the ones that shape the network and names any mismatch.
 * - `state` belongs to the widget (an MLP's sizes, weights and biases for the decision boundary).
 * - Where the file comes from: a source registered with {@link registerWeightsSource} first (a
 *   deck registers its folder's `*.weights.json` files, bundled by Vite, so they work offline, in
 *   the single-file build and on file://), else `fetch` relative to the page.
 *
 * Pure (no DOM, no engine) except {@link readWeightsText} and {@link downloadText}: the deck lint
 * and `scripts/` use the same parser and writer.
 */

/** The `format` field of every weights file. */
export const WEIGHTS_FORMAT = 'dl-live-weights';
/** The version this code writes and reads. */
export const WEIGHTS_VERSION = 1;
/** What a weights file name must end with (decks bundle exactly these files). */
export const WEIGHTS_SUFFIX = '.weights.json';

/** A parsed weights file. */
export interface WeightsFile<S = unknown> {
  format: typeof WEIGHTS_FORMAT;
  version: number;
  /** The tag name of the widget that saved it. */
  widget: string;
  /** ISO time of saving. */
  saved: string;
  /** The tag that reproduces the widget's settings (informative). */
  tag: string;
  /** Attribute → value of the settings that differ from the defaults. */
  attributes: Record<string, string>;
  /** The widget's own state. */
  state: S;
}

/** The file text for `state` saved by `widget` with `attributes` (numbers keep float32 precision). */
export function encodeWeightsFile<S>(widget: string, attributes: Record<string, string>, tag: string, state: S, saved = new Date()): string {
  const file: WeightsFile<S> = { format: WEIGHTS_FORMAT, version: WEIGHTS_VERSION, widget, saved: saved.toISOString(), tag, attributes, state };
  // Nine significant digits round-trip any float32; shorter for the common exact values.
  return `${JSON.stringify(file, (_key, value: unknown) => (typeof value === 'number' && !Number.isInteger(value) ? Number(value.toPrecision(9)) : value))}\n`;
}

/**
 * Parse and check the envelope of a weights file. `source` names the file in messages; `widget`
 * is the tag expected. Throws an Error whose message says what is wrong and what to do.
 */
export function parseWeightsFile(text: string, source: string, widget: string): WeightsFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new Error(`weights="${source}" is not valid JSON (${err instanceof Error ? err.message : String(err)}). Save it again with the widget's "Save weights".`, { cause: err });
  }
  const file = data as Partial<WeightsFile>;
  if (typeof data !== 'object' || data === null || file.format !== WEIGHTS_FORMAT) {
    throw new Error(`weights="${source}" is not a dl-live weights file (no "format": "${WEIGHTS_FORMAT}"). Save one with the widget's "Save weights".`);
  }
  if (file.version !== WEIGHTS_VERSION) throw new Error(`weights="${source}" has version ${String(file.version)}; this dl-live reads version ${WEIGHTS_VERSION}. Save it again.`);
  if (file.widget !== widget) throw new Error(`weights="${source}" was saved by <${String(file.widget)}>, not <${widget}>. Use a file saved by this widget.`);
  if (typeof file.attributes !== 'object' || file.attributes === null || file.state === undefined) throw new Error(`weights="${source}" has no attributes or state. Save it again.`);
  return { saved: '', tag: '', ...file } as WeightsFile;
}

/**
 * Settings that must match for the weights to fit: for each attribute, the file's value against
 * the widget's (a missing entry in the file means the default). Returns one message per mismatch.
 */
export function mismatchedSettings(file: WeightsFile, source: string, current: Record<string, string | null>, defaults: Record<string, string | null>, names: readonly string[]): string[] {
  const out: string[] = [];
  for (const name of names) {
    const saved = file.attributes[name] ?? defaults[name] ?? '';
    const now = current[name] ?? '';
    if (saved !== now) out.push(`weights="${source}" was trained with ${name}="${saved}" but this widget has ${name}="${now}". Set ${name}="${saved}" or save new weights.`);
  }
  return out;
}

/** Sources tried before the network, newest first: a deck's bundled files. */
const sources: ((name: string) => Promise<string> | null)[] = [];

/** Let `resolve(name)` answer `weights="name"` (return null for names it does not have). */
export function registerWeightsSource(resolve: (name: string) => Promise<string> | null): void {
  sources.unshift(resolve);
}

/** The text of `weights="name"`: a registered source, else the file next to the page. */
export async function readWeightsText(name: string): Promise<string> {
  for (const source of sources) {
    const found = source(name);
    if (found) return found;
  }
  const url = new URL(name, document.baseURI);
  let response: Response;
  try {
    response = await fetch(url);
  } catch (err) {
    throw new Error(`Could not read weights="${name}" (${url.href}). Put the file in the same folder as the page${location.protocol === 'file:' ? ', or build the deck with npm run build:file, which bundles it' : ''}.`, { cause: err });
  }
  // A development server answers an unknown path with its HTML page: that is "not found" too.
  const html = (response.headers.get('content-type') ?? '').includes('text/html');
  if (!response.ok || html) throw new Error(`weights="${name}" was not found (${html ? 'a web page' : response.status} at ${url.href}). Put the file in the same folder as the page, or fix the name.`);
  return response.text();
}

/** Offer `text` as a download named `filename`. */
export function downloadText(filename: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
