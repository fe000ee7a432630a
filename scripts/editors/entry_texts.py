"""A directory entry's texts (data/services/<id>.yml) as the checks read them: each `<lang>: text` with its
lines, grouped by the field they translate (`description:` → ru, en, ky …), folded texts (>-) included.

Read line by line, not through the YAML parser, so that every word keeps its line in the file.
"""
from __future__ import annotations

import re

from scripts.editors import prose


def fields(text: str, languages: list[str]) -> list[dict[str, list[tuple[int, str]]]]:
    """Per field, in the file's order: {language: [(line, prose)]}."""
    key = re.compile(r"^(\s*)(-\s+)?(" + "|".join(map(re.escape, languages)) + r"):\s*(.*)$")
    lines = text.split("\n")
    groups: dict[int, dict[str, list[tuple[int, str]]]] = {}
    for index, line in enumerate(lines):
        match = key.match(line)
        if not match:
            continue
        column = len(match.group(1)) + len(match.group(2) or "")
        parent = index if match.group(2) else _parent(lines, index, column)
        found = _value(lines, index, len(match.group(1)), match.group(4).strip())
        if found:
            groups.setdefault(parent, {})[match.group(3)] = found
    return [groups[parent] for parent in sorted(groups)]


def _parent(lines: list[str], index: int, column: int) -> int:
    """The line of the key the text belongs to: the nearest line above that is indented less."""
    for number in range(index - 1, -1, -1):
        line = lines[number]
        if line.strip() and not line.lstrip().startswith("#") and len(line) - len(line.lstrip()) < column:
            return number
    return -1


def _value(lines: list[str], index: int, indent: int, value: str) -> list[tuple[int, str]]:
    if value in (">", ">-", "|", "|-"):
        block = []
        for number in range(index + 1, len(lines)):
            if lines[number].strip() and len(lines[number]) - len(lines[number].lstrip()) <= indent:
                break
            block.append((number + 1, prose.prose_of(lines[number])))
        return [item for item in block if item[1].strip()]
    if value and value[0] not in "[{":
        return [(index + 1, prose.prose_of(value.strip("\"'")))]
    return []
