import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { CHROMIUM_ARGS, chromiumPath } from './tests/helpers/chromium.ts';
import { TRANSFORM } from './build/transform.ts';

export default defineConfig({
  test: {
    projects: [
      {
        ...TRANSFORM,
        test: {
          name: 'engine',
          include: ['engine/**/*.test.ts', 'tests/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        ...TRANSFORM,
        test: {
          name: 'widgets',
          include: ['widgets/**/*.test.ts'],
          testTimeout: 60_000,
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({
              launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
