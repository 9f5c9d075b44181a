import { describe } from 'vitest';
import { runCases } from '../cases';
import { py } from '../helpers';

/** Horizons and epoch counts read from argparse defaults (model/argparse.ts). */
describe('OL004 with command-line defaults', () => {
  runCases([
    {
      name: 'StepLR(step_size=args.step_size) with default 10 over a default of 10000 epochs, stepped per batch',
      code: py`
        import argparse
        import torch

        def get_parameters():
            parser = argparse.ArgumentParser(description='demo')
            parser.add_argument('--epochs', type=int, default=10000)
            parser.add_argument('--step_size', type=int, default=10)
            parser.add_argument('--gamma', type=float, default=0.95)
            args = parser.parse_args()
            return args, 'cpu'

        def prepare(args, model):
            optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
            scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=args.step_size, gamma=args.gamma)
            return optimizer, scheduler

        def train(args, optimizer, scheduler, model, loader):
            for epoch in range(args.epochs):
                for x, y in loader:
                    optimizer.zero_grad()
                    model(x).sum().backward()
                    optimizer.step()
                    scheduler.step()

        if __name__ == '__main__':
            args, device = get_parameters()
            optimizer, scheduler = prepare(args, model)
            train(args, optimizer, scheduler, model, loader)
      `,
      expect: ['OL004@23'],
    },
    {
      name: 'dashed options and dest= name the attribute; parse_known_args()[0] is the namespace',
      code: py`
        import argparse
        import torch
        parser = argparse.ArgumentParser()
        parser.add_argument('-e', '--num-epochs', type=int, default=90)
        parser.add_argument('--decay', dest='milestone', type=int, default=30)
        args = parser.parse_known_args()[0]
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.StepLR(optimizer, args.milestone)
        for epoch in range(args.num_epochs):
            for x, y in loader:
                optimizer.zero_grad()
                model(x).sum().backward()
                optimizer.step()
                scheduler.step()
      `,
      expect: ['OL004@14'],
    },
    {
      name: 'silent: a default that counts batches (step_size past the run of epochs)',
      code: py`
        import argparse
        import torch
        parser = argparse.ArgumentParser()
        parser.add_argument('--epochs', type=int, default=90)
        parser.add_argument('--step_size', type=int, default=30000)
        args = parser.parse_args()
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.StepLR(optimizer, args.step_size)
        for epoch in range(args.epochs):
            for x, y in loader:
                optimizer.zero_grad()
                model(x).sum().backward()
                optimizer.step()
                scheduler.step()
      `,
      expect: [],
    },
    {
      name: 'silent: the script assigns the attribute itself, so the default is not what runs',
      code: py`
        import argparse
        import torch
        parser = argparse.ArgumentParser()
        parser.add_argument('--epochs', type=int, default=90)
        parser.add_argument('--step_size', type=int, default=30)
        args = parser.parse_args()
        if args.debug:
            args.step_size = 3000
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.StepLR(optimizer, args.step_size)
        for epoch in range(args.epochs):
            for x, y in loader:
                optimizer.zero_grad()
                model(x).sum().backward()
                optimizer.step()
                scheduler.step()
      `,
      expect: [],
    },
    {
      name: 'silent: two declarations of the same option disagree',
      code: py`
        import argparse
        import torch
        def cli(kind):
            parser = argparse.ArgumentParser()
            parser.add_argument('--epochs', type=int, default=90)
            if kind == 'small':
                parser.add_argument('--step_size', type=int, default=30)
            else:
                parser.add_argument('--step_size', type=int, default=20000)
            return parser.parse_args()
        args = cli('small')
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.StepLR(optimizer, args.step_size)
        for epoch in range(args.epochs):
            for x, y in loader:
                optimizer.zero_grad()
                model(x).sum().backward()
                optimizer.step()
                scheduler.step()
      `,
      expect: [],
    },
    {
      name: 'silent: a gamma default of 0.99 or more decays per batch on purpose',
      code: py`
        import argparse
        import torch
        parser = argparse.ArgumentParser()
        parser.add_argument('--epochs', type=int, default=90)
        parser.add_argument('--step_size', type=int, default=10)
        parser.add_argument('--gamma', type=float, default=0.999)
        args = parser.parse_args()
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.StepLR(optimizer, args.step_size, gamma=args.gamma)
        for epoch in range(args.epochs):
            for x, y in loader:
                optimizer.zero_grad()
                model(x).sum().backward()
                optimizer.step()
                scheduler.step()
      `,
      expect: [],
    },
    {
      name: 'silent: no default declared (argparse gives None)',
      code: py`
        import argparse
        import torch
        parser = argparse.ArgumentParser()
        parser.add_argument('--epochs', type=int, default=90)
        parser.add_argument('--step_size', type=int)
        args = parser.parse_args()
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.StepLR(optimizer, args.step_size)
        for epoch in range(args.epochs):
            for x, y in loader:
                optimizer.zero_grad()
                model(x).sum().backward()
                optimizer.step()
                scheduler.step()
      `,
      expect: [],
    },
    {
      name: 'set_defaults counts as a declaration',
      code: py`
        import argparse
        import torch
        parser = argparse.ArgumentParser()
        parser.set_defaults(epochs=90, step_size=30)
        args = parser.parse_args()
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.StepLR(optimizer, args.step_size)
        for epoch in range(args.epochs):
            for x, y in loader:
                optimizer.zero_grad()
                model(x).sum().backward()
                optimizer.step()
                scheduler.step()
      `,
      expect: ['OL004@13'],
    },
    {
      name: 'OL008 stays silent on a command-line weight decay, even with a default',
      code: py`
        import argparse
        import torch
        parser = argparse.ArgumentParser()
        parser.add_argument('--wd', type=float, default=5e-4)
        args = parser.parse_args()
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=args.wd)
      `,
      expect: [],
    },
  ]);
});
