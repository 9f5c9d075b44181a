import { describe } from 'vitest';
import { runCases } from '../cases';
import { py } from '../helpers';

describe('OL010 sigmoid-into-logits-loss', () => {
  runCases([
    {
      name: 'flags torch.sigmoid passed to a BCEWithLogitsLoss instance',
      code: py`
        import torch
        criterion = torch.nn.BCEWithLogitsLoss()
        for x, y in loader:
            loss = criterion(torch.sigmoid(net(x)), y)
            loss.backward()
      `,
      expect: ['OL010@4'],
      message: /sigmoid\(sigmoid\(x\)\).*0\.5 and 0\.73/,
    },
    {
      name: 'flags F.sigmoid through an assignment into F.binary_cross_entropy_with_logits',
      code: py`
        import torch.nn.functional as F
        for x, y in loader:
            p = F.sigmoid(net(x))
            loss = F.binary_cross_entropy_with_logits(p, y)
            loss.backward()
      `,
      expect: ['OL010@4'],
    },
    {
      name: 'flags the tensor method .sigmoid() followed by squeeze',
      code: py`
        import torch.nn as nn
        bce = nn.BCEWithLogitsLoss(pos_weight=w)
        for x, y in loader:
            out = net(x).sigmoid().squeeze(1)
            loss = bce(out, y.float())
            loss.backward()
      `,
      expect: ['OL010@5'],
    },
    {
      name: 'flags nn.Sigmoid() called inline and held as an attribute',
      code: py`
        import torch.nn as nn
        class Head(nn.Module):
            def __init__(self):
                super().__init__()
                self.act = nn.Sigmoid()
                self.loss_fn = nn.BCEWithLogitsLoss()

            def loss(self, z, y):
                return self.loss_fn(self.act(z), y) + self.loss_fn(nn.Sigmoid()(z), y)
      `,
      expect: ['OL010@9', 'OL010@9'],
    },
    {
      name: 'flags a network of the file whose forward ends in a sigmoid layer',
      code: py`
        import torch
        import torch.nn as nn

        class Discriminator(nn.Module):
            def __init__(self):
                super().__init__()
                self.main = nn.Sequential(nn.Linear(784, 256), nn.LeakyReLU(0.2), nn.Linear(256, 1), nn.Sigmoid())

            def forward(self, x):
                return self.main(x)

        D = Discriminator()
        adversarial_loss = torch.nn.BCEWithLogitsLoss()
        for real, _ in loader:
            d_loss = adversarial_loss(D(real), torch.ones(real.size(0), 1))
            d_loss.backward()
      `,
      expect: ['OL010@15'],
    },
    {
      name: 'flags torch.special.expit (the sigmoid under another name)',
      code: py`
        import torch
        import torch.nn.functional as F
        for x, y in loader:
            loss = F.binary_cross_entropy_with_logits(torch.special.expit(net(x)), y)
            loss.backward()
      `,
      expect: ['OL010@4'],
    },
    {
      name: 'flags a sigmoid made in place with sigmoid_()',
      code: py`
        import torch.nn.functional as F
        def compute(net, x, y):
            s = net(x).sigmoid_()
            return F.binary_cross_entropy_with_logits(s, y)
      `,
      expect: ['OL010@4'],
    },
    {
      name: 'flags the keyword form input=',
      code: py`
        import torch.nn.functional as F
        for x, y in loader:
            p = torch.sigmoid(net(x))
            loss = F.binary_cross_entropy_with_logits(target=y, input=p)
            loss.backward()
      `,
      expect: ['OL010@4'],
    },
    {
      name: 'silent for BCELoss on a sigmoid output (the right pairing)',
      code: py`
        import torch
        criterion = torch.nn.BCELoss()
        for x, y in loader:
            loss = criterion(torch.sigmoid(net(x)), y)
            loss.backward()
      `,
      expect: [],
    },
    {
      name: 'silent when the logits go to the loss and the sigmoid to a threshold',
      code: py`
        import torch
        criterion = torch.nn.BCEWithLogitsLoss()
        for x, y in loader:
            logits = net(x)
            loss = criterion(logits, y)
            preds = (torch.sigmoid(logits) > 0.5).float()
            loss.backward()
      `,
      expect: [],
    },
    {
      name: 'silent when the sigmoid output is the target (soft labels)',
      code: py`
        import torch
        import torch.nn.functional as F
        for x, y in loader:
            soft = torch.sigmoid(teacher(x))
            loss = F.binary_cross_entropy_with_logits(student(x), soft)
            loss.backward()
      `,
      expect: [],
    },
    {
      name: 'silent when the sigmoid is applied after the loss',
      code: py`
        import torch
        import torch.nn.functional as F
        for x, y in loader:
            out = net(x)
            loss = F.binary_cross_entropy_with_logits(out, y)
            out = torch.sigmoid(out)
            loss.backward()
      `,
      expect: [],
    },
    {
      name: 'silent when a branch keeps the logits',
      code: py`
        import torch
        import torch.nn.functional as F
        for x, y in loader:
            out = net(x)
            if args.probs:
                out = torch.sigmoid(out)
            else:
                out = out * 1.0
            loss = F.binary_cross_entropy_with_logits(out, y)
            loss.backward()
      `,
      expect: [],
    },
    {
      name: 'silent for a network whose forward returns logits',
      code: py`
        import torch
        import torch.nn as nn

        class D(nn.Module):
            def __init__(self):
                super().__init__()
                self.main = nn.Sequential(nn.Linear(784, 1), nn.Sigmoid(), nn.Linear(1, 1))

            def forward(self, x):
                return self.main(x)

        d = D()
        crit = nn.BCEWithLogitsLoss()
        for real, _ in loader:
            loss = crit(d(real), ones)
            loss.backward()
      `,
      expect: [],
    },
    {
      name: 'silent for a sigmoid method of some other object (self.sigmoid is the method of the class)',
      code: py`
        import torch.nn as nn
        class M(nn.Module):
            def sigmoid(self, x):
                return x * 2

            def loss(self, x, y):
                return nn.functional.binary_cross_entropy_with_logits(self.sigmoid(x), y)
      `,
      expect: [],
    },
    {
      name: 'silent for F.logsigmoid, which is a different function',
      code: py`
        import torch.nn.functional as F
        for x, y in loader:
            loss = F.binary_cross_entropy_with_logits(F.logsigmoid(net(x)), y)
            loss.backward()
      `,
      expect: [],
    },
    {
      name: 'flags a network parameter whose only caller passes a network ending in a sigmoid (UNet3+)',
      code: py`
        import torch.nn as nn
        import torch.nn.functional as F
        class UNet3Plus(nn.Module):
            def forward(self, inputs):
                d1 = self.outconv1(inputs)
                return F.sigmoid(d1)
        def train_net(net, device, epochs=5):
            criterion = nn.BCEWithLogitsLoss()
            for epoch in range(epochs):
                for imgs, true_masks in loader:
                    masks_pred = net(imgs)
                    loss = criterion(masks_pred, true_masks)
                    loss.backward()
        if __name__ == '__main__':
            net = UNet3Plus(n_channels=3, n_classes=1)
            train_net(net=net, epochs=10, device='cuda')
      `,
      expect: ['OL010@12'],
    },
    {
      name: 'silent when one caller passes a network ending in a sigmoid and another one returning logits',
      code: py`
        import torch.nn as nn
        import torch.nn.functional as F
        class A(nn.Module):
            def forward(self, x):
                return F.sigmoid(self.fc(x))
        class B(nn.Module):
            def forward(self, x):
                return self.fc(x)
        def train_net(net, criterion):
            for imgs, masks in loader:
                loss = criterion(net(imgs), masks)
                loss.backward()
        train_net(A(), nn.BCEWithLogitsLoss())
        train_net(B(), nn.BCEWithLogitsLoss())
        train_net(A(), nn.BCELoss())
      `,
      expect: [],
    },
    {
      name: 'noqa: OL010 silences it and a bare noqa too',
      code: py`
        import torch
        import torch.nn.functional as F
        for x, y in loader:
            a = F.binary_cross_entropy_with_logits(torch.sigmoid(net(x)), y)  # noqa: OL010
            b = F.binary_cross_entropy_with_logits(torch.sigmoid(net(x)), y)  # noqa
            (a + b).backward()
      `,
      expect: [],
    },
  ]);
});
