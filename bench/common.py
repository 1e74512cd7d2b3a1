"""What the benchmark scripts share: the size options, the big cohort, the command."""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from bench.generate import generate_cohort_text


def big_cohort_arguments(description: str) -> argparse.Namespace:
    """Parse --participants/--pairs/--sessions/--runs (defaults: the issue's big cohort)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--participants", type=int, default=5000)
    parser.add_argument("--pairs", type=int, default=2500)
    parser.add_argument("--sessions", type=int, default=60000)
    parser.add_argument("--runs", type=int, default=3)
    return parser.parse_args()


def write_big_cohort(folder: str | Path, args: argparse.Namespace) -> Path:
    """The seeded synthetic cohort of that size, written as `big.yaml` in `folder`."""
    path = Path(folder) / "big.yaml"
    path.write_text(generate_cohort_text(args.participants, args.pairs, args.sessions, seed=1),
                    encoding="utf-8")
    return path


def mentorcli_executable() -> str:
    """The installed `mentorcli` command (beside this Python when not on PATH)."""
    return shutil.which("mentorcli") or str(Path(sys.executable).with_name("mentorcli"))
