"""The rule registry: every implemented rule, and which of them a configuration enables."""

from __future__ import annotations

from dataclasses import dataclass

from aiconv import codes
from aiconv.config import Settings
from aiconv.errors import UserError
from aiconv.rules.base import PathRule, ProjectRule, Rule, SourceRule
from aiconv.rules.boundaries import (
    ForbiddenImport,
    IndependenceViolation,
    LayerViolation,
    UnusedBoundaryIgnore,
)
from aiconv.rules.datasets import (
    FloatingDatasetVersion,
    UnversionedDatasetLoad,
    UnversionedDatasetUri,
)
from aiconv.rules.framework import SyntaxErrorRule, UnreadableFile
from aiconv.rules.layout import (
    BadFileName,
    FileTooLarge,
    ForbiddenPath,
    MisplacedFile,
    RequiredPathMissing,
)
from aiconv.rules.randomness import (
    EntropySeed,
    MissingRandomState,
    UnseededDataloaderShuffle,
    UnseededRng,
)
from aiconv.rules.seeding import EntrypointNotSeeded, GlobalRngCall
from aiconv.rules.terminology import AvoidedTermInComment, AvoidedTermInName, AvoidedTermInPath

ALL_RULES: tuple[type[Rule], ...] = (
    SyntaxErrorRule,
    UnreadableFile,
    AvoidedTermInName,
    AvoidedTermInPath,
    AvoidedTermInComment,
    RequiredPathMissing,
    MisplacedFile,
    BadFileName,
    ForbiddenPath,
    FileTooLarge,
    UnversionedDatasetUri,
    UnversionedDatasetLoad,
    FloatingDatasetVersion,
    GlobalRngCall,
    UnseededRng,
    MissingRandomState,
    UnseededDataloaderShuffle,
    EntrypointNotSeeded,
    EntropySeed,
    ForbiddenImport,
    LayerViolation,
    IndependenceViolation,
    UnusedBoundaryIgnore,
)

BY_CODE: dict[str, type[Rule]] = {rule.code: rule for rule in ALL_RULES}


@dataclass(frozen=True)
class Selection:
    """The codes a run reports, and the rule classes that must run to report them."""

    codes: frozenset[str]
    source_rules: tuple[type[SourceRule], ...]
    path_rules: tuple[type[PathRule], ...]
    project_rules: tuple[type[ProjectRule], ...]

    @property
    def seed_facts(self) -> bool:
        """True when a project rule reads the seeding facts the runner can extract for it."""
        return any(rule.uses_seed_facts for rule in self.project_rules)

    def enabled(self, code: str) -> bool:
        """True when violations of `code` are reported."""
        return code in self.codes


def _check_selectors(selectors: tuple[str, ...], option: str) -> None:
    for selector in selectors:
        if not codes.is_known_selector(selector):
            close = codes.closest(selector)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise UserError(
                f"{option}: unknown rule code or prefix {selector!r}{hint} "
                "(`aiconv rules` lists every code)"
            )


def select(
    settings: Settings, cli_select: tuple[str, ...] | None = None, cli_ignore: tuple[str, ...] = ()
) -> Selection:
    """Resolve `select`/`ignore` (config, then command line) into the rules that run.

    `--select` replaces the config's `select` and `--ignore` adds to its `ignore`. A prefix
    enables the default rules under it; an opt-in rule (AIC103, AIC404) is enabled by naming
    its exact code, and AIC103 also by `terminology.comments = true`.
    """
    _check_selectors(cli_select or (), "--select")
    _check_selectors(cli_ignore, "--ignore")
    selectors = cli_select if cli_select is not None else settings.select
    ignore = (*settings.ignore, *cli_ignore)
    chosen = set()
    for rule in ALL_RULES:
        default = rule.default or (rule.code == "AIC103" and settings.terminology.comments)
        if selectors is None:
            on = default
        else:
            on = rule.code in selectors or (default and codes.matches(rule.code, selectors))
        if on and not codes.matches(rule.code, ignore):
            chosen.add(rule.code)
    running = [BY_CODE[code] for code in sorted(chosen) if BY_CODE[code].configured(settings)]
    return Selection(
        codes=frozenset(chosen),
        source_rules=tuple(r for r in running if issubclass(r, SourceRule)),
        path_rules=tuple(r for r in running if issubclass(r, PathRule)),
        project_rules=tuple(r for r in running if issubclass(r, ProjectRule)),
    )
