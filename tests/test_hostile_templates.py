"""Contract templates that try to exhaust CPU, memory or disk (issue 11): refused with exit 2,
a message naming the template and the limit, and no contract written."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from mentorcli.documents.templating import TemplateLimits, environment, render
from mentorcli.errors import TemplateError

SIZE = ("would pass the output size limit of 10 MB per document (MENTORCLI_TEMPLATE_MAX_MB "
        "raises it)")
NUMBER = "is larger than the output size limit of 10 MB per document"

ATTACKS = {
    "loops": ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
              "refused: the template ran more than 5,000,000 steps for one document"),
    "ljust": ("{{ 'x'.ljust(10**9) }}", f"refused: a number 1,000,000,000 {NUMBER}"),
    "center": ("{{ 'x'|center(10**10) }}", f"refused: a number 10,000,000,000 {NUMBER}"),
    "center-variable": ("{% set n = 10**9 %}{{ mentor.name|center(n) }}",
                        f"refused: a number 1,000,000,000 {NUMBER}"),
    "doubling": ("{% set ns = namespace(s='x') %}{% for i in range(40) %}"
                 "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}",
                 f"refused: a joined text of 16,777,216 characters {SIZE}"),
    "percent-width": ("{{ '%1000000000s' % 'a' }}", f"refused: a width 1,000,000,000 {NUMBER}"),
    "format-width": ("{{ '{:>1000000000}'.format('a') }}",
                     f"refused: a width 1,000,000,000 {NUMBER}"),
    "join": ("{% set big = 'x' * 1000000 %}{{ ([big] * 1000000)|join }}",
             f"refused: a joined text of 1,000,000,000,000 characters {SIZE}"),
    "sum": ("{{ ([[1] * 1000000] * 1000)|sum(start=[])|length }}",
            f"refused: a joined text of 1,000,000,000 characters {SIZE}"),
    "macro": ("{% macro d(s, n) %}{{ d(s ~ s, n - 1) if n else s|length }}{% endmacro %}"
              "{{ d('x', 60) }}", f"refused: a joined text of 16,777,216 characters {SIZE}"),
    "output": ("{% for i in range(100000) %}{{ 'y' * 1000 }}{% endfor %}",
               "refused: the template built more than 200 MB of text for one document"),
    "replace": ("{{ ('x' * 1000000).replace('x', 'y' * 30) }}",
                f"refused: a replaced text of 30,000,000 characters {SIZE}"),
    "power": ("{{ 2 ** 100000000 }}", "refused: a power above 64 is not allowed here"),
}


def write_template(tmp_path: Path, source: str) -> Path:
    template = tmp_path / "evil.md.j2"
    template.write_text(source, encoding="utf-8")
    return template


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_a_runaway_template_is_refused_quickly_naming_it_and_the_limit(
        run, example_path, tmp_path, name):
    source, words = ATTACKS[name]
    template = write_template(tmp_path, source)
    out = tmp_path / "out"
    started = time.monotonic()
    result = run(["contracts", example_path, "--template", template, "--out", out])
    assert time.monotonic() - started < 30
    assert result.exit_code == 2, result.stderr
    assert result.stderr.startswith(f"{template}")
    assert words in result.stderr
    assert result.stderr.count("\n") == 1
    assert not out.exists() or not any(out.iterdir())


def test_the_limits_can_be_raised_or_lowered_by_environment(run, example_path, tmp_path):
    template = write_template(tmp_path, "{{ 'x' * 2000 }}\n")
    out = tmp_path / "out"
    env = {"MENTORCLI_TEMPLATE_MAX_MB": "0.001"}
    result = run(["contracts", example_path, "--template", template, "--out", out], env=env)
    assert result.exit_code == 2
    assert result.stderr == (
        f"{template}:1: refused: a repetition of 2,000 characters would pass the output size "
        "limit of 0.001 MB per document (MENTORCLI_TEMPLATE_MAX_MB raises it)\n")
    result = run(["contracts", example_path, "--template", template, "--out", out])
    assert result.exit_code == 0
    assert (out / "cleroy--bpetit.md").read_text(encoding="utf-8") == "x" * 2000 + "\n"


def test_a_run_time_limit_stops_a_slow_template(tmp_path):
    template = write_template(tmp_path, "{% for i in range(100000) %}{% for j in range(1000) %}"
                                        "{% endfor %}{% endfor %}")
    env = environment([tmp_path], autoescape=False,
                      limits=TemplateLimits(max_steps=10**12, max_seconds=0.5))
    started = time.monotonic()
    with pytest.raises(TemplateError) as caught:
        render(env, template.name, {}, shown_name=str(template))
    assert time.monotonic() - started < 5
    assert str(caught.value) == (
        f"{template}:1: refused: the template ran longer than 0.5 seconds for one document "
        "(MENTORCLI_TEMPLATE_MAX_SECONDS raises the limit)")


def test_lipsum_is_not_available(tmp_path):
    template = write_template(tmp_path, "{{ lipsum(100000) }}")
    env = environment([tmp_path], autoescape=False)
    with pytest.raises(TemplateError, match="no variable named 'lipsum'"):
        render(env, template.name, {}, shown_name=str(template))


def test_ordinary_templates_still_render_the_same(tmp_path):
    template = write_template(tmp_path, "{{ 'x'|center(5) }}|{{ [1, 2, 3]|join(',') }}|"
                                        "{{ '%5s' % 'a' }}|{{ '{:>4}'.format('b') }}|"
                                        "{{ 'ab' * 3 }}|{{ 2 ** 10 }}|"
                                        "{{ 'a-b'.replace('-', '+') }}")
    env = environment([tmp_path], autoescape=False)
    expected = "  x  |1,2,3|    a|   b|ababab|1024|a+b"
    assert render(env, template.name, {}, shown_name="t") == expected


def test_the_shipped_contracts_render_within_the_limits(run, example_path, tmp_path):
    for fmt in ("md", "html"):
        result = run(["contracts", example_path, "--format", fmt, "--out", tmp_path / fmt])
        assert result.exit_code == 0, result.stderr
