/**
 * Two ways to drive a browser with one small interface: Firefox over WebDriver BiDi with
 * puppeteer-core (Debian's firefox-esr), and WebKitGTK over classic WebDriver, spoken as plain HTTP
 * to Debian's WebKitWebDriver (which starts the webkit2gtk MiniBrowser in automation mode).
 * Neither downloads a browser.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { freePort } from './server.ts';

/** A page in a browser that can be pointed at a URL and asked to evaluate an expression. */
export interface Driver {
  name: string;
  /** Browser name and version, for the report. */
  version: string;
  goto(url: string): Promise<void>;
  /** Evaluate a JavaScript expression in the page; a promise is awaited. Result: JSON values. */
  eval<T>(expression: string, timeoutMs?: number): Promise<T>;
  /** Problems the driver itself saw (page errors, outside requests), drained by each read. */
  take(): string[];
  close(): Promise<void>;
}

/** Where Debian puts the browsers; override with DL_FIREFOX_PATH, DL_WEBKIT_DRIVER, DL_WEBKIT_BROWSER. */
export const PATHS = {
  firefox: process.env.DL_FIREFOX_PATH ?? '/usr/bin/firefox-esr',
  webkitDriver: process.env.DL_WEBKIT_DRIVER ?? '/usr/bin/WebKitWebDriver',
  webkitBrowser: process.env.DL_WEBKIT_BROWSER ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
};

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms);
    }),
  ]);
}

/** Firefox ESR, headful on the given X display (WebGL needs one), driven over WebDriver BiDi. */
export async function firefox(display: string, origin: string): Promise<Driver> {
  if (!existsSync(PATHS.firefox)) throw new Error(`No Firefox at ${PATHS.firefox} (apt-get install firefox-esr)`);
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: PATHS.firefox,
    headless: false,
    env: { ...process.env, DISPLAY: display, MOZ_CRASHREPORTER_DISABLE: '1' },
    defaultViewport: { width: 1280, height: 720 },
    extraPrefsFirefox: {
      // No background traffic of Firefox's own: the walk fails on any request to another host.
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
      'extensions.update.enabled': false,
      'app.update.enabled': false,
    },
  });
  const version = await browser.version();
  const page = await browser.newPage();
  const seen: string[] = [];
  page.on('pageerror', (e) => seen.push(`pageerror: ${e instanceof Error ? e.message : String(e)}`));
  page.on('request', (r) => {
    const url = r.url();
    if (/^(https?|wss?):/.test(url) && new URL(url).origin !== origin) seen.push(`outside request: ${url}`);
  });
  return {
    name: 'firefox',
    version,
    async goto(url) {
      await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    },
    eval<T>(expression: string, timeoutMs = 60_000) {
      return withTimeout(page.evaluate(expression) as Promise<T>, timeoutMs, 'firefox evaluate');
    },
    take: () => seen.splice(0),
    async close() {
      await browser.close();
    },
  };
}

/** Minimal W3C WebDriver client over fetch: only the commands the walk uses. */
class WebDriverSession {
  constructor(
    private base: string,
    readonly id: string,
  ) {}

  static async create(base: string, capabilities: object): Promise<WebDriverSession> {
    const r = await wd<{ sessionId: string; capabilities: Record<string, unknown> }>(`${base}/session`, 'POST', { capabilities });
    return new WebDriverSession(base, r.sessionId);
  }

  cmd<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: object): Promise<T> {
    return wd<T>(`${this.base}/session/${this.id}${path}`, method, body);
  }
}

async function wd<T>(url: string, method: string, body?: object): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as { value: T & { error?: string; message?: string } };
  if (!res.ok || (json.value && typeof json.value === 'object' && 'error' in json.value && json.value.error)) {
    throw new Error(`WebDriver ${method} ${url.replace(/^.*\/session/, '/session')}: ${json.value?.error} ${json.value?.message ?? ''}`);
  }
  return json.value;
}

/** WebKitGTK's MiniBrowser on the given X display, through WebKitWebDriver. */
export async function webkit(display: string): Promise<Driver> {
  for (const p of [PATHS.webkitDriver, PATHS.webkitBrowser]) {
    if (!existsSync(p)) throw new Error(`No ${p} (apt-get install webkit2gtk-driver)`);
  }
  const port = await freePort();
  const proc: ChildProcess = spawn(PATHS.webkitDriver, [`--port=${port}`, '--host=127.0.0.1'], {
    env: { ...process.env, DISPLAY: display },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  proc.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const base = `http://127.0.0.1:${port}`;
  const stopDriver = () =>
    new Promise<void>((done) => {
      if (proc.exitCode !== null) return done();
      proc.once('exit', () => done());
      proc.kill('SIGTERM');
    });
  try {
    // The driver listens a moment after it starts.
    for (let i = 0; ; i++) {
      try {
        await wd(`${base}/status`, 'GET');
        break;
      } catch (e) {
        if (i > 100 || proc.exitCode !== null) throw new Error(`WebKitWebDriver did not start: ${stderr}`, { cause: e });
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const session = await WebDriverSession.create(base, {
      alwaysMatch: {
        'webkitgtk:browserOptions': { binary: PATHS.webkitBrowser, args: ['--automation', '--geometry=1280x720'] },
      },
    });
    await session.cmd('POST', '/timeouts', { script: 300_000, pageLoad: 60_000 });
    await session.cmd('POST', '/window/rect', { width: 1280, height: 720 }).catch(() => undefined);
    const version = await session
      .cmd<string>('POST', '/execute/sync', { script: 'return navigator.userAgent.match(/AppleWebKit\\/[\\d.]+/)?.[0] ?? navigator.userAgent', args: [] })
      .catch(() => 'WebKitGTK');
    return {
      name: 'webkit',
      version,
      async goto(url) {
        await session.cmd('POST', '/url', { url });
        // WebKitWebDriver can answer before the new document has replaced the old one; a script
        // sent then runs in the page being torn down. Wait until the new page has loaded.
        const t0 = Date.now();
        for (;;) {
          const state = await session
            .cmd<string>('POST', '/execute/sync', { script: 'return location.href + " " + document.readyState', args: [] })
            .catch(() => '');
          if (state === `${url} complete`) return;
          if (Date.now() - t0 > 60_000) throw new Error(`${url} did not load in 60 s (${state})`);
          await new Promise((r) => setTimeout(r, 50));
        }
      },
      async eval<T>(expression: string, timeoutMs = 60_000) {
        // Async script: the last argument is the callback; errors come back as values to keep their text.
        const script = `const done = arguments[arguments.length - 1];
          Promise.resolve().then(() => ${expression}).then((v) => done({ ok: v === undefined ? null : v }), (e) => done({ err: e && e.message !== undefined ? e.message + ' at ' + e.stack : String(e) }));`;
        const r = await withTimeout(session.cmd<{ ok?: T; err?: string }>('POST', '/execute/async', { script, args: [] }), timeoutMs, 'webkit execute');
        if (r.err !== undefined) throw new Error(r.err);
        return r.ok as T;
      },
      take: () => [],
      async close() {
        await session.cmd('DELETE', '').catch(() => undefined);
        await stopDriver();
      },
    };
  } catch (e) {
    await stopDriver();
    throw e;
  }
}
