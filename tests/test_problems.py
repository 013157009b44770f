"""Problems told to a person: one way to show them, and YAML syntax errors in plain words.

The YAML cases are real malformed text, parsed in-process by libyaml (what the wheels bring)
and by PyYAML's pure-Python parser (what a build without libyaml uses): both complain in
their own English, and both must end in the same Dutch explanation on the same line.
"""

from __future__ import annotations

import re

import pytest
import yaml

from ifms.authoring.feedback_import import ImportFailed, read_table
from ifms.i18n.locale import Locale
from ifms.privacy.scan import scan_text
from ifms.problems import Label, Problem
from ifms.source import yaml_source

NL, EN = Locale("nl"), Locale("en")


class _PureLoader(yaml.SafeLoader):
    """PyYAML's pure-Python parser, with the resolvers of the real loader."""


_PureLoader.yaml_implicit_resolvers = yaml_source.DateAsTextLoader.yaml_implicit_resolvers


@pytest.fixture(params=["libyaml", "pure"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "libyaml" and not hasattr(yaml, "CSafeLoader"):
        pytest.skip("PyYAML without libyaml")
    if request.param == "pure":
        monkeypatch.setattr(yaml_source, "DateAsTextLoader", _PureLoader)
    return request.param


# (key under problem.yaml, malformed YAML, line to show, words of the Dutch text)
YAML_CASES = [
    ("colon", "kind: reflection\ntitle: Gesprek: slecht nieuws\n", 2, "tussen aanhalingstekens"),
    ("indented_value", "kind: reflection\ntitle: Iets\n  date: 2024-01-01\n", 3, "springt verder in"),
    ("missing_colon", "kind: pop\ntitle\ndate: 2024-01-01\n", 2, "geen dubbele punt"),
    ("tab", "kind: pop\ngoals:\n\t- title: x\n", 3, "Vervang de tab door spaties"),
    ("tab", "kind: pop\n\ttitle: x\n", 2, "Vervang de tab door spaties"),
    ("character", "title: @collega's\n", 1, "begint met '@'"),
    ("character", "title: `code`\n", 1, "begint met '`'"),
    ("character", "title: %stijging\n", 1, "begint met '%'"),
    ("character", "title: ]\n", 1, "begint met ']'"),
    ("list_after_colon", "goals: - Feedback vragen\n", 1, "op een eigen regel"),
    ("indentation", "registration:\n  basis: practice\n expires: 2027-01-01\n", 3, "de inspringing klopt niet"),
    ("indentation", 'title: "Gesprek" met de opleider\n', 1, "de inspringing klopt niet"),
    ("list_item", "kind: pop\n- title: x\n", 2, "waar YAML een veld verwacht"),
    ("list_item", "feedback:\n  - a.yml\n - b.yml\n", 3, "waar YAML een veld verwacht"),
    ("list_indentation", "- a\nb: 1\n", 2, "op dezelfde inspringing"),
    ("list_indentation", "- title: x\n status: open\n", 2, "op dezelfde inspringing"),
    ("flow_sequence", "scale: [1, 5\ngroups: {}\n", 1, "de lijst tussen [ en ]"),
    ("flow_sequence", "feedback: [a.yml, Gesprek: slecht nieuws: b.yml]\n", 1, "de lijst tussen [ en ]"),
    ("flow_mapping", "scores: {communicator: 4 professional: 5}\n", 1, "Scheid ze met komma's"),
    ("alias", "title: *belangrijk*\n", 1, "begint met *"),
    ("alias", "title: *\n", 1, "begint met *"),
    ("anchor", "a: &x 1\nb: &x 2\n", 2, "begint met &"),
    ("anchor", "title: & collega's\n", 1, "begint met &"),
    ("unclosed_quote", 'kind: pop\ntitle: "Plan 2024\ndate: 2024-01-01\n', 2, "niet gesloten"),
    ("unclosed_quote", "title: 'Plan\n", 1, "niet gesloten"),
    ("escape", 'bron: "C:\\Users\\arts\\rapport.csv"\n', 1, "backslash"),
    ("block_scalar", "notes: |tekst\n  meer\n", 1, "achter | of >"),
    ("tag", "title: !belangrijk\n", 1, "begint met !"),
    ("tag", "title: !<iets\n", 1, "begint met !"),
    ("complex_key", "{a: 1}: 2\n", 1, "begint met [ of {"),
    ("second_document", "kind: pop\n---\ntitle: x\n", 2, "tweede document"),
    ("control_character", "kind: pop\ntitle: Plan\x07\n", 2, "onzichtbaar stuurteken (U+0007)"),
]


@pytest.mark.parametrize(("name", "text", "line", "words"), YAML_CASES,
                         ids=[f"{case[0]}-{n}" for n, case in enumerate(YAML_CASES)])
def test_yaml_syntax_error_in_plain_dutch(parser: str, name: str, text: str, line: int, words: str) -> None:
    with pytest.raises(yaml_source.SyntaxProblem) as raised:
        yaml_source.parse(text, line_offset=1)
    problem = raised.value
    assert (problem.key, problem.line) == (f"yaml.{name}", line + 1)
    shown = Problem("r.md", problem.line, None, problem.key, problem.params).render(NL)
    assert shown.startswith(f"r.md:{line + 1}: fout: ")
    assert words in shown
    assert problem.detail not in shown, "PyYAML's English is not shown for a known problem"
    english = Problem("r.md", problem.line, None, problem.key, problem.params).render(EN)
    assert english.startswith(f"r.md:{line + 1}: error: ") and not re.search(r"\{\w+\}", english)


def test_libyaml_only_directive() -> None:
    """A line starting with % is a directive to libyaml (pure PyYAML only warns)."""
    try:
        yaml_source.parse("%FOO\n---\ntitle: x\n")
    except yaml_source.SyntaxProblem as problem:
        assert problem.key == "yaml.directive"
        assert "begint met %" in Problem("a.yml", problem.line, None, problem.key, problem.params).render(NL)


def test_every_yaml_text_exists_in_both_languages() -> None:
    keys = {f"problem.yaml.{key}" for _, key, _ in yaml_source._COMPLAINTS}
    keys |= {f"problem.yaml.{key}" for key in ("tab", "indented_value", "list_item", "control_character")}
    for locale in (NL, EN):
        assert [key for key in sorted(keys) if not locale.has(key)] == []


def test_unknown_yaml_problem_keeps_the_english_detail(parser: str) -> None:
    """A complaint not known here (bad base64 in a !!binary value) still says what PyYAML said."""
    with pytest.raises(yaml_source.SyntaxProblem) as raised:
        yaml_source.parse("a: !!binary xyz\n")
    problem = raised.value
    assert problem.key == "yaml_syntax" and problem.line == 1
    shown = Problem("a.yml", problem.line, None, problem.key, problem.params).render(NL)
    assert shown == (f"a.yml:1: fout: de YAML-opmaak klopt niet ({problem.detail}). Let op inspringen "
                     "met spaties (geen tabs) en zet tekst met een dubbele punt tussen aanhalingstekens.")


# --- one problem type, rendered once ------------------------------------------------------


def test_problem_render_place_field_and_column() -> None:
    assert Problem("a.yml", 3, "date", "missing", {"key": "date"}).render(NL) == (
        "a.yml:3: fout in veld 'date': het verplichte veld 'date' ontbreekt.")
    assert Problem("r.csv", 2, None, "import.problem.column_twice", column="Score").render(EN) == (
        "r.csv:2: error in column 'Score': this column appears twice.")
    assert Problem("r.csv", None, None, "import.problem.empty").render(NL) == "r.csv: fout: het bestand is leeg."
    found = Problem("a.md", 8, None, "privacy.found.email", {"masked": "j.ja***nl", "marker": "<!-- privacy-ok -->"},
                    "warning", 14)
    assert found.render(NL).startswith("a.md:8: waarschuwing: e-mailadres 'j.ja***nl'."), "a column number is not shown"


def test_labels_are_named_in_the_language_when_shown() -> None:
    problem = Problem("r.csv", 4, None, "import.problem.no_respondents", {"group": Label("group", "nurses")})
    assert problem.render(NL).endswith("bij groep 'Verpleegkundigen' staat nergens het aantal respondenten.")
    assert problem.render(EN).endswith("group 'Nurses' has no number of respondents anywhere.")
    listed = Problem("r.csv", 1, None, "import.problem.unknown_column_long",
                     {"known": (Label("import.column", "group"), Label("import.column", "score"))}, column="X")
    assert listed.render(NL).endswith("In de lange vorm zijn de kolommen: groep, score.")


def test_csv_import_and_privacy_scan_give_problems(tmp_path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("Groep;Competentie;Score;Respondenten\nVerpleeging;Communicatie;4;5\n", encoding="utf-8")
    with pytest.raises(ImportFailed) as failed:
        read_table(path, "r.csv", scale=(1, 5))
    [problem] = failed.value.problems
    assert isinstance(problem, Problem) and problem.column == "Groep"
    findings = scan_text("BSN 111222333 en mail j.jansen@example.nl\n", "a.md", markdown=True)
    assert all(isinstance(f, Problem) for f in findings)
    assert [(f.kind, f.severity, f.column) for f in findings] == [("bsn", "error", 5), ("email", "warning", 23)]
    assert findings[0].params == {"masked": "1112***33", "marker": "<!-- privacy-ok -->"}
