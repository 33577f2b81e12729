"""Optimizer and learning-rate schedule: AdamW with linear warm-up and linear decay."""

from __future__ import annotations

import torch
from torch import nn
from torch.optim import AdamW, Optimizer
from torch.optim.lr_scheduler import LambdaLR, LRScheduler

# deliberate: AIC101 -- a module constant is visible to importers: rename it by hand
DEFAULT_LR = 3e-5
WEIGHT_DECAY = 0.01
NO_DECAY = ("bias", "LayerNorm.weight")


def build_optimizer(model: nn.Module, lr: float = DEFAULT_LR,  # deliberate: AIC101 (a parameter)
                    weight_decay: float = WEIGHT_DECAY) -> Optimizer:
    """AdamW, without weight decay on biases and layer norms."""
    decayed, plain = [], []
    for name, parameter in model.named_parameters():
        if parameter.requires_grad:
            (plain if name.endswith(NO_DECAY) else decayed).append(parameter)
    groups = [{"params": decayed, "weight_decay": weight_decay},
              {"params": plain, "weight_decay": 0.0}]
    return AdamW(groups, lr=lr)


def build_scheduler(optimizer: Optimizer, warmup_steps: int, total_steps: int) -> LambdaLR:
    """Linear warm-up to the optimizer's learning rate, then linear decay to zero."""

    def factor(step: int) -> float:
        if step < warmup_steps:
            return (step + 1) / max(1, warmup_steps)
        return max(0.0, (total_steps - step) / max(1, total_steps - warmup_steps))

    return LambdaLR(optimizer, factor)


class ConstantAfterWarmup(LRScheduler):
    """Warm up linearly, then hold the learning rate: for the short LSTM runs."""

    def __init__(self, optimizer: Optimizer, warmup_steps: int) -> None:
        self.warmup_steps = warmup_steps
        super().__init__(optimizer)

    def get_lr(self) -> list[float]:  # aiconv: ignore[AIC101]  torch calls it by this name
        """The learning rate of every parameter group at the current step."""
        scale = min(1.0, (self.last_epoch + 1) / max(1, self.warmup_steps))
        return [base * scale for base in self.base_lrs]


def current_learning_rate(optimizer: Optimizer) -> float:
    """The learning rate of the first parameter group, for logging."""
    return float(optimizer.param_groups[0]["lr"])


def clip_gradients(model: nn.Module, max_norm: float = 1.0) -> float:
    """Clip the global gradient norm; return it before clipping, for logging."""
    return float(torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm))
