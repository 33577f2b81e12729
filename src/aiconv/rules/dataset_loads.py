"""Dataset loader calls (AIC302, AIC303): which call reads a dataset and whether it gets a
version, judged against the loader catalogue (`aiconv.catalogue.datasets`).

Also records what the string check must leave alone: a loader's own arguments (the loader
judges them) and the arguments of writes (`df.to_parquet("s3://…")` reads nothing).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import libcst as cst

from aiconv.catalogue.datasets import (
    PACKAGED_BUILDERS,
    PATH_FUNCTIONS,
    WRITES,
    DatasetLoader,
    Param,
)
from aiconv.catalogue.pins import HANDLE_GRAMMARS, Pin, Policy, State, classify_ref, show
from aiconv.names import HOLE, ImportTable, Scope, ScopeTracker

_LOCAL_FILE = re.compile(
    r"\.(csv|tsv|json|jsonl|parquet|arrow|txt|zip|gz|bz2|xz|zst|tar|py|xml|h5|hdf5|pkl|feather)$",
    re.IGNORECASE,
)
_REMOTE_REPO = re.compile(r"(https?|ssh|git|git\+[a-z]+)://|[\w.-]+@[\w.-]+:", re.IGNORECASE)


@dataclass(frozen=True)
class Report:
    """A finding waiting for the end of the file."""

    code: str
    node: cst.CSTNode
    message: str


class Args:
    """A call's arguments by keyword and by position (positions after a `*args` are unknown)."""

    def __init__(self, call: cst.Call) -> None:
        self.positional: list[cst.BaseExpression] = []
        self.keywords: dict[str, cst.BaseExpression] = {}
        self.star = self.double_star = False
        for arg in call.args:
            if arg.star == "**":
                self.double_star = True
            elif arg.star == "*":
                self.star = True
            elif arg.keyword is not None:
                self.keywords[arg.keyword.value] = arg.value
            elif not self.star:
                self.positional.append(arg.value)

    def get(self, param: Param) -> cst.BaseExpression | None:
        """The argument passed for `param`, by keyword or by position."""
        if param.name and param.name in self.keywords:
            return self.keywords[param.name]
        if param.position is not None and param.position < len(self.positional):
            return self.positional[param.position]
        return None

    def hidden(self, param: Param) -> bool:
        """True when `param` may be passed inside `*args` or `**kwargs`."""
        return self.double_star or (self.star and param.position is not None)

    def values(self) -> list[cst.BaseExpression]:
        """Every argument passed by position or keyword."""
        return [*self.positional, *self.keywords.values()]


class Loads:
    """The loader calls of one file, judged as the traversal reaches them."""

    def __init__(
        self,
        table: ImportTable,
        tracker: ScopeTracker,
        policy: Policy,
        catalogue: dict[str, DatasetLoader],
        module: cst.Module,
    ) -> None:
        self.table = table
        self.tracker = tracker
        self.policy = policy
        self.catalogue = catalogue
        self.module = module
        self.reports: list[tuple[Report, cst.Call, DatasetLoader]] = []
        self.owned: set[cst.CSTNode] = set()  # strings a loader judged, or that are written
        self.assigned: dict[cst.Call, str] = {}
        self.repinned_names: set[str] = set()
        self.repinned_calls: set[cst.CSTNode] = set()
        self.later = frozenset(m for loader in catalogue.values() for m in loader.pinned_later)

    def results(self) -> list[Report]:
        """The reports, without loaders that a later method call pinned."""
        return [
            report
            for report, call, loader in self.reports
            if not loader.pinned_later
            or (
                call not in self.repinned_calls
                and self.assigned.get(call) not in self.repinned_names
            )
        ]

    def assignment(self, node: cst.Assign) -> None:
        """Remember `name = Loader(...)`, for loaders that a later method call pins."""
        if (
            len(node.targets) == 1
            and isinstance(node.targets[0].target, cst.Name)
            and isinstance(node.value, cst.Call)
        ):
            self.assigned[node.value] = node.targets[0].target.value

    def call(self, node: cst.Call) -> None:
        """Judge a call: a write marks its arguments; a loader must be given a version."""
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value in self.later:
            if isinstance(func.value, cst.Call):
                self.repinned_calls.add(func.value)
            elif isinstance(func.value, cst.Name):
                self.repinned_names.add(func.value.value)
        args = Args(node)
        if self._is_write(node, args):
            for value in args.values():
                self._own(value)
            return
        qualified = self.tracker.qualified(func)
        loader = self.catalogue.get(qualified) if qualified else None
        if loader is None and isinstance(func, cst.Attribute):
            loader = self.catalogue.get("." + func.attr.value)
        if loader is not None:
            self._loader(loader, node, args)

    def _own(self, value: cst.BaseExpression) -> None:
        self.owned.add(value)
        self.owned.add(self.table.value(value, self.tracker.scope))

    def _is_write(self, node: cst.Call, args: Args) -> bool:
        func = node.func
        name = (
            func.attr.value
            if isinstance(func, cst.Attribute)
            else func.value
            if isinstance(func, cst.Name)
            else ""
        )
        if name in WRITES:
            return True
        if name == "open":
            mode = args.get(Param("mode", 1))
            text = self.table.template(mode, self.tracker.scope) if mode is not None else None
            return text is not None and any(flag in text for flag in "wax+")
        receiver = func.value if isinstance(func, cst.Attribute) else None
        while isinstance(receiver, (cst.Attribute, cst.Call)):
            if isinstance(receiver, cst.Attribute):
                if receiver.attr.value in ("write", "writeStream", "writeTo"):
                    return True
                receiver = receiver.value
            else:
                receiver = receiver.func
        return False

    def _loader(self, loader: DatasetLoader, node: cst.Call, args: Args) -> None:
        handle = args.get(loader.handle) if loader.handle is not None else None
        if loader.condition is not None and not self._applies(loader, node, args, handle):
            return
        if handle is not None:
            self._own(handle)  # judged here, so not by the string check too
        for param in loader.versions:
            value = args.get(param)
            if value is not None:
                self._version(loader, node, param, value, handle)
                return
        hidden = [*loader.versions, *((loader.handle,) if loader.handle else ())]
        if any(args.hidden(param) for param in hidden):
            return
        if not loader.grammar:
            self._report(loader, node, handle, Pin(State.MISSING))
            return
        text = self.table.template(handle, self.tracker.scope) if handle is not None else None
        if text is not None:  # else an artifact object or an expression: given
            grammar = HANDLE_GRAMMARS[loader.grammar]
            self._report(loader, node, handle, grammar(text, self.policy.floating))

    def _version(
        self,
        loader: DatasetLoader,
        node: cst.Call,
        param: Param,
        value: cst.BaseExpression,
        handle: cst.BaseExpression | None,
    ) -> None:
        resolved = self.table.value(value, self.tracker.scope)
        if isinstance(resolved, cst.Name) and resolved.value == "None":
            self._report(loader, node, handle, Pin(State.MISSING), value, none=param.name)
            return
        text = self.table.template(value, self.tracker.scope)
        if text is not None:  # numbers pin; any other expression counts as given
            self._report(
                loader, node, handle, classify_ref(text, self.policy.floating, loader.git), value
            )

    def _applies(
        self, loader: DatasetLoader, node: cst.Call, args: Args, handle: cst.BaseExpression | None
    ) -> bool:
        condition = loader.condition
        assert condition is not None
        scope = self.tracker.scope
        if condition.kind == "hub":
            return handle is not None and self._hub_dataset(handle)
        if condition.kind == "delta-format":
            return _spark_delta(node, args, self.table, scope)
        for param in condition.params:
            value = args.get(param)
            if value is None:
                continue
            text = self.table.template(value, scope)
            if condition.kind == "equals":
                return text == condition.value
            if condition.kind == "remote":
                return text is not None and bool(_REMOTE_REPO.match(text))
            resolved = self.table.value(value, scope)
            if not (isinstance(resolved, cst.Name) and resolved.value == "None"):
                return True  # "given"
        return False

    def _hub_dataset(self, handle: cst.BaseExpression) -> bool:
        """False for a local path or a packaged builder: they are not Hub datasets."""
        text = self.table.template(handle, self.tracker.scope)
        if text is None:
            return not self._path_expression(handle)
        prefix = text.split(HOLE, 1)[0]
        if (
            prefix.startswith(("/", "./", "../", "~", "file:", "\\"))
            or prefix == "."
            or re.match(r"[A-Za-z]:[\\/]", prefix)
            or "\\" in prefix
        ):
            return False
        # A Hub id is `name` or `org/name`: two slashes or a file suffix make it a path.
        if text.count("/") >= 2 or _LOCAL_FILE.search(text):
            return False
        return HOLE in text or text.lower() not in PACKAGED_BUILDERS

    def _path_expression(self, expr: cst.BaseExpression) -> bool:
        expr = self.table.value(expr, self.tracker.scope)
        if isinstance(expr, cst.BinaryOperation):
            return isinstance(expr.operator, cst.Divide)
        if isinstance(expr, cst.Call):
            qualified = self.tracker.qualified(expr.func) or ""
            if qualified in PATH_FUNCTIONS or qualified.startswith("os.path."):
                return True
            if isinstance(expr.func, cst.Name) and expr.func.value == "str" and expr.args:
                return self._path_expression(expr.args[0].value)
        return False

    # ------------------------------------------------------------------ messages

    def _report(
        self,
        loader: DatasetLoader,
        node: cst.Call,
        handle: cst.BaseExpression | None,
        pin: Pin,
        version: cst.BaseExpression | None = None,
        none: str = "",
    ) -> None:
        problem = pin.problem(self.policy.strict)
        if problem is None:
            return
        module = self.module
        spelled = module.code_for_node(node.func)
        text = self.table.template(handle, self.tracker.scope) if handle is not None else None
        what = f'"{show(text)}"' if text is not None else "a dataset"
        example = _example(loader, node, handle, version, text, module)
        if spelled != loader.function and not loader.function.startswith("."):
            spelled += f"` (`{loader.function}`)"
        else:
            spelled += "`"
        if none:
            message = f"`{spelled} gets `{none}=None`, which is no version: pin it"
        elif problem is State.MISSING:
            latest = " (without one it reads the latest)" if loader.grammar else ""
            message = f"`{spelled} reads {what} with no version{latest}: pin it"
        else:
            message = (
                f"`{spelled} reads {what} at {moving(pin)}: pin a commit SHA or version number"
            )
        code = "AIC302" if problem is State.MISSING else "AIC303"
        self.reports.append((Report(code, node, f"{message}, e.g. `{example}`"), node, loader))


def moving(pin: Pin) -> str:
    """How a message names a version that moves: a floating alias, or a tag in strict mode."""
    if pin.state is State.FLOATING:
        return f"the floating alias `{pin.ref}`, which moves when the data changes"
    return f"`{pin.ref}`, a tag or branch, which strict mode counts as floating (it can be moved)"


def _example(
    loader: DatasetLoader,
    node: cst.Call,
    handle: cst.BaseExpression | None,
    version: cst.BaseExpression | None,
    text: str | None,
    module: cst.Module,
) -> str:
    """The call as it would read pinned: the version argument added, or the handle pinned."""
    code = module.code_for_node
    pinned = ""
    if loader.grammar:
        base = text if text is not None and HOLE not in text else _placeholder(loader.grammar)
        if loader.grammar == "kaggle":
            base = base.split("/versions/")[0]
        elif ":" in base.rsplit("/", 1)[-1]:
            base = base.rsplit(":", 1)[0]
        pinned = f'"{base}{loader.suggestion}"'
    keyword, _, placeholder = loader.suggestion.partition("=")
    placeholder = placeholder or "<version>"
    parts = []
    for arg in node.args:
        value = code(arg.value)
        if loader.grammar and arg.value is handle:
            value = pinned
        elif arg.value is version and version is not None:
            value = placeholder
        parts.append(
            f"{arg.star}{arg.keyword.value}={value}" if arg.keyword else f"{arg.star}{value}"
        )
    if version is None and not loader.grammar and loader.function != ".load":
        parts.append(loader.suggestion)
    if any("\n" in part for part in parts) or sum(map(len, parts)) > 80:
        shown = "…" if handle is None or loader.grammar else code(handle)
        parts = [pinned if loader.grammar else shown if len(shown) <= 40 else "…"]
        if not loader.grammar and loader.function != ".load":
            parts.append(loader.suggestion if version is None else f"{keyword}={placeholder}")
    call = f"{code(node.func)}({', '.join(parts)})"
    if loader.function == ".load" and isinstance(node.func, cst.Attribute):
        return f"{code(node.func.value)}{loader.suggestion}.load({', '.join(parts)})"
    return call


def _placeholder(grammar: str) -> str:
    """A handle placeholder when the real one is only known at run time."""
    return {"kaggle": "<owner>/<slug>", "tfds": "<name>", "wandb": "<name>"}[grammar]


def _spark_delta(node: cst.Call, args: Args, table: ImportTable, scope: Scope) -> bool:
    """A Spark `…format("delta")….load(…)` read with no `versionAsOf`/`timestampAsOf` option."""

    def literal(value: cst.BaseExpression | None) -> str:
        """The lowercased text of a string argument, "" for anything else."""
        text = table.template(value, scope) if value is not None else None
        return (text or "").lower()

    delta = literal(args.keywords.get("format")) == "delta"
    receiver = node.func.value if isinstance(node.func, cst.Attribute) else None
    while isinstance(receiver, (cst.Call, cst.Attribute)):
        if isinstance(receiver, cst.Attribute):
            receiver = receiver.value
            continue
        func = receiver.func
        if isinstance(func, cst.Attribute):
            inner = Args(receiver)
            if func.attr.value == "format" and literal(inner.get(Param("source", 0))) == "delta":
                delta = True
            if func.attr.value == "option" and literal(inner.get(Param("key", 0))) in (
                "versionasof",
                "timestampasof",
            ):
                return False
            if func.attr.value == "options" and {"versionAsOf", "timestampAsOf"} & set(
                inner.keywords
            ):
                return False
        receiver = func
    return delta
