// The loss rules as a user meets them: a softmax fed to CrossEntropyLoss is flagged in the
// Problems view, and the quick fix passes the logits (keeping the softmax for the accuracy).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test, expect } from './vscode';

const SCRIPT = `import torch
import torch.nn.functional as F

criterion = torch.nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(net.parameters(), lr=0.1)
for x, y in loader:
    logits = net(x)
    probs = F.softmax(logits, dim=1)
    loss = criterion(probs, y)
    acc = (probs.argmax(dim=1) == y).float().mean()
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
`;

test('a softmax fed to CrossEntropyLoss is flagged, and the quick fix passes the logits', async ({ vscode }) => {
  await writeFile(path.join(vscode.workspace, 'train_softmax.py'), SCRIPT);
  // Written after the folder opened: reloaded, the window lists it (as project.spec.ts does).
  await vscode.load(new URL(vscode.page.url()).origin + '/');
  await vscode.waitForExtensionHost();
  await vscode.openFile('train_softmax.py');
  await expect
    .poll(() => vscode.problems(), { timeout: 30_000 })
    .toContainEqual(expect.objectContaining({ file: 'train_softmax.py', code: 'OL009', source: 'Optim Lens', line: 9 }));
  await vscode.screenshot('loss-rule-finding');

  const title = 'Pass the values before F.softmax to criterion';
  await vscode.openCodeActions('.editor-group-container.active .view-line', 'loss = criterion', title);
  await vscode.screenshot('loss-rule-menu');
  await vscode.chooseCodeAction(title);

  await expect
    .poll(async () => ((await vscode.page.locator('.editor-group-container.active .view-line', { hasText: 'criterion(' }).last().textContent()) ?? '').replace(/\u00a0/g, ' '))
    .toMatch(/loss = criterion\(logits, y\)/);
  await expect.poll(async () => (await vscode.problems()).filter((p) => p.code === 'OL009'), { timeout: 20_000 }).toEqual([]);
  // The softmax stays for the accuracy.
  await expect(vscode.page.locator('.editor-group-container.active .view-line', { hasText: /probs\s=\sF\.softmax\(logits/ })).toBeVisible();
  await vscode.screenshot('loss-rule-fixed');
});
