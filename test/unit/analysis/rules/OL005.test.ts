import { describe } from 'vitest';
import { runCases } from '../cases';
import { py } from '../helpers';

describe('OL005 batch-scheduler-stepped-per-epoch', () => {
  runCases([
    {
      name: 'flags OneCycleLR stepped once per epoch',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.1, epochs=epochs, steps_per_epoch=len(train_loader))
        for epoch in range(epochs):
            for x, y in train_loader:
                optimizer.zero_grad()
                criterion(model(x), y).backward()
                optimizer.step()
            scheduler.step()
      `,
      expect: ['OL005@9'],
    },
    {
      name: 'flags CyclicLR stepped per epoch after a same-file train function',
      code: py`
        import torch
        def train(model, loader, optimizer):
            for x, y in loader:
                optimizer.zero_grad()
                criterion(model(x), y).backward()
                optimizer.step()

        optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
        scheduler = torch.optim.lr_scheduler.CyclicLR(optimizer, base_lr=0.001, max_lr=0.1, step_size_up=2000)
        for epoch in range(n_epochs):
            train(model, loader, optimizer)
            scheduler.step()
      `,
      expect: ['OL005@12'],
    },
    {
      name: 'flags a horizon in optimizer steps stepped per epoch',
      code: py`
        import torch
        optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4)
        num_training_steps = num_epochs * len(train_dataloader)
        scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=num_training_steps)
        for epoch in range(num_epochs):
            for batch in train_dataloader:
                optimizer.zero_grad()
                model(**batch).loss.backward()
                optimizer.step()
            scheduler.step()
      `,
      expect: ['OL005@10'],
    },
    {
      name: 'flags get_cosine_schedule_with_warmup stepped per epoch',
      code: py`
        from transformers import get_cosine_schedule_with_warmup
        from torch.optim import AdamW
        optimizer = AdamW(model.parameters(), lr=5e-5)
        scheduler = get_cosine_schedule_with_warmup(optimizer, 500, max_steps)
        for epoch in range(epochs):
            for batch in loader:
                model(**batch).loss.backward()
                optimizer.step()
                optimizer.zero_grad()
            scheduler.step()
      `,
      expect: ['OL005@10'],
    },
    {
      name: 'flags OneCycleLR stepped per epoch around a train function the file imports',
      code: py`
        import torch
        from engine import train_one_epoch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.1, total_steps=num_epochs * len(train_loader))
        for epoch in range(num_epochs):
            train_one_epoch(model, train_loader, optimizer)
            scheduler.step()
      `,
      expect: ['OL005@7'],
    },
    {
      name: 'silent when OneCycleLR steps per batch',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.1, total_steps=total_steps)
        for epoch in range(epochs):
            for x, y in train_loader:
                optimizer.zero_grad()
                criterion(model(x), y).backward()
                optimizer.step()
                scheduler.step()
      `,
      expect: [],
    },
    {
      name: 'silent for a step loop with gradient accumulation (nanoGPT style)',
      code: py`
        import torch
        optimizer = torch.optim.AdamW(model.parameters(), lr=6e-4)
        scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=max_iters)
        for it in range(max_iters):
            for micro_step in range(grad_accum):
                X, Y = get_batch("train")
                loss = model(X, Y) / grad_accum
                loss.backward()
            optimizer.step()
            optimizer.zero_grad(set_to_none=True)
            scheduler.step()
      `,
      expect: [],
    },
    {
      name: 'silent when the optimizer also steps once per epoch',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.1, total_steps=epochs)
        for epoch in range(epochs):
            optimizer.zero_grad()
            for x, y in loader:
                criterion(model(x), y).backward()
            optimizer.step()
            scheduler.step()
      `,
      expect: [],
    },
    {
      name: 'silent for an epoch-horizon scheduler stepped per epoch',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=args.lr_steps)
        for epoch in range(args.epochs):
            for images, targets in data_loader:
                optimizer.zero_grad()
                criterion(model(images), targets).backward()
                optimizer.step()
            scheduler.step()
      `,
      expect: [],
    },
    {
      name: 'silent for a scheduler with explicit steps_per_epoch=1',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.1, epochs=epochs, steps_per_epoch=1)
        for epoch in range(epochs):
            for x, y in loader:
                optimizer.zero_grad()
                criterion(model(x), y).backward()
                optimizer.step()
            scheduler.step()
      `,
      expect: [],
    },
    {
      name: 'flags a step-counting scheduler handed to Lightning without "interval": "step" (stepped once per epoch)',
      code: py`
        import torch
        import pytorch_lightning as pl

        class Net(pl.LightningModule):
            def configure_optimizers(self):
                optimizer = torch.optim.AdamW(self.parameters(), lr=1e-3)
                scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=1e-2, total_steps=self.trainer.estimated_stepping_batches)
                return [optimizer], [scheduler]

        class Other(pl.LightningModule):
            def configure_optimizers(self):
                optimizer = torch.optim.AdamW(self.parameters(), lr=1e-3)
                config = {"scheduler": torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=1e-2, total_steps=1000)}
                return {"optimizer": optimizer, "lr_scheduler": config}
      `,
      expect: ['OL005@8', 'OL005@13'],
      message: /handed to Lightning from configure_optimizers without "interval": "step"/,
    },
    {
      name: 'silent for Lightning schedulers stepped per step, by their own hook, manually, or with an interval the file does not show',
      code: py`
        import torch
        import pytorch_lightning as pl

        class PerStep(pl.LightningModule):
            def configure_optimizers(self):
                optimizer = torch.optim.AdamW(self.parameters(), lr=1e-3)
                scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=1e-2, total_steps=self.trainer.estimated_stepping_batches)
                return {"optimizer": optimizer, "lr_scheduler": {"scheduler": scheduler, "interval": "step"}}

        class Hook(pl.LightningModule):
            def configure_optimizers(self):
                optimizer = torch.optim.AdamW(self.parameters(), lr=1e-3)
                return [optimizer], [torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=1e-2, total_steps=1000)]

            def lr_scheduler_step(self, scheduler, metric):
                scheduler.step()

        class Configured(pl.LightningModule):
            def configure_optimizers(self):
                optimizer = torch.optim.AdamW(self.parameters(), lr=1e-3)
                scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=1e-2, total_steps=1000)
                return [optimizer], [{"scheduler": scheduler, "interval": self.hparams.interval}]

        class Rebound(pl.LightningModule):
            def configure_optimizers(self):
                optimizer = torch.optim.AdamW(self.parameters(), lr=1e-3)
                scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=1e-2, total_steps=1000)
                scheduler = {"scheduler": scheduler, "interval": "step", "frequency": 1}
                return [optimizer], [scheduler]

        class NotLightning(torch.nn.Module):
            def configure_optimizers(self):
                optimizer = torch.optim.AdamW(self.parameters(), lr=1e-3)
                return [optimizer], [torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=1e-2, total_steps=1000)]
      `,
      expect: [],
    },
  ]);
});
