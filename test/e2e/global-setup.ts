// Once per run: code-server installed, and an extensions folder holding the extension exactly as
// users install it (the production VSIX) plus the zh-cn test language pack. Each worker starts its
// own code-server on that folder (see vscode.ts).
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadHost, repoRoot } from './host';
import { languagePacksJson, writeLanguagePack } from './language-pack';

const exec = promisify(execFile);

/** Where the workers find what this setup prepared. */
export const STATE_ENV = 'OPTIM_LENS_E2E_STATE';

export interface E2eState {
  /** The installed extension and language pack. */
  readonly extensionsDir: string;
  /** A `languagepacks.json` to copy into a zh-cn user-data folder. */
  readonly languagePacks: string;
}

export function readState(): E2eState {
  const dir = process.env[STATE_ENV];
  if (!dir) throw new Error(`${STATE_ENV} is not set: run the e2e tests through playwright.config.ts (npm run test:e2e)`);
  return { extensionsDir: path.join(dir, 'extensions'), languagePacks: path.join(dir, 'languagepacks.json') };
}

async function timed<T>(label: string, action: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const result = await action();
  console.log(`[e2e setup] ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return result;
}

async function command(file: string, args: string[], cwd: string, what: string): Promise<void> {
  try {
    await exec(file, args, { cwd, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    const tail = `${stdout}\n${stderr}`.trim().split('\n').slice(-20).join('\n');
    throw new Error(`${what} failed: \`${path.basename(file)} ${args.join(' ')}\` in ${cwd}\n${tail}`);
  }
}

const vsce = path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');

/** The repository has no `repository` field yet; these flags keep vsce from stopping on that. */
const vsceFlags = ['--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links'];

export default async function globalSetup(): Promise<() => Promise<void>> {
  const host = await loadHost();
  await timed('Debian packages and code-server', async () => {
    await host.ensureDebianPackages();
    await host.ensureCodeServer();
  });

  const state = await mkdtemp(path.join(os.tmpdir(), 'optim-lens-e2e-'));
  const extensionsDir = path.join(state, 'extensions');
  const packDir = path.join(state, 'zh-cn-pack');
  const vsix = path.join(state, 'optim-lens.vsix');
  const packVsix = path.join(state, 'zh-cn-pack.vsix');

  try {
    // Settled, not Promise.all: on a failure the other job must finish before the folder goes.
    const packaged = await Promise.allSettled([
      timed('extension built (production) and packaged', async () => {
        await command(process.execPath, ['esbuild.mjs', '--production'], repoRoot, 'the production build');
        await command(process.execPath, [vsce, 'package', ...vsceFlags, '--out', vsix], repoRoot, 'packaging the extension');
      }),
      timed('zh-cn test language pack packaged', async () => {
        await writeLanguagePack(packDir);
        await command(process.execPath, [vsce, 'package', ...vsceFlags, '--skip-license', '--out', packVsix], packDir, 'packaging the language pack');
      }),
    ]);
    for (const result of packaged) if (result.status === 'rejected') throw result.reason;
    await timed('both installed with code-server --install-extension', async () => {
      const userDataDir = path.join(state, 'install-user-data');
      await mkdir(extensionsDir, { recursive: true });
      await host.installExtension([vsix, packVsix], { extensionsDir, userDataDir });
    });
    await writeFile(path.join(state, 'languagepacks.json'), languagePacksJson(extensionsDir));
  } catch (error) {
    await rm(state, { recursive: true, force: true });
    throw error;
  }
  process.env[STATE_ENV] = state;
  return () => rm(state, { recursive: true, force: true });
}
