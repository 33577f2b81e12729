"""`--fix` and `--diff` (SPEC §7): the AIC101 rename, only where safe, never losing data."""

from __future__ import annotations

import os
import stat
import textwrap
from pathlib import Path

import pytest
from conftest import run, write

FIT = textwrap.dedent("""\
    def fit(model, data):
        train_ds = data[0]
        model.fit(dataset=train_ds)

        def report():
            return len(train_ds)

        return [x for x in train_ds], report, f"{train_ds}"
    """)

FIXED = FIT.replace("train_ds", "train_dataset")


def fix(project: Path, *args: str) -> tuple[int, dict[str, object]]:
    result = run(["lint", "--fix", "--format", "json", *args], project)
    assert result.exit_code in (0, 1), result.stderr
    return result.exit_code, result.json()


def test_fix_renames_the_local_at_its_definition_and_every_use(project: Path) -> None:
    write(project, {"train.py": FIT})
    exit_code, report = fix(project)
    assert (project / "train.py").read_text(encoding="utf-8") == FIXED
    assert (exit_code, report["violations"], report["summary"]["fixed"]) == (0, [], 1)


def test_fix_reports_what_it_could_not_fix(project: Path) -> None:
    write(project, {"train.py": "def fit(ds):\n    val_ds = ds\n    return val_ds\n"})
    exit_code, report = fix(project)
    assert (project / "train.py").read_text(encoding="utf-8") == (
        "def fit(ds):\n    val_dataset = ds\n    return val_dataset\n"
    )
    assert exit_code == 1
    assert [(v["line"], v["column"], v["fixable"]) for v in report["violations"]] == [(1, 9, False)]


def test_diff_prints_a_unified_diff_and_changes_nothing(project: Path) -> None:
    write(project, {"train.py": "def fit(data):\n    ds = data\n    return ds\n"})
    result = run(["lint", "--diff"], project)
    assert result.exit_code == 1
    assert result.stdout == textwrap.dedent("""\
        --- a/train.py
        +++ b/train.py
        @@ -1,3 +1,3 @@
         def fit(data):
        -    ds = data
        -    return ds
        +    dataset = data
        +    return dataset
        """)
    assert (project / "train.py").read_text(encoding="utf-8") == (
        "def fit(data):\n    ds = data\n    return ds\n"
    )


def test_diff_without_fixes_exits_zero(project: Path) -> None:
    write(project, {"train.py": "def fit(ds):\n    return ds\n"})
    assert run(["lint", "--diff"], project).exit_code == 0


def test_a_second_fix_changes_nothing(project: Path) -> None:
    write(project, {"train.py": FIT})
    fix(project)
    after_first = (project / "train.py").read_bytes()
    exit_code, report = fix(project)
    assert (project / "train.py").read_bytes() == after_first
    assert (exit_code, report["summary"]["fixed"]) == (0, 0)


def test_fix_renames_several_locals_of_one_function(project: Path) -> None:
    write(project, {"train.py": "def fit(x):\n    ds = x\n    lr = 1\n    return ds, lr\n"})
    fix(project)
    assert (project / "train.py").read_text(encoding="utf-8") == (
        "def fit(x):\n    dataset = x\n    learning_rate = 1\n    return dataset, learning_rate\n"
    )


def test_two_locals_with_the_same_suggestion_are_not_merged(project: Path) -> None:
    source = "def go():\n    ds = 1\n    data_set = 2\n    return ds + data_set\n"
    write(project, {"train.py": source})
    exit_code, report = fix(project)
    assert (project / "train.py").read_text(encoding="utf-8") == (
        "def go():\n    dataset = 1\n    data_set = 2\n    return dataset + data_set\n"
    )
    assert (exit_code, [v["line"] for v in report["violations"]]) == (1, [3])


def test_a_nested_rename_does_not_capture_a_renamed_closure_variable(project: Path) -> None:
    source = textwrap.dedent("""\
        def go():
            ds = 1

            def inner():
                data_set = 2
                return ds + data_set

            return inner
        """)
    write(project, {"train.py": source})
    fix(project)
    assert (project / "train.py").read_text(encoding="utf-8") == source.replace(
        "data_set", "dataset"
    )


def test_the_same_local_in_every_method_of_a_class_is_renamed_in_one_fix(project: Path) -> None:
    # Regression: one new name per top-level class per round left renames for a second --fix.
    method = "    def m{n}(self):\n        ds = {n}\n        return ds\n"
    methods = "".join(method.format(n=n) for n in range(12))
    write(project, {"train.py": f"class Loader:\n{methods}"})
    exit_code, report = fix(project)
    assert (exit_code, report["violations"]) == (0, [])
    assert "ds" not in (project / "train.py").read_text(encoding="utf-8").split()


def test_a_class_nested_in_a_function_shares_the_function_renames(project: Path) -> None:
    source = textwrap.dedent("""\
        def go():
            ds = 1

            class Inner:
                def get(self):
                    data_set = 2
                    return ds + data_set

            return Inner
        """)
    write(project, {"train.py": source})
    fix(project)
    assert (project / "train.py").read_text(encoding="utf-8") == source.replace(
        "data_set", "dataset"
    )


def test_an_attribute_or_keyword_spelled_like_the_new_name_does_not_block_it(
    project: Path,
) -> None:
    source = "def fit(model):\n    ds = model.dataset\n    return model.fit(dataset=ds)\n"
    write(project, {"train.py": source})
    fix(project)
    assert (project / "train.py").read_text(encoding="utf-8") == (
        "def fit(model):\n    dataset = model.dataset\n    return model.fit(dataset=dataset)\n"
    )


FIXABLE = {
    "for": "def go(xs):\n    for ds in xs:\n        print(ds)\n",
    "with": "def go(p):\n    with open(p) as ds:\n        return ds.read()\n",
    "except": "def go():\n    try:\n        pass\n    except OSError as ds:\n        print(ds)\n",
    "walrus": "def go(f):\n    if (ds := f()):\n        return ds\n",
    "tuple unpacking": "def go(pair):\n    a, ds = pair\n    return a, ds\n",
    "annotated": "def go():\n    ds: int = 1\n    return ds\n",
    "augmented": "def go():\n    ds = 1\n    ds += 1\n    return ds\n",
    "match capture": (
        "def go(x):\n    match x:\n        case [ds, *more_ds]:\n            return ds, more_ds\n"
    ),
}


@pytest.mark.parametrize("source", FIXABLE.values(), ids=FIXABLE.keys())
def test_every_kind_of_local_binding_is_renamed(project: Path, source: str) -> None:
    write(project, {"train.py": source})
    fix(project)
    assert (project / "train.py").read_text(encoding="utf-8") == source.replace("ds", "dataset")


# -- where no fix is offered

NOT_FIXED = {
    "parameter": "def fit(model, ds):\n    return ds\n",
    "module-level name": "ds = 1\nprint(ds)\n",
    "class attribute": "class T:\n    ds = 1\n",
    "self attribute": "class T:\n    def go(self):\n        self.ds = 1\n",
    "function name": "def outer():\n    def load_ds():\n        pass\n    return load_ds\n",
    "import alias in a function": "def go():\n    import pandas as ds\n    return ds\n",
    "comprehension variable": "def go(xs):\n    return [ds for ds in xs]\n",
    # libcst's scope analysis binds this walrus in the comprehension, not in the function
    "walrus in a comprehension": "def go(xs):\n    ys = [(ds := x) for x in xs]\n    return ds\n",
    "declared global": "def go():\n    global ds\n    ds = 1\n",
    "used through nonlocal": (
        "def go():\n    ds = 1\n\n    def inner():\n        nonlocal ds\n        ds = 2\n"
        "    inner()\n    return ds\n"
    ),
    "locals()": "def go():\n    ds = 1\n    return locals()\n",
    "eval": "def go():\n    ds = 1\n    return eval('ds + 1')\n",
    "new name already a variable": "def go(dataset):\n    ds = 1\n    return ds + dataset\n",
    "new name used in a nested function": (
        "def go():\n    ds = 1\n\n    def inner():\n        return dataset\n    return ds, inner\n"
    ),
    "type parameter": "def go[DsT](x: DsT) -> DsT:\n    return x\n",
    "string annotation": "def go():\n    ds: int = 1\n    x: 'ds' = 2\n    return ds, x\n",
    "bound by an import too": (
        "def go(c):\n    ds = 1\n    if c:\n        from x import ds\n    return ds\n"
    ),
}


@pytest.mark.parametrize("source", NOT_FIXED.values(), ids=NOT_FIXED.keys())
def test_no_fix_where_renaming_could_change_the_program(project: Path, source: str) -> None:
    write(project, {"train.py": source})
    exit_code, report = fix(project)
    assert (project / "train.py").read_text(encoding="utf-8") == source
    assert exit_code == 1
    assert [v["fixable"] for v in report["violations"]] == [False]


def test_a_file_using_syntax_newer_than_this_python_is_still_fixed(project: Path) -> None:
    # PEP 695 generics: libcst parses them on any Python, `ast` only from 3.12 on.
    source = "def first[T](xs: list[T]) -> T:\n    ds = xs\n    return ds[0]\n"
    write(project, {"train.py": source})
    fix(project)
    assert (project / "train.py").read_text(encoding="utf-8") == source.replace("ds", "dataset")


def test_a_suppressed_violation_is_not_fixed(project: Path) -> None:
    source = "def go():\n    ds = 1  # aiconv: ignore[AIC101]\n    return ds\n"
    write(project, {"train.py": source})
    exit_code, _ = fix(project)
    assert (project / "train.py").read_text(encoding="utf-8") == source
    assert exit_code == 0


# -- bytes, permissions and links


def test_a_latin1_file_with_a_coding_line_stays_latin1(project: Path) -> None:
    source = '# -*- coding: latin-1 -*-\ndef go():\n    ds = "café"\n    return ds\n'
    write(project, {"train.py": source.encode("latin-1")})
    fix(project)
    expected = source.replace("ds", "dataset").encode("latin-1")
    assert (project / "train.py").read_bytes() == expected


def test_a_byte_order_mark_is_kept(project: Path) -> None:
    source = "def go():\n    ds = 'é'\n    return ds\n"
    write(project, {"train.py": b"\xef\xbb\xbf" + source.encode()})
    fix(project)
    expected = b"\xef\xbb\xbf" + source.replace("ds", "dataset").encode()
    assert (project / "train.py").read_bytes() == expected


def test_crlf_line_endings_are_kept(project: Path) -> None:
    write(project, {"train.py": b"def go():\r\n    ds = 1\r\n    return ds\r\n"})
    fix(project)
    expected = b"def go():\r\n    dataset = 1\r\n    return dataset\r\n"
    assert (project / "train.py").read_bytes() == expected


def test_file_permissions_are_kept(project: Path) -> None:
    write(project, {"train.py": "def go():\n    ds = 1\n    return ds\n"})
    os.chmod(project / "train.py", 0o755)
    fix(project)
    assert stat.S_IMODE((project / "train.py").stat().st_mode) == 0o755
    assert "dataset" in (project / "train.py").read_text(encoding="utf-8")


def test_a_symlinked_file_is_fixed_through_the_link(project: Path) -> None:
    write(project, {"real/train.py": "def go():\n    ds = 1\n    return ds\n"})
    (project / "train.py").symlink_to(project / "real" / "train.py")
    fix(project, "train.py")
    assert (project / "train.py").is_symlink()
    assert (project / "real" / "train.py").read_text(encoding="utf-8") == (
        "def go():\n    dataset = 1\n    return dataset\n"
    )


def test_a_fix_that_would_not_reparse_is_dropped_and_reported(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("aiconv.fix.reparses", lambda *texts: False)
    source = "def go():\n    ds = 1\n    return ds\n"
    write(project, {"train.py": source})
    result = run(["lint", "--fix", "--format", "json", "--no-cache"], project)
    assert (project / "train.py").read_text(encoding="utf-8") == source
    assert "train.py: dropped 1 fix(es) that would not re-parse" in result.stderr
    assert (result.exit_code, result.found()) == (1, [("AIC101", "train.py", 2)])
