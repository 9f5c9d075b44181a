// The foundation, in a real VS Code: the packaged extension activates on Python, its commands open
// their webview panels, its findings reach the Problems view, and it speaks Chinese.
// scenarios.json holds the expectations this suite shares with the desktop one (test/electron/).
import scenarios from './scenarios.json';
import { test, expect } from './vscode';

const { commands, findings, clean } = scenarios;

test('activates when a Python file opens, and its commands are in the palette', async ({ vscode }) => {
  // Wait for the extension host (Git starts with it) before checking Optim Lens is not yet running.
  await expect.poll(() => vscode.runningExtensions()).toContain('Git');
  expect(await vscode.runningExtensions()).not.toContain('Optim Lens');

  await vscode.openFile(findings[0]!.file);
  await expect.poll(() => vscode.runningExtensions()).toContain('Optim Lens');
  expect(await vscode.paletteEntries('Optim Lens')).toEqual(expect.arrayContaining(commands.map((c) => c.title)));
  await vscode.screenshot('python-file-open');
});

test('each command opens its webview panel', async ({ vscode }) => {
  await vscode.openFile(clean[0]!);
  // The palette lists the commands once the extension host has read the contributions.
  await vscode.waitForExtensionHost();
  for (const { title, panelTitle, id } of commands) {
    await vscode.runCommand(title);
    const frame = await vscode.webviewFrame(`[data-testid="panel-root"]:has-text("${panelTitle}")`);
    await expect(frame.getByTestId('panel-root')).toBeVisible();
    expect(await vscode.editorTabs()).toContainEqual(expect.stringMatching(new RegExp(`^${panelTitle}\\b`)));
    await vscode.screenshot(id);
  }
  // Running a command again reveals its panel instead of opening a second one.
  await vscode.runCommand(commands[0]!.title);
  expect((await vscode.editorTabs()).filter((tab) => tab.startsWith(commands[0]!.panelTitle))).toHaveLength(1);

  // The default theme is light; the panels follow a switch to a dark one.
  await vscode.setTheme('Dark Modern');
  await expect(vscode.page.locator('.monaco-workbench')).toHaveClass(/\bvs-dark\b/);
  const frame = await vscode.webviewFrame('[data-testid="panel-root"]');
  await expect(frame.locator('body')).toHaveClass(/\bvscode-dark\b/);
  await vscode.screenshot('panels-dark-theme');
});

test('its findings reach the Problems view', async ({ vscode }) => {
  for (const { file, code, line } of findings) {
    await vscode.openFile(file);
    await expect
      .poll(() => vscode.problems(), { timeout: 20_000 })
      .toContainEqual(expect.objectContaining({ file, code, line }));
  }
  await vscode.screenshot('problems-view');

  // Judged only now that the analyser has shown it runs: an absent analyser reports nothing too.
  for (const file of clean) {
    await vscode.openFile(file);
    await vscode.page.waitForTimeout(1_000);
    expect((await vscode.problems()).filter((p) => p.file === file)).toEqual([]);
  }
});

// Runs in the zh-cn project of playwright.config.ts (by its tag), on a code-server started in Chinese.
test.describe('with the display language set to Chinese', { tag: '@zh-cn' }, () => {
  test('the palette and the panels use the Chinese strings', async ({ vscode }) => {
    await vscode.openFile(findings[0]!.file);
    expect(await vscode.paletteEntries('Optim Lens')).toEqual(expect.arrayContaining(commands.map((c) => c.titleZhCn)));
    await vscode.runCommand(commands[0]!.titleZhCn);
    const frame = await vscode.webviewFrame('[data-testid="panel-root"]');
    await expect(frame.getByRole('heading', { level: 1 })).toHaveText(commands[0]!.panelTitleZhCn);
    await vscode.screenshot('zh-cn-compare-optimizers');
  });
});
