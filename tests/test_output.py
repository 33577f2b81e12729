"""Output formats (SPEC §1, §5): concise, full, json, --output, --statistics, colour."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import Result, run, write

from aiconv.cli import main

ANSI = re.compile(r"\x1b\[[0-9;]*m")
TRAIN = "def fit(model, lr):\n    ds = 1\n    return ds\n"  # AIC101 at 1:16 and at 2:5 (fixable)


def run_with_env(args: list[str], cwd: Path, env: dict[str, str | None],
                 monkeypatch: pytest.MonkeyPatch) -> Result:  # fmt: skip
    """Like conftest.run, with the given environment (None unsets a variable)."""
    monkeypatch.chdir(cwd)
    try:
        runner = CliRunner(mix_stderr=False)  # type: ignore[call-arg]  # click < 8.2
    except TypeError:
        runner = CliRunner()
    outcome = runner.invoke(main, args, catch_exceptions=False, env=env)
    return Result(outcome.exit_code, outcome.stdout, outcome.stderr)


@pytest.fixture
def linted(project: Path) -> Path:
    """A project with one file holding two AIC101 violations."""
    return write(project, {"train.py": TRAIN})


# ---------------------------------------------------------------------------- concise


def test_concise_prints_one_path_line_column_code_message_line_each(linted: Path) -> None:
    expected = [
        f"{v['path']}:{v['line']}:{v['column']}: {v['code']} {v['message']}"
        for v in run(["lint", "--format", "json"], linted).json()["violations"]
    ]
    result = run(["lint", "--format", "concise"], linted)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == expected
    assert [line.split(": ", 1)[0] for line in expected] == ["train.py:1:16", "train.py:2:5"]


def test_concise_keeps_the_summary_off_stdout(linted: Path) -> None:
    result = run(["lint", "--format", "concise"], linted)
    assert all(
        re.match(r"^train\.py:\d+:\d+: AIC\d{3} ", line) for line in result.stdout.splitlines()
    )
    assert result.stderr == "Found 2 violations (1 fixable with --fix) in 2 files.\n"


def test_concise_prints_nothing_on_stdout_for_a_clean_project(project: Path) -> None:
    write(project, {"train.py": "dataset = 1\n"})
    result = run(["lint", "--format", "concise"], project)
    assert (result.exit_code, result.stdout) == (0, "")


# ---------------------------------------------------------------------------- full


def test_full_shows_the_location_the_source_line_a_caret_and_the_fix_hint(linted: Path) -> None:
    result = run(["lint"], linted)
    assert result.exit_code == 1
    block = result.stdout.split("\n\n")[1].splitlines()
    assert re.fullmatch(r"train\.py:2:5: AIC101 .*", block[0])
    assert block[1:4] == ["  |", "2 |     ds = 1", "  |     ^^"]
    assert block[4].startswith("  = fix: rename `ds` to `dataset`")
    assert block[4].endswith("(aiconv lint --fix)")


def test_full_is_the_default_format_and_ends_with_a_summary(linted: Path) -> None:
    result = run(["lint"], linted)
    assert result.stdout == run(["lint", "--format", "full"], linted).stdout
    assert result.stdout.endswith("\nFound 2 violations (1 fixable with --fix) in 2 files.\n")


def test_full_without_a_source_line_still_shows_the_location(project: Path) -> None:
    write(project, {"blob.py": b"\x00\x01"})
    result = run(["lint"], project)
    assert result.stdout.splitlines()[0] == (
        "blob.py:1:1: AIC002 binary file (it holds NUL bytes), not Python source"
    )
    assert "|" not in result.stdout


def test_full_says_all_checks_passed_on_a_clean_project(project: Path) -> None:
    write(project, {"train.py": "dataset = 1\n"})
    result = run(["lint"], project)
    assert (result.exit_code, result.stdout) == (0, "All checks passed (2 files).\n")


# ---------------------------------------------------------------------------- json

VIOLATION_FIELDS = {
    "code", "name", "path", "line", "column", "end_line", "end_column", "message", "fixable",
}  # fmt: skip


def test_json_has_exactly_the_spec_fields(linted: Path) -> None:
    document = run(["lint", "--format", "json"], linted).json()
    assert set(document) == {"version", "violations", "summary"}
    assert isinstance(document["version"], str)
    for violation in document["violations"]:
        assert set(violation) == VIOLATION_FIELDS
    assert document["summary"] == {"files": 2, "violations": 2, "fixed": 0}


def test_json_violation_values(linted: Path) -> None:
    second = run(["lint", "--format", "json"], linted).json()["violations"][1]
    assert {k: v for k, v in second.items() if k != "message"} == {
        "code": "AIC101",
        "name": "avoided-term-in-name",
        "path": "train.py",
        "line": 2,
        "column": 5,
        "end_line": 2,
        "end_column": 7,
        "fixable": True,
    }
    assert '"ds"' in second["message"]


def test_json_summary_counts_what_fix_fixed(linted: Path) -> None:
    document = run(["lint", "--format", "json", "--fix"], linted).json()
    assert document["summary"] == {"files": 2, "violations": 1, "fixed": 1}
    assert [v["line"] for v in document["violations"]] == [1]


def test_json_for_a_clean_project(project: Path) -> None:
    write(project, {"train.py": "dataset = 1\n"})
    result = run(["lint", "--format", "json"], project)
    assert result.exit_code == 0
    assert result.json()["violations"] == []
    assert result.json()["summary"] == {"files": 2, "violations": 0, "fixed": 0}


# ---------------------------------------------------------------------------- --output


@pytest.mark.parametrize("output_format", ["full", "concise", "json"])
def test_output_writes_the_report_to_a_file_instead_of_stdout(
    linted: Path, output_format: str
) -> None:
    printed = run(["lint", "--format", output_format], linted)
    written = run(["lint", "--format", output_format, "--output", "report.txt"], linted)
    assert written.exit_code == printed.exit_code == 1
    assert written.stdout == ""
    assert (linted / "report.txt").read_text(encoding="utf-8") == printed.stdout


def test_output_to_a_folder_that_does_not_exist_is_exit_2(linted: Path) -> None:
    result = run(["lint", "--output", "no/such/folder/report.json"], linted)
    assert result.exit_code == 2
    assert result.stderr.startswith("aiconv: error: --output no/such/folder/report.json: ")
    assert "Traceback" not in result.stderr


# ---------------------------------------------------------------------------- --statistics


@pytest.fixture
def mixed(project: Path) -> Path:
    """Two AIC101 (one fixable) in one file, one AIC001 in another."""
    return write(project, {"train.py": TRAIN, "broken.py": "def f(:\n"})


def test_statistics_counts_per_rule_most_frequent_first(mixed: Path) -> None:
    result = run(["lint", "--statistics"], mixed)
    assert result.exit_code == 1
    assert result.stdout == "2  AIC101  [*] avoided-term-in-name\n1  AIC001  syntax-error\n"


def test_statistics_as_json(mixed: Path) -> None:
    result = run(["lint", "--statistics", "--format", "json"], mixed)
    assert result.exit_code == 1
    assert json.loads(result.stdout) == [
        {"code": "AIC101", "name": "avoided-term-in-name", "count": 2, "fixable": True},
        {"code": "AIC001", "name": "syntax-error", "count": 1, "fixable": False},
    ]


def test_statistics_of_a_clean_project_is_empty_and_exit_0(project: Path) -> None:
    write(project, {"train.py": "dataset = 1\n"})
    result = run(["lint", "--statistics"], project)
    assert (result.exit_code, result.stdout) == (0, "")


# ---------------------------------------------------------------------------- colour


@pytest.mark.parametrize("output_format", ["full", "concise"])
def test_no_ansi_escapes_when_no_color_is_set(
    linted: Path, output_format: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = {"NO_COLOR": "1", "FORCE_COLOR": "1"}
    result = run_with_env(["lint", "--format", output_format], linted, env, monkeypatch)
    assert "AIC101" in result.stdout
    assert not ANSI.search(result.stdout + result.stderr)


@pytest.mark.parametrize("output_format", ["full", "concise"])
def test_no_ansi_escapes_when_output_is_not_a_terminal(
    linted: Path, output_format: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    env: dict[str, str | None] = {"NO_COLOR": None, "FORCE_COLOR": None}
    result = run_with_env(["lint", "--format", output_format], linted, env, monkeypatch)
    assert "AIC101" in result.stdout
    assert not ANSI.search(result.stdout + result.stderr)


def test_force_color_colours_the_output(linted: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The counter-check of the two tests above: colour is there when asked for.
    env: dict[str, str | None] = {"NO_COLOR": None, "FORCE_COLOR": "1"}
    result = run_with_env(["lint", "--format", "concise"], linted, env, monkeypatch)
    assert ANSI.search(result.stdout)
    assert ANSI.sub("", result.stdout) == run(["lint", "--format", "concise"], linted).stdout


def test_no_ansi_escapes_in_a_report_file_even_when_colour_is_forced(
    linted: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env: dict[str, str | None] = {"NO_COLOR": None, "FORCE_COLOR": "1"}
    run_with_env(["lint", "--output", "report.txt"], linted, env, monkeypatch)
    assert not ANSI.search((linted / "report.txt").read_text(encoding="utf-8"))
