import { defineConfig } from 'vite';
import { decksPlugin, htmlInputs } from './build/decks.ts';
import { TRANSFORM } from './build/transform.ts';

const root = import.meta.dirname;

export default defineConfig({
  ...TRANSFORM,
  // Relative asset paths: dist/ works from any sub-path of any static host.
  base: './',
  plugins: [decksPlugin(root)],
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
    rollupOptions: { input: htmlInputs(root) },
  },
  // Module workers, so the one engine worker (engine/workers/engine-worker.ts) splits its hosts into
  // chunks that share one copy of TensorFlow.js.
  worker: { format: 'es' },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
