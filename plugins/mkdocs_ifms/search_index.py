"""Keeping the site search whole across dirty rebuilds, and its snippets readable.

``mkdocs serve --dirty`` rebuilds only some pages, and the search index written afterwards is
then wrong: MkDocs' search plugin indexes only the rebuilt pages, and Material's keeps old
entries but assumes a single rebuilt page and never forgets a deleted one. After a dirty
rebuild the index is made whole again from what is known for sure: the entries of the pages
rebuilt now, and for every other existing page its entries from the last complete index.
"""

from __future__ import annotations

import json
import re
from pathlib import Path


def page_of(location: str) -> str:
    """``reflecties/x/#kop`` -> ``reflecties/x/``; the home page is ``""``."""
    page = location.split("#", 1)[0]
    return "" if page in (".", "./") else page


def merge_search_index(
    index: Path, previous: list[dict] | None, rebuilt: set[str], pages: set[str]
) -> list[dict] | None:
    """Rewrite ``index`` whole after a dirty rebuild; return the complete entry list.

    ``previous`` is the complete list of the build before (None after a full build, when the
    index is complete already). ``rebuilt`` and ``pages`` are page URLs: those built now and
    all pages the site has now.
    """
    if not index.is_file():
        return previous
    data = json.loads(index.read_text(encoding="utf-8"))
    written = data.get("docs", [])
    if previous is None:
        return written
    rebuilt = {page_of(url) for url in rebuilt}
    existing = {page_of(url) for url in pages}
    kept = [doc for doc in previous
            if page_of(doc.get("location", "")) not in rebuilt
            and page_of(doc.get("location", "")) in existing]
    data["docs"] = kept + _latest_runs(written, rebuilt)
    index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return data["docs"]


def _latest_runs(docs: list[dict], rebuilt: set[str]) -> list[dict]:
    """For each rebuilt page, its last contiguous run of entries: the ones written now.

    A search plugin that keeps old entries appends the new ones after them, so an old and a
    new run of one page are never adjacent; a plugin that writes only new entries has one run.
    """
    runs: dict[str, list[dict]] = {}
    current: str | None = None
    run: list[dict] = []
    for doc in [*docs, {"location": "\x00"}]:
        page = page_of(doc.get("location", ""))
        if page != current:
            if current is not None and current in rebuilt:
                runs[current] = run
            current, run = page, []
        run.append(doc)
    return [doc for page in runs for doc in runs[page]]


_CELL_END = re.compile(r"(</t[dh]>|<br\s*/?>)(?=\s*<)")


def spaced_cells(html: str) -> str:
    """``html`` with a space after every table cell and line break that is followed by a tag.

    MkDocs' search reads a page's text node by node and drops the newlines between them, so
    "<td>Actie</td>\n<td>Streefdatum</td>" became "ActieStreefdatum" in every search snippet.
    A space there changes nothing the browser shows (white space between cells is not
    rendered) and gives the search its word boundaries.
    """
    return _CELL_END.sub(r"\1 ", html)
