"""The validated configuration as plain data: frozen dataclasses every stage reads.

`config.py` finds, parses and validates the TOML; this module is only the data model, so
reading it explains what a configuration holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_FLOATING = (
    "latest", "main", "master", "head", "current", "stable", "newest", "active",
    "production", "staging", "archived", "none",
)  # fmt: skip
DEFAULT_VERSION_PATTERN = (
    r"(^|/)v[0-9]+(/|$)|@[0-9a-f]{7,40}|(^|/)[0-9]{4}-[0-9]{2}-[0-9]{2}(/|$)"
    r"|[?&]versionId=|/versions/[0-9]+"
)
DEFAULT_TEST_FILES = ("tests/**", "**/test_*.py", "**/*_test.py", "**/conftest.py")
NAMING_STYLES = ("snake_case", "kebab-case", "camelCase", "PascalCase", "lowercase")
CONTRACT_KINDS = ("forbidden", "layers", "independent")

PatternCodes = tuple[tuple[str, tuple[str, ...]], ...]  # (gitignore-style pattern, codes)


@dataclass(frozen=True)
class Entry:
    """A configured string with the line of the config file it is written on (0 if unknown)."""

    value: str
    line: int = 0


@dataclass(frozen=True)
class Term:
    """A glossary entry: the preferred term and the words or phrases to avoid."""

    preferred: str
    avoided: tuple[str, ...]
    definition: str = ""


@dataclass(frozen=True)
class Terminology:
    """`[tool.aiconv.terminology]`."""

    comments: bool = False
    allow: tuple[str, ...] = ()
    terms: tuple[Term, ...] = ()


@dataclass(frozen=True)
class Layout:
    """`[tool.aiconv.layout]`."""

    required: tuple[Entry, ...] = ()
    forbidden: tuple[str, ...] = ()
    max_file_size: int | None = None
    max_file_size_text: str = ""  # as written ("5 MB"), so messages use the user's units
    placement: tuple[tuple[str, tuple[str, ...]], ...] = ()
    naming: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Loader:
    """A team dataset loader: `[[tool.aiconv.datasets.loaders]]`."""

    function: str
    version_arg: str
    version_position: int | None = None


@dataclass(frozen=True)
class Datasets:
    """`[tool.aiconv.datasets]`."""

    uri_patterns: tuple[str, ...] = ()
    version_pattern: str = DEFAULT_VERSION_PATTERN
    floating: tuple[str, ...] = DEFAULT_FLOATING
    strict: bool = False
    loaders: tuple[Loader, ...] = ()


@dataclass(frozen=True)
class Randomness:
    """`[tool.aiconv.randomness]`."""

    seed_functions: tuple[str, ...] = ()
    entrypoints: tuple[str, ...] = ()
    test_files: tuple[str, ...] = DEFAULT_TEST_FILES


@dataclass(frozen=True)
class Contract:
    """One `[[tool.aiconv.boundaries.contracts]]` table."""

    name: str
    kind: str
    source: tuple[str, ...] = ()  # `from`
    target: tuple[str, ...] = ()  # `to`
    indirect: bool = True
    ignore: tuple[Entry, ...] = ()
    layers: tuple[tuple[str, ...], ...] = ()
    modules: tuple[str, ...] = ()


@dataclass(frozen=True)
class Boundaries:
    """`[tool.aiconv.boundaries]`."""

    type_checking_imports: bool = False
    contracts: tuple[Contract, ...] = ()


@dataclass(frozen=True)
class Settings:
    """The whole validated configuration, plus where it came from."""

    root: Path
    config_file: Path | None = None
    src: tuple[str, ...] = ("src", ".")
    exclude: tuple[str, ...] = ()
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    seed_expression: str = "0"
    per_file_ignores: PatternCodes = ()
    terminology: Terminology = field(default_factory=Terminology)
    layout: Layout = field(default_factory=Layout)
    datasets: Datasets = field(default_factory=Datasets)
    randomness: Randomness = field(default_factory=Randomness)
    boundaries: Boundaries = field(default_factory=Boundaries)
    fingerprint: str = ""

    @property
    def config_display(self) -> str:
        """The config file's path relative to the root, as reports show it."""
        if self.config_file is None:
            return "pyproject.toml"
        return self.config_file.name
