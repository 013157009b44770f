"""The search index after a dirty rebuild, for both ways search plugins write it."""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs_ifms.search_index import merge_search_index

FULL = [{"location": "", "title": "Home", "text": "start"},
        {"location": "a/", "title": "A", "text": "oud a"}, {"location": "a/#kop", "title": "Kop", "text": "oud"},
        {"location": "b/", "title": "B", "text": "b"},
        {"location": "c/", "title": "C", "text": "oud c"}]


def write(tmp_path: Path, docs: list[dict]) -> Path:
    index = tmp_path / "search_index.json"
    index.write_text(json.dumps({"config": {"lang": ["nl"]}, "docs": docs}))
    return index


def merged(index: Path) -> list[tuple[str, str]]:
    return sorted((d["location"], d["text"]) for d in json.loads(index.read_text())["docs"])


def test_plugin_that_writes_only_rebuilt_pages(tmp_path: Path) -> None:
    index = write(tmp_path, [{"location": "a/", "title": "A", "text": "nieuw a"},
                             {"location": "c/", "title": "C", "text": "nieuw c"}])
    merge_search_index(index, FULL, {"a/", "c/"}, {"./", "a/", "b/", "c/"})
    assert merged(index) == [("", "start"), ("a/", "nieuw a"), ("b/", "b"), ("c/", "nieuw c")]


def test_plugin_that_appends_to_old_entries(tmp_path: Path) -> None:
    # Material removes the first rebuilt page's old entries only, then appends the new ones.
    index = write(tmp_path, [d for d in FULL if not d["location"].startswith("a/")]
                  + [{"location": "a/", "title": "A", "text": "nieuw a"},
                     {"location": "c/", "title": "C", "text": "nieuw c"}])
    merge_search_index(index, FULL, {"a/", "c/"}, {"./", "a/", "b/", "c/"})
    assert merged(index) == [("", "start"), ("a/", "nieuw a"), ("b/", "b"), ("c/", "nieuw c")]


def test_deleted_page_leaves_the_index(tmp_path: Path) -> None:
    index = write(tmp_path, [{"location": "a/", "title": "A", "text": "nieuw a"}])
    merge_search_index(index, FULL, {"a/"}, {"./", "a/", "c/"})
    assert [loc for loc, _ in merged(index)] == ["", "a/", "c/"]


def test_full_build_is_left_alone(tmp_path: Path) -> None:
    index = write(tmp_path, FULL)
    before = index.read_text()
    assert merge_search_index(index, None, {"./", "a/", "b/", "c/"}, {"./", "a/", "b/", "c/"}) == FULL
    assert index.read_text() == before


def test_search_snippets_keep_the_cells_of_a_table_apart(example_site: Path) -> None:
    """The POP's actions table read "ActieStreefdatumStatusOndersteuning" in every snippet."""
    docs = json.loads((example_site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    texts = [doc["text"] for doc in docs]
    assert any("Actie Streefdatum Status Ondersteuning" in text for text in texts)
    assert not any("ActieStreefdatum" in text or "afgerondafgerond" in text for text in texts)
