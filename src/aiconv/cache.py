"""Results cached per file by content hash (plus version and settings), in `.aiconv_cache/`.

Keyed on content, not mtime: CI checkouts have new mtimes, so an mtime cache misses exactly
where it matters. The cache is JSON, never pickle: a committed cache must not run code.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

from aiconv import __version__
from aiconv.violation import Violation

CACHE_DIR = ".aiconv_cache"


def digest(data: bytes) -> str:
    """The content hash a cache entry is keyed on."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class Cache:
    """Per-file results of one configuration; load once, save once."""

    def __init__(self, root: Path, key: str, enabled: bool = True) -> None:
        self.enabled = enabled
        self.folder = root / CACHE_DIR
        name = hashlib.sha256(f"{__version__}|{key}".encode()).hexdigest()[:20]
        self.file = self.folder / f"results-{name}.json"
        self.entries: dict[str, Any] = {}
        self.dirty = False
        if enabled:
            try:
                loaded = json.loads(self.file.read_text(encoding="utf-8"))
                if isinstance(loaded, dict):
                    self.entries = loaded
            except (OSError, ValueError):
                self.entries = {}

    def get(
        self, path: str, content: str
    ) -> tuple[tuple[Violation, ...], dict[int, list[str]], list[str]] | None:
        """The cached violations and suppressions of `path` if its content hash matches."""
        entry = self.entries.get(path) if self.enabled else None
        if not entry or entry.get("digest") != content:
            return None
        try:
            violations = tuple(Violation(**item) for item in entry["violations"])
            lines = {int(line): codes for line, codes in entry["lines"].items()}
            return violations, lines, list(entry["file"])
        except (KeyError, TypeError, ValueError):
            return None

    def put(
        self,
        path: str,
        content: str,
        violations: tuple[Violation, ...],
        lines: dict[int, tuple[str, ...]],
        file: tuple[str, ...],
    ) -> None:
        """Remember the results of `path` at `content`."""
        if not self.enabled:
            return
        self.entries[path] = {
            "digest": content,
            "violations": [asdict(violation) for violation in violations],
            "lines": {str(line): list(codes) for line, codes in lines.items()},
            "file": list(file),
        }
        self.dirty = True

    def save(self) -> None:
        """Write the cache (atomically); failures are ignored, a cache is only an optimisation."""
        if self.enabled and self.dirty:
            write_json(self.file, self.entries)


def write_json(file: Path, data: object) -> None:
    """Write a cache file atomically in `.aiconv_cache/` (which git is told to ignore).

    Failures are ignored: a cache is only an optimisation, and a read-only checkout must lint.
    """
    try:
        file.parent.mkdir(exist_ok=True)
        marker = file.parent / ".gitignore"
        if not marker.exists():
            marker.write_text("# created by aiconv\n*\n", encoding="utf-8")
        handle, temporary = tempfile.mkstemp(dir=file.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(data, stream, separators=(",", ":"))
        os.replace(temporary, file)
    except OSError:
        pass  # no cache this time; the results are the same
