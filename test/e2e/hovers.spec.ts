// Hovers in a real VS Code: the explanation of a torch class with this file's values, its link to
// the panel opened with them, and the loop's calls explained where they run, in a .py file and in a
// notebook cell.
import type { Frame, Locator } from '@playwright/test';
import { test, expect } from './vscode';

/** A table row of the hover whose first cell is exactly `name`. */
function row(hover: Locator, name: string): Locator {
  return hover.locator('tr').filter({ has: hover.page().locator('td:first-child', { hasText: new RegExp(`^${name}$`) }) });
}

/** Name (label) of each row of the race's summary table. */
function summaryNames(frame: Frame): Promise<string[]> {
  return frame.getByTestId('summary-row').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.name ?? ''));
}

test('hovering AdamW explains it with this call’s values, and its link races it in Compare Optimizers', async ({ vscode }) => {
  await vscode.openFile('hover_demo.py');
  const hover = await vscode.hoverShowing('AdamW', 'Adam with decoupled weight decay');
  await expect(hover).toContainText('torch.optim.AdamW');
  // As written, through a constant, by torch's default.
  await expect(row(hover, 'lr')).toContainText('2e-3');
  await expect(row(hover, 'weight_decay')).toContainText('DECAY = 0.05');
  await expect(row(hover, 'eps')).toContainText('1e-8 (default)');
  await expect(hover).toContainText('When to use');
  await vscode.screenshot('hover-adamw');

  await hover.getByRole('link', { name: 'Visualise in Compare Optimizers' }).click();
  await vscode.page.mouse.move(100, 700); // off the hover, which would cover the panel's screenshot
  const frame = await vscode.webviewFrame('[data-testid="summary"]', 30_000);
  await expect.poll(() => summaryNames(frame)).toEqual(['AdamW lr=0.002 · hover_demo.py:10', 'SGD', 'SGD + momentum', 'Adam']);
  const adamw = frame.locator('[data-testid="entry"][data-type="AdamW"]');
  await expect(adamw.getByTestId('lr')).toHaveValue('0.002');
  await vscode.screenshot('hover-adamw-panel');
});

test('hovering StepLR plots it as the loop steps it; the loop’s calls say what they do there', async ({ vscode }) => {
  await vscode.openFile('hover_demo.py');
  const step = await vscode.hoverShowing('step', 'Here it runs once per epoch', { line: 'scheduler.step()' });
  await expect(step).toContainText('torch.optim.lr_scheduler.StepLR');
  const zeroGrad = await vscode.hoverShowing('zero_grad', 'Here it runs once per batch');
  await expect(zeroGrad).toContainText('Clears the gradients');
  const loss = await vscode.hoverShowing('cross_entropy', 'torch.nn.functional.cross_entropy');
  await expect(loss).toContainText('It expects logits');

  const hover = await vscode.hoverShowing('StepLR', 'stepped once per epoch, over 30 epochs');
  await expect(row(hover, 'step_size')).toContainText('10');
  await hover.getByRole('link', { name: 'Plot this schedule' }).click();
  await vscode.page.mouse.move(100, 700);
  const frame = await vscode.webviewFrame('[data-testid="readout"]', 30_000);
  const entry = frame.getByTestId('entry');
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText('hover_demo.py:11');
  await expect(entry.locator('[data-testid="editor"][data-type="StepLR"]').getByTestId('kw-step_size')).toHaveValue('10');
  await vscode.screenshot('hover-steplr-panel');
});

test('a notebook cell gets the same hover, with names from an earlier cell', async ({ vscode }) => {
  await vscode.openFile('notebook.ipynb');
  const cells = '.notebookOverlay .cell-list-container';
  const adam = await vscode.hoverShowing('Adam', 'Adaptive moment estimation', { within: cells });
  await expect(row(adam, 'lr')).toContainText('1e-3');
  const step = await vscode.hoverShowing('step', 'Here it runs once per batch', { within: cells, line: 'optimizer.step()' });
  await expect(step).toContainText('torch.optim.Adam');
  await vscode.screenshot('hover-notebook');
});
