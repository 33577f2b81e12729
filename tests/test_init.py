"""`aiconv init`: a starter `[tool.aiconv]` from what a repository holds, and `--write`."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import run, write

from aiconv import config, contracts, graphbuild
from aiconv.config import Term
from aiconv.terms import Glossary

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

# Three shapes of repository, each with layers, a checkpoint word spelled two ways and a seeder.
SRC_LAYOUT = {
    "README.md": "# shop\n",
    "src/shop/__init__.py": "",
    "src/shop/data/__init__.py": "",
    "src/shop/data/loading.py": """
        def load_ds(path):
            train_ds = open(path)
            return train_ds
        """,
    "src/shop/models/__init__.py": "",
    "src/shop/models/resnet.py": "from shop.data.loading import load_ds\n",
    "src/shop/models/vit.py": "",
    "src/shop/models/base.py": "",
    "src/shop/training/__init__.py": "",
    "src/shop/training/loop.py": """
        from shop.models import resnet

        def train(dataset, checkpoint_dir):
            best_ckpt = None
            return best_ckpt
        """,
    "src/shop/serving/__init__.py": "",
    "src/shop/serving/app.py": "from fastapi import FastAPI\nimport shop.models.vit\n",
    "src/shop/utils/__init__.py": "",
    "src/shop/utils/seeding.py": """
        import numpy as np
        import torch

        def seed_all(seed):
            np.random.seed(seed)
            torch.manual_seed(seed)

        def reseed():
            import random
            random.seed()
        """,
    "tests/test_loading.py": "def test_load_ds():\n    ds = 1\n",
}

FLAT_LAYOUT = {
    "pyproject.toml": '[project]\nname = "flatshop"\n',
    "flatshop/__init__.py": "",
    "flatshop/datasets/__init__.py": "CHECKPOINT_DIR = 'ckpts'\n",
    "flatshop/models.py": "",
    "flatshop/models/__init__.py": "",
    "flatshop/train/__init__.py": "from flatshop import datasets\nckpt_every = 2\nckpt_keep = 3\n",
    "flatshop/api/__init__.py": "import flask\n",
    "notebooks/explore.ipynb": "{}",
}

MONOREPO = {
    "packages/alpha/pyproject.toml": '[project]\nname = "alpha"\n',
    "packages/alpha/src/alpha/__init__.py": "",
    "packages/alpha/src/alpha/data/__init__.py": "",
    "packages/alpha/src/alpha/training/__init__.py": "def fit(lr, val_loader):\n    pass\n",
    "packages/alpha/src/alpha/training/schedule.py": "def warmup(lr, steps):\n    pass\n",
    "packages/beta/beta/__init__.py": "",
    "packages/beta/beta/inference/__init__.py": "learning_rate = 0.1\n",
    "packages/beta/beta/models/__init__.py": "",
    "packages/beta/tests/__init__.py": "",
    "packages/beta/tests/test_beta.py": "def test_validation():\n    pass\n",
}

SHAPES = {"src": SRC_LAYOUT, "flat": FLAT_LAYOUT, "monorepo": MONOREPO}


def proposal(root: Path) -> dict[str, Any]:
    """`aiconv init` on `root`, parsed: the `[tool.aiconv]` table."""
    result = run(["init"], root)
    assert result.exit_code == 0, result.stderr
    return tomllib.loads(result.stdout)["tool"]["aiconv"]


def examples_copy(tmp_path: Path) -> Path:
    """examples/ without its [tool.aiconv] configuration."""
    root = tmp_path / "examples"
    shutil.copytree(EXAMPLES, root, ignore=shutil.ignore_patterns(".aiconv_cache"))
    text = (root / "pyproject.toml").read_text(encoding="utf-8")
    (root / "pyproject.toml").write_text(text[: text.index("[tool.aiconv]")], encoding="utf-8")
    return root


@pytest.fixture(params=[*SHAPES, "examples"])
def repository(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """Each repository shape, and a copy of examples/ with no aiconv configuration."""
    if request.param == "examples":
        return examples_copy(tmp_path)
    return write(tmp_path, SHAPES[request.param])


# ---------------------------------------------------------------------------- every shape


def test_the_proposal_validates(repository: Path) -> None:
    config.parse(proposal(repository), root=repository, config_file=None, prefix="tool.aiconv")


def test_contracts_name_modules_that_exist(repository: Path) -> None:
    settings = config.parse(proposal(repository), root=repository, config_file=None)
    graph = graphbuild.build(settings, cache=False)
    assert settings.boundaries.contracts
    contracts.validate(settings, graph)  # raises for a module that does not exist
    named = {m for c in settings.boundaries.contracts for m in contracts.named_modules(c)}
    assert {m for m in named if graph.is_project(m)} <= set(graph.modules)


def test_glossary_words_occur_in_the_code(repository: Path) -> None:
    terms = proposal(repository)["terminology"]["terms"]
    assert terms
    words = set()
    for path in repository.rglob("*"):
        words.add(path.name.split(".")[0])
        if path.suffix == ".py":
            words.update(path.read_text(encoding="utf-8").replace("(", " ").split())
    for preferred, avoided in terms.items():
        for word in (preferred, *avoided):
            glossary = Glossary((Term("x", (word,)),))
            assert any(glossary.find(name.strip(",:=")) for name in words), word


def test_lint_right_after_write_reports_without_a_config_error(repository: Path) -> None:
    assert run(["init", "--write"], repository).exit_code == 0
    result = run(["lint", "--format", "json", "--no-cache"], repository)
    assert result.exit_code == 1, result.stderr
    assert result.found()


# ---------------------------------------------------------------------------- source roots


def test_src_layout_has_the_src_root_then_the_project_root(tmp_path: Path) -> None:
    assert proposal(write(tmp_path, SRC_LAYOUT))["src"] == ["src", "."]


def test_flat_layout_has_the_project_root_only(tmp_path: Path) -> None:
    assert proposal(write(tmp_path, FLAT_LAYOUT))["src"] == ["."]


def test_monorepo_has_a_root_per_package_deepest_first(tmp_path: Path) -> None:
    roots = proposal(write(tmp_path, MONOREPO))["src"]
    assert roots == ["packages/alpha/src", "packages/beta", "."]


def test_folders_git_ignores_are_not_inspected(tmp_path: Path) -> None:
    write(tmp_path, {**SRC_LAYOUT, ".gitignore": "vendor/\n", "vendor/lib/serving/__init__.py": ""})
    assert proposal(tmp_path)["src"] == ["src", "."]


def test_nothing_is_imported_or_run(tmp_path: Path) -> None:
    write(
        tmp_path, {**SRC_LAYOUT, "src/shop/boom.py": "open('imported', 'w')\nraise SystemExit(3)\n"}
    )
    assert run(["init"], tmp_path).exit_code == 0
    assert not (tmp_path / "imported").exists()


# ---------------------------------------------------------------------------- contracts


def test_layers_run_from_serving_down_to_data(tmp_path: Path) -> None:
    [layers] = [c for c in proposal(write(tmp_path, SRC_LAYOUT))["boundaries"]["contracts"]
                if c["kind"] == "layers"]  # fmt: skip
    assert layers["layers"] == ["shop.serving", "shop.training", "shop.models", "shop.data"]


def test_training_never_imports_serving_or_the_web_framework_serving_uses(tmp_path: Path) -> None:
    found = proposal(write(tmp_path, SRC_LAYOUT))["boundaries"]["contracts"]
    [forbidden] = [c for c in found if c["kind"] == "forbidden"]
    assert forbidden["name"] == "training never imports serving"
    assert (forbidden["from"], forbidden["to"]) == (["shop.training"], ["shop.serving", "fastapi"])


def test_model_families_stay_independent_but_not_their_shared_base(tmp_path: Path) -> None:
    found = proposal(write(tmp_path, SRC_LAYOUT))["boundaries"]["contracts"]
    [independent] = [c for c in found if c["kind"] == "independent"]
    assert independent["modules"] == ["shop.models.resnet", "shop.models.vit"]


def test_flat_layout_layers_use_its_own_folder_names(tmp_path: Path) -> None:
    found = proposal(write(tmp_path, FLAT_LAYOUT))["boundaries"]["contracts"]
    assert found[0]["layers"] == [
        "flatshop.api", "flatshop.train", "flatshop.models", "flatshop.datasets",
    ]  # fmt: skip
    assert found[1]["to"] == ["flatshop.api", "flask"]


def test_monorepo_gets_layers_per_package_and_one_forbidden_contract(tmp_path: Path) -> None:
    found = proposal(write(tmp_path, MONOREPO))["boundaries"]["contracts"]
    assert [(c["name"], c.get("layers")) for c in found if c["kind"] == "layers"] == [
        ("alpha layers", ["alpha.training", "alpha.data"]),
        ("beta layers", ["beta.inference", "beta.models"]),
    ]
    [forbidden] = [c for c in found if c["kind"] == "forbidden"]
    assert (forbidden["from"], forbidden["to"]) == (["alpha.training"], ["beta.inference"])


def test_no_contracts_without_folders_named_like_layers(tmp_path: Path) -> None:
    write(tmp_path, {"shop/__init__.py": "", "shop/core.py": "", "shop/util/__init__.py": ""})
    assert "boundaries" not in proposal(tmp_path)


# ---------------------------------------------------------------------------- glossary


def test_the_most_used_spelling_is_preferred(tmp_path: Path) -> None:
    terms = proposal(write(tmp_path, FLAT_LAYOUT))["terminology"]["terms"]
    assert terms["ckpt"] == ["checkpoint"]  # ckpt_every, ckpt_keep, ckpts/ vs CHECKPOINT_DIR


def test_a_tie_goes_to_the_full_word(tmp_path: Path) -> None:
    write(tmp_path, {"shop/__init__.py": "def f(lr, learning_rate):\n    pass\n"})
    assert proposal(tmp_path)["terminology"]["terms"] == {"learning_rate": ["lr"]}


def test_a_name_repeated_in_one_file_counts_once(tmp_path: Path) -> None:
    tests = "".join(f"def test_{n}(tiny_ds):\n    pass\n" for n in range(5))
    write(tmp_path, {"shop/__init__.py": "dataset = 1\ntrain_dataset = 2\n", "test_x.py": tests})
    assert proposal(tmp_path)["terminology"]["terms"] == {"dataset": ["ds"]}


def test_names_the_code_only_uses_do_not_count(tmp_path: Path) -> None:
    write(tmp_path, {"shop/__init__.py": """
        import torch

        learning_rate = 3e-4
        optimizer = torch.optim.AdamW([], lr=learning_rate)
        print(optimizer.lr, torch.lr, lr)
        """})  # fmt: skip
    assert proposal(tmp_path)["terminology"]["terms"] == {}


def test_loop_with_walrus_and_parameter_names_count_as_definitions(tmp_path: Path) -> None:
    write(tmp_path, {"shop/__init__.py": """
        checkpoint = None

        def load(*, ckpt_dir, **ckpt_options):
            for ckpt in ckpt_dir:
                with open(ckpt) as ckpt_file:
                    if (last_ckpt := ckpt_file.read()):
                        return last_ckpt
        """})  # fmt: skip
    out = run(["init"], tmp_path).stdout
    assert '# "ckpt" 5, "checkpoint" 1' in out.splitlines()


def test_a_concept_spelled_one_way_is_proposed_commented_out(tmp_path: Path) -> None:
    write(tmp_path, {"shop/__init__.py": "val_loss = 0\n"})
    out = run(["init"], tmp_path).stdout
    assert '# val = ["validation", "valid"]   (1 × val)' in out.splitlines()


def test_chosen_terms_get_a_starter_definition(tmp_path: Path) -> None:
    found = proposal(write(tmp_path, FLAT_LAYOUT))["terminology"]
    assert found["definitions"]["ckpt"].startswith("The saved weights")


# ---------------------------------------------------------------------------- layout, seeding


def test_required_paths_are_the_presets_that_exist(tmp_path: Path) -> None:
    layout = proposal(write(tmp_path, SRC_LAYOUT))["layout"]
    assert layout["required"] == ["/README.md", "/src/", "/tests/"]


def test_weights_and_data_under_the_code_folders_are_forbidden(tmp_path: Path) -> None:
    forbidden = proposal(write(tmp_path, FLAT_LAYOUT))["layout"]["forbidden"]
    assert "/flatshop/**/*.ckpt" in forbidden and "/flatshop/**/*.parquet" in forbidden


def test_a_committed_checkpoint_is_forbidden_everywhere(tmp_path: Path) -> None:
    write(tmp_path, {**SRC_LAYOUT, "artifacts/last.ckpt": b"\x00weights"})
    result = run(["init"], tmp_path)
    assert "**/*.ckpt" in tomllib.loads(result.stdout)["tool"]["aiconv"]["layout"]["forbidden"]
    assert "# Weights committed today: artifacts/last.ckpt." in result.stdout


def test_large_files_are_named_by_the_size_limit(tmp_path: Path) -> None:
    write(tmp_path, {**SRC_LAYOUT, "data/big.parquet": b"\x00" * 5_000_001})
    assert "# Larger than 5 MB today: data/big.parquet (5.0 MB)." in run(["init"], tmp_path).stdout


def test_notebooks_stay_where_the_team_keeps_them(tmp_path: Path) -> None:
    write(tmp_path, {**SRC_LAYOUT, "research/eda.ipynb": "{}"})
    assert proposal(tmp_path)["layout"]["placement"] == {"*.ipynb": ["/research/"]}


def test_notebooks_go_to_notebooks_when_that_folder_exists(tmp_path: Path) -> None:
    assert proposal(write(tmp_path, FLAT_LAYOUT))["layout"]["placement"] == {
        "*.ipynb": ["/notebooks/"]
    }


def test_naming_follows_the_code_folders(tmp_path: Path) -> None:
    naming = proposal(write(tmp_path, MONOREPO))["layout"]["naming"]
    assert list(naming) == [
        "/packages/alpha/src/**/*.py", "/packages/beta/beta/**/*.py",
        "/packages/alpha/src/**/", "/packages/beta/beta/**/",
    ]  # fmt: skip


def test_many_code_folders_get_one_naming_glob_and_no_per_folder_globs(tmp_path: Path) -> None:
    write(tmp_path, {f"pkg{n}/__init__.py": "" for n in range(4)})
    layout = proposal(tmp_path)["layout"]
    assert layout["naming"] == {"/**/*.py": "snake_case"}
    assert "forbidden" not in layout


def test_functions_that_call_a_seeder_are_seed_functions(tmp_path: Path) -> None:
    found = proposal(write(tmp_path, SRC_LAYOUT))["randomness"]["seed-functions"]
    assert found == ["shop.utils.seeding.seed_all"]  # not reseed(): random.seed() is entropy


# ---------------------------------------------------------------------------- --write


def test_write_appends_and_keeps_every_byte_that_was_there(tmp_path: Path) -> None:
    before = (
        b'[project]\r\nname = "shop"  # no final newline\r\n\r\n[tool.ruff]\r\nline-length = 99'
    )
    write(tmp_path, {**SRC_LAYOUT, "pyproject.toml": before})
    result = run(["init", "--write"], tmp_path)
    assert result.exit_code == 0
    after = (tmp_path / "pyproject.toml").read_bytes()
    assert after.startswith(before + b"\r\n")
    assert b"\n" not in after.replace(b"\r\n", b"")  # the file's own line endings
    assert tomllib.loads(after.decode())["tool"]["ruff"] == {"line-length": 99}


def test_write_adds_what_init_prints(tmp_path: Path) -> None:
    write(tmp_path, {**SRC_LAYOUT, "pyproject.toml": '[project]\nname = "shop"\n'})
    printed = run(["init"], tmp_path).stdout
    run(["init", "--write"], tmp_path)
    text = (tmp_path / "pyproject.toml").read_text(encoding="utf-8")
    assert text == '[project]\nname = "shop"\n\n' + printed


def test_write_creates_pyproject_when_there_is_none(tmp_path: Path) -> None:
    write(tmp_path, SRC_LAYOUT)
    assert run(["init", "--write"], tmp_path).exit_code == 0
    assert (tmp_path / "pyproject.toml").read_text(encoding="utf-8") == run(
        ["init"], tmp_path
    ).stdout


def test_write_refuses_when_tool_aiconv_exists(tmp_path: Path) -> None:
    before = '[tool.aiconv.terminology.terms]\ndataset = ["ds"]\n'
    write(tmp_path, {**SRC_LAYOUT, "pyproject.toml": before})
    result = run(["init", "--write"], tmp_path)
    assert result.exit_code == 2
    assert "pyproject.toml already has [tool.aiconv]" in result.stderr
    assert (tmp_path / "pyproject.toml").read_text(encoding="utf-8") == before


def test_write_refuses_when_aiconv_toml_exists(tmp_path: Path) -> None:
    write(tmp_path, {**SRC_LAYOUT, "aiconv.toml": "src = ['src']\n"})
    result = run(["init", "--write"], tmp_path)
    assert result.exit_code == 2
    assert "aiconv.toml already configures aiconv" in result.stderr
    assert not (tmp_path / "pyproject.toml").exists()


def test_write_refuses_a_pyproject_that_is_not_toml(tmp_path: Path) -> None:
    write(tmp_path, {**SRC_LAYOUT, "pyproject.toml": "[project\n"})
    result = run(["init", "--write"], tmp_path)
    assert result.exit_code == 2
    assert "not valid TOML" in result.stderr


def test_write_refuses_when_the_tool_table_is_inline(tmp_path: Path) -> None:
    before = "tool = { black = { line-length = 99 } }\n"
    write(tmp_path, {**SRC_LAYOUT, "pyproject.toml": before})
    result = run(["init", "--write"], tmp_path)
    assert result.exit_code == 2
    assert "add the printed proposal by hand" in result.stderr
    assert (tmp_path / "pyproject.toml").read_text(encoding="utf-8") == before


def test_init_takes_the_repository_as_an_argument(tmp_path: Path) -> None:
    write(tmp_path / "repo", SRC_LAYOUT)
    assert run(["init", "repo"], tmp_path).stdout == run(["init"], tmp_path / "repo").stdout
