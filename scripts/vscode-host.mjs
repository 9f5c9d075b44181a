// A real VS Code for this project's tests and `npm start`: code-server, installed offline once per
// machine, started on demand. See /work/shared/REAL-VSCODE.md for why each install step exists.
//
//   node scripts/vscode-host.mjs install    install (or check) code-server and the Debian packages
//
// Exports: ensureDebianPackages(), ensureCodeServer(), startCodeServer(), installExtension().
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';

/** What the harness needs from Debian: a browser, CJK fonts for screenshots, and two build inputs of code-server. */
export const DEBIAN_PACKAGES = ['chromium', 'fonts-noto-cjk', 'libkrb5-dev', 'ripgrep'];

/** Outside the clone, so that every clone (and CI's fresh one) on this machine shares one 316 MB install. */
export function codeServerDir() {
  const cache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(cache, 'optim-lens', `code-server-${CODE_SERVER_VERSION}`);
}

const MARKER = '.optim-lens-installed';

function log(message) {
  process.stderr.write(`[vscode-host] ${message}\n`);
}

/**
 * Runs a command to completion with its output captured; on failure the error carries the command,
 * the last lines it printed and, when known, what to do about it.
 */
function run(command, args, { cwd, env = process.env, hint } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk) => (output = (output + chunk).slice(-20_000));
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (error) => {
      const fix = error.code === 'ENOENT' ? `is ${command} installed and on PATH?` : hint;
      reject(new Error(`cannot run ${command}: ${error.message}${fix ? ` — ${fix}` : ''}`));
    });
    child.on('close', (code) => {
      if (code === 0) return resolve(output);
      const tail = output.trim().split('\n').slice(-15).join('\n');
      reject(new Error(`\`${command} ${args.join(' ')}\` failed (exit ${code}) in ${cwd ?? process.cwd()}${hint ? `\n  fix: ${hint}` : ''}\n${tail}`));
    });
  });
}

async function step(label, action) {
  const started = Date.now();
  await action();
  log(`${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

function missingDebianPackages(packages) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Package} ${Status}\n', ...packages], { encoding: 'utf8' });
  if (result.error) return []; // Not a Debian system: nothing to check; later steps say what fails.
  const installed = new Set(
    result.stdout.split('\n').filter((line) => line.endsWith(' installed')).map((line) => line.split(' ')[0]),
  );
  return packages.filter((name) => !installed.has(name));
}

/**
 * Installs the Debian packages the harness needs when running as root; otherwise fails with the one
 * command that fixes it. Fast (one dpkg-query) when everything is there.
 */
export async function ensureDebianPackages(packages = DEBIAN_PACKAGES) {
  const missing = missingDebianPackages(packages);
  if (missing.length === 0) return;
  const command = `apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    throw new Error(`missing Debian packages: ${missing.join(', ')} — install them with: sudo apt-get update && sudo ${command}`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const hint = `run \`apt-get update && ${command}\` by hand to see why`;
  await step('apt-get update', () => run('apt-get', ['update', '-qq'], { env, hint }));
  await step(`apt-get install ${missing.join(' ')}`, () =>
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env, hint }),
  );
}

/**
 * Environment for the npm runs below. node-gyp must build against this Node's own headers (it would
 * otherwise download them), and node-pty's build step calls `npx node-gyp`, which a machine-wide
 * `yes=false` would cancel. What an enclosing `npm run`/`npm exec` describes of itself (this
 * project, its command) is dropped: the cache folder is not part of this project, and an inherited
 * `npm_config_call` turns that `npx node-gyp` into a usage error.
 */
function npmEnv() {
  const inherited = /^npm_(package_|lifecycle_|command$|config_(local_prefix|prefix|global_prefix|call|user_agent)$)/i;
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !inherited.test(key)));
  env.npm_config_yes = 'true';
  env.npm_config_audit = 'false';
  env.npm_config_fund = 'false';
  const nodeRoot = path.resolve(path.dirname(process.execPath), '..');
  if (existsSync(path.join(nodeRoot, 'include', 'node', 'node.h'))) env.npm_config_nodedir = nodeRoot;
  return env;
}

function npm(args, cwd, hint) {
  return run('npm', args, { cwd, env: npmEnv(), hint: hint ?? 'is the npm registry reachable (npm ping)?' });
}

/** Paths inside an installed code-server folder. */
function layout(root) {
  const pkg = path.join(root, 'node_modules', 'code-server');
  return { pkg, entry: path.join(pkg, 'out', 'node', 'entry.js'), vscode: path.join(pkg, 'lib', 'vscode') };
}

/**
 * Installs code-server once per machine, offline but for the npm registry. It is built in a
 * scratch folder next to the final one and renamed into place with its marker, so an interrupted
 * or concurrent install never leaves a half-built folder that looks finished.
 * Returns `{ root, entry }`; takes a few milliseconds when already installed.
 */
export async function ensureCodeServer() {
  const root = codeServerDir();
  const { entry } = layout(root);
  if (existsSync(path.join(root, MARKER)) && existsSync(entry)) return { root, entry };

  await ensureDebianPackages(['libkrb5-dev', 'ripgrep']);
  log(`installing code-server ${CODE_SERVER_VERSION} into ${root} (about a minute, once per machine)`);
  const started = Date.now();
  await mkdir(path.dirname(root), { recursive: true });
  const scratch = await mkdtemp(`${root}.partial-`);
  try {
    await build(scratch);
    await writeFile(path.join(scratch, MARKER), `${CODE_SERVER_VERSION}\n${new Date().toISOString()}\n`);
    if (existsSync(path.join(root, MARKER))) {
      log('another process finished the same install first; using its copy');
    } else {
      await rm(root, { recursive: true, force: true });
      await rename(scratch, root);
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  log(`code-server ${CODE_SERVER_VERSION} installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return { root, entry };
}

/** The steps code-server's own postinstall.sh would take, minus its downloads (REAL-VSCODE.md). */
async function build(dir) {
  const { vscode } = layout(dir);
  const rebuildHint = 'check that libkrb5-dev, python3, make and g++ are installed (apt-get install -y libkrb5-dev build-essential python3)';
  // A package.json of its own stops npm from walking up into some enclosing project.
  await writeFile(path.join(dir, 'package.json'), '{ "private": true }\n');

  await step(`1/6 npm install code-server@${CODE_SERVER_VERSION} (scripts off: its postinstall downloads)`, () =>
    npm(['install', '--ignore-scripts', '--no-save', `code-server@${CODE_SERVER_VERSION}`], dir, 'check that the npm registry is reachable (npm ping)'),
  );
  await step('2/6 VS Code server dependencies, native modules rebuilt for this Node', async () => {
    await npm(['install', '--omit=dev', '--ignore-scripts'], vscode);
    await npm(['rebuild', 'kerberos', '@vscode/spdlog', 'native-watchdog', 'node-pty', '@vscode/deviceid'], vscode, rebuildHint);
  });
  await step('3/6 ripgrep from Debian for VS Code search', async () => {
    const rg = ['/usr/bin/rg', '/bin/rg'].find((candidate) => existsSync(candidate));
    if (!rg) throw new Error('ripgrep not found at /usr/bin/rg — install it with: apt-get install -y ripgrep');
    const target = path.join(vscode, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg');
    await mkdir(path.dirname(target), { recursive: true });
    await copyFile(rg, target);
  });
  await step('4/6 links postinstall.sh would make', async () => {
    const links = [
      [path.join(vscode, 'node_modules.asar'), 'node_modules'],
      [path.join(vscode, 'bin', 'remote-cli', 'code-server'), 'code-linux.sh'],
      [path.join(vscode, 'bin', 'helpers', 'browser.sh'), 'browser-linux.sh'],
    ];
    for (const [link, target] of links) {
      await rm(link, { force: true });
      await symlink(target, link);
    }
  });
  await step('5/6 built-in extensions’ shared dependencies', () =>
    npm(['install', '--omit=dev', '--ignore-scripts'], path.join(vscode, 'extensions')),
  );
  await step('6/6 argon2 rebuilt (loaded at start even with --auth none)', () => npm(['rebuild', 'argon2'], dir, rebuildHint));
}

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Settings that keep a test run quiet and deterministic: no welcome page, no telemetry, no update checks. */
const BASE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'security.workspace.trust.enabled': false,
};

/** Every process below `pid` (code-server forks its server, extension hosts, pty host, terminals). */
function descendants(pid) {
  const children = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // Field 4 of /proc/PID/stat is the parent; the command name (field 2) may contain spaces.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(name));
    } catch {
      // The process exited while we were looking.
    }
  }
  const found = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** The process group of `pid` (it was started detached) and every descendant, as they are now. */
function processTree(pid) {
  return [-pid, pid, ...(process.platform === 'linux' ? descendants(pid) : [])];
}

function signal(targets, name) {
  for (const target of targets) {
    try {
      process.kill(target, name);
    } catch {
      // Already gone.
    }
  }
}

/**
 * Starts code-server on a free port of 127.0.0.1 and resolves once it serves ("HTTP server
 * listening"). Folders not given are fresh temporary ones, removed by `stop()`, which also ends the
 * whole process tree. `settings` are merged over quiet defaults in the user's settings.json.
 * `command` (`[file, ...args]`) runs something else in code-server's place with the same arguments:
 * the tests of `npm start` use a stub server that prints the ready line, so they need no code-server.
 * `exited` resolves with how the server ended: `{ code, signal }`.
 */
export async function startCodeServer({ workspace, extensionsDir, userDataDir, port, locale, settings = {}, timeoutMs = 60_000, command } = {}) {
  const [file, ...prefix] = command ?? [process.execPath, (await ensureCodeServer()).entry];
  port ??= await freePort();
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'optim-lens-code-server-'));
  userDataDir ??= path.join(scratch, 'user-data');
  extensionsDir ??= path.join(scratch, 'extensions');
  await mkdir(path.join(userDataDir, 'User'), { recursive: true });
  await mkdir(extensionsDir, { recursive: true });
  await writeFile(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...BASE_SETTINGS, ...settings }, null, 2));

  const args = [
    ...prefix,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    ...(locale ? ['--locale', locale] : []),
    ...(workspace ? [workspace] : []),
  ];
  // Its own config and state folders, so a run never reads or writes the user's ~/.config/code-server.
  const env = { ...process.env, XDG_CONFIG_HOME: path.join(scratch, 'config'), XDG_DATA_HOME: path.join(scratch, 'data') };
  const child = spawn(file, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const killOnExit = () => signal(processTree(child.pid), 'SIGKILL');
  process.on('exit', killOnExit);

  let output = '';
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const ready = new Promise((resolve) => {
    const watch = (chunk) => {
      output = (output + chunk).slice(-20_000);
      if (output.includes('HTTP server listening')) resolve();
    };
    child.stdout.on('data', watch);
    child.stderr.on('data', watch);
  });

  // `stop(name)` sends `name` (SIGTERM by default) to the whole tree, then SIGKILL to what is left
  // after 5 s; only the first call's signal counts.
  let stopped;
  const stop = (name = 'SIGTERM') =>
    (stopped ??= (async () => {
      process.off('exit', killOnExit);
      // Listed before anything dies: once the server exits, its children (extension hosts, the pty
      // host, terminals that made their own session) are re-parented and no longer findable.
      const tree = processTree(child.pid);
      if (child.exitCode === null && child.signalCode === null) {
        signal(tree, name);
        await Promise.race([exited, sleep(5000, undefined, { ref: false })]);
      }
      signal(tree, 'SIGKILL');
      await rm(scratch, { recursive: true, force: true, maxRetries: 3 });
    })());

  const outcome = await Promise.race([
    ready.then(() => 'ready'),
    exited.then(({ code, signal }) => `exited (${signal ?? code})`),
    sleep(timeoutMs, `did not report "HTTP server listening" within ${timeoutMs / 1000} s`, { ref: false }),
  ]);
  if (outcome !== 'ready') {
    await stop();
    const tail = output.trim().split('\n').slice(-15).join('\n');
    throw new Error(`code-server ${outcome}; delete ${codeServerDir()} to reinstall it if it is damaged\n${tail}`);
  }
  return { url: `http://127.0.0.1:${port}/`, port, userDataDir, extensionsDir, output: () => output, stop, exited };
}

/** Installs VSIX files into an extensions folder the way a user would, offline. */
export async function installExtension(vsix, { extensionsDir, userDataDir }) {
  const { entry } = await ensureCodeServer();
  const files = [vsix].flat();
  await run(process.execPath, [entry, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, ...files.flatMap((file) => ['--install-extension', file])], {
    hint: `check that ${files.join(', ')} are valid VSIX files (npx vsce ls)`,
  });
}

async function main(command) {
  if (command !== 'install') {
    console.error('usage: node scripts/vscode-host.mjs install');
    process.exitCode = 2;
    return;
  }
  await ensureDebianPackages();
  const { root } = await ensureCodeServer();
  log(`code-server ${CODE_SERVER_VERSION} is ready in ${root}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv[2]).catch((error) => {
    console.error(`[vscode-host] error: ${error.message}`);
    process.exitCode = 1;
  });
}
