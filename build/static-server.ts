/**
 * A tiny static file server for built folders (dist/, dist-widgets/, test pages): serves `dir`
 * under the URL prefix `base` (e.g. `/course/`) on 127.0.0.1, like a university web server that
 * hosts the course below some path. Used by `npm run pdf` and the end-to-end tests.
 *
 * ```ts
 * const server = await serveStatic('dist', { base: '/course/' });
 * // server.url === 'http://127.0.0.1:PORT/course/'
 * await server.close();
 * ```
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};

/** Options for {@link serveStatic}. */
export interface StaticOptions {
  /** URL prefix the folder appears under; default `/`. */
  base?: string;
  /** Port; default 0 (any free port). */
  port?: number;
  /** Extra response headers (e.g. a Content-Security-Policy). */
  headers?: Record<string, string>;
  /** Extra folders: URL prefix → folder (e.g. test fixtures next to a built library). */
  mounts?: Record<string, string>;
}

/** A running server. */
export interface StaticServer {
  /** `http://127.0.0.1:PORT<base>` */
  url: string;
  /** Every path requested, for tests. */
  requests: string[];
  close(): Promise<void>;
}

/** Serve `dir` (see the file comment). */
export function serveStatic(dir: string, options: StaticOptions = {}): Promise<StaticServer> {
  const base = `/${(options.base ?? '/').replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');
  const mounts = Object.entries({ ...(options.mounts ?? {}), [base]: dir }).map(([prefix, folder]) => [prefix, resolve(folder)] as const);
  const requests: string[] = [];
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    const mount = mounts.filter(([prefix]) => path.startsWith(prefix)).sort((a, b) => b[0].length - a[0].length)[0];
    if (!mount) return notFound(res, path);
    let file = normalize(join(mount[1], path.slice(mount[0].length)));
    if (!file.startsWith(mount[1] + sep) && file !== mount[1]) return notFound(res, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file) || !statSync(file).isFile()) return notFound(res, path);
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store', ...options.headers });
    createReadStream(file).pipe(res);
  };
  return new Promise((ok, fail) => {
    const server = createServer(handler);
    server.on('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      ok({
        url: `http://127.0.0.1:${port}${base}`,
        requests,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

function notFound(res: ServerResponse, path: string): void {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(`Not found: ${path}`);
}
