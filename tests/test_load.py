"""The loader on every class of bad input, in this process: which file, line and field it
names, and which problem (the message key; its Dutch and English words are in the locale files
and are checked end to end in test_bad_input.py).

Each test starts from the valid minimal portfolio and breaks one file. The last test feeds the
loader arbitrary text: whatever a specialist types, it answers with problems, never a crash.
"""

from __future__ import annotations

import shutil
import time
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import FIXTURES
from ifms.i18n.locale import Locale
from ifms.problems import PortfolioInvalid, Problem
from ifms.records.load import load_portfolio


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder holding a fresh copy of the minimal portfolio in ``portfolio/``."""
    shutil.copytree(FIXTURES / "minimal" / "portfolio", tmp_path / "portfolio")
    return tmp_path


def write(project: Path, path: str, content: str | bytes) -> None:
    target = project / "portfolio" / path
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8")


def problems(project: Path) -> list[Problem]:
    """What the loader reports about the portfolio, which must be invalid."""
    with pytest.raises(PortfolioInvalid) as refused:
        load_portfolio(project / "portfolio", display_base=project)
    return refused.value.problems


def the_problem(project: Path) -> tuple[str, int | None, str | None, str]:
    """(file, line, field, key) of the one problem the loader reports."""
    found = problems(project)
    assert len(found) == 1, found
    return found[0].file, found[0].line, found[0].field, found[0].key


def test_the_minimal_portfolio_is_valid(project: Path) -> None:
    portfolio = load_portfolio(project / "portfolio", display_base=project)
    assert portfolio.profile is not None and portfolio.warnings == []
    assert (len(portfolio.feedback), len(portfolio.pops), len(portfolio.conversations),
            len(portfolio.reflections)) == (1, 1, 1, 1)


# --- the text is not a readable record ---------------------------------------------------------


def test_yaml_syntax_error_names_the_line_where_the_list_begins(project: Path) -> None:
    write(project, "feedback/ronde.yml",
          "kind: feedback\ntitle: Feedback 2024\ndate: 2024-02-01\nscale: [1, 5\ngroups:\n"
          "  colleagues: {respondents: 5}\n")
    assert the_problem(project) == ("portfolio/feedback/ronde.yml", 4, None, "yaml.flow_sequence")


def test_duplicate_key_names_the_second_one_and_the_first_line(project: Path) -> None:
    write(project, "profiel.yml",
          "kind: profile\nname: dr. T. Test\nspecialty: Dermatologie\nname: dr. T. Twee\n"
          "registration: {expires: 2027-01-01}\n")
    [problem] = problems(project)
    assert (problem.file, problem.line, problem.field, problem.key) == (
        "portfolio/profiel.yml", 4, "name", "duplicate_key")
    assert problem.params["first_line"] == 2


def test_not_utf8_is_named_without_a_line(project: Path) -> None:
    write(project, "pop/oud.yml", "kind: pop\ntitle: Café\n".encode("latin-1"))
    assert the_problem(project) == ("portfolio/pop/oud.yml", None, None, "not_utf8")


# --- the record does not fit its kind ----------------------------------------------------------


def test_unknown_key_suggests_the_nearest_known_one(project: Path) -> None:
    write(project, "pop/plan.yml",
          "kind: pop\ntitle: POP 2024\ndate: 2024-03-01\ngoals:\n  - title: Beter luisteren\n"
          "    actions:\n      - title: Cursus\n        due: 2024-06-01\n        stauts: done\n")
    [problem] = problems(project)
    assert (problem.file, problem.line, problem.field, problem.key) == (
        "portfolio/pop/plan.yml", 9, "goals[0].actions[0].stauts", "extra_forbidden_suggest")
    assert problem.params["suggestion"] == "status"


def test_wrong_type(project: Path) -> None:
    write(project, "feedback/ronde.yml",
          "kind: feedback\ntitle: Feedback 2024\ndate: 2024-02-01\nscale: [1, 5]\ngroups:\n"
          "  colleagues:\n    respondents: acht\n    scores: {communicator: 4.2}\n")
    assert the_problem(project) == ("portfolio/feedback/ronde.yml", 7, "groups.colleagues.respondents",
                                    "int_parsing")


def test_impossible_date_in_front_matter_counts_lines_from_the_top_of_the_file(project: Path) -> None:
    write(project, "reflecties/reflectie.md",
          "---\nkind: reflection\ndate: 2024-02-30\ncompetencies: [communicatie]\n---\n\nTekst.\n")
    assert the_problem(project) == ("portfolio/reflecties/reflectie.md", 3, "date", "ifms_date_impossible")


def test_date_in_dutch_order(project: Path) -> None:
    write(project, "pop/plan.yml",
          "kind: pop\ntitle: POP 2024\ndate: 15-03-2024\ngoals:\n  - title: Beter luisteren\n")
    [problem] = problems(project)
    assert (problem.file, problem.line, problem.field, problem.key) == (
        "portfolio/pop/plan.yml", 3, "date", "ifms_date_format")
    assert problem.params["value"] == "15-03-2024"


def test_score_outside_the_scale(project: Path) -> None:
    write(project, "feedback/ronde.yml",
          "kind: feedback\ntitle: Feedback 2024\ndate: 2024-02-01\nscale: [1, 5]\ngroups:\n"
          "  colleagues:\n    respondents: 5\n    scores:\n      samenwerking: 4.0\n"
          "      communicatie: 6.2\n")
    [problem] = problems(project)
    assert (problem.file, problem.line, problem.field, problem.key) == (
        "portfolio/feedback/ronde.yml", 10, "groups.colleagues.scores.communicatie", "score_outside_scale")
    assert (problem.params["value"], problem.params["min"], problem.params["max"]) == (6.2, 1, 5)


# --- references between records ----------------------------------------------------------------


def test_dangling_reference_suggests_the_nearest_record(project: Path) -> None:
    write(project, "gesprekken/gesprek.md",
          "---\nkind: conversation\ntype: ifms\ndate: 2024-03-01\nleader: dr. G. Leider\n"
          "feedback: [feedback/ronde.yml]\npop: pop/plan-2024.yml\n---\n\nNotities.\n")
    [problem] = problems(project)
    assert (problem.file, problem.line, problem.field, problem.key) == (
        "portfolio/gesprekken/gesprek.md", 7, "pop", "dangling_reference_suggest")
    assert problem.params["suggestion"] == "pop/plan.yml"


def test_reference_to_a_record_of_the_wrong_kind(project: Path) -> None:
    write(project, "gesprekken/gesprek.md",
          "---\nkind: conversation\ntype: ifms\ndate: 2024-03-01\nleader: dr. G. Leider\n"
          "feedback: [pop/plan.yml]\npop: pop/plan.yml\n---\n\nNotities.\n")
    [problem] = problems(project)
    assert (problem.file, problem.line, problem.field, problem.key) == (
        "portfolio/gesprekken/gesprek.md", 6, "feedback[0]", "reference_wrong_kind")
    assert (problem.params["kind"], problem.params["expected"]) == ("pop", "feedback")


# --- the portfolio as a whole ------------------------------------------------------------------


def test_a_second_profile_names_the_first(project: Path) -> None:
    write(project, "tweede-profiel.yml",
          "kind: profile\nname: dr. T. Test\nspecialty: Dermatologie\nregistration: {expires: 2027-01-01}\n")
    [problem] = problems(project)
    assert (problem.file, problem.line, problem.field, problem.key) == (
        "portfolio/tweede-profiel.yml", 1, "kind", "profile_twice")
    assert problem.params["first"] == "portfolio/profiel.yml"


def test_no_profile_is_a_problem_of_the_folder(project: Path) -> None:
    (project / "portfolio/profiel.yml").unlink()
    assert the_problem(project) == ("portfolio", None, None, "no_profile")


# --- kinds -------------------------------------------------------------------------------------


def test_yaml_file_without_kind_is_a_warning_and_the_portfolio_loads(project: Path) -> None:
    write(project, "aantekeningen.yml", "ideeen: [a, b]\n")
    portfolio = load_portfolio(project / "portfolio", display_base=project)
    [warning] = portfolio.warnings
    assert (warning.file, warning.line, warning.field, warning.key, warning.severity) == (
        "portfolio/aantekeningen.yml", None, None, "no_kind", "warning")
    assert "aantekeningen.yml" in portfolio.data_files


def test_a_markdown_kind_in_yaml(project: Path) -> None:
    write(project, "reflecties/los.yml", "kind: reflection\ndate: 2024-02-10\n")
    assert the_problem(project) == ("portfolio/reflecties/los.yml", 1, "kind", "kind_needs_markdown")


def test_a_yaml_kind_in_markdown(project: Path) -> None:
    write(project, "feedback/los.md", "---\nkind: feedback\ndate: 2024-02-10\n---\n")
    assert the_problem(project) == ("portfolio/feedback/los.md", 2, "kind", "kind_needs_yaml")


def test_unknown_kind_suggests_the_nearest(project: Path) -> None:
    write(project, "pop/los.yml", "title: POP\nkind: pops\n")
    [problem] = problems(project)
    assert (problem.file, problem.line, problem.field, problem.key) == (
        "portfolio/pop/los.yml", 2, "kind", "unknown_kind")
    assert problem.params["suggestion"] == "pop"


def test_an_empty_yaml_file_is_a_file_without_kind(project: Path) -> None:
    write(project, "pop/leeg.yml", "")
    [warning] = load_portfolio(project / "portfolio", display_base=project).warnings
    assert (warning.file, warning.line, warning.field, warning.key) == ("portfolio/pop/leeg.yml", None, None,
                                                                        "no_kind")


def test_an_empty_markdown_file_is_a_page_not_a_record(project: Path) -> None:
    write(project, "reflecties/leeg.md", "")
    portfolio = load_portfolio(project / "portfolio", display_base=project)
    assert portfolio.warnings == [] and len(portfolio.reflections) == 1
    assert "reflecties/leeg.md" in portfolio.markdown_pages


# --- hostile or extreme input: refused quickly, with a field and a range ----------------------


def alias_bomb(levels: int) -> str:
    """A few hundred bytes that ask PyYAML for 9**levels values (nine aliases of nine ...)."""
    names = "abcdefghijklmnop"
    lines = ["kind: feedback", "a: &a [x,x,x,x,x,x,x,x,x]"]
    lines += [f"{names[i]}: &{names[i]} [{','.join([f'*{names[i - 1]}'] * 9)}]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_at_the_first_alias(project: Path) -> None:
    write(project, "feedback/ronde.yml", alias_bomb(12))  # 9**12 values; 7 levels took 27 s and 3 GB
    started = time.perf_counter()
    [problem] = problems(project)
    assert time.perf_counter() - started < 10, "a guard against a hang, not a speed measurement"
    assert (problem.file, problem.line, problem.key, problem.params) == (
        "portfolio/feedback/ronde.yml", 3, "yaml.alias_refused", {"name": "a"})


def test_any_alias_in_a_record_is_refused_and_an_unknown_one_is_told_as_before(project: Path) -> None:
    write(project, "pop/plan.yml", "kind: pop\ntitle: &t POP 2024\ndate: 2024-03-01\n"
          "goals:\n  - title: *t\n")
    assert the_problem(project) == ("portfolio/pop/plan.yml", 5, None, "yaml.alias_refused")
    write(project, "pop/plan.yml", "kind: pop\ntitle: *belangrijk\n")
    assert the_problem(project) == ("portfolio/pop/plan.yml", 2, None, "yaml.alias")


def test_an_alias_of_itself_is_refused_not_a_recursion_error(project: Path) -> None:
    write(project, "pop/plan.yml", "kind: pop\ntitle: &a [*a]\n")
    assert the_problem(project) == ("portfolio/pop/plan.yml", 2, None, "yaml.alias_refused")


@pytest.mark.parametrize("value", ["[" * 990 + "]" * 990, "{a: " * 990 + "1" + "}" * 990,
                                   "[" * 100_000 + "]" * 100_000])
def test_deep_nesting_is_refused_not_a_recursion_error(project: Path, value: str) -> None:
    write(project, "pop/plan.yml", f"kind: pop\ntitle: {value}\n")
    assert the_problem(project) == ("portfolio/pop/plan.yml", 2, None, "yaml.too_deep")


def test_an_integer_of_thousands_of_digits_is_refused_with_its_line(project: Path) -> None:
    write(project, "feedback/ronde.yml", VALID_ROUND.replace("respondents: 5", "respondents: " + "9" * 5000))
    assert the_problem(project) == ("portfolio/feedback/ronde.yml", 7, None, "yaml.number_too_long")


@pytest.mark.parametrize("kind", ["{a: 1}", "[pop]"])
def test_kind_as_a_mapping_or_a_list(project: Path, kind: str) -> None:
    write(project, "pop/plan.yml", f"title: POP\nkind: {kind}\n")
    assert the_problem(project) == ("portfolio/pop/plan.yml", 2, "kind", "kind_not_text")


VALID_ROUND = (FIXTURES / "minimal/portfolio/feedback/ronde.yml").read_text(encoding="utf-8")
PROFILE = (FIXTURES / "minimal/portfolio/profiel.yml").read_text(encoding="utf-8")
POP = (FIXTURES / "minimal/portfolio/pop/plan.yml").read_text(encoding="utf-8")
OUT_OF_RANGE = [
    # (file, text, line, field, key, (min, max) named in the message or None)
    ("profiel.yml", PROFILE.replace("2027-01-01", "0001-01-01"), 5, "registration.expires", "ifms_date_range",
     ("1900-01-01", "2200-12-31")),
    ("profiel.yml", PROFILE.replace("2027-01-01", "9999-12-31"), 5, "registration.expires", "ifms_date_range",
     ("1900-01-01", "2200-12-31")),
    ("profiel.yml", PROFILE + "  start: 0001-01-01\n", 6, "registration.start", "ifms_date_range",
     ("1900-01-01", "2200-12-31")),
    ("profiel.yml", PROFILE + "abroad:\n  - {from: 0001-01-01, to: 2024-01-01}\n", 7, "abroad[0].from",
     "ifms_date_range", ("1900-01-01", "2200-12-31")),
    ("profiel.yml", PROFILE + "abroad:\n  - {from: 2024-01-01, to: 9999-12-31}\n", 7, "abroad[0].to",
     "ifms_date_range", ("1900-01-01", "2200-12-31")),
    ("pop/plan.yml", POP.replace("date: 2024-03-01", "date: 2024-03-01\nuntil: 9999-12-31"), 4, "until",
     "ifms_date_range", ("1900-01-01", "2200-12-31")),
    ("profiel.yml", PROFILE + "work_hours: {2024: .inf}\n", 6, "work_hours.2024", "finite_number", None),
    ("profiel.yml", PROFILE + "work_hours: {2024: .nan}\n", 6, "work_hours.2024", "finite_number", None),
    ("profiel.yml", PROFILE + "work_hours: {2024: 1.0e+30}\n", 6, "work_hours.2024", "ifms_out_of_range",
     (0, 8784)),
    ("profiel.yml", PROFILE + "work_hours: {2024: 8785}\n", 6, "work_hours.2024", "ifms_out_of_range", (0, 8784)),
    ("profiel.yml", PROFILE + "cme:\n  - {date: 2024-01-01, title: Congres, hours: 1001}\n", 7, "cme[0].hours",
     "ifms_out_of_range", (0, 1000)),
    ("profiel.yml", PROFILE + "cme:\n  - {date: 2024-01-01, title: Congres, hours: -1}\n", 7, "cme[0].hours",
     "ifms_out_of_range", (0, 1000)),
    ("feedback/ronde.yml", VALID_ROUND.replace("respondents: 5", f"respondents: {10 ** 309}"), 7,
     "groups.colleagues.respondents", "ifms_out_of_range", (0, 1_000_000)),
    ("feedback/ronde.yml", VALID_ROUND.replace("scale: [1, 5]", "scale: [1, .inf]"), 4, "scale[1]",
     "finite_number", None),
    ("feedback/ronde.yml", VALID_ROUND.replace("scale: [1, 5]", "scale: [1, 1.0e+30]"), 4, "scale[1]",
     "ifms_out_of_range", (-1000, 1000)),
    ("feedback/ronde.yml", VALID_ROUND.replace("communicator: 3.5", "communicator: .nan"), 16, "self.communicator",
     "finite_number", None),
]


@pytest.mark.parametrize(("path", "content", "line", "field", "key", "bounds"), OUT_OF_RANGE)
def test_a_value_out_of_range_names_the_field_and_the_range(
        project: Path, path: str, content: str, line: int, field: str, key: str, bounds: tuple | None) -> None:
    write(project, path, content)
    [problem] = problems(project)
    assert (problem.file, problem.line, problem.field, problem.key) == (f"portfolio/{path}", line, field, key)
    message = problem.render(Locale("nl"))
    assert len(message) < 300, message
    if bounds is not None:
        low, high = (Locale("nl").number(b) if isinstance(b, int) else b for b in bounds)
        assert (problem.params["min"], problem.params["max"]) == bounds
        assert f"van {low} tot en met {high}" in message


def test_a_huge_value_is_quoted_short_in_the_message(project: Path) -> None:
    write(project, "pop/los.yml", "kind: " + "popp" * 2000 + "\n")
    write(project, "feedback/ronde.yml", VALID_ROUND.replace("date: 2024-02-01", "date: " + "x" * 5000))
    for problem in problems(project):
        message = problem.render(Locale("nl"))
        assert len(message) < 400 and "…" in message, message


# --- anything a specialist may type ------------------------------------------------------------

VALID_REFLECTION_FRONT = "kind: reflection\ndate: 2024-02-10\ncompetencies: [communicatie]\n"
YAML_PIECES = st.sampled_from([
    ":", ": ", "-", "- ", "\n", "  ", "\t", "[", "]", "{", "}", ",", "#", "&a", "*a", "!", "!!str ", "'", '"',
    "|", ">", "?", "%", "@", "`", "---\n", "...\n", "kind: ", "profile", "feedback", "pop", "reflection",
    "date: ", "2024-02-30", "15-03-2024", "2024-02-10", "groups:", "scale: [1, 5]", "respondents: ",
    "scores:", "self:", "null", "~", "true", "1e999", "-1", "0x1F", ".nan", "<<: *a", "\x00", "\ufeff", "é",
])
ANY_TEXT = st.one_of(
    st.text(max_size=120),
    st.lists(YAML_PIECES, max_size=25).map("".join),
    st.tuples(st.integers(0, len(VALID_ROUND)), st.lists(YAML_PIECES, min_size=1, max_size=4).map("".join),
              st.integers(0, 20)).map(lambda cut: VALID_ROUND[:cut[0]] + cut[1] + VALID_ROUND[cut[0] + cut[2]:]),
)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One project for every generated example (each writes the same two files again)."""
    folder = tmp_path_factory.mktemp("any-text")
    shutil.copytree(FIXTURES / "minimal" / "portfolio", folder / "portfolio")
    return folder


@settings(max_examples=150, deadline=timedelta(seconds=3), database=None)
@given(record=ANY_TEXT, front_matter=ANY_TEXT)
def test_any_text_in_a_record_gives_problems_never_a_crash(scratch: Path, record: str,
                                                           front_matter: str) -> None:
    write(scratch, "feedback/ronde.yml", record)
    write(scratch, "reflecties/reflectie.md", f"---\n{VALID_REFLECTION_FRONT}{front_matter}\n---\n\nTekst.\n")
    try:
        load_portfolio(scratch / "portfolio", display_base=scratch)
    except PortfolioInvalid as invalid:
        assert invalid.problems
        for problem in invalid.problems:
            assert problem.file.startswith("portfolio")
            assert problem.line is None or problem.line >= 1
        for lang in ("nl", "en"):
            assert invalid.render(Locale(lang))  # and telling them never fails either
