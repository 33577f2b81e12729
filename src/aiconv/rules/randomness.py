"""Seeded randomness, per file (AIC402, AIC403, AIC404, AIC406): generators created without a
seed, seed arguments left out, and seeds taken from entropy.

The four rules share one analysis per file (`_Analysis`), as the dataset rules do: the first of
them to start on a file leads and judges the calls during the shared traversal; each reports
its own code at the end, when a `torch.Generator()` seeded later in the file is known. The
whole-program rules (AIC401, AIC405) live in `rules/seeding.py`.
"""

from __future__ import annotations

from typing import ClassVar

import libcst as cst

from aiconv.catalogue.randomness import TOP_LEVELS
from aiconv.config import Settings
from aiconv.names import ImportTable, ScopeTracker, module_name
from aiconv.randomcalls import Resolver
from aiconv.rules.base import FileContext, Fix
from aiconv.rules.random_calls import RandomCalls, Report
from aiconv.rules.tracking import TrackedRule


class _Descendants(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.nodes: set[cst.CSTNode] = set()

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.nodes.add(node)
        return True


class _Analysis:
    """One file's random calls, judged once for the four rules."""

    _last: tuple[FileContext, _Analysis] | None = None

    def __init__(self, context: FileContext, settings: Settings) -> None:
        self.context = context
        name, package = module_name(context.path, settings.src)
        table = ImportTable.of(context.module, name, package)
        self.tracker = ScopeTracker(table)
        resolver = Resolver(table, settings.randomness.seed_functions)
        self.calls = RandomCalls(resolver, self.tracker, context.module, settings.seed_expression)
        self._results: list[tuple[Report, Fix | None]] | None = None

    @classmethod
    def shared(cls, context: FileContext, settings: Settings) -> tuple[_Analysis, bool]:
        """The analysis of this file, and whether the caller leads (creates it)."""
        last = cls._last
        if last is not None and last[0] is context:
            return last[1], False
        analysis = cls(context, settings)
        cls._last = (context, analysis)
        return analysis, True

    def results(self) -> list[tuple[Report, Fix | None]]:
        """Every report with its fix (built only when fixing)."""
        if self._results is None:
            reports = self.calls.results()
            fixes: dict[cst.CSTNode, Fix] = {}
            if self.context.fixing:
                for report in reports:
                    if report.build is not None:
                        fixes[report.node] = Fix({report.node: report.build()}, report.hint)
                fixes = self._without_nested(fixes)
            self._results = [(report, fixes.get(report.node)) for report in reports]
        return self._results

    def _without_nested(self, fixes: dict[cst.CSTNode, Fix]) -> dict[cst.CSTNode, Fix]:
        """Fixes that replace no node another fix replaces inside them.

        A replaced call is built from the original tree, so it would drop a fix inside it
        (`BaggingClassifier(DecisionTreeClassifier())`, or a rename of an argument): the outer
        fix waits for the next round of `--fix`, which lints the file again.
        """
        others = {
            node
            for finding in self.context.findings
            if finding.fix is not None
            for node in finding.fix.replacements
        } | set(fixes)
        kept = {}
        for node, fix in fixes.items():
            inside = _Descendants()
            node.visit(inside)
            if not (inside.nodes - {node}) & others:
                kept[node] = fix
        return kept


class _RandomRule(TrackedRule):
    """Shared by AIC402–AIC406: the cheap text check, the traversal hooks and the reporting."""

    family: ClassVar[str] = "randomness"

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        configured = {name.rsplit(".", 1)[-1] for name in settings.randomness.seed_functions}
        self.wanted = tuple(sorted(TOP_LEVELS | configured | {".sample("}))
        self.analysis: _Analysis | None = None
        self.leads = False

    def wants(self, text: str) -> bool:
        """Only files that name a catalogued library, a seed function or `.sample(`."""
        return any(word in text for word in self.wanted)

    def begin(self, context: FileContext) -> None:
        """Join this file's analysis, leading it when the first of the rules to start."""
        super().begin(context)
        self.analysis, self.leads = _Analysis.shared(context, self.settings)

    def end(self) -> None:
        """Report this rule's findings of the file."""
        assert self.analysis is not None
        for report, fix in self.analysis.results():
            if report.code == self.code:
                self.report(
                    report.node,
                    report.message,
                    fix=fix,
                    fix_hint=report.hint,
                    fixable=report.build is not None,
                )
        self.analysis = None

    def visit_Assign(self, node: cst.Assign) -> None:
        if (analysis := self._lead()) is not None and len(node.targets) == 1:
            analysis.calls.assignment(node.targets[0].target, node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if (analysis := self._lead()) is not None:
            analysis.calls.assignment(node.target, node.value)

    def visit_Call(self, node: cst.Call) -> None:
        if (analysis := self._lead()) is not None:
            analysis.calls.call(node)


class UnseededRng(_RandomRule):
    """AIC402: a random generator created without a seed."""

    code: ClassVar[str] = "AIC402"
    name: ClassVar[str] = "unseeded-rng"
    summary: ClassVar[str] = "a random generator created without a seed"
    fixable: ClassVar[bool] = True


class MissingRandomState(_RandomRule):
    """AIC403: a call that draws and takes a seed argument gets none (or None)."""

    code: ClassVar[str] = "AIC403"
    name: ClassVar[str] = "missing-random-state"
    summary: ClassVar[str] = "a call that draws and takes a seed argument gets none"
    fixable: ClassVar[bool] = True


class UnseededDataloaderShuffle(_RandomRule):
    """AIC404: `DataLoader(shuffle=True)` without `generator=` (opt-in)."""

    code: ClassVar[str] = "AIC404"
    name: ClassVar[str] = "unseeded-dataloader-shuffle"
    summary: ClassVar[str] = "DataLoader(shuffle=True) without generator= (opt-in)"
    default: ClassVar[bool] = False


class EntropySeed(_RandomRule):
    """AIC406: seeding from entropy (no seed, None, the clock, os.urandom)."""

    code: ClassVar[str] = "AIC406"
    name: ClassVar[str] = "entropy-seed"
    summary: ClassVar[str] = "seeding from entropy: no seed, None, the clock, os.urandom"
