"""One call makes a run reproducible: seed every random number generator the team uses."""

from __future__ import annotations

import os
import random

import numpy as np
import torch

SEED = 1234
"""The seed of every run unless its config says otherwise."""


def seed_everything(seed: int) -> None:
    """Seed Python, NumPy and torch (all devices), and pin hash randomisation for workers."""
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    os.environ["PYTHONHASHSEED"] = str(seed)


def deterministic_algorithms(enabled: bool = True) -> None:
    """Ask torch for deterministic kernels (slower; use it when a result must be re-run bit for bit)."""
    torch.use_deterministic_algorithms(enabled, warn_only=True)
    torch.backends.cudnn.benchmark = not enabled
    if enabled:
        os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
