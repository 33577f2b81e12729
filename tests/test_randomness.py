"""Seeded randomness, per file (AIC402, AIC403, AIC404, AIC406), through the real CLI."""

from __future__ import annotations

import re
import shutil
import sysconfig
import textwrap
from pathlib import Path

import pytest
from conftest import run, write

from aiconv import ruledocs
from aiconv.catalogue.randomness import (
    GENERATORS,
    SEEDERS,
    draw_rows,
    entropy_rows,
    generator_rows,
    seeder_rows,
)
from aiconv.catalogue.seed_arguments import SEEDED_CALLS, seeded_call_rows
from aiconv.config import Settings
from aiconv.rules.randomness import UnseededRng

PER_FILE = "AIC402,AIC403,AIC404,AIC406"


def lint(root: Path, source: str, config: str = "", select: str = PER_FILE) -> list[tuple]:
    """Lint one file, train.py, with the per-file randomness rules; (code, path, line) found."""
    write(root, {"pyproject.toml": "[tool.aiconv]\n" + textwrap.dedent(config)})
    (root / "train.py").write_text(textwrap.dedent(source).lstrip("\n"), encoding="utf-8")
    result = run(["lint", "--format", "json", "--no-cache", "--select", select], root)
    assert result.exit_code in (0, 1), result.stderr
    return result.found()


def messages(root: Path, select: str = PER_FILE) -> list[str]:
    result = run(["lint", "--format", "json", "--no-cache", "--select", select], root)
    return [violation["message"] for violation in result.json()["violations"]]


# ---------------------------------------------------------------------------- AIC402


@pytest.mark.parametrize(
    "call",
    [constructor.function for constructor in GENERATORS if constructor.fix == "argument"],
)
def test_every_catalogued_generator_made_without_a_seed_is_reported(
    tmp_path: Path, call: str
) -> None:
    module, name = call.rsplit(".", 1)
    assert lint(tmp_path, f"from {module} import {name}\nrng = {name}()\n") == [
        ("AIC402", "train.py", 2)
    ]


@pytest.mark.parametrize(
    "source",
    [
        "import numpy as np\nrng = np.random.default_rng(None)\n",
        "import numpy as np\nrng = np.random.default_rng(seed=None)\n",
        "import numpy as np\nSEED = None\nrng = np.random.default_rng(SEED)\n",
        "import random\nrng = random.Random(None)\n",
    ],
    ids=["none", "none-keyword", "none-constant", "random-none"],
)
def test_a_generator_given_none_is_unseeded(tmp_path: Path, source: str) -> None:
    assert [code for code, _, _ in lint(tmp_path, source)] == ["AIC402"]


@pytest.mark.parametrize(
    "source",
    [
        "import numpy as np\nrng = np.random.default_rng(42)\n",
        "import numpy as np\nrng = np.random.default_rng(cfg.seed)\n",
        "import numpy as np\ndef f(seed):\n    return np.random.default_rng(seed)\n",
        "import numpy as np\nrng = np.random.Generator(np.random.PCG64(7))\n",
        "import numpy as np\nrng = np.random.default_rng(np.random.SeedSequence(7))\n",
        "import random\nrng = random.Random(7)\n",
        "import random\nrng = random.SystemRandom()\n",
        "def default_rng():\n    return 4\nrng = default_rng()\n",
        "import numpy as np\nrng = np.random.default_rng(**options)\n",
    ],
    ids=[
        "literal", "attribute", "parameter", "seeded-bit-generator", "seed-sequence",
        "random-literal", "system-random", "local-function", "kwargs",
    ],
)  # fmt: skip
def test_a_generator_given_a_seed_or_unseedable_is_not_reported(
    tmp_path: Path, source: str
) -> None:
    assert lint(tmp_path, source) == []


def test_a_generator_is_matched_through_every_import_form(tmp_path: Path) -> None:
    source = """
    import numpy
    import numpy.random as npr
    from numpy.random import default_rng as make_rng
    from numpy import random as nr

    a = numpy.random.default_rng()
    b = npr.default_rng()
    c = make_rng()
    d = nr.RandomState()
    """
    assert [line for _, _, line in lint(tmp_path, source)] == [6, 7, 8, 9]


def test_a_torch_generator_never_given_manual_seed_is_reported(tmp_path: Path) -> None:
    source = "import torch\ngenerator = torch.Generator()\n"
    assert lint(tmp_path, source) == [("AIC402", "train.py", 2)]


@pytest.mark.parametrize(
    "source",
    [
        "import torch\ngenerator = torch.Generator().manual_seed(7)\n",
        "import torch\ng = torch.Generator()\ng.manual_seed(7)\n",
        "import torch\nclass Loader:\n    def __init__(self, seed):\n"
        "        self.gen = torch.Generator()\n        self.gen.manual_seed(seed)\n",
    ],
    ids=["chained", "on-its-name", "on-its-attribute"],
)
def test_a_torch_generator_given_manual_seed_anywhere_in_the_file_is_seeded(
    tmp_path: Path, source: str
) -> None:
    assert lint(tmp_path, source) == []


def test_a_tensorflow_generator_from_entropy_is_unseeded(tmp_path: Path) -> None:
    source = (
        "import tensorflow as tf\n"
        "a = tf.random.Generator.from_non_deterministic_state()\n"
        "b = tf.random.Generator.from_seed(7)\n"
    )
    assert lint(tmp_path, source) == [("AIC402", "train.py", 2)]


def test_the_aic402_message_shows_the_seeded_call(tmp_path: Path) -> None:
    lint(
        tmp_path, "import numpy as np\nrng = np.random.default_rng()\n", 'seed-expression = "SEED"'
    )
    assert messages(tmp_path) == [
        "`np.random.default_rng()` is created without a seed, so every run draws different "
        "numbers: pass one, e.g. `np.random.default_rng(SEED)`"
    ]


# ---------------------------------------------------------------------------- AIC403


@pytest.mark.parametrize(
    "source,line",
    [
        ("from sklearn.model_selection import KFold\nKFold(5, shuffle=True)\n", 2),
        ("from sklearn.model_selection import train_test_split\ntrain_test_split(x, y)\n", 2),
        ("import pandas as pd\ndf = pd.read_csv('a.csv')\ndf.sample(frac=1)\n", 3),
        ("frame.sample(frac=1)\n", 1),
        ("import pandas as pd\npd.read_csv('a.csv').sample(5)\n", 2),
        ("from sklearn.ensemble import RandomForestClassifier\n"
         "RandomForestClassifier(n_estimators=10)\n", 2),
        ("import sklearn.ensemble\nsklearn.ensemble.IsolationForest(random_state=None)\n", 2),
        ("from sklearn.linear_model import LogisticRegression\n"
         "LogisticRegression(solver='saga')\n", 2),
        ("from sklearn.decomposition import PCA\nPCA(svd_solver='randomized')\n", 2),
        ("from sklearn.svm import SVC\nSVC(probability=True)\n", 2),
        ("from sklearn.datasets import make_classification\nmake_classification(100)\n", 2),
        ("from datasets import load_dataset\n"
         "reviews = load_dataset('acme/reviews', revision='v1')['train']\nreviews.shuffle()\n", 3),
        ("import datasets\nds = datasets.Dataset.from_dict({})\n"
         "ds = ds.map(f)\nds.train_test_split(test_size=0.1)\n", 4),
        ("import tensorflow as tf\ntf.data.Dataset.from_tensor_slices(x).shuffle(100)\n", 2),
        ("from torch.utils.data import random_split\nrandom_split(ds, [8, 2])\n", 2),
        ("from torch.utils.data import RandomSampler\nRandomSampler(ds, generator=None)\n", 2),
        ("from torch.utils.data import WeightedRandomSampler\nWeightedRandomSampler(w, 10)\n", 2),
    ],
    ids=[
        "kfold-shuffling", "train-test-split", "dataframe-sample", "unknown-receiver-frac",
        "chained-pandas", "random-forest", "random-state-none", "logistic-saga",
        "pca-randomized", "svc-probability", "make-classification", "hf-shuffle",
        "hf-train-test-split-reassigned", "tf-data-shuffle", "random-split",
        "sampler-generator-none", "weighted-sampler",
    ],
)  # fmt: skip
def test_a_call_that_draws_without_its_seed_argument_is_reported(
    tmp_path: Path, source: str, line: int
) -> None:
    assert lint(tmp_path, source) == [("AIC403", "train.py", line)]


@pytest.mark.parametrize(
    "source",
    [
        "from sklearn.model_selection import KFold\nKFold(5)\n",
        "from sklearn.model_selection import KFold\nKFold(5, shuffle=False)\n",
        "from sklearn.model_selection import KFold\nKFold(5, shuffle=options.shuffle)\n",
        "from sklearn.model_selection import StratifiedKFold\n"
        "StratifiedKFold(5, shuffle=True, random_state=7)\n",
        "from sklearn.model_selection import train_test_split\n"
        "train_test_split(x, shuffle=False)\n",
        "from sklearn.model_selection import train_test_split\n"
        "train_test_split(x, random_state=cfg.seed)\n",
        "from sklearn.linear_model import LogisticRegression\nLogisticRegression()\n",
        "from sklearn.linear_model import LogisticRegression\n"
        "LogisticRegression(solver='lbfgs')\n",
        "from sklearn.decomposition import PCA\nPCA(svd_solver='full')\n",
        "from sklearn.svm import SVC\nSVC()\n",
        "from sklearn.ensemble import RandomForestClassifier\n"
        "def build(**options):\n    return RandomForestClassifier(**options)\n",
        "import pandas as pd\npd.read_csv('a.csv').sample(frac=1, random_state=0)\n",
        "import random\nrandom.sample(items, 2)\n",
        "import random\nrng = random.Random(0)\nrng.sample(items, k=2)\n",
        "distribution.sample()\n",
        "items.shuffle()\n",
        "from datasets import load_dataset\nds = load_dataset('a/b', revision='v1')\n"
        "ds.shuffle(seed=1)\nds.shuffle(generator=g)\nds.train_test_split(0.1, shuffle=False)\n",
        "from torch.utils.data import DistributedSampler\nDistributedSampler(ds)\n",
        "from torch.utils.data.distributed import DistributedSampler\nDistributedSampler(ds)\n",
        "from transformers import Trainer, TrainingArguments\n"
        "Trainer(model=m, args=TrainingArguments('out'))\n",
        "from torch.utils.data import random_split\nrandom_split(ds, [8, 2], generator=g)\n",
    ],
    ids=[
        "kfold-not-shuffling", "kfold-shuffle-false", "kfold-shuffle-variable",
        "stratified-seeded", "train-test-split-no-shuffle", "train-test-split-seeded",
        "logistic-default", "logistic-lbfgs", "pca-full", "svc-default", "kwargs",
        "sample-seeded", "random-module-sample", "random-instance-sample",
        "unknown-receiver-no-frac", "unknown-receiver-shuffle", "hf-seeded",
        "distributed-sampler", "distributed-sampler-module", "trainer",
        "random-split-generator",
    ],
)  # fmt: skip
def test_a_call_with_its_seed_or_that_does_not_draw_is_not_reported(
    tmp_path: Path, source: str
) -> None:
    assert lint(tmp_path, source) == []


def test_the_aic403_message_names_the_argument_and_the_value_to_pass(tmp_path: Path) -> None:
    lint(tmp_path, "from torch.utils.data import random_split\nrandom_split(ds, [8, 2])\n")
    assert messages(tmp_path) == [
        "`random_split` draws random numbers but gets no `generator`, so every run differs: "
        "pass one, e.g. `generator=torch.Generator().manual_seed(0)`"
    ]


# ---------------------------------------------------------------------------- AIC404


LOADER = "from torch.utils.data import DataLoader\nloader = DataLoader(ds, shuffle=True)\n"


def test_a_shuffling_dataloader_without_a_generator_is_not_reported_by_default(
    tmp_path: Path,
) -> None:
    assert lint(tmp_path, LOADER, select="AIC4") == []


def test_a_shuffling_dataloader_without_a_generator_is_reported_when_selected(
    tmp_path: Path,
) -> None:
    assert lint(tmp_path, LOADER, select="AIC404") == [("AIC404", "train.py", 2)]


@pytest.mark.parametrize(
    "call",
    [
        "DataLoader(ds, shuffle=True, generator=g)",
        "DataLoader(ds, batch_size=4)",
        "DataLoader(ds, shuffle=False)",
        "DataLoader(ds, 4, True, generator=torch.Generator().manual_seed(1))",
    ],
    ids=["generator", "no-shuffle", "shuffle-false", "positional-shuffle-generator"],
)
def test_a_dataloader_with_a_generator_or_no_shuffle_is_not_reported(
    tmp_path: Path, call: str
) -> None:
    source = f"import torch\nfrom torch.utils.data import DataLoader\nloader = {call}\n"
    assert lint(tmp_path, source, select="AIC404") == []


# ---------------------------------------------------------------------------- AIC406


@pytest.mark.parametrize(
    "source",
    [
        "import random\nrandom.seed()\n",
        "import random\nrandom.seed(None)\n",
        "import numpy as np\nnp.random.seed()\n",
        "import numpy as np\nimport time\nnp.random.seed(int(time.time()))\n",
        "import torch\ntorch.seed()\n",
        "import torch\ntorch.random.seed()\n",
        "from lightning import seed_everything\nseed_everything()\n",
        "import tensorflow as tf\ntf.random.set_seed(None)\n",
        "import os\nimport torch\ntorch.manual_seed(int.from_bytes(os.urandom(4), 'big'))\n",
        "import time\nimport random\nSEED = time.time_ns()\nrandom.seed(SEED)\n",
        "import time\nimport torch\ndef f():\n    seed = int(time.time())\n"
        "    torch.manual_seed(seed)\n",
        "import secrets\nimport numpy as np\nnp.random.default_rng(secrets.randbits(32))\n",
        "import uuid\nfrom sklearn.utils import shuffle\n"
        "shuffle(x, random_state=uuid.uuid4().int)\n",
        "import time\nimport torch\ng = torch.Generator().manual_seed(time.time_ns())\n",
        "import time\nimport jax\nkey = jax.random.PRNGKey(int(time.time()))\n",
        "import random\nimport numpy as np\nnp.random.seed(random.SystemRandom().randint(0, 9))\n",
    ],
    ids=[
        "random-seed", "random-seed-none", "numpy-seed", "numpy-clock", "torch-seed",
        "torch-random-seed", "seed-everything", "tf-set-seed-none", "urandom",
        "clock-constant", "clock-local", "secrets-generator", "uuid-random-state",
        "generator-manual-seed-clock", "jax-key-clock", "system-random",
    ],
)  # fmt: skip
def test_seeding_from_entropy_is_reported(tmp_path: Path, source: str) -> None:
    found = lint(tmp_path, source)
    assert [code for code, _, _ in found] == ["AIC406"]
    assert found[0][2] == len(textwrap.dedent(source).strip().splitlines())


@pytest.mark.parametrize(
    "source",
    [
        "import random\nrandom.seed(1234)\n",
        "import numpy as np\nnp.random.seed(cfg.seed)\n",
        "from lightning import seed_everything\nseed_everything(42)\n",
        "import torch\ntorch.manual_seed(args.seed)\n",
        "import jax\nkey = jax.random.PRNGKey(0)\n",
        "import uuid\nrun_id = uuid.uuid4()\n",
        "import secrets\ntoken = secrets.token_hex(8)\n",
        "import os\nsalt = os.urandom(16)\n",
        "import time\nimport random\nrandom.seed(1234)\nstarted = time.time()\n",
    ],
    ids=[
        "random-literal", "numpy-config", "seed-everything-literal", "torch-argument",
        "jax-literal", "uuid-id", "secrets-token", "urandom-salt", "clock-elsewhere",
    ],
)  # fmt: skip
def test_a_fixed_seed_and_entropy_used_for_other_things_are_not_reported(
    tmp_path: Path, source: str
) -> None:
    assert lint(tmp_path, source, select="AIC4") == []


def test_a_configured_seed_function_is_judged_by_its_argument(tmp_path: Path) -> None:
    source = """
    import time
    from acme.utils import seed_all

    seed_all()
    seed_all(1234)
    seed_all(time.time_ns())
    """
    config = '[tool.aiconv.randomness]\nseed-functions = ["acme.utils.seed_all"]\n'
    assert lint(tmp_path, source, config) == [("AIC406", "train.py", 6)]


# ---------------------------------------------------------------------------- the catalogue


def _rows(code: str, section: str = "What it flags") -> list[str]:
    page = ruledocs.load_all()[code].sections[section]
    return [line for line in page.splitlines() if line.startswith("| `")]


@pytest.mark.parametrize(
    "code,rows",
    [
        ("AIC401", lambda: draw_rows() + seeder_rows()),
        ("AIC402", generator_rows),
        ("AIC403", seeded_call_rows),
        ("AIC404", lambda: seeded_call_rows("AIC404")),
        ("AIC405", lambda: draw_rows(layers=True)),
        ("AIC406", entropy_rows),
    ],
    ids=["AIC401", "AIC402", "AIC403", "AIC404", "AIC405", "AIC406"],
)
def test_a_rule_page_lists_the_catalogue_as_the_code_has_it(code: str, rows: object) -> None:
    assert callable(rows)
    assert _rows(code) == rows()


def test_explain_lists_every_catalogued_seeder_and_seeded_call(tmp_path: Path) -> None:
    aic401 = run(["explain", "AIC401"], tmp_path).stdout
    aic403 = run(["explain", "AIC403"], tmp_path).stdout
    for seeder in SEEDERS:
        if seeder.libraries:
            assert f"| `{seeder.function}` |" in aic401, seeder
    for call in SEEDED_CALLS:
        if call.code == "AIC403":
            assert re.search(re.escape(call.function.rsplit(".", 1)[-1]), aic403), call


def test_a_file_that_names_no_catalogued_library_is_not_visited(tmp_path: Path) -> None:
    rule = UnseededRng(Settings(root=tmp_path))
    assert not rule.wants("def train(model):\n    return model.fit()\n")
    assert rule.wants("import numpy as np\n")


# ---------------------------------------------------------------------------- the standard library


def test_the_standard_library_lints_without_a_crash(tmp_path: Path) -> None:
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    for package in ("json", "email", "asyncio"):
        shutil.copytree(
            stdlib / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(stdlib / "random.py", tmp_path / "random.py")
    write(tmp_path, {"pyproject.toml": "[tool.aiconv]\n"})
    result = run(["lint", "--format", "json", "--no-cache", "--select", "AIC4"], tmp_path)
    assert result.exit_code in (0, 1), result.stdout + result.stderr
    assert result.stderr == ""
    found = result.found()
    # random.py's own module-level `_inst = Random()` is a generator made without a seed.
    assert [path for code, path, _ in found if code == "AIC402"] == ["random.py"]
    assert result.json()["summary"]["files"] > 50
