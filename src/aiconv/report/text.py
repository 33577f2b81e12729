"""The `full` and `concise` formats, and `--statistics` as text."""

from __future__ import annotations

from collections import Counter

import click

from aiconv.violation import Report, Violation


def _style(text: str, color: bool, **styles: object) -> str:
    return click.style(text, **styles) if color else text  # type: ignore[arg-type]


def _location(violation: Violation, color: bool) -> str:
    path = _style(violation.path, color, bold=True)
    return f"{path}:{violation.line}:{violation.column}:"


def concise(report: Report, color: bool = False) -> str:
    """One line per violation: `path:line:column: CODE message`."""
    lines = [
        f"{_location(v, color)} {_style(v.code, color, fg='red', bold=True)} {v.message}"
        for v in report.violations
    ]
    return "".join(line + "\n" for line in lines)


def full(report: Report, color: bool = False) -> str:
    """Each violation with its source line, a caret under the span, and the fix hint."""
    blocks = []
    for violation in report.violations:
        head = (
            f"{_location(violation, color)} "
            f"{_style(violation.code, color, fg='red', bold=True)} {violation.message}"
        )
        lines = [head]
        if violation.line_text.strip():
            number = str(violation.line)
            gutter = " " * len(number)
            source = violation.line_text.expandtabs(4)
            start = len(violation.line_text[: violation.column - 1].expandtabs(4))
            if violation.end_line == violation.line and violation.end_column > violation.column:
                width = len(
                    violation.line_text[violation.column - 1 : violation.end_column - 1].expandtabs(
                        4
                    )
                )
            else:
                width = 1
            caret = _style("^" * max(1, width), color, fg="red")
            bar = _style("|", color, fg="blue")
            lines += [
                f"{gutter} {bar}",
                f"{_style(number, color, fg='blue')} {bar} {source}",
                f"{gutter} {bar} {' ' * start}{caret}",
            ]
            hint_prefix = f"{gutter} = "
        else:
            hint_prefix = "  = "
        if violation.fix_hint:
            how = " (aiconv lint --fix)" if violation.fixable else ""
            lines.append(
                f"{hint_prefix}{_style('fix', color, fg='cyan', bold=True)}: "
                f"{violation.fix_hint}{how}"
            )
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks) + (("\n" if blocks else "") + summary(report, color))


def summary(report: Report, color: bool = False) -> str:
    """`Found 3 violations (1 fixable with --fix) in 12 files.` or the all-clear."""
    fixed = (
        f"Fixed {report.fixed} violation{'s' if report.fixed != 1 else ''}. "
        if report.fixed
        else ""
    )
    count = len(report.violations)
    files = f"{report.files} file{'s' if report.files != 1 else ''}"
    if not count:
        return f"{fixed}{_style('All checks passed', color, fg='green', bold=True)} ({files}).\n"
    fixable = sum(1 for violation in report.violations if violation.fixable)
    extra = f" ({fixable} fixable with --fix)" if fixable else ""
    noun = "violation" if count == 1 else "violations"
    return f"{fixed}Found {count} {noun}{extra} in {files}.\n"


def statistics(report: Report, color: bool = False) -> str:
    """`count  CODE  name` per rule, most frequent first."""
    counts = Counter(violation.code for violation in report.violations)
    names = {violation.code: violation.name for violation in report.violations}
    fixable = {v.code for v in report.violations if v.fixable}
    width = max((len(str(count)) for count in counts.values()), default=1)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return "".join(
        f"{count:>{width}}  {_style(code, color, fg='red', bold=True)}  "
        f"{'[*] ' if code in fixable else ''}{names[code]}\n"
        for code, count in rows
    )
