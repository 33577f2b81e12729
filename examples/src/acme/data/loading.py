"""Reading the raw corpora: the team's tables on S3 and public datasets on the Hugging Face Hub."""

from __future__ import annotations

import pandas as pd
from datasets import DatasetDict, load_dataset

BUCKET = "s3://acme-ml"
REVIEWS_URI = "s3://acme-ml/datasets/reviews/v3/train.parquet"
# deliberate: AIC301 -- no version in the path: this reads whatever was uploaded last
SUPPORT_TICKETS_URI = "s3://acme-ml/datasets/support-tickets/train.parquet"

TEXT_COLUMN = "text"
LABEL_COLUMN = "label"


def load_table(name: str, version: str | None = None,
               columns: list[str] | None = None) -> pd.DataFrame:
    """One table of the team's bucket, at `version` (a `vN` folder or a snapshot date)."""
    folder = version if version is not None else "latest"
    uri = "/".join([BUCKET, "datasets", name, folder, "table.parquet"])
    frame = pd.read_parquet(uri, columns=columns)
    missing = {TEXT_COLUMN, LABEL_COLUMN} - set(frame.columns)
    if missing:
        raise ValueError(f"{name}@{folder}: missing columns {sorted(missing)}")
    return frame


def load_reviews() -> pd.DataFrame:
    """The product reviews the sentiment model is trained on."""
    return pd.read_parquet(REVIEWS_URI, columns=[TEXT_COLUMN, LABEL_COLUMN])


def load_support_tickets() -> pd.DataFrame:
    """The support tickets the routing model is trained on."""
    return pd.read_parquet(SUPPORT_TICKETS_URI, columns=[TEXT_COLUMN, LABEL_COLUMN])


def load_imdb() -> DatasetDict:
    """IMDB movie reviews, the public benchmark we report next to our own data."""
    # deliberate: AIC302 -- no revision: the Hub copy of "imdb" can change under us
    return load_dataset("imdb")


def load_ag_news() -> DatasetDict:
    """AG News topics, used to pre-train the ticket router."""
    # deliberate: AIC303 -- "main" is a branch, not a pin
    return load_dataset("ag_news", revision="main")


def load_sst2() -> DatasetDict:
    """SST-2 from GLUE, pinned to one commit of the Hub repository."""
    return load_dataset("glue", "sst2", revision="bcdcba79d07bc864c1c254ccfcedcce55bcc9a8c")
