"""i18n/<lang>.yml: one file per language of mkdocs.yml, with exactly the keys of i18n/ru.yml."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

import yaml

from scripts.core import interface_strings, yaml_source
from scripts.editors.checks import lookalikes
from scripts.editors.checks.project import Project

PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def read(path: Path) -> tuple[dict, dict, list]:
    """(strings, key -> line, [(line, message)]) of one strings file."""
    text = path.read_bytes().decode("utf-8-sig", errors="replace")  # not UTF-8: the characters check says so
    try:
        node = yaml_source.read(text, interface_strings.MAX_BYTES).node
    except yaml_source.YamlProblem as problem:
        return {}, {}, [(problem.line, problem.message)]
    if not isinstance(node, yaml.MappingNode):
        return {}, {}, [(1, "Must be a list of 'key: text' lines, like i18n/ru.yml")]
    strings, lines, found = {}, {}, []
    for key, value in node.value:
        line = key.start_mark.line + 1
        if not isinstance(value, yaml.ScalarNode) or not str(value.value).strip():
            found.append((line, f"Must give '{key.value}' a text (it is empty or not a single text)"))
        strings[key.value], lines[key.value] = str(getattr(value, "value", "")), line
    return strings, lines, found


def problems(project: Project) -> Iterator[tuple[str, int, str]]:
    folder = project.root / "i18n"
    reference_path = folder / f"{project.default}.yml"
    reference, _, _ = read(reference_path) if reference_path.exists() else ({}, {}, [])
    for lang in project.languages:
        path = folder / f"{lang}.yml"
        if not path.exists():
            yield project.rel(path), 1, (
                f"Must exist: language '{lang}' is listed in mkdocs.yml. Run `make add-language LANG={lang}`, or "
                f"copy i18n/{project.default}.yml to {project.rel(path)} and translate the texts after the colons")
    for path in project.string_files:
        rel, lang = project.rel(path), path.stem
        if lang not in project.languages:
            yield rel, 1, (f"Must belong to a language of mkdocs.yml: '{lang}' is not one. Add the language with "
                           f"`make add-language LANG={lang}`, or delete the file")
            continue
        strings, lines, found = read(path)
        yield from ((rel, line, message) for line, message in found)
        if not strings or path == reference_path:
            if strings:
                yield from _lookalikes(rel, path, lang)
            continue
        for key in [k for k in reference if k not in strings]:
            yield rel, 1, (f"Must have every key of i18n/{project.default}.yml: add '{key}: …' (copy its line from "
                           f"i18n/{project.default}.yml and translate the text)")
        for key in [k for k in strings if k not in reference]:
            yield rel, lines[key], (f"Must not have a key that i18n/{project.default}.yml lacks: '{key}'. Check its "
                                    "spelling, or delete the line")
        for key in [k for k in strings if k in reference]:
            wanted, have = set(PLACEHOLDER.findall(reference[key])), set(PLACEHOLDER.findall(strings[key]))
            if wanted != have:
                yield rel, lines[key], (f"Must keep the placeholders of '{key}' exactly as in i18n/{project.default}.yml: "
                                        f"{', '.join(sorted(wanted)) or 'none'} (the site fills them in; do not "
                                        "translate the word inside the braces)")
        if "language" in strings and strings["language"] != lang:
            yield rel, lines["language"], f"Must say 'language: {lang}' (the file's language), not '{strings['language']}'"
        yield from _lookalikes(rel, path, lang)


def _lookalikes(rel: str, path: Path, lang: str):
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    values = "\n".join(line.split(":", 1)[1] if ":" in line and not line.lstrip().startswith("#") else ""
                       for line in text.split("\n"))
    for line, message in lookalikes.problems(values, lang):
        yield rel, line, message
