// "Optim Lens: Check Workspace" as a user meets it: run from the palette, it fills the Problems view
// with the findings of files that are not open, leaves out what .gitignore and optimLens.exclude
// leave out, and hands a file over to live analysis once it is opened.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test, expect, type Problem, type VsCode } from './vscode';

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
  // train_buggy.py, train_correct.py, notebook.ipynb and models/train_deep.py: three with a finding.
  await expectNotification(vscode, 'Optim Lens: 3 findings in 3 of 4 files.', 30_000);
  const problems = await ourProblems(vscode);
  expect(problems.map((p) => `${p.file} ${p.code}`).sort()).toEqual(['notebook.ipynb OL001', 'train_buggy.py OL001', 'train_deep.py OL001']);
  expect(problems.find((p) => p.file === 'train_deep.py')).toMatchObject({ ...(await lineAndColumn(vscode, 'models/train_deep.py', 'optimizer.step()')), severity: 'error' });
  // A notebook that is not open has no cells to hold the finding: it is on the line of the
  // notebook's JSON that holds the code, and names the cell.
  const notebook = problems.find((p) => p.file === 'notebook.ipynb')!;
  expect(notebook.message).toMatch(/^Cell 3: Gradients of optimizer are never cleared/);
  expect(notebook).toMatchObject(await lineAndColumn(vscode, 'notebook.ipynb', 'optimizer.step()'));
  await vscode.screenshot('check-workspace');

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
  await expectNotification(vscode, 'Optim Lens: 42 findings in 42 of 43 files.', 45_000);
  expect(await ourProblems(vscode)).toContainEqual(expect.objectContaining({ file: 'copy_0.py', code: 'OL001', ...(await lineAndColumn(vscode, 'many/copy_0.py', 'optimizer.step()')) }));
});
