"""The handbook's contract diagram: the boundary contracts as a Mermaid flowchart.

Drawn from the configuration alone, so the handbook changes when the rules change, not when
the code does (`aiconv graph` draws the imports as they are today). Arrows point from importer
to imported: a plain arrow is what a layer may import (the layer just below it), a red crossed
one what a contract forbids. Only the documented flowchart subset is used: `flowchart TD`,
`id["label"]` and `id(["label"])` nodes, `-->`, `--x`, `x--x` and `x-.-x` links with
`|"label"|` texts, and one `linkStyle`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from aiconv.config import Boundaries, Contract

RED = "stroke:#d32f2f,stroke-width:2px,color:#d32f2f"


@dataclass(frozen=True)
class Link:
    """One link of the diagram: `arrow` is a Mermaid link token."""

    source: str
    target: str
    arrow: str
    labels: tuple[str, ...] = ()

    @property
    def forbidding(self) -> bool:
        """True for a link that says "must not import"."""
        return "x" in self.arrow


def _project_tops(boundaries: Boundaries) -> set[str]:
    """Top-level packages the contracts treat as the project's: every name outside `to`."""
    tops: set[str] = set()
    for contract in boundaries.contracts:
        names = [
            *contract.source,
            *contract.modules,
            *(m for layer in contract.layers for m in layer),
        ]
        tops.update(name.split(".")[0] for name in names)
    return tops


def links(boundaries: Boundaries) -> list[Link]:
    """Every link the contracts imply, merged per (source, target, arrow), in a stable order."""
    found: dict[tuple[str, str, str], list[str]] = {}

    def add(source: str, target: str, arrow: str, label: str = "") -> None:
        labels = found.setdefault((source, target, arrow), [])
        if label and label not in labels:
            labels.append(label)

    for contract in boundaries.contracts:
        if contract.kind == "layers":
            _layers(contract, add)
        elif contract.kind == "forbidden":
            for source in contract.source:
                for target in contract.target:
                    add(source, target, "--x", contract.name)
        else:
            members = sorted(contract.modules)
            for index, first in enumerate(members):
                for second in members[index + 1 :]:
                    add(first, second, "x-.-x", contract.name)
    return [Link(s, t, arrow, tuple(labels)) for (s, t, arrow), labels in found.items()]


def _layers(contract: Contract, add: Callable[..., None]) -> None:
    for upper, lower in zip(contract.layers, contract.layers[1:]):
        for source in upper:
            for target in lower:
                add(source, target, "-->")
    for layer in contract.layers:
        members = sorted(layer)
        for index, first in enumerate(members):
            for second in members[index + 1 :]:
                add(first, second, "x--x", f"{contract.name}: siblings")


def _text(label: str) -> str:
    # Inside a quoted Mermaid label a double quote would end it; #quot; is Mermaid's escape.
    return label.replace('"', "#quot;")


def mermaid(boundaries: Boundaries) -> str:
    """The flowchart's source (without the Markdown fence)."""
    drawn = links(boundaries)
    names = sorted({name for link in drawn for name in (link.source, link.target)})
    ids = {name: f"m{index}" for index, name in enumerate(names)}
    tops = _project_tops(boundaries)
    lines = ["flowchart TD"]
    for name in names:
        shape = f'["{name}"]' if name.split(".")[0] in tops else f'(["{name}"])'
        lines.append(f"    {ids[name]}{shape}")
    red = []
    for index, link in enumerate(drawn):
        label = f'|"{_text("; ".join(link.labels))}"|' if link.labels else ""
        lines.append(f"    {ids[link.source]} {link.arrow}{label} {ids[link.target]}")
        if link.forbidding:
            red.append(str(index))
    if red:
        lines.append(f"    linkStyle {','.join(red)} {RED}")
    return "\n".join(lines) + "\n"
