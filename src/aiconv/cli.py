"""The command line: arguments in, exit code out; the work happens in `aiconv.api`."""

from __future__ import annotations

import json
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from aiconv import __version__
from aiconv.errors import UserError

F = TypeVar("F", bound=Callable[..., Any])
ISSUES = "https://github.com/aiconv/aiconv/issues"


def _codes(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(part.strip().upper() for part in value.split(",") if part.strip())


def _color(stream: Any) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return bool(getattr(stream, "isatty", lambda: False)())


def _guarded(function: F) -> F:
    """Turn UserError into exit 2 with its message, and any other error into a short bug note."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except UserError as error:
            click.echo(f"aiconv: error: {error}", err=True)
            sys.exit(2)
        except (click.exceptions.Exit, click.ClickException, KeyboardInterrupt, SystemExit):
            raise
        except Exception as error:  # a bug: short message, details only on request
            click.echo(f"aiconv: internal error: {type(error).__name__}: {error}", err=True)
            if os.environ.get("AICONV_DEBUG"):
                traceback.print_exc()
            else:
                click.echo(
                    f"This is a bug in aiconv {__version__}. Please report it at {ISSUES} "
                    "with the command you ran (set AICONV_DEBUG=1 for the traceback).",
                    err=True,
                )
            sys.exit(2)

    wrapper.__name__ = function.__name__
    wrapper.__doc__ = function.__doc__
    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="aiconv")
def main() -> None:
    """Lint an ML team's conventions: glossary, layout, datasets, seeding, boundaries."""


def _settings(paths: tuple[str, ...], config: str | None) -> Any:
    from aiconv import config as config_module

    start = Path(paths[0]) if paths else Path.cwd()
    return config_module.load(start, Path(config) if config else None)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "--select",
    metavar="CODES",
    help="Comma-separated codes or prefixes to enable (replaces the config's select).",
)
@click.option(
    "--ignore",
    metavar="CODES",
    help="Comma-separated codes or prefixes to ignore (added to the config's ignore).",
)
@click.option("--fix", is_flag=True, help="Apply safe fixes in place; report what remains.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; change nothing.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["full", "concise", "json", "sarif", "github", "junit"]),
    default="full",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--output", type=click.Path(dir_okay=False, path_type=str), help="Write the report to FILE."
)
@click.option(
    "--config",
    type=click.Path(dir_okay=False, path_type=str),
    help="Use this config file instead of discovery.",
)
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False, path_type=str),
    help="Report only violations that are not in this baseline FILE.",
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False, path_type=str),
    help="Record the current violations in FILE (with --baseline FILE: only prune "
    "the entries that were fixed).",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even with violations.")
@click.option("--statistics", is_flag=True, help="Counts per rule instead of the list.")
@click.option("--no-cache", is_flag=True, help="Ignore and do not write the cache.")
@click.option("--jobs", type=click.IntRange(min=1), help="Worker processes (default: CPUs).")
@_guarded
def lint(
    paths: tuple[str, ...],
    select: str | None,
    ignore: str | None,
    fix: bool,
    diff: bool,
    output_format: str,
    output: str | None,
    config: str | None,
    baseline: str | None,
    write_baseline: str | None,
    exit_zero: bool,
    statistics: bool,
    no_cache: bool,
    jobs: int | None,
) -> None:
    """Lint files and folders (default: the current folder)."""
    from aiconv import api, report
    from aiconv.fix import unified_diff

    if fix and diff:
        raise UserError("--fix and --diff exclude each other: --diff shows what --fix would do")
    settings = _settings(paths, config)
    options = api.Options(
        select=_codes(select),
        ignore=_codes(ignore) or (),
        fix=fix,
        diff=diff,
        jobs=jobs or 0,
        cache=not no_cache,
    )
    progress = _Progress(enabled=_color(sys.stderr) and output_format != "json")
    result = api.lint(
        [Path(p) for p in paths] or [Path(".")],
        settings,
        options,
        progress=progress.advance,
        on_start=progress.start,
    )
    progress.finish()
    if baseline or write_baseline:
        from aiconv.baseline import adopt

        adoption = adopt(
            result,
            Path(baseline) if baseline else None,
            Path(write_baseline) if write_baseline else None,
        )
        result = adoption.report
        for line in adoption.notes:
            click.echo(f"aiconv: {line}", err=True)
    for note in result.notes:
        click.echo(f"aiconv: warning: {note}", err=True)
    for error in result.errors:
        click.echo(f"aiconv: internal error: {error}", err=True)

    color = output is None and _color(sys.stdout)
    if diff:
        text = "".join(unified_diff(c.path, c.before, c.after) for c in result.changes)
        fixes = sum(change.fixed for change in result.changes)
        _emit(text, output, color)
        click.echo(
            f"Would fix {fixes} violation{'s' if fixes != 1 else ''} in "
            f"{len(result.changes)} file{'s' if len(result.changes) != 1 else ''}."
            if fixes
            else "No fixes available.",
            err=True,
        )
        sys.exit(1 if result.changes and not exit_zero else 0)
    if statistics:
        text = report.statistics(result, output_format, color)
    else:
        text = report.render(result, output_format, color, root=settings.root)
    _emit(text, output, color)
    if output_format == "concise" and not statistics:
        from aiconv.report.text import summary

        click.echo(summary(result, _color(sys.stderr)), err=True, nl=False)
    if result.errors:
        click.echo(
            f"This is a bug in aiconv {__version__}. Please report it at {ISSUES} with the "
            "file that triggered it.",
            err=True,
        )
        sys.exit(2)
    sys.exit(1 if result.violations and not exit_zero else 0)


def _emit(text: str, output: str | None, color: bool) -> None:
    if output is None:
        click.echo(text, nl=False, color=color)
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as error:
        raise UserError(f"--output {output}: cannot write the report: {error.strerror}") from None


class _Progress:
    """A progress bar on stderr, only on a terminal and only for long runs."""

    MIN_FILES = 200

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar: Any = None

    def start(self, total: int) -> None:
        if self.enabled and total >= self.MIN_FILES:
            self.bar = click.progressbar(
                length=total, label="Linting", file=sys.stderr, show_pos=True
            )
            self.bar.__enter__()

    def advance(self, count: int) -> None:
        if self.bar is not None and count:
            self.bar.update(count)

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


@main.command(name="rules")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
@click.option("--config", type=click.Path(dir_okay=False, path_type=str))
@_guarded
def rules_command(output_format: str, config: str | None) -> None:
    """List every rule: code, name, family, enabled under this config, fixable."""
    from aiconv import rules

    settings = _settings((), config)
    selection = rules.select(settings)
    rows = [
        {
            "code": r.code,
            "name": r.name,
            "family": r.family,
            "enabled": selection.enabled(r.code),
            "fixable": r.fixable,
            "default": r.default,
            "summary": r.summary,
        }
        for r in rules.ALL_RULES
    ]
    if output_format == "json":
        click.echo(json.dumps(rows, indent=2))
        return
    color = _color(sys.stdout)
    click.echo(f"{'code':<8}{'name':<28}{'family':<13}{'enabled':<9}fixable")
    for row in rows:
        enabled = "yes" if row["enabled"] else "no"
        shown = click.style(enabled, fg="green" if row["enabled"] else None) if color else enabled
        click.echo(
            f"{row['code']:<8}{row['name']:<28}{row['family']:<13}{shown}"
            f"{' ' * (9 - len(enabled))}{'yes' if row['fixable'] else 'no'}",
            color=color,
        )


@main.command()
@click.argument("topic")
@click.option("--config", type=click.Path(dir_okay=False, path_type=str))
@_guarded
def explain(topic: str, config: str | None) -> None:
    """Explain a rule (AIC101 or avoided-term-in-name), or what the glossary says of a word."""
    from aiconv import explain as explain_module

    click.echo(explain_module.explain(topic, _settings((), config)), nl=False)


@main.command()
@click.argument(
    "path",
    required=False,
    default=".",
    type=click.Path(exists=True, file_okay=False, path_type=str),
)
@click.option(
    "--write",
    is_flag=True,
    help="Append the proposal to PATH/pyproject.toml "
    "(created if absent); refuses if aiconv is configured there already.",
)
@_guarded
def init(path: str, write: bool) -> None:
    """Propose a starter [tool.aiconv] from what the repository at PATH holds."""
    from aiconv import proposal, scaffold

    text = proposal.render(scaffold.inspect(Path(path)))
    if not write:
        click.echo(text, nl=False)
        return
    target = proposal.write(Path(path), text)
    click.echo(
        f"aiconv: added [tool.aiconv] to {target}; run `aiconv lint` for a first report", err=True
    )


@main.command()
@click.option(
    "--output", type=click.Path(dir_okay=False, path_type=str), help="Write the handbook to FILE."
)
@click.option(
    "--check",
    "check_file",
    type=click.Path(dir_okay=False, path_type=str),
    metavar="FILE",
    help="Exit 1 when FILE is not the current handbook (for CI).",
)
@click.option(
    "--config",
    type=click.Path(dir_okay=False, path_type=str),
    help="Use this config file instead of discovery.",
)
@_guarded
def guide(output: str | None, check_file: str | None, config: str | None) -> None:
    """Render the team's conventions handbook (Markdown) from the configuration."""
    from aiconv import guide as guide_module

    if output and check_file:
        raise UserError(
            "--output and --check exclude each other: --check compares, --output writes"
        )
    text = guide_module.render(_settings((), config))
    if check_file:
        problem = guide_module.stale(Path(check_file), text)
        if problem:
            click.echo(f"aiconv: {problem}", err=True)
            sys.exit(1)
        return
    if output:
        guide_module.save(Path(output), text)
        return
    click.echo(text, nl=False)


@main.command(name="graph")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["mermaid", "dot"]),
    default="mermaid",
    show_default=True,
    help="Diagram language.",
)
@click.option(
    "--config",
    type=click.Path(dir_okay=False, path_type=str),
    help="Use this config file instead of discovery.",
)
@click.option("--no-cache", is_flag=True, help="Read every file afresh.")
@_guarded
def graph_command(output_format: str, config: str | None, no_cache: bool) -> None:
    """Print the imports between the modules the boundary contracts name; violations marked."""
    from aiconv import graphviz

    settings = _settings((), config)
    click.echo(graphviz.diagram(settings, output_format, cache=not no_cache), nl=False)


if __name__ == "__main__":  # pragma: no cover
    main()
