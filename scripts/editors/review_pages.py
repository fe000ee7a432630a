"""Review pages for native speakers: the Russian page and its translation side by side.

Built at editors/review/<lang>/<page>.html (hooks/editors_pages.py, template
hooks/editors_review.html): blocks aligned by headings and list items (prose.align), each with
its file's line number, unknown words and glossary problems marked where they are, long Russian
sentences flagged. Reviewers read it on screen or printed on A4, then record the review with
`python -m scripts.stamp docs/<lang>/<page>.md --reviewed-by NAME`.

A directory entry has one per language too, at editors/review/<lang>/directory/<id>.html: each
Russian text of data/services/<id>.yml beside its translation, with the same marks.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from markupsafe import Markup

from scripts.core import site_config, translations
from scripts.directory import services
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
    default_lang: str
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
    record: str = ""  # the command that records the review
    record_first: str = ""  # what to change in the file before it, if anything


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
        default_lang=project.default, default_name=names.get(project.default, project.default), title=str(page.meta.get("title", "")),
        source_title=str(source.meta.get("title", "")), path=page.rel, source_path=source.rel,
        revision=translations.fingerprint(source.path), source_date=str(source.meta.get("reviewed", "")),
        state=state, state_label=STATE_LABELS.get(state, state), reviewer=str(record.get("reviewer", "")),
        reviewed_on=str(record.get("reviewed_on", "")), rows=rows, findings=sorted(findings),
        spelling_note=_spelling_note(speller),
        record=f'python -m scripts.stamp {page.rel} --reviewed-by "Your name or organisation"')


def unknown_note(unknown: spelling.Unknown) -> tuple[str, str]:
    """(mark kind, note) of a word no dictionary knows: unconfirmed (a machine translation's, to confirm) or unknown."""
    if unknown.unconfirmed:
        return "unconfirmed", (f"'{unknown.word}': no dictionary knows it and no native speaker has confirmed it yet "
                               f"(data/spelling/unconfirmed/{unknown.lang}.txt): confirm or correct it")
    return "spelling", f"'{unknown.word}' is not in the {unknown.lang} dictionary"


def _spelling_note(speller: spelling.Speller, entry: bool = False) -> str:
    if not speller.available:
        return f"Spelling not checked: no dictionary for {speller.lang} is installed."
    analyser = f" and the {speller.analyser_name} analyser" if speller.analyser_name else ""
    confirm = ("tell the editor which are right (they move them to data/spelling/{lang}.txt)" if entry else
               "recording your review confirms them (moves them to data/spelling/{lang}.txt)").format(lang=speller.lang)
    return (f"Marked words are unknown to the {speller.name} dictionary{analyser} and to data/spelling/{speller.lang}.txt. "
            f"Dotted words are the machine translation's, listed in data/spelling/unconfirmed/{speller.lang}.txt "
            f"until a native speaker confirms them: correct the wrong ones; {confirm}.")


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


def build_entry(project: Project, path: Path, lang: str) -> ReviewPage:
    """The review page of one language's texts of a directory entry: each field's Russian text beside its
    translation, with the file's line numbers, unknown words and glossary problems marked."""
    data = entry_data(project, path)
    marks: dict[int, list[Mark]] = {}
    findings: list[tuple[int, str, str]] = []
    lines_of_lang = {number for _, right in glossary.entry_pairs(project, path, lang) if right for number, _ in right.lines}
    for unknown in spelling.service_unknowns(project, path):
        if unknown.line in lines_of_lang:
            kind, note = unknown_note(unknown)
            marks.setdefault(unknown.line, []).append(Mark(unknown.column, len(unknown.word), kind, note))
            findings.append((unknown.line, kind, note))
    notes: dict[int, list[str]] = {}
    for finding in glossary.entry_findings(project, path, lang):
        if finding.length:
            marks.setdefault(finding.line, []).append(Mark(finding.column, finding.length, "glossary", finding.message))
        else:
            notes.setdefault(finding.line, []).append(finding.message)
        findings.append((finding.line, "glossary", finding.message))
    rows = [(_cell(project.default, left, {}, {}), _cell(lang, right, marks, notes) if right else None)
            for left, right in glossary.entry_pairs(project, path, lang)]
    state = entry_state(project, path, lang)
    names = project.language_names
    title = _text(data.get("name"), lang) or str(data.get("id", path.stem))
    rel = project.rel(path)
    return ReviewPage(
        slug=str(data.get("id", path.stem)), lang=lang, lang_name=names.get(lang, lang),
        default_lang=project.default, default_name=names.get(project.default, project.default), title=title,
        source_title=_text(data.get("name"), project.default), path=rel, source_path=rel,
        revision=entry_fingerprint(project, path), source_date="",
        state=state, state_label=ENTRY_STATE_LABELS.get(state, state), reviewer="", reviewed_on="", rows=rows,
        findings=sorted(findings), spelling_note=_spelling_note(spelling.speller(project, lang), entry=True),
        record=f"python -m scripts.stamp {rel}", record_first=f"delete '{lang}' from machine_translated: in {rel}, then run")


ENTRY_STATE_LABELS = {"machine": "machine translation, not yet reviewed (listed in machine_translated)",
                      "reviewed": "reviewed (not in machine_translated)",
                      "outdated": "OUTDATED: the Russian texts changed after the translations (translated_from)"}


def entry_state(project: Project, path: Path, lang: str) -> str:
    """machine, reviewed or outdated: the entry's `machine_translated:` and `translated_from:` (the freshness model)."""
    data = entry_data(project, path)
    if data.get("translated_from") != entry_fingerprint(project, path):
        return "outdated"
    return "machine" if lang in (data.get("machine_translated") or []) else "reviewed"


def entry_fingerprint(project: Project, path: Path) -> str:
    """The fingerprint of the entry's default-language texts, once a run (a page and a table cell per language ask)."""
    cache = project.__dict__.setdefault("_entry_fingerprint", {})
    if path not in cache:
        cache[path] = services.source_fingerprint(entry_data(project, path))
    return cache[path]


def entries(project: Project) -> list[tuple[Path, str]]:
    """(entry file, language) of every directory entry with texts in a language other than the default one."""
    cache = project.__dict__
    if "_review_entries" not in cache:
        cache["_review_entries"] = _entries(project)
    return cache["_review_entries"]


def _entries(project: Project) -> list[tuple[Path, str]]:
    found = []
    for path in project.service_files:
        if path.is_symlink():
            continue
        for lang in project.languages:
            if lang != project.default and any(right for _, right in glossary.entry_pairs(project, path, lang)):
                found.append((path, lang))
    return found


def entry_url(lang: str, path: Path) -> str:
    """The review page of an entry in the site: editors/review/ky/directory/school-enrolment.html."""
    return f"editors/review/{lang}/directory/{path.stem}.html"


def use_checked(project: Project, checked: tuple[services.Service, ...]) -> None:
    """Review the entries as the build has read and checked them (services.load) instead of reading
    each file again: the same reading the directory's pages come from."""
    cache = project.__dict__.setdefault("_entry_data", {})
    for service in checked:
        cache.setdefault(project.root / service.path, service.source)


def entry_data(project: Project, path: Path) -> dict:
    """The entry's data as the directory reads it ({} when it cannot be read: `make check` says why),
    read once a run."""
    cache = project.__dict__.setdefault("_entry_data", {})
    if path not in cache:
        cache[path] = services.source_data(path.read_bytes())
    return cache[path]


def _text(value, lang: str) -> str:
    return str(value.get(lang, "")) if isinstance(value, dict) else ""


def pages(project: Project) -> list[Page]:
    """Every translated page that has a Russian page to stand beside."""
    return [page for page in project.pages if page.lang != project.default and page.text is not None and page.matter
            and (source := project.page(project.default, page.name)) is not None and source.matter]


def every(project: Project) -> Iterator[tuple[str, ReviewPage]]:
    """(path in the site, review page) of every translated page and every directory entry's translation."""
    for page in pages(project):
        yield url(page.lang, page.name), build(project, page)
    for path, lang in entries(project):
        yield entry_url(lang, path), build_entry(project, path, lang)


def reader_url(review: ReviewPage) -> str:
    """The page readers see, relative to the site's root."""
    return site_config.page_url(review.lang, ("directory/" if review.path.startswith("data/") else "") + review.slug)


def url(lang: str, name: str) -> str:
    """The review page's path in the site: editors/review/ky/school.html."""
    return f"editors/review/{lang}/{name.removesuffix('.md')}.html"
