import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './tests/helpers/chromium.ts';

const PORT = Number(process.env.DL_E2E_PORT || 4173);
const launch = (extra: string[]) => ({ launchOptions: { executablePath: chromiumPath(), args: [...CHROMIUM_ARGS, ...extra] } });

/**
 * End-to-end tests against the production build (`npm run build` first; `npm test` does).
 * Three Chromium set-ups exercise the backend chain: WebGPU enabled, the default (WebGL through
 * SwiftShader), and no GPU at all (wasm; with the .wasm files blocked, cpu).
 */
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  reporter: process.env.CI ? [['list']] : [['list']],
  outputDir: 'test-results',
  use: { baseURL: `http://127.0.0.1:${PORT}/`, viewport: { width: 1280, height: 720 }, trace: 'off', screenshot: 'off' },
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
  projects: [
    // Everything, on the default set-up (WebGL via SwiftShader, no WebGPU).
    { name: 'webgl', grepInvert: /@cpu/, use: { browserName: 'chromium', ...launch([]) } },
    { name: 'webgpu', grep: /@backend/, use: { browserName: 'chromium', ...launch(['--enable-unsafe-webgpu']) } },
    { name: 'no-gpu', grep: /@backend|@cpu/, use: { browserName: 'chromium', ...launch(['--disable-gpu', '--disable-software-rasterizer']) } },
  ],
});
