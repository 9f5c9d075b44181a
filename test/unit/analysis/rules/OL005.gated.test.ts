/** OL005 when the per-epoch step only starts after some epochs (`if epoch >= 10:`). */
import { describe } from 'vitest';
import { runCases } from '../cases';
import { py } from '../helpers';

describe('OL005 behind an epoch gate', () => {
  runCases([
    {
      name: 'a batch-horizon cosine stepped once per epoch after a warmup gate',
      code: py`
        import torch
        optimizer = torch.optim.Adam(model.parameters(), 3e-4)
        scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=len(train_loader))
        for epoch in range(epochs):
            for x in train_loader:
                optimizer.zero_grad()
                loss_fn(model(x)).backward()
                optimizer.step()
            if epoch >= 10:
                scheduler.step()
      `,
      expect: ['OL005@10'],
    },
    {
      name: 'OneCycleLR stepped per epoch after a gate written the other way round',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), 0.1)
        scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.1, epochs=epochs, steps_per_epoch=len(loader))
        for epoch in range(epochs):
            for x in loader:
                optimizer.zero_grad()
                loss_fn(model(x)).backward()
                optimizer.step()
            if 5 < epoch:
                scheduler.step()
      `,
      expect: ['OL005@10'],
    },
    {
      name: 'silent when the gate is a modulo (every few epochs, on purpose)',
      code: py`
        import torch
        optimizer = torch.optim.Adam(model.parameters(), 3e-4)
        scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=len(train_loader))
        for epoch in range(epochs):
            for x in train_loader:
                optimizer.zero_grad()
                loss_fn(model(x)).backward()
                optimizer.step()
            if epoch % 10 == 0:
                scheduler.step()
      `,
      expect: [],
    },
    {
      name: 'silent when the gate ends the stepping (before an epoch)',
      code: py`
        import torch
        optimizer = torch.optim.Adam(model.parameters(), 3e-4)
        scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=len(train_loader))
        for epoch in range(epochs):
            for x in train_loader:
                optimizer.zero_grad()
                loss_fn(model(x)).backward()
                optimizer.step()
            if epoch < 10:
                scheduler.step()
      `,
      expect: [],
    },
  ]);
});
