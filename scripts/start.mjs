// `npm start`: a real VS Code with the extension from this clone (its dist/) on examples/.
// A desktop `code` on PATH is used with --extensionDevelopmentPath; otherwise code-server serves the
// same on 127.0.0.1 until Ctrl+C. `--web` forces code-server. `OPTIM_LENS_PORT` picks its port.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCodeServer } from './vscode-host.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The desktop VS Code CLI, if any. code-server's own `code` (inside its terminals, under
 * `remote-cli/`) is not one: it cannot open an extension development window.
 */
function desktopCode() {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const file = path.join(dir, 'code');
    try {
      if (statSync(file).isFile() && !file.includes(`${path.sep}remote-cli${path.sep}`)) return file;
    } catch {
      // Not in this folder.
    }
  }
  return undefined;
}

function startDesktop(code, workspace) {
  console.log(`Opening VS Code (${code}) with the extension from ${repo} on ${workspace}`);
  const child = spawn(code, [`--extensionDevelopmentPath=${repo}`, workspace], { stdio: 'inherit' });
  child.on('error', (error) => {
    console.error(`Cannot run ${code}: ${error.message}. Run \`npm start -- --web\` for code-server instead.`);
    process.exitCode = 1;
  });
  child.on('exit', (status) => (process.exitCode ??= status ?? 1));
}

async function startWeb(workspace, scratch) {
  const manifest = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8'));
  const extensionsDir = path.join(scratch, 'extensions');
  await mkdir(extensionsDir);
  // A folder named publisher.name-version is picked up at start. A link (not a copy, not a VSIX)
  // keeps the dev loop: rebuild dist/ (npm run watch), then "Developer: Reload Window".
  await symlink(repo, path.join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`), 'dir');

  const port = process.env.OPTIM_LENS_PORT ? Number(process.env.OPTIM_LENS_PORT) : undefined;
  const server = await startCodeServer({ workspace, extensionsDir, port });
  const url = `${server.url}?folder=${encodeURIComponent(workspace)}`;
  console.log(`\nOptim Lens (from ${repo}) in VS Code — open ${url}\n`);
  console.log('Rebuild with `npm run watch` in another terminal, then run "Developer: Reload Window". Ctrl+C stops.');

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping code-server…');
    await server.stop();
    await rm(scratch, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

async function main() {
  if (!existsSync(path.join(repo, 'dist', 'extension.js'))) {
    throw new Error('dist/extension.js is missing: build first (npm run build), or use npm start, which builds');
  }
  // examples/ is the demo workspace, opened in place.
  const workspace = path.join(repo, 'examples');
  const code = process.argv.includes('--web') ? undefined : desktopCode();
  if (code) return startDesktop(code, workspace);
  // code-server's extensions folder; removed when it stops.
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'optim-lens-start-'));
  try {
    await startWeb(workspace, scratch);
  } catch (error) {
    await rm(scratch, { recursive: true, force: true });
    throw error;
  }
}

main().catch((error) => {
  console.error(`npm start: ${error.message}`);
  process.exit(1);
});
