"""Reading cohort files: odd files, odd YAML and closed pipes end in a clear line, never exit 3."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mentorcli.errors import InputFileError
from mentorcli.store.inputs import read_input_bytes
from mentorcli.store.reading import DEFAULT_MAX_VALUES, max_file_bytes, parse_yaml

REPO = Path(__file__).resolve().parent.parent
MB = 1024 * 1024


def write(tmp_path: Path, text: str, name: str = "cohort.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def edit(path: Path, old: str, new: str) -> Path:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


# ------------------------------------------------------------------ closed pipes, bugs


def test_a_closed_pipe_ends_quietly_with_the_sigpipe_code(tmp_path):
    # `mentorcli schema | true`: the reader is gone before mentorcli writes
    process = subprocess.Popen([sys.executable, "-m", "mentorcli", "schema"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    stderr = process.stderr.read()
    assert process.wait(timeout=60) == 141
    assert stderr == b""


def test_a_closed_pipe_in_process_is_exit_141_and_silent(run, example_path, monkeypatch):
    import mentorcli.cli.commands.cohort

    def closed(data):
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(mentorcli.cli.commands.cohort, "print_json", closed)
    result = run(["schema"])
    assert result.exit_code == 141
    assert result.stderr == ""


# ---------------------------------------------------------------- what is read at most


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_file_is_read_only_up_to_the_limit(run):
    started = time.monotonic()
    result = run(["validate", "/dev/zero"], env={"MENTORCLI_MAX_FILE_MB": "1"})
    assert time.monotonic() - started < 5
    assert result.exit_code == 2
    assert result.stderr == (
        "/dev/zero: is larger than the 1 MB a cohort file may be; check it is the right file "
        "(MENTORCLI_MAX_FILE_MB raises the limit)\n")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_read_up_to_the_limit(tmp_path):
    fifo = tmp_path / "cohort.yaml"
    os.mkfifo(fifo)
    process = subprocess.Popen(
        [sys.executable, "-m", "mentorcli", "validate", str(fifo)], stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL, env={**os.environ, "MENTORCLI_MAX_FILE_MB": "0.5"})
    with open(fifo, "wb") as writer:
        try:
            for _ in range(64):  # 4 MB in all, far more than the limit
                writer.write(b"x" * 65536)
        except BrokenPipeError:
            pass  # mentorcli stopped reading: what we want
    assert process.stderr is not None
    assert process.wait(timeout=60) == 2
    assert b"is larger than the 0.5 MB a cohort file may be" in process.stderr.read()


def test_a_file_of_exactly_the_limit_is_read_one_byte_more_is_not(tmp_path):
    path = tmp_path / "f.csv"
    path.write_bytes(b"x" * 1000)
    assert read_input_bytes(path, "a file", "a file", 1000) == b"x" * 1000
    with pytest.raises(InputFileError, match="larger than the 0.00095 MB a file may be"):
        read_input_bytes(path, "a file", "a file", 999)


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "-1", "lots", ""])
def test_a_file_limit_that_is_not_a_size_means_the_default(run, example_path, monkeypatch,
                                                           value):
    monkeypatch.setenv("MENTORCLI_MAX_FILE_MB", value)
    assert max_file_bytes() == 50 * MB
    result = run(["validate", example_path])
    assert result.exit_code == 0, result.stderr


def test_the_file_limit_can_be_raised_and_lowered(monkeypatch):
    monkeypatch.setenv("MENTORCLI_MAX_FILE_MB", "0.5")
    assert max_file_bytes() == MB // 2
    monkeypatch.setenv("MENTORCLI_MAX_FILE_MB", "1e300")
    assert max_file_bytes() > 10**300


# ------------------------------------------------------------------ too many values


def test_a_file_of_millions_of_values_is_refused_before_parsing(run, tmp_path):
    path = write(tmp_path, "version: 1\nx: [" + "1," * DEFAULT_MAX_VALUES + "1]\n")
    started = time.monotonic()
    result = run(["validate", path])
    assert time.monotonic() - started < 2
    assert result.exit_code == 2
    assert result.stderr == (
        f"{path}: holds about 1,500,002 values (lines and commas), more than the 1,500,000 a "
        "cohort file may hold; check it is the right file (MENTORCLI_MAX_VALUES raises the "
        "limit)\n")


def test_the_value_limit_can_be_changed(run, example_path):
    result = run(["validate", example_path], env={"MENTORCLI_MAX_VALUES": "100"})
    assert result.exit_code == 2
    assert "more than the 100 a cohort file may hold" in result.stderr
    for value in ("inf", "nan", "-3", "many"):
        assert run(["validate", example_path],
                   env={"MENTORCLI_MAX_VALUES": value}).exit_code == 0


def _benchmark_cohort_text() -> str:
    sys.path.insert(0, str(REPO))
    try:
        from bench.generate import generate_cohort_text
    finally:
        sys.path.remove(str(REPO))
    return generate_cohort_text(participants=5000, pairs=2500, sessions=60000, seed=1)


@pytest.mark.slow
def test_the_benchmark_cohort_is_far_under_the_value_limit():
    text = _benchmark_cohort_text()
    estimate = text.count("\n") + text.count(",")
    assert estimate * 2.5 < DEFAULT_MAX_VALUES


@pytest.mark.slow
def test_the_benchmark_cohort_validates(run, tmp_path):
    path = write(tmp_path, _benchmark_cohort_text())
    result = run(["validate", path])
    assert result.exit_code == 0, result.stderr[:2000]
    assert "valid (5000 participants, 2500 pairs, 60000 sessions)" in result.stdout


# ------------------------------------------------------------------------- odd YAML


@pytest.mark.parametrize(("value", "column", "message"), [
    ('!!int "abc"', 15, '"abc" is not a valid !!int value; remove the tag or fix the value'),
    ('!!float "x"', 15, '"x" is not a valid !!float value'),
    ('!!bool "maybe"', 15, '"maybe" is not a valid !!bool value'),
    ("!!omap [{a: 1}, {a: 2}]", 15, "a key appears twice in this !!omap"),
    ("[1, !!int x]", 19, '"x" is not a valid !!int value'),
    ("9" * 5000, 15, "a number of 5000 digits is too long to be read"),
])
def test_a_value_the_yaml_reader_cannot_build_is_placed(run, example_path, value, column,
                                                        message):
    edit(example_path, "    capacity: 2 ", f"    capacity: {value}\n    x: ")
    result = run(["validate", example_path])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{example_path}:63:{column}: invalid YAML: {message}")
    assert len(result.stderr.splitlines()) == 1


def test_a_key_that_is_a_list_is_refused_at_the_key(run, tmp_path):
    for text in ("version: 1\n? [a, [b]]\n: 1\n", "version: 1\n? {a: 1}\n: 1\n"):
        path = write(tmp_path, text)
        result = run(["validate", path])
        assert result.exit_code == 2
        assert result.stderr == (f"{path}:2:3: invalid YAML: a key is a list or a mapping; "
                                 "keys are simple names\n")


def test_parse_yaml_turns_value_errors_into_input_file_errors():
    with pytest.raises(InputFileError) as caught:
        parse_yaml('a:\n  b: !!int "abc"\n', "f.yaml")
    finding = caught.value.finding
    assert (finding.line, finding.column) == (2, 6)


def test_a_second_document_says_how_to_fix_it(run, tmp_path):
    path = write(tmp_path, "version: 1\n---\nversion: 1\n")
    result = run(["validate", path])
    assert result.exit_code == 2
    assert result.stderr == (f"{path}:2:1: invalid YAML: a second document starts here; a "
                             "cohort file holds one document: remove the second `---`\n")


@pytest.mark.parametrize("odd", ["\u2028", "\x85"])
def test_positions_are_found_when_only_the_pure_parser_reads_the_file(run, example_path, odd):
    edit(example_path, "title: Chief Financial Officer", f"title: Chief{odd}Financial Officer")
    edit(example_path, "    capacity: 2 ", "    capacity: two")
    result = run(["validate", example_path])
    assert result.exit_code == 2
    assert result.stderr == (f'{example_path}:63:15: participants[0].capacity: expected a '
                             'whole number, got "two"\n')


def test_positions_are_found_with_a_plain_time_in_a_flow_mapping(run, example_path):
    edit(example_path, "rating: {mentor: 4, mentee: 5}", "rating: {mentor: 4, mentee: 5, "
                                                          "at: 10:30}")
    result = run(["validate", example_path])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{example_path}:117:36: sessions[0].rating.at: unknown "
                                    "key 'at'")


def test_an_alias_refusal_points_at_the_alias_of_a_list_not_of_a_scalar(run, tmp_path):
    path = write(tmp_path, "version: 1\nname: &n Alice\nalso: *n\nlist: &l [1, 2]\n"
                           "again: *l\n")
    result = run(["validate", path])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{path}:5:8: uses a YAML alias (*name) to repeat a "
                                    "mapping or list")
