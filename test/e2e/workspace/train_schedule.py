"""A cosine schedule meant to span 100 epochs, stepped after every batch of a 500-batch epoch:
it finishes its first half-cosine in a fifth of the first epoch (Optim Lens OL004)."""
import torch
from torch import nn

EPOCHS = 100
BATCHES_PER_EPOCH = 500

model = nn.Linear(10, 1)
optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4, weight_decay=0.05)
scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=EPOCHS)
loss_fn = nn.MSELoss()

for epoch in range(EPOCHS):
    for step in range(BATCHES_PER_EPOCH):
        x, y = torch.randn(8, 10), torch.randn(8, 1)
        optimizer.zero_grad()
        loss_fn(model(x), y).backward()
        optimizer.step()
        scheduler.step()
