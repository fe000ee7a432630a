"""The one way the project reads YAML: bounded, without anchors or repeated keys, with lines.

Every YAML file the project reads goes through here: pages' front matter, data/*.yml,
data/services/*.yml, i18n/*.yml, and mkdocs.yml before mkdocs reads it. The node tree keeps the
line of every value, so that every later message can name it.

Editors never need anchors, aliases or deep nesting, and a hostile pull request uses them to
exhaust the machine (an alias bomb of 0.5 KB) or crash it (100,000 nested brackets). So the
nodes are built here from libyaml's event stream, which stops at the first problem: a file
larger than its limit, an anchor or alias, nesting deeper than MAX_DEPTH, a repeated key, an
impossible date. Each problem is a YamlProblem(line, "Must …"), never a traceback.
"""
from __future__ import annotations

from dataclasses import dataclass

import yaml
from yaml import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingNode,
    MappingStartEvent,
    ScalarEvent,
    ScalarNode,
    SequenceEndEvent,
    SequenceNode,
    SequenceStartEvent,
)

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when PyYAML's wheel has it
MAX_DEPTH = 20  # the deepest file of the project nests 6 levels
NOT_UTF8 = "Must be saved as UTF-8 text: re-save the file with the encoding 'UTF-8'"  # as the characters check says
TIMESTAMP = "tag:yaml.org,2002:timestamp"
_RESOLVE = yaml.resolver.Resolver().resolve


class YamlProblem(ValueError):
    """line (of the file) and message `Must …`."""

    def __init__(self, line: int, message: str):
        super().__init__(f"{line}: {message}")
        self.line, self.message = line, message


@dataclass
class Document:
    node: yaml.Node | None
    first_line: int  # the file's line number of the text's first line

    def line(self, node: yaml.Node) -> int:
        return node.start_mark.line + self.first_line

    def data(self):
        """The plain data, as yaml.safe_load gives it."""
        if self.node is None:
            return None
        try:
            return yaml.constructor.SafeConstructor().construct_document(self.node)
        except yaml.constructor.ConstructorError as error:
            mark = error.problem_mark or error.context_mark
            raise YamlProblem(mark.line + self.first_line if mark else self.first_line,
                              f"Must be valid YAML: {error.problem}") from None


def decode(raw: bytes, limit: int, first_line: int = 1) -> str:
    """The text of at most `limit` bytes of strict UTF-8, else YamlProblem."""
    if len(raw) > limit:
        raise YamlProblem(first_line, f"Must be at most {limit // 1024} KB (it has {len(raw) // 1024:,} KB): split "
                          "it or shorten it")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise YamlProblem(raw[: error.start].count(b"\n") + first_line, NOT_UTF8) from None


def read_bytes(raw: bytes, limit: int, first_line: int = 1) -> Document:
    return read(decode(raw, limit, first_line), limit, first_line)


def read(text: str, limit: int, first_line: int = 1) -> Document:
    if len(text) > limit and len(text.encode("utf-8")) > limit:
        raise YamlProblem(first_line, f"Must be at most {limit // 1024} KB (it has "
                          f"{len(text.encode('utf-8')) // 1024:,} KB): split it or shorten it")
    try:
        return Document(_compose(text, first_line), first_line)
    except yaml.MarkedYAMLError as error:
        raise YamlProblem(*_syntax(error, first_line)) from None
    except yaml.YAMLError as error:
        raise YamlProblem(first_line, f"Must be valid YAML: {error}") from None


class _Open:
    """A sequence or mapping whose events are still coming."""
    __slots__ = ("node", "key", "keys")

    def __init__(self, node):
        self.node, self.key, self.keys = node, None, {}


def _compose(text: str, first_line: int):
    stack: list[_Open] = []
    root = documents = None
    for event in yaml.parse(text, Loader=LOADER):
        kind = event.__class__
        if kind is ScalarEvent:
            tag = event.tag if event.tag not in (None, "!") else _RESOLVE(ScalarNode, event.value, event.implicit)
            node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
            if tag == TIMESTAMP:
                _date(node, first_line)
        elif kind is SequenceStartEvent or kind is MappingStartEvent:
            if len(stack) >= MAX_DEPTH:
                raise YamlProblem(event.start_mark.line + first_line, f"Must not nest lists and fields more than "
                                  f"{MAX_DEPTH} levels deep")
            node_type = SequenceNode if kind is SequenceStartEvent else MappingNode
            tag = event.tag if event.tag not in (None, "!") else _RESOLVE(node_type, None, event.implicit)
            node = node_type(tag, [], event.start_mark, event.end_mark, event.flow_style)
        elif kind is SequenceEndEvent or kind is MappingEndEvent:
            stack.pop().node.end_mark = event.end_mark
            continue
        elif kind is AliasEvent:
            raise YamlProblem(event.start_mark.line + first_line, _NO_ANCHORS)
        else:
            if kind is DocumentStartEvent:
                documents = (documents or 0) + 1
                if documents > 1:
                    raise YamlProblem(event.start_mark.line + first_line, "Must hold one YAML document: remove "
                                      "this '---' line or what follows it")
            continue
        if event.anchor is not None:
            raise YamlProblem(event.start_mark.line + first_line, _NO_ANCHORS)
        if stack:
            _add(stack[-1], node, first_line)
        else:
            root = node
        if kind is not ScalarEvent:
            stack.append(_Open(node))
    return root


_NO_ANCHORS = ("Must not use YAML anchors or aliases ('&name', '*name'): write the value out in full where "
               "it is needed")


def _add(parent: _Open, node, first_line: int) -> None:
    if parent.node.__class__ is SequenceNode:
        parent.node.value.append(node)
    elif parent.key is None:
        parent.key = node
        if node.__class__ is ScalarNode:
            line = node.start_mark.line + first_line
            if node.value in parent.keys:
                raise YamlProblem(line, f"Must not repeat the key '{node.value}' (first on line "
                                  f"{parent.keys[node.value]}): YAML would keep only one of the two")
            parent.keys[node.value] = line
    else:
        parent.node.value.append((parent.key, node))
        parent.key = None


def _date(node: ScalarNode, first_line: int) -> None:
    try:
        yaml.constructor.SafeConstructor().construct_yaml_timestamp(node)
    except ValueError as error:
        raise YamlProblem(node.start_mark.line + first_line, f"Must be a real date, written YYYY-MM-DD "
                          f"(received {node.value!r}: {error})") from None


def _syntax(error: yaml.MarkedYAMLError, first_line: int) -> tuple[int, str]:
    """Where the broken construct (a list, a quote) began, else where the parser stopped."""
    mark = error.context_mark or error.problem_mark
    where = ""
    if error.context_mark and error.problem_mark and error.problem_mark.line != error.context_mark.line:
        where = f" ({error.context} on this line; the parser stopped on line {error.problem_mark.line + first_line})"
    return (mark.line + first_line if mark else first_line,
            f"Must be valid YAML: {error.problem or error}{where}. Check the brackets, quotes and indentation; put "
            "a text holding ': ' or ' #' in quotes")


def parse(raw: bytes, label: str, error: type[Exception], limit: int):
    """(node, data) of a file's bytes; any problem raises `error('label:line: Must …')`."""
    try:
        document = read_bytes(raw, limit)
        return document.node, document.data()
    except YamlProblem as problem:
        raise error(f"{label}:{problem.line}: {problem.message}") from None
