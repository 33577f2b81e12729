"""Shared test helpers: small repositories written inline, and the real CLI run on them."""

from __future__ import annotations

import json
import os
import subprocess
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from aiconv.cli import main


@dataclass
class Result:
    """What one CLI run produced."""

    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        """stdout parsed as JSON."""
        return json.loads(self.stdout)

    def found(self) -> list[tuple[str, str, int]]:
        """(code, path, line) of every violation, from `--format json` output."""
        return [(v["code"], v["path"], v["line"]) for v in self.json()["violations"]]


@contextmanager
def _cwd(path: Path) -> Iterator[None]:
    before = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def run(args: list[str], cwd: Path) -> Result:
    """Run `aiconv ARGS` in-process in `cwd` and capture exit code, stdout and stderr."""
    try:
        runner = CliRunner(mix_stderr=False)  # type: ignore[call-arg]  # click < 8.2
    except TypeError:
        runner = CliRunner()
    with _cwd(cwd):
        outcome = runner.invoke(main, args, catch_exceptions=False, env={"NO_COLOR": "1"})
    return Result(outcome.exit_code, outcome.stdout, outcome.stderr)


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    """Create `files` (path -> text, dedented, or bytes) under `root`."""
    for name, content in files.items():
        path = root / name
        if name.endswith("/"):
            path.mkdir(parents=True, exist_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return root


def git_init(root: Path) -> None:
    """Make `root` a git repository (for .gitignore and staged-file behaviour)."""
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    subprocess.run(["git", "-C", str(root), "config", "user.email", "t@example.com"], check=True)
    subprocess.run(["git", "-C", str(root), "config", "user.name", "Test"], check=True)


GLOSSARY = """
[tool.aiconv.terminology.terms]
dataset = ["ds", "data_set"]
learning_rate = ["lr"]
checkpoint = ["ckpt"]
hyperparameters = ["hparams", "hyper_params"]
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An empty project folder with a glossary in pyproject.toml."""
    return write(tmp_path, {"pyproject.toml": GLOSSARY})
