"""A base for rule families whose rules share one per-file analysis that tracks scopes.

The dataset and randomness families each run one analysis per file, led by the first of their
rules to start; that analysis follows the blocks it is in (`names.ScopeTracker`). The hooks
that feed it the blocks are the same for both families, so they live here once.
"""

from __future__ import annotations

from typing import Any, Protocol

import libcst as cst

from aiconv.rules.base import SourceRule


class _Tracker(Protocol):
    def enter(self, node: cst.CSTNode) -> None: ...

    def leave(self, node: cst.CSTNode) -> None: ...


class TrackedRule(SourceRule):
    """A rule that joins a shared analysis (`self.analysis`) and, if it leads, feeds it blocks."""

    analysis: Any = None  # the family's per-file analysis, with a `tracker` attribute
    leads: bool = False  # True for the one rule of the family that drives the analysis

    def _lead(self) -> Any:
        return self.analysis if self.leads else None

    def _tracker(self) -> _Tracker | None:
        analysis = self._lead()
        return None if analysis is None else analysis.tracker

    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> None:
        if (tracker := self._tracker()) is not None:
            tracker.enter(node)

    def leave_IndentedBlock(self, original_node: cst.IndentedBlock) -> None:
        if (tracker := self._tracker()) is not None:
            tracker.leave(original_node)

    def visit_SimpleStatementSuite(self, node: cst.SimpleStatementSuite) -> None:
        if (tracker := self._tracker()) is not None:
            tracker.enter(node)

    def leave_SimpleStatementSuite(self, original_node: cst.SimpleStatementSuite) -> None:
        if (tracker := self._tracker()) is not None:
            tracker.leave(original_node)
