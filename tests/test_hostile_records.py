"""Records written to break the program: alias bombs, extreme values, text that means something
to YAML, Markdown, HTML or matplotlib. Whatever a record holds, the answer is a problem with a
file and a line, or a portfolio that goes through rules, report, pages, charts and the handout.

The per-class regressions of the loader are in test_load.py; here: the YAML layer with both
parsers (libyaml and pure PyYAML) and mkdocs.yml, chart text, one real build at the edges of
every range, and two property tests over all of it: 200 examples through the handout's HTML,
5 drawn and printed into a PDF. Set ``IFMS_FUZZ_EXAMPLES`` for a longer run (at least 10,000
before a release, see CONTRIBUTING.md).
"""

from __future__ import annotations

import os
import re
import shutil
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from helpers import FIXTURES, TODAY, chart, copy_project, ifms, labels, mkdocs_build
from ifms.charts.draw import draw, drawing_context
from ifms.charts.specs import pop_chart
from ifms.handout import pdf
from ifms.handout.document import Handout, MarkdownSetup
from ifms.handout.selection import HandoutOptions
from ifms.i18n.locale import Locale
from ifms.options import read_options
from ifms.pages.renderer import PageRenderer
from ifms.problems import PortfolioInvalid
from ifms.records.load import load_portfolio
from ifms.report.analysis import analyse
from ifms.report.progress import PopProgress
from ifms.rules import evaluate
from ifms.source import yaml_source
from ifms.source.mkdocs_yml import ConfigProblem, read_project


def alias_bomb(levels: int) -> str:
    names = "abcdefghijklmnop"
    lines = ["kind: feedback", "a: &a [x,x,x,x,x,x,x,x,x]"]
    lines += [f"{names[i]}: &{names[i]} [{','.join([f'*{names[i - 1]}'] * 9)}]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


class PureTolerant(yaml_source.PureDateAsTextLoader):
    """A loader class of mkdocs.yml's kind, in pure PyYAML."""


LOADERS = [yaml_source.DateAsTextLoader, yaml_source.PureDateAsTextLoader]


# --- the YAML layer, with either parser ----------------------------------------------------------


@pytest.mark.parametrize("loader", LOADERS, ids=["libyaml", "pure"])
@pytest.mark.parametrize(("text", "line", "key"), [
    (alias_bomb(12), 3, "yaml.alias_refused"),
    ("a: &a [*a]\n", 1, "yaml.alias_refused"),
    ("a: &x 1\nb: [1, *x]\n", 2, "yaml.alias_refused"),
    ("t: " + "[" * 100_000 + "]" * 100_000 + "\n", 1, "yaml.too_deep"),
    ("t:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 2000)), 51, "yaml.too_deep"),
    ("t: " + "9" * 5000 + "\n", 1, "yaml.number_too_long"),
])
def test_either_parser_refuses_quickly_with_a_line(loader: type, text: str, line: int, key: str) -> None:
    started = time.perf_counter()
    with pytest.raises(yaml_source.SyntaxProblem) as refused:
        yaml_source.parse(text, loader_class=loader)
    # A guard against a hang, not a speed measurement: an unrefused bomb takes minutes and
    # gigabytes, a refusal milliseconds.
    assert time.perf_counter() - started < 10
    assert (refused.value.line, refused.value.key) == (line, key)


@pytest.mark.parametrize("loader", LOADERS, ids=["libyaml", "pure"])
def test_a_record_without_aliases_reads_the_same_with_either_parser(loader: type) -> None:
    text = (FIXTURES / "minimal/portfolio/feedback/ronde.yml").read_text(encoding="utf-8")
    parsed = yaml_source.parse(text, loader_class=loader)
    assert parsed.data["date"] == "2024-02-01" and parsed.data["scale"] == [1, 5]
    assert parsed.source.line_of(("groups", "nurses", "respondents")) == 12


@pytest.mark.parametrize("loader", [yaml_source.DateAsTextLoader, PureTolerant], ids=["libyaml", "pure"])
def test_mkdocs_yml_may_repeat_a_block_but_not_a_bomb(loader: type) -> None:
    repeated = "extra:\n  a: &block {x: 1, y: [1, 2]}\n  b: *block\n"
    assert yaml_source.parse(repeated, loader_class=loader, alias_nodes=100).data["extra"]["b"] == {
        "x": 1, "y": [1, 2]}
    with pytest.raises(yaml_source.SyntaxProblem) as refused:
        yaml_source.parse(alias_bomb(12), loader_class=loader, alias_nodes=10_000)
    assert (refused.value.line, refused.value.key) == (6, "yaml.alias_expansion")


def test_ifms_reads_a_bombed_mkdocs_yml_as_a_bad_config_in_no_time(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n" + alias_bomb(12).replace("kind: feedback\n", ""), encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(ConfigProblem) as refused:
        read_project(config)
    # A guard against a hang, not a speed measurement: an unrefused bomb takes minutes and
    # gigabytes, a refusal milliseconds.
    assert time.perf_counter() - started < 10
    assert refused.value.problem is not None
    assert (refused.value.problem.line, refused.value.problem.key) == (6, "yaml.alias_expansion")
    assert "meer dan 10000 onderdelen" in refused.value.render(Locale("nl"))


# --- chart text is text ----------------------------------------------------------------------------


def test_dollars_in_a_pop_title_stay_literal_text_in_the_chart() -> None:
    progress = [PopProgress("POP $x^2$ kosten", "pop/a.yml", date(2024, 1, 1), 1, 2, 0, 0),
                PopProgress("$\\frac{a}{b}$ & <b>vet</b>", "pop/b.yml", date(2025, 1, 1), 0, 1, 1, 0)]
    with drawing_context():
        svg = draw(pop_chart(progress, Locale("nl"))).decode()
    assert "POP $x^2$ kosten" in labels(svg)
    assert "$\\frac{a}{b}$ &amp; &lt;b&gt;vet&lt;/b&gt;" in svg


# --- the edges of every range, through the real programs ---------------------------------------------

EDGE_PROFILE = """\
kind: profile
name: "dr. $x$ <script>alert(1)</script>"
specialty: Dermatologie
registration: {expires: 2200-12-31, start: 1900-01-01}
abroad:
  - {from: 1900-01-01, to: 2200-12-31}
work_hours: {2024: 8784, 2025: 0}
cme:
  - {date: 1900-01-01, title: "$\\\\frac{a}{b}$", hours: 1000}
  - {date: 2200-12-31, title: Congres, hours: 0}
visitations:
  - {date: 2200-12-31, kind: quality}
"""
EDGE_ROUND = """\
kind: feedback
title: "$E=mc^2$ ronde"
date: 1900-01-01
scale: [-1000, 1000]
groups:
  colleagues: {respondents: 1000000, scores: {communicatie: 1000, "$b$": -1000}}
  nurses: {respondents: 0, scores: {communicator: 0}}
self: {communicator: -1000}
"""
EDGE_POP = """\
kind: pop
title: "POP $x^2$ kosten"
date: 1900-01-01
until: 2200-12-31
feedback: [feedback/ronde.yml]
goals:
  - title: "$\\\\alpha$"
    actions:
      - {title: a, due: 1900-01-01}
      - {title: b, due: 2200-12-31, status: done, done: 2200-12-31}
"""


def test_what_ifms_check_accepts_at_the_edges_builds_and_is_evaluated(tmp_path: Path) -> None:
    project = copy_project(FIXTURES / "minimal", tmp_path / "edges")
    for path, text in (("profiel.yml", EDGE_PROFILE), ("feedback/ronde.yml", EDGE_ROUND),
                       ("pop/plan.yml", EDGE_POP)):
        (project / "portfolio" / path).write_text(text, encoding="utf-8")
    checked = ifms("check", cwd=project)
    assert checked.returncode == 0, checked.output
    evidence = ifms("evidence", cwd=project)
    assert evidence.returncode == 0 and "1000 uur" in evidence.output, evidence.output
    built = mkdocs_build(project)
    assert built.returncode == 0, built.output
    assert "POP $x^2$ kosten" in labels(chart(project / "site", "voortgang-pop"))


# --- anything in any field: problems with a line, or pages ------------------------------------------

EXAMPLES = int(os.environ.get("IFMS_FUZZ_EXAMPLES", "200"))
ODD_TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["$x^2$", "$", "\\$", "<script>alert(1)</script>", "</title><b>", "{{ 7*7 }}", "{% raw %}",
                     "](javascript:alert(1))", "| a | b |", "---", "\x00\x07\x1b[31m\u202e\ufeff", "é\u0301",
                     "*a", "&a", "!tag", "%", "@", "`", "# kop", "\n\n# kop\n", " ", ""]),
    st.integers(81, 5000).map(lambda n: "x" * n),
)
NUMBER = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-(10 ** 400), 10 ** 400),
    st.sampled_from([-1, 1e30, -1e30, 1e308, 8785, 1001, 10 ** 6 + 1, 10 ** 309, float("inf"), float("nan")]),
)
ANY_DAY = st.one_of(st.dates(), st.dates().map(date.isoformat), st.dates(date(1899, 12, 25), date(1900, 1, 7)),
                    st.dates(date(2200, 12, 25), date(2201, 1, 7)))
HOSTILE_MARKDOWN = st.sampled_from([
    "[klik](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x]( javascript:alert(1))", "[x](data:text/html,<b>)",
    "[x](vbscript:msgbox(1))", "<a href=\"javascript:alert(1)\">x</a>", "<a href=\"prive.md\">p</a>",
    "![p](prive.md)", "[r]: javascript:alert(1)\n\n[ref][r]", "<javascript:alert(1)>", "[x](../../etc/passwd)",
    "[ok](https://example.org)", "[mail](mailto:a@example.org)", "[rel](../feedback/ronde.yml)"])
"""Markdown a reflection's body may hold: every address that would run something is neutralised."""
KEY = st.one_of(ODD_TEXT, NUMBER, st.booleans(), st.none())
"""Anything YAML may have as a mapping key here (a list or mapping cannot be a Python key)."""
ANY: st.SearchStrategy[Any] = st.one_of(ODD_TEXT, NUMBER, ANY_DAY, st.booleans(), st.none(),
                                        st.lists(ODD_TEXT, max_size=2), st.dictionaries(ODD_TEXT, ODD_TEXT, max_size=2))


def records(hostile: bool) -> st.SearchStrategy[tuple[dict, dict, dict]]:
    """(profile, feedback round, POP): at the edges of every range (which must reach the pages),
    or with anything at all in any field, one time in four (which must give problems)."""

    def field(allowed: st.SearchStrategy[Any], other: st.SearchStrategy[Any] = ANY) -> st.SearchStrategy[Any]:
        return st.one_of(allowed, allowed, allowed, other) if hostile else allowed

    def number(low: float, high: float) -> st.SearchStrategy[Any]:
        return field(st.one_of(st.floats(low, high), st.integers(int(low), int(high)),
                               st.sampled_from([low, high])), st.one_of(NUMBER, ANY))

    day = field(st.one_of(st.dates(date(1900, 1, 1), date(2200, 12, 31)),
                          st.sampled_from([date(1900, 1, 1), date(2200, 12, 31)])), st.one_of(ANY_DAY, ANY))
    text = field(ODD_TEXT.filter(str.strip))
    competency = st.one_of(st.sampled_from(["communicator", "communicatie", "medical_expert", "leader"]),
                           ODD_TEXT.filter(str.strip))
    profile = st.fixed_dictionaries({
        "kind": st.just("profile"), "name": text, "specialty": text,
        "registration": st.fixed_dictionaries({"expires": day}, optional={
            "basis": field(st.sampled_from(["practice", "equivalent_work"])), "shortened": field(st.booleans())}),
    }, optional={
        "abroad": st.lists(st.fixed_dictionaries({"from": day, "to": st.just(date(2200, 12, 31))}), max_size=2),
        "work_hours": st.dictionaries(field(st.integers(1950, 2100), KEY), number(0, 8784), max_size=3),
        "cme": st.lists(st.fixed_dictionaries({"date": day, "title": text, "hours": number(0, 1000)}), max_size=3),
        "visitations": st.lists(st.fixed_dictionaries({"date": day, "kind": field(
            st.sampled_from(["quality", "training"]))}), max_size=2),
        "employment": field(st.sampled_from(["employed", "self_employed", "clinic", "locum"])),
    })
    scores = st.dictionaries(field(competency, KEY), number(1, 5), max_size=3)
    respondents = field(st.integers(0, 1_000_000), st.one_of(NUMBER, ANY))
    round_ = st.fixed_dictionaries({
        "kind": st.just("feedback"), "title": text, "date": day,
        "scale": field(st.sampled_from([[1, 5], [-1000, 1000], [0, 1000]]), st.tuples(NUMBER, NUMBER).map(list)),
        "groups": field(st.dictionaries(field(st.sampled_from(["colleagues", "nurses", "patients"]) | ODD_TEXT, KEY),
                                        st.fixed_dictionaries({"respondents": respondents,
                                                               "scores": scores}), min_size=1, max_size=3)),
    }, optional={"self": scores, "comments": st.lists(st.fixed_dictionaries({"group": text, "text": text}),
                                                       max_size=2)})
    action = st.fixed_dictionaries({"title": text}, optional={
        "due": day, "status": field(st.sampled_from(["planned", "in_progress", "dropped"]))})
    pop = st.fixed_dictionaries({
        "kind": st.just("pop"), "title": text, "date": day,
        "goals": field(st.lists(st.fixed_dictionaries({"title": text}, optional={
            "competency": field(competency), "actions": st.lists(action, max_size=3),
            "evaluations": st.lists(st.fixed_dictionaries({"date": day, "text": text}), max_size=1)}),
            min_size=1, max_size=2)),
    }, optional={"until": field(st.just(date(2200, 12, 31))), "feedback": st.just(["feedback/ronde.yml"]),
                 "share": field(st.booleans())})
    reflection = st.fixed_dictionaries({
        "kind": st.just("reflection"), "date": day, "share": field(st.booleans(), st.just(True)),
    }, optional={"title": text, "competencies": st.lists(competency, max_size=2),
                 "feedback": st.just(["feedback/ronde.yml"])})
    return st.tuples(profile, round_, pop,
                     st.tuples(reflection, st.lists(st.one_of(ODD_TEXT, HOSTILE_MARKDOWN), max_size=4)))


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One project for every generated example (each writes the same three files again)."""
    folder = tmp_path_factory.mktemp("hostile")
    shutil.copytree(FIXTURES / "minimal" / "portfolio", folder / "portfolio")
    return folder


OPTIONS = read_options({}).settled(environ={"IFMS_TODAY": TODAY})


Four = tuple[dict, dict, dict, tuple[dict, list[str]]]


class _WithoutAliases(yaml.SafeDumper):
    """Writes a value met twice (one date object in two fields) twice: aliases are refused
    by the loader on purpose (test_load.py), and would hide every other problem here."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _dump(value: dict) -> str:
    return yaml.dump(value, Dumper=_WithoutAliases, allow_unicode=True)


def _write(scratch: Path, four: Four) -> None:
    profile, round_, pop, (front, body) = four
    for path, record in zip(("profiel.yml", "feedback/ronde.yml", "pop/plan.yml"), (profile, round_, pop),
                            strict=True):
        # safe_dump writes what YAML can carry: .inf, .nan, big integers, quoted control characters
        (scratch / "portfolio" / path).write_text(_dump(record), encoding="utf-8")
    reflection = f"---\n{_dump(front)}---\n\n" + "\n\n".join(body) + "\n"
    (scratch / "portfolio" / "reflecties" / "reflectie.md").write_text(reflection, encoding="utf-8")


def _loaded(scratch: Path) -> Any:
    """The portfolio, or None when it was refused with problems that each name file and line."""
    try:
        return load_portfolio(scratch / "portfolio", display_base=scratch)
    except PortfolioInvalid as invalid:
        assert invalid.problems
        for problem in invalid.problems:
            assert problem.file.startswith("portfolio/") and problem.line is not None, problem
        for lang in ("nl", "en"):
            assert invalid.render(Locale(lang))
        return None


RUNS = ("javascript:", "vbscript:", "data:text", "file:")


def _assert_nothing_runs(html: str, own_markdown: str) -> None:
    """No address that would run something or name a file of this computer; no script from
    what the records say in YAML or front matter. The reflection's own Markdown may hold raw
    HTML, as any MkDocs page may (the handout's own template has no script)."""
    lowered = html.lower()
    for attribute in re.findall(r'(?:href|src)\s*=\s*"([^"]*)"', lowered):
        assert not attribute.strip().startswith(RUNS), attribute
    assert lowered.count("<script") <= own_markdown.lower().count("<script")


@settings(max_examples=EXAMPLES, deadline=timedelta(seconds=5), database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(four=st.one_of(records(hostile=False), records(hostile=True)))
def test_any_values_give_problems_with_a_line_or_pages_never_a_crash(scratch: Path, four: Four) -> None:
    _write(scratch, four)
    portfolio = _loaded(scratch)
    if portfolio is None:
        event("refused with problems")
        return
    event("went through to the pages and the handout")
    assert portfolio.profile is not None
    evaluate(portfolio, OPTIONS.today or date.today(), OPTIONS.rules)
    renderer = PageRenderer(analyse(portfolio, OPTIONS))
    assert renderer.generated_pages()
    assert renderer.charts is not None
    handout = Handout(renderer, HandoutOptions(everything=True), MarkdownSetup())
    html = handout.document({}, scratch / "portfolio")
    assert "handout" in html and not handout.problems
    _assert_nothing_runs(html, "\n".join(four[3][1]))


DRAWN = int(os.environ.get("IFMS_FUZZ_DRAWN", str(max(5, EXAMPLES // 40))))
"""About two seconds each (WeasyPrint): 5 in the normal run, one for every 40 of a longer run."""


@settings(max_examples=DRAWN, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(four=records(hostile=False))
def test_values_at_the_edges_are_drawn_and_printed_into_a_pdf(scratch: Path, four: Four) -> None:
    """The slow end of the line, on fewer examples: every chart drawn (matplotlib, both
    schemes) and the handout made into a real PDF, or refused for a BSN, never a crash."""
    _write(scratch, four)
    portfolio = _loaded(scratch)
    if portfolio is None:  # cross-field checks (a fraction of a respondent) may still refuse
        event("refused with problems")
        return
    evaluate(portfolio, OPTIONS.today or date.today(), OPTIONS.rules)
    renderer = PageRenderer(analyse(portfolio, OPTIONS))
    handout = Handout(renderer, HandoutOptions(everything=True), MarkdownSetup())
    drawn: dict[str, bytes] = {}
    with drawing_context():
        for spec in {*renderer.charts.values(), *handout.charts}:
            for scheme in ("light", "dark"):
                svg = draw(spec, scheme)
                assert svg.startswith(b"<?xml") and b"<script" not in svg
            drawn[spec.path("light")] = draw(spec)
    try:
        made = pdf.make(handout, drawn, scratch / "portfolio")
    except pdf.PdfRefused as refused:
        assert refused.scan.has_errors
        event("refused for a BSN")
        return
    assert made.data.startswith(b"%PDF") and made.pages >= 1
    event("printed")
