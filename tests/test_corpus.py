"""aiconv over the whole Python standard library: it never crashes, and --fix is safe there.

Slow (minutes), so it runs only when selected: `pytest -m corpus`. The glossary is the
benchmark's (bench/glossary.toml), whose common abbreviations give hundreds of reports and fixes.
"""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
import sysconfig
import time
import warnings
from pathlib import Path
from typing import Any, NamedTuple

import pytest

pytestmark = pytest.mark.corpus

REPO = Path(__file__).resolve().parent.parent
GLOSSARY = REPO / "bench" / "glossary.toml"
STDLIB = Path(sysconfig.get_paths()["stdlib"])


class Run(NamedTuple):
    """One `aiconv lint` process: exit code, stderr, the JSON report and the seconds it took."""

    exit_code: int
    stderr: str
    report: dict[str, Any]
    seconds: float


def lint(root: Path, *options: str) -> Run:
    """`aiconv lint . --jobs 2 --no-cache` in a real process, with the report read from a file."""
    output = root.parent / "report.json"
    output.unlink(missing_ok=True)
    start = time.perf_counter()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "aiconv",
            "lint",
            ".",
            "--jobs",
            "2",
            "--no-cache",
            "--format",
            "json",
            "--output",
            str(output),
            *options,
        ],
        cwd=root,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    report = json.loads(output.read_text(encoding="utf-8")) if output.exists() else {}
    return Run(done.returncode, done.stderr, report, seconds)


def parses(path: Path) -> bool:
    """True when CPython's own parser accepts the file."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ast.parse(path.read_bytes(), filename=str(path))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def python_files(root: Path) -> dict[str, bytes]:
    """Every .py file's bytes under `root`."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*.py"))
    }


def describe(run: Run) -> str:
    """A one-line summary for the test log (`pytest -m corpus -s`)."""
    summary = run.report.get("summary", {})
    return (
        f"files {summary.get('files')}, violations {summary.get('violations')}, "
        f"fixed {summary.get('fixed')}, {run.seconds:.1f} s, exit {run.exit_code}"
    )


@pytest.fixture(scope="module", autouse=True)
def only_when_selected(request: pytest.FixtureRequest) -> None:
    """Skip unless the run selects the marker (`-m corpus`): a plain `pytest` stays fast."""
    if "corpus" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("slow: runs with `pytest -m corpus`")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private copy of the standard library with the ten-word glossary as its aiconv.toml."""
    root = tmp_path_factory.mktemp("corpus") / "stdlib"
    shutil.copytree(
        STDLIB, root, symlinks=True, ignore=shutil.ignore_patterns("site-packages", "__pycache__")
    )
    shutil.copyfile(GLOSSARY, root / "aiconv.toml")
    return root


@pytest.fixture(scope="module")
def linted(corpus: Path) -> Run:
    """`aiconv lint` over the untouched copy."""
    run = lint(corpus)
    print(f"\nlint: {describe(run)}")
    return run


@pytest.fixture(scope="module")
def fixed(corpus: Path, linted: Run) -> tuple[set[str], Run]:
    """The files CPython parsed before, and the first `aiconv lint --fix` over the copy."""
    parsed_before = {name for name in python_files(corpus) if parses(corpus / name)}
    run = lint(corpus, "--fix")
    print(f"\nfix: {describe(run)}")
    return parsed_before, run


def test_linting_the_standard_library_exits_0_or_1_without_a_traceback(linted: Run) -> None:
    assert linted.exit_code in (0, 1), linted.stderr[-3000:]
    assert "Traceback" not in linted.stderr
    assert "internal error" not in linted.stderr
    assert linted.report["summary"]["files"] > 1000


def test_fix_leaves_every_file_that_parsed_still_parsing(
    corpus: Path, fixed: tuple[set[str], Run]
) -> None:
    parsed_before, run = fixed
    assert run.exit_code in (0, 1), run.stderr[-3000:]
    assert "Traceback" not in run.stderr
    assert run.report["summary"]["fixed"] > 0  # the glossary must give fixes, or this tests nothing
    broken = sorted(name for name in parsed_before if not parses(corpus / name))
    assert broken == []


def test_a_second_fix_fixes_nothing_and_changes_no_byte(
    corpus: Path, fixed: tuple[set[str], Run]
) -> None:
    before = python_files(corpus)
    run = lint(corpus, "--fix")
    print(f"\nsecond fix: {describe(run)}")
    assert run.exit_code in (0, 1), run.stderr[-3000:]
    assert run.report["summary"]["fixed"] == 0
    after = python_files(corpus)
    assert sorted(name for name in after if after[name] != before.get(name)) == []
