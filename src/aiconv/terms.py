"""The glossary as data: splitting names into words, finding avoided words, spelling suggestions.

Pure functions over strings; the terminology rules and `aiconv explain` build on them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from aiconv.config import Term


@dataclass(frozen=True)
class Span:
    """One word of a name: its text and where it stands in the name."""

    text: str
    start: int
    end: int


def _kind(char: str) -> str:
    if char.isdigit():
        return "digit"
    if char.isupper():
        return "upper"
    if char.isalpha():
        return "lower"  # lowercase and uncased letters
    return "sep"


def split_spans(name: str) -> list[Span]:
    """Split at separators, case changes and digits: `trainDS2` -> train, DS, 2; `HTTPServer` -> HTTP, Server."""
    spans: list[Span] = []
    start = None
    for index, char in enumerate(name):
        kind = _kind(char)
        if kind == "sep":
            if start is not None:
                spans.append(Span(name[start:index], start, index))
                start = None
            continue
        if start is None:
            start = index
            continue
        previous = _kind(name[index - 1])
        boundary = (
            (kind == "digit") != (previous == "digit")
            or (previous == "lower" and kind == "upper")
            # the last capital of a run starts the next word: HTTPServer -> HTTP, Server
            or (previous == "upper" and kind == "upper" and index + 1 < len(name)
                and _kind(name[index + 1]) == "lower")
        )
        if boundary:
            spans.append(Span(name[start:index], start, index))
            start = index
    if start is not None:
        spans.append(Span(name[start:], start, len(name)))
    return spans


def split_words(name: str) -> tuple[str, ...]:
    """The lowercase words of a name."""
    return tuple(span.text.lower() for span in split_spans(name))


def _plural(word: str) -> str:
    return word + ("es" if word.endswith(("s", "x", "z", "ch", "sh")) else "s")


def _singular_forms(word: str) -> set[str]:
    forms = set()
    if word.endswith("es"):
        forms.add(word[:-2])
    if word.endswith("s"):
        forms.add(word[:-1])
    return forms


def _last_word_matches(entry_word: str, word: str) -> str | None:
    """How `word` relates to the entry's last word: "same", "plural", "singular" or None."""
    if word == entry_word:
        return "same"
    if word in (entry_word + "s", entry_word + "es"):
        return "plural"
    if word in _singular_forms(entry_word):
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
    for hit in sorted(hits, key=lambda hit: -hit.start):
        name = name[: hit.start] + hit.replacement + name[hit.end:]
    return name


class Glossary:
    """Matches names against the configured terms."""

    def __init__(self, terms: tuple[Term, ...], allow: tuple[str, ...] = ()) -> None:
        self.terms = terms
        self.allow = frozenset(allow)
        self._entries: list[tuple[tuple[str, ...], str, Term]] = []
        for term in terms:
            for avoided in term.avoided:
                words = split_words(avoided)
                if words:
                    self._entries.append((words, avoided, term))
        # Longest entries first, so `data_set` wins over a shorter overlapping entry.
        self._entries.sort(key=lambda entry: -len(entry[0]))
        self.first_words = frozenset(words[0] for words, _, _ in self._entries) | frozenset(
            form for words, _, _ in self._entries if len(words) == 1
            for form in _singular_forms(words[0]) | {words[0] + "s", words[0] + "es"}
        )
        self._memo: dict[str, bool] = {}

    def __bool__(self) -> bool:
        return bool(self._entries)

    def could_match(self, token: str) -> bool:
        """A cheap necessary condition: some word of `token` can start an avoided entry."""
        known = self._memo.get(token)
        if known is None:
            known = self._memo[token] = any(
                word in self.first_words for word in split_words(token))
        return known

    def find(self, name: str) -> list[Hit]:
        """Every avoided entry in `name`, left to right, none overlapping."""
        if name in self.allow:
            return []
        return list(_find(self, name))


def _find(glossary: Glossary, name: str) -> list[Hit]:
    spans = split_spans(name)
    words = [span.text.lower() for span in spans]
    hits: list[Hit] = []
    index = 0
    while index < len(words):
        for entry_words, avoided, term in glossary._entries:
            size = len(entry_words)
            candidate = words[index:index + size]
            if len(candidate) != size or candidate[:-1] != list(entry_words[:-1]):
                continue
            number = _last_word_matches(entry_words[-1], candidate[-1])
            if number is None:
                continue
            matched = spans[index:index + size]
            start, end = matched[0].start, matched[-1].end
            hits.append(Hit(avoided, name[start:end], term.preferred, start, end,
                            spell(term.preferred, name, matched, number), term.definition))
            index += size
            break
        else:
            index += 1
    return hits


@lru_cache(maxsize=4096)
def _term_words(preferred: str) -> tuple[str, ...]:
    return split_words(preferred)


def spell(preferred: str, name: str, matched: list[Span], number: str = "same") -> str:
    """The preferred term written in the style of `name` where it replaces `matched` words."""
    words = list(_term_words(preferred))
    if number == "plural":
        words[-1] = _plural(words[-1])
    elif number == "singular":
        forms = sorted(_singular_forms(words[-1]), key=len, reverse=True)
        words[-1] = next((form for form in forms if form), words[-1])
    letters = [char for char in name if char.isalpha()]
    separator = _separator(name)
    if letters and all(char.isupper() for char in letters if char.lower() != char.upper()):
        return separator.join(word.upper() for word in words) if separator else "".join(
            word.upper() for word in words)
    first_upper = matched[0].text[:1].isupper()
    if separator:
        rendered = list(words)
        if first_upper:
            rendered = [word.capitalize() for word in rendered] if _all_capitalized(name) else [
                rendered[0].capitalize(), *rendered[1:]]
        return separator.join(rendered)
    # camelCase / PascalCase: every word capitalised except a leading lowercase one
    rendered = [word.capitalize() for word in words]
    if matched[0].start == _first_letter(name) and not first_upper:
        rendered[0] = words[0]
    return "".join(rendered)


def _separator(name: str) -> str:
    core = name.strip("_-")
    if "_" in core:
        return "_"
    if "-" in core:
        return "-"
    if " " in core:
        return " "
    if not any(char.isupper() for char in core):
        return "_"  # one lowercase word: Python's default style is snake_case
    return ""


def _all_capitalized(name: str) -> bool:
    spans = split_spans(name)
    return all(span.text[:1].isupper() for span in spans if span.text[:1].isalpha())


def _first_letter(name: str) -> int:
    for index, char in enumerate(name):
        if char.isalnum():
            return index
    return 0
