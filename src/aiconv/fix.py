"""Applying fixes safely: replace nodes, re-parse, write atomically keeping untouched bytes."""

from __future__ import annotations

import ast
import contextlib
import difflib
import os
import stat
import tempfile
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar, cast

import libcst as cst

from aiconv.rules.base import Finding

NodeT = TypeVar("NodeT", bound=cst.CSTNode)


class _Replace(cst.CSTTransformer):
    def __init__(self, replacements: dict[cst.CSTNode, cst.CSTNode]) -> None:
        super().__init__()
        self.replacements = replacements

    def on_leave(self, original_node: NodeT, updated_node: NodeT) -> NodeT:
        # A fix replaces a node with one of the same kind (a Name with a Name).
        return cast(NodeT, self.replacements.get(original_node, updated_node))


def apply(module: cst.Module, findings: list[Finding]) -> tuple[str, int]:
    """The module's code with every non-overlapping fix applied, and how many were applied."""
    chosen: dict[cst.CSTNode, cst.CSTNode] = {}
    applied = 0
    for finding in findings:
        fix = finding.fix
        if fix is None or any(node in chosen for node in fix.replacements):
            continue  # overlapping fixes wait for the next round
        chosen.update(fix.replacements)
        applied += 1
    if not applied:
        return module.code, 0
    return module.visit(_Replace(chosen)).code, applied


def reparses(text: str, before: str | None = None) -> bool:
    """True when `text` still parses, for libcst and for the running Python.

    Python's own parser is only asked when it accepted `before`: a file written for a newer
    Python (`def f[T]()` checked on 3.11) is judged by libcst alone.
    """
    if not _parses(text, cst.parse_module):
        return False
    if _parses(text, _python_parse):
        return True
    return before is not None and not _parses(before, _python_parse)


def _python_parse(text: str) -> object:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ast.parse(text)


def _parses(text: str, parse: Callable[[str], object]) -> bool:
    try:
        parse(text)
    except (cst.ParserSyntaxError, SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff of one file, as `--diff` prints it (and as `git apply` reads it)."""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"a/{path}",
        tofile=f"b/{path}",
    )
    # A last line without a newline would run into the next one, as in `diff`'s own output.
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )


def write_atomic(path: Path, data: bytes, expected: bytes) -> bool:
    """Replace the file's bytes with `data` unless it changed since it was read.

    The new content goes to a temporary file in the same folder, which then replaces the
    original (os.replace is atomic), keeping its permission bits; a symlink's target is
    written, not the link.
    """
    target = path.resolve()
    try:
        if target.read_bytes() != expected:
            return False
        mode = stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return False
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".aiconv"
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return True
