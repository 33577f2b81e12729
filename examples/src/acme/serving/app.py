"""The prediction service, started with `uvicorn acme.serving.app:app`."""

from __future__ import annotations

import random

import torch
from fastapi import FastAPI
from transformers import AutoTokenizer

from acme.models.bert import MAX_LENGTH, BertClassifier
from acme.serving.registry import published_version, published_weights
from acme.serving.schema import PredictRequest, PredictResponse
from acme.utils.seeding import SEED, seed_everything

LABELS = ("negative", "neutral", "positive")
ENCODER = "bert-base-uncased"

# uvicorn imports this module, so it is an entrypoint without a main guard (see pyproject.toml):
# /explain samples token subsets, and seeding here makes its answers reproducible.
seed_everything(SEED)

app = FastAPI(title="acme text classifier")
_tokenizer = AutoTokenizer.from_pretrained(ENCODER)
_models: dict[str, BertClassifier] = {}


def _model(name: str) -> BertClassifier:
    if name not in _models:
        model = BertClassifier(ENCODER, num_labels=len(LABELS))
        model.load(published_weights(name))
        _models[name] = model.eval()
    return _models[name]


def _probabilities(model: BertClassifier, text: str) -> torch.Tensor:
    batch = _tokenizer(text, truncation=True, max_length=MAX_LENGTH, return_tensors="pt")
    with torch.no_grad():
        return model(batch["input_ids"], batch["attention_mask"]).softmax(dim=-1)[0]


@app.post("/predict")
def predict(request: PredictRequest) -> PredictResponse:
    """The most likely label of `request.text`."""
    probabilities = _probabilities(_model(request.model), request.text)
    return PredictResponse(label=LABELS[int(probabilities.argmax())],
                           probabilities=dict(zip(LABELS, probabilities.tolist())),
                           model_version=published_version(request.model))


@app.post("/explain")
def explain(request: PredictRequest, samples: int = 20) -> dict[str, float]:
    """How much each word moves the predicted probability, from random half-text samples."""
    model = _model(request.model)
    words = request.text.split()
    full = _probabilities(model, request.text)
    label = int(full.argmax())
    effect = dict.fromkeys(words, 0.0)
    for _ in range(samples):
        kept = random.sample(words, k=max(1, len(words) // 2))
        drop = float(full[label] - _probabilities(model, " ".join(kept))[label])
        for word in set(words) - set(kept):
            effect[word] += drop / samples
    return effect
