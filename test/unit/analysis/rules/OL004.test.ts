import { describe } from 'vitest';
import { runCases } from '../cases';
import { py } from '../helpers';

describe('OL004 epoch-scheduler-stepped-per-batch', () => {
  runCases([
    {
      name: 'flags CosineAnnealingLR(T_max=num_epochs) stepped per batch',
      code: py`
        import torch
        num_epochs = 100
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=num_epochs)
        for epoch in range(num_epochs):
            for x, y in loader:
                optimizer.zero_grad()
                criterion(model(x), y).backward()
                optimizer.step()
                scheduler.step()
      `,
      expect: ['OL004@10'],
    },
    {
      name: 'follows constants: T_max = EPOCHS',
      code: py`
        import torch
        EPOCHS = 200
        horizon = EPOCHS
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, horizon)
        for x, y in train_loader:
            optimizer.zero_grad()
            criterion(model(x), y).backward()
            optimizer.step()
            scheduler.step()
      `,
      expect: ['OL004@10'],
    },
    {
      name: 'flags MultiStepLR milestones in epochs stepped in train_one_epoch',
      code: py`
        import torch
        def train_one_epoch(model, loader, optimizer, scheduler):
            for images, targets in loader:
                optimizer.zero_grad()
                criterion(model(images), targets).backward()
                optimizer.step()
                scheduler.step()

        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.MultiStepLR(optimizer, milestones=[args.epochs // 2, args.epochs * 3 // 4])
        for epoch in range(args.epochs):
            train_one_epoch(model, train_loader, optimizer, scheduler)
      `,
      expect: ['OL004@7'],
    },
    {
      name: 'flags StepLR(step_size=args.lr_step_epochs) per batch',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=args.lr_step_epochs)
        for epoch in range(args.epochs):
            for batch in loader:
                optimizer.zero_grad()
                model(batch).loss.backward()
                optimizer.step()
                scheduler.step()
      `,
      expect: ['OL004@9'],
    },
    {
      name: 'silent for OneCycleLR stepped per batch',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.1, epochs=epochs, steps_per_epoch=len(loader))
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
      name: 'silent for a horizon computed from len(loader)',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        total_steps = len(train_loader) * num_epochs
        scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=total_steps)
        for epoch in range(num_epochs):
            for x, y in train_loader:
                optimizer.zero_grad()
                criterion(model(x), y).backward()
                optimizer.step()
                scheduler.step()
      `,
      expect: [],
    },
    {
      name: 'silent for transformers warmup schedules',
      code: py`
        from transformers import get_linear_schedule_with_warmup
        from torch.optim import AdamW
        optimizer = AdamW(model.parameters(), lr=5e-5)
        lr_scheduler = get_linear_schedule_with_warmup(optimizer, num_warmup_steps=100, num_training_steps=num_training_steps)
        for epoch in range(num_epochs):
            for batch in train_dataloader:
                loss = model(**batch).loss
                loss.backward()
                optimizer.step()
                lr_scheduler.step()
                optimizer.zero_grad()
      `,
      expect: [],
    },
    {
      name: 'flags a literal T_max equal to the number of epochs',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=200)
        for epoch in range(200):
            for x, y in loader:
                optimizer.zero_grad()
                criterion(model(x), y).backward()
                optimizer.step()
                scheduler.step()
      `,
      expect: ['OL004@9'],
    },
    {
      name: 'silent for another literal horizon (epochs or steps? cannot tell)',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=20000)
        for epoch in range(200):
            for x, y in loader:
                optimizer.zero_grad()
                criterion(model(x), y).backward()
                optimizer.step()
                scheduler.step()
      `,
      expect: [],
    },
    {
      name: 'literal milestones inside the run\'s 90 epochs count epochs',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.MultiStepLR(optimizer, milestones=[30, 60])
        for epoch in range(90):
            for x, y in loader:
                optimizer.zero_grad()
                criterion(model(x), y).backward()
                optimizer.step()
                scheduler.step()
      `,
      expect: ['OL004@9'],
    },
    {
      name: 'StepLR(step_size=30) in a 90-epoch script counts epochs',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
        scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=30, gamma=0.1)
        for epoch in range(90):
            for x, y in loader:
                optimizer.zero_grad()
                criterion(model(x), y).backward()
                optimizer.step()
                scheduler.step()
      `,
      expect: ['OL004@9'],
    },
    {
      name: 'silent for literal milestones past the run\'s epochs (they count steps)',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.MultiStepLR(optimizer, milestones=[3000, 6000])
        for epoch in range(90):
            for x, y in loader:
                optimizer.zero_grad()
                criterion(model(x), y).backward()
                optimizer.step()
                scheduler.step()
      `,
      expect: [],
    },
    {
      name: 'silent for a per-batch StepLR decay with gamma close to 1',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.StepLR(optimizer, 10, 0.999)
        for epoch in range(90):
            for x, y in loader:
                optimizer.zero_grad()
                criterion(model(x), y).backward()
                optimizer.step()
                scheduler.step()
      `,
      expect: [],
    },
    {
      name: 'silent for literal milestones when the number of epochs is unknown',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=30)
        for epoch in range(args.epochs):
            for x, y in loader:
                optimizer.zero_grad()
                criterion(model(x), y).backward()
                optimizer.step()
                scheduler.step()
      `,
      expect: [],
    },
    {
      name: 'under a gradient-accumulation guard beside the optimizer step: every k batches',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=num_epochs)
        for epoch in range(num_epochs):
            for i, (x, y) in enumerate(loader):
                (criterion(model(x), y) / accum).backward()
                if (i + 1) % accum == 0:
                    optimizer.step()
                    optimizer.zero_grad()
                    scheduler.step()
      `,
      expect: ['OL004@10'],
      message: /every accum batches/,
    },
    {
      name: 'silent under a guard that does not step the optimizer (a deliberate sparse schedule)',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=num_epochs)
        for epoch in range(num_epochs):
            for i, (x, y) in enumerate(loader):
                optimizer.zero_grad()
                criterion(model(x), y).backward()
                optimizer.step()
                if i % 100 == 0:
                    scheduler.step()
      `,
      expect: [],
    },
    {
      name: 'silent under a guard that is not a modulo (a warmup phase)',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=num_epochs)
        for epoch in range(num_epochs):
            for i, (x, y) in enumerate(loader):
                optimizer.zero_grad()
                criterion(model(x), y).backward()
                if i > warmup:
                    optimizer.step()
                    scheduler.step()
      `,
      expect: [],
    },
    {
      name: 'silent for a LambdaLR warmup stepped per batch',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        warmup = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: min(1.0, (step + 1) / warmup_epochs))
        for epoch in range(epochs):
            for x, y in loader:
                optimizer.zero_grad()
                criterion(model(x), y).backward()
                optimizer.step()
                warmup.step()
      `,
      expect: [],
    },
    {
      name: 'silent when the per-batch step is conditional',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=args.epochs)
        for epoch in range(args.epochs):
            for i, (x, y) in enumerate(loader):
                optimizer.zero_grad()
                criterion(model(x), y).backward()
                optimizer.step()
                if i == len(loader) - 1:
                    scheduler.step()
      `,
      expect: [],
    },
    {
      name: 'silent when stepped once per epoch',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=args.epochs)
        for epoch in range(args.epochs):
            for x, y in loader:
                optimizer.zero_grad()
                criterion(model(x), y).backward()
                optimizer.step()
            scheduler.step()
      `,
      expect: [],
    },
    {
      name: 'silent in a per-phase loop (transfer learning tutorial)',
      code: py`
        import torch
        from torch.optim import lr_scheduler
        exp_lr_scheduler = lr_scheduler.CosineAnnealingLR(optimizer_ft, T_max=num_epochs)
        for epoch in range(num_epochs):
            for phase in ['train', 'val']:
                for inputs, labels in dataloaders[phase]:
                    optimizer_ft.zero_grad()
                    with torch.set_grad_enabled(phase == 'train'):
                        loss = criterion(model(inputs), labels)
                        if phase == 'train':
                            loss.backward()
                            optimizer_ft.step()
                if phase == 'train':
                    exp_lr_scheduler.step()
      `,
      expect: [],
    },
      {
      name: 'flags an exponential decay meant per epoch stepped per batch (ExponentialLR, gamma 0.95)',
      code: py`
        import torch
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
        scheduler = torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma=0.95)
        for epoch in range(args.epochs):
            for x, y in loader:
                optimizer.zero_grad()
                criterion(model(x), y).backward()
                optimizer.step()
                scheduler.step()
      `,
      expect: ['OL004@9'],
      message: /multiplies the learning rate by 0\.95 .*after 100 batches the learning rate is 0\.0059 of its initial value/,
    },
    {
      name: 'flags StepLR(step_size=1) per batch: the same exponential decay (gamma defaults to 0.1)',
      code: py`
        import torch
        from torch.optim.lr_scheduler import StepLR
        scheduler = StepLR(optimizer, step_size=1)
        for epoch in range(n_epochs):
            for x, y in loader:
                optimizer.zero_grad()
                criterion(model(x), y).backward()
                optimizer.step()
                scheduler.step()
      `,
      expect: ['OL004@9'],
      message: /by 0\.1 at each scheduler\.step\(\).*1\.0e-100/,
    },
    {
      name: 'silent for an exponential decay that decays per batch on purpose (gamma 0.999), or an unknown gamma',
      code: py`
        import torch
        fine = torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma=0.999)
        unknown = torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma=gamma)
        for epoch in range(n_epochs):
            for x, y in loader:
                optimizer.zero_grad()
                criterion(model(x), y).backward()
                optimizer.step()
                fine.step()
                unknown.step()
      `,
      expect: [],
    },
    {
      name: 'silent for a per-batch exponential decay without an epoch loop (steps are all there is)',
      code: py`
        import torch
        scheduler = torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma=0.9)
        for it, (x, y) in enumerate(loader):
            optimizer.zero_grad()
            criterion(model(x), y).backward()
            optimizer.step()
            scheduler.step()
      `,
      expect: [],
    },
    {
      name: 'an accumulation guard that also flushes the last batch is still every k batches',
      code: py`
        import torch
        scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=1, gamma=0.85)
        for epoch in range(num_epochs):
            for step, batch in enumerate(loader):
                (model(**batch).loss / accum).backward()
                if (step + 1) % accum == 0 or step == len(loader) - 1:
                    optimizer.step()
                    scheduler.step()
                    optimizer.zero_grad()
      `,
      expect: ['OL004@8'],
      message: /runs every accum batches.*after 100 optimizer steps the learning rate is 8\.7e-8/,
    },
    {
      name: 'silent when the horizon is steps per epoch times epochs, under a name with both words (num_steps_epoch)',
      code: py`
        import torch
        from transformers import AdamW

        class Distiller:
            def __init__(self, params, dataloader):
                self.num_steps_epoch = len(dataloader)
                num_train_optimization_steps = int(self.num_steps_epoch / params.gradient_accumulation_steps * params.n_epoch) + 1
                self.optimizer = AdamW(self.student.parameters(), lr=params.learning_rate)
                self.scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(self.optimizer, T_max=num_train_optimization_steps)

            def train(self):
                for epoch in range(self.params.n_epoch):
                    for batch in self.dataloader:
                        loss = self.step(batch)
                        loss.backward()
                        self.optimizer.step()
                        self.optimizer.zero_grad()
                        self.scheduler.step()
      `,
      expect: [],
    },
    {
      name: 'flags an epoch-horizon scheduler handed to Lightning with "interval": "step"',
      code: py`
        import torch
        import lightning as L

        class Net(L.LightningModule):
            def configure_optimizers(self):
                optimizer = torch.optim.SGD(self.parameters(), lr=0.1)
                scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=self.hparams.max_epochs)
                config = {"scheduler": scheduler, "interval": "step"}
                return [optimizer], [config]
      `,
      expect: ['OL004@8'],
      message: /with "interval": "step", so Lightning steps it after every optimizer step/,
    },
    {
      name: 'silent for an epoch-horizon scheduler Lightning steps per epoch',
      code: py`
        import torch
        import lightning as L

        class Net(L.LightningModule):
            def configure_optimizers(self):
                optimizer = torch.optim.SGD(self.parameters(), lr=0.1)
                scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=self.hparams.max_epochs)
                return {"optimizer": optimizer, "lr_scheduler": {"scheduler": scheduler, "interval": "epoch"}}
      `,
      expect: [],
    },
]);
});
