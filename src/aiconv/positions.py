"""Where nodes are, computed only for the nodes a rule reports, at the cost of one codegen.

libcst's PositionProvider computes a line and column for every node of the tree, splitting
every token on newlines: about twice the cost of parsing. A file with violations needs the
positions of a handful of nodes, so this replays the same code generation keeping only a
running character offset, records the nodes' offsets (with the same syntactic-position rules
as PositionProvider), and turns the few offsets that are needed into lines and columns.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from contextlib import contextmanager

import libcst as cst
from libcst._nodes.internal import CodegenState
from libcst.metadata import CodePosition, CodeRange


class _OffsetState(CodegenState):
    """Code generation that tracks a character offset instead of building lines."""

    def __init__(self, module: cst.Module) -> None:
        super().__init__(
            default_indent=module.default_indent, default_newline=module.default_newline
        )
        self.offset = 0
        self.last = 0
        self.ranges: dict[cst.CSTNode, tuple[int, int]] = {}
        self.stack: list[int] = []

    def add_indent_tokens(self) -> None:
        for token in self.indent_tokens:
            self.offset += len(token)

    def add_token(self, value: str) -> None:
        self.offset += len(value)
        self.last = len(value)

    def pop_trailing_newline(self) -> None:
        """The module drops its last newline token (see CodegenState)."""
        self.offset -= self.last

    def before_codegen(self, node: cst.CSTNode) -> None:
        self.stack.append(self.offset)

    def after_codegen(self, node: cst.CSTNode) -> None:
        start = self.stack.pop()
        if node not in self.ranges:
            self.ranges[node] = (start, self.offset)

    @contextmanager
    def record_syntactic_position(
        self,
        node: cst.CSTNode,
        *,
        start_node: cst.CSTNode | None = None,
        end_node: cst.CSTNode | None = None,
    ) -> Iterator[None]:
        start = self.offset
        try:
            yield
        finally:
            end = self.offset
            if start_node is not None:
                start = self.ranges[start_node][0]
            if end_node is not None:
                end = self.ranges[end_node][1]
            self.ranges[node] = (start, end)


class Positions:
    """Offsets of every node of one module, and lines and columns on request."""

    def __init__(self, module: cst.Module, text: str) -> None:
        state = _OffsetState(module)
        module._codegen(state)
        self.ranges = state.ranges
        self.text = text
        self.line_starts = [0]
        for index, char in enumerate(text):
            if char == "\n" or (char == "\r" and text[index + 1 : index + 2] != "\n"):
                self.line_starts.append(index + 1)

    def location(self, offset: int) -> tuple[int, int]:
        """(line, column), both 1-based, of a character offset into the text."""
        line = bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def span(self, node: cst.CSTNode) -> tuple[int, int]:
        """The node's syntactic start and end offsets."""
        return self.ranges[node]

    def code_range(self, node: cst.CSTNode) -> CodeRange:
        """The node's range as libcst's PositionProvider gives it (columns 0-based)."""
        start, end = self.ranges[node]
        (start_line, start_column), (end_line, end_column) = (
            self.location(start),
            self.location(end),
        )
        return CodeRange(
            CodePosition(start_line, start_column - 1), CodePosition(end_line, end_column - 1)
        )
