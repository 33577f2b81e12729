"""Seeding as a whole-program property (SPEC §3): which draws nothing seeds (AIC401) and which
entrypoints run draws for a library they never seed (AIC405).

Pure domain code over plain data, like `graph.py`: the project import graph and each file's
`FileFacts`. The rules, as the specification states them:

- Seeders are the catalogue's, `randomness.seed-functions` (they seed every library), and
  project functions whose body calls a seeder (transitively, found across files, through
  re-exports such as `from .seeding import set_seed` in a package's `__init__`).
- A file is seeded for a library when it calls a seeder for it anywhere, or imports (through
  project modules) a module that calls one at module level, which runs on import.
- Entrypoints: files with a main guard and files matching `randomness.entrypoints`. Test files
  (`randomness.test-files`) are neither entrypoints nor reported.
- A draw is covered when its file is seeded for its library, or an entrypoint seeded for it
  imports the file, directly or through project modules.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property

import pathspec

from aiconv.catalogue.randomness import ALL_LIBRARIES, SEEDER_BY_NAME
from aiconv.graph import ImportGraph
from aiconv.seedfacts import FUNCTION, MODULE, DrawSite, FileFacts

# Importing one of these marks a file as ML code; a draw elsewhere may well be a UI choice or
# retry jitter, and its message says how to silence it (catalogue §3, trap 1).
ML_LIBRARIES = frozenset(
    (
        "numpy", "torch", "tensorflow", "keras", "jax", "sklearn", "pandas", "scipy",
        "transformers", "datasets", "lightning", "pytorch_lightning", "accelerate",
    )
)  # fmt: skip
_MAX_ALIASES = 8


@dataclass(frozen=True)
class Uncovered:
    """AIC401: a global draw nothing seeds."""

    path: str
    draw: DrawSite
    entrypoints: tuple[str, ...]  # entrypoints that import the file (none of them seeds it)
    ml: bool  # the file imports an ML library or some entrypoint reaches it


@dataclass(frozen=True)
class Unseeded:
    """AIC405: an entrypoint that runs draws of libraries it never seeds."""

    path: str
    line: int
    column: int
    libraries: tuple[str, ...]
    sites: tuple[tuple[str, DrawSite], ...]  # every unseeded draw it runs, nearest first
    ml: bool  # some draw site is in a file that imports an ML library


@dataclass(frozen=True)
class Policy:
    """The `[tool.aiconv.randomness]` settings the analysis needs."""

    seed_functions: tuple[str, ...] = ()
    entrypoints: tuple[str, ...] = ()
    test_files: tuple[str, ...] = ()


class Seeding:
    """The seeding analysis of one project: ask `uncovered()` and `unseeded()`."""

    def __init__(self, graph: ImportGraph, facts: Mapping[str, FileFacts], policy: Policy) -> None:
        self.graph = graph
        self.facts = facts
        self.policy = policy
        self._tests = pathspec.GitIgnoreSpec.from_lines(policy.test_files)
        self._configured = pathspec.GitIgnoreSpec.from_lines(policy.entrypoints)
        self._reach: dict[str, list[tuple[str, int]]] = {}
        self._seeded: dict[str, frozenset[str]] = {}

    # ------------------------------------------------------------------ files

    def is_test(self, path: str) -> bool:
        """True for a file under `randomness.test-files`."""
        return self._tests.match_file(path)

    @cached_property
    def entrypoints(self) -> tuple[str, ...]:
        """Every entrypoint of the project, by path."""
        return tuple(
            path
            for path in sorted(self.facts)
            if (self.facts[path].guard or self._configured.match_file(path))
            and not self.is_test(path)
        )

    def reach(self, path: str) -> list[tuple[str, int]]:
        """The files `path` imports through project modules, with their distance, nearest first.

        Importing `a.b.c` runs `a/__init__.py` and `a/b/__init__.py` too. Imports under
        `if TYPE_CHECKING:` never run.
        """
        if path in self._reach:
            return self._reach[path]
        graph = self.graph
        distance = {path: 0}
        queue = deque([path])
        while queue:
            current = queue.popleft()
            for edge in graph.imports_in(current):
                if edge.external or edge.type_checking:
                    continue
                parts = edge.imported.split(".")
                for size in range(1, len(parts) + 1):
                    target = graph.modules.get(".".join(parts[:size]))
                    if target is not None and target not in distance:
                        distance[target] = distance[current] + 1
                        queue.append(target)
        del distance[path]
        found = sorted(distance.items(), key=lambda item: (item[1], item[0]))
        self._reach[path] = found
        return found

    # ------------------------------------------------------------------ seeders

    @cached_property
    def _functions(self) -> dict[str, set[str]]:
        """Every module-level project function and the callees of its body."""
        functions: dict[str, set[str]] = {}
        for facts in self.facts.values():
            for call in facts.calls:
                if call.where.startswith(FUNCTION) and not call.entropy:
                    functions.setdefault(call.where[len(FUNCTION) :], set()).add(call.callee)
        return functions

    def _resolve(self, callee: str) -> str:
        """A callee through re-exports: `acme.utils.set_seed` -> `acme.utils.seeding.set_seed`."""
        for _ in range(_MAX_ALIASES):
            if callee in self._functions or "." not in callee:
                return callee
            module, name = callee.rsplit(".", 1)
            path = self.graph.modules.get(module)
            exports = (
                dict(self.facts[path].exports) if path is not None and path in self.facts else {}
            )
            if name not in exports:
                return callee
            callee = exports[name]
        return callee

    @cached_property
    def seed_functions(self) -> dict[str, frozenset[str]]:
        """Project functions that seed, and the libraries each seeds (a fixpoint over calls)."""
        seeds: dict[str, frozenset[str]] = {}
        changed = True
        while changed:
            changed = False
            for function, callees in self._functions.items():
                libraries = frozenset().union(*(self._direct(c, seeds) for c in callees))
                if libraries != seeds.get(function, frozenset()):
                    seeds[function] = libraries
                    changed = True
        return {function: found for function, found in seeds.items() if found}

    def _direct(self, callee: str, seeds: Mapping[str, frozenset[str]]) -> frozenset[str]:
        """The libraries a call of `callee` seeds, given the project functions known to seed."""
        for name in dict.fromkeys((callee, self._resolve(callee))):
            if name in self.policy.seed_functions:
                return frozenset(ALL_LIBRARIES)
            seeder = SEEDER_BY_NAME.get(name)
            if seeder is not None:
                return frozenset(seeder.libraries)
        return seeds.get(self._resolve(callee), frozenset())

    def _seeds_in(self, path: str, where: str | None = None) -> frozenset[str]:
        """The libraries the calls of `path` seed (only those at `where`, if given)."""
        facts = self.facts.get(path)
        if facts is None:
            return frozenset()
        seeds = self.seed_functions
        return frozenset().union(
            *(
                self._direct(call.callee, seeds)
                for call in facts.calls
                if not call.entropy and (where is None or call.where == where)
            )
        )

    def seeded(self, path: str) -> frozenset[str]:
        """The libraries `path` seeds: anywhere in it, or on importing what it imports."""
        if path not in self._seeded:
            on_import = (self._seeds_in(other, MODULE) for other, _ in self.reach(path))
            self._seeded[path] = self._seeds_in(path).union(*on_import)
        return self._seeded[path]

    # ------------------------------------------------------------------ the two questions

    @cached_property
    def _reached_by(self) -> dict[str, list[str]]:
        reached: dict[str, list[str]] = {}
        for entrypoint in self.entrypoints:
            for path, _ in [(entrypoint, 0), *self.reach(entrypoint)]:
                reached.setdefault(path, []).append(entrypoint)
        return reached

    def uncovered(self, paths: Iterable[str]) -> list[Uncovered]:
        """AIC401: the global draws in `paths` that nothing seeds (test files exempt)."""
        found = []
        for path in paths:
            facts = self.facts.get(path)
            if facts is None or not facts.draws or self.is_test(path):
                continue
            reached = self._reached_by.get(path, [])
            for draw in facts.draws:
                if draw.layer or draw.library in self.seeded(path):
                    continue
                if any(draw.library in self.seeded(entry) for entry in reached):
                    continue
                others = tuple(entry for entry in reached if entry != path)
                found.append(Uncovered(path, draw, others, bool(reached) or self._ml(path)))
        return found

    def _ml(self, path: str) -> bool:
        return any(
            edge.external and edge.imported.split(".")[0] in ML_LIBRARIES
            for edge in self.graph.imports_in(path)
        )

    def unseeded(self, paths: Iterable[str]) -> list[Unseeded]:
        """AIC405: the entrypoints among `paths` that run draws of libraries they never seed."""
        wanted = set(paths)
        found = []
        for entrypoint in self.entrypoints:
            if entrypoint not in wanted:
                continue
            seeded = self.seeded(entrypoint)
            sites = []
            for path, _ in [(entrypoint, 0), *self.reach(entrypoint)]:
                if self.is_test(path):
                    continue
                own = self.seeded(path) if path != entrypoint else frozenset()
                for draw in self.facts.get(path, FileFacts()).draws:
                    if draw.library not in seeded and draw.library not in own:
                        sites.append((path, draw))
            if sites:
                facts = self.facts[entrypoint]
                libraries = tuple(sorted({draw.library for _, draw in sites}))
                line, column = (facts.guard, facts.guard_column) if facts.guard else (1, 1)
                ml = any(self._ml(path) for path in {path for path, _ in sites})
                found.append(Unseeded(entrypoint, line, column, libraries, tuple(sites), ml))
        return found
