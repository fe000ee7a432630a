"""Review pages for native speakers: the Russian page and its translation side by side.

Built at editors/review/<lang>/<page>.html (hooks/editors_pages.py, template
hooks/editors_review.html): blocks aligned by headings and list items (prose.align), each with
its file's line number, unknown words and glossary problems marked where they are, long Russian
sentences flagged. Reviewers read it on screen or printed on A4, then record the review with
`python -m scripts.stamp docs/<lang>/<page>.md --reviewed-by NAME`.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from markupsafe import Markup

from scripts.core import site_config, translations
from scripts.editors import prose
from scripts.editors.checks import glossary, lookalikes, plain_language, spelling
from scripts.editors.checks.project import Page, Project

STATE_LABELS = {"machine": "machine translation, not yet reviewed", "reviewed": "reviewed",
                "outdated": "OUTDATED: the Russian page changed after this translation or its review",
                "missing-record": "no translation record"}


@dataclass
class Mark:
    column: int
    length: int
    kind: str  # "spelling", "glossary" or "script"
    note: str


@dataclass
class Cell:
    lang: str
    kind: str  # heading, item, paragraph
    lines: list[tuple[int, Markup]]  # (line number, marked-up text)
    notes: list[str] = field(default_factory=list)  # warnings with no place in the text (a dropped term)


@dataclass
class ReviewPage:
    slug: str
    lang: str
    lang_name: str
    default_name: str
    title: str
    source_title: str
    path: str
    source_path: str
    revision: str
    source_date: str
    state: str
    state_label: str
    reviewer: str
    reviewed_on: str
    rows: list[tuple[Cell | None, Cell | None]]
    findings: list[tuple[int, str, str]]  # (line, kind, message) of the translation
    spelling_note: str


def build(project: Project, page: Page) -> ReviewPage:
    source = project.page(project.default, page.name)
    marks: dict[int, list[Mark]] = {}
    findings: list[tuple[int, str, str]] = []
    speller = spelling.speller(project, page.lang)
    for unknown in spelling.unknown_words(page, project):
        kind, note = unknown_note(unknown)
        marks.setdefault(unknown.line, []).append(Mark(unknown.column, len(unknown.word), kind, note))
        findings.append((unknown.line, kind, note))
    notes: dict[int, list[str]] = {}
    for finding in glossary.findings(page, project):
        if finding.length:
            marks.setdefault(finding.line, []).append(Mark(finding.column, finding.length, "glossary", finding.message))
        else:
            notes.setdefault(finding.line, []).append(finding.message)
        findings.append((finding.line, "glossary", finding.message))
    ours, theirs = glossary.page_blocks(source), glossary.page_blocks(page)
    texts = {number: text for block in theirs for number, text in block.lines}
    for line, message in lookalikes.problems(page.text, page.lang, project.facts(page.lang).get("alphabet", "")):
        quoted = re.search(r"'([^']+)'", message)
        column = texts.get(line, "").find(quoted.group(1)) if quoted else -1
        if column >= 0:
            marks.setdefault(line, []).append(Mark(column, len(quoted.group(1)), "script", message))
        else:
            notes.setdefault(line, []).append(message)
        findings.append((line, "letters", message))
    long_sentences = {line: message for line, message in plain_language.problems(source, project)}
    rows = [(_cell(project.default, left, {}, {line: [text] for line, text in long_sentences.items()}) if left else None,
             _cell(page.lang, right, marks, notes) if right else None)
            for left, right in prose.align(ours, theirs)]
    record = page.meta.get("translation") or {}
    state = translations.status(page.meta, source.path)
    names = project.language_names
    return ReviewPage(
        slug=page.name.removesuffix(".md"), lang=page.lang, lang_name=names.get(page.lang, page.lang),
        default_name=names.get(project.default, project.default), title=str(page.meta.get("title", "")),
        source_title=str(source.meta.get("title", "")), path=page.rel, source_path=source.rel,
        revision=translations.fingerprint(source.path), source_date=str(source.meta.get("reviewed", "")),
        state=state, state_label=STATE_LABELS.get(state, state), reviewer=str(record.get("reviewer", "")),
        reviewed_on=str(record.get("reviewed_on", "")), rows=rows, findings=sorted(findings),
        spelling_note=_spelling_note(speller))


def unknown_note(unknown: spelling.Unknown) -> tuple[str, str]:
    """(mark kind, note) of a word no dictionary knows: unconfirmed (a machine translation's, to confirm) or unknown."""
    if unknown.unconfirmed:
        return "unconfirmed", (f"'{unknown.word}': no dictionary knows it and no native speaker has confirmed it yet "
                               f"(data/spelling/unconfirmed/{unknown.lang}.txt): confirm or correct it")
    return "spelling", f"'{unknown.word}' is not in the {unknown.lang} dictionary"


def _spelling_note(speller: spelling.Speller) -> str:
    if not speller.available:
        return f"Spelling not checked: no dictionary for {speller.lang} is installed."
    analyser = f" and the {speller.analyser_name} analyser" if speller.analyser_name else ""
    return (f"Marked words are unknown to the {speller.name} dictionary{analyser} and to data/spelling/{speller.lang}.txt. "
            f"Dotted words are the machine translation's, listed in data/spelling/unconfirmed/{speller.lang}.txt "
            "until a native speaker confirms them: recording your review confirms them.")


def _cell(lang: str, block: prose.Block, marks: dict[int, list[Mark]], notes: dict[int, list[str]]) -> Cell:
    lines = [(number, _marked(text, marks.get(number, []))) for number, text in block.lines]
    found = [note for number, _ in block.lines for note in notes.get(number, [])]
    return Cell(lang, block.kind, lines, found)


def _marked(text: str, marks: list[Mark]) -> Markup:
    out, position = [], 0
    for mark in sorted(marks, key=lambda item: item.column):
        if mark.column < position:
            continue  # overlapping marks: the first one shows
        out.append(html.escape(text[position:mark.column]))
        word = html.escape(text[mark.column:mark.column + mark.length])
        out.append(f'<mark class="review-{mark.kind}" title="{html.escape(mark.note)}">{word}</mark>')
        position = mark.column + mark.length
    out.append(html.escape(text[position:]))
    return Markup("".join(out))


def pages(project: Project) -> list[Page]:
    """Every translated page that has a Russian page to stand beside."""
    return [page for page in project.pages if page.lang != project.default and page.text is not None and page.matter
            and (source := project.page(project.default, page.name)) is not None and source.matter]


def url(lang: str, name: str) -> str:
    """The review page's path in the site: editors/review/ky/school.html."""
    return f"editors/review/{lang}/{name.removesuffix('.md')}.html"


def page_link(lang: str, slug: str) -> str:
    """The reader's page, from editors/review/<lang>/."""
    return "../../../" + site_config.page_url(lang, slug)
