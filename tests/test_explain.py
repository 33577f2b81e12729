"""`aiconv explain`: a rule's page by code or name, what the glossary says of a word, or exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import GLOSSARY, run, write

from aiconv import ruledocs


@pytest.mark.parametrize("topic", ["AIC101", "aic101", "avoided-term-in-name"])
def test_a_rule_is_explained_by_code_or_name(tmp_path: Path, topic: str) -> None:
    result = run(["explain", topic], tmp_path)
    assert result.exit_code == 0
    assert result.stdout == ruledocs.load_all()["AIC101"].text.rstrip() + "\n"


def test_an_avoided_word_gets_the_preferred_term_and_suggestions(project: Path) -> None:
    result = run(["explain", "ds"], project)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == (
        '"ds" is an avoided word in this project\'s glossary (pyproject.toml): say "dataset".'
    )
    assert "`train_ds` → `train_dataset`, `trainDs` → `trainDataset`" in result.stdout
    assert 'Also avoided for it: "data_set".' in result.stdout


def test_a_plural_of_an_avoided_word_is_recognised(project: Path) -> None:
    result = run(["explain", "ckpts"], project)
    assert result.stdout.startswith('"ckpts" is an avoided word in this project\'s glossary')


def test_a_preferred_term_lists_what_to_avoid(project: Path) -> None:
    result = run(["explain", "dataset"], project)
    assert result.exit_code == 0
    assert 'Avoid: "ds", "data_set".' in result.stdout


def test_the_terms_definition_is_shown(project: Path) -> None:
    definitions = '[tool.aiconv.terminology.definitions]\ndataset = "A versioned collection."\n'
    write(project, {"pyproject.toml": GLOSSARY + definitions})
    result = run(["explain", "ds"], project)
    assert "dataset: A versioned collection." in result.stdout.splitlines()


def test_an_unknown_topic_exits_2_with_the_closest_codes(tmp_path: Path) -> None:
    result = run(["explain", "AIC1O1"], tmp_path)
    assert result.exit_code == 2
    assert "Closest: AIC101" in result.stderr
    assert result.stdout == ""


def test_a_word_outside_the_glossary_exits_2(project: Path) -> None:
    result = run(["explain", "tensor"], project)
    assert result.exit_code == 2
    assert "neither a rule code, a rule name nor a word of this project's glossary" in (
        result.stderr
    )


def test_in_a_configured_project_the_page_ends_with_what_the_project_does(project: Path) -> None:
    ignores = '[tool.aiconv.per-file-ignores]\n"tests/**" = ["AIC101"]\n'
    write(project, {"pyproject.toml": GLOSSARY + ignores})
    result = run(["explain", "AIC101"], project)
    page = ruledocs.load_all()["AIC101"].text.rstrip()
    assert result.stdout.startswith(page + "\n\n## In this project\n\n")
    notes = result.stdout[len(page) :]
    assert "Enabled by pyproject.toml. Not reported in `tests/**` (`per-file-ignores`)." in notes
    assert "`# aiconv: ignore[AIC101]` at the end of the reported line" in notes


def test_a_rule_the_config_turns_off_says_so(project: Path) -> None:
    write(project, {"pyproject.toml": '[tool.aiconv]\nignore = ["AIC1"]\n' + GLOSSARY})
    result = run(["explain", "AIC102"], project)
    assert "Not enabled by pyproject.toml" in result.stdout


def test_a_rule_with_nothing_configured_says_what_it_waits_for(tmp_path: Path) -> None:
    write(tmp_path, {"pyproject.toml": '[tool.aiconv]\nsrc = ["."]\n'})
    result = run(["explain", "AIC203"], tmp_path)
    assert "Enabled, but it has nothing to check until its options (above) are set." in (
        result.stdout
    )


def test_a_path_rule_is_silenced_by_per_file_ignores(project: Path) -> None:
    result = run(["explain", "AIC102"], project)
    assert "any other file (a notebook, a checkpoint, a folder) with `per-file-ignores`" in (
        result.stdout
    )


def test_a_report_on_the_config_file_is_corrected_there(project: Path) -> None:
    result = run(["explain", "AIC201"], project)
    assert "Reported on the config file: correct or remove the entry it points at." in (
        result.stdout
    )
