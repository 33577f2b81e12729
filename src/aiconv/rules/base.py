"""What a rule is: metadata, the libcst visitor methods it needs, and `report()`.

A source rule is one small class (as in Fixit): class attributes for its metadata,
`visit_<Node>` / `leave_<Node>` methods, and `self.report(node, message, fix=...)`. Rules are
built once per worker process and re-used for every file (`begin()` resets per-file state),
so their visitor tables are computed once, not per file.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

import libcst as cst
from libcst.metadata import BaseMetadataProvider, CodeRange, MetadataWrapper

from aiconv.positions import Positions
from aiconv.violation import RuleInfo, Scope, Violation

if TYPE_CHECKING:
    from aiconv.config import Settings

T = TypeVar("T")


@dataclass(frozen=True)
class Fix:
    """An autofix: nodes of this file's tree and what replaces each of them."""

    replacements: Mapping[cst.CSTNode, cst.CSTNode]
    description: str


@dataclass
class Finding:
    """A violation still attached to its fix (which only lives inside the worker)."""

    violation: Violation
    fix: Fix | None = None


class FileContext:
    """One parsed file as the rules see it: path, text, tree and lazily resolved metadata."""

    def __init__(self, path: str, text: str, module: cst.Module, fixing: bool = False) -> None:
        self.path = path
        self.text = text
        self.module = module
        self.fixing = fixing  # fixes are only built when they will be applied or shown
        self.lines = text.splitlines()
        self.findings: list[Finding] = []
        self._wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
        self._positions: Positions | None = None
        self._resolved: dict[type[BaseMetadataProvider[Any]], Mapping[cst.CSTNode, Any]] = {}

    def metadata(self, provider: type[BaseMetadataProvider[T]]) -> Mapping[cst.CSTNode, T]:
        """The provider's metadata for this tree, resolved on first use and shared by all rules.

        Resolving lazily means a file where no rule reports pays for no positions, and scope
        analysis runs only when a fix needs it.
        """
        if provider not in self._resolved:
            self._resolved[provider] = self._wrapper.resolve(provider)
        return self._resolved[provider]

    def position(self, node: cst.CSTNode) -> CodeRange:
        """Where `node` starts and ends (1-based lines, 0-based columns, as libcst gives them).

        The first call pays one code generation for the file (see positions.py), about a
        fifth of libcst's PositionProvider; files where nothing is reported never pay it.
        """
        if self._positions is None:
            self._positions = Positions(self.module, self.text)
        return self._positions.code_range(node)

    def line_text(self, line: int) -> str:
        """The source line `line` (1-based), without its newline."""
        return self.lines[line - 1] if 0 < line <= len(self.lines) else ""


class Rule(ABC):
    """Base class of every rule. Subclasses set the metadata below."""

    code: ClassVar[str]
    name: ClassVar[str]
    family: ClassVar[str]
    summary: ClassVar[str]
    default: ClassVar[bool] = True
    fixable: ClassVar[bool] = False
    scope: ClassVar[Scope] = "file"

    @classmethod
    def info(cls) -> RuleInfo:
        """The rule's metadata as plain data."""
        return RuleInfo(
            cls.code, cls.name, cls.family, cls.default, cls.fixable, cls.scope, cls.summary
        )

    @classmethod
    def configured(cls, settings: Settings) -> bool:
        """False when the rule's config section is empty, so running it would report nothing."""
        return True


class SourceRule(Rule):
    """A rule over one Python file's libcst tree."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.context: FileContext | None = None

    def wants(self, text: str) -> bool:
        """A cheap text check: False when this file cannot hold a violation (it is not visited)."""
        return True

    def begin(self, context: FileContext) -> None:
        """Start a file: reset per-file state."""
        self.context = context

    def end(self) -> None:
        """Finish a file, after the traversal (for rules that report at the end)."""

    @property
    def ctx(self) -> FileContext:
        """The file being visited."""
        assert self.context is not None, "report() outside a file"
        return self.context

    def report(
        self,
        node: cst.CSTNode,
        message: str,
        fix: Fix | None = None,
        fix_hint: str = "",
        fixable: bool | None = None,
    ) -> None:
        """Report `node` (at its start) with `message`, optionally with an autofix.

        `fixable` says a fix exists when the fix itself was not built (not fixing this run);
        by default it is whether `fix` is given.
        """
        where = self.ctx.position(node)
        self.report_at(
            where.start.line,
            where.start.column + 1,
            message,
            fix=fix,
            fix_hint=fix_hint,
            end=(where.end.line, where.end.column + 1),
            fixable=fixable,
        )

    def report_at(
        self,
        line: int,
        column: int,
        message: str,
        fix: Fix | None = None,
        fix_hint: str = "",
        end: tuple[int, int] | None = None,
        fixable: bool | None = None,
    ) -> None:
        """Report a position given directly (1-based line and column)."""
        end_line, end_column = end if end is not None else (line, column)
        violation = Violation(
            path=self.ctx.path,
            line=line,
            column=column,
            code=self.code,
            message=message,
            end_line=end_line,
            end_column=end_column,
            name=self.name,
            fixable=fix is not None if fixable is None else fixable,
            fix_hint=fix_hint or (fix.description if fix else ""),
            line_text=self.ctx.line_text(line),
        )
        self.ctx.findings.append(Finding(violation, fix))


@dataclass(frozen=True)
class PathEntry:
    """A file or folder path (relative POSIX) as path rules see it."""

    path: str
    is_dir: bool


class PathRule(Rule):
    """A rule over file and folder names, for every file type."""

    scope: ClassVar[Scope] = "path"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @abstractmethod
    def check(self, entry: PathEntry) -> list[Violation]:
        """The violations of one path."""

    def violation(self, entry: PathEntry, message: str, fix_hint: str = "") -> Violation:
        """A violation located at the path (line 1, column 1)."""
        return Violation(
            path=entry.path,
            line=1,
            column=1,
            code=self.code,
            message=message,
            end_line=1,
            end_column=1,
            name=self.name,
            fix_hint=fix_hint,
        )


@dataclass(frozen=True)
class Project:
    """What whole-project rules see: settings, the files being linted, and whether that is all."""

    settings: Settings
    linted: tuple[str, ...]
    whole: bool = field(default=False)
    cache: bool = True  # False under --no-cache: the import graph is read afresh too
    # Seeding facts the runner extracted from the trees it parsed: path -> (digest, JSON).
    facts: Mapping[str, tuple[str, Any]] = field(default_factory=dict)


class ProjectRule(Rule):
    """A rule over the whole project (layout requirements, import graph, seeding)."""

    scope: ClassVar[Scope] = "project"
    # True for rules that read seeding facts: the runner then extracts them from its own tree.
    uses_seed_facts: ClassVar[bool] = False

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @abstractmethod
    def check(self, project: Project) -> list[Violation]:
        """The violations of the project, reported only on files being linted."""
