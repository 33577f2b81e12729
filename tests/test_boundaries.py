"""Module boundaries (AIC501–AIC504) end to end: SPEC §3 "Boundary semantics", bullet by bullet.

Each test writes a small repository with `src/acme/...` and one or two contracts, runs the real
CLI and compares code, path and line (and the chain, where the message is the point).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import run, write

HEAD = '[tool.aiconv]\nsrc = ["src"]\n'

FORBIDDEN = (
    HEAD
    + """
[[tool.aiconv.boundaries.contracts]]
name = "training never imports serving"
kind = "forbidden"
from = ["acme.training"]
to = ["acme.serving"]
"""
)

LAYERS = (
    HEAD
    + """
[[tool.aiconv.boundaries.contracts]]
name = "layers"
kind = "layers"
layers = ["acme.serving", "acme.training | acme.evaluation", "acme.models", "acme.data"]
"""
)

INDEPENDENT = (
    HEAD
    + """
[[tool.aiconv.boundaries.contracts]]
name = "models stay independent"
kind = "independent"
modules = ["acme.models.bert", "acme.models.gpt"]
"""
)

SERVING = {"src/acme/serving/api.py": "", "src/acme/serving/schema.py": ""}
# Every layer of LAYERS exists (a contract naming a missing module is a config error).
LAYERED = {
    f"src/acme/{name}/__init__.py": "" for name in ("training", "evaluation", "models", "data")
}


def _project(root: Path, config: str, files: dict[str, str]) -> Path:
    return write(root, {"pyproject.toml": config, **SERVING, **files})


def _layered(root: Path, files: dict[str, str]) -> Path:
    return _project(root, LAYERS, {**LAYERED, **files})


def _lint(root: Path, *args: str) -> list[dict[str, Any]]:
    result = run(["lint", "--format", "json", *args], root)
    assert result.exit_code in (0, 1), result.stderr
    violations: list[dict[str, Any]] = result.json()["violations"]
    return violations


def _found(root: Path, *args: str) -> list[tuple[str, str, int]]:
    return [(v["code"], v["path"], v["line"]) for v in _lint(root, *args)]


# ---------------------------------------------------------------------------- forbidden


def test_a_direct_forbidden_import_is_reported_at_its_import_keyword(tmp_path: Path) -> None:
    _project(
        tmp_path, FORBIDDEN, {"src/acme/training/loop.py": "import os\nimport acme.serving.api\n"}
    )
    [violation] = _lint(tmp_path)
    assert (violation["code"], violation["path"], violation["line"], violation["column"]) == (
        "AIC501",
        "src/acme/training/loop.py",
        2,
        1,
    )


def test_an_indirect_chain_through_a_utility_module_is_reported_where_it_leaves(
    tmp_path: Path,
) -> None:
    _project(
        tmp_path,
        FORBIDDEN,
        {
            "src/acme/training/loop.py": "import os\n\nfrom acme.utils import io\n",
            "src/acme/utils/io.py": "import json\n" + "\n" * 5 + "from acme.serving import api\n",
        },
    )
    [violation] = _lint(tmp_path)
    assert (violation["path"], violation["line"]) == ("src/acme/training/loop.py", 3)
    assert violation["message"].endswith(
        ": acme.training.loop -> acme.utils.io (l.3) -> acme.serving.api (l.7)"
    )


def test_with_indirect_false_only_direct_imports_count(tmp_path: Path) -> None:
    _project(
        tmp_path,
        FORBIDDEN + "indirect = false\n",
        {
            "src/acme/training/loop.py": "from acme.utils import io\nimport acme.serving.api\n",
            "src/acme/utils/io.py": "from acme.serving import api\n",
        },
    )
    assert _found(tmp_path) == [("AIC501", "src/acme/training/loop.py", 2)]


def test_an_import_inside_a_function_counts_at_its_keyword(tmp_path: Path) -> None:
    _project(
        tmp_path,
        FORBIDDEN,
        {"src/acme/training/loop.py": "def serve():\n    from acme.serving import api\n"},
    )
    [violation] = _lint(tmp_path)
    assert (violation["line"], violation["column"]) == (2, 5)


def test_imports_in_try_and_else_branches_count(tmp_path: Path) -> None:
    _project(
        tmp_path,
        FORBIDDEN,
        {
            "src/acme/training/loop.py": (
                "try:\n    import acme.serving.api\nexcept ImportError:\n    pass\n"
                "else:\n    import acme.serving.schema\n"
            )
        },
    )
    assert _found(tmp_path) == [
        ("AIC501", "src/acme/training/loop.py", 2),
        ("AIC501", "src/acme/training/loop.py", 6),
    ]


def test_importlib_and_dunder_import_are_not_imports(tmp_path: Path) -> None:
    _project(
        tmp_path,
        FORBIDDEN,
        {
            "src/acme/training/loop.py": (
                "import importlib\nimportlib.import_module('acme.serving.api')\n"
                "__import__('acme.serving.schema')\n"
            )
        },
    )
    assert _found(tmp_path) == []


TYPED = """
from typing import TYPE_CHECKING
if TYPE_CHECKING:
    from acme.serving import api
else:
    from acme.serving import schema
if TYPE_CHECKING or DEBUG:
    import acme.serving
"""


def test_the_body_of_type_checking_does_not_count_by_default(tmp_path: Path) -> None:
    _project(tmp_path, FORBIDDEN, {"src/acme/training/loop.py": TYPED})
    assert ("AIC501", "src/acme/training/loop.py", 3) not in _found(tmp_path)


def test_the_body_of_type_checking_counts_with_type_checking_imports(tmp_path: Path) -> None:
    config = FORBIDDEN + "\n[tool.aiconv.boundaries]\ntype-checking-imports = true\n"
    _project(tmp_path, config, {"src/acme/training/loop.py": TYPED})
    assert ("AIC501", "src/acme/training/loop.py", 3) in _found(tmp_path)


def test_the_else_branch_and_a_compound_condition_always_count(tmp_path: Path) -> None:
    _project(tmp_path, FORBIDDEN, {"src/acme/training/loop.py": TYPED})
    assert _found(tmp_path) == [
        ("AIC501", "src/acme/training/loop.py", 5),
        ("AIC501", "src/acme/training/loop.py", 7),
    ]


def test_a_relative_import_resolves_against_the_importing_file(tmp_path: Path) -> None:
    _project(
        tmp_path,
        FORBIDDEN,
        {
            "src/acme/__init__.py": "",
            "src/acme/training/__init__.py": "",
            "src/acme/training/loop.py": "from ..serving import api\nfrom . import helpers\n",
            "src/acme/training/helpers.py": "",
        },
    )
    assert _found(tmp_path) == [("AIC501", "src/acme/training/loop.py", 1)]


def test_from_package_import_submodule_is_an_import_of_the_submodule(tmp_path: Path) -> None:
    config = FORBIDDEN.replace('to = ["acme.serving"]', 'to = ["acme.serving.api"]')
    _project(tmp_path, config, {"src/acme/training/loop.py": "from acme.serving import api\n"})
    assert _found(tmp_path) == [("AIC501", "src/acme/training/loop.py", 1)]


def test_from_package_import_name_is_an_import_of_the_package(tmp_path: Path) -> None:
    config = FORBIDDEN.replace('to = ["acme.serving"]', 'to = ["acme.serving.api"]')
    _project(
        tmp_path,
        config,
        {
            "src/acme/serving/__init__.py": "PORT = 80\n",
            "src/acme/training/loop.py": "from acme.serving import PORT\n",
        },
    )
    assert _found(tmp_path) == []


def test_a_folder_without_init_is_a_package(tmp_path: Path) -> None:
    _project(tmp_path, FORBIDDEN, {"src/acme/training/deep/loop.py": "from acme import serving\n"})
    assert _found(tmp_path) == [("AIC501", "src/acme/training/deep/loop.py", 1)]


EXTERNAL = FORBIDDEN.replace('to = ["acme.serving"]', 'to = ["torch.distributed"]')


def test_an_external_target_matches_the_name_and_its_submodules(tmp_path: Path) -> None:
    _project(
        tmp_path,
        EXTERNAL,
        {
            "src/acme/training/loop.py": (
                "import torch.distributed.rpc\nfrom torch import distributed\nimport torch\n"
                "from torch.distributed import init_process_group\nfrom torch import nn\n"
            )
        },
    )
    assert _found(tmp_path) == [("AIC501", "src/acme/training/loop.py", line) for line in (1, 2, 4)]


def test_an_external_target_counts_only_as_a_direct_import(tmp_path: Path) -> None:
    _project(
        tmp_path,
        EXTERNAL,
        {
            "src/acme/training/loop.py": "from acme.utils import dist\n",
            "src/acme/utils/dist.py": "import torch.distributed\n",
        },
    )
    assert _found(tmp_path) == []


def test_a_script_outside_the_roots_cannot_be_imported_by_name(tmp_path: Path) -> None:
    _project(
        tmp_path,
        FORBIDDEN,
        {
            "src/acme/training/loop.py": "import tool\n",
            "scripts/tool.py": "from acme.serving import api\n",
        },
    )
    assert _found(tmp_path) == []


def test_many_modules_imported_by_one_statement_make_one_report(tmp_path: Path) -> None:
    _project(
        tmp_path, FORBIDDEN, {"src/acme/training/loop.py": "from acme.serving import api, schema\n"}
    )
    assert _found(tmp_path) == [("AIC501", "src/acme/training/loop.py", 1)]


def test_the_shortest_chain_is_shown(tmp_path: Path) -> None:
    _project(
        tmp_path,
        FORBIDDEN,
        {
            "src/acme/training/loop.py": "from acme.utils import a_long, z_short\n",
            "src/acme/utils/a_long.py": "from acme.utils import z_short\n",
            "src/acme/utils/z_short.py": "from acme.serving import api\n",
        },
    )
    [violation] = _lint(tmp_path)
    assert violation["message"] == (
        'acme.training must not import acme.serving (contract "training never imports serving"): '
        "acme.training.loop -> acme.utils.z_short (l.1) -> acme.serving.api (l.1) "
        "(the same statement also imports acme.utils.a_long)"
    )


def test_equally_short_chains_are_broken_by_module_name(tmp_path: Path) -> None:
    _project(
        tmp_path,
        FORBIDDEN,
        {
            "src/acme/training/loop.py": "from acme.utils import b, a\n",
            "src/acme/utils/a.py": "from acme.serving import schema\n",
            "src/acme/utils/b.py": "from acme.serving import api\n",
        },
    )
    [violation] = _lint(tmp_path)
    assert violation["message"].endswith(
        "acme.training.loop -> acme.utils.a (l.1) -> acme.serving.schema (l.1) "
        "(the same statement also imports acme.utils.b)"
    )


# ---------------------------------------------------------------------------- layers


def test_a_lower_layer_importing_a_higher_one_is_a_layer_violation(tmp_path: Path) -> None:
    _layered(tmp_path, {"src/acme/data/load.py": "import os\nfrom acme.serving import api\n"})
    assert _found(tmp_path) == [("AIC502", "src/acme/data/load.py", 2)]


def test_a_higher_layer_may_import_every_lower_layer(tmp_path: Path) -> None:
    _layered(
        tmp_path,
        {
            "src/acme/serving/app.py": "import acme.training.loop\nimport acme.models.net\n",
            "src/acme/training/loop.py": "import acme.models.net\nimport acme.data.load\n",
            "src/acme/models/net.py": "import acme.data.load\n",
            "src/acme/data/load.py": "",
            "src/acme/evaluation/score.py": "",
        },
    )
    assert _found(tmp_path) == []


def test_layer_siblings_must_not_import_each_other(tmp_path: Path) -> None:
    _layered(
        tmp_path,
        {
            "src/acme/training/loop.py": "from acme.evaluation import score\n",
            "src/acme/evaluation/score.py": "",
        },
    )
    [violation] = _lint(tmp_path)
    assert (violation["code"], violation["path"], violation["line"]) == (
        "AIC502",
        "src/acme/training/loop.py",
        1,
    )
    assert "sibling" in violation["message"]


def test_a_chain_through_another_layer_is_charged_to_that_layer(tmp_path: Path) -> None:
    _layered(
        tmp_path,
        {
            "src/acme/training/loop.py": "from acme.models import net\n",
            "src/acme/models/net.py": "from acme.serving import api\n",
        },
    )
    assert _found(tmp_path) == [("AIC502", "src/acme/models/net.py", 1)]


def test_a_chain_through_modules_in_no_layer_is_charged_to_the_lower_layer(
    tmp_path: Path,
) -> None:
    _layered(
        tmp_path,
        {
            "src/acme/data/load.py": "from acme.utils import io\n",
            "src/acme/utils/io.py": "from acme.serving import api\n",
        },
    )
    assert _found(tmp_path) == [("AIC502", "src/acme/data/load.py", 1)]


# ---------------------------------------------------------------------------- independent


def test_independent_modules_must_not_import_each_other(tmp_path: Path) -> None:
    _project(
        tmp_path,
        INDEPENDENT,
        {
            "src/acme/models/bert.py": "",
            "src/acme/models/gpt.py": "from acme.models import bert\n",
        },
    )
    assert _found(tmp_path) == [("AIC503", "src/acme/models/gpt.py", 1)]


def test_independence_counts_a_chain_through_a_third_module(tmp_path: Path) -> None:
    _project(
        tmp_path,
        INDEPENDENT,
        {
            "src/acme/models/bert.py": "from acme.models import common\n",
            "src/acme/models/common.py": "from acme.models import gpt\n",
            "src/acme/models/gpt.py": "",
        },
    )
    [violation] = _lint(tmp_path)
    assert (violation["code"], violation["path"], violation["line"]) == (
        "AIC503",
        "src/acme/models/bert.py",
        1,
    )
    assert violation["message"].endswith(
        "acme.models.bert -> acme.models.common (l.1) -> acme.models.gpt (l.1)"
    )


# ---------------------------------------------------------------------------- ignore


def _ignoring(*entries: str) -> str:
    return FORBIDDEN + f"ignore = {json.dumps(list(entries))}\n"


LEAKS = {
    "src/acme/training/loop.py": "from acme.serving import api\n",
    "src/acme/training/sub/deep.py": "from acme.serving import api\n",
}


def test_an_ignore_entry_removes_the_matching_import(tmp_path: Path) -> None:
    _project(tmp_path, _ignoring("acme.training.loop -> acme.serving.api"), LEAKS)
    assert _found(tmp_path) == [("AIC501", "src/acme/training/sub/deep.py", 1)]


def test_an_ignore_entry_applies_to_its_own_contract_only(tmp_path: Path) -> None:
    config = _ignoring("acme.training.loop -> acme.serving.api") + FORBIDDEN[len(HEAD) :].replace(
        "training never imports serving", "again"
    )
    _project(tmp_path, config, {"src/acme/training/loop.py": "from acme.serving import api\n"})
    assert _found(tmp_path) == [("AIC501", "src/acme/training/loop.py", 1)]


def test_a_star_stands_for_exactly_one_dotted_part(tmp_path: Path) -> None:
    _project(tmp_path, _ignoring("acme.training.* -> acme.*.api"), LEAKS)
    assert _found(tmp_path) == [("AIC501", "src/acme/training/sub/deep.py", 1)]


def test_a_double_star_stands_for_one_or_more_dotted_parts(tmp_path: Path) -> None:
    _project(tmp_path, _ignoring("acme.training.** -> acme.serving.api"), LEAKS)
    assert _found(tmp_path) == []


def test_an_ignore_entry_matches_exact_names_not_submodules(tmp_path: Path) -> None:
    _project(tmp_path, _ignoring("acme.training -> acme.serving"), LEAKS)
    found = _found(tmp_path)
    assert ("AIC501", "src/acme/training/loop.py", 1) in found


def test_an_unused_ignore_entry_is_reported_on_the_config_file_at_its_line(
    tmp_path: Path,
) -> None:
    config = (
        FORBIDDEN + 'ignore = [\n    "acme.training.loop -> acme.serving.api",\n'
        '    "acme.training.gone -> acme.serving.api",\n]\n'
    )
    _project(tmp_path, config, {"src/acme/training/loop.py": "from acme.serving import api\n"})
    line = config.splitlines().index('    "acme.training.gone -> acme.serving.api",') + 1
    [violation] = _lint(tmp_path)
    assert (violation["code"], violation["path"], violation["line"], violation["column"]) == (
        "AIC504",
        "pyproject.toml",
        line,
        5,
    )


def test_an_unused_ignore_entry_waits_for_a_run_that_lints_the_config_file(
    tmp_path: Path,
) -> None:
    _project(
        tmp_path,
        _ignoring("acme.training.gone -> acme.serving.api"),
        {"src/acme/training/loop.py": ""},
    )
    assert _found(tmp_path, "src") == []
    assert _found(tmp_path) == [("AIC504", "pyproject.toml", 9)]


# ---------------------------------------------------------------------------- the run


def test_a_contract_naming_a_missing_project_module_is_a_config_error(tmp_path: Path) -> None:
    _project(
        tmp_path,
        FORBIDDEN.replace('from = ["acme.training"]', 'from = ["acme.trainin"]'),
        {"src/acme/training/loop.py": ""},
    )
    result = run(["lint"], tmp_path)
    assert result.exit_code == 2
    assert "acme.trainin" in result.stderr and "did you mean acme.training" in result.stderr


def test_a_to_name_outside_the_project_packages_is_external(tmp_path: Path) -> None:
    config = FORBIDDEN.replace('to = ["acme.serving"]', 'to = ["fastapi"]')
    _project(tmp_path, config, {"src/acme/training/loop.py": "import fastapi\n"})
    assert _found(tmp_path) == [("AIC501", "src/acme/training/loop.py", 1)]


def test_a_syntax_error_elsewhere_in_the_tree_does_not_stop_the_run(tmp_path: Path) -> None:
    _project(
        tmp_path,
        FORBIDDEN,
        {
            "src/acme/training/loop.py": "from acme.serving import api\n",
            "src/acme/broken.py": "def broken(:\n",
        },
    )
    assert _found(tmp_path) == [
        ("AIC001", "src/acme/broken.py", 1),
        ("AIC501", "src/acme/training/loop.py", 1),
    ]


def test_a_batch_reports_on_its_files_using_imports_in_files_it_was_not_given(
    tmp_path: Path,
) -> None:
    _project(
        tmp_path,
        FORBIDDEN,
        {
            "src/acme/training/loop.py": "from acme.utils import io\n",
            "src/acme/utils/io.py": "from acme.serving import api\n",
        },
    )
    assert _found(tmp_path, "src/acme/utils/io.py") == []
    assert _found(tmp_path, "src/acme/training/loop.py") == [
        ("AIC501", "src/acme/training/loop.py", 1)
    ]


def test_an_inline_suppression_on_the_import_line_silences_the_report(tmp_path: Path) -> None:
    _project(
        tmp_path,
        FORBIDDEN,
        {
            "src/acme/training/loop.py": (
                "from acme.serving import api  # aiconv: ignore[AIC501]\n"
                "from acme.serving import schema\n"
            )
        },
    )
    assert _found(tmp_path) == [("AIC501", "src/acme/training/loop.py", 2)]


def test_a_changed_file_is_read_again_despite_the_cache(tmp_path: Path) -> None:
    _project(
        tmp_path,
        FORBIDDEN,
        {
            "src/acme/training/loop.py": "from acme.utils import io\n",
            "src/acme/utils/io.py": "from acme.serving import api\n",
        },
    )
    assert len(_found(tmp_path)) == 1
    write(tmp_path, {"src/acme/utils/io.py": "import json\n"})
    assert _found(tmp_path) == []


def test_the_graph_cache_is_json(tmp_path: Path) -> None:
    _project(tmp_path, FORBIDDEN, {"src/acme/training/loop.py": "from acme.serving import api\n"})
    _lint(tmp_path)
    [cache] = (tmp_path / ".aiconv_cache").glob("graph-*.json")
    assert "src/acme/training/loop.py" in json.loads(cache.read_text(encoding="utf-8"))["files"]


def test_no_cache_writes_no_graph_cache(tmp_path: Path) -> None:
    _project(tmp_path, FORBIDDEN, {"src/acme/training/loop.py": "from acme.serving import api\n"})
    _lint(tmp_path, "--no-cache")
    assert not list(tmp_path.glob(".aiconv_cache/graph-*.json"))


def test_the_output_is_identical_across_three_runs(tmp_path: Path) -> None:
    _layered(
        tmp_path,
        {
            "src/acme/data/load.py": "from acme.utils import b, a\nimport acme.training.loop\n",
            "src/acme/utils/a.py": "from acme.serving import api\n",
            "src/acme/utils/b.py": "from acme.evaluation import score\n",
            "src/acme/training/loop.py": "from acme.evaluation import score\n",
            "src/acme/evaluation/score.py": "import acme.training\n",
            "src/acme/models/net.py": "import acme.serving.api, acme.training.loop\n",
        },
    )
    outputs = {run(["lint", "--format", "concise"], tmp_path).stdout for _ in range(3)}
    outputs |= {run(["lint", "--format", "concise", "--no-cache"], tmp_path).stdout}
    assert len(outputs) == 1
    assert outputs.pop().count("AIC502") == 5
