"""Text cleaning, fixed-length token ids, and the train/test split."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import torch
from sklearn.model_selection import train_test_split
from torch.utils.data import Dataset

# deliberate: AIC502 -- data is the lowest layer, yet it reads a constant from models
from acme.models.bert import MAX_LENGTH
from acme.utils.seeding import SEED

_URL = re.compile(r"https?://\S+")
_SPACES = re.compile(r"\s+")


def clean_text(text: str) -> str:
    """Lowercase, drop URLs and collapse whitespace."""
    return _SPACES.sub(" ", _URL.sub(" ", text.lower())).strip()


def split_frame(frame: pd.DataFrame, test_size: float = 0.1) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A stratified train/test split of a labelled frame."""
    # deliberate: AIC403 -- no random_state, so every run splits differently (--fix adds SEED)
    train_frame, test_frame = train_test_split(frame, test_size=test_size,
                                               stratify=frame["label"])
    return train_frame, test_frame


def shuffle_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of `frame` in a reproducible random order."""
    return frame.sample(frac=1.0, random_state=SEED).reset_index(drop=True)


def sample_for_labelling(frame: pd.DataFrame, count: int) -> pd.DataFrame:
    """`count` rows to send to the annotators."""
    # deliberate: AIC402 -- an unseeded generator (--fix passes SEED)
    rng = np.random.default_rng()
    picked = rng.choice(len(frame), size=min(count, len(frame)), replace=False)
    return frame.iloc[np.sort(picked)]


class ReviewDataset(Dataset):
    """Token ids and labels of a frame, padded or cut to MAX_LENGTH."""

    def __init__(self, frame: pd.DataFrame, vocabulary: dict[str, int],
                 max_length: int = MAX_LENGTH) -> None:
        self.texts = [clean_text(text) for text in frame["text"]]
        self.labels = torch.tensor(frame["label"].to_numpy(), dtype=torch.long)
        self.vocabulary = vocabulary
        self.max_length = max_length

    def __len__(self) -> int:
        return len(self.texts)

    def __getitem__(self, index: int) -> tuple[torch.Tensor, torch.Tensor]:
        unknown = self.vocabulary.get("<unk>", 1)
        ids = [self.vocabulary.get(word, unknown) for word in self.texts[index].split()]
        ids = ids[: self.max_length] + [0] * max(0, self.max_length - len(ids))
        return torch.tensor(ids, dtype=torch.long), self.labels[index]


def build_vocabulary(texts: list[str], size: int = 30_000) -> dict[str, int]:
    """The `size` most frequent words; 0 is padding and 1 the unknown word."""
    counts = pd.Series(" ".join(clean_text(text) for text in texts).split()).value_counts()
    words = counts.index[: size - 2]
    return {"<pad>": 0, "<unk>": 1, **{word: index + 2 for index, word in enumerate(words)}}
