"""Seeding as a whole-program property (AIC401, AIC405), on the project import graph.

Both rules read the whole tree (the import graph and every file's seeding facts, each cached
per file by content hash) and report only in the files being linted, so a pre-commit batch
sees seeds in files it was not given. The analysis is computed once per run and shared.
"""

from __future__ import annotations

import weakref
from typing import ClassVar

from aiconv import graphbuild, seedstore
from aiconv.catalogue.randomness import HOW_TO_SEED, library_names, state
from aiconv.config import Settings
from aiconv.rules.base import Project, ProjectRule
from aiconv.seeding import Seeding, Uncovered, Unseeded
from aiconv.source import Undecodable, decode
from aiconv.violation import Violation

MAX_SITES = 3  # draw sites an AIC405 message names

_last: tuple[weakref.ref[Project], Seeding] | None = None


def analysis(project: Project) -> Seeding:
    """The seeding analysis of the project's tree, once per run."""
    global _last
    if _last is not None and _last[0]() is project:
        return _last[1]
    graph = graphbuild.project_graph(project)
    facts = seedstore.collect(project.settings, graph, cache=project.cache, known=project.facts)
    result = Seeding(graph, facts, seedstore.policy(project.settings))
    _last = (weakref.ref(project), result)
    return result


class _Lines:
    """Source lines of reported files, read once each."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.files: dict[str, list[str]] = {}

    def __call__(self, path: str, line: int) -> str:
        if path not in self.files:
            try:
                text = decode(path, (self.settings.root / path).read_bytes()).text
            except (OSError, Undecodable):
                text = ""
            self.files[path] = text.splitlines()
        lines = self.files[path]
        return lines[line - 1] if 0 < line <= len(lines) else ""


class GlobalRngCall(ProjectRule):
    """AIC401: a draw from a library's global random state that nothing seeds."""

    code: ClassVar[str] = "AIC401"
    name: ClassVar[str] = "global-rng-call"
    family: ClassVar[str] = "randomness"
    summary: ClassVar[str] = "a draw from a global random state that nothing seeds"
    uses_seed_facts: ClassVar[bool] = True

    def check(self, project: Project) -> list[Violation]:
        """The unseeded draws located in linted files."""
        lines = _Lines(self.settings)
        found = []
        for uncovered in analysis(project).uncovered(project.linted):
            draw = uncovered.draw
            found.append(
                Violation(
                    path=uncovered.path,
                    line=draw.line,
                    column=draw.column,
                    code=self.code,
                    message=_uncovered_message(uncovered),
                    end_line=draw.end_line,
                    end_column=draw.end_column,
                    name=self.name,
                    fix_hint=_seed_hint(draw.library),
                    line_text=lines(uncovered.path, draw.line),
                )
            )
        return found


class EntrypointNotSeeded(ProjectRule):
    """AIC405: an entrypoint that runs draws of a library it never seeds."""

    code: ClassVar[str] = "AIC405"
    name: ClassVar[str] = "entrypoint-not-seeded"
    family: ClassVar[str] = "randomness"
    summary: ClassVar[str] = "an entrypoint runs global draws of a library it never seeds"
    uses_seed_facts: ClassVar[bool] = True

    def check(self, project: Project) -> list[Violation]:
        """The unseeded entrypoints among the linted files, on their main guard."""
        lines = _Lines(self.settings)
        found = []
        for unseeded in analysis(project).unseeded(project.linted):
            found.append(
                Violation(
                    path=unseeded.path,
                    line=unseeded.line,
                    column=unseeded.column,
                    code=self.code,
                    message=_unseeded_message(unseeded),
                    end_line=unseeded.line,
                    end_column=unseeded.column,
                    name=self.name,
                    fix_hint=" and ".join(HOW_TO_SEED[lib] for lib in unseeded.libraries)
                    + " at the start of the run (or a seed function that does)",
                    line_text=lines(unseeded.path, unseeded.line),
                )
            )
        return found


def _seed_hint(library: str) -> str:
    return (
        f"call {HOW_TO_SEED[library]} in the entrypoints that use this, or draw from a "
        "seeded generator"
    )


def _uncovered_message(uncovered: Uncovered) -> str:
    draw = uncovered.draw
    opening = f"`{draw.api}` draws from {state(draw.library)}, which nothing seeds"
    if uncovered.entrypoints:
        shown = ", ".join(uncovered.entrypoints[:MAX_SITES])
        more = len(uncovered.entrypoints) - MAX_SITES
        shown += f" and {more} more" if more > 0 else ""
        why = f"this file does not seed it, nor does any entrypoint that imports it ({shown})"
    else:
        why = "this file does not seed it and no entrypoint imports it"
    text = f"{opening}: {why}; {_instead(draw.library)}"
    if not uncovered.ml:
        text += (
            "; if this is not experiment state (a UI choice, a temporary name, retry jitter), "
            "silence it with `# aiconv: ignore[AIC401]`"
        )
    return text


def _instead(library: str) -> str:
    return {
        "random": "seed it (`random.seed(…)`) or draw from a seeded `random.Random(seed)`",
        "numpy": "seed it (`numpy.random.seed(…)`) or draw from `numpy.random.default_rng(seed)`",
        "torch": "seed it (`torch.manual_seed(…)`) or pass `generator=` a seeded generator",
        "tensorflow": "seed it (`tf.random.set_seed(…)`) or pass an op `seed=`",
    }[library]


def _unseeded_message(unseeded: Unseeded) -> str:
    sites = [f"{path}:{draw.line} {draw.api}" for path, draw in unseeded.sites[:MAX_SITES]]
    more = len(unseeded.sites) - MAX_SITES
    listed = ", ".join(sites) + (f" and {more} more" if more > 0 else "")
    libraries = library_names(list(unseeded.libraries))
    text = (
        f"this entrypoint never seeds {libraries}, yet it runs draws from the global random "
        f"state: {listed}; seed at the start of the run, e.g. "
        + " and ".join(f"`{HOW_TO_SEED[library]}`" for library in unseeded.libraries)
    )
    if not unseeded.ml:
        text += (
            "; if these draws are not experiment state (identifiers, temporary names, retry "
            "jitter), silence it with `# aiconv: ignore[AIC405]`"
        )
    return text
