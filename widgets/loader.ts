/**
 * Loads only the widgets a page uses, each on its own chunk: a deck with one decision boundary
 * does not download the PPO or diffusion widgets.
 *
 * ```ts
 * await loadWidgetsIn(document.body);  // defines every <dl-…> found under the node
 * ```
 * The list comes from the folders: `widgets/<name>/<name>.ts` defines `<dl-name>`.
 */
const modules = import.meta.glob(['./*/*.ts', '!./_shared/**', '!./**/*.test.ts', '!./**/*.styles.ts', '!./**/*.view.ts']);

const LOADERS = new Map<string, () => Promise<unknown>>();
for (const [path, load] of Object.entries(modules)) {
  const m = /^\.\/([^/]+)\/\1\.ts$/.exec(path);
  if (m) LOADERS.set(`dl-${m[1]}`, load);
}

/** Every widget tag this build knows. */
export function knownWidgets(): string[] {
  return [...LOADERS.keys()].sort();
}

/** Define the widgets used under `root`; resolves when they are registered. */
export async function loadWidgetsIn(root: ParentNode): Promise<void> {
  const tags = new Set(Array.from(root.querySelectorAll('*'), (el) => el.localName).filter((t) => t.startsWith('dl-')));
  await Promise.all([...tags].map((t) => LOADERS.get(t)?.()));
}
