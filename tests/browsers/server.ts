/**
 * The production build served by Vite's preview server, as `npm run preview` serves it, plus two
 * things only a test needs: every HTML page gets the guard script (in-page.ts) as its first script,
 * and a report-only Content-Security-Policy that allows this origin alone, so the page itself
 * reports any request to another host (it blocks nothing). Responses with status ≥ 400 are logged.
 */
import { readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, normalize, resolve } from 'node:path';
import { preview, type Plugin } from 'vite';
import { guard } from './in-page.ts';

/** A running preview server. */
export interface TestServer {
  /** `http://127.0.0.1:PORT/` */
  url: string;
  /** Local URLs answered with an error status (a missing asset), drained by each read. */
  takeFailed(): string[];
  close(): Promise<void>;
}

// Report-only: every fetch from another origin becomes a securitypolicyviolation event in the page.
const POLICY = "default-src 'self' data: blob: 'unsafe-inline' 'unsafe-eval' 'wasm-unsafe-eval'";

/** A port nobody listens on now (other engineers may hold 4173). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Serve `outDir` (default `dist/`) from the project root on a free port. */
export async function startServer(root: string, outDir = process.env.DL_DIST ?? 'dist'): Promise<TestServer> {
  const dir = resolve(root, outDir);
  try {
    statSync(join(dir, 'index.html'));
  } catch {
    throw new Error(`No build in ${dir}: run "npm run build" first.`);
  }
  const failed: string[] = [];
  const script = `<script>(${guard.toString()})()</script>`;
  const plugin: Plugin = {
    name: 'dl-walk-guard',
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
        res.on('finish', () => {
          if (res.statusCode >= 400) failed.push(`${res.statusCode} ${path}`);
        });
        res.setHeader('Content-Security-Policy-Report-Only', POLICY);
        const file = normalize(join(dir, path.endsWith('/') ? `${path}index.html` : path));
        if (!file.startsWith(dir) || !file.endsWith('.html')) return next();
        let html: string;
        try {
          html = readFileSync(file, 'utf8');
        } catch {
          return next();
        }
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        res.setHeader('Cache-Control', 'no-store');
        res.end(html.replace(/<head>/i, `<head>${script}`));
      });
    },
  };
  const port = await freePort();
  const server = await preview({
    root,
    configFile: false,
    // A missing file is a 404 (not the SPA fallback page), so it shows up in takeFailed().
    appType: 'mpa',
    logLevel: 'warn',
    plugins: [plugin],
    build: { outDir },
    preview: { host: '127.0.0.1', port, strictPort: true, open: false },
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    takeFailed: () => failed.splice(0),
    close: () => server.close(),
  };
}
