"""What the names of one file refer to: fully qualified names through imports, and constants.

`ImportTable.build(module)` walks the statements of a module once (never its expressions, so
it costs a small fraction of a parse) and records, per scope, every name an import, a
definition or an assignment binds. `qualified(expr, scope)` then resolves a callee such as
`hfd.load_dataset`, `ld` or `np.random.rand` to `datasets.load_dataset` or
`numpy.random.rand` the way Python would, and says None when it cannot be sure: a name bound
both by an import and by anything else (a local `def`, a parameter, a loop target) is not the
library's. Resolution is flow-insensitive, which errs towards None, never towards a wrong
library name. `value()` follows a name to the literal of a module-level constant and
`template()` reads string expressions, with HOLE where the value is only known at run time.

Not tracked, because they do not shadow library callees in real code: names bound inside
expressions (lambda parameters, comprehension targets, walrus targets) and match captures.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import libcst as cst
from libcst.helpers import get_full_name_for_node

HOLE = "\x00"  # stands in a template for a part only known at run time (an f-string field)
_MAX_DEPTH = 8  # constants that name constants that name constants…


@dataclass(frozen=True)
class _Binding:
    """One way a scope binds a name."""

    kind: str  # "import", "definition", "value", "none" (assigned None), "opaque"
    target: str = ""  # import and definition: the qualified name bound
    value: cst.BaseExpression | None = None  # value and none: the assigned expression


class Scope:
    """A module, class or function scope and the names bound in it (complete once built)."""

    __slots__ = ("kind", "parent", "bindings", "globals", "nonlocals", "star")

    def __init__(self, kind: str, parent: Scope | None) -> None:
        self.kind = kind  # "module", "class" or "function"
        self.parent = parent
        self.bindings: dict[str, list[_Binding]] = {}
        self.globals: set[str] = set()
        self.nonlocals: set[str] = set()
        self.star: list[str] = []  # modules imported with `from m import *`


def module_name(path: str, roots: Sequence[str]) -> tuple[str, str]:
    """(module, package) of a file under the first source root that holds it, else ("", "")."""
    if not path.endswith((".py", ".pyi")):
        return "", ""
    for root in roots:
        prefix = "" if root in (".", "") else root.strip("/") + "/"
        if not path.startswith(prefix):
            continue
        parts = path[len(prefix) :].rsplit(".", 1)[0].split("/")
        if not all(part.isidentifier() for part in parts):
            return "", ""
        if parts[-1] == "__init__":
            parts = parts[:-1]
            return ".".join(parts), ".".join(parts)
        return ".".join(parts), ".".join(parts[:-1])
    return "", ""


class ImportTable:
    """The bindings of every scope of one module, and name resolution over them."""

    _last: tuple[cst.Module, str, ImportTable] | None = None

    def __init__(self, module_name: str = "", package: str = "") -> None:
        self.module_name = module_name
        self.package = package
        self.module_scope = Scope("module", None)
        self._bodies: dict[cst.CSTNode, Scope] = {}

    @classmethod
    def of(cls, module: cst.Module, module_name: str = "", package: str = "") -> ImportTable:
        """The table of `module`, shared by the rules that ask for the same tree in a row."""
        last = cls._last
        if last is not None and last[0] is module and last[1] == module_name:
            return last[2]
        table = cls.build(module, module_name, package)
        cls._last = (module, module_name, table)  # a strong reference: ids cannot be reused
        return table

    @classmethod
    def build(cls, module: cst.Module, module_name: str = "", package: str = "") -> ImportTable:
        """Walk the statements of `module` once and record what every scope binds."""
        table = cls(module_name, package)
        table._block(module.body, table.module_scope)
        return table

    # ------------------------------------------------------------------ queries

    def scope_of(self, body: cst.CSTNode) -> Scope | None:
        """The scope a function or class body opens, or None for any other node."""
        return self._bodies.get(body)

    def qualified(self, expr: cst.BaseExpression, scope: Scope | None = None) -> str | None:
        """The fully qualified name `expr` refers to in `scope` (the module by default).

        A call in the chain reads as `()`: `wandb.Api().artifact` for `api.artifact` after
        `api = wandb.Api()`.
        """
        return self._qualified(expr, scope or self.module_scope, set())

    def value(self, expr: cst.BaseExpression, scope: Scope | None = None) -> cst.BaseExpression:
        """`expr`, or the value of the module-level constant it names (assigned exactly once)."""
        current, where = expr, scope or self.module_scope
        for _ in range(_MAX_DEPTH):
            if not isinstance(current, cst.Name):
                return current
            found = self._lookup(current.value, where)
            if found is None:
                return current
            owner, bindings = found
            if owner.kind != "module" or len(bindings) != 1 or bindings[0].value is None:
                return current
            current, where = bindings[0].value, owner
        return current

    def template(
        self, expr: cst.BaseExpression, scope: Scope | None = None, constants: bool = True
    ) -> str | None:
        """The text of a string expression, HOLE for each part known only at run time.

        Reads plain, implicitly concatenated and f-strings and `+` chains holding a string;
        with `constants`, a name of a module-level string constant reads as its text. None when
        `expr` is not a string (a bytes literal, a number, a call).
        """
        return self._template(expr, scope or self.module_scope, constants, 0)

    # ------------------------------------------------------------------ resolution

    def _lookup(self, name: str, scope: Scope) -> tuple[Scope, list[_Binding]] | None:
        current: Scope | None = self.module_scope if name in scope.globals else scope
        while current is not None:
            # A class body's names are visible in the class body only, not in its methods.
            if (current is scope or current.kind != "class") and name in current.bindings:
                return current, current.bindings[name]
            current = current.parent
        return None

    def _qualified(
        self, expr: cst.BaseExpression, scope: Scope, seen: set[tuple[int, str]]
    ) -> str | None:
        if isinstance(expr, cst.Name):
            return self._name(expr.value, scope, seen)
        if isinstance(expr, cst.Attribute):
            base = self._qualified(expr.value, scope, seen)
            return None if base is None else f"{base}.{expr.attr.value}"
        if isinstance(expr, cst.Call):
            base = self._qualified(expr.func, scope, seen)
            return None if base is None else f"{base}()"
        return None

    def _name(self, name: str, scope: Scope, seen: set[tuple[int, str]]) -> str | None:
        found = self._lookup(name, scope)
        if found is None:
            return self._star(name, scope)
        owner, bindings = found
        key = (id(owner), name)
        if key in seen:
            return None  # `x = x.f()`: a name defined through itself
        seen.add(key)
        targets = set()
        for binding in bindings:
            if binding.kind == "none":
                continue  # `x = None` next to an import is the optional-dependency idiom
            if binding.kind == "value" and binding.value is not None:
                target = self._qualified(binding.value, owner, seen)
            else:
                target = binding.target or None
            if target is None:
                return None
            targets.add(target)
        seen.discard(key)
        return targets.pop() if len(targets) == 1 else None

    def _star(self, name: str, scope: Scope) -> str | None:
        modules: set[str] = set()
        current: Scope | None = scope
        while current is not None:
            if current is scope or current.kind != "class":
                modules.update(current.star)
            current = current.parent
        return f"{modules.pop()}.{name}" if len(modules) == 1 else None

    def _template(
        self, expr: cst.BaseExpression, scope: Scope, constants: bool, depth: int
    ) -> str | None:
        if depth > _MAX_DEPTH:
            return None
        if constants and isinstance(expr, cst.Name):
            expr = self.value(expr, scope)
        if isinstance(expr, cst.SimpleString):
            try:
                text = expr.evaluated_value
            except (ValueError, SyntaxError):  # pragma: no cover - libcst parsed it already
                return None
            return text.replace(HOLE, "") if isinstance(text, str) else None
        if isinstance(expr, cst.ConcatenatedString):
            left = self._template(expr.left, scope, constants, depth + 1)
            right = self._template(expr.right, scope, constants, depth + 1)
            return None if left is None or right is None else left + right
        if isinstance(expr, cst.FormattedString):
            return _formatted(expr)
        if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
            left = self._template(expr.left, scope, constants, depth + 1)
            right = self._template(expr.right, scope, constants, depth + 1)
            if left is None and right is None:
                return None
            return (HOLE if left is None else left) + (HOLE if right is None else right)
        return None

    # ------------------------------------------------------------------ the statement walk

    def _bind(self, scope: Scope, name: str, binding: _Binding) -> None:
        if name in scope.globals:
            scope = self.module_scope
        elif name in scope.nonlocals:
            outer = scope.parent
            while outer is not None and outer.kind == "class":
                outer = outer.parent
            scope = outer or self.module_scope
        scope.bindings.setdefault(name, []).append(binding)

    def _opaque(self, scope: Scope, target: cst.BaseExpression) -> None:
        """Bind every name of an unpacking target to something this table cannot name."""
        if isinstance(target, cst.Name):
            self._bind(scope, target.value, _Binding("opaque"))
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._opaque(scope, element.value)
        elif isinstance(target, cst.StarredElement):
            self._opaque(scope, target.value)

    def _assign(self, scope: Scope, target: cst.BaseExpression, value: cst.BaseExpression) -> None:
        if not isinstance(target, cst.Name):
            self._opaque(scope, target)
        elif isinstance(value, cst.Name) and value.value == "None":
            self._bind(scope, target.value, _Binding("none", value=value))
        else:
            self._bind(scope, target.value, _Binding("value", value=value))

    def _block(self, statements: Sequence[cst.BaseStatement], scope: Scope) -> None:
        for statement in statements:
            self._statement(statement, scope)

    def _suite(self, suite: cst.BaseSuite, scope: Scope) -> None:
        if isinstance(suite, cst.IndentedBlock):
            self._block(suite.body, scope)
        elif isinstance(suite, cst.SimpleStatementSuite):
            for small in suite.body:
                self._small(small, scope)

    def _statement(self, node: cst.BaseStatement, scope: Scope) -> None:
        if isinstance(node, cst.SimpleStatementLine):
            for small in node.body:
                self._small(small, scope)
        elif isinstance(node, cst.FunctionDef):
            self._define(scope, node.name.value)
            inner = Scope("function", scope)
            self._bodies[node.body] = inner
            params = node.params
            for param in (
                *params.posonly_params,
                *params.params,
                *params.kwonly_params,
                params.star_arg,
                params.star_kwarg,
            ):
                if isinstance(param, cst.Param):
                    self._bind(inner, param.name.value, _Binding("opaque"))
            self._suite(node.body, inner)
        elif isinstance(node, cst.ClassDef):
            self._define(scope, node.name.value)
            inner = Scope("class", scope)
            self._bodies[node.body] = inner
            self._suite(node.body, inner)
        else:
            self._compound(node, scope)

    def _compound(self, node: cst.BaseStatement, scope: Scope) -> None:
        if isinstance(node, cst.If):
            self._suite(node.body, scope)
            if isinstance(node.orelse, cst.If):
                self._statement(node.orelse, scope)
            elif node.orelse is not None:
                self._suite(node.orelse.body, scope)
            return
        if isinstance(node, cst.For):
            self._opaque(scope, node.target)
        elif isinstance(node, cst.With):
            for item in node.items:
                if item.asname is not None:
                    self._opaque(scope, item.asname.name)
        elif isinstance(node, (cst.Try, cst.TryStar)):
            for handler in node.handlers:
                if handler.name is not None:
                    self._opaque(scope, handler.name.name)
                self._suite(handler.body, scope)
            if node.finalbody is not None:
                self._suite(node.finalbody.body, scope)
        elif isinstance(node, cst.Match):
            for case in node.cases:
                self._suite(case.body, scope)
            return
        body = getattr(node, "body", None)
        if isinstance(body, cst.BaseSuite):
            self._suite(body, scope)
        orelse = getattr(node, "orelse", None)
        if isinstance(orelse, cst.Else):
            self._suite(orelse.body, scope)

    def _define(self, scope: Scope, name: str) -> None:
        # A def or class at module level is `module.name`, which is what project code calls.
        qualified = (
            f"{self.module_name}.{name}" if self.module_name and scope.kind == "module" else ""
        )
        self._bind(scope, name, _Binding("definition", target=qualified))

    def _small(self, node: cst.BaseSmallStatement, scope: Scope) -> None:
        if isinstance(node, cst.Import):
            for alias in node.names:
                dotted = get_full_name_for_node(alias.name) or ""
                if alias.asname is not None:
                    self._alias(scope, alias.asname.name, dotted)
                else:
                    top = dotted.split(".")[0]
                    self._bind(scope, top, _Binding("import", target=top))
        elif isinstance(node, cst.ImportFrom):
            self._import_from(node, scope)
        elif isinstance(node, cst.Assign):
            for target in node.targets:
                self._assign(scope, target.target, node.value)
        elif isinstance(node, cst.AnnAssign):
            if node.value is not None:
                self._assign(scope, node.target, node.value)
        elif isinstance(node, cst.AugAssign):
            self._opaque(scope, node.target)
        elif isinstance(node, cst.Global):
            scope.globals.update(item.name.value for item in node.names)
        elif isinstance(node, cst.Nonlocal):
            scope.nonlocals.update(item.name.value for item in node.names)

    def _alias(self, scope: Scope, name: cst.BaseExpression, target: str) -> None:
        if isinstance(name, cst.Name):
            self._bind(scope, name.value, _Binding("import", target=target))

    def _import_from(self, node: cst.ImportFrom, scope: Scope) -> None:
        base = get_full_name_for_node(node.module) if node.module is not None else ""
        level = len(node.relative)
        if level:
            parts = self.package.split(".") if self.package else []
            if not self.package or level - 1 > len(parts) - 1:
                base = "." * level + (base or "")  # unresolvable: left relative, matches nothing
            else:
                anchor = ".".join(parts[: len(parts) - (level - 1)])
                base = f"{anchor}.{base}" if base else anchor
        if base == "__future__":
            return
        if isinstance(node.names, cst.ImportStar):
            scope.star.append(base or "")
            return
        for alias in node.names:
            name = get_full_name_for_node(alias.name) or ""
            bound = alias.asname.name if alias.asname is not None else alias.name
            self._alias(scope, bound, f"{base}.{name}")


_FIELD_ESCAPES = re.compile(r"\{\{|\}\}")


def _formatted(node: cst.FormattedString) -> str:
    """An f-string's text: literal parts as written, each replacement field a HOLE."""
    pieces = []
    for part in node.parts:
        if isinstance(part, cst.FormattedStringText):
            pieces.append(
                _FIELD_ESCAPES.sub(lambda match: match.group(0)[0], part.value).replace(HOLE, "")
            )
        else:
            pieces.append(HOLE)
    return "".join(pieces)


class ScopeTracker:
    """The scope a traversal is in, for rules that resolve names while they visit.

    A rule forwards `visit_IndentedBlock`/`visit_SimpleStatementSuite` (and the `leave_`
    pair) to `enter`/`leave`. Bodies, not `def` nodes, open scopes: decorators, defaults and
    base classes are evaluated in the enclosing scope.
    """

    def __init__(self, table: ImportTable) -> None:
        self.table = table
        self.stack = [table.module_scope]

    @property
    def scope(self) -> Scope:
        """The innermost scope of the node being visited."""
        return self.stack[-1]

    def enter(self, body: cst.CSTNode) -> None:
        """Called on every block: push the scope a function or class body opens."""
        scope = self.table.scope_of(body)
        if scope is not None:
            self.stack.append(scope)

    def leave(self, body: cst.CSTNode) -> None:
        """Called when a block is left: pop what `enter` pushed."""
        if self.table.scope_of(body) is not None:
            self.stack.pop()

    def qualified(self, expr: cst.BaseExpression) -> str | None:
        """`ImportTable.qualified` in the current scope."""
        return self.table.qualified(expr, self.scope)
