// npm's postinstall. pre-commit installs this repository as a node package (`npm install` in a
// clone, then `npm pack`, then `npm install -g` of the tarball), and the tarball must carry the
// built CLI: so a clone without dist/cli.js builds it here. Output goes to stderr, since pre-commit
// reads `npm pack`'s stdout for the tarball's name. Installed from the tarball (no esbuild.mjs
// beside it) or already built, this does nothing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const build = path.join(root, 'esbuild.mjs');
if (existsSync(build) && !existsSync(path.join(root, 'dist', 'cli.js'))) {
  const result = spawnSync(process.execPath, [build, '--production'], { cwd: root, stdio: ['ignore', 2, 2] });
  process.exitCode = result.status ?? 1;
}
