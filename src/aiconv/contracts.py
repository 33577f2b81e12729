"""Boundary contracts checked against the import graph: pure functions, no filesystem.

Every contract kind reduces to one question, asked once per "source side" S with its set of
forbidden targets T: which import statements in S import a module outside S that is in T or
reaches T through *pass-through* modules? (forbidden: any project module outside `from` and
`to`; layers and independent: modules in no layer / none of the listed modules, so a chain
through another layer is charged to that layer, not to the outer pair.) One backward
breadth-first search from T gives every pass-through module's distance to T, so each statement
is judged in constant time and its chain is the shortest, ties broken by module name.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from aiconv.config import Boundaries, Contract, Entry, Settings
from aiconv.errors import UserError
from aiconv.graph import Edge, ImportGraph, within


@dataclass(frozen=True)
class Breach:
    """One import statement that breaks a contract, with the chain that proves it."""

    contract: Contract
    chain: tuple[Edge, ...]  # chain[0] is the reported statement
    source: str  # the contract's module on the importing side
    target: str  # the contract's module the chain reaches
    sibling: bool = False  # layers: the two modules are `|` siblings
    edges: tuple[Edge, ...] = ()  # every module this statement imports that breaks the contract

    @property
    def edge(self) -> Edge:
        """The import statement that leaves the source side."""
        return self.chain[0]

    def chain_text(self) -> str:
        """`a.x -> b.y (l.3) -> c.z (l.7)`: each module with the line that imports it."""
        target = self.chain[-1]
        shown = [self.chain[0].importer or self.chain[0].path]
        for edge in self.chain:
            name = edge.imported
            if edge is target and edge.external:
                name = next((s for s in edge.spellings() if within(s, self.target)), name)
            shown.append(f"{name} (l.{edge.line})")
        return " -> ".join(shown)


@dataclass(frozen=True)
class UnusedIgnore:
    """A contract's `ignore` entry that matches no import."""

    contract: Contract
    entry: Entry


@dataclass(frozen=True)
class Outcome:
    """Every breach of every contract, and every unused ignore entry."""

    breaches: tuple[Breach, ...]
    unused: tuple[UnusedIgnore, ...]


def named_modules(contract: Contract) -> tuple[str, ...]:
    """Every module name a contract mentions, in the order written."""
    layered = tuple(member for layer in contract.layers for member in layer)
    return (*contract.source, *contract.target, *layered, *contract.modules)


def validate(settings: Settings, graph: ImportGraph) -> None:
    """Raise UserError for a contract naming a project module that does not exist.

    The message reads like every configuration error: file, key path, what was expected.
    """
    where, prefix = "<defaults>", ""
    if settings.config_file is not None:
        where = str(settings.config_file)
        prefix = "" if settings.config_file.name == "aiconv.toml" else "tool.aiconv."
    roots = ", ".join(settings.src)
    for index, contract in enumerate(settings.boundaries.contracts):
        fields = [
            ("from", contract.source),
            ("to", contract.target),
            ("layers", tuple(m for layer in contract.layers for m in layer)),
            ("modules", contract.modules),
        ]
        for field, names in fields:
            for name in names:
                if graph.exists(name) or (field == "to" and not graph.is_project(name)):
                    continue
                close = difflib.get_close_matches(name, list(graph.modules), n=1, cutoff=0.6)
                hint = f"; did you mean {close[0]}?" if close else ""
                raise UserError(
                    f"{where}: {prefix}boundaries.contracts[{index}].{field}: expected a module "
                    f"of the project (a file or folder under the source roots {roots}), got "
                    f"{name!r} in contract {contract.name!r}{hint}"
                )


def check(graph: ImportGraph, boundaries: Boundaries) -> Outcome:
    """Check every contract; breaches come one per (contract, import statement)."""
    breaches: list[Breach] = []
    unused: list[UnusedIgnore] = []
    for contract in boundaries.contracts:
        counted = _Counted(graph, contract, boundaries.type_checking_imports)
        unused += [UnusedIgnore(contract, entry) for entry in counted.unused()]
        if contract.kind == "forbidden":
            breaches += _forbidden(counted, contract)
        else:
            breaches += _members(counted, contract)
    return Outcome(tuple(breaches), tuple(unused))


# ---------------------------------------------------------------------------- edges


def _pattern(text: str) -> re.Pattern[str]:
    """An ignore side as a regex: `*` is one dotted part, `**` one or more; exact names."""
    parts = []
    for part in text.strip().split("."):
        if part == "**":
            parts.append(r"[^.]+(?:\.[^.]+)*")
        elif part == "*":
            parts.append(r"[^.]+")
        else:
            parts.append(re.escape(part))
    return re.compile(r"\.".join(parts))


class _Counted:
    """The edges one contract counts: not ignored by it, TYPE_CHECKING only when configured."""

    def __init__(self, graph: ImportGraph, contract: Contract, type_checking: bool) -> None:
        self.graph = graph
        self.ignores: list[tuple[Entry, re.Pattern[str], re.Pattern[str]]] = []
        for entry in contract.ignore:
            importer, imported = entry.value.split("->")  # config.py checked the shape
            self.ignores.append((entry, _pattern(importer), _pattern(imported)))
        self.used: set[Entry] = set()
        self.adjacency = graph.adjacency(type_checking)
        self._incoming: tuple[frozenset[str], dict[str, list[str]]] | None = None
        if not self.ignores:
            return
        self.adjacency = dict(self.adjacency)
        for module, edges in list(self.adjacency.items()):
            # Every counted edge of a module an entry names is tried, so "unused" is exact.
            if any(importer.fullmatch(module) for _, importer, _ in self.ignores):
                self.adjacency[module] = [edge for edge in edges if not self._ignored(edge)]

    def _ignored(self, edge: Edge) -> bool:
        hit = False
        for entry, importer, imported in self.ignores:
            if importer.fullmatch(edge.importer) and any(
                imported.fullmatch(name) for name in edge.spellings()
            ):
                self.used.add(entry)
                hit = True
        return hit

    def unused(self) -> list[Entry]:
        """The ignore entries that matched no counted import, in the order written."""
        return [entry for entry, _, _ in self.ignores if entry not in self.used]

    def incoming(self, blocked: frozenset[str]) -> dict[str, list[str]]:
        """Imported module -> its importers outside `blocked` (shared by a contract's sides)."""
        if self._incoming is None or self._incoming[0] is not blocked:
            found: dict[str, list[str]] = {}
            for module, edges in self.adjacency.items():
                if module and module not in blocked:
                    for edge in edges:
                        if not edge.external:
                            found.setdefault(edge.imported, []).append(module)
            self._incoming = (blocked, found)
        return self._incoming[1]

    def out(self, module: str) -> list[Edge]:
        """The counted edges whose importer is `module`, by imported module, then line."""
        return self.adjacency.get(module, [])


# ---------------------------------------------------------------------------- search


@dataclass(frozen=True)
class _Side:
    """One source side of a contract and what it must not reach."""

    source: str
    modules: frozenset[str]  # the project modules of the source side
    targets: Mapping[str, str]  # project module -> the contract module it belongs to
    external: tuple[str, ...]  # external target names (direct imports only)
    blocked: frozenset[str]  # modules a chain may not pass through
    indirect: bool = True
    siblings: frozenset[str] = frozenset()


def _search(counted: _Counted, side: _Side, contract: Contract) -> list[Breach]:
    """The breaches of one side: one per import statement, with its shortest chain."""
    distance = _distances(counted, side) if side.indirect else {}
    best: dict[tuple[str, int, int], tuple[tuple[int, tuple[str, ...]], Breach]] = {}
    edges: dict[tuple[str, int, int], list[Edge]] = {}
    for module in sorted(side.modules):
        for edge in counted.out(module):
            chain = _chain(counted, side, edge, distance)
            if chain is None:
                continue
            end = chain[-1]
            target = (
                side.targets.get(end.imported)
                if not end.external
                else next(
                    name for name in side.external if any(within(s, name) for s in end.spellings())
                )
            )
            assert target is not None
            key = (edge.path, edge.line, edge.column)
            edges.setdefault(key, []).append(edge)
            rank = (len(chain), tuple(step.imported for step in chain))
            if key not in best or rank < best[key][0]:
                best[key] = (
                    rank,
                    Breach(contract, chain, side.source, target, target in side.siblings),
                )
    return [replace(breach, edges=tuple(sorted(edges[key]))) for key, (_, breach) in best.items()]


def _chain(
    counted: _Counted, side: _Side, edge: Edge, distance: dict[str, int]
) -> tuple[Edge, ...] | None:
    """`edge` and the shortest way on to a target, or None when it does not leave or reach."""
    if edge.external:
        hit = any(within(name, target) for name in edge.spellings() for target in side.external)
        return (edge,) if hit else None
    if edge.imported in side.modules:
        return None
    if edge.imported in side.targets:
        return (edge,)
    if edge.imported not in distance:
        return None
    chain = [edge]
    here = edge.imported
    while here not in side.targets:
        step = min(
            (
                e
                for e in counted.out(here)
                if not e.external and distance.get(e.imported, -1) == distance[here] - 1
            ),
            key=lambda e: (e.imported, e.line, e.column),
        )
        chain.append(step)
        here = step.imported
    return tuple(chain)


def _distances(counted: _Counted, side: _Side) -> dict[str, int]:
    """Steps from each module to the nearest target, through pass-through modules only."""
    incoming = counted.incoming(side.blocked)
    distance = dict.fromkeys(side.targets, 0)
    frontier = sorted(side.targets)
    while frontier:
        following = []
        for module in frontier:
            for importer in incoming.get(module, ()):
                if importer not in distance:
                    distance[importer] = distance[module] + 1
                    following.append(importer)
        frontier = following
    return distance


# ---------------------------------------------------------------------------- kinds


def _owner(module: str, names: Iterable[str]) -> str | None:
    """The most specific of `names` that contains `module`."""
    holders = [name for name in names if within(module, name)]
    return max(holders, key=len) if holders else None


def _forbidden(counted: _Counted, contract: Contract) -> list[Breach]:
    graph = counted.graph
    project_targets = [name for name in contract.target if graph.is_project(name)]
    external = tuple(name for name in contract.target if not graph.is_project(name))
    targets = {
        module: owner
        for module in graph.modules
        if (owner := _owner(module, project_targets)) is not None
    }
    breaches = []
    # A `from` entry inside another adds nothing: the outer one already covers its modules.
    sources = {
        name
        for name in contract.source
        if not any(within(name, other) and name != other for other in contract.source)
    }
    # Chains pass through project modules outside `from` (and stop at the first target).
    blocked = frozenset(m for name in contract.source for m in graph.modules_within(name))
    blocked |= frozenset(targets)
    for source in sorted(sources):
        modules = frozenset(m for m in graph.modules_within(source) if m not in targets)
        side = _Side(source, modules, targets, external, blocked, contract.indirect)
        breaches += _search(counted, side, contract)
    return breaches


def _members(counted: _Counted, contract: Contract) -> list[Breach]:
    """Layers (each member against higher layers and its siblings) and independence."""
    graph = counted.graph
    layers = contract.layers if contract.kind == "layers" else (contract.modules,)
    members = [member for layer in layers for member in layer]
    owner = {
        module: found for module in graph.modules if (found := _owner(module, members)) is not None
    }
    layered = frozenset(owner)  # chains pass only through modules in no layer
    breaches = []
    for level, layer in enumerate(layers):
        for member in layer:
            siblings = frozenset(other for other in layer if other != member)
            higher = frozenset(m for upper in layers[:level] for m in upper)
            forbidden = siblings | higher
            side = _Side(
                member,
                frozenset(m for m, o in owner.items() if o == member),
                {m: o for m, o in owner.items() if o in forbidden},
                (),
                layered,
                True,
                siblings if contract.kind == "layers" else frozenset(),
            )
            breaches += _search(counted, side, contract)
    return breaches
