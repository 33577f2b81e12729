"""Fixtures: a tiny labelled frame, small enough to train on in a test."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def tiny_ds() -> pd.DataFrame:
    """Twelve reviews, four per label (the short name is allowed in tests: see pyproject.toml)."""
    return pd.read_csv(FIXTURES / "reviews-sample.csv")
