"""Hover a class name or a call of the loop: Optim Lens explains it with this file's values."""
import torch
import torch.nn.functional as F
from torch import nn

EPOCHS = 30
DECAY = 0.05

model = nn.Linear(10, 3)
optimizer = torch.optim.AdamW(model.parameters(), lr=2e-3, weight_decay=DECAY)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=10, gamma=0.5)

for epoch in range(EPOCHS):
    for step in range(100):
        x, y = torch.randn(8, 10), torch.randint(0, 3, (8,))
        optimizer.zero_grad()
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        optimizer.step()
    scheduler.step()
