"""YAML parsing that remembers where every value came from.

Validation errors must name the line the specialist has to fix, so parsing keeps a map from
each path in the document (``("groups", "nurses", "scores", "communicator")``) to its line.
Two YAML habits that silently lose data are turned into errors here: a key written twice
(PyYAML keeps the last one) and dates, which PyYAML turns into ``date`` objects or crashes on
(``2024-02-30``); dates stay text and the model checks them, with a message that says why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

Path = tuple[str | int, ...]

_TIMESTAMP = "tag:yaml.org,2002:timestamp"


# libyaml's parser when PyYAML has it (the wheels do): the same marks, several times faster.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DateAsTextLoader(_Base):  # type: ignore[misc, valid-type]
    """Safe loader that leaves dates as text, so an impossible date is a field error."""


DateAsTextLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class SyntaxProblem(Exception):
    """The text is not valid YAML; ``line`` is 1-based in the whole file."""

    line: int | None
    detail: str


@dataclass(frozen=True)
class DuplicateKey:
    path: Path
    line: int
    first_line: int


@dataclass
class SourceMap:
    """Lines of every mapping key and value, by path; ``offset`` lines precede the YAML."""

    key_lines: dict[Path, int] = field(default_factory=dict)
    value_lines: dict[Path, int] = field(default_factory=dict)
    duplicates: list[DuplicateKey] = field(default_factory=list)
    first_line: int = 1

    def line_of(self, path: Path, *, key: bool = False) -> int:
        """Line of ``path``, or of its nearest ancestor that is in the file.

        A missing field has no line of its own; the mapping that should hold it is the place
        to add it, so the nearest ancestor is the right answer there too.
        """
        norm = normalise_path(path)
        while norm:
            table = self.key_lines if key else self.value_lines
            if norm in table:
                return table[norm]
            if norm in self.key_lines:
                return self.key_lines[norm]
            norm = norm[:-1]
            key = True
        return self.first_line


@dataclass
class ParsedYaml:
    data: Any
    source: SourceMap


def normalise_path(path: Path) -> Path:
    return tuple(p if isinstance(p, int) else str(p) for p in path)


def parse(text: str, *, line_offset: int = 0) -> ParsedYaml:
    """Parse one YAML document; raise :class:`SyntaxProblem` with a 1-based line on error."""
    loader = DateAsTextLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return ParsedYaml(None, SourceMap(first_line=line_offset + 1))
        source = SourceMap(first_line=node.start_mark.line + 1 + line_offset)
        _index(node, (), source, line_offset)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 + line_offset if mark else None
        detail = " ".join(str(part) for part in (error.context, error.problem) if part)
        raise SyntaxProblem(line, detail) from None
    except yaml.YAMLError as error:
        raise SyntaxProblem(None, str(error)) from None
    finally:
        loader.dispose()
    return ParsedYaml(data, source)


def _index(node: yaml.Node, path: Path, source: SourceMap, offset: int) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            child = (*path, str(key_node.value))
            key_line = key_node.start_mark.line + 1 + offset
            if child in source.key_lines:
                source.duplicates.append(DuplicateKey(child, key_line, source.key_lines[child]))
                continue
            source.key_lines[child] = key_line
            source.value_lines[child] = value_node.start_mark.line + 1 + offset
            _index(value_node, child, source, offset)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            child = (*path, index)
            source.key_lines[child] = source.value_lines[child] = item.start_mark.line + 1 + offset
            _index(item, child, source, offset)
