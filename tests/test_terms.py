"""The glossary as pure functions: splitting, matching, plurals, style-keeping suggestions."""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from aiconv.config import Term
from aiconv.terms import Glossary, split_spans, split_words, suggest

GLOSSARY = Glossary(
    (
        Term("dataset", ("ds", "data_set")),
        Term("learning_rate", ("lr",)),
        Term("checkpoint", ("ckpt",)),
        Term("hyperparameters", ("hparams", "hyper_params")),
    )
)


def suggestion(name: str) -> str:
    hits = GLOSSARY.find(name)
    assert hits, f"{name} holds no avoided word"
    return suggest(name, hits)


# -- splitting


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("trainDS2", ("train", "ds", "2")),
        ("HTTPServer", ("http", "server")),
        ("train_ds", ("train", "ds")),
        ("MAX_LR", ("max", "lr")),
        ("lr-finder", ("lr", "finder")),
        ("DsLoader", ("ds", "loader")),
        ("__init__", ("init",)),
        ("resnet50v2", ("resnet", "50", "v", "2")),
        ("", ()),
    ],
)
def test_names_split_at_separators_case_changes_and_digits(
    name: str, words: tuple[str, ...]
) -> None:
    assert split_words(name) == words


def test_spans_give_each_word_its_place_in_the_name() -> None:
    assert [(s.text, s.start, s.end) for s in split_spans("trainDS2")] == [
        ("train", 0, 5),
        ("DS", 5, 7),
        ("2", 7, 8),
    ]


@given(st.text())
def test_spans_cover_every_alphanumeric_character_in_order(name: str) -> None:
    spans = split_spans(name)
    covered = [index for span in spans for index in range(span.start, span.end)]
    assert covered == [index for index, char in enumerate(name) if char.isalnum()]
    assert all(name[span.start : span.end] == span.text for span in spans)


@given(st.text())
@example("ΑΣ_Β")  # lower() spells a final sigma differently at the end of a word
def test_joined_lowercase_words_equal_the_names_alphanumerics(name: str) -> None:
    assert "".join(split_words(name)) == "".join(c for c in name if c.isalnum()).casefold()


# -- matching


@pytest.mark.parametrize("name", ["ads", "lrucache", "d", "dataset", "checkpoints", "boxes"])
def test_a_word_that_only_contains_an_avoided_word_is_not_a_hit(name: str) -> None:
    assert GLOSSARY.find(name) == []


def test_words_compare_case_insensitively() -> None:
    assert [hit.found for hit in GLOSSARY.find("trainDS_Lr")] == ["DS", "Lr"]


def test_an_avoided_word_matches_its_plural() -> None:
    assert [hit.avoided for hit in GLOSSARY.find("best_ckpts")] == ["ckpt"]


def test_an_avoided_word_matches_its_es_plural() -> None:
    glossary = Glossary((Term("bounding_box", ("bbox",)),))
    assert suggest("bboxes", glossary.find("bboxes")) == "bounding_boxes"


def test_a_plural_entry_matches_its_singular() -> None:
    assert [hit.avoided for hit in GLOSSARY.find("hparam")] == ["hparams"]


def test_a_two_letter_abbreviation_ending_in_s_has_no_one_letter_singular() -> None:
    assert GLOSSARY.find("d_loader") == []


def test_a_multi_word_entry_matches_consecutive_words_in_any_style() -> None:
    names = ("data_set", "dataSet", "DATA_SET")
    found = [hit.found for name in names for hit in GLOSSARY.find(name)]
    assert found == ["data_set", "dataSet", "DATA_SET"]


def test_a_multi_word_entry_forms_its_plural_on_the_last_word() -> None:
    assert suggestion("data_sets") == "datasets"


def test_the_words_of_a_multi_word_entry_apart_are_no_hit() -> None:
    assert GLOSSARY.find("data_train_set") == []


def test_every_avoided_word_in_a_name_is_found_left_to_right() -> None:
    assert [hit.avoided for hit in GLOSSARY.find("ds_lr_ckpt")] == ["ds", "lr", "ckpt"]


def test_an_allowed_name_is_never_a_hit() -> None:
    glossary = Glossary((Term("learning_rate", ("lr",)),), allow=("lr_scheduler",))
    assert glossary.find("lr_scheduler") == []
    assert glossary.find("lr_finder") != []


def test_a_hit_carries_the_terms_definition() -> None:
    glossary = Glossary((Term("dataset", ("ds",), "A versioned collection."),))
    assert glossary.find("ds")[0].definition == "A versioned collection."


# -- suggestions


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("train_ds", "train_dataset"),
        ("trainDs", "trainDataset"),
        ("TrainDs", "TrainDataset"),
        ("DsLoader", "DatasetLoader"),
        ("MAX_LR", "MAX_LEARNING_RATE"),
        ("lr-finder", "learning-rate-finder"),
        ("lr", "learning_rate"),
        ("LR", "LEARNING_RATE"),
        ("lrScheduler", "learningRateScheduler"),
        ("LRScheduler", "LearningRateScheduler"),
        ("trainDS2", "trainDataset2"),
        ("train_DS", "train_DATASET"),
        ("Train_Lr", "Train_Learning_Rate"),
        ("_ds", "_dataset"),
        ("__ds__", "__dataset__"),
        ("ckpts", "checkpoints"),
        ("hparam", "hyperparameter"),
        ("hyperParams", "hyperparameters"),
        ("ds_lr", "dataset_learning_rate"),
    ],
)
def test_the_suggestion_keeps_the_names_style(name: str, expected: str) -> None:
    assert suggestion(name) == expected


def test_a_plural_preferred_term_is_not_pluralised_again() -> None:
    glossary = Glossary((Term("hyperparameters", ("hparam",)),))
    assert suggest("hparams", glossary.find("hparams")) == "hyperparameters"


def test_a_preferred_term_not_ending_in_s_is_not_made_singular() -> None:
    glossary = Glossary((Term("learning_rate", ("lrs",)),))
    assert suggest("lr", glossary.find("lr")) == "learning_rate"


def test_a_term_starting_with_a_digit_still_gives_a_python_name() -> None:
    glossary = Glossary((Term("3d_model", ("mesh",)),))
    assert suggest("mesh", glossary.find("mesh")) == "_3d_model"


# -- properties of suggest()

# Avoided words use letters a-m, preferred terms n-z without "s": no preferred word can be,
# or combine with a neighbour into, an avoided word or its plural.
AVOIDED_WORD = st.from_regex(r"[a-m]{2,5}", fullmatch=True)
PREFERRED_WORD = st.from_regex(r"[n-rt-z][n-rt-z0-9]{0,5}", fullmatch=True)
OTHER_WORD = st.from_regex(r"[a-z]{1,6}|[0-9]{1,2}", fullmatch=True)


def _style(words: list[str], style: str) -> str:
    if style == "snake":
        return "_".join(words)
    if style == "screaming":
        return "_".join(words).upper()
    if style == "camel":
        return words[0] + "".join(word.capitalize() for word in words[1:])
    return "".join(word.capitalize() for word in words)


@st.composite
def _case(draw: st.DrawFn) -> tuple[Glossary, str, str]:
    avoided = draw(st.lists(AVOIDED_WORD, min_size=1, max_size=2))
    preferred = draw(st.lists(PREFERRED_WORD, min_size=1, max_size=3))
    entry = "_".join(avoided)
    if draw(st.booleans()):
        avoided = [*avoided[:-1], avoided[-1] + "s"]  # the name may hold the plural
    words = draw(st.lists(OTHER_WORD, max_size=3))
    position = draw(st.integers(min_value=0, max_value=len(words)))
    words[position:position] = avoided
    assume(words[0][0].isalpha())
    name = draw(st.sampled_from(["_", "", "__"])) + _style(
        words, draw(st.sampled_from(["snake", "screaming", "camel", "pascal"]))
    )
    glossary = Glossary((Term("_".join(preferred), (entry,)),))
    return glossary, name, entry


@given(_case())
def test_replacing_every_hit_leaves_no_hit_of_that_entry(case: tuple[Glossary, str, str]) -> None:
    glossary, name, entry = case
    hits = glossary.find(name)
    assert hits, name
    new = suggest(name, hits)
    assert [hit for hit in glossary.find(new) if hit.avoided == entry] == [], (name, new)


IDENTIFIER = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,20}", fullmatch=True)


NAME_WITH_HIT = st.builds(
    lambda before, word, after: before + word + after,
    IDENTIFIER,
    st.sampled_from(["_ds", "Ds", "DS", "_LR", "lr", "_data_set", "DataSets", "_x_"]),
    st.from_regex(r"[A-Za-z0-9_]{0,8}", fullmatch=True),
)


@given(NAME_WITH_HIT, IDENTIFIER, st.sampled_from(["ds", "lr", "data_set", "x"]))
def test_the_suggestion_for_a_python_name_is_a_python_name(
    name: str, preferred: str, avoided: str
) -> None:
    assume(re.search(r"[A-Za-z0-9]", preferred))
    glossary = Glossary((Term(preferred, (avoided,)),))
    assert suggest(name, glossary.find(name)).isidentifier()


@given(_case())
def test_the_suggestion_for_a_generated_python_name_is_a_python_name(
    case: tuple[Glossary, str, str],
) -> None:
    glossary, name, _ = case
    assert suggest(name, glossary.find(name)).isidentifier()
