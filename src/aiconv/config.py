"""Configuration: discovery, TOML parsing and validation into frozen settings.

Every key of SPEC §2 is checked here, including the sections whose rules live in later
families, so a typo anywhere is an error that names the file, the key path and what was
expected. Nothing in this module imports rules or libcst: start-up stays cheap.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from pathlib import Path
from typing import Any

from aiconv import codes
from aiconv.configvalues import (
    Checker,
    Locator,
    bool_value,
    code_list,
    dotted_name,
    glob_list,
    regex,
    size_value,
    string,
    string_list,
)
from aiconv.errors import UserError
from aiconv.settings import (
    CONTRACT_KINDS,
    DEFAULT_FLOATING,
    DEFAULT_TEST_FILES,
    DEFAULT_VERSION_PATTERN,
    NAMING_STYLES,
    Boundaries,
    Contract,
    Datasets,
    Entry,
    Layout,
    Loader,
    PatternCodes,
    Randomness,
    Settings,
    Term,
    Terminology,
)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.9/3.10 only
    import tomli as tomllib

# A dedicated aiconv.toml wins over pyproject.toml in the same folder, as ruff.toml does for Ruff.
__all__ = [
    "CONFIG_FILES",
    "discover",
    "load",
    "parse",
    "DEFAULT_FLOATING",
    "DEFAULT_VERSION_PATTERN",
    "DEFAULT_TEST_FILES",
    "NAMING_STYLES",
    "CONTRACT_KINDS",
    "PatternCodes",
    "Entry",
    "Term",
    "Terminology",
    "Layout",
    "Loader",
    "Datasets",
    "Randomness",
    "Contract",
    "Boundaries",
    "Settings",
]

CONFIG_FILES = ("aiconv.toml", "pyproject.toml")

# ---------------------------------------------------------------------------- discovery


def _has_settings(path: Path, explicit: bool = False) -> tuple[dict[str, Any], str] | None:
    """The aiconv table of a config file and its key prefix; None when it holds no settings.

    pyproject.toml keeps them under `[tool.aiconv]`, aiconv.toml at the top level. A file given
    with `--config` under another name is read like aiconv.toml unless it has `[tool.aiconv]`.
    """
    data = _read_toml(path)
    if path.name == "aiconv.toml":
        return data, ""
    tool = data.get("tool")
    if isinstance(tool, dict) and "aiconv" in tool:
        section = tool["aiconv"]
        if not isinstance(section, dict):
            raise UserError(f"{path}: tool.aiconv: expected a table, got {_kind(section)}")
        return section, "tool.aiconv"
    if explicit and path.name != "pyproject.toml":
        return data, ""
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8-sig")  # a BOM (Windows editors) is not TOML
    except (OSError, UnicodeDecodeError) as error:
        raise UserError(f"{path}: cannot read the config file: {error}") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise UserError(f"{path}: invalid TOML: {error}") from None


def discover(start: Path) -> tuple[Path, Path | None, dict[str, Any]]:
    """The project root, its config file and aiconv table, searching upward from `start`."""
    root, path, section, _ = _discover(start)
    return root, path, section


def _discover(start: Path) -> tuple[Path, Path | None, dict[str, Any], str]:
    # os.path.realpath, unlike Path.resolve() on Python < 3.13, does not raise on a symlink
    # loop: `aiconv lint loop.py` must reach the linter, which reports the loop.
    here = Path(os.path.abspath(start))
    if not here.is_dir():
        here = here.parent
    here = Path(os.path.realpath(here))
    for folder in (here, *here.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file():
                found = _has_settings(candidate)
                if found is not None:
                    return folder, candidate, found[0], found[1]
    return Path(os.path.realpath(Path.cwd())), None, {}, ""


def load(start: Path, config_file: Path | None = None) -> Settings:
    """Discover (or read the given) config and validate it into Settings."""
    if config_file is not None:
        path = Path(os.path.realpath(config_file))
        if not path.is_file():
            raise UserError(f"{config_file}: no such config file")
        section, prefix = _has_settings(path, explicit=True) or ({}, "tool.aiconv")
        return parse(section, root=path.parent, config_file=path, prefix=prefix)
    root, found, section, prefix = _discover(start)
    return parse(section, root=root, config_file=found, prefix=prefix)


# ---------------------------------------------------------------------------- validation


def _kind(value: object) -> str:
    return {
        bool: "a boolean", int: "an integer", float: "a number", str: "a string",
        list: "an array", dict: "a table",
    }.get(type(value), type(value).__name__)  # fmt: skip


def parse(
    raw: dict[str, Any], root: Path, config_file: Path | None, prefix: str | None = None
) -> Settings:
    """Validate an aiconv table (the contents of `[tool.aiconv]` or `aiconv.toml`).

    `prefix` is how key paths start in messages; by default it follows the file name.
    """
    display = str(config_file) if config_file else "<defaults>"
    if prefix is None:
        in_pyproject = config_file is not None and config_file.name != "aiconv.toml"
        prefix = "tool.aiconv" if in_pyproject else ""
    check = Checker(display, prefix)
    text = config_file.read_text(encoding="utf-8-sig") if config_file else ""
    lines = Locator(text, prefix)

    top = check.table(raw, "", {
        "src", "exclude", "select", "ignore", "seed-expression", "per-file-ignores",
        "terminology", "layout", "datasets", "randomness", "boundaries",
    })  # fmt: skip
    settings = Settings(
        root=root,
        config_file=config_file,
        src=tuple(string_list(check, top, "src", ("src", "."))),
        exclude=tuple(glob_list(check, top, "exclude", ())),
        select=tuple(code_list(check, top, "select")) if "select" in top else None,
        ignore=tuple(code_list(check, top, "ignore")),
        seed_expression=_seed_expression(check, top),
        per_file_ignores=_per_file_ignores(check, top),
        terminology=_terminology(check, top),
        layout=_layout(check, top, lines),
        datasets=_datasets(check, top),
        randomness=_randomness(check, top),
        boundaries=_boundaries(check, top, lines),
        fingerprint=hashlib.sha256(repr(sorted(_flatten(raw))).encode()).hexdigest()[:16],
    )
    return settings


def _flatten(value: Any, path: str = "") -> list[tuple[str, str]]:
    if isinstance(value, dict):
        return [item for key, sub in value.items() for item in _flatten(sub, f"{path}.{key}")]
    return [(path, repr(value))]


def _seed_expression(check: Checker, top: dict[str, Any]) -> str:
    value = string(check, top, "seed-expression", "0")
    try:
        compile(value, "<seed-expression>", "eval")
    except (SyntaxError, ValueError):  # ValueError: a NUL character, before Python 3.12
        check.fail("seed-expression", f"expected a Python expression, got {value!r}")
    return value


def _per_file_ignores(check: Checker, top: dict[str, Any]) -> PatternCodes:
    table = check.table(top.get("per-file-ignores", {}), "per-file-ignores", None)
    result = []
    for pattern in table:
        key = f"per-file-ignores.{_quote(pattern)}"
        check.glob(pattern, key)
        result.append((pattern, tuple(code_list(check, table, pattern, key=key))))
    return tuple(result)


def _quote(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else f'"{key}"'


def _terminology(check: Checker, top: dict[str, Any]) -> Terminology:
    section = check.table(
        top.get("terminology", {}), "terminology", {"comments", "allow", "terms", "definitions"}
    )
    terms_raw = check.table(section.get("terms", {}), "terminology.terms", None)
    definitions = check.table(section.get("definitions", {}), "terminology.definitions", None)
    terms = []
    for preferred in terms_raw:
        key = f"terminology.terms.{_quote(preferred)}"
        if not re.search(r"[A-Za-z0-9]", preferred):
            check.fail(key, "expected a term made of letters or digits")
        words = string_list(check, terms_raw, preferred, (), key=key)
        for index, word in enumerate(words):
            if not re.search(r"[A-Za-z0-9]", word):
                check.fail(f"{key}[{index}]", f"expected a word or phrase, got {word!r}")
        terms.append(Term(preferred, tuple(words), ""))
    known = {term.preferred for term in terms}
    described = []
    for name, text in definitions.items():
        key = f"terminology.definitions.{_quote(name)}"
        if not isinstance(text, str):
            check.fail(key, f"expected a string, got {_kind(text)}")
        if name not in known:
            hint = codes.closest(name, sorted(known))
            check.fail(
                key,
                "expected a preferred term of terminology.terms"
                + (f" (did you mean {hint[0]!r}?)" if hint else ""),
            )
        described.append(name)
    terms = [Term(t.preferred, t.avoided, definitions.get(t.preferred, "")) for t in terms]
    return Terminology(
        comments=bool_value(check, section, "comments", False, "terminology.comments"),
        allow=tuple(string_list(check, section, "allow", (), key="terminology.allow")),
        terms=tuple(terms),
    )


def _layout(check: Checker, top: dict[str, Any], lines: Locator) -> Layout:
    section = check.table(
        top.get("layout", {}),
        "layout",
        {"required", "forbidden", "max-file-size", "placement", "naming"},
    )
    required = glob_list(check, section, "required", (), key="layout.required")
    placement_raw = check.table(section.get("placement", {}), "layout.placement", None)
    placement = []
    for pattern in placement_raw:
        key = f"layout.placement.{_quote(pattern)}"
        check.glob(pattern, key)
        placement.append((pattern, tuple(glob_list(check, placement_raw, pattern, (), key=key))))
    naming_raw = check.table(section.get("naming", {}), "layout.naming", None)
    naming = []
    for pattern, style in naming_raw.items():
        key = f"layout.naming.{_quote(pattern)}"
        check.glob(pattern, key)
        if not isinstance(style, str):
            check.fail(key, f"expected a naming style, got {_kind(style)}")
        if style.startswith("regex:"):
            regex(check, style[len("regex:") :], key)
        elif style not in NAMING_STYLES:
            check.fail(
                key, f'expected one of {", ".join(NAMING_STYLES)} or "regex:PATTERN", got {style!r}'
            )
        naming.append((pattern, style))
    size = section.get("max-file-size")
    return Layout(
        required=tuple(Entry(value, lines.find("layout", "required", value)) for value in required),
        forbidden=tuple(glob_list(check, section, "forbidden", (), key="layout.forbidden")),
        max_file_size=None if size is None else size_value(check, size, "layout.max-file-size"),
        max_file_size_text="" if size is None else str(size).strip(),
        placement=tuple(placement),
        naming=tuple(naming),
    )


def _datasets(check: Checker, top: dict[str, Any]) -> Datasets:
    section = check.table(
        top.get("datasets", {}),
        "datasets",
        {"uri-patterns", "version-pattern", "floating", "strict", "loaders"},
    )
    pattern = string(
        check, section, "version-pattern", DEFAULT_VERSION_PATTERN, key="datasets.version-pattern"
    )
    regex(check, pattern, "datasets.version-pattern")
    loaders_raw = section.get("loaders", [])
    if not isinstance(loaders_raw, list):
        check.fail("datasets.loaders", f"expected an array of tables, got {_kind(loaders_raw)}")
    loaders = []
    for index, item in enumerate(loaders_raw):
        key = f"datasets.loaders[{index}]"
        table = check.table(item, key, {"function", "version-arg", "version-position"})
        for required in ("function", "version-arg"):
            if required not in table:
                check.fail(f"{key}.{required}", "missing: every loader needs it")
        function = dotted_name(check, table, "function", key=f"{key}.function")
        arg = string(check, table, "version-arg", "", key=f"{key}.version-arg")
        if not arg.isidentifier():
            check.fail(f"{key}.version-arg", f"expected a keyword argument name, got {arg!r}")
        position = table.get("version-position")
        if position is not None and (type(position) is not int or position < 0):
            check.fail(
                f"{key}.version-position",
                f"expected a 0-based position (an integer ≥ 0), got {position!r}",
            )
        loaders.append(Loader(function, arg, position))
    uri_patterns = string_list(check, section, "uri-patterns", (), key="datasets.uri-patterns")
    return Datasets(
        uri_patterns=tuple(uri_patterns),
        version_pattern=pattern,
        floating=tuple(
            word.lower()
            for word in string_list(
                check, section, "floating", DEFAULT_FLOATING, key="datasets.floating"
            )
        ),
        strict=bool_value(check, section, "strict", False, "datasets.strict"),
        loaders=tuple(loaders),
    )


def _randomness(check: Checker, top: dict[str, Any]) -> Randomness:
    section = check.table(
        top.get("randomness", {}), "randomness", {"seed-functions", "entrypoints", "test-files"}
    )
    seeders = string_list(check, section, "seed-functions", (), key="randomness.seed-functions")
    for index, name in enumerate(seeders):
        if not _is_dotted(name):
            check.fail(
                f"randomness.seed-functions[{index}]",
                f"expected a dotted function name like acme.utils.seed_everything, got {name!r}",
            )
    return Randomness(
        seed_functions=tuple(seeders),
        entrypoints=tuple(
            glob_list(check, section, "entrypoints", (), key="randomness.entrypoints")
        ),
        test_files=tuple(
            glob_list(check, section, "test-files", DEFAULT_TEST_FILES, key="randomness.test-files")
        ),
    )


def _is_dotted(name: str) -> bool:
    return bool(name) and all(part.isidentifier() for part in name.split("."))


def _boundaries(check: Checker, top: dict[str, Any], lines: Locator) -> Boundaries:
    section = check.table(
        top.get("boundaries", {}), "boundaries", {"type-checking-imports", "contracts"}
    )
    raw = section.get("contracts", [])
    if not isinstance(raw, list):
        check.fail("boundaries.contracts", f"expected an array of tables, got {_kind(raw)}")
    contracts = [_contract(check, item, index, lines) for index, item in enumerate(raw)]
    names = [contract.name for contract in contracts]
    for index, name in enumerate(names):
        if name in names[:index]:
            check.fail(f"boundaries.contracts[{index}].name", f"duplicate contract name {name!r}")
    return Boundaries(
        type_checking_imports=bool_value(
            check, section, "type-checking-imports", False, "boundaries.type-checking-imports"
        ),
        contracts=tuple(contracts),
    )


_IGNORE_PART = re.compile(r"(\*\*|\*|[A-Za-z_]\w*)(\.(\*\*|\*|[A-Za-z_]\w*))*")
_CONTRACT_KEYS: dict[str, set[str]] = {
    "forbidden": {"from", "to", "indirect"},
    "layers": {"layers"},
    "independent": {"modules"},
}


def _contract(check: Checker, item: object, index: int, lines: Locator) -> Contract:
    key = f"boundaries.contracts[{index}]"
    every = {"name", "kind", "ignore"} | set().union(*_CONTRACT_KEYS.values())
    table = check.table(item, key, every)
    name = string(check, table, "name", "", key=f"{key}.name")
    if not name:
        check.fail(f"{key}.name", "missing: every contract needs a name")
    kind = table.get("kind")
    if kind is None:
        check.fail(
            f"{key}.kind", f"missing: every contract needs one of {', '.join(CONTRACT_KINDS)}"
        )
    if kind not in CONTRACT_KINDS:
        check.fail(f"{key}.kind", f"expected one of {', '.join(CONTRACT_KINDS)}, got {kind!r}")
    allowed = {"name", "kind", "ignore"} | _CONTRACT_KEYS[kind]
    for stray in table:
        if stray not in allowed:
            check.fail(
                f"{key}.{stray}",
                f"not a key of a {kind!r} contract; expected {', '.join(sorted(allowed))}",
            )

    def modules(field_name: str, required: bool = True) -> list[str]:
        if required and field_name not in table:
            check.fail(f"{key}.{field_name}", f"missing: a {kind!r} contract needs it")
        values = string_list(check, table, field_name, (), key=f"{key}.{field_name}")
        for position, value in enumerate(values):
            if not _is_dotted(value):
                check.fail(
                    f"{key}.{field_name}[{position}]",
                    f"expected a dotted module name, got {value!r}",
                )
        return values

    ignore = []
    for position, entry in enumerate(string_list(check, table, "ignore", (), key=f"{key}.ignore")):
        parts = [part.strip() for part in entry.split("->")]
        if len(parts) != 2 or not all(_IGNORE_PART.fullmatch(part) for part in parts):
            check.fail(
                f"{key}.ignore[{position}]",
                f'expected "importer -> imported" with dotted names and * or ** parts, '
                f"got {entry!r}",
            )
        ignore.append(Entry(entry, lines.find("boundaries.contracts", "ignore", entry, index)))

    if kind == "forbidden":
        indirect = table.get("indirect", True)
        if not isinstance(indirect, bool):
            check.fail(f"{key}.indirect", f"expected true or false, got {_kind(indirect)}")
        return Contract(
            name,
            kind,
            source=tuple(modules("from")),
            target=tuple(modules("to")),
            indirect=indirect,
            ignore=tuple(ignore),
        )
    if kind == "layers":
        layers_raw = string_list(check, table, "layers", (), key=f"{key}.layers")
        if "layers" not in table or len(layers_raw) < 2:
            check.fail(f"{key}.layers", "expected at least two layers, highest first")
        layers = []
        for position, layer in enumerate(layers_raw):
            members = tuple(part.strip() for part in layer.split("|"))
            if not all(_is_dotted(member) for member in members):
                check.fail(
                    f"{key}.layers[{position}]",
                    f"expected dotted module names separated by |, got {layer!r}",
                )
            layers.append(members)
        return Contract(name, kind, layers=tuple(layers), ignore=tuple(ignore))
    found = modules("modules")
    if len(found) < 2:
        check.fail(f"{key}.modules", "expected at least two modules that must stay independent")
    return Contract(name, kind, modules=tuple(found), ignore=tuple(ignore))
