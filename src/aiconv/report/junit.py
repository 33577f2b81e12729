"""The `junit` format: JUnit XML for CI test dashboards (GitLab, Jenkins, Azure, CircleCI).

One testcase per rule the run checked, named `AIC101 avoided-term-in-name`: it fails with
every violation of that rule listed in the failure's body, and passes when there is none.
Rules make stable test names (a dashboard can tell how long AIC401 has been failing), and the
counts read as "rules passed"; aiconv does not list the files it found clean, so a testcase
per file could only ever show failures. docs/ci.md says the same for users.
"""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ElementTree

from aiconv.report import text
from aiconv.rules import BY_CODE
from aiconv.violation import Report, Violation

# Characters XML 1.0 cannot hold at all (escaping does not help); a message quoting a binary
# file name could contain them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def render(report: Report) -> str:
    """`testsuites` > `testsuite` > one `testcase` per rule, `failure` where it reported."""
    by_code: dict[str, list[Violation]] = {}
    for violation in report.violations:
        by_code.setdefault(violation.code, []).append(violation)
    codes = sorted(set(report.codes) | set(by_code))
    counts = {
        "tests": str(len(codes)),
        "failures": str(len(by_code)),
        "errors": "0",
        "skipped": "0",
    }
    suites = ElementTree.Element("testsuites", {"name": "aiconv", **counts})
    suite = ElementTree.SubElement(suites, "testsuite", {"name": "aiconv", **counts})
    for code in codes:
        rule = BY_CODE.get(code)
        name = f"{code} {rule.name}" if rule else code
        family = rule.family if rule else "unknown"
        case = ElementTree.SubElement(suite, "testcase", name=name, classname=f"aiconv.{family}")
        violations = by_code.get(code)
        if violations:
            count = len(violations)
            failure = ElementTree.SubElement(
                case,
                "failure",
                type=code,
                message=f"{count} violation{'s' if count != 1 else ''} of {name}",
            )
            # The body lists them as `--format concise` does, one `path:line:column:` each.
            listed = dataclasses.replace(report, violations=tuple(violations))
            failure.text = _NOT_XML.sub("\ufffd", text.concise(listed))
    ElementTree.indent(suites)
    body = ElementTree.tostring(suites, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'
