// `npm start`: builds, then a real VS Code with the extension from this clone (its dist/) on examples/.
// A desktop `code` on PATH is used with --extensionDevelopmentPath; otherwise code-server serves the
// same on 127.0.0.1 until Ctrl+C. `--web` forces code-server, `--no-build` skips the build.
// `OPTIM_LENS_PORT` picks its port.
//
// SIGINT, SIGTERM and SIGHUP are forwarded to what runs (the build, `code`, code-server's process
// group), which is waited for; this process then exits with its status (128 + the signal's number
// when a signal ended it). package.json runs this script with `exec`: without it, the `sh -c` that npm
// starts is what npm's SIGTERM reaches, and sh dies leaving this script and code-server running.
//
// For tests: `OPTIM_LENS_START_SERVER`, a JSON array `[file, ...args]`, runs that in code-server's
// place (with code-server's arguments); it must print "HTTP server listening". No build is then needed.
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

const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** A child's exit status as a shell reports it: its code, or 128 + the number of the signal that ended it. */
function statusOf({ code, signal }) {
  return signal ? 128 + (os.constants.signals[signal] ?? 0) : (code ?? 1);
}

// Signals are taken over for the whole run: what one does depends on what runs at that moment (the
// build, `code`, code-server). One that comes before code-server is up is kept for when it is.
let signalled;
let forward = () => {};
for (const name of FORWARDED) {
  process.on(name, (signal) => {
    signalled ??= signal;
    forward(signal);
  });
}

/** Runs a child with our terminal, forwarding signals to it; resolves with its `{ code, signal }`. */
function runForwarding(command, args, onError) {
  const child = spawn(command, args, { stdio: 'inherit' });
  forward = (name) => {
    try {
      child.kill(name);
    } catch {
      // Already gone.
    }
  };
  return new Promise((resolve) => {
    child.on('error', (error) => {
      forward = () => {};
      onError(error);
      resolve({ code: 1, signal: null });
    });
    child.on('exit', (code, signal) => {
      forward = () => {};
      resolve({ code, signal });
    });
  });
}

async function build() {
  const how = await runForwarding(process.execPath, [path.join(repo, 'esbuild.mjs')], (error) => console.error(`npm start: cannot build: ${error.message}`));
  if (how.code !== 0 || signalled) process.exit(statusOf(how));
}

async function startDesktop(code, workspace) {
  console.log(`Opening VS Code (${code}) with the extension from ${repo} on ${workspace}`);
  const how = await runForwarding(code, [`--extensionDevelopmentPath=${repo}`, workspace], (error) =>
    console.error(`Cannot run ${code}: ${error.message}. Run \`npm start -- --web\` for code-server instead.`),
  );
  process.exit(statusOf(how));
}

/** The stand-in for code-server that `OPTIM_LENS_START_SERVER` names, if any. */
function stubServer() {
  const value = process.env.OPTIM_LENS_START_SERVER;
  if (!value) return undefined;
  const command = JSON.parse(value);
  if (!Array.isArray(command) || command.length === 0 || !command.every((part) => typeof part === 'string')) {
    throw new Error('OPTIM_LENS_START_SERVER must be a JSON array of strings: [file, ...args]');
  }
  return command;
}

async function startWeb(workspace, scratch, command) {
  const manifest = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8'));
  const extensionsDir = path.join(scratch, 'extensions');
  await mkdir(extensionsDir);
  // A folder named publisher.name-version is picked up at start. A link (not a copy, not a VSIX)
  // keeps the dev loop: rebuild dist/ (npm run watch), then "Developer: Reload Window".
  await symlink(repo, path.join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`), 'dir');

  const port = process.env.OPTIM_LENS_PORT ? Number(process.env.OPTIM_LENS_PORT) : undefined;
  const server = await startCodeServer({ workspace, extensionsDir, port, command });

  // A signal is passed on to code-server's whole process group (a second one changes nothing: the
  // first is being handled); when code-server ends by itself, so does this script.
  let stopping = false;
  const shutdown = async (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(signal ? `\n${signal}: stopping code-server…` : '\ncode-server stopped.');
    await server.stop(signal);
    const how = await server.exited;
    await rm(scratch, { recursive: true, force: true });
    process.exit(statusOf(how));
  };
  forward = (signal) => void shutdown(signal);
  void server.exited.then(() => shutdown(undefined));
  if (signalled) return shutdown(signalled);

  const url = `${server.url}?folder=${encodeURIComponent(workspace)}`;
  console.log(`\nOptim Lens (from ${repo}) in VS Code — open ${url}\n`);
  console.log('Rebuild with `npm run watch` in another terminal, then run "Developer: Reload Window". Ctrl+C stops.');
}

async function main() {
  const stub = stubServer();
  if (!stub && !process.argv.includes('--no-build')) await build();
  if (!stub && !existsSync(path.join(repo, 'dist', 'extension.js'))) {
    throw new Error('dist/extension.js is missing: build first (npm run build), or run npm start without --no-build');
  }
  // examples/ is the demo workspace, opened in place.
  const workspace = path.join(repo, 'examples');
  const code = process.argv.includes('--web') || stub ? undefined : desktopCode();
  if (code) return startDesktop(code, workspace);
  // code-server's extensions folder; removed when it stops.
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'optim-lens-start-'));
  try {
    await startWeb(workspace, scratch, stub);
  } catch (error) {
    await rm(scratch, { recursive: true, force: true });
    throw error;
  }
}

main().catch((error) => {
  console.error(`npm start: ${error.message}`);
  process.exit(1);
});
