"""The conda environment and the Makefile install what pyproject.toml declares."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _extras_in(text: str) -> set[str]:
    match = re.search(r"\.\[([a-z,_-]+)\]", text)
    assert match, "no '.[extras]' install found"
    return set(match.group(1).split(","))


def test_environment_installs_the_package_with_every_extra() -> None:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert "conda-forge" in env["channels"]
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert len(pip_section) == 1 and pip_section[0].startswith("-e ")
    assert _extras_in(pip_section[0]) == set(_pyproject()["project"]["optional-dependencies"])


def test_environment_python_matches_requires_python() -> None:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    python = next(d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python"))
    assert python.removeprefix("python") == _pyproject()["project"]["requires-python"]


def test_ortools_is_not_a_conda_dependency() -> None:
    """conda-forge's OR-Tools lags years behind: it must come from PyPI via pyproject."""
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda_names = [d for d in env["dependencies"] if isinstance(d, str)]
    assert not any("ortools" in d for d in conda_names)
    assert any(d.startswith("ortools") for d in _pyproject()["project"]["dependencies"])


def test_makefile_installs_every_extra() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    extras = re.search(r"^EXTRAS\s*:=\s*(\S+)", makefile, re.M)
    assert extras
    assert set(extras.group(1).split(",")) == set(_pyproject()["project"]["optional-dependencies"])


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make test" in readme and "make lab" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
