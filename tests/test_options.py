"""The plugin's options: one model for the site build and the ``ifms`` command.

Whatever a specialist writes under ``ifms:`` in mkdocs.yml is either a valid set of options or
a message that names the option, the value and what is expected; nothing else comes out.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import invoke
from ifms.i18n.locale import Locale
from ifms.options import RULE_NAMES, Options, OptionsInvalid, read_options

NAMES = [*Options.model_fields, *RULE_NAMES, "rulez", "cme_hourz", "rules.x"]
YAML_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30)
    | st.dates().map(date.isoformat) | st.dates(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(NAMES) | st.text(max_size=8),
                                                                inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=300, deadline=2000, database=None)
@given(st.dictionaries(st.sampled_from(NAMES) | st.text(max_size=12), YAML_VALUES, max_size=6),
       st.one_of(st.none(), st.text(max_size=12), st.dates().map(date.isoformat)))
def test_any_options_are_valid_or_one_message_per_bad_option(options: dict, today: str | None) -> None:
    environ = {} if today is None else {"IFMS_TODAY": today}
    try:
        read_options(options).settled(environ=environ)
    except OptionsInvalid as invalid:
        assert invalid.problems
        for lang in ("nl", "en"):
            text = invalid.render(Locale(lang))
            assert all(problem.option in text for problem in invalid.problems)
            assert not re.search(r"\{(option|value|expected|source|known|suggestion|minimum|choices)\}", text), text


def test_the_defaults_are_the_rules_of_the_rgs() -> None:
    options = read_options({})
    assert (options.anonymity_threshold, options.rules.cme_hours, options.rules.min_groups,
            options.rules.pop_days, options.rules.window_years) == (3, 200, 2, 90, 5)
    assert options.deprecated == ()


@pytest.mark.parametrize(("written", "option"), [
    ({"cme_hours": "veel"}, "cme_hours"),
    ({"rules": {"cme_hours": "veel"}}, "rules.cme_hours"),
    ({"anonymity_threshold": -4}, "anonymity_threshold"),
    ({"pdf_kinds": ["evidence", "dagboek"]}, "pdf_kinds"),
    ({"pdf": "ja"}, "pdf"),
    ({"lang": "de"}, "lang"),
    ({"today": "23-11-2026"}, "today"),
])
def test_a_bad_value_is_named_as_written(written: dict, option: str) -> None:
    with pytest.raises(OptionsInvalid) as raised:
        read_options(written)
    assert [problem.option for problem in raised.value.problems] == [option]


@pytest.mark.parametrize("entry", [["a", "b"], "tekst", 5])
def test_an_entry_that_is_no_mapping_is_named(entry: object) -> None:
    with pytest.raises(OptionsInvalid) as raised:
        read_options(entry)
    assert "Instelling 'ifms' van het ifms-plugin" in raised.value.render(Locale("nl"))


def test_settled_decides_language_day_and_pdf() -> None:
    settled = read_options({}).settled(theme_language="en", environ={"IFMS_TODAY": "2026-03-01", "IFMS_PDF": "1"})
    assert (settled.lang, settled.today, settled.pdf) == ("en", date(2026, 3, 1), True)
    assert read_options({"lang": "nl"}).settled(theme_language="en", environ={}).lang == "nl"
    assert read_options({}).settled(override="en", environ={}).lang == "en"


@pytest.mark.parametrize(("config", "said"), [
    ("site_name: X\nplugins:\n  - ifms:\n\tcme_hours: 3\n", "mkdocs.yml:4: fout: er staat een tab"),
    ("- a\n- b\n", "mkdocs.yml is geen geldig MkDocs-configuratiebestand"),
    ("site_name: [X\n", "mkdocs.yml:1: fout"),
])
def test_a_broken_mkdocs_yml_is_explained_in_dutch(tmp_path: Path, config: str, said: str) -> None:
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = invoke("check", cwd=tmp_path)
    assert result.returncode == 2
    assert said in result.output and "Traceback" not in result.output
    assert "while parsing" not in result.output and "found character" not in result.output


def test_odd_values_in_mkdocs_yml_are_tolerated(tmp_path: Path) -> None:
    """Keys the core does not need may be anything MkDocs accepts, or worse: they are MkDocs'."""
    from ifms.source.mkdocs_yml import read_project

    (tmp_path / "mkdocs.yml").write_text(
        "plugins: 5\nmarkdown_extensions: 7\ntheme: [a]\nsite_url: !ENV [A, b]\n", encoding="utf-8")
    project = read_project(tmp_path / "mkdocs.yml")
    assert (project.plugin_options, project.markdown_extensions, project.theme_language) == ({}, [], None)


@pytest.mark.parametrize(("environment", "outcome"), [({}, 4), ({"ANON": "6"}, 6), ({"ANON": "x"}, "refused")])
def test_env_tags_in_the_options_are_read_as_mkdocs_reads_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                environment: dict, outcome: object) -> None:
    from ifms.source.mkdocs_yml import read_project

    monkeypatch.delenv("ANON", raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    (tmp_path / "mkdocs.yml").write_text("plugins:\n  - ifms:\n      anonymity_threshold: !ENV [ANON, 4]\n",
                                         encoding="utf-8")
    project = read_project(tmp_path / "mkdocs.yml")
    if outcome == "refused":
        with pytest.raises(OptionsInvalid):
            project.options()
    else:
        assert project.options().anonymity_threshold == outcome


def test_a_typo_gets_a_suggestion_only_when_one_is_near() -> None:
    def suggestion(options: dict) -> str:
        with pytest.raises(OptionsInvalid) as raised:
            read_options(options)
        return raised.value.problems[0].params["suggestion"]

    assert suggestion({"foo": 1}) == "-"
    assert suggestion({"cme_hourz": 1}) == "rules.cme_hours"
    assert suggestion({"pdf_fil": "x.pdf"}) == "pdf_file"


def test_an_empty_value_keeps_its_default_under_rules_too() -> None:
    assert read_options({"rules": {"cme_hours": None}}).rules.cme_hours == 200


def test_a_deprecation_shows_the_value_as_written() -> None:
    notices = read_options({"cme_hours": 150}).deprecation_notices(Locale("nl"), "mkdocs.yml")
    assert notices == ["Instelling 'cme_hours' van het ifms-plugin in mkdocs.yml staat op de oude plek; zet haar "
                       "onder 'rules:' (bijvoorbeeld 'rules: {cme_hours: 150}'). Ze werkt nog wel."]
