/**
 * A second editor through the language server: Neovim's built-in LSP client (headless) opens a
 * buggy training script, and the server's diagnostic, quick fixes and hover reach it. No browser:
 * this spec runs Neovim as a child process. It skips, saying so, when `nvim` is not installed (the
 * harness installs Debian's `neovim` as root; see scripts/vscode-host.mjs).
 */
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './host';

const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const hasNvim = nvim.status === 0;

test('Neovim shows the server’s diagnostic, quick fixes and hover for a buggy script', () => {
  test.skip(!hasNvim, 'nvim is not installed (Debian: apt-get install -y neovim); the Neovim e2e needs a real Neovim');
  const cli = path.join(repoRoot, 'dist', 'cli.js');
  expect(existsSync(cli), 'dist/cli.js is built (npm run build)').toBe(true);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'optim-lens-nvim-'));
  copyFileSync(path.join(__dirname, 'workspace', 'train_buggy.py'), path.join(dir, 'train.py'));
  const run = spawnSync('nvim', ['--headless', '--clean', '-c', `luafile ${path.join(__dirname, 'neovim-lsp.lua')}`, 'train.py'], {
    cwd: dir,
    encoding: 'utf8',
    // Line 7, column 25: inside `SGD(` of `optimizer = torch.optim.SGD(...)`.
    env: { ...process.env, OPTIM_LENS_CLI: cli, OPTIM_LENS_NODE: process.execPath, HOVER_LINE: '7', HOVER_COLUMN: '25', LANG: 'C.UTF-8' },
    timeout: 55_000,
  });
  const lines = run.stdout.split('\n');
  test.info().annotations.push({ type: 'nvim', description: nvim.stdout.split('\n')[0] ?? '' });
  expect(run.status, run.stderr).toBe(0);
  // The optimizer step of train_buggy.py, line 15 column 9, as Neovim numbers it.
  expect(lines.filter((l) => /^\d+:\d+ OL/.test(l))).toEqual([expect.stringMatching(/^15:9 OL001 Optim Lens Gradients of optimizer are never cleared/)]);
  expect(lines).toContain('action: Insert optimizer.zero_grad() at the top of the loop');
  expect(lines.some((l) => l.startsWith('hover: **torch.optim.SGD**'))).toBe(true);
});
