// A file over the host's work budget (src/features/analysisService.ts) in a real VS Code: a 1.1 MB
// training script, analysed in the document worker thread, shows its one bug in the Problems view,
// and the diagnostic follows the user's typing (it moves down with the lines typed above it, and
// goes when the bug is fixed by hand); a hover on the file is answered from the worker.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test, expect, type VsCode } from './vscode';
import { generateScript, UNCLEARED_LOOP } from '../fixtures/analysis/generate';

/** 1-based line of the last line holding `needle`. */
function lineOf(text: string, needle: string): number {
  return text.slice(0, text.lastIndexOf(needle)).split('\n').length;
}

async function goToLine(vscode: VsCode, line: number): Promise<void> {
  await vscode.page.keyboard.press('Control+g');
  const input = vscode.page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`:${line}`);
  await input.press('Enter');
  await expect(vscode.page.locator('.quick-input-widget')).toBeHidden();
}

/** What the extension wrote to its log channel ("Optim Lens" in the Output view) in this server's session. */
async function extensionLog(userDataDir: string): Promise<string> {
  const files = (await readdir(path.join(userDataDir, 'logs'), { recursive: true })).filter((f) => f.endsWith('Optim Lens.log'));
  const texts = await Promise.all(files.map((f) => readFile(path.join(userDataDir, 'logs', f), 'utf8')));
  return texts.join('\n');
}

/** The visible text of an Output channel, shown in the Output view. */
async function outputChannel(vscode: VsCode, name: string): Promise<string> {
  await vscode.runCommand('Output: Show Output Channels...');
  const input = vscode.page.locator('.quick-input-widget input');
  await input.fill(name);
  await vscode.page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().click();
  const lines = vscode.page.locator('.panel .output-view .view-lines .view-line');
  await lines.first().waitFor();
  // Long lines wrap into several rows: joined without a break, a wrapped line reads whole.
  return (await lines.allTextContents()).map((line) => line.replace(/\u00a0/g, ' ')).join('');
}

const ol001 = async (vscode: VsCode) => (await vscode.problems()).filter((p) => p.code === 'OL001' && p.file === 'big_train.py');

/** The scenario, on either extension host. */
async function largeFile(vscode: VsCode, userDataDir: string, web: boolean): Promise<void> {
  const text = generateScript(33_000, 5) + UNCLEARED_LOOP;
  expect(text.length).toBeGreaterThan(1024 * 1024);
  await writeFile(path.join(vscode.workspace, 'big_train.py'), text);
  const stepLine = lineOf(text, 'optimizer.step()');

  // Written after the folder opened: reloaded, the window lists it (as project.spec.ts does).
  await vscode.load(new URL(vscode.page.url()).origin + '/');
  await vscode.waitForExtensionHost();
  await vscode.openFile('big_train.py');
  await expect.poll(() => ol001(vscode), { timeout: web ? 150_000 : 90_000 }).toEqual([expect.objectContaining({ line: stepLine, column: 13, source: 'Optim Lens', severity: 'error' })]);
  await goToLine(vscode, stepLine);
  await vscode.screenshot(`${web ? 'web-' : ''}large-file-finding`);
  // It was the worker's analysis, not the host's.
  const worker = /big_train\.py: 1,\d{3},\d{3} characters, over the host's budget of 65,536: analysed in the document worker/;
  // The web host's logs stay in the browser: read them in the Output view.
  const log = web ? () => outputChannel(vscode, 'Optim Lens') : () => extensionLog(userDataDir);
  await expect.poll(log, { timeout: 30_000 }).toMatch(worker);
  expect(await log()).not.toMatch(/analysis worker stopped/);
  if (web) {
    await vscode.screenshot('web-large-file-log');
    await vscode.runCommand('View: Focus Active Editor Group');
  }

  // Two lines typed above the function: the diagnostic moves down with its line.
  await goToLine(vscode, lineOf(text, 'def train_forever'));
  await vscode.page.keyboard.press('Home');
  await vscode.page.keyboard.type('# moved\n# twice\n');
  await expect.poll(() => ol001(vscode), { timeout: 60_000 }).toEqual([expect.objectContaining({ line: stepLine + 2, column: 13 })]);

  // A hover on the optimizer is served from the worker's document.
  await vscode.hoverShowing('SGD', 'Stochastic gradient descent', { line: 'torch.optim.SGD(' });
  await vscode.screenshot(`${web ? 'web-' : ''}large-file-hover`);
  await vscode.page.keyboard.press('Escape');

  // The bug fixed by hand, zero_grad() typed at the top of the loop: the diagnostic goes.
  await goToLine(vscode, lineOf(text, 'loss = F.mse_loss') + 2);
  await vscode.page.keyboard.press('Home');
  await vscode.page.keyboard.type('optimizer.zero_grad()\n');
  await expect.poll(async () => (await vscode.problems()).filter((p) => p.file === 'big_train.py'), { timeout: 60_000 }).toEqual([]);
  await vscode.screenshot(`${web ? 'web-' : ''}large-file-fixed`);
}

test('a 1 MB file is analysed off the host: its bug reaches the Problems view and follows the typing', async ({ vscode, server }) => {
  test.setTimeout(180_000);
  await largeFile(vscode, server.userDataDir, false);
});

test('@web a 1 MB file is analysed in a Web Worker of the web host, and follows the typing', async ({ vscode, server }) => {
  test.setTimeout(300_000);
  await largeFile(vscode, server.userDataDir, true);
});
