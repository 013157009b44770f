"""YAML parsing that remembers where every value came from.

Validation errors must name the line the specialist has to fix, so parsing keeps a map from
each path in the document (``("groups", "nurses", "scores", "communicator")``) to its line.
Two YAML habits that silently lose data are turned into errors here: a key written twice
(PyYAML keeps the last one) and dates, which PyYAML turns into ``date`` objects or crashes on
(``2024-02-30``); dates stay text and the model checks them, with a message that says why.

The line map is hand-written because no YAML library gives it with PyYAML's safety and speed:
ruamel.yaml keeps positions, but only on its round-trip types and several times slower, and
would be a second YAML parser beside the one MkDocs uses. Walking PyYAML's own node tree (which
carries every mark) costs a few lines and nothing at run time.

A syntax error is told in the reader's words: each kind of PyYAML (or libyaml) complaint is
named by a key under ``problem.yaml`` in the locale files, which says what is wrong and how to
fix it; PyYAML's English detail is shown only for a complaint not known here.

A few hundred bytes of YAML can ask for gigabytes: every alias (``*a``) repeats what its anchor
(``&a``) holds, and nine aliases of nine aliases of ... make a tree PyYAML's node graph keeps
small but every walk over it (the line map, the model, the rules) visits in full. Before any
node is built, the parser's events are screened (a linear pass, about a third of the parse's
cost, in libyaml as in pure PyYAML): a record may hold no alias at all (a portfolio never needs
one), mkdocs.yml may let aliases add a bounded number of nodes, and nothing may nest deeper
than :data:`MAX_DEPTH` (pure PyYAML composes recursively and would hit Python's stack). An
integer of more digits than any portfolio needs is refused before Python converts it
(converting one of 4300 digits or more is an error of its own).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

Path = tuple[str | int, ...]

_TIMESTAMP = "tag:yaml.org,2002:timestamp"

MAX_DEPTH = 50
"""Deepest nesting of lists and mappings: a record needs five (``goals[0].actions[0].due``),
mkdocs.yml a few more for its navigation."""

MAX_INTEGER_LENGTH = 1000
"""Characters of the longest integer read as a number (a year, a count of respondents)."""


class _RecordYaml:
    """What the loaders below add to PyYAML's safe loader: dates stay text, so an impossible
    date is a field error, and an integer too long to be meant as a number is refused."""

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        if len(str(node.value)) > MAX_INTEGER_LENGTH:
            raise yaml.constructor.ConstructorError(
                None, None, f"integer too long ({len(str(node.value))} characters)", node.start_mark)
        return super().construct_yaml_int(node)  # type: ignore[misc]


# libyaml's parser when PyYAML has it (the wheels do): the same marks, several times faster.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DateAsTextLoader(_RecordYaml, _Base):  # type: ignore[misc, valid-type]
    """The safe loader for records, with libyaml's parser where PyYAML has it."""


class PureDateAsTextLoader(_RecordYaml, yaml.SafeLoader):
    """The same in pure PyYAML, which composes recursively: the tests run both."""


for _loader in (DateAsTextLoader, PureDateAsTextLoader):
    _loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    _loader.add_constructor("tag:yaml.org,2002:int", _loader.construct_yaml_int)


@dataclass(frozen=True)
class SyntaxProblem(Exception):
    """The text is not valid YAML; ``line`` is 1-based in the whole file.

    ``key`` and ``params`` name the problem for the locale files (``yaml.tab`` is the text
    ``problem.yaml.tab``); ``detail`` is PyYAML's own English, the fallback for the unknown.
    """

    line: int | None
    detail: str
    key: str = "yaml_syntax"
    params: dict[str, Any] = field(default_factory=dict)


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


def parse(text: str, *, line_offset: int = 0,
          loader_class: type[DateAsTextLoader | PureDateAsTextLoader] = DateAsTextLoader,
          alias_nodes: int = 0) -> ParsedYaml:
    """Parse one YAML document; raise :class:`SyntaxProblem` with a 1-based line on error.

    ``loader_class``: a subclass that knows more tags (mkdocs.yml's ``!ENV``).
    ``alias_nodes``: how many nodes aliases may add to the document; 0 (a record) refuses
    every alias."""
    try:
        loader = loader_class(text)  # PyYAML's own reader checks the characters here
    except yaml.reader.ReaderError as error:
        raise _unreadable(error, text, line_offset) from None
    try:
        _screen(loader_class(text), line_offset, alias_nodes)
        node = loader.get_single_node()
        if node is None:
            return ParsedYaml(None, SourceMap(first_line=line_offset + 1))
        source = SourceMap(first_line=node.start_mark.line + 1 + line_offset)
        _index(node, (), source, line_offset)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        raise _syntax_problem(error, text, line_offset) from None
    except yaml.reader.ReaderError as error:  # libyaml checks them while it reads
        raise _unreadable(error, text, line_offset) from None
    except yaml.YAMLError as error:
        raise SyntaxProblem(None, str(error), "yaml_syntax", {"detail": str(error)}) from None
    finally:
        loader.dispose()
    return ParsedYaml(data, source)


def _screen(events: DateAsTextLoader | PureDateAsTextLoader, offset: int, alias_nodes: int) -> None:
    """Refuse nesting deeper than :data:`MAX_DEPTH` and aliases that add more than
    ``alias_nodes`` nodes, from the parser's events, before a node is built.

    What an alias adds is the size of its anchor's tree, counted as the events pass: each open
    list or mapping counts its nodes, an alias adds the count its anchor ended with. An alias
    of an anchor that is still open would repeat itself forever. An alias of an unknown anchor
    is left to the composer, which names it.
    """
    sizes: dict[str, int] = {}
    open_counts: list[list[Any]] = [[0, None]]  # [nodes so far, anchor] per open collection
    added = 0
    try:
        while events.check_event():
            event = events.get_event()
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                if len(open_counts) > MAX_DEPTH:
                    raise SyntaxProblem(event.start_mark.line + 1 + offset, "nested too deep",
                                        "yaml.too_deep", {"max": MAX_DEPTH})
                open_counts.append([1, event.anchor])
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                count, anchor = open_counts.pop()
                if anchor is not None:
                    sizes[anchor] = count
                open_counts[-1][0] += count
            elif isinstance(event, yaml.ScalarEvent):
                if event.anchor is not None:
                    sizes[event.anchor] = 1
                open_counts[-1][0] += 1
            elif isinstance(event, yaml.AliasEvent):
                recursive = any(anchor == event.anchor for _, anchor in open_counts)
                if event.anchor not in sizes and not recursive:
                    return
                added += sizes.get(event.anchor, 0)
                if recursive or added > alias_nodes:
                    line = event.start_mark.line + 1 + offset
                    if alias_nodes == 0:
                        raise SyntaxProblem(line, "alias", "yaml.alias_refused", {"name": event.anchor})
                    raise SyntaxProblem(line, "alias expansion", "yaml.alias_expansion", {"max": alias_nodes})
                open_counts[-1][0] += sizes[event.anchor]
    finally:
        events.dispose()


_COMPLAINTS: tuple[tuple[str, str, str], ...] = (
    # (what PyYAML or libyaml says, as a pattern; the key under problem.yaml; the mark whose
    # line to show: "problem" where it noticed, "context" where the thing it was reading began)
    (r"expected a single document", "second_document", "problem"),
    (r"mapping values are not allowed", "colon", "problem"),
    (r"could not find expected ':'", "missing_colon", "context"),
    (r"cannot start any token|tab character that violates indentation", "character", "problem"),
    (r"sequence entries are not allowed", "list_after_colon", "problem"),
    (r"while parsing a block mapping", "indentation", "problem"),
    (r"while parsing a block collection", "list_indentation", "problem"),
    (r"while parsing a flow sequence", "flow_sequence", "context"),
    (r"while parsing a flow mapping", "flow_mapping", "context"),
    (r"undefined alias|while scanning an alias", "alias", "problem"),
    (r"duplicate anchor|while scanning an anchor", "anchor", "problem"),
    (r"while scanning a quoted scalar", "unclosed_quote", "context"),
    (r"escape|hexa?decimal", "escape", "problem"),
    (r"while scanning a block scalar", "block_scalar", "problem"),
    (r"node content", "character", "problem"),
    (r"mapping keys are not allowed", "character", "problem"),
    (r"\btag\b", "tag", "problem"),
    (r"while scanning a directive", "directive", "problem"),
    (r"unhashable key", "complex_key", "problem"),
    (r"integer too long", "number_too_long", "problem"),
    (r"maximum nesting depth", "too_deep", "problem"),  # libyaml's own limit, in its scanner
)


def _unreadable(error: yaml.reader.ReaderError, text: str, offset: int) -> SyntaxProblem:
    """A character YAML does not allow (a control character pasted in with the text)."""
    line = text.count("\n", 0, error.position) + 1 + offset
    return SyntaxProblem(line, str(error), "yaml.control_character", {"code": f"U+{error.character:04X}"})


def _syntax_problem(error: yaml.MarkedYAMLError, text: str, offset: int) -> SyntaxProblem:
    """The problem PyYAML found, named for the locale files where it is a known one."""
    detail = " ".join(str(part) for part in (error.context, error.problem) if part)
    fallback = error.problem_mark or error.context_mark
    for pattern, name, which in _COMPLAINTS:
        if re.search(pattern, detail):
            mark = (error.context_mark if which == "context" else error.problem_mark) or fallback
            key, params = _refine(name, text, mark)
            return SyntaxProblem(mark.line + 1 + offset if mark else None, detail, key, params)
    return SyntaxProblem(fallback.line + 1 + offset if fallback else None, detail, "yaml_syntax",
                         {"detail": detail})


def _refine(name: str, text: str, mark: yaml.Mark | None) -> tuple[str, dict[str, Any]]:
    """Look at the text where PyYAML stopped, to tell like complaints apart: a tab from an
    ``@``, a colon inside a value from a line indented too far."""
    index = mark.index if mark is not None else len(text)
    char = text[index] if index < len(text) else ""
    line_start = text.rfind("\n", 0, index) + 1
    if name == "character":
        return ("yaml.tab", {}) if char == "\t" else ("yaml.character", {"char": char.strip() or "?"})
    if name == "colon" and ": " not in text[line_start:index]:
        return "yaml.indented_value", {}
    if name == "indentation" and char == "-":
        return "yaml.list_item", {}
    if name == "too_deep":
        return "yaml.too_deep", {"max": MAX_DEPTH}
    return f"yaml.{name}", {}


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
