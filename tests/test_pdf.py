"""The PDF for the gespreksleider: the real ``ifms pdf`` and WeasyPrint, read back with pypdf.

What a specialist and their gespreksleider notice: the cover, a contents page whose numbers
lead to the right pages, the label on every page, shared records in and private ones out
(their text, their titles and their file names), pictures that are really there.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from helpers import REPO, copy_project, ifms, invoke, mkdocs_build

LABEL = "Vertrouwelijk - persoonlijk"
PRIVATE_REFLECTION = REPO / "portfolio/reflecties/2021-11-15-moeilijk-familiegesprek.md"
PRIVATE_TALK = REPO / "portfolio/gesprekken/2025-02-11-intervisie.md"


def page_texts(pdf: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(pdf).pages]


def link_targets(pdf: Path) -> list[str]:
    """Every URI a link in the PDF points to (links inside the PDF have no URI)."""
    found = []
    for page in PdfReader(pdf).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            if "/URI" in action:
                found.append(str(action["/URI"]))
    return found


def handout(project: Path) -> tuple[str, str]:
    """``ifms pdf`` with its HTML: (the HTML, the PDF's text with its spaces made single)."""
    result = ifms("pdf", "--html", "h.html", "-o", "h.pdf", cwd=project)
    assert result.returncode == 0, result.output
    text = " ".join(" ".join(page_texts(project / "h.pdf")).split())
    return (project / "h.html").read_text(encoding="utf-8"), text


def body_sentence(path: Path) -> str:
    """A distinctive sentence of a record's text (the first line after the front matter)."""
    body = path.read_text(encoding="utf-8").split("---", 2)[2]
    return next(line for line in body.splitlines() if len(line) > 40)[:40]


@pytest.fixture(scope="module")
def example_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(REPO, tmp_path_factory.mktemp("pdf"))
    result = ifms("pdf", "--html", "handout.html", cwd=project)
    assert result.returncode == 0, result.output
    assert "PDF geschreven" in result.stdout
    pdf = project / "handouts" / "ifms-portfolio-2026-11-23.pdf"
    assert pdf.is_file()
    return pdf


def test_cover_contents_and_label(example_pdf: Path) -> None:
    pages = page_texts(example_pdf)
    cover = pages[0]
    for expected in ("IFMS-portfolio", "dr. M.J. (Marieke) van Dalen", "Interne geneeskunde",
                     "23 november 2026", "1 juni 2022 tot 1 juni 2027", LABEL):
        assert expected in cover
    for number, text in enumerate(pages, start=1):
        assert LABEL in text, f"page {number} lacks the label"
        assert f"Pagina {number} van {len(pages)}" in text

    contents = pages[1]
    assert contents.startswith("Inhoud") or "Inhoud" in contents.splitlines()[0]
    entries = dict(re.findall(r"^(.+?)\s*\.{3,}\s*(\d+)\s*$", contents, re.MULTILINE))
    expected_titles = {"Herregistratie", "Tijdlijn", "Profiel", "Patiëntervaringen polikliniek 2023",
                       "360°-feedback 2024", "POP 2024-2026", "Patiëntervaringen 2023"}
    assert expected_titles <= {title.strip() for title in entries}, entries
    for title, number in entries.items():
        # The number leads to the page where that section's heading is.
        assert title.strip() in pages[int(number) - 1], (title, number)
    # By default only the current registration period (from 1 June 2022): no 2019 round.
    assert "records vanaf 1 juni 2022 (de huidige registratieperiode)" in " ".join(cover.split())
    assert "360°-feedback 2019" not in contents and "POP 2019-2021" not in contents


def test_all_periods_on_request(example: Path) -> None:
    result = ifms("pdf", "--all", "--kinds", "feedback,pop", "-o", "alles.pdf", cwd=example)
    assert result.returncode == 0, result.output
    contents = page_texts(example / "alles.pdf")[1]
    assert "360°-feedback 2019" in contents and "POP 2019-2021" in contents


def test_shared_records_in_private_ones_out(example_pdf: Path) -> None:
    text = "\n".join(page_texts(example_pdf))
    html = (example_pdf.parent.parent / "handout.html").read_text(encoding="utf-8")
    shared = REPO / "portfolio/reflecties/2024-04-02-360-feedback-2024.md"
    assert " ".join(body_sentence(shared).split()[:4]) in " ".join(text.split())
    for private, title in ((PRIVATE_REFLECTION, "Een moeilijk familiegesprek"),
                           (PRIVATE_TALK, "Intervisie")):
        assert title not in text and title not in html
        words = " ".join(body_sentence(private).split()[:5])
        assert words not in " ".join(text.split()) and words not in html
        assert private.stem not in html
    # A private IFMS conversation is named as evidence by kind and date only, without a link.
    assert "IFMS-evaluatiegesprek 20 mei 2024 (privé)" in " ".join(text.split())
    assert not [uri for uri in link_targets(example_pdf) if ".md" in uri or "gesprekken" in uri]


def test_charts_are_vector_graphics_with_text(example_pdf: Path) -> None:
    reader = PdfReader(example_pdf)
    assert all(not page.images for page in reader.pages), "a chart was embedded as a raster image"
    html = (example_pdf.parent.parent / "handout.html").read_text(encoding="utf-8")
    assert html.count("data:image/svg+xml") == 3  # timeline and two feedback rounds, light only
    timeline = next(t for t in page_texts(example_pdf) if t.lstrip().startswith("Tijdlijn"))
    assert "Registratie" in timeline and "Visitatie" in timeline  # the chart's lane names, as text


def test_first_pages_are_not_blank(example_pdf: Path, tmp_path: Path) -> None:
    if shutil.which("pdftoppm") is None:
        if os.environ.get("CI"):
            pytest.fail("CI must install pdftoppm (poppler-utils), see .ci/run")
        pytest.skip("pdftoppm (Debian: poppler-utils) is not installed")
    from PIL import Image

    subprocess.run(["pdftoppm", "-r", "40", "-f", "1", "-l", "3", "-png", str(example_pdf),
                    str(tmp_path / "page")], check=True)
    pictures = sorted(tmp_path.glob("page-*.png"))
    assert len(pictures) == 3
    for picture in pictures:
        grey = Image.open(picture).convert("L")
        ink = sum(grey.histogram()[:200])
        assert ink > 0.005 * grey.width * grey.height, f"{picture.name} is (nearly) blank"


def test_date_range_and_kinds(example: Path) -> None:
    result = ifms("pdf", "--kinds", "feedback,reflection", "--from", "2024-01-01", "-o", "traject.pdf",
                  cwd=example)
    assert result.returncode == 0, result.output
    text = " ".join(" ".join(page_texts(example / "traject.pdf")).split())
    assert "360°-feedback 2024" in text and "Opvallend is dat ik mezelf" in text
    assert "360°-feedback 2019" not in text and "Patiëntervaringen polikliniek 2023" not in text
    assert "Registratieperiode" not in text  # the re-registration part was not asked for
    assert "records vanaf 1 januari 2024" in text


def test_never_overwrites(example: Path) -> None:
    existing = example / "gespreksleider.pdf"
    existing.write_bytes(b"my own file")
    result = invoke("pdf", "-o", "gespreksleider.pdf", cwd=example)
    assert result.returncode == 1
    assert "bestaat al en wordt niet overschreven" in result.stderr
    assert existing.read_bytes() == b"my own file"

    first = ifms("pdf", cwd=example)
    second = ifms("pdf", cwd=example)
    assert first.returncode == 0 and second.returncode == 0, second.output
    assert (example / "handouts" / "ifms-portfolio-2026-11-23.pdf").is_file()
    assert "handouts/ifms-portfolio-2026-11-23-2.pdf" in second.stdout


def test_without_o_the_pdf_goes_where_git_ignores_it(example: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=example, check=True)
    result = invoke("pdf", cwd=example)
    assert result.returncode == 0, result.output
    written = next((example / "handouts").glob("*.pdf"))
    ignored = subprocess.run(["git", "check-ignore", "-q", str(written)], cwd=example, check=False)
    assert ignored.returncode == 0, "git ignores the handout, with or without the project's .gitignore"
    (example / "handouts" / ".gitignore").write_text("# mijn eigen regels\n", encoding="utf-8")
    assert invoke("pdf", cwd=example).returncode == 0
    assert (example / "handouts" / ".gitignore").read_text() == "# mijn eigen regels\n", "an own file stays"


@pytest.mark.parametrize("args, message", [
    (["--kinds", "feedback,dagboek"], "Onbekend onderdeel 'dagboek'"),
    (["--from", "15-01-2024"], "moet de vorm JJJJ-MM-DD hebben"),
    (["--from", "2025-01-01", "--to", "2024-01-01"], "ligt na de einddatum"),
])
def test_bad_options_say_what_is_wrong(example: Path, args: list[str], message: str) -> None:
    before = sorted(p.name for p in example.iterdir())
    result = invoke("pdf", *args, cwd=example)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.output
    assert sorted(p.name for p in example.iterdir()) == before


def test_private_titles_and_links_never_leak(minimal: Path) -> None:
    """A shared reflection that links to a private one: only the link's own words remain."""
    folder = minimal / "portfolio" / "reflecties"
    (folder / "geheim-dossier.md").write_text(
        "---\nkind: reflection\ntitle: Geheime titel XYZ\ndate: 2026-01-05\nfeedback: [feedback/ronde.yml]\n---\n\n"
        "Vertrouwelijke inhoud QQQ.\n", encoding="utf-8")
    (folder / "gedeeld.md").write_text(
        "---\nkind: reflection\ntitle: Gedeelde reflectie\ndate: 2026-01-06\nshare: true\n---\n\n"
        "Zie ook [mijn eerdere notitie](geheim-dossier.md) en [de richtlijn](https://example.org/r).\n",
        encoding="utf-8")
    html, text = handout(minimal)
    assert "Zie ook mijn eerdere notitie en de richtlijn" in text
    for secret in ("Geheime titel XYZ", "QQQ", "geheim-dossier"):
        assert secret not in text and secret not in html
    assert link_targets(minimal / "h.pdf") == ["https://example.org/r"]


def test_raw_links_and_pictures_and_scripts_never_reach_the_pdf(minimal: Path) -> None:
    """Raw HTML and odd addresses in a shared reflection: no file name, no file:// path of
    this computer, nothing that runs; a real picture of the portfolio goes in whole."""
    folder = minimal / "portfolio" / "reflecties"
    (minimal / "portfolio" / "foto.png").write_bytes(
        bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                      "1f15c4890000000d49444154789c6360f8cf000001010000185dd3a40000000049454e44ae426082"))
    (folder / "gedeeld.md").write_text(
        "---\nkind: reflection\ntitle: Gedeelde reflectie\ndate: 2026-01-06\nshare: true\n---\n\n"
        'Zie <a href="../gesprekken/gesprek.md">het gesprek</a> en ![scan](../gesprekken/gesprek.md) '
        "en [klik](javascript:alert(1)) en [data](data:text/html;base64,PHNjcmlwdD4=) "
        'en <a href="JaVa&#x09;Script:alert(2)">raar</a> en ![foto](../foto.png).\n', encoding="utf-8")
    html, text = handout(minimal)
    assert "gesprek.md" not in html and "file:" not in html
    assert "javascript:" not in html.lower() and "script:alert" not in html.lower() and "data:text/html" not in html
    assert "data:image/png;base64," in html, "the picture of the portfolio is embedded"
    assert link_targets(minimal / "h.pdf") == []
    assert "Zie het gesprek en en klik en data en raar en" in text, "the words of the links stay"


def test_groups_under_the_threshold_and_private_details_stay_out_of_the_handout(example_pdf: Path) -> None:
    """The example's "Medewerkers" (2 respondents) is flagged in the site; in the handout its
    comment and scores are not there. A private conversation is named by date only."""
    text = " ".join(" ".join(page_texts(example_pdf)).split())
    assert "poliplanning worden niet altijd nagekomen" not in text
    assert "staan niet in dit document" in text
    assert "Bakker" not in text and "Smulders" not in text, "the gespreksleider of a private conversation"
    html = (example_pdf.parent.parent / "handout.html").read_text(encoding="utf-8")
    assert "data-trajectory" not in html and "evaluatiegesprek.md" not in html


def test_a_private_pop_is_named_by_date_only(minimal: Path) -> None:
    """A POP with ``share: false`` still counts in the summary, which names it by date only,
    also where it says an action of it is overdue; its goals and actions stay out."""
    plan = minimal / "portfolio" / "pop" / "plan.yml"
    plan.write_text(
        "kind: pop\ntitle: Geheim plan ZZZ\ndate: 2024-03-01\nshare: false\nfeedback: [feedback/ronde.yml]\n"
        "goals:\n  - title: Doel WWW\n    actions:\n      - title: Actie VVV\n        due: 2024-06-01\n"
        "        status: planned\n", encoding="utf-8")
    html, text = handout(minimal)
    assert "Een actie uit POP 1 maart 2024 (privé) is over de streefdatum" in text
    for secret in ("ZZZ", "WWW", "VVV", "plan.yml"):
        assert secret not in text and secret not in html
    # The site itself is the specialist's own: there the note names the POP and the action.
    assert mkdocs_build(minimal).returncode == 0
    evidence = (minimal / "site" / "herregistratie" / "index.html").read_text(encoding="utf-8")
    assert "Actie 'Actie VVV' uit 'Geheim plan ZZZ'" in evidence.replace("&#39;", "'")


def test_site_build_with_pdf_and_print_page(example: Path) -> None:
    result = mkdocs_build(example, "--strict", env={"IFMS_PDF": "1"})
    assert result.returncode == 0, result.output
    site = example / "site"
    assert len(PdfReader(site / "ifms-portfolio.pdf").pages) >= 10
    whole = (site / "afdrukken" / "index.html").read_text(encoding="utf-8")
    page = whole[whole.index("<article"):whole.index("</article>")]  # not the site's navigation
    assert LABEL in page and 'href="../ifms-portfolio.pdf"' in page
    assert "Opvallend is dat ik mezelf" in page
    assert "Een moeilijk familiegesprek" not in page and "moeilijk-familiegesprek" not in page
    sections = re.findall(r'<section class="ifms-section" id="([^"]+)"', page)
    assert sections[:4] == ["herregistratie", "voorbereiding", "tijdlijn", "r-profiel"]
    assert "r-reflecties-2024-04-02-360-feedback-2024" in sections
    # The site's charts follow the colour scheme; every picture the page shows exists.
    for src in re.findall(r'<img[^>]+src="\.\./([^"#]+)', page):
        assert (site / src).is_file(), src


def test_missing_engine_is_explained_and_the_site_still_builds(example: Path, tmp_path: Path) -> None:
    """WeasyPrint present but Pango missing: what the real import raises on such a computer."""
    shim = tmp_path / "shim" / "weasyprint"
    shim.mkdir(parents=True)
    (shim / "__init__.py").write_text(
        "raise OSError(\"cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file\")\n")
    env = {"PYTHONPATH": str(shim.parent)}
    result = ifms("pdf", cwd=example, env=env)
    assert result.returncode == 3
    assert "sudo apt install libpango-1.0-0" in result.stderr and "brew install pango" in result.stderr
    assert "Traceback" not in result.output
    assert not list(example.glob("*.pdf"))

    built = mkdocs_build(example, env={**env, "IFMS_PDF": "1"})
    assert built.returncode == 0, built.output
    assert "brew install pango" in built.output
    assert (example / "site" / "afdrukken" / "index.html").is_file()
    assert not (example / "site" / "ifms-portfolio.pdf").exists()


def test_print_page_follows_edits_with_a_warm_cache(built_example: Path) -> None:
    """The print page is cached between builds; an edit to a shared reflection still shows."""
    shared = built_example / "portfolio/reflecties/2024-04-02-360-feedback-2024.md"
    shared.write_text(shared.read_text(encoding="utf-8").replace(
        "Opvallend is dat ik mezelf", "Nieuw inzicht: ik schat mezelf"), encoding="utf-8")
    rebuilt = mkdocs_build(built_example, "-v")
    assert rebuilt.returncode == 0, rebuilt.output
    assert "ifms: 0 chart(s) drawn" in rebuilt.output, "the cache of the first build was used"
    page = (built_example / "site/afdrukken/index.html").read_text(encoding="utf-8")
    assert "Nieuw inzicht: ik schat mezelf" in page and "Opvallend is dat ik mezelf" not in page


def test_a_bsn_in_a_shared_record_stops_the_pdf(minimal: Path) -> None:
    """A BSN must not leave the computer in a PDF: ``ifms pdf`` refuses and writes nothing,
    the site build skips its PDF. A BSN in a private record does not stop it (that record
    stays out), and a warning alone (an e-mail address) is shown but does not stop it."""
    folder = minimal / "portfolio" / "reflecties"
    shared = folder / "gedeeld.md"
    shared.write_text("---\nkind: reflection\ndate: 2026-01-06\nshare: true\n---\n\n"
                      "Patiënt met BSN 123456782 besproken.\n", encoding="utf-8")
    refused = ifms("pdf", "-o", "h.pdf", cwd=minimal)
    assert refused.returncode == 1
    assert ("portfolio/reflecties/gedeeld.md:7: fout: mogelijk een burgerservicenummer (BSN) '1234***82'"
            in refused.stderr)
    assert "De PDF is niet gemaakt: een record dat erin zou komen bevat mogelijk een BSN" in refused.stderr
    assert not (minimal / "h.pdf").exists()

    built = mkdocs_build(minimal, env={"IFMS_PDF": "1"})
    assert built.returncode == 0, built.output
    assert "De PDF is niet gemaakt" in built.stderr
    assert (minimal / "site" / "index.html").is_file() and not (minimal / "site" / "ifms-portfolio.pdf").exists()

    shared.write_text(shared.read_text(encoding="utf-8").replace("share: true", "share: false"), encoding="utf-8")
    (folder / "mail.md").write_text("---\nkind: reflection\ndate: 2026-01-07\nshare: true\n---\n\n"
                                    "Mail van j.jansen@example.nl besproken.\n", encoding="utf-8")
    made = ifms("pdf", "-o", "h.pdf", cwd=minimal)
    assert made.returncode == 0, made.output
    assert "gedeeld.md" not in made.stderr
    assert "portfolio/reflecties/mail.md:7: waarschuwing: e-mailadres 'j.ja***nl'." in made.stderr
    assert (minimal / "h.pdf").is_file()


# --- layout: what belongs together stays on one page --------------------------------------------

FOOTER = re.compile(r"^(?:(?:Vertrouwelijk - persoonlijk|Confidential - personal) ?)?"
                    r"(?:Pagina \d+ van \d+|Page \d+ of \d+)?$")


def content_lines(pdf: Path) -> list[list[str]]:
    """Per page, its lines of text without the label and page number at the foot."""
    pages = []
    for text in page_texts(pdf):
        lines = [" ".join(line.split()) for line in text.splitlines()]
        pages.append([line for line in lines if line and not FOOTER.match(line)])
    return pages


def headings(html: str) -> set[str]:
    return {" ".join(re.sub("<[^>]+>", "", heading).replace("¶", " ").split())
            for heading in re.findall(r"<h[1-4][^>]*>(.*?)</h[1-4]>", html, re.DOTALL)}


def _crowded(project: Path) -> None:
    """Feedback rounds with ever more comments and a POP with goals of ever more actions, each
    linked (so each round ends with a short "Gebruikt in" list): every record starts on a new
    page, so the ends of the records fall at every height of a page."""
    rounds = []
    for n in range(1, 17):
        comments = "".join(
            f'  - {{group: {("colleagues", "nurses", "residents")[c % 3]}, text: "Opmerking {c} bij ronde {n}: '
            'duidelijk en bereikbaar, maar de overdracht aan het eind van de dienst kan soms beter worden '
            'afgestemd met de verpleging."}\n' for c in range(n + 2))
        (project / f"portfolio/feedback/drukte-{n:02}.yml").write_text(
            f"kind: feedback\ntitle: Drukke ronde {n}\ndate: 2025-01-{n:02}\ninstrument: msf\nscale: [1, 5]\n"
            "groups:\n"
            "  colleagues: {respondents: 5, scores: {medical_expert: 4.1, communicator: 4.2, leader: 3.9}}\n"
            "  nurses: {respondents: 5, scores: {medical_expert: 4.0, communicator: 3.8, leader: 3.7}}\n"
            "  residents: {respondents: 4, scores: {medical_expert: 4.3, communicator: 4.4, leader: 4.0}}\n"
            "self: {medical_expert: 4.0, communicator: 4.0, leader: 3.5}\ncomments:\n" + comments,
            encoding="utf-8")
        rounds.append(f"feedback/drukte-{n:02}.yml")
    goals = "".join(
        f"  - title: Druk doel {g}\n    competency: communicator\n"
        "    why: Een reden die de kop en de tabel samen laat staan, ook op een pagina die bijna vol is.\n"
        "    actions:\n" + "".join(
            f"      - {{title: Actie {a} van doel {g} met een titel die in de tabel over twee regels loopt, "
            f"due: 2025-0{1 + a % 9}-01, status: planned}}\n" for a in range(1, g + 1))
        for g in range(1, 9))
    (project / "portfolio/pop/drukte.yml").write_text(
        f"kind: pop\ntitle: Druk plan\ndate: 2025-02-01\nuntil: 2027-02-01\nfeedback: [{', '.join(rounds)}]\n"
        "goals:\n" + goals, encoding="utf-8")


def test_what_belongs_together_stays_on_one_page(example: Path) -> None:
    """No page holds only a trailing "Gebruikt in" list, no page ends with a heading, and a
    goal's heading stands on the page of its first action."""
    _crowded(example)
    html, _ = handout(example)
    titles = headings(html)
    assert "Doel 8: Druk doel 8" in titles and "Gebruikt in" in titles
    pages = content_lines(example / "h.pdf")
    assert len(pages) > 40
    for number, lines in enumerate(pages, 1):
        assert lines, f"page {number} is empty"
        assert lines[0] != "Gebruikt in", f"page {number} holds only the trailing list: {lines[:3]}"
        assert lines[-1] not in titles, f"page {number} ends with the heading {lines[-1]!r}"
        for line in lines:
            goal = re.fullmatch(r"Doel \d+: Druk doel (\d+)", line)
            if goal:
                assert any(other.startswith(f"Actie 1 van doel {goal[1]} ") for other in lines), (
                    f"page {number}: {line!r} without its first action")


def test_the_pdf_is_written_for_its_reader(example_pdf: Path, example_site: Path) -> None:
    """No per-record "In de PDF voor de gespreksleider: ja (share)" (the reader has the PDF),
    and no "u" meaning the specialist: the gespreksleider reads it. The site keeps both."""
    text = " ".join(" ".join(page_texts(example_pdf)).split())
    assert "In de PDF voor de gespreksleider" not in text and "(share)" not in text
    assert not re.findall(r"\b(?:u|uw|uzelf)\b", text), re.findall(r".{30}\b(?:u|uw|uzelf)\b.{30}", text)
    assert "de specialist zichzelf lager inschat" in text
    # A caption fits its chart: the patient survey has no self-assessment to point at.
    survey = text[text.index("Patiëntervaringen polikliniek 2023 Rapport"):text.index("360°-feedback 2024 Rapport")]
    assert "Gemiddelde score per groep" in survey and "zelfbeoordeling" not in survey
    assert "zelfbeoordeling" in text[text.index("360°-feedback 2024 Rapport"):]
    site = (example_site / "feedback/2024-360/index.html").read_text(encoding="utf-8")
    assert "In de PDF voor de gespreksleider" in site and "u uzelf lager inschat" in site
