import { describe } from 'vitest';
import { runCases } from '../cases';
import { py } from '../helpers';

describe('OL001 missing-zero-grad', () => {
  runCases([
    {
      name: 'flags a batch loop that never clears gradients',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        for epoch in range(10):
            for x, y in loader:
                loss = criterion(model(x), y)
                loss.backward()
                optimizer.step()
      `,
      expect: ['OL001@7'],
    },
    {
      name: 'flags a loop inside a function whose optimizer is a parameter',
      code: py`
        def train(model, loader, optimizer, criterion):
            model.train()
            for batch_idx, (data, target) in enumerate(loader):
                output = model(data)
                loss = criterion(output, target)
                loss.backward()
                optimizer.step()
      `,
      expect: ['OL001@7'],
    },
    {
      name: 'flags self.optimizer in a trainer class',
      code: py`
        import torch
        class Trainer:
            def __init__(self, model):
                self.model = model
                self.optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4)

            def fit(self, loader):
                for batch in loader:
                    loss = self.model(batch).loss
                    loss.backward()
                    self.optimizer.step()
      `,
      expect: ['OL001@11'],
    },
    {
      name: 'flags a trainer that assigns self attributes in its loop (minGPT style)',
      code: py`
        class Trainer:
            def run(self):
                model, config = self.model, self.config
                self.optimizer = model.configure_optimizers(config)
                while True:
                    batch = next(data_iter)
                    logits, self.loss = model(*batch)
                    self.loss.backward()
                    self.optimizer.step()
                    self.iter_num += 1
      `,
      expect: ['OL001@9'],
    },
    {
      name: 'flags zero_grad only before the loop',
      code: py`
        from torch import optim
        opt = optim.Adam(net.parameters())
        opt.zero_grad()
        for x, y in loader:
            criterion(net(x), y).backward()
            opt.step()
      `,
      expect: ['OL001@6'],
    },
    {
      name: 'flags zero_grad in the epoch loop when the step is per batch',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        for epoch in range(10):
            optimizer.zero_grad()
            for x, y in loader:
                loss_fn(model(x), y).backward()
                optimizer.step()
      `,
      expect: ['OL001@7'],
    },
    {
      name: 'flags scaler.step(optimizer) with AMP',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scaler = torch.cuda.amp.GradScaler()
        for images, labels in train_loader:
            with torch.autocast("cuda"):
                loss = criterion(model(images), labels)
            scaler.scale(loss).backward()
            scaler.step(optimizer)
            scaler.update()
      `,
      expect: ['OL001@8'],
    },
    {
      name: 'flags accelerate loops without zero_grad',
      code: py`
        from accelerate import Accelerator
        from torch.optim import AdamW
        accelerator = Accelerator()
        optimizer = AdamW(model.parameters(), lr=2e-5)
        model, optimizer, train_dataloader = accelerator.prepare(model, optimizer, train_dataloader)
        for step, batch in enumerate(train_dataloader):
            outputs = model(**batch)
            accelerator.backward(outputs.loss)
            optimizer.step()
      `,
      expect: ['OL001@9'],
    },
    {
      name: 'flags a loop calling a same-file step function',
      code: py`
        import torch
        def train_step(model, optimizer, batch):
            loss = model(batch).mean()
            loss.backward()
            optimizer.step()
            return loss

        optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
        for batch in loader:
            train_step(model, optimizer, batch)
      `,
      expect: ['OL001@5'],
    },
    {
      name: 'flags the one GAN optimizer that is never cleared',
      code: py`
        import torch.optim as optim
        optD = optim.Adam(netD.parameters(), lr=2e-4)
        optG = optim.Adam(netG.parameters(), lr=2e-4)
        for epoch in range(25):
            for real, _ in dataloader:
                optD.zero_grad()
                lossD = d_loss(netD, netG, real)
                lossD.backward()
                optD.step()
                lossG = g_loss(netD, netG)
                lossG.backward()
                optG.step()
      `,
      expect: ['OL001@12'],
    },
    {
      name: 'flags an LBFGS closure that does not clear gradients',
      code: py`
        import torch
        optimizer = torch.optim.LBFGS([x], lr=1)
        for i in range(50):
            def closure():
                loss = f(x)
                loss.backward()
                return loss
            optimizer.step(closure)
      `,
      expect: ['OL001@8'],
    },
    {
      name: 'flags Lightning manual optimisation in a loop of its own',
      code: py`
        import lightning as L
        class Model(L.LightningModule):
            def training_step(self, batch, batch_idx):
                opt = self.optimizers()
                for chunk in batch.split(4):
                    loss = self.compute_loss(chunk)
                    self.manual_backward(loss)
                    opt.step()
      `,
      expect: ['OL001@8'],
    },
    {
      name: 'silent with zero_grad at the top of the loop',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        for x, y in loader:
            optimizer.zero_grad()
            loss = criterion(model(x), y)
            loss.backward()
            optimizer.step()
      `,
      expect: [],
    },
    {
      name: 'silent with zero_grad right after the step',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        for x, y in loader:
            loss = criterion(model(x), y)
            loss.backward()
            optimizer.step()
            optimizer.zero_grad(set_to_none=True)
      `,
      expect: [],
    },
    {
      name: 'silent with gradient accumulation',
      code: py`
        import torch
        optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)
        for i, (x, y) in enumerate(loader):
            loss = criterion(model(x), y) / accum
            loss.backward()
            if (i + 1) % accum == 0:
                optimizer.step()
                optimizer.zero_grad()
      `,
      expect: [],
    },
    {
      name: 'silent when the model clears gradients',
      code: py`
        import torch
        optimizer = torch.optim.SGD(net.parameters(), lr=0.1)
        for data in loader:
            net.zero_grad()
            loss = criterion(net(data[0]), data[1])
            loss.backward()
            optimizer.step()
      `,
      expect: [],
    },
    {
      name: 'silent when p.grad = None in a loop',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        for x, y in loader:
            for p in model.parameters():
                p.grad = None
            criterion(model(x), y).backward()
            optimizer.step()
      `,
      expect: [],
    },
    {
      name: 'silent when p.grad.detach_(); p.grad.zero_()',
      code: py`
        import torch
        optimizer = torch.optim.SGD(params, lr=0.1)
        for x, y in loader:
            for p in params:
                if p.grad is not None:
                    p.grad.detach_()
                    p.grad.zero_()
            criterion(model(x), y).backward()
            optimizer.step()
      `,
      expect: [],
    },
    {
      name: 'silent when a called same-file function clears',
      code: py`
        import torch
        def reset(model):
            model.zero_grad()

        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        for x, y in loader:
            reset(model)
            criterion(model(x), y).backward()
            optimizer.step()
      `,
      expect: [],
    },
    {
      name: 'silent when the LBFGS closure clears',
      code: py`
        import torch
        optimizer = torch.optim.LBFGS(model.parameters())
        for i in range(20):
            def closure():
                optimizer.zero_grad()
                loss = criterion(model(inputs), targets)
                loss.backward()
                return loss
            optimizer.step(closure)
      `,
      expect: [],
    },
    {
      name: 'silent for a DeepSpeed engine',
      code: py`
        import deepspeed
        model_engine, optimizer, _, _ = deepspeed.initialize(args=args, model=model, model_parameters=params)
        for step, batch in enumerate(data_loader):
            loss = model_engine(batch)
            model_engine.backward(loss)
            model_engine.step()
      `,
      expect: [],
    },
    {
      name: 'silent when the step is on something that is not an optimizer',
      code: py`
        for episode in range(1000):
            state = env.reset()
            for t in range(200):
                action = policy(state)
                state, reward, done, _ = env.step(action)
                loss = compute_loss(reward)
                loss.backward()
                ema.step()
      `,
      expect: [],
    },
    {
      name: 'silent when an unknown helper receives the optimizer',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        for x, y in loader:
            loss = criterion(model(x), y)
            loss_scaler(loss, optimizer, parameters=model.parameters())
            optimizer.step()
      `,
      expect: [],
    },
    {
      name: 'silent when an unresolved base-class hook may clear',
      code: py`
        from mylib import BaseTrainer
        class MyTrainer(BaseTrainer):
            def train(self):
                for batch in self.loader:
                    self.before_step()
                    loss = self.model(batch)
                    loss.backward()
                    self.optimizer.step()
      `,
      expect: [],
    },
    {
      name: 'silent when the optimizer is created every iteration',
      code: py`
        import torch
        for t in timesteps:
            x_in = latents.detach().clone().requires_grad_(True)
            opt = torch.optim.SGD([x_in], lr=0.1)
            loss = guidance(x_in, t)
            loss.backward()
            opt.step()
      `,
      expect: [],
    },
    {
      name: 'silent for torch.distributed.rpc DistributedOptimizer',
      code: py`
        import torch.distributed.autograd as dist_autograd
        from torch.distributed.optim import DistributedOptimizer
        opt = DistributedOptimizer(optim.SGD, model.parameter_rrefs(), lr=0.05)
        for data, target in loader:
            with dist_autograd.context() as context_id:
                loss = criterion(model(data), target)
                dist_autograd.backward(context_id, [loss])
                opt.step(context_id)
      `,
      expect: [],
    },
    {
      name: 'silent with one backward and one step outside any loop',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        loss = criterion(model(x), y)
        loss.backward()
        optimizer.step()
      `,
      expect: [],
    },
    {
      name: 'silent for a GAN where models clear their own gradients',
      code: py`
        import torch.optim as optim
        optimizerD = optim.Adam(netD.parameters(), lr=2e-4, betas=(0.5, 0.999))
        optimizerG = optim.Adam(netG.parameters(), lr=2e-4, betas=(0.5, 0.999))
        for epoch in range(niter):
            for i, data in enumerate(dataloader, 0):
                netD.zero_grad()
                errD_real = criterion(netD(data[0]), label)
                errD_real.backward()
                errD_fake = criterion(netD(fake.detach()), label)
                errD_fake.backward()
                optimizerD.step()
                netG.zero_grad()
                errG = criterion(netD(fake), label)
                errG.backward()
                optimizerG.step()
      `,
      expect: [],
    },
    {
      name: 'an optimizer of a list comprehension of optimizers does not clear another optimizer',
      code: py`
        import torch
        from torch import optim
        optimizer_g = optim.Adam(generator.parameters())
        optimizer_t = [optim.Adam(teachers[i].parameters(), lr=1e-4) for i in range(4)]
        eps = 0
        while eps < 10:
            for i in range(4):
                optimizer_t[i].zero_grad()
                teachers[i](generator(z)).mean().backward()
                optimizer_t[i].step()
            loss_g = student(generator(z)).mean()
            loss_g.backward()
            optimizer_g.step()
            eps += 1
      `,
      expect: ['OL001@13'],
    },
    {
      name: 'silent when each optimizer of a list comprehension is cleared through the list',
      code: py`
        import torch
        optimizers = [torch.optim.SGD(m.parameters(), lr=0.1) for m in models]
        for x, y in loader:
            for opt in optimizers:
                opt.zero_grad()
            sum(m(x).sum() for m in models).backward()
            optimizers[0].step()
            optimizers[1].step()
      `,
      expect: [],
    },
    {
      name: 'a dict comprehension is not taken for a list of its keys',
      code: py`
        import torch
        optimizers = {name: torch.optim.SGD(m.parameters(), lr=0.1) for name, m in models.items()}
        for x, y in loader:
            optimizers['g'].zero_grad()
            models['g'](x).sum().backward()
            optimizers['g'].step()
      `,
      expect: [],
    },
  ]);
});
