"""`--format github` (Actions workflow commands) and `--format junit` (CI dashboards)."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path

from conftest import run, write

from aiconv.report import github
from aiconv.violation import Report, Violation

# ---------------------------------------------------------------------------- github


def test_github_prints_one_error_command_per_violation(project: Path) -> None:
    write(project, {"src/train.py": "def fit():\n    ds = 1\n    return ds\n"})
    result = run(["lint", "--format", "github"], project)
    assert result.exit_code == 1
    [line] = result.stdout.splitlines()
    head, message = line.split("::", 2)[1:]
    assert head == "error file=src/train.py,line=2,col=5,endLine=2,endColumn=7,title=AIC101"
    assert message.startswith("`ds` holds the avoided word")


def test_github_escapes_percent_newline_colon_and_comma() -> None:
    violation = Violation("a,b:c%d.py", 3, 1, "AIC101", "50% of x:\ny, z\r", 3, 4)
    out = github.render(Report((violation,), files=1))
    assert out == (
        "::error file=a%2Cb%3Ac%25d.py,line=3,col=1,endLine=3,endColumn=4,title=AIC101"
        "::50%25 of x:%0Ay, z%0D\n"
    )


def test_github_escapes_a_real_file_name_in_the_property_and_the_message(project: Path) -> None:
    write(project, {"ds 5%, v1:2.txt": "x\n"})
    result = run(["lint", "--format", "github"], project)
    [line] = result.stdout.splitlines()
    assert line.startswith("::error file=ds 5%25%2C v1%3A2.txt,line=1,col=1,")
    message = line.split("::", 2)[2]
    assert "`ds 5%25, v1:2.txt`" in message
    assert "\r" not in result.stdout


def test_github_appends_the_fix_hint_on_an_escaped_second_line(project: Path) -> None:
    write(project, {"train.py": "def fit():\n    ds = 1\n    return ds\n"})
    message = run(["lint", "--format", "github"], project).stdout.split("::", 2)[2]
    assert "%0Afix: rename `ds` to `dataset`" in message
    assert "\n" not in message.rstrip("\n")


def test_github_prints_nothing_for_a_clean_project(project: Path) -> None:
    write(project, {"train.py": "dataset = 1\n"})
    result = run(["lint", "--format", "github"], project)
    assert (result.exit_code, result.stdout) == (0, "")


# ---------------------------------------------------------------------------- junit


def junit(root: Path) -> ElementTree.Element:
    """The parsed `--format junit` report of `root`."""
    return ElementTree.fromstring(run(["lint", "--format", "junit"], root).stdout)


def enabled_codes(root: Path) -> list[str]:
    """The codes `aiconv rules` says are enabled in `root`."""
    return [
        row["code"] for row in run(["rules", "--format", "json"], root).json() if row["enabled"]
    ]


def test_junit_has_one_testcase_per_enabled_rule_under_one_suite(project: Path) -> None:
    write(project, {"train.py": "dataset = 1\n"})
    suites = junit(project)
    assert suites.tag == "testsuites"
    [suite] = suites.findall("testsuite")
    names = [case.get("name", "").split()[0] for case in suite.findall("testcase")]
    assert names == enabled_codes(project)
    assert "AIC101 avoided-term-in-name" in [case.get("name") for case in suite]


def test_junit_counts_a_failing_testcase_per_rule_that_reported(project: Path) -> None:
    write(project, {"train.py": "ds = 1\nlr = 2\n", "broken.py": "def f(:\n"})
    suites = junit(project)
    suite = suites.find("testsuite")
    assert suite is not None
    failing = [case.get("name") for case in suite if case.find("failure") is not None]
    assert failing == ["AIC001 syntax-error", "AIC101 avoided-term-in-name"]
    tests = str(len(enabled_codes(project)))
    for element in (suites, suite):
        assert (element.get("tests"), element.get("failures"), element.get("errors")) == (
            tests, "2", "0")  # fmt: skip


def test_junit_failure_lists_each_violation_of_the_rule_with_its_location(project: Path) -> None:
    write(project, {"train.py": "ds = 1\nlr = 2\n"})
    case = next(
        c for c in junit(project).iter("testcase") if c.get("name", "").startswith("AIC101")
    )
    failure = case.find("failure")
    assert failure is not None
    assert case.get("classname") == "aiconv.terminology"
    assert failure.get("message") == "2 violations of AIC101 avoided-term-in-name"
    lines = (failure.text or "").splitlines()
    assert [line.split(" AIC101 ")[0] for line in lines] == ["train.py:1:1:", "train.py:2:1:"]


def test_junit_of_a_clean_project_has_no_failure(project: Path) -> None:
    write(project, {"train.py": "dataset = 1\n"})
    result = run(["lint", "--format", "junit"], project)
    assert result.exit_code == 0
    suites = ElementTree.fromstring(result.stdout)
    assert suites.get("failures") == "0"
    assert list(suites.iter("failure")) == []


def test_junit_stays_well_formed_when_a_message_holds_a_control_character(project: Path) -> None:
    write(project, {"ds\x01notes.txt": "x\n"})
    suites = junit(project)
    [failure] = suites.iter("failure")
    assert "ds\ufffdnotes.txt" in (failure.text or "")
