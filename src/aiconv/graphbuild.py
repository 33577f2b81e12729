"""Build the project import graph from the tree, with a per-file cache in `.aiconv_cache/`.

The graph always covers every `.py` file of the project, whatever files a run lints: a
pre-commit batch must see imports in files it was not given. Each file's import statements are
cached by content hash (JSON, never pickle: a committed cache must not run code). A file whose
size and modification time match the cache entry is not even re-read, unless it was modified
within two seconds of the cache being written (the "racy git" case, where the clock cannot tell
two versions apart). CI checkouts have new modification times: there the content hash decides.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import time
import weakref
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiconv import __version__, files
from aiconv.cache import CACHE_DIR, digest, write_json
from aiconv.config import Settings
from aiconv.graph import ImportGraph, SourceFile, module_name
from aiconv.importscan import RawImport, scan
from aiconv.source import Undecodable, decode

if TYPE_CHECKING:
    from aiconv.rules.base import Project

EXTRACTOR = "1"  # bump when importscan's output changes, so old cache entries are not trusted
RACY_SECONDS = 2.0
PARALLEL_FILES = 256  # below this many files to scan, worker start-up costs more than it saves

_Entry = tuple[str, int, int, tuple[RawImport, ...]]  # digest, size, mtime_ns, imports
_last: tuple[weakref.ref[Project], ImportGraph] | None = None  # the graph of the current run


def project_graph(project: Project) -> ImportGraph:
    """The import graph of the project's tree, built once per run (every rule shares it)."""
    global _last
    if _last is not None and _last[0]() is project:
        return _last[1]
    graph = build(project.settings, cache=project.cache)
    _last = (weakref.ref(project), graph)
    return graph


def python_files(settings: Settings) -> list[str]:
    """Every `.py` file under the project root, excluded ones left out as `files.collect` does."""
    found = files.collect([settings.root], settings)
    return [path for path in found.files if path.endswith(".py") and not path.startswith("../")]


def build(settings: Settings, cache: bool = True, jobs: int = 0) -> ImportGraph:
    """Read (or take from the cache) every Python file's imports and resolve them."""
    paths = python_files(settings)
    store = _Store(settings.root, enabled=cache)
    entries: dict[str, _Entry] = {}
    stale: list[str] = []
    for path in paths:
        entry = store.fresh(path)
        if entry is None:
            stale.append(path)
        else:
            entries[path] = entry
    for path, entry in _scan_all(settings.root, stale, jobs or os.cpu_count() or 1):
        if entry is not None:
            entries[path] = entry
            store.put(path, entry)
    store.save(paths)
    sources = []
    for path in paths:
        module, package = module_name(path, settings.src)
        imports = entries[path][3] if path in entries else ()
        sources.append(SourceFile(path, module, package, imports))
    return ImportGraph(sources)


def _scan_all(root: Path, paths: list[str], jobs: int) -> Iterable[tuple[str, _Entry | None]]:
    if jobs <= 1 or len(paths) < PARALLEL_FILES:
        return [(path, _scan_file(root, path)) for path in paths]
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(jobs, mp_context=context) as pool:
        plain = list(pool.map(_scan_plain, [root] * len(paths), paths, chunksize=32))
    return [
        (path, None if entry is None else (*entry[:3], tuple(map(RawImport._make, entry[3]))))
        for path, entry in zip(paths, plain)
    ]


def _scan_plain(root: Path, path: str) -> tuple[str, int, int, list[tuple[Any, ...]]] | None:
    """`_scan_file` as plain tuples: pickling ten thousand NamedTuples costs more than the scan."""
    entry = _scan_file(root, path)
    return None if entry is None else (*entry[:3], [tuple(item) for item in entry[3]])


def _scan_file(root: Path, path: str) -> _Entry | None:
    """One file's cache entry; None when it cannot be read (the lint run reports that)."""
    try:
        with open(os.path.join(root, path), "rb") as stream:
            status = os.fstat(stream.fileno())
            data = stream.read()
    except OSError:
        return None
    try:
        text = decode(path, data).text
    except Undecodable:
        return (digest(data), status.st_size, status.st_mtime_ns, ())
    return (digest(data), status.st_size, status.st_mtime_ns, scan(text))


class _Store:
    """The graph cache: path -> [digest, size, mtime_ns, imports] as JSON."""

    def __init__(self, root: Path, enabled: bool) -> None:
        self.root = root
        self.enabled = enabled
        name = hashlib.sha256(f"{__version__}|{EXTRACTOR}".encode()).hexdigest()[:20]
        self.file = root / CACHE_DIR / f"graph-{name}.json"
        self.entries: dict[str, Any] = {}
        self.written = 0
        self.dirty = False
        if not enabled:
            return
        try:
            loaded = json.loads(self.file.read_text(encoding="utf-8"))
            self.entries = loaded["files"]
            self.written = int(loaded["written"])
        except (OSError, ValueError, KeyError, TypeError):
            self.entries = {}

    def fresh(self, path: str) -> _Entry | None:
        """The cached entry of `path` if the file is unchanged (by stat, else by content)."""
        raw = self.entries.get(path) if self.enabled else None
        if not isinstance(raw, list) or len(raw) != 4:
            return None
        try:
            status = (self.root / path).stat()
            racy = status.st_mtime_ns >= self.written - int(RACY_SECONDS * 1e9)
            if status.st_size != raw[1] or status.st_mtime_ns != raw[2] or racy:
                data = (self.root / path).read_bytes()
                if digest(data) != raw[0]:
                    return None
                raw[1], raw[2] = status.st_size, status.st_mtime_ns
                self.dirty = True  # a new write time makes the entry trusted by stat next run
            return (
                raw[0],
                raw[1],
                raw[2],
                tuple(RawImport._make((*item[:7], tuple(item[7]), item[8])) for item in raw[3]),
            )
        except (OSError, TypeError, ValueError, IndexError):
            return None

    def put(self, path: str, entry: _Entry) -> None:
        """Remember one file's imports."""
        if not self.enabled:
            return
        self.entries[path] = [entry[0], entry[1], entry[2], [list(item) for item in entry[3]]]
        self.dirty = True

    def save(self, paths: list[str]) -> None:
        """Write the cache atomically, dropping files that are gone; failures are ignored."""
        if not self.enabled:
            return
        present = set(paths)
        if set(self.entries) - present:
            self.entries = {path: entry for path, entry in self.entries.items() if path in present}
            self.dirty = True
        if not self.dirty:
            return
        write_json(self.file, {"written": time.time_ns(), "files": self.entries})
