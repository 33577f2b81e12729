"""`aiconv graph`: the contract modules as Mermaid or DOT, squashed, with violations marked."""

from __future__ import annotations

from pathlib import Path

from conftest import run, write

CONFIG = """
[tool.aiconv]
src = ["src"]

[[tool.aiconv.boundaries.contracts]]
name = "training never imports serving"
kind = "forbidden"
from = ["acme.training"]
to = ["acme.serving", "fastapi"]

[[tool.aiconv.boundaries.contracts]]
name = "layers"
kind = "layers"
layers = ["acme.serving", "acme.training", "acme.data"]
"""

FILES = {
    "pyproject.toml": CONFIG,
    "src/acme/serving/api.py": "from acme.training import loop\n",
    "src/acme/training/loop.py": "from acme.data import load\nfrom acme.utils import io\n",
    "src/acme/utils/io.py": "from acme.serving import api\n",
    "src/acme/data/load.py": "import fastapi\n",
}


def test_mermaid_draws_the_named_modules_squashed_with_violations_marked(tmp_path: Path) -> None:
    write(tmp_path, FILES)
    result = run(["graph"], tmp_path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "flowchart TD\n"
        '    m0["acme.data"]\n'
        '    m1["acme.serving"]\n'
        '    m2["acme.training"]\n'
        '    m3(["fastapi"])\n'
        "    m0 --> m3\n"
        "    m1 --> m2\n"
        "    m2 --> m0\n"
        '    m2 -.->|"breaks: layers, training never imports serving"| m1\n'
        "    linkStyle 3 stroke:#d32f2f,stroke-width:2px,color:#d32f2f\n"
    )


def test_dot_draws_the_same_graph(tmp_path: Path) -> None:
    write(tmp_path, FILES)
    result = run(["graph", "--format", "dot"], tmp_path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "digraph boundaries {\n"
        "    rankdir=TB;\n"
        '    node [shape=box, fontname="Helvetica"];\n'
        '    "acme.data";\n'
        '    "acme.serving";\n'
        '    "acme.training";\n'
        '    "fastapi" [style=dashed];\n'
        '    "acme.data" -> "fastapi";\n'
        '    "acme.serving" -> "acme.training";\n'
        '    "acme.training" -> "acme.data";\n'
        '    "acme.training" -> "acme.serving" [style=dashed, color=red, fontcolor=red, '
        'penwidth=2, label="breaks: layers, training never imports serving"];\n'
        "}\n"
    )


def test_a_direct_violating_import_is_a_solid_red_arrow(tmp_path: Path) -> None:
    write(tmp_path, {**FILES, "src/acme/data/load.py": "import acme.serving.api\n"})
    result = run(["graph", "--format", "dot"], tmp_path)
    assert (
        '"acme.data" -> "acme.serving" [color=red, fontcolor=red, penwidth=2, '
        'label="breaks: layers"];'
    ) in result.stdout


def test_without_contracts_there_is_nothing_to_draw(tmp_path: Path) -> None:
    write(tmp_path, {"pyproject.toml": '[tool.aiconv]\nsrc = ["src"]\n', "src/a.py": ""})
    result = run(["graph"], tmp_path)
    assert result.exit_code == 2
    assert "no boundary contracts" in result.stderr


def test_a_contract_naming_a_missing_module_is_a_config_error(tmp_path: Path) -> None:
    write(tmp_path, {**FILES, "pyproject.toml": CONFIG.replace('"acme.data"]', '"acme.dta"]')})
    result = run(["graph"], tmp_path)
    assert result.exit_code == 2
    assert "acme.dta" in result.stderr


def test_a_violation_is_marked_between_the_most_specific_named_modules(tmp_path: Path) -> None:
    config = CONFIG + (
        "\n[[tool.aiconv.boundaries.contracts]]\nname = 'families'\nkind = 'independent'\n"
        'modules = ["acme.serving.api", "acme.serving.batch"]\n'
    )
    write(
        tmp_path,
        {
            **FILES,
            "pyproject.toml": config,
            "src/acme/serving/batch.py": "",
            "src/acme/data/load.py": "from acme.serving import api\n",
        },
    )
    result = run(["graph", "--format", "dot"], tmp_path)
    assert (
        '"acme.data" -> "acme.serving.api" [color=red, fontcolor=red, penwidth=2, '
        'label="breaks: layers"];'
    ) in result.stdout
