"""`--format sarif` (SPEC §5): SARIF 2.1.0 as GitHub code scanning reads it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import run, write

from aiconv import __version__, ruledocs
from aiconv.rules import ALL_RULES

# The official schema lives next to the repository (../shared), never copied into it.
SCHEMA = Path(__file__).resolve().parents[1].parent / "shared" / "schemas" / "sarif-2.1.0.json"

# One repository that breaks a rule of every family SPEC §3 defines.
EVERY_FAMILY = {
    "pyproject.toml": """
        [tool.aiconv]
        src = ["src"]

        [tool.aiconv.terminology.terms]
        dataset = ["ds"]

        [tool.aiconv.layout]
        required = ["README.md"]
        forbidden = ["**/*.ckpt"]

        [tool.aiconv.layout.placement]
        "*.ipynb" = ["notebooks/"]

        [tool.aiconv.layout.naming]
        "src/**/*.py" = "snake_case"

        [[tool.aiconv.boundaries.contracts]]
        name = "training never imports serving"
        kind = "forbidden"
        from = ["acme.training"]
        to = ["acme.serving"]
    """,
    "src/acme/training/loop.py": "import acme.serving.api\n",  # boundaries
    "src/acme/serving/api.py": "def predict():\n    return 1\n",
    "src/acme/data.py": (  # datasets
        'from datasets import load_dataset\n\nrows = load_dataset("imdb")\n'
        'URI = "hf://datasets/acme/reviews"\n'
    ),
    "src/acme/sample.py": (  # randomness
        "import random\n\n\ndef pick(items):\n    return random.choice(items)\n"
    ),
    "src/acme/ds_tools.py": "ds = 1\n",  # terminology
    "src/acme/BadName.py": "x = 1\n",  # layout
    "model.ckpt": b"weights",
    "explore.ipynb": "{}",
    "src/acme/broken.py": "def broken(:\n",  # framework
    "src/acme/blob.py": b"\xff\xfe\x00binary",
}


def sarif(root: Path, *args: str) -> dict[str, Any]:
    """The SARIF log of `aiconv lint --format sarif ARGS` in `root`."""
    result = run(["lint", "--format", "sarif", *args], root)
    assert result.exit_code in (0, 1), result.stderr
    log: dict[str, Any] = json.loads(result.stdout)
    return log


def results(log: dict[str, Any]) -> list[dict[str, Any]]:
    """The results of the log's only run."""
    found: list[dict[str, Any]] = log["runs"][0]["results"]
    return found


def fingerprints(log: dict[str, Any]) -> list[str]:
    """Every result's aiconv fingerprint, in output order."""
    return [result["partialFingerprints"]["aiconv/v1"] for result in results(log)]


def test_sarif_of_a_repository_breaking_every_rule_family_validates_against_the_schema(
    tmp_path: Path,
) -> None:
    if not SCHEMA.is_file():
        pytest.skip(f"the shared SARIF schema is not at {SCHEMA}")
    write(tmp_path, EVERY_FAMILY)
    log = sarif(tmp_path)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    errors = [error.message for error in jsonschema.Draft4Validator(schema).iter_errors(log)]
    assert errors == []
    families = {rule.family for rule in ALL_RULES}
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    reported = {rules[result["ruleIndex"]]["properties"]["tags"][0] for result in results(log)}
    assert reported == families


def test_sarif_lists_every_rule_with_its_catalogue_text_and_default_level(project: Path) -> None:
    driver = sarif(project)["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("aiconv", __version__)
    assert driver["informationUri"].startswith("https://")
    assert [rule["id"] for rule in driver["rules"]] == [rule.code for rule in ALL_RULES]
    aic101 = next(rule for rule in driver["rules"] if rule["id"] == "AIC101")
    page = ruledocs.load_all()["AIC101"]
    assert aic101["name"] == "avoided-term-in-name"
    assert aic101["fullDescription"]["text"] == page.sections["What it flags"]
    assert aic101["help"]["markdown"] == page.text.strip()
    assert page.sections["Why the team cares"] in aic101["help"]["text"]
    assert aic101["defaultConfiguration"]["level"] == "error"


def test_sarif_result_names_its_rule_and_points_at_the_violation(project: Path) -> None:
    write(project, {"src/train.py": "import os\n\n\ndef fit(model):\n    ds = 1\n    return ds\n"})
    log = sarif(project)
    [result] = results(log)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert (result["ruleId"], rules[result["ruleIndex"]]["id"]) == ("AIC101", "AIC101")
    assert result["level"] == "error"
    assert result["message"]["text"].startswith("`ds` holds the avoided word")
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "src/train.py", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 5, "startColumn": 5, "endLine": 5, "endColumn": 7}


def test_sarif_anchors_relative_uris_at_the_project_root(project: Path) -> None:
    write(project, {"src/train.py": "ds = 1\n"})
    bases = sarif(project)["runs"][0]["originalUriBaseIds"]
    assert bases == {"%SRCROOT%": {"uri": project.resolve().as_uri() + "/"}}


def test_sarif_percent_encodes_a_path_with_a_space(project: Path) -> None:
    write(project, {"notes/old ds.txt": "x\n"})
    [result] = results(sarif(project))
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "notes/old%20ds.txt"
    )


def test_fingerprints_are_the_same_on_a_second_run(project: Path) -> None:
    write(project, {"train.py": "ds = 1\nlr = 2\n", "ds_notes.txt": "x\n"})
    first = fingerprints(sarif(project))
    assert len(first) == 3
    assert fingerprints(sarif(project, "--no-cache")) == first


def test_fingerprints_survive_lines_inserted_above_the_violation(project: Path) -> None:
    write(project, {"train.py": "def fit():\n    ds = 1\n    return ds\n"})
    before = sarif(project)
    write(project, {"train.py": '"""Training."""\n\nimport os\n\n\ndef fit():\n    ds = 1\n'
                                "    return ds\n"})  # fmt: skip
    after = sarif(project)
    lines = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results(after)]
    assert lines == [7]
    assert fingerprints(after) == fingerprints(before)


def test_fingerprints_tell_identical_violations_apart(project: Path) -> None:
    write(project, {"train.py": "def fit():\n    ds = 1\n\n\ndef score():\n    ds = 1\n"})
    found = fingerprints(sarif(project))
    assert len(found) == 2
    assert len(set(found)) == 2


def test_fingerprint_changes_when_the_flagged_line_changes(project: Path) -> None:
    write(project, {"train.py": "ds = 1\n"})
    before = fingerprints(sarif(project))
    write(project, {"train.py": "ds = 2\n"})
    assert fingerprints(sarif(project)) != before


def test_sarif_of_a_clean_project_has_no_results(project: Path) -> None:
    write(project, {"train.py": "dataset = 1\n"})
    result = run(["lint", "--format", "sarif"], project)
    assert result.exit_code == 0
    assert results(json.loads(result.stdout)) == []
