"""`lint()`: the one entry point for the CLI, the hooks and the tests."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiconv import files, fix, rules, runner, suppress
from aiconv.cache import Cache, digest
from aiconv.config import Settings
from aiconv.rules.base import PathEntry, Project
from aiconv.source import is_python
from aiconv.violation import FileChange, Report, Violation


@dataclass(frozen=True)
class Options:
    """How to run: the command-line choices that are not configuration."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    fix: bool = False
    diff: bool = False
    jobs: int = 0
    cache: bool = True


def lint(
    paths: list[Path],
    settings: Settings,
    options: Options = Options(),
    progress: Callable[[int], None] | None = None,
    on_start: Callable[[int], None] | None = None,
) -> Report:
    """Lint `paths` under `settings`: discover files, run every enabled rule, apply fixes."""
    selection = rules.select(settings, options.select, options.ignore)
    found = files.collect(paths, settings)
    per_file = suppress.PerFileIgnores(settings.per_file_ignores)
    violations: list[Violation] = []

    def keep(violation: Violation) -> bool:
        return selection.enabled(violation.code) and not per_file.ignored(violation)

    violations += [v for v in _problems(found) if keep(v)]
    path_found = [v for v in _path_violations(found, settings, selection) if keep(v)]

    python = [path for path in found.files if is_python(path)]
    fixing = options.fix or options.diff
    cache = Cache(
        settings.root, f"{settings.fingerprint}|{sorted(selection.codes)}", enabled=options.cache
    )
    tasks: list[runner.Task] = []
    marks: dict[str, suppress.Suppressions] = {}
    for path in python:
        try:
            data = (settings.root / path).read_bytes()
        except OSError as error:
            violation = Violation(
                path,
                1,
                1,
                "AIC002",
                f"cannot read the file: {error.strerror}",
                1,
                1,
                name="unreadable-file",
            )
            violations += [violation] if keep(violation) else []
            continue
        key = digest(data)
        cached = cache.get(path, key)
        if cached is not None and not (fixing and any(v.fixable for v in cached[0])):
            violations += cached[0]
            marks[path] = suppress.Suppressions(
                {line: tuple(codes) for line, codes in cached[1].items()}, tuple(cached[2])
            )
            continue
        tasks.append(runner.Task(path, data))
    if on_start is not None:
        on_start(len(python))
    if progress is not None:
        progress(len(python) - len(tasks))

    changes: list[FileChange] = []
    notes: list[str] = []
    errors: list[str] = []
    fixed = 0
    originals = {task.path: task.data for task in tasks}
    facts: dict[str, tuple[str, Any]] = {}
    for result in runner.run(
        tasks,
        settings,
        selection,
        fixing=fixing,
        jobs=options.jobs or runner.default_jobs(),
        progress=progress,
    ):
        violations += result.violations
        marks[result.path] = suppress.Suppressions(result.lines, result.file)
        notes += result.notes
        errors += [result.error] if result.error else []
        if result.facts is not None:
            facts[result.path] = result.facts
        if result.crashed:
            continue
        if result.fixed_text is None:
            cache.put(
                result.path,
                digest(originals[result.path]),
                result.violations,
                result.lines,
                result.file,
            )
            continue
        changes.append(FileChange(result.path, result.before, result.after, result.fixed))
        if options.diff:
            continue
        if fix.write_atomic(settings.root / result.path, result.fixed_text, originals[result.path]):
            fixed += result.fixed
            cache.put(
                result.path, digest(result.fixed_text), result.violations, result.lines, result.file
            )
        else:
            notes.append(f"{result.path}: changed while aiconv ran; its fixes were not written")
    cache.save()

    project = Project(
        settings,
        tuple(found.files),
        whole=_whole(paths, settings),
        cache=options.cache,
        facts=facts,
    )
    for rule_class in selection.project_rules:
        for violation in rule_class(settings).check(project):
            mark = marks.get(violation.path, suppress.NONE)
            if keep(violation) and not mark.suppresses(violation):
                violations.append(violation)

    # A path rule's report on a Python file lies in that file, so its comments can silence it.
    violations += [v for v in path_found if not marks.get(v.path, suppress.NONE).suppresses(v)]

    ordered = tuple(sorted(set(violations), key=lambda v: v.sort_key))
    return Report(
        ordered,
        files=len(found.files),
        fixed=fixed,
        changes=tuple(sorted(changes, key=lambda change: change.path)),
        notes=tuple(notes),
        errors=tuple(errors),
        whole=project.whole,
        codes=selection.codes,
    )


def _whole(paths: list[Path], settings: Settings) -> bool:
    """True when the run covers the whole project (the root itself is among the paths)."""
    root = os.path.realpath(settings.root)
    return any(os.path.realpath(path) == root for path in paths)


def _problems(found: files.FileSet) -> list[Violation]:
    return [
        Violation(problem.path, 1, 1, "AIC002", problem.message, 1, 1, name="unreadable-file")
        for problem in found.problems
    ]


def _path_violations(
    found: files.FileSet, settings: Settings, selection: rules.Selection
) -> list[Violation]:
    if not selection.path_rules:
        return []
    path_rules = [rule(settings) for rule in selection.path_rules]
    entries = [PathEntry(path, False) for path in found.files if not path.startswith("../")]
    entries += [PathEntry(path, True) for path in found.folders]
    return [
        violation for entry in entries for rule in path_rules for violation in rule.check(entry)
    ]
