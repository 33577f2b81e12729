"""The import graph as pure data: extracting import statements, naming modules, resolving edges.

No filesystem: a project is a few `SourceFile`s, as import-linter tests its domain.
"""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aiconv import contracts
from aiconv.config import Boundaries, Contract, Entry
from aiconv.graph import ImportGraph, SourceFile, module_name
from aiconv.importscan import RawImport, scan, scan_ast


def _imports(text: str) -> list[tuple[int, int, str]]:
    """(line, column, what) for each statement found by the quick scanner."""
    found = scan(textwrap.dedent(text).lstrip("\n"))
    return [
        (
            i.line,
            i.column,
            ("from " + "." * i.level + i.module if i.is_from else "import")
            + " "
            + ",".join(i.names),
        )
        for i in found
    ]


def _graph(files: dict[str, str], roots: tuple[str, ...] = ("src", ".")) -> ImportGraph:
    sources = []
    for path, text in files.items():
        module, package = module_name(path, roots)
        sources.append(SourceFile(path, module, package, scan(textwrap.dedent(text))))
    return ImportGraph(sources)


def _edges(graph: ImportGraph, path: str) -> list[tuple[int, str]]:
    return [(edge.line, edge.imported) for edge in graph.imports_in(path)]


# ---------------------------------------------------------------------------- extraction


def test_an_import_is_located_at_its_keyword_with_one_based_columns() -> None:
    assert _imports("import os\ndef f():\n    from a.b import c\n") == [
        (1, 1, "import os"),
        (3, 5, "from a.b c"),
    ]


def test_lines_that_look_like_imports_inside_strings_are_not_imports() -> None:
    text = '''
        """Usage:
        import secret_dependency
        """
        x = """
        from nowhere import thing"""
        import real
    '''
    assert _imports(text) == [(6, 1, "import real")]


def test_a_parenthesized_import_with_comments_is_one_statement() -> None:
    text = "from a import (  # (note)\n    b,  # )\n    c,\n)\nimport d\n"
    assert _imports(text) == [(1, 1, "from a b,c"), (5, 1, "import d")]


def test_a_backslash_continued_import_is_one_statement() -> None:
    assert _imports("import a, \\\n    b\nimport c\n") == [(1, 1, "import a,b"), (3, 1, "import c")]


def test_imports_after_a_colon_or_semicolon_are_found() -> None:
    text = "try: import fast\nexcept ImportError: import slow\nx = 1; import y\n"
    assert _imports(text) == [(1, 6, "import fast"), (2, 21, "import slow"), (3, 8, "import y")]


def test_relative_imports_keep_their_level() -> None:
    assert _imports("from . import x\nfrom ..pkg.sub import y\n") == [
        (1, 1, "from . x"),
        (2, 1, "from ..pkg.sub y"),
    ]


def test_columns_count_characters_not_bytes() -> None:
    assert _imports('s = "é"; import os\n') == [(1, 10, "import os")]


def test_a_file_that_does_not_parse_keeps_the_import_statements_that_do() -> None:
    assert _imports("import os\nfrom broken import (\ndef f(:\n") == [(1, 1, "import os")]


def test_the_type_checking_body_is_marked_but_not_its_else_or_a_compound_condition() -> None:
    text = """
        import typing
        if typing.TYPE_CHECKING:
            import only_for_types
        else:
            import at_run_time
        if TYPE_CHECKING or DEBUG:
            import compound
    """
    marked = [(i.names[0], i.type_checking) for i in scan(textwrap.dedent(text).lstrip())]
    assert marked == [
        ("typing", False),
        ("only_for_types", True),
        ("at_run_time", False),
        ("compound", False),
    ]


FRAGMENTS = [
    "import a\n",
    "import a.b as c, d\n",
    "from . import x\n",
    "from ..p import (q,\n  r)\n",
    "from m import *\n",
    '"""doc\nimport not_me\n"""\n',
    "x = 'import s'  # from t import u\n",
    "def f():\n    import inner\n",
    "try:\n    import t\nexcept ImportError:\n    pass\n",
    "if TYPE_CHECKING:\n    import tc\nelse:\n    import rt\n",
    "y = 1; import semi\n",
    "s = '''\nfrom fake import z'''\n",
    "r = r'\\''\n",
    "z = (\n    1)\n",
    "\n",
    "import e, \\\n    f\n",
    'b = b\'"""\'\nimport after_bytes\n',
    "c = 'é'\n",
    "class K:\n    from k import v\n",
    "if x: import onliner\n",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=8), st.booleans())
def test_the_quick_scanner_agrees_with_a_full_parse(parts: list[str], crlf: bool) -> None:
    text = "".join(parts)
    if crlf:
        text = text.replace("\n", "\r\n")
    assert scan(text) == scan_ast(text)


# ---------------------------------------------------------------------------- module names


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("src/acme/train.py", ("acme.train", False)),
        ("src/acme/__init__.py", ("acme", True)),
        ("scripts/run.py", ("scripts.run", False)),
        ("my-scripts/run.py", (None, False)),
        ("setup.py", ("setup", False)),
    ],
)
def test_a_file_is_named_by_the_first_root_that_holds_it(
    path: str, expected: tuple[str | None, bool]
) -> None:
    assert module_name(path, ("src", ".")) == expected


def test_a_file_outside_every_root_is_a_script() -> None:
    assert module_name("scripts/run.py", ("src",)) == (None, False)


# ---------------------------------------------------------------------------- resolution


def test_from_package_import_submodule_is_an_edge_to_the_submodule() -> None:
    graph = _graph({"src/a/__init__.py": "", "src/a/b.py": "", "src/x.py": "from a import b\n"})
    assert _edges(graph, "src/x.py") == [(1, "a.b")]


def test_from_package_import_name_is_an_edge_to_the_package() -> None:
    graph = _graph({"src/a/__init__.py": "", "src/x.py": "from a import helper\n"})
    assert _edges(graph, "src/x.py") == [(1, "a")]


def test_import_dotted_is_an_edge_to_the_deepest_module() -> None:
    graph = _graph({"src/a/b/c.py": "", "src/x.py": "import a.b.c\n"})
    assert _edges(graph, "src/x.py") == [(1, "a.b.c")]


def test_a_folder_without_init_is_a_package() -> None:
    graph = _graph({"src/a/b/c.py": "", "src/x.py": "from a import b\n"})
    assert graph.exists("a") and graph.exists("a.b")
    assert _edges(graph, "src/x.py") == [(1, "a.b")]


def test_relative_imports_resolve_against_the_importing_module() -> None:
    graph = _graph(
        {
            "src/a/__init__.py": "from . import b\n",
            "src/a/b.py": "",
            "src/a/x/__init__.py": "",
            "src/a/x/y.py": "from ..b import thing\nfrom . import z\n",
            "src/a/x/z.py": "",
        }
    )
    assert _edges(graph, "src/a/__init__.py") == [(1, "a.b")]
    assert _edges(graph, "src/a/x/y.py") == [(1, "a.b"), (2, "a.x.z")]


def test_an_external_from_import_lists_its_names_as_possible_submodules() -> None:
    graph = _graph({"src/x.py": "from torch import distributed, nn\n"})
    [edge] = graph.imports_in("src/x.py")
    assert (edge.imported, edge.external, edge.names) == (
        "torch",
        True,
        ("torch.distributed", "torch.nn"),
    )


def test_a_script_imports_project_modules_but_has_no_module_name() -> None:
    graph = _graph({"src/a.py": "", "tools/run.py": "import a\n"}, roots=("src",))
    [edge] = graph.imports_in("tools/run.py")
    assert (edge.importer, edge.imported) == ("", "a")


def test_dynamic_imports_are_not_edges() -> None:
    graph = _graph(
        {
            "src/a.py": "",
            "src/x.py": "import importlib\nimportlib.import_module('a')\n__import__('a')\n",
        }
    )
    assert _edges(graph, "src/x.py") == [(1, "importlib")]


def test_a_module_importing_itself_has_no_edge() -> None:
    graph = _graph({"src/a/__init__.py": "from . import helper\n"})
    assert graph.imports_in("src/a/__init__.py") == ()


def test_raw_imports_compare_by_value() -> None:
    assert RawImport(1, 1, 1, 10, False, 0, "", ("os",)) == scan("import os\n")[0]


# ---------------------------------------------------------------------------- contracts


def test_contracts_are_checked_on_an_in_memory_graph() -> None:
    graph = _graph(
        {
            "src/acme/training/loop.py": "from acme.utils import io\n",
            "src/acme/utils/io.py": "import json\n\nfrom acme.serving import api\n",
            "src/acme/serving/api.py": "",
        }
    )
    contract = Contract(
        "no serving", "forbidden", source=("acme.training",), target=("acme.serving",)
    )
    [breach] = contracts.check(graph, Boundaries(contracts=(contract,))).breaches
    assert (breach.edge.path, breach.edge.line, breach.target) == (
        "src/acme/training/loop.py",
        1,
        "acme.serving",
    )
    assert breach.chain_text() == (
        "acme.training.loop -> acme.utils.io (l.1) -> acme.serving.api (l.3)"
    )


def test_an_ignore_entry_that_matches_nothing_is_unused() -> None:
    graph = _graph({"src/a/x.py": "import b.y\n", "src/b/y.py": ""})
    used, unused = Entry("a.x -> b.y", 7), Entry("a.* -> b.z", 8)
    contract = Contract("c", "forbidden", source=("a",), target=("b",), ignore=(used, unused))
    outcome = contracts.check(graph, Boundaries(contracts=(contract,)))
    assert outcome.breaches == ()
    assert [item.entry for item in outcome.unused] == [unused]
