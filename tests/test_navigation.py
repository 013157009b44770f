"""Navigation that stays small: record folders have index pages, long lists live there."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from helpers import REPO, ifms, mkdocs_build, page, run, text


def nav_links(html: str) -> set[str]:
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>', html, re.DOTALL).group(0)
    return set(re.findall(r'href="([^"#]+)"', nav))


def article(html: str) -> str:
    return text(re.search(r"<article.*?</article>", html, re.DOTALL).group(0))


def test_record_folders_get_index_pages(example_site: Path) -> None:
    body = article(page(example_site, "reflecties"))
    assert "Reflecties" in body and "6 records, het nieuwste eerst." in body
    assert body.index("2026 Datum") < body.index("2024 Datum") < body.index("2019 Datum")
    assert 'href="2024-04-02-360-feedback-2024/"' in page(example_site, "reflecties")
    assert article(page(example_site, "pop")).startswith("POP's")


def test_short_sections_list_their_records_in_the_nav(example_site: Path) -> None:
    links = nav_links(page(example_site, "overzicht"))
    assert "../reflecties/2024-04-02-360-feedback-2024/" in links


def test_long_sections_show_only_their_index_page(example: Path) -> None:
    config = example / "mkdocs.yml"
    config.write_text(config.read_text().replace("      anonymity_threshold: 3", "      nav_max_records: 3"))
    result = mkdocs_build(example, "--strict")
    assert result.returncode == 0, result.output
    site = example / "site"
    links = nav_links(page(site, "overzicht"))
    assert "../reflecties/" in links  # 6 reflections: only the index page
    assert not any(link.startswith("../reflecties/20") for link in links)
    assert "../pop/2024-2026/" in links  # 2 POPs: listed
    # Every reflection is still built and reachable from its index page.
    index = page(site, "reflecties")
    for reflection in (example / "portfolio/reflecties").glob("*.md"):
        assert (site / "reflecties" / reflection.stem / "index.html").exists()
        assert f'href="{reflection.stem}/"' in index


def test_an_own_index_page_is_kept(minimal_own_pages_site: Path) -> None:
    """portfolio/reflecties/index.md: '# Mijn eigen lijst'."""
    assert "Mijn eigen lijst" in page(minimal_own_pages_site, "reflecties")


def test_generated_career_is_a_valid_portfolio(tmp_path: Path) -> None:
    out = tmp_path / "career"
    made = run([sys.executable, str(REPO / "scripts/generate_portfolio.py"), str(out), "--years", "10"], tmp_path)
    assert made.returncode == 0, made.output
    check = ifms("check", cwd=out)
    assert check.returncode == 0, check.output
    assert "30 feedbackrondes, 40 POP's" in check.stdout and "600 reflecties" in check.stdout
    again = run([sys.executable, str(REPO / "scripts/generate_portfolio.py"), str(out)], tmp_path)
    assert again.returncode == 1 and "exists already; nothing written" in again.stderr
