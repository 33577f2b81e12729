"""Augmentation for the small intent classes: sentence shuffling and token dropout."""

from __future__ import annotations

import numpy as np


def shuffle_sentences(text: str) -> str:
    """The sentences of `text` in another order (the label of a ticket does not depend on it)."""
    sentences = [sentence for sentence in text.split(". ") if sentence]
    # deliberate: AIC401 -- numpy's global state, and no seeded entrypoint imports this module
    np.random.shuffle(sentences)
    return ". ".join(sentences)


def drop_tokens(text: str, rate: float, rng: np.random.Generator) -> str:
    """`text` without a random `rate` of its tokens (at least one token is kept)."""
    tokens = text.split()
    kept = [token for token in tokens if rng.random() >= rate]
    return " ".join(kept or tokens[:1])


def augment(texts: list[str], labels: list[int], copies: int,
            rng: np.random.Generator) -> tuple[list[str], list[int]]:
    """`copies` extra augmented versions of every example."""
    extra_texts = [drop_tokens(text, 0.1, rng) for text in texts for _ in range(copies)]
    extra_labels = [label for label in labels for _ in range(copies)]
    return texts + extra_texts, labels + extra_labels
