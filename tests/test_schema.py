"""JSON Schemas for editors: up to date, pointed at by the example, and actually strict."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from helpers import REPO, invoke
from ifms.source import yaml_source

EXAMPLE_YAML = sorted((REPO / "portfolio").rglob("*.yml"))


def test_committed_schemas_are_current(tmp_path: Path) -> None:
    result = invoke("schema", "--output", str(tmp_path), cwd=REPO)
    assert result.returncode == 0, result.output
    for fresh in tmp_path.glob("*.schema.json"):
        assert fresh.read_text() == (REPO / "schemas" / fresh.name).read_text(), (
            f"schemas/{fresh.name} is out of date: run 'ifms schema'")
    assert {p.name for p in tmp_path.iterdir()} == {"profile.schema.json", "feedback.schema.json", "pop.schema.json",
                                                     "questionnaire.schema.json"}


@pytest.mark.parametrize("path", EXAMPLE_YAML, ids=lambda p: str(p.relative_to(REPO)))
def test_example_yaml_points_at_its_schema_and_passes(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    pointer = re.match(r"# yaml-language-server: \$schema=(\S+)\n", text)
    assert pointer, "first line tells the editor which schema to use"
    schema_file = (path.parent / pointer.group(1)).resolve()
    data = yaml_source.parse(text).data  # dates stay text, as an editor's YAML parser sees them
    assert schema_file.name == f"{data['kind']}.schema.json"
    jsonschema.validate(data, json.loads(schema_file.read_text(encoding="utf-8")))


def test_schema_rejects_what_the_check_rejects() -> None:
    schema = json.loads((REPO / "schemas/pop.schema.json").read_text(encoding="utf-8"))
    good = {"kind": "pop", "title": "POP", "date": "2024-01-01", "goals": [{"title": "Doel"}]}
    jsonschema.validate(good, schema)
    for dutch in ("bezig", "Bezig", "in_progress"):  # the word the site shows is accepted too
        jsonschema.validate({**good, "goals": [{"title": "Doel", "actions": [{"title": "A", "status": dutch}]}]},
                            schema)
    for bad in (
        {**good, "titel": "typo"},
        {**good, "date": "01-01-2024"},
        {**good, "goals": [{"title": "Doel", "actions": [{"title": "A", "status": "half klaar"}]}]},
    ):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, schema)


def test_schema_command_never_overwrites_a_foreign_file(tmp_path: Path) -> None:
    own = tmp_path / "pop.schema.json"
    own.write_text('{"mijn": "eigen schema"}\n')
    result = invoke("schema", "--output", str(tmp_path), cwd=REPO)
    assert result.returncode == 1
    assert "pop.schema.json bestaat al en is niet door 'ifms schema' gemaakt" in result.stderr
    assert own.read_text() == '{"mijn": "eigen schema"}\n'
    again = invoke("schema", "--output", str(tmp_path), cwd=REPO)
    assert "Schema ongewijzigd" in again.stdout
