"""Seeding as a whole-program property (AIC401, AIC405), on small projects through the CLI."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from conftest import run, write

from aiconv import seedstore

SEEDING = "AIC401,AIC405"

SAMPLER = """
import torch


def generate(logits):
    return torch.multinomial(logits.softmax(-1), 1)
"""

SET_SEED = """
import random

import numpy as np
import torch


def set_seed(seed):
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
"""


def project(root: Path, files: dict[str, str], config: str = "") -> Path:
    """A project with `src` as its source root and the files given."""
    write(root, {"pyproject.toml": '[tool.aiconv]\nsrc = ["src", "."]\n' + textwrap.dedent(config)})
    write(root, files)
    return root


def lint(root: Path, *paths: str, select: str = SEEDING, cache: bool = False) -> list[tuple]:
    args = ["lint", "--format", "json", "--select", select, *paths]
    result = run(args if cache else [*args, "--no-cache"], root)
    assert result.exit_code in (0, 1), result.stderr
    return result.found()


def messages(root: Path, select: str = SEEDING) -> list[str]:
    result = run(["lint", "--format", "json", "--no-cache", "--select", select], root)
    return [violation["message"] for violation in result.json()["violations"]]


# ---------------------------------------------------------------------------- AIC401


def test_a_draw_that_nothing_seeds_is_reported(tmp_path: Path) -> None:
    project(tmp_path, {"src/acme/augment.py": "import numpy as np\n\nnp.random.shuffle(items)\n"})
    assert lint(tmp_path) == [("AIC401", "src/acme/augment.py", 3)]


def test_a_draw_in_a_file_that_seeds_its_library_is_not_reported(tmp_path: Path) -> None:
    source = "import numpy as np\n\nnp.random.seed(0)\nnp.random.shuffle(items)\n"
    project(tmp_path, {"src/acme/augment.py": source})
    assert lint(tmp_path) == []


def test_a_seed_of_another_library_does_not_cover_a_draw(tmp_path: Path) -> None:
    source = "import random\nimport numpy as np\n\nnp.random.seed(0)\nrandom.shuffle(items)\n"
    project(tmp_path, {"src/acme/augment.py": source})
    assert lint(tmp_path) == [("AIC401", "src/acme/augment.py", 5)]


def test_a_draw_is_matched_through_every_import_form(tmp_path: Path) -> None:
    source = """
    from numpy.random import rand
    from torch import randn as normal_noise
    import tensorflow as tf

    a = rand(3)
    b = normal_noise(3)
    c = tf.random.uniform([2])
    """
    project(tmp_path, {"src/acme/noise.py": source})
    assert [line for _, _, line in lint(tmp_path)] == [5, 6, 7]


def test_a_draw_given_its_own_generator_or_op_seed_is_not_a_global_draw(tmp_path: Path) -> None:
    source = """
    import tensorflow as tf
    import torch

    a = torch.randn(3, generator=torch.Generator().manual_seed(1))
    b = tf.random.uniform([2], seed=7)
    c = torch.nn.init.normal_(weights, generator=g)
    d = torch.randn(3, generator=None)
    """
    project(tmp_path, {"src/acme/noise.py": source})
    assert lint(tmp_path) == [("AIC401", "src/acme/noise.py", 7)]


def test_a_seeded_generator_passed_around_is_not_a_global_draw(tmp_path: Path) -> None:
    source = """
    import numpy as np


    def noise(rng: np.random.Generator, shape):
        return rng.normal(size=shape)


    rng = np.random.default_rng(cfg.seed)
    sample = rng.normal()
    """
    project(tmp_path, {"src/acme/noise.py": source})
    assert lint(tmp_path, select="AIC4") == []


def test_identifiers_and_tokens_are_never_draws(tmp_path: Path) -> None:
    source = """
    import os
    import secrets
    import uuid
    from uuid import uuid4

    run_id = uuid4()
    other = uuid.uuid4().hex
    token = secrets.token_hex(8)
    salt = os.urandom(16)
    """
    project(
        tmp_path, {"src/acme/ids.py": source, "run.py": "if __name__ == '__main__':\n    pass\n"}
    )
    assert lint(tmp_path, select="AIC4") == []


def test_a_library_draw_imported_by_seeding_entrypoints_is_covered(tmp_path: Path) -> None:
    project(
        tmp_path,
        {
            "src/acme/sampling.py": SAMPLER,
            "scripts/train.py": "import torch\nfrom acme.sampling import generate\n\n"
            "if __name__ == '__main__':\n    torch.manual_seed(0)\n    generate(x)\n",
            "scripts/sample.py": "import torch\nfrom acme import sampling\n\n"
            "def main():\n    torch.manual_seed(1)\n\nif __name__ == '__main__':\n    main()\n",
        },
    )
    assert lint(tmp_path) == []


def test_one_entrypoint_that_does_not_seed_is_reported_not_the_library(tmp_path: Path) -> None:
    project(
        tmp_path,
        {
            "src/acme/sampling.py": SAMPLER,
            "scripts/train.py": "import torch\nfrom acme.sampling import generate\n\n"
            "if __name__ == '__main__':\n    torch.manual_seed(0)\n",
            "scripts/sample.py": "import torch\nimport acme.sampling\n\n"
            "if __name__ == '__main__':\n    torch.manual_seed(1)\n",
            "scripts/demo.py": "from acme.sampling import generate\n\nprint('demo')\n\n"
            "if __name__ == '__main__':\n    generate(x)\n",
        },
    )
    assert lint(tmp_path) == [("AIC405", "scripts/demo.py", 5)]
    assert messages(tmp_path) == [
        "this entrypoint never seeds torch, yet it runs draws from the global random state: "
        "src/acme/sampling.py:5 torch.multinomial; seed at the start of the run, e.g. "
        "`torch.manual_seed(…)`"
    ]


def test_a_draw_reached_through_a_chain_of_project_modules_is_covered(tmp_path: Path) -> None:
    project(
        tmp_path,
        {
            "src/acme/sampling.py": SAMPLER,
            "src/acme/model.py": "from acme.sampling import generate\n",
            "src/acme/__init__.py": "",
            "train.py": "import torch\nimport acme.model\n\nif __name__ == '__main__':\n"
            "    torch.manual_seed(0)\n",
        },
    )
    assert lint(tmp_path) == []


def test_an_import_under_type_checking_does_not_reach_a_module(tmp_path: Path) -> None:
    project(
        tmp_path,
        {
            "src/acme/sampling.py": SAMPLER,
            "train.py": "from typing import TYPE_CHECKING\nimport torch\n\nif TYPE_CHECKING:\n"
            "    import acme.sampling\n\nif __name__ == '__main__':\n    torch.manual_seed(0)\n",
        },
    )
    assert lint(tmp_path) == [("AIC401", "src/acme/sampling.py", 5)]


def test_the_message_of_a_draw_no_ml_file_makes_says_how_to_silence_it(tmp_path: Path) -> None:
    project(tmp_path, {"src/acme/retry.py": "import random\n\ndelay = random.uniform(1, 2)\n"})
    assert messages(tmp_path) == [
        "`random.uniform` draws from the global state of `random`, which nothing seeds: this "
        "file does not seed it and no entrypoint imports it; seed it (`random.seed(…)`) or "
        "draw from a seeded `random.Random(seed)`; if this is not experiment state (a UI "
        "choice, a temporary name, retry jitter), silence it with `# aiconv: ignore[AIC401]`"
    ]


def test_the_message_of_an_ml_draw_names_the_entrypoints_that_import_it(tmp_path: Path) -> None:
    project(
        tmp_path,
        {
            "src/acme/sampling.py": SAMPLER,
            "train.py": "import acme.sampling\n\nif __name__ == '__main__':\n    pass\n",
        },
    )
    assert [m for m in messages(tmp_path, "AIC401")] == [
        "`torch.multinomial` draws from torch's global random state, which nothing seeds: this "
        "file does not seed it, nor does any entrypoint that imports it (train.py); seed it "
        "(`torch.manual_seed(…)`) or pass `generator=` a seeded generator"
    ]


def test_a_suppression_comment_silences_a_draw(tmp_path: Path) -> None:
    source = "import random\n\nport = random.randint(8000, 9000)  # aiconv: ignore[AIC401]\n"
    project(tmp_path, {"src/acme/server.py": source})
    assert lint(tmp_path) == []


# ---------------------------------------------------------------------------- where the seed lives


def test_a_seed_inside_the_main_block_seeds_the_entrypoint(tmp_path: Path) -> None:
    source = """
    import torch


    def main():
        return torch.randn(3)


    if __name__ == "__main__":
        torch.manual_seed(0)
        main()
    """
    project(tmp_path, {"train.py": source})
    assert lint(tmp_path) == []


def test_a_seed_in_a_project_set_seed_called_by_the_entrypoint_seeds_it(tmp_path: Path) -> None:
    train = """
    import numpy as np
    from acme.utils import set_seed
    from acme.sampling import generate

    if __name__ == "__main__":
        set_seed(1234)
        np.random.shuffle(items)
        generate(x)
    """
    project(tmp_path, {"src/acme/utils.py": SET_SEED, "src/acme/sampling.py": SAMPLER,
                       "train.py": train})  # fmt: skip
    assert lint(tmp_path) == []


def test_a_set_seed_reexported_by_a_package_and_called_through_helpers_seeds(
    tmp_path: Path,
) -> None:
    files = {
        "src/acme/__init__.py": "",
        "src/acme/utils/__init__.py": "from .seeding import set_seed\n",
        "src/acme/utils/seeding.py": SET_SEED,
        "src/acme/setup.py": "from acme.utils import set_seed as seed_run\n\n"
        "def prepare(config):\n    seed_run(config.seed)\n",
        "train.py": "import torch\nfrom acme import setup\n\nif __name__ == '__main__':\n"
        "    setup.prepare(cfg)\n    torch.randn(3)\n",
    }
    project(tmp_path, files)
    assert lint(tmp_path) == []


def test_a_set_seed_that_seeds_only_numpy_does_not_seed_torch(tmp_path: Path) -> None:
    files = {
        "src/acme/utils.py": "import numpy as np\n\ndef set_seed(s):\n    np.random.seed(s)\n",
        "train.py": "import torch\nfrom acme.utils import set_seed\n\nif __name__ == '__main__':\n"
        "    set_seed(0)\n    torch.randn(3)\n",
    }
    project(tmp_path, files)
    assert lint(tmp_path) == [("AIC405", "train.py", 4), ("AIC401", "train.py", 6)]


def test_a_module_that_seeds_when_imported_seeds_its_importers(tmp_path: Path) -> None:
    files = {
        "src/acme/config.py": "import torch\n\ntorch.manual_seed(1234)\n",
        "src/acme/sampling.py": SAMPLER,
        "train.py": "import acme.config\nfrom acme.sampling import generate\n\n"
        "if __name__ == '__main__':\n    generate(x)\n",
    }
    project(tmp_path, files)
    assert lint(tmp_path) == []


def test_a_seed_inside_a_function_of_an_imported_module_does_not_seed_importers(
    tmp_path: Path,
) -> None:
    files = {
        "src/acme/config.py": "import torch\n\ndef unused():\n    torch.manual_seed(1234)\n",
        "train.py": "import torch\nimport acme.config\n\nif __name__ == '__main__':\n"
        "    torch.randn(3)\n",
    }
    project(tmp_path, files)
    assert lint(tmp_path, "train.py") == [("AIC405", "train.py", 4), ("AIC401", "train.py", 5)]


def test_a_seed_in_the_main_block_of_an_imported_module_does_not_seed_importers(
    tmp_path: Path,
) -> None:
    files = {
        "src/acme/config.py": "import torch\n\nif __name__ == '__main__':\n"
        "    torch.manual_seed(1234)\n",
        "train.py": "import torch\nimport acme.config\n\nif __name__ == '__main__':\n"
        "    torch.randn(3)\n",
    }
    project(tmp_path, files)
    assert lint(tmp_path, "train.py") == [("AIC405", "train.py", 4), ("AIC401", "train.py", 5)]


def test_a_seeder_reexported_by_a_project_module_still_seeds(tmp_path: Path) -> None:
    files = {
        "src/acme/compat.py": "from torch import manual_seed as seed_torch\n",
        "train.py": "import torch\nfrom acme.compat import seed_torch\n\n"
        "if __name__ == '__main__':\n    seed_torch(0)\n    torch.randn(3)\n",
    }
    project(tmp_path, files)
    assert lint(tmp_path) == []


def test_a_configured_seed_function_seeds_every_library(tmp_path: Path) -> None:
    train = """
    import random
    import torch
    from platform_tools import seed_all

    if __name__ == "__main__":
        seed_all(7)
        random.shuffle(items)
        torch.randn(3)
    """
    config = '[tool.aiconv.randomness]\nseed-functions = ["platform_tools.seed_all"]\n'
    project(tmp_path, {"train.py": train}, config)
    assert lint(tmp_path) == []


def test_a_catalogued_seeder_seeds_the_libraries_it_covers(tmp_path: Path) -> None:
    train = """
    import random
    import numpy as np
    import torch
    from transformers import set_seed

    if __name__ == "__main__":
        set_seed(7)
        random.shuffle(items)
        np.random.rand(3)
        torch.nn.Linear(3, 4)
    """
    project(tmp_path, {"train.py": train})
    assert lint(tmp_path) == []


def test_building_a_trainer_seeds_torch(tmp_path: Path) -> None:
    train = """
    from torch import nn
    from transformers import Trainer

    if __name__ == "__main__":
        trainer = Trainer(model=nn.Linear(3, 4))
    """
    project(tmp_path, {"train.py": train})
    assert lint(tmp_path) == []


def test_seeding_from_entropy_does_not_seed(tmp_path: Path) -> None:
    source = "import random\n\nrandom.seed()\nrandom.shuffle(items)\n"
    project(tmp_path, {"src/acme/augment.py": source})
    assert lint(tmp_path, select="AIC4") == [
        ("AIC406", "src/acme/augment.py", 3),
        ("AIC401", "src/acme/augment.py", 4),
    ]


# ---------------------------------------------------------------------------- AIC405


def test_an_entrypoint_that_builds_layers_without_seeding_torch_is_reported(
    tmp_path: Path,
) -> None:
    files = {
        "src/acme/model.py": "from torch import nn\n\nclass Net(nn.Module):\n"
        "    def __init__(self):\n        super().__init__()\n"
        "        self.head = nn.Linear(4, 2)\n",
        "evaluate.py": "from acme.model import Net\n\n\nif __name__ == '__main__':\n    Net()\n",
    }
    project(tmp_path, files)
    # Building a layer is not a mistake by itself: only the entrypoint is reported.
    assert lint(tmp_path) == [("AIC405", "evaluate.py", 4)]


def test_keras_layers_are_seeded_by_keras_set_random_seed(tmp_path: Path) -> None:
    seeded = "import keras\n\nif __name__ == '__main__':\n    keras.utils.set_random_seed(1)\n"
    layer = "    keras.layers.Dense(4)\n"
    project(tmp_path, {"a.py": seeded + layer, "b.py": seeded.replace("keras.utils", "x") + layer})
    assert lint(tmp_path) == [("AIC405", "b.py", 3)]


def test_the_aic405_message_names_three_draw_sites_nearest_first(tmp_path: Path) -> None:
    files = {
        "src/acme/deep.py": "import torch\n\ntorch.rand(1)\ntorch.rand(2)\n",
        "src/acme/near.py": "import acme.deep\nimport torch\n\ntorch.randn(1)\n",
        "run.py": "import random\nimport acme.near\n\nrandom.random()\n\n"
        "if __name__ == '__main__':\n    pass\n",
    }
    project(tmp_path, files)
    result = run(["lint", "run.py", "--format", "json", "--no-cache", "--select", "AIC405"],
                 tmp_path)  # fmt: skip
    assert [v["message"] for v in result.json()["violations"]] == [
        "this entrypoint never seeds random and torch, yet it runs draws from the global random "
        "state: run.py:4 random.random, src/acme/near.py:4 torch.randn, src/acme/deep.py:3 "
        "torch.rand and 1 more; seed at the start of the run, e.g. `random.seed(…)` and "
        "`torch.manual_seed(…)`"
    ]


def test_a_configured_entrypoint_without_a_main_guard_is_reported_on_line_one(
    tmp_path: Path,
) -> None:
    files = {"src/acme/serving/app.py": "import torch\n\nnoise = torch.randn(3)\n"}
    config = '[tool.aiconv.randomness]\nentrypoints = ["src/acme/serving/app.py"]\n'
    project(tmp_path, files, config)
    assert lint(tmp_path, select="AIC405") == [("AIC405", "src/acme/serving/app.py", 1)]


def test_a_configured_entrypoint_that_seeds_covers_what_it_imports(tmp_path: Path) -> None:
    files = {
        "src/acme/sampling.py": SAMPLER,
        "src/acme/app.py": "import torch\nimport acme.sampling\n\ntorch.manual_seed(0)\n",
    }
    config = '[tool.aiconv.randomness]\nentrypoints = ["src/acme/app.py"]\n'
    project(tmp_path, files, config)
    assert lint(tmp_path) == []


def test_a_script_outside_the_source_roots_is_an_entrypoint_too(tmp_path: Path) -> None:
    write(tmp_path, {"pyproject.toml": '[tool.aiconv]\nsrc = ["src"]\n',
                     "src/acme/sampling.py": SAMPLER,
                     "my-scripts/run.py": "from acme.sampling import generate\n\n"
                     "if __name__ == '__main__':\n    generate(x)\n"})  # fmt: skip
    assert lint(tmp_path) == [
        ("AIC405", "my-scripts/run.py", 3),
        ("AIC401", "src/acme/sampling.py", 5),
    ]


# ---------------------------------------------------------------------------- test files


def test_test_files_are_exempt_from_aic401_and_aic405(tmp_path: Path) -> None:
    files = {
        "tests/test_noise.py": "import torch\n\ndef test_noise():\n    torch.randn(3)\n",
        "src/acme/conftest.py": "import random\n\nrandom.random()\n",
        "tests/run_all.py": "import torch\n\nif __name__ == '__main__':\n    torch.randn(3)\n",
    }
    project(tmp_path, files)
    assert lint(tmp_path) == []


def test_test_files_are_checked_when_the_list_is_empty(tmp_path: Path) -> None:
    files = {"tests/test_noise.py": "import torch\n\ndef test_noise():\n    torch.randn(3)\n"}
    project(tmp_path, files, "[tool.aiconv.randomness]\ntest-files = []\n")
    assert lint(tmp_path) == [("AIC401", "tests/test_noise.py", 4)]


def test_test_files_are_never_exempt_from_the_per_file_rules(tmp_path: Path) -> None:
    files = {"tests/test_noise.py": "import random\n\nrandom.seed()\n"}
    project(tmp_path, files)
    assert lint(tmp_path, select="AIC4") == [("AIC406", "tests/test_noise.py", 3)]


# ---------------------------------------------------------------------------- a few files passed


def library_and_scripts(root: Path) -> Path:
    return project(
        root,
        {
            "src/acme/sampling.py": SAMPLER,
            "scripts/train.py": "import torch\nfrom acme.sampling import generate\n\n"
            "if __name__ == '__main__':\n    torch.manual_seed(0)\n",
            "scripts/demo.py": "from acme.sampling import generate\n\n"
            "if __name__ == '__main__':\n    generate(x)\n",
        },
    )


def test_linting_one_library_file_sees_the_seed_in_an_entrypoint_not_passed(
    tmp_path: Path,
) -> None:
    library_and_scripts(tmp_path)
    assert lint(tmp_path, "src/acme/sampling.py") == []


def test_reports_are_made_only_in_the_files_passed(tmp_path: Path) -> None:
    library_and_scripts(tmp_path)
    assert lint(tmp_path, "scripts/train.py") == []
    assert lint(tmp_path, "scripts/demo.py") == [("AIC405", "scripts/demo.py", 3)]


def test_the_cached_facts_follow_a_changed_file(tmp_path: Path) -> None:
    library_and_scripts(tmp_path)
    assert lint(tmp_path, "src/acme/sampling.py", cache=True) == []
    assert lint(tmp_path, "src/acme/sampling.py", cache=True) == []
    train = tmp_path / "scripts/train.py"
    train.write_text(train.read_text().replace("torch.manual_seed(0)", "pass"))
    assert lint(tmp_path, "src/acme/sampling.py", cache=True) == [
        ("AIC401", "src/acme/sampling.py", 5)
    ]
    assert list((tmp_path / ".aiconv_cache").glob("seeding-*.json"))


# ---------------------------------------------------------------------------- parse once


def test_linted_files_are_not_parsed_again_for_their_seeding_facts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The runner hands the facts of the trees it parsed to the whole-program analysis; only
    # files the run does not lint are parsed by the seeding store itself.
    parsed: list[str] = []
    real = seedstore.extract

    def counting(path: str, text: str, roots: tuple[str, ...]) -> object:
        parsed.append(path)
        return real(path, text, roots)

    monkeypatch.setattr(seedstore, "extract", counting)
    project(
        tmp_path,
        {
            "src/acme/sampling.py": SAMPLER,
            "scripts/demo.py": "from acme.sampling import generate\n\n"
            "if __name__ == '__main__':\n    generate(x)\n",
        },
    )
    assert lint(tmp_path) == [
        ("AIC405", "scripts/demo.py", 3),
        ("AIC401", "src/acme/sampling.py", 5),
    ]
    assert parsed == []
    assert lint(tmp_path, "scripts/demo.py") == [("AIC405", "scripts/demo.py", 3)]
    assert parsed == ["src/acme/sampling.py"]
