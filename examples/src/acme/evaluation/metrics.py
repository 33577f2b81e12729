"""The metrics every model report carries: accuracy, macro F1, and bootstrap intervals."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from sklearn.metrics import accuracy_score, f1_score

Metric = Callable[[Sequence[int], Sequence[int]], float]


def accuracy(labels: Sequence[int], predictions: Sequence[int]) -> float:
    """The share of correct predictions."""
    return float(accuracy_score(labels, predictions))


def macro_f1(labels: Sequence[int], predictions: Sequence[int]) -> float:
    """F1 averaged over classes with equal weight, so rare intents count as much as common ones."""
    return float(f1_score(labels, predictions, average="macro", zero_division=0))


def bootstrap_interval(metric: Metric, labels: Sequence[int], predictions: Sequence[int],
                       seed: int, resamples: int = 1000,
                       confidence: float = 0.95) -> tuple[float, float]:
    """A percentile bootstrap interval for `metric`, reproducible for a given `seed`."""
    rng = np.random.default_rng(seed)
    labels_array, predictions_array = np.asarray(labels), np.asarray(predictions)
    scores = []
    for _ in range(resamples):
        rows = rng.integers(0, len(labels_array), size=len(labels_array))
        scores.append(metric(labels_array[rows], predictions_array[rows]))
    tail = (1.0 - confidence) / 2 * 100
    low, high = np.percentile(scores, [tail, 100 - tail])
    return float(low), float(high)


def report(labels: Sequence[int], predictions: Sequence[int], seed: int) -> dict[str, float]:
    """Accuracy and macro F1 with their 95 % intervals, as logged to the experiment tracker."""
    result: dict[str, float] = {}
    for name, metric in (("accuracy", accuracy), ("macro_f1", macro_f1)):
        low, high = bootstrap_interval(metric, labels, predictions, seed)
        result[name] = metric(labels, predictions)
        result[f"{name}_low"], result[f"{name}_high"] = low, high
    return result
