"""The PDF, made by WeasyPrint from the handout's HTML.

WeasyPrint is imported only here and only when a PDF is asked for: it needs Pango from the
operating system, and a computer without it must still build the site. Its absence is told as
what to install, never as a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ifms import atomic


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


def write(pdf: RenderedPdf, target: Path, *, replace: bool = False) -> None:
    """Write atomically; without ``replace`` an existing file is left as it is."""
    atomic.write_bytes(target, pdf.data, replace=replace)


def free_name(wanted: Path) -> Path:
    """``wanted``, or ``name-2.pdf``, ``name-3.pdf``... if that exists: never overwrite."""
    candidate, number = wanted, 1
    while candidate.exists():
        number += 1
        candidate = wanted.with_name(f"{wanted.stem}-{number}{wanted.suffix}")
    return candidate
