import { describe } from 'vitest';
import { runCases } from '../cases';
import { py } from '../helpers';

describe('OL006 scheduler-never-stepped', () => {
  runCases([
    {
      name: 'flags a scheduler that is never stepped',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=30, gamma=0.1)
        for epoch in range(90):
            for x, y in loader:
                optimizer.zero_grad()
                criterion(model(x), y).backward()
                optimizer.step()
            print(epoch, scheduler.get_last_lr())
      `,
      expect: ['OL006@3'],
    },
    {
      name: 'flags a self attribute never stepped',
      code: py`
        from torch.optim.lr_scheduler import CosineAnnealingLR
        class Trainer:
            def __init__(self, optimizer, epochs):
                self.scheduler = CosineAnnealingLR(optimizer, T_max=epochs)

            def train_epoch(self, loader):
                for batch in loader:
                    self.optimizer.zero_grad()
                    self.model(batch).loss.backward()
                    self.optimizer.step()
      `,
      expect: ['OL006@4'],
    },
    {
      name: 'silent for a scheduler a test builds only to inspect, in a file without a training loop',
      code: py`
        from torch.optim.lr_scheduler import StepLR
        def test_resume(optimizer, scheduler):
            new_scheduler = StepLR(optimizer, step_size=1, gamma=0.1, last_epoch=0)
            scheduler.step()
            assert scheduler.get_last_lr() == new_scheduler.get_last_lr()
      `,
      expect: [],
    },
    {
      name: 'silent for a module-level scheduler in a file without a training loop (a config module)',
      code: py`
        import torch.optim.lr_scheduler as lrs
        optimizer = build_optimizer(model)
        lr_scheduler = lrs.MultiStepLR(optimizer, milestones=[30, 60, 90], gamma=0.1)
      `,
      expect: [],
    },
    {
      name: 'flags a commented-out step',
      code: py`
        import torch
        scheduler = torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma=0.95)
        for epoch in range(10):
            train(model, optimizer)
            # scheduler.step()
      `,
      expect: ['OL006@2'],
    },
    {
      name: 'silent when stepped',
      code: py`
        import torch
        scheduler = torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma=0.95)
        for epoch in range(10):
            train(model, optimizer)
            scheduler.step()
      `,
      expect: [],
    },
    {
      name: 'silent when passed to another function',
      code: py`
        import torch
        scheduler = torch.optim.lr_scheduler.StepLR(optimizer, 30)
        for epoch in range(90):
            train_one_epoch(model, optimizer, scheduler, loader)
      `,
      expect: [],
    },
    {
      name: 'silent when returned (Lightning configure_optimizers)',
      code: py`
        import torch
        import lightning as L
        class Model(L.LightningModule):
            def configure_optimizers(self):
                optimizer = torch.optim.Adam(self.parameters(), lr=1e-3)
                scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=10)
                return {"optimizer": optimizer, "lr_scheduler": scheduler}
      `,
      expect: [],
    },
    {
      name: 'silent when wrapped by SequentialLR',
      code: py`
        import torch
        warmup = torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=0.1, total_iters=5)
        cosine = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=95)
        scheduler = torch.optim.lr_scheduler.SequentialLR(optimizer, [warmup, cosine], milestones=[5])
        for epoch in range(100):
            train(model, optimizer)
            scheduler.step()
      `,
      expect: [],
    },
    {
      name: 'silent when stepped through an alias elsewhere',
      code: py`
        import torch
        class Runner:
            def __init__(self, optimizer):
                self.lr_scheduler = torch.optim.lr_scheduler.StepLR(optimizer, 10)

        runner = Runner(opt)
        for epoch in range(10):
            runner.lr_scheduler.step()
      `,
      expect: [],
    },
    {
      name: 'silent when only tested for None and handed on',
      code: py`
        import torch
        scheduler = torch.optim.lr_scheduler.StepLR(optimizer, 10) if use_sched else None
        trainer = Trainer(model, optimizer, lr_scheduler=scheduler)
      `,
      expect: [],
    },
    {
      name: 'flags schedulers returned from configure_optimizers of a manually optimized LightningModule that never steps them',
      code: py`
        import torch
        import pytorch_lightning as pl

        class GAN(pl.LightningModule):
            def __init__(self):
                super().__init__()
                self.automatic_optimization = False
                self.optim_g = torch.optim.AdamW(self.gen.parameters(), lr=2e-4)
                self.scheduler_g = torch.optim.lr_scheduler.ExponentialLR(self.optim_g, gamma=0.999)

            def configure_optimizers(self):
                scheduler_d = torch.optim.lr_scheduler.StepLR(self.optim_d, step_size=10)
                return [self.optim_g, self.optim_d], [self.scheduler_g, scheduler_d]

            def training_step(self, batch, batch_idx):
                optim_g, optim_d = self.optimizers()
                loss = self.gen(batch).mean()
                optim_g.zero_grad()
                self.manual_backward(loss)
                optim_g.step()
      `,
      expect: ['OL006@9', 'OL006@12'],
      message: /automatic_optimization = False, and then Lightning steps no scheduler/,
    },
    {
      name: 'silent for a manually optimized LightningModule that steps self.lr_schedulers(), and for automatic optimization',
      code: py`
        import torch
        import pytorch_lightning as pl

        class Manual(pl.LightningModule):
            def __init__(self):
                super().__init__()
                self.automatic_optimization = False

            def configure_optimizers(self):
                opt = torch.optim.AdamW(self.parameters(), lr=2e-4)
                scheduler = torch.optim.lr_scheduler.ExponentialLR(opt, gamma=0.999)
                return [opt], [scheduler]

            def training_step(self, batch, batch_idx):
                opt = self.optimizers()
                opt.zero_grad()
                self.manual_backward(self(batch).mean())
                opt.step()

            def on_train_epoch_end(self):
                self.lr_schedulers().step()

        class Automatic(pl.LightningModule):
            def configure_optimizers(self):
                opt = torch.optim.AdamW(self.parameters(), lr=2e-4)
                scheduler = torch.optim.lr_scheduler.ExponentialLR(opt, gamma=0.999)
                return [opt], [scheduler]

            def training_step(self, batch, batch_idx):
                return self(batch).mean()
      `,
      expect: [],
    },
  ]);
});
