"""What every page of the site says around the records: the menu, its words, its language.

The menu in the order a specialist uses it (start page, where they stand, the records newest
first, then the reference pages and their own pages), each entry once; a ``nav:`` of their own
left as written. One language setting makes the whole site that language: with the plugin's
``lang: en`` no generated word is Dutch, Material's interface included, and the footer and the
404 page follow the language. No "record(s)" anywhere: words that depend on a number have
their real singular and plural.
"""

from __future__ import annotations

import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from helpers import REPO, copy_project, mkdocs_build, page, text
from ifms.i18n.locale import _catalogue

SITE_PACKAGES = Path(yaml.__file__).resolve().parent.parent
MATERIAL_LANGUAGES = SITE_PACKAGES / "material" / "templates" / "partials" / "languages"
ALWAYS_DUTCH = {"gespreksleider", "pop", "pops", "herregistratie", "zoeken", "inhoudsopgave", "afdrukversie"}
"""Words that are Dutch whatever the locale files say (the catalogue check subtracts English)."""

MENU_NL = ["Start", "Herregistratie", "Voorbereiding evaluatiegesprek", "Voortgang", "Tijdlijn", "Feedbackrondes",
           "POP's", "Gesprekken", "Reflecties", "Overzicht", "Profiel", "Afdrukversie", "Privacy"]
MENU_EN = ["Home", "Re-registration", "Preparing the evaluation conversation", "Progress", "Timeline",
           "Feedback rounds", "PDPs", "Conversations", "Reflections", "Overview", "Profile", "Print version", "Privacy"]


@pytest.fixture(scope="module")
def english_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example portfolio with only ``lang: en`` added to the plugin (its mkdocs.yml keeps
    ``theme.language: nl``): one setting for the whole site."""
    project = copy_project(REPO, tmp_path_factory.mktemp("example-en"))
    config = project / "mkdocs.yml"
    before = config.read_text(encoding="utf-8")
    assert "  language: nl\n" in before
    option = "      anonymity_threshold: 3\n"
    config.write_text(before.replace(option, option + "      lang: en\n"), encoding="utf-8")
    result = mkdocs_build(project, "--strict")
    assert result.returncode == 0, result.output
    return project / "site"


# --- the menu ---------------------------------------------------------------------------------


class _Menu(HTMLParser):
    """Material's main menu as a reader sees it: (depth, label) of every entry in order, the
    table of contents of the current page (its secondary nav) left out."""

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[tuple[int, str]] = []
        self.title = ""
        self._depth = 0
        self._secondary = 0
        self._label: list[str] | None = None
        self._in_title = False
        self._toc_label = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if tag == "nav" and ("md-nav--secondary" in classes or self._secondary):
            self._secondary += 1
        if self._secondary:
            return
        if tag == "li":
            self._depth += 1
        elif tag == "label" and attributes.get("for") == "__toc":
            self._toc_label = True  # the current page's second link, to its contents
        elif tag == "span" and "md-ellipsis" in classes and not self._toc_label:
            self._label = []
        elif tag == "label" and "md-nav__title" in classes and self._depth == 0:
            self._in_title = True

    def handle_endtag(self, tag):
        if self._secondary:
            if tag == "nav":
                self._secondary -= 1
            return
        if tag == "li":
            self._depth -= 1
        elif tag == "span" and self._label is not None:
            self.entries.append((self._depth, " ".join("".join(self._label).split())))
            self._label = None
        elif tag == "label":
            self._in_title = self._toc_label = False

    def handle_data(self, data):
        if self._secondary:
            return
        if self._label is not None:
            self._label.append(data)
        elif self._in_title:
            self.title += data


def menu(html: str) -> _Menu:
    found = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>\s*</div>\s*</div>', html, re.DOTALL)
    assert found, "Material's main menu"
    parsed = _Menu()
    parsed.feed(found.group(0))
    parsed.title = " ".join(parsed.title.split())
    return parsed


def top_level(html: str) -> list[str]:
    return [label for depth, label in menu(html).entries if depth == 1]


def section(html: str, title: str) -> list[str]:
    entries = menu(html).entries
    start = entries.index((1, title))
    found = []
    for depth, label in entries[start + 1:]:
        if depth == 1:
            break
        found.append(label)
    return found


def test_the_menu_is_in_the_order_a_specialist_uses_it(example_site: Path, english_site: Path) -> None:
    for path in ("overzicht", "reflecties", "pop/2024-2026"):
        assert top_level(page(example_site, path)) == MENU_NL, path
    assert top_level(page(english_site, "overzicht")) == MENU_EN
    # The site's name heads the menu; the start page is not a second entry of that name.
    html = page(example_site, "herregistratie")
    assert menu(html).title == "Mijn IFMS-portfolio"
    assert "Mijn IFMS-portfolio" not in [label for _, label in menu(html).entries]
    assert len(MENU_NL) == len(set(MENU_NL)), "no entry twice"


def test_records_are_newest_first_as_on_their_index_pages(example_site: Path) -> None:
    html = page(example_site, "overzicht")
    assert section(html, "Reflecties") == [
        "Tussenstand POP 2024-2026", "Na de observatie van twee gesprekken", "360°-feedback 2024",
        "Patiëntervaringen 2023", "Een moeilijk familiegesprek", "Eerste 360°-feedback"]
    assert section(html, "POP's") == ["POP 2024-2026", "POP 2019-2021"]
    assert section(html, "Feedbackrondes") == [
        "360°-feedback 2024", "Patiëntervaringen polikliniek 2023", "360°-feedback 2019"]
    index = text(re.search(r"<article.*?</article>", page(example_site, "reflecties"), re.DOTALL).group(0))
    listed = [index.index(title) for title in section(html, "Reflecties")]
    assert listed == sorted(listed), "the menu lists them as the index page does"


def test_previous_and_next_follow_the_menu(example: Path) -> None:
    config = example / "mkdocs.yml"
    feature = "    - navigation.top\n"
    config.write_text(config.read_text().replace(feature, feature + "    - navigation.footer\n"))
    assert mkdocs_build(example, "--strict").returncode == 0
    site = example / "site"
    footer = re.search(r'<nav class="md-footer__inner.*?</nav>', page(site, "herregistratie"), re.DOTALL).group(0)
    assert "Start" in text(footer) and "Voorbereiding evaluatiegesprek" in text(footer)


def test_an_own_nav_is_left_as_written(example: Path) -> None:
    config = example / "mkdocs.yml"
    config.write_text(config.read_text() + (
        "nav:\n  - Mijn start: index.md\n  - Privacy: privacy.md\n"
        "  - Mijn reflecties:\n    - reflecties/2019-05-02-feedback-2019.md\n"
        "    - reflecties/2025-03-18-overdracht-verpleging.md\n"
        "  - Herregistratie: herregistratie.md\n"))
    result = mkdocs_build(example)
    assert result.returncode == 0, result.output
    html = page(example / "site", "privacy")
    assert top_level(html) == ["Mijn start", "Privacy", "Mijn reflecties", "Herregistratie"]
    assert section(html, "Mijn reflecties") == ["Eerste 360°-feedback", "Na de observatie van twee gesprekken"]


# --- words ------------------------------------------------------------------------------------


def _words(value: str) -> set[str]:
    return {word.lower() for word in re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", value)}


def _catalogue_words(lang: str) -> set[str]:
    words: set[str] = set()
    for value in _catalogue(lang).values():
        value = re.sub(r"\{\w+:([^{}|]*)\|([^{}|]*)\}", r" \1 \2 ", value)
        words |= _words(re.sub(r"\{[^{}]*\}", " ", value))
    return words


def _material_words(lang: str) -> set[str]:
    source = (MATERIAL_LANGUAGES / f"{lang}.html").read_text(encoding="utf-8")
    return set().union(*(_words(value) for value in re.findall(r'"[\w.]+": "([^"]*)"', source)))


def _dutch_words() -> set[str]:
    """Words of the Dutch texts (ours and Material's) that no English text uses."""
    dutch = (_catalogue_words("nl") | _material_words("nl")) - _catalogue_words("en") - _material_words("en")
    return dutch | ALWAYS_DUTCH


class _Said(HTMLParser):
    """Every text a reader meets in a page: text nodes, and the words of attributes and of
    Material's interface (``__config`` translations); no code, styles or scripts."""

    SKIPPED = ("script", "style", "code", "pre", "svg")

    def __init__(self) -> None:
        super().__init__()
        self.said: list[str] = []
        self._skip = 0
        self._config = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and attributes.get("id") == "__config":
            self._config = True
        if tag in self.SKIPPED:
            self._skip += 1
        self.said.extend(value for key, value in attrs
                         if key in ("placeholder", "aria-label", "title", "alt", "data-md-state") and value)

    def handle_endtag(self, tag):
        if tag in self.SKIPPED:
            self._skip -= 1
        if tag == "script":
            self._config = False

    def handle_data(self, data):
        if self._config:
            self.said.extend(json.loads(data)["translations"].values())
        elif not self._skip and data.strip():
            self.said.append(data)


def _user_texts(project: Path) -> tuple[str, list[str]]:
    """What the specialist wrote (the portfolio's files and the site's name), as one text, and
    its single values (titles, notes, theme names) longest first. The rest of mkdocs.yml is not
    theirs: the example's words in it (the light/dark toggle's) must follow the language too."""
    files = [path for path in (project / "portfolio").rglob("*") if path.is_file()]
    site_name = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))["site_name"]
    whole = " ".join([site_name, *(" ".join(path.read_text(encoding="utf-8").split()) for path in files)]).lower()
    values: set[str] = {site_name.lower()}

    def walk(node) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                values.add(str(key).replace("_", " ").lower())
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str):
            values.add(" ".join(node.split()).lower())

    for path in files:
        source = path.read_text(encoding="utf-8")
        if path.suffix == ".md" and source.startswith("---"):
            source = source.split("---", 2)[1]
        elif path.suffix not in (".yml", ".yaml"):
            continue
        walk(yaml.load(source, Loader=yaml.BaseLoader))
    return whole, sorted((value for value in values if len(value) >= 3), key=len, reverse=True)


def generated_words(site: Path, project: Path) -> dict[str, set[str]]:
    """Word -> where it stands, for every word of the site that the specialist did not write
    (compared in lower case: the pages capitalise a theme name or a title)."""
    whole, values = _user_texts(project)
    found: dict[str, set[str]] = {}

    def note(said: str, where: str) -> None:
        said = " ".join(said.split()).lower()
        if not said or said in whole:
            return
        for value in values:
            if value in said:
                said = said.replace(value, " ")
        for word in _words(said):
            found.setdefault(word, set()).add(f"{where}: {said[:80]}")

    for file in sorted(site.rglob("*.html")):
        parser = _Said()
        parser.feed(file.read_text(encoding="utf-8"))
        for said in parser.said:
            note(said, file.relative_to(site).as_posix())
    for chart in sorted((site / "assets/ifms/charts").glob("*.light.*.svg")):
        for said in re.findall(r"<text[^>]*>([^<]+)</text>", chart.read_text(encoding="utf-8")):
            note(unescape(said), chart.name)
    return found


def test_the_english_site_has_no_dutch_word_left(english_site: Path) -> None:
    found = generated_words(english_site, english_site.parent)
    assert len(found) > 200, "the check reads the site's words"
    assert {"contents", "home", "print", "version", "timeline"} <= set(found)
    dutch = {word: sorted(where)[:2] for word, where in found.items() if word in _dutch_words()}
    assert dutch == {}


def test_the_dutch_site_uses_the_dutch_words(example_site: Path) -> None:
    """The same check finds Dutch where it is: it can fail."""
    found = generated_words(example_site, example_site.parent)
    assert {"zoeken", "inhoudsopgave", "gespreksleider", "herregistratie"} <= set(found) & _dutch_words()


def test_material_speaks_the_plugins_language(english_site: Path, example_site: Path) -> None:
    html = page(english_site, "herregistratie")
    assert '<html lang="en"' in html and 'placeholder="Search"' in html
    assert "Table of contents" in html and "Zoeken" not in html and "Inhoudsopgave" not in html
    assert 'title="Dark mode"' in html and "Donkere weergave" not in html  # the example's toggle
    dutch = page(example_site, "herregistratie")
    assert '<html lang="nl"' in dutch and 'placeholder="Zoeken"' in dutch


def test_the_footer_says_what_the_site_is(example_site: Path, english_site: Path) -> None:
    for site, said in (
            (example_site, "Privé IFMS-portfolio: deze site is alleen voor uzelf en draait op deze computer."),
            (english_site, "Private IFMS portfolio: this site is for you alone and runs on this computer.")):
        for path in ("herregistratie", "reflecties"):
            footer = text(re.search(r'<footer class="md-footer">.*?</footer>', page(site, path), re.DOTALL).group(0))
            assert said in footer, (site, path)
    footer = re.search(r'<footer class="md-footer">.*?</footer>', page(example_site, "overzicht"), re.DOTALL).group(0)
    assert "Gemaakt met Material for MkDocs" in text(footer) and "Made with" not in footer


def test_the_404_page_follows_the_language(example_site: Path, english_site: Path) -> None:
    dutch = text(re.search(r"<article.*?</article>", (example_site / "404.html").read_text(), re.DOTALL).group(0))
    assert dutch.startswith("Pagina niet gevonden") and "Naar de startpagina" in dutch and "Not found" not in dutch
    english = text(re.search(r"<article.*?</article>", (english_site / "404.html").read_text(), re.DOTALL).group(0))
    assert english.startswith("Page not found") and "To the start page" in english


def test_an_own_theme_template_still_wins(example: Path) -> None:
    (example / "overrides").mkdir()
    (example / "overrides/404.html").write_text(
        '{% extends "main.html" %}{% block content %}<h1>Eigen 404</h1>{% endblock %}', encoding="utf-8")
    config = example / "mkdocs.yml"
    config.write_text(config.read_text().replace("  name: material\n", "  name: material\n  custom_dir: overrides\n"))
    assert mkdocs_build(example, "--strict").returncode == 0
    assert "<h1>Eigen 404</h1>" in (example / "site/404.html").read_text()


def test_no_word_with_a_bracketed_plural(example_site: Path, english_site: Path) -> None:
    """"2 record(s)", "fout(en)", "POP('s)": every count has its own singular or plural."""
    bracketed = re.compile(r"[^\W\d_]\((?:s|en|n|'s|e|es)\)")
    for site in (example_site, english_site):
        for file in site.rglob("*.html"):
            parser = _Said()
            parser.feed(file.read_text(encoding="utf-8"))
            assert not [said for said in parser.said if bracketed.search(said)], file
    for lang in ("nl", "en"):
        assert not [value for value in _catalogue(lang).values() if bracketed.search(value)], lang
    section_intro = text(page(example_site, "pop"))
    assert "2 records, het nieuwste eerst." in section_intro
