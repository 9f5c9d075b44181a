import { describe } from 'vitest';
import { runCases } from '../cases';
import { py } from '../helpers';

/** Horizons and epoch counts read from configuration classes (Evaluator.classField). */
describe('OL004 with configuration classes', () => {
  const loop = (epochs: string, step: string) => `
def train(model, loader):
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=${step}, gamma=0.1)
    for epoch in range(${epochs}):
        for x, y in loader:
            optimizer.zero_grad()
            model(x).sum().backward()
            optimizer.step()
            scheduler.step()
`;
  runCases([
    {
      name: 'a dataclass read on the class: Config.step_size over Config.num_epochs',
      code: py`
        import torch
        from dataclasses import dataclass

        @dataclass
        class Config:
            num_epochs: int = 90
            step_size: int = 30
      ` + loop('Config.num_epochs', 'Config.step_size'),
      expect: ['OL004@17'],
    },
    {
      name: 'a plain class without training words, read on an instance made without arguments',
      code: py`
        import torch

        class Hparams:
            a = 90
            b = 30

        hp = Hparams()
      ` + loop('hp.a', 'hp.b'),
      expect: ['OL004@17'],
    },
    {
      name: 'a class with its own __init__ that leaves the fields alone, made with arguments',
      code: py`
        import torch

        class Opts:
            epochs = 90
            lr_step = 30

            def __init__(self, name):
                self.name = name

        opts = Opts('run')
      ` + loop('opts.epochs', 'opts.lr_step'),
      expect: ['OL004@20'],
    },
    {
      name: 'silent when a dataclass is made with arguments (the fields may be anything)',
      code: py`
        import torch
        from dataclasses import dataclass

        @dataclass
        class Config:
            num_epochs: int = 90
            step_size: int = 30

        cfg = Config(num_epochs=5, step_size=10000)
      ` + loop('cfg.num_epochs', 'cfg.step_size'),
      expect: [],
    },
    {
      name: 'silent when the file assigns the attribute somewhere (a debug override) or calls setattr',
      code: py`
        import torch

        class Config:
            num_epochs = 90
            step_size = 30

        cfg = Config()
        if DEBUG:
            cfg.step_size = 100000
      ` + loop('cfg.num_epochs', 'cfg.step_size'),
      expect: [],
    },
    {
      name: 'silent when a field is set twice in the class body, or by __init__',
      code: py`
        import torch

        class Config:
            num_epochs = 90
            step_size = 30
            step_size = 3000

        class Other:
            num_epochs = 90
            step_size = 30

            def __init__(self, step):
                self.step_size = step

        cfg = Config()
        other = Other(5000)
      ` + loop('cfg.num_epochs', 'cfg.step_size') + loop('other.num_epochs', 'other.step_size').replace('def train', 'def train2'),
      expect: [],
    },
  ]);
});
