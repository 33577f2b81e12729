"""Differential test: aiconv's boundary contracts against import-linter on standard-library code.

Both tools read a copy of a dozen standard-library packages and check the same contracts. For
every contract they must agree on the verdict (kept or broken) and on the set of direct
(importer, imported) edges that start a violating chain.

import-linter reports *some* chains per pair of packages (grimp removes a chain's imports once
it has reported it), while aiconv reports *every* import statement that leaves the source side.
So import-linter is asked again with the edges it found added to `ignore_imports`, until the
contract is kept: the union of what it found is then exactly the set of leaving edges, which
is what aiconv reports.

Where the two differ by design, the contracts below are written so the difference cannot show,
and the test says so:
- TYPE_CHECKING: aiconv leaves `if TYPE_CHECKING:` bodies out by default, import-linter counts
  them; aiconv runs with `type-checking-imports = true` here.
- External targets: aiconv matches direct imports of an external name and its subpackages
  (`torch.distributed`); import-linter follows chains to externals and accepts only top-level
  names. The external contract here names a top-level module and gives import-linter
  `allow_indirect_imports`, which is aiconv's meaning.
- Several `from` modules: aiconv's chains never pass through another `from` module (the import
  that leaves the source side is the one reported); import-linter checks each source module on
  its own. Each forbidden contract here has one `from` module.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import textwrap
from pathlib import Path
from typing import Any

import pytest

from aiconv import config, contracts, graphbuild

pytest.importorskip("importlinter")

pytestmark = pytest.mark.importlinter

PACKAGES = (
    "email",
    "http",
    "xml",
    "json",
    "asyncio",
    "concurrent",
    "urllib",
    "logging",
    "unittest",
    "wsgiref",
    "xmlrpc",
    "html",
    "importlib",
    "collections",
)

# (name, kind, options): aiconv's keys; import-linter's are derived below.
CONTRACTS: list[tuple[str, str, dict[str, Any]]] = [
    ("json never imports email", "forbidden", {"from": ["json"], "to": ["email"]}),
    ("http never imports email", "forbidden", {"from": ["http"], "to": ["email"]}),
    ("xmlrpc never imports http", "forbidden", {"from": ["xmlrpc"], "to": ["http"]}),
    ("urllib never imports email", "forbidden", {"from": ["urllib"], "to": ["email"]}),
    ("asyncio never imports concurrent", "forbidden", {"from": ["asyncio"], "to": ["concurrent"]}),
    ("unittest never imports asyncio", "forbidden", {"from": ["unittest"], "to": ["asyncio"]}),
    ("wsgiref never imports email", "forbidden", {"from": ["wsgiref"], "to": ["email"]}),
    (
        "wsgiref never imports email directly",
        "forbidden",
        {"from": ["wsgiref"], "to": ["email"], "indirect": False},
    ),
    (
        "logging never imports asyncio or xml",
        "forbidden",
        {"from": ["logging"], "to": ["asyncio", "xml"]},
    ),
    (
        "email never imports socket",
        "forbidden",
        {"from": ["email"], "to": ["socket"], "indirect": False},
    ),
    ("web layers", "layers", {"layers": ["wsgiref | xmlrpc", "http | urllib", "email", "html"]}),
    ("async layers", "layers", {"layers": ["unittest", "asyncio", "concurrent | logging"]}),
    ("data formats independent", "independent", {"modules": ["json", "xml", "html"]}),
    ("protocols independent", "independent", {"modules": ["http", "email", "urllib"]}),
]

DRIVER = """
import copy, json, sys
from importlinter import configuration
from importlinter.application import use_cases

configuration.configure()
use_cases._register_built_in_contract_types()  # as lint_imports() does before create_report()

def firsts(contract, check):
    data = check.metadata
    if contract.type_name == "forbidden":
        links = [chain[0] for item in data["invalid_chains"] for chain in item["chains"]]
    elif contract.type_name == "layers":
        links = [link for item in data["invalid_dependencies"] for route in item["routes"]
                 for link in (route["chain"][0], *route["extra_firsts"])]
    else:
        links = [link for item in data["invalid_chains"] for route in item["chains"]
                 for link in (route["chain"][0], *route["extra_firsts"])]
    return {(link["importer"], link["imported"]) for link in links}

report = use_cases.create_report(use_cases.read_user_options(sys.argv[1]), cache_dir=None)
out = {}
for contract, check in report.get_contracts_and_checks():
    found = firsts(contract, check)
    new = set(found)
    while new:
        options = dict(contract.contract_options)
        options["ignore_imports"] = sorted(f"{a} -> {b}" for a, b in found)
        again = type(contract)(contract.name, contract.session_options, options)
        new = firsts(again, again.check(copy.deepcopy(report.graph), verbose=False)) - found
        found |= new
    out[contract.name] = {"kept": check.kept, "edges": sorted(found)}
print(json.dumps(out))
"""


def _copy_packages(root: Path) -> None:
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    for name in PACKAGES:
        shutil.copytree(
            stdlib / name, root / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
        )


def _toml_list(values: list[str]) -> str:
    return "[" + ", ".join(json.dumps(value) for value in values) + "]"


def _aiconv_config() -> str:
    text = '[tool.aiconv]\nsrc = ["."]\n\n[tool.aiconv.boundaries]\ntype-checking-imports = true\n'
    for name, kind, options in CONTRACTS:
        text += f'\n[[tool.aiconv.boundaries.contracts]]\nname = "{name}"\nkind = "{kind}"\n'
        for key, value in options.items():
            text += (
                f"{key} = {_toml_list(value) if isinstance(value, list) else str(value).lower()}\n"
            )
    return text


def _importlinter_config() -> str:
    lines = [
        "[importlinter]",
        "root_packages =",
        *(f"    {name}" for name in PACKAGES),
        "include_external_packages = True",
        "",
    ]
    kinds = {"forbidden": "forbidden", "layers": "layers", "independent": "independence"}
    for index, (name, kind, options) in enumerate(CONTRACTS):
        lines += [f"[importlinter:contract:c{index}]", f"name = {name}", f"type = {kinds[kind]}"]
        if kind == "forbidden":
            lines += [
                "source_modules =",
                *(f"    {m}" for m in options["from"]),
                "forbidden_modules =",
                *(f"    {m}" for m in options["to"]),
                f"allow_indirect_imports = {not options.get('indirect', True)}",
            ]
        else:
            key = "layers" if kind == "layers" else "modules"
            lines += [f"{key} =", *(f"    {m}" for m in options[key])]
        lines.append("")
    return "\n".join(lines)


def _importlinter(root: Path) -> dict[str, Any]:
    (root / ".importlinter").write_text(_importlinter_config(), encoding="utf-8")
    (root / "driver.py").write_text(textwrap.dedent(DRIVER), encoding="utf-8")
    # The copied packages must shadow the interpreter's own: PYTHONPATH comes first on sys.path.
    env = {**os.environ, "PYTHONPATH": str(root), "SETUPTOOLS_USE_DISTUTILS": "stdlib"}
    done = subprocess.run(
        [sys.executable, "driver.py", ".importlinter"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _aiconv(root: Path) -> dict[str, Any]:
    (root / "pyproject.toml").write_text(_aiconv_config(), encoding="utf-8")
    settings = config.load(root)
    graph = graphbuild.build(settings, cache=False)
    contracts.validate(settings, graph)
    outcome = contracts.check(graph, settings.boundaries)
    result: dict[str, Any] = {name: {"kept": True, "edges": set()} for name, _, _ in CONTRACTS}
    for breach in outcome.breaches:
        entry = result[breach.contract.name]
        entry["kept"] = False
        for edge in breach.edges:
            # grimp squashes an external package to its top-level name.
            imported = edge.imported.split(".")[0] if edge.external else edge.imported
            entry["edges"].add((edge.importer, imported))
    return {name: {"kept": e["kept"], "edges": sorted(e["edges"])} for name, e in result.items()}


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], dict[str, Any]]:
    root = tmp_path_factory.mktemp("stdlib")
    _copy_packages(root)
    theirs = _importlinter(root)
    ours = _aiconv(root)
    return ours, {
        name: {"kept": v["kept"], "edges": sorted(map(tuple, v["edges"]))}
        for name, v in theirs.items()
    }


@pytest.mark.parametrize("name", [name for name, _, _ in CONTRACTS])
def test_aiconv_and_import_linter_agree_on_the_verdict_and_the_leaving_edges(
    verdicts: tuple[dict[str, Any], dict[str, Any]], name: str
) -> None:
    ours, theirs = verdicts
    assert ours[name] == theirs[name]


def test_the_contracts_exercise_both_verdicts_and_indirect_chains(
    verdicts: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    ours, _ = verdicts
    kept = [name for name, entry in ours.items() if entry["kept"]]
    assert kept and len(kept) < len(ours)
    direct = ours["wsgiref never imports email directly"]["edges"]
    assert set(direct) < set(ours["wsgiref never imports email"]["edges"])
