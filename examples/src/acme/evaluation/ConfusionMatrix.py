"""A labelled confusion matrix, for the error analysis in every model report."""

# deliberate: AIC203 -- the file name is PascalCase; modules under src/ are snake_case

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd


def confusion_table(labels: Sequence[int], predictions: Sequence[int],
                    names: Sequence[str]) -> pd.DataFrame:
    """Counts of (true label, predicted label), rows and columns named after the classes."""
    table = pd.crosstab(pd.Series(labels, name="true"), pd.Series(predictions, name="predicted"))
    table = table.reindex(index=range(len(names)), columns=range(len(names)), fill_value=0)
    table.index = list(names)
    table.columns = list(names)
    return table


def most_confused(table: pd.DataFrame, top: int = 5) -> list[tuple[str, str, int]]:
    """The `top` (true, predicted) pairs that are mistaken most often."""
    pairs = [(true, predicted, int(table.loc[true, predicted]))
             for true in table.index for predicted in table.columns if true != predicted]
    return sorted(pairs, key=lambda pair: -pair[2])[:top]
