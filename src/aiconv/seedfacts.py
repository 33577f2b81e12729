"""What one file contributes to the whole-program seeding analysis (`seeding.py`).

`extract(path, text, roots)` reads a file once with libcst and keeps plain data: its global
draws (with library and position), the calls it makes and where each runs (at import, in the
`__main__` block, inside a module-level function, elsewhere), the names it re-exports, and the
line of its main guard. Which calls seed is decided later, across files: a project function
seeds when its body calls a seeder, and that is only known once every file has been read. The
facts are JSON-able, so `seedstore.py` can cache them by content hash.
"""

from __future__ import annotations

import ast
import re
import sys
import warnings
from dataclasses import dataclass, replace
from typing import Any

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from aiconv.catalogue.randomness import TOP_LEVELS
from aiconv.names import ImportTable, ScopeTracker, module_name
from aiconv.randomcalls import CallArgs, Resolver

# Top-level modules whose functions are never project functions: the standard library and
# the catalogued libraries (their seeders are recognised by name before this applies).
_NEVER_PROJECT = frozenset(getattr(sys, "stdlib_module_names", ())) | TOP_LEVELS

RECURSION_LIMIT = 10000  # as the runner's workers have

MODULE = "module"  # runs when the file is imported
MAIN = "main"  # runs only when the file is run as a script (the main guard's body)
OTHER = "other"  # methods, class bodies: run when something calls them
FUNCTION = "function:"  # + the qualified name of the module-level function it is inside


@dataclass(frozen=True)
class DrawSite:
    """A draw from a global random state: where, which API, which library."""

    line: int
    column: int
    end_line: int
    end_column: int
    api: str
    library: str
    layer: bool = False


@dataclass(frozen=True)
class CallSite:
    """A call by qualified name, where it runs, and whether it seeds from entropy."""

    callee: str
    where: str
    entropy: bool = False


@dataclass(frozen=True)
class FileFacts:
    """One file's share of the seeding analysis."""

    guard: int = 0  # line of `if __name__ == "__main__":`, 0 when there is none
    guard_column: int = 0
    draws: tuple[DrawSite, ...] = ()
    calls: tuple[CallSite, ...] = ()
    exports: tuple[tuple[str, str], ...] = ()  # (name, qualified target) of module-level imports

    def to_json(self) -> list[Any]:
        """Plain lists, for the JSON cache."""
        return [
            self.guard,
            self.guard_column,
            [
                [d.line, d.column, d.end_line, d.end_column, d.api, d.library, d.layer]
                for d in self.draws
            ],
            [[c.callee, c.where, c.entropy] for c in self.calls],
            [list(pair) for pair in self.exports],
        ]

    @classmethod
    def from_json(cls, data: Any) -> FileFacts:
        """The inverse of `to_json` (raises on malformed data, which the cache treats as stale)."""
        guard, column, draws, calls, exports = data
        return cls(
            int(guard),
            int(column),
            tuple(
                DrawSite(int(a), int(b), int(c), int(d), str(e), str(f), bool(g))
                for a, b, c, d, e, f, g in draws
            ),
            tuple(CallSite(str(a), str(b), bool(c)) for a, b, c in calls),
            tuple((str(a), str(b)) for a, b in exports),
        )


NOTHING = FileFacts()


def is_main_guard(node: cst.BaseStatement) -> bool:
    """`if __name__ == "__main__":` (either side, any quotes)."""
    if not isinstance(node, cst.If) or not isinstance(node.test, cst.Comparison):
        return False
    test = node.test
    if len(test.comparisons) != 1 or not isinstance(test.comparisons[0].operator, cst.Equal):
        return False
    sides = (test.left, test.comparisons[0].comparator)
    names = [side for side in sides if isinstance(side, cst.Name) and side.value == "__name__"]
    strings = [
        side
        for side in sides
        if isinstance(side, cst.SimpleString) and side.evaluated_value == "__main__"
    ]
    return len(names) == 1 and len(strings) == 1


class _Extract(cst.CSTVisitor):
    """One traversal collecting draws, calls and the main guard."""

    def __init__(self, table: ImportTable, module: str) -> None:
        super().__init__()
        self.tracker = ScopeTracker(table)
        self.resolver = Resolver(table)
        self.module = module
        self.where: list[str] = []
        self.top: set[cst.CSTNode] = set()
        self.guard: cst.If | None = None
        self.draws: list[tuple[int, str, str, bool]] = []  # (call index, api, library, layer)
        self.count = 0  # calls seen, in visiting order
        self.ordered: list[cst.Call] = []
        self.calls: dict[tuple[str, str], bool] = {}

    def _here(self) -> str:
        return self.where[-1] if self.where else MODULE

    def visit_Module(self, node: cst.Module) -> None:
        self.top = set(node.body)

    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> None:
        self.tracker.enter(node)

    def leave_IndentedBlock(self, original_node: cst.IndentedBlock) -> None:
        self.tracker.leave(original_node)

    def visit_SimpleStatementSuite(self, node: cst.SimpleStatementSuite) -> None:
        self.tracker.enter(node)

    def leave_SimpleStatementSuite(self, original_node: cst.SimpleStatementSuite) -> None:
        self.tracker.leave(original_node)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        if self.where:
            where = self.where[-1] if self.where[-1].startswith(FUNCTION) else OTHER
        else:
            where = f"{FUNCTION}{self.module}.{node.name.value}" if self.module else OTHER
        self.where.append(where)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.where.pop()

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.where.append(OTHER)

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self.where.pop()

    def visit_If_body(self, node: cst.If) -> None:
        if node in self.top and is_main_guard(node):
            self.guard = self.guard or node
            self.where.append(MAIN)

    def leave_If_body(self, node: cst.If) -> None:
        if node in self.top and is_main_guard(node):
            self.where.pop()

    def visit_Call(self, node: cst.Call) -> None:
        index = self.count
        self.count += 1
        self.ordered.append(node)
        resolver = self.resolver
        resolver.scope = self.tracker.scope
        name = resolver.qualified(node.func)
        if not name:
            return
        args = CallArgs(node)
        draw = resolver.draw(name, args)
        if draw is not None:
            self.draws.append((index, draw.function, draw.library, draw.layer))
        seeder = resolver.seeder(name)
        if seeder is None and name.split(".")[0] in _NEVER_PROJECT:
            return  # keeps the facts small: only seeders and calls that may be project code
        entropy = bool(seeder and resolver.seeds_from_entropy(seeder, args))
        key = (name, self._here())
        # One call without entropy is enough for the place to seed.
        self.calls[key] = self.calls.get(key, True) and entropy


def extract(path: str, text: str, roots: tuple[str, ...]) -> FileFacts:
    """The facts of one file (none when it does not parse: AIC001 reports that)."""
    # libcst visits recursively; generated code nests deeper than Python's default limit.
    sys.setrecursionlimit(max(sys.getrecursionlimit(), RECURSION_LIMIT))
    try:
        return extract_tree(path, text, cst.parse_module(text), roots)
    except (cst.ParserSyntaxError, RecursionError, ValueError):
        return NOTHING


def extract_tree(path: str, text: str, tree: cst.Module, roots: tuple[str, ...]) -> FileFacts:
    """The facts of one file from a tree already parsed (the lint run's own)."""
    name, package = module_name(path, roots)
    table = ImportTable.build(tree, name, package)
    visitor = _Extract(table, name)
    tree.visit(visitor)
    exports = []
    if name:
        for bound, bindings in table.module_scope.bindings.items():
            targets = {binding.target for binding in bindings if binding.kind == "import"}
            if len(targets) == 1 and len(bindings) == 1:
                exports.append((bound, targets.pop()))
    calls = tuple(CallSite(callee, where, entropy) for (callee, where), entropy in
                  visitor.calls.items())  # fmt: skip
    facts = FileFacts(calls=calls, exports=tuple(sorted(exports)))
    if not visitor.draws and visitor.guard is None:
        return facts
    located = _located(text, visitor.count)
    if located is None:  # Python's parser disagrees (newer syntax): ask libcst, at a cost
        located = _located_by_libcst(tree, visitor)
    calls_at, guard = located
    draws = tuple(
        DrawSite(*calls_at[index], api, library, layer)
        for index, api, library, layer in visitor.draws
    )
    return replace(facts, guard=guard[0], guard_column=guard[1], draws=draws)


_Span = tuple[int, int, int, int]  # line, column, end line, end column (1-based columns)


def _located(text: str, count: int) -> tuple[list[_Span], tuple[int, int]] | None:
    """Where every call starts and ends, in libcst's visiting order, and the main guard, read
    with Python's `ast` (PositionProvider would cost two more passes over the tree).

    A pre-order traversal meets calls in the order of their start, an outer call before an
    inner one that starts at the same place (`f()()`), which is this sort order. `ast` counts
    columns in UTF-8 bytes, libcst in characters. None when `ast` does not see the same calls.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            module = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    calls = [node for node in ast.walk(module) if isinstance(node, ast.Call)]
    if len(calls) != count:
        return None
    lines = [line.encode() for line in re.split(r"\r\n?|\n", text)]

    def column(line: int, offset: int) -> int:
        return len(lines[line - 1][:offset].decode("utf-8", "replace")) + 1

    spans = [
        (
            node.lineno,
            column(node.lineno, node.col_offset),
            node.end_lineno or node.lineno,
            column(node.end_lineno or node.lineno, node.end_col_offset or 0),
        )
        for node in calls
    ]
    ordered = sorted(spans, key=lambda span: (span[0], span[1], -span[2], -span[3]))
    return ordered, guard_of(module)


def _located_by_libcst(tree: cst.Module, visitor: _Extract) -> tuple[list[_Span], tuple[int, int]]:
    positions = MetadataWrapper(tree, unsafe_skip_copy=True).resolve(PositionProvider)
    spans = []
    for call in visitor.ordered:
        where = positions[call]
        spans.append((where.start.line, where.start.column + 1, where.end.line,
                      where.end.column + 1))  # fmt: skip
    guard = (0, 0)
    if visitor.guard is not None:
        start = positions[visitor.guard].start
        guard = (start.line, start.column + 1)
    return spans, guard


def guard_of(module: ast.Module) -> tuple[int, int]:
    """(line, column) of the module's `if __name__ == "__main__":`, (0, 0) when there is none."""
    for statement in module.body:
        if isinstance(statement, ast.If) and _is_guard(statement.test):
            return statement.lineno, statement.col_offset + 1
    return 0, 0


def _is_guard(test: ast.expr) -> bool:
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return False
    if not isinstance(test.ops[0], ast.Eq):
        return False
    sides = (test.left, test.comparators[0])
    names = [side for side in sides if isinstance(side, ast.Name) and side.id == "__name__"]
    strings = [
        side for side in sides if isinstance(side, ast.Constant) and side.value == "__main__"
    ]
    return len(names) == 1 and len(strings) == 1


def guard_only(text: str) -> FileFacts:
    """The facts of a file that cannot draw or seed: its main guard, found with `ast`."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            module = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return NOTHING
    line, column = guard_of(module)
    return FileFacts(line, column) if line else NOTHING
