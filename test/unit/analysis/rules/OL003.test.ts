import { describe } from 'vitest';
import { runCases } from '../cases';
import { py } from '../helpers';

describe('OL003 scheduler-before-optimizer', () => {
  runCases([
    {
      name: 'flags scheduler.step() before optimizer.step() in the batch loop',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.1, total_steps=len(loader) * epochs)
        for epoch in range(epochs):
            for x, y in loader:
                optimizer.zero_grad()
                criterion(model(x), y).backward()
                scheduler.step()
                optimizer.step()
      `,
      expect: ['OL003@8'],
    },
    {
      name: 'flags the old pattern: scheduler stepped at the start of each epoch',
      code: py`
        import torch
        from torch.optim.lr_scheduler import StepLR
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = StepLR(optimizer, step_size=30)
        for epoch in range(90):
            scheduler.step()
            train(model, loader, optimizer)

        def train(model, loader, optimizer):
            for x, y in loader:
                optimizer.zero_grad()
                criterion(model(x), y).backward()
                optimizer.step()
      `,
      expect: ['OL003@6'],
    },
    {
      name: 'flags it in a function called per batch',
      code: py`
        import torch
        class Trainer:
            def __init__(self, model):
                self.optimizer = torch.optim.AdamW(model.parameters())
                self.scheduler = torch.optim.lr_scheduler.LinearLR(self.optimizer, total_iters=self.max_steps)

            def update(self, loss):
                self.optimizer.zero_grad()
                loss.backward()
                self.scheduler.step()
                self.optimizer.step()
      `,
      expect: ['OL003@10'],
    },
    {
      name: 'flags a scheduler guarded only by "is not None"',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=100)
        for x, y in loader:
            optimizer.zero_grad()
            criterion(model(x), y).backward()
            if scheduler is not None:
                scheduler.step()
            optimizer.step()
      `,
      expect: ['OL003@8'],
    },
    {
      name: 'silent when the scheduler steps after the optimizer',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.StepLR(optimizer, 30)
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
      name: 'silent for step(epoch) in the closed form',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.StepLR(optimizer, 30)
        for epoch in range(90):
            scheduler.step(epoch)
            train(model, optimizer)
      `,
      expect: [],
    },
    {
      name: 'silent for a scheduler stepped only after the first epoch',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.StepLR(optimizer, 30)
        for epoch in range(90):
            if epoch > 0:
                scheduler.step()
            for x, y in loader:
                optimizer.zero_grad()
                criterion(model(x), y).backward()
                optimizer.step()
      `,
      expect: [],
    },
    {
      name: 'silent for ReduceLROnPlateau (it does not skip a value)',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer)
        for epoch in range(90):
            scheduler.step(val_loss)
            train(model, optimizer)
      `,
      expect: [],
    },
    {
      name: 'silent when the scheduler belongs to another optimizer',
      code: py`
        import torch
        opt_g = torch.optim.Adam(G.parameters())
        opt_d = torch.optim.Adam(D.parameters())
        sched_d = torch.optim.lr_scheduler.StepLR(opt_d, 10)
        for real in loader:
            opt_d.zero_grad()
            d_loss(real).backward()
            opt_d.step()
            sched_d.step()
            opt_g.zero_grad()
            g_loss().backward()
            opt_g.step()
      `,
      expect: [],
    },
    {
      name: 'silent for a scheduler passed to code the file does not define',
      code: py`
        import torch
        from engine import train_one_epoch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.StepLR(optimizer, 30)
        for epoch in range(90):
            train_one_epoch(model, optimizer, scheduler, loader)
      `,
      expect: [],
    },
    {
      name: 'flags the old transfer-learning tutorial: stepped under "if phase == \'train\'" before the batch loop',
      code: py`
        import torch
        def train_model(model, criterion, optimizer, scheduler, num_epochs=25):
            for epoch in range(num_epochs):
                for phase in ['train', 'val']:
                    if phase == 'train':
                        scheduler.step()
                        model.train()
                    else:
                        model.eval()
                    for inputs, labels in dataloaders[phase]:
                        optimizer.zero_grad()
                        with torch.set_grad_enabled(phase == 'train'):
                            outputs = model(inputs)
                            loss = criterion(outputs, labels)
                            if phase == 'train':
                                loss.backward()
                                optimizer.step()
            return model
        optimizer_ft = torch.optim.SGD(model_ft.parameters(), lr=0.001, momentum=0.9)
        exp_lr_scheduler = torch.optim.lr_scheduler.StepLR(optimizer_ft, step_size=7, gamma=0.1)
        model_ft = train_model(model_ft, criterion, optimizer_ft, exp_lr_scheduler, num_epochs=25)
      `,
      expect: ['OL003@6'],
    },
    {
      name: 'flags the old tutorial shape at module level (a notebook cell)',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.001)
        scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=7)
        for epoch in range(25):
            for phase in ('train', 'val'):
                if phase == 'train':
                    scheduler.step()
                for inputs, labels in dataloaders[phase]:
                    optimizer.zero_grad()
                    loss = criterion(model(inputs), labels)
                    if phase == 'train':
                        loss.backward()
                        optimizer.step()
      `,
      expect: ['OL003@7'],
    },
    {
      name: 'silent for the current tutorial: stepped under "if phase == \'train\'" after the batch loop',
      code: py`
        import torch
        def train_model(model, criterion, optimizer, scheduler, num_epochs=25):
            for epoch in range(num_epochs):
                for phase in ['train', 'val']:
                    model.train() if phase == 'train' else model.eval()
                    for inputs, labels in dataloaders[phase]:
                        optimizer.zero_grad()
                        with torch.set_grad_enabled(phase == 'train'):
                            loss = criterion(model(inputs), labels)
                            if phase == 'train':
                                loss.backward()
                                optimizer.step()
                    if phase == 'train':
                        scheduler.step()
      `,
      expect: [],
    },
    {
      name: 'silent when the phase tests differ or the loop variable is rebound in the body',
      code: py`
        import torch
        def train_model(model, criterion, optimizer, scheduler, num_epochs=25):
            for epoch in range(num_epochs):
                for phase in ['train', 'val']:
                    if phase == 'val':
                        scheduler.step()
                    for inputs, labels in dataloaders[phase]:
                        optimizer.zero_grad()
                        loss = criterion(model(inputs), labels)
                        if phase == 'train':
                            loss.backward()
                            optimizer.step()
                for mode in ['train', 'val']:
                    if mode == 'train':
                        scheduler.step()
                    mode = next_mode(mode)
                    for inputs, labels in dataloaders[mode]:
                        optimizer.zero_grad()
                        loss = criterion(model(inputs), labels)
                        if mode == 'train':
                            loss.backward()
                            optimizer.step()
      `,
      expect: [],
    },
    {
      name: 'flags a training method that steps the scheduler before its batch loop, whoever calls it',
      code: py`
        import torch
        class Trainer:
            def __init__(self, model, loader):
                self.model, self.loader = model, loader
                self.optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
                self.scheduler = torch.optim.lr_scheduler.StepLR(self.optimizer, step_size=30)

            def train(self):
                self.scheduler.step()
                for x, y in self.loader:
                    self.optimizer.zero_grad()
                    loss = self.model(x).sum()
                    if loss.item() < 1e8:
                        loss.backward()
                        self.optimizer.step()
      `,
      expect: ['OL003@9'],
      message: /in one call of Trainer\.train\(\): on the first call/,
    },
    {
      name: 'reports a function stepping the scheduler before its batch loop once, also when a loop here calls it',
      code: py`
        import torch
        def train_epoch(model, loader, optimizer, scheduler):
            scheduler.step()
            for x, y in loader:
                optimizer.zero_grad()
                model(x).sum().backward()
                optimizer.step()

        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=30)
        for epoch in range(90):
            train_epoch(model, loader, optimizer, scheduler)
      `,
      expect: ['OL003@3'],
    },
    {
      name: 'silent for a training method that steps the scheduler after its batch loop, or only to catch up when resuming',
      code: py`
        import torch
        class Trainer:
            def __init__(self, model, loader, start_epoch):
                self.model, self.loader = model, loader
                self.optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
                self.scheduler = torch.optim.lr_scheduler.StepLR(self.optimizer, step_size=30)

            def train(self):
                for x, y in self.loader:
                    self.optimizer.zero_grad()
                    self.model(x).sum().backward()
                    self.optimizer.step()
                self.scheduler.step()

            def fit(self, epochs):
                if self.start_epoch > 0:
                    self.scheduler.step()
                for epoch in range(epochs):
                    self.train()
      `,
      expect: [],
    },
  ]);
});
