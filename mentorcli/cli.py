"""Entry point: the `mentorcli` command."""

from __future__ import annotations

from mentorcli.cli_app import app
from mentorcli.commands import register_all

register_all()


def main() -> None:
    """Run the command line."""
    app(prog_name="mentorcli")
