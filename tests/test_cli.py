"""The command line (SPEC §1, §3): exit codes, selection, `rules`, `--version`, jobs, cache."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import GLOSSARY, run, write

import aiconv

DS = "ds = 1\n"  # one AIC101 under GLOSSARY
COMMENTED = "# load the ds\ndataset = 1\nlr = 2\n"  # AIC103 on line 1, AIC101 on line 3


def codes(root: Path, *args: str) -> list[tuple[str, int]]:
    """(code, line) of everything `aiconv lint ARGS` reports."""
    result = run(["lint", "--format", "json", *args], root)
    assert result.exit_code in (0, 1), result.stderr
    return [(code, line) for code, _, line in result.found()]


def configured(root: Path, extra: str, files: dict[str, str | bytes]) -> Path:
    """`root` with GLOSSARY plus `extra` lines under `[tool.aiconv]`, and `files`."""
    return write(root, {"pyproject.toml": f"[tool.aiconv]\n{extra}\n{GLOSSARY}", **files})


# ---------------------------------------------------------------------------- exit codes


def test_exit_0_when_nothing_is_reported(project: Path) -> None:
    write(project, {"train.py": "dataset = 1\n"})
    assert run(["lint"], project).exit_code == 0


def test_exit_1_when_something_is_reported(project: Path) -> None:
    write(project, {"train.py": DS})
    assert run(["lint"], project).exit_code == 1


def test_exit_2_on_a_config_error(tmp_path: Path) -> None:
    write(tmp_path, {"pyproject.toml": "[tool.aiconv]\nselect = 'AIC1'\n", "train.py": DS})
    assert run(["lint"], tmp_path).exit_code == 2


def test_exit_zero_exits_0_and_still_reports(project: Path) -> None:
    write(project, {"train.py": DS})
    result = run(["lint", "--format", "json", "--exit-zero"], project)
    assert result.exit_code == 0
    assert result.found() == [("AIC101", "train.py", 1)]


def test_exit_zero_does_not_hide_a_config_error(tmp_path: Path) -> None:
    write(tmp_path, {"pyproject.toml": "[tool.aiconv]\nbogus = 1\n"})
    assert run(["lint", "--exit-zero"], tmp_path).exit_code == 2


def test_lint_without_paths_lints_the_working_folder(project: Path) -> None:
    write(project, {"pkg/train.py": DS})
    assert run(["lint", "--format", "json"], project).found() == [("AIC101", "pkg/train.py", 1)]


# ---------------------------------------------------------------------------- selection


def test_select_option_replaces_the_config_select(tmp_path: Path) -> None:
    configured(tmp_path, 'select = ["AIC0"]', {"train.py": DS})
    assert codes(tmp_path) == []
    assert codes(tmp_path, "--select", "AIC101") == [("AIC101", 1)]


def test_select_option_takes_codes_and_prefixes_separated_by_commas(tmp_path: Path) -> None:
    configured(tmp_path, 'select = ["AIC0"]', {"ds_tools.py": DS, "broken.py": "def f(:\n"})
    assert codes(tmp_path, "--select", "AIC0,AIC102") == [("AIC001", 1), ("AIC102", 1)]
    assert codes(tmp_path, "--select", "aic1") == [("AIC101", 1), ("AIC102", 1)]


def test_ignore_option_adds_to_the_config_ignore(tmp_path: Path) -> None:
    configured(tmp_path, 'ignore = ["AIC102"]', {"ds_tools.py": DS})
    assert codes(tmp_path) == [("AIC101", 1)]
    assert codes(tmp_path, "--ignore", "AIC101") == []


def test_ignore_wins_over_select(project: Path) -> None:
    write(project, {"ds_tools.py": DS})
    assert codes(project, "--select", "AIC1", "--ignore", "AIC102") == [("AIC101", 1)]


def test_aic103_is_off_by_default(project: Path) -> None:
    write(project, {"train.py": COMMENTED})
    assert codes(project) == [("AIC101", 3)]


def test_aic103_is_enabled_by_selecting_its_exact_code(project: Path) -> None:
    write(project, {"train.py": COMMENTED})
    assert codes(project, "--select", "AIC103") == [("AIC103", 1)]


def test_aic103_is_not_enabled_by_the_prefix_alone(project: Path) -> None:
    write(project, {"train.py": COMMENTED})
    assert codes(project, "--select", "AIC1") == [("AIC101", 3)]
    assert codes(project, "--select", "AIC") == [("AIC101", 3)]


def test_aic103_joins_the_default_set_with_terminology_comments(tmp_path: Path) -> None:
    text = f"{GLOSSARY}\n[tool.aiconv.terminology]\ncomments = true\n"
    write(tmp_path, {"pyproject.toml": text, "train.py": COMMENTED})
    assert codes(tmp_path) == [("AIC103", 1), ("AIC101", 3)]
    assert codes(tmp_path, "--select", "AIC1") == [("AIC103", 1), ("AIC101", 3)]
    assert codes(tmp_path, "--ignore", "AIC103") == [("AIC101", 3)]


# ---------------------------------------------------------------------------- rules


def rules_table(root: Path, *args: str) -> dict[str, list[str]]:
    """`aiconv rules` as {code: [name, family, enabled, fixable]}."""
    result = run(["rules", *args], root)
    assert result.exit_code == 0, result.stderr
    header, *rows = result.stdout.splitlines()
    assert header.split() == ["code", "name", "family", "enabled", "fixable"]
    return {row.split()[0]: row.split()[1:] for row in rows}


def test_rules_lists_code_name_family_enabled_and_fixable(project: Path) -> None:
    table = rules_table(project)
    assert table["AIC101"] == ["avoided-term-in-name", "terminology", "yes", "yes"]
    assert table["AIC103"] == ["avoided-term-in-comment", "terminology", "no", "no"]
    assert table["AIC001"] == ["syntax-error", "framework", "yes", "no"]


def test_rules_says_what_the_config_enables(tmp_path: Path) -> None:
    configured(tmp_path, 'ignore = ["AIC101"]\n[tool.aiconv.terminology]\ncomments = true', {})
    table = rules_table(tmp_path)
    assert (table["AIC101"][2], table["AIC103"][2]) == ("no", "yes")


def test_rules_as_json(project: Path) -> None:
    result = run(["rules", "--format", "json"], project)
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    by_code = {row["code"]: row for row in rows}
    assert len(by_code) == len(rows)
    assert {"code", "name", "family", "enabled", "fixable"} <= set(by_code["AIC101"])
    assert by_code["AIC101"]["name"] == "avoided-term-in-name"
    assert (by_code["AIC101"]["enabled"], by_code["AIC101"]["fixable"]) == (True, True)
    assert (by_code["AIC103"]["enabled"], by_code["AIC103"]["fixable"]) == (False, False)
    assert [row["code"] for row in rows] == sorted(by_code)


def test_rules_text_and_json_list_the_same_codes(project: Path) -> None:
    rows = json.loads(run(["rules", "--format", "json"], project).stdout)
    assert list(rules_table(project)) == [row["code"] for row in rows]


def test_version(project: Path) -> None:
    result = run(["--version"], project)
    assert result.exit_code == 0
    assert result.stdout == f"aiconv, version {aiconv.__version__}\n"


# ---------------------------------------------------------------------------- jobs and cache


@pytest.fixture
def forty(project: Path) -> Path:
    """A project of 40 files, enough for the worker pool, with violations in most."""
    files: dict[str, str | bytes] = {
        f"pkg{index % 4}/mod_{index:02d}.py": (
            f"def step_{index}(lr):\n    ds = {index}\n    return ds\n" if index % 5 else "x = 1\n"
        )
        for index in range(40)
    }
    files["pkg0/broken.py"] = "def f(:\n"
    return write(project, files)


def test_one_job_and_two_jobs_give_identical_output(forty: Path) -> None:
    one = run(["lint", "--format", "json", "--no-cache", "--jobs", "1"], forty)
    two = run(["lint", "--format", "json", "--no-cache", "--jobs", "2"], forty)
    assert one.exit_code == two.exit_code == 1
    assert len(one.json()["violations"]) == 65
    assert one.stdout == two.stdout


def test_a_warm_cache_and_no_cache_give_identical_output(forty: Path) -> None:
    cold = run(["lint", "--format", "json"], forty)
    assert (forty / ".aiconv_cache").is_dir()
    warm = run(["lint", "--format", "json"], forty)
    uncached = run(["lint", "--format", "json", "--no-cache"], forty)
    assert cold.stdout == warm.stdout == uncached.stdout
    assert len(cold.json()["violations"]) == 65


def test_no_cache_writes_no_cache(project: Path) -> None:
    write(project, {"train.py": DS})
    run(["lint", "--no-cache"], project)
    assert not (project / ".aiconv_cache").exists()


def test_changing_a_file_invalidates_its_cache_entry(project: Path) -> None:
    path = write(project, {"train.py": DS, "other.py": DS}) / "train.py"
    assert codes(project) == [("AIC101", 1), ("AIC101", 1)]
    stamp = path.stat()
    path.write_text("x = 1\nds = 1\n", encoding="utf-8")
    # Same modification time: the cache must key on content, as CI checkouts reset mtimes.
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    result = run(["lint", "--format", "json"], project)
    assert result.found() == [("AIC101", "other.py", 1), ("AIC101", "train.py", 2)]


def test_changing_the_config_invalidates_the_cache(project: Path) -> None:
    write(project, {"train.py": "ds = lr = 1\n"})
    assert len(codes(project)) == 2
    write(project, {"pyproject.toml": '[tool.aiconv.terminology.terms]\ndataset = ["ds"]\n'})
    assert len(codes(project)) == 1


def test_a_corrupt_cache_is_ignored(project: Path) -> None:
    write(project, {"train.py": DS})
    run(["lint"], project)
    for entry in (project / ".aiconv_cache").glob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    assert codes(project) == [("AIC101", 1)]
