// `npm start` under signals: whatever stops it (a terminal closing, `kill`, a supervisor) must stop
// the VS Code it started. code-server is replaced by a stub (OPTIM_LENS_START_SERVER) that prints
// code-server's ready line, records its pid and exits with a code telling which signal reached it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const repo = path.resolve(__dirname, '..', '..', '..');

/** Exit codes of the stub per signal received: the script must pass on the very signal, and its status. */
const STUB_CODES: Record<string, number> = { SIGINT: 42, SIGTERM: 43, SIGHUP: 44 };

const STUB = `
const { writeFileSync } = require('node:fs');
const codes = ${JSON.stringify(STUB_CODES)};
for (const [name, code] of Object.entries(codes)) process.on(name, () => process.exit(code));
writeFileSync(process.env.STUB_PID_FILE, String(process.pid));
console.log('HTTP server listening on ' + process.argv.slice(1).join(' '));
setInterval(() => {}, 1000);
`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const step of cleanup.splice(0)) step();
});

/** Starts `command` with the stub as its server; resolves once it printed the URL, with the stub's pid. */
async function start(command: string, args: string[]): Promise<{ child: ChildProcess; stubPid: number; output: () => string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'optim-lens-start-test-'));
  const pidFile = path.join(dir, 'stub.pid');
  const child = spawn(command, args, {
    cwd: repo,
    env: {
      ...process.env,
      OPTIM_LENS_START_SERVER: JSON.stringify([process.execPath, '-e', STUB, '--']),
      STUB_PID_FILE: pidFile,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  cleanup.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    try {
      const pid = Number(readFileSync(pidFile, 'utf8'));
      if (alive(pid)) process.kill(pid, 'SIGKILL');
    } catch {
      // The stub never started.
    }
    rmSync(dir, { recursive: true, force: true });
  });
  await new Promise<void>((resolve, reject) => {
    const watch = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('open http://127.0.0.1:')) resolve();
    };
    child.stdout!.on('data', watch);
    child.stderr!.on('data', watch);
    child.on('exit', (code, signal) => reject(new Error(`exited (${signal ?? code}) before serving:\n${output}`)));
  });
  return { child, stubPid: Number(readFileSync(pidFile, 'utf8')), output: () => output };
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
}

describe('npm start and signals', () => {
  it.each(Object.keys(STUB_CODES))('scripts/start.mjs forwards %s to the server, waits for it and exits with its status', async (name) => {
    const { child, stubPid } = await start(process.execPath, ['scripts/start.mjs', '--web']);
    expect(alive(stubPid)).toBe(true);
    child.kill(name as NodeJS.Signals);
    const how = await exited(child);
    expect(how).toEqual({ code: STUB_CODES[name], signal: null });
    expect(alive(stubPid)).toBe(false);
  });

  it('`npm start` that gets SIGTERM stops the server (npm signals its script, which must be the node process)', async () => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const { child, stubPid } = await start(npm, ['start', '--silent', '--', '--web', '--no-build']);
    expect(alive(stubPid)).toBe(true);
    child.kill('SIGTERM');
    await exited(child);
    // npm has returned: its script is done, and so must be the server.
    await new Promise((resolve) => setImmediate(resolve));
    expect(alive(stubPid)).toBe(false);
  });
});
