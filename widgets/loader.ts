/**
 * Loads only the widgets a page uses, each on its own chunk: a deck with one decision boundary
 * does not download the PPO or diffusion widgets.
 *
 * ```ts
 * await loadWidgetsIn(document.body);               // every <dl-…> found under the node
 * await loadWidgets(['dl-decision-boundary']);        // or by tag
 * ```
 * The list comes from the folders: `widgets/<name>/<name>.ts` defines `<dl-name>`.
 */
import { widgetsUnder } from './_shared/find.ts';

const modules = import.meta.glob(['./*/*.ts', '!./_shared/**', '!./*/*.*.ts']);

const LOADERS = new Map<string, () => Promise<unknown>>();
for (const [path, load] of Object.entries(modules)) {
  const m = /^\.\/([^/]+)\/\1\.ts$/.exec(path);
  if (m) LOADERS.set(`dl-${m[1]}`, load);
}

/** Every widget tag this build knows. */
export function knownWidgets(): string[] {
  return [...LOADERS.keys()].sort();
}

/** Define the given widget tags (unknown ones are skipped); resolves when they are registered. */
export async function loadWidgets(tags: Iterable<string>): Promise<void> {
  await Promise.all([...new Set(tags)].map((t) => LOADERS.get(t)?.()));
}

/** Define the widgets used under `root`. */
export function loadWidgetsIn(root: ParentNode): Promise<void> {
  return loadWidgets(widgetsUnder(root).map((el) => el.localName));
}
