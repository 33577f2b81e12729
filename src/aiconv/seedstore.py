"""Every project file's seeding facts, read from the tree with a per-file cache.

Like the import graph (`graphbuild.py`), the facts cover every `.py` file under the project
root whatever files a run lints: a pre-commit batch must see the seeds and draws of files it
was not given. Each file's facts are cached by content hash in `.aiconv_cache/` (JSON, never
pickle), so a warm run reads bytes and hashes them, and parses only what changed.

Parsing is limited to files that can matter (PERFORMANCE.md: parse only what a rule can
match), decided from the import graph, which knows every import of every file. A file can draw
or call a catalogued seeder only if it imports that library (or the package of a configured
seed function); it can call a project function that seeds only if it imports that function's
module (or a package above it, which may re-export it) and spells its name. So files are read
in rounds: first those importing a library, then the callers of the seeding functions found so
far, until no new one turns up. A file never parsed has no draws and no seeds; its main guard,
if any, is found with Python's `ast` (cheap).
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import re
from collections.abc import Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import Any

from aiconv import __version__
from aiconv.cache import CACHE_DIR, digest, write_json
from aiconv.catalogue.randomness import DRAW_BY_NAME, SEEDER_BY_NAME
from aiconv.config import Settings
from aiconv.graph import ImportGraph
from aiconv.seedfacts import NOTHING, FileFacts, extract, guard_only
from aiconv.seeding import Policy, Seeding
from aiconv.source import Undecodable, decode

EXTRACTOR = "1"  # bump when `seedfacts.extract`'s output changes
PARALLEL_CHARS = 500_000  # less source than this to parse: worker start-up costs more than it saves
# The libraries whose draws and seeders the facts record: a file that imports none of them
# (and no configured seed function's package) cannot call one.
LIBRARIES = frozenset(name.split(".")[0] for name in (*DRAW_BY_NAME, *SEEDER_BY_NAME))
# A main guard at the start of a line; `ast` confirms it.
_GUARD = re.compile(r"^if\s.*__main__", re.MULTILINE)


def policy(settings: Settings) -> Policy:
    """The randomness settings as the analysis reads them."""
    randomness = settings.randomness
    return Policy(randomness.seed_functions, randomness.entrypoints, randomness.test_files)


def may_draw_or_seed(text: str, settings: Settings) -> bool:
    """A cheap text check: the file has an import line naming a library whose draws or seeders
    the facts record. The lint run extracts facts from its own tree for these files, so
    `collect` need not parse them again; a file this misses is parsed by `collect` itself."""
    pattern = _library_imports(tuple(settings.randomness.seed_functions))
    return pattern.search(text) is not None


@lru_cache(maxsize=8)
def _library_imports(seed_functions: tuple[str, ...]) -> re.Pattern[str]:
    names = sorted(LIBRARIES | {name.split(".")[0] for name in seed_functions})
    alternatives = "|".join(map(re.escape, names))
    return re.compile(rf"^[ \t]*(?:import|from)\b[^\n]*\b(?:{alternatives})\b", re.MULTILINE)


def collect(
    settings: Settings,
    graph: ImportGraph,
    cache: bool = True,
    known: Mapping[str, tuple[str, Any]] | None = None,
) -> dict[str, FileFacts]:
    """The facts of every file of the graph: given by the lint run, cached, parsed, or empty.

    `known` maps paths to (content digest, facts JSON) that the runner extracted from the tree
    it had parsed anyway, so a file is parsed with libcst once per run, not twice.
    """
    store = _Store(settings, enabled=cache)
    for path, (content, data) in (known or {}).items():
        store.give(path, content, FileFacts.from_json(data))
    texts: dict[str, str] = {}
    digests: dict[str, str] = {}
    for path in graph.files:
        try:
            data = (settings.root / path).read_bytes()
            texts[path] = decode(path, data).text
        except (OSError, Undecodable):
            continue  # the lint run reports it (AIC002)
        digests[path] = digest(data)
    facts = {path: NOTHING for path in graph.files}
    pending = set(texts)
    libraries = LIBRARIES | {name.split(".")[0] for name in settings.randomness.seed_functions}
    chosen = [path for path in sorted(pending) if _imports(graph, path, libraries)]
    seen: set[str] = set()
    while chosen:
        for path, found in _extract_all(store, chosen, texts, digests, settings.src):
            facts[path] = found
        pending.difference_update(chosen)
        functions = set(Seeding(graph, facts, policy(settings)).seed_functions) - seen
        seen |= functions
        chosen = _callers(graph, functions, sorted(pending), texts)
    for path in pending:
        if _GUARD.search(texts[path]):
            light = store.get(path, digests[path], full=False)
            if light is None:
                light = guard_only(texts[path])
                store.put(path, digests[path], light, full=False)
            facts[path] = light
    store.save(graph.files)
    return facts


def _imports(graph: ImportGraph, path: str, tops: set[str] | frozenset[str]) -> bool:
    """True when `path` imports a module under one of the top-level names `tops`."""
    return any(
        not edge.type_checking and edge.imported.split(".")[0] in tops
        for edge in graph.imports_in(path)
    )


def _callers(
    graph: ImportGraph, functions: set[str], paths: list[str], texts: dict[str, str]
) -> list[str]:
    """The files that may call one of `functions`: they import its module (or a package above
    it, which may re-export it) and spell its name."""
    if not functions:
        return []
    modules: set[str] = set()
    for function in functions:
        parts = function.split(".")[:-1]
        modules.update(".".join(parts[:size]) for size in range(1, len(parts) + 1))
    names = sorted({function.rsplit(".", 1)[-1] for function in functions})
    spelled = re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b")
    return [
        path
        for path in paths
        if any(edge.imported in modules for edge in graph.imports_in(path))
        and spelled.search(texts[path])
    ]


def _extract_all(
    store: _Store,
    paths: list[str],
    texts: dict[str, str],
    digests: dict[str, str],
    roots: tuple[str, ...],
) -> Iterable[tuple[str, FileFacts]]:
    found = []
    stale = []
    for path in paths:
        cached = store.get(path, digests[path], full=True)
        if cached is None:
            stale.append(path)
        else:
            found.append((path, cached))
    for path, facts in _parse_all(stale, texts, roots):
        store.put(path, digests[path], facts)
        found.append((path, facts))
    return found


def _parse_all(
    paths: list[str], texts: dict[str, str], roots: tuple[str, ...]
) -> Iterable[tuple[str, FileFacts]]:
    jobs = os.cpu_count() or 1
    if jobs <= 1 or len(paths) < 2 or sum(len(texts[path]) for path in paths) < PARALLEL_CHARS:
        return [(path, extract(path, texts[path], roots)) for path in paths]
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    ordered = sorted(paths, key=lambda path: -len(texts[path]))  # largest first
    with ProcessPoolExecutor(jobs, mp_context=context) as pool:
        results = pool.map(
            extract,
            ordered,
            [texts[path] for path in ordered],
            [roots] * len(ordered),
            chunksize=max(1, len(ordered) // (jobs * 4)),
        )
        return list(zip(ordered, results))


class _Store:
    """The facts cache: path -> [digest, facts, full] as JSON, one file per version and source
    roots; `full` is false for a main guard found without parsing the file with libcst."""

    def __init__(self, settings: Settings, enabled: bool) -> None:
        self.enabled = enabled
        key = f"{__version__}|{EXTRACTOR}|{list(settings.src)}"
        name = hashlib.sha256(key.encode()).hexdigest()[:20]
        self.file: Path = settings.root / CACHE_DIR / f"seeding-{name}.json"
        self.entries: dict[str, Any] = {}
        self.given: dict[str, tuple[str, FileFacts]] = {}
        self.dirty = False
        if not enabled:
            return
        try:
            loaded = json.loads(self.file.read_text(encoding="utf-8"))
            if isinstance(loaded, dict):
                self.entries = loaded
        except (OSError, ValueError):
            self.entries = {}

    def get(self, path: str, content: str, full: bool) -> FileFacts | None:
        """The cached facts of `path` if its content hash matches (and, if `full`, all of them)."""
        given = self.given.get(path)
        if given is not None and given[0] == content:
            return given[1]
        entry = self.entries.get(path) if self.enabled else None
        if not isinstance(entry, list) or len(entry) != 3 or entry[0] != content:
            return None
        if full and entry[2] is not True:
            return None
        try:
            return FileFacts.from_json(entry[1])
        except (TypeError, ValueError):
            return None

    def give(self, path: str, content: str, facts: FileFacts) -> None:
        """Facts the lint run extracted: used this run even under --no-cache, and cached."""
        self.given[path] = (content, facts)
        self.put(path, content, facts)

    def put(self, path: str, content: str, facts: FileFacts, full: bool = True) -> None:
        """Remember the facts of `path` at `content`."""
        if self.enabled:
            self.entries[path] = [content, facts.to_json(), full]
            self.dirty = True

    def save(self, paths: Iterable[str]) -> None:
        """Write the cache atomically, dropping files that are gone; failures are ignored."""
        if not self.enabled:
            return
        present = set(paths)
        if set(self.entries) - present:
            self.entries = {path: entry for path, entry in self.entries.items() if path in present}
            self.dirty = True
        if not self.dirty:
            return
        write_json(self.file, self.entries)
