"""Directory conventions (AIC201–AIC205): the repository layout as a checked contract.

AIC202–AIC205 judge each path on its own, so they are exact on the few files pre-commit
passes. AIC201 concludes that something is missing, which only the whole project can show:
it runs when the project root is linted and reads the files a commit would contain (git's
index; outside git, the walk that honours .gitignore). Every glob is gitignore-style.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import ClassVar

import pathspec

from aiconv import gitfiles, naming
from aiconv.config import Entry, Settings
from aiconv.files import DEFAULT_EXCLUDES
from aiconv.rules.base import PathEntry, PathRule, Project, ProjectRule
from aiconv.violation import Violation

_GLOB_CHARS = re.compile(r"[*?\[\]!]")
_KINDS = {"ipynb": "notebooks", "py": "Python files"}
_SIZE_TEXT = re.compile(r"\s*([0-9]+(?:\.[0-9]+)?)\s*(B|KB|MB|GB|KiB|MiB|GiB)?\s*")
_UNITS = {"B": 1, "KB": 1000, "MB": 1000**2, "GB": 1000**3,
          "KiB": 1024, "MiB": 1024**2, "GiB": 1024**3}  # fmt: skip


def _spec(*patterns: str) -> pathspec.GitIgnoreSpec:
    return pathspec.GitIgnoreSpec.from_lines(patterns)


def _shown(pattern: str) -> str:
    """A folder pattern as messages show it: `/notebooks/` (anchored) reads `notebooks/`."""
    return pattern.lstrip("/") or pattern


def _base(path: str) -> str:
    return path.rsplit("/", 1)[-1]


def _git_mv(path: str, new_name: str) -> str:
    return f"git mv {path} {path[: len(path) - len(_base(path))]}{new_name}"


class RequiredPathMissing(ProjectRule):
    """AIC201: a `layout.required` glob matches no file of the project."""

    code: ClassVar[str] = "AIC201"
    name: ClassVar[str] = "required-path-missing"
    family: ClassVar[str] = "layout"
    summary: ClassVar[str] = "a required file or folder is missing"

    @classmethod
    def configured(cls, settings: Settings) -> bool:
        return bool(settings.layout.required)

    def check(self, project: Project) -> list[Violation]:
        """Only on a whole-project run: a partial file list never shows that something is absent."""
        if not project.whole:
            return []
        walked = [path for path in project.linted if not path.startswith("../")]
        tracked = gitfiles.index(self.settings.root)
        present = walked if tracked is None else self._without_excluded(tracked.files)
        violations = []
        for entry in self.settings.layout.required:
            spec = _spec(entry.value)
            if not any(spec.match_file(path) for path in present):
                message = self._message(entry.value, spec, walked, in_git=tracked is not None)
                if message:
                    violations.append(self._at_entry(entry, message))
        return violations

    def _without_excluded(self, paths: frozenset[str]) -> list[str]:
        """Git's files minus `exclude` and the default excluded folders (virtualenvs, caches)."""
        excluded = _spec(*self.settings.exclude)
        return [
            path
            for path in paths
            if not excluded.match_file(path)
            and not any(part in DEFAULT_EXCLUDES for part in path.split("/")[:-1])
        ]

    def _message(
        self, value: str, spec: pathspec.GitIgnoreSpec, walked: list[str], in_git: bool
    ) -> str:
        """What is missing and what to do; empty when the entry is in fact satisfied."""
        literal = not _GLOB_CHARS.search(value)
        folder = value.endswith("/")
        shown = _shown(value)
        on_disk = self.settings.root / shown.rstrip("/") if literal else None
        untracked = next((path for path in walked if spec.match_file(path)), None)
        if in_git and untracked is not None:
            return (
                f"required path `{value}` (layout.required) is not in git: `{untracked}` "
                f"exists but is not tracked; `git add {untracked}`"
            )
        if folder and on_disk is not None and on_disk.is_dir():
            if not in_git:
                return ""  # outside git an existing folder counts, empty or not
            return (
                f"required folder `{value}` (layout.required) holds no file that git "
                f"tracks, and git keeps no empty folder: add one, such as "
                f"`{shown}.gitkeep`, and `git add` it"
            )
        if not literal:
            return (
                f"nothing matches the required pattern `{value}` (layout.required): "
                "add a file it matches"
            )
        what = "folder" if folder else "file"
        also = " with at least one file in it (git keeps no empty folder)" if folder else ""
        commit = " and add it to git" if in_git else ""
        return f"required {what} `{value}` (layout.required) is missing: create it{also}{commit}"

    def _at_entry(self, entry: Entry, message: str) -> Violation:
        """A violation on the config file, at the line where the entry is written."""
        line = entry.line or 1
        text = ""
        if self.settings.config_file is not None:
            try:
                lines = self.settings.config_file.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError):
                lines = []
            text = lines[line - 1] if line <= len(lines) else ""
        return Violation(
            self.settings.config_display,
            line,
            1,
            self.code,
            message,
            line,
            1,
            name=self.name,
            line_text=text,
        )


class MisplacedFile(PathRule):
    """AIC202: a file matching a `layout.placement` glob lies outside its allowed folders."""

    code: ClassVar[str] = "AIC202"
    name: ClassVar[str] = "misplaced-file"
    family: ClassVar[str] = "layout"
    summary: ClassVar[str] = "a file outside the folders its kind may live in"

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.placements = [
            (pattern, _spec(pattern), folders, _spec(*folders))
            for pattern, folders in settings.layout.placement
        ]

    @classmethod
    def configured(cls, settings: Settings) -> bool:
        return bool(settings.layout.placement)

    def check(self, entry: PathEntry) -> list[Violation]:
        """The last placement glob that matches the file decides, as in .gitignore."""
        if entry.is_dir:
            return []
        chosen = None
        for placement in self.placements:
            if placement[1].match_file(entry.path):
                chosen = placement
        if chosen is None or chosen[3].match_file(entry.path):
            return []
        pattern, _, folders, _ = chosen
        if not folders:
            return [
                self.violation(
                    entry,
                    f"{_kind(pattern)} may live nowhere (layout.placement "
                    f"`{pattern}` lists no folder): remove {entry.path}",
                )
            ]
        shown = [_shown(folder) for folder in folders]
        where = " or ".join(shown)
        target = "there" if len(shown) == 1 else "to one of them"
        hint = ""
        if len(shown) == 1 and not _GLOB_CHARS.search(shown[0]):
            hint = f"git mv {entry.path} {shown[0].rstrip('/')}/{_base(entry.path)}"
        return [
            self.violation(
                entry,
                f"{_kind(pattern)} live in {where}: move {entry.path} {target}",
                fix_hint=hint,
            )
        ]


def _kind(pattern: str) -> str:
    """What a placement glob is about: `*.ipynb` -> notebooks, `*.csv` -> .csv files."""
    match = re.fullmatch(r"(?:\*\*/)?\*\.([A-Za-z0-9_-]+)", pattern.lstrip("/"))
    if match is None:
        return f"files matching `{pattern}`"
    extension = match.group(1)
    return _KINDS.get(extension.lower(), f".{extension} files")


class BadFileName(PathRule):
    """AIC203: a file or folder name breaks the naming style its `layout.naming` glob sets."""

    code: ClassVar[str] = "AIC203"
    name: ClassVar[str] = "bad-file-name"
    family: ClassVar[str] = "layout"
    summary: ClassVar[str] = "a file or folder name breaks its naming style"

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        # A glob ending in / names folders; any other glob names files.
        self.styles = [
            (pattern, _spec(pattern), style, pattern.endswith("/"))
            for pattern, style in settings.layout.naming
        ]

    @classmethod
    def configured(cls, settings: Settings) -> bool:
        return bool(settings.layout.naming)

    def check(self, entry: PathEntry) -> list[Violation]:
        """The last naming glob that matches the path decides, as in .gitignore."""
        name = _base(entry.path)
        if not name or naming.exempt(name, entry.is_dir):
            return []
        subject = entry.path + "/" if entry.is_dir else entry.path
        chosen = None
        for pattern, spec, style, for_folders in self.styles:
            if for_folders == entry.is_dir and spec.match_file(subject):
                chosen = (pattern, style)
        if chosen is None or naming.conforms(name, chosen[1], entry.is_dir):
            return []
        pattern, style = chosen
        kind = "folder" if entry.is_dir else "file"
        rule = f"as layout.naming requires for `{pattern}`"
        if style.startswith(naming.REGEX_PREFIX):
            expected = style[len(naming.REGEX_PREFIX) :]
            return [
                self.violation(
                    entry,
                    f"{kind} name `{name}` does not match `{expected}`, "
                    f"{rule}: rename it so that it does",
                )
            ]
        new = naming.convert(name, style, entry.is_dir)
        if new is None:
            return [
                self.violation(
                    entry,
                    f"{kind} name `{name}` is not {style}, {rule}: rename it to a {style} name",
                )
            ]
        return [
            self.violation(
                entry,
                f"{kind} name `{name}` is not {style}, {rule}: rename it to `{new}`",
                fix_hint=_git_mv(entry.path, new),
            )
        ]


class ForbiddenPath(PathRule):
    """AIC204: a file matches a `layout.forbidden` glob."""

    code: ClassVar[str] = "AIC204"
    name: ClassVar[str] = "forbidden-path"
    family: ClassVar[str] = "layout"
    summary: ClassVar[str] = "a file that must never be committed"

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        # One spec for the decision, so `!keep.pt` re-includes as in .gitignore; one per
        # pattern to name the pattern in the message.
        self.spec = _spec(*settings.layout.forbidden)
        self.patterns = [
            (pattern, _spec(pattern))
            for pattern in settings.layout.forbidden
            if not pattern.startswith("!")
        ]

    @classmethod
    def configured(cls, settings: Settings) -> bool:
        return bool(settings.layout.forbidden)

    def check(self, entry: PathEntry) -> list[Violation]:
        """A file the forbidden globs match (folders are judged by the files in them)."""
        if entry.is_dir or not self.spec.match_file(entry.path):
            return []
        pattern = next(
            (p for p, spec in reversed(self.patterns) if spec.match_file(entry.path)),
            self.settings.layout.forbidden[0],
        )
        return [
            self.violation(
                entry,
                f"{entry.path} matches the forbidden pattern `{pattern}` (layout.forbidden): "
                f"keep it out of the repository (`git rm --cached {entry.path}`, and list it "
                "in .gitignore)",
                fix_hint=f"git rm --cached {entry.path}",
            )
        ]


class FileTooLarge(PathRule):
    """AIC205: a file is larger than `layout.max-file-size`."""

    code: ClassVar[str] = "AIC205"
    name: ClassVar[str] = "file-too-large"
    family: ClassVar[str] = "layout"
    summary: ClassVar[str] = "a file over the size limit"

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.limit = settings.layout.max_file_size
        self.limit_text = settings.layout.max_file_size_text or f"{self.limit} bytes"
        self.lfs = _lfs_patterns(settings.root)

    @classmethod
    def configured(cls, settings: Settings) -> bool:
        return settings.layout.max_file_size is not None

    def check(self, entry: PathEntry) -> list[Violation]:
        """A file over the limit; a file exactly at the limit passes."""
        if entry.is_dir or self.limit is None or self.lfs.match_file(entry.path):
            return []
        try:
            # lstat: git stores a symlink, not what it points at.
            size = os.lstat(self.settings.root / entry.path).st_size
        except OSError:
            return []  # vanished since it was listed: nothing left to commit
        if size <= self.limit:
            return []
        shown, limit = _size_in(size, self.limit_text), self.limit_text
        if shown == _size_in(self.limit, self.limit_text):  # rounding hid the difference
            shown, limit = f"{size:,} bytes", f"{self.limit_text} ({self.limit:,} bytes)"
        return [
            self.violation(
                entry,
                f"{entry.path} is {shown}, over the {limit} limit (layout.max-file-size): "
                "keep large files out of git (artifact storage, DVC or Git LFS)",
            )
        ]


def _size_in(size: int, limit_text: str) -> str:
    """`size` in the unit the limit is written in: 12345678 bytes under "5 MB" -> `12.3 MB`."""
    match = _SIZE_TEXT.fullmatch(limit_text)
    unit = match.group(2) if match is not None and match.group(2) else "B"
    if unit == "B":
        return f"{size:,} bytes"
    digits = f"{size / _UNITS[unit]:.1f}".removesuffix(".0")
    return f"{digits} {unit}"


def _lfs_patterns(root: Path) -> pathspec.GitIgnoreSpec:
    """Globs that `.gitattributes` hands to Git LFS: git stores a pointer, so size is no issue."""
    try:
        text = (root / ".gitattributes").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return _spec()
    patterns = [
        line.split()[0]
        for line in text.splitlines()
        if "filter=lfs" in line.split()[1:] and not line.lstrip().startswith("#")
    ]
    try:
        return _spec(*patterns)
    except Exception:  # pathspec raises several types for bad patterns; git skips them too
        return _spec()
