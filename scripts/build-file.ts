/**
 * `npm run build:file [-- <deck> …]`: one self-contained HTML file per deck and student talk in
 * dist-file/<deck>.html, which opens by double-click (file://) in Chromium and Firefox with live
 * widgets. With no argument every deck and talk is built; name decks by folder (`01-ml-basics`).
 * See build/single-file.ts for how.
 */
import { TRANSFORM } from '../build/transform.ts';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { build } from 'vite';
import { decksPlugin, findDecks } from '../build/decks.ts';
import { inlineIntoHtml, woff2Only, noThreadedWasm } from '../build/single-file.ts';

const root = join(import.meta.dirname, '..');
const outDir = join(root, 'dist-file');
const args = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const all = findDecks(root);

const unknown = args.filter((a) => !all.some((d) => basename(d.path) === a || d.path === a.replace(/\/$/, '')));
if (unknown.length > 0) {
  console.error(`build:file: no deck or talk named ${unknown.map((u) => `"${u}"`).join(', ')}.`);
  console.error(`Known: ${all.map((d) => basename(d.path)).join(', ')}`);
  process.exit(1);
}
const chosen = args.length === 0 ? all : all.filter((d) => args.some((a) => basename(d.path) === a || d.path === a.replace(/\/$/, '')));
mkdirSync(outDir, { recursive: true });

for (const deck of chosen) {
  const name = basename(deck.path);
  const tmp = join(root, 'node_modules/.dl-build-file', name);
  const t0 = Date.now();
  try {
    await build({
      ...TRANSFORM,
      configFile: false,
      root,
      base: './',
      // decks/_shared/boot.ts reads it: a single file has no course home page to link back to.
      mode: 'single-file',
      logLevel: 'warn',
      plugins: [decksPlugin(root), woff2Only(), noThreadedWasm(), inlineIntoHtml()],
      // As in vite.config.ts (the engine worker awaits its host; a file:// page falls back to the page).
      worker: { format: 'es' },
      build: {
        target: 'es2022',
        outDir: tmp,
        emptyOutDir: true,
        assetsInlineLimit: () => true,
        cssCodeSplit: false,
        chunkSizeWarningLimit: 100_000,
        reportCompressedSize: false,
        rollupOptions: { input: { [name]: join(root, deck.path, 'index.html') }, output: { codeSplitting: false } },
      },
    });
  } catch (err) {
    console.error(`build:file: ${deck.path} failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
    continue;
  }
  const built = join(tmp, deck.path, 'index.html');
  if (!existsSync(built)) {
    console.error(`build:file: ${deck.path}: no HTML was written.`);
    process.exitCode = 1;
    continue;
  }
  const target = join(outDir, `${name}.html`);
  const html = readFileSync(built, 'utf8');
  const leftovers = [...html.matchAll(/(?:src|href)="(\.\.?\/[^"]+)"/g)].map((m) => m[1]);
  if (leftovers.length > 0) console.warn(`build:file: ${name}.html still refers to ${leftovers.join(', ')}`);
  writeFileSync(target, html);
  renameSync(built, `${built}.done`);
  rmSync(tmp, { recursive: true, force: true });
  console.log(`dist-file/${name}.html  ${(statSync(target).size / 1024 / 1024).toFixed(2)} MiB  (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
}
