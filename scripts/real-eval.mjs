#!/usr/bin/env node
// Labelled real-world evaluation (issue 14): runs dist/cli.js check over public repositories at
// the commits named in test/fixtures/real/labels.tsv and prints precision and recall per rule.
//
//   node scripts/real-eval.mjs [--labels FILE] [--mirrors DIR] [--cli FILE] [--keep]
//
// Needs the bare mirrors the `fetch` tool leaves in /work/.mirror/<owner>+<name>/repo (or
// OPTIM_LENS_MIRRORS). A repository whose mirror is missing is skipped with a message. Not part of
// `npm test`: CI has no network and no mirrors.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const labelsFile = resolve(opt('--labels', join(root, 'test/fixtures/real/labels.tsv')));
const mirrors = resolve(opt('--mirrors', process.env.OPTIM_LENS_MIRRORS ?? '/work/.mirror'));
const cli = resolve(opt('--cli', join(root, 'dist/cli.js')));
const keep = args.includes('--keep');

if (!existsSync(cli)) {
  console.error(`${cli} is missing: build it first (node esbuild.mjs)`);
  process.exit(2);
}

// ---- labels -------------------------------------------------------------------------------
const COLUMNS = ['repository', 'commit', 'path', 'line', 'code', 'verdict', 'why'];
const VERDICTS = new Set(['tp', 'fp', 'missed', 'clean']);
const rows = readFileSync(labelsFile, 'utf8')
  .split('\n')
  .map((l, i) => ({ l, n: i + 1 }))
  .filter(({ l }) => l.trim() && !l.startsWith('#'));
const header = rows.shift().l.split('\t');
if (COLUMNS.some((c, i) => header[i] !== c)) {
  console.error(`${labelsFile}: the header must be ${COLUMNS.join(' ')}`);
  process.exit(2);
}
const labels = rows.map(({ l, n }) => {
  const [repository, commit, path, line, code, verdict, why] = l.split('\t');
  if (!VERDICTS.has(verdict)) {
    console.error(`${labelsFile}:${n}: unknown verdict ${verdict}`);
    process.exit(2);
  }
  return { repository, commit, path, line, code, verdict, why, n };
});

// A finding's place: "path:line" (1-based) for scripts, "path:c<cell>:<line>" for notebooks.
const place = (path, line) => `${path}:${line}`;
const lineOf = (diag) =>
  diag.cell === undefined ? `${diag.range.start.line + 1}` : `c${diag.cell}:${diag.range.start.line + 1}`;

// ---- extraction ----------------------------------------------------------------------------
function gitDir(repository) {
  const base = join(mirrors, repository.replace('/', '+'), 'repo');
  if (existsSync(join(base, '.git'))) return join(base, '.git');
  if (existsSync(join(base, 'HEAD'))) return base;
  return null;
}

/** Writes every *.py and *.ipynb of `commit` under `dest` (the analyser reads nothing else). A
 *  snapshot lacks big blobs, which makes `git archive` stop half-way, so blobs are read one by one. */
function extract(gdir, commit, dest) {
  const tree = execFileSync('git', ['--git-dir', gdir, 'ls-tree', '-r', '-z', '--full-tree', commit], {
    maxBuffer: 1 << 28,
  }).toString('utf8');
  const wanted = [];
  for (const entry of tree.split('\0')) {
    if (!entry) continue;
    const tab = entry.indexOf('\t');
    const [, type, sha] = entry.slice(0, tab).split(' ');
    const path = entry.slice(tab + 1);
    if (type === 'blob' && /\.(py|ipynb)$/.test(path)) wanted.push({ sha, path });
  }
  if (!wanted.length) return 0;
  const out = spawnSync('git', ['--git-dir', gdir, 'cat-file', '--batch'], {
    input: wanted.map((w) => w.sha).join('\n') + '\n',
    maxBuffer: 1 << 30,
  }).stdout;
  let at = 0;
  let written = 0;
  for (const w of wanted) {
    const eol = out.indexOf(10, at);
    const head = out.subarray(at, eol).toString();
    at = eol + 1;
    if (head.endsWith('missing')) continue;
    const size = Number(head.split(' ')[2]);
    const file = join(dest, w.path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, out.subarray(at, at + size));
    at += size + 1;
    written++;
  }
  return written;
}

function check(dir) {
  const r = spawnSync(process.execPath, [cli, 'check', dir, '--format', 'json'], { maxBuffer: 1 << 28 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`check failed (${r.status}): ${r.stderr}`);
  const found = [];
  for (const f of JSON.parse(r.stdout.toString()).files) {
    const rel = f.path.startsWith(dir) ? f.path.slice(dir.length + 1) : f.path;
    for (const d of f.diagnostics) found.push({ path: rel, line: lineOf(d), key: place(rel, lineOf(d)), code: d.code, message: d.message });
  }
  return found;
}

// ---- run -------------------------------------------------------------------------------------
const groups = new Map();
for (const l of labels) {
  const k = `${l.repository}@${l.commit}`;
  if (!groups.has(k)) groups.set(k, []);
  groups.get(k).push(l);
}

const stats = new Map(); // code -> { tp, fp, unlabelled, found, missed }
const stat = (code) => {
  if (!stats.has(code)) stats.set(code, { tp: 0, fp: 0, unlabelled: 0, found: 0, missed: 0 });
  return stats.get(code);
};
const unlabelled = [];
const lost = [];
const skipped = [];
const work = mkdtempSync(join(tmpdir(), 'optim-lens-real-'));

for (const [k, group] of groups) {
  const { repository, commit } = group[0];
  const gdir = gitDir(repository);
  if (!gdir) {
    skipped.push(`${k}: no mirror under ${mirrors} (fetch github:${repository} first)`);
    continue;
  }
  const dest = join(work, k.replace(/[/@]/g, '+'));
  let findings;
  try {
    extract(gdir, commit, dest);
    findings = check(dest);
  } catch (e) {
    skipped.push(`${k}: ${String(e.message ?? e).split('\n')[0]}`);
    continue;
  }
  const byKey = new Map(findings.map((f) => [`${f.key}|${f.code}`, f]));
  const seen = new Set();
  for (const l of group) {
    if (l.verdict === 'clean') continue;
    const key = `${place(l.path, l.line)}|${l.code}`;
    const present = byKey.has(key);
    if (present) seen.add(key);
    const s = stat(l.code);
    if (l.verdict === 'tp') {
      if (present) {
        s.tp++;
        s.found++;
      } else {
        s.missed++;
        lost.push(`${k} ${l.path}:${l.line} ${l.code} (labelled tp, no longer reported)`);
      }
    } else if (l.verdict === 'fp') {
      if (present) s.fp++;
    } else if (l.verdict === 'missed') {
      if (present) {
        s.tp++;
        s.found++;
      } else s.missed++;
    }
  }
  for (const [key, f] of byKey) {
    if (seen.has(key)) continue;
    stat(f.code).unlabelled++;
    unlabelled.push(`${repository}\t${commit}\t${f.path}\t${f.line}\t${f.code}\t?\t${f.message.slice(0, 100)}`);
  }
}
if (!keep) rmSync(work, { recursive: true, force: true });
else console.log(`extracted trees kept in ${work}`);

// ---- report ----------------------------------------------------------------------------------
const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(0)}%`.padStart(5) : '    -');
const lines = [];
lines.push('rule    tp  fp  new  precision   found missed  recall');
const total = { tp: 0, fp: 0, unlabelled: 0, found: 0, missed: 0 };
for (const code of [...stats.keys()].sort()) {
  const s = stats.get(code);
  for (const f of Object.keys(total)) total[f] += s[f];
  lines.push(row(code, s));
}
lines.push(row('all', total));
function row(name, s) {
  const p = pct(s.tp, s.tp + s.fp + s.unlabelled);
  const r = pct(s.found, s.found + s.missed);
  return `${name.padEnd(6)} ${String(s.tp).padStart(3)} ${String(s.fp).padStart(3)} ${String(s.unlabelled).padStart(4)}      ${p}   ${String(s.found).padStart(5)} ${String(s.missed).padStart(6)}   ${r}`;
}
console.log(`${groups.size - skipped.length} of ${groups.size} repository commits evaluated\n`);
console.log(lines.join('\n'));
console.log('\nprecision = tp / (tp + fp + new unlabelled findings); recall = found / (found + missed) over the bug rows (tp and missed)');
if (skipped.length) console.log(`\nskipped:\n  ${skipped.join('\n  ')}`);
if (lost.length) console.log(`\nbugs no longer found:\n  ${lost.join('\n  ')}`);
if (unlabelled.length) {
  console.log('\nnew findings to label (append to labels.tsv with verdict tp or fp and a why):');
  console.log(unlabelled.map((u) => `  ${u}`).join('\n'));
}
