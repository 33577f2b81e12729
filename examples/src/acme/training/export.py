"""Export a trained model to TorchScript, with the request schema the service expects."""

from __future__ import annotations

import json
from pathlib import Path

import torch
from torch import nn

# Allowed by the `ignore` entries of both contracts: the export bundles the request schema.
from acme.serving.schema import PredictRequest


def export(model: nn.Module, example_ids: torch.Tensor, directory: Path) -> Path:
    """Trace `model` on `example_ids` and write it next to the JSON schema of a request."""
    directory.mkdir(parents=True, exist_ok=True)
    model.eval()
    traced = torch.jit.trace(model, example_ids)
    target = directory / "model.torchscript"
    traced.save(str(target))
    schema = PredictRequest.model_json_schema()
    (directory / "request.schema.json").write_text(json.dumps(schema, indent=2))
    return target
