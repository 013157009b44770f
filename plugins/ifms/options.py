"""The options of the ``ifms`` plugin in mkdocs.yml: one validated model for every reader.

The MkDocs plugin (``on_config``) and every ``ifms`` command that reads mkdocs.yml validate the
same mapping with :class:`Options`, so a bad value (``cme_hours: veel``, ``anonymity_threshold:
-4``, an impossible ``today``) gets one Dutch message that names the option, the value and what
is expected, whichever program read it. The rules' thresholds live under ``rules:``; their
older top-level names still work and are reported as deprecated (:attr:`Options.deprecated`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    NonNegativeInt,
    PrivateAttr,
    ValidationError,
)

from ifms.i18n.locale import SUPPORTED, Locale, resolve
from ifms.problems import nearest
from ifms.records.dates import IsoDate, parse_iso_date
from ifms.rules.thresholds import Thresholds

Section = Literal["evidence", "preparation", "timeline", "profile", "feedback", "pop", "conversation",
                  "reflection"]
SECTIONS: tuple[Section, ...] = ("evidence", "preparation", "timeline", "profile", "feedback", "pop",
                                 "conversation", "reflection")
"""Everything the handout can hold, in the order it appears."""

RULE_NAMES = tuple(Thresholds.model_fields)
PAGE_OPTIONS = ("overview_page", "evidence_page", "preparation_page", "timeline_page", "progress_page",
                "print_page")
"""The options that name a page the site makes."""
TODAY_VARIABLE = "IFMS_TODAY"
PDF_VARIABLE = "IFMS_PDF"
"""``IFMS_PDF=1 mkdocs build``: the site with the handout's PDF, without editing mkdocs.yml."""


class Options(BaseModel):
    """Every option of the ``ifms`` plugin, with its default (docs/opties.md explains each)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    enabled: bool = True
    """Read by MkDocs itself (a disabled plugin is not run); accepted here so the CLI agrees."""
    lang: Literal["nl", "en"] | None = None
    """Language of the generated pages and messages; None: the theme's language, else Dutch."""
    today: IsoDate | None = Field(default=None, strict=False)
    """Judge the portfolio as on this day; None: ``IFMS_TODAY`` or the build date."""
    anonymity_threshold: NonNegativeInt = 3
    """Groups with fewer respondents are flagged and left out of cross-group averages."""
    overview_page: str = "overzicht.md"
    evidence_page: str = "herregistratie.md"
    preparation_page: str = "voorbereiding.md"
    """The preparation of the next IFMS evaluation conversation; empty: none."""
    timeline_page: str = "tijdlijn.md"
    progress_page: str = "voortgang.md"
    print_page: str = "afdrukken.md"
    """The handout as a page of the site (for the browser's own print); empty: none."""
    home_summary: bool = True
    nav_max_records: NonNegativeInt = 25
    """A folder with more records shows only its index page in the navigation."""
    pdf: bool = False
    pdf_file: str = "ifms-portfolio.pdf"
    pdf_kinds: tuple[Section, ...] = Field(default=SECTIONS, strict=False)
    pdf_from: IsoDate | None = Field(default=None, strict=False)
    pdf_to: IsoDate | None = Field(default=None, strict=False)
    pdf_all: bool = False
    statement: bool = False
    """Also write the participation statement into the site at each build (``ifms pdf --statement``)."""
    statement_file: str = "ifms-verklaring.pdf"
    privacy_check: bool = True
    allow_gh_deploy: bool = False
    """``mkdocs gh-deploy`` publishes the whole site, private reflections and all: refused
    unless the specialist explicitly allows it here."""
    cache: bool = True
    cache_dir: str = ".cache/ifms"
    templates_dir: str = "site_templates"
    rules: Thresholds = Field(default_factory=Thresholds, strict=False)

    _deprecated: dict[str, Any] = PrivateAttr(default_factory=dict)

    def model_post_init(self, context: Any) -> None:
        object.__setattr__(self, "_deprecated", dict((context or {}).get("deprecated", {})))

    @property
    def deprecated(self) -> tuple[str, ...]:
        """Threshold names written at the top level, where they used to be."""
        return tuple(self._deprecated)

    def deprecation_notices(self, locale: Locale, source: str) -> list[str]:
        """For each threshold in its old place, where to write it now, with its value as
        the specialist wrote it."""
        return [locale.t("options.deprecated", option=name, value=_shown(value, locale), source=source)
                for name, value in self._deprecated.items()]

    def named_pages(self) -> dict[str, str]:
        """Page -> the option that makes it (``overzicht.md`` -> ``overview_page``), for the
        pages the site makes besides the record pages (an empty option: no such page)."""
        return {page: name for name in PAGE_OPTIONS if (page := getattr(self, name))}

    @property
    def thresholds(self) -> Thresholds:
        return self.rules

    def language(self, theme_language: str | None = None, override: str | None = None) -> str:
        """The language to speak: the command line's, this option, the theme's, else Dutch."""
        return resolve(override or self.lang or theme_language)

    def settled(self, *, theme_language: str | None = None, override: str | None = None,
                environ: Mapping[str, str] | None = None) -> Options:
        """These options with ``lang`` and ``today`` decided, as one build uses them, and
        ``pdf`` also on when ``IFMS_PDF`` asks for it; :class:`OptionsInvalid` for a bad
        ``IFMS_TODAY``."""
        asked = (os.environ if environ is None else environ).get(PDF_VARIABLE, "").strip().lower()
        return self.model_copy(update={"lang": self.language(theme_language, override),
                                       "today": judged_on(self, environ),
                                       "pdf": self.pdf or asked in ("1", "true", "yes", "ja")})


@dataclass(frozen=True)
class OptionProblem:
    """One option with a bad value: which, what was given, and the kind of mistake."""

    option: str
    value: Any
    key: str
    """Locale key under ``options.expected`` for what the option needs."""
    params: dict[str, Any] = field(default_factory=dict)

    def render(self, locale: Locale, source: str) -> str:
        expected = locale.t(f"options.expected.{self.key}", **self.params)
        key = ("options.unknown" if self.key == "known_option"
               else "options.invalid_variable" if self.option == TODAY_VARIABLE else "options.invalid")
        return locale.t(key, **self.params, option=self.option, value=_shown(self.value, locale),
                        expected=expected, source=source)


class OptionsInvalid(Exception):
    """The plugin's options in mkdocs.yml (or ``IFMS_TODAY``) cannot be used."""

    def __init__(self, problems: list[OptionProblem]) -> None:
        super().__init__(", ".join(problem.option for problem in problems))
        self.problems = problems

    def render(self, locale: Locale, source: str = "mkdocs.yml") -> str:
        return "\n".join(problem.render(locale, source) for problem in self.problems)


def read_options(mapping: Any) -> Options:
    """The validated options; :class:`OptionsInvalid` naming every bad one (or the entry
    itself, when it is not a mapping of options)."""
    if mapping is not None and not isinstance(mapping, Mapping):
        raise OptionsInvalid([OptionProblem("ifms", mapping, "mapping")])
    # An option written without a value keeps its default, as MkDocs' own options do.
    data = {key: value for key, value in (mapping or {}).items() if value is not None}
    # The thresholds' older names, directly under ``ifms:``, go into ``rules:``.
    moved = {name: data.pop(name) for name in RULE_NAMES if name in data}
    deprecated = tuple(moved)
    if moved:
        rules = data.get("rules")
        data["rules"] = {**moved, **rules} if isinstance(rules, Mapping) else rules or moved
    if isinstance(data.get("rules"), Mapping):
        data["rules"] = {key: value for key, value in data["rules"].items() if value is not None}
    try:
        return Options.model_validate(data, context={"deprecated": moved})
    except ValidationError as error:
        raise OptionsInvalid([_problem(detail, deprecated)
                              for detail in error.errors(include_url=False)]) from None


def judged_on(options: Options, environ: Mapping[str, str] | None = None) -> date:
    """The day the portfolio is judged on: the ``today`` option, ``IFMS_TODAY``, or today.

    Fixing the day makes a build reproducible (tests, a PDF made for a given conversation).
    """
    if options.today is not None:
        return options.today
    return day_from_environment(environ)


def day_from_environment(environ: Mapping[str, str] | None = None) -> date:
    """``IFMS_TODAY`` when it is set (tests, a reproducible build), else today's date."""
    value = (os.environ if environ is None else environ).get(TODAY_VARIABLE, "").strip()
    if not value:
        return date.today()
    try:
        return parse_iso_date(value)
    except ValueError as error:
        key = "date_impossible" if getattr(error, "type", "") == "ifms_date_impossible" else "date"
        raise OptionsInvalid([OptionProblem(TODAY_VARIABLE, value, key)]) from None


_EXPECTED = {
    "int_type": "integer", "int_parsing": "integer", "int_from_float": "integer",
    "float_type": "number", "float_parsing": "number",
    "bool_type": "boolean", "bool_parsing": "boolean",
    "string_type": "text",
    "greater_than_equal": "at_least", "greater_than": "more_than",
    "literal_error": "one_of", "enum": "one_of",
    "ifms_date_format": "date", "ifms_date_impossible": "date_impossible",
    "extra_forbidden": "known_option",
    "model_type": "mapping", "model_attributes_type": "mapping", "dict_type": "mapping",
    "tuple_type": "list", "list_type": "list",
}


def _problem(detail: Any, deprecated: tuple[str, ...]) -> OptionProblem:
    # A list item is named by its list: ``pdf_kinds`` (the value shows which item).
    names = [str(part) for part in detail["loc"] if not isinstance(part, int)]
    if len(names) == 2 and names[0] == "rules" and names[1] in deprecated:
        names = names[1:]  # named as the specialist wrote it, at the top level
    option = ".".join(names) or "ifms"
    kind = detail["type"]
    key = _EXPECTED.get(kind, "valid")
    ctx = detail.get("ctx") or {}
    params: dict[str, Any] = {}
    if key == "at_least":
        params["minimum"] = ctx.get("ge")
    elif key == "more_than":
        params["minimum"] = ctx.get("gt")
    elif key == "one_of":
        params["choices"] = ", ".join(re.findall(r"'([^']*)'", str(ctx.get("expected", ""))))
    elif key == "known_option":
        in_rules = names[:1] == ["rules"]
        known = list(Thresholds.model_fields) if in_rules else [
            *(name for name in Options.model_fields if name != "rules"), *(f"rules.{name}" for name in RULE_NAMES)]
        params["known"] = ", ".join(sorted(known))
        rule = None if in_rules else nearest(names[-1], RULE_NAMES)
        params["suggestion"] = nearest(names[-1], known) or (f"rules.{rule}" if rule else "-")
    return OptionProblem(option, detail.get("input"), key, params)


def _shown(value: Any, locale: Locale) -> str:
    """A value as the specialist wrote it in mkdocs.yml (YAML's own spelling)."""
    if value is None or value == "":
        return locale.t("options.empty")
    if isinstance(value, (bool, date, int, float, str, list, dict)):
        import yaml

        text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=200)
        return text.removesuffix("\n").removesuffix("\n...").strip()
    return str(value)


__all__ = ["SECTIONS", "SUPPORTED", "Options", "OptionsInvalid", "judged_on", "read_options"]
