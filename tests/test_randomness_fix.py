"""The AIC402 and AIC403 fixes: the seed argument each API needs, inserted only where safe."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import libcst as cst
import pytest
from conftest import Result, run, write

SEED_CONFIG = '[tool.aiconv]\nseed-expression = "SEED"\n'


def fix(root: Path, source: str, config: str = SEED_CONFIG, select: str = "AIC4") -> Result:
    """Write train.py, run `aiconv lint --fix` on it once, and return the run."""
    write(root, {"pyproject.toml": config})
    (root / "train.py").write_text(textwrap.dedent(source).lstrip("\n"), encoding="utf-8")
    return run(["lint", "--fix", "--format", "json", "--no-cache", "--select", select], root)


def fixed(root: Path, source: str, config: str = SEED_CONFIG, select: str = "AIC4") -> str:
    """train.py after one `--fix`, checked to parse."""
    result = fix(root, source, config, select)
    assert result.exit_code in (0, 1), result.stderr
    text = (root / "train.py").read_text(encoding="utf-8")
    cst.parse_module(text)
    ast.parse(text)
    return text


# One line of code per API kind: (setup, the call before, the call after).
KINDS = {
    "default_rng": ("import numpy as np", "rng = np.random.default_rng()",
                    "rng = np.random.default_rng(SEED)"),
    "default_rng-none": ("import numpy as np", "rng = np.random.default_rng(seed=None)",
                         "rng = np.random.default_rng(seed=SEED)"),
    "random-state": ("from numpy.random import RandomState", "state = RandomState(None)",
                     "state = RandomState(SEED)"),
    "bit-generator": ("import numpy as np", "bits = np.random.PCG64()",
                      "bits = np.random.PCG64(SEED)"),
    "random": ("import random", "picker = random.Random()", "picker = random.Random(SEED)"),
    "torch-generator": ("import torch", "g = torch.Generator(device='cpu')",
                        "g = torch.Generator(device='cpu').manual_seed(SEED)"),
    "tf-generator": ("import tensorflow as tf",
                     "g = tf.random.Generator.from_non_deterministic_state(alg='philox')",
                     "g = tf.random.Generator.from_seed(SEED, alg='philox')"),
    "sklearn": ("from sklearn.ensemble import RandomForestClassifier",
                "model = RandomForestClassifier(n_estimators=10)",
                "model = RandomForestClassifier(n_estimators=10, random_state=SEED)"),
    "sklearn-none": ("from sklearn.cluster import KMeans", "km = KMeans(8, random_state=None)",
                     "km = KMeans(8, random_state=SEED)"),
    "splitter": ("from sklearn.model_selection import KFold", "folds = KFold(5, shuffle=True)",
                 "folds = KFold(5, shuffle=True, random_state=SEED)"),
    "pandas": ("import pandas as pd", "rows = frame.sample(frac=1)",
               "rows = frame.sample(frac=1, random_state=SEED)"),
    "hf-shuffle": ("from datasets import load_dataset\nds = load_dataset('a/b', revision='v1')",
                   "ds = ds.shuffle()", "ds = ds.shuffle(seed=SEED)"),
    "tf-data": ("import tensorflow as tf",
                "ds = tf.data.Dataset.range(10).shuffle(10)",
                "ds = tf.data.Dataset.range(10).shuffle(10, seed=SEED)"),
    "random-split": ("import torch\nfrom torch.utils.data import random_split",
                     "train, test = random_split(ds, [8, 2])",
                     "train, test = random_split(ds, [8, 2], "
                     "generator=torch.Generator().manual_seed(SEED))"),
    "sampler-none": ("import torch\nfrom torch.utils.data import RandomSampler",
                     "sampler = RandomSampler(ds, generator=None)",
                     "sampler = RandomSampler(ds, generator=torch.Generator().manual_seed(SEED))"),
}  # fmt: skip


@pytest.mark.parametrize("kind", KINDS)
def test_the_fix_inserts_the_seed_argument_each_api_needs(tmp_path: Path, kind: str) -> None:
    setup, before, after = KINDS[kind]
    text = fixed(tmp_path, f"{setup}\nSEED = 1234\n{before}\n")
    assert text == f"{setup}\nSEED = 1234\n{after}\n"


@pytest.mark.parametrize("kind", KINDS)
def test_a_second_fix_changes_nothing(tmp_path: Path, kind: str) -> None:
    setup, before, _ = KINDS[kind]
    first = fixed(tmp_path, f"{setup}\nSEED = 1234\n{before}\n")
    result = run(["lint", "--fix", "--format", "json", "--no-cache", "--select", "AIC4"], tmp_path)
    assert result.json()["summary"]["fixed"] == 0
    assert (tmp_path / "train.py").read_text(encoding="utf-8") == first


def test_the_default_seed_expression_is_zero(tmp_path: Path) -> None:
    text = fixed(tmp_path, "import random\nrng = random.Random()\n", "[tool.aiconv]\n")
    assert text == "import random\nrng = random.Random(0)\n"


def test_a_multi_line_call_keeps_one_argument_a_line(tmp_path: Path) -> None:
    source = """
    from sklearn.model_selection import train_test_split
    from acme import SEED

    train, test = train_test_split(
        frame,
        test_size=0.2,
    )
    """
    assert fixed(tmp_path, source).splitlines()[3:] == [
        "train, test = train_test_split(",
        "    frame,",
        "    test_size=0.2,",
        "    random_state=SEED,",
        ")",
    ]


def test_a_seed_expression_bound_in_the_function_is_inserted_there(tmp_path: Path) -> None:
    source = """
    from sklearn.model_selection import train_test_split

    def split(frame, cfg):
        return train_test_split(frame)

    whole = train_test_split(frame)
    """
    config = '[tool.aiconv]\nseed-expression = "cfg.seed"\n'
    result = fix(tmp_path, source, config)
    text = (tmp_path / "train.py").read_text(encoding="utf-8")
    assert "return train_test_split(frame, random_state=cfg.seed)" in text
    assert "whole = train_test_split(frame)\n" in text  # no `cfg` at module level: no fix
    assert [(v["code"], v["line"], v["fixable"]) for v in result.json()["violations"]] == [
        ("AIC403", 6, False)
    ]


def test_no_fix_inserts_a_name_the_file_does_not_define(tmp_path: Path) -> None:
    source = "import numpy as np\nrng = np.random.default_rng()\n"
    result = fix(tmp_path, source)
    assert (tmp_path / "train.py").read_text(encoding="utf-8") == source
    violation = result.json()["violations"][0]
    assert (violation["code"], violation["fixable"]) == ("AIC402", False)


def test_no_torch_generator_is_inserted_where_the_file_does_not_bind_torch(
    tmp_path: Path,
) -> None:
    source = (
        "from torch.utils.data import random_split\nSEED = 1\nparts = random_split(ds, [8, 2])\n"
    )
    result = fix(tmp_path, source)
    assert (tmp_path / "train.py").read_text(encoding="utf-8") == source
    assert [(v["code"], v["fixable"]) for v in result.json()["violations"]] == [("AIC403", False)]


@pytest.mark.parametrize(
    "source",
    [
        "from sklearn.model_selection import KFold\nSEED = 1\nfolds = KFold(5)\n",
        "from sklearn.model_selection import train_test_split\nSEED = 1\n"
        "parts = train_test_split(x, shuffle=False)\n",
        "from datasets import load_dataset\nSEED = 1\nds = load_dataset('a/b', revision='v1')\n"
        "ds = ds.shuffle(generator=g)\n",
        "from sklearn.ensemble import RandomForestClassifier\nSEED = 1\n"
        "def build(**options):\n    return RandomForestClassifier(**options)\n",
        "import numpy as np\nSEED = 1\nrng = np.random.default_rng(*seeds)\n",
        "import torch\nSEED = 1\ng = torch.Generator()\ng.manual_seed(2)\n",
    ],
    ids=["non-shuffling-splitter", "no-shuffle", "generator-given", "kwargs", "star-args",
         "seeded-later"],
)  # fmt: skip
def test_nothing_is_changed_where_inserting_could_raise(tmp_path: Path, source: str) -> None:
    result = fix(tmp_path, source)
    assert result.json()["violations"] == []
    assert (tmp_path / "train.py").read_text(encoding="utf-8") == source


def test_nested_calls_are_both_fixed_and_counted_once(tmp_path: Path) -> None:
    source = """
    from sklearn.ensemble import BaggingClassifier
    from sklearn.tree import DecisionTreeClassifier
    SEED = 1
    model = BaggingClassifier(DecisionTreeClassifier())
    """
    result = fix(tmp_path, source)
    assert result.json()["summary"]["fixed"] == 2
    assert (tmp_path / "train.py").read_text(encoding="utf-8").splitlines()[-1] == (
        "model = BaggingClassifier(DecisionTreeClassifier(random_state=SEED), random_state=SEED)"
    )


def test_a_seed_fix_and_a_rename_inside_the_call_are_both_applied(tmp_path: Path) -> None:
    source = """
    from sklearn.model_selection import train_test_split
    SEED = 1

    def split(frame):
        train_ds = frame.copy()
        return train_test_split(train_ds)
    """
    config = SEED_CONFIG + '[tool.aiconv.terminology.terms]\ndataset = ["ds"]\n'
    result = fix(tmp_path, source, config, select="AIC101,AIC403")
    assert result.json()["summary"]["fixed"] == 2
    text = (tmp_path / "train.py").read_text(encoding="utf-8")
    assert "return train_test_split(train_dataset, random_state=SEED)" in text


def test_diff_shows_the_fix_and_changes_nothing(tmp_path: Path) -> None:
    source = "import numpy as np\nSEED = 1\nrng = np.random.default_rng()\n"
    write(tmp_path, {"pyproject.toml": SEED_CONFIG, "train.py": source})
    result = run(["lint", "--diff", "--no-cache", "--select", "AIC402"], tmp_path)
    assert result.exit_code == 1
    assert "+rng = np.random.default_rng(SEED)" in result.stdout
    assert (tmp_path / "train.py").read_text(encoding="utf-8") == source


def test_the_report_says_what_the_fix_inserts(tmp_path: Path) -> None:
    source = "import numpy as np\nSEED = 1\nrng = np.random.default_rng()\n"
    write(tmp_path, {"pyproject.toml": SEED_CONFIG, "train.py": source})
    result = run(["lint", "--no-cache", "--select", "AIC402"], tmp_path)
    assert "fix: insert `SEED`" in result.stdout
