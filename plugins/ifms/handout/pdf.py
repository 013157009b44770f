"""The PDF, made by WeasyPrint from the handout's HTML.

WeasyPrint is imported only here and only when a PDF is asked for: it needs Pango from the
operating system, and a computer without it must still build the site. Its absence is told as
what to install, never as a traceback.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ifms import atomic

if TYPE_CHECKING:
    from ifms.handout.document import Handout
    from ifms.privacy.scan import Scan


class PdfEngineMissing(Exception):
    """WeasyPrint or one of its system libraries could not be loaded; ``detail`` says which."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    pages: int


def render(html: str, base_url: Path) -> RenderedPdf:
    """Lay out ``html`` into pages; relative file names in it are found from ``base_url``."""
    try:
        import weasyprint
    except (ImportError, OSError) as error:
        # OSError: WeasyPrint is installed but cannot load Pango or HarfBuzz.
        raise PdfEngineMissing(str(error).splitlines()[0] if str(error) else type(error).__name__) from None
    document = weasyprint.HTML(string=html, base_url=str(base_url)).render()
    return RenderedPdf(document.write_pdf(), len(document.pages))


class PdfRefused(Exception):
    """The files the handout is made from hold a BSN: it must not leave the computer in a PDF.
    ``scan`` holds what was found."""

    def __init__(self, scan: Scan) -> None:
        super().__init__("BSN in the handout")
        self.scan = scan


def refuse_bsn(scan: Scan) -> None:
    """:class:`PdfRefused` when ``scan`` (of the handout's files) found a BSN: the one rule
    for everything that carries the handout off this computer (the PDF, its HTML)."""
    if scan.has_errors:
        raise PdfRefused(scan)


def make(handout: Handout, charts: dict[str, bytes], docs_dir: Path, *, scan: Scan | None = None) -> RenderedPdf:
    """The handout as a PDF, for ``ifms pdf`` and the site build alike.

    Refused (:class:`PdfRefused`) when the privacy scan of its files (``scan``, or made here)
    finds a BSN; :class:`PdfEngineMissing` without WeasyPrint or Pango.
    """
    refuse_bsn(handout.privacy_scan() if scan is None else scan)
    return render(handout.document(charts, docs_dir), docs_dir)


HANDOUT_FOLDER = "handouts"
"""Where ``ifms pdf`` writes without ``-o``: beside mkdocs.yml, in a folder git ignores."""

def ignored_by_git(folder: Path, comment: str) -> None:
    """Give ``folder`` (made if need be) a ``.gitignore`` of its own that ignores everything
    in it, unless it has one: a handout is never committed by accident, whatever the
    repository's own ``.gitignore`` says, and nothing of the specialist's is changed for it."""
    ignore = folder / ".gitignore"
    # Made meanwhile, it is the same file or one of the specialist's: either stays.
    with contextlib.suppress(FileExistsError):
        atomic.write_text(ignore, f"# {comment}\n*\n")


def write(pdf: RenderedPdf, target: Path, *, replace: bool = False) -> None:
    """Write atomically; without ``replace`` an existing file is left as it is."""
    atomic.write_bytes(target, pdf.data, replace=replace)
