/**
 * Where Chromium lives and how we start it. Debian's /usr/bin/chromium by default; set
 * DL_CHROMIUM_PATH to use another build (or set it to "" to let Playwright use its own browser).
 */
import { existsSync } from 'node:fs';

/** Flags that keep a headless Chromium quiet and offline-friendly. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The Chromium executable to launch, or undefined for Playwright's bundled browser. */
export function chromiumPath(): string | undefined {
  const fromEnv = process.env.DL_CHROMIUM_PATH;
  if (fromEnv !== undefined) return fromEnv || undefined;
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}
