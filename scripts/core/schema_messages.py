"""One mapping from a JSON Schema error to the message an editor reads ("Must …"), for every
schema of the project (schemas/*.schema.json: pages' front matter, directory entries, mirrors).

Where the generic wording would be obscure, the schema says it in its own words, beside the rule:
`"x-messages": {"pattern": "Must give {where} as a full https:// address (received {received})"}`.
A template may use {where}, {received}, {allowed}, {limit}, {length}, {field}, {needed} and
{schema}; for `dependentRequired` it is a map from the missing field to its template. So this
file holds no rule of any schema, and a new schema needs no code here.
"""
from __future__ import annotations

import difflib
from collections.abc import Sequence

import jsonschema

TYPE_NAMES = {"array": "a list (lines starting with '- ')", "object": "a set of 'field: value' lines",
              "string": "text", "number": "a number", "integer": "a whole number", "boolean": "true or false"}


def where(path: Sequence) -> str:
    """An entry's place as an editor counts: phones[1].number (lists from 1)."""
    parts = []
    for part in path:
        parts.append(f"[{part + 1}]" if isinstance(part, int) else (("." if parts else "") + str(part)))
    return "".join(parts)


def unknown_field(error: jsonschema.ValidationError) -> str | None:
    """The field an `additionalProperties` error is about: its line is where the editor must look."""
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = error.schema.get("properties", {})
        return next((key for key in error.instance if key not in known), None)
    return None


def missing_field(error: jsonschema.ValidationError) -> str | None:
    """For `dependentRequired`: the field present that needs another one."""
    if error.validator != "dependentRequired" or not isinstance(error.instance, dict):
        return None
    return next((key for key, needed in error.validator_value.items()
                 if key in error.instance and any(name not in error.instance for name in needed)), None)


def message(error: jsonschema.ValidationError, schema_name: str) -> str:
    """The editor's message for one error of the schema `schema_name` (a path they can open)."""
    place = where(error.absolute_path)
    values = {"where": place or "the file", "received": repr(error.instance), "schema": schema_name,
              "limit": error.validator_value, "allowed": ", ".join(map(str, _allowed(error))),
              "length": len(error.instance) if isinstance(error.instance, (str, list, dict)) else ""}
    inside = f" in {place}" if place else ""
    kind = error.validator
    custom = error.schema.get("x-messages", {}).get(kind) if isinstance(error.schema, dict) else None
    if kind == "additionalProperties" and isinstance(error.instance, dict):
        known = list(error.schema.get("properties", {}))
        key = unknown_field(error) or "?"
        close = difflib.get_close_matches(key, known, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        return f"Must not have the field '{key}'{inside}: {hint}the fields here are {', '.join(known)} ({schema_name})"
    if kind == "required":
        return f"Must have the field '{error.message.split(chr(39))[1]}'{inside} ({schema_name})"
    if kind == "dependentRequired":
        field = missing_field(error) or "?"
        needed = [name for name in error.validator_value.get(field, []) if name not in error.instance]
        templates = custom or {}
        template = next((templates[name] for name in needed if name in templates), None)
        values.update(field=field, needed=" and ".join(needed))
        return _filled(template or "", values) or "Must give {needed} with {field} in {where}".format(**values)
    if custom:
        return _filled(custom, values) or _generic(error, values, inside).format(**values)
    return _generic(error, values, inside).format(**values)


def wording(node: dict, keyword: str, place: str, allowed: Sequence = ()) -> str | None:
    """The schema's own words for one rule of `node`, without a value (the browser editor's hint)."""
    template = node.get("x-messages", {}).get(keyword)
    if not isinstance(template, str):
        return None
    values = dict.fromkeys(("received", "length", "field", "needed", "schema"), "")
    return template.replace(" (received {received})", "").format(**values, where=place, limit=node.get(keyword, ""),
                                                                  allowed=", ".join(map(str, allowed or node.get("enum", ()))))


def _filled(template: str, values: dict) -> str | None:
    """A schema's template filled, or None where it names a placeholder that does not exist (a
    typo in schemas/ must not stop `make check` with a traceback; tests/core hold them right)."""
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError, AttributeError):
        return None


def _generic(error: jsonschema.ValidationError, values: dict, inside: str) -> str:
    kind, limit = error.validator, error.validator_value
    if kind == "enum":
        return "Must be one of {allowed}" + inside + " (received {received})"
    if kind == "format" and limit == "date":
        return "Must write {where} as a date YYYY-MM-DD (received {received})"
    if kind == "type":
        wanted = " or ".join(TYPE_NAMES.get(name, name) for name in ([limit] if isinstance(limit, str) else limit))
        return "Must be " + wanted.replace("{", "{{").replace("}", "}}") + inside + " (received {received})"
    if kind in ("minItems", "minProperties"):
        return "Must not be empty: {where} needs at least {limit} " + ("entry" if limit == 1 else "entries")
    if kind == "minLength":
        return "Must not be empty: {where}" if limit <= 1 else "Must have at least {limit} characters" + inside
    if kind == "maxLength":
        return "Must keep {where} to {limit} characters (it has {length})"
    if kind == "maxItems":
        return "Must list at most {limit} items" + inside + " (it has {length})"
    if kind == "uniqueItems":
        return "Must not list the same value twice" + inside
    if kind in ("minimum", "maximum"):
        low, high = error.schema.get("minimum", "…"), error.schema.get("maximum", "…")
        return f"Must be between {low} and {high}" + inside + " (received {received})"
    text = error.message.replace("{", "{{").replace("}", "}}")
    return "Must fix {where}: " + text


def _allowed(error: jsonschema.ValidationError) -> list:
    """The values an enum allows; for anyOf, those of its enum branches (e.g. the short numbers)."""
    if error.validator == "enum":
        return list(error.validator_value)
    return [value for sub in error.context or () if sub.validator == "enum" for value in sub.validator_value]
