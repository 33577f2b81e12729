"""Reporters: one module per output format; they know rules only by their metadata."""

from __future__ import annotations

from pathlib import Path

from aiconv.report import github, json_report, junit, sarif, text
from aiconv.violation import Report

FORMATS = ("full", "concise", "json", "sarif", "github", "junit")


def render(
    report: Report, output_format: str, color: bool = False, root: Path | None = None
) -> str:
    """The report in `output_format`, ready to print (ends with a newline unless empty).

    `root`, the absolute project root, anchors SARIF's relative locations.
    """
    if output_format == "json":
        return json_report.render(report)
    if output_format == "sarif":
        return sarif.render(report, root)
    if output_format == "github":
        return github.render(report)
    if output_format == "junit":
        return junit.render(report)
    if output_format == "concise":
        return text.concise(report, color)
    return text.full(report, color)


def statistics(report: Report, output_format: str, color: bool = False) -> str:
    """Counts per rule instead of the list."""
    if output_format == "json":
        return json_report.statistics(report)
    return text.statistics(report, color)
