"""What Open Referral HSDS 3.0 asks of published services: its compiled schema, and what its
documentation says in prose (no nulls, HH:MM:SS times, extent types, descriptions). Used by the
directory's tests and the partners' formats tests."""
from __future__ import annotations

import json
import re

import jsonschema

from conftest import ROOT

HSDS_SCHEMA = ROOT / "schemas" / "hsds-3.0" / "compiled" / "service_with_definitions.json"
TIME = re.compile(r"^\d\d:\d\d:\d\d$")
EXTENT_TYPES = {"geojson", "topojson", "kml", "text"}  # HSDS 3.0, service_area.extent_type


def hsds_problems(items: list) -> list[str]:
    """Every place where the services are not HSDS 3.0: its schema, and what it says in prose."""
    schema = json.loads(HSDS_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    found = []
    for item in items:
        where = item.get("x_directory", {}).get("id", item.get("id"))
        found += [f"{where}: /{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(item)]
        found += [f"{where}: {problem}" for problem in _prose_problems(item, "")]
    return found


def _prose_problems(value, path: str):
    if value is None:
        yield f"{path}: null (HSDS leaves a property without a value out)"
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _prose_problems(item, f"{path}/{index}")
    elif isinstance(value, dict):
        for key in ("opens_at", "closes_at"):
            if key in value and not TIME.match(value[key]):
                yield f"{path}/{key}: {value[key]!r} is not HH:MM:SS"
        if "extent_type" in value and value["extent_type"] not in EXTENT_TYPES:
            yield f"{path}/extent_type: {value['extent_type']!r} is not one of {sorted(EXTENT_TYPES)}"
        if path.endswith(("/organization", "/taxonomy_term")) and not value.get("description"):
            yield f"{path}/description: empty"
        for lang, text in value.get("x_translations", {}).items():
            if not (text.get("name") and text.get("description")):
                yield f"{path}/x_translations/{lang}: a name and a description in every language it claims"
        for key, item in value.items():
            yield from _prose_problems(item, f"{path}/{key}")
