"""How fast aiconv is, as ratios to a bare libcst parse of the same files (SPEC §8).

Every figure comes from whole processes run side by side in one invocation, on one private copy
of the corpus (its .py files), so the ratios hold while absolute seconds drift. See README.md.

    python bench/bench.py [CORPUS] [--quick] [--jobs N] [--repeat N] [--with-fixit] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import importlib.metadata
import json
import os
import platform
import pstats
import resource
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
GLOSSARY = HERE / "glossary.toml"
RESULTS = HERE / "results"
QUICK_FOLDERS = ("json", "email", "http", "asyncio")
SKIPPED_FOLDERS = frozenset({"site-packages", "__pycache__", ".git", ".hg", ".venv"})
TARGET_COLD_RATIO = 1.5
STARTUP_REPEAT = 5  # one-file runs are short and noisy: the median of several
FIXIT_OK = (0, 1, 2, 3)  # fixit's exit code is a bit mask: 1 violations, 2 files it could not lint


@dataclass(frozen=True)
class Timing:
    """One measured command: wall-clock seconds and the CPU seconds of its processes."""

    name: str
    seconds: float
    cpu_seconds: float

    @property
    def cores(self) -> float:
        """How many cores were busy on average."""
        return self.cpu_seconds / self.seconds if self.seconds else 0.0


def copy_corpus(source: Path, target: Path, folders: Sequence[str] = ()) -> int:
    """Copy the .py files under `source` (or only under `folders` of it) into `target`."""
    count = 0
    tops = [source / folder for folder in folders] or [source]
    for top in tops:
        if not top.is_dir():
            raise SystemExit(f"bench: {top} is not a folder")
        for folder, subfolders, names in os.walk(top):
            subfolders[:] = sorted(name for name in subfolders if name not in SKIPPED_FOLDERS)
            relative = Path(folder).relative_to(source)
            for name in names:
                if name.endswith(".py"):
                    (target / relative).mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(Path(folder) / name, target / relative / name)
                    count += 1
    return count


def linted_python_files(corpus: Path) -> list[Path]:
    """The Python files `aiconv lint` looks at in `corpus` (its excludes applied)."""
    from aiconv import config, files
    from aiconv.source import is_python

    settings = config.load(corpus)
    found = files.collect([corpus], settings)
    return [corpus / path for path in found.files if is_python(path)]


def run_timed(name: str, command: list[str], cwd: Path, ok: Sequence[int] = (0,)) -> Timing:
    """Run `command` once; its wall time and the CPU time of it and its children."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in ok or "Traceback" in done.stderr:
        raise SystemExit(
            f"bench: `{' '.join(command)}` exited {done.returncode}:\n{done.stderr[-3000:]}"
        )
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timing(name, seconds, cpu)


def best_of(
    repeat: int, name: str, command: list[str], cwd: Path, ok: Sequence[int] = (0,)
) -> Timing:
    """The fastest of `repeat` runs (noise only ever adds time)."""
    runs = [run_timed(name, command, cwd, ok) for _ in range(repeat)]
    return min(runs, key=lambda timing: timing.seconds)


def median_of(
    repeat: int, name: str, command: list[str], cwd: Path, ok: Sequence[int] = (0,)
) -> Timing:
    """The median run of `repeat`, for short commands."""
    runs = sorted(
        (run_timed(name, command, cwd, ok) for _ in range(repeat)),
        key=lambda timing: timing.seconds,
    )
    return runs[len(runs) // 2]


def edited_file_runs(path: Path, command: list[str], cwd: Path) -> Timing:
    """The pre-commit case: `path` was just edited, the cache holds the rest of the tree.

    Each run appends a different comment, so the file's own cache entry always misses.
    """
    original = path.read_bytes()
    runs = []
    try:
        for number in range(STARTUP_REPEAT):
            path.write_bytes(original + f"\n# edited {number}\n".encode())
            runs.append(
                run_timed("aiconv lint, one edited file (pre-commit)", command, cwd, (0, 1))
            )
    finally:
        path.write_bytes(original)
    return sorted(runs, key=lambda timing: timing.seconds)[len(runs) // 2]


def aiconv(*args: str) -> list[str]:
    """The command line of `aiconv ARGS` with this interpreter."""
    return [sys.executable, "-m", "aiconv", *args]


def one_file(paths: list[Path]) -> Path:
    """A typical file for the pre-commit case: the one of median size."""
    return sorted(paths, key=lambda path: path.stat().st_size)[len(paths) // 2]


def fixit_command() -> list[str] | None:
    """`fixit lint` of this interpreter's environment, when Fixit is installed there."""
    try:
        importlib.metadata.version("fixit")
    except importlib.metadata.PackageNotFoundError:
        return None
    return [sys.executable, "-m", "fixit", "lint", "."]


def profile(corpus: Path, output: Path, top: int = 30) -> str:
    """cProfile of `aiconv.api.lint` in this process with jobs=1: where the time goes."""
    from aiconv import api, config

    settings = config.load(corpus)
    profiler = cProfile.Profile()
    profiler.enable()
    api.lint([corpus], settings, api.Options(jobs=1, cache=False))
    profiler.disable()
    profiler.dump_stats(str(output))
    lines = []
    for order in ("tottime", "cumulative"):
        stream = _Capture()
        pstats.Stats(profiler, stream=stream).strip_dirs().sort_stats(order).print_stats(top)
        lines.append(f"--- top {top} by {order} ---\n{stream.text}")
    return "\n".join(lines)


class _Capture:
    """A write-only text stream for pstats."""

    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> int:
        self.text += text
        return len(text)


def measure(corpus: Path, arguments: argparse.Namespace, jobs: int) -> dict[str, Any]:
    """Every timing of one benchmark run on the prepared `corpus`."""
    python_files = linted_python_files(corpus)
    listing = corpus.parent / "files.txt"
    listing.write_text("".join(f"{path}\n" for path in python_files), encoding="utf-8")
    report = corpus.parent / "report.json"
    lint = ("lint", ".", "--jobs", str(jobs), "--format", "json", "--output", str(report))
    repeat = arguments.repeat

    print(f"bench: {len(python_files)} Python files; parsing them with libcst ...", flush=True)
    baseline = best_of(
        repeat,
        "bare libcst parse, 1 process",
        [sys.executable, str(HERE / "parse_all.py"), str(listing)],
        corpus,
    )
    print("bench: aiconv cold ...", flush=True)
    cold = best_of(
        repeat, "aiconv lint, cold (--no-cache)", aiconv(*lint, "--no-cache"), corpus, ok=(0, 1)
    )
    summary = json.loads(report.read_text(encoding="utf-8"))["summary"]
    writing = run_timed("aiconv lint, cold, writing the cache", aiconv(*lint), corpus, (0, 1))
    warm = best_of(repeat, "aiconv lint, warm (cache present)", aiconv(*lint), corpus, (0, 1))
    single = one_file(python_files)
    startup = median_of(STARTUP_REPEAT, "python -c pass", [sys.executable, "-c", "pass"], corpus)
    floor = median_of(
        STARTUP_REPEAT, "python -c 'import libcst'", [sys.executable, "-c", "import libcst"], corpus
    )
    one = ("lint", str(single.relative_to(corpus)), "--format", "json", "--output", str(report))
    edited = edited_file_runs(single, aiconv(*one), corpus)
    uncached = median_of(
        STARTUP_REPEAT,
        "aiconv lint, one file, --no-cache",
        aiconv(*one, "--no-cache"),
        corpus,
        ok=(0, 1),
    )
    timings = [baseline, cold, writing, warm]
    if arguments.with_fixit:
        command = fixit_command()
        if command is None:
            print(
                "bench: --with-fixit: fixit is not installed in this environment "
                "(pip install fixit); skipped",
                file=sys.stderr,
            )
        else:
            print("bench: fixit lint (slow) ...", flush=True)
            timings.append(run_timed("fixit lint, default rules", command, corpus, FIXIT_OK))
    return {
        "python_files": len(python_files),
        "files": summary["files"],
        "violations": summary["violations"],
        "corpus_timings": timings,
        "startup": startup,
        "libcst_import": floor,
        "one_file": [edited, uncached],
        "one_file_name": single.relative_to(corpus).as_posix(),
        "one_file_bytes": single.stat().st_size,
    }


def render(result: dict[str, Any]) -> str:
    """The table printed at the end of a run."""
    baseline: Timing = result["corpus_timings"][0]
    rows = [f"{'measurement':<44}{'seconds':>9}{'cpu s':>9}{'cores':>7}{'× parse':>9}{'cpu ×':>7}"]
    for timing in result["corpus_timings"]:
        rows.append(
            f"{timing.name:<44}{timing.seconds:>9.2f}{timing.cpu_seconds:>9.2f}"
            f"{timing.cores:>7.2f}{timing.seconds / baseline.seconds:>9.2f}"
            f"{timing.cpu_seconds / baseline.cpu_seconds:>7.2f}"
        )
    startup, floor = result["startup"], result["libcst_import"]
    for timing in (*result["one_file"], floor, startup):
        rows.append(
            f"{timing.name:<44}{timing.seconds:>9.3f}{timing.cpu_seconds:>9.3f}"
            f"{timing.cores:>7.2f}{'':>9}"
        )
    cold = result["corpus_timings"][1]
    ratio = cold.seconds / baseline.seconds
    verdict = "met" if ratio <= TARGET_COLD_RATIO else "MISSED"
    return "\n".join(
        [
            f"corpus: {result['corpus']}",
            f"files: {result['files']} ({result['python_files']} Python), "
            f"violations: {result['violations']}, jobs: {result['jobs']}, "
            f"cores available: {result['cpus']}",
            "",
            *rows,
            "",
            *(
                f"{timing.name}: {timing.seconds / floor.seconds:.1f}× `python -c 'import libcst'`"
                for timing in result["one_file"]
            ),
            f"(one file: {result['one_file_name']}, {result['one_file_bytes']} bytes)",
            f"target: cold ≤ {TARGET_COLD_RATIO}× the bare parse: {verdict} ({ratio:.2f}×)",
        ]
    )


def environment() -> dict[str, Any]:
    """What the figures depend on."""
    versions = {}
    for package in ("aiconv", "libcst", "fixit"):
        try:
            versions[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            versions[package] = None
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "packages": versions,
    }


def main(argv: list[str] | None = None) -> int:
    """Parse the options, prepare the corpus copy, measure, print and save the results."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "corpus",
        nargs="?",
        type=Path,
        default=Path(sysconfig.get_paths()["stdlib"]),
        help="folder of Python files (default: this Python's standard library)",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"only the folders {', '.join(QUICK_FOLDERS)} of the corpus",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=None,
        help="aiconv worker processes (default: the CPUs this process may use)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="runs of each corpus measurement; the fastest counts (default 1)",
    )
    parser.add_argument(
        "--with-fixit",
        action="store_true",
        help="also time `fixit lint` (slow; needs `pip install fixit`)",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also profile aiconv.api.lint in-process with jobs=1 (cProfile)",
    )
    arguments = parser.parse_args(argv)

    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    jobs = arguments.jobs or cpus or 1
    source = arguments.corpus.resolve()
    stamp = time.strftime("%Y%m%d-%H%M%S")
    RESULTS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="aiconv-bench-") as scratch:
        corpus = Path(scratch) / "corpus"
        copied = copy_corpus(source, corpus, QUICK_FOLDERS if arguments.quick else ())
        if not copied:
            raise SystemExit(f"bench: no .py files under {source}")
        shutil.copyfile(GLOSSARY, corpus / "aiconv.toml")
        result = measure(corpus, arguments, jobs)
        result.update(
            corpus=f"{source}{' (--quick)' if arguments.quick else ''}",
            jobs=jobs,
            cpus=cpus,
            when=stamp,
            environment=environment(),
        )
        print()
        print(render(result))
        if arguments.profile:
            output = RESULTS / f"{stamp}.prof"
            print()
            print(profile(corpus, output))
            print(f"profile saved: {output} (python -m pstats {output})")

    baseline = result["corpus_timings"][0]
    saved = {
        **result,
        "corpus_timings": [
            asdict(t)
            | {
                "ratio_to_parse": t.seconds / baseline.seconds,
                "cpu_ratio_to_parse": t.cpu_seconds / baseline.cpu_seconds,
            }
            for t in result["corpus_timings"]
        ],
        "startup": asdict(result["startup"]),
        "one_file": [asdict(timing) for timing in result["one_file"]],
        "libcst_import": asdict(result["libcst_import"]),
        "target_cold_ratio": TARGET_COLD_RATIO,
    }
    path = RESULTS / f"{stamp}{'-quick' if arguments.quick else ''}.json"
    path.write_text(json.dumps(saved, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nresults saved: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
