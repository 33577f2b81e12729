"""Per-file linting: read once, decode, parse once with libcst, run every enabled source rule
in one traversal, apply fixes; in parallel worker processes, with a content-hash cache."""

from __future__ import annotations

import ast
import multiprocessing
import os
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from typing import Any

import libcst as cst

from aiconv import fix, seedfacts, seedstore, suppress
from aiconv.cache import digest
from aiconv.config import Settings
from aiconv.rules import Selection
from aiconv.rules.base import FileContext, Finding, SourceRule
from aiconv.source import Source, Undecodable, decode
from aiconv.violation import Violation
from aiconv.walk import Dispatch

MAX_FIX_ROUNDS = 10
PARALLEL_THRESHOLD = 16
RECURSION_LIMIT = 10000  # below this many files, worker start-up costs more than it saves


@dataclass(frozen=True)
class Task:
    """One Python file to lint: its path relative to the root and its bytes."""

    path: str
    data: bytes


@dataclass(frozen=True)
class FileResult:
    """What linting one file produced (plain data: it crosses process boundaries)."""

    path: str
    violations: tuple[Violation, ...]
    lines: dict[int, tuple[str, ...]]  # inline suppressions, for whole-project rules
    file: tuple[str, ...]
    fixed_text: bytes | None = None
    before: str = ""
    after: str = ""
    fixed: int = 0
    notes: tuple[str, ...] = ()
    facts: tuple[str, Any] | None = None  # (digest, seeding facts JSON) for whole-program rules
    crashed: bool = False  # not cached: the next run tries again
    error: str = ""  # an internal error (a bug), which makes the run exit 2


def _methods(rule: SourceRule, prefix: str) -> dict[str, Callable[[Any], Any]]:
    found = {}
    for attribute in dir(type(rule)):
        if attribute.startswith(prefix):
            found[attribute[len(prefix) :]] = getattr(rule, attribute)
    return found


class Linter:
    """Built once per worker process: the rule instances and their visitor tables."""

    def __init__(self, settings: Settings, selection: Selection) -> None:
        self.settings = settings
        self.selection = selection
        self.rules = [rule(settings) for rule in selection.source_rules]
        self.tables = [(_methods(rule, "visit_"), _methods(rule, "leave_")) for rule in self.rules]
        self.per_file = suppress.PerFileIgnores(settings.per_file_ignores)
        self._visitors: dict[tuple[int, ...], Dispatch] = {}

    def _visitor(self, active: tuple[int, ...]) -> Dispatch:
        if active not in self._visitors:
            visits: dict[str, list[Callable[[Any], Any]]] = {}
            leaves: dict[str, list[Callable[[Any], Any]]] = {}
            for index in active:
                for node_type, method in self.tables[index][0].items():
                    visits.setdefault(node_type, []).append(method)
                for node_type, method in self.tables[index][1].items():
                    leaves.setdefault(node_type, []).append(method)
            self._visitors[active] = Dispatch(visits, leaves)
        return self._visitors[active]

    def lint(self, task: Task, fixing: bool) -> FileResult:
        """Lint one file; a failure in one file is reported and never stops the run."""
        try:
            return self._lint(task, fixing)
        except RecursionError:
            note = (
                f"{task.path}: nested too deeply for libcst's visitor; the source rules "
                "skipped this file"
            )
            return FileResult(task.path, (), {}, (), notes=(note,), crashed=True)
        except Exception as error:  # a bug in a rule must not cost the other files' results
            error_text = (
                f"{task.path}: {type(error).__name__}: {error} (the source rules skipped this file)"
            )
            return FileResult(task.path, (), {}, (), error=error_text, crashed=True)

    def _lint(self, task: Task, fixing: bool) -> FileResult:
        """Lint one file; with `fixing`, apply fixes until none is left (or rounds run out)."""
        try:
            source = decode(task.path, task.data)
        except Undecodable as error:
            found = self._keep(
                [Violation(task.path, 1, 1, "AIC002", str(error), 1, 1, name="unreadable-file")],
                suppress.NONE,
            )
            return FileResult(task.path, tuple(found), {}, ())
        text = source.text
        fixed = rounds = 0
        notes: list[str] = []
        while True:
            findings, module = self._check(source.path, text, fixing)
            marks = suppress.parse(text)
            findings = [finding for finding in findings if self._kept(finding.violation, marks)]
            if not fixing or module is None or rounds >= MAX_FIX_ROUNDS:
                break
            new_text, count = fix.apply(module, findings)
            if not count:
                break
            rounds += 1
            if not fix.reparses(new_text, text):
                notes.append(
                    f"{task.path}: dropped {count} fix(es) that would not re-parse; "
                    "please report this as a bug"
                )
                fixing = False
                continue
            text = new_text
            fixed += count
        violations = tuple(sorted(finding.violation for finding in findings))
        result = FileResult(
            task.path, violations, marks.lines, marks.file, facts=self._facts(source, text, module)
        )
        if fixed:
            result = replace(
                result,
                fixed_text=source.encode(text),
                before=source.text,
                after=text,
                fixed=fixed,
                notes=tuple(notes),
            )
        elif notes:
            result = replace(result, notes=tuple(notes))
        return result

    def _facts(
        self, source: Source, text: str, module: cst.Module | None
    ) -> tuple[str, Any] | None:
        """Seeding facts from this run's tree, so whole-program rules need not parse again."""
        if (
            module is None
            or not self.selection.seed_facts
            or not seedstore.may_draw_or_seed(text, self.settings)
        ):
            return None
        facts = seedfacts.extract_tree(source.path, text, module, self.settings.src)
        return digest(source.encode(text)), facts.to_json()

    def _kept(self, violation: Violation, marks: suppress.Suppressions) -> bool:
        return (
            self.selection.enabled(violation.code)
            and not marks.suppresses(violation)
            and not self.per_file.ignored(violation)
        )

    def _keep(self, violations: list[Violation], marks: suppress.Suppressions) -> list[Violation]:
        return [violation for violation in violations if self._kept(violation, marks)]

    def _check(self, path: str, text: str, fixing: bool) -> tuple[list[Finding], cst.Module | None]:
        """Parse once and run the rules whose cheap text check passes."""
        try:
            module = cst.parse_module(text)
        except (cst.ParserSyntaxError, RecursionError, ValueError) as error:
            return [Finding(_syntax_error(path, text, error))], None
        active = tuple(index for index, rule in enumerate(self.rules) if rule.wants(text))
        if not active:
            return [], module
        context = FileContext(path, text, module, fixing)
        for index in active:
            self.rules[index].begin(context)
        self._visitor(active).walk(module)
        for index in active:
            self.rules[index].end()
        return context.findings, module


def _syntax_error(path: str, text: str, error: Exception) -> Violation:
    """AIC001 where Python's own compiler puts the error (libcst's position can be a line late)."""
    line, column, message = 1, 1, str(error).splitlines()[0] if str(error) else "invalid syntax"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ast.parse(text, filename=path)
    except SyntaxError as python_error:
        line = python_error.lineno or 1
        column = python_error.offset or 1
        message = python_error.msg
    except (ValueError, RecursionError, MemoryError):
        pass  # Python's parser gives no position either: keep libcst's message at line 1
    else:
        if isinstance(error, cst.ParserSyntaxError):
            line, column = error.raw_line, error.raw_column + 1
            message = f"libcst cannot parse this file ({error.message})"
    lines = text.splitlines()
    return Violation(
        path,
        line,
        column,
        "AIC001",
        f"syntax error: {message}",
        line,
        column,
        name="syntax-error",
        line_text=lines[line - 1] if 0 < line <= len(lines) else "",
    )


# ---------------------------------------------------------------------------- workers

_worker: Linter | None = None
_worker_fixing = False


def _init_worker(settings: Settings, selection: Selection, fixing: bool) -> None:
    global _worker, _worker_fixing
    raise_recursion_limit()
    _worker = Linter(settings, selection)
    _worker_fixing = fixing


def _lint_in_worker(task: Task) -> FileResult:
    assert _worker is not None
    return _worker.lint(task, _worker_fixing)


def run(
    tasks: list[Task],
    settings: Settings,
    selection: Selection,
    *,
    fixing: bool,
    jobs: int,
    progress: Callable[[int], None] | None = None,
) -> Iterator[FileResult]:
    """Lint `tasks`, in `jobs` worker processes when there are enough of them, in task order."""
    if not tasks:
        return
    if jobs <= 1 or len(tasks) < PARALLEL_THRESHOLD:
        raise_recursion_limit()
        linter = Linter(settings, selection)
        for task in tasks:
            yield linter.lint(task, fixing)
            if progress:
                progress(1)
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    chunk = max(1, min(16, len(tasks) // (jobs * 8)))
    with ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=context,
        initializer=_init_worker,
        initargs=(settings, selection, fixing),
    ) as pool:
        for result in pool.map(_lint_in_worker, _largest_first(tasks), chunksize=chunk):
            yield result
            if progress:
                progress(1)


def raise_recursion_limit() -> None:
    """libcst visits recursively; generated code nests deeper than Python's default 1000."""
    sys.setrecursionlimit(max(sys.getrecursionlimit(), RECURSION_LIMIT))


def _largest_first(tasks: list[Task]) -> Iterable[Task]:
    # Big files last would leave one core idle at the end of the run.
    return sorted(tasks, key=lambda task: -len(task.data))


def default_jobs() -> int:
    """The number of CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1
