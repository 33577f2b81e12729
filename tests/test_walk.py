"""The fast read-only walk visits exactly what libcst's own visitor visits, in the same order."""

from __future__ import annotations

import sysconfig
from pathlib import Path

import libcst as cst
import pytest

from aiconv.walk import Dispatch

STDLIB = Path(sysconfig.get_paths()["stdlib"])
EVERY_FORM = '''
@decorator(arg=1)
async def f[T](a, /, b: int = 2, *args, c, d=3, **kwargs) -> T:
    """Docstring."""  # comment
    x = y if (z := a) else [i for i in range(b) if i]
    async with ctx() as (p, q), other:
        match x:
            case [1, *rest] if rest: pass
            case {"k": v, **more}: pass
            case Point(x=0) | None: pass
    try:
        del x[1:2:3], y.attr
    except* ValueError as error:
        raise KeyError from error
    finally:
        lambda m, *n: (m, n)
    return f"{a!r:>{b}} {c=}" "tail"
class C(Base, metaclass=M):
    attr: int = 1
    global g
type Alias = list[int]
'''


def _libcst_order(module: cst.Module) -> list[tuple[str, int]]:
    seen: list[tuple[str, int]] = []

    class Recorder(cst.CSTVisitor):
        def on_visit(self, node: cst.CSTNode) -> bool:
            seen.append(("visit", id(node)))
            return True

        def on_leave(self, original_node: cst.CSTNode) -> None:
            seen.append(("leave", id(original_node)))

    module.visit(Recorder())
    return seen


class _Everything(dict):  # type: ignore[type-arg]
    """A dispatch table that answers every node type with one recorder."""

    def __init__(self, seen: list[tuple[str, int]], kind: str) -> None:
        super().__init__()
        self.method = lambda node: seen.append((kind, id(node)))

    def get(self, key: object, default: object = None) -> object:
        return (self.method,)


def _our_order(module: cst.Module) -> list[tuple[str, int]]:
    seen: list[tuple[str, int]] = []
    Dispatch(_Everything(seen, "visit"), _Everything(seen, "leave")).walk(module)
    return seen


def test_every_syntax_form_is_walked_in_libcst_order() -> None:
    module = cst.parse_module(EVERY_FORM)
    assert _our_order(module) == _libcst_order(module)


@pytest.mark.parametrize("package", ["email", "json", "asyncio", "unittest"])
def test_the_standard_library_is_walked_in_libcst_order(package: str) -> None:
    for path in sorted((STDLIB / package).rglob("*.py")):
        module = cst.parse_module(path.read_bytes())
        assert _our_order(module) == _libcst_order(module), path
