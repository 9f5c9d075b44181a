import { describe } from 'vitest';
import { runCases } from '../cases';
import { py } from '../helpers';

describe('OL002 zero-grad-between-backward-and-step', () => {
  runCases([
    {
      name: 'flags zero_grad between backward and step',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        for x, y in loader:
            loss = criterion(model(x), y)
            loss.backward()
            optimizer.zero_grad()
            optimizer.step()
      `,
      expect: ['OL002@6'],
    },
    {
      name: 'flags model.zero_grad() when the optimizer holds that model',
      code: py`
        import torch
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
        for x, y in loader:
            loss = criterion(model(x), y)
            loss.backward()
            model.zero_grad()
            optimizer.step()
      `,
      expect: ['OL002@6'],
    },
    {
      name: 'flags a single training step function',
      code: py`
        def train_step(model, optimizer, batch):
            loss = model(batch).loss
            loss.backward()
            optimizer.zero_grad(set_to_none=True)
            optimizer.step()
            return loss.item()
      `,
      expect: ['OL002@4'],
    },
    {
      name: 'flags it with accelerate and AMP',
      code: py`
        import torch
        optimizer = torch.optim.AdamW(model.parameters())
        scaler = torch.cuda.amp.GradScaler()
        for batch in train_dataloader:
            loss = model(**batch).loss
            scaler.scale(loss).backward()
            optimizer.zero_grad()
            scaler.step(optimizer)
            scaler.update()
      `,
      expect: ['OL002@7'],
    },
    {
      name: 'flags the clearing in a called function',
      code: py`
        import torch
        def clear(opt):
            opt.zero_grad()

        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        for x, y in loader:
            criterion(model(x), y).backward()
            clear(optimizer)
            optimizer.step()
      `,
      expect: ['OL002@3'],
    },
    {
      name: 'silent when zero_grad comes before backward',
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
      name: 'silent when zero_grad comes after the step and before the next backward',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        for x, y in loader:
            loss = criterion(model(x), y)
            loss.backward()
            optimizer.step()
            optimizer.zero_grad()
            aux = aux_loss(model(x))
      `,
      expect: [],
    },
    {
      name: 'silent when another backward runs between zero_grad and step',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        for x, y in loader:
            warmup_loss(model, x).backward()
            optimizer.zero_grad()
            loss = criterion(model(x), y)
            loss.backward()
            optimizer.step()
      `,
      expect: [],
    },
    {
      name: 'silent for GAN optimizers clearing each other',
      code: py`
        import torch
        opt_d = torch.optim.Adam(D.parameters())
        opt_g = torch.optim.Adam(G.parameters())
        for real in loader:
            d_loss = discriminator_loss(D, G, real)
            d_loss.backward()
            opt_g.zero_grad()
            opt_d.step()
            opt_d.zero_grad()
            g_loss = generator_loss(D, G)
            g_loss.backward()
            opt_g.step()
      `,
      expect: [],
    },
    {
      name: 'silent when zero_grad skips a bad batch and continues',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        for x, y in loader:
            loss = criterion(model(x), y)
            loss.backward()
            if not torch.isfinite(loss):
                optimizer.zero_grad()
                continue
            optimizer.step()
            optimizer.zero_grad()
      `,
      expect: [],
    },
    {
      name: 'silent when zero_grad sits in a branch that may not run',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        for x, y in loader:
            loss = criterion(model(x), y)
            loss.backward()
            if skip_update:
                optimizer.zero_grad()
            optimizer.step()
      `,
      expect: [],
    },
    {
      name: 'silent when the zeroed model is not the optimizer\'s',
      code: py`
        import torch
        optimizer = torch.optim.SGD(student.parameters(), lr=0.1)
        for x in loader:
            loss = distill(student, teacher, x)
            loss.backward()
            teacher.zero_grad()
            optimizer.step()
      `,
      expect: [],
    },
      {
      name: 'gradient accumulation wiped: zero_grad() on every batch while the step waits for the accumulation count',
      code: py`
        import torch
        optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)
        for epoch in range(num_epochs):
            for step, (x, y) in enumerate(loader):
                optimizer.zero_grad(set_to_none=True)
                loss = criterion(model(x), y)
                if scaler:
                    scaler.scale(loss / grad_accum_steps).backward()
                else:
                    (loss / grad_accum_steps).backward()
                if global_step % grad_accum_steps == 0:
                    if scaler:
                        scaler.step(optimizer)
                        scaler.update()
                    else:
                        optimizer.step()
                global_step += 1
      `,
      expect: ['OL002@5'],
      message: /runs on every batch but optimizer\.step\(\) only every grad_accum_steps batches/,
    },
    {
      name: 'the same with the clearing after the guarded step, at the end of every batch',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        for i, (x, y) in enumerate(loader):
            (criterion(model(x), y) / accum).backward()
            if (i + 1) % accum == 0:
                optimizer.step()
            optimizer.zero_grad()
      `,
      expect: ['OL002@7'],
    },
    {
      name: 'silent for correct accumulation: the clearing under the same condition as the step',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        optimizer.zero_grad()
        for i, (x, y) in enumerate(loader):
            (criterion(model(x), y) / accum).backward()
            if (i + 1) % accum == 0:
                optimizer.step()
                optimizer.zero_grad()
      `,
      expect: [],
    },
    {
      name: 'silent when the step is not an accumulation (every batch), or the clearing depends on the iteration',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        for i, (x, y) in enumerate(loader):
            if i % accum == 0:
                optimizer.zero_grad()
            (criterion(model(x), y) / accum).backward()
            if i % accum == accum - 1:
                optimizer.step()
        for x, y in loader:
            optimizer.zero_grad()
            criterion(model(x), y).backward()
            optimizer.step()
      `,
      expect: [],
    },
    {
      name: 'silent for a WGAN generator trained every n_critic batches (its backward is under the same condition)',
      code: py`
        import torch
        optimizer_G = torch.optim.Adam(generator.parameters(), lr=1e-4)
        optimizer_D = torch.optim.Adam(discriminator.parameters(), lr=1e-4)
        for i, (imgs, _) in enumerate(dataloader):
            optimizer_D.zero_grad()
            d_loss = -torch.mean(discriminator(imgs)) + torch.mean(discriminator(generator(z).detach()))
            d_loss.backward()
            optimizer_D.step()
            optimizer_G.zero_grad()
            if i % n_critic == 0:
                g_loss = -torch.mean(discriminator(generator(z)))
                g_loss.backward()
                optimizer_G.step()
      `,
      expect: [],
    },
]);
});
