"""The data model shared by every stage: violations, reports, rule metadata."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Scope = Literal["file", "path", "project"]


@dataclass(frozen=True)
class RuleInfo:
    """What a rule is, independent of how it runs: reporters and `aiconv rules` read only this."""

    code: str
    name: str
    family: str
    default: bool
    fixable: bool
    scope: Scope
    summary: str


@dataclass(frozen=True, order=True)
class Violation:
    """One finding, located in a file relative to the project root (1-based line and column)."""

    path: str
    line: int
    column: int
    code: str
    message: str
    end_line: int = 0
    end_column: int = 0
    name: str = field(default="", compare=False)
    fixable: bool = field(default=False, compare=False)
    fix_hint: str = field(default="", compare=False)
    line_text: str = field(default="", compare=False)

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Output order: path, line, column, code (message breaks remaining ties)."""
        return (self.path, self.line, self.column, self.code, self.message)


@dataclass(frozen=True)
class FileChange:
    """The new text of a file after fixes, with the fixes it carries."""

    path: str
    before: str
    after: str
    fixed: int


@dataclass(frozen=True)
class Report:
    """Everything one run found: sorted violations, the files seen, what was fixed."""

    violations: tuple[Violation, ...]
    files: int
    fixed: int = 0
    changes: tuple[FileChange, ...] = ()
    notes: tuple[str, ...] = ()  # warnings for the user (stderr)
    errors: tuple[str, ...] = ()  # internal errors: the run exits 2 after reporting
    # What the run covered, so a baseline can tell "fixed" from "not checked this time":
    whole: bool = False  # the project root was linted (not only some files)
    codes: frozenset[str] = frozenset()  # the codes that were checked
