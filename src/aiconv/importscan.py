"""The import statements of one Python file, as plain data: what the import graph is built from.

Two extractors give the same answer. `scan_ast` walks the standard library's `ast` and is the
reference. `scan` is what the graph uses: a regular expression that skips strings and comments
finds the lines that start an import statement, and only those statements are parsed, as one
small `ast` module. On the standard library that is ~10× faster than parsing every file whole
(see docs/architecture.md). Whenever the quick path could be wrong (a file that mentions
`TYPE_CHECKING`, an import after `:` or `;` on one line, a statement it cannot parse), it
hands the file to `scan_ast`, so precision never depends on the shortcut.
"""

from __future__ import annotations

import ast
import bisect
import re
import sys
import warnings
from dataclasses import dataclass
from typing import NamedTuple

# Possessive quantifiers (3.11+) keep the scanner from saving backtracking state per token.
_P = "+" if sys.version_info >= (3, 11) else ""
_STRING_BODY = {
    quote: rf"[^{quote}\\]*{_P}(?:(?:\\[\s\S]|{quote}(?!{quote}{quote}))[^{quote}\\]*{_P})*{_P}"
    for quote in ("'", '"')
}
# Everything that cannot start an import statement, consumed in C: code, comments, strings
# (triple-quoted ones may hold lines that look like imports), and newlines that are not
# followed by `import` or `from`. It stops before such a newline, or at an import that does
# not start its line (`try: import x`, `x = 1; import y`), which only the full parse places.
_AFTER = r"[ \t\f]*(?:import|from)\b"
_SKIP = re.compile(
    r"(?:"
    rf"[^'\"#\n\\:;]+{_P}"
    rf"|[:;](?!{_AFTER})"
    r"|\\[\s\S]"
    rf"|#[^\n]*{_P}"
    rf"|'''{_STRING_BODY[chr(39)]}(?:'''|\Z)"
    rf"|\"\"\"{_STRING_BODY[chr(34)]}(?:\"\"\"|\Z)"
    rf"|'[^'\\\n]*{_P}(?:\\[\s\S][^'\\\n]*{_P})*{_P}'?"
    rf"|\"[^\"\\\n]*{_P}(?:\\[\s\S][^\"\\\n]*{_P})*{_P}\"?"
    rf"|\n(?!{_AFTER})"
    rf")*{_P}"
)
_INDENT = re.compile(r"[ \t\f]*")


class RawImport(NamedTuple):
    """One import statement as written, before module names are resolved.

    `import a.b, c` has names ("a.b", "c"); `from ..x import y, z` has level 2, module "x" and
    names ("y", "z"). Lines and columns are 1-based; columns count characters; the end column
    is exclusive. A NamedTuple: the graph makes ten thousand of these on a large tree, and a
    tuple is what the JSON cache stores.
    """

    line: int
    column: int
    end_line: int
    end_column: int
    is_from: bool
    level: int
    module: str
    names: tuple[str, ...]
    type_checking: bool = False


def scan(text: str) -> tuple[RawImport, ...]:
    """The import statements of `text`.

    Exact for a file that parses. For one that does not (mid-edit, in a pre-commit run), the
    import statements that parse on their own, so a typo elsewhere does not hide them.
    """
    if "import" not in text:
        return ()
    if "TYPE_CHECKING" not in text and text.count("\r") == text.count("\r\n"):
        snippets = _snippets(text, strict=True)
        quick = None if snippets is None else _together(text, snippets)
        if quick is not None:
            return quick
    exact = _scan_tree(text)
    if exact is not None:
        return exact
    found = [_alone(text, snippet) for snippet in _snippets(text, strict=False) or ()]
    return tuple(item for item in found if item is not None)


def scan_ast(text: str) -> tuple[RawImport, ...]:
    """The import statements of `text`, from a full `ast` parse (empty when it does not parse)."""
    return _scan_tree(text) or ()


def _scan_tree(text: str) -> tuple[RawImport, ...] | None:
    tree = _parse(text)
    if tree is None:
        return None
    lines = _lines(text)
    found: list[RawImport] = []
    _walk(tree.body, False, lines, found)
    return tuple(sorted(found, key=lambda item: (item.line, item.column)))


def _lines(text: str) -> list[str] | None:
    """The lines as Python numbers them (only \\n, \\r\\n and \\r end a line); None if ASCII."""
    if text.isascii():
        return None
    return re.split(r"\r\n?|\n", text) if "\r" in text else text.split("\n")


def _parse(text: str) -> ast.Module | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escape sequences and the like
            return ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _is_type_checking(test: ast.expr) -> bool:
    """`TYPE_CHECKING` or `<anything>.TYPE_CHECKING`; compound conditions are not."""
    if isinstance(test, ast.Name):
        return test.id == "TYPE_CHECKING"
    return isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"


def _walk(
    body: list[ast.stmt], type_checking: bool, lines: list[str] | None, found: list[RawImport]
) -> None:
    for node in body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.append(_raw(node, type_checking, lines))
            continue
        if isinstance(node, ast.If):
            _walk(node.body, type_checking or _is_type_checking(node.test), lines, found)
            _walk(node.orelse, type_checking, lines, found)
            continue
        for field in ("body", "orelse", "finalbody", "handlers", "cases"):
            children = getattr(node, field, None)
            if children:
                _walk(children, type_checking, lines, found)


def _raw(
    node: ast.Import | ast.ImportFrom, type_checking: bool, lines: list[str] | None
) -> RawImport:
    end_line = node.end_lineno or node.lineno
    end_offset = node.end_col_offset if node.end_col_offset is not None else node.col_offset
    return _located(
        node, (node.lineno, node.col_offset), (end_line, end_offset), type_checking, lines
    )


def _located(
    node: ast.Import | ast.ImportFrom,
    start: tuple[int, int],
    end: tuple[int, int],
    type_checking: bool,
    lines: list[str] | None,
) -> RawImport:
    """`node` as a RawImport at `start`/`end` (line, UTF-8 byte offset) of the file `lines`."""
    line, column = start[0], _characters(lines, *start)
    end_line, end_column = end[0], _characters(lines, *end)
    names = tuple(alias.name for alias in node.names)
    if isinstance(node, ast.Import):
        return RawImport(line, column, end_line, end_column, False, 0, "", names, type_checking)
    return RawImport(
        line,
        column,
        end_line,
        end_column,
        True,
        node.level or 0,
        node.module or "",
        names,
        type_checking,
    )


def _characters(lines: list[str] | None, line: int, offset: int) -> int:
    """A 1-based character column from `ast`'s 0-based UTF-8 byte offset.

    `lines` is None for an ASCII file, where bytes are characters.
    """
    if lines is None:
        return offset + 1
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    if text.isascii():
        return offset + 1
    return len(text.encode("utf-8")[:offset].decode("utf-8", errors="ignore")) + 1


@dataclass(frozen=True)
class _Snippet:
    line: int  # where the statement starts in the file
    indent: int  # characters of indentation before its keyword
    text: str  # the statement without that indentation


def _together(text: str, snippets: list[_Snippet]) -> tuple[RawImport, ...] | None:
    """The snippets parsed as one small module, or None when only a full parse can tell."""
    if not snippets:
        return ()
    joined_lines: list[int] = []
    parts: list[str] = []
    current = 1
    for snippet in snippets:
        joined_lines.append(current)
        parts.append(snippet.text)
        current += snippet.text.count("\n") + 1
    tree = _parse("\n".join(parts))
    if tree is None or len(tree.body) < len(snippets):
        return None
    lines = _lines(text)
    found = []
    for node in tree.body:
        if not isinstance(node, (ast.Import, ast.ImportFrom)):
            return None  # the line was not an import after all: let the full parse decide
        index = bisect.bisect_right(joined_lines, node.lineno) - 1
        found.append(_moved(node, snippets[index], joined_lines[index], lines))
    return tuple(found)


def _alone(text: str, snippet: _Snippet) -> RawImport | None:
    """One snippet parsed on its own (for a file that does not parse as a whole)."""
    tree = _parse(snippet.text)
    if tree is None or not tree.body or not isinstance(tree.body[0], (ast.Import, ast.ImportFrom)):
        return None
    return _moved(tree.body[0], snippet, 1, _lines(text))


def _moved(
    node: ast.Import | ast.ImportFrom, snippet: _Snippet, first: int, lines: list[str] | None
) -> RawImport:
    """A node of a snippet that starts on line `first`, placed back where the file has it."""
    end_lineno = node.end_lineno or node.lineno
    end_offset = node.end_col_offset if node.end_col_offset is not None else 0
    start = (
        snippet.line + node.lineno - first,
        node.col_offset + (snippet.indent if node.lineno == first else 0),
    )
    end = (
        snippet.line + end_lineno - first,
        end_offset + (snippet.indent if end_lineno == first else 0),
    )
    return _located(node, start, end, False, lines)


def _snippets(text: str, strict: bool) -> list[_Snippet] | None:
    """Every statement that starts a line with `import` or `from`, outside strings.

    When `strict`, None if an import does not start its line (only a full parse places it);
    otherwise such imports are skipped.
    """
    padded = "\n" + text  # so an import on line 1 follows a newline like every other
    snippets: list[_Snippet] = []
    position, line, counted = 0, 0, 0
    # Every import statement holds the word `import`, so none starts after its last
    # occurrence: on the standard library that spares scanning 45 % of the text.
    last = padded.rfind("import")
    if last < 0:
        return snippets
    length = min(len(padded), last + len(" import"))
    while True:
        match = _SKIP.match(padded, position, length)
        position = match.end() if match else position
        if position >= length:
            return snippets
        if padded[position] != "\n":
            if strict and padded[position] in ":;":
                return None  # an import after `:` or `;`
            position += 1  # that, or a lone backslash at the end of the file
            continue
        line += padded.count("\n", counted, position + 1)
        counted = position + 1
        start = position + 1
        indent = _INDENT.match(padded, start)
        keyword = indent.end() if indent else start
        end = _statement_end(padded, keyword)
        body = padded[keyword:end]
        snippets.append(_Snippet(line, keyword - start, body))
        position = end


def _statement_end(text: str, start: int) -> int:
    """The end of the import statement at `start`: its line, plus continuation lines."""
    depth = 0
    position = start
    while True:
        newline = text.find("\n", position)
        if newline < 0:
            newline = len(text)
        code = text[position:newline]
        hash_at = code.find("#")
        if hash_at >= 0:
            code = code[:hash_at]  # import statements hold no strings, so # starts a comment
        depth += code.count("(") - code.count(")")
        continued = code.rstrip().endswith("\\")
        if newline >= len(text) or (depth <= 0 and not continued):
            return newline
        position = newline + 1
