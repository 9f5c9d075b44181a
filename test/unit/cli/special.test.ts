/**
 * `check` on what is not a regular file (a FIFO waits for a writer forever, `/dev/zero` never
 * ends) and with a reader that goes away (`optim-lens check | head`).
 */
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { closeSync, constants, existsSync, mkdirSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli';
import { collectFiles } from '../../../src/cli/files';
import { quietOnEpipe, type CliIo } from '../../../src/cli/io';

const root = path.resolve(__dirname, '../../..');
const parser = {
  treeSitterWasm: path.join(root, 'node_modules/web-tree-sitter/tree-sitter.wasm'),
  languageWasm: path.join(root, 'node_modules/tree-sitter-python/tree-sitter-python.wasm'),
};
const HAS_MKFIFO = process.platform !== 'win32' && spawnSync('mkfifo', ['--version']).status === 0;

const BUGGY = 'import torch\nopt = torch.optim.SGD(m.parameters(), lr=0.1)\nfor x in loader:\n    loss.backward()\n    opt.step()\n';

const fifos: string[] = [];

function folder(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'optim-lens-special-'));
}

function fifo(file: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  execFileSync('mkfifo', [file]);
  fifos.push(file);
  return file;
}

afterEach(() => {
  // A reader still blocked on a FIFO (the behaviour under test, when it fails) gets its end of file.
  for (const file of fifos.splice(0)) {
    try {
      closeSync(openSync(file, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // Nobody was reading it.
    }
  }
});

describe.skipIf(!HAS_MKFIFO)('files that are not regular files', () => {
  it('a FIFO named on the command line is one error line, not read', async () => {
    const dir = folder();
    fifo(path.join(dir, 'pipe.py'));
    const { files, errors } = await collectFiles(['pipe.py'], dir);
    expect(files).toEqual([]);
    expect(errors).toEqual(['pipe.py: not a regular file, skipped']);
  });

  it('/dev/zero named on the command line is one error line, not read', async () => {
    const { files, errors } = await collectFiles(['/dev/zero'], '/');
    expect(files).toEqual([]);
    expect(errors).toEqual(['/dev/zero: not a regular file, skipped']);
  });

  it('a FIFO met while walking a folder is left out silently, and the rest is checked', async () => {
    const dir = folder();
    writeFileSync(path.join(dir, 'train.py'), BUGGY);
    fifo(path.join(dir, 'sub', 'pipe.py'));
    fifo(path.join(dir, '.gitignore'));
    fifo(path.join(dir, 'sub', '.gitignore'));
    let stdout = '';
    let stderr = '';
    const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), readStdin: async () => '', cwd: dir };
    const code = await main(['check', '.'], io, { parser });
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^train\.py:5:5: OL001 /);
    expect(code).toBe(1);
  });

  it('the exit code says a named file could not be checked', async () => {
    const dir = folder();
    writeFileSync(path.join(dir, 'train.py'), BUGGY);
    fifo(path.join(dir, 'pipe.py'));
    let stderr = '';
    const io: CliIo = { stdout: () => undefined, stderr: (t) => (stderr += t), readStdin: async () => '', cwd: dir };
    expect(await main(['check', 'train.py', 'pipe.py'], io, { parser })).toBe(2);
    expect(stderr).toBe('optim-lens check: pipe.py: not a regular file, skipped\n');
  });
});

describe('a reader that goes away', () => {
  class FakeStream extends EventEmitter {
    readonly written: string[] = [];
    write(text: string): boolean {
      this.written.push(text);
      return true;
    }
  }

  it('after EPIPE, the rest of the output is dropped without an error', () => {
    const stream = new FakeStream();
    const write = quietOnEpipe(stream);
    write('first\n');
    stream.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    write('second\n');
    expect(stream.written).toEqual(['first\n']);
  });

  it('any other stream error still throws', () => {
    const stream = new FakeStream();
    quietOnEpipe(stream);
    expect(() => stream.emit('error', Object.assign(new Error('write EIO'), { code: 'EIO' }))).toThrow('EIO');
  });

  describe('the built command', () => {
    const cli = path.join(root, 'dist', 'cli.js');
    beforeAll(() => {
      if (!existsSync(cli)) execFileSync(process.execPath, [path.join(root, 'esbuild.mjs')], { cwd: root, stdio: 'ignore' });
    });

    it('exits with its own code and no stack trace when stdout closes early', async () => {
      const dir = folder();
      writeFileSync(path.join(dir, 'train.py'), BUGGY);
      const child = spawn(process.execPath, [cli, 'check', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
      // Closed before the command writes anything: its first write meets a pipe with no reader.
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(stderr).toBe('');
      expect(code).toBe(1);
    });
  });
});
