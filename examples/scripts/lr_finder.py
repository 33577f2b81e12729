"""Learning-rate range test (Smith, 2017): raise the learning rate every step, record the loss.

deliberate: AIC102 -- the file name holds "lr"; the glossary says learning_rate_finder.py
"""

from __future__ import annotations

import argparse
import math

import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader

from acme.data import load_table
from acme.data.preprocessing import ReviewDataset, build_vocabulary
from acme.models.lstm import LstmClassifier
from acme.utils.seeding import SEED, seed_everything


def sweep(model: nn.Module, loader: DataLoader, start: float, end: float,
          steps: int) -> list[tuple[float, float]]:
    """(learning rate, loss) for `steps` rates spaced geometrically from `start` to `end`."""
    learning_rates = np.geomspace(start, end, steps)
    optimizer = torch.optim.SGD(model.parameters(), lr=float(learning_rates[0]))
    batches = iter(loader)
    history = []
    for learning_rate in learning_rates:
        for group in optimizer.param_groups:
            group["lr"] = float(learning_rate)
        inputs, labels = next(batches)
        loss = nn.functional.cross_entropy(model(inputs), labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        history.append((float(learning_rate), loss.item()))
        if not math.isfinite(loss.item()) or loss.item() > 4 * history[0][1]:
            break
    return history


def main() -> None:
    """Run the sweep on the pinned reviews table and print one line per step."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--steps", type=int, default=100)
    args = parser.parse_args()
    seed_everything(SEED)
    frame = load_table("reviews", "v3")
    vocabulary = build_vocabulary(list(frame["text"]))
    generator = torch.Generator().manual_seed(SEED)
    loader = DataLoader(ReviewDataset(frame, vocabulary), batch_size=32, shuffle=True,
                        generator=generator)
    model = LstmClassifier(len(vocabulary), num_labels=int(frame["label"].nunique()))
    for learning_rate, loss in sweep(model, loader, 1e-6, 1.0, args.steps):
        print(f"{learning_rate:.2e}\t{loss:.4f}")


if __name__ == "__main__":
    main()
