"""One place for today, the streams and the terminal (mentorcli.runtime); one date parser
for every option (mentorcli.dates); one slugifier (mentorcli.slugs); the exit codes."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentorcli import runtime
from mentorcli.dates import parse_date
from mentorcli.errors import ExitCode, UsageError
from mentorcli.slugs import slugify

MENTORCLI = str(Path(sys.executable).parent / "mentorcli")


def test_today_can_be_fixed_in_process_and_from_the_environment(monkeypatch) -> None:
    with runtime.fixed(today=dt.date(2026, 3, 1)):
        assert runtime.today() == dt.date(2026, 3, 1)
    assert runtime.today() == dt.date.today()
    monkeypatch.setenv("MENTORCLI_TODAY", "2026-04-02")
    assert runtime.today() == dt.date(2026, 4, 2)
    monkeypatch.setenv("MENTORCLI_TODAY", "02/04/2026")
    with pytest.raises(UsageError, match=r"\$MENTORCLI_TODAY '02/04/2026': expected a date"):
        runtime.today()


def test_mentorcli_today_reaches_a_real_process(example_path: Path) -> None:
    env = {**os.environ, "MENTORCLI_TODAY": "2026-03-01"}
    result = subprocess.run([MENTORCLI, "end", str(example_path), "cleroy", "bpetit",
                             "--reason", "moved"], env=env, capture_output=True, text=True,
                            check=False)
    assert (result.returncode, result.stderr) == (0, "ended cleroy -> bpetit on 2026-03-01\n")
    assert "    ended: 2026-03-01\n" in example_path.read_text(encoding="utf-8")


def test_a_closed_stdout_is_exit_141(run, example_path: Path) -> None:
    class Closed(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    with runtime.fixed(stdout=Closed()):
        result = run(["validate", example_path, "--format", "json"])
    assert result.exit_code == ExitCode.BROKEN_PIPE == 141
    assert result.stderr == ""


def test_exit_codes_are_one_enum() -> None:
    assert [int(c) for c in ExitCode] == [0, 1, 2, 3, 130, 141]


# ------------------------------------------------------------------ one date parser


@pytest.mark.parametrize("text", ["20260115", "15/01/2026", "2026-W03-4", "2026-1-5",
                                  "2026-01-15T10:00", "2026-02-30", ""])
def test_only_yyyy_mm_dd_is_a_date(text: str) -> None:
    with pytest.raises(UsageError, match="expected a date like 2026-02-03 \\(YYYY-MM-DD\\)"):
        parse_date(text, "--date")


@given(st.dates(min_value=dt.date(1000, 1, 1)))
def test_every_iso_day_reads_back(day: dt.date) -> None:
    assert parse_date(day.isoformat()) == day
    assert parse_date(f" {day.isoformat()} ") == day


@pytest.mark.parametrize("args", [
    ["approve", "{f}", "--all", "--date", "20260115"],
    ["log", "{f}", "cleroy", "bpetit", "--date", "20260115", "--minutes", "30"],
    ["end", "{f}", "cleroy", "bpetit", "--reason", "x", "--date", "20260115"],
    ["result", "{f}", "leadership", "50", "--date", "20260115"],
    ["goal", "{f}", "cleroy", "bpetit", "new", "--add", "--text", "x", "--due", "20260115"],
    ["sign", "{f}", "cleroy", "bpetit", "--by", "mentor", "--date", "20260115"],
    ["report", "{f}", "--as-of", "20260115"],
    ["anonymize", "{f}", "--before", "20260115", "--yes"],
    ["init", "{new}", "--start", "20260115"],
])
def test_every_date_option_refuses_the_same_text(run, example_path: Path, args) -> None:
    before = example_path.read_bytes()
    new = example_path.parent / "new.yaml"
    result = run([a.format(f=example_path, new=new) for a in args])
    assert result.exit_code == 2
    option = args[args.index("20260115") - 1]
    assert f"{option} '20260115': expected a date like 2026-02-03 (YYYY-MM-DD)" \
        in result.stderr
    assert example_path.read_bytes() == before and not new.exists()


# ------------------------------------------------------------------ one slugifier


def test_import_and_init_make_the_same_slug(run, tmp_path: Path) -> None:
    path = tmp_path / "Łukasz-Øster.yaml"
    assert run(["init", path, "--start", "2026-01-05"]).exit_code == 0
    assert "  id: \"lukasz-oster\"" in path.read_text(encoding="utf-8")
    sheet = tmp_path / "people.csv"
    sheet.write_text("Nom complet;Courriel;Rôle\nŁukasz Øster;Łukasz.Øster@example.com;mentee\n",
                     encoding="utf-8")
    result = run(["import", path, sheet])
    assert result.exit_code == 0, result.stderr
    assert "  - id: lukasz-oster\n    name: Łukasz Øster\n" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("text", "slug"), [
    ("Łukasz Øster", "lukasz-oster"), ("Mentorat-Été-2026", "mentorat-ete-2026"),
    ("Straße", "strasse"), ("Œuvre & Æther", "oeuvre-aether"), ("N'Diaye", "n-diaye"),
    ("李", ""),
])
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


@given(st.text(max_size=30))
def test_a_slug_is_always_a_slug_or_empty(text: str) -> None:
    from mentorcli.model import SLUG_RE

    slug = slugify(text)
    assert slug == "" or SLUG_RE.match(slug)
    assert slugify(slug) == slug
