"""Applying fixes safely: replace nodes, re-parse, write atomically keeping bytes we did not touch."""

from __future__ import annotations

import ast
import difflib
import os
import stat
import tempfile
import warnings
from pathlib import Path

import libcst as cst

from aiconv.rules.base import Finding


class _Replace(cst.CSTTransformer):
    def __init__(self, replacements: dict[cst.CSTNode, cst.CSTNode]) -> None:
        super().__init__()
        self.replacements = replacements

    def on_leave(self, original_node: cst.CSTNode, updated_node: cst.CSTNode) -> cst.CSTNode:
        return self.replacements.get(original_node, updated_node)  # type: ignore[return-value]


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


def reparses(text: str) -> bool:
    """True when `text` still parses, for libcst and for Python itself."""
    try:
        cst.parse_module(text)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ast.parse(text)
    except (cst.ParserSyntaxError, SyntaxError, ValueError, RecursionError):
        return False
    return True


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff of one file, as `--diff` prints it."""
    return "".join(difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True),
        fromfile=f"a/{path}", tofile=f"b/{path}",
    ))


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
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                         suffix=".aiconv")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
    return True
