"""The terminal: `-` for stdin and stdout, writing through /dev/stdout and symlinks, --quiet,
FORCE_COLOR and NO_COLOR, the pager, progress only on a terminal, readable --help, and the
HTML report from a replaceable template."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest
from terminal import run_on_terminal

from mentorcli.cli import output

REPO = Path(__file__).resolve().parent.parent
MENTORCLI = str(Path(sys.executable).parent / "mentorcli")
COHORT = REPO / "cohorts" / "reverse-digital-2026.yaml"
REPORT = ["report", str(COHORT), "--as-of", "2026-11-26"]


def env(**extra: str) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items()
            if k not in ("NO_COLOR", "FORCE_COLOR", "PAGER", "MENTORCLI_PAGER", "TERM")}
    return {**base, "TERM": "xterm-256color", **extra}


def piped(*args: str, input: bytes | None = None, **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([MENTORCLI, *args], input=input, capture_output=True, env=env(**extra),
                          timeout=120)


def on_full_terminal(args: list[str], extra: dict[str, str], rows: int = 24) -> str:
    """stdin, stdout and stderr all on one pseudo-terminal of `rows` lines: what a person
    sees."""
    main, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", rows, 100, 0, 0))
    process = subprocess.Popen([MENTORCLI, *args], stdin=secondary, stdout=secondary,
                               stderr=secondary, env=env(**extra))
    os.close(secondary)
    chunks = []
    while True:
        try:
            data = os.read(main, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    process.wait(timeout=120)
    os.close(main)
    return b"".join(chunks).decode("utf-8", "replace")


# ------------------------------------------------------------------ "-" and devices


def test_report_dash_output_is_stdout(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run([*REPORT, "--format", "markdown", "-o", "-"])
    assert result.exit_code == 0
    assert result.stdout.startswith("# Progress report: Reverse mentoring 2026")
    assert not (tmp_path / "-").exists()


def test_report_to_dev_stdout_writes_through_and_appends(tmp_path):
    target = tmp_path / "log.txt"
    target.write_text("before\n")
    with target.open("a") as handle:
        done = subprocess.run([MENTORCLI, *REPORT, "--format", "csv", "-o", "/dev/stdout"],
                              stdout=handle, stderr=subprocess.PIPE, env=env(), timeout=120)
    assert done.returncode == 0, done.stderr
    text = target.read_text()
    assert text.startswith("before\nmentor_id,mentor_name,")
    done = piped(*REPORT, "--format", "json", "-o", "/dev/stdout")
    assert done.stdout.startswith(b'{\n  "format": "mentorcli-report"')


def test_report_through_a_symlink_keeps_the_link(tmp_path):
    real = tmp_path / "real.html"
    real.write_text("old")
    link = tmp_path / "latest.html"
    link.symlink_to(real)
    done = piped(*REPORT, "--format", "html", "-o", str(link))
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and real.read_text().startswith("<!DOCTYPE html>")
    fifo_link = tmp_path / "out"
    fifo_link.symlink_to("/dev/stdout")
    done = piped(*REPORT, "--format", "markdown", "-o", str(fifo_link))
    assert done.stdout.startswith(b"# Progress report") and fifo_link.is_symlink()


def test_validate_dash_reads_stdin():
    bad = b"version: 1\ncohort: {id: x}\n"
    done = piped("validate", "-", input=bad)
    assert done.returncode == 2
    assert done.stderr.decode().splitlines()[0] == "<stdin>:2:9: cohort: missing required key " \
                                                   "'name'"
    assert done.stdout.decode() == "<stdin>: invalid, 3 errors\n"
    done = piped("validate", "-", str(COHORT), input=COHORT.read_bytes())
    assert done.returncode == 0
    assert done.stdout.decode().startswith("<stdin>: valid (16 participants")


# ------------------------------------------------------------------ quiet and colour


def test_quiet_keeps_messages_still_but_not_errors_or_data(tmp_path):
    cohort = tmp_path / "c.yaml"
    done = piped("--quiet", "init", str(cohort))
    assert done.returncode == 0 and done.stderr == b"" and cohort.exists()
    done = piped("-q", "init", str(cohort))
    assert done.returncode == 2 and b"already exists" in done.stderr
    done = piped("-q", "validate", str(cohort))
    assert done.stdout.startswith(str(cohort).encode() + b": valid")


@pytest.mark.slow
def test_force_colour_into_a_pipe_and_no_colour_wins():
    assert b"\x1b[" not in piped(*REPORT).stdout
    assert b"\x1b[1m" in piped(*REPORT, FORCE_COLOR="1").stdout
    assert b"\x1b[" not in piped(*REPORT, FORCE_COLOR="1", NO_COLOR="1").stdout
    assert b"\x1b[1m" in piped(*REPORT, FORCE_COLOR="1", NO_COLOR="").stdout
    assert b"\x1b[" not in piped(*REPORT, FORCE_COLOR="").stdout


def test_an_empty_no_color_does_not_count_on_a_terminal():
    coloured = run_on_terminal([MENTORCLI, *REPORT], env(NO_COLOR=""), columns=140)
    plain = run_on_terminal([MENTORCLI, *REPORT], env(NO_COLOR="1"), columns=140)
    assert "\x1b[1m" in coloured
    assert "\x1b[" not in plain


@pytest.mark.parametrize(("environment", "expected"), [
    ({}, False), ({"NO_COLOR": ""}, False), ({"FORCE_COLOR": "1"}, True),
    ({"FORCE_COLOR": "0"}, True), ({"FORCE_COLOR": ""}, False),
    ({"FORCE_COLOR": "1", "NO_COLOR": "x"}, False)])
def test_use_color_when_piped(monkeypatch, environment, expected):
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert output.use_color(open(os.devnull, "w")) is expected  # noqa: SIM115


# ------------------------------------------------------------------ pager and progress


def test_long_tables_go_through_the_pager_on_a_terminal_only():
    pager = "sed 's/^/PAGED:/'"
    seen = on_full_terminal(REPORT, {"MENTORCLI_PAGER": pager, "NO_COLOR": "1"}, rows=24)
    lines = [line for line in seen.replace("\r\n", "\n").splitlines() if line.strip()]
    assert len(lines) > 24 and all(line.startswith("PAGED:") for line in lines)
    assert b"PAGED:" not in piped(*REPORT, MENTORCLI_PAGER=pager).stdout
    seen = on_full_terminal(REPORT, {"MENTORCLI_PAGER": "", "PAGER": pager}, rows=24)
    assert "PAGED:" not in seen  # MENTORCLI_PAGER="" turns it off
    seen = on_full_terminal(REPORT, {"PAGER": pager, "NO_COLOR": "1"}, rows=200)
    assert "PAGED:" not in seen  # it fits: no pager


def test_progress_shows_on_a_terminal_and_never_under_a_pipe(tmp_path, monkeypatch):
    cohort = tmp_path / "c.yaml"
    cohort.write_bytes(COHORT.read_bytes())
    done = piped("pair", str(cohort), "--dry-run")
    assert done.returncode == 0
    assert done.stderr.decode().splitlines()[-1].endswith("dry run: nothing written")
    assert b"pairing" not in done.stderr and b"\x1b" not in done.stderr
    monkeypatch.setattr(output, "is_terminal", lambda stream=None: True)
    monkeypatch.setattr(output, "QUIET", False)
    from rich.progress import Progress

    assert isinstance(output.working("pairing"), Progress)
    monkeypatch.setattr(output, "QUIET", True)
    assert not isinstance(output.working("pairing"), Progress)


# ------------------------------------------------------------------ help


def test_help_usage_lines_use_real_metavars(run):
    from mentorcli.cli.app import app
    from mentorcli.cli.commands import register_all

    register_all()
    import typer.main

    group = typer.main.get_command(app)
    for name in group.commands:
        result = run([name, "--help"])
        assert result.exit_code == 0, name
        text = result.stdout
        for wrong in ("{", "<path>", "<list[", "<str>", "<int>", "<float>"):
            assert wrong not in text.split("\n\n", 1)[0] + text.split("Options:", 1)[-1], \
                (name, wrong)
    assert run(["report", "--help"]).stdout.startswith("Usage: mentorcli report [OPTIONS] FILE")
    assert run(["merge-file", "--help"]).stdout.startswith(
        "Usage: mentorcli merge-file [OPTIONS] BASE OURS THEIRS")


# ------------------------------------------------------------------ the HTML template


def test_html_report_from_a_replaced_template_prints_on_a4(run, tmp_path):
    default = run([*REPORT, "--format", "html"]).stdout
    assert "@page{size:A4" in default
    mine = tmp_path / "acme.html.j2"
    mine.write_text('{% extends "common/report.html.j2" %}'
                    "{% block extra_style %}h1{color:#004b87}{% endblock %}"
                    "{% block header %}<h1>ACME · {{ title }}</h1>"
                    "<p>{{ data.cohort.id }}</p>{% endblock %}")
    result = run([*REPORT, "--format", "html", "--template", mine])
    assert result.exit_code == 0, result.stderr
    assert "h1{color:#004b87}" in result.stdout
    assert "<h1>ACME · Progress report: Reverse mentoring 2026" in result.stdout
    assert "<p>reverse-digital-2026</p>" in result.stdout
    assert "<h2>Pairs</h2>" in result.stdout  # the rest of the shipped page


def test_report_template_errors_are_placed_and_sandboxed(run, tmp_path):
    evil = tmp_path / "evil.html.j2"
    evil.write_text("line one\n{{ ''.__class__.__mro__ }}")
    result = run([*REPORT, "--format", "html", "--template", evil])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{evil}:2: refused: the template tries to reach Python "
                                    "internals")
    missing = tmp_path / "missing.html.j2"
    missing.write_text("{{ nobody }}")
    result = run([*REPORT, "--format", "html", "--template", missing])
    assert result.exit_code == 2
    assert "missing value: no variable named 'nobody' (the template variables are listed " \
           "in docs/report-template.md)" in result.stderr
    result = run([*REPORT, "--template", missing])
    assert result.exit_code == 2
    assert "--template is for --format html" in result.stderr


def test_a_missing_pager_does_not_lose_the_output():
    seen = on_full_terminal(REPORT, {"MENTORCLI_PAGER": "no-such-pager-here", "NO_COLOR": "1"},
                            rows=24)
    assert "Progress report: Reverse mentoring 2026" in seen
    assert "not found" not in seen


def test_every_command_has_an_example_that_parses(run):
    import shlex

    import typer.main

    from mentorcli.cli.app import EXAMPLES, app
    from mentorcli.cli.commands import register_all

    register_all()
    group = typer.main.get_command(app)
    assert sorted(group.commands) == sorted(EXAMPLES)
    for name, command in group.commands.items():
        text = run([name, "--help"]).stdout
        assert f"\n  Example:\n    mentorcli {name} " in text, name
        example = EXAMPLES[name].split("   (")[0].split(" > ")[0]
        words = shlex.split(example)
        assert words[:2] == ["mentorcli", name]
        command.make_context(name, words[2:])  # an unknown option or a bad value raises


def test_dates_months_and_folders_have_their_metavars(run):
    assert "--as-of DATE" in run(["report", "--help"]).stdout
    assert "--month YYYY-MM" in run(["report", "--help"]).stdout
    assert "--date DATE" in run(["log", "--help"]).stdout
    assert "--out FOLDER" in run(["contracts", "--help"]).stdout
    assert "--start DATE" in run(["init", "--help"]).stdout
    assert run(["supervise", "--help"]).stdout.startswith(
        "Usage: mentorcli supervise [OPTIONS] FILE MENTOR...\n")
