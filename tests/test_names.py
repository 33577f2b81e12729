"""names.py: a callee's fully qualified name through every import form, scopes and shadowing."""

from __future__ import annotations

import textwrap

import libcst as cst
import pytest

from aiconv.names import HOLE, ImportTable, ScopeTracker, module_name


class _Callees(cst.CSTVisitor):
    """Records the qualified name of every call's callee, in source order, the way a rule would."""

    def __init__(self, table: ImportTable) -> None:
        super().__init__()
        self.tracker = ScopeTracker(table)
        self.found: list[str | None] = []

    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> None:
        self.tracker.enter(node)

    def leave_IndentedBlock(self, original_node: cst.IndentedBlock) -> None:
        self.tracker.leave(original_node)

    def visit_SimpleStatementSuite(self, node: cst.SimpleStatementSuite) -> None:
        self.tracker.enter(node)

    def leave_SimpleStatementSuite(self, original_node: cst.SimpleStatementSuite) -> None:
        self.tracker.leave(original_node)

    def visit_Call(self, node: cst.Call) -> None:
        self.found.append(self.tracker.qualified(node.func))


def callees(source: str, module: str = "", package: str = "") -> list[str | None]:
    """The qualified callee of every call in `source`, in order."""
    tree = cst.parse_module(textwrap.dedent(source))
    visitor = _Callees(ImportTable.build(tree, module, package))
    tree.visit(visitor)
    return visitor.found


def table_and_expr(source: str, expression: str) -> tuple[ImportTable, cst.BaseExpression]:
    tree = cst.parse_module(textwrap.dedent(source))
    return ImportTable.build(tree), cst.parse_expression(expression)


@pytest.mark.parametrize(
    "source,expected",
    [
        ("import datasets\ndatasets.load_dataset('x')\n", "datasets.load_dataset"),
        ("import datasets as hfd\nhfd.load_dataset('x')\n", "datasets.load_dataset"),
        ("from datasets import load_dataset as ld\nld('x')\n", "datasets.load_dataset"),
        ("from huggingface_hub import hf_hub_download\nhf_hub_download('x')\n",
         "huggingface_hub.hf_hub_download"),
        ("import dvc.api\ndvc.api.open('x')\n", "dvc.api.open"),
        ("import dvc.api as dapi\ndapi.read('x')\n", "dvc.api.read"),
        ("from torch import manual_seed as ms\nms(0)\n", "torch.manual_seed"),
        ("import numpy as np\nnp.random.rand()\n", "numpy.random.rand"),
        ("from numpy.random import rand\nrand()\n", "numpy.random.rand"),
        ("from numpy import random\nrandom.rand()\n", "numpy.random.rand"),
    ],
    ids=["import", "import-as", "from-import-as", "from-import", "import-dotted",
         "import-dotted-as", "from-import-as-torch", "attribute-chain", "from-submodule",
         "from-package-import-module"],
)  # fmt: skip
def test_every_import_form_resolves_to_the_fully_qualified_name(source: str, expected: str) -> None:
    assert callees(source) == [expected]


def test_a_name_that_nothing_binds_resolves_to_none() -> None:
    assert callees("load_dataset('x')\nprint(1)\n") == [None, None]


def test_an_import_inside_a_function_applies_within_it_only() -> None:
    source = """
        def a():
            from datasets import load_dataset
            return load_dataset("x")

        def b():
            return load_dataset("y")
    """
    assert callees(source) == ["datasets.load_dataset", None]


def test_a_module_import_is_seen_inside_functions_and_methods() -> None:
    source = """
        import datasets

        class Data:
            def load(self):
                return datasets.load_dataset("x")
    """
    assert callees(source) == ["datasets.load_dataset"]


def test_a_local_def_of_the_same_name_is_not_the_librarys() -> None:
    source = """
        from datasets import load_dataset

        def load_dataset(name):
            return name

        load_dataset("x")
    """
    assert callees(source) == [None]


def test_a_module_level_def_resolves_to_its_own_module() -> None:
    assert callees("def load_table():\n    pass\nload_table()\n", module="acme.data") == [
        "acme.data.load_table"
    ]


def test_an_assignment_to_the_imported_name_shadows_it() -> None:
    source = """
        from datasets import load_dataset
        load_dataset = make_loader()
        load_dataset("x")
    """
    assert callees(source) == [None, None]


def test_a_parameter_shadows_the_module_import_within_its_function() -> None:
    source = """
        from datasets import load_dataset

        def run(load_dataset):
            return load_dataset("x")

        load_dataset("y")
    """
    assert callees(source) == [None, "datasets.load_dataset"]


def test_a_loop_target_shadows_an_import() -> None:
    source = """
        import datasets
        for datasets in groups:
            datasets.load_dataset("x")
    """
    assert callees(source) == [None]


def test_none_as_the_fallback_of_an_optional_import_keeps_the_library() -> None:
    source = """
        try:
            from datasets import load_dataset
        except ImportError:
            load_dataset = None
        load_dataset("x")
    """
    assert callees(source) == ["datasets.load_dataset"]


def test_two_different_imports_of_one_name_resolve_to_none() -> None:
    source = """
        if fast:
            from ujson import loads
        else:
            from json import loads
        loads("{}")
    """
    assert callees(source) == [None]


def test_an_assignment_from_a_library_function_is_an_alias_of_it() -> None:
    source = """
        import datasets
        ld = datasets.load_dataset
        ld("x")
    """
    assert callees(source) == ["datasets.load_dataset"]


def test_a_method_of_an_object_a_library_call_returned_reads_with_parentheses() -> None:
    source = """
        import wandb
        api = wandb.Api()
        api.artifact("x")
    """
    assert callees(source) == ["wandb.Api", "wandb.Api().artifact"]


def test_a_name_assigned_through_itself_does_not_loop() -> None:
    assert callees("x = x.f()\nx.g()\n") == [None, None]


def test_class_level_names_are_not_visible_in_methods() -> None:
    source = """
        class Data:
            from datasets import load_dataset

            def load(self):
                return load_dataset("x")

            loaded = load_dataset("y")
    """
    assert callees(source) == [None, "datasets.load_dataset"]


def test_a_global_declaration_binds_in_the_module() -> None:
    source = """
        def setup():
            global load
            from datasets import load_dataset as load

        def run():
            return load("x")
    """
    assert callees(source) == ["datasets.load_dataset"]


def test_decorators_and_defaults_resolve_in_the_enclosing_scope() -> None:
    source = """
        import hydra

        @hydra.main()
        def main(hydra=hydra.compose()):
            return hydra.run()
    """
    assert callees(source) == ["hydra.main", "hydra.compose", None]


def test_a_one_line_function_body_is_its_own_scope() -> None:
    source = """
        import datasets
        def f(datasets): return datasets.load_dataset("x")
        datasets.load_dataset("y")
    """
    assert callees(source) == [None, "datasets.load_dataset"]


def test_relative_imports_resolve_against_the_files_package() -> None:
    source = """
        from .data import load_table
        from .. import utils
        load_table()
        utils.seed()
    """
    assert callees(source, "acme.training.train", "acme.training") == [
        "acme.training.data.load_table",
        "acme.utils.seed",
    ]


def test_a_relative_import_without_a_package_matches_nothing_real() -> None:
    assert callees("from .data import load_table\nload_table()\n") == [".data.load_table"]


def test_a_star_import_names_what_nothing_else_binds() -> None:
    assert callees("from dvc.api import *\nopen('x')\n") == ["dvc.api.open"]


@pytest.mark.parametrize(
    "path,expected",
    [
        ("src/acme/data.py", ("acme.data", "acme")),
        ("src/acme/__init__.py", ("acme", "acme")),
        ("scripts/train.py", ("scripts.train", "scripts")),
        ("train.py", ("train", "")),
        ("notes/readme.md", ("", "")),
        ("src/my-package/x.py", ("", "")),
    ],
)
def test_a_files_module_name_is_its_path_under_the_first_root_holding_it(
    path: str, expected: tuple[str, str]
) -> None:
    assert module_name(path, ("src", ".")) == expected


def test_a_file_outside_every_source_root_has_no_module_name() -> None:
    assert module_name("scripts/train.py", ("src",)) == ("", "")


def test_value_follows_a_module_constant_to_its_literal() -> None:
    table, expr = table_and_expr("REVISION = 'main'\n", "REVISION")
    value = table.value(expr)
    assert isinstance(value, cst.SimpleString) and value.value == "'main'"


def test_value_of_a_constant_assigned_twice_is_the_name_itself() -> None:
    table, expr = table_and_expr("REVISION = 'main'\nREVISION = 'v2'\n", "REVISION")
    assert table.value(expr) is expr


def test_value_does_not_follow_a_function_local_variable() -> None:
    tree = cst.parse_module("def f():\n    rev = 'main'\n    load(rev)\n")
    table = ImportTable.build(tree)
    function = tree.body[0]
    assert isinstance(function, cst.FunctionDef)
    scope = table.scope_of(function.body)
    name = cst.Name("rev")
    assert scope is not None and table.value(name, scope) is name


@pytest.mark.parametrize(
    "expression,expected",
    [
        ('"hf://datasets/acme/x"', "hf://datasets/acme/x"),
        ('"hf://datasets/" "acme/x"', "hf://datasets/acme/x"),
        ('f"hf://datasets/acme/{name}@{rev}"', f"hf://datasets/acme/{HOLE}@{HOLE}"),
        ('f"{{literal}} {x}"', "{literal} " + HOLE),
        ('"s3://bucket/" + key + ".csv"', f"s3://bucket/{HOLE}.csv"),
        ("BASE + '/train.csv'", "hf://datasets/acme/x/train.csv"),
        ('b"bytes"', None),
        ("42", None),
        ("a + b", None),
    ],
)  # fmt: skip
def test_template_reads_string_expressions_with_holes_for_run_time_parts(
    expression: str, expected: str | None
) -> None:
    table, expr = table_and_expr("BASE = 'hf://datasets/acme/x'\n", expression)
    assert table.template(expr) == expected


def test_template_can_leave_constants_as_holes() -> None:
    table, expr = table_and_expr("BASE = 'hf://datasets/acme/x'\n", "BASE + '/train.csv'")
    assert table.template(expr, constants=False) == HOLE + "/train.csv"


def test_the_table_of_the_same_tree_is_built_once() -> None:
    tree = cst.parse_module("import datasets\n")
    assert ImportTable.of(tree, "m") is ImportTable.of(tree, "m")
    assert ImportTable.of(tree, "m") is not ImportTable.of(cst.parse_module("import datasets\n"))
