"""The known mirrors of the site (data/mirrors.yml), checked against schemas/mirrors.schema.json.

overrides/hooks/mirrors_list.py gives them to the templates; partials/mirrors.html lists them in
every page's footer. Problems are `data/mirrors.yml:line: Must …`.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import yaml

from scripts.core import schema_messages, site_config, yaml_source
from scripts.core.problems import editor_path

DATA = site_config.ROOT / "data" / "mirrors.yml"
SCHEMA = site_config.ROOT / "schemas" / "mirrors.schema.json"
MAX_BYTES = 64 * 1024  # README "Limits"


class MirrorsError(ValueError):
    pass


_label = editor_path


def load(path: Path = DATA) -> list[dict]:
    """The mirrors, in the file's order; raises MirrorsError naming the line of every problem."""
    if not path.exists():
        return []
    label = _label(path)
    node, data = yaml_source.parse(path.read_bytes(), label, MirrorsError, MAX_BYTES)
    if data is None:
        return []
    data = json.loads(json.dumps(data, default=lambda value: value.isoformat() if isinstance(value, dt.date) else str(value)))
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")),
                                                format_checker=jsonschema.FormatChecker())
    problems = []
    for error in validator.iter_errors(data):
        line = 1
        if error.absolute_path and isinstance(node, yaml.SequenceNode) and isinstance(error.absolute_path[0], int):
            item = node.value[error.absolute_path[0]]
            line = item.start_mark.line + 1
            if len(error.absolute_path) > 1 and isinstance(item, yaml.MappingNode):
                line = next((key.start_mark.line + 1 for key, _ in item.value if key.value == error.absolute_path[1]), line)
        message = schema_messages.message(error, "schemas/mirrors.schema.json")
        problems.append((line, f"{label}:{line}: {message}"))
    if problems:
        raise MirrorsError("\n".join(message for _, message in sorted(problems)))
    return data
