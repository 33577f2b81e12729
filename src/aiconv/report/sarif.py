"""The `sarif` format: SARIF 2.1.0 as GitHub code scanning reads it (SPEC §5).

Every registered rule is listed in `tool.driver.rules` (so `ruleIndex` is stable from run to
run), with its descriptions and help taken from the rules catalogue. Locations are relative
to the project root, named by the base id `%SRCROOT%`; code scanning resolves them against
the repository root, so upload from a project whose root is the repository's (docs/ci.md).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import quote

from aiconv import __version__, ruledocs
from aiconv.baseline import identity
from aiconv.rules import ALL_RULES
from aiconv.violation import Report, RuleInfo, Violation

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
HOME = "https://github.com/aiconv/aiconv"
ROOT_ID = "%SRCROOT%"
# The key names the algorithm: change it if the fingerprint ever changes, so code scanning
# does not match old alerts against fingerprints computed differently.
FINGERPRINT = "aiconv/v1"


def render(report: Report, root: Path | None = None) -> str:
    """One SARIF log with one run; `root` (absolute) anchors the relative locations."""
    rules = [rule.info() for rule in ALL_RULES]
    index = {rule.code: position for position, rule in enumerate(rules)}
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "aiconv",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": HOME,
                "rules": [_descriptor(rule) for rule in rules],
            }
        },
        "invocations": [_invocation(report)],
        # libcst columns count code points, not UTF-16 units (SARIF's default for some tools).
        "columnKind": "unicodeCodePoints",
        "results": _results(report.violations, index),
    }
    if root is not None:
        # SARIF requires a base URI to end with a slash.
        run["originalUriBaseIds"] = {ROOT_ID: {"uri": root.as_uri().rstrip("/") + "/"}}
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def fingerprint(violation: Violation, occurrence: int) -> str:
    """Stable across runs and line shifts: path, code, the flagged line's text, occurrence."""
    path, code, text = identity(violation)
    digest = hashlib.sha256(f"{path}\0{code}\0{text}".encode()).hexdigest()[:32]
    return f"{digest}:{occurrence}"


def _descriptor(rule: RuleInfo) -> dict[str, Any]:
    doc = ruledocs.load_all().get(rule.code)
    flags = doc.sections.get("What it flags", "") if doc else ""
    help_text = "\n\n".join(
        f"{title}\n{doc.sections[title]}"
        for title in ruledocs.SECTIONS
        if doc and doc.sections.get(title)
    )
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": flags or rule.summary},
        "help": {
            "text": help_text or rule.summary,
            "markdown": doc.text.strip() if doc else rule.summary,
        },
        "helpUri": f"{HOME}/blob/main/docs/rules.md#{rule.code.lower()}-{rule.name}",
        # Every enabled rule fails the run (exit 1), so each is an error; opt-in rules are
        # off by default.
        "defaultConfiguration": {"level": "error", "enabled": rule.default},
        "properties": {"tags": [rule.family]},
    }


def _invocation(report: Report) -> dict[str, Any]:
    notifications = [{"level": "warning", "message": {"text": note}} for note in report.notes]
    notifications += [{"level": "error", "message": {"text": error}} for error in report.errors]
    invocation: dict[str, Any] = {"executionSuccessful": not report.errors}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return invocation


def _results(violations: tuple[Violation, ...], index: dict[str, int]) -> list[dict[str, Any]]:
    seen: Counter[tuple[str, str, str]] = Counter()
    results = []
    for violation in violations:
        # Identical violations (same path, code and line text) are told apart by their order.
        occurrence = seen[identity(violation)]
        seen[identity(violation)] += 1
        result: dict[str, Any] = {
            "ruleId": violation.code,
            "level": "error",
            "message": {"text": _message(violation)},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": quote(violation.path), "uriBaseId": ROOT_ID},
                        "region": {
                            "startLine": violation.line,
                            "startColumn": violation.column,
                            "endLine": violation.end_line or violation.line,
                            "endColumn": violation.end_column or violation.column,
                        },
                    }
                }
            ],
            "partialFingerprints": {FINGERPRINT: fingerprint(violation, occurrence)},
        }
        if violation.code in index:
            result["ruleIndex"] = index[violation.code]
        results.append(result)
    return results


def _message(violation: Violation) -> str:
    if not violation.fix_hint:
        return violation.message
    how = " (aiconv lint --fix)" if violation.fixable else ""
    return f"{violation.message}\nFix: {violation.fix_hint}{how}"
