"""One mapping from schema errors to editors' messages (scripts/core/schema_messages.py), with the
wording the schemas carry in "x-messages"."""
import json

import jsonschema
import pytest

from conftest import ROOT
from scripts.core import schema_messages

SCHEMAS = sorted((ROOT / "schemas").glob("*.schema.json"))
PLACEHOLDERS = {"where": "x", "received": "'y'", "allowed": "a, b", "limit": 3, "length": 4, "field": "f",
                "needed": "n", "schema": "s"}


def _templates(node, found):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "x-messages":
                for keyword, template in value.items():
                    found += [(keyword, text) for text in (template.values() if isinstance(template, dict) else [template])]
            else:
                _templates(value, found)
    elif isinstance(node, list):
        for item in node:
            _templates(item, found)
    return found


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda path: path.name)
def test_every_template_of_a_schema_formats_and_starts_with_must(path):
    templates = _templates(json.loads(path.read_text(encoding="utf-8")), [])
    for keyword, text in templates:
        assert text.format(**PLACEHOLDERS).startswith("Must "), (path.name, keyword, text)
        assert keyword in jsonschema.Draft202012Validator.VALIDATORS, (path.name, keyword)


def _message(schema: dict, data) -> str:
    errors = list(jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).iter_errors(data))
    assert len(errors) == 1, errors
    return schema_messages.message(errors[0], "schemas/x.schema.json")


@pytest.mark.parametrize("schema, data, expected", [
    ({"type": "object", "properties": {"fees": {}}, "additionalProperties": False}, {"feez": 1},
     "Must not have the field 'feez': did you mean 'fees'? the fields here are fees (schemas/x.schema.json)"),
    ({"type": "object", "required": ["id"]}, {}, "Must have the field 'id' (schemas/x.schema.json)"),
    ({"type": "object", "properties": {"phones": {"type": "array", "items": {"type": "string"}}}}, {"phones": ["a", 5]},
     "Must be text in phones[2] (received 5)"),
    ({"type": "object", "properties": {"day": {"type": "string", "format": "date"}}}, {"day": "7.12.2026"},
     "Must write day as a date YYYY-MM-DD (received '7.12.2026')"),
    ({"type": "object", "properties": {"s": {"maxLength": 3}}}, {"s": "abcd"}, "Must keep s to 3 characters (it has 4)"),
    ({"type": "object", "properties": {"n": {"anyOf": [{"pattern": "^[+]"}, {"enum": ["111", "112"]}],
                                              "x-messages": {"anyOf": "Must write {where} as +… or {allowed}"}}}},
     {"n": "8 727"}, "Must write n as +… or 111, 112"),
    ({"type": "object", "properties": {"a": {}, "s": {}}, "dependentRequired": {"a": ["s"]},
      "x-messages": {"dependentRequired": {"s": "Must name the source of this {field} in {where}"}}},
     {"a": 1}, "Must name the source of this a in the file"),
    ({"type": "object", "properties": {"a": {}, "b": {}}, "dependentRequired": {"a": ["b"]}}, {"a": 1},
     "Must give b with a in the file"),
])
def test_generic_and_schema_worded_messages(schema, data, expected):
    assert _message(schema, data) == expected


def test_braces_in_a_value_or_an_error_never_break_the_message():
    schema = {"type": "object", "properties": {"x": {"const": "{where}"}}}
    assert _message(schema, {"x": "{received}"}).startswith("Must fix x: ")


def test_a_template_with_an_unknown_placeholder_falls_back_to_the_generic_message():
    schema = {"type": "object", "properties": {"s": {"pattern": "^a", "x-messages": {"pattern": "Must {typo} here"}}}}
    assert _message(schema, {"s": "b"}) == "Must fix s: 'b' does not match '^a'"
