"""Training callbacks: keep the best checkpoint, publish it when training ends."""

from __future__ import annotations

import math
from pathlib import Path

import torch
from torch import nn

# deliberate: AIC501, AIC502 -- training reaches into serving to publish the model; serving
# should pull published checkpoints from the registry instead
from acme.serving.registry import publish_model


class CheckpointCallback:
    """Saves a checkpoint whenever the monitored metric improves."""

    def __init__(self, directory: Path, monitor: str = "validation_loss") -> None:
        self.directory = directory
        self.monitor = monitor
        self.best = math.inf
        self.best_checkpoint: Path | None = None

    def on_epoch_end(self, epoch: int, model: nn.Module, metrics: dict[str, float]) -> None:
        """Save `model` if `metrics[monitor]` beats every earlier epoch."""
        value = metrics[self.monitor]
        if value >= self.best:
            return
        self.best = value
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self.directory / f"epoch-{epoch:03d}.pt"
        torch.save({"model": model.state_dict(), "epoch": epoch, self.monitor: value}, path)
        self.best_checkpoint = path

    def on_train_end(self) -> None:
        """Hand the best checkpoint to the model registry."""
        if self.best_checkpoint is not None:
            publish_model(self.best_checkpoint, {self.monitor: self.best})
