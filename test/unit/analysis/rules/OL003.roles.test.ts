/**
 * OL003 for schedulers known by their role (a parameter, a factory's result, a library's class)
 * and for the deprecated `scheduler.step(epoch)` at the top of the epoch.
 */
import { describe } from 'vitest';
import { runCases } from '../cases';
import { py } from '../helpers';

describe('OL003 by role and step(epoch)', () => {
  runCases([
    {
      name: 'a scheduler handed in as a parameter',
      code: py`
        def do_train(model, loader, optimizer, scheduler):
            for x, y in loader:
                optimizer.zero_grad()
                model(x).sum().backward()
                scheduler.step()
                optimizer.step()
      `,
      expect: ['OL003@5'],
    },
    {
      name: 'a scheduler made by a project factory, on self',
      code: py`
        import torch
        class Trainer:
            def __init__(self, model):
                self.optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)
                self.scheduler = make_scheduler(self.optimizer)

            def fit(self, loader):
                for x in loader:
                    self.optimizer.zero_grad()
                    self.model(x).backward()
                    self.scheduler.step()
                    self.optimizer.step()
      `,
      expect: ['OL003@11'],
    },
    {
      name: 'pytorch_transformers WarmupLinearSchedule, whatever its name',
      code: py`
        import torch
        from pytorch_transformers import WarmupLinearSchedule
        optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)
        warm = WarmupLinearSchedule(optimizer, warmup_steps=100, t_total=1000)
        for x in loader:
            optimizer.zero_grad()
            model(x).backward()
            warm.step()
            optimizer.step()
      `,
      expect: ['OL003@8'],
    },
    {
      name: 'silent when the parameter scheduler steps after the optimizer',
      code: py`
        def do_train(model, loader, optimizer, scheduler):
            for x, y in loader:
                optimizer.zero_grad()
                model(x).sum().backward()
                optimizer.step()
                scheduler.step()
      `,
      expect: [],
    },
    {
      name: 'silent for other objects with a step (env, profiler, scaler)',
      code: py`
        def run(model, loader, optimizer, env, prof, scaler):
            for x, y in loader:
                prof.step()
                obs, r, done, info = env.step(action)
                optimizer.zero_grad()
                scaler.scale(model(x).sum()).backward()
                scaler.step(optimizer)
                scaler.update()
      `,
      expect: [],
    },
    {
      name: 'silent for a timm-style scheduler stepped with the epoch (its own API)',
      code: py`
        def train(model, loader, optimizer, lr_scheduler, epochs):
            for epoch in range(epochs):
                lr_scheduler.step(epoch)
                for x, y in loader:
                    optimizer.zero_grad()
                    model(x).sum().backward()
                    optimizer.step()
      `,
      expect: [],
    },
    {
      name: 'torch scheduler.step(epoch) at the top of the epoch loop: milestones one epoch early',
      code: py`
        import torch
        optimizer = torch.optim.SGD(net.parameters(), lr=0.1)
        train_scheduler = torch.optim.lr_scheduler.MultiStepLR(optimizer, milestones=[60, 120, 160], gamma=0.2)

        def train(epoch):
            net.train()
            for images, labels in loader:
                optimizer.zero_grad()
                loss_function(net(images), labels).backward()
                optimizer.step()

        for epoch in range(1, 200):
            train_scheduler.step(epoch)
            train(epoch)
      `,
      expect: ['OL003@13'],
      message: /one epoch early/,
    },
    {
      name: 'silent for torch scheduler.step(epoch) after the epoch',
      code: py`
        import torch
        optimizer = torch.optim.SGD(net.parameters(), lr=0.1)
        sched = torch.optim.lr_scheduler.MultiStepLR(optimizer, milestones=[60, 120])
        for epoch in range(1, 200):
            for images, labels in loader:
                optimizer.zero_grad()
                loss_function(net(images), labels).backward()
                optimizer.step()
            sched.step(epoch)
      `,
      expect: [],
    },
    {
      name: 'silent for ReduceLROnPlateau stepped with a metric',
      code: py`
        import torch
        optimizer = torch.optim.SGD(net.parameters(), lr=0.1)
        sched = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer)
        for epoch in range(100):
            sched.step(val_loss)
            for x, y in loader:
                optimizer.zero_grad()
                criterion(net(x), y).backward()
                optimizer.step()
      `,
      expect: [],
    },
    {
      name: 'both steps under a gradient-accumulation guard, the scheduler first',
      code: py`
        import torch
        from transformers import get_linear_schedule_with_warmup
        optimizer = torch.optim.AdamW(model.parameters(), lr=2e-5)
        scheduler = get_linear_schedule_with_warmup(optimizer, 100, 1000)
        for step, batch in enumerate(loader):
            (model(**batch).loss / accum).backward()
            if (step + 1) % accum == 0:
                scheduler.step()
                optimizer.step()
                model.zero_grad()
      `,
      expect: ['OL003@8'],
    },
    {
      name: 'the training function called under a flag the loop flips',
      code: py`
        import torch
        def train_xe(model, loader, optim, scheduler):
            scheduler.step()
            for x in loader:
                optim.zero_grad()
                model(x).sum().backward()
                optim.step()

        use_rl = False
        for e in range(50):
            if not use_rl:
                train_xe(model, loader, optim, scheduler)
                if e > 10:
                    use_rl = True
      `,
      expect: ['OL003@3'],
    },
    {
      name: 'silent for a conditional scheduler step without the optimizer step beside it',
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
  ]);
});

describe('OL006 and demonstrations', () => {
  runCases([
    {
      name: 'silent for a scheduler built on an optimizer that never steps in the file (a notebook demo)',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=20)
        optimizer2 = torch.optim.SGD(model.parameters(), lr=0.1)
        for epoch in range(20):
            for x, y in loader:
                optimizer2.zero_grad()
                criterion(model(x), y).backward()
                optimizer2.step()
      `,
      expect: [],
    },
    {
      name: 'still reported when its optimizer trains',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=20)
        for epoch in range(20):
            for x, y in loader:
                optimizer.zero_grad()
                criterion(model(x), y).backward()
                optimizer.step()
      `,
      expect: ['OL006@3'],
    },
  ]);
});

describe('pytorch_transformers warmup schedules', () => {
  runCases([
    {
      name: 'WarmupLinearSchedule stepped once per epoch: its t_total counts optimizer steps',
      code: py`
        import torch
        from pytorch_transformers import AdamW, WarmupLinearSchedule
        optimizer = AdamW(model.parameters(), lr=2e-5)
        scheduler = WarmupLinearSchedule(optimizer, warmup_steps=100, t_total=len(loader) * epochs)
        for epoch in range(epochs):
            for batch in loader:
                optimizer.zero_grad()
                model(**batch)[0].backward()
                optimizer.step()
            scheduler.step()
      `,
      expect: ['OL005@10'],
    },
    {
      name: 'silent when stepped after each optimizer step',
      code: py`
        import torch
        from pytorch_transformers import AdamW, WarmupLinearSchedule
        optimizer = AdamW(model.parameters(), lr=2e-5)
        scheduler = WarmupLinearSchedule(optimizer, warmup_steps=100, t_total=num_train_steps)
        for epoch in range(epochs):
            for batch in loader:
                optimizer.zero_grad()
                model(**batch)[0].backward()
                optimizer.step()
                scheduler.step()
      `,
      expect: [],
    },
    {
      name: 'created and never stepped',
      code: py`
        import torch
        from pytorch_transformers import AdamW, WarmupLinearSchedule
        optimizer = AdamW(model.parameters(), lr=2e-5)
        scheduler = WarmupLinearSchedule(optimizer, warmup_steps=100, t_total=num_train_steps)
        for epoch in range(epochs):
            for batch in loader:
                optimizer.zero_grad()
                model(**batch)[0].backward()
                optimizer.step()
      `,
      expect: ['OL006@4'],
    },
  ]);
});

describe('OL003 needs training', () => {
  runCases([
    {
      name: 'silent in a loop that only steps the optimizer to watch the schedule (a unit test)',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        sched = torch.optim.lr_scheduler.StepLR(optimizer, 10)
        for i in range(50):
            sched.step()
            for j in range(3):
                optimizer.step()
            print(sched.get_last_lr())
      `,
      expect: [],
    },
  ]);
});

describe('OL003 under conditions', () => {
  runCases([
    {
      name: 'a scheduler step under a static condition inside the arm that trains',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        sched = torch.optim.lr_scheduler.StepLR(optimizer, 5)
        for epoch in range(num_epochs):
            if epoch < warm_epochs:
                warm(model)
            else:
                if 'dogs' in train_dir:
                    sched.step()
                for x, y in loader:
                    optimizer.zero_grad()
                    criterion(model(x), y).backward()
                    optimizer.step()
      `,
      expect: ['OL003@9'],
    },
    {
      name: 'silent when the scheduler step has a changing condition of its own',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        sched = torch.optim.lr_scheduler.StepLR(optimizer, 5)
        for epoch in range(num_epochs):
            if epoch > 0:
                sched.step()
            for x, y in loader:
                optimizer.zero_grad()
                criterion(model(x), y).backward()
                optimizer.step()
      `,
      expect: [],
    },
  ]);
});
