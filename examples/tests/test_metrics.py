"""The reported metrics and their intervals."""

from __future__ import annotations

from acme.evaluation.metrics import accuracy, bootstrap_interval, macro_f1


def test_accuracy_counts_correct_predictions() -> None:
    assert accuracy([0, 1, 2, 2], [0, 1, 1, 2]) == 0.75


def test_macro_f1_weighs_classes_equally() -> None:
    assert macro_f1([0, 0, 0, 1], [0, 0, 0, 0]) < accuracy([0, 0, 0, 1], [0, 0, 0, 0])


def test_bootstrap_interval_is_reproducible_for_a_seed() -> None:
    labels, predictions = [0, 1, 1, 0, 1] * 20, [0, 1, 0, 0, 1] * 20
    first = bootstrap_interval(accuracy, labels, predictions, seed=7, resamples=200)
    again = bootstrap_interval(accuracy, labels, predictions, seed=7, resamples=200)
    assert first == again and first[0] <= 0.8 <= first[1]
