"""Git's view of a project: the files a commit would contain (tracked plus staged).

The layout rules judge what the repository holds, not what happens to lie on disk, so they
ask git rather than walk: `git ls-files --cached` lists the index, which is every tracked file
plus every staged one. Outside a repository, or where git is not installed, the callers fall
back to the walk that honours `.gitignore` (files.collect).
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

# Git resolves these relative to the working directory, and we run git in another folder.
_PATH_VARIABLES = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE")
_SUBMODULE = b"160000"


@dataclass(frozen=True)
class Index:
    """The files of a folder that git tracks or has staged, relative to that folder."""

    files: frozenset[str]
    folders: frozenset[str]


def index(folder: Path) -> Index | None:
    """What a commit would contain under `folder`; None when git is missing or it is no repository.

    Paths are POSIX and relative to `folder`. A file deleted from the working tree but not from
    the index is left out: aiconv judges the tree it can read, and pre-commit makes the working
    tree match the index before hooks run, so in a hook both agree. Submodules (folders in the
    index) are left out too: their files belong to another repository.
    """
    try:
        completed = subprocess.run(
            # -t tags each line (H: in the index, R: deleted from the working tree),
            # -s adds the mode, which tells a submodule (160000) from a file.
            ["git", "ls-files", "-z", "-t", "-s", "--cached", "--deleted"], cwd=folder,
            env=_environment(), stdin=subprocess.DEVNULL, capture_output=True, check=False,
        )  # fmt: skip
    except OSError:  # git is not installed, or the folder is gone
        return None
    if completed.returncode != 0:  # not a repository (or a broken one): walk instead
        return None
    indexed: set[str] = set()
    deleted: set[str] = set()
    for record in completed.stdout.split(b"\0"):
        head, tab, raw = record.partition(b"\t")
        if not tab:
            continue
        tag, mode = head.split(b" ", 2)[:2]
        if mode == _SUBMODULE:
            continue
        (deleted if tag == b"R" else indexed).add(os.fsdecode(raw))
    files = indexed - deleted
    folders = {parent for path in files for parent in _parents(path)}
    return Index(frozenset(files), frozenset(folders))


def _parents(path: str) -> list[str]:
    parts = path.split("/")[:-1]
    return ["/".join(parts[: end + 1]) for end in range(len(parts))]


def _environment() -> dict[str, str]:
    """This process's environment with git's path variables made absolute.

    Inside a git hook, git exports GIT_INDEX_FILE (and sometimes GIT_DIR) relative to the
    repository's top folder; they name the index the commit will use, so they are kept, but
    resolved before git runs in the project root.
    """
    environment = dict(os.environ)
    for name in _PATH_VARIABLES:
        value = environment.get(name)
        if value and not os.path.isabs(value):
            environment[name] = os.path.abspath(value)
    return environment


class Tracked:
    """Whether git tracks a path of one repository; git is asked on the first question only."""

    def __init__(self, top: Path) -> None:
        self.top = top
        self._index: Index | None = None
        self._asked = False

    def tracks(self, path: Path, is_dir: bool) -> bool:
        """True when `path` (absolute) is a file in the index, or a folder holding one."""
        if not self._asked:
            self._asked = True
            self._index = index(self.top) if (self.top / ".git").exists() else None
        if self._index is None:
            return False
        try:
            rel = path.relative_to(self.top).as_posix()
        except ValueError:
            return False
        return rel in (self._index.folders if is_dir else self._index.files)
