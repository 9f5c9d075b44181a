// The extension in Chinese, in a real VS Code whose display language is zh-cn: command titles in
// the palette, a diagnostic in the Problems view, a hover and both panels' labels, each attached
// as a screenshot.
import type { Locator } from '@playwright/test';
import { test, expect, type VsCode } from './vscode';

/** A table row of the hover whose first cell is exactly `name`. */
function row(hover: Locator, name: string): Locator {
  return hover.locator('tr').filter({ has: hover.page().locator('td:first-child', { hasText: new RegExp(`^${name}$`) }) });
}

async function attachScreenshot(vscode: VsCode, name: string): Promise<void> {
  const file = await vscode.screenshot(name);
  await test.info().attach(name, { path: file, contentType: 'image/png' });
}

// Runs in the zh-cn project of playwright.config.ts (by its tag), on a code-server started in Chinese.
test.describe('with the display language set to Chinese', { tag: '@zh-cn' }, () => {
  test('commands, diagnostics, hovers and panels are in Chinese', async ({ vscode }) => {
    await vscode.openFile('train_buggy.py');
    await vscode.waitForExtensionHost();

    expect(await vscode.paletteEntries('Optim Lens')).toEqual(expect.arrayContaining(['Optim Lens: 比较优化器', 'Optim Lens: 显示学习率调度']));

    await expect
      .poll(async () => (await vscode.problems()).filter((p) => p.code === 'OL001').map((p) => p.message), { timeout: 20_000 })
      .toEqual([expect.stringContaining('此循环中 optimizer 的梯度从未清零')]);
    await attachScreenshot(vscode, 'zh-cn-problems');
    await vscode.runCommand('View: Hide Panel');

    await vscode.openFile('hover_demo.py');
    const hover = await vscode.hoverShowing('AdamW', '带解耦权重衰减的 Adam');
    await expect(hover.locator('th')).toHaveText(['参数', '本次调用', '含义']);
    await expect(row(hover, 'lr')).toContainText('学习率');
    await expect(row(hover, 'eps')).toContainText('1e-8（默认）');
    await expect(hover).toContainText('适用场景');
    await attachScreenshot(vscode, 'zh-cn-hover');

    await hover.getByRole('link', { name: '在“比较优化器”中可视化' }).click();
    await vscode.page.mouse.move(100, 700); // off the hover, which would cover the panel's screenshot
    const race = await vscode.webviewFrame('[data-testid="summary"]', 30_000);
    await expect(race.getByRole('heading', { level: 1 })).toHaveText('比较优化器');
    await expect(race.getByRole('columnheader', { name: '最终损失' })).toBeVisible();
    await expect(race.getByTestId('add-help')).toHaveText('自适应矩估计：用梯度及其平方的滑动平均，为每个权重单独确定步长。');
    await attachScreenshot(vscode, 'zh-cn-compare-optimizers');

    await vscode.runCommand('Optim Lens: 显示学习率调度');
    // Both panels are open now: the schedule's is the one with its title.
    const schedule = await vscode.webviewFrame((frame) => frame.getByRole('heading', { level: 1, name: '学习率调度' }).isVisible(), 30_000);
    await expect(schedule.getByRole('combobox', { name: '要添加的调度器' })).toBeVisible();
    await attachScreenshot(vscode, 'zh-cn-lr-schedule');
  });
});
