"""Naming styles of files and folders as pure functions: which part is judged, checks, renames.

A style judges a file's name up to its first dot (`train_utils` of `train_utils.py`, `train`
of `train.config.yaml`) and a folder's whole name; `regex:` judges the whole name. Hidden names
(`.gitkeep`) and dunder names (`__init__.py`) always pass. Letters are ASCII; digits are
allowed in every style.
"""

from __future__ import annotations

import re

from aiconv.terms import split_spans

STYLES: dict[str, re.Pattern[str]] = {
    # A leading underscore marks a private Python module or package (`_version.py`).
    "snake_case": re.compile(r"_*[a-z0-9]+(?:_[a-z0-9]+)*"),
    "kebab-case": re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*"),
    "camelCase": re.compile(r"[0-9]*(?:[a-z][a-zA-Z0-9]*)?"),
    "PascalCase": re.compile(r"[0-9]*(?:[A-Z][a-zA-Z0-9]*)?"),
    "lowercase": re.compile(r"[a-z0-9]+"),
}
_DUNDER = re.compile(r"__\w+__")
REGEX_PREFIX = "regex:"


def judged_part(name: str, is_dir: bool) -> tuple[str, str]:
    """The part of `name` a style judges, and the rest: (`train`, `.config.yaml`)."""
    if is_dir:
        return name, ""
    stem, dot, rest = name.partition(".")
    return stem, dot + rest


def exempt(name: str, is_dir: bool) -> bool:
    """Hidden names are tool files and dunder names are Python's own: no style applies."""
    return name.startswith(".") or bool(_DUNDER.fullmatch(judged_part(name, is_dir)[0]))


def conforms(name: str, style: str, is_dir: bool) -> bool:
    """True when `name` (a file or folder name, not a path) follows `style`."""
    if exempt(name, is_dir):
        return True
    if style.startswith(REGEX_PREFIX):
        return re.fullmatch(style[len(REGEX_PREFIX) :], name) is not None
    part = judged_part(name, is_dir)[0]
    return bool(part) and STYLES[style].fullmatch(part) is not None


def words(text: str) -> list[str]:
    """The words of a name, digits kept with the word before: `resNet50V2` -> res, Net50, V2."""
    merged: list[str] = []
    end = -1
    for span in split_spans(text):
        if span.text.isdigit() and span.start == end and merged:
            merged[-1] += span.text
        else:
            merged.append(span.text)
        end = span.end
    return merged


def convert(name: str, style: str, is_dir: bool) -> str | None:
    """`name` renamed to follow `style` (`TrainUtils.py` -> `train_utils.py`), or None."""
    if style.startswith(REGEX_PREFIX):
        return None
    part, rest = judged_part(name, is_dir)
    parts = words(part)
    if not parts:
        return None
    if style == "snake_case":
        new = "_" * (len(part) - len(part.lstrip("_"))) + "_".join(w.lower() for w in parts)
    elif style == "kebab-case":
        new = "-".join(w.lower() for w in parts)
    elif style == "camelCase":
        new = parts[0].lower() + "".join(w.capitalize() for w in parts[1:])
    elif style == "PascalCase":
        new = "".join(w.capitalize() for w in parts)
    else:
        new = "".join(w.lower() for w in parts)
    renamed = new + rest
    return renamed if conforms(renamed, style, is_dir) else None
