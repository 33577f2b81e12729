"""The pipeline end to end on the smallest project."""

from pathlib import Path

from conftest import run, write


def test_a_defined_avoided_name_is_reported_with_path_and_line(project: Path) -> None:
    write(project, {"train.py": "def fit(model):\n    train_ds = 1\n    return train_ds\n"})
    result = run(["lint", "--format", "json"], project)
    assert result.exit_code == 1
    assert result.found() == [("AIC101", "train.py", 2)]


def test_a_clean_project_exits_zero(project: Path) -> None:
    write(project, {"train.py": "dataset = 1\n"})
    result = run(["lint"], project)
    assert result.exit_code == 0, result.stdout
