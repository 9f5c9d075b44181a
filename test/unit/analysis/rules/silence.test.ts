/** Correct patterns from the product brief that must stay silent, one small case each. */
import { describe } from 'vitest';
import { runCases } from '../cases';
import { py } from '../helpers';

const loopWith = (make: string, extra = '') => py`
  import torch
  from torch.optim.lr_scheduler import CosineAnnealingLR, CyclicLR, OneCycleLR
  optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
  scheduler = ${make}
  for epoch in range(num_epochs):
      for x, y in train_loader:
          optimizer.zero_grad()
          criterion(model(x), y).backward()
          optimizer.step()
          scheduler.step()
  ${extra}
`;

describe('silent by design', () => {
  runCases([
    { name: 'T_max=total_steps per batch', code: loopWith('CosineAnnealingLR(optimizer, T_max=total_steps)'), expect: [] },
    { name: 'T_max=max_steps per batch', code: loopWith('CosineAnnealingLR(optimizer, T_max=args.max_steps)'), expect: [] },
    { name: 'T_max=steps_per_epoch * epochs per batch', code: loopWith('CosineAnnealingLR(optimizer, T_max=steps_per_epoch * num_epochs)'), expect: [] },
    { name: 'T_max=num_training_steps per batch', code: loopWith('CosineAnnealingLR(optimizer, num_training_steps)'), expect: [] },
    { name: 'CyclicLR per batch', code: loopWith('CyclicLR(optimizer, base_lr=1e-4, max_lr=1e-2, step_size_up=2000)'), expect: [] },
    { name: 'OneCycleLR per batch with epochs and steps_per_epoch', code: loopWith('OneCycleLR(optimizer, max_lr=0.1, epochs=num_epochs, steps_per_epoch=steps_per_epoch)'), expect: [] },
    {
      name: 'a scheduler stepped by a same-file helper once per epoch',
      code: py`
        import torch
        def end_of_epoch(scheduler, metrics):
            scheduler.step()
            log(metrics)

        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=epochs)
        for epoch in range(epochs):
            for x, y in loader:
                optimizer.zero_grad()
                criterion(model(x), y).backward()
                optimizer.step()
            end_of_epoch(scheduler, {})
      `,
      expect: [],
    },
    {
      name: 'a scheduler stepped by a same-file helper after each batch step',
      code: py`
        import torch
        def update(optimizer, scheduler):
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()

        optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4)
        scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=3e-4, total_steps=len(loader) * epochs)
        for epoch in range(epochs):
            for batch in loader:
                model(**batch).loss.backward()
                update(optimizer, scheduler)
      `,
      expect: [],
    },
    {
      name: 'per-batch warmup then per-epoch decay, each where it belongs',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        warmup = torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=0.01, total_iters=warmup_iters)
        decay = torch.optim.lr_scheduler.MultiStepLR(optimizer, milestones=[args.epochs // 2])
        for epoch in range(args.epochs):
            for i, (x, y) in enumerate(loader):
                optimizer.zero_grad()
                criterion(model(x), y).backward()
                optimizer.step()
                if epoch == 0:
                    warmup.step()
            decay.step()
      `,
      expect: [],
    },
    {
      name: 'zero_grad(set_to_none=True) through a model attribute on a LightningModule',
      code: py`
        import torch
        import lightning as L
        class Module(L.LightningModule):
            def __init__(self):
                super().__init__()
                self.automatic_optimization = False

            def training_step(self, batch, batch_idx):
                opt = self.optimizers()
                for micro in batch.chunk(4):
                    self.zero_grad(set_to_none=True)
                    self.manual_backward(self.loss(micro))
                    opt.step()
      `,
      expect: [],
    },
    {
      name: 'an engine-like optimizer that does its own backward',
      code: py`
        from apex.fp16_utils import FP16_Optimizer
        optimizer = FP16_Optimizer(base_optimizer, dynamic_loss_scale=True)
        for batch in loader:
            loss = model(batch)
            optimizer.backward(loss)
            optimizer.step()
      `,
      expect: [],
    },
  ]);
});
