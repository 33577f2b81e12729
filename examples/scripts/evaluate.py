"""Score a checkpoint on the held-out reviews: `python scripts/evaluate.py checkpoints/x.pt`."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import torch

from acme.data import load_table
from acme.data.preprocessing import ReviewDataset
from acme.evaluation.metrics import report
from acme.models.lstm import LstmClassifier


def main() -> None:
    """Load the test table and the checkpoint, print the metrics as JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("checkpoint", type=Path)
    parser.add_argument("--seed", type=int, default=1234, help="seed of the bootstrap intervals")
    args = parser.parse_args()

    # deliberate: AIC302 -- no version: the test table changes whenever someone uploads one
    frame = load_table("reviews-test")
    state = torch.load(args.checkpoint, map_location="cpu", weights_only=True)
    vocabulary = state["vocabulary"]
    model = LstmClassifier(len(vocabulary), num_labels=int(frame["label"].nunique()))
    model.load_state_dict(state["model"])

    rows = ReviewDataset(frame, vocabulary)
    inputs = torch.stack([rows[index][0] for index in range(len(rows))])
    predictions = model.predict(inputs).tolist()
    print(json.dumps(report(frame["label"].tolist(), predictions, args.seed), indent=2))


# deliberate: AIC405 -- builds an LSTM (random initial weights, dropout) and never seeds torch
if __name__ == "__main__":
    main()
