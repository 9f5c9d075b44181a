// A typed view of scripts/vscode-host.mjs, which is plain ESM so that `npm start` runs it without a
// build step. The import specifier is computed, so TypeScript does not look for declarations.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const repoRoot = path.resolve(__dirname, '..', '..');

export interface CodeServer {
  readonly url: string;
  readonly port: number;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  /** Everything code-server printed so far (the last 20 kB), for failure messages. */
  output(): string;
  /** Sends `signal` (SIGTERM by default) to its whole process tree, SIGKILL after 5 s. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** How the server process ended. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface StartOptions {
  workspace?: string;
  extensionsDir?: string;
  userDataDir?: string;
  port?: number;
  locale?: string;
  settings?: Record<string, unknown>;
  /** `[file, ...args]` run in code-server's place, with its arguments (a stub, for tests). */
  command?: readonly string[];
}

export interface VsCodeHost {
  ensureDebianPackages(packages?: readonly string[]): Promise<void>;
  ensureCodeServer(): Promise<{ root: string; entry: string }>;
  startCodeServer(options: StartOptions): Promise<CodeServer>;
  installExtension(vsix: string | readonly string[], dirs: { extensionsDir: string; userDataDir: string }): Promise<void>;
}

export async function loadHost(): Promise<VsCodeHost> {
  const url = pathToFileURL(path.join(repoRoot, 'scripts', 'vscode-host.mjs')).href;
  return (await import(url)) as VsCodeHost;
}
