"""Front matter of the pages: parsed with line numbers, validated against schemas/page.schema.json.

Every problem is a `(line, message)` pair, the line counted from the top of the Markdown file,
so that editors read `docs/ky/arrival.md:4: Must ...`.
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

import jsonschema
import yaml

from scripts.core import schema_messages, site_config, yaml_source

SCHEMA_PATH = site_config.ROOT / "schemas" / "page.schema.json"
SCHEMA_NAME = "schemas/page.schema.json"
FENCE = "---"
MAX_PAGE_BYTES = 100 * 1024  # the longest page has 9 KB; README "Limits"
MAX_FRONT_MATTER_BYTES = 16 * 1024  # the longest has 2.5 KB


@dataclass
class FrontMatter:
    data: dict
    body: str
    body_line: int  # line number of the first body line
    key_lines: dict = field(default_factory=dict)  # top-level key -> line


class FrontMatterError(ValueError):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


@functools.lru_cache(maxsize=1)
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def split(text: str) -> FrontMatter:
    """Split a page into its front matter and body; raise FrontMatterError with a line."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != FENCE:
        raise FrontMatterError(1, "Must start with front matter between two '---' lines (id, type, title, summary, reviewed, sources)")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == FENCE)
    except StopIteration:
        raise FrontMatterError(1, "Must close the front matter with a '---' line") from None
    source = "\n".join(lines[1:end])
    try:
        document = yaml_source.read(source, MAX_FRONT_MATTER_BYTES, first_line=2)
        data = document.data() or {}
    except yaml_source.YamlProblem as problem:
        raise FrontMatterError(problem.line, problem.message.replace("Must be valid YAML", "Must be valid YAML in the "
                                                                     "front matter", 1)) from None
    if not isinstance(data, dict):
        raise FrontMatterError(2, "Must be a set of 'key: value' lines in the front matter")
    key_lines = {}
    if isinstance(document.node, yaml.MappingNode):
        key_lines = {key.value: document.line(key) for key, _ in document.node.value}
    body = "\n".join(lines[end + 1:])
    return FrontMatter(data, body, end + 2, key_lines)


def _jsonable(value):
    """YAML turns 2026-11-23 into a date; the schema checks the ISO text."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_jsonable(item) for item in value]
    return value


def validate(matter: FrontMatter, expected_id: str | None = None) -> Iterator[tuple[int, str]]:
    """Yield (line, message) for every way the front matter breaks the schema."""
    data = _jsonable(matter.data)
    validator = jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.FormatChecker())
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        top = str(error.absolute_path[0]) if error.absolute_path else schema_messages.unknown_field(error)
        yield matter.key_lines.get(top, 1), schema_messages.message(error, SCHEMA_NAME)
    if expected_id and data.get("id") not in (None, expected_id) and data.get("type") != "guide":
        return
    for index, source in enumerate(data.get("sources") or []):
        url = source.get("url") if isinstance(source, dict) else None
        if isinstance(url, str) and re.search(_url_pattern(), url) and not is_https_address(url):
            yield (matter.key_lines.get("sources", 1),
                   f"Must give {schema_messages.where(('sources', index, 'url'))} as a full https:// address (received {url!r})")
    if data.get("type") == "guide" and not data.get("sources"):
        yield matter.key_lines.get("sources", 1), "Must list at least one source for a guide: every legal statement needs one"


def _url_pattern() -> str:
    return schema()["properties"]["sources"]["items"]["properties"]["url"]["pattern"]


def is_https_address(url: str) -> bool:
    """An address the reader's browser opens at a named host over https, with nothing hidden in it
    (no user name before the host, no quote or angle bracket that could end an HTML attribute)."""
    try:
        parts = urlsplit(url)
        _ = parts.port  # a port that is not a number from 0 to 65535 raises ValueError
    except ValueError:
        return False
    return (parts.scheme == "https" and bool(parts.hostname) and parts.username is None and parts.password is None
            and not re.search(r"[\x00-\x20\"'<>\\^`{|}]", url))


def parse_file(path: Path) -> FrontMatter:
    """Read a page (UTF-8, at most MAX_PAGE_BYTES) and split it; problems name the line."""
    try:
        text = yaml_source.decode(path.read_bytes(), MAX_PAGE_BYTES)
    except yaml_source.YamlProblem as problem:
        raise FrontMatterError(problem.line, problem.message) from None
    return split(text)
