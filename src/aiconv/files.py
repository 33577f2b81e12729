"""Which files a run looks at: the paths given, minus .gitignore'd, default and configured excludes."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pathspec

from aiconv.config import Settings

# Folders no team wants linted (Ruff's list, plus aiconv's own cache).
DEFAULT_EXCLUDES = (
    ".aiconv_cache", ".bzr", ".direnv", ".eggs", ".git", ".git-rewrite", ".hg",
    ".ipynb_checkpoints", ".mypy_cache", ".nox", ".pants.d", ".pyenv", ".pytest_cache",
    ".pytype", ".ruff_cache", ".svn", ".tox", ".venv", ".vscode", "__pypackages__",
    "__pycache__", "_build", "buck-out", "dist", "node_modules", "site-packages", "venv",
)  # fmt: skip


@dataclass(frozen=True)
class Problem:
    """A path that could not be looked at (symlink loop, vanished, unreadable)."""

    path: str
    message: str


@dataclass(frozen=True)
class FileSet:
    """The files and folders of one run, as POSIX paths relative to the project root."""

    files: tuple[str, ...]
    folders: tuple[str, ...]
    problems: tuple[Problem, ...]


def relative(path: Path, root: Path) -> str:
    """`path` as a POSIX path relative to `root` (with `..` when it lies outside)."""
    return PurePosixPath(Path(os.path.relpath(path, root))).as_posix()


class Excluder:
    """Decides whether a path is excluded: default folders, `exclude`, and every .gitignore."""

    def __init__(self, settings: Settings) -> None:
        self.root = settings.root
        self.configured = pathspec.GitIgnoreSpec.from_lines(settings.exclude)
        self._ignores: dict[Path, pathspec.GitIgnoreSpec | None] = {}
        top = self.root
        for folder in (self.root, *self.root.parents):
            if (folder / ".git").exists():
                top = folder
                break
        self.top = top

    def _gitignore(self, folder: Path) -> pathspec.GitIgnoreSpec | None:
        if folder not in self._ignores:
            spec = None
            try:
                lines = (folder / ".gitignore").read_text(encoding="utf-8", errors="replace")
                spec = pathspec.GitIgnoreSpec.from_lines(lines.splitlines())
            except OSError:
                pass
            except Exception:  # a malformed pattern in .gitignore: git skips it, so do we
                spec = None
            self._ignores[folder] = spec
        return self._ignores[folder]

    def excluded(self, path: Path, is_dir: bool) -> bool:
        """True when `path` (absolute) must not be linted."""
        if path.name in DEFAULT_EXCLUDES and is_dir:
            return True
        if is_dir and (path / "pyvenv.cfg").is_file():
            return True  # a virtual environment of any name
        try:
            rel = path.relative_to(self.root).as_posix()
        except ValueError:
            rel = None
        suffix = "/" if is_dir else ""
        if rel is not None and self.configured.match_file(rel + suffix):
            return True
        return self._git_ignored(path, suffix)

    def _git_ignored(self, path: Path, suffix: str) -> bool:
        try:
            path.relative_to(self.top)
        except ValueError:
            return False
        for folder in path.parents:
            spec = self._gitignore(folder)
            if spec is not None and spec.match_file(path.relative_to(folder).as_posix() + suffix):
                return True
            if folder == self.top:
                break
        return False

    def excluded_with_parents(self, path: Path) -> bool:
        """True when `path` or any folder between it and the root is excluded."""
        if path == self.root:
            return False
        if self.excluded(path, path.is_dir()):
            return True
        for folder in path.parents:
            if folder == self.root or folder == self.top or folder == folder.parent:
                break
            if self.excluded(folder, True):
                return True
        return False


def collect(paths: list[Path], settings: Settings) -> FileSet:
    """Every file and folder to lint under `paths`, sorted; excludes apply to given files too."""
    excluder = Excluder(settings)
    files: set[str] = set()
    folders: set[str] = set()
    problems: list[Problem] = []
    root = settings.root
    for given in paths:
        absolute = Path(os.path.abspath(given))
        if not os.path.lexists(absolute):
            problems.append(Problem(relative(absolute, root), "no such file or folder"))
            continue
        if excluder.excluded_with_parents(absolute):
            continue
        if absolute.is_dir() and not absolute.is_symlink():
            _walk(absolute, excluder, root, files, folders, problems)
        else:
            _add_file(absolute, root, files, problems)
        _add_parents(absolute, root, folders)
    return FileSet(tuple(sorted(files)), tuple(sorted(folders)), tuple(sorted(
        problems, key=lambda problem: problem.path)))


def _add_parents(path: Path, root: Path, folders: set[str]) -> None:
    for folder in path.parents if not path.is_dir() else (path, *path.parents):
        if folder == root or root not in folder.parents:
            break
        folders.add(relative(folder, root))


def _add_file(path: Path, root: Path, files: set[str], problems: list[Problem]) -> None:
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except RuntimeError:
            problems.append(Problem(relative(path, root), "symlink loop: the link points back "
                                                          "at itself; remove or repoint it"))
            return
        except OSError as error:
            if error.errno == 40:  # ELOOP
                problems.append(Problem(relative(path, root), "symlink loop: the link points "
                                                              "back at itself; remove or repoint it"))
            else:
                problems.append(Problem(relative(path, root), "broken symlink: its target "
                                                              "does not exist"))
            return
        if target.is_dir():
            return  # symlinked folders are not followed (git stores the link, not the tree)
    files.add(relative(path, root))


def _walk(top: Path, excluder: Excluder, root: Path, files: set[str], folders: set[str],
          problems: list[Problem]) -> None:
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError as error:
            problems.append(Problem(relative(folder, root), f"cannot list folder: {error.strerror}"))
            continue
        for entry in entries:
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_dir = False
            if excluder.excluded(path, is_dir):
                continue
            if is_dir:
                folders.add(relative(path, root))
                stack.append(path)
            else:
                _add_file(path, root, files, problems)
