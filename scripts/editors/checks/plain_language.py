"""Plain language in the default language's pages: short sentences, short paragraphs.

Families read these pages under stress, some with little schooling; translations follow the
source's sentences, so the source is where sentences are kept short.
"""
from __future__ import annotations

from typing import Iterator

from scripts.editors import prose
from scripts.editors.checks.project import Page, Project

MAX_WORDS = 20  # in a sentence
MAX_SENTENCES = 5  # in a paragraph or list item


def problems(page: Page, project: Project) -> Iterator[tuple[int, str]]:
    if page.lang != project.default or page.text is None or page.matter is None:
        return
    for block in prose.blocks(page.text, page.body_start):
        found = prose.sentences(block)
        if len(found) > MAX_SENTENCES:
            yield block.line, (f"Must keep a paragraph to {MAX_SENTENCES} sentences: this one has {len(found)}. "
                               "Split it, or make a list of its steps")
        for line, sentence in found:
            words = prose.word_count(sentence)
            if words > MAX_WORDS:
                start = " ".join(sentence.split()[:6])
                yield line, (f"Must keep a sentence to {MAX_WORDS} words: '{start} …' has {words}. "
                             "Split it in two, or make a list")

