"""Versioned dataset references (AIC301–AIC303): every dataset a program reads names a version.

The three rules share one analysis per file (`_Analysis`): the first of them to start on a file
leads and does the work during the shared traversal; each reports its own code at the end.
Reports are collected and filtered at the end because some exemptions are only known later in
the file: a constant judged where it is defined may turn out to be a write destination or a
loader's argument, and a `DeltaTable(uri)` may be pinned by a later `.load_as_version()`.
"""

from __future__ import annotations

import re
from typing import ClassVar, Union

import libcst as cst

from aiconv.catalogue import pins
from aiconv.catalogue.datasets import DatasetLoader, loaders
from aiconv.catalogue.pins import Policy, State, show
from aiconv.config import Settings
from aiconv.names import ImportTable, ScopeTracker, module_name
from aiconv.rules.base import FileContext
from aiconv.rules.dataset_loads import Loads, Report, moving
from aiconv.rules.tracking import TrackedRule

# A file holding none of these can neither load a catalogued dataset nor name a dataset URI.
_WANTED = (
    "hf://",
    "huggingface.co/",
    "hf.co/",
    "lakefs://",
    "models:/",
    "load_dataset",
    "hf_hub",
    "huggingface_hub",
    "snapshot_download",
    "kagglehub",
    "tensorflow_datasets",
    "tfds",
    "use_artifact",
    "wandb",
    "dvc",
    "fetch_openml",
    "deltalake",
    "DeltaTable",
    "read_delta",
    "scan_delta",
    "load_delta",
    "mlflow",
    "'delta'",
    '"delta"',
    "raw.githubusercontent",
)
_TEMPLATE_NODES = (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)
StringNode = Union[
    cst.SimpleString, cst.ConcatenatedString, cst.FormattedString, cst.BinaryOperation
]


class _Analysis:
    """One file's dataset references, computed once for AIC301–AIC303."""

    _last: tuple[FileContext, _Analysis] | None = None

    def __init__(
        self,
        context: FileContext,
        settings: Settings,
        policy: Policy,
        catalogue: dict[str, DatasetLoader],
    ) -> None:
        self.policy = policy
        name, package = module_name(context.path, settings.src)
        self.table = ImportTable.of(context.module, name, package)
        self.tracker = ScopeTracker(self.table)
        self.loads = Loads(self.table, self.tracker, policy, catalogue, context.module)
        self.strings: list[Report] = []
        self.done: set[cst.CSTNode] = set()  # parts of a string already judged as a whole
        self._results: list[Report] | None = None

    @classmethod
    def shared(
        cls,
        context: FileContext,
        settings: Settings,
        policy: Policy,
        catalogue: dict[str, DatasetLoader],
    ) -> tuple[_Analysis, bool]:
        """The analysis of this file, and whether the caller leads (creates it)."""
        last = cls._last
        if last is not None and last[0] is context:
            return last[1], False
        analysis = cls(context, settings, policy, catalogue)
        cls._last = (context, analysis)
        return analysis, True

    def results(self) -> list[Report]:
        """Every finding of the file, with the exemptions learned later in the file applied."""
        if self._results is None:
            owned = self.loads.owned
            self._results = [r for r in self.strings if r.node not in owned]
            self._results += self.loads.results()
        return self._results

    # ------------------------------------------------------------------ strings

    def string(self, node: StringNode) -> None:
        """Judge a string expression as a whole (its parts are not judged again)."""
        if node in self.done:
            return
        if isinstance(node, cst.BinaryOperation) and not isinstance(node.operator, cst.Add):
            return
        text = self.table.template(node, self.tracker.scope, constants=False)
        self._consume(node)
        if text is None:
            return
        if not self.policy.patterns and ":/" not in text and "raw.githubusercontent" not in text:
            return
        for reference in pins.find(text, self.policy):
            problem = reference.pin.problem(self.policy.strict)
            if problem is not None:
                code = "AIC301" if problem is State.MISSING else "AIC303"
                self.strings.append(Report(code, node, _uri_message(reference, problem)))

    def _consume(self, node: cst.CSTNode) -> None:
        if isinstance(node, (cst.ConcatenatedString, cst.BinaryOperation)):
            for part in (node.left, node.right):
                self.done.add(part)
                self._consume(part)

    def bare_string(self, node: cst.Expr) -> None:
        """A string statement (a docstring) is documentation, not a reference the code reads."""
        if isinstance(node.value, _TEMPLATE_NODES):
            self.done.add(node.value)
            self._consume(node.value)


def _uri_message(reference: pins.Reference, problem: State) -> str:
    uri = show(reference.uri)
    uri = uri if len(uri) <= 90 else uri[:89] + "…"
    example = (
        f"e.g. `{show(reference.suggestion)}`"
        if reference.suggestion
        else "e.g. with a version that `datasets.version-pattern` accepts"
    )
    where = (
        f" (a dataset location: uri-patterns `{reference.pattern}`)" if reference.pattern else ""
    )
    if problem is State.MISSING:
        return f"`{uri}`{where} names a dataset with no version: pin it, {example}"
    return (
        f"`{uri}`{where} pins {moving(reference.pin)}: use a commit SHA or version "
        f"number, {example}"
    )


class _DatasetRule(TrackedRule):
    """Shared by AIC301–AIC303: the cheap text check, the traversal hooks and the reporting."""

    family: ClassVar[str] = "datasets"

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.policy = Policy.of(settings.datasets)
        self.catalogue = loaders(settings.datasets)
        extra = {
            loader.function.rsplit(".", 1)[-1]
            for loader in self.catalogue.values()
            if loader.configured
        }
        # Every match of a glob holds its longest literal run ("" for "**": every file).
        needles = {max(re.split(r"[*?]", glob), key=len) for glob in settings.datasets.uri_patterns}
        self.wanted = tuple(dict.fromkeys((*_WANTED, *sorted(extra), *sorted(needles))))
        self.analysis: _Analysis | None = None
        self.leads = False

    def wants(self, text: str) -> bool:
        """Only files that mention a loader, a URI scheme or a configured location."""
        return any(word in text for word in self.wanted)

    def begin(self, context: FileContext) -> None:
        """Join this file's analysis, leading it when the first of the three rules to start."""
        super().begin(context)
        self.analysis, self.leads = _Analysis.shared(
            context, self.settings, self.policy, self.catalogue
        )

    def end(self) -> None:
        """Report this rule's findings of the file."""
        assert self.analysis is not None
        for report in self.analysis.results():
            if report.code == self.code:
                self.report(report.node, report.message)
        self.analysis = None

    def visit_Expr(self, node: cst.Expr) -> None:
        if (analysis := self._lead()) is not None:
            analysis.bare_string(node)

    def visit_Assign(self, node: cst.Assign) -> None:
        if (analysis := self._lead()) is not None:
            analysis.loads.assignment(node)

    def visit_Call(self, node: cst.Call) -> None:
        if (analysis := self._lead()) is not None:
            analysis.loads.call(node)

    def _string(self, node: StringNode) -> None:
        if (analysis := self._lead()) is not None:
            analysis.string(node)

    visit_SimpleString = visit_ConcatenatedString = visit_FormattedString = _string
    visit_BinaryOperation = _string


class UnversionedDatasetUri(_DatasetRule):
    """AIC301: a string literal names a dataset URI without a pin."""

    code: ClassVar[str] = "AIC301"
    name: ClassVar[str] = "unversioned-dataset-uri"
    summary: ClassVar[str] = "a string literal names a dataset URI without a pin"


class UnversionedDatasetLoad(_DatasetRule):
    """AIC302: a dataset loader is called with no version."""

    code: ClassVar[str] = "AIC302"
    name: ClassVar[str] = "unversioned-dataset-load"
    summary: ClassVar[str] = "a dataset loader is called with no version"


class FloatingDatasetVersion(_DatasetRule):
    """AIC303: a dataset version is a floating alias such as main or latest."""

    code: ClassVar[str] = "AIC303"
    name: ClassVar[str] = "floating-dataset-version"
    summary: ClassVar[str] = "a dataset version is a floating alias such as main or latest"
