"""The same recipe with the classic mistakes. Open it with Optim Lens: each one is flagged.

OL008 Adam with weight_decay (L2, not AdamW's decoupled decay)
OL004 a per-epoch cosine schedule stepped every batch
OL003 a scheduler stepped before the optimizer
OL001 gradients never cleared
OL007 ReduceLROnPlateau stepped without its metric
"""
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader

EPOCHS = 30


def train_one_epoch(model, loader, optimizer, scheduler, warmup):
    model.train()
    for images, targets in loader:
        loss = F.cross_entropy(model(images), targets)
        loss.backward()
        warmup.step()
        optimizer.step()
        scheduler.step()


@torch.no_grad()
def validate(model, loader):
    model.eval()
    return sum(F.cross_entropy(model(x), y).item() for x, y in loader) / len(loader)


def main(model, train_set, val_set):
    train_loader = DataLoader(train_set, batch_size=128, shuffle=True)
    val_loader = DataLoader(val_set, batch_size=256)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=5e-2)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=EPOCHS)
    warmup = torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=0.1, total_iters=500)
    plateau = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, mode="min", patience=3)
    for epoch in range(EPOCHS):
        train_one_epoch(model, train_loader, optimizer, scheduler, warmup)
        val_loss = validate(model, val_loader)
        plateau.step()
        print(f"epoch {epoch}: val loss {val_loss:.4f}")
