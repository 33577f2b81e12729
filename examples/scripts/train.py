"""Train a classifier from a config: `python scripts/train.py configs/bert-base.yaml`."""

from __future__ import annotations

import argparse
from pathlib import Path

import yaml

from acme.data import load_table
from acme.models.bert import BertClassifier
from acme.models.lstm import LstmClassifier
from acme.training.loop import TrainingConfig, train
from acme.utils.seeding import seed_everything


def read_config(path: Path) -> tuple[dict, TrainingConfig]:
    """The `model` and `data` sections of a config, and its training settings."""
    raw = yaml.safe_load(path.read_text())
    training = TrainingConfig(**raw.get("training", {}))
    return raw, training


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments, seed, load the data, build the model and train it."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("config", type=Path)
    parser.add_argument("--epochs", type=int, help="override the config's epoch count")
    args = parser.parse_args(argv)

    raw, config = read_config(args.config)
    if args.epochs is not None:
        config = TrainingConfig(**{**raw.get("training", {}), "epochs": args.epochs})
    seed_everything(config.seed)

    frame = load_table(raw["data"]["table"], version=raw["data"]["version"])
    labels = sorted(frame["label"].unique())
    if raw["model"]["family"] == "bert":
        model = BertClassifier(raw["model"]["encoder"], num_labels=len(labels))
    else:
        model = LstmClassifier(raw["model"]["vocabulary_size"], num_labels=len(labels))
    train(model, frame, config)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
