import { describe } from 'vitest';
import { runCases } from '../cases';
import { py } from '../helpers';

describe('OL007 plateau-step-without-metric', () => {
  runCases([
    {
      name: 'flags ReduceLROnPlateau.step() with no metric',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, mode="min", patience=5)
        for epoch in range(100):
            train(model, optimizer)
            val_loss = validate(model)
            scheduler.step()
      `,
      expect: ['OL007@7'],
    },
    {
      name: 'flags an imported ReduceLROnPlateau on self',
      code: py`
        from torch.optim.lr_scheduler import ReduceLROnPlateau
        class Trainer:
            def __init__(self, optimizer):
                self.sched = ReduceLROnPlateau(optimizer)

            def end_epoch(self, metrics):
                self.sched.step()
      `,
      expect: ['OL007@7'],
    },
    {
      name: 'silent with a metric',
      code: py`
        import torch
        scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer)
        for epoch in range(100):
            val_loss = validate(model)
            scheduler.step(val_loss)
      `,
      expect: [],
    },
    {
      name: 'silent with metrics= keyword',
      code: py`
        import torch
        scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer)
        for epoch in range(100):
            scheduler.step(metrics=validate(model))
      `,
      expect: [],
    },
    {
      name: 'silent when the name may hold another scheduler',
      code: py`
        import torch
        if args.sched == "plateau":
            scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer)
        else:
            scheduler = torch.optim.lr_scheduler.StepLR(optimizer, 30)
        for epoch in range(100):
            scheduler.step()
      `,
      expect: [],
    },
    {
      name: 'silent under an isinstance test',
      code: py`
        import torch
        from torch.optim.lr_scheduler import ReduceLROnPlateau
        scheduler = ReduceLROnPlateau(optimizer)
        for epoch in range(100):
            if isinstance(scheduler, ReduceLROnPlateau):
                scheduler.step(val_loss)
            else:
                scheduler.step()
      `,
      expect: [],
    },
    {
      name: 'silent for timm-style schedulers the file does not know',
      code: py`
        from timm.scheduler import create_scheduler
        lr_scheduler, num_epochs = create_scheduler(args, optimizer)
        for epoch in range(num_epochs):
            lr_scheduler.step()
      `,
      expect: [],
    },
  ]);
});
