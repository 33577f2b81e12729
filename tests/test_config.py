"""Configuration (SPEC §2): discovery, `--config`, defaults, and every validation error."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import GLOSSARY, run, write

DS = "ds = 1\n"  # one AIC101 under GLOSSARY
OTHER_GLOSSARY = '[tool.aiconv.terminology.terms]\nmodel = ["mdl"]\n'


# ---------------------------------------------------------------------------- discovery


def test_the_config_is_found_in_a_parent_folder_which_becomes_the_root(tmp_path: Path) -> None:
    write(tmp_path, {"pyproject.toml": GLOSSARY, "pkg/sub/train.py": DS})
    result = run(["lint", "--format", "json"], tmp_path / "pkg" / "sub")
    assert result.found() == [("AIC101", "pkg/sub/train.py", 1)]


def test_a_pyproject_without_an_aiconv_table_is_skipped_and_the_search_goes_up(
    tmp_path: Path,
) -> None:
    write(
        tmp_path,
        {
            "pyproject.toml": GLOSSARY,
            "pkg/pyproject.toml": "[project]\nname = 'pkg'\n[tool.ruff]\nline-length = 99\n",
            "pkg/train.py": DS,
        },
    )
    result = run(["lint", "--format", "json"], tmp_path / "pkg")
    assert result.found() == [("AIC101", "pkg/train.py", 1)]


def test_an_aiconv_toml_holds_the_same_keys_at_the_top_level(tmp_path: Path) -> None:
    write(tmp_path, {"aiconv.toml": GLOSSARY.replace("tool.aiconv.", ""), "train.py": DS})
    result = run(["lint", "--format", "json"], tmp_path)
    assert result.found() == [("AIC101", "train.py", 1)]


def test_the_nearest_config_wins_over_one_further_up(tmp_path: Path) -> None:
    nearer = '[tool.aiconv.terminology.terms]\nlearning_rate = ["lr"]\n'
    write(
        tmp_path,
        {"pyproject.toml": GLOSSARY, "pkg/pyproject.toml": nearer, "pkg/train.py": "ds = lr = 1\n"},
    )
    result = run(["lint", "--format", "json"], tmp_path / "pkg")
    assert [(path, line) for _, path, line in result.found()] == [("train.py", 1)]
    assert '"lr"' in result.json()["violations"][0]["message"]


def test_discovery_starts_from_the_first_path_not_the_working_folder(tmp_path: Path) -> None:
    write(
        tmp_path, {"project/pyproject.toml": GLOSSARY, "project/src/train.py": DS, "elsewhere/": ""}
    )
    target = str(tmp_path / "project" / "src" / "train.py")
    result = run(["lint", "--format", "json", target], tmp_path / "elsewhere")
    assert result.found() == [("AIC101", "src/train.py", 1)]


def test_config_file_option_replaces_discovery(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "pyproject.toml": OTHER_GLOSSARY,
            "ci/aiconv.toml": GLOSSARY.replace("tool.aiconv.", ""),
            "ci/train.py": "ds = mdl = 1\n",
        },
    )
    result = run(["lint", "--format", "json", "--config", "ci/aiconv.toml", "ci"], tmp_path)
    assert result.exit_code == 1
    messages = [v["message"] for v in result.json()["violations"]]
    assert len(messages) == 1 and '"ds"' in messages[0]


def test_config_file_option_reads_top_level_keys_from_a_file_of_any_name(tmp_path: Path) -> None:
    write(tmp_path, {"team.toml": GLOSSARY.replace("tool.aiconv.", ""), "train.py": DS})
    result = run(["lint", "--format", "json", "--config", "team.toml"], tmp_path)
    assert result.found() == [("AIC101", "train.py", 1)]


def test_config_file_option_with_a_missing_file_is_exit_2(tmp_path: Path) -> None:
    result = run(["lint", "--config", "nowhere.toml"], tmp_path)
    assert result.exit_code == 2
    assert "nowhere.toml: no such config file" in result.stderr


def test_without_any_config_the_defaults_apply_and_the_working_folder_is_the_root(
    tmp_path: Path,
) -> None:
    # The default rule set has no glossary: `ds` is fine, a syntax error is not.
    write(tmp_path, {"work/pkg/bad.py": "def f(:\n", "work/pkg/ok.py": DS})
    result = run(["lint", "--format", "json", str(tmp_path / "work" / "pkg")], tmp_path / "work")
    assert result.found() == [("AIC001", "pkg/bad.py", 1)]


def test_an_aiconv_toml_wins_over_a_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "pyproject.toml": OTHER_GLOSSARY,
            "aiconv.toml": GLOSSARY.replace("tool.aiconv.", ""),
            "train.py": "mdl = ds = 1\n",
        },
    )
    result = run(["lint", "--format", "json"], tmp_path)
    messages = [v["message"] for v in result.json()["violations"]]
    assert len(messages) == 1 and '"ds"' in messages[0]


# ---------------------------------------------------------------------------- valid configs

SPEC_EXAMPLE = r"""
[tool.aiconv]
src = ["src", "."]          # source roots: a file's module name is its path under the first root that holds it
exclude = ["build/", "third_party/"]   # gitignore-style, added to the defaults (.git, virtualenvs, caches, .gitignore'd files)
select = ["AIC"]            # codes or prefixes to enable; the default is the default rule set (section 3)
ignore = []
seed-expression = "SEED"    # source text that seed fixes insert (see below)

[tool.aiconv.per-file-ignores]
"tests/**" = ["AIC4"]

[tool.aiconv.terminology]
comments = false            # also check comments and docstrings (AIC103)
allow = []                  # identifiers never flagged, exactly as written

[tool.aiconv.terminology.terms]     # preferred term = [words and phrases to avoid]
dataset = ["data_set", "ds"]
checkpoint = ["ckpt"]
hyperparameters = ["hparams", "hyper_params"]
learning_rate = ["lr"]

[tool.aiconv.terminology.definitions]   # optional, shown by `aiconv guide` and in messages
dataset = "A named, versioned collection of examples; never a loose file."

[tool.aiconv.layout]
required = ["README.md", "tests/"]            # globs; a trailing / means a folder
forbidden = ["**/*.ckpt", "**/*.pt", "data/raw/**"]
max-file-size = "5 MB"                        # any file larger is AIC205; absent: no limit

[tool.aiconv.layout.placement]                # file glob = folders where such files may live
"*.ipynb" = ["notebooks/"]
"*.csv" = ["data/", "tests/fixtures/"]

[tool.aiconv.layout.naming]                   # path glob = style
"src/**/*.py" = "snake_case"                  # snake_case, kebab-case, camelCase, PascalCase, lowercase, or "regex:PATTERN" (matched against the file name)
"notebooks/*.ipynb" = "regex:^[0-9]{2}-[a-z0-9-]+\\.ipynb$"

[tool.aiconv.datasets]
uri-patterns = ["s3://*/datasets/**", "gs://acme-data/**"]    # the team's own dataset locations: string literals matching these are dataset references
version-pattern = "(^|/)v[0-9]+(/|$)|@[0-9a-f]{7,40}|(^|/)[0-9]{4}-[0-9]{2}-[0-9]{2}(/|$)|[?&]versionId=|/versions/[0-9]+"   # what pins a uri-patterns match (regex)
floating = ["latest", "main", "master", "head", "current", "stable", "newest", "active", "production", "staging"]   # aliases that are never pins
strict = false                                # true: only immutable pins count (commit SHAs, version numbers), not tags

[[tool.aiconv.datasets.loaders]]              # the team's own loaders, added to the built-in catalogue
function = "acme.data.load_table"             # fully qualified name
version-arg = "version"                       # keyword that carries the version
version-position = 1                          # optional: 0-based position that may carry it instead

[tool.aiconv.randomness]
seed-functions = ["acme.utils.seed_everything"]   # added to the built-in seeders (a project function that calls a seeder is one too)
entrypoints = ["scripts/*.py", "src/acme/train*.py"]   # added to files holding `if __name__ == "__main__":` and to notebooks
test-files = ["tests/**", "**/test_*.py", "**/*_test.py", "**/conftest.py"]   # the default: exempt from AIC401 and AIC405; [] checks them too

[tool.aiconv.boundaries]
type-checking-imports = false                 # count imports under `if TYPE_CHECKING:`

[[tool.aiconv.boundaries.contracts]]
name = "training never imports serving"
kind = "forbidden"
from = ["acme.training"]                      # modules and all their submodules
to = ["acme.serving", "fastapi"]              # project modules, or external top-level packages (direct imports only)
indirect = true                               # chains through other project modules count (default true)
ignore = ["acme.training.export -> acme.serving.schema"]   # importer -> imported, * wildcards per dotted part

[[tool.aiconv.boundaries.contracts]]
name = "layers"
kind = "layers"                               # each layer may import the layers below it, never above
layers = ["acme.serving", "acme.training | acme.evaluation", "acme.models", "acme.data"]   # "a | b": siblings that must not import each other

[[tool.aiconv.boundaries.contracts]]
name = "models stay independent"
kind = "independent"
modules = ["acme.models.bert", "acme.models.gpt"]
"""  # noqa: E501  (verbatim from the SPEC, comments and all)

# The packages the example's contracts name, so that no contract names a missing module.
ACME = {
    f"src/acme/{name}/__init__.py": ""
    for name in ("training", "serving", "evaluation", "models", "models/bert", "models/gpt", "data")
}
ACME.update(
    {
        "src/acme/__init__.py": "",
        "src/acme/utils.py": "def seed_everything(seed):\n    return seed\n",
        "src/acme/training/export.py": "",
        "src/acme/serving/schema.py": "",
        "README.md": "# acme\n",
        "tests/test_nothing.py": "",
    }
)


def _as_aiconv_toml(pyproject: str) -> str:
    """The same settings written as aiconv.toml: `[tool.aiconv.x]` becomes `[x]`."""
    text = pyproject.replace("[tool.aiconv]\n", "")
    return re.sub(r"^(\[\[?)tool\.aiconv\.", r"\1", text, flags=re.MULTILINE)


@pytest.mark.parametrize("name", ["pyproject.toml", "aiconv.toml"])
def test_the_spec_example_configuration_loads(tmp_path: Path, name: str) -> None:
    text = SPEC_EXAMPLE if name == "pyproject.toml" else _as_aiconv_toml(SPEC_EXAMPLE)
    write(tmp_path, {name: text, **ACME})
    listed = run(["rules", "--format", "json"], tmp_path)
    assert listed.exit_code == 0, listed.stderr
    linted = run(["lint", "--format", "json"], tmp_path)
    assert linted.exit_code in (0, 1), linted.stderr
    assert "error" not in linted.stderr


def test_the_spec_example_glossary_is_the_one_in_use(tmp_path: Path) -> None:
    write(tmp_path, {"pyproject.toml": SPEC_EXAMPLE, **ACME, "src/acme/data/load.py": DS})
    result = run(
        ["lint", "--format", "json", "--select", "AIC101", "src/acme/data/load.py"], tmp_path
    )
    assert result.found() == [("AIC101", "src/acme/data/load.py", 1)]


# ---------------------------------------------------------------------------- errors

# (aiconv.toml text, key path without the `tool.aiconv.` prefix, part of the expectation)
BAD_CONFIGS = [
    # top level
    ("bogus = 1\n", "bogus", "unknown key"),
    ("slect = ['AIC1']\n", "slect", "did you mean 'select'?"),
    ("src = 'src'\n", "src", "expected an array of strings, got a string"),
    ("src = ['src', 3]\n", "src[1]", "expected a string, got an integer"),
    ("exclude = ['!']\n", "exclude[0]", "expected a gitignore-style pattern"),
    ("select = ['AIC1', 'AIC9']\n", "select[1]", "expected a rule code or prefix"),
    ("ignore = 'AIC101'\n", "ignore", "expected an array of strings"),
    ("seed-expression = 'cfg.'\n", "seed-expression", "expected a Python expression"),
    ("seed-expression = 0\n", "seed-expression", "expected a string, got an integer"),
    # per-file-ignores
    ("per-file-ignores = ['tests/**']\n", "per-file-ignores", "expected a table, got an array"),
    (
        "[per-file-ignores]\n'tests/**' = 'AIC4'\n",
        'per-file-ignores."tests/**"',
        "expected an array",
    ),
    (
        "[per-file-ignores]\n'tests/**' = ['AIC4', 'AIC77']\n",
        'per-file-ignores."tests/**"[1]',
        "expected a rule code or prefix",
    ),
    ("[per-file-ignores]\n'!' = ['AIC1']\n", 'per-file-ignores."!"', "expected a gitignore-style"),
    # terminology
    ("[terminology]\ncomment = true\n", "terminology.comment", "did you mean 'comments'?"),
    ("[terminology]\ncomments = 'yes'\n", "terminology.comments", "expected true or false"),
    ("[terminology]\nallow = 'train_ds'\n", "terminology.allow", "expected an array of strings"),
    ("[terminology.terms]\ndataset = 'ds'\n", "terminology.terms.dataset", "expected an array"),
    (
        "[terminology.terms]\ndataset = ['ds', 7]\n",
        "terminology.terms.dataset[1]",
        "expected a string, got an integer",
    ),
    (
        "[terminology.terms]\ndataset = ['ds']\n[terminology.definitions]\ndatset = 'x'\n",
        "terminology.definitions.datset",
        "did you mean 'dataset'?",
    ),
    ("terminology = []\n", "terminology", "expected a table, got an array"),
    # layout
    ("[layout]\nrequire = ['README.md']\n", "layout.require", "did you mean 'required'?"),
    ("[layout]\nrequired = 'README.md'\n", "layout.required", "expected an array of strings"),
    ("[layout]\nforbidden = ['\\']\n", "layout.forbidden[0]", "expected a gitignore-style"),
    (
        "[layout]\nmax-file-size = '5 XB'\n",
        "layout.max-file-size",
        'expected a size such as "500 KB"',
    ),
    ("[layout]\nmax-file-size = -1\n", "layout.max-file-size", "expected a size"),
    ("[layout.placement]\n'*.csv' = 'data/'\n", 'layout.placement."*.csv"', "expected an array"),
    (
        "[layout.naming]\n'src/**/*.py' = 'snakecase'\n",
        'layout.naming."src/**/*.py"',
        "expected one of snake_case, kebab-case, camelCase, PascalCase, lowercase",
    ),
    (
        "[layout.naming]\n'*.py' = 'regex:(['\n",
        'layout.naming."*.py"',
        "expected a valid regular expression",
    ),
    ("[layout.naming]\n'*.py' = 1\n", 'layout.naming."*.py"', "expected a naming style"),
    # datasets
    ("[datasets]\nuri-pattern = []\n", "datasets.uri-pattern", "did you mean 'uri-patterns'?"),
    ("[datasets]\nstrict = 'no'\n", "datasets.strict", "expected true or false, got a string"),
    ("[datasets]\nfloating = 'latest'\n", "datasets.floating", "expected an array of strings"),
    (
        "[datasets]\nversion-pattern = '(v[0-9]+'\n",
        "datasets.version-pattern",
        "expected a valid regular expression",
    ),
    ("[datasets]\nloaders = 'acme.load'\n", "datasets.loaders", "expected an array of tables"),
    ("[[datasets.loaders]]\nversion-arg = 'version'\n", "datasets.loaders[0].function", "missing"),
    (
        "[[datasets.loaders]]\nfunction = 'acme.load'\nversion-arg = 'v'\nverison-position = 1\n",
        "datasets.loaders[0].verison-position",
        "did you mean 'version-position'?",
    ),
    (
        "[[datasets.loaders]]\nfunction = 'acme.load'\nversion-arg = 'v'\n"
        "[[datasets.loaders]]\nfunction = 'acme.read'\nversion-arg = 3\n",
        "datasets.loaders[1].version-arg",
        "expected a string, got an integer",
    ),
    (
        "[[datasets.loaders]]\nfunction = 'acme load'\nversion-arg = 'v'\n",
        "datasets.loaders[0].function",
        "expected a fully qualified name",
    ),
    (
        "[[datasets.loaders]]\nfunction = 'acme.load'\nversion-arg = 'v'\nversion-position = -1\n",
        "datasets.loaders[0].version-position",
        "expected a 0-based position",
    ),
    # randomness
    ("[randomness]\nentrypoint = []\n", "randomness.entrypoint", "did you mean 'entrypoints'?"),
    ("[randomness]\nentrypoints = 'scripts/*.py'\n", "randomness.entrypoints", "expected an array"),
    (
        "[randomness]\nseed-functions = ['acme.utils.seed everything']\n",
        "randomness.seed-functions[0]",
        "expected a dotted function name",
    ),
    ("[randomness]\ntest-files = [1]\n", "randomness.test-files[0]", "expected a string"),
    # boundaries
    ("[boundaries]\ncontract = []\n", "boundaries.contract", "did you mean 'contracts'?"),
    (
        "[boundaries]\ntype-checking-imports = 1\n",
        "boundaries.type-checking-imports",
        "expected true or false, got an integer",
    ),
    ("[boundaries]\ncontracts = {}\n", "boundaries.contracts", "expected an array of tables"),
    (
        "[[boundaries.contracts]]\nkind = 'forbidden'\nfrom = ['a']\nto = ['b']\n",
        "boundaries.contracts[0].name",
        "missing",
    ),
    (
        "[[boundaries.contracts]]\nname = 'x'\nfrom = ['a']\nto = ['b']\n",
        "boundaries.contracts[0].kind",
        "missing",
    ),
    (
        "[[boundaries.contracts]]\nname = 'x'\nkind = 'forbidden'\nfrom = ['a']\nto = ['b']\n"
        "bogus = 1\n",
        "boundaries.contracts[0].bogus",
        "unknown key",
    ),
    (
        "[[boundaries.contracts]]\nname = 'x'\nkind = 'forbid'\n",
        "boundaries.contracts[0].kind",
        "expected one of forbidden, layers, independent",
    ),
    (
        "[[boundaries.contracts]]\nname = 'x'\nkind = 'forbidden'\nfrom = ['a']\n",
        "boundaries.contracts[0].to",
        "missing",
    ),
    (
        "[[boundaries.contracts]]\nname = 'x'\nkind = 'forbidden'\nfrom = 'a'\nto = ['b']\n",
        "boundaries.contracts[0].from",
        "expected an array of strings",
    ),
    (
        "[[boundaries.contracts]]\nname = 'x'\nkind = 'forbidden'\nfrom = ['a-b']\nto = ['c']\n",
        "boundaries.contracts[0].from[0]",
        "expected a dotted module name",
    ),
    (
        "[[boundaries.contracts]]\nname = 'x'\nkind = 'forbidden'\nfrom = ['a']\nto = ['b']\n"
        "indirect = 'yes'\n",
        "boundaries.contracts[0].indirect",
        "expected true or false",
    ),
    (
        "[[boundaries.contracts]]\nname = 'x'\nkind = 'forbidden'\nfrom = ['a']\nto = ['b']\n"
        "ignore = ['a.x => b']\n",
        "boundaries.contracts[0].ignore[0]",
        'expected "importer -> imported"',
    ),
    (
        "[[boundaries.contracts]]\nname = 'x'\nkind = 'layers'\nlayers = ['a', 'b']\n"
        "from = ['a']\n",
        "boundaries.contracts[0].from",
        "not a key of a 'layers' contract",
    ),
    (
        "[[boundaries.contracts]]\nname = 'x'\nkind = 'layers'\nlayers = ['a']\n",
        "boundaries.contracts[0].layers",
        "expected at least two layers",
    ),
    (
        "[[boundaries.contracts]]\nname = 'x'\nkind = 'layers'\nlayers = ['a', 'b || c']\n",
        "boundaries.contracts[0].layers[1]",
        "expected dotted module names separated by |",
    ),
    (
        "[[boundaries.contracts]]\nname = 'x'\nkind = 'independent'\nmodules = ['a']\n",
        "boundaries.contracts[0].modules",
        "expected at least two modules",
    ),
    (
        "[[boundaries.contracts]]\nname = 'x'\nkind = 'independent'\nmodules = ['a', 'b']\n"
        "[[boundaries.contracts]]\nname = 'x'\nkind = 'independent'\nmodules = ['c', 'd']\n",
        "boundaries.contracts[1].name",
        "duplicate contract name",
    ),
    (
        "[[boundaries.contracts]]\nname = 'x'\nkind = 'independent'\nmodules = ['a', 'b']\n"
        "layers = ['a', 'b']\n",
        "boundaries.contracts[0].layers",
        "not a key of a 'independent' contract",
    ),
]


def _pyproject(aiconv_toml: str) -> str:
    """The same settings under `[tool.aiconv]` in pyproject.toml."""
    return "[tool.aiconv]\n" + re.sub(
        r"^(\[\[?)", r"\1tool.aiconv.", aiconv_toml, flags=re.MULTILINE
    )


def _assert_config_error(stderr: str, file: Path, key: str, expected: str) -> None:
    assert "Traceback" not in stderr
    message = stderr.strip()
    assert "\n\n" not in message, "one paragraph"
    assert f"{file}: {key}: " in message, message
    assert expected in message, message


@pytest.mark.parametrize(("text", "key", "expected"), BAD_CONFIGS, ids=[c[1] for c in BAD_CONFIGS])
def test_a_bad_value_in_pyproject_names_file_full_key_path_and_expectation(
    tmp_path: Path, text: str, key: str, expected: str
) -> None:
    write(tmp_path, {"pyproject.toml": _pyproject(text), "train.py": ""})
    result = run(["lint"], tmp_path)
    assert result.exit_code == 2
    _assert_config_error(result.stderr, tmp_path / "pyproject.toml", f"tool.aiconv.{key}", expected)


@pytest.mark.parametrize(("text", "key", "expected"), BAD_CONFIGS, ids=[c[1] for c in BAD_CONFIGS])
def test_a_bad_value_in_aiconv_toml_names_the_key_path_without_a_prefix(
    tmp_path: Path, text: str, key: str, expected: str
) -> None:
    write(tmp_path, {"aiconv.toml": text, "train.py": ""})
    result = run(["lint"], tmp_path)
    assert result.exit_code == 2
    _assert_config_error(result.stderr, tmp_path / "aiconv.toml", key, expected)


def test_a_bad_value_is_reported_by_every_command_that_reads_the_config(tmp_path: Path) -> None:
    write(tmp_path, {"pyproject.toml": _pyproject("bogus = 1\n")})
    result = run(["rules"], tmp_path)
    assert result.exit_code == 2
    _assert_config_error(result.stderr, tmp_path / "pyproject.toml", "tool.aiconv.bogus", "unknown")


def test_a_bad_value_in_a_file_given_with_config_names_that_file(tmp_path: Path) -> None:
    write(tmp_path, {"ci/team.toml": "[layout]\nmax-file-size = 'big'\n"})
    result = run(["lint", "--config", "ci/team.toml"], tmp_path)
    assert result.exit_code == 2
    _assert_config_error(
        result.stderr, tmp_path / "ci" / "team.toml", "layout.max-file-size", "expected a size"
    )


def test_tool_aiconv_that_is_not_a_table_is_exit_2(tmp_path: Path) -> None:
    write(tmp_path, {"pyproject.toml": "[tool]\naiconv = 1\n"})
    result = run(["lint"], tmp_path)
    assert result.exit_code == 2
    _assert_config_error(
        result.stderr,
        tmp_path / "pyproject.toml",
        "tool.aiconv",
        "expected a table, got an integer",
    )


@pytest.mark.parametrize("name", ["pyproject.toml", "aiconv.toml"])
def test_invalid_toml_is_exit_2_naming_the_file_and_the_position(tmp_path: Path, name: str) -> None:
    write(tmp_path, {name: "[tool.aiconv\nselect = ['AIC1']\n"})
    result = run(["lint"], tmp_path)
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    assert f"{tmp_path / name}: invalid TOML: " in result.stderr
    assert "line 1" in result.stderr


def test_invalid_toml_in_a_pyproject_without_aiconv_settings_is_still_an_error(
    tmp_path: Path,
) -> None:
    # Whether it holds [tool.aiconv] cannot be known without parsing it: say so, do not guess.
    write(tmp_path, {"pyproject.toml": "[project\n", "train.py": ""})
    result = run(["lint"], tmp_path)
    assert result.exit_code == 2
    assert "invalid TOML" in result.stderr


def test_a_config_file_starting_with_a_bom_is_read(tmp_path: Path) -> None:
    write(tmp_path, {"pyproject.toml": b"\xef\xbb\xbf" + GLOSSARY.encode(), "train.py": DS})
    result = run(["lint", "--format", "json"], tmp_path)
    assert result.found() == [("AIC101", "train.py", 1)]


def test_a_config_file_that_is_not_utf_8_is_exit_2(tmp_path: Path) -> None:
    write(tmp_path, {"aiconv.toml": b"# caf\xe9\nselect = ['AIC1']\n"})
    result = run(["lint"], tmp_path)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"aiconv: error: {tmp_path / 'aiconv.toml'}: cannot read")
