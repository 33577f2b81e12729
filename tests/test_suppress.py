"""Suppressions (SPEC §4): inline `# aiconv: ignore[...]`, `ignore-file`, `per-file-ignores`."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import GLOSSARY, run, write


def found(root: Path, text: str) -> list[tuple[str, int]]:
    """(code, line) of what `aiconv lint` reports on one file holding `text`."""
    write(root, {"train.py": text})
    result = run(["lint", "--format", "json"], root)
    assert result.exit_code in (0, 1), result.stderr
    return [(code, line) for code, _, line in result.found()]


# ---------------------------------------------------------------------------- one line


@pytest.mark.parametrize(
    "comment",
    [
        "# aiconv: ignore[AIC101]",
        "# aiconv: ignore[AIC102,AIC101]",
        "# aiconv: ignore[AIC102, AIC101]",
        "# aiconv: ignore[AIC1]",
        "# aiconv: ignore",
        "#aiconv:ignore[AIC101]",
        "# noqa: E501  # aiconv: ignore[AIC101]",
    ],
)
def test_an_ignore_comment_on_the_reported_line_suppresses_it(project: Path, comment: str) -> None:
    assert found(project, f"ds = 1  {comment}\nlr = 2\n") == [("AIC101", 2)]


@pytest.mark.parametrize(
    "comment",
    [
        "# aiconv: ignore[AIC401]",
        "# aiconv: ignore[AIC4]",
        "# aiconv: ignore[AIC1010]",
        "# aiconv: ignore [AIC4]",  # a space before the bracket is not a bare ignore
        "# aiconv: ignored",
        "# aiconv ignore",
    ],
)
def test_an_ignore_comment_that_does_not_name_the_code_suppresses_nothing(
    project: Path, comment: str
) -> None:
    assert found(project, f"ds = 1  {comment}\n") == [("AIC101", 1)]


def test_an_ignore_comment_applies_only_to_its_own_line(project: Path) -> None:
    assert found(project, "# aiconv: ignore\nds = 1\nlr = 2  # aiconv: ignore\n") == [("AIC101", 2)]


def test_an_ignore_comment_applies_to_the_line_the_report_points_at(project: Path) -> None:
    text = (
        "def fit(  # aiconv: ignore\n"
        "    model,\n"
        "    ds,  # aiconv: ignore[AIC101]\n"
        "    lr,\n"
        "):\n"
        "    return model\n"
    )
    assert found(project, text) == [("AIC101", 4)]


def test_ignore_comment_codes_are_case_insensitive(project: Path) -> None:
    assert found(project, "ds = 1  # aiconv: ignore[aic101]\n") == []


def test_an_ignore_comment_inside_a_string_does_not_count(project: Path) -> None:
    assert found(project, 'ds = "# aiconv: ignore[AIC101]"\n') == [("AIC101", 1)]


# ---------------------------------------------------------------------------- whole file


def test_ignore_file_on_its_own_line_suppresses_the_code_in_the_whole_file(project: Path) -> None:
    text = "ds = 1\n\n\ndef f(lr):\n    # aiconv: ignore-file[AIC1]\n    return lr\n"
    assert found(project, text) == []


def test_ignore_file_trailing_code_does_not_count(project: Path) -> None:
    text = "x = 1  # aiconv: ignore-file[AIC1]\nds = 2\n"
    assert found(project, text) == [("AIC101", 2)]


def test_ignore_file_for_another_code_suppresses_nothing(project: Path) -> None:
    assert found(project, "# aiconv: ignore-file[AIC4]\nds = 1\n") == [("AIC101", 2)]


def test_ignore_file_inside_a_string_does_not_count(project: Path) -> None:
    text = 'NOTE = """\n# aiconv: ignore-file[AIC1]\n"""\nds = 1\n'
    assert found(project, text) == [("AIC101", 4)]


def test_ignore_file_also_suppresses_path_rules_for_that_file(project: Path) -> None:
    write(project, {"ds_tools.py": "# aiconv: ignore-file[AIC102]\n"})
    result = run(["lint", "--format", "json"], project)
    assert result.found() == []


# ---------------------------------------------------------------------------- per-file-ignores


def per_file(root: Path, table: str, files: dict[str, str | bytes]) -> list[tuple[str, str]]:
    """(code, path) reported with `table` as `[tool.aiconv.per-file-ignores]`."""
    write(root, {"pyproject.toml": GLOSSARY + "[tool.aiconv.per-file-ignores]\n" + table, **files})
    result = run(["lint", "--format", "json"], root)
    assert result.exit_code in (0, 1), result.stderr
    return [(code, path) for code, path, _ in result.found()]


def test_per_file_ignores_with_a_double_star_glob(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {"tests/unit/test_a.py": "ds = 1\n", "src/a.py": "ds = 1\n"}
    assert per_file(tmp_path, '"tests/**" = ["AIC101"]\n', files) == [("AIC101", "src/a.py")]


def test_per_file_ignores_glob_without_a_slash_matches_at_any_depth(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {"conftest.py": "ds = 1\n", "pkg/tests/conftest.py": "ds = 1\n"}
    assert per_file(tmp_path, '"conftest.py" = ["AIC1"]\n', files) == []


def test_per_file_ignores_ignores_only_the_codes_it_names(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {"legacy/ds_io.py": "ds = 1\n"}
    assert per_file(tmp_path, '"legacy/*.py" = ["AIC102"]\n', files) == [
        ("AIC101", "legacy/ds_io.py")
    ]


def test_per_file_ignores_anchored_pattern_matches_only_at_the_root(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {"scripts/a.py": "ds = 1\n", "pkg/scripts/b.py": "ds = 1\n"}
    assert per_file(tmp_path, '"/scripts/" = ["AIC101"]\n', files) == [
        ("AIC101", "pkg/scripts/b.py")
    ]


def test_per_file_ignores_that_match_nothing_change_nothing(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {"src/a.py": "ds = 1\n"}
    assert per_file(tmp_path, '"tests/**" = ["AIC1"]\n', files) == [("AIC101", "src/a.py")]
