"""``ifms export --json``: the whole portfolio as one JSON document the specialist can take
anywhere; written to a file only if that file does not exist yet."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import REPO, TODAY, ifms, invoke, snapshot


def test_whole_example_as_json(example: Path) -> None:
    result = invoke("export", "--json", cwd=example)
    assert result.returncode == 0, result.output
    document = json.loads(result.stdout)
    assert (document["format"], document["format_version"], document["exported_on"]) == (
        "ifms-portfolio", 1, TODAY)
    assert document["profile"]["data"]["name"] == "dr. M.J. (Marieke) van Dalen"
    assert document["profile"]["data"]["registration"]["expires"] == "2027-06-01"
    counts = {key: len(document[key]) for key in ("feedback", "pops", "conversations", "reflections")}
    assert counts == {"feedback": 3, "pops": 2, "conversations": 4, "reflections": 6}

    rounds = {entry["path"]: entry for entry in document["feedback"]}
    old = rounds["feedback/2019-360.yml"]
    assert old["shared"] is True and old["data"]["scale"] == [1.0, 7.0]
    assert old["data"]["groups"]["nurses"]["scores"]["communicator"] == 5.1, "keys normalised"
    assert old["data"]["self"]["communicator"] == 5.5

    reflections = {entry["path"]: entry for entry in document["reflections"]}
    family = reflections["reflecties/2021-11-15-moeilijk-familiegesprek.md"]
    assert family["shared"] is False and family["data"]["title"] == "Een moeilijk familiegesprek"
    assert family["body"].lstrip().startswith("Een familiegesprek op de afdeling")
    assert "kind: reflection" not in family["body"]
    pages = {page["path"]: page["text"] for page in document["pages"]}
    assert set(pages) == {"index.md", "privacy.md"}
    assert pages["privacy.md"] == (REPO / "portfolio/privacy.md").read_text(encoding="utf-8")


def test_dates_in_order_and_every_record_once(example: Path) -> None:
    document = json.loads(invoke("export", cwd=example).stdout)
    dates = [entry["data"]["date"] for entry in document["conversations"]]
    assert dates == sorted(dates)
    paths = [entry["path"] for key in ("feedback", "pops", "conversations", "reflections")
             for entry in document[key]]
    on_disk = {p.relative_to(example / "portfolio").as_posix()
               for p in (example / "portfolio").rglob("*") if p.suffix in (".yml", ".md")}
    assert sorted(paths) == sorted(on_disk - {"profiel.yml", "index.md", "privacy.md"})


def test_output_file_is_written_once_and_never_overwritten(example: Path) -> None:
    result = ifms("export", "-o", "export.json", cwd=example)
    assert result.returncode == 0, result.output
    assert "Portfolio geëxporteerd naar export.json (16 records)." in result.stderr
    written = (example / "export.json").read_text(encoding="utf-8")
    assert json.loads(written)["format"] == "ifms-portfolio"
    before = snapshot(example)
    again = invoke("export", "-o", "export.json", cwd=example)
    assert again.returncode == 1
    assert "export.json bestaat al en wordt niet overschreven." in again.stderr
    assert snapshot(example) == before


def test_invalid_portfolio_is_not_exported(minimal: Path) -> None:
    (minimal / "portfolio/pop/plan.yml").write_text("kind: pop\ntitle: POP\ndate: 2024-13-01\ngoals: []\n")
    result = invoke("export", "-o", "export.json", cwd=minimal)
    assert result.returncode == 1
    assert "portfolio/pop/plan.yml:3: fout in veld 'date'" in result.stderr
    assert not (minimal / "export.json").exists()
