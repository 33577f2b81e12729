"""The project import graph: modules, the import statements between them, and chains.

Pure domain code (as import-linter keeps its graph apart from the filesystem): it is built from
`SourceFile`s, plain data that `graphbuild` reads from the tree, so tests can describe a project
in a few lines. Resolution follows SPEC §3 "Boundary semantics": `from a.b import c` is an edge
to `a.b.c` where that module exists, else to `a.b`; `import a.b.c` to `a.b.c`; relative imports
resolve against the importing module; a folder is a package with or without `__init__.py`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from keyword import iskeyword
from typing import NamedTuple

from aiconv.importscan import RawImport


@dataclass(frozen=True)
class SourceFile:
    """One Python file of the tree: its path, module name (None for a script) and imports."""

    path: str
    module: str | None
    is_package: bool
    imports: tuple[RawImport, ...]


class Edge(NamedTuple):
    """One module imported by one import statement.

    `importer` is "" for a script (a file with no module name). `imported` is a project module,
    or for an external import the module as written; an external `from m import a` also lists
    `m.a` in `names`, since `a` may be a submodule (`from torch import distributed`).
    A NamedTuple, so edges sort by file, line, column and module at C speed.
    """

    path: str
    line: int
    column: int
    imported: str
    importer: str
    end_line: int
    end_column: int
    external: bool = False
    type_checking: bool = False
    names: tuple[str, ...] = ()

    def spellings(self) -> tuple[str, ...]:
        """The module names this import may stand for (for matching targets and ignores)."""
        return (self.imported, *self.names)


def normalize_root(root: str) -> str:
    """A source root as a path prefix: "." -> "", "src" -> "src/", "./lib/" -> "lib/"."""
    parts = [part for part in root.replace("\\", "/").split("/") if part not in ("", ".")]
    return "/".join(parts) + "/" if parts else ""


def module_name(path: str, roots: Iterable[str]) -> tuple[str | None, bool]:
    """The module a file defines, from the first root that holds it, and whether it is a package.

    (None, False) for a file outside every root or whose path is not importable by name
    (`my-scripts/run.py`).
    """
    if not path.endswith(".py"):
        return None, False
    for root in roots:
        prefix = normalize_root(root)
        if path.startswith(prefix) and not path.startswith("../"):
            parts = path[len(prefix) : -len(".py")].split("/")
            package = parts[-1] == "__init__"
            if package:
                parts = parts[:-1]
            if parts and all(part.isidentifier() and not iskeyword(part) for part in parts):
                return ".".join(parts), package
            return None, False
    return None, False


def within(module: str, name: str) -> bool:
    """True when `module` is `name` or one of its submodules."""
    return module == name or module.startswith(name + ".")


class ImportGraph:
    """Every module under the source roots and every import edge between them."""

    def __init__(self, files: Iterable[SourceFile]) -> None:
        ordered = sorted(files, key=lambda item: item.path)
        self.files: dict[str, SourceFile] = {item.path: item for item in ordered}
        self.modules: dict[str, str | None] = {}
        self.packages: set[str] = set()
        for item in sorted(ordered, key=lambda f: (f.module is None, not f.is_package)):
            if item.module is None:
                continue
            parts = item.module.split(".")
            for size in range(1, len(parts)):
                self.modules.setdefault(".".join(parts[:size]), None)
                self.packages.add(".".join(parts[:size]))
            if self.modules.get(item.module) is None:
                self.modules[item.module] = item.path
            if item.is_package:
                self.packages.add(item.module)
        self.top_level = frozenset(name.split(".")[0] for name in self.modules)
        edges = sorted(set(edge for item in ordered for edge in self._resolve(item)))
        self.edges: tuple[Edge, ...] = tuple(edges)
        self._out: dict[str, list[Edge]] = {}
        self._in_file: dict[str, list[Edge]] = {}
        for edge in sorted(edges, key=lambda e: (e.importer, e.imported, e.line, e.column)):
            self._out.setdefault(edge.importer, []).append(edge)
        for edge in edges:
            self._in_file.setdefault(edge.path, []).append(edge)
        self._without_type_checking: dict[str, list[Edge]] | None = None

    # ------------------------------------------------------------------ queries

    def adjacency(self, type_checking: bool) -> dict[str, list[Edge]]:
        """Importer -> its edges (by imported module, then line); TYPE_CHECKING ones optional.

        Shared, not copied: callers must not change it.
        """
        if type_checking:
            return self._out
        if self._without_type_checking is None:
            self._without_type_checking = {
                module: [edge for edge in edges if not edge.type_checking]
                for module, edges in self._out.items()
            }
        return self._without_type_checking

    def exists(self, name: str) -> bool:
        """True when `name` is a module of the project."""
        return name in self.modules

    def is_project(self, name: str) -> bool:
        """True when `name`'s top-level package is a project package (else it is external)."""
        return name.split(".")[0] in self.top_level

    def modules_within(self, name: str) -> list[str]:
        """`name` and its submodules that exist, sorted."""
        return sorted(module for module in self.modules if within(module, name))

    def imports_of(self, module: str) -> tuple[Edge, ...]:
        """The edges whose importer is `module` (by imported module, then line)."""
        return tuple(self._out.get(module, ()))

    def imports_in(self, path: str) -> tuple[Edge, ...]:
        """The edges of the import statements written in the file `path`, in source order."""
        return tuple(self._in_file.get(path, ()))

    def importers(self) -> Iterator[str]:
        """Every module that imports something (scripts are "")."""
        return iter(sorted(self._out))

    # ------------------------------------------------------------------ resolution

    def _resolve(self, item: SourceFile) -> Iterator[Edge]:
        importer = item.module or ""
        for raw in item.imports:
            for imported, external, names in self._targets(item, raw):
                if imported != importer:
                    yield Edge(
                        item.path,
                        raw.line,
                        raw.column,
                        imported,
                        importer,
                        raw.end_line,
                        raw.end_column,
                        external,
                        raw.type_checking,
                        names,
                    )

    def _targets(
        self, item: SourceFile, raw: RawImport
    ) -> Iterator[tuple[str, bool, tuple[str, ...]]]:
        if not raw.is_from:
            for name in raw.names:
                if self.is_project(name):
                    yield self._nearest(name), False, ()
                else:
                    yield name, True, ()
            return
        base = raw.module
        if raw.level:
            anchor = self._anchor(item, raw.level)
            if anchor is None:
                return  # a relative import in a script, or above the top-level package
            base = f"{anchor}.{base}" if base else anchor
        if not self.is_project(base):
            yield base, True, tuple(f"{base}.{name}" for name in raw.names if name != "*")
            return
        for name in raw.names:
            candidate = f"{base}.{name}"
            yield (
                (candidate if name != "*" and candidate in self.modules else self._nearest(base)),
                False,
                (),
            )

    def _anchor(self, item: SourceFile, level: int) -> str | None:
        """The package a relative import with `level` dots starts from."""
        if item.module is None:
            return None
        parts = item.module.split(".")
        if not item.is_package:
            parts = parts[:-1]
        if level - 1 >= len(parts) or not parts:
            return None
        return ".".join(parts[: len(parts) - (level - 1)])

    def _nearest(self, name: str) -> str:
        """`name` if it is a module, else its closest ancestor that is (a missing submodule)."""
        parts = name.split(".")
        while len(parts) > 1 and ".".join(parts) not in self.modules:
            parts.pop()
        return ".".join(parts)
