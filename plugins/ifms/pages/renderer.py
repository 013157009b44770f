"""Markdown pages made from the records: one per feedback round, POP and profile, a header on
every conversation and reflection, and an overview of everything.

Pages are rendered from Jinja templates; a template with the same name in the specialist's
``site_templates/`` folder replaces the packaged one. The output is Markdown (so MkDocs checks
and rewrites the links) with plain HTML tables where cells need classes; it needs no
JavaScript, so it prints and goes into a PDF as it is.
"""

from __future__ import annotations

import copy
import hashlib
import html
import posixpath
import re
import shutil
import traceback
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from ifms import __version__
from ifms.charts import Chart, specs
from ifms.i18n.locale import Locale
from ifms.problems import PortfolioInvalid, Problem, relative_display
from ifms.records import competencies
from ifms.records.model import (
    Conversation,
    FeedbackRound,
    Goal,
    PageRecord,
    Pop,
    Profile,
    Questionnaire,
    Record,
    Reflection,
)
from ifms.report import progress
from ifms.report.analysis import Analysis
from ifms.report.development import Comparison, Measurement
from ifms.report.wording import describe, kind_title, private_title
from ifms.rules import Note, hours_in
from ifms.source.discovery import page_of

REQUIRED_EXTENSIONS = ("tables", "attr_list", "md_in_html", "admonition")
"""Markdown extensions the generated pages are written for (the plugin adds them to the site)."""

_H1_LINE = re.compile(r"^#[ \t]+.+$", re.MULTILINE)


def page_path(record: Record) -> str:
    """Where a record's page is in the site: a YAML record gets a page beside it, ``.md``."""
    return page_of(record.path)


class PageRenderer:
    """Renders the pages of one portfolio, in one language, as judged on one day."""

    def __init__(
        self,
        analysis: Analysis,
        *,
        templates_dir: Path | None = None,
        cache_dir: Path | None = None,
    ) -> None:
        self.analysis = analysis
        self.portfolio = analysis.portfolio
        self.options = settings = analysis.options
        self.hide_private = False
        """In the handout: private records are named only by kind and date, never linked."""
        self.locale = Locale(settings.lang)
        self.today: date = analysis.today
        self.evidence = analysis.evidence
        self.timeline = analysis.timeline
        self.trend = analysis.trend
        self.round_profiles = analysis.round_profiles
        self.pop_progress = analysis.pop_progress
        self.cme = analysis.cme
        self.work = analysis.work
        self.referenced_by = analysis.referenced_by
        self._development = {(d.pop.path, i): d for d in analysis.development
                             for i, goal in enumerate(d.pop.goals) if goal is d.goal}
        self._round_changes = analysis.round_changes
        self.preparation = analysis.preparation
        self.selection: set[str] | None = None
        """In the handout: the records it holds (set by the handout). A comparison with a round
        outside it (an earlier period, left out by date) is left out too."""
        self.charts = self._charts()
        self.env = _environment(str(templates_dir) if templates_dir else None, self.locale.lang,
                                str(cache_dir) if cache_dir else None)
        self.context = self._template_context()

    # --- what the adapter asks for --------------------------------------------------------

    def generated_pages(self) -> dict[str, str]:
        """Every page this package adds to the site, by path in the site's source tree."""
        pages = {page_path(record): self.record_page(record)
                 for record in self.portfolio.records() if not isinstance(record, PageRecord)}
        if self.options.overview_page:
            pages[self.options.overview_page] = self._render("overview.md.j2", here=self.options.overview_page)
        if self.options.evidence_page:
            pages[self.options.evidence_page] = self.evidence_page(self.options.evidence_page)
        if self.options.preparation_page:
            pages[self.options.preparation_page] = self.preparation_page(self.options.preparation_page)
        if self.options.timeline_page:
            pages[self.options.timeline_page] = self.timeline_page(self.options.timeline_page)
        if self.options.progress_page:
            pages[self.options.progress_page] = self._render("progress.md.j2", here=self.options.progress_page)
        for folder, records in self.record_folders().items():
            here = f"{folder}/index.md"
            if here not in self.portfolio.markdown_pages:
                pages[here] = self._render("section_index.md.j2", here=here, entries=records,
                                           title=self.folder_title(folder, records))
        return pages

    def evidence_page(self, here: str) -> str:
        return self._render("evidence.md.j2", here=here)

    def preparation_page(self, here: str) -> str:
        return self._render("preparation.md.j2", here=here, preparation=self.preparation)

    def timeline_page(self, here: str) -> str:
        return self._render("timeline.md.j2", here=here, items=self.timeline)

    def hiding_private(self) -> PageRenderer:
        """This renderer for the handout: the same data, private records kept out of sight."""
        other = copy.copy(self)
        other.hide_private = True
        other.selection = None
        other.charts = dict(self.charts)
        other.context = other._template_context()
        return other

    def _template_context(self) -> dict[str, Any]:
        """What every template sees, bound to this renderer: built anew for the handout's copy,
        so no function there still answers as the site (one that names private records)."""
        return {
            "t": self.locale.t,
            "file_size": self._file_size,
            "development_of": self.development_of,
            "development_lines": self.development_lines,
            "changes_of": self.changes_of,
            "measured": self.measured,
            "today": self.today,
            "settings": self.options,
            "options": self.options,
            "portfolio": self.portfolio,
            "title_of": self.title_of,
            "shown": self.shown,
            "handout": self.hide_private,
            "page_path": page_path,
            "referenced_by": self.referenced_by,
            "records": self.portfolio.by_path(),
            "canmeds": competencies.CANMEDS,
            "evidence": self.evidence,
            "trajectories": self.evidence.trajectories,
            "counted_hours": self._counted_hours,
            "charts": self.charts,
            "trend": self.trend,
            "round_profiles": self.round_profiles,
            "pop_progress": self.pop_progress,
            "cme": self.cme,
            "work": self.work,
            "latest_round": next((r for r in reversed(self.portfolio.feedback) if r.path in self.charts), None),
            "weeks_per_year": progress.WEEKS_PER_YEAR,
        }

    def record_folders(self) -> dict[str, list[Record]]:
        """Folders holding records (not the portfolio's top folder), with their records.

        Each gets an index page that lists its records by year, so a long list lives on one
        page instead of in the navigation of every page.
        """
        folders: dict[str, list[Record]] = defaultdict(list)
        for record in self.portfolio.records():
            folder = posixpath.dirname(record.path)
            if folder:
                folders[folder].append(record)
        return dict(folders)

    def folder_title(self, folder: str, records: list[Record]) -> str:
        kinds = {record.kind for record in records}
        if len(kinds) == 1:
            return self.locale.t(f"nav.{kinds.pop()}")
        return posixpath.basename(folder).replace("_", " ").replace("-", " ").capitalize()

    def _charts(self) -> dict[str, Chart]:
        """Every chart a page shows, by what it is about (``timeline``, a round's path...)."""
        locale, charts = self.locale, {}
        if self.options.timeline_page:
            charts["timeline"] = specs.timeline_chart(self.timeline, self.today, locale)
        if self.options.progress_page:
            if len(self.trend.rounds) > 0 and self.trend.series:
                charts["trend"] = specs.competency_trend_chart(self.trend, locale)
            if self.pop_progress:
                charts["pops"] = specs.pop_chart(self.pop_progress, locale)
            if self.cme:
                charts["cme"] = specs.cme_chart(self.cme, self.today, locale)
            if self.work and self.work.years:
                charts["work"] = specs.work_chart(self.work, locale)
        for path, profile in self.round_profiles.items():
            if profile.groups and profile.competencies:
                charts[path] = specs.round_chart(profile, locale)
        return charts

    def home_summary(self, markdown: str, here: str) -> str:
        """The home page with a short re-registration status under its title."""
        summary = self._render("home_summary.md.j2", here=here)
        return _insert_after_title(markdown, summary, None)

    def record_page(self, record: Record) -> str:
        template = {Profile: "profile.md.j2", FeedbackRound: "feedback.md.j2", Pop: "pop.md.j2",
                    Questionnaire: "questionnaire.md.j2"}
        return self._render(template[type(record)], record=record, here=page_path(record))

    def with_header(self, record: PageRecord, markdown: str) -> str:
        """The page's Markdown with a metadata header under its title.

        The header goes after the page's own first heading; a page without one gets the
        record's title as heading, so every record page has a visible title.
        """
        header = self._render("record_header.md.j2", record=record, here=page_path(record))
        return _insert_after_title(markdown, header, self.title_of(record))

    def with_privacy_warning(self, markdown: str, findings: list, here: str) -> str:
        """The page with what the privacy scan found in its file, under its title: seen in the
        browser while writing, not only in the terminal. Never part of the handout."""
        return _insert_after_title(markdown, self._render("privacy_warning.md.j2", here=here, findings=findings), None)

    # --- helpers for templates ------------------------------------------------------------

    def shown(self, record: Record) -> bool:
        """Whether the record itself (its title, its link) may appear on this page."""
        return record.shared or not self.hide_private

    def title_of(self, record: Record) -> str:
        if not self.shown(record):
            return private_title(record, self.locale)
        if isinstance(record, (FeedbackRound, Pop, Questionnaire)):
            return record.title
        if isinstance(record, Profile):
            return self.locale.t("profile.title")
        if isinstance(record, (Conversation, Reflection)):
            if record.title or record._heading:
                return record.title or record._heading or ""
            return f"{kind_title(record, self.locale)} {self.locale.date(record.date)}"
        return record.path

    def development_of(self, pop: Pop, index: int) -> str | None:
        """Whether others noticed goal ``index`` of ``pop``, in words: the others' score on its
        competency before the POP and in each later round, with the change. None for a goal
        without a competency. In the handout a private round is left out."""
        found = self._development.get((pop.path, index))
        if found is None:
            return None
        t = self.locale.t
        before = found.before if found.before and self._comparable(found.before.round) else None
        since = [m for m in found.since if self._comparable(m.now.round if isinstance(m, Comparison) else m.round)]
        other_scale = next((m.now for m in since if isinstance(m, Comparison) and not m.same_scale), None)
        parts = [t("development.before", score=self._measured(before, other_scale), round=self.title_of(before.round))
                 if before else t("development.no_before")]
        for measured in since:
            if isinstance(measured, Comparison) and before is not None:
                parts.append(t("development.since_change", score=self._measured(measured.now, before),
                               round=self.title_of(measured.now.round), change=self._change(measured)))
            else:
                now = measured.now if isinstance(measured, Comparison) else measured
                parts.append(t("development.since", score=self._measured(now, None), round=self.title_of(now.round)))
        if not since:
            parts.append(t("development.not_yet"))
        text = "; ".join(parts)
        return text[:1].upper() + text[1:] + "."

    def development_lines(self) -> list[tuple[Pop, Goal, str]]:
        """(POP, goal, :meth:`development_of`) of every goal with a competency, newest POP first."""
        found = []
        for pop in reversed(self.portfolio.pops):
            for index, goal in enumerate(pop.goals):
                line = self.development_of(pop, index)
                if line is not None and self.shown(pop):
                    found.append((pop, goal, line))
        return found

    def changes_of(self, round_: FeedbackRound) -> list[tuple[str, Comparison]]:
        """Each competency of ``round_`` against the previous round that asked it (that the
        page may name)."""
        changes = self._round_changes.get(round_.path, {})
        return [(key, change) for key, change in changes.items() if self._comparable(change.before.round)]

    def _comparable(self, round_: FeedbackRound) -> bool:
        """Whether a comparison may name ``round_`` here: shown, and in the handout one of its records."""
        return self.shown(round_) and (self.selection is None or round_.path in self.selection)

    def measured(self, measured: Measurement, against: Measurement | None) -> str:
        """For templates: :meth:`_measured`."""
        return self._measured(measured, against)

    def _measured(self, measured: Measurement, against: Measurement | None) -> str:
        """A score, with its scale when it is not the scale it is compared with."""
        score = self.locale.score(measured.score)
        if against is None or tuple(against.round.scale) == tuple(measured.round.scale):
            return score
        low, high = measured.round.scale
        return self.locale.t("development.on_scale", score=score, low=self.locale.number(low),
                             high=self.locale.number(high))

    def _change(self, comparison: Comparison) -> str:
        if comparison.same_scale:
            return _signed(comparison.change, self.locale)
        return self.locale.t("development.percent_points", change=_signed(comparison.change, self.locale))

    def _file_size(self, path: str) -> str:
        """``230 kB``: the size of a file of the portfolio, for an attachment's link."""
        try:
            size = (self.portfolio.root / path).stat().st_size
        except OSError:
            return "?"
        if size < 1000 * 1000:
            return self.locale.t("record.size_kb", size=self.locale.number(max(1, round(size / 1000))))
        return self.locale.t("record.size_mb", size=self.locale.number(round(size / 1000 / 1000, 1)))

    def _counted_hours(self, year: int) -> float:
        hours = self.portfolio.profile.work_hours if self.portfolio.profile else {}
        return hours_in({year: hours.get(year, 0)}, self.evidence.window_start, self.evidence.window_end)

    def _render(self, name: str, *, here: str, **context: object) -> str:
        def link(target: Record | str) -> str:
            path = page_path(target) if isinstance(target, Record) else target
            return posixpath.relpath(path, posixpath.dirname(here) or ".")

        return self.render_template(name, {**self.context, "link": link, **context})

    def render_template(self, name: str, context: dict[str, Any]) -> str:
        """Template ``name`` with exactly ``context``; an error in it (often one of the
        specialist's own in ``site_templates/``) is a :class:`PortfolioInvalid` naming its
        file and line, never a traceback."""
        try:
            return self.env.get_template(name).render(context)
        except jinja2.TemplateError as error:
            raise PortfolioInvalid([_template_problem(error, name)]) from None

    def template_source(self, name: str) -> str:
        """The text of template ``name`` as it will be used (the specialist's own if any)."""
        loader = self.env.loader
        assert loader is not None  # set by _environment
        try:
            return loader.get_source(self.env, name)[0]
        except jinja2.TemplateError as error:
            raise PortfolioInvalid([_template_problem(error, name)]) from None


@lru_cache(maxsize=8)
def _environment(templates_dir: str | None, lang: str, cache_dir: str | None) -> jinja2.Environment:
    """One Jinja environment per template folder and language, kept across rebuilds so
    templates are compiled once; Jinja still reloads a template file that was edited. With
    ``cache_dir``, compiled templates are also kept on disk for the next process."""
    locale = Locale(lang)
    loaders: list[jinja2.BaseLoader] = [jinja2.PackageLoader("ifms.pages", "templates")]
    if templates_dir is not None and Path(templates_dir).is_dir():
        loaders.insert(0, jinja2.FileSystemLoader(templates_dir))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_compiled_templates(Path(cache_dir)) if cache_dir else None,
    )
    env.filters.update(
        date=locale.date,
        number=locale.number,
        score=locale.score,
        label=lambda key, group: locale.label(group, key),
        competency=lambda key: specs.name_of(locale, key),
        cell=lambda text: str(text).replace("|", "\\|").replace("\n", " "),
        signed=lambda value: _signed(value, locale),
        note=_note_filter(locale),
        basename=posixpath.basename,
        markdown_text=_markdown_text,
    )
    env.tests["overdue"] = lambda action, today: action.overdue_on(today)
    # (name, group) under the anonymity threshold, in the handout (where it is left out).
    env.tests["hidden_group"] = lambda item, threshold, handout: handout and item[1].respondents < threshold
    env.tests["shown_by"] = lambda record, shown: shown(record)
    return env


def _compiled_templates(cache_dir: Path) -> jinja2.FileSystemBytecodeCache:
    """Compiled templates on disk, in a folder named after this code and its version.

    Jinja checks only a template's own source before it loads the compiled template, yet the
    compiled code also depends on this module: a filter that takes the context (``note``) is
    called another way. Templates compiled by another version are therefore never loaded,
    and are removed.
    """
    mark = hashlib.sha256(__version__.encode() + Path(__file__).read_bytes()).hexdigest()[:12]
    folder = cache_dir / mark
    folder.mkdir(parents=True, exist_ok=True)
    for other in cache_dir.iterdir():
        if other == folder:
            continue
        if other.is_dir():
            shutil.rmtree(other, ignore_errors=True)
        else:
            other.unlink(missing_ok=True)
    return jinja2.FileSystemBytecodeCache(str(folder))


_MARKDOWN_SIGNS = re.compile(r"([\\`*_{}\[\]()#+!|~-])")


def _markdown_text(text: str) -> str:
    """``text`` as Markdown that shows it as written: a file named ``rapport_*1*.pdf`` is not
    set in italics."""
    return _MARKDOWN_SIGNS.sub(r"\\\1", text)


def _signed(value: float, locale: Locale) -> str:
    """A difference with its sign, ``+0,3`` or ``−0,4`` (a real minus sign)."""
    rounded = round(value, 1)
    text = locale.score(abs(rounded))
    return f"+{text}" if rounded > 0 else f"\u2212{text}" if rounded < 0 else text


def _note_filter(locale: Locale) -> Callable[..., str]:
    @jinja2.pass_context
    def note(context: jinja2.runtime.Context, note: Note) -> str:
        """A rule's note in words. One that names a record the page may not show (in the
        handout, a POP with ``share: false``) says "a POP of <date> (private)" instead of its
        title, and leaves out the titles of its actions."""
        record = context.get("records", {}).get(note.params.get("path"))
        shown = context.get("shown")
        if record is not None and shown is not None and not shown(record):
            note = Note(f"{note.key}_private", {"record": context["title_of"](record),
                                                **{k: v for k, v in note.params.items() if isinstance(v, date)}})
        return describe(note, locale)
    return note


def _insert_after_title(markdown: str, block: str, title: str | None) -> str:
    """``block`` under the page's first heading; without one, under ``title`` if given."""
    match = _H1_LINE.search(markdown)
    if match and not markdown[: match.start()].strip():
        return f"{markdown[: match.end()]}\n\n{block}\n{markdown[match.end():]}"
    if title is None:
        return f"{block}\n{markdown}"
    # The title may come from front matter: text, as the templates' autoescape makes every
    # other field (a raw "<script>" would run on the page and on the print page).
    return f"# {html.escape(title, quote=False)}\n\n{block}\n{markdown}"


def _template_problem(error: jinja2.TemplateError, name: str) -> Problem:
    """Where a (possibly user-edited) template went wrong: its file and line."""
    file, line = getattr(error, "filename", None) or name, getattr(error, "lineno", None)
    if line is None:
        # Jinja rewrites tracebacks so that template frames carry the template's own lines.
        frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith(".j2")]
        if frames:
            file, line = frames[-1].filename, frames[-1].lineno
    return Problem(relative_display(Path(file)), line, None, "template_error",
                   {"detail": getattr(error, "message", None) or str(error)})
