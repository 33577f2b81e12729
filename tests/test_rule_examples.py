"""The rules catalogue (rules/*.md) is the documentation and the test data: its examples run.

Each page's first ```toml block is written as the project's pyproject.toml exactly as the page
shows it (with its `[tool.aiconv...]` headers, so readers can paste it); each example becomes a
file (a ```python block) or a tree of empty files and folders (a ```files block), and the real
CLI runs on it with `--select` the page's code.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from conftest import run, write

from aiconv import codes, ruledocs
from aiconv.ruledocs import Example, RuleDoc
from aiconv.rules import ALL_RULES
from aiconv.rules.base import Rule

REPOSITORY = Path(__file__).resolve().parents[1]
DOCS = ruledocs.load_all()
RUNNABLE = [
    pytest.param(doc, example, id=f"{doc.code}-{'bad' if example.bad else 'good'}-{index}")
    for doc in DOCS.values()
    for index, example in enumerate(doc.examples)
]
# Pages whose examples cannot be written in Markdown: the problem is in a file's bytes
# (AIC002) or size (AIC205), the report lands on the config file itself (AIC201, AIC504), or
# the example needs several modules (AIC502, AIC503).
NOT_RUNNABLE = {"AIC002", "AIC201", "AIC205", "AIC502", "AIC503", "AIC504"}


def lint_example(tmp_path: Path, doc: RuleDoc, example: Example) -> list[tuple[str, str, int]]:
    """Write the page's config and the example, lint it, return (code, path, line) found."""
    write(tmp_path, {"pyproject.toml": doc.config or "[tool.aiconv]\n"})
    if example.language == "python":
        (tmp_path / "example.py").write_text(example.code, encoding="utf-8")
    else:
        for path, _ in example.paths():
            write(tmp_path, {path: ""})
    result = run(["lint", "--format", "json", "--no-cache", "--select", doc.code], tmp_path)
    assert result.exit_code in (0, 1), result.stderr
    return result.found()


def expected(doc: RuleDoc, example: Example) -> list[tuple[str, str, int]]:
    if example.language == "python":
        return [(code, "example.py", line) for code, line in example.expected()]
    return sorted((code, path.rstrip("/"), 1) for path, marks in example.paths() for code in marks)


@pytest.mark.parametrize("doc,example", RUNNABLE)
def test_an_example_reports_exactly_the_marked_lines(
    tmp_path: Path, doc: RuleDoc, example: Example
) -> None:
    found = lint_example(tmp_path, doc, example)
    assert found == expected(doc, example)


def test_bad_examples_mark_only_their_own_rule() -> None:
    for doc in DOCS.values():
        for example in doc.examples:
            marked = {code for code, _ in example.expected()}
            assert marked <= {doc.code}, doc.code


@pytest.mark.parametrize("doc", DOCS.values(), ids=DOCS.keys())
def test_a_page_has_a_bad_and_a_good_example_it_can_run(doc: RuleDoc) -> None:
    if doc.code in NOT_RUNNABLE:
        assert doc.examples == ()
        return
    bad = [example for example in doc.examples if example.bad]
    good = [example for example in doc.examples if not example.bad]
    assert bad and all(example.expected() for example in bad), doc.code
    assert good, doc.code


@pytest.mark.parametrize("doc", DOCS.values(), ids=DOCS.keys())
def test_a_page_has_the_sections_in_order(doc: RuleDoc) -> None:
    assert tuple(doc.sections) == ruledocs.SECTIONS
    assert all(body.strip() for body in doc.sections.values()), doc.code


@pytest.mark.parametrize("doc", DOCS.values(), ids=DOCS.keys())
def test_a_page_opens_with_its_family_default_and_fix_table(doc: RuleDoc) -> None:
    rule = next(rule for rule in ALL_RULES if rule.code == doc.code)
    table = re.search(r"^\| family \| default \| fix \|\n\|---\|---\|---\|\n\| (\w+) \|", doc.text,
                      re.MULTILINE)  # fmt: skip
    assert table is not None and table.group(1) == rule.family


def test_every_implemented_rule_has_a_page() -> None:
    missing = sorted(rule.code for rule in ALL_RULES if rule.code not in DOCS)
    assert missing == [], f"write rules/<CODE>.md for {missing}"


def test_every_page_is_of_an_implemented_rule() -> None:
    assert set(DOCS) <= {rule.code for rule in ALL_RULES}


@pytest.mark.parametrize("rule", ALL_RULES, ids=[rule.code for rule in ALL_RULES])
def test_a_rules_name_is_the_one_of_the_specification(rule: type[Rule]) -> None:
    assert codes.KNOWN_CODES[rule.code] == rule.name


@pytest.mark.parametrize("doc", DOCS.values(), ids=DOCS.keys())
def test_a_pages_code_and_name_are_its_rules(doc: RuleDoc) -> None:
    assert doc.name == next(rule.name for rule in ALL_RULES if rule.code == doc.code)


def test_docs_rules_md_is_generated_from_the_pages() -> None:
    generated = (REPOSITORY / "docs" / "rules.md").read_text(encoding="utf-8")
    assert generated == ruledocs.render_index(), (
        "docs/rules.md is stale: run `python -m aiconv.ruledocs > docs/rules.md`"
    )


def test_explain_prints_the_page(tmp_path: Path) -> None:
    result = run(["explain", "AIC101"], tmp_path)
    assert result.stdout == DOCS["AIC101"].text.rstrip() + "\n"


def test_the_wheel_ships_the_pages_where_ruledocs_looks_for_them() -> None:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    project = tomllib.loads((REPOSITORY / "pyproject.toml").read_text(encoding="utf-8"))
    wheel = project["tool"]["hatch"]["build"]["targets"]["wheel"]
    assert wheel["force-include"] == {"rules": "aiconv/_rules"}
    assert "src/aiconv" in wheel["packages"]
    assert "rules" in project["tool"]["hatch"]["build"]["targets"]["sdist"]["include"]


def test_installed_pages_are_read_from_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A built wheel has no repository around it: the pages are aiconv/_rules (see above).
    write(tmp_path, {"_rules/AIC001.md": DOCS["AIC001"].text})
    monkeypatch.setattr(ruledocs.resources, "files", lambda package: tmp_path)
    assert ruledocs._folder() == tmp_path / "_rules"


def test_an_editable_install_reads_the_pages_of_the_repository() -> None:
    assert ruledocs._folder() == REPOSITORY / "rules"
