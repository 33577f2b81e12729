"""`aiconv graph`: the modules named in the boundary contracts as a Mermaid or DOT diagram.

The project's import graph is squashed onto the named modules: every module belongs to the most
specific named module that contains it. A solid arrow is a direct import between two named
modules; a dashed one a dependency through modules that no contract names (the chains the
contracts also follow); a red one breaks a contract and is labelled with its name.
"""

from __future__ import annotations

from dataclasses import dataclass

from aiconv import contracts, graphbuild
from aiconv.config import Boundaries, Settings
from aiconv.contracts import Outcome
from aiconv.errors import UserError
from aiconv.graph import ImportGraph, within

FORMATS = ("mermaid", "dot")


@dataclass(frozen=True)
class Arrow:
    """A dependency between two named modules."""

    importer: str
    imported: str
    direct: bool
    broken: tuple[str, ...] = ()  # names of the contracts it breaks


@dataclass(frozen=True)
class Diagram:
    """The named modules (external ones flagged) and the arrows between them, sorted."""

    modules: tuple[str, ...]
    external: frozenset[str]
    arrows: tuple[Arrow, ...]


def diagram(settings: Settings, output_format: str = "mermaid", cache: bool = True) -> str:
    """Build the graph, check the contracts and render the diagram `aiconv graph` prints."""
    if not settings.boundaries.contracts:
        raise UserError(
            "no boundary contracts are configured ([[tool.aiconv.boundaries."
            "contracts]]): there is nothing to draw"
        )
    graph = graphbuild.build(settings, cache=cache)
    contracts.validate(settings, graph)
    outcome = contracts.check(graph, settings.boundaries)
    shape = squash(graph, settings.boundaries, outcome)
    return mermaid(shape) if output_format == "mermaid" else dot(shape)


def squash(graph: ImportGraph, boundaries: Boundaries, outcome: Outcome) -> Diagram:
    """The import graph squashed onto the modules the contracts name."""
    names = sorted(
        {name for contract in boundaries.contracts for name in contracts.named_modules(contract)}
    )
    external = frozenset(name for name in names if not graph.is_project(name))
    owner = {
        module: max(holders, key=len)
        for module in graph.modules
        if (holders := [name for name in names if within(module, name)])
    }
    counted = [
        edge for edge in graph.edges if boundaries.type_checking_imports or not edge.type_checking
    ]
    outgoing: dict[str, list[str]] = {}
    direct: set[tuple[str, str]] = set()
    for edge in counted:
        source = owner.get(edge.importer)
        if edge.external:
            reached = [
                name
                for name in external
                if any(within(spelling, name) for spelling in edge.spellings())
            ]
            direct.update((source, name) for name in reached if source is not None)
            continue
        outgoing.setdefault(edge.importer, []).append(edge.imported)
        target = owner.get(edge.imported)
        if source is not None and target is not None and source != target:
            direct.add((source, target))
    indirect = set()
    for name in names:
        start = [
            m
            for module, holder in owner.items()
            if holder == name
            for m in outgoing.get(module, ())
            if m not in owner
        ]
        seen = set(start)
        while start:
            module = start.pop()
            for imported in outgoing.get(module, ()):
                holder = owner.get(imported)
                if holder is not None and holder != name:
                    indirect.add((name, holder))
                elif holder is None and imported not in seen:
                    seen.add(imported)
                    start.append(imported)
    broken: dict[tuple[str, str], set[str]] = {}
    for breach in outcome.breaches:
        # Marked between the boxes the chain's ends are drawn in (`acme.models.bert`, not the
        # layer `acme.models`, when both are named), so the red arrow is the one that breaks.
        first, last = breach.chain[0], breach.chain[-1]
        source = owner.get(first.importer, breach.source)
        target = breach.target if last.external else owner.get(last.imported, breach.target)
        broken.setdefault((source, target), set()).add(breach.contract.name)
    pairs = direct | indirect | set(broken)
    arrows = tuple(
        Arrow(a, b, (a, b) in direct, tuple(sorted(broken.get((a, b), ()))))
        for a, b in sorted(pairs)
    )
    return Diagram(tuple(names), external, arrows)


def _label(text: str) -> str:
    return text.replace('"', "'")


def mermaid(shape: Diagram) -> str:
    """A Mermaid flowchart (GitHub renders it in Markdown)."""
    ids = {name: f"m{index}" for index, name in enumerate(shape.modules)}
    lines = ["flowchart TD"]
    for name in shape.modules:
        box = f'(["{name}"])' if name in shape.external else f'["{name}"]'
        lines.append(f"    {ids[name]}{box}")
    red = []
    for index, arrow in enumerate(shape.arrows):
        link = "-->" if arrow.direct else "-.->"
        label = f'|"breaks: {_label(", ".join(arrow.broken))}"|' if arrow.broken else ""
        lines.append(f"    {ids[arrow.importer]} {link}{label} {ids[arrow.imported]}")
        if arrow.broken:
            red.append(str(index))
    if red:
        lines.append(f"    linkStyle {','.join(red)} stroke:#d32f2f,stroke-width:2px,color:#d32f2f")
    return "\n".join(lines) + "\n"


def dot(shape: Diagram) -> str:
    """A Graphviz DOT digraph (`dot -Tsvg`)."""
    lines = [
        "digraph boundaries {",
        "    rankdir=TB;",
        '    node [shape=box, fontname="Helvetica"];',
    ]
    for name in shape.modules:
        style = " [style=dashed]" if name in shape.external else ""
        lines.append(f'    "{name}"{style};')
    for arrow in shape.arrows:
        attributes = [] if arrow.direct else ["style=dashed"]
        if arrow.broken:
            attributes += [
                "color=red",
                "fontcolor=red",
                "penwidth=2",
                f'label="breaks: {_label(", ".join(arrow.broken))}"',
            ]
        suffix = f" [{', '.join(attributes)}]" if attributes else ""
        lines.append(f'    "{arrow.importer}" -> "{arrow.imported}"{suffix};')
    lines.append("}")
    return "\n".join(lines) + "\n"
