import { defineConfig } from '@playwright/test';
import path from 'node:path';
import type { VsCodeOptions } from './vscode';

const repoRoot = path.resolve(__dirname, '..', '..');

/**
 * Real VS Code (code-server) driven by Debian's Chromium. One worker: each worker runs its own
 * code-server and the machine has 2 cores. Screenshots the tests take and the traces of failures
 * land in test-results/e2e/.
 */
export default defineConfig<VsCodeOptions>({
  testDir: __dirname,
  testMatch: '**/*.spec.ts',
  outputDir: path.join(repoRoot, 'test-results', 'e2e'),
  globalSetup: './global-setup.ts',
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  // A display language (and an extension host) is per code-server process, so each has its project; tests pick one by tag.
  // VS Code for the Web: tests tagged @web run with the extension in the browser's web worker host.
  projects: [
    { name: 'en', grepInvert: /@zh-cn|@web/ },
    { name: 'zh-cn', grep: /@zh-cn/, use: { displayLanguage: 'zh-cn' } },
    { name: 'web', grep: /@web/, use: { extensionHost: 'web' } },
  ],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1400, height: 860 },
    actionTimeout: 15_000,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    },
  },
});
