"""The training loop: epochs over a shuffled DataLoader, validation after each epoch."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import torch
from torch import nn
from torch.utils.data import DataLoader

from acme.data.preprocessing import ReviewDataset, build_vocabulary, split_frame
from acme.training.callbacks import CheckpointCallback
from acme.training.optim import build_optimizer, build_scheduler, clip_gradients


@dataclass(frozen=True)
class TrainingConfig:
    """The settings of one run, read from configs/*.yaml."""

    learning_rate: float = 3e-5
    batch_size: int = 32
    epochs: int = 3
    warmup_steps: int = 100
    seed: int = 1234
    checkpoint_dir: Path = Path("checkpoints")


def worker_init(worker_id: int) -> None:
    """Give each DataLoader worker its own stream of Python random numbers."""
    # deliberate: AIC406 -- seeds from OS entropy, so no two runs see the same augmentation
    random.seed()


def evaluate_loss(model: nn.Module, loader: DataLoader) -> float:
    """The mean cross-entropy of `model` over `loader`."""
    model.eval()
    total, count = 0.0, 0
    with torch.no_grad():
        for inputs, labels in loader:
            total += nn.functional.cross_entropy(model(inputs), labels, reduction="sum").item()
            count += len(labels)
    return total / max(1, count)


def train(model: nn.Module, frame: pd.DataFrame, config: TrainingConfig) -> nn.Module:
    """Fit `model` on `frame`; keep the checkpoint with the lowest validation loss."""
    train_frame, validation_frame = split_frame(frame)
    vocabulary = build_vocabulary(list(train_frame["text"]))
    # deliberate: AIC101 -- function locals: `aiconv lint --fix` renames them
    train_ds = ReviewDataset(train_frame, vocabulary)
    val_ds = ReviewDataset(validation_frame, vocabulary)
    generator = torch.Generator().manual_seed(config.seed)
    train_loader = DataLoader(train_ds, batch_size=config.batch_size, shuffle=True,
                              generator=generator, worker_init_fn=worker_init)
    validation_loader = DataLoader(val_ds, batch_size=config.batch_size)

    optimizer = build_optimizer(model, config.learning_rate)
    lr_scheduler = build_scheduler(optimizer, config.warmup_steps,
                                   config.epochs * len(train_loader))
    callback = CheckpointCallback(config.checkpoint_dir)
    for epoch in range(config.epochs):
        model.train()
        for inputs, labels in train_loader:
            loss = nn.functional.cross_entropy(model(inputs), labels)
            optimizer.zero_grad()
            loss.backward()
            clip_gradients(model)
            optimizer.step()
            lr_scheduler.step()
        callback.on_epoch_end(epoch, model, {"validation_loss": evaluate_loss(model,
                                                                              validation_loader)})
    callback.on_train_end()
    return model
