"""One file's random calls judged for AIC402 (unseeded generators), AIC403 and AIC404 (seed
arguments left out) and AIC406 (seeds from entropy), with the seed-inserting fixes.

A fix inserts `seed-expression` only where that cannot change more than the seed: never when
the expression names something the file does not bind, never where the argument may already
come through `*args`/`**kwargs`, and for torch only when the file binds `torch`. Where the
insertion could raise (a splitter that does not shuffle, a `generator=` already given), the
call is not reported at all, so there is nothing to fix.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import libcst as cst

from aiconv.catalogue.datasets import Param
from aiconv.catalogue.randomness import (
    DRAW_BY_NAME,
    GENERATOR_BY_NAME,
    SEED_ARGUMENTS,
    Constructor,
    Seeder,
)
from aiconv.catalogue.seed_arguments import SeededCall
from aiconv.names import ScopeTracker
from aiconv.randomcalls import CallArgs, Resolver, free_names

_TORCH_GENERATORS = ("torch.Generator", "torch.Generator()")


@dataclass(frozen=True)
class Report:
    """A finding waiting for the end of the file; `build` makes the fixed call."""

    code: str
    node: cst.Call
    message: str
    hint: str = ""
    build: Callable[[], cst.Call] | None = None


class RandomCalls:
    """The random calls of one file, judged as the traversal reaches them."""

    def __init__(
        self, resolver: Resolver, tracker: ScopeTracker, module: cst.Module, seed_text: str
    ) -> None:
        self.resolver = resolver
        self.tracker = tracker
        self.module = module
        self.seed_text = seed_text
        try:
            self.seed_names: set[str] | None = free_names(cst.parse_expression(seed_text))
        except cst.ParserSyntaxError:
            self.seed_names = None  # libcst cannot write it: no fixes
        self.reports: list[Report] = []
        self.pending: list[tuple[cst.Call, Report]] = []  # torch.Generator() calls
        self.chained: set[cst.CSTNode] = set()  # `torch.Generator().manual_seed(…)`
        self.receivers: set[str] = set()  # `g` of every `g.manual_seed(…)`
        self.targets: dict[cst.CSTNode, str] = {}  # value -> the target it is assigned to

    def results(self) -> list[Report]:
        """Every report, with `torch.Generator()`s that are seeded later left out."""
        kept = [
            report
            for call, report in self.pending
            if call not in self.chained and self.targets.get(call) not in self.receivers
        ]
        return self.reports + kept

    def assignment(self, target: cst.BaseExpression, value: cst.BaseExpression | None) -> None:
        """Remember `g = torch.Generator()`, which a later `g.manual_seed(…)` seeds."""
        if isinstance(value, cst.Call):
            self.targets[value] = self.module.code_for_node(target)

    def call(self, node: cst.Call) -> None:
        """Judge one call."""
        resolver = self.resolver
        resolver.scope = self.tracker.scope
        func = node.func
        name = resolver.qualified(func)
        args = CallArgs(node)
        if isinstance(func, cst.Attribute) and func.attr.value == "manual_seed":
            self._manual_seed(node, func, args)
        constructor = GENERATOR_BY_NAME.get(name or "")
        if constructor is not None:
            self._generator(node, constructor, args)
            return
        seeder = resolver.seeder(name)
        if seeder is not None:
            self._seeder(node, seeder, args)
            return
        if name in SEED_ARGUMENTS:
            self._entropy(node, args.get(SEED_ARGUMENTS[name]))
            return
        if name == "torch.Generator().seed":
            self._add(
                "AIC406",
                node,
                f"`{self._code(node)}` reseeds the generator from OS "
                "entropy: use `.manual_seed(…)` with a fixed seed",
            )
            return
        entry = resolver.seeded_call(node, name, args)
        if entry is not None:
            self._seeded(node, entry, args)
            return
        draw = DRAW_BY_NAME.get(name or "")
        if draw is not None and draw.seed is not None and draw.seed.name != "generator":
            self._entropy(node, args.get(draw.seed))  # an op seed (TensorFlow) from entropy

    # ------------------------------------------------------------------ kinds of call

    def _manual_seed(self, node: cst.Call, func: cst.Attribute, args: CallArgs) -> None:
        receiver = func.value
        if isinstance(receiver, cst.Call):
            self.chained.add(receiver)
        self.receivers.add(self.module.code_for_node(receiver))
        if self.resolver.origin(receiver) in _TORCH_GENERATORS:
            self._entropy(node, args.get(Param("seed", 0)))

    def _generator(self, node: cst.Call, constructor: Constructor, args: CallArgs) -> None:
        spelled = self._code(node.func)
        if constructor.fix == "manual_seed":
            report = self._fixable(
                "AIC402",
                node,
                f"`{spelled}()` is never given `manual_seed`, so it starts from a random "
                f"seed: use `{spelled}().manual_seed({self.seed_text})`",
                lambda: _chain_manual_seed(node, self.seed_text),
                f"chain `.manual_seed({self.seed_text})`",
            )
            self.pending.append((node, report))
            return
        if constructor.fix == "from_seed":
            build = (
                (lambda: _from_seed(node, self.seed_text))
                if isinstance(node.func, cst.Attribute)
                else None
            )
            self.reports.append(
                self._fixable(
                    "AIC402",
                    node,
                    f"`{spelled}()` seeds the generator from OS entropy: use "
                    f"`Generator.from_seed({self.seed_text})`",
                    build,
                    f"use `from_seed({self.seed_text})`",
                )
            )
            return
        assert constructor.seed is not None
        arg = args.get(constructor.seed)
        if arg is not None and not self.resolver.is_none(arg.value):
            self._entropy(node, arg)
            return
        if arg is None and args.hidden(constructor.seed):
            return
        given = "gets `None` as its seed" if arg is not None else "is created without a seed"
        seed = constructor.seed
        example = self._code(_with_argument(node, seed, arg, self.seed_text))
        self.reports.append(
            self._fixable(
                "AIC402",
                node,
                f"`{spelled}()` {given}, so every run draws different numbers: pass one, "
                f"e.g. `{example}`",
                lambda: _with_argument(node, seed, arg, self.seed_text),
                f"insert `{self.seed_text}`",
            )
        )

    def _seeder(self, node: cst.Call, seeder: Seeder, args: CallArgs) -> None:
        reason = self.resolver.seeds_from_entropy(seeder, args)
        if not reason:
            return
        if not seeder.libraries:
            instead = "`torch.manual_seed(…)` with a fixed seed"
        else:
            instead = f"a fixed seed, e.g. `{self._code(node.func)}({self.seed_text})`"
        message = (
            f"`{self._code(node)}` {reason}, so no two runs draw the same numbers: use {instead}"
        )
        self._add("AIC406", node, message)

    def _entropy(self, node: cst.Call, arg: cst.Arg | None) -> None:
        source = self.resolver.entropy(arg.value) if arg is not None else None
        if source:
            self._add(
                "AIC406",
                node,
                f"`{self._code(node.func)}(…)` is seeded from `{source}`, "
                "so no two runs draw the same numbers: use a fixed seed",
            )

    def _seeded(self, node: cst.Call, entry: SeededCall, args: CallArgs) -> None:
        for param in entry.seeds:
            arg = args.get(param)
            if arg is not None and not self.resolver.is_none(arg.value):
                if param.name != "generator":  # a generator's own manual_seed is judged there
                    self._entropy(node, arg)
                return
        if any(args.hidden(param) for param in entry.seeds):
            return
        param = entry.seeds[0]
        arg = args.get(param)
        spelled = self._code(node.func)
        value = (
            f"torch.Generator().manual_seed({self.seed_text})" if entry.torch else self.seed_text
        )
        got = f"gets `{param.name}=None`" if arg is not None else f"gets no `{param.name}`"
        if entry.code == "AIC404":
            self._add(
                "AIC404",
                node,
                f"`{spelled}(shuffle=True)` {got}, so it shuffles from "
                f"torch's global state: pass `generator={value}`",
            )
            return
        message = (
            f"`{spelled}` draws random numbers but {got}, so every run differs: pass "
            f"one, e.g. `{param.name}={value}`"
        )
        if entry.torch and self.resolver.qualified(cst.Name("torch")) != "torch":
            self._add("AIC403", node, message, "no automatic fix: this file does not bind `torch`")
            return
        self.reports.append(
            self._fixable(
                "AIC403",
                node,
                message,
                lambda: _with_argument(node, param, arg, value, keyword=True),
                f"insert `{param.name}={value}`",
            )
        )

    # ------------------------------------------------------------------ reports

    def _code(self, node: cst.CSTNode) -> str:
        text = " ".join(self.module.code_for_node(node).split())
        return text if len(text) <= 60 else text[:59] + "…"

    def _add(self, code: str, node: cst.Call, message: str, hint: str = "") -> None:
        self.reports.append(Report(code, node, message, hint))

    def _fixable(
        self,
        code: str,
        node: cst.Call,
        message: str,
        build: Callable[[], cst.Call] | None,
        what: str,
    ) -> Report:
        """A report whose fix inserts the seed expression, when that is safe here."""
        missing = sorted(name for name in self.seed_names or () if not self.resolver.bound(name))
        if self.seed_names is None or build is None:
            return Report(code, node, message, "no automatic fix for this form of the call")
        if missing:
            names = ", ".join(f"`{name}`" for name in missing)
            return Report(
                code,
                node,
                message,
                f"no automatic fix: {names} (from `seed-expression`) is not defined in this file",
            )
        return Report(code, node, message, what, build)


# ---------------------------------------------------------------------------- the fixes


def _expression(text: str) -> cst.BaseExpression:
    return cst.parse_expression(text)


def _chain_manual_seed(node: cst.Call, seed: str) -> cst.Call:
    """`torch.Generator(…)` -> `torch.Generator(…).manual_seed(SEED)`."""
    return cst.Call(
        func=cst.Attribute(value=node, attr=cst.Name("manual_seed")),
        args=[cst.Arg(_expression(seed))],
    )


def _from_seed(node: cst.Call, seed: str) -> cst.Call:
    """`Generator.from_non_deterministic_state(…)` -> `Generator.from_seed(SEED, …)`."""
    assert isinstance(node.func, cst.Attribute)
    return node.with_changes(
        func=node.func.with_changes(attr=cst.Name("from_seed")),
        args=[cst.Arg(_expression(seed)), *node.args],
    )


def _with_argument(
    node: cst.Call, param: Param | None, given: cst.Arg | None, value: str, keyword: bool = False
) -> cst.Call:
    """The call with `value` as `param`: replacing a `None` given, else appended."""
    assert param is not None
    expression = _expression(value)
    if given is not None:
        return node.with_changes(
            args=[arg.with_changes(value=expression) if arg is given else arg for arg in node.args]
        )
    if not node.args and param.position == 0 and not keyword:
        return node.with_changes(args=[cst.Arg(expression)])
    equal = cst.AssignEqual(
        whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")
    )
    new = cst.Arg(expression, keyword=cst.Name(param.name), equal=equal)
    return node.with_changes(args=_appended(node, new))


def _appended(node: cst.Call, new: cst.Arg) -> list[cst.Arg]:
    """The arguments with `new` at the end, keeping a multi-line call's layout."""
    args = list(node.args)
    last = args[-1] if args else None
    if last is None or not isinstance(last.comma, cst.Comma):
        return [*args, new]
    # A trailing comma: the new argument takes it over, and the last one gets the comma that
    # precedes it (or the opening whitespace), so `f(\n    a,\n)` stays one argument a line.
    multiline = isinstance(last.comma.whitespace_after, cst.ParenthesizedWhitespace)
    before = args[-2].comma if len(args) > 1 else None
    if (
        multiline
        and isinstance(before, cst.Comma)
        and isinstance(before.whitespace_after, cst.ParenthesizedWhitespace)
    ):
        comma = before
    elif multiline and isinstance(node.whitespace_before_args, cst.ParenthesizedWhitespace):
        comma = cst.Comma(whitespace_after=node.whitespace_before_args)
    else:
        comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    args[-1] = last.with_changes(comma=comma)
    return [*args, new.with_changes(comma=last.comma)]
