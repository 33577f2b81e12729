"""The handbook's sections that come from the configuration: glossary, layout, dataset and
seeding policy, module contracts. Each returns "" when the configuration says nothing of it,
and the section is left out of the handbook.
"""

from __future__ import annotations

import re

from aiconv import guidediagram, guidetree
from aiconv.config import DEFAULT_TEST_FILES, DEFAULT_VERSION_PATTERN, Settings
from aiconv.explain import rename_examples
from aiconv.ruledocs import RuleDoc
from aiconv.terms import spell, split_spans

# How the preferred term is spelled in each naming style: spell() copies a sample name's style.
STYLES = (
    ("snake_case", "a_b"),
    ("camelCase", "aB"),
    ("PascalCase", "Ab"),
    ("UPPER_CASE", "A_B"),
    ("kebab-case", "a-b"),
)
# The rule whose examples show the seeding policy best: entrypoints seed, then the rest.
SEEDING_EXAMPLES = ("AIC405", "AIC401", "AIC402", "AIC403", "AIC406", "AIC404")


def heading_anchor(title: str) -> str:
    """GitHub's heading anchor: lowercase, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", title.lower()).replace(" ", "-")


def inline(value: str) -> str:
    """`value` as inline code, even when it holds backticks."""
    fence = "``" if "`" in value else "`"
    return f"{fence}{value}{fence}" if fence == "`" else f"{fence} {value} {fence}"


def inline_list(values: tuple[str, ...] | list[str]) -> str:
    """Each value as inline code, comma-separated."""
    return ", ".join(inline(value) for value in values)


def table_cell(text: str) -> str:
    """`text` made safe for one cell of a Markdown table."""
    return text.replace("|", "\\|").replace("\n", " ")


# ---------------------------------------------------------------------------- glossary


def glossary(settings: Settings) -> str:
    """The glossary: terms, what they mean, how they are spelled; "" without terms."""
    terminology = settings.terminology
    if not terminology.terms:
        return ""
    checked = "in the names code defines (AIC101) and in file and folder names (AIC102)"
    if terminology.comments:
        checked += ", and in comments and docstrings (AIC103)"
    lines = [
        f"One word per concept, everywhere: {checked}. Words match whole, in any naming style "
        "and in the singular or plural.",
        "",
        "| say | not | meaning |",
        "|---|---|---|",
    ]
    for term in terminology.terms:
        avoided = inline_list(term.avoided) or "—"
        meaning = table_cell(term.definition) or "—"
        lines.append(f"| **{table_cell(term.preferred)}** | {table_cell(avoided)} | {meaning} |")
    lines += [
        "",
        "Spelled in each naming style (aiconv suggests the style of the name it renames):",
    ]
    lines += ["", "| term | " + " | ".join(style for style, _ in STYLES) + " |"]
    lines.append("|---" * (len(STYLES) + 1) + "|")
    for term in terminology.terms:
        spelled = [spell(term.preferred, name, split_spans(name)[:1]) for _, name in STYLES]
        lines.append(f"| {term.preferred} | " + " | ".join(inline(s) for s in spelled) + " |")
    renames = [
        f"- {inline(avoided)}: {rename_examples(term, avoided)}"
        for term in terminology.terms
        for avoided in term.avoided
    ]
    if renames:
        lines += ["", "What aiconv suggests for names that hold an avoided word:", "", *renames]
    if terminology.allow:
        lines += [
            "",
            f"Never flagged, as written (`terminology.allow`): {inline_list(terminology.allow)}.",
        ]
    return "\n".join(lines)


# ---------------------------------------------------------------------------- layout


def _style(style: str) -> str:
    if style.startswith("regex:"):
        return f"matching {inline(style[len('regex:') :])}"
    return style


def layout(settings: Settings) -> str:
    """The layout tree and its rules; "" when no layout key is set."""
    layout = settings.layout
    configured = layout.required or layout.forbidden or layout.placement or layout.naming
    if not configured and layout.max_file_size is None:
        return ""
    lines = [
        "Where things live (AIC201–AIC205). Patterns are gitignore-style, relative to the "
        "project root.",
        "",
        "```text",
        guidetree.render(layout).rstrip(),
        "```",
    ]
    if layout.required:
        required = inline_list([entry.value for entry in layout.required])
        lines += ["", f"**Must exist** (AIC201): {required}."]
    if layout.forbidden:
        lines += [
            "",
            f"**Never committed** (AIC204): {inline_list(layout.forbidden)}. Keep such files in "
            "object storage or a model registry, and point to them by version.",
        ]
    if layout.placement:
        lines += [
            "",
            "**Where files may live** (AIC202):",
            "",
            "| files | only under |",
            "|---|---|",
        ]
        lines += [
            f"| {table_cell(inline(p))} | {table_cell(inline_list(list(f)))} |"
            for p, f in layout.placement
        ]
    if layout.naming:
        lines += ["", "**How files are named** (AIC203):", "", "| paths | style |", "|---|---|"]
        lines += [
            f"| {table_cell(inline(p))} | {table_cell(_style(style))} |"
            for p, style in layout.naming
        ]
    if layout.max_file_size is not None:
        lines += ["", f"**No file over {layout.max_file_size_text}** (AIC205)."]
    return "\n".join(lines)


# ---------------------------------------------------------------------------- policies


def _example(docs: dict[str, RuleDoc], enabled: list[str], order: tuple[str, ...]) -> list[str]:
    """One flagged and one clean example: from the first rule of `order` that is enabled."""
    for code in (c for c in order if c in enabled):
        doc = docs[code]
        bad = next((e for e in doc.examples if e.bad and e.language == "python"), None)
        good = next((e for e in doc.examples if not e.bad and e.language == "python"), None)
        if bad is None or good is None:
            continue
        target = heading_anchor(doc.title)
        return [
            "",
            f"Flagged ([{code} {doc.name}](#{target}); every rule's examples are under "
            "[Rules](#rules)):",
            "",
            "```python",
            bad.code.rstrip(),
            "```",
            "",
            "Instead:",
            "",
            "```python",
            good.code.rstrip(),
            "```",
        ]
    return []


def datasets(settings: Settings, enabled: list[str], docs: dict[str, RuleDoc]) -> str:
    """The dataset version policy; "" when its rules are off and nothing is set."""
    datasets = settings.datasets
    on = [code for code in enabled if code.startswith("AIC3")]
    configured = datasets.uri_patterns or datasets.loaders or datasets.strict
    if not on and not configured:
        return ""
    lines = [
        "Every dataset a program reads names its version, so a run can be repeated on the same "
        "data and a change of data shows in review. A dataset URI without a pin is AIC301, a "
        "loader call without a version AIC302, and a version that moves (`main`, `latest`) "
        "AIC303.",
    ]
    if datasets.uri_patterns:
        patterns = inline_list(datasets.uri_patterns)
        lines += [
            "",
            f"The team's dataset locations (`datasets.uri-patterns`): {patterns}. A string "
            "naming one must carry a version.",
        ]
    if datasets.version_pattern != DEFAULT_VERSION_PATTERN:
        lines += ["", f"A version is what matches {inline(datasets.version_pattern)}."]
    elif datasets.uri_patterns:
        lines += [
            "",
            "A version is a `/v3/` folder, `@<commit>`, a `/2024-06-01/` folder, "
            "`?versionId=` or `/versions/3`.",
        ]
    lines += ["", f"Never a version: {inline_list(datasets.floating)}."]
    if datasets.strict:
        lines += ["", "Strict: only immutable pins count (commit SHAs, version numbers), not tags."]
    if datasets.loaders:
        lines += [
            "",
            "The team's loaders (`datasets.loaders`), besides the built-in catalogue "
            "(`aiconv explain AIC302`):",
            "",
            "| function | version argument |",
            "|---|---|",
        ]
        for loader in datasets.loaders:
            where = f"`{loader.version_arg}=`"
            if loader.version_position is not None:
                where += f", or the argument at position {loader.version_position} (from 0)"
            lines.append(f"| {inline(loader.function)} | {where} |")
    return "\n".join(lines + _example(docs, on, ("AIC302", "AIC301", "AIC303")))


def seeding(settings: Settings, enabled: list[str], docs: dict[str, RuleDoc]) -> str:
    """The seeding policy; "" when its rules are off and nothing is set."""
    randomness = settings.randomness
    on = [code for code in enabled if code.startswith("AIC4")]
    configured = (
        randomness.seed_functions
        or randomness.entrypoints
        or randomness.test_files != DEFAULT_TEST_FILES
    )
    if not on and not configured:
        return ""
    lines = [
        "Every random draw, shuffle and split is reproducible: each entrypoint seeds every "
        "library it draws from, generators get a seed, and calls that take a `random_state` "
        "get one.",
    ]
    if randomness.seed_functions:
        lines += [
            "",
            f"Seed with the team's helper: {inline_list(randomness.seed_functions)} "
            "(it seeds every library), or a library's own seeder (`random.seed`, "
            "`numpy.random.seed`, `torch.manual_seed`, …).",
        ]
    entry = 'files with `if __name__ == "__main__":`, notebooks'
    if randomness.entrypoints:
        entry += f", and {inline_list(randomness.entrypoints)} (`randomness.entrypoints`)"
    lines += ["", f"Entrypoints: {entry}."]
    if randomness.test_files:
        lines += [
            "",
            f"Test files ({inline_list(randomness.test_files)}) may draw without seeding "
            "(AIC401, AIC405); they still seed generators and estimators.",
        ]
    if settings.seed_expression != "0":
        lines += [
            "",
            f"Seed fixes insert {inline(settings.seed_expression)} where the file "
            "defines or imports it.",
        ]
    return "\n".join(lines + _example(docs, on, SEEDING_EXAMPLES))


# ---------------------------------------------------------------------------- boundaries


def boundaries(settings: Settings) -> str:
    """The module contracts with their diagram; "" without contracts."""
    boundaries = settings.boundaries
    if not boundaries.contracts:
        return ""
    lines = [
        "The code base is split into parts that depend on each other in one direction "
        "(AIC501–AIC504). Arrows point from the importer to the imported: a plain arrow is what "
        "a layer may import, a red crossed one what must never be imported (directly or "
        "through other modules); a rounded box is a package from outside. `aiconv graph` "
        "draws the imports as they are today.",
        "",
        "```mermaid",
        guidediagram.mermaid(boundaries).rstrip(),
        "```",
    ]
    for contract in boundaries.contracts:
        title = f"**{table_cell(contract.name)}** (`{contract.kind}`):"
        if contract.kind == "layers":
            lines += [
                "",
                f"{title} highest first; each layer imports only the layers below it, "
                "and the modules of one layer do not import each other.",
                "",
            ]
            lines += [
                f"{index}. {' · '.join(inline(m) for m in layer)}"
                for index, layer in enumerate(contract.layers, start=1)
            ]
        elif contract.kind == "forbidden":
            how = "directly or through other project modules" if contract.indirect else "directly"
            targets = " or ".join(inline(m) for m in contract.target)
            lines += [
                "",
                f"{title} {inline_list(contract.source)} and their submodules never import "
                f"{targets}, {how}.",
            ]
        else:
            lines += ["", f"{title} {inline_list(contract.modules)} never import each other."]
        if contract.ignore:
            lines += ["", f"Agreed exceptions: {inline_list([e.value for e in contract.ignore])}."]
    if boundaries.type_checking_imports:
        lines += ["", "Imports under `if TYPE_CHECKING:` count too."]
    return "\n".join(lines)
