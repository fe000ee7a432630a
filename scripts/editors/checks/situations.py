"""Situation pages and their start page (issue 14; scripts/core/situations.py).

A card line may cite only the page's own sources, and never rests on an L source (a card states
H facts; an M line is printed with "check before you rely on it"). A translation keeps the
Russian page's sections with as many steps, rights, doors and links in each, and the same card
lines. Every language's start page links every situation, and only situations.
"""
from __future__ import annotations

from typing import Iterator

from scripts.core import situations
from scripts.editors.checks.project import Page, Project


def problems(page: Page, project: Project) -> Iterator[tuple[int, str]]:
    kind = page.meta.get("type")
    if page.matter is None or page.text is None:
        return
    if kind == situations.TYPE:
        yield from _card(page)
        if page.lang != project.default:
            yield from _like_the_source(page, project)
    elif kind == situations.START_TYPE:
        yield from _start_page(page, project)


def _card(page: Page) -> Iterator[tuple[int, str]]:
    known = situations.source_confidence(page.meta)
    for line in situations.card_lines(page.matter, page.text):
        unknown = [source for source in line.sources if source not in known]
        if unknown:
            yield line.line, (f"Must give this card line a legal basis among the page's sources: '{unknown[0]}' is not "
                              "the id of one. Add the source under sources: (title, url, date, id, confidence) or fix the id")
        elif line.confidence == "L":
            yield line.line, ("Must not put on the card a right that rests on a source of confidence L: the card is "
                              "shown to officials. Find an H source (an M one prints \"check before you rely on it\") or "
                              "remove the line")


def _like_the_source(page: Page, project: Project) -> Iterator[tuple[int, str]]:
    source = project.page(project.default, page.name)
    if source is None or source.matter is None or source.text is None:
        return
    ours, theirs = situations.sections(page.matter), situations.sections(source.matter)
    for index, (mine, wanted) in enumerate(zip(ours, theirs), 1):
        if mine.items != wanted.items:
            yield mine.line, (f"Must have as many items in section {index} as {source.rel} (line {wanted.line}): "
                              f"{mine.items} here, {wanted.items} there. Translate step for step, right for right")
    lines, wanted_lines = situations.card_lines(page.matter, page.text), situations.card_lines(source.matter, source.text)
    if [line.sources for line in lines] != [line.sources for line in wanted_lines]:
        yield page.key_line("card"), (f"Must have the card lines of {source.rel}, in its order and with the same "
                                      f"sources: {[list(line.sources) for line in wanted_lines]} there, "
                                      f"{[list(line.sources) for line in lines]} here. Translate each line's text only")


def _start_page(page: Page, project: Project) -> Iterator[tuple[int, str]]:
    wanted = {candidate.name[:-3] for candidate in project.pages
              if candidate.lang == project.default and candidate.meta.get("type") == situations.TYPE}
    linked = {}
    for number, line in enumerate(page.text.split("\n")[page.body_start - 1:], page.body_start):
        for slug in situations.page_links(line):
            linked.setdefault(slug, number)
    for slug, number in linked.items():
        if slug not in wanted:
            yield number, (f"Must link only situation pages: there is no docs/{project.default}/{slug}.md with "
                           "type: situation. Fix the file name or remove the line")
    for slug in sorted(wanted - set(linked)):
        yield page.key_line("type"), (f"Must link the situation '{slug}' (docs/{project.default}/{slug}.md): add the "
                                      f"line `- [its title]({slug}.md)` under the heading it belongs to")
