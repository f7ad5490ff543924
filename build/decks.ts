/**
 * Finds every deck and student talk from the folders (no list is kept by hand), and serves the
 * list to the home page as the virtual module `virtual:dl-decks`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { parseFrontMatter } from '../decks/_shared/front-matter.ts';

/** One entry of the course home page. */
export interface DeckEntry {
  /** Folder path from the project root, e.g. `decks/01-ml-basics`. */
  path: string;
  /** `lecture`, `topic` or `talk`. */
  kind: 'lecture' | 'topic' | 'talk';
  title: string;
  summary: string;
  /** Lecture number, when the front matter gives one. */
  lecture?: number;
  author?: string;
  /** Problems in the front matter (the home page flags the deck). */
  problems: string[];
}

/** Folders that hold decks. */
export const DECK_ROOTS = ['decks', 'student-talks'] as const;

/** Scan the deck folders under `root`. A folder counts when it has slides.md and index.html. */
export function findDecks(root: string): DeckEntry[] {
  const out: DeckEntry[] = [];
  for (const base of DECK_ROOTS) {
    const dir = join(root, base);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('_') || name.startsWith('.')) continue;
      const folder = join(dir, name);
      const md = join(folder, 'slides.md');
      if (!existsSync(md) || !existsSync(join(folder, 'index.html'))) continue;
      const { meta, problems } = parseFrontMatter(readFileSync(md, 'utf8'));
      const lecture = meta.lecture ? Number(meta.lecture) : undefined;
      const kind: DeckEntry['kind'] = base === 'student-talks' ? 'talk' : meta.kind === 'topic' || lecture === undefined ? 'topic' : 'lecture';
      out.push({
        path: `${base}/${name}`,
        kind,
        title: meta.title ?? name,
        summary: meta.summary ?? '',
        lecture,
        author: meta.author,
        problems: problems.map((p) => `${base}/${name}/slides.md:${p.line}: ${p.message}`),
      });
    }
  }
  return out.sort((a, b) => (a.lecture ?? 99) - (b.lecture ?? 99) || a.path.localeCompare(b.path));
}

/** Every HTML entry point for a multi-page build: the home page plus each deck. */
export function htmlInputs(root: string): Record<string, string> {
  const inputs: Record<string, string> = { index: resolve(root, 'index.html') };
  for (const d of findDecks(root)) inputs[d.path] = resolve(root, d.path, 'index.html');
  for (const extra of ['gallery/index.html']) if (existsSync(resolve(root, extra))) inputs[extra.replace('/index.html', '')] = resolve(root, extra);
  return inputs;
}

const VIRTUAL = 'virtual:dl-decks';

/** Vite plugin: `import decks from 'virtual:dl-decks'` gives the current list. */
export function decksPlugin(root: string): Plugin {
  return {
    name: 'dl-decks',
    resolveId: (id) => (id === VIRTUAL ? `\0${VIRTUAL}` : null),
    load(id) {
      if (id !== `\0${VIRTUAL}`) return null;
      return `export default ${JSON.stringify(findDecks(root))};`;
    },
    configureServer(server) {
      // A new or renamed deck, or an edited front matter, refreshes the home page list.
      const refresh = (file: string) => {
        if (!/[\\/](decks|student-talks)[\\/]/.test(file) || !/(slides\.md|index\.html)$/.test(file)) return;
        const mod = server.moduleGraph.getModuleById(`\0${VIRTUAL}`);
        if (mod) server.moduleGraph.invalidateModule(mod);
      };
      server.watcher.on('add', refresh);
      server.watcher.on('unlink', refresh);
      server.watcher.on('change', refresh);
    },
  };
}
