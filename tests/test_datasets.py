"""Versioned dataset references (AIC301–AIC303), through the real CLI on small repositories."""

from __future__ import annotations

import re
import shutil
import sysconfig
import textwrap
from pathlib import Path

import pytest
from conftest import run, write

from aiconv import ruledocs
from aiconv.catalogue.datasets import BUILT_IN, doc_rows

SHA = "3f2a9c1d0b5e4f6a7b8c9d0e1f2a3b4c5d6e7f80"


def lint(root: Path, source: str, config: str = "", path: str = "train.py") -> list[tuple]:
    """Lint one file with the dataset rules only; (code, path, line) of every report."""
    write(root, {"pyproject.toml": "[tool.aiconv]\n" + textwrap.dedent(config), path: source})
    result = run(["lint", "--format", "json", "--no-cache", "--select", "AIC3"], root)
    assert result.exit_code in (0, 1), result.stderr
    return result.found()


def messages(root: Path) -> list[str]:
    result = run(["lint", "--format", "json", "--no-cache", "--select", "AIC3"], root)
    return [violation["message"] for violation in result.json()["violations"]]


# ---------------------------------------------------------------------------- the catalogue

# function: (setup line, the call with `{v}` where the version goes, unpinned, pinned, floating,
# from a variable). Each call is written on line 2 of the file.
CATALOGUE = {
    "datasets.load_dataset": (
        "from datasets import load_dataset",
        'load_dataset("acme/reviews"{v})', "", f', revision="{SHA}"', ', revision="main"',
        ", revision=rev"),
    "huggingface_hub.hf_hub_download": (
        "from huggingface_hub import hf_hub_download",
        'hf_hub_download("acme/reviews", "train.csv", repo_type="dataset"{v})', "",
        ', revision="v1.0"', ', revision="master"', ", revision=rev"),
    "huggingface_hub.snapshot_download": (
        "import huggingface_hub as hub",
        'hub.snapshot_download("acme/reviews", repo_type="dataset"{v})', "",
        f', revision="{SHA}"', ', revision="main"', ", revision=cfg.revision"),
    "huggingface_hub.HfApi().hf_hub_download": (
        "from huggingface_hub import HfApi; api = HfApi()",
        'api.hf_hub_download("acme/reviews", "x.csv", repo_type="dataset"{v})', "",
        f', revision="{SHA}"', ', revision="main"', ", revision=rev"),
    "huggingface_hub.HfApi().snapshot_download": (
        "import huggingface_hub",
        'huggingface_hub.HfApi().snapshot_download("acme/reviews", repo_type="dataset"{v})', "",
        f', revision="{SHA}"', ', revision="main"', ", revision=rev"),
    "dvc.api.open": (
        "import dvc.api",
        'dvc.api.open("data/train.csv", repo="https://github.com/acme/data"{v})', "",
        ', rev="v2"', ', rev="HEAD"', ", rev=rev"),
    "dvc.api.read": (
        "import dvc.api as dapi",
        'dapi.read("data/train.csv", "git@github.com:acme/data.git"{v})', "",
        f', "{SHA}"', ', "master"', ", rev"),
    "dvc.api.get_url": (
        "from dvc.api import get_url",
        'get_url("data/train.csv", repo="https://github.com/acme/data"{v})', "",
        ', rev="v2"', ', rev="main"', ", rev=rev"),
    "dvc.api.DVCFileSystem": (
        "from dvc.api import DVCFileSystem",
        'DVCFileSystem("https://github.com/acme/data"{v})', "", ', rev="v2"', ', rev="main"',
        ", rev=rev"),
    "dvc.api.artifacts_show": (
        "import dvc.api",
        'dvc.api.artifacts_show("reviews"{v})', "", ', version="3"', ', stage="production"',
        ", version=version"),
    "kagglehub.dataset_download": (
        "import kagglehub",
        'kagglehub.dataset_download("heptapod/titanic{v}")', "", "/versions/3",
        "/versions/latest", None),
    "kagglehub.dataset_load": (
        "import kagglehub",
        'kagglehub.dataset_load(adapter, "heptapod/titanic{v}", "train.csv")', "",
        "/versions/3", "/versions/latest", None),
    "kagglehub.load_dataset": (
        "from kagglehub import load_dataset",
        'load_dataset(adapter, "heptapod/titanic{v}", "train.csv")', "", "/versions/3",
        "/versions/latest", None),
    "tensorflow_datasets.load": (
        "import tensorflow_datasets as tfds",
        'tfds.load("mnist{v}")', "", ":3.0.1", ":latest", None),
    "tensorflow_datasets.builder": (
        "import tensorflow_datasets as tfds",
        'tfds.builder("mnist"{v})', "", ', version="3.0.1"', ', version="latest"',
        ", version=version"),
    ".use_artifact": (
        "import wandb; run = wandb.init()",
        'run.use_artifact("acme/reviews/labels{v}")', "", ":v3", ":latest", None),
    "wandb.use_artifact": (
        "import wandb",
        'wandb.use_artifact("labels{v}")', "", ":v3", ":latest", None),
    "wandb.Api().artifact": (
        "import wandb",
        'wandb.Api().artifact("acme/reviews/labels{v}")', "", ":v3", ":production", None),
    "sklearn.datasets.fetch_openml": (
        "from sklearn.datasets import fetch_openml",
        'fetch_openml("mnist_784"{v})', "", ", version=1", ', version="active"',
        ", version=version"),
    "deltalake.DeltaTable": (
        "from deltalake import DeltaTable",
        'DeltaTable("s3://acme/tables/events"{v})', "", ", 3", ', version="latest"',
        ", version=version"),
    "polars.read_delta": (
        "import polars as pl",
        'pl.read_delta("s3://acme/tables/events"{v})', "", ", version=3", ', version="latest"',
        ", version=version"),
    "polars.scan_delta": (
        "import polars",
        'polars.scan_delta("s3://acme/tables/events"{v})', "", ", version=3",
        ', version="latest"', ", version=version"),
    "mlflow.data.load_delta": (
        "import mlflow",
        'mlflow.data.load_delta(table_name="events"{v})', "", ", version=3", ', version="latest"',
        ", version=version"),
    "mlflow.data.from_spark": (
        "from mlflow.data import from_spark",
        'from_spark(frame, path="s3://acme/tables/events"{v})', "", ", version=3",
        ', version="latest"', ", version=version"),
    "mlflow.data.from_huggingface": (
        "import mlflow.data",
        'mlflow.data.from_huggingface(reviews, path="acme/reviews"{v})', "",
        f', revision="{SHA}"', ', revision="main"', ", revision=rev"),
    ".load": (
        "from pyspark.sql import SparkSession",
        'spark.read.format("delta"){v}.load("/lake/events")', "",
        '.option("versionAsOf", 3)', None, '.option("versionAsOf", version)'),
}  # fmt: skip


def _catalogue_case(function: str, index: int) -> str | None:
    setup, call, *variants = CATALOGUE[function]
    variant = variants[index]
    return None if variant is None else f"{setup}\nresult = {call.format(v=variant)}\n"


def _cases(index: int) -> list[object]:
    return [
        pytest.param(_catalogue_case(function, index), id=function)
        for function in CATALOGUE
        if _catalogue_case(function, index) is not None
    ]


def test_every_catalogue_entry_has_cases() -> None:
    assert set(CATALOGUE) == {loader.function for loader in BUILT_IN}


@pytest.mark.parametrize("source", _cases(0))
def test_a_catalogued_load_without_a_version_is_aic302(tmp_path: Path, source: str) -> None:
    assert lint(tmp_path, source) == [("AIC302", "train.py", 2)]


@pytest.mark.parametrize("source", _cases(1))
def test_a_catalogued_load_with_a_pinned_version_is_not_reported(
    tmp_path: Path, source: str
) -> None:
    assert lint(tmp_path, source) == []


@pytest.mark.parametrize("source", _cases(2))
def test_a_catalogued_load_at_a_floating_alias_is_aic303(tmp_path: Path, source: str) -> None:
    assert lint(tmp_path, source) == [("AIC303", "train.py", 2)]


@pytest.mark.parametrize("source", _cases(3))
def test_a_catalogued_load_with_a_version_from_a_variable_is_not_reported(
    tmp_path: Path, source: str
) -> None:
    assert lint(tmp_path, source) == []


@pytest.mark.parametrize(
    "source",
    [
        "import kagglehub\nkagglehub.dataset_download(handle)\n",
        "import tensorflow_datasets as tfds\ntfds.load(f'mnist:{version}')\n",
        "import wandb\nrun = wandb.init()\nrun.use_artifact(artifact)\n",
        "import wandb\nwandb.use_artifact(f'{entity}/{project}/labels:{alias}')\n",
    ],
    ids=["kaggle-handle-variable", "tfds-version-field", "wandb-artifact-object",
         "wandb-alias-field"],
)  # fmt: skip
def test_a_name_that_carries_its_version_from_a_variable_is_not_reported(
    tmp_path: Path, source: str
) -> None:
    assert lint(tmp_path, source) == []


def test_a_version_of_none_is_aic302(tmp_path: Path) -> None:
    source = "from datasets import load_dataset\nload_dataset('acme/reviews', revision=None)\n"
    assert lint(tmp_path, source) == [("AIC302", "train.py", 2)]
    assert "`revision=None`, which is no version" in messages(tmp_path)[0]


def test_the_message_names_the_loader_and_shows_the_pinned_call(tmp_path: Path) -> None:
    lint(tmp_path, "from datasets import load_dataset as ld\nds = ld('imdb', split='train')\n")
    assert messages(tmp_path) == [
        '`ld` (`datasets.load_dataset`) reads "imdb" with no version: pin it, e.g. '
        "`ld('imdb', split='train', revision=\"<commit sha>\")`"
    ]


def test_the_message_of_a_floating_alias_names_it(tmp_path: Path) -> None:
    lint(tmp_path, 'import kagglehub\nkagglehub.dataset_download("o/s/versions/latest")\n')
    assert "the floating alias `latest`" in messages(tmp_path)[0]
    assert 'kagglehub.dataset_download("o/s/versions/<n>")' in messages(tmp_path)[0]


def test_a_report_is_at_the_start_of_the_call(tmp_path: Path) -> None:
    write(tmp_path, {"train.py": "import datasets\nx = [datasets.load_dataset('imdb')]\n"})
    result = run(["lint", "--format", "json", "--no-cache"], tmp_path)
    violation = result.json()["violations"][0]
    assert (violation["code"], violation["line"], violation["column"]) == ("AIC302", 2, 6)


def test_a_call_spread_over_lines_is_reported_on_its_first_line(tmp_path: Path) -> None:
    source = (
        "from datasets import load_dataset\nds = load_dataset(\n    'imdb',\n    split='a',\n)\n"
    )
    assert lint(tmp_path, source) == [("AIC302", "train.py", 2)]


def test_keyword_arguments_spread_with_double_star_may_carry_the_version(tmp_path: Path) -> None:
    source = "from datasets import load_dataset\nload_dataset('imdb', **options)\n"
    assert lint(tmp_path, source) == []


# ---------------------------------------------------------------------------- imports


@pytest.mark.parametrize(
    "source",
    [
        "from datasets import load_dataset as ld\nld('imdb')\n",
        "import datasets as hfd\nhfd.load_dataset('imdb')\n",
        "import datasets\ndatasets.load_dataset('imdb')\n",
        "def main():\n    from datasets import load_dataset\n    load_dataset('imdb')\n",
    ],
    ids=["from-import-as", "import-as", "module-qualified", "import-inside-a-function"],
)
def test_loaders_are_matched_through_every_import_form(tmp_path: Path, source: str) -> None:
    line = source.count("\n")
    assert lint(tmp_path, source) == [("AIC302", "train.py", line)]


def test_a_local_function_of_the_same_name_is_not_a_loader(tmp_path: Path) -> None:
    source = "def load_dataset(name):\n    return name\n\n\nload_dataset('imdb')\n"
    assert lint(tmp_path, source) == []


def test_a_parameter_of_the_same_name_is_not_a_loader(tmp_path: Path) -> None:
    source = (
        "from datasets import load_dataset\n\n\ndef run(load_dataset):\n"
        "    return load_dataset('imdb')\n"
    )
    assert lint(tmp_path, source) == []


def test_a_method_called_load_dataset_on_an_unknown_object_is_not_a_loader(
    tmp_path: Path,
) -> None:
    assert lint(tmp_path, "registry.load_dataset('imdb')\n") == []


# ---------------------------------------------------------------------------- constants


def test_a_module_constant_naming_a_floating_alias_is_aic303_at_the_call(tmp_path: Path) -> None:
    source = (
        "from datasets import load_dataset\n\nREVISION = 'main'\n\n\ndef main():\n"
        "    return load_dataset('imdb', revision=REVISION)\n"
    )
    assert lint(tmp_path, source) == [("AIC303", "train.py", 7)]


def test_a_module_constant_holding_a_pinned_handle_is_not_reported(tmp_path: Path) -> None:
    source = (
        "import kagglehub\nTITANIC = 'o/titanic/versions/2'\nkagglehub.dataset_download(TITANIC)\n"
    )
    assert lint(tmp_path, source) == []


def test_a_module_constant_holding_an_unpinned_handle_is_aic302(tmp_path: Path) -> None:
    source = "import kagglehub\nTITANIC = 'o/titanic'\nkagglehub.dataset_download(TITANIC)\n"
    assert lint(tmp_path, source) == [("AIC302", "train.py", 3)]


def test_a_constant_assigned_twice_counts_as_given(tmp_path: Path) -> None:
    source = (
        "from datasets import load_dataset\nREV = 'main'\nif pinned:\n    REV = 'v2'\n"
        "load_dataset('imdb', revision=REV)\n"
    )
    assert lint(tmp_path, source) == []


def test_a_function_local_variable_counts_as_given(tmp_path: Path) -> None:
    source = (
        "from datasets import load_dataset\n\n\ndef main():\n    rev = 'main'\n"
        "    return load_dataset('imdb', revision=rev)\n"
    )
    assert lint(tmp_path, source) == []


def test_a_constant_naming_repo_type_dataset_makes_a_hub_download_a_dataset(
    tmp_path: Path,
) -> None:
    source = (
        "from huggingface_hub import hf_hub_download\nKIND = 'dataset'\n"
        "hf_hub_download('acme/reviews', 'x.csv', repo_type=KIND)\n"
    )
    assert lint(tmp_path, source) == [("AIC302", "train.py", 3)]


# ---------------------------------------------------------------------------- custom loaders

LOADER = """
[[tool.aiconv.datasets.loaders]]
function = "acme.data.load_table"
version-arg = "version"
version-position = 1
"""


@pytest.mark.parametrize(
    "call,expected",
    [
        ("load_table('events')", [("AIC302", "train.py", 2)]),
        ("load_table('events', version='2024-06-01')", []),
        ("load_table('events', '2024-06-01')", []),
        ("load_table('events', 'latest')", [("AIC303", "train.py", 2)]),
        ("load_table('events', version='current')", [("AIC303", "train.py", 2)]),
        ("load_table('events', version=cfg.version)", []),
    ],
    ids=["no-version", "by-keyword", "by-position", "floating-by-position",
         "floating-by-keyword", "from-a-variable"],
)  # fmt: skip
def test_a_configured_loader_is_checked_by_keyword_and_by_position(
    tmp_path: Path, call: str, expected: list[tuple]
) -> None:
    source = f"from acme.data import load_table\n{call}\n"
    assert lint(tmp_path, source, LOADER) == expected


def test_a_configured_loader_is_matched_by_module_qualified_import(tmp_path: Path) -> None:
    assert lint(tmp_path, "import acme.data\nacme.data.load_table('e')\n", LOADER) == [
        ("AIC302", "train.py", 2)
    ]


def test_a_configured_loader_is_matched_through_a_relative_import(tmp_path: Path) -> None:
    source = "from .data import load_table\nload_table('events')\n"
    assert lint(tmp_path, source, LOADER, path="src/acme/train.py") == [
        ("AIC302", "src/acme/train.py", 2)
    ]


def test_a_configured_loader_without_a_position_takes_only_the_keyword(tmp_path: Path) -> None:
    config = '[[tool.aiconv.datasets.loaders]]\nfunction = "acme.load"\nversion-arg = "rev"\n'
    source = "from acme import load\nload('events', 'v3')\n"
    assert lint(tmp_path, source, config) == [("AIC302", "train.py", 2)]


# ---------------------------------------------------------------------------- URIs

PATTERNS = """
[tool.aiconv.datasets]
uri-patterns = ["s3://*/datasets/**", "gs://acme-data/**", "abfs://lake/**", "/mnt/datasets/**"]
"""


@pytest.mark.parametrize(
    "uri,code",
    [
        ("hf://datasets/acme/reviews/train.csv", "AIC301"),
        ("hf://datasets/acme/reviews", "AIC301"),
        ("hf://datasets/imdb", "AIC301"),
        (f"hf://datasets/acme/reviews@{SHA}/train.csv", None),
        ("hf://datasets/acme/reviews@v1.0/train.csv", None),
        ("hf://datasets/acme/reviews@main/train.csv", "AIC303"),
        ("hf://datasets/acme/reviews@refs%2Fheads%2Fdev/train.csv", "AIC303"),
        ("hf://acme/bert/config.json", None),
        ("https://huggingface.co/datasets/acme/reviews/resolve/main/train.csv", "AIC303"),
        (f"https://huggingface.co/datasets/acme/reviews/resolve/{SHA}/train.csv", None),
        ("https://huggingface.co/datasets/acme/reviews", None),
        ("lakefs://reviews", "AIC301"),
        ("lakefs://reviews/main/train.parquet", "AIC303"),
        ("lakefs://reviews/main~2/train.parquet", "AIC303"),
        ("lakefs://reviews/c0ffee1234567/train.parquet", None),
        ("https://raw.githubusercontent.com/acme/data/main/train.csv", "AIC303"),
        ("https://raw.githubusercontent.com/acme/data/refs/heads/dev/train.csv", "AIC303"),
        (f"https://raw.githubusercontent.com/acme/data/{SHA}/train.csv", None),
        ("models:/reviews", "AIC301"),
        ("models:/reviews/3", None),
        ("models:/reviews/latest", "AIC303"),
        ("models:/reviews/Staging", "AIC303"),
        ("models:/reviews@champion", "AIC303"),
        ("runs:/0a1b2c/model", None),
        ("s3://acme/datasets/reviews/train.csv", "AIC301"),
        ("s3://acme/datasets/reviews/train.csv?versionId=3HL4kqtJlcpXroDTD", None),
        ("s3://acme/datasets/reviews/v3/train.csv", None),
        ("s3://acme/datasets/reviews/2024-06-01/train.csv", None),
        ("s3://acme/datasets/reviews/latest/train.csv", "AIC303"),
        ("s3://acme/checkpoints/model.pt", None),
        ("gs://acme-data/reviews/train.csv", "AIC301"),
        ("gs://acme-data/reviews/train.csv#1718000000000000", None),
        ("gs://acme-data/reviews/train.csv?generation=1718000000000000", None),
        ("abfs://lake/reviews/train.csv", "AIC301"),
        ("abfs://lake/reviews/train.csv?versionid=2024-06-01T00:00:00.0000000Z", None),
        ("/mnt/datasets/reviews/train.csv", "AIC301"),
    ],
)  # fmt: skip
def test_a_uri_is_judged_by_its_schemes_pin_grammar(
    tmp_path: Path, uri: str, code: str | None
) -> None:
    expected = [(code, "train.py", 1)] if code else []
    assert lint(tmp_path, f"URI = {uri!r}\n", PATTERNS) == expected


def test_object_store_keys_are_not_references_without_uri_patterns(tmp_path: Path) -> None:
    assert lint(tmp_path, "df = read('s3://acme/datasets/reviews/train.csv')\n") == []


def test_a_custom_version_pattern_replaces_the_default(tmp_path: Path) -> None:
    config = PATTERNS + 'version-pattern = "/release-[0-9]+/"\n'
    source = (
        "a = 's3://acme/datasets/reviews/v3/train.csv'\n"
        "b = 's3://acme/datasets/reviews/release-3/train.csv'\n"
        "c = 's3://acme/datasets/reviews/train.csv?versionId=abc'\n"
    )
    assert lint(tmp_path, source, config) == [("AIC301", "train.py", 1)]


def test_a_uri_inside_a_sql_string_is_found(tmp_path: Path) -> None:
    source = "con.sql(\"SELECT * FROM 'hf://datasets/acme/reviews/train.parquet' LIMIT 5\")\n"
    assert lint(tmp_path, source) == [("AIC301", "train.py", 1)]


def test_the_uri_message_shows_where_the_pin_goes(tmp_path: Path) -> None:
    lint(tmp_path, "URI = 'hf://datasets/acme/reviews/train.csv'\n")
    assert messages(tmp_path) == [
        "`hf://datasets/acme/reviews/train.csv` names a dataset with no version: pin it, e.g. "
        "`hf://datasets/acme/reviews@<commit sha>/train.csv`"
    ]


@pytest.mark.parametrize(
    "expression,code",
    [
        ('f"hf://datasets/acme/reviews/{split}.csv"', "AIC301"),
        ('f"hf://datasets/acme/{name}/train.csv"', None),
        ('f"hf://datasets/acme/reviews@{revision}/train.csv"', None),
        ('f"hf://datasets/{org}/reviews@main/train.csv"', "AIC303"),
        ('f"lakefs://{repo}/main/{path}"', "AIC303"),
        ('f"lakefs://{path}"', None),
        ('"hf://datasets/acme/" + name', None),
        ('"hf://datasets/acme/reviews" + "@" + revision', None),
        ('"hf://datasets/acme/reviews/{}.csv".format(split)', "AIC301"),
        ('"hf://datasets/acme/{}/train.csv".format(name)', None),
    ],
)  # fmt: skip
def test_templates_are_flagged_only_when_their_literal_text_decides(
    tmp_path: Path, expression: str, code: str | None
) -> None:
    expected = [(code, "train.py", 1)] if code else []
    assert lint(tmp_path, f"uri = {expression}\n") == expected


def test_an_implicitly_concatenated_uri_is_reported_once_at_its_start(tmp_path: Path) -> None:
    source = 'uri = (\n    "hf://datasets/acme/"\n    "reviews/train.csv"\n)\n'
    assert lint(tmp_path, source) == [("AIC301", "train.py", 2)]


def test_a_docstring_mentioning_a_uri_is_not_a_reference(tmp_path: Path) -> None:
    source = (
        '"""Reads hf://datasets/acme/reviews."""\n\n\ndef f():\n    """See hf://datasets/a/b."""\n'
    )
    assert lint(tmp_path, source) == []


# ---------------------------------------------------------------------------- strict, floating


def test_a_tag_pins_outside_strict_mode(tmp_path: Path) -> None:
    source = "from datasets import load_dataset\nload_dataset('imdb', revision='v1.0-clean')\n"
    assert lint(tmp_path, source) == []


def test_strict_mode_counts_a_tag_as_floating(tmp_path: Path) -> None:
    source = "from datasets import load_dataset\nload_dataset('imdb', revision='v1.0-clean')\n"
    assert lint(tmp_path, source, "[tool.aiconv.datasets]\nstrict = true\n") == [
        ("AIC303", "train.py", 2)
    ]
    assert "strict mode counts as floating" in messages(tmp_path)[0]


@pytest.mark.parametrize(
    "source",
    [
        f"from datasets import load_dataset\nload_dataset('imdb', revision='{SHA}')\n",
        "from deltalake import DeltaTable\nDeltaTable('s3://acme/tables/events', version=3)\n",
        "import tensorflow_datasets as tfds\ntfds.load('mnist:3.0.1')\n",
        "import wandb\nwandb.use_artifact('labels:v3')\n",
        "uri = 'models:/reviews/3'\n",
    ],
    ids=["commit-sha", "delta-version", "tfds-exact", "wandb-version", "mlflow-version"],
)
def test_strict_mode_accepts_shas_and_version_numbers(tmp_path: Path, source: str) -> None:
    assert lint(tmp_path, source, "[tool.aiconv.datasets]\nstrict = true\n") == []


@pytest.mark.parametrize(
    "source",
    [
        "uri = 'hf://datasets/acme/reviews@v1.0/train.csv'\n",
        "from datasets import load_dataset\nload_dataset('imdb', revision='v2')\n",
        "import dvc.api\ndvc.api.read('d.csv', repo='https://github.com/a/b', rev='2024-06-01')\n",
        "import wandb\nwandb.use_artifact('labels:best')\n",
        "import tensorflow_datasets as tfds\ntfds.load('mnist:3.*.*')\n",
    ],
    ids=["hf-uri-tag", "hub-revision-named-like-a-version", "dvc-tag", "wandb-custom-alias",
         "tfds-major-version"],
)  # fmt: skip
def test_strict_mode_reports_tags_and_aliases_that_default_mode_accepts(
    tmp_path: Path, source: str
) -> None:
    line = source.count("\n")
    assert lint(tmp_path, source) == []
    assert lint(tmp_path, source, "[tool.aiconv.datasets]\nstrict = true\n") == [
        ("AIC303", "train.py", line)
    ]


def test_configured_floating_aliases_replace_the_default_list(tmp_path: Path) -> None:
    source = (
        "from datasets import load_dataset\nload_dataset('a', revision='main')\n"
        "load_dataset('b', revision='Prod')\n"
    )
    config = '[tool.aiconv.datasets]\nfloating = ["prod"]\n'
    assert lint(tmp_path, source, config) == [("AIC303", "train.py", 3)]


# ---------------------------------------------------------------------------- exemptions


@pytest.mark.parametrize(
    "call",
    [
        "load_dataset('./data/reviews')",
        "load_dataset('/srv/data/reviews')",
        "load_dataset('data/reviews/train')",
        "load_dataset('train.jsonl')",
        "load_dataset(f'{DATA_DIR}/reviews/train')",
        "load_dataset(str(DATA_DIR / 'reviews'))",
        "load_dataset(os.path.join(root, 'reviews'))",
        "load_dataset('csv', data_files='data/train.csv')",
        "load_dataset('imagefolder', data_dir='images/')",
    ],
    ids=["dot-relative", "absolute", "three-segments", "file", "f-string-dir",
         "pathlib", "os-path-join", "csv-builder", "imagefolder-builder"],
)  # fmt: skip
def test_local_paths_and_packaged_builders_are_not_hub_datasets(tmp_path: Path, call: str) -> None:
    source = f"import os\nfrom datasets import load_dataset\n{call}\n"
    assert lint(tmp_path, source) == []


def test_the_data_files_of_a_packaged_builder_are_judged_as_uris(tmp_path: Path) -> None:
    source = (
        "from datasets import load_dataset\n"
        "load_dataset('parquet', data_files='hf://datasets/acme/reviews/train.parquet')\n"
    )
    assert lint(tmp_path, source) == [("AIC301", "train.py", 2)]


def test_a_hub_id_with_data_files_is_still_a_hub_dataset(tmp_path: Path) -> None:
    source = "from datasets import load_dataset\nload_dataset('acme/reviews', data_files='a.csv')\n"
    assert lint(tmp_path, source) == [("AIC302", "train.py", 2)]


@pytest.mark.parametrize(
    "source",
    [
        "from torchvision.datasets import MNIST\nMNIST('data', download=True)\n",
        "from tensorflow import keras\nkeras.datasets.mnist.load_data()\n",
        "import keras\nkeras.datasets.cifar10.load_data()\n",
        "from sklearn.datasets import load_iris\nload_iris()\n",
        "from sklearn import datasets\ndatasets.fetch_20newsgroups()\n",
    ],
    ids=["torchvision", "tf-keras", "keras", "sklearn-load", "sklearn-fetch-bundled"],
)
def test_bundled_datasets_are_versioned_by_the_library_pin(tmp_path: Path, source: str) -> None:
    assert lint(tmp_path, source) == []


@pytest.mark.parametrize(
    "source",
    [
        "df.to_parquet('s3://acme/datasets/out/train.parquet')\n",
        "df.write.mode('overwrite').parquet('s3://acme/datasets/out/')\n",
        "from deltalake import write_deltalake\nwrite_deltalake('s3://acme/datasets/t', df)\n",
        "with open('/mnt/datasets/out.csv', 'w') as f:\n    f.write('x')\n",
        "import mlflow\nmlflow.log_artifact('model.pt', 's3://acme/datasets/runs/1')\n",
        "OUT = 's3://acme/datasets/predictions/'\n\n\ndef save(df):\n    df.to_csv(OUT)\n",
    ],
    ids=["to_parquet", "spark-write", "write_deltalake", "open-for-writing", "log_artifact",
         "constant-written"],
)  # fmt: skip
def test_write_destinations_are_not_references(tmp_path: Path, source: str) -> None:
    assert lint(tmp_path, source, PATTERNS) == []


def test_a_file_opened_for_reading_is_a_reference(tmp_path: Path) -> None:
    assert lint(tmp_path, "open('/mnt/datasets/reviews.csv')\n", PATTERNS) == [
        ("AIC301", "train.py", 1)
    ]


@pytest.mark.parametrize(
    "call",
    [
        "hf_hub_download('acme/bert', 'config.json')",
        "hf_hub_download('acme/bert', 'config.json', repo_type='model')",
        "snapshot_download('acme/bert')",
        "hf_hub_download('acme/x', 'f.csv', repo_type=kind)",
    ],
    ids=["no-repo-type", "model", "snapshot", "repo-type-unknown"],
)
def test_model_repositories_are_not_datasets(tmp_path: Path, call: str) -> None:
    source = f"from huggingface_hub import hf_hub_download, snapshot_download\n{call}\n"
    assert lint(tmp_path, source) == []


@pytest.mark.parametrize(
    "call",
    ["dvc.api.read('data/train.csv')", "dvc.api.open('data/train.csv', repo='../data-registry')"],
    ids=["current-project", "local-repository"],
)
def test_dvc_reads_of_a_local_repository_are_pinned_by_its_lock_file(
    tmp_path: Path, call: str
) -> None:
    assert lint(tmp_path, f"import dvc.api\n{call}\n") == []


def test_a_delta_table_pinned_later_by_load_as_version_is_not_reported(tmp_path: Path) -> None:
    source = (
        "from deltalake import DeltaTable\ntable = DeltaTable('s3://acme/tables/events')\n"
        "table.load_as_version(7)\n"
        "other = DeltaTable('s3://acme/tables/users').load_with_datetime('2024-06-01')\n"
    )
    assert lint(tmp_path, source) == []


def test_a_loaders_own_uri_argument_is_judged_once_by_the_loader(tmp_path: Path) -> None:
    source = "import polars as pl\nTABLE = 's3://acme/datasets/events'\npl.read_delta(TABLE)\n"
    assert lint(tmp_path, source, PATTERNS) == [("AIC302", "train.py", 3)]


def test_a_spark_read_that_is_not_delta_is_not_a_loader(tmp_path: Path) -> None:
    source = "spark.read.format('parquet').load('/lake/events')\njson.load(handle)\n"
    assert lint(tmp_path, source) == []


def test_a_file_without_any_dataset_word_is_not_visited(tmp_path: Path) -> None:
    # `load_dataset` shadowed nowhere, but the file text holds no trigger word either way.
    assert lint(tmp_path, "def train(model):\n    return model.fit()\n") == []


# ---------------------------------------------------------------------------- docs


def test_the_aic302_page_lists_the_catalogue_as_the_code_has_it() -> None:
    page = ruledocs.load_all()["AIC302"].sections["What it flags"]
    rows = [line for line in page.splitlines() if line.startswith("| `")]
    assert rows == doc_rows()


def test_explain_aic302_lists_every_catalogued_loader(tmp_path: Path) -> None:
    result = run(["explain", "AIC302"], tmp_path)
    assert result.exit_code == 0
    for loader in BUILT_IN:
        assert re.search(rf"\| `[^`]*{re.escape(loader.function)}`", result.stdout), loader


# ---------------------------------------------------------------------------- the standard library


def test_the_standard_library_loads_no_dataset_and_nothing_crashes(tmp_path: Path) -> None:
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    for package in ("json", "urllib"):
        shutil.copytree(
            stdlib / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    # A loader named `import` makes every file pass the cheap text check, and a uri-pattern
    # makes every string literal go through the URI grammars: the whole analysis runs.
    config = PATTERNS + LOADER.replace("acme.data.load_table", "acme.data.import")
    write(tmp_path, {"pyproject.toml": config})
    result = run(
        ["lint", "--format", "json", "--no-cache", "--select", "AIC3", "--jobs", "1"], tmp_path
    )
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.json()["summary"]["files"] > 10
