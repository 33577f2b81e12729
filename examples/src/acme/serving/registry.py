"""The model registry: published checkpoints on shared storage, one folder per model version."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

REGISTRY = Path("/mnt/models/acme-textclf")


def publish_model(checkpoint: Path, metrics: dict[str, float], name: str = "bert-base") -> Path:
    """Copy `checkpoint` into a new version folder of model `name`, with its metrics."""
    version = time.strftime("%Y%m%d-%H%M%S")
    folder = REGISTRY / name / version
    folder.mkdir(parents=True)
    shutil.copy2(checkpoint, folder / "weights.pt")
    (folder / "metrics.json").write_text(json.dumps(metrics, indent=2))
    (REGISTRY / name / "PUBLISHED").write_text(version)
    return folder


def published_version(name: str) -> str:
    """The version folder the service should load for model `name`."""
    return (REGISTRY / name / "PUBLISHED").read_text().strip()


def published_weights(name: str) -> Path:
    """The weights file of the published version of model `name`."""
    return REGISTRY / name / published_version(name) / "weights.pt"
