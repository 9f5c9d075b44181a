// "Optim Lens: Check Workspace" as a user meets it: run from the palette, it fills the Problems view
// with the findings of files that are not open, leaves out what .gitignore and optimLens.exclude
// leave out, and hands a file over to live analysis once it is opened.
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot } from './host';
import { test, expect, type Problem, type VsCode } from './vscode';

/**
 * What the fixture workspace holds before a test adds to it, as `optim-lens check` (the same
 * engine, built by the e2e setup) counts it: files, and the files and findings among them.
 */
function fixtureCounts(): { files: number; withFindings: number; findings: number; codes: string[] } {
  // Exit 1 means "findings", which is expected here; 2 would be an error.
  const run = spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'check', path.join(repoRoot, 'test', 'e2e', 'workspace'), '--format', 'json'], { encoding: 'utf8' });
  if (run.status !== 0 && run.status !== 1) throw new Error(`optim-lens check failed: ${run.stderr}`);
  const out = run.stdout;
  const files = (JSON.parse(out) as { files: { path: string; diagnostics: { code: string }[] }[] }).files;
  return {
    files: files.length,
    withFindings: files.filter((f) => f.diagnostics.length > 0).length,
    findings: files.reduce((n, f) => n + f.diagnostics.length, 0),
    codes: files.flatMap((f) => f.diagnostics.map((d) => `${path.basename(f.path)} ${d.code}`)),
  };
}

async function addFiles(vscode: VsCode, files: Record<string, string>): Promise<void> {
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(vscode.workspace, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
  }
}

async function ourProblems(vscode: VsCode): Promise<Problem[]> {
  return (await vscode.problems()).filter((p) => p.source === 'Optim Lens');
}

/**
 * Waits for a notification with `text`, read in the notification centre: a toast may hide before
 * it is seen (VS Code hides toasts on its own schedule).
 */
async function expectNotification(vscode: VsCode, text: string, timeout: number): Promise<void> {
  await vscode.runCommand('Notifications: Show Notifications');
  await expect(vscode.page.locator('.notifications-center')).toContainText(text, { timeout });
  await vscode.runCommand('Notifications: Hide Notifications');
}

/** Where `needle` last stands in a file of the workspace, 1-based as the Problems view shows it. */
async function lineAndColumn(vscode: VsCode, name: string, needle: string): Promise<{ line: number; column: number }> {
  const lines = (await readFile(path.join(vscode.workspace, name), 'utf8')).split('\n');
  const line = lines.reduce((found, l, i) => (l.includes(needle) ? i : found), -1);
  return { line: line + 1, column: lines[line]!.indexOf(needle) + 1 };
}

test('Check Workspace reports files that are not open, and none that .gitignore or optimLens.exclude leave out', async ({ vscode }) => {
  // Copies of the fixture's buggy script, in a subfolder, in an ignored folder and in an excluded one.
  const BUGGY = await readFile(path.join(vscode.workspace, 'train_buggy.py'), 'utf8');
  await addFiles(vscode, {
    'models/train_deep.py': BUGGY,
    '.gitignore': 'generated/\n',
    'generated/train_generated.py': BUGGY,
    'vendor/train_vendor.py': BUGGY,
    '.vscode/settings.json': JSON.stringify({ 'optimLens.exclude': ['vendor/**'] }),
  });
  // Reloaded, the window reads the new settings before the command runs.
  await vscode.load(new URL(vscode.page.url()).origin + '/');
  // The palette lists an extension's commands once the extension host runs.
  await vscode.waitForExtensionHost();
  expect(await ourProblems(vscode)).toEqual([]);

  await vscode.runCommand('Optim Lens: Check Workspace');
  // The fixture's files and models/train_deep.py (one finding more); nothing from generated/ or vendor/.
  const base = fixtureCounts();
  await expectNotification(vscode, `Optim Lens: ${base.findings + 1} findings in ${base.withFindings + 1} of ${base.files + 1} files.`, 30_000);
  const expected = [...base.codes, 'train_deep.py OL001'].sort();
  // Every row on screen: the Problems view lists only what it shows.
  await vscode.runCommand('View: Toggle Maximized Panel');
  await expect.poll(async () => (await ourProblems(vscode)).map((p) => `${p.file} ${p.code}`).sort(), { timeout: 20_000 }).toEqual(expected);
  const problems = await ourProblems(vscode);
  expect(base.codes).toContain('notebook.ipynb OL001');
  expect(problems.find((p) => p.file === 'train_deep.py')).toMatchObject({ ...(await lineAndColumn(vscode, 'models/train_deep.py', 'optimizer.step()')), severity: 'error' });
  // A notebook that is not open has no cells to hold the finding: it is on the line of the
  // notebook's JSON that holds the code, and names the cell.
  const notebook = problems.find((p) => p.file === 'notebook.ipynb')!;
  expect(notebook.message).toMatch(/^Cell 3: Gradients of optimizer are never cleared/);
  expect(notebook).toMatchObject(await lineAndColumn(vscode, 'notebook.ipynb', 'optimizer.step()'));
  await vscode.screenshot('check-workspace');
  await vscode.runCommand('View: Toggle Maximized Panel');

  // Opened, a notebook's finding moves into its cell (live analysis), and is not shown twice.
  await vscode.openFile('notebook.ipynb');
  await expect
    .poll(async () => (await ourProblems(vscode)).filter((p) => p.code === 'OL001' && (p.file === 'notebook.ipynb' || p.message.startsWith('Cell'))).map((p) => [p.line, p.column, p.message.startsWith('Cell')]), { timeout: 20_000 })
    .toEqual([[5, 5, false]]);
  expect((await ourProblems(vscode)).filter((p) => p.file === 'train_deep.py')).toHaveLength(1);
});

test('a large workspace is checked in worker threads, with the same findings', async ({ vscode }) => {
  const buggy = await readFile(path.join(vscode.workspace, 'train_buggy.py'), 'utf8');
  // Enough files for worker threads (src/workspace/pool.ts): the packaged worker and its WASM must load.
  await addFiles(vscode, Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`many/copy_${i}.py`, buggy])));
  await vscode.waitForExtensionHost();
  await vscode.runCommand('Optim Lens: Check Workspace');
  const base = fixtureCounts();
  await expectNotification(vscode, `Optim Lens: ${base.findings + 40} findings in ${base.withFindings + 40} of ${base.files + 40} files.`, 45_000);
  expect(await ourProblems(vscode)).toContainEqual(expect.objectContaining({ file: 'copy_0.py', code: 'OL001', ...(await lineAndColumn(vscode, 'many/copy_0.py', 'optimizer.step()')) }));
});
