"""Module boundaries (AIC501–AIC504): the contracts of `[tool.aiconv.boundaries]`.

The graph is built from the whole tree and the contracts are checked once per run; each rule
takes its share of the outcome and keeps what lies in the files being linted (a pre-commit
batch sees imports in files it was not given, and reports only on its own).
"""

from __future__ import annotations

import weakref
from abc import abstractmethod
from typing import ClassVar

from aiconv import contracts, graphbuild
from aiconv.config import Settings
from aiconv.contracts import Breach, Outcome
from aiconv.rules.base import Project, ProjectRule
from aiconv.source import Undecodable, decode
from aiconv.violation import Violation

_last: tuple[weakref.ref[Project], Outcome] | None = None


def outcome(project: Project) -> Outcome:
    """Every contract checked against the project's import graph, once per run."""
    global _last
    if _last is not None and _last[0]() is project:
        return _last[1]
    graph = graphbuild.project_graph(project)
    settings = project.settings
    contracts.validate(settings, graph)
    result = contracts.check(graph, settings.boundaries)
    _last = (weakref.ref(project), result)
    return result


def _source_line(settings: Settings, path: str, line: int, read: dict[str, list[str]]) -> str:
    """The text of `line` in `path`, for the `full` format (each file read once per rule)."""
    if path not in read:
        try:
            read[path] = decode(path, (settings.root / path).read_bytes()).text.splitlines()
        except (OSError, Undecodable):
            read[path] = []
    lines = read[path]
    return lines[line - 1] if 0 < line <= len(lines) else ""


class _BoundaryRule(ProjectRule):
    """Reports the breaches of one contract kind, on the import statement that leaves."""

    family: ClassVar[str] = "boundaries"
    kind: ClassVar[str]

    @classmethod
    def configured(cls, settings: Settings) -> bool:
        """Only when a contract of this rule's kind is configured."""
        return any(contract.kind == cls.kind for contract in settings.boundaries.contracts)

    @abstractmethod
    def describe(self, breach: Breach) -> str:
        """What was broken, before the chain."""

    def check(self, project: Project) -> list[Violation]:
        """The breaches of this kind located in linted files."""
        linted = set(project.linted)
        found = []
        read: dict[str, list[str]] = {}
        for breach in outcome(project).breaches:
            edge = breach.edge
            if breach.contract.kind != self.kind or edge.path not in linted:
                continue
            others = sorted({e.imported for e in breach.edges} - {edge.imported})
            also = f" (the same statement also imports {', '.join(others)})" if others else ""
            message = (
                f'{self.describe(breach)} (contract "{breach.contract.name}"): '
                f"{breach.chain_text()}{also}"
            )
            found.append(
                Violation(
                    path=edge.path,
                    line=edge.line,
                    column=edge.column,
                    code=self.code,
                    message=message,
                    end_line=edge.end_line,
                    end_column=edge.end_column,
                    name=self.name,
                    fix_hint=self.hint(breach),
                    line_text=_source_line(self.settings, edge.path, edge.line, read),
                )
            )
        return found

    def hint(self, breach: Breach) -> str:
        """How to fix it."""
        if len(breach.chain) > 1:
            return (
                f"remove the dependency on {breach.chain[-1].imported} somewhere along the "
                f"chain, or move what {breach.source} needs out of {breach.target}"
            )
        return f"move what {breach.source} needs out of {breach.target}, or invert the dependency"


class ForbiddenImport(_BoundaryRule):
    """AIC501: an import, direct or through project modules, that a forbidden contract rules out."""

    code: ClassVar[str] = "AIC501"
    name: ClassVar[str] = "forbidden-import"
    summary: ClassVar[str] = "an import (direct or through a chain) a forbidden contract rules out"
    kind: ClassVar[str] = "forbidden"

    def describe(self, breach: Breach) -> str:
        """`acme.training must not import acme.serving`."""
        return f"{breach.source} must not import {breach.target}"


class LayerViolation(_BoundaryRule):
    """AIC502: a lower layer importing a higher one, or `|` siblings importing each other."""

    code: ClassVar[str] = "AIC502"
    name: ClassVar[str] = "layer-violation"
    summary: ClassVar[str] = "a lower layer importing a higher one, or siblings each other"
    kind: ClassVar[str] = "layers"

    def describe(self, breach: Breach) -> str:
        """Which layer imports which."""
        if breach.sibling:
            return f"{breach.source} must not import its sibling layer {breach.target}"
        return f"{breach.source} must not import {breach.target}, a higher layer"


class IndependenceViolation(_BoundaryRule):
    """AIC503: one of the modules of an independent contract importing another."""

    code: ClassVar[str] = "AIC503"
    name: ClassVar[str] = "independence-violation"
    summary: ClassVar[str] = "one of the independent modules importing another"
    kind: ClassVar[str] = "independent"

    def describe(self, breach: Breach) -> str:
        """Which module depends on which."""
        return f"{breach.source} must stay independent of {breach.target}"


class UnusedBoundaryIgnore(ProjectRule):
    """AIC504: a contract's ignore entry that matches no import, on the config file's line."""

    code: ClassVar[str] = "AIC504"
    name: ClassVar[str] = "unused-boundary-ignore"
    family: ClassVar[str] = "boundaries"
    summary: ClassVar[str] = "a contract's ignore entry that matches no import"

    @classmethod
    def configured(cls, settings: Settings) -> bool:
        """Only when some contract has ignore entries."""
        return any(contract.ignore for contract in settings.boundaries.contracts)

    def check(self, project: Project) -> list[Violation]:
        """Unused entries, when the config file is among the linted files."""
        path = self.settings.config_display
        if self.settings.config_file is None or path not in set(project.linted):
            return []
        lines = self.settings.config_file.read_text(encoding="utf-8").splitlines()
        found = []
        for unused in outcome(project).unused:
            entry = unused.entry
            line = entry.line or 1
            text = lines[line - 1] if 0 < line <= len(lines) else ""
            quoted = max(text.find(f'"{entry.value}"'), text.find(f"'{entry.value}'"))
            column = quoted + 1 if quoted >= 0 else 1
            found.append(
                Violation(
                    path=path,
                    line=line,
                    column=column,
                    code=self.code,
                    message=(
                        f'ignore entry "{entry.value}" of contract '
                        f'"{unused.contract.name}" matches no import'
                    ),
                    end_line=line,
                    end_column=column + len(entry.value) + 2 if quoted >= 0 else 1,
                    name=self.name,
                    fix_hint="remove the entry, or correct its module names",
                    line_text=text,
                )
            )
        return found
