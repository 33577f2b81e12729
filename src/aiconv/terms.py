"""The glossary as data: splitting names into words, finding avoided words, spelling suggestions.

Pure functions over strings; the terminology rules and `aiconv explain` build on them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from aiconv.config import Term

Number = Literal["same", "plural", "singular"]
_SIBILANTS = ("s", "x", "z", "ch", "sh")


@dataclass(frozen=True)
class Span:
    """One word of a name: its text and where it stands in the name."""

    text: str
    start: int
    end: int


def _kind(char: str) -> str:
    if char.isalpha():
        return "upper" if char.isupper() else "lower"  # uncased letters count as lowercase
    if char.isalnum():
        return "digit"  # digits and other numerals (², ½)
    return "sep"


def split_spans(name: str) -> list[Span]:
    """Split at separators, case changes and digits.

    `trainDS2` -> train, DS, 2; `HTTPServer` -> HTTP, Server; `lr-finder` -> lr, finder.
    """
    spans: list[Span] = []
    start: int | None = None
    kinds = [_kind(char) for char in name]
    for index, kind in enumerate(kinds):
        if kind == "sep":
            if start is not None:
                spans.append(Span(name[start:index], start, index))
                start = None
            continue
        if start is None:
            start = index
            continue
        previous = kinds[index - 1]
        boundary = (
            (kind == "digit") != (previous == "digit")
            or (previous == "lower" and kind == "upper")
            # the last capital of a run starts the next word: HTTPServer -> HTTP, Server
            or (previous == "upper" and kind == "upper" and index + 1 < len(name)
                and kinds[index + 1] == "lower")
        )  # fmt: skip
        if boundary:
            spans.append(Span(name[start:index], start, index))
            start = index
    if start is not None:
        spans.append(Span(name[start:], start, len(name)))
    return spans


def split_words(name: str) -> tuple[str, ...]:
    """The words of a name, case-folded for comparison (`Σ` and `ς` both read `σ`)."""
    return tuple(span.text.casefold() for span in split_spans(name))


def plural(word: str) -> str:
    """The regular English plural: `ckpt` -> `ckpts`, `box` -> `boxes`."""
    return word + ("es" if word.endswith(_SIBILANTS) else "s")


def singular(word: str) -> str | None:
    """The singular of a regular plural (`hparams` -> `hparam`), or None when `word` is not one.

    A singular must keep two letters, so the abbreviation `ds` is not the plural of `d`.
    """
    if word.endswith("es") and word[:-2].endswith(_SIBILANTS) and len(word) > 4:
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 2:
        return word[:-1]
    return None


def _number(entry_word: str, word: str) -> Number | None:
    """How `word` relates to an entry's last word: the same, its plural, its singular, or not."""
    if word == entry_word:
        return "same"
    if word in (entry_word + "s", entry_word + "es"):
        return "plural"
    if word == singular(entry_word):
        return "singular"
    return None


@dataclass(frozen=True)
class Hit:
    """An avoided entry found in a name: where, and what the preferred term reads there."""

    avoided: str  # the avoided entry as configured
    found: str  # the words as written in the name
    preferred: str
    start: int
    end: int
    replacement: str  # the preferred term spelled in the name's style
    definition: str = ""


def suggest(name: str, hits: list[Hit]) -> str:
    """`name` with every hit replaced by its preferred spelling."""
    new = name
    for hit in sorted(hits, key=lambda hit: -hit.start):
        new = new[: hit.start] + hit.replacement + new[hit.end :]
    if name.isidentifier() and not new.isidentifier() and new[:1].isdigit():
        new = "_" + new  # a term starting with a digit cannot start a Python name
    return new


@dataclass(frozen=True)
class _Entry:
    words: tuple[str, ...]
    avoided: str
    term: Term


class Glossary:
    """Matches names against the configured terms."""

    def __init__(self, terms: tuple[Term, ...], allow: tuple[str, ...] = ()) -> None:
        self.terms = terms
        self.allow = frozenset(allow)
        entries = [
            _Entry(split_words(avoided), avoided, term)
            for term in terms
            for avoided in term.avoided
        ]
        # Longest entries first, so `data_set` wins over a shorter overlapping entry.
        self._entries = sorted((e for e in entries if e.words), key=lambda e: -len(e.words))
        first: set[str] = set()
        for entry in self._entries:
            first.add(entry.words[0])
            if len(entry.words) == 1:  # the only word is also the last: its number may vary
                word = entry.words[0]
                first.update({word + "s", word + "es", singular(word) or word})
        self.first_words = frozenset(first)
        self._memo: dict[str, bool] = {}

    def __bool__(self) -> bool:
        return bool(self._entries)

    def could_match(self, token: str) -> bool:
        """A cheap necessary condition: some word of `token` can start an avoided entry."""
        known = self._memo.get(token)
        if known is None:
            known = self._memo[token] = any(word in self.first_words for word in split_words(token))
        return known

    def find(self, name: str) -> list[Hit]:
        """Every avoided entry in `name`, left to right, none overlapping."""
        if name in self.allow:
            return []
        spans = split_spans(name)
        words = [span.text.casefold() for span in spans]
        hits: list[Hit] = []
        index = 0
        while index < len(words):
            hit = self._match_at(name, spans, words, index)
            if hit is None:
                index += 1
                continue
            hits.append(hit[0])
            index += hit[1]
        return hits

    def _match_at(
        self, name: str, spans: list[Span], words: list[str], index: int
    ) -> tuple[Hit, int] | None:
        for entry in self._entries:
            size = len(entry.words)
            candidate = words[index : index + size]
            if len(candidate) != size or tuple(candidate[:-1]) != entry.words[:-1]:
                continue
            number = _number(entry.words[-1], candidate[-1])
            if number is None:
                continue
            matched = spans[index : index + size]
            start, end = matched[0].start, matched[-1].end
            term = entry.term
            replacement = spell(term.preferred, name, matched, number)
            return Hit(
                entry.avoided,
                name[start:end],
                term.preferred,
                start,
                end,
                replacement,
                term.definition,
            ), size
        return None


@lru_cache(maxsize=4096)
def _term_words(preferred: str) -> tuple[str, ...]:
    """The words a preferred term is written with; digits stay with their word (`resnet50`)."""
    words: list[str] = []
    previous_end = -1
    for span in split_spans(preferred):
        joined = span.start == previous_end and not (
            span.text[0].isalpha() and words[-1][-1].isalpha()
        )
        if joined:
            words[-1] += span.text.lower()
        else:
            words.append(span.text.lower())
        previous_end = span.end
    return tuple(words)


def spell(preferred: str, name: str, matched: list[Span], number: Number = "same") -> str:
    """The preferred term written in the style of `name` where it replaces `matched` words.

    SCREAMING_CASE stays screaming, snake_case and kebab-case keep their separator, camelCase
    and PascalCase capitalise each word; a single lowercase word is spelled snake_case.
    """
    words = list(_term_words(preferred))
    if number == "plural" and singular(words[-1]) is None:  # not if the term is plural already
        words[-1] = plural(words[-1])
    elif number == "singular":
        words[-1] = singular(words[-1]) or words[-1]
    separator = _separator(name)
    cased = [char for char in name if char.lower() != char.upper()]
    if cased and all(char.isupper() for char in cased):
        return (separator or "_").join(word.upper() for word in words)
    if separator:
        return separator.join(_separated(words, name, matched))
    # camelCase / PascalCase: every word capitalised except a leading lowercase one
    rendered = [word.capitalize() for word in words]
    if matched[0].start == _first_alnum(name) and not matched[0].text[:1].isupper():
        rendered[0] = words[0]
    return "".join(rendered)


def _separated(words: list[str], name: str, matched: list[Span]) -> list[str]:
    """Words for a snake_case or kebab-case name, keeping the matched words' capitals."""
    texts = [span.text for span in matched]
    if all(len(text) > 1 and text.isupper() for text in texts):
        return [word.upper() for word in words]  # an acronym written in capitals: train_DS
    if not texts[0][:1].isupper():
        return words
    if _all_capitalized(name):
        return [word.capitalize() for word in words]  # Train_Ds -> Train_Learning_Rate
    return [words[0].capitalize(), *words[1:]]


def _separator(name: str) -> str:
    core = name.strip("_-")
    for separator in ("_", "-", " "):
        if separator in core:
            return separator
    if not any(char.isupper() for char in core):
        return "_"  # one lowercase word: Python's default style is snake_case
    return ""


def _all_capitalized(name: str) -> bool:
    spans = split_spans(name)
    return all(span.text[:1].isupper() for span in spans if span.text[:1].isalpha())


def _first_alnum(name: str) -> int:
    for index, char in enumerate(name):
        if char.isalnum():
            return index
    return 0
