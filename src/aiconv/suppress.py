"""Suppressions: `# aiconv: ignore[...]` comments, `ignore-file`, and `per-file-ignores`."""

from __future__ import annotations

import io
import re
import tokenize
from collections.abc import Iterable
from dataclasses import dataclass

import pathspec

from aiconv import codes
from aiconv.violation import Violation

# `\s*` before the bracket: `ignore [AIC101]` must not read as a bare ignore of every code.
_MARK = re.compile(r"#\s*aiconv:\s*(ignore-file|ignore)\b(?:\s*\[([^\]]*)\])?")
ALL = ("AIC",)  # a bare ignore: every code starts with it


@dataclass(frozen=True)
class Suppressions:
    """The inline suppressions of one file."""

    lines: dict[int, tuple[str, ...]]
    file: tuple[str, ...]

    def suppresses(self, violation: Violation) -> bool:
        """True when a comment of the file silences `violation`."""
        if self.file and codes.matches(violation.code, self.file):
            return True
        selectors = self.lines.get(violation.line)
        return selectors is not None and codes.matches(violation.code, selectors)


NONE = Suppressions({}, ())


def _selectors(group: str | None) -> tuple[str, ...]:
    if group is None:
        return ALL
    return tuple(part.strip().upper() for part in group.split(",") if part.strip()) or ALL


def _comments(text: str) -> Iterable[tuple[int, str, bool]]:
    """(line, comment, alone on its line) of every comment; a plain scan if tokenizing fails."""
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.COMMENT:
                alone = not token.line[: token.start[1]].strip()
                yield token.start[0], token.string, alone
    except (tokenize.TokenError, SyntaxError, IndentationError):
        for number, line in enumerate(text.splitlines(), start=1):
            index = line.find("#")
            if index >= 0:
                yield number, line[index:], not line[:index].strip()


def parse(text: str) -> Suppressions:
    """Find the suppression comments of a Python file."""
    if "aiconv:" not in text:
        return NONE
    lines: dict[int, tuple[str, ...]] = {}
    file: list[str] = []
    for line, comment, alone in _comments(text):
        for match in _MARK.finditer(comment):
            selectors = _selectors(match.group(2))
            if match.group(1) == "ignore-file":
                if alone:
                    file.extend(selectors)
            else:
                lines[line] = lines.get(line, ()) + selectors
    return Suppressions(lines, tuple(file))


class PerFileIgnores:
    """`per-file-ignores`: gitignore-style patterns mapped to codes."""

    def __init__(self, table: tuple[tuple[str, tuple[str, ...]], ...]) -> None:
        self.entries = [
            (pathspec.GitIgnoreSpec.from_lines([pattern]), selectors)
            for pattern, selectors in table
        ]

    def ignored(self, violation: Violation) -> bool:
        """True when `violation`'s path matches a pattern that ignores its code."""
        return any(
            codes.matches(violation.code, selectors) and spec.match_file(violation.path)
            for spec, selectors in self.entries
        )
