// A diagnostic's rule link in a real VS Code: clicking the code in the Problems view shows the rule
// page rendered in the Markdown preview (a webview), not the Markdown source of the install folder
// in an editable text editor.
import { test, expect } from './vscode';

test('the rule code of a finding opens its page rendered and read-only', async ({ vscode }) => {
  await vscode.openFile('train_buggy.py');
  await expect.poll(() => vscode.problems(), { timeout: 20_000 }).toContainEqual(expect.objectContaining({ file: 'train_buggy.py', code: 'OL001' }));

  const link = vscode.page.locator('.markers-panel .monaco-list-row a.monaco-link', { hasText: 'OL001' }).first();
  await expect(link).toHaveAttribute('href', /^command:optimLens\.showRule/);
  await link.click();

  // The page, rendered: its title as a heading and its table as a table, inside the preview's webview.
  const frame = await vscode.webviewFrame((f) => f.locator('h1', { hasText: 'OL001 · missing-zero-grad' }).isVisible(), 20_000);
  await expect(frame.locator('table').first()).toContainText('missing-zero-grad');
  await expect(frame.locator('pre code').first()).toBeVisible();
  await expect.poll(() => vscode.editorTabs()).toContainEqual(expect.stringMatching(/^Preview OL001\.md/));
  // No text editor holds the Markdown source.
  await expect(vscode.page.locator('.monaco-editor .view-lines', { hasText: '# OL001' })).toHaveCount(0);
  await expect.poll(() => vscode.editorTabs()).not.toContainEqual(expect.stringMatching(/^OL001\.md/));
  await vscode.screenshot('rule-page-preview');
});
