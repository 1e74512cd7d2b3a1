"""Entry point: the `mentorcli` command."""

from __future__ import annotations

from mentorcli.cli.app import app
from mentorcli.cli.commands import register_all

register_all()


def main() -> None:
    """Run the command line."""
    app(prog_name="mentorcli")
