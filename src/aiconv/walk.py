"""A read-only traversal of a libcst tree, in libcst's own order, at a quarter of the cost.

`CSTNode.visit` rebuilds every node it passes through (`_visit_and_replace_children`
constructs a new node even for a read-only `CSTVisitor`), which makes a traversal cost about
as much as the parse. Rules only read the tree, so this walks the dataclass fields instead.

The order of the fields is libcst's lexical order: it is read once per node type from the
keyword arguments of the constructor call in that type's `_visit_and_replace_children`,
which lists the children in the order libcst visits them. A test checks that the walk visits
the same nodes in the same order as `CSTNode.visit` on real code.
"""

from __future__ import annotations

import ast
import dataclasses
import inspect
import textwrap
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import libcst as cst

Method = Callable[[Any], Any]
_ORDER: dict[type[cst.CSTNode], tuple[str, ...]] = {}


def field_order(node_type: type[cst.CSTNode]) -> tuple[str, ...]:
    """The fields of `node_type` that may hold child nodes, in the order libcst visits them."""
    known = _ORDER.get(node_type)
    if known is None:
        fields = [field.name for field in dataclasses.fields(node_type)]
        order = _visit_order(node_type) or fields
        known = _ORDER[node_type] = tuple(name for name in order if name in fields)
    return known


def _visit_order(node_type: type[cst.CSTNode]) -> list[str] | None:
    try:
        source = textwrap.dedent(inspect.getsource(node_type._visit_and_replace_children))
    except (OSError, TypeError):
        return None  # no source (a frozen install): fall back to the dataclass field order
    for statement in ast.walk(ast.parse(source)):
        if isinstance(statement, ast.Return) and isinstance(statement.value, ast.Call):
            return [keyword.arg for keyword in statement.value.keywords if keyword.arg]
    return None


class Dispatch:
    """The visit and leave methods of several rules, grouped by node type name."""

    def __init__(
        self, visits: Mapping[str, Sequence[Method]], leaves: Mapping[str, Sequence[Method]]
    ) -> None:
        self.visits = visits
        self.leaves = leaves
        self._by_type: dict[type[cst.CSTNode], tuple[Sequence[Method], Sequence[Method]]] = {}

    def walk(self, node: cst.CSTNode) -> None:
        """Call every `visit_<Type>` before a node's children and `leave_<Type>` after."""
        node_type = type(node)
        methods = self._by_type.get(node_type)
        if methods is None:
            name = node_type.__name__
            methods = self._by_type[node_type] = (
                self.visits.get(name, ()),
                self.leaves.get(name, ()),
            )
        for method in methods[0]:
            method(node)
        for name in field_order(node_type):
            value = getattr(node, name)
            kind = _KINDS.get(type(value)) or _kind(type(value))
            if kind is _NODE:
                self.walk(value)
            elif kind is _SEQUENCE:
                for item in value:
                    if (_KINDS.get(type(item)) or _kind(type(item))) is _NODE:
                        self.walk(item)
        for method in methods[1]:
            method(node)


# isinstance() against the CSTNode ABC is slow; the answer depends only on the value's type.
_NODE, _SEQUENCE, _OTHER = "node", "sequence", "other"
_KINDS: dict[type, str] = {}


def _kind(value_type: type) -> str:
    if issubclass(value_type, cst.CSTNode):
        kind = _NODE
    elif value_type is tuple or value_type is list:
        kind = _SEQUENCE
    else:
        kind = _OTHER
    _KINDS[value_type] = kind
    return kind
