"""`aiconv init`, second half: what `scaffold.inspect` found, as a commented `[tool.aiconv]`.

Every value proposed comes from the repository: contracts name packages that exist, glossary
entries spell words the code uses, required paths are ones that are there. The text is parsed
and validated by `config.parse` before it is shown, and `--write` appends it to pyproject.toml
without touching a byte of what is there.
"""

from __future__ import annotations

import json
import re
import sys
import textwrap
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from aiconv import config, presets
from aiconv.errors import UserError
from aiconv.fix import write_atomic
from aiconv.scaffold import LAYER_RANK, SERVING, SHARED_MODULES, TRAINING, Inspection

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.9/3.10 only
    import tomli as tomllib

WIDTH = 96
SHOWN = 5  # files named in a comment before "and N more"
MAX_CODE_DIRS = 3  # beyond this, per-folder globs would swamp the proposal


def render(found: Inspection) -> str:
    """The proposal: TOML text as it would be appended to pyproject.toml."""
    sections = [
        _header(),
        _top(found),
        _terminology(found),
        _layout(found),
        _datasets(),
        _randomness(found),
        _boundaries(found),
    ]
    text = "\n".join(section for section in sections if section)
    validate(text, found.root)
    return text


def validate(text: str, root: Path) -> config.Settings:
    """Parse and validate a proposal as `aiconv lint` will read it."""
    section = tomllib.loads(text)["tool"]["aiconv"]
    return config.parse(section, root=root, config_file=None, prefix="tool.aiconv")


def write(root: Path, text: str) -> Path:
    """Append `text` to root/pyproject.toml (created if absent); refuse if aiconv is configured."""
    if (root / "aiconv.toml").exists():
        raise UserError(
            "aiconv.toml already configures aiconv here: `aiconv init --write` only starts a "
            "configuration; edit aiconv.toml (`aiconv init` prints a proposal to compare)"
        )
    target = root / "pyproject.toml"
    if not target.exists():
        target.write_text(text, encoding="utf-8")
        return target
    try:
        before = target.read_bytes()
    except OSError as error:
        raise UserError(f"{target}: cannot read: {error.strerror}") from None
    current = _toml(before, target)
    tool = current.get("tool")
    if isinstance(tool, dict) and "aiconv" in tool:
        raise UserError(
            "pyproject.toml already has [tool.aiconv]: `aiconv init --write` only starts a "
            "configuration and changes nothing that is there; edit that table (`aiconv init` "
            "prints a proposal to compare)"
        )
    newline = b"\r\n" if b"\r\n" in before else b"\n"
    separator = b"" if not before or before.endswith(b"\n") else newline
    added = (("\n" if before.strip() else "") + text).encode("utf-8").replace(b"\n", newline)
    after = before + separator + added
    combined = _toml(after, target, appended=True)
    if not isinstance(combined.get("tool"), dict) or "aiconv" not in combined["tool"]:
        raise UserError(f"{target}: [tool.aiconv] cannot be appended to this file's TOML")
    if not write_atomic(target, after, before):
        raise UserError(f"{target}: changed while aiconv read it; nothing was written")
    return target


def _toml(data: bytes, path: Path, appended: bool = False) -> dict[str, Any]:
    try:
        return tomllib.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        if appended:  # e.g. `tool = {...}` written inline: no table can be added to it
            raise UserError(
                f"{path}: appending [tool.aiconv] would make the file invalid TOML ({error}); "
                "add the printed proposal by hand"
            ) from None
        raise UserError(f"{path}: not valid TOML ({error}); fix it before `--write`") from None


# ---------------------------------------------------------------------------- TOML text


def _string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string


def _key(name: str) -> str:
    return name if re.fullmatch(r"[A-Za-z0-9_-]+", name) else _string(name)


def _array(key: str, values: Iterable[str]) -> str:
    items = [_string(value) for value in values]
    line = f"{key} = [{', '.join(items)}]"
    if len(line) <= WIDTH:
        return line
    return "\n".join([f"{key} = [", *(f"    {item}," for item in items), "]"])


def _comment(text: str) -> str:
    """A comment line; control characters in file names must not end it early."""
    cleaned = "".join(char if char.isprintable() else "?" for char in text)
    return f"# {cleaned}".rstrip()


def _comments(text: str) -> list[str]:
    """A paragraph as comment lines that fit the width."""
    return [_comment(line) for line in textwrap.wrap(text, WIDTH - 2, break_on_hyphens=False)]


def _listing(paths: Iterable[str]) -> str:
    paths = list(paths)
    shown = ", ".join(paths[:SHOWN])
    return shown + (f" and {len(paths) - SHOWN} more" if len(paths) > SHOWN else "")


def _size(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


# ---------------------------------------------------------------------------- sections


def _header() -> str:
    lines = [_comment("-" * (WIDTH - 2))]
    lines += _comments(
        "aiconv: the team's conventions, proposed by `aiconv init` from what this repository "
        "holds today. Keep what the team agrees on, then run `aiconv lint`; `aiconv explain "
        "CODE` tells what a rule checks, and `aiconv guide` turns this table into a handbook."
    )
    return "\n".join(lines) + "\n"


def _top(found: Inspection) -> str:
    lines = ["[tool.aiconv]"]
    about = "Source roots: a file's module name is its path under the first root that holds it."
    if found.packages:
        about += " Packages found: " + ", ".join(f"{p.name} ({p.path})" for p in found.packages)
        about += "."
    lines += _comments(about)
    lines.append(_array("src", found.roots))
    return "\n".join(lines) + "\n"


def _terminology(found: Inspection) -> str:
    chosen, single = [], []
    for usage in found.usages:
        used = usage.used()
        if len(used) >= 2:
            chosen.append((usage, used))
        elif len(used) == 1:
            single.append((usage, used[0]))
    lines = [
        "[tool.aiconv.terminology.terms]",
        *_comments(
            "One word per concept (AIC101: names the code defines; AIC102: file and folder "
            "names). Where the code spells a concept several ways, the spelling it uses most, "
            "counted in the names it defines and in file and folder names:"
        ),
    ]
    for _, used in chosen:
        counts = ", ".join(f'"{spelling}" {count}' for spelling, count in used)
        lines.append(_comment(counts))
        lines.append(_array(_key(used[0][0]), [spelling for spelling, _ in used[1:]]))
    if not chosen:
        lines.append(_comment("(none: every concept below has one spelling so far)"))
    if single:
        lines.append(_comment("Spelled one way so far; uncomment to keep it so:"))
        for usage, (spelling, count) in single:
            others = [s for s in usage.concept.spellings if s != spelling]
            entry = _array(_key(spelling), others)
            lines.append(_comment(f"{entry}   ({count} × {spelling})"))
    text = "\n".join(lines) + "\n"
    if chosen:
        definitions = ["[tool.aiconv.terminology.definitions]"]
        definitions.append(_comment("Shown in messages, `aiconv explain WORD` and the handbook."))
        definitions += [
            f"{_key(used[0][0])} = {_string(usage.concept.definition)}" for usage, used in chosen
        ]
        text += "\n" + "\n".join(definitions) + "\n"
    return text


def _code_dirs(found: Inspection) -> list[str]:
    """The folders that hold the product's code, as the preset's `/src/` stands for them."""
    # A `src` folder holds only code; any other root (the repository, a monorepo member) also
    # holds tests, docs and data, so there the package folder stands for the code.
    dirs = {p.root if p.root.rsplit("/", 1)[-1] == "src" else p.path for p in found.packages}
    return sorted(dirs)


def _per_code_dir(patterns: Iterable[str], dirs: list[str]) -> list[str]:
    """The preset's `/src/...` patterns, once per code folder of this repository."""
    out: list[str] = []
    for pattern in patterns:
        if not pattern.startswith("/src/"):
            out.append(pattern)
            continue
        out += [f"/{folder}/{pattern[len('/src/') :]}" for folder in dirs]
    return list(dict.fromkeys(out))


def _layout(found: Inspection) -> str:
    preset = presets.ml_project()
    layout = preset.layout
    dirs = _code_dirs(found)
    lines = [
        "[tool.aiconv.layout]",
        *_comments(
            f"The {preset.name} preset ({preset.description}), adjusted to this repository "
            "(AIC201-AIC205)."
        ),
    ]
    wanted = [entry.value for entry in layout.required]
    present = [path for path in wanted if found.exists(path.lstrip("/"))]
    missing = [path for path in wanted if path not in present]
    if missing:
        lines += _comments(
            f"The preset also requires {', '.join(missing)}: add them when the team wants them "
            "(git keeps no empty folder: give each one a file)."
        )
    if present:
        lines.append(_array("required", present))
    many = len(dirs) > MAX_CODE_DIRS
    if many:
        lines += _comments(
            f"The preset keeps data and weight files out of the code folders; with {len(dirs)} "
            "code folders that is a long list: add `/FOLDER/**/*.parquet`-style globs for the "
            "ones that matter."
        )
    forbidden = [] if many else _per_code_dir(layout.forbidden, dirs)
    suffixes = sorted(
        {"." + path.rsplit(".", 1)[-1].lower() for path in found.weights if not _under(path, dirs)}
    )
    if suffixes:
        outside = [path for path in found.weights if not _under(path, dirs)]
        lines += _comments(f"Weights committed today: {_listing(outside)}.")
        forbidden += [f"**/*{suffix}" for suffix in suffixes]
    if forbidden:
        lines.append(_array("forbidden", forbidden))
    if found.large:
        large = [f"{path} ({_size(size)})" for path, size in found.large]
        lines += _comments(f"Larger than {layout.max_file_size_text} today: {_listing(large)}.")
    lines.append(f"max-file-size = {_string(layout.max_file_size_text)}")
    lines += ["", "[tool.aiconv.layout.placement]"]
    for pattern, folders in layout.placement:
        allowed = _notebook_folders(found, dirs) if pattern == "*.ipynb" else None
        if allowed:
            lines += _comments(f"Notebooks live in {', '.join(allowed)} in this repository.")
        lines.append(_array(_key(pattern), allowed or folders))
    if dirs:
        lines += ["", "[tool.aiconv.layout.naming]", _comment("Python imports these by name.")]
        naming = [("/**/*.py", "snake_case")] if many else layout.naming
        for pattern, style in naming:
            lines += [f"{_key(each)} = {_string(style)}" for each in _per_code_dir([pattern], dirs)]
    return "\n".join(lines) + "\n"


def _under(path: str, dirs: list[str]) -> bool:
    return any(path.startswith(folder + "/") for folder in dirs)


def _notebook_folders(found: Inspection, dirs: list[str]) -> list[str]:
    """Where notebooks live when it is not notebooks/ (None: the preset's folder fits)."""
    if not found.notebooks or found.exists("notebooks/"):
        return []
    folders = {
        "/" + path.split("/")[0] + "/"
        for path in found.notebooks
        if "/" in path and not _under(path, dirs)
    }
    return sorted(folders)


def _datasets() -> str:
    lines = [
        *_comments(
            "Dataset versions (AIC301-AIC303) and seeding (AIC401-AIC406) are checked with no "
            "configuration, on built-in catalogues. Name the team's own dataset locations and "
            "loaders to check them too:"
        ),
        _comment("[tool.aiconv.datasets]"),
        _comment('uri-patterns = ["s3://BUCKET/datasets/**"]'),
    ]
    return "\n".join(lines) + "\n"


def _randomness(found: Inspection) -> str:
    if not found.seed_helpers:
        return ""
    lines = ["[tool.aiconv.randomness]", _comment("The project's seeding helpers:")]
    for helper in found.seed_helpers:
        lines.append(_comment(f"{helper.function} calls {', '.join(helper.seeders)}"))
    lines.append(_array("seed-functions", [helper.function for helper in found.seed_helpers]))
    return "\n".join(lines) + "\n"


def _boundaries(found: Inspection) -> str:
    blocks = _layers(found) + _forbidden(found) + _independent(found)
    if not blocks:
        return ""
    lines = _comments(
        "Module contracts (AIC501-AIC504), from the folders named like ML layers. `aiconv "
        "graph` draws them with the imports between them."
    )
    return "\n".join(lines) + "\n" + "\n".join(blocks)


def _contract(name: str, kind: str, body: list[str]) -> str:
    head = ["[[tool.aiconv.boundaries.contracts]]", f"name = {_string(name)}"]
    return "\n".join([*head, f"kind = {_string(kind)}", *body]) + "\n"


def _layers(found: Inspection) -> list[str]:
    by_package: dict[str, dict[int, list[str]]] = {}
    for module in found.layer_modules:
        ranks = by_package.setdefault(module.split(".")[0], {})
        ranks.setdefault(LAYER_RANK[found.last(module)], []).append(module)
    layered = {top: ranks for top, ranks in by_package.items() if len(ranks) >= 2}
    blocks = []
    for top, ranks in sorted(layered.items()):
        layers = [" | ".join(sorted(ranks[rank])) for rank in sorted(ranks)]
        body = [
            *_comments(
                "Highest first: a layer imports only the layers below it; `a | b` are siblings "
                "that do not import each other."
            ),
            _array("layers", layers),
        ]
        blocks.append(_contract("layers" if len(layered) == 1 else f"{top} layers", "layers", body))
    return blocks


def _forbidden(found: Inspection) -> list[str]:
    training = [m for m in found.layer_modules if found.last(m) in TRAINING]
    serving = [m for m in found.layer_modules if found.last(m) in SERVING]
    if not training or not serving:
        return []
    body = [_array("from", training), _array("to", [*serving, *found.serving_imports])]
    if found.serving_imports:
        body.insert(1, _comment(f"{', '.join(found.serving_imports)}: what the serving code uses."))
    return [_contract("training never imports serving", "forbidden", body)]


def _independent(found: Inspection) -> list[str]:
    models = [m for m in found.layer_modules if found.last(m) == "models"]
    blocks = []
    for package in models:
        families = sorted(
            m
            for m in found.modules
            if m.rsplit(".", 1)[0] == package
            and found.last(m) not in SHARED_MODULES
            and not found.last(m).startswith("_")
        )
        if len(families) < 2:
            continue
        name = "model families stay independent"
        if len(models) > 1:
            name = f"{package} families stay independent"
        body = [
            _comment("Each model family is its own module; shared code goes in a common one."),
            _array("modules", families),
        ]
        blocks.append(_contract(name, "independent", body))
    return blocks
