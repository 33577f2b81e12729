"""The bundled example project (examples/): aiconv reports exactly its deliberate violations.

Rule families are added one at a time, so the expected reports are listed per family and only
the codes that `aiconv rules` lists today are compared. Whoever implements or changes a family
edits its list; every entry is marked in the example by a `deliberate: AICnnn` comment.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import NamedTuple

import pytest
from conftest import Result, run

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"


class Expected(NamedTuple):
    """One report aiconv must make on the example project."""

    code: str
    path: str
    line: int
    fixable: bool = False


FRAMEWORK: list[Expected] = []  # every file parses and is text

TERMINOLOGY = [
    Expected("AIC101", "src/acme/models/bert.py", 29),  # self.ckpt_path: an attribute
    Expected("AIC101", "src/acme/training/loop.py", 53, fixable=True),  # train_ds: a local
    Expected("AIC101", "src/acme/training/loop.py", 54, fixable=True),  # val_ds: a local
    Expected("AIC101", "src/acme/training/optim.py", 11),  # DEFAULT_LR: a module constant
    Expected("AIC101", "src/acme/training/optim.py", 16),  # lr: a parameter
    Expected("AIC102", "scripts/lr_finder.py", 1),
]

LAYOUT = [
    Expected("AIC201", "pyproject.toml", 63),  # CHANGELOG.md is required and missing
    Expected("AIC202", "src/acme/scratch.ipynb", 1),
    Expected("AIC203", "src/acme/evaluation/ConfusionMatrix.py", 1),
    Expected("AIC204", "artifacts/bert-base-epoch3.ckpt", 1),
]

DATASETS = [
    Expected("AIC301", "src/acme/data/loading.py", 11),  # s3://acme-ml/datasets/... unpinned
    Expected("AIC302", "scripts/evaluate.py", 25),  # load_table("reviews-test")
    Expected("AIC302", "src/acme/data/loading.py", 42),  # load_dataset("imdb")
    Expected("AIC303", "src/acme/data/loading.py", 48),  # revision="main"
]

RANDOMNESS = [
    Expected("AIC401", "src/acme/data/augment.py", 12),  # np.random.shuffle, never seeded
    Expected("AIC402", "src/acme/data/preprocessing.py", 42, fixable=True),  # default_rng()
    Expected("AIC403", "src/acme/data/preprocessing.py", 29, fixable=True),  # train_test_split
    Expected("AIC405", "scripts/evaluate.py", 38),  # builds an LSTM, never seeds torch
    Expected("AIC406", "src/acme/training/loop.py", 34),  # random.seed()
]

BOUNDARIES = [
    Expected("AIC501", "src/acme/training/callbacks.py", 13),  # training -> serving
    Expected("AIC502", "src/acme/data/preprocessing.py", 14),  # data -> models
    Expected("AIC502", "src/acme/training/callbacks.py", 13),  # training -> serving
    Expected("AIC503", "src/acme/models/lstm.py", 10),  # lstm -> bert
    Expected("AIC504", "pyproject.toml", 97),  # the ignore entry of a removed module
]

EXPECTED = FRAMEWORK + TERMINOLOGY + LAYOUT + DATASETS + RANDOMNESS + BOUNDARIES


@pytest.fixture(scope="module")
def implemented() -> frozenset[str]:
    """The codes aiconv has rules for today."""
    return frozenset(row["code"] for row in run(["rules", "--format", "json"], EXAMPLES).json())


def expected_reports(
    implemented: frozenset[str], fixed: bool = False
) -> list[tuple[str, str, int]]:
    """(code, path, line) of the expected reports of implemented rules, sorted as aiconv sorts."""
    return sorted(
        (e.code, e.path, e.line)
        for e in EXPECTED
        if e.code in implemented and not (fixed and e.fixable)
    )


def reports(result: Result) -> list[tuple[str, str, int]]:
    """(code, path, line) of a JSON report, sorted (aiconv sorts by column too)."""
    return sorted(result.found())


def untracked_hint(result: Result) -> str:
    """Why AIC201 may report more: in a git checkout, layout.required counts tracked files only."""
    if any("not in git" in v["message"] for v in result.json()["violations"]):
        return "examples/ is not committed yet: `git add examples` before running this test"
    return ""


def copy_examples(target: Path) -> Path:
    """A copy of the example project, without caches."""
    destination = target / "examples"
    shutil.copytree(
        EXAMPLES, destination, ignore=shutil.ignore_patterns(".aiconv_cache", "__pycache__")
    )
    return destination


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file's bytes under `root`, caches excluded."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and ".aiconv_cache" not in path.parts
    }


def test_linting_the_examples_folder_reports_exactly_the_deliberate_violations(
    implemented: frozenset[str],
) -> None:
    result = run(["lint", "--no-cache", "--format", "json"], EXAMPLES)
    assert result.exit_code == 1, result.stderr
    assert reports(result) == expected_reports(implemented), untracked_hint(result)


def test_linting_examples_from_the_repository_root_reports_the_same(
    implemented: frozenset[str],
) -> None:
    result = run(["lint", "examples", "--no-cache", "--format", "json"], REPO)
    assert result.exit_code == 1, result.stderr
    assert reports(result) == expected_reports(implemented), untracked_hint(result)


def test_exactly_the_expected_reports_are_marked_fixable(implemented: frozenset[str]) -> None:
    result = run(["lint", "--no-cache", "--format", "json"], EXAMPLES)
    fixable = sorted(
        (v["code"], v["path"], v["line"]) for v in result.json()["violations"] if v["fixable"]
    )
    assert fixable == sorted(
        (e.code, e.path, e.line) for e in EXPECTED if e.fixable and e.code in implemented
    )


@pytest.fixture(scope="module")
def fixed_copy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    """A copy of the example project after one `aiconv lint --fix`."""
    root = copy_examples(tmp_path_factory.mktemp("fixed"))
    return root, run(["lint", "--fix", "--format", "json"], root)


def test_fix_fixes_the_fixable_reports_and_reports_the_rest(
    implemented: frozenset[str],
    fixed_copy: tuple[Path, Result],
) -> None:
    _, result = fixed_copy
    assert result.exit_code == 1, result.stderr
    assert reports(result) == expected_reports(implemented, fixed=True)
    assert result.json()["summary"]["fixed"] == sum(
        e.fixable and e.code in implemented for e in EXPECTED
    )


def test_fix_renames_the_local_names_everywhere_they_are_used(
    fixed_copy: tuple[Path, Result],
) -> None:
    root, _ = fixed_copy
    loop = (root / "src/acme/training/loop.py").read_text(encoding="utf-8")
    assert "train_ds" not in loop and "val_ds" not in loop
    assert "DataLoader(train_dataset," in loop and "DataLoader(validation_dataset," in loop


def test_a_second_fix_changes_nothing(fixed_copy: tuple[Path, Result]) -> None:
    root, _ = fixed_copy
    before = snapshot(root)
    result = run(["lint", "--fix", "--format", "json"], root)
    assert result.json()["summary"]["fixed"] == 0
    assert snapshot(root) == before
