"""Renaming a function-local variable safely, for the AIC101 fix.

A rename is offered only when it cannot change what the program does: the name is bound only
by plain assignments inside one function, every use of it is a plain name that scope analysis
resolves to those bindings, and the new name is not already a variable anywhere in the function
(an attribute `x.new` or a keyword argument `f(new=...)` does not count: renaming cannot change
what those refer to).
"""

from __future__ import annotations

import keyword
from dataclasses import dataclass

import libcst as cst
from libcst.metadata import (
    Assignment,
    ClassScope,
    FunctionScope,
    GlobalScope,
    ImportAssignment,
    Scope,
)

from aiconv.rules.base import Fix

# Calls that read or write a function's variables by their spelling.
DYNAMIC_SCOPE = frozenset({"locals", "vars", "eval", "exec", "dir"})


@dataclass(frozen=True)
class Refusal:
    """Why a rename is not offered, as the fix hint says it."""

    reason: str


class Renamer:
    """The renames of one pass over one file, which must not collide with each other.

    Two renames of one pass are computed on the same tree, so each sees the other's new name
    as free: `ds` and `data_set` would both become `dataset`, and a nested function's rename
    could capture a closure variable renamed outside it. So within one outermost function (a
    method counts as one), a new name is given out once per pass; the next pass sees it.
    """

    def __init__(self) -> None:
        self.taken: dict[Scope, set[str]] = {}

    def rename(self, scope: Scope | None, node: cst.Name, new: str) -> Fix | Refusal:
        """A fix renaming the function-local `node` (and its uses) to `new`, or why not."""
        if scope is None:
            return Refusal("scope analysis does not see this binding as a local variable")
        taken = self.taken.setdefault(_top_level(scope), set())
        if new in taken:
            return Refusal(f"another rename in this code already takes `{new}`")
        outcome = rename_local(scope, node, new)
        if not isinstance(outcome, Refusal):
            taken.add(new)
        return outcome


def _top_level(scope: Scope) -> Scope:
    """The outermost function scope around `scope` whose variables a closure could share.

    A class body is not visible to the functions inside it, so each method of a module-level
    class is a separate unit: the `conf` locals of ten methods can all become `configuration`
    in one pass. A class nested in a function is not: its methods may close over the function.
    """
    while scope.parent is not scope and not isinstance(scope.parent, GlobalScope):
        parent = scope.parent
        if isinstance(parent, ClassScope) and isinstance(parent.parent, GlobalScope):
            break
        scope = parent
    return scope


def precheck(function: cst.CSTNode, old: str, new: str) -> Refusal | None:
    """The checks that need no scope analysis: why renaming `old` in `function` is unsafe.

    Lint runs that do not fix stop here to say whether a violation is fixable, so they never
    pay for scope analysis; `--fix` and `--diff` go on to `rename_local`.
    """
    if not new.isidentifier() or keyword.iskeyword(new) or new == old:
        return Refusal(f"`{new}` is not a usable Python name")
    if old in _declared(function):
        return Refusal("it is declared `nonlocal` or `global` in this function or a nested one")
    names = _names_in(function)
    if new in names:
        return Refusal(f"`{new}` is already a variable name in this function")
    if names & DYNAMIC_SCOPE:
        return Refusal(
            "the function reads variables by name with locals(), vars(), eval() or exec()"
        )
    return None


def rename_local(scope: Scope | None, node: cst.Name, new: str) -> Fix | Refusal:
    """A fix renaming the function-local `node` (and every use of it) to `new`, or why not."""
    old = node.value
    if not isinstance(scope, FunctionScope):
        return Refusal("it is not a plain local variable of a function")
    refusal = precheck(scope.node, old, new)
    if refusal is not None:
        return refusal
    replacements: dict[cst.CSTNode, cst.CSTNode] = {}
    for assignment in scope.assignments[old]:
        if isinstance(assignment, ImportAssignment) or not isinstance(assignment, Assignment):
            return Refusal("it is also bound by an import, a `def` or a `class`")
        if not isinstance(assignment.node, cst.Name):
            return Refusal("it is also bound by an import, a `def` or a `class`")
        replacements[assignment.node] = assignment.node.with_changes(value=new)
        for access in assignment.references:
            if not isinstance(access.node, cst.Name):
                return Refusal("it is also used inside a string, such as an annotation")
            replacements[access.node] = access.node.with_changes(value=new)
    for access in scope.accesses[old]:
        if not isinstance(access.node, cst.Name):
            return Refusal("it is also used inside a string, such as an annotation")
        replacements.setdefault(access.node, access.node.with_changes(value=new))
    if node not in replacements:
        return Refusal("scope analysis does not see this binding as a local variable")
    return Fix(replacements, f"rename `{old}` to `{new}`")


def _declared(function: cst.CSTNode) -> set[str]:
    """Names declared `global` or `nonlocal` anywhere inside `function`."""
    declared: set[str] = set()
    for node in _walk(function):
        if isinstance(node, (cst.Global, cst.Nonlocal)):
            declared.update(item.name.value for item in node.names)
    return declared


def _names_in(node: cst.CSTNode) -> set[str]:
    """Every variable spelled in `node`: names, but not attribute names or keyword arguments."""
    collector = _Variables()
    node.visit(collector)
    return collector.names


class _Variables(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def visit_Name(self, node: cst.Name) -> None:
        self.names.add(node.value)

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        node.value.visit(self)  # `obj.dataset` is not a variable named dataset
        return False

    def visit_Arg(self, node: cst.Arg) -> bool:
        node.value.visit(self)  # nor is the keyword of `train(dataset=ds)`
        return False


def _walk(node: cst.CSTNode) -> list[cst.CSTNode]:
    found: list[cst.CSTNode] = []
    stack = [node]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(current.children)
    return found
