"""AIC101–AIC103 through the real CLI: which names, paths and comments are reported, and where."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest
from conftest import GLOSSARY, run, write

# -- helpers


def violations(project: Path, args: list[str]) -> list[dict[str, Any]]:
    result = run(["lint", "--format", "json", "--no-cache", *args], project)
    assert result.exit_code in (0, 1), result.stderr
    return list(result.json()["violations"])


def names(project: Path, source: str, *args: str) -> list[tuple[str, int, int]]:
    """(code, line, column) of AIC101 reports on `source` saved as model.py."""
    write(project, {"model.py": source})
    found = violations(project, ["--select", "AIC101", *args, "model.py"])
    return [(v["code"], v["line"], v["column"]) for v in found]


def messages(project: Path, source: str) -> list[str]:
    write(project, {"model.py": source})
    return [v["message"] for v in violations(project, ["--select", "AIC101", "model.py"])]


# -- AIC101: every kind of definition

DEFINITIONS = {
    "function": ("def load_ds():\n    pass\n", 1, 5),
    "class": ("class DsLoader:\n    pass\n", 1, 7),
    "parameter": ("def fit(model, train_ds):\n    pass\n", 1, 16),
    "positional-only parameter": ("def fit(ds, /):\n    pass\n", 1, 9),
    "keyword-only parameter": ("def fit(*, lr=0.1):\n    pass\n", 1, 12),
    "*args": ("def fit(*ckpts):\n    pass\n", 1, 10),
    "**kwargs": ("def fit(**hparams):\n    pass\n", 1, 11),
    "lambda parameter": ("scale = lambda lr: lr * 2\n", 1, 16),
    "assignment": ("x = 1\ntrain_ds = x\n", 2, 1),
    "chained assignment": ("a = val_ds = 1\n", 1, 5),
    "tuple unpacking": ("a, (b, val_ds) = items\n", 1, 8),
    "starred": ("first, *rest_ds = items\n", 1, 9),
    "annotated": ("base_lr: float = 0.1\n", 1, 1),
    "annotation only": ("base_lr: float\n", 1, 1),
    "augmented": ("total_ckpts += 1\n", 1, 1),
    "for": ("for ckpt in paths:\n    pass\n", 1, 5),
    "comprehension": ("sizes = [len(ds) for ds in parts]\n", 1, 22),
    "with-as": ("with open(p) as ckpt_file:\n    pass\n", 1, 17),
    "except-as": ("try:\n    pass\nexcept OSError as ckpt_error:\n    pass\n", 3, 19),
    "walrus": ("if (ds := load()):\n    pass\n", 1, 5),
    "walrus in a comprehension": ("ys = [(last_ds := y) for y in items]\n", 1, 8),
    "self attribute": ("class T:\n    def __init__(self):\n        self.best_ckpt = None\n", 3, 14),
    "annotated self attribute": (
        "class T:\n    def go(self):\n        self.lr: float = 1\n",
        3,
        14,
    ),
    "import alias": ("import datasets as ds\n", 1, 20),
    "from-import alias": ("from torch.optim import lr_scheduler as lr_sched\n", 1, 41),
    "match capture": ("match item:\n    case [ds, _]:\n        pass\n", 2, 11),
    "match star": ("match item:\n    case [first, *ds_rest]:\n        pass\n", 2, 19),
    "match mapping rest": ("match item:\n    case {'k': v, **ds_rest}:\n        pass\n", 2, 21),
    "match as": ("match item:\n    case Loader() as ds:\n        pass\n", 2, 22),
}


@pytest.mark.parametrize("source,line,column", DEFINITIONS.values(), ids=DEFINITIONS.keys())
def test_a_definition_holding_an_avoided_word_is_reported_at_its_name(
    project: Path, source: str, line: int, column: int
) -> None:
    assert names(project, source) == [("AIC101", line, column)]


# -- AIC101: what is not a definition of this file

NOT_DEFINITIONS = {
    "reference": "print(ds)\n",
    "attribute read": "size = batch.ds\n",
    "another object's attribute": "batch.ds = 1\n",
    "keyword argument of a call": "opt = AdamW(params, lr=1e-3)\n",
    "from-import without alias": "from acme.data import ds\n",
    "import without alias": "import ds\n",
    "dotted import": "import ds.loaders\n",
    "re-export under the same name": "from acme.data import ds as ds\n",
    "string literal": "name = 'ds'\n",
    "dictionary key": "config = {'lr': 1, 'ds': 2}\n",
    "subscript target": "config['lr'] = 1\n",
    "deletion": "del ds\n",
    "class keyword": "class A(Base, ds=1):\n    pass\n",
    "match keyword pattern": "match x:\n    case Loader(ds=1):\n        pass\n",
}


@pytest.mark.parametrize("source", NOT_DEFINITIONS.values(), ids=NOT_DEFINITIONS.keys())
def test_a_name_this_file_does_not_define_is_never_reported(project: Path, source: str) -> None:
    assert names(project, source) == []


# -- AIC101: words, plurals, entries


def test_words_split_at_case_changes_and_digits(project: Path) -> None:
    assert messages(project, "trainDS2 = 1\n") == [
        '`trainDS2` holds the avoided word "DS" (the glossary says "dataset"): '
        "rename it to `trainDataset2`"
    ]


def test_an_uppercase_run_ends_before_the_next_capitalised_word(project: Path) -> None:
    write(project, {"pyproject.toml": '[tool.aiconv.terminology.terms]\nhost = ["server"]\n'})
    assert messages(project, "HTTPServer = 1\n") == [
        '`HTTPServer` holds the avoided word "Server" (the glossary says "host"): '
        "rename it to `HTTPHost`"
    ]


@pytest.mark.parametrize("name", ["ads", "lrucache", "d", "dataset", "bds"])
def test_a_word_that_merely_contains_an_avoided_word_is_not_reported(
    project: Path, name: str
) -> None:
    assert names(project, f"{name} = 1\n") == []


@pytest.mark.parametrize(
    "name,suggestion",
    [
        ("ckpts", "checkpoints"),
        ("hparam", "hyperparameter"),
        ("data_sets", "datasets"),
        ("dataSet", "dataset"),
        ("HYPER_PARAMS", "HYPERPARAMETERS"),
    ],
)
def test_plurals_and_multi_word_entries_are_matched(
    project: Path, name: str, suggestion: str
) -> None:
    [message] = messages(project, f"{name} = 1\n")
    assert message.endswith(f"rename it to `{suggestion}`")


@pytest.mark.parametrize(
    "name,suggestion",
    [
        ("train_ds", "train_dataset"),
        ("trainDs", "trainDataset"),
        ("MAX_LR", "MAX_LEARNING_RATE"),
        ("lr", "learning_rate"),
        ("CkptManager", "CheckpointManager"),
    ],
)
def test_the_suggestion_keeps_the_names_style(project: Path, name: str, suggestion: str) -> None:
    [message] = messages(project, f"{name} = 1\n")
    assert message.endswith(f"rename it to `{suggestion}`")


def test_the_message_names_the_avoided_word_the_name_the_term_and_the_suggestion(
    project: Path,
) -> None:
    assert messages(project, "ds_lr = 1\n") == [
        '`ds_lr` holds the avoided words "ds" (the glossary says "dataset") and "lr" (the '
        'glossary says "learning_rate"): rename it to `dataset_learning_rate`'
    ]


def test_the_message_adds_the_terms_definition(project: Path) -> None:
    write(
        project,
        {
            "pyproject.toml": GLOSSARY
            + '[tool.aiconv.terminology.definitions]\ndataset = "A versioned collection."\n'
        },
    )
    [message] = messages(project, "train_ds = 1\n")
    assert message.endswith("rename it to `train_dataset` (dataset: A versioned collection.)")


def test_an_allowed_name_is_not_reported(project: Path) -> None:
    write(project, {"pyproject.toml": GLOSSARY + '[tool.aiconv.terminology]\nallow = ["lr"]\n'})
    assert names(project, "lr = 1\nbase_lr = 2\n") == [("AIC101", 2, 1)]


def test_an_allowed_attribute_is_written_with_self(project: Path) -> None:
    write(
        project, {"pyproject.toml": GLOSSARY + '[tool.aiconv.terminology]\nallow = ["self.ds"]\n'}
    )
    source = "class T:\n    def go(self):\n        self.ds = 1\n"
    assert names(project, source) == []


def test_without_a_glossary_nothing_is_reported(tmp_path: Path) -> None:
    write(tmp_path, {"pyproject.toml": "[tool.aiconv]\n"})
    assert names(tmp_path, "train_ds = 1\n") == []


# -- AIC101: once per name and scope, at the first definition


def test_a_name_defined_twice_in_a_scope_is_reported_once_at_the_first(project: Path) -> None:
    source = "x = 0\nfor ds in parts:\n    pass\nds = 1\nds = 2\n"
    assert names(project, source) == [("AIC101", 2, 5)]


def test_the_same_name_in_two_scopes_is_reported_in_each(project: Path) -> None:
    source = "ds = 1\n\n\ndef fit():\n    ds = 2\n    return ds\n"
    assert names(project, source) == [("AIC101", 1, 1), ("AIC101", 5, 5)]


def test_an_attribute_set_in_two_methods_is_reported_once(project: Path) -> None:
    source = textwrap.dedent("""\
        class T:
            def __init__(self):
                self.ckpt = None

            def load(self):
                self.ckpt = 1
        """)
    assert names(project, source) == [("AIC101", 3, 14)]


def test_a_global_assigned_in_functions_is_reported_once_at_its_first_definition(
    project: Path,
) -> None:
    source = textwrap.dedent("""\
        def setup():
            global best_ckpt
            best_ckpt = 1


        def reset():
            global best_ckpt
            best_ckpt = None


        best_ckpt = 0
        """)
    assert names(project, source) == [("AIC101", 3, 5)]


def test_a_nonlocal_name_is_reported_only_where_the_enclosing_function_defines_it(
    project: Path,
) -> None:
    source = textwrap.dedent("""\
        def fit():
            best_ckpt = None

            def keep(c):
                nonlocal best_ckpt
                best_ckpt = c
            return keep
        """)
    assert names(project, source) == [("AIC101", 2, 5)]


# -- AIC102: file and folder names


def paths(project: Path, *args: str) -> list[tuple[str, str, int, int, str]]:
    found = violations(project, ["--select", "AIC102", *args])
    return [(v["code"], v["path"], v["line"], v["column"], v["message"]) for v in found]


def test_a_file_name_is_reported_at_line_1_with_its_extension_kept(project: Path) -> None:
    write(project, {"src/lr-finder.py": "x = 1\n"})
    assert paths(project) == [
        (
            "AIC102",
            "src/lr-finder.py",
            1,
            1,
            'file name `lr-finder.py` holds the avoided word "lr" (the glossary says '
            '"learning_rate"): rename it to `learning-rate-finder.py`',
        )
    ]


def test_files_of_any_type_are_checked(project: Path) -> None:
    write(project, {"data/ds_train.csv": "a,b\n", "notebooks/Ckpt Review.ipynb": "{}"})
    assert [found[1] for found in paths(project)] == [
        "data/ds_train.csv",
        "notebooks/Ckpt Review.ipynb",
    ]


def test_a_folder_is_reported_once_without_a_trailing_slash(project: Path) -> None:
    write(project, {"ckpts/epoch_1.pt": "", "ckpts/epoch_2.pt": "", "ckpts/sub/last.pt": ""})
    assert [found[:4] for found in paths(project)] == [("AIC102", "ckpts", 1, 1)]


def test_the_folder_message_says_folder(project: Path) -> None:
    write(project, {"train_ds/a.txt": ""})
    [found] = paths(project)
    assert found[4].startswith("folder name `train_ds` holds")


def test_dotfiles_and_dot_folders_are_skipped(project: Path) -> None:
    write(project, {".ds_cache": "", ".ckpt/state.json": "", ".lr.yaml": ""})
    assert paths(project) == []


def test_an_allowed_file_name_is_not_reported(project: Path) -> None:
    write(project, {"pyproject.toml": GLOSSARY + '[tool.aiconv.terminology]\nallow = ["ds.py"]\n'})
    write(project, {"ds.py": "", "lr.py": ""})
    assert [found[1] for found in paths(project)] == ["lr.py"]


# -- AIC103: comments and docstrings


COMMENTS = textwrap.dedent('''\
    def evaluate(model, loader):
        """Score the model on the held-out ds."""
        # lower the lr when the loss plateaus
        return model.score(loader)
    ''')


def comments(project: Path, *args: str) -> list[tuple[str, int, int]]:
    found = violations(project, [*args, "model.py"])
    return [(v["code"], v["line"], v["column"]) for v in found if v["code"] == "AIC103"]


def test_comments_are_not_checked_by_default(project: Path) -> None:
    write(project, {"model.py": COMMENTS})
    assert comments(project) == []


def test_comments_are_checked_with_terminology_comments(project: Path) -> None:
    write(
        project,
        {"pyproject.toml": GLOSSARY + "[tool.aiconv.terminology]\ncomments = true\n"},
    )
    write(project, {"model.py": COMMENTS})
    assert comments(project) == [("AIC103", 2, 40), ("AIC103", 3, 17)]


def test_comments_are_checked_when_aic103_is_selected(project: Path) -> None:
    write(project, {"model.py": COMMENTS})
    assert comments(project, "--select", "AIC103") == [("AIC103", 2, 40), ("AIC103", 3, 17)]


def test_a_word_on_a_later_line_of_a_docstring_is_reported_where_it_is(project: Path) -> None:
    source = textwrap.dedent('''\
        class Trainer:
            """Train a model.

            Saves a ckpt after every epoch.
            """
        ''')
    write(project, {"model.py": source})
    assert comments(project, "--select", "AIC103") == [("AIC103", 4, 13)]


def test_the_comment_message_names_the_word_and_the_term(project: Path) -> None:
    write(project, {"model.py": "x = 1  # the ds\n"})
    [found] = violations(project, ["--select", "AIC103", "model.py"])
    assert found["message"] == 'comment uses the avoided word "ds": the glossary says "dataset"'


@pytest.mark.parametrize(
    "comment",
    [
        "# noqa: lr",
        "# type: ignore[ds]",
        "# pylint: disable=ds-check",
        "# aiconv: ignore[AIC101]  lr",
        "# -*- coding: ds -*-",
    ],
)
def test_tool_directives_are_not_prose(project: Path, comment: str) -> None:
    write(project, {"model.py": f"x = 1  {comment}\n"})
    assert comments(project, "--select", "AIC103") == []


def test_strings_that_are_not_docstrings_are_not_comments(project: Path) -> None:
    write(project, {"model.py": "x = 1\n'the ds'\nname = 'the ds'\n"})
    assert comments(project, "--select", "AIC103") == []
