// The desktop suite: test/electron/suite/index.cjs inside desktop VS Code (@vscode/test-electron),
// on a copy of test/e2e/workspace/ — the scenarios of the browser suite, in Electron.
//
// Which VS Code: OPTIM_LENS_VSCODE_EXECUTABLE if set; otherwise the oldest supported version
// (package.json engines) and stable, downloaded into .vscode-test/ when the download host answers,
// or the versions already there when it does not. With none of these it says it skipped and exits 0:
// it never reports a pass it did not run.
import { runTests, downloadAndUnzipVSCode } from '@vscode/test-electron';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { setTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';
import { ensureDebianPackages } from '../../scripts/vscode-host.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const cachePath = path.join(repo, '.vscode-test');
const DOWNLOAD_HOST = 'https://update.code.visualstudio.com/api/releases/stable';

/** Whether VS Code's download host answers within 3 s (any HTTP status counts). */
function downloadHostReachable() {
  return new Promise((resolve) => {
    const request = https.get(DOWNLOAD_HOST, { timeout: 3000 }, (response) => {
      response.resume();
      resolve(true);
    });
    const giveUp = () => {
      request.destroy();
      resolve(false);
    };
    request.on('timeout', giveUp);
    request.on('error', () => resolve(false));
    setTimeout(giveUp, 3000).unref(); // Covers a DNS lookup that hangs before the socket exists.
  });
}

/** Versions test-electron downloaded earlier, e.g. `.vscode-test/vscode-linux-x64-1.100.0/`. */
function cachedVersions() {
  if (!existsSync(cachePath)) return [];
  return readdirSync(cachePath)
    .map((name) => /^vscode-[a-z0-9-]+?-(\d+\.\d+\.\d+)$/.exec(name))
    .filter((match) => match && existsSync(path.join(cachePath, match[0], 'is-complete')))
    .map((match) => match[1]);
}

/** `[label, executable-or-version]` pairs to run, or undefined when VS Code cannot be had. */
async function targets() {
  const executable = process.env.OPTIM_LENS_VSCODE_EXECUTABLE;
  if (executable) {
    if (!existsSync(executable)) throw new Error(`OPTIM_LENS_VSCODE_EXECUTABLE=${executable} does not exist`);
    return [{ label: executable, vscodeExecutablePath: executable }];
  }
  if (await downloadHostReachable()) {
    const oldest = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')).engines.vscode.replace(/^[\^~>=\s]+/, '');
    return [oldest, 'stable'].map((version) => ({ label: `VS Code ${version}`, version }));
  }
  const cached = cachedVersions();
  if (cached.length === 0) return undefined;
  return Promise.all(
    cached.map(async (version) => ({
      label: `VS Code ${version} (cached)`,
      vscodeExecutablePath: await downloadAndUnzipVSCode({ version, cachePath, timeout: 3000 }),
    })),
  );
}

/** Electron needs a display: under xvfb-run when there is none (installing xvfb when root). */
async function ensureDisplay() {
  if (process.platform !== 'linux' || process.env.DISPLAY || process.env.OPTIM_LENS_UNDER_XVFB) return true;
  await ensureDebianPackages(['xvfb']);
  const result = spawnSync('xvfb-run', ['-a', process.execPath, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, OPTIM_LENS_UNDER_XVFB: '1' },
  });
  if (result.error) throw new Error(`cannot run xvfb-run (${result.error.message}) — install it: apt-get install -y xvfb`);
  process.exitCode = result.status ?? 1;
  return false;
}

async function main() {
  const runs = await targets();
  if (!runs) {
    console.log('Desktop VS Code suite skipped: cannot download VS Code (offline) — set OPTIM_LENS_VSCODE_EXECUTABLE to run it');
    return;
  }
  if (!existsSync(path.join(repo, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run `node esbuild.mjs` first');
  if (!(await ensureDisplay())) return;

  for (const { label, ...which } of runs) {
    const scratch = await mkdtemp(path.join(os.tmpdir(), 'optim-lens-electron-'));
    const workspace = path.join(scratch, 'workspace');
    await cp(path.join(repo, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
    console.log(`Desktop VS Code suite on ${label}`);
    try {
      await runTests({
        ...which,
        cachePath,
        timeout: 15_000,
        extensionDevelopmentPath: repo,
        extensionTestsPath: path.join(repo, 'test', 'electron', 'suite', 'index.cjs'),
        launchArgs: [
          workspace,
          '--disable-extensions',
          `--user-data-dir=${path.join(scratch, 'user-data')}`,
          `--extensions-dir=${path.join(scratch, 'extensions')}`,
        ],
      });
    } catch (error) {
      throw new Error(`failed on ${label}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }
}

main().catch((error) => {
  console.error(`Desktop VS Code suite: ${error.message}`);
  process.exitCode = 1;
});
