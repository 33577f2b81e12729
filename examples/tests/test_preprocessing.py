"""Cleaning, vocabulary and splitting."""

from __future__ import annotations

import numpy as np
import pandas as pd

from acme.data.augment import drop_tokens
from acme.data.preprocessing import ReviewDataset, build_vocabulary, clean_text, split_frame


def test_clean_text_drops_urls_and_extra_spaces() -> None:
    assert clean_text("Great  value, see https://acme.example/x NOW") == "great value, see now"


def test_vocabulary_reserves_padding_and_unknown(tiny_ds: pd.DataFrame) -> None:
    vocabulary = build_vocabulary(list(tiny_ds["text"]), size=10)
    assert vocabulary["<pad>"] == 0 and vocabulary["<unk>"] == 1
    assert len(vocabulary) == 10


def test_split_keeps_every_label_on_both_sides(tiny_ds: pd.DataFrame) -> None:
    train_frame, test_frame = split_frame(tiny_ds, test_size=0.25)
    assert set(train_frame["label"]) == set(test_frame["label"]) == {0, 1, 2}


def test_dataset_pads_to_the_maximum_length(tiny_ds: pd.DataFrame) -> None:
    rows = ReviewDataset(tiny_ds, build_vocabulary(list(tiny_ds["text"])), max_length=16)
    ids, label = rows[0]
    assert ids.shape == (16,) and int(label) == int(tiny_ds["label"][0])


def test_token_dropout_keeps_at_least_one_token() -> None:
    rng = np.random.default_rng(0)
    assert drop_tokens("only", rate=1.0, rng=rng) == "only"
