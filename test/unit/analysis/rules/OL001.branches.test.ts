/**
 * OL001 path by path: clearing on one arm of an `if` does not clear for a step on the other arm,
 * unless the arms are accumulation spread over iterations.
 */
import { describe } from 'vitest';
import { runCases } from '../cases';
import { py } from '../helpers';

describe('OL001 on branches', () => {
  runCases([
    {
      name: 'zero_grad only on the AMP arm: the plain arm steps uncleared',
      code: py`
        import torch
        def train(model, loader, optimizer, scaler, use_amp):
            for x, y in loader:
                if use_amp:
                    optimizer.zero_grad()
                    with torch.cuda.amp.autocast():
                        loss = model(x).sum()
                    scaler.scale(loss).backward()
                    scaler.step(optimizer)
                    scaler.update()
                else:
                    loss = model(x).sum()
                    loss.backward()
                    optimizer.step()
      `,
      expect: ['OL001@14'],
      message: /cleared on another branch/,
    },
    {
      name: 'zero_grad before the if covers both arms',
      code: py`
        import torch
        for x, y in loader:
            optimizer.zero_grad()
            if use_amp:
                scaler.scale(model(x).sum()).backward()
                scaler.step(optimizer)
                scaler.update()
            else:
                model(x).sum().backward()
                optimizer.step()
      `,
      expect: [],
    },
    {
      name: 'zero_grad on both arms',
      code: py`
        import torch
        for x, y in loader:
            if use_amp:
                optimizer.zero_grad()
                scaler.scale(model(x).sum()).backward()
                scaler.step(optimizer)
                scaler.update()
            else:
                optimizer.zero_grad(set_to_none=True)
                model(x).sum().backward()
                optimizer.step()
      `,
      expect: [],
    },
    {
      name: 'accumulation spread over iterations: clear on one, step on another',
      code: py`
        import torch
        for i, (x, y) in enumerate(loader):
            if i % 2 == 0:
                optimizer.zero_grad()
                model(x).sum().backward()
            else:
                model(x).sum().backward()
                optimizer.step()
      `,
      expect: [],
    },
    {
      name: 'accumulation guards in two ifs',
      code: py`
        import torch
        for i, (x, y) in enumerate(loader):
            if i % accum == 0:
                optimizer.zero_grad()
            (model(x).sum() / accum).backward()
            if (i + 1) % accum == 0:
                optimizer.step()
      `,
      expect: [],
    },
    {
      name: 'a helper chosen by a flag that changes inside the loop',
      code: py`
        import torch
        optimizer = torch.optim.SGD(net.parameters(), lr=0.1)

        def step_a(x):
            optimizer.zero_grad()
            net(x).sum().backward()
            optimizer.step()

        def step_b(x):
            net(x).sum().backward()
            optimizer.step()

        use_a = True
        for i, x in enumerate(loader):
            fn = step_a if use_a else step_b
            fn(x)
            if i > 100:
                use_a = False
      `,
      expect: ['OL001@11'],
    },
    {
      name: 'the other arm only evaluates',
      code: py`
        import torch
        for x, y in loader:
            if training:
                optimizer.zero_grad()
                model(x).sum().backward()
                optimizer.step()
            else:
                with torch.no_grad():
                    metric(model(x), y)
      `,
      expect: [],
    },
    {
      name: 'a GAN: each optimizer cleared on its own arm',
      code: py`
        import torch
        for i, x in enumerate(loader):
            if i % n_critic == 0:
                opt_g.zero_grad()
                loss_g(x).backward()
                opt_g.step()
            else:
                opt_d.zero_grad()
                loss_d(x).backward()
                opt_d.step()
      `,
      expect: [],
    },
  ]);
});

describe('OL001 and model.zero_grad() on a parameter', () => {
  runCases([
    {
      name: 'a training function given the model and the optimizer clears through the model',
      code: py`
        def train(model, optimizer, loader):
            for x, y in loader:
                model.zero_grad()
                loss = criterion(model(x), y)
                loss.backward()
                optimizer.step()
      `,
      expect: [],
    },
    {
      name: 'an injected model on self clears too',
      code: py`
        class Trainer:
            def fit(self, loader):
                for x in loader:
                    self.model.zero_grad()
                    self.model(x).sum().backward()
                    self.optim.step()
      `,
      expect: [],
    },
    {
      name: 'a GAN given both networks and both optimizers: clearing D does not clear G',
      code: py`
        import torch
        netG, netD = G(), D()
        optG = torch.optim.Adam(netG.parameters())
        optD = torch.optim.Adam(netD.parameters())
        def train(loader):
            for x in loader:
                netD.zero_grad()
                lossD(x).backward()
                optD.step()
                lossG(x).backward()
                optG.step()
      `,
      expect: ['OL001@11'],
    },
    {
      name: 'clearing another optimizer is not clearing this one',
      code: py`
        def train(model, opt_a, opt_b, loader):
            for x in loader:
                opt_a.zero_grad()
                model(x).sum().backward()
                opt_b.step()
      `,
      expect: ['OL001@5'],
    },
  ]);
});
