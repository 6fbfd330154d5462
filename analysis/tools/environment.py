"""Keep ``requirements.lock`` and ``environment.yml`` describing the same pinned set.

``make lock`` installs ``.[test]`` from ``pyproject.toml``'s ranges into a scratch
venv, freezes it into ``requirements.lock`` and then runs this module to write
``environment.yml`` from the lock.  ``tests/test_environment.py`` fails when the two drift.
"""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

from ..config import MEMORY_SETTINGS, PROJECT_ROOT

LOCK_FILE = PROJECT_ROOT / "requirements.lock"
ENV_FILE = PROJECT_ROOT / "environment.yml"
PYTHON = "3.11"


def read_lock(path: Path = LOCK_FILE) -> list[str]:
    """The ``name==version`` pins of the lock file, in file order (comments dropped)."""
    pins = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            pins.append(line)
    return pins


def environment_yml(pins: list[str]) -> str:
    """The text of ``environment.yml`` for conda-forge users and Binder."""
    header = (
        "# Generated from requirements.lock by `make lock`; do not edit by hand.\n"
        "# conda env create -f environment.yml && conda activate news-framing\n"
    )
    body = {
        "name": "news-framing",
        "channels": ["conda-forge"],
        "dependencies": [f"python={PYTHON}", "pip", {"pip": [*pins, "-e ."]}],
        # set by `conda activate`, as make sets them (README "Performance": memory settings)
        "variables": dict(MEMORY_SETTINGS),
    }
    return header + yaml.safe_dump(body, sort_keys=False, width=200)


def environment_pins(path: Path = ENV_FILE) -> list[str]:
    """The pip pins listed in ``environment.yml`` (without ``-e .``)."""
    env = yaml.safe_load(path.read_text(encoding="utf-8"))
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d)
    return [p for p in pip if p != "-e ."]


if __name__ == "__main__":
    ENV_FILE.write_text(environment_yml(read_lock()), encoding="utf-8")
    print(f"wrote {ENV_FILE.name} from {LOCK_FILE.name}", file=sys.stderr)
