"""Recognising random calls by qualified name: draws, generators, seed arguments, seeders.

Shared by the per-file randomness rules (AIC402–AIC406) and by the per-file facts of the
whole-program seeding analysis (AIC401, AIC405), so both read a call the same way. Values are
followed through names the way `names.ImportTable` binds them, flow-insensitively: a name is
followed only when every binding of it is an assignment, which errs towards "unknown".
"""

from __future__ import annotations

import builtins
from collections.abc import Sequence

import libcst as cst

from aiconv.catalogue.datasets import Param
from aiconv.catalogue.randomness import (
    ALL_LIBRARIES,
    DRAW_BY_NAME,
    ENTROPY_SOURCES,
    SEEDER_BY_NAME,
    Draw,
    Seeder,
)
from aiconv.catalogue.seed_arguments import (
    SEEDED_BY_NAME,
    SEEDED_METHODS,
    Condition,
    SeededCall,
)
from aiconv.names import ImportTable, Scope

_MAX_DEPTH = 8
_BUILTINS = frozenset(dir(builtins))


class CallArgs:
    """A call's arguments by keyword and by position (positions after a `*args` are unknown)."""

    def __init__(self, call: cst.Call) -> None:
        self.positional: list[cst.Arg] = []
        self.keywords: dict[str, cst.Arg] = {}
        self.star = self.double_star = False
        for arg in call.args:
            if arg.star == "**":
                self.double_star = True
            elif arg.star == "*":
                self.star = True
            elif arg.keyword is not None:
                self.keywords[arg.keyword.value] = arg
            elif not self.star:
                self.positional.append(arg)

    def get(self, param: Param) -> cst.Arg | None:
        """The argument passed for `param`, by keyword or by position."""
        if param.name and param.name in self.keywords:
            return self.keywords[param.name]
        if param.position is not None and param.position < len(self.positional):
            return self.positional[param.position]
        return None

    def hidden(self, param: Param) -> bool:
        """True when `param` may be passed inside `*args` or `**kwargs`."""
        return self.double_star or (self.star and param.position is not None)


class _Collect(cst.CSTVisitor):
    """The calls and plain names inside an expression (not attribute names or keywords)."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[cst.Call] = []
        self.names: list[cst.Name] = []

    def visit_Call(self, node: cst.Call) -> None:
        self.calls.append(node)

    def visit_Name(self, node: cst.Name) -> None:
        self.names.append(node)

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        node.value.visit(self)
        return False

    def visit_Arg(self, node: cst.Arg) -> bool:
        node.value.visit(self)
        return False

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        return False


def free_names(expr: cst.BaseExpression) -> set[str]:
    """The names an expression reads (`cfg` of `cfg.seed`), which must be bound where it goes."""
    collect = _Collect()
    expr.visit(collect)
    return {name.value for name in collect.names}


class Resolver:
    """Qualified names, values and origins of expressions, in the scope being visited."""

    def __init__(self, table: ImportTable, seed_functions: Sequence[str] = ()) -> None:
        self.table = table
        self.scope: Scope = table.module_scope
        self.seeders = dict(SEEDER_BY_NAME)
        for function in seed_functions:
            self.seeders[function] = Seeder(function, ALL_LIBRARIES, Param("seed", 0))

    def qualified(self, expr: cst.BaseExpression) -> str | None:
        """`ImportTable.qualified` in the current scope."""
        return self.table.qualified(expr, self.scope)

    def assigned(self, name: str) -> list[cst.BaseExpression] | None:
        """The values assigned to `name` in its scope; None unless every binding assigns one."""
        scope = self.scope
        current: Scope | None = self.table.module_scope if name in scope.globals else scope
        while current is not None:
            if (current is scope or current.kind != "class") and name in current.bindings:
                values = []
                for binding in current.bindings[name]:
                    if binding.value is None:
                        return None  # an import, a definition, a parameter, a loop target
                    values.append(binding.value)
                return values
            current = current.parent
        return None

    def bound(self, name: str) -> bool:
        """True when `name` is bound in the current scope (or is a builtin)."""
        if name in _BUILTINS:
            return True
        current: Scope | None = self.scope
        while current is not None:
            if (current is self.scope or current.kind != "class") and name in current.bindings:
                return True
            current = current.parent
        return False

    def is_none(self, expr: cst.BaseExpression) -> bool:
        """True for `None`, or a module constant that holds it."""
        value = self.table.value(expr, self.scope)
        return isinstance(value, cst.Name) and value.value == "None"

    def literal(self, expr: cst.BaseExpression) -> object:
        """True, False or the text of a string literal (module constants followed); else None."""
        value = self.table.value(expr, self.scope)
        if isinstance(value, cst.Name) and value.value in ("True", "False"):
            return value.value == "True"
        if isinstance(value, cst.SimpleString):
            return value.evaluated_value
        return None

    def entropy(self, expr: cst.BaseExpression, depth: int = 0) -> str | None:
        """The entropy source an expression is computed from (`time.time`), if any."""
        if depth > _MAX_DEPTH:
            return None
        collect = _Collect()
        expr.visit(collect)
        for call in collect.calls:
            name = self.qualified(call.func) or ""
            if name.startswith(ENTROPY_SOURCES):
                return name
        for node in collect.names:
            for value in self.assigned(node.value) or ():
                if value is not expr and (found := self.entropy(value, depth + 1)):
                    return found
        return None

    def origin(self, expr: cst.BaseExpression) -> str | None:
        """The qualified name of the library call a value comes from, through method calls,
        attributes, subscripts and names assigned from one: `datasets.load_dataset` for `train`
        after `train = load_dataset("x")["train"].map(f)`; None when unknown."""
        found = self._origin(expr, set(), 0)
        return None if found in ("", "?") else found

    def _origin(self, expr: cst.BaseExpression, seen: set[str], depth: int) -> str:
        # "?" is unknown; "" is a name defined through itself (`ds = ds.map(f)`), which leaves
        # the decision to the name's other bindings.
        while depth <= _MAX_DEPTH:
            depth += 1
            if isinstance(expr, cst.Call):
                name = self.qualified(expr.func)
                if name:
                    return name
                expr = expr.func
            elif isinstance(expr, (cst.Attribute, cst.Subscript)):
                expr = expr.value
            elif isinstance(expr, cst.Name):
                return self._name_origin(expr.value, seen, depth)
            else:
                return "?"
        return "?"

    def _name_origin(self, name: str, seen: set[str], depth: int) -> str:
        qualified = self.qualified(cst.Name(name))
        if qualified:
            return qualified
        if name in seen:
            return ""  # `ds = ds.map(f)`: the other bindings decide
        values = self.assigned(name)
        if not values:
            return "?"
        found = {self._origin(value, seen | {name}, depth) for value in values} - {""}
        return found.pop() if len(found) == 1 else "?"

    # ------------------------------------------------------------------ the catalogue

    def draw(self, name: str | None, args: CallArgs) -> Draw | None:
        """The global draw a call to `name` makes, unless it is given its own seed."""
        draw = DRAW_BY_NAME.get(name or "")
        if draw is None or draw.seed is None:
            return draw
        arg = args.get(draw.seed)
        if arg is not None and not self.is_none(arg.value):
            return None
        return None if args.hidden(draw.seed) else draw

    def seeder(self, name: str | None) -> Seeder | None:
        """The seeder a call to `name` is (catalogue or `randomness.seed-functions`)."""
        return self.seeders.get(name or "")

    def seeds_from_entropy(self, seeder: Seeder, args: CallArgs) -> str | None:
        """Why a seeder call seeds from entropy ("" when it does not)."""
        if not seeder.libraries:
            return "reseeds from OS entropy"
        if seeder.seed is None:
            return ""
        arg = args.get(seeder.seed)
        if arg is None or self.is_none(arg.value):
            absent = arg is None and args.hidden(seeder.seed)
            return "" if absent or not seeder.entropy_when_absent else "seeds from OS entropy"
        source = self.entropy(arg.value)
        return f"seeds from `{source}`" if source else ""

    def seeded_call(self, node: cst.Call, name: str | None, args: CallArgs) -> SeededCall | None:
        """The catalogue entry of a call that draws and takes a seed, when it draws."""
        entry = SEEDED_BY_NAME.get(name or "")
        if entry is None and isinstance(node.func, cst.Attribute):
            entry = self._method(node.func, args)
        if entry is None or entry.condition is None:
            return entry
        return entry if self._holds(entry.condition, args) else None

    def _method(self, func: cst.Attribute, args: CallArgs) -> SeededCall | None:
        candidates = SEEDED_METHODS.get(func.attr.value, ())
        if not candidates:
            return None
        origin = self.origin(func.value)
        for entry in candidates:
            for prefix in entry.receivers:
                if prefix and origin and origin.startswith(prefix):
                    return entry
                if not prefix and origin is None and any(h in args.keywords for h in entry.hints):
                    return entry
        return None

    def _holds(self, condition: Condition, args: CallArgs) -> bool:
        arg = args.get(condition.param)
        if arg is None:
            # Absent: "not-false" parameters default to True; hidden ones are unknown.
            return condition.kind == "not-false" and not args.hidden(condition.param)
        value = self.literal(arg.value)
        if condition.kind == "true":
            return value is True
        if condition.kind == "not-false":
            return value is True
        return value in condition.values
