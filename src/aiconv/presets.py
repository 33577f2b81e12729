"""Built-in layout presets that a team can start from (`aiconv init` offers them).

A preset is TOML text, written as it goes into pyproject.toml, and the Layout that text
validates into: the text is the single source, parsed by the same code as any config, so the
two cannot drift apart.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from aiconv import config
from aiconv.config import Layout

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.9/3.10 only
    import tomli as tomllib

# The layout of cookiecutter-data-science. Globs are anchored with a leading `/` where the
# folder is the project's own: in gitignore syntax `models/` would also match
# src/acme/models/, which would satisfy the requirement by accident.
ML_PROJECT = """\
[tool.aiconv.layout]
# cookiecutter-data-science folders; git keeps no empty folder, so give each one a file
# (data/raw/.gitkeep) and keep the data itself out of git.
required = [
    "/README.md",
    "/data/raw/",
    "/data/processed/",
    "/notebooks/",
    "/src/",
    "/tests/",
]
# Data and checkpoints never live with the code.
forbidden = [
    "/src/**/*.ckpt",
    "/src/**/*.pt",
    "/src/**/*.pth",
    "/src/**/*.safetensors",
    "/src/**/*.h5",
    "/src/**/*.parquet",
    "/src/**/*.npy",
    "/src/**/*.npz",
    "/src/**/*.pkl",
    "/src/**/*.joblib",
    "/src/**/*.onnx",
]
max-file-size = "5 MB"

[tool.aiconv.layout.placement]
"*.ipynb" = ["/notebooks/"]

[tool.aiconv.layout.naming]
# Python imports modules and packages by these names.
"/src/**/*.py" = "snake_case"
"/src/**/" = "snake_case"
"""


@dataclass(frozen=True)
class Preset:
    """A named starting configuration: its TOML text and what that text means."""

    name: str
    description: str
    toml: str
    layout: Layout


def ml_project() -> Preset:
    """The ML project preset: cookiecutter-data-science folders, notebooks in notebooks/."""
    section = tomllib.loads(ML_PROJECT)["tool"]["aiconv"]
    settings = config.parse(section, root=Path("."), config_file=None)
    return Preset(
        name="ml-project",
        description="cookiecutter-data-science folders; notebooks only in notebooks/; no data "
        "or checkpoint files under src/; files over 5 MB flagged",
        toml=ML_PROJECT,
        layout=settings.layout,
    )
