"""A training loop that never clears its gradients: every step adds this batch's gradient to all
the previous ones (Optim Lens OL001, on the `optimizer.step()` line)."""
import torch
from torch import nn

model = nn.Linear(10, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
loss_fn = nn.MSELoss()
batches = [(torch.randn(8, 10), torch.randn(8, 1)) for _ in range(4)]

for epoch in range(10):
    for x, y in batches:
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
