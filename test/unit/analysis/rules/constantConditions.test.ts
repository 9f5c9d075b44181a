/**
 * `if` conditions that fold to a constant in one execution (model/fold.ts): the dead arm is not
 * walked and a certainly taken arm is unconditional. Values the user may change at each run
 * (command-line and configuration defaults) and unknown ones change nothing.
 */
import { describe } from 'vitest';
import { runCases } from '../cases';
import { py } from '../helpers';

/** OpenAI-CLIP main.py: `train_epoch(…, step)` with `step = "epoch"`; the per-batch arm never runs. */
const clip = (step: string) => py`
  import torch
  def train_epoch(model, train_loader, optimizer, lr_scheduler, step):
      for batch in train_loader:
          loss = model(batch)
          optimizer.zero_grad()
          loss.backward()
          optimizer.step()
          if step == "batch":
              lr_scheduler.step()

  def main():
      model = CLIPModel()
      optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
      lr_scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, mode="min", patience=1)
      step = "${step}"
      for epoch in range(10):
          train_loss = train_epoch(model, train_loader, optimizer, lr_scheduler, step)
          valid_loss = valid_epoch(model, valid_loader)
          lr_scheduler.step(valid_loss)

  main()
`;

describe('constant conditions', () => {
  runCases([
    {
      name: 'silent on a branch that never runs: a parameter bound to a literal (OpenAI-CLIP)',
      code: clip('epoch'),
      expect: [],
    },
    {
      name: 'flags the branch that runs: the same parameter bound to the other literal',
      code: clip('batch'),
      expect: ['OL007@9'],
    },
    {
      name: 'silent on the dead else arm and the dead elif arm',
      code: py`
        import torch
        def fit(model, loader, optimizer, scheduler, mode):
            for x, y in loader:
                optimizer.zero_grad()
                model(x).sum().backward()
                optimizer.step()
                if mode == "cosine":
                    pass
                elif mode in ("step", "multistep"):
                    scheduler.step()
                else:
                    scheduler.step()
        opt = torch.optim.SGD(model.parameters(), lr=0.1)
        fit(model, loader, opt, torch.optim.lr_scheduler.ReduceLROnPlateau(opt), "cosine")
      `,
      expect: [],
    },
    {
      name: 'silent under "is not None" of a parameter left to its None default',
      code: py`
        import torch
        def fit(model, loader, optimizer, scheduler, mode=None):
            for x, y in loader:
                optimizer.zero_grad()
                model(x).sum().backward()
                if mode is not None:
                    scheduler.step()
                optimizer.step()
        opt = torch.optim.SGD(model.parameters(), lr=0.1)
        sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=0.1, total_steps=1000)
        fit(model, loader, opt, sched)
      `,
      expect: [],
    },
    {
      name: 'silent under not/and/or of a module constant and a literal argument',
      code: py`
        import torch
        DEBUG = False
        def fit(model, loader, optimizer, scheduler, verbose):
            for x, y in loader:
                optimizer.zero_grad()
                model(x).sum().backward()
                if not verbose and DEBUG or verbose == "all":
                    scheduler.step()
                optimizer.step()
        opt = torch.optim.SGD(model.parameters(), lr=0.1)
        sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=0.1, total_steps=1000)
        fit(model, loader, opt, sched, verbose=0)
      `,
      expect: [],
    },
    {
      name: 'flags a scheduler step made unconditional by its constant condition (OL003)',
      code: py`
        import torch
        def train(model, loader, optimizer, scheduler, step):
            for x, y in loader:
                optimizer.zero_grad()
                model(x).sum().backward()
                if step == "batch":
                    scheduler.step()
                optimizer.step()
        opt = torch.optim.SGD(model.parameters(), lr=0.1)
        sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=0.1, total_steps=1000)
        train(model, loader, opt, sched, "batch")
      `,
      expect: ['OL003@7'],
    },
    {
      name: 'flags a per-epoch schedule stepped per batch under a certainly true condition (OL004)',
      code: py`
        import torch
        def train(model, loader, optimizer, scheduler, step):
            for x, y in loader:
                optimizer.zero_grad()
                model(x).sum().backward()
                optimizer.step()
                if step == "batch":
                    scheduler.step()
        opt = torch.optim.SGD(model.parameters(), lr=0.1)
        sched = torch.optim.lr_scheduler.StepLR(opt, step_size=30)
        for epoch in range(90):
            train(model, loader, opt, sched, step="batch")
      `,
      expect: ['OL004@8'],
    },
    {
      name: 'flags a step under "if False:" (the gradients really are never cleared)',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        for x, y in loader:
            if 0:
                optimizer.zero_grad()
            model(x).sum().backward()
            optimizer.step()
      `,
      expect: ['OL001@7'],
    },
  ]);
});

describe('constant conditions: what does not fold', () => {
  runCases([
    {
      name: 'one execution per call: the per-batch call still flags, the per-epoch call does not',
      code: py`
        import torch
        def train_epoch(model, loader, optimizer, lr_scheduler, step):
            for batch in loader:
                optimizer.zero_grad()
                model(batch).backward()
                optimizer.step()
                if step == "batch":
                    lr_scheduler.step()
        optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
        lr_scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer)
        train_epoch(model, loader, optimizer, lr_scheduler, "epoch")
        train_epoch(model, loader, optimizer, lr_scheduler, "batch")
      `,
      expect: ['OL007@8'],
    },
    {
      name: 'a value assigned twice is not certain',
      code: py`
        import torch
        def main(fast):
            optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
            lr_scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer)
            step = "epoch"
            if fast:
                step = "batch"
            for batch in loader:
                optimizer.zero_grad()
                model(batch).backward()
                optimizer.step()
                if step == "batch":
                    lr_scheduler.step()
      `,
      expect: ['OL007@13'],
    },
    {
      name: 'a command-line default is not certain (argparse)',
      code: py`
        import argparse
        import torch
        parser = argparse.ArgumentParser()
        parser.add_argument("--amp", type=int, default=0)
        args = parser.parse_args()
        use_amp = args.amp
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        for x, y in loader:
            if use_amp:
                optimizer.zero_grad()
            model(x).sum().backward()
            optimizer.step()
      `,
      expect: [],
    },
    {
      name: 'a module-level name a function rebinds through "global" is not certain',
      code: py`
        import torch
        STEP = "epoch"
        def configure():
            global STEP
            STEP = "batch"
        optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
        lr_scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer)
        configure()
        for batch in loader:
            optimizer.zero_grad()
            model(batch).backward()
            optimizer.step()
            if STEP == "batch":
                lr_scheduler.step()
      `,
      expect: ['OL007@14'],
    },
    {
      name: 'an f-string is not its text',
      code: py`
        import torch
        def train_epoch(model, loader, optimizer, lr_scheduler, step):
            for batch in loader:
                optimizer.zero_grad()
                model(batch).backward()
                optimizer.step()
                if step == "batch":
                    lr_scheduler.step()
        optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
        lr_scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer)
        train_epoch(model, loader, optimizer, lr_scheduler, f"{kind}")
      `,
      expect: ['OL007@8'],
    },
  ]);
});
