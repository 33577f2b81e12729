"""`--baseline FILE` and `--write-baseline FILE` (SPEC §1, §4): gradual adoption."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run, write

OLD = "def fit():\n    ds = 1\n    return ds\n\n\nlr = 0.1\n"  # AIC101 at 2:5 and 6:1


@pytest.fixture
def adopted(project: Path) -> Path:
    """A project with two old violations recorded in baseline.json."""
    write(project, {"train.py": OLD})
    assert run(["lint", "--write-baseline", "baseline.json"], project).exit_code == 0
    return project


def lint(root: Path, *args: str) -> tuple[int, list[tuple[str, str, int]], str]:
    """Exit code, (code, path, line) found and stderr of a JSON run with the baseline."""
    result = run(["lint", "--format", "json", "--baseline", "baseline.json", *args], root)
    return result.exit_code, result.found(), result.stderr


def entries(root: Path, name: str = "baseline.json") -> list[dict[str, object]]:
    """The entries of a baseline file."""
    document = json.loads((root / name).read_text(encoding="utf-8"))
    assert document["version"] == 1
    found: list[dict[str, object]] = document["violations"]
    return found


def test_write_baseline_records_path_code_and_line_text_not_line_numbers(adopted: Path) -> None:
    assert entries(adopted) == [
        {"path": "train.py", "code": "AIC101", "line_text": "ds = 1", "count": 1},
        {"path": "train.py", "code": "AIC101", "line_text": "lr = 0.1", "count": 1},
    ]


def test_write_baseline_reports_what_the_new_baseline_leaves_and_says_what_it_wrote(
    project: Path,
) -> None:
    write(project, {"train.py": OLD})
    result = run(["lint", "--format", "json", "--write-baseline", "baseline.json"], project)
    assert (result.exit_code, result.found()) == (0, [])
    assert "aiconv: wrote baseline.json: 2 violations (0 fixed entries pruned)\n" in result.stderr


def test_baseline_hides_recorded_violations_and_says_how_many_matched(adopted: Path) -> None:
    code, found, stderr = lint(adopted)
    assert (code, found) == (0, [])
    assert "aiconv: baseline baseline.json: 2 violations matched (not reported), 0 new\n" in stderr


def test_a_new_violation_is_reported_despite_the_baseline(adopted: Path) -> None:
    write(adopted, {"train.py": OLD + "ckpt = None\n"})
    code, found, stderr = lint(adopted)
    assert (code, found) == (1, [("AIC101", "train.py", 7)])
    assert "2 violations matched (not reported), 1 new" in stderr


def test_recorded_violations_still_match_after_lines_are_inserted_above(adopted: Path) -> None:
    write(adopted, {"train.py": '"""Training."""\n\nimport os\n\n\n' + OLD})
    assert lint(adopted)[:2] == (0, [])


def test_a_recorded_violation_still_matches_after_its_block_is_reindented(adopted: Path) -> None:
    write(adopted, {"train.py": OLD.replace("lr = 0.1", "if True:\n    lr = 0.1")})
    assert lint(adopted)[:2] == (0, [])


def test_an_identical_violation_beyond_the_recorded_count_is_new(adopted: Path) -> None:
    write(adopted, {"train.py": OLD + "\n\ndef score():\n    ds = 1\n    return ds\n"})
    code, found, _ = lint(adopted)
    assert (code, found) == (1, [("AIC101", "train.py", 10)])


def test_a_fixed_entry_is_reported_on_stderr_so_the_baseline_can_be_pruned(adopted: Path) -> None:
    write(adopted, {"train.py": OLD.replace("lr = 0.1", "learning_rate = 0.1")})
    code, found, stderr = lint(adopted)
    assert (code, found) == (0, [])
    assert stderr.endswith(
        "aiconv: baseline baseline.json: 1 entry no longer matches (fixed); `--baseline "
        "baseline.json --write-baseline baseline.json` prunes it:\n  train.py: AIC101 `lr = 0.1`\n"
    )


def test_write_baseline_with_the_same_file_prunes_fixed_entries_but_accepts_no_new_one(
    adopted: Path,
) -> None:
    write(adopted, {"train.py": OLD.replace("lr = 0.1", "learning_rate = 0.1") + "ckpt = 1\n"})
    code, found, stderr = lint(adopted, "--write-baseline", "baseline.json")
    assert (code, found) == (1, [("AIC101", "train.py", 7)])
    assert entries(adopted) == [
        {"path": "train.py", "code": "AIC101", "line_text": "ds = 1", "count": 1},
    ]
    assert "wrote baseline.json: 1 violation (1 fixed entry pruned)" in stderr


def test_write_baseline_alone_records_the_current_violations_and_drops_fixed_ones(
    adopted: Path,
) -> None:
    write(adopted, {"train.py": OLD.replace("lr = 0.1", "learning_rate = 0.1") + "ckpt = 1\n"})
    assert run(["lint", "--write-baseline", "baseline.json"], adopted).exit_code == 0
    assert [entry["line_text"] for entry in entries(adopted)] == ["ckpt = 1", "ds = 1"]


def test_a_run_on_some_files_neither_reports_nor_prunes_entries_of_the_others(
    adopted: Path,
) -> None:
    write(adopted, {"serve.py": "dataset = 1\n"})
    code, found, stderr = lint(adopted, "serve.py", "--write-baseline", "baseline.json")
    assert (code, found) == (0, [])
    assert "no longer match" not in stderr
    assert len(entries(adopted)) == 2


def test_a_run_checking_other_codes_keeps_the_entries_of_unchecked_codes(adopted: Path) -> None:
    code, _, stderr = lint(adopted, "--select", "AIC2", "--write-baseline", "baseline.json")
    assert code == 0
    assert "no longer match" not in stderr
    assert len(entries(adopted)) == 2


def test_statistics_count_only_the_violations_the_baseline_does_not_hold(adopted: Path) -> None:
    write(adopted, {"train.py": OLD + "ckpt = None\n"})
    result = run(["lint", "--statistics", "--baseline", "baseline.json"], adopted)
    assert (result.exit_code, result.stdout) == (1, "1  AIC101  avoided-term-in-name\n")


def test_a_missing_baseline_file_is_exit_2_saying_how_to_record_one(project: Path) -> None:
    result = run(["lint", "--baseline", "baseline.json"], project)
    assert result.exit_code == 2
    assert result.stderr == (
        "aiconv: error: baseline baseline.json: no such file; record one with "
        "`aiconv lint --write-baseline baseline.json`\n"
    )


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{not json", "not valid JSON"),
        ('{"violations": []}', 'expected an object with "version": 1'),
        ('{"version": 1, "violations": [{"path": "a.py", "code": "AIC101"}]}',
         "violations[0]: expected an object with string path, code and line_text"),
        ('{"version": 1, "violations": [{"path": "a.py", "code": "AIC101", "line_text": "",'
         ' "count": 0}]}', "violations[0]: count must be a whole number of at least 1, got 0"),
    ],
)  # fmt: skip
def test_a_malformed_baseline_is_exit_2_naming_the_problem(
    project: Path, content: str, problem: str
) -> None:
    write(project, {"baseline.json": content})
    result = run(["lint", "--baseline", "baseline.json"], project)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"aiconv: error: baseline baseline.json: {problem}")
