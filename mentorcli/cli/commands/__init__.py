"""Command modules; each registers its commands on `mentorcli.cli.app.app` when imported."""

from __future__ import annotations

import importlib

# In the order `mentorcli --help` lists them: the coordinator's year, from file to report.
COMMAND_MODULES = ("cohort", "pairing", "contracts", "followup", "people", "evaluation",
                   "git")


def register_all() -> None:
    """Import every command module, so its commands join the app.

    Their `help=_("...")` texts are made here, once: in English (the msgid), whatever the
    language, and translated each time help is shown (mentorcli.cli.app, `_speaking`)."""
    from mentorcli import i18n

    with i18n.source_text():
        for name in COMMAND_MODULES:
            importlib.import_module(f"mentorcli.cli.commands.{name}")
