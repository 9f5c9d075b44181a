// The analyser as a user meets it in a real VS Code: findings in the Problems view for a file and
// for a notebook cell, and a quick fix that makes them go away.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test, expect, type VsCode } from './vscode';

/** The visible lines of the active editor in order (Monaco positions line elements, not in DOM order). */
async function editorText(vscode: VsCode): Promise<string> {
  const lines = vscode.page.locator('.editor-group-container.active .monaco-editor .view-lines .view-line');
  const rows = await lines.evaluateAll((els) => els.map((el) => ({ top: parseFloat((el as HTMLElement).style.top), text: el.textContent ?? '' })));
  return rows
    .sort((a, b) => a.top - b.top)
    .map((row) => row.text.replace(/\u00a0/g, ' '))
    .join('\n');
}

/** Opens the quick-fix menu on the last `optimizer.step()` line under `lines` and applies `title`. */
async function applyQuickFix(vscode: VsCode, lines: string, title: string, screenshot: string): Promise<void> {
  const rows = await vscode.openCodeActions(lines, 'optimizer.step()', title);
  await expect(rows.filter({ hasText: 'Suppress OL001 on this line with # noqa' })).toBeVisible();
  await vscode.screenshot(screenshot);
  await vscode.chooseCodeAction(title);
}

test('a quick fix inserts zero_grad() and the finding goes away', async ({ vscode }) => {
  await vscode.openFile('train_buggy.py');
  await expect.poll(() => vscode.problems(), { timeout: 20_000 }).toContainEqual(expect.objectContaining({ file: 'train_buggy.py', code: 'OL001', source: 'Optim Lens' }));

  await applyQuickFix(vscode, '.editor-group-container.active .view-line', 'Insert optimizer.zero_grad() at the top of the loop', 'quick-fix-menu');

  await expect.poll(() => editorText(vscode)).toMatch(/for x, y in batches:\s+optimizer\.zero_grad\(\)\s+loss = loss_fn/);
  await expect.poll(async () => (await vscode.problems()).filter((p) => p.code === 'OL001')).toEqual([]);
  await vscode.screenshot('quick-fix-applied');
});

test('a notebook is analysed across its cells, the finding lands in the loop cell', async ({ vscode }) => {
  await vscode.openFile('notebook.ipynb');
  await expect
    .poll(() => vscode.problems(), { timeout: 30_000 })
    .toContainEqual(expect.objectContaining({ code: 'OL001', source: 'Optim Lens', line: 5, column: 5 }));
  // The cell that defines the optimizer has no finding of its own: the finding is in the loop's cell.
  const cellsWithErrors = vscode.page.locator('.notebookOverlay .cell-list-container .squiggly-error');
  await expect(cellsWithErrors.first()).toBeVisible();
  await vscode.screenshot('notebook-finding');

  // The fix edits the loop's cell (not the notebook JSON), and the finding goes as the cell changes.
  await applyQuickFix(vscode, '.notebookOverlay .cell-list-container .view-line', 'Insert optimizer.zero_grad() at the top of the loop', 'notebook-quick-fix-menu');
  await expect(vscode.page.locator('.notebookOverlay .cell-list-container .view-line', { hasText: 'optimizer.zero_grad()' })).toBeVisible();
  await expect.poll(async () => (await vscode.problems()).filter((p) => p.code === 'OL001'), { timeout: 20_000 }).toEqual([]);
  await vscode.screenshot('notebook-fixed');
});

test('settings apply at once: an excluded file loses its findings, a rule set to off disappears', async ({ vscode }) => {
  await vscode.openFile('train_buggy.py');
  await expect.poll(() => vscode.problems(), { timeout: 20_000 }).toContainEqual(expect.objectContaining({ code: 'OL001' }));

  const settingsFile = path.join(vscode.workspace, '.vscode', 'settings.json');
  await mkdir(path.dirname(settingsFile), { recursive: true });
  await writeFile(settingsFile, JSON.stringify({ 'optimLens.exclude': ['**/train_buggy.py'] }));
  await expect.poll(async () => (await vscode.problems()).filter((p) => p.source === 'Optim Lens'), { timeout: 20_000 }).toEqual([]);

  await writeFile(settingsFile, JSON.stringify({ 'optimLens.severity': { OL001: 'warning' } }));
  await expect.poll(() => vscode.problems(), { timeout: 20_000 }).toContainEqual(expect.objectContaining({ code: 'OL001', severity: 'warning' }));

  await writeFile(settingsFile, JSON.stringify({ 'optimLens.severity': { OL001: 'off' } }));
  await expect.poll(async () => (await vscode.problems()).filter((p) => p.code === 'OL001'), { timeout: 20_000 }).toEqual([]);
});
