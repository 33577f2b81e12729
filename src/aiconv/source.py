"""One file's text: bytes in, decoded text out, with what is needed to write it back unchanged."""

from __future__ import annotations

import codecs
import io
import re
import tokenize
from dataclasses import dataclass

PYTHON_SUFFIXES = (".py", ".pyi")
# PEP 263: a comment on line 1 or 2 matching this declares the file's encoding.
_CODING = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*[-\w.]+", re.MULTILINE)


@dataclass(frozen=True)
class Source:
    """A decoded Python file: its text and how to encode it back byte-for-byte."""

    path: str
    text: str
    encoding: str  # "utf-8-sig" when the file starts with a BOM, so encoding restores it

    def encode(self, text: str) -> bytes:
        """`text` in this file's encoding (and BOM)."""
        return text.encode(self.encoding)


class Undecodable(Exception):
    """The bytes are not text in the declared (or default UTF-8) encoding; the message says why."""


def _declares_encoding(data: bytes) -> bool:
    first_two = b"\n".join(data.split(b"\n", 2)[:2])
    return _CODING.search(first_two) is not None


def is_python(path: str) -> bool:
    """True for the files the source rules read."""
    return path.endswith(PYTHON_SUFFIXES)


def decode(path: str, data: bytes) -> Source:
    """Decode a Python file as Python does (BOM, PEP 263 coding line, else UTF-8)."""
    if b"\0" in data[:8192]:
        raise Undecodable("binary file (it holds NUL bytes), not Python source")
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as error:
        if _declares_encoding(data):
            raise Undecodable(f"{error.msg}; fix or remove the coding declaration") from None
        # No declaration: the first lines are not UTF-8, and decoding says where and how to fix.
        encoding = "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        if encoding in ("utf-8", "utf-8-sig"):
            raise Undecodable(
                f"not valid UTF-8 (byte 0x{data[error.start]:02x} on line {line}); re-save the "
                "file as UTF-8 or declare its encoding, e.g. `# -*- coding: latin-1 -*-`"
            ) from None
        raise Undecodable(
            f"not valid {encoding} (byte 0x{data[error.start]:02x} on line "
            f"{line}) although the file declares it; fix the declaration or "
            "re-save the file in that encoding"
        ) from None
    if "\0" in text:
        raise Undecodable("binary file (it holds NUL characters), not Python source")
    return Source(path, text, encoding)
