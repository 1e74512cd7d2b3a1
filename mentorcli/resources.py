"""Files shipped with mentorcli: contract and report templates, example cohorts.

In a wheel they live at mentorcli/templates and mentorcli/cohorts; in a source checkout
they are the repository's top-level templates/ and cohorts/ folders.
"""

from __future__ import annotations

from pathlib import Path


def _shipped(name: str) -> Path:
    package_dir = Path(__file__).resolve().parent
    inside = package_dir / name
    if inside.is_dir():
        return inside
    return package_dir.parent / name


def templates_dir() -> Path:
    """The folder of the shipped templates (one sub-folder per language)."""
    return _shipped("templates")


def cohorts_dir() -> Path:
    """The folder of the shipped example cohorts."""
    return _shipped("cohorts")
