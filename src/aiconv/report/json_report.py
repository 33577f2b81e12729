"""The `json` format of SPEC §5."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from aiconv.violation import Report

FORMAT_VERSION = "1.0.0"


def render(report: Report) -> str:
    """One JSON object: version, violations, summary."""
    document: dict[str, Any] = {
        "version": FORMAT_VERSION,
        "violations": [
            {
                "code": v.code,
                "name": v.name,
                "path": v.path,
                "line": v.line,
                "column": v.column,
                "end_line": v.end_line or v.line,
                "end_column": v.end_column or v.column,
                "message": v.message,
                "fixable": v.fixable,
            }
            for v in report.violations
        ],
        "summary": {
            "files": report.files,
            "violations": len(report.violations),
            "fixed": report.fixed,
        },
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def statistics(report: Report) -> str:
    """Counts per rule as a JSON array, most frequent first."""
    counts = Counter(violation.code for violation in report.violations)
    names = {violation.code: violation.name for violation in report.violations}
    fixable = {v.code for v in report.violations if v.fixable}
    rows = [
        {"code": code, "name": names[code], "count": count, "fixable": code in fixable}
        for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]
    return json.dumps(rows, indent=2) + "\n"
