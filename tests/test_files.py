"""Which files are linted (SPEC §1, §2): .gitignore, default and configured excludes, paths."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import GLOSSARY, git_init, run, write

DS = "ds = 1\n"  # one AIC101 under GLOSSARY


def linted(root: Path, *args: str, cwd: Path | None = None) -> list[str]:
    """The paths of the AIC101 violations a run reports, in output order."""
    result = run(["lint", "--format", "json", "--select", "AIC101", *args], cwd or root)
    assert result.exit_code in (0, 1), result.stderr
    return [path for _, path, _ in result.found()]


# ---------------------------------------------------------------------------- .gitignore


def test_gitignored_files_and_folders_are_not_linted(project: Path) -> None:
    git_init(project)
    write(
        project,
        {
            ".gitignore": "generated/\n*_pb2.py\n",
            "generated/model.py": DS,
            "proto/api_pb2.py": DS,
            "train.py": DS,
        },
    )
    assert linted(project) == ["train.py"]


def test_a_nested_gitignore_applies_relative_to_its_own_folder(project: Path) -> None:
    git_init(project)
    write(project, {"pkg/.gitignore": "/local.py\n", "pkg/local.py": DS, "local.py": DS})
    assert linted(project) == ["local.py"]


def test_a_negation_in_the_same_gitignore_re_includes_a_file(project: Path) -> None:
    git_init(project)
    write(project, {".gitignore": "*.py\n!keep.py\n", "keep.py": DS, "drop.py": DS})
    assert linted(project) == ["keep.py"]


def test_a_negation_in_a_nested_gitignore_overrides_its_parent(project: Path) -> None:
    git_init(project)
    write(
        project,
        {
            ".gitignore": "*.py\n",
            "pkg/.gitignore": "!keep.py\n",
            "pkg/keep.py": DS,
            "pkg/drop.py": DS,
        },
    )
    assert linted(project) == ["pkg/keep.py"]


def test_a_file_in_an_ignored_folder_cannot_be_re_included(project: Path) -> None:
    # git's rule: once a folder is excluded, nothing below it is looked at.
    git_init(project)
    write(project, {".gitignore": "build/\n", "build/.gitignore": "!*.py\n", "build/gen.py": DS})
    assert linted(project) == []
    assert linted(project, "build/gen.py") == []


def test_git_info_exclude_is_honoured(project: Path) -> None:
    git_init(project)
    write(project, {"scratch.py": DS, "train.py": DS})
    (project / ".git" / "info").mkdir(exist_ok=True)
    (project / ".git" / "info" / "exclude").write_text("scratch.py\n", encoding="utf-8")
    assert linted(project) == ["train.py"]


def test_the_gitignore_of_a_repository_above_the_root_applies(tmp_path: Path) -> None:
    git_init(tmp_path)
    write(
        tmp_path,
        {
            ".gitignore": "out/\n",
            "service/pyproject.toml": GLOSSARY,
            "service/out/gen.py": DS,
            "service/train.py": DS,
        },
    )
    assert linted(tmp_path / "service") == ["train.py"]


def test_a_malformed_gitignore_line_is_skipped_and_the_others_still_apply(project: Path) -> None:
    git_init(project)
    write(project, {".gitignore": "!\ngen.py\n", "gen.py": DS, "train.py": DS})
    assert linted(project) == ["train.py"]


# ---------------------------------------------------------------------------- default excludes


@pytest.mark.parametrize(
    "folder", [".venv", "venv", "node_modules", "__pycache__", ".git", ".tox", "build_env"]
)
def test_default_excluded_folders_are_not_linted(project: Path, folder: str) -> None:
    files: dict[str, str | bytes] = {f"{folder}/lib/mod.py": DS, "train.py": DS}
    if folder == "build_env":  # any name: a virtual environment is known by its pyvenv.cfg
        files[f"{folder}/pyvenv.cfg"] = "home = /usr/bin\n"
    write(project, files)
    assert linted(project) == ["train.py"]


def test_a_folder_named_like_an_environment_without_a_pyvenv_file_is_linted(project: Path) -> None:
    write(project, {"build_env/mod.py": DS})
    assert linted(project) == ["build_env/mod.py"]


# ---------------------------------------------------------------------------- exclude


def test_exclude_patterns_are_gitignore_style_and_add_to_the_defaults(tmp_path: Path) -> None:
    config = GLOSSARY + '[tool.aiconv]\nexclude = ["third_party/", "legacy_*.py"]\n'
    write(
        tmp_path,
        {
            "pyproject.toml": config,
            "third_party/lib.py": DS,
            "pkg/legacy_io.py": DS,
            ".venv/x.py": DS,
            "pkg/io.py": DS,
        },
    )
    assert linted(tmp_path) == ["pkg/io.py"]


def test_an_anchored_exclude_pattern_matches_only_at_the_root(tmp_path: Path) -> None:
    config = GLOSSARY + '[tool.aiconv]\nexclude = ["/scripts/"]\n'
    write(tmp_path, {"pyproject.toml": config, "scripts/a.py": DS, "pkg/scripts/b.py": DS})
    assert linted(tmp_path) == ["pkg/scripts/b.py"]


# ---------------------------------------------------------------------------- explicit paths


def test_excludes_apply_to_files_passed_explicitly(tmp_path: Path) -> None:
    # pre-commit passes every staged file, ignored or not: they must be skipped all the same.
    git_init(tmp_path)
    config = GLOSSARY + '[tool.aiconv]\nexclude = ["third_party/"]\n'
    write(
        tmp_path,
        {
            "pyproject.toml": config,
            ".gitignore": "generated/\n",
            "generated/a.py": DS,
            "third_party/b.py": DS,
            ".venv/lib/c.py": DS,
            "node_modules/d.py": DS,
            "train.py": DS,
        },
    )
    given = [
        "generated/a.py",
        "third_party/b.py",
        ".venv/lib/c.py",
        "node_modules/d.py",
        "train.py",
    ]
    assert linted(tmp_path, *given) == ["train.py"]


def test_a_file_re_included_by_a_nested_negation_is_linted_when_passed(project: Path) -> None:
    git_init(project)
    write(
        project,
        {".gitignore": "*.py\n", "pkg/.gitignore": "!keep.py\n", "pkg/keep.py": DS, "pkg/x.py": DS},
    )
    assert linted(project, "pkg/keep.py", "pkg/x.py") == ["pkg/keep.py"]


def test_a_file_given_twice_is_linted_once(project: Path) -> None:
    write(project, {"pkg/train.py": DS})
    assert linted(project, "pkg/train.py", "pkg", "pkg/train.py") == ["pkg/train.py"]


# ---------------------------------------------------------------------------- paths in output


def test_paths_are_relative_to_the_root_when_run_from_a_subfolder(project: Path) -> None:
    write(project, {"pkg/sub/train.py": DS, "pkg/other.py": DS})
    assert linted(project, cwd=project / "pkg" / "sub") == ["pkg/sub/train.py"]


def test_paths_are_relative_to_the_root_when_given_a_subfolder(project: Path) -> None:
    write(project, {"pkg/sub/train.py": DS, "other.py": DS})
    assert linted(project, "pkg/sub") == ["pkg/sub/train.py"]


def test_paths_are_relative_to_the_root_when_given_relative_paths_from_a_subfolder(
    project: Path,
) -> None:
    write(project, {"pkg/train.py": DS, "tools/run.py": DS})
    assert linted(project, "train.py", "../tools", cwd=project / "pkg") == [
        "pkg/train.py",
        "tools/run.py",
    ]


def test_paths_are_relative_to_the_root_when_given_as_absolute_paths(project: Path) -> None:
    write(project, {"pkg/train.py": DS})
    assert linted(project, str(project / "pkg" / "train.py")) == ["pkg/train.py"]


def test_paths_are_relative_to_the_root_when_reached_through_a_symlinked_folder(
    tmp_path: Path,
) -> None:
    # A shell's logical $PWD (or macOS's /tmp) names the project through a link.
    real = write(tmp_path / "real", {"pyproject.toml": GLOSSARY, "pkg/train.py": DS})
    (tmp_path / "link").symlink_to(real, target_is_directory=True)
    through_link = tmp_path / "link" / "pkg" / "train.py"
    assert linted(real, str(through_link), cwd=tmp_path) == ["pkg/train.py"]


def test_paths_use_forward_slashes(project: Path) -> None:
    write(project, {"a/b/c/train.py": DS})
    result = run(["lint", "--format", "concise"], project)
    assert result.stdout.startswith("a/b/c/train.py:1:1: AIC101 ")


def test_a_symlinked_file_is_reported_under_the_link_name(project: Path) -> None:
    write(project, {"shared/impl.py": DS})
    (project / "alias.py").symlink_to(project / "shared" / "impl.py")
    assert linted(project) == ["alias.py", "shared/impl.py"]


def test_a_symlinked_folder_inside_the_project_is_not_followed(project: Path) -> None:
    # git stores the link, not the tree behind it; following it would lint files twice.
    write(project, {"pkg/train.py": DS})
    (project / "alias").symlink_to(project / "pkg", target_is_directory=True)
    assert linted(project) == ["pkg/train.py"]


# ---------------------------------------------------------------------------- order


def test_output_is_sorted_by_path_line_column_and_code(project: Path) -> None:
    write(
        project,
        {
            "z.py": "def f(ds, lr):\n    ckpt = 1\n",
            "a/b.py": "hparams = 1\n",
            "a.py": "x = 1\nlr = ds = 2\n",
            # a file name and the first name it defines: the same place, two codes
            "ds.py": "ds = 1\n",
        },
    )
    result = run(["lint", "--format", "json"], project)
    found = [(v["path"], v["line"], v["column"], v["code"]) for v in result.json()["violations"]]
    assert found == [
        ("a.py", 2, 1, "AIC101"),
        ("a.py", 2, 6, "AIC101"),
        ("a/b.py", 1, 1, "AIC101"),
        ("ds.py", 1, 1, "AIC101"),
        ("ds.py", 1, 1, "AIC102"),
        ("z.py", 1, 7, "AIC101"),
        ("z.py", 1, 11, "AIC101"),
        ("z.py", 2, 5, "AIC101"),
    ]
