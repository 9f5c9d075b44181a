import { describe, expect, it } from 'vitest';
import { runCases } from '../cases';
import { getAnalyzer, py } from '../helpers';

describe('OL009 softmax-into-cross-entropy', () => {
  runCases([
    {
      name: 'flags F.softmax passed straight to F.cross_entropy',
      code: py`
        import torch.nn.functional as F
        for x, y in loader:
            loss = F.cross_entropy(F.softmax(net(x), dim=1), y)
            loss.backward()
      `,
      expect: ['OL009@3'],
      message: /applies log_softmax to its input itself.*ln\(1 \+ \(C-1\)\/e\)/,
    },
    {
      name: 'flags a softmax output reaching a CrossEntropyLoss instance through assignments',
      code: py`
        import torch
        import torch.nn as nn
        criterion = nn.CrossEntropyLoss()
        for x, y in loader:
            logits = net(x)
            probs = torch.softmax(logits, dim=-1)
            out = probs
            loss = criterion(out, y)
            loss.backward()
      `,
      expect: ['OL009@8'],
    },
    {
      name: 'flags the tensor method x.softmax(dim), and the fully qualified functional',
      code: py`
        import torch
        def train_step(net, x, y):
            a = net(x).softmax(1)
            l1 = torch.nn.functional.cross_entropy(a, y)
            return l1
      `,
      expect: ['OL009@4'],
    },
    {
      name: 'flags nn.Softmax(dim)(x) and a softmax layer held as an attribute',
      code: py`
        import torch.nn as nn
        class Classifier(nn.Module):
            def __init__(self):
                super().__init__()
                self.fc = nn.Linear(16, 4)
                self.sm = nn.Softmax(dim=1)
                self.criterion = nn.CrossEntropyLoss()

            def loss(self, x, y):
                probs = self.sm(self.fc(x))
                return self.criterion(probs, y)

            def loss2(self, x, y):
                return self.criterion(nn.Softmax(dim=1)(self.fc(x)), y)
      `,
      expect: ['OL009@11', 'OL009@14'],
    },
    {
      name: 'flags a network of the file whose forward ends in softmax',
      code: py`
        import torch.nn as nn
        import torch.nn.functional as F

        class Net(nn.Module):
            def __init__(self):
                super().__init__()
                self.fc = nn.Linear(784, 10)

            def forward(self, x):
                x = self.fc(x)
                return F.softmax(x, dim=1)

        net = Net().to(device)
        criterion = nn.CrossEntropyLoss()
        for x, y in train_loader:
            output = net(x)
            loss = criterion(output, y)
            loss.backward()
      `,
      expect: ['OL009@17'],
      message: /comes from Net, whose forward ends in a softmax/,
    },
    {
      name: 'flags an nn.Sequential whose last layer is nn.Softmax, and a LightningModule calling self(x)',
      code: py`
        import torch.nn as nn
        import torch.nn.functional as F
        import pytorch_lightning as pl

        class Lit(pl.LightningModule):
            def __init__(self):
                super().__init__()
                self.net = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 3), nn.Softmax(dim=1))

            def forward(self, x):
                return self.net(x)

            def training_step(self, batch, batch_idx):
                x, y = batch
                y_hat = self(x)
                return F.cross_entropy(y_hat, y)
      `,
      expect: ['OL009@16'],
    },
    {
      name: 'flags log_softmax into cross_entropy, saying that the value is unchanged but NLLLoss was meant',
      code: py`
        import torch.nn.functional as F
        for x, y in loader:
            out = F.log_softmax(net(x), dim=1)
            loss = F.cross_entropy(out, y)
            loss.backward()
      `,
      expect: ['OL009@4'],
      message: /already a log_softmax output.*use NLLLoss/,
    },
    {
      name: 'flags a softmax model in a function without training vocabulary (evaluation)',
      code: py`
        import torch
        criterion = torch.nn.CrossEntropyLoss()

        def evaluate(net, batches):
            total = 0.0
            for x, y in batches:
                p = torch.softmax(net(x), 1)
                total += criterion(p, y).item()
            return total
      `,
      expect: ['OL009@8'],
    },
    {
      name: 'flags module-level notebook-style code across statements',
      code: py`
        import torch
        import torch.nn.functional as F
        probs = F.softmax(net(images), dim=1)
        loss = F.cross_entropy(probs, labels)
      `,
      expect: ['OL009@4'],
    },
    {
      name: 'flags a forward that ends by calling a softmax layer attribute, then returns the name',
      code: py`
        import torch.nn as nn

        class CNN(nn.Module):
            def __init__(self):
                super().__init__()
                self.fc = nn.Linear(32, 10)
                self.softmax = nn.Softmax(dim=1)

            def forward(self, x):
                x = self.fc(x)
                x = self.softmax(x)
                return x

        cnn = CNN().cuda()
        loss_func = nn.CrossEntropyLoss()
        for step, (b_x, b_y) in enumerate(train_loader):
            output = cnn(b_x)
            loss = loss_func(output, b_y)
            loss.backward()
      `,
      expect: ['OL009@18'],
    },
    {
      name: 'flags a loss called as nn.CrossEntropyLoss()(...), a functional alias and x.log_softmax(dim)',
      code: py`
        import torch.nn as nn
        import torch.nn.functional as F
        ce = F.cross_entropy
        for x, y in loader:
            a = nn.CrossEntropyLoss()(F.softmax(net(x), 1), y)
            b = ce(net(x).log_softmax(-1), y)
            (a + b).backward()

        def step(x, y):
            lf = F.cross_entropy
            return lf(F.softmax(net(x), 1), y)
      `,
      expect: ['OL009@5', 'OL009@6', 'OL009@11'],
    },
    {
      name: 'flags a criterion made under if __name__ and called from an evaluation function',
      code: py`
        import torch
        import torch.nn as nn

        def evaluate(net, batches):
            total = 0.0
            for x, y in batches:
                total += criterion(torch.softmax(net(x), dim=1), y).item()
            return total

        if __name__ == "__main__":
            criterion = nn.CrossEntropyLoss()
            print(evaluate(net, batches))
      `,
      expect: ['OL009@7'],
    },
    {
      name: 'silent when the logits go to the loss and the softmax only to metrics',
      code: py`
        import torch
        import torch.nn.functional as F
        criterion = torch.nn.CrossEntropyLoss()
        for x, y in loader:
            logits = net(x)
            loss = criterion(logits, y)
            probs = F.softmax(logits, dim=1)
            correct += (probs.argmax(1) == y).sum().item()
            loss.backward()
      `,
      expect: [],
    },
    {
      name: 'silent when the name is rebound to the softmax only after the loss',
      code: py`
        import torch.nn.functional as F
        for x, y in loader:
            out = net(x)
            loss = F.cross_entropy(out, y)
            out = F.softmax(out, dim=1)
            acc = (out.argmax(1) == y).float().mean()
            loss.backward()
      `,
      expect: [],
    },
    {
      name: 'silent for NLLLoss and F.nll_loss on log_softmax (the right pairing)',
      code: py`
        import torch.nn as nn
        import torch.nn.functional as F

        class Net(nn.Module):
            def forward(self, x):
                return F.log_softmax(self.fc(x), dim=1)

        net = Net()
        nll = nn.NLLLoss()
        for x, y in loader:
            output = net(x)
            loss = F.nll_loss(output, y) + nll(output, y)
            loss.backward()
      `,
      expect: [],
    },
    {
      name: 'silent when the softmax output is the target (distillation with soft labels)',
      code: py`
        import torch.nn.functional as F
        for x, y in loader:
            with torch.no_grad():
                soft = F.softmax(teacher(x) / T, dim=1)
            loss = F.cross_entropy(student(x), soft)
            loss.backward()
      `,
      expect: [],
    },
    {
      name: 'silent when one branch feeds logits (the paths disagree)',
      code: py`
        import torch.nn.functional as F
        for x, y in loader:
            out = net(x)
            if use_probs:
                out = F.softmax(out, dim=1)
            loss = F.cross_entropy(out, y)
            loss.backward()
      `,
      expect: [],
    },
    {
      name: 'silent when forward returns probabilities only outside training',
      code: py`
        import torch.nn as nn
        import torch.nn.functional as F

        class Net(nn.Module):
            def forward(self, x):
                logits = self.fc(x)
                if self.training:
                    return logits
                return F.softmax(logits, dim=1)

        net = Net()
        criterion = nn.CrossEntropyLoss()
        for x, y in loader:
            loss = criterion(net(x), y)
            loss.backward()
      `,
      expect: [],
    },
    {
      name: 'silent for a softmax of something that is not torch (a same-file function named softmax)',
      code: py`
        import torch.nn.functional as F
        def softmax(x, dim):
            return x
        for x, y in loader:
            loss = F.cross_entropy(softmax(net(x), 1), y)
            loss.backward()
      `,
      expect: [],
    },
    {
      name: 'silent for attention softmax inside the network (not its last operation)',
      code: py`
        import torch.nn as nn
        import torch.nn.functional as F

        class Attn(nn.Module):
            def forward(self, q, k, v):
                w = F.softmax(q @ k.transpose(-2, -1), dim=-1)
                return self.out(w @ v)

        net = Attn()
        for q, k, v, y in loader:
            loss = F.cross_entropy(net(q, k, v), y)
            loss.backward()
      `,
      expect: [],
    },
    {
      name: 'silent for a loss passed in as a parameter and for a criterion the file does not build',
      code: py`
        import torch.nn.functional as F
        def step(criterion, net, x, y):
            loss = criterion(F.softmax(net(x), 1), y)
            loss.backward()
      `,
      expect: [],
    },
    {
      name: 'flags a criterion parameter every call passes nn.CrossEntropyLoss() to, positionally (issue 14)',
      code: py`
        import torch.nn as nn
        import torch.nn.functional as F
        def train(model, loader, criterion, optimizer):
            for x, y in loader:
                out = F.softmax(model(x), dim=1)
                loss = criterion(out, y)
                loss.backward()
        train(net, loader, nn.CrossEntropyLoss(), opt)
      `,
      expect: ['OL009@6'],
    },
    {
      name: 'flags a network parameter whose call sites pass a network ending in a softmax (jindongwang)',
      code: py`
        import torch.nn as nn
        import torch.nn.functional as F
        class Network(nn.Module):
            def forward(self, x):
                out = self.fc(x)
                out = F.softmax(out, dim=1)
                return out
        def train(model, optimizer, train_loader):
            criterion = nn.CrossEntropyLoss()
            for sample, target in train_loader:
                output = model(sample)
                loss = criterion(output, target)
                loss.backward()
        if __name__ == '__main__':
            model = Network().to('cuda')
            train(model, opt, loader)
      `,
      expect: ['OL009@12'],
      message: /comes from Network, whose forward ends in a softmax/,
    },
    {
      name: 'flags a loss given by keyword at the call, or as the parameter\'s default',
      code: py`
        import torch.nn as nn
        def train(model, loader, criterion=nn.CrossEntropyLoss()):
            for x, y in loader:
                loss = criterion(model(x).softmax(1), y)
                loss.backward()
        def fit(model, loader, loss_fn=None):
            for x, y in loader:
                loss = loss_fn(model(x).softmax(1), y)
                loss.backward()
        train(net, loader)
        fit(net, loader, loss_fn=nn.CrossEntropyLoss())
      `,
      expect: ['OL009@4', 'OL009@8'],
    },
    {
      name: 'silent when the calls pass different losses, or different networks, to the parameter',
      code: py`
        import torch.nn as nn
        import torch.nn.functional as F
        class SoftNet(nn.Module):
            def forward(self, x):
                return F.softmax(self.fc(x), dim=1)
        class LogitNet(nn.Module):
            def forward(self, x):
                return self.fc(x)
        def train(model, loader, criterion):
            for x, y in loader:
                loss = criterion(F.softmax(model(x), dim=1), y)
                loss.backward()
        def fit(model, loader):
            criterion = nn.CrossEntropyLoss()
            for x, y in loader:
                loss = criterion(model(x), y)
                loss.backward()
        train(net, loader, nn.CrossEntropyLoss())
        train(net, loader, nn.NLLLoss())
        fit(SoftNet(), loader)
        fit(LogitNet(), loader)
      `,
      expect: [],
    },
    {
      name: 'silent when the function may have a caller the file does not show (passed on, decorated, *args)',
      code: py`
        import threading
        import torch.nn as nn
        import torch.nn.functional as F
        def train(model, loader, criterion):
            for x, y in loader:
                loss = criterion(F.softmax(model(x), dim=1), y)
                loss.backward()
        train(net, loader, nn.CrossEntropyLoss())
        threading.Thread(target=train, args=(net, loader, nn.NLLLoss())).start()
        @some.decorator
        def train2(model, loader, criterion):
            for x, y in loader:
                loss = criterion(F.softmax(model(x), dim=1), y)
                loss.backward()
        train2(net, loader, nn.CrossEntropyLoss())
        def train3(model, loader, criterion):
            for x, y in loader:
                loss = criterion(F.softmax(model(x), dim=1), y)
                loss.backward()
        train3(*args)
      `,
      expect: [],
    },
    {
      name: 'silent when a parameter is replaced only if it is None, and a call passes another loss',
      code: py`
        import torch.nn as nn
        import torch.nn.functional as F
        def train(model, loader, criterion=None):
            if criterion is None:
                criterion = nn.CrossEntropyLoss()
            for x, y in loader:
                loss = criterion(F.softmax(model(x), dim=1), y)
                loss.backward()
        train(net, loader, nn.NLLLoss())
      `,
      expect: [],
    },
    {
      name: 'flags a softmax output reshaped with .resize() or .view_as() on its way to the loss (cdssm)',
      code: py`
        import torch.nn as nn
        import torch.nn.functional as F
        criterion = nn.CrossEntropyLoss()
        for x, y in loader:
            y_pred = F.softmax(net(x), dim=1)
            loss = criterion(y_pred.resize(1, J + 1), y)
            loss2 = criterion(y_pred.view_as(x).contiguous(), y)
            (loss + loss2).backward()
      `,
      expect: ['OL009@6', 'OL009@7'],
    },
    {
      name: 'silent for logits reshaped with .resize()',
      code: py`
        import torch.nn as nn
        criterion = nn.CrossEntropyLoss()
        for x, y in loader:
            y_pred = net(x)
            loss = criterion(y_pred.resize(1, J + 1), y)
            loss.backward()
      `,
      expect: [],
    },
    {
      name: 'noqa: OL009 on the loss line silences it',
      code: py`
        import torch.nn.functional as F
        for x, y in loader:
            loss = F.cross_entropy(F.softmax(net(x), dim=1), y)  # noqa: OL009
            loss.backward()
      `,
      expect: [],
    },
  ]);

  it('flags a criterion parameter of a notebook function that a later cell passes CrossEntropyLoss (custom_bert_pipeline)', async () => {
    const cells = [
      'import torch.nn as nn\nimport torch.nn.functional as F\n',
      py`
        def train_model(model, criterion, optimizer, scheduler, num_epochs=25):
            for epoch in range(num_epochs):
                for inputs, labels in loader:
                    outputs = model(inputs)
                    outputs = F.softmax(outputs, dim=1)
                    optimizer.zero_grad()
                    loss = criterion(outputs, labels)
                    loss.backward()
                    optimizer.step()
      `,
      'criterion = nn.CrossEntropyLoss()\n',
      'model_ft = train_model(model, criterion, optimizer_ft, exp_lr_scheduler, num_epochs=3)\n',
    ];
    const findings = (await getAnalyzer()).analyzeNotebook(cells);
    expect(findings.map((f) => `${f.code}@c${f.cell}:${f.range.start.line + 1}`)).toEqual(['OL009@c1:7']);
  });
});
