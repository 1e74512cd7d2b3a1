"""A coordinator's reasoned exception on a pair (`exception:`) is shown in the contract and
in every report format, in the cohort's language, and withheld from anonymised reports."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from mentorcli.resources import cohorts_dir

REASON = "binôme souhaité par le comité malgré le lien hiérarchique indirect"


@pytest.fixture
def french(tmp_path: Path) -> Path:
    path = tmp_path / "mentorat.yaml"
    shutil.copyfile(cohorts_dir() / "mentorat-managers-2026.yaml", path)
    text = path.read_text(encoding="utf-8")
    head = "  - mentor: mbeaumont\n    mentee: lchevalier\n"
    assert head in text
    path.write_text(text.replace(head, head + f"    exception: {REASON}\n", 1),
                    encoding="utf-8")
    return path


def test_the_contract_states_the_exception(run, french: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(["contracts", french, "--out", out])
    assert result.exit_code == 0, result.stderr
    text = (out / "mbeaumont--lchevalier.md").read_text(encoding="utf-8")
    assert ("La coordination a validé ce binôme par dérogation aux règles d’appariement du "
            f"programme,\npour ce motif\u00a0: {REASON}\n") in text
    others = [p for p in out.glob("*.md") if p.name != "mbeaumont--lchevalier.md"]
    assert others and not any("dérogation" in p.read_text(encoding="utf-8") for p in others)


def test_every_report_format_shows_it_and_anonymised_ones_withhold_it(run, french: Path
                                                                       ) -> None:
    data = json.loads(run(["report", french, "--format", "json", "--as-of",
                           "2026-06-01"]).stdout)
    exceptions = [(p["mentor"]["id"], p["exception"]) for p in data["pairs"] if p["exception"]]
    assert exceptions == [("mbeaumont", REASON)]
    markdown = run(["report", french, "--format", "markdown", "--as-of", "2026-06-01"]).stdout
    assert "Binômes approuvés par dérogation à une règle d’appariement" in markdown
    assert REASON in markdown
    html = run(["report", french, "--format", "html", "--as-of", "2026-06-01"]).stdout
    assert REASON in html
    hidden = run(["report", french, "--format", "markdown", "--as-of", "2026-06-01",
                  "--anonymize"]).stdout
    assert REASON not in hidden and "motif non communiqué" in hidden
