import { describe } from 'vitest';
import { runCases } from '../cases';
import { py } from '../helpers';

/** A project's own optimizer and scheduler classes (model/torch.ts torchBaseKind). */
describe('optimizers and schedulers deriving from torch classes', () => {
  runCases([
    {
      name: 'OL001: a custom Optimizer subclass stepped without clearing its gradients',
      code: py`
        import torch
        from torch.optim import Optimizer

        class Lion(Optimizer):
            def __init__(self, params, lr=1e-4):
                super().__init__(params, dict(lr=lr))

            @torch.no_grad()
            def step(self, closure=None):
                for group in self.param_groups:
                    for p in group["params"]:
                        p.add_(p.grad.sign(), alpha=-group["lr"])

        optimizer = Lion(model.parameters())
        for epoch in range(10):
            for x, y in loader:
                loss = model(x).sum()
                loss.backward()
                optimizer.step()
      `,
      expect: ['OL001@19'],
    },
    {
      name: 'silent when the custom optimizer is cleared; a subclass of a subclass of torch.optim.Adam counts too',
      code: py`
        import torch

        class MyAdam(torch.optim.Adam):
            pass

        class MyAdam2(MyAdam):
            pass

        optimizer = MyAdam2(model.parameters())
        for x, y in loader:
            optimizer.zero_grad()
            model(x).sum().backward()
            optimizer.step()
      `,
      expect: [],
    },
    {
      name: 'OL003: a custom _LRScheduler stepped before the optimizer at the top of the epoch',
      code: py`
        import torch
        from torch.optim.lr_scheduler import _LRScheduler

        class Warmup(_LRScheduler):
            def __init__(self, optimizer, total):
                self.total = total
                super().__init__(optimizer)

            def get_lr(self):
                return [base * min(1.0, (self.last_epoch + 1) / self.total) for base in self.base_lrs]

        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = Warmup(optimizer, 5)
        for epoch in range(90):
            scheduler.step()
            for x, y in loader:
                optimizer.zero_grad()
                model(x).sum().backward()
                optimizer.step()
      `,
      expect: ['OL003@15'],
    },
    {
      name: 'a plain class with a step() method is not an optimizer',
      code: py`
        import torch

        class Counter:
            def step(self):
                self.n += 1

        counter = Counter()
        for x, y in loader:
            optimizer.zero_grad()
            model(x).sum().backward()
            optimizer.step()
            counter.step()
      `,
      expect: [],
    },
  ]);
});
