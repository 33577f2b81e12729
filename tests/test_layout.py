"""Directory conventions (AIC201–AIC205, SPEC §2 layout, §3), on git repositories made here."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import git_init, run, write

from aiconv import gitfiles, naming, presets


def repo(root: Path, layout: str, files: dict[str, str | bytes], commit: bool = False) -> Path:
    """A git repository with `layout` as its pyproject.toml and `files` staged (or committed)."""
    git_init(root)
    write(root, {"pyproject.toml": layout, **files})
    git(root, "add", "-A")
    if commit:
        git(root, "commit", "-q", "-m", "start")
    return root


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


def lint(root: Path, *paths: str) -> list[tuple[str, str, int]]:
    """(code, path, line) of every layout violation `aiconv lint PATHS` reports."""
    result = run(["lint", *paths, "--format", "json", "--no-cache", "--select", "AIC2"], root)
    assert result.exit_code in (0, 1), result.stderr
    return result.found()


def messages(root: Path, *paths: str) -> list[str]:
    result = run(["lint", *paths, "--format", "json", "--no-cache", "--select", "AIC2"], root)
    return [violation["message"] for violation in result.json()["violations"]]


def sized(size: int) -> bytes:
    return b"x" * size


# ---------------------------------------------------------------------------- AIC202


PLACEMENT = """
[tool.aiconv.layout.placement]
"*.ipynb" = ["notebooks/"]
"*.csv" = ["data/", "tests/fixtures/"]
"""


def test_a_notebook_outside_notebooks_is_misplaced(tmp_path: Path) -> None:
    repo(tmp_path, PLACEMENT, {"src/acme/scratch.ipynb": "{}"})
    assert lint(tmp_path) == [("AIC202", "src/acme/scratch.ipynb", 1)]


def test_the_misplaced_message_says_where_such_files_live_and_what_to_do(tmp_path: Path) -> None:
    repo(tmp_path, PLACEMENT, {"src/acme/scratch.ipynb": "{}", "src/rows.csv": ""})
    assert messages(tmp_path) == [
        "notebooks live in notebooks/: move src/acme/scratch.ipynb there",
        ".csv files live in data/ or tests/fixtures/: move src/rows.csv to one of them",
    ]


def test_a_file_anywhere_below_an_allowed_folder_is_in_place(tmp_path: Path) -> None:
    repo(
        tmp_path,
        PLACEMENT,
        {"notebooks/eda/2024/explore.ipynb": "{}", "tests/fixtures/small/rows.csv": ""},
    )
    assert lint(tmp_path) == []


def test_the_last_matching_placement_glob_decides(tmp_path: Path) -> None:
    layout = PLACEMENT + '"tests/**/*.csv" = ["tests/fixtures/"]\n'
    repo(
        tmp_path,
        layout,
        {"tests/fixtures/rows.csv": "", "tests/unit/rows.csv": "", "data/rows.csv": ""},
    )
    assert lint(tmp_path) == [("AIC202", "tests/unit/rows.csv", 1)]


def test_an_anchored_folder_allows_only_the_folder_at_the_root(tmp_path: Path) -> None:
    layout = '[tool.aiconv.layout.placement]\n"*.ipynb" = ["/notebooks/"]\n'
    repo(tmp_path, layout, {"notebooks/a.ipynb": "{}", "src/notebooks/b.ipynb": "{}"})
    assert lint(tmp_path) == [("AIC202", "src/notebooks/b.ipynb", 1)]


# ---------------------------------------------------------------------------- AIC203


NAMING = """
[tool.aiconv.layout.naming]
"src/**/*.py" = "snake_case"
"configs/*" = "kebab-case"
"notebooks/*.ipynb" = "regex:^[0-9]{2}-[a-z0-9-]+\\\\.ipynb$"
"""


def test_a_module_name_that_is_not_snake_case_is_flagged_with_a_conforming_name(
    tmp_path: Path,
) -> None:
    repo(tmp_path, NAMING, {"src/acme/TrainUtils.py": ""})
    assert lint(tmp_path) == [("AIC203", "src/acme/TrainUtils.py", 1)]
    assert messages(tmp_path) == [
        "file name `TrainUtils.py` is not snake_case, as layout.naming requires for "
        "`src/**/*.py`: rename it to `train_utils.py`"
    ]


def test_dunder_private_and_numbered_modules_pass_snake_case(tmp_path: Path) -> None:
    repo(
        tmp_path,
        NAMING,
        {
            "src/acme/__init__.py": "",
            "src/acme/__main__.py": "",
            "src/acme/_version.py": "",
            "src/acme/resnet50.py": "",
        },
    )
    assert lint(tmp_path) == []


def test_a_style_judges_a_name_up_to_its_first_dot(tmp_path: Path) -> None:
    repo(
        tmp_path,
        NAMING,
        {
            "configs/train.config.yaml": "",
            "configs/model.tar.gz": "",
            "configs/bert-base.v2.yaml": "",
            "configs/TrainConfig.v2.yaml": "",
        },
    )
    assert lint(tmp_path) == [("AIC203", "configs/TrainConfig.v2.yaml", 1)]
    assert messages(tmp_path)[0].endswith("rename it to `train-config.v2.yaml`")


def test_a_regex_style_is_matched_against_the_whole_file_name(tmp_path: Path) -> None:
    repo(
        tmp_path, NAMING, {"notebooks/01-explore-data.ipynb": "{}", "notebooks/explore.ipynb": "{}"}
    )
    assert lint(tmp_path) == [("AIC203", "notebooks/explore.ipynb", 1)]


def test_a_naming_glob_ending_in_a_slash_names_folders(tmp_path: Path) -> None:
    layout = '[tool.aiconv.layout.naming]\n"src/*/" = "snake_case"\n'
    repo(tmp_path, layout, {"src/DataLoaders/Reader.py": "", "src/models/bert.py": ""})
    assert lint(tmp_path) == [("AIC203", "src/DataLoaders", 1)]
    assert messages(tmp_path) == [
        "folder name `DataLoaders` is not snake_case, as layout.naming requires for "
        "`src/*/`: rename it to `data_loaders`"
    ]


def test_a_file_glob_does_not_name_folders(tmp_path: Path) -> None:
    layout = '[tool.aiconv.layout.naming]\n"src/*" = "lowercase"\n'
    repo(tmp_path, layout, {"src/Models/bert.py": ""})
    assert lint(tmp_path) == []


def test_hidden_files_pass_every_style(tmp_path: Path) -> None:
    layout = '[tool.aiconv.layout.naming]\n"data/**" = "PascalCase"\n'
    repo(tmp_path, layout, {"data/raw/.gitkeep": "", "data/Raw.csv": ""})
    assert lint(tmp_path) == []


@pytest.mark.parametrize(
    "style,good,bad,renamed",
    [
        ("snake_case", "train_utils_2", "trainUtils", "train_utils"),
        ("kebab-case", "01-explore-data", "explore_data", "explore-data"),
        ("camelCase", "trainUtils2", "TrainUtils", "trainUtils"),
        ("PascalCase", "TrainUtils2", "train_utils", "TrainUtils"),
        ("lowercase", "resnet50", "ResNet-50", "resnet50"),
    ],
)
def test_each_style_accepts_its_own_names_and_converts_others(
    style: str, good: str, bad: str, renamed: str
) -> None:
    assert naming.conforms(good + ".py", style, is_dir=False)
    assert not naming.conforms(bad + ".py", style, is_dir=False)
    assert naming.convert(bad + ".py", style, is_dir=False) == renamed + ".py"


def test_a_folder_is_judged_on_its_whole_name() -> None:
    assert not naming.conforms("my.pkg", "snake_case", is_dir=True)
    assert naming.convert("my.pkg", "snake_case", is_dir=True) == "my_pkg"


# ---------------------------------------------------------------------------- AIC204


FORBIDDEN = '[tool.aiconv.layout]\nforbidden = ["**/*.ckpt", "!keep.ckpt", "data/raw/**"]\n'


def test_a_file_matching_a_forbidden_glob_is_flagged_at_the_root_and_below(tmp_path: Path) -> None:
    repo(
        tmp_path,
        FORBIDDEN,
        {
            "last.ckpt": "",
            "runs/7/last.ckpt": "",
            "data/raw/rows.csv": "",
            "data/processed/rows.csv": "",
        },
    )
    assert lint(tmp_path) == [
        ("AIC204", "data/raw/rows.csv", 1),
        ("AIC204", "last.ckpt", 1),
        ("AIC204", "runs/7/last.ckpt", 1),
    ]


def test_the_forbidden_message_names_the_pattern_and_the_way_out(tmp_path: Path) -> None:
    repo(tmp_path, FORBIDDEN, {"last.ckpt": ""})
    assert messages(tmp_path) == [
        "last.ckpt matches the forbidden pattern `**/*.ckpt` (layout.forbidden): keep it out of "
        "the repository (`git rm --cached last.ckpt`, and list it in .gitignore)"
    ]


def test_a_negated_forbidden_glob_re_includes_a_file(tmp_path: Path) -> None:
    repo(tmp_path, FORBIDDEN, {"keep.ckpt": ""})
    assert lint(tmp_path) == []


def test_a_gitignored_file_is_not_checked(tmp_path: Path) -> None:
    repo(tmp_path, FORBIDDEN, {".gitignore": "*.ckpt\n", "last.ckpt": ""})
    assert lint(tmp_path) == []


def test_a_staged_but_uncommitted_file_is_checked(tmp_path: Path) -> None:
    repo(tmp_path, FORBIDDEN, {"train.py": ""}, commit=True)
    write(tmp_path, {"last.ckpt": ""})
    git(tmp_path, "add", "last.ckpt")
    assert lint(tmp_path) == [("AIC204", "last.ckpt", 1)]


def test_a_file_forced_past_gitignore_is_checked_because_git_tracks_it(tmp_path: Path) -> None:
    repo(tmp_path, FORBIDDEN, {".gitignore": "*.ckpt\n"})
    write(tmp_path, {"last.ckpt": ""})
    git(tmp_path, "add", "-f", "last.ckpt")
    assert lint(tmp_path) == [("AIC204", "last.ckpt", 1)]


def test_a_passed_file_is_checked_on_its_own(tmp_path: Path) -> None:
    repo(tmp_path, FORBIDDEN, {"runs/last.ckpt": "", "other.ckpt": ""})
    assert lint(tmp_path, "runs/last.ckpt") == [("AIC204", "runs/last.ckpt", 1)]


# ---------------------------------------------------------------------------- AIC205


def limit(text: str) -> str:
    return f'[tool.aiconv.layout]\nmax-file-size = "{text}"\n'


def test_decimal_units_are_powers_of_1000_and_a_file_at_the_limit_passes(tmp_path: Path) -> None:
    repo(tmp_path, limit("500 KB"), {"at.bin": sized(500_000), "over.bin": sized(500_001)})
    assert lint(tmp_path) == [("AIC205", "over.bin", 1)]


def test_binary_units_are_powers_of_1024(tmp_path: Path) -> None:
    repo(tmp_path, limit("1 KiB"), {"at.bin": sized(1024), "over.bin": sized(1025)})
    assert lint(tmp_path) == [("AIC205", "over.bin", 1)]


def test_the_size_message_uses_the_units_of_the_limit(tmp_path: Path) -> None:
    repo(tmp_path, limit("1 MB"), {"weights.bin": sized(2_460_000)})
    assert messages(tmp_path) == [
        "weights.bin is 2.5 MB, over the 1 MB limit (layout.max-file-size): keep large files "
        "out of git (artifact storage, DVC or Git LFS)"
    ]


def test_a_size_just_over_the_limit_is_shown_in_bytes(tmp_path: Path) -> None:
    repo(tmp_path, limit("500 KB"), {"over.bin": sized(500_001)})
    assert messages(tmp_path)[0].startswith(
        "over.bin is 500,001 bytes, over the 500 KB (500,000 bytes) limit"
    )


def test_files_that_git_lfs_stores_are_not_size_checked(tmp_path: Path) -> None:
    repo(
        tmp_path,
        limit("1 KB"),
        {
            ".gitattributes": "*.bin filter=lfs diff=lfs merge=lfs -text\n",
            "weights.bin": sized(2000),
            "notes.txt": sized(2000),
        },
    )
    assert lint(tmp_path) == [("AIC205", "notes.txt", 1)]


# ---------------------------------------------------------------------------- AIC201


REQUIRED = """\
[tool.aiconv.layout]
required = [
    "README.md",
    "tests/",
    "docs/*.md",
]
"""


def test_missing_required_paths_are_reported_on_the_config_file_at_their_lines(
    tmp_path: Path,
) -> None:
    repo(tmp_path, REQUIRED, {"src/app.py": ""})
    assert lint(tmp_path, ".") == [
        ("AIC201", "pyproject.toml", 3),
        ("AIC201", "pyproject.toml", 4),
        ("AIC201", "pyproject.toml", 5),
    ]


def test_required_paths_are_not_reported_when_only_some_files_are_passed(tmp_path: Path) -> None:
    repo(tmp_path, REQUIRED, {"src/app.py": ""})
    assert lint(tmp_path, "src/app.py") == []


def test_required_paths_that_git_holds_are_not_reported(tmp_path: Path) -> None:
    repo(tmp_path, REQUIRED, {"README.md": "", "tests/test_app.py": "", "docs/index.md": ""})
    assert lint(tmp_path, ".") == []


def test_a_required_file_git_does_not_track_is_missing_with_a_git_add_hint(tmp_path: Path) -> None:
    repo(tmp_path, '[tool.aiconv.layout]\nrequired = ["README.md"]\n', {})
    write(tmp_path, {"README.md": "# app\n"})
    assert messages(tmp_path, ".") == [
        "required path `README.md` (layout.required) is not in git: `README.md` exists but is "
        "not tracked; `git add README.md`"
    ]


def test_a_required_folder_holding_only_ignored_files_is_missing(tmp_path: Path) -> None:
    layout = '[tool.aiconv.layout]\nrequired = ["data/raw/"]\n'
    repo(tmp_path, layout, {".gitignore": "data/raw/*.csv\n", "data/raw/rows.csv": ""})
    assert lint(tmp_path, ".") == [("AIC201", "pyproject.toml", 2)]
    assert "add one, such as `data/raw/.gitkeep`" in messages(tmp_path, ".")[0]


def test_a_required_file_deleted_from_the_working_tree_is_missing(tmp_path: Path) -> None:
    repo(
        tmp_path, '[tool.aiconv.layout]\nrequired = ["README.md"]\n', {"README.md": ""}, commit=True
    )
    (tmp_path / "README.md").unlink()
    assert lint(tmp_path, ".") == [("AIC201", "pyproject.toml", 2)]


def test_a_required_file_under_an_excluded_folder_does_not_count(tmp_path: Path) -> None:
    layout = '[tool.aiconv]\nexclude = ["vendor/"]\n[tool.aiconv.layout]\nrequired = ["LICENSE"]\n'
    repo(tmp_path, layout, {"vendor/lib/LICENSE": ""})
    assert lint(tmp_path, ".") == [("AIC201", "pyproject.toml", 4)]


def test_outside_git_the_files_on_disk_count(tmp_path: Path) -> None:
    write(
        tmp_path, {"pyproject.toml": REQUIRED, "README.md": "", "docs/index.md": "", "tests/": ""}
    )
    assert lint(tmp_path, ".") == []


def test_without_git_installed_the_walk_decides(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo(tmp_path, '[tool.aiconv.layout]\nrequired = ["README.md"]\n', {})
    write(tmp_path, {"README.md": ""})  # untracked: only the walk sees it
    monkeypatch.setenv("PATH", str(tmp_path / "no-git-here"))
    assert lint(tmp_path, ".") == []


# ---------------------------------------------------------------------------- git's file set


def test_the_index_lists_staged_files_relative_to_a_subfolder(tmp_path: Path) -> None:
    repo(tmp_path, "", {"pkg/a.py": "", "pkg/sub/b.py": "", "top.py": ""})
    index = gitfiles.index(tmp_path / "pkg")
    assert index is not None
    assert index.files == {"a.py", "sub/b.py"}
    assert index.folders == {"sub"}


def test_the_index_is_none_outside_a_repository(tmp_path: Path) -> None:
    assert gitfiles.index(tmp_path) is None


# ---------------------------------------------------------------------------- the ML preset


def test_the_ml_preset_text_is_the_layout_it_describes() -> None:
    preset = presets.ml_project()
    assert [entry.value for entry in preset.layout.required] == [
        "/README.md",
        "/data/raw/",
        "/data/processed/",
        "/notebooks/",
        "/src/",
        "/tests/",
    ]
    assert preset.layout.max_file_size == 5_000_000
    assert preset.layout.placement == (("*.ipynb", ("/notebooks/",)),)
    assert "/src/**/*.ckpt" in preset.layout.forbidden


CCDS = {
    "README.md": "",
    "data/raw/.gitkeep": "",
    "data/processed/.gitkeep": "",
    "notebooks/01-explore.ipynb": "{}",
    "src/acme/__init__.py": "",
    "src/acme/models/bert.py": "",
    "tests/test_bert.py": "",
}


def test_a_cookiecutter_data_science_repository_passes_the_ml_preset(tmp_path: Path) -> None:
    repo(tmp_path, presets.ml_project().toml, CCDS)
    assert lint(tmp_path, ".") == []


def test_the_ml_preset_flags_notebooks_checkpoints_and_large_files_in_src(tmp_path: Path) -> None:
    repo(
        tmp_path,
        presets.ml_project().toml,
        {
            **CCDS,
            "src/acme/scratch.ipynb": "{}",
            "src/acme/models/best.pt": "",
            "src/acme/DataUtils.py": "",
            "data/raw/big.parquet": sized(5_000_001),
        },
    )
    assert lint(tmp_path, ".") == [
        ("AIC205", "data/raw/big.parquet", 1),
        ("AIC203", "src/acme/DataUtils.py", 1),
        ("AIC204", "src/acme/models/best.pt", 1),
        ("AIC202", "src/acme/scratch.ipynb", 1),
    ]


def test_the_layout_docs_show_the_ml_preset_as_it_is() -> None:
    docs = Path(__file__).resolve().parents[1] / "docs" / "layout.md"
    assert f"```toml\n{presets.ml_project().toml}```" in docs.read_text(encoding="utf-8")
