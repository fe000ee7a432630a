"""Per language, how the translations read: unknown words, words awaiting a native speaker, glossary problems, reviewed pages;
per page of the default language, how long its sentences are. Shown by `make status`.
"""
from __future__ import annotations

from dataclasses import dataclass

from scripts.core import translations
from scripts.editors import prose
from scripts.editors.checks import glossary, plain_language, spelling
from scripts.editors.checks.project import Project


@dataclass
class LanguageRow:
    lang: str
    words: int
    unknown: int  # `make check` warns about each
    unconfirmed: int  # the machine translation's words no dictionary knows, awaiting a native speaker
    dictionary: str  # "ru_RU", "uz_UZ + uzmorph", or why there is none
    glossary: int
    reviewed: int
    pages: int

    def per_thousand(self, count: int) -> str:
        return f"{1000 * count / self.words:.1f}" if self.words and self.dictionary[:1] != "-" else "-"


def rows(project: Project) -> list[LanguageRow]:
    found = []
    for lang in project.languages:
        pages = [page for page in project.pages if page.lang == lang and page.text is not None and page.matter]
        speller = spelling.speller(project, lang)
        analyser = f" + {speller.analyser_name}" if speller.analyser_name else ""
        dictionary = (f"{speller.name}{analyser}" if speller.available else
                      f"- (not installed: {speller.name})" if speller.name else "- (none)")
        words = sum(1 for page in pages for _ in prose.words(spelling.prose_lines(page)))
        found_words = [item for page in pages for item in spelling.unknown_words(page, project) if item.lang == lang] \
            if speller.available else []
        unconfirmed = sum(1 for item in found_words if item.unconfirmed)
        problems = sum(len(glossary.findings(page, project)) for page in pages)
        reviewed = sum(1 for page in pages if lang != project.default and _reviewed(project, page))
        found.append(LanguageRow(lang, words, len(found_words) - unconfirmed, unconfirmed, dictionary, problems,
                                 reviewed, len(pages)))
    return found


def _reviewed(project: Project, page) -> bool:
    source = project.page(project.default, page.name)
    return source is not None and translations.status(page.meta, source.path) == "reviewed"


def markdown(project: Project) -> str:
    out = ["", "## Languages", "",
           "Unknown words: in no dictionary nor data/spelling/<lang>.txt (`make check` warns about each). "
           "Unconfirmed: words of machine translations that no dictionary knows, listed in "
           "data/spelling/unconfirmed/<lang>.txt until a native speaker confirms or corrects them (review pages mark them).", "",
           "| Language | words | unknown words per 1,000 | unconfirmed words per 1,000 | dictionary | glossary problems | pages reviewed |",
           "|---|---|---|---|---|---|---|"]
    for row in rows(project):
        reviewed = "source" if row.lang == project.default else f"{row.reviewed} / {row.pages}"
        out.append(f"| {row.lang} | {row.words} | {row.per_thousand(row.unknown)} | {row.per_thousand(row.unconfirmed)} | "
                   f"{row.dictionary} | {row.glossary if row.lang != project.default else '-'} | {reviewed} |")
    out += ["", f"## Sentences of docs/{project.default}/ (plain language: at most {plain_language.MAX_WORDS} words a sentence)", "",
            "| Page | sentences | average words a sentence | longest |", "|---|---|---|---|"]
    for page in (page for page in project.pages if page.lang == project.default and page.text is not None and page.matter):
        lengths = [prose.word_count(sentence) for block in prose.blocks(page.text, page.body_start)
                   for _, sentence in prose.sentences(block)]
        if lengths:
            out.append(f"| {page.name.removesuffix('.md')} | {len(lengths)} | {sum(lengths) / len(lengths):.1f} | {max(lengths)} |")
    return "\n".join(out) + "\n"
