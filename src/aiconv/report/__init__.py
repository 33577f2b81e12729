"""Reporters: one module per output format; they know rules only by their metadata."""

from __future__ import annotations

from aiconv.report import json_report, text
from aiconv.violation import Report

FORMATS = ("full", "concise", "json")


def render(report: Report, output_format: str, color: bool = False) -> str:
    """The report in `output_format`, ready to print (ends with a newline unless empty)."""
    if output_format == "json":
        return json_report.render(report)
    if output_format == "concise":
        return text.concise(report, color)
    return text.full(report, color)


def statistics(report: Report, output_format: str, color: bool = False) -> str:
    """Counts per rule instead of the list."""
    if output_format == "json":
        return json_report.statistics(report)
    return text.statistics(report, color)
