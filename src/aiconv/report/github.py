"""The `github` format: GitHub Actions workflow commands, one `::error` per violation.

GitHub turns each line into an annotation on the pull request's diff. Values are escaped as
the Actions runner unescapes them (actions/toolkit `command.ts`): in the message `%`, CR and
LF; in properties also `:` and `,`, which would otherwise end the value.
"""

from __future__ import annotations

from aiconv.violation import Report, Violation


def escape_data(text: str) -> str:
    """A message as a workflow command carries it: `%`, CR and LF percent-encoded."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value (file, title): as data, plus `:` and `,`."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report) -> str:
    """`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=CODE::message` per violation."""
    return "".join(_command(violation) + "\n" for violation in report.violations)


def _command(violation: Violation) -> str:
    properties = {
        "file": violation.path,
        "line": str(violation.line),
        "col": str(violation.column),
        "endLine": str(violation.end_line or violation.line),
        "endColumn": str(violation.end_column or violation.column),
        "title": violation.code,
    }
    listed = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    message = violation.message
    if violation.fix_hint:
        how = " (aiconv lint --fix)" if violation.fixable else ""
        message += f"\nfix: {violation.fix_hint}{how}"
    return f"::error {listed}::{escape_data(message)}"
