"""`aiconv guide`: the conventions handbook, its sections, its diagram, `--output` and `--check`."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import run, write

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
HANDBOOK = REPO / "docs" / "example-handbook.md"
MERMAID = Path(__file__).resolve().parent / "mermaid"

GLOSSARY = """
[tool.aiconv.terminology.terms]
dataset = ["ds", "data_set"]
learning_rate = ["lr"]

[tool.aiconv.terminology.definitions]
dataset = "A named, versioned collection of examples."
"""
LAYOUT = """
[tool.aiconv.layout]
required = ["README.md", "tests/"]
forbidden = ["**/*.ckpt", "data/raw/**"]
max-file-size = "5 MB"

[tool.aiconv.layout.placement]
"*.ipynb" = ["notebooks/"]

[tool.aiconv.layout.naming]
"src/**/*.py" = "snake_case"
"""
CONTRACTS = """
[[tool.aiconv.boundaries.contracts]]
name = "training never imports serving"
kind = "forbidden"
from = ["acme.training"]
to = ["acme.serving", "fastapi"]

[[tool.aiconv.boundaries.contracts]]
name = "layers"
kind = "layers"
layers = ["acme.serving", "acme.training | acme.evaluation", "acme.data"]

[[tool.aiconv.boundaries.contracts]]
name = "models stay \\"independent\\""
kind = "independent"
modules = ["acme.models.bert", "acme.models.gpt"]
"""
DATASETS = """
[tool.aiconv.datasets]
uri-patterns = ["s3://acme/datasets/**"]

[[tool.aiconv.datasets.loaders]]
function = "acme.data.load_table"
version-arg = "version"
"""
RANDOMNESS = """
[tool.aiconv.randomness]
seed-functions = ["acme.utils.seed_everything"]
"""


def handbook(root: Path, config: str) -> str:
    """`aiconv guide` in a project whose pyproject.toml holds `config`."""
    write(root, {"pyproject.toml": '[project]\nname = "acme"\n\n[tool.aiconv]\n' + config})
    result = run(["guide"], root)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def headings(text: str) -> list[str]:
    """The `## ` headings outside code blocks."""
    return re.findall(r"^## (.+)$", re.sub(r"^```.*?^```$", "", text, flags=re.M | re.S), re.M)


def mermaid_blocks(text: str) -> list[str]:
    """The sources of the ```mermaid blocks."""
    return re.findall(r"^```mermaid\n(.*?)^```$", text, flags=re.M | re.S)


# ---------------------------------------------------------------------------- the example


def test_the_committed_example_handbook_is_current() -> None:
    result = run(["guide", "--check", str(HANDBOOK)], EXAMPLES)
    assert result.exit_code == 0, (
        f"{result.stderr}\nRegenerate it: cd examples && "
        "aiconv guide --output ../docs/example-handbook.md"
    )


def test_the_example_handbook_has_every_section() -> None:
    assert headings(HANDBOOK.read_text(encoding="utf-8")) == [
        "Contents", "Glossary", "Layout", "Datasets", "Seeding", "Module boundaries", "Rules",
        "Exceptions", "Running aiconv",
    ]  # fmt: skip


# ---------------------------------------------------------------------------- sections


@pytest.mark.parametrize(
    ("config", "section"),
    [
        (GLOSSARY, "Glossary"),
        (LAYOUT, "Layout"),
        (CONTRACTS, "Module boundaries"),
        ('ignore = ["AIC3"]\n' + DATASETS, "Datasets"),
        ('ignore = ["AIC4"]\n' + RANDOMNESS, "Seeding"),
    ],
)
def test_a_section_appears_when_its_config_exists(
    tmp_path: Path, config: str, section: str
) -> None:
    assert section in headings(handbook(tmp_path, config))


@pytest.mark.parametrize("section", ["Glossary", "Layout", "Module boundaries"])
def test_a_section_vanishes_without_its_config(tmp_path: Path, section: str) -> None:
    assert section not in headings(handbook(tmp_path, ""))


@pytest.mark.parametrize(("ignored", "section"), [("AIC3", "Datasets"), ("AIC4", "Seeding")])
def test_a_policy_section_vanishes_when_its_rules_are_off_and_unconfigured(
    tmp_path: Path, ignored: str, section: str
) -> None:
    assert section not in headings(handbook(tmp_path, f'ignore = ["{ignored}"]\n'))


def test_the_dataset_and_seeding_policies_apply_by_default(tmp_path: Path) -> None:
    found = headings(handbook(tmp_path, ""))
    assert "Datasets" in found and "Seeding" in found


def test_the_contents_list_every_section_in_order(tmp_path: Path) -> None:
    text = handbook(tmp_path, GLOSSARY + LAYOUT)
    listed = re.findall(r"^- \[(.+?)\]\(#([a-z-]+)\)$", text, re.M)
    assert [name for name, _ in listed] == headings(text)[1:]
    assert ("Running aiconv", "running-aiconv") in listed


def test_the_title_names_the_project(tmp_path: Path) -> None:
    assert handbook(tmp_path, "").startswith("# Conventions handbook: acme\n")


# ---------------------------------------------------------------------------- glossary


def test_the_glossary_gives_term_avoided_words_and_definition(tmp_path: Path) -> None:
    text = handbook(tmp_path, GLOSSARY)
    assert "| **dataset** | `ds`, `data_set` | A named, versioned collection of examples. |" in text
    assert "| **learning_rate** | `lr` | — |" in text


def test_the_glossary_spells_each_term_in_every_style(tmp_path: Path) -> None:
    row = "| learning_rate | `learning_rate` | `learningRate` | `LearningRate` | `LEARNING_RATE` "
    assert row + "| `learning-rate` |" in handbook(tmp_path, GLOSSARY)


def test_the_glossary_shows_the_renames_aiconv_suggests(tmp_path: Path) -> None:
    text = handbook(tmp_path, GLOSSARY)
    assert "- `ds`: `train_ds` → `train_dataset`, `trainDs` → `trainDataset`" in text


# ---------------------------------------------------------------------------- layout


def test_the_layout_tree_says_what_lives_where(tmp_path: Path) -> None:
    text = handbook(tmp_path, LAYOUT)
    tree = text[text.index("```text\n.\n") :].split("```")[1]
    assert tree.splitlines()[1:] == [
        ".",
        "├── data/",
        "│   └── raw/    nothing committed",
        "├── notebooks/  `*.ipynb` files live here",
        "├── README.md   required",
        "├── src/        `**/*.py` named snake_case",
        "└── tests/      required",
    ]


def test_the_layout_lists_forbidden_globs_and_the_size_limit(tmp_path: Path) -> None:
    text = handbook(tmp_path, LAYOUT)
    assert "**Never committed** (AIC204): `**/*.ckpt`, `data/raw/**`." in text
    assert "**No file over 5 MB** (AIC205)." in text


# ---------------------------------------------------------------------------- policies


def test_the_dataset_policy_names_the_teams_locations_and_loaders(tmp_path: Path) -> None:
    text = handbook(tmp_path, DATASETS)
    assert "(`datasets.uri-patterns`): `s3://acme/datasets/**`." in text
    assert "| `acme.data.load_table` | `version=` |" in text


def test_a_policy_shows_a_flagged_and_a_clean_example_from_a_rule_page(tmp_path: Path) -> None:
    text = handbook(tmp_path, "")
    policy = text[text.index("## Datasets") : text.index("## Seeding")]
    assert "Flagged ([AIC302 unversioned-dataset-load](#aic302-unversioned-dataset-load)" in policy
    assert policy.count("```python") == 2 and "# error: AIC302" in policy


def test_the_seeding_policy_names_the_teams_seed_functions(tmp_path: Path) -> None:
    text = handbook(tmp_path, RANDOMNESS)
    assert "Seed with the team's helper: `acme.utils.seed_everything`" in text


# ---------------------------------------------------------------------------- contracts


def test_each_contract_is_described(tmp_path: Path) -> None:
    text = handbook(tmp_path, CONTRACTS)
    assert (
        "**training never imports serving** (`forbidden`): `acme.training` and their submodules "
        "never import `acme.serving` or `fastapi`, directly or through other project modules."
    ) in text
    assert "2. `acme.training` · `acme.evaluation`" in text


def test_the_diagram_draws_layers_and_forbidden_edges(tmp_path: Path) -> None:
    [diagram] = mermaid_blocks(handbook(tmp_path, CONTRACTS))
    assert diagram == (
        "flowchart TD\n"
        '    m0["acme.data"]\n'
        '    m1["acme.evaluation"]\n'
        '    m2["acme.models.bert"]\n'
        '    m3["acme.models.gpt"]\n'
        '    m4["acme.serving"]\n'
        '    m5["acme.training"]\n'
        '    m6(["fastapi"])\n'
        '    m5 --x|"training never imports serving"| m4\n'
        '    m5 --x|"training never imports serving"| m6\n'
        "    m4 --> m5\n"
        "    m4 --> m1\n"
        "    m5 --> m0\n"
        "    m1 --> m0\n"
        '    m1 x--x|"layers: siblings"| m5\n'
        '    m2 x-.-x|"models stay #quot;independent#quot;"| m3\n'
        "    linkStyle 0,1,6,7 stroke:#d32f2f,stroke-width:2px,color:#d32f2f\n"
    )


_NODE = re.compile(r'    (m\d+)(?:\["[^"]*"\]|\(\["[^"]*"\]\))')
_LINK = re.compile(r'    (m\d+) (?:-->|--x|x--x|x-\.-x)(?:\|"[^"|]*"\|)? (m\d+)')
_STYLE = re.compile(r"    linkStyle (\d+(?:,\d+)*) [a-z-]+:[#\w.]+(?:,[a-z-]+:[#\w.]+)*")


def check_flowchart(source: str) -> None:
    """The documented flowchart subset: a header, then nodes, links between declared nodes,
    and one `linkStyle` naming links that exist."""
    lines = source.splitlines()
    assert lines[0] == "flowchart TD"
    declared: set[str] = set()
    links = 0
    for number, line in enumerate(lines[1:], start=2):
        if node := _NODE.fullmatch(line):
            assert not links, f"line {number}: a node after the links"
            declared.add(node.group(1))
        elif link := _LINK.fullmatch(line):
            assert {link.group(1), link.group(2)} <= declared, f"line {number}: undeclared node"
            links += 1
        elif style := _STYLE.fullmatch(line):
            assert number == len(lines), "linkStyle comes last"
            assert all(int(index) < links for index in style.group(1).split(","))
        else:
            raise AssertionError(f"line {number} is not in the flowchart subset: {line!r}")


@pytest.mark.parametrize("source", ["the example", "contracts"])
def test_the_diagram_keeps_to_the_flowchart_subset(tmp_path: Path, source: str) -> None:
    text = HANDBOOK.read_text(encoding="utf-8") if source == "the example" else (
        handbook(tmp_path, CONTRACTS)
    )  # fmt: skip
    [diagram] = mermaid_blocks(text)
    check_flowchart(diagram)


def test_the_structural_check_rejects_a_link_style_past_the_last_link() -> None:
    with pytest.raises(AssertionError):
        check_flowchart('flowchart TD\n    m0["a"]\n    m0 --> m0\n    linkStyle 1 stroke:red')


def _mermaid_modules() -> Path | None:
    configured = os.environ.get("AICONV_MERMAID_MODULES")
    folder = Path(configured) if configured else MERMAID
    if shutil.which("node") is None or not (folder / "node_modules" / "mermaid").is_dir():
        return None
    return folder


@pytest.mark.skipif(
    _mermaid_modules() is None,
    reason="Mermaid's parser is not installed: npm install --prefix tests/mermaid",
)
def test_mermaid_parses_the_example_handbooks_diagram() -> None:
    folder = _mermaid_modules()
    result = subprocess.run(
        ["node", str(MERMAID / "check.mjs"), str(HANDBOOK)],
        env={**os.environ, "MERMAID_MODULES": str(folder)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "ok flowchart-v2\n"


# ---------------------------------------------------------------------------- rules


def test_every_enabled_rule_has_its_page_and_how_to_silence_it(tmp_path: Path) -> None:
    text = handbook(tmp_path, GLOSSARY)
    page = text[text.index("### AIC101 avoided-term-in-name") :]
    page = page[: page.index("\n### ", 1)]
    assert "#### What it flags" in page and "#### Instead" in page
    assert "`# aiconv: ignore[AIC101]` at the end of the reported line" in page


def test_a_rule_that_is_off_has_no_page(tmp_path: Path) -> None:
    text = handbook(tmp_path, 'ignore = ["AIC203"]\n' + LAYOUT)
    assert "### AIC203" not in text and "### AIC204 forbidden-path" in text
    assert "### AIC103" not in text  # opt-in


def test_per_file_ignores_show_on_the_rule_and_under_exceptions(tmp_path: Path) -> None:
    text = handbook(
        tmp_path, '[tool.aiconv.per-file-ignores]\n"tests/**" = ["AIC101"]\n' + GLOSSARY
    )
    assert "Not reported in `tests/**` (`per-file-ignores`)." in text
    assert "| `tests/**` | AIC101 |" in text


def test_running_aiconv_covers_the_machine_pre_commit_and_ci(tmp_path: Path) -> None:
    text = handbook(tmp_path, "")
    running = text[text.index("## Running aiconv") :]
    assert re.findall(r"^### (.+)$", running, re.M) == ["On your machine", "In pre-commit", "In CI"]
    assert "      - id: aiconv-project" in running
    assert "aiconv graph" not in running  # no contracts to draw


# ---------------------------------------------------------------------------- output, check


def test_the_handbook_does_not_depend_on_where_the_project_lies(tmp_path: Path) -> None:
    config = GLOSSARY + LAYOUT + CONTRACTS + DATASETS
    assert handbook(tmp_path / "one", config) == handbook(tmp_path / "two" / "deeper", config)


def test_output_writes_what_guide_prints(tmp_path: Path) -> None:
    printed = handbook(tmp_path, GLOSSARY)
    assert run(["guide", "--output", "handbook.md"], tmp_path).exit_code == 0
    assert (tmp_path / "handbook.md").read_text(encoding="utf-8") == printed


def test_check_exits_0_when_the_handbook_is_current(tmp_path: Path) -> None:
    handbook(tmp_path, GLOSSARY)
    run(["guide", "--output", "handbook.md"], tmp_path)
    result = run(["guide", "--check", "handbook.md"], tmp_path)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_check_accepts_a_checkout_with_crlf_line_endings(tmp_path: Path) -> None:
    text = handbook(tmp_path, GLOSSARY)
    (tmp_path / "handbook.md").write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    assert run(["guide", "--check", "handbook.md"], tmp_path).exit_code == 0


def test_check_exits_1_when_the_config_changed(tmp_path: Path) -> None:
    handbook(tmp_path, GLOSSARY)
    run(["guide", "--output", "handbook.md"], tmp_path)
    handbook(tmp_path, GLOSSARY.replace('learning_rate = ["lr"]', 'learning_rate = ["lr", "eta"]'))
    result = run(["guide", "--check", "handbook.md"], tmp_path)
    assert result.exit_code == 1
    assert "handbook.md is out of date" in result.stderr
    assert "aiconv guide --output handbook.md" in result.stderr


def test_check_exits_1_when_the_handbook_is_missing(tmp_path: Path) -> None:
    handbook(tmp_path, "")
    result = run(["guide", "--check", "handbook.md"], tmp_path)
    assert result.exit_code == 1
    assert "handbook.md does not exist" in result.stderr


def test_output_and_check_together_are_a_usage_error(tmp_path: Path) -> None:
    handbook(tmp_path, "")
    result = run(["guide", "--output", "a.md", "--check", "a.md"], tmp_path)
    assert result.exit_code == 2
    assert "--output and --check exclude each other" in result.stderr


def test_a_config_error_exits_2(tmp_path: Path) -> None:
    write(tmp_path, {"pyproject.toml": "[tool.aiconv]\nsrcs = []\n"})
    result = run(["guide"], tmp_path)
    assert result.exit_code == 2
    assert "tool.aiconv.srcs: unknown key" in result.stderr
