"""Framework rules: the runner itself reports these when a file cannot be read or parsed."""

from __future__ import annotations

from typing import ClassVar

from aiconv.rules.base import Rule


class SyntaxErrorRule(Rule):
    """AIC001: a Python file that does not parse; the run goes on with the other files."""

    code: ClassVar[str] = "AIC001"
    name: ClassVar[str] = "syntax-error"
    family: ClassVar[str] = "framework"
    summary: ClassVar[str] = "a Python file that does not parse"


class UnreadableFile(Rule):
    """AIC002: a file that cannot be read or decoded as text."""

    code: ClassVar[str] = "AIC002"
    name: ClassVar[str] = "unreadable-file"
    family: ClassVar[str] = "framework"
    summary: ClassVar[str] = "a file that cannot be read or decoded as text"
