"""``ifms export-site``: the portfolio as a plain Markdown site that builds without the plugin.

The proof that the site plan does not depend on MkDocs' events: the exported folder is built
by MkDocs with no ifms plugin in its config (and by Zensical where it installs), and shows the
same pages as the plugin's own build.
"""

from __future__ import annotations

import re
import shutil
import sys
from itertools import product
from pathlib import Path

import pytest
import yaml

from helpers import REPO, copy_project, ifms, run, snapshot, statuses
from ifms.site_plan.export import plain_config, read_config
from ifms.site_plan.urls import page_url, relative_url


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The example exported, and its own folder (to check nothing in it changed)."""
    project = copy_project(REPO, tmp_path_factory.mktemp("export-source"))
    before = snapshot(project / "portfolio")
    target = project.parent / "plain-site"
    result = ifms("export-site", str(target), cwd=project)
    assert result.returncode == 0, result.output
    assert "gewone Markdown-site" in result.output
    assert snapshot(project / "portfolio") == before, "the portfolio folder is only read"
    return project, target


def _menu(html: str) -> list[str]:
    """The titles in the site's main menu, in order."""
    found = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>\s*</div>\s*</div>', html, re.DOTALL)
    assert found, "Material's main menu"
    link = r'<(?:a|label)[^>]*class="md-nav__link[^"]*"[^>]*>(.*?)</(?:a|label)>'
    links = re.findall(link, found.group(0), re.DOTALL)
    return [re.sub(r"\s+", " ", re.sub("<[^>]+>", "", link)).strip() for link in links]


def _article(html: str) -> str:
    """A page's content as the reader sees it: white space between tags is not shown (the
    plugin adds a space after table cells, for the search snippets; see spaced_cells)."""
    found = re.search(r"<article[^>]*>(.*?)</article>", html, re.DOTALL)
    assert found, "a content page"
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", found.group(1)))


def test_the_plain_site_builds_without_the_plugin_and_shows_the_same_pages(
        exported: tuple[Path, Path], example_site: Path) -> None:
    _, target = exported
    config = yaml.safe_load((target / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["plugins"] == [{"search": {"lang": "nl"}}], "no ifms plugin in the exported config"
    assert not list((target / "portfolio").rglob("*.yml")), "the YAML records are data, not pages"
    result = run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"], target)
    assert result.returncode == 0, result.output
    plain = target / "site"
    assert statuses(plain) == statuses(example_site) == {
        "ifms": "met", "work": "met", "cme": "not_yet_met", "visitation": "met"}
    pages = sorted(path.relative_to(example_site) for path in example_site.rglob("index.html"))
    assert len(pages) > 20
    for relative in pages:
        assert (plain / relative).is_file(), relative
        assert _article((plain / relative).read_text()) == _article((example_site / relative).read_text()), relative
    for relative in (Path("index.html"), Path("reflecties/index.html"), Path("pop/index.html")):
        menu = _menu((example_site / relative).read_text())
        assert "POP's" in menu and "Feedbackrondes" in menu, "the plugin names record folders"
        assert _menu((plain / relative).read_text()) == menu, relative
    charts = sorted(path.name for path in (example_site / "assets/ifms/charts").glob("*.svg"))
    assert charts and charts == sorted(path.name for path in (plain / "assets/ifms/charts").glob("*.svg"))


def test_a_reflection_keeps_its_front_matter_and_gets_its_header(exported: tuple[Path, Path]) -> None:
    project, target = exported
    reflection = next((project / "portfolio" / "reflecties").glob("*.md"))
    original = reflection.read_text(encoding="utf-8")
    written = (target / "portfolio" / "reflecties" / reflection.name).read_text(encoding="utf-8")
    from ifms.source import frontmatter, yaml_source

    def meta(text: str) -> object:
        return yaml_source.parse(frontmatter.split(text).front_matter or "").data

    assert meta(written) == meta(original), "the front matter says the same (dates as text)"
    assert 'class="ifms-meta ifms-record-meta" data-kind="reflection"' in written, "the record header is in the page"


@pytest.mark.parametrize("occupied", ["a file", "an own folder"])
def test_a_non_empty_folder_is_refused_and_left_alone(example: Path, occupied: str) -> None:
    target = example.parent / "bezet"
    target.mkdir()
    (target / "mijn-notities.md").write_text("# Van mij\n", encoding="utf-8")
    before = snapshot(target)
    result = ifms("export-site", str(target), cwd=example)
    assert result.returncode != 0
    assert "bestaat al en is niet leeg" in result.output and "Traceback" not in result.output
    assert snapshot(target) == before


def test_a_folder_that_cannot_be_made_is_told_in_dutch(example: Path) -> None:
    (example.parent / "een-bestand").write_text("x", encoding="utf-8")
    result = ifms("export-site", str(example.parent / "een-bestand" / "site"), cwd=example)
    assert result.returncode == 1
    assert "kan niet worden geschreven" in result.output and "Traceback" not in result.output


def test_a_link_to_an_empty_folder_gets_the_site(example: Path) -> None:
    (example.parent / "leeg").mkdir()
    (example.parent / "koppeling").symlink_to(example.parent / "leeg")
    result = ifms("export-site", str(example.parent / "koppeling"), cwd=example)
    assert result.returncode == 0, result.output
    assert (example.parent / "leeg" / "mkdocs.yml").is_file()


def test_never_into_the_portfolio_folder(example: Path) -> None:
    before = snapshot(example / "portfolio")
    result = ifms("export-site", str(example / "portfolio" / "export"), cwd=example)
    assert result.returncode != 0
    assert "nooit erin" in result.output and "Traceback" not in result.output
    assert snapshot(example / "portfolio") == before


def test_a_page_the_plan_would_write_over_is_refused_as_in_the_build(minimal: Path) -> None:
    (minimal / "portfolio/feedback/ronde.md").write_text("# Mijn eigen pagina\n", encoding="utf-8")
    result = ifms("export-site", str(minimal.parent / "plain"), cwd=minimal)
    assert result.returncode == 1
    assert "dit record krijgt de pagina feedback/ronde.md, maar die is al uw eigen pagina" in result.output
    assert "Traceback" not in result.output
    assert not (minimal.parent / "plain").exists()


def test_the_config_keeps_mkdocs_tags_and_drops_only_the_plugin(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: X\n"
        "site_url: !ENV [SITE_URL, 'http://127.0.0.1:8000/']\n"
        "plugins:\n  - search\n  - ifms:\n      rules: {cme_hours: 150}\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "extra: {since: 2024-01-01}\n", encoding="utf-8")
    written = plain_config(read_config(config), "portfolio")
    assert written["plugins"] == ["search"]
    assert written["extra"] == {"since": "2024-01-01"}
    assert [entry if isinstance(entry, str) else next(iter(entry)) for entry in written["markdown_extensions"]] == [
        "pymdownx.emoji", "tables", "attr_list", "md_in_html", "admonition"]
    import yaml

    from ifms.site_plan.export import _ConfigDumper

    text = yaml.dump(written, Dumper=_ConfigDumper, sort_keys=False)
    assert "!ENV" in text and "!!python/name:material.extensions.emoji.twemoji" in text


def test_page_urls_and_relative_links_are_those_of_mkdocs() -> None:
    from mkdocs.structure.files import File
    from mkdocs.utils import get_relative_url

    targets = ["assets/ifms/charts/x.svg", "ifms-portfolio.pdf", "a/b/", "../x", "", "./", "index.html"]
    pages = ["./", "afdrukken/", "a/b/c.html", "afdrukken.html", "x/y/", "/", ""]
    for target, here in product(targets, pages):
        assert relative_url(target, here) == get_relative_url(target, here), (target, here)
    for path, directory_urls in product(["afdrukken.md", "index.md", "a/index.md", "a/README.md", "a b/c.md"],
                                        [True, False]):
        assert page_url(path, directory_urls) == File(path, "/src", "/dst", directory_urls).url


def test_zensical_builds_the_plain_site_too(exported: tuple[Path, Path], example_site: Path,
                                            tmp_path: Path) -> None:
    pytest.importorskip("zensical", reason="zensical does not install on this machine")
    zensical = shutil.which("zensical", path=str(Path(sys.executable).parent))
    assert zensical, "the zensical command comes with the package"
    target = shutil.copytree(exported[1], tmp_path / "zensical-site", ignore=shutil.ignore_patterns("site"))
    result = run([zensical, "build"], target, timeout=300)
    assert result.returncode == 0, result.output
    assert statuses(target / "site") == statuses(example_site)
