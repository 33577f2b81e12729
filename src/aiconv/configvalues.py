"""Typed readers for config values: each names the key path and what was expected on error."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import Any, NoReturn

import pathspec

from aiconv import codes
from aiconv.errors import UserError

_SIZE = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*(B|KB|MB|GB|KiB|MiB|GiB)?\s*$")
_UNITS = {None: 1, "B": 1, "KB": 1000, "MB": 1000**2, "GB": 1000**3,
          "KiB": 1024, "MiB": 1024**2, "GiB": 1024**3}  # fmt: skip


def _kind(value: object) -> str:
    names = {bool: "a boolean", int: "an integer", float: "a number", str: "a string",
             list: "an array", dict: "a table"}  # fmt: skip
    return names.get(type(value), type(value).__name__)


class Checker:
    """Raises UserError messages of the form `FILE: KEY.PATH: expected ..., got ...`."""

    def __init__(self, file: str, prefix: str) -> None:
        self.file = file
        self.prefix = prefix

    def path(self, key: str) -> str:
        """The full key path as the user wrote it (`tool.aiconv.layout.required`)."""
        return ".".join(part for part in (self.prefix, key) if part)

    def fail(self, key: str, problem: str) -> NoReturn:
        """Stop with a message naming the file, the key path and the problem."""
        where = self.path(key) or "(top level)"
        raise UserError(f"{self.file}: {where}: {problem}")

    def table(self, value: object, key: str, allowed: set[str] | None) -> dict[str, Any]:
        """`value` as a table; with `allowed`, an unknown key is an error with a suggestion."""
        if not isinstance(value, dict):
            self.fail(key, f"expected a table, got {_kind(value)}")
        if allowed is not None:
            for name in value:
                if name not in allowed:
                    close = difflib.get_close_matches(name, sorted(allowed), n=1)
                    hint = f" (did you mean {close[0]!r}?)" if close else ""
                    self.fail(
                        f"{key}.{name}" if key else name,
                        f"unknown key{hint}; expected one of: {', '.join(sorted(allowed))}",
                    )
        return value

    def glob(self, pattern: str, key: str) -> None:
        """Reject a gitignore-style pattern that pathspec cannot compile."""
        if not pattern.strip():
            self.fail(key, "expected a gitignore-style pattern, got an empty string")
        try:
            pathspec.GitIgnoreSpec.from_lines([pattern])
        except Exception as error:  # pathspec raises several types for bad patterns
            self.fail(key, f"expected a gitignore-style pattern, got {pattern!r} ({error})")


def string(
    check: Checker, table: dict[str, Any], name: str, default: str, key: str | None = None
) -> str:
    """A string value."""
    value = table.get(name, default)
    if not isinstance(value, str):
        check.fail(key or name, f"expected a string, got {_kind(value)}")
    return value


def bool_value(check: Checker, table: dict[str, Any], name: str, default: bool, key: str) -> bool:
    """A boolean value."""
    value = table.get(name, default)
    if not isinstance(value, bool):
        check.fail(key, f"expected true or false, got {_kind(value)}")
    return value


def string_list(
    check: Checker, table: dict[str, Any], name: str, default: Iterable[str], key: str | None = None
) -> list[str]:
    """An array of strings."""
    key = key or name
    value = table.get(name, list(default))
    if not isinstance(value, list):
        check.fail(key, f"expected an array of strings, got {_kind(value)}")
    for index, item in enumerate(value):
        if not isinstance(item, str):
            check.fail(f"{key}[{index}]", f"expected a string, got {_kind(item)}")
    return list(value)


def glob_list(
    check: Checker, table: dict[str, Any], name: str, default: Iterable[str], key: str | None = None
) -> list[str]:
    """An array of gitignore-style patterns."""
    key = key or name
    values = string_list(check, table, name, default, key)
    for index, pattern in enumerate(values):
        check.glob(pattern, f"{key}[{index}]")
    return values


def code_list(
    check: Checker, table: dict[str, Any], name: str, key: str | None = None
) -> list[str]:
    """An array of rule codes or code prefixes, each naming at least one known rule."""
    key = key or name
    values = string_list(check, table, name, (), key)
    for index, selector in enumerate(values):
        if not codes.is_known_selector(selector):
            close = codes.closest(selector)
            hint = f" (closest: {', '.join(close)})" if close else ""
            check.fail(
                f"{key}[{index}]",
                f"expected a rule code or prefix such as AIC1 or AIC101, got {selector!r}{hint}",
            )
    return values


def dotted_name(check: Checker, table: dict[str, Any], name: str, key: str) -> str:
    """A dotted Python name such as `acme.data.load_table`."""
    value = string(check, table, name, "", key)
    if not value or not all(part.isidentifier() for part in value.split(".")):
        check.fail(key, f"expected a fully qualified name like acme.data.load_table, got {value!r}")
    return value


def regex(check: Checker, pattern: str, key: str) -> re.Pattern[str]:
    """A compiled regular expression."""
    try:
        return re.compile(pattern)
    except re.error as error:
        check.fail(key, f"expected a valid regular expression, got {pattern!r} ({error})")


def size_value(check: Checker, value: object, key: str) -> int:
    """A size such as "5 MB" (powers of 1000) or "500 KiB" (powers of 1024), in bytes."""
    if type(value) is int and value >= 0:
        return value
    match = _SIZE.match(value) if isinstance(value, str) else None
    if match is None:
        check.fail(key, f'expected a size such as "500 KB", "5 MB" or "1 GiB", got {value!r}')
    return int(float(match.group(1)) * _UNITS[match.group(2)])


class Locator:
    """Finds the line a configured string is written on, for reports on the config file.

    tomllib keeps no positions, so this reads the TOML text: it tracks the current table
    header (counting `[[array]]` tables), finds the key, then the quoted value from there.
    """

    def __init__(self, text: str, prefix: str) -> None:
        self.lines = text.splitlines()
        self.prefix = prefix

    def find(self, table: str, key: str, value: str, array_index: int | None = None) -> int:
        header = f"{self.prefix}.{table}" if self.prefix else table
        seen = -1
        current = ""
        key_line = None
        for number, line in enumerate(self.lines, start=1):
            stripped = line.strip()
            match = re.match(r"^\[\[?\s*([^\]]+?)\s*\]\]?", stripped)
            if match and not stripped.startswith(('["', "['")):
                current = re.sub(r"\s*\.\s*", ".", match.group(1))
                if current == header and stripped.startswith("[["):
                    seen += 1
                key_line = None
                continue
            in_table = current == header and (array_index is None or seen == array_index)
            if in_table and key_line is None and re.match(rf"^{re.escape(key)}\s*=", stripped):
                key_line = number
            if (
                key_line is not None
                and in_table
                and re.search(rf"([\"']){re.escape(value)}\1", line)
            ):
                return number
        return 0
