"""Read a directory entry's YAML quickly, when it is sure to read it as PyYAML does.

The build reads thousands of entries; PyYAML builds a node, two position marks and a Python call
per value, which is most of the time the directory adds to a build. rapidyaml (ryml) parses in
C++ and writes the tree as JSON, which Python's json reads in C: about six times faster.

scripts/directory/services.py reads entries as PyYAML's nodes give them: every value is text, but nulls
and the numbers of NUMERIC_FIELDS. data() returns that same structure, or None whenever the
two readers could disagree: anchors, aliases, tags, merge keys, tabs, several documents, a
duplicate key, a number outside NUMERIC_FIELDS (YAML 1.1 and 1.2 differ there), text that
PyYAML would read as null, anything ryml cannot parse. The caller then reads the file with
PyYAML, which also gives the lines its messages need. tests/directory/test_fast_yaml.py holds the two to
the same data on every entry and test case.
"""
from __future__ import annotations

import json
import os
import re
import threading

try:
    import ryml
except ImportError:  # a platform without its wheel: PyYAML alone, slower
    ryml = None

DECLINED = re.compile(rb"[&*!%\t\r]|<<|^(?:---|\.\.\.)|^\xef\xbb\xbf", re.MULTILINE)  # read differently, or rare
PLAIN_NUMBER = re.compile(r"[-+]?[0-9]+(?:\.[0-9]*)?")  # PyYAML reads these as int or float too
NULL_WORDS = frozenset({"~", "null", "Null", "NULL"})  # PyYAML's nulls that ryml keeps as text


class _Decline(Exception):
    pass


class _Number(str):
    """A JSON number as it was written."""


def data(raw: bytes, numeric_fields: tuple[str, ...]) -> dict | None:
    """The entry as scripts/directory/services.py reads it with PyYAML, or None if not sure."""
    if ryml is None or DECLINED.search(raw) or threading.active_count() > 1:
        return None
    try:
        with _quiet_stderr():  # ryml prints its own message before raising (too deep, broken); PyYAML's is the one editors see
            tree = ryml.parse_in_arena(raw)
            emitted = ryml.emit_json(tree)
        loaded = json.loads(emitted, parse_int=_Number, parse_float=_Number, parse_constant=_declined,
                            object_pairs_hook=lambda pairs: _mapping(pairs, numeric_fields))
        return loaded if isinstance(loaded, dict) else None
    except (ryml.ExceptionBasic, ValueError, _Decline):
        return None


def _mapping(pairs: list, numeric_fields: tuple[str, ...]) -> dict:
    """A mapping as PyYAML's reading gives it (the mappings inside it are done already)."""
    result = {}
    for key, value in pairs:
        if key in result:
            raise _Decline  # PyYAML's reading reports the repeated key with its line
        if key in numeric_fields and value is not None and not isinstance(value, (dict, list)):
            if not (isinstance(value, _Number) and PLAIN_NUMBER.fullmatch(value)):
                raise _Decline
            value = float(value)
        else:
            _check(value)
        result[key] = value
    return result


def _check(value) -> None:
    """Text, null, a mapping (checked already) or a list of those; anything else: not sure."""
    if isinstance(value, list):
        for item in value:
            _check(item)
    elif isinstance(value, str):
        if isinstance(value, _Number) or value in NULL_WORDS:
            raise _Decline
    elif value is not None and not isinstance(value, dict):  # true, false
        raise _Decline


def _declined(_name: str):
    raise _Decline


class _quiet_stderr:
    def __enter__(self):
        self.saved = os.dup(2)
        quiet = os.open(os.devnull, os.O_WRONLY)
        os.dup2(quiet, 2)
        os.close(quiet)

    def __exit__(self, *exc):
        os.dup2(self.saved, 2)
        os.close(self.saved)
