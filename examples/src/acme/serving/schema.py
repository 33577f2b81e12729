"""The request and response bodies of the prediction service."""

from __future__ import annotations

from pydantic import BaseModel, Field


class PredictRequest(BaseModel):
    """One text to classify."""

    text: str = Field(min_length=1, max_length=10_000)
    model: str = "bert-base"


class PredictResponse(BaseModel):
    """The predicted label and the probability of every label."""

    label: str
    probabilities: dict[str, float]
    model_version: str
