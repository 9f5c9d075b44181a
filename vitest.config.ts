import { defineConfig } from 'vitest/config';

// A hang should fail, a slow machine should not: some tests scan the whole source tree or run
// hundreds of analyses (twice, with and without the prefilter), and a loaded 2-core machine takes
// several seconds for them. Speed is measured by `npm run bench`, not here.
const testTimeout = 60_000;

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout,
        },
      },
      {
        oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
        test: {
          name: 'webview',
          include: ['test/webview/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          testTimeout,
        },
      },
    ],
  },
});
