"""Loading and preparing the labelled text the models learn from."""

from acme.data.loading import load_table

__all__ = ["load_table"]
