"""Shared terminology (AIC101–AIC103): the team's glossary in names, paths and comments."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import ClassVar, Union

import libcst as cst
from libcst.metadata import ScopeProvider

from aiconv.config import Settings
from aiconv.rules.base import FileContext, PathEntry, PathRule, SourceRule
from aiconv.rules.renaming import Refusal, Renamer, precheck
from aiconv.terms import Glossary, Hit, suggest
from aiconv.violation import Violation

_TOKEN = re.compile(r"[^\W\d]\w*")

Definer = Union[cst.Name, cst.Attribute]


def describe(hits: list[Hit]) -> str:
    """`the avoided word "ds" (the glossary says "dataset")`, for one or several hits."""
    parts = [f'"{hit.found}" (the glossary says "{hit.preferred}")' for hit in hits]
    noun = "word" if len(hits) == 1 else "words"
    return f"the avoided {noun} " + " and ".join(parts)


def definitions(hits: list[Hit]) -> str:
    """` (dataset: A named, versioned collection…)` for the hits whose term has a definition."""
    seen: dict[str, str] = {}
    for hit in hits:
        if hit.definition:
            seen.setdefault(hit.preferred, hit.definition.strip())
    return "".join(f" ({term}: {text})" for term, text in seen.items())


class _GlossaryRule:
    """Shared by the terminology rules: the glossary, and when there is anything to check."""

    glossary: Glossary

    @classmethod
    def configured(cls, settings: Settings) -> bool:
        """Nothing to check until the glossary has terms."""
        return bool(settings.terminology.terms)

    def wants(self, text: str) -> bool:
        """Only files with an identifier-like word that can start an avoided entry."""
        return bool(self.glossary) and any(
            self.glossary.could_match(token) for token in set(_TOKEN.findall(text))
        )


def _glossary(settings: Settings) -> Glossary:
    return Glossary(settings.terminology.terms, settings.terminology.allow)


@dataclass
class _Scope:
    """A Python scope while the tree is walked: its definitions in source order."""

    node: cst.CSTNode
    kind: str  # module, class, function, lambda, comprehension
    globals: set[str] = field(default_factory=set)
    nonlocals: set[str] = field(default_factory=set)
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
        self.glossary = _glossary(settings)
        self.scopes: list[_Scope] = []
        self.renamer = Renamer()

    def begin(self, context: FileContext) -> None:
        super().begin(context)
        self.scopes = []
        self.renamer = Renamer()

    # -- scopes

    def _push(self, node: cst.CSTNode, kind: str) -> None:
        self.scopes.append(_Scope(node, kind))

    def _pop(self) -> None:
        # Reported when the scope closes, so a name is reported once, at its first definition.
        scope = self.scopes.pop()
        seen: set[str] = set()
        for key, node, how in scope.definitions:
            if key not in seen:
                seen.add(key)
                self._check(node, scope, how)

    def _define(self, node: Definer, how: str, scope: _Scope | None = None) -> None:
        if isinstance(node, cst.Attribute):
            owner = next((s for s in reversed(self.scopes) if s.kind == "class"), None)
            if owner is not None and self.glossary.could_match(node.attr.value):
                owner.definitions.append((f"self.{node.attr.value}", node, how))
            return
        if not self.glossary.could_match(node.value):
            return
        target = scope or self.scopes[-1]
        if node.value in target.nonlocals:
            return  # bound in an enclosing function, which reports it
        if node.value in target.globals:
            target = self.scopes[0]
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
        self.scopes[-1].globals.update(item.name.value for item in node.names)

    def visit_Nonlocal(self, node: cst.Nonlocal) -> None:
        self.scopes[-1].nonlocals.update(item.name.value for item in node.names)

    # -- definitions

    def _targets(self, node: cst.BaseExpression, how: str, scope: _Scope | None = None) -> None:
        if isinstance(node, cst.Name):
            self._define(node, how, scope)
        elif isinstance(node, (cst.Tuple, cst.List)):
            for element in node.elements:
                self._targets(element.value, how, scope)
        elif isinstance(node, cst.StarredElement):
            self._targets(node.value, how, scope)
        elif (
            isinstance(node, cst.Attribute)
            and isinstance(node.value, cst.Name)
            and node.value.value in ("self", "cls")
        ):
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

    def visit_ExceptStarHandler(self, node: cst.ExceptStarHandler) -> None:
        if node.name is not None:
            self._targets(node.name.name, "except")

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        # A walrus binds in the nearest enclosing scope that is not a comprehension.
        scope = next(s for s in reversed(self.scopes) if s.kind != "comprehension")
        self._targets(node.target, "walrus", scope)

    def visit_ImportAlias(self, node: cst.ImportAlias) -> None:
        # `from x import ds as ds` re-exports a name chosen elsewhere: only a new spelling counts.
        if node.asname is not None and isinstance(node.asname.name, cst.Name):
            alias = node.asname.name
            imported = node.name.attr if isinstance(node.name, cst.Attribute) else node.name
            if alias.value != imported.value:
                self._define(alias, "import")

    def visit_MatchAs(self, node: cst.MatchAs) -> None:
        if node.name is not None:
            self._define(node.name, "match")

    def visit_MatchStar(self, node: cst.MatchStar) -> None:
        if node.name is not None:
            self._define(node.name, "match")

    def visit_MatchMapping(self, node: cst.MatchMapping) -> None:
        if node.rest is not None:
            self._define(node.rest, "match")

    def visit_TypeParam(self, node: cst.TypeParam) -> None:
        self._define(node.param.name, "type parameter")

    def visit_TypeAlias(self, node: cst.TypeAlias) -> None:
        self._define(node.name, "type alias")

    # -- reporting

    def _check(self, node: Definer, scope: _Scope, how: str) -> None:
        name_node = node.attr if isinstance(node, cst.Attribute) else node
        name = name_node.value
        hits = self.glossary.find(name)
        if not hits or (isinstance(node, cst.Attribute) and f"self.{name}" in self.glossary.allow):
            return
        new = suggest(name, hits)
        message = f"`{name}` holds {describe(hits)}: rename it to `{new}`{definitions(hits)}"
        if scope.kind != "function" or how not in _LOCAL_BINDINGS:
            self.report(
                name_node,
                message,
                fix_hint=f"rename `{name}` to `{new}` by hand, {_why_by_hand(scope, how)}",
            )
            return
        if not self.ctx.fixing:
            # Scope analysis costs ~9 parses: only --fix and --diff, which apply the fix, pay it.
            refusal = precheck(scope.node, name, new)
            self.report(
                name_node,
                message,
                fixable=refusal is None,
                fix_hint=(
                    f"rename `{name}` to `{new}`"
                    if refusal is None
                    else f"rename `{name}` to `{new}` by hand, with its uses (no automatic fix: "
                    f"{refusal.reason})"
                ),
            )
            return
        scope_of = self.ctx.metadata(ScopeProvider).get(name_node)
        outcome = self.renamer.rename(scope_of, name_node, new)
        if isinstance(outcome, Refusal):
            self.report(
                name_node,
                message,
                fix_hint=f"rename `{name}` to `{new}` by hand, with "
                f"its uses (no automatic fix: {outcome.reason})",
            )
            return
        self.report(name_node, message, fix=outcome)


# Bindings the fix may rename: plain variables, not definitions other code can refer to.
_LOCAL_BINDINGS = frozenset({"assignment", "loop", "with", "except", "walrus", "match"})


def _why_by_hand(scope: _Scope, how: str) -> str:
    """Why a definition of this kind gets no automatic rename."""
    if how == "parameter":
        return "with its uses: callers may pass it by keyword"
    if how in ("function", "class") or scope.kind in ("module", "class"):
        return "with its uses: other modules or callers may use it too"
    return "with its uses"


# Tool directives, not prose: noqa, type: ignore, pylint, coding lines, shebangs and the like.
_PRAGMA = re.compile(
    r"^#\s*(aiconv:|noqa|type:|pragma|fmt:|pylint:|mypy:|pyright:|ruff:|isort:|nosec|-\*-|!"
    r"|vim?:|(?:.*\bcoding[:=]))"
)


class AvoidedTermInComment(_GlossaryRule, SourceRule):
    """AIC103: a comment or docstring uses an avoided word (opt-in)."""

    code: ClassVar[str] = "AIC103"
    name: ClassVar[str] = "avoided-term-in-comment"
    family: ClassVar[str] = "terminology"
    summary: ClassVar[str] = "a comment or docstring uses an avoided word"
    default: ClassVar[bool] = False

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.glossary = _glossary(settings)

    def visit_Comment(self, node: cst.Comment) -> None:
        if _PRAGMA.match(node.value):
            return
        where = self.ctx.position(node).start
        for hit in self._hits(node.value):
            self.report_at(where.line, where.column + 1 + hit.start, self._message(hit, "comment"))

    def visit_Module(self, node: cst.Module) -> None:
        self._docstring(node.body)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._docstring(node.body.body)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._docstring(node.body.body)

    def _docstring(self, body: object) -> None:
        statements = list(body) if isinstance(body, (list, tuple)) else []
        first = statements[0] if statements else None
        if isinstance(first, cst.SimpleStatementLine) and first.body:
            first = first.body[0]  # `"""doc"""` on its own line
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
            if "\n" in before:
                column = hit.start - before.rfind("\n")
            else:
                column = where.column + 1 + hit.start
            self.report_at(line, column, self._message(hit, "docstring"))

    def _hits(self, text: str) -> list[Hit]:
        allow = self.glossary.allow
        return [hit for hit in self.glossary.find(text)
                if not allow or _token_at(text, hit.start) not in allow]  # fmt: skip

    @staticmethod
    def _message(hit: Hit, where: str) -> str:
        return (f'{where} uses the avoided word "{hit.found}": the glossary says '
                f'"{hit.preferred}"{definitions([hit])}')  # fmt: skip


def _token_at(text: str, index: int) -> str:
    """The identifier-like token of `text` around `index`, to compare with `allow`."""
    start = index
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
        start -= 1
    end = index
    while end < len(text) and (text[end].isalnum() or text[end] == "_"):
        end += 1
    return text[start:end]


class AvoidedTermInPath(_GlossaryRule, PathRule):
    """AIC102: a file or folder name holds an avoided word."""

    code: ClassVar[str] = "AIC102"
    name: ClassVar[str] = "avoided-term-in-path"
    family: ClassVar[str] = "terminology"
    summary: ClassVar[str] = "a file or folder name holds an avoided word"

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.glossary = _glossary(settings)

    def check(self, entry: PathEntry) -> list[Violation]:
        """Check the last component of the path; hidden names (dotfiles) are tool files."""
        base = entry.path.rstrip("/").rsplit("/", 1)[-1]
        if not base or base.startswith(".") or base in self.glossary.allow:
            return []
        # The extension is not a word of the name: `ds.py` is judged on `ds`, and keeps `.py`.
        stem, dot, extension = (base, "", "") if entry.is_dir else base.partition(".")
        hits = self.glossary.find(stem)
        if not hits:
            return []
        new = suggest(stem, hits) + dot + extension
        kind = "folder" if entry.is_dir else "file"
        folder = entry.path.rstrip("/")[: -len(base)]
        message = f"{kind} name `{base}` holds {describe(hits)}: rename it to `{new}`"
        return [
            self.violation(
                entry,
                message + definitions(hits),
                fix_hint=f"git mv {entry.path.rstrip('/')} {folder}{new}",
            )
        ]
