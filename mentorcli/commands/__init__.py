"""Command modules; each registers its commands on `mentorcli.cli_app.app` when imported."""

from __future__ import annotations

import importlib

COMMAND_MODULES = ("cohort", "pairing", "contracts", "followup", "people")


def register_all() -> None:
    """Import every command module that exists, so its commands join the app."""
    for name in COMMAND_MODULES:
        try:
            importlib.import_module(f"mentorcli.commands.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"mentorcli.commands.{name}":
                raise
