"""Benchmark: aiconv's boundary contracts against import-linter on the standard library.

    python bench/bench_boundaries.py [--repeat 5]

Copies every package of the running interpreter's standard library into a temporary folder
(files that do not parse are left out, since import-linter stops at the first one), writes the
same contracts for both tools, and times, each in a fresh process, median of `--repeat` runs:

- cold: aiconv's graph build plus every contract with no cache, against import-linter's
  `create_report` with no cache;
- warm: the same again with nothing changed, each tool with its own cache;
- the command lines, start-up included: `aiconv graph` against `lint-imports`.

It also prints each contract's verdict from both tools, which must agree.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
import warnings
from pathlib import Path

SKIP = {"site-packages", "__phello__", "__pycache__", "lib-dynload"}

CONTRACTS: list[tuple[str, str, dict[str, object]]] = [
    ("json never imports email", "forbidden", {"from": ["json"], "to": ["email"]}),
    ("http never imports email", "forbidden", {"from": ["http"], "to": ["email"]}),
    ("xmlrpc never imports http", "forbidden", {"from": ["xmlrpc"], "to": ["http"]}),
    ("urllib never imports email", "forbidden", {"from": ["urllib"], "to": ["email"]}),
    ("asyncio never imports concurrent", "forbidden", {"from": ["asyncio"], "to": ["concurrent"]}),
    ("unittest never imports asyncio", "forbidden", {"from": ["unittest"], "to": ["asyncio"]}),
    (
        "logging never imports asyncio or xml",
        "forbidden",
        {"from": ["logging"], "to": ["asyncio", "xml"]},
    ),
    ("email never imports tkinter", "forbidden", {"from": ["email"], "to": ["tkinter"]}),
    ("test never imported", "forbidden", {"from": ["multiprocessing"], "to": ["test"]}),
    ("idlelib never imports unittest", "forbidden", {"from": ["idlelib"], "to": ["unittest"]}),
    (
        "email never imports socket",
        "forbidden",
        {"from": ["email"], "to": ["socket"], "indirect": False},
    ),
    ("web layers", "layers", {"layers": ["wsgiref | xmlrpc", "http | urllib", "email", "html"]}),
    ("async layers", "layers", {"layers": ["unittest", "asyncio", "concurrent | logging"]}),
    ("tooling layers", "layers", {"layers": ["idlelib", "tkinter", "importlib"]}),
    ("data formats independent", "independent", {"modules": ["json", "xml", "html", "tomllib"]}),
    ("protocols independent", "independent", {"modules": ["http", "email", "urllib", "xmlrpc"]}),
]


def corpus(root: Path) -> list[str]:
    """Copy the standard library's packages under `root`; the package names."""
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    packages = sorted(
        path.name
        for path in stdlib.iterdir()
        if (path / "__init__.py").is_file() and path.name not in SKIP
    )
    for name in packages:
        shutil.copytree(
            stdlib / name, root / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
        )
    for path in root.rglob("*.py"):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                ast.parse(path.read_bytes())
        except (SyntaxError, ValueError):
            path.unlink()
    return packages


def _value(value: object) -> str:
    return json.dumps(value) if isinstance(value, list) else str(value).lower()


def write_configs(root: Path, packages: list[str]) -> None:
    """pyproject.toml for aiconv and .importlinter for import-linter, the same contracts."""
    toml = '[tool.aiconv]\nsrc = ["."]\n\n[tool.aiconv.boundaries]\ntype-checking-imports = true\n'
    ini = [
        "[importlinter]",
        "root_packages =",
        *(f"    {name}" for name in packages),
        "include_external_packages = True",
        "",
    ]
    kinds = {"forbidden": "forbidden", "layers": "layers", "independent": "independence"}
    for index, (name, kind, options) in enumerate(CONTRACTS):
        toml += f'\n[[tool.aiconv.boundaries.contracts]]\nname = "{name}"\nkind = "{kind}"\n'
        toml += "".join(f"{key} = {_value(value)}\n" for key, value in options.items())
        ini += [f"[importlinter:contract:c{index}]", f"name = {name}", f"type = {kinds[kind]}"]
        if kind == "forbidden":
            ini += [
                "source_modules =",
                *(f"    {m}" for m in options["from"]),  # type: ignore[attr-defined]
                "forbidden_modules =",
                *(f"    {m}" for m in options["to"]),  # type: ignore[attr-defined]
                f"allow_indirect_imports = {not options.get('indirect', True)}",
            ]
        else:
            key = "layers" if kind == "layers" else "modules"
            ini += [f"{key} =", *(f"    {m}" for m in options[key])]  # type: ignore[attr-defined]
        ini.append("")
    (root / "pyproject.toml").write_text(toml, encoding="utf-8")
    (root / ".importlinter").write_text("\n".join(ini), encoding="utf-8")


AICONV = """
import json, sys, time
from pathlib import Path
from aiconv import config, contracts, graphbuild
settings = config.load(Path("."))
start = time.perf_counter()
graph = graphbuild.build(settings, cache=sys.argv[1] == "cache")
contracts.validate(settings, graph)
outcome = contracts.check(graph, settings.boundaries)
seconds = time.perf_counter() - start
broken = sorted({breach.contract.name for breach in outcome.breaches})
print(json.dumps({"seconds": seconds, "broken": broken, "modules": len(graph.modules),
                  "imports": len(graph.edges), "reports": len(outcome.breaches)}))
"""

IMPORTLINTER = """
import json, sys, time
from importlinter import configuration
from importlinter.application import use_cases
configuration.configure()
use_cases._register_built_in_contract_types()  # as lint_imports() does
options = use_cases.read_user_options(".importlinter")
start = time.perf_counter()
report = use_cases.create_report(options, cache_dir=None if sys.argv[1] == "none" else ".cache")
seconds = time.perf_counter() - start
broken = sorted(c.name for c, check in report.get_contracts_and_checks() if not check.kept)
print(json.dumps({"seconds": seconds, "broken": broken, "modules": report.module_count}))
"""


def _environment(root: Path) -> dict[str, str]:
    # The copies must shadow the interpreter's own packages, which PYTHONPATH does.
    return {**os.environ, "PYTHONPATH": str(root), "SETUPTOOLS_USE_DISTUTILS": "stdlib"}


def _script(root: Path, code: str, argument: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", code, argument],
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
        env=_environment(root),
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def _wall(root: Path, command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=root, capture_output=True, check=False, env=_environment(root))
    return time.perf_counter() - start


def _median(values: list[float]) -> str:
    return f"{statistics.median(values):6.2f} s"


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    binaries = Path(sys.executable).parent
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        packages = corpus(root)
        write_configs(root, packages)
        # Runs alternate between the tools, so a busy machine slows both alike.
        ours_cold, theirs_cold, ours_warm, theirs_warm = [], [], [], []
        for _ in range(repeat):
            ours_cold.append(_script(root, AICONV, "none"))
            theirs_cold.append(_script(root, IMPORTLINTER, "none"))
        _script(root, AICONV, "cache")
        _script(root, IMPORTLINTER, "cache")
        for _ in range(repeat):
            ours_warm.append(_script(root, AICONV, "cache"))
            theirs_warm.append(_script(root, IMPORTLINTER, "cache"))
        cli = {
            "aiconv graph --no-cache": [str(binaries / "aiconv"), "graph", "--no-cache"],
            "lint-imports --no-cache": [str(binaries / "lint-imports"), "--no-cache"],
            "aiconv graph (cached)": [str(binaries / "aiconv"), "graph"],
            "lint-imports (cached)": [str(binaries / "lint-imports")],
        }
        walls: dict[str, list[float]] = {label: [] for label in cli}
        for _ in range(repeat):
            for label, command in cli.items():
                walls[label].append(_wall(root, command))
        first = ours_cold[0]
        print(
            f"corpus: {len(packages)} standard-library packages, {first['modules']} modules, "
            f"{first['imports']} import edges; {len(CONTRACTS)} contracts; "
            f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; median of {repeat}"
        )
        print("\ngraph build + every contract, in-process")

        def seconds(runs: list[dict[str, object]]) -> list[float]:
            return [float(run["seconds"]) for run in runs]  # type: ignore[arg-type]

        print(f"  cold   aiconv        {_median(seconds(ours_cold))}")
        print(f"         import-linter {_median(seconds(theirs_cold))}  (no cache)")
        print(f"  warm   aiconv        {_median(seconds(ours_warm))}")
        print(f"         import-linter {_median(seconds(theirs_warm))}  (its cache)")
        print("\ncommand line, interpreter start-up included")
        for label, values in walls.items():
            print(f"  {label:<26}{_median(values)}")
        agree = first["broken"] == theirs_cold[0]["broken"]
        print(
            f"\nbroken contracts: {len(first['broken'])} of {len(CONTRACTS)} "  # type: ignore[arg-type]
            f"({'both tools agree' if agree else 'THE TOOLS DISAGREE'}); "
            f"aiconv reports {first['reports']} import statements"
        )
        if not agree:
            print(
                f"  aiconv:        {first['broken']}\n  import-linter: {theirs_cold[0]['broken']}"
            )


if __name__ == "__main__":
    main()
