"""A translation keeps its source page's structure; a guide stays short enough to read under stress.

Headings (their levels, in order) and services markers of a translated page must be those of the
page in the default language, so that anchors, lists and leaflets line up in every language.
"""
from __future__ import annotations

import re
from typing import Iterator

from scripts.core import markers
from scripts.editors.checks.project import Page, Project

MAX_WORDS = 700  # a guide in the default language; translations follow it
HEADING = re.compile(r"^(#{1,6})\s")
WORD = re.compile(r"[^\W_]+(?:[-ʻ'][^\W_]+)*")
NOT_READ = re.compile(r"<!--.*?-->|\]\([^)]*\)", re.DOTALL)  # markers and link targets are not read


def _body_lines(page: Page) -> Iterator[tuple[int, str]]:
    fenced = False
    for number, line in enumerate(page.text.split("\n")[page.body_start - 1:], page.body_start):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced:
            yield number, line


def _outline(page: Page) -> list[tuple[int, str]]:
    """(line, '##' or the marker's names) for every heading and services marker, in order."""
    found = []
    for number, line in _body_lines(page):
        if heading := HEADING.match(line):
            found.append((number, heading[1]))
        found += [(number, "<!-- services:" + " ".join(marker["names"].split()) + " -->")
                  for marker in markers.SERVICES.finditer(line)]
    return found


def _describe(item: str) -> str:
    return f"a level-{len(item)} heading" if item.startswith("#") else f"the marker {item}"


def problems(page: Page, project: Project) -> Iterator[tuple[int, str]]:
    if page.lang == project.default:
        yield from _length(page)
        return
    source = project.page(project.default, page.name)
    if source is None or source.text is None or source.matter is None:
        return
    ours, theirs = _outline(page), _outline(source)
    for (line, item), (source_line, wanted) in zip(ours, theirs):
        if item != wanted:
            yield line, (f"Must have the structure of {source.rel}: here {_describe(item)}, there "
                         f"{_describe(wanted)} (line {source_line}). Translate heading for heading and keep "
                         "every services marker as it is")
            return
    if len(ours) != len(theirs):
        headings = sum(item.startswith("#") for _, item in ours), sum(item.startswith("#") for _, item in theirs)
        marks = len(ours) - headings[0], len(theirs) - headings[1]
        where = ours[len(theirs)][0] if len(ours) > len(theirs) else (ours[-1][0] if ours else page.body_start)
        yield where, (f"Must have as many headings and services markers as {source.rel}: headings "
                      f"{headings[0]} vs {headings[1]}, markers {marks[0]} vs {marks[1]}")


def _length(page: Page) -> Iterator[tuple[int, str]]:
    if page.meta.get("type") != "guide":
        return
    text = "\n".join(line for _, line in _body_lines(page))
    words = len(WORD.findall(NOT_READ.sub(" ", text)))
    if words > MAX_WORDS:
        yield page.body_start, (f"Must stay under {MAX_WORDS} words: this guide has {words} vs {MAX_WORDS}. "
                                "Families read it on a phone, under stress: move details to another guide "
                                "or to the directory")
