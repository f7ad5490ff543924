/**
 * `npm run build:widgets`: the widget library for other web pages, in dist-widgets/.
 *
 * - dl-widgets.js: one ES module that registers every `<dl-…>` element.
 * - widgets/<name>.js: one entry per widget (a page that needs one widget loads only its code and
 *   the shared chunks; TensorFlow.js is loaded lazily, the first time a widget starts).
 * - chunks/: shared code (Lit, the widget base, the engine, TensorFlow.js and its wasm binaries).
 * - types/: TypeScript declarations (tsc -p tsconfig.widgets.json).
 * - custom-elements.json: the manifest (attributes, events, CSS properties of every widget).
 *
 * Everything is bundled (no bare imports left), nothing uses eval or inline scripts, so the
 * library works under a strict Content-Security-Policy (see README, "Using a widget on another
 * page"). Prints the gzip size of the full library and of each widget entry with its static imports.
 */
import { TRANSFORM } from '../build/transform.ts';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const root = join(import.meta.dirname, '..');
const out = join(root, 'dist-widgets');

/** Widget folders that hold `<name>/<name>.ts`. */
const names = readdirSync(join(root, 'widgets'))
  .filter((n) => !n.startsWith('_') && !n.startsWith('.') && existsSync(join(root, 'widgets', n, `${n}.ts`)))
  .sort();
rmSync(out, { recursive: true, force: true });
const entries: Record<string, string> = { 'dl-widgets': join(root, 'widgets/index.ts') };
for (const n of names) entries[`widgets/${n}`] = join(root, 'widgets', n, `${n}.ts`);

await build({
  ...TRANSFORM,
  configFile: false,
  root,
  logLevel: 'warn',
  // A library must not bake in a page base: chunks and assets are found relative to each module.
  base: './',
  // As in vite.config.ts: the engine worker's hosts are chunks sharing one TensorFlow.js.
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    outDir: out,
    emptyOutDir: true,
    copyPublicDir: false,
    minify: true,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 100_000,
    lib: { entry: entries, formats: ['es'] },
    rollupOptions: {
      output: {
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        assetFileNames: 'chunks/[name]-[hash][extname]',
      },
    },
  },
});

// Manifest: regenerate from the JSDoc, then copy.
execFileSync('npx', ['cem', 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--quiet'], { cwd: root, stdio: 'inherit' });
copyFileSync(join(root, 'custom-elements.json'), join(out, 'custom-elements.json'));

// Types.
try {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.widgets.json'], { cwd: root, stdio: 'inherit' });
} catch {
  console.error('build:widgets: the TypeScript declarations did not build (see above).');
  process.exitCode = 1;
}
// Types for each entry, next to it (so `types` conditions in package.json exports resolve).
writeFileSync(join(out, 'dl-widgets.d.ts'), `import './types/widgets/index.ts';\nexport {};\n`);
for (const n of names) {
  const d = join(out, 'types/widgets', n, `${n}.d.ts`);
  if (existsSync(d)) writeFileSync(join(out, 'widgets', `${n}.d.ts`), `export * from '../types/widgets/${n}/${n}.ts';\n`);
}

// Sizes: each entry with the chunks it imports statically (what a page loads before any widget starts).
function staticClosure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  for (const m of code.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["'](\.[^"']+)["']/g)) staticClosure(join(dirname(file), m[1]), seen);
  return seen;
}
const gz = (files: Iterable<string>) => [...files].reduce((s, f) => s + gzipSync(readFileSync(f)).length, 0);
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const allFiles = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? allFiles(join(dir, f)) : [join(dir, f)]));
const code = allFiles(out).filter((f) => /\.(js|wasm)$/.test(f));
console.log(`dist-widgets/: ${names.length} widgets; all JS + wasm ${kib(code.reduce((s, f) => s + statSync(f).size, 0))}, gzip ${kib(gz(code))}`);
console.log(`  dl-widgets.js + static imports (first paint, no TensorFlow.js): gzip ${kib(gz(staticClosure(join(out, 'dl-widgets.js'))))}`);
for (const n of names) {
  const files = staticClosure(join(out, 'widgets', `${n}.js`));
  console.log(`  widgets/${n}.js + static imports: gzip ${kib(gz(files))} (${files.size} files)`);
}
console.log(`  lazily loaded engine chunks (TensorFlow.js etc.): ${code.filter((f) => !staticClosure(join(out, 'dl-widgets.js')).has(f)).length} files; see ${relative(root, join(out, 'chunks'))}/`);
