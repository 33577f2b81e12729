"""Which files a run looks at: the paths given, minus default, configured and .gitignore'd ones."""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pathspec

from aiconv import gitfiles
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


def _read_spec(file: Path) -> pathspec.GitIgnoreSpec | None:
    """The patterns of a .gitignore-style file; None when it is absent or unreadable."""
    try:
        lines = file.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    try:
        return pathspec.GitIgnoreSpec.from_lines(lines)
    except Exception:  # pathspec raises several types for bad patterns
        # git skips a malformed line and keeps the others, so do we.
        return pathspec.GitIgnoreSpec.from_lines([line for line in lines if _valid_pattern(line)])


def _valid_pattern(line: str) -> bool:
    try:
        pathspec.GitIgnoreSpec.from_lines([line])
    except Exception:  # pathspec raises several types for bad patterns
        return False
    return True


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
        self.tracked = gitfiles.Tracked(top)
        self.info_exclude = _read_spec(top / ".git" / "info" / "exclude")

    def _gitignore(self, folder: Path) -> pathspec.GitIgnoreSpec | None:
        if folder not in self._ignores:
            self._ignores[folder] = _read_spec(folder / ".gitignore")
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
        # As in git, .gitignore hides only untracked files: a force-added checkpoint is linted.
        return self._git_ignored(path, suffix) and not self.tracked.tracks(path, is_dir)

    def _git_ignored(self, path: Path, suffix: str) -> bool:
        try:
            path.relative_to(self.top)
        except ValueError:
            return False
        # As git does: the nearest .gitignore with a matching pattern decides, so a nested
        # `!keep.py` re-includes what a parent's `*.py` ignores; .git/info/exclude comes last.
        for folder in path.parents:
            decision = self._decision(self._gitignore(folder), path, folder, suffix)
            if decision is not None:
                return decision
            if folder == self.top:
                break
        decision = self._decision(self.info_exclude, path, self.top, suffix)
        return bool(decision)

    @staticmethod
    def _decision(
        spec: pathspec.GitIgnoreSpec | None, path: Path, folder: Path, suffix: str
    ) -> bool | None:
        """True (ignored), False (re-included by `!`) or None (no pattern of `spec` matches)."""
        if spec is None:
            return None
        return spec.check_file(path.relative_to(folder).as_posix() + suffix).include

    def excluded_with_parents(self, path: Path) -> bool:
        """True when `path` or any folder between it and the root is excluded."""
        if path == self.root:
            return False
        if self.excluded(path, path.is_dir()):
            return True
        for folder in path.parents:
            # Only folders below the root: a path outside the project (say the standard
            # library under ~/.pyenv) is not excluded by the names of its own ancestors.
            if folder == self.root or self.root not in folder.parents:
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
        absolute = _canonical(given)
        if not os.path.lexists(absolute):
            problems.append(Problem(relative(absolute, root), "no such file or folder"))
            continue
        if excluder.excluded_with_parents(absolute):
            continue
        if absolute.is_dir() and not absolute.is_symlink():
            _walk(absolute, excluder, root, files, folders, problems)
            _add_parents(absolute, root, folders)
        else:
            _add_file(absolute, root, files, problems)
            _add_owned_parents(absolute, root, folders, excluder)
    return FileSet(
        tuple(sorted(files)),
        tuple(sorted(folders)),
        tuple(sorted(problems, key=lambda problem: problem.path)),
    )


def _canonical(given: Path) -> Path:
    """`given` made absolute in the same terms as the (resolved) project root.

    The root is a resolved path, so a path reached through a symlinked folder (a
    shell's logical $PWD, macOS's /tmp) must be resolved too, or it would be reported as
    `../../link/...`. A given folder is followed; a given file keeps its own name, so a
    symlinked file is judged (and reported) as the link.
    """
    absolute = Path(os.path.abspath(given))
    if absolute.is_dir():
        return Path(os.path.realpath(absolute))
    return Path(os.path.realpath(absolute.parent)) / absolute.name


def _add_parents(path: Path, root: Path, folders: set[str]) -> None:
    for folder in path.parents if not path.is_dir() else (path, *path.parents):
        if folder == root or root not in folder.parents:
            break
        folders.add(relative(folder, root))


def _add_owned_parents(path: Path, root: Path, folders: set[str], excluder: Excluder) -> None:
    """Add the folders whose first file (in git's order) is `path`.

    pre-commit passes files in batches, and every batch holding a file of a folder would
    judge that folder's name again; so a folder is judged with its first file only, exactly
    once however the files are split. (If `path` is not the first file of its folder, it is
    not the first of any folder above either.)
    """
    for folder in path.parents:
        if folder == root or root not in folder.parents:
            break
        if _first_file(folder, excluder) != path:
            break
        folders.add(relative(folder, root))


def _first_file(folder: Path, excluder: Excluder) -> Path | None:
    """The first file under `folder` in git's order (bytewise on the path), not excluded."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return None
    kinds = []
    for entry in entries:
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_dir = False
        kinds.append((entry.name + ("/" if is_dir else ""), Path(entry.path), is_dir))
    for _, path, is_dir in sorted(kinds, key=lambda kind: kind[0].encode("utf-8", "replace")):
        if excluder.excluded(path, is_dir):
            continue
        found = _first_file(path, excluder) if is_dir else path
        if found is not None:
            return found
    return None


def _add_file(path: Path, root: Path, files: set[str], problems: list[Problem]) -> None:
    """Add `path` if it is a regular file (or a link to one); report what cannot be read."""
    name = relative(path, root)
    try:
        mode = os.stat(path).st_mode  # follows a symlink to what it points at
    except OSError as error:
        if not os.path.islink(path):
            problems.append(Problem(name, f"cannot read the file: {error.strerror}"))
        elif error.errno == errno.ELOOP:
            problems.append(
                Problem(
                    name,
                    "symlink loop: following the link leads back to it; remove or repoint the link",
                )
            )
        elif error.errno in (errno.ENOENT, errno.ENOTDIR):
            problems.append(
                Problem(
                    name,
                    f"broken symlink: its target {os.readlink(path)!r} "
                    "does not exist; remove or repoint the link",
                )
            )
        else:
            problems.append(Problem(name, f"cannot follow the symlink: {error.strerror}"))
        return
    if stat.S_ISDIR(mode):
        return  # symlinked folders are not followed (git stores the link, not the tree)
    if not stat.S_ISREG(mode):
        # Reading a named pipe would block forever; a socket or device is never source.
        problems.append(
            Problem(
                name,
                "not a regular file (a named pipe, socket or device); "
                "aiconv reads regular files only",
            )
        )
        return
    files.add(name)


def _walk(
    top: Path,
    excluder: Excluder,
    root: Path,
    files: set[str],
    folders: set[str],
    problems: list[Problem],
) -> None:
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError as error:
            message = f"cannot list folder: {error.strerror}"
            problems.append(Problem(relative(folder, root), message))
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
            elif entry.is_file(follow_symlinks=False):
                files.add(relative(path, root))  # the common case, with no extra system call
            else:
                _add_file(path, root, files, problems)
