"""The published hooks (SPEC §6), run by the real pre-commit on git repositories made here.

pre-commit installs aiconv from a commit of this checkout into its own environment: the first
test takes a while, the others share the install through one PRE_COMMIT_HOME. Select or skip
them with `-m precommit` / `-m "not precommit"`.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import git_init, run, write

pytest.importorskip("pre_commit", reason="pre-commit is a test dependency (pip install -e .[test])")
pytestmark = pytest.mark.precommit

ROOT = Path(__file__).resolve().parents[1]  # the aiconv repository these tests publish
GLOSSARY = '[tool.aiconv.terminology.terms]\ndataset = ["ds"]\n'
CONCISE = re.compile(r"^(\S[^:\n]*):(\d+):\d+: (AIC\d{3}) ", re.MULTILINE)


def git(*args: str, cwd: Path) -> str:
    """Run git in `cwd` and return its output."""
    done = subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True)
    return done.stdout


@pytest.fixture(scope="session")
def aiconv_rev(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """This checkout's working tree committed into a throwaway repository: (path, commit).

    `pre-commit try-repo` on a dirty checkout snapshots changes to tracked files only, so a
    module not yet added to git would be missing from the hooks' environment. Committing every
    file that is not ignored tests exactly what is on disk.
    """
    snapshot = tmp_path_factory.mktemp("aiconv-snapshot")
    listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT)
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():  # a tracked file deleted in the working tree is left out
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, snapshot / name)
    git_init(snapshot)
    git("add", "-A", cwd=snapshot)
    git("commit", "-q", "-m", "snapshot", cwd=snapshot)
    return snapshot, git("rev-parse", "HEAD", cwd=snapshot).strip()


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One pre-commit store for the session, so aiconv's environment is built once."""
    return tmp_path_factory.mktemp("pre-commit-home")


def pre_commit(args: list[str], cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    """Run `pre-commit ARGS` in `cwd`, output (stdout and stderr together) captured."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    env.update(PRE_COMMIT_HOME=str(home), PRE_COMMIT_COLOR="never", NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)  # fmt: skip


def repository(root: Path, files: dict[str, str | bytes], hooks: dict[str, str],
               rev: tuple[Path, str]) -> Path:  # fmt: skip
    """A git repository at `root` holding `files` and a .pre-commit-config.yaml for `hooks`.

    `hooks` maps a hook id to the extra YAML of its entry (such as `args: [...]`), as a team
    writes it in the config of docs/pre-commit.md.
    """
    entries = "".join(f"      - id: {hook}\n" + (f"        {extra}\n" if extra else "")
                      for hook, extra in hooks.items())  # fmt: skip
    config = f"repos:\n  - repo: {rev[0]}\n    rev: {rev[1]}\n    hooks:\n{entries}"
    write(root, {**files, ".pre-commit-config.yaml": config})
    git_init(root)
    git("add", "-A", cwd=root)
    return root


def test_the_aiconv_hook_fails_on_a_violation_and_shows_it(
    tmp_path: Path, aiconv_rev: tuple[Path, str], pre_commit_home: Path
) -> None:
    files = {"pyproject.toml": GLOSSARY, "src/train.py": "ds = 1\n"}
    repo = repository(tmp_path, files, {"aiconv": ""}, aiconv_rev)
    done = pre_commit(["run", "aiconv", "--all-files"], repo, pre_commit_home)
    assert done.returncode == 1, done.stdout
    assert re.search(r"^aiconv\.+Failed$", done.stdout, re.MULTILINE)
    assert "- exit code: 1" in done.stdout
    assert CONCISE.findall(done.stdout) == [("src/train.py", "1", "AIC101")]


def test_the_aiconv_hook_is_given_committed_symlinks_too(
    tmp_path: Path, aiconv_rev: tuple[Path, str], pre_commit_home: Path
) -> None:
    config = GLOSSARY + '\n[tool.aiconv.layout]\nforbidden = ["**/*.ckpt"]\n'
    write(tmp_path, {"weights/last.bin": b"weights"})
    (tmp_path / "last.ckpt").symlink_to("weights/last.bin")
    repo = repository(tmp_path, {"pyproject.toml": config}, {"aiconv": ""}, aiconv_rev)
    done = pre_commit(["run", "aiconv", "--all-files"], repo, pre_commit_home)
    assert done.returncode == 1, done.stdout
    assert CONCISE.findall(done.stdout) == [("last.ckpt", "1", "AIC204")]


def test_try_repo_runs_the_published_aiconv_hook(
    tmp_path: Path, aiconv_rev: tuple[Path, str], pre_commit_home: Path
) -> None:
    repo = write(tmp_path, {"pyproject.toml": GLOSSARY, "ds_notes.txt": "x\n"})
    git_init(repo)
    git("add", "-A", cwd=repo)
    done = pre_commit(["try-repo", str(aiconv_rev[0]), "aiconv", "--all-files"], repo,
                      pre_commit_home)  # fmt: skip
    assert done.returncode == 1, done.stdout
    assert CONCISE.findall(done.stdout) == [("ds_notes.txt", "1", "AIC102")]


def test_the_fix_hook_rewrites_the_file_fails_once_then_passes(
    tmp_path: Path, aiconv_rev: tuple[Path, str], pre_commit_home: Path
) -> None:
    train = "def fit():\n    ds = 1\n    return ds\n"
    repo = repository(tmp_path, {"pyproject.toml": GLOSSARY, "train.py": train},
                      {"aiconv-fix": ""}, aiconv_rev)  # fmt: skip
    first = pre_commit(["run", "aiconv-fix", "--all-files"], repo, pre_commit_home)
    assert first.returncode == 1, first.stdout
    assert "- files were modified by this hook" in first.stdout
    assert (repo / "train.py").read_text() == "def fit():\n    dataset = 1\n    return dataset\n"
    git("add", "-A", cwd=repo)
    second = pre_commit(["run", "aiconv-fix", "--all-files"], repo, pre_commit_home)
    assert second.returncode == 0, second.stdout
    assert re.search(r"^aiconv \(fix\)\.+Passed$", second.stdout, re.MULTILINE)


def test_the_project_hook_reports_a_missing_required_path(
    tmp_path: Path, aiconv_rev: tuple[Path, str], pre_commit_home: Path
) -> None:
    config = GLOSSARY + '\n[tool.aiconv.layout]\nrequired = ["README.md"]\n'
    repo = repository(tmp_path, {"pyproject.toml": config, "train.py": "dataset = 1\n"},
                      {"aiconv-project": ""}, aiconv_rev)  # fmt: skip
    done = pre_commit(["run", "aiconv-project", "--all-files"], repo, pre_commit_home)
    assert done.returncode == 1, done.stdout
    assert CONCISE.findall(done.stdout) == [("pyproject.toml", "5", "AIC201")]
    assert "required file `README.md` (layout.required) is missing" in done.stdout


def test_the_per_file_hook_never_concludes_that_a_path_is_missing(
    tmp_path: Path, aiconv_rev: tuple[Path, str], pre_commit_home: Path
) -> None:
    config = GLOSSARY + '\n[tool.aiconv.layout]\nrequired = ["README.md"]\n'
    repo = repository(tmp_path, {"pyproject.toml": config, "train.py": "dataset = 1\n"},
                      {"aiconv": ""}, aiconv_rev)  # fmt: skip
    done = pre_commit(["run", "aiconv", "--all-files"], repo, pre_commit_home)
    assert done.returncode == 0, done.stdout


def test_a_clean_repository_passes_every_hook(
    tmp_path: Path, aiconv_rev: tuple[Path, str], pre_commit_home: Path
) -> None:
    config = GLOSSARY + '\n[tool.aiconv.layout]\nrequired = ["README.md"]\n'
    files = {"pyproject.toml": config, "README.md": "# Models\n", "train.py": "dataset = 1\n"}
    hooks = {"aiconv": "", "aiconv-fix": "", "aiconv-project": ""}
    done = pre_commit(["run", "--all-files"], repository(tmp_path, files, hooks, aiconv_rev),
                      pre_commit_home)  # fmt: skip
    assert done.returncode == 0, done.stdout
    passed = re.findall(r"^(aiconv.*?)\.+Passed$", done.stdout, re.MULTILINE)
    assert passed == ["aiconv", "aiconv (fix)", "aiconv (whole project)"]


# ---------------------------------------------------------------------------- batches

# pre-commit cuts the file list at 128 KiB of command line, and with `require_serial` it
# still does, running the batches one after the other: 1500 names of ~110 characters need two.
PADDING = {f"ds_exports/export_{number:05d}_{'x' * 90}.txt": "x\n" for number in range(1500)}
BATCHED = {
    **PADDING,
    "pyproject.toml": GLOSSARY,
    "aaa_ds.txt": "x\n",  # AIC102 in the first batch
    "zzz/train.py": "ds = 1\n",  # AIC101 in the last batch
}


@pytest.fixture(scope="module")
def batched(tmp_path_factory: pytest.TempPathFactory, aiconv_rev: tuple[Path, str],
            pre_commit_home: Path) -> tuple[Path, str]:  # fmt: skip
    """A repository too large for one batch, and the output of the aiconv hook on it."""
    repo = repository(tmp_path_factory.mktemp("batched"), BATCHED,
                      {"aiconv": "args: [--format, concise]"}, aiconv_rev)  # fmt: skip
    done = pre_commit(["run", "aiconv", "--all-files"], repo, pre_commit_home)
    assert done.returncode == 1, done.stdout[-2000:]
    return repo, done.stdout


def test_more_files_than_one_batch_report_what_one_run_reports(batched: tuple[Path, str]) -> None:
    repo, output = batched
    summaries = re.findall(r"^(?:Found \d+ violations?|All checks passed)", output, re.MULTILINE)
    assert len(summaries) >= 2  # the hook really ran in several batches
    whole = run(["lint", "--format", "json", "--no-cache"], repo).found()
    reported = {(code, path, int(line)) for path, line, code in CONCISE.findall(output)}
    assert reported == set(whole)
    assert ("AIC102", "aaa_ds.txt", 1) in reported
    assert ("AIC101", "zzz/train.py", 1) in reported


def test_a_folder_spread_over_two_batches_is_reported_once(batched: tuple[Path, str]) -> None:
    _, output = batched
    folder = [found for found in CONCISE.findall(output) if found[0] == "ds_exports"]
    assert len(folder) == 1
