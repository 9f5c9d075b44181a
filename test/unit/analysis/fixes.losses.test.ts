/** The loss-input rules' quick fixes: applied, the file still parses and the finding is gone. */
import { describe, expect, it } from 'vitest';
import type { RuleCode } from '../../../src/analysis';
import { applyFix, fixed, getAnalyzer, only, py } from './helpers';

async function noFix(code: RuleCode, text: string): Promise<void> {
  const finding = await only(code, text);
  expect(finding.fixes.filter((f) => f.kind === 'fix')).toEqual([]);
}

describe('loss-input fixes', () => {
  it('OL009 passes the logits and keeps the softmax for the accuracy', async () => {
    const text = py`
      import torch.nn.functional as F
      for x, y in loader:
          logits = net(x)
          probs = F.softmax(logits, dim=1)
          loss = F.cross_entropy(probs, y)
          acc = (probs.argmax(1) == y).float().mean()
          loss.backward()
    `;
    const finding = await only('OL009', text);
    expect(finding.fixes[0]?.title).toEqual({ template: 'Pass the values before {activation} to {loss}', args: { activation: 'F.softmax', loss: 'F.cross_entropy' } });
    const out = await fixed('OL009', text);
    expect(out).toContain('    probs = F.softmax(logits, dim=1)\n    loss = F.cross_entropy(logits, y)\n    acc = (probs.argmax(1) == y)');
  });

  it('OL009 unwraps a softmax written inside the loss call', async () => {
    const text = py`
      import torch
      criterion = torch.nn.CrossEntropyLoss()
      for x, y in loader:
          loss = criterion(torch.softmax(net(x), dim=1), y)
          loss.backward()
    `;
    expect(await fixed('OL009', text)).toContain('    loss = criterion(net(x), y)\n');
  });

  it('OL009 drops the softmax from the assignment when only the loss reads it', async () => {
    const text = py`
      import torch.nn.functional as F
      for x, y in loader:
          out = net(x).softmax(dim=1)
          loss = F.cross_entropy(out, y)
          loss.backward()
    `;
    expect(await fixed('OL009', text)).toContain('    out = net(x)\n    loss = F.cross_entropy(out, y)\n');
  });

  it('OL009 offers no fix when the softmax input was rebound in between, or when a metric reads the softmax of an expression', async () => {
    await noFix('OL009', py`
      import torch.nn.functional as F
      for x, y in loader:
          h = net(x)
          p = F.softmax(h, dim=1)
          h = h.detach()
          loss = F.cross_entropy(p, y)
          acc = (p.argmax(1) == y).float().mean()
          loss.backward()
    `);
    await noFix('OL009', py`
      import torch.nn.functional as F
      for x, y in loader:
          p = F.softmax(net(x), dim=1)
          loss = F.cross_entropy(p, y)
          acc = (p.argmax(1) == y).float().mean()
          loss.backward()
    `);
  });

  it('OL009 drops the softmax of a rebound input when only the loss reads the result', async () => {
    const text = py`
      import torch.nn.functional as F
      for x, y in loader:
          h = net(x)
          p = F.softmax(h, dim=1)
          h = h.detach()
          loss = F.cross_entropy(p, y)
          loss.backward()
    `;
    expect(await fixed('OL009', text)).toContain('    p = h\n    h = h.detach()\n    loss = F.cross_entropy(p, y)\n');
  });

  it('OL009 offers no fix for a network ending in softmax', async () => {
    await noFix('OL009', py`
      import torch.nn as nn
      net = nn.Sequential(nn.Linear(4, 3), nn.Softmax(dim=1))
      criterion = nn.CrossEntropyLoss()
      for x, y in loader:
          loss = criterion(net(x), y)
          loss.backward()
    `);
  });

  it('OL010 passes the logits through an nn.Sigmoid layer attribute', async () => {
    const text = py`
      import torch.nn as nn
      class Head(nn.Module):
          def __init__(self):
              super().__init__()
              self.act = nn.Sigmoid()
              self.crit = nn.BCEWithLogitsLoss()

          def loss(self, z, y):
              p = self.act(z)
              return self.crit(p, y)
    `;
    expect(await fixed('OL010', text)).toContain('        p = self.act(z)\n        return self.crit(z, y)');
  });

  it('OL010 keeps CRLF line endings', async () => {
    const text = 'import torch\r\nfor x, y in loader:\r\n    loss = torch.nn.functional.binary_cross_entropy_with_logits(torch.sigmoid(net(x)), y)\r\n    loss.backward()\r\n';
    expect(await fixed('OL010', text)).toBe('import torch\r\nfor x, y in loader:\r\n    loss = torch.nn.functional.binary_cross_entropy_with_logits(net(x), y)\r\n    loss.backward()\r\n');
  });

  it('OL011 renames F.binary_cross_entropy to its logits twin', async () => {
    const text = py`
      import torch.nn.functional as F
      import torch.nn as nn
      head = nn.Linear(8, 1)
      for x, y in loader:
          loss = F.binary_cross_entropy(head(x), y, reduction="sum")
          loss.backward()
    `;
    expect(await fixed('OL011', text)).toContain('    loss = F.binary_cross_entropy_with_logits(head(x), y, reduction="sum")\n');
  });

  it('the suppress fix adds # noqa: OL009', async () => {
    const text = py`
      import torch.nn.functional as F
      for x, y in loader:
          loss = F.cross_entropy(F.softmax(net(x), dim=1), y)
          loss.backward()
    `;
    const finding = await only('OL009', text);
    const fix = finding.fixes.find((f) => f.kind === 'suppress');
    const out = applyFix(text, fix!);
    expect(out).toContain('loss = F.cross_entropy(F.softmax(net(x), dim=1), y)  # noqa: OL009\n');
    const analyzer = await getAnalyzer();
    expect(analyzer.analyzeText(out).filter((f) => f.code === 'OL009')).toEqual([]);
  });
});
