"""`aiconv init`, first half: look at a repository without importing or running any of it.

What it finds (packages and source roots, folders named like ML layers, notebooks, large and
weight files, seeding helpers, and how the code spells common ML concepts) is plain data;
`proposal.py` turns it into a commented `[tool.aiconv]` table.
"""

from __future__ import annotations

import ast
import os
import re
import warnings
from collections import Counter
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from aiconv import files
from aiconv.catalogue.randomness import SEEDERS
from aiconv.concepts import CONCEPTS, Concept
from aiconv.config import Settings, Term
from aiconv.graph import module_name
from aiconv.importscan import scan
from aiconv.source import Undecodable, decode
from aiconv.terms import Glossary

# Folder names that stand for one layer of an ML code base, and the layer's rank (0 highest):
# serving code may import training code, data code may import nothing above it.
LAYER_RANK = {
    "serving": 0, "api": 0, "inference": 0, "pipelines": 0,
    "training": 1, "train": 1, "evaluation": 1, "eval": 1,
    "models": 2,
    "features": 3,
    "data": 4, "datasets": 4,
}  # fmt: skip
TRAINING = frozenset({"training", "train"})
SERVING = frozenset({"serving", "api", "inference"})
# Folders that hold code but not the product's packages.
NOT_PRODUCT = frozenset(
    {"tests", "test", "testing", "docs", "doc", "examples", "example", "benchmarks", "bench",
     "scripts", "notebooks", "tools"}
)  # fmt: skip
# Modules of a models package that its model families share, so not a family of their own.
SHARED_MODULES = frozenset(
    {"base", "common", "utils", "util", "helpers", "layers", "registry", "modules", "components",
     "blocks", "shared", "core", "factory", "builder", "heads", "losses", "ops", "types"}
)  # fmt: skip
WEB_FRAMEWORKS = frozenset(
    {"fastapi", "flask", "starlette", "django", "aiohttp", "tornado", "sanic", "litestar",
     "uvicorn", "gunicorn", "bentoml", "ray", "gradio", "streamlit", "grpc", "litserve"}
)  # fmt: skip
WEIGHT_SUFFIXES = (".ckpt", ".pt", ".pth", ".safetensors", ".h5", ".onnx", ".pkl", ".joblib")
LARGE = 5_000_000  # the ML preset's max-file-size
_SEEDERS = {seeder.function: seeder for seeder in SEEDERS if seeder.libraries}


@dataclass(frozen=True)
class Package:
    """A top-level package: its name, its folder and the source root that holds it."""

    name: str
    path: str
    root: str


@dataclass(frozen=True)
class SeedHelper:
    """A project function whose body calls a seeder."""

    function: str  # qualified: acme.utils.seeding.seed_everything
    path: str
    seeders: tuple[str, ...]


@dataclass(frozen=True)
class Usage:
    """How often the code spells one concept each way (names defined, files and folders)."""

    concept: Concept
    counts: tuple[int, ...]  # one per spelling, in the concept's order

    def used(self) -> list[tuple[str, int]]:
        """The spellings that occur, most used first (the full word first on a tie)."""
        pairs = [(s, n) for s, n in zip(self.concept.spellings, self.counts) if n]
        return sorted(pairs, key=lambda pair: -pair[1])


@dataclass(frozen=True)
class Inspection:
    """Everything `aiconv init` learned about a repository."""

    root: Path
    files: tuple[str, ...]
    folders: tuple[str, ...]
    packages: tuple[Package, ...]
    roots: tuple[str, ...]
    modules: frozenset[str]
    layer_modules: tuple[str, ...]  # packages named like a layer, outermost only, sorted
    notebooks: tuple[str, ...]
    weights: tuple[str, ...]
    large: tuple[tuple[str, int], ...]
    seed_helpers: tuple[SeedHelper, ...]
    usages: tuple[Usage, ...]
    serving_imports: tuple[str, ...]  # web frameworks the serving modules import

    def exists(self, path: str) -> bool:
        """True when `path` (a file, or a folder with a trailing /) is in the repository."""
        return path.rstrip("/") in (self.folders if path.endswith("/") else self.files)

    def last(self, module: str) -> str:
        """The last dotted part of a module name."""
        return module.rsplit(".", 1)[-1]


def inspect(root: Path) -> Inspection:
    """Walk the repository at `root` (honouring .gitignore and the default excludes)."""
    root = Path(os.path.realpath(root))
    found = files.collect([root], Settings(root=root))
    paths = [path for path in found.files if not path.startswith("../")]
    folders = [path for path in found.folders if not path.startswith("../")]
    packages = _packages(paths, folders)
    roots = _roots(packages)
    python = [path for path in paths if path.endswith(".py")]
    modules: set[str] = set()
    packaged: set[str] = set()
    module_of: dict[str, str] = {}
    tops = {package.name for package in packages}
    for path in python:
        module, is_package = module_name(path, roots)
        if module is None or module.split(".")[0] not in tops:
            continue
        module_of[path] = module
        parts = module.split(".")
        modules.update(".".join(parts[:end]) for end in range(1, len(parts) + 1))
        packaged.update(".".join(parts[:end]) for end in range(1, len(parts)))
        if is_package:
            packaged.add(module)
    texts = {path: text for path in python if (text := _text(root, path)) is not None}
    layers = _layer_modules(packaged)
    sizes = _sizes(root, paths)
    return Inspection(
        root=root,
        files=tuple(paths),
        folders=tuple(folders),
        packages=packages,
        roots=roots,
        modules=frozenset(modules),
        layer_modules=layers,
        notebooks=tuple(path for path in paths if path.endswith(".ipynb")),
        weights=tuple(path for path in paths if path.lower().endswith(WEIGHT_SUFFIXES)),
        large=tuple(sorted(((p, s) for p, s in sizes.items() if s > LARGE), key=lambda x: -x[1])),
        seed_helpers=_seed_helpers(texts, module_of),
        usages=_usages(texts, paths, folders),
        serving_imports=_serving_imports(texts, module_of, layers, tops),
    )


def _packages(paths: list[str], folders: list[str]) -> tuple[Package, ...]:
    """Top-level packages: folders with `__init__.py` under a folder without one, and the
    folders of `src/` holding Python code (namespace packages need no `__init__.py`)."""
    initialised = {
        str(PurePosixPath(path).parent)
        for path in paths
        if PurePosixPath(path).name == "__init__.py"
    } - {"."}
    found: dict[str, Package] = {}
    for folder in sorted(initialised):
        ancestors = [str(parent) for parent in PurePosixPath(folder).parents]
        if any(ancestor in initialised for ancestor in ancestors):
            continue
        parent = ancestors[0]
        _add_package(found, folder, parent)
    if "src" in folders:
        for path in paths:
            parts = path.split("/")
            if len(parts) >= 3 and parts[0] == "src" and path.endswith(".py"):
                _add_package(found, f"src/{parts[1]}", "src")
    return tuple(sorted(found.values(), key=lambda package: (package.path, package.name)))


def _add_package(found: dict[str, Package], folder: str, root: str) -> None:
    name = PurePosixPath(folder).name
    if not name.isidentifier() or any(part in NOT_PRODUCT for part in folder.split("/")):
        return
    found.setdefault(folder, Package(name, folder, root))


def _roots(packages: tuple[Package, ...]) -> tuple[str, ...]:
    """The source roots, deepest first, then "." so scripts and tests resolve too."""
    roots = {package.root for package in packages} - {"."}
    ordered = sorted(roots, key=lambda root: (-root.count("/"), root))
    return (*ordered, ".")


def _layer_modules(packages: set[str]) -> tuple[str, ...]:
    """Packages named like a layer, leaving out those inside another one."""
    named = [m for m in packages if m.rsplit(".", 1)[-1] in LAYER_RANK]
    outer = [m for m in named if not any(m.startswith(other + ".") for other in named)]
    return tuple(sorted(outer))


def _sizes(root: Path, paths: list[str]) -> dict[str, int]:
    sizes = {}
    for path in paths:
        try:
            sizes[path] = os.stat(root / path).st_size
        except OSError:
            continue  # vanished or unreadable: `aiconv lint` reports it
    return sizes


def _text(root: Path, path: str) -> str | None:
    try:
        return decode(path, (root / path).read_bytes()).text
    except (OSError, Undecodable):
        return None


def _parse(path: str, text: str) -> ast.Module | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escape sequences in someone's strings
            return ast.parse(text, filename=path)
    except (SyntaxError, ValueError):
        return None  # `aiconv lint` reports it as AIC001


# ---------------------------------------------------------------------------- seeding helpers


def _aliases(tree: ast.Module) -> dict[str, str]:
    """Local name -> qualified name, from every import statement of the file."""
    aliases = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    aliases[alias.asname] = alias.name
                else:
                    top = alias.name.split(".")[0]
                    aliases[top] = top
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return aliases


def _qualified(node: ast.expr, aliases: dict[str, str]) -> str | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name) or node.id not in aliases:
        return None
    return ".".join([aliases[node.id], *reversed(parts)])


def _seed_helpers(texts: dict[str, str], module_of: dict[str, str]) -> tuple[SeedHelper, ...]:
    helpers = []
    for path, text in sorted(texts.items()):
        module = module_of.get(path)
        # Every seeder that takes a seed has "seed" in its name: files without it are not parsed.
        if module is None or _is_test(path) or "seed" not in text:
            continue
        tree = _parse(path, text)
        if tree is None:
            continue
        aliases = _aliases(tree)
        for function in tree.body:
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            called = set()
            for node in ast.walk(function):
                if not isinstance(node, ast.Call):
                    continue
                name = _qualified(node.func, aliases)
                seeder = _SEEDERS.get(name or "")
                given = node.args or node.keywords
                if seeder is not None and (given or not seeder.entropy_when_absent):
                    called.add(seeder.function)
            if called:
                helpers.append(SeedHelper(f"{module}.{function.name}", path, tuple(sorted(called))))
    return tuple(helpers)


def _is_test(path: str) -> bool:
    name = PurePosixPath(path).name
    parts = path.split("/")
    return (
        "tests" in parts
        or name.startswith("test_")
        or name.endswith("_test.py")
        or (name == "conftest.py")
    )


# ---------------------------------------------------------------------------- spellings


_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
_NAMES = rf"{_NAME}(?:[ \t]*,[ \t]*{_NAME})*"
# What AIC101 counts as definitions, found by regular expressions rather than a parse: parsing
# and walking every file takes seconds on a large repository, these a fraction of that. Each
# one starts with literal text or a line start, so the engine skips ahead instead of trying
# every position. An assignment needs a space before `=` (or an annotation), which tells it from
# a keyword argument on a line of its own (`    lr=3e-4,`): PEP 8 writes one and not the other.
_DEFINITIONS = (
    re.compile(rf"^[ \t]*(?:async[ \t]+)?(?:def|class)[ \t]+({_NAME})", re.MULTILINE),
    re.compile(rf"^[ \t]*(?:self\.)?({_NAMES})(?:[ \t]+|[ \t]*:[^=\n]*)=(?!=)", re.MULTILINE),
    re.compile(rf"for[ \t]+\(?({_NAMES})\)?[ \t]+in[ \t]"),
    re.compile(rf" as[ \t]+({_NAME})"),
)
_WALRUS = re.compile(rf"({_NAME})[ \t]*:=")
_PARAMETERS = re.compile(rf"def[ \t]+{_NAME}[ \t]*\(([^)]*)\)")
_PARAMETER = re.compile(rf"^[\s*]*({_NAME})")


def _defined_names(text: str) -> set[str]:
    """The names a file defines (what AIC101 checks): the team's own words, not its libraries'."""
    patterns = [*_DEFINITIONS, _WALRUS] if ":=" in text else _DEFINITIONS
    names = {
        part.strip()
        for pattern in patterns
        for match in pattern.finditer(text)
        for part in match.group(1).split(",")
    }
    for match in _PARAMETERS.finditer(text):
        for parameter in match.group(1).split(","):
            if found := _PARAMETER.match(parameter):
                names.add(found.group(1))
    return names


def _usages(texts: dict[str, str], paths: list[str], folders: list[str]) -> tuple[Usage, ...]:
    glossary = Glossary(tuple(Term(c.full, c.spellings) for c in CONCEPTS))
    counts: Counter[str] = Counter()
    # Each name once per file: a parameter repeated in twenty test functions is one choice.
    words = [name for text in texts.values() for name in _defined_names(text)]
    words += [PurePosixPath(path).name.split(".")[0] for path in (*paths, *folders)]
    for word in words:
        if glossary.could_match(word):
            counts.update(hit.avoided for hit in glossary.find(word))
    return tuple(
        Usage(concept, tuple(counts[spelling] for spelling in concept.spellings))
        for concept in CONCEPTS
    )


# ---------------------------------------------------------------------------- web frameworks


def _serving_imports(
    texts: dict[str, str], module_of: dict[str, str], layers: tuple[str, ...], tops: set[str]
) -> tuple[str, ...]:
    """The web frameworks that the serving modules import (external, by top-level name)."""
    serving = [m for m in layers if m.rsplit(".", 1)[-1] in SERVING]
    found: set[str] = set()
    for path, text in texts.items():
        module = module_of.get(path, "")
        if not any(module == m or module.startswith(m + ".") for m in serving):
            continue
        for statement in scan(text):
            if statement.level:
                continue
            names = [statement.module] if statement.is_from else list(statement.names)
            found.update(
                top
                for name in names
                if (top := name.split(".")[0]) in WEB_FRAMEWORKS and top not in tops
            )
    return tuple(sorted(found))
