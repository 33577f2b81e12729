"""Shared terminology (AIC101–AIC103): the team's glossary in names, paths and comments."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import ClassVar, Union

import libcst as cst
from libcst.metadata import Assignment, FunctionScope, ScopeProvider

from aiconv.config import Settings
from aiconv.rules.base import Fix, PathEntry, PathRule, SourceRule
from aiconv.terms import Glossary, Hit, suggest
from aiconv.violation import Violation

_TOKEN = re.compile(r"[^\W\d]\w*")
_DYNAMIC_SCOPE = frozenset({"locals", "vars", "eval", "exec", "dir"})

Definer = Union[cst.Name, cst.Attribute]


def describe(hits: list[Hit]) -> str:
    """`the avoided word "ds" (the glossary says "dataset")`, for one or several hits."""
    parts = [f'"{hit.found}" (the glossary says "{hit.preferred}")' for hit in hits]
    noun = "word" if len(hits) == 1 else "words"
    return f"the avoided {noun} " + " and ".join(parts)


class _GlossaryRule:
    """Shared by the terminology rules: the glossary and the cheap text check."""

    glossary: Glossary

    def wants(self, text: str) -> bool:
        """Only files with an identifier-like word that can start an avoided entry."""
        return bool(self.glossary) and any(
            self.glossary.could_match(token) for token in set(_TOKEN.findall(text)))


@dataclass
class _Scope:
    """A Python scope while the tree is walked: its definitions in source order."""

    node: cst.CSTNode
    kind: str  # module, class, function, lambda, comprehension
    declared: set[str] = field(default_factory=set)  # global / nonlocal names
    definitions: list[tuple[str, Definer, str]] = field(default_factory=list)  # key, node, how


class AvoidedTermInName(_GlossaryRule, SourceRule):
    """AIC101: a name the file defines holds an avoided word of the glossary."""

    code: ClassVar[str] = "AIC101"
    name: ClassVar[str] = "avoided-term-in-name"
    family: ClassVar[str] = "terminology"
    summary: ClassVar[str] = "a name the file defines holds an avoided word"
    fixable: ClassVar[bool] = True

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        terminology = settings.terminology
        self.glossary = Glossary(terminology.terms, terminology.allow)
        self.scopes: list[_Scope] = []

    @classmethod
    def configured(cls, settings: Settings) -> bool:
        return bool(settings.terminology.terms)

    def begin(self, context: object) -> None:  # type: ignore[override]
        super().begin(context)  # type: ignore[arg-type]
        self.scopes = []

    # -- scopes

    def _push(self, node: cst.CSTNode, kind: str) -> None:
        self.scopes.append(_Scope(node, kind))

    def _pop(self) -> None:
        scope = self.scopes.pop()
        seen: set[str] = set()
        for key, node, how in scope.definitions:
            if key in seen or key in scope.declared:
                continue
            seen.add(key)
            self._check(node, scope, how)

    def _define(self, node: Definer, how: str, scope: _Scope | None = None) -> None:
        target = scope or self.scopes[-1]
        if isinstance(node, cst.Attribute):
            target = next((s for s in reversed(self.scopes) if s.kind == "class"), None)
            if target is None:
                return
            target.definitions.append((f"self.{node.attr.value}", node, how))
            return
        if self.glossary.could_match(node.value):
            target.definitions.append((node.value, node, how))

    def visit_Module(self, node: cst.Module) -> None:
        self._push(node, "module")

    def leave_Module(self, original_node: cst.Module) -> None:
        self._pop()

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._define(node.name, "class")
        self._push(node, "class")

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self._pop()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._define(node.name, "function")
        self._push(node, "function")
        self._parameters(node.params)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self._pop()

    def visit_Lambda(self, node: cst.Lambda) -> None:
        self._push(node, "lambda")
        self._parameters(node.params)

    def leave_Lambda(self, original_node: cst.Lambda) -> None:
        self._pop()

    def _parameters(self, params: cst.Parameters) -> None:
        every = [*params.posonly_params, *params.params, *params.kwonly_params]
        for star in (params.star_arg, params.star_kwarg):
            if isinstance(star, cst.Param):
                every.append(star)
        for param in every:
            self._define(param.name, "parameter")

    def _comprehension(self, node: cst.CSTNode) -> None:
        self._push(node, "comprehension")

    visit_ListComp = visit_SetComp = visit_DictComp = visit_GeneratorExp = _comprehension

    def _leave_comprehension(self, original_node: cst.CSTNode) -> None:
        self._pop()

    leave_ListComp = leave_SetComp = leave_DictComp = leave_GeneratorExp = _leave_comprehension

    def visit_Global(self, node: cst.Global) -> None:
        self.scopes[-1].declared.update(item.name.value for item in node.names)

    def visit_Nonlocal(self, node: cst.Nonlocal) -> None:
        self.scopes[-1].declared.update(item.name.value for item in node.names)

    # -- definitions

    def _targets(self, node: cst.BaseExpression, how: str, scope: _Scope | None = None) -> None:
        if isinstance(node, cst.Name):
            self._define(node, how, scope)
        elif isinstance(node, (cst.Tuple, cst.List)):
            for element in node.elements:
                self._targets(element.value, how, scope)
        elif isinstance(node, cst.StarredElement):
            self._targets(node.value, how, scope)
        elif (isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name)
              and node.value.value in ("self", "cls")
              and self.glossary.could_match(node.attr.value)):
            self._define(node, "attribute")

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        self._targets(node.target, "assignment")

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._targets(node.target, "assignment")

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._targets(node.target, "assignment")

    def visit_For(self, node: cst.For) -> None:
        self._targets(node.target, "loop")

    def visit_CompFor(self, node: cst.CompFor) -> None:
        self._targets(node.target, "loop")

    def visit_WithItem(self, node: cst.WithItem) -> None:
        if node.asname is not None:
            self._targets(node.asname.name, "with")

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        if node.name is not None:
            self._targets(node.name.name, "except")

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        # A walrus binds in the nearest enclosing scope that is not a comprehension.
        scope = next(s for s in reversed(self.scopes) if s.kind != "comprehension")
        self._targets(node.target, "walrus", scope)

    def visit_ImportAlias(self, node: cst.ImportAlias) -> None:
        if node.asname is not None:
            self._targets(node.asname.name, "import")

    def visit_MatchAs(self, node: cst.MatchAs) -> None:
        if node.name is not None:
            self._define(node.name, "match")

    def visit_MatchStar(self, node: cst.MatchStar) -> None:
        if node.name is not None:
            self._define(node.name, "match")

    # -- reporting

    def _check(self, node: Definer, scope: _Scope, how: str) -> None:
        name_node = node.attr if isinstance(node, cst.Attribute) else node
        name = name_node.value
        hits = self.glossary.find(name)
        if not hits or (isinstance(node, cst.Attribute) and f"self.{name}" in self.glossary.allow):
            return
        new = suggest(name, hits)
        local = scope.kind == "function" and how not in ("parameter", "function", "class")
        fix = self._rename(name_node, name, new) if local else None
        hint = f"rename `{name}` to `{new}`"
        if fix is None:
            hint += (" by hand, with its uses" if local else
                     " by hand: it is visible outside this function, so callers change too")
        self.report(name_node, f"`{name}` holds {describe(hits)}: rename it to `{new}`",
                    fix=fix, fix_hint=hint)

    def _rename(self, node: cst.Name, old: str, new: str) -> Fix | None:
        """Rename a function-local name everywhere it is bound and read, if that is safe."""
        if not new.isidentifier() or new == old:
            return None
        scopes = self.ctx.metadata(ScopeProvider)
        scope = scopes.get(node)
        if not isinstance(scope, FunctionScope) or old in _declared(scope.node):
            return None
        names = _names_in(scope.node)
        if new in names or names & _DYNAMIC_SCOPE:
            return None
        replacements: dict[cst.CSTNode, cst.CSTNode] = {}
        for assignment in scope.assignments[old]:
            if not isinstance(assignment, Assignment) or not isinstance(assignment.node, cst.Name):
                return None  # a def, class, import or parameter: not a plain local
            replacements[assignment.node] = assignment.node.with_changes(value=new)
            for access in assignment.references:
                if not isinstance(access.node, cst.Name):
                    return None  # a string annotation or other indirect use
                replacements[access.node] = access.node.with_changes(value=new)
        for access in scope.accesses[old]:
            if not isinstance(access.node, cst.Name):
                return None
            replacements.setdefault(access.node, access.node.with_changes(value=new))
        if node not in replacements:
            return None
        return Fix(replacements, f"rename `{old}` to `{new}`")


def _declared(function: cst.CSTNode) -> set[str]:
    """Names declared `global` or `nonlocal` anywhere inside `function`."""
    declared: set[str] = set()
    for node in _walk(function):
        if isinstance(node, (cst.Global, cst.Nonlocal)):
            declared.update(item.name.value for item in node.names)
    return declared


def _names_in(node: cst.CSTNode) -> set[str]:
    return {child.value for child in _walk(node) if isinstance(child, cst.Name)}


def _walk(node: cst.CSTNode) -> list[cst.CSTNode]:
    found: list[cst.CSTNode] = []
    stack = [node]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(current.children)
    return found


_PRAGMA = re.compile(r"^#\s*(aiconv:|noqa|type:|pragma|fmt:|pylint:|mypy:|-\*-|!|isort:)")


class AvoidedTermInComment(_GlossaryRule, SourceRule):
    """AIC103: a comment or docstring uses an avoided word (opt-in)."""

    code: ClassVar[str] = "AIC103"
    name: ClassVar[str] = "avoided-term-in-comment"
    family: ClassVar[str] = "terminology"
    summary: ClassVar[str] = "a comment or docstring uses an avoided word"
    default: ClassVar[bool] = False

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.glossary = Glossary(settings.terminology.terms, settings.terminology.allow)

    @classmethod
    def configured(cls, settings: Settings) -> bool:
        return bool(settings.terminology.terms)

    def visit_Comment(self, node: cst.Comment) -> None:
        if _PRAGMA.match(node.value):
            return
        where = self.ctx.position(node).start
        for hit in self._hits(node.value):
            self.report_at(where.line, where.column + 1 + hit.start, self._message(hit, "comment"))

    def visit_Module(self, node: cst.Module) -> None:
        self._docstring(node.body)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._docstring(node.body.body if isinstance(node.body, cst.IndentedBlock) else ())

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._docstring(node.body.body if isinstance(node.body, cst.IndentedBlock) else ())

    def _docstring(self, body: object) -> None:
        statements = list(body) if isinstance(body, (list, tuple)) else []
        if not statements or not isinstance(statements[0], cst.SimpleStatementLine):
            return
        first = statements[0].body[0] if statements[0].body else None
        if not isinstance(first, cst.Expr) or not isinstance(
            first.value, (cst.SimpleString, cst.ConcatenatedString)
        ):
            return
        string = first.value
        where = self.ctx.position(string).start
        text = self.ctx.module.code_for_node(string)
        for hit in self._hits(text):
            before = text[: hit.start]
            line = where.line + before.count("\n")
            column = (where.column + 1 + hit.start if "\n" not in before
                      else hit.start - before.rfind("\n"))
            self.report_at(line, column, self._message(hit, "docstring"))

    def _hits(self, text: str) -> list[Hit]:
        allow = self.glossary.allow
        return [hit for hit in self.glossary.find(text)
                if not allow or _token_at(text, hit.start) not in allow]

    @staticmethod
    def _message(hit: Hit, where: str) -> str:
        return f'{where} uses the avoided word "{hit.found}": the glossary says "{hit.preferred}"'


def _token_at(text: str, index: int) -> str:
    start = index
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
        start -= 1
    end = index
    while end < len(text) and (text[end].isalnum() or text[end] == "_"):
        end += 1
    return text[start:end]


class AvoidedTermInPath(PathRule):
    """AIC102: a file or folder name holds an avoided word."""

    code: ClassVar[str] = "AIC102"
    name: ClassVar[str] = "avoided-term-in-path"
    family: ClassVar[str] = "terminology"
    summary: ClassVar[str] = "a file or folder name holds an avoided word"

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.glossary = Glossary(settings.terminology.terms, settings.terminology.allow)

    @classmethod
    def configured(cls, settings: Settings) -> bool:
        return bool(settings.terminology.terms)

    def check(self, entry: PathEntry) -> list[Violation]:
        """Check the last component of the path; hidden names (dotfiles) are tool files."""
        base = entry.path.rsplit("/", 1)[-1]
        if not base or base.startswith(".") or base in self.glossary.allow:
            return []
        stem, dot, extension = (base, "", "") if entry.is_dir else base.partition(".")
        hits = self.glossary.find(stem)
        if not hits:
            return []
        new = suggest(stem, hits) + dot + extension
        kind = "folder" if entry.is_dir else "file"
        return [self.violation(entry, f"{kind} name `{base}` holds {describe(hits)}: rename it "
                                      f"to `{new}`", fix_hint=f"git mv {entry.path} "
                                      f"{entry.path[: len(entry.path) - len(base)]}{new}")]
