import { describe, expect, it } from 'vitest';
import { runCases } from '../cases';
import { getAnalyzer, py } from '../helpers';

/** A network ending in nn.Linear and a function taking it and its loss as parameters. */
const HEAD_FIT = py`
        import torch.nn as nn
        class Head(nn.Module):
            def __init__(self):
                super().__init__()
                self.fc = nn.Linear(128, 1)
            def forward(self, x):
                return self.fc(x)
        def fit(model, loss_fn, loader):
            for x, y in loader:
                loss = loss_fn(model(x), y)
                loss.backward()
`;

describe('OL011 logits-into-probability-loss', () => {
  runCases([
    {
      name: 'flags an nn.Linear output into F.binary_cross_entropy',
      code: py`
        import torch
        import torch.nn.functional as F
        head = torch.nn.Linear(128, 1)
        for x, y in loader:
            loss = F.binary_cross_entropy(head(x), y)
            loss.backward()
      `,
      expect: ['OL011@5'],
      message: /expects probabilities in \[0, 1\].*RuntimeError/,
    },
    {
      name: 'flags a network whose forward ends in a Linear layer into BCELoss',
      code: py`
        import torch.nn as nn

        class Net(nn.Module):
            def __init__(self):
                super().__init__()
                self.fc1 = nn.Linear(20, 64)
                self.fc2 = nn.Linear(64, 1)

            def forward(self, x):
                x = torch.relu(self.fc1(x))
                return self.fc2(x)

        net = Net()
        criterion = nn.BCELoss()
        for x, y in loader:
            loss = criterion(net(x).squeeze(), y)
            loss.backward()
      `,
      expect: ['OL011@16'],
      message: /comes from Net, whose forward ends in a linear layer/,
    },
    {
      name: 'flags an nn.Sequential ending in Linear',
      code: py`
        import torch.nn as nn
        net = nn.Sequential(nn.Linear(10, 10), nn.ReLU(), nn.Linear(10, 1))
        criterion = nn.BCELoss()
        for x, y in loader:
            loss = criterion(net(x), y)
            loss.backward()
      `,
      expect: ['OL011@5'],
    },
    {
      name: 'silent when layers are added to the Sequential after it is built (add_module, append, item assignment)',
      code: py`
        import torch.nn as nn
        class Discriminator(nn.Module):
            def __init__(self, wasserstein=False):
                super().__init__()
                self.model = nn.Sequential(nn.Linear(10, 10), nn.LeakyReLU(0.2), nn.Linear(10, 1))
                if not wasserstein:
                    self.model.add_module("activation", nn.Sigmoid())

            def forward(self, x):
                return self.model(x)

        head = nn.Sequential(nn.Linear(10, 1))
        head.append(nn.Sigmoid())
        tail = nn.Sequential(nn.Linear(10, 10), nn.Linear(10, 1))
        tail[1] = nn.Sequential(nn.Linear(10, 1), nn.Sigmoid())
        criterion = nn.BCELoss()
        discriminator = Discriminator()
        for x, y in loader:
            loss = criterion(discriminator(x), y) + criterion(head(x), y) + criterion(tail(x), y)
            loss.backward()
      `,
      expect: [],
    },
    {
      name: 'still flags a Sequential whose additions are to another container',
      code: py`
        import torch.nn as nn
        net = nn.Sequential(nn.Linear(10, 10), nn.ReLU(), nn.Linear(10, 1))
        subnet = nn.Sequential(nn.Linear(10, 1))
        subnet.append(nn.Sigmoid())
        criterion = nn.BCELoss()
        for x, y in loader:
            loss = criterion(net(x), y)
            loss.backward()
      `,
      expect: ['OL011@7'],
    },
    {
      name: 'silent when a sigmoid follows the linear layer',
      code: py`
        import torch
        import torch.nn as nn
        net = nn.Sequential(nn.Linear(10, 1), nn.Sigmoid())
        criterion = nn.BCELoss()
        head = nn.Linear(4, 1)
        for x, y in loader:
            loss = criterion(net(x), y) + criterion(torch.sigmoid(head(x)), y)
            loss.backward()
      `,
      expect: [],
    },
    {
      name: 'silent for BCEWithLogitsLoss on the raw output',
      code: py`
        import torch.nn as nn
        head = nn.Linear(4, 1)
        criterion = nn.BCEWithLogitsLoss()
        for x, y in loader:
            loss = criterion(head(x), y)
            loss.backward()
      `,
      expect: [],
    },
    {
      name: 'silent when the network comes from elsewhere',
      code: py`
        import torch.nn.functional as F
        from models import Net
        net = Net()
        for x, y in loader:
            loss = F.binary_cross_entropy(net(x), y)
            loss.backward()
      `,
      expect: [],
    },
    {
      name: 'flags a Linear layer attribute called in a method, into a BCELoss attribute, through view(-1)',
      code: py`
        import torch.nn as nn
        class Scorer(nn.Module):
            def __init__(self):
                super().__init__()
                self.fc = nn.Linear(32, 1)
                self.bce = nn.BCELoss()

            def loss(self, h, y):
                out = self.fc(h).view(-1)
                return self.bce(out, y)
      `,
      expect: ['OL011@10'],
    },
    {
      name: 'flags nn.Linear(...)(x) called inline',
      code: py`
        import torch.nn as nn
        import torch.nn.functional as F
        for x, y in loader:
            loss = F.binary_cross_entropy(nn.Linear(8, 1)(x), y)
            loss.backward()
      `,
      expect: ['OL011@4'],
    },
    {
      name: 'flags torch.nn.functional.binary_cross_entropy with input= on a LazyLinear',
      code: py`
        import torch
        head = torch.nn.LazyLinear(1)
        for x, y in loader:
            loss = torch.nn.functional.binary_cross_entropy(target=y, input=head(x))
            loss.backward()
      `,
      expect: ['OL011@4'],
    },
    {
      name: 'silent when the raw output is clamped into [0, 1]',
      code: py`
        import torch
        import torch.nn.functional as F
        head = torch.nn.Linear(8, 1)
        for x, y in loader:
            loss = F.binary_cross_entropy(torch.clamp(head(x), 0, 1), y) + F.binary_cross_entropy(head(x).clamp(0.0, 1.0), y)
            loss.backward()
      `,
      expect: [],
    },
    {
      name: 'silent when the name is rebound to the sigmoid before the loss',
      code: py`
        import torch
        import torch.nn as nn
        head = nn.Linear(8, 1)
        bce = nn.BCELoss()
        for x, y in loader:
            out = head(x)
            out = torch.sigmoid(out)
            loss = bce(out, y)
            loss.backward()
      `,
      expect: [],
    },
    {
      name: 'silent when the linear output is the target',
      code: py`
        import torch
        import torch.nn.functional as F
        head = torch.nn.Linear(8, 1)
        for x, y in loader:
            loss = F.binary_cross_entropy(torch.sigmoid(net(x)), head(x))
            loss.backward()
      `,
      expect: [],
    },
    {
      name: 'silent for a network whose forward applies the sigmoid on one branch only',
      code: py`
        import torch
        import torch.nn as nn

        class Net(nn.Module):
            def __init__(self):
                super().__init__()
                self.fc = nn.Linear(8, 1)

            def forward(self, x, probs=True):
                if probs:
                    return torch.sigmoid(self.fc(x))
                return self.fc(x)

        net = Net()
        criterion = nn.BCELoss()
        for x, y in loader:
            loss = criterion(net(x), y)
            loss.backward()
      `,
      expect: [],
    },
    {
      name: 'silent for a linear layer of another library (not torch.nn)',
      code: py`
        import torch.nn.functional as F
        from mylib.layers import Linear
        head = Linear(8, 1)
        for x, y in loader:
            loss = F.binary_cross_entropy(head(x), y)
            loss.backward()
      `,
      expect: [],
    },
    {
      name: 'noqa: OL011 silences it',
      code: py`
        import torch
        import torch.nn.functional as F
        head = torch.nn.Linear(128, 1)
        for x, y in loader:
            loss = F.binary_cross_entropy(head(x), y)  # noqa: OL011
            loss.backward()
      `,
      expect: [],
    },
    {
      name: 'flags a BCELoss parameter fed a network parameter ending in nn.Linear, as the only call passes them',
      code: `${HEAD_FIT}fit(Head(), nn.BCELoss(), loader)\n`,
      expect: ['OL011@10'],
    },
    {
      name: 'silent when another call passes BCEWithLogitsLoss',
      code: `${HEAD_FIT}fit(Head(), nn.BCELoss(), loader)\nfit(Head(), nn.BCEWithLogitsLoss(), loader)\n`,
      expect: [],
    },
  ]);

  it('is information, and its fix renames the functional call', async () => {
    const analyzer = await getAnalyzer();
    const text = py`
      import torch
      import torch.nn.functional as F
      head = torch.nn.Linear(128, 1)
      for x, y in loader:
          loss = F.binary_cross_entropy(head(x), y)
          loss.backward()
    `;
    const [f] = analyzer.analyzeText(text).filter((x) => x.code === 'OL011');
    expect(f?.severity).toBe('information');
    const fix = f?.fixes.find((x) => x.kind === 'fix');
    expect(fix?.edits).toHaveLength(1);
    expect(fix?.edits[0]?.newText).toBe('_with_logits');
  });
});
