"""Per language, how the translations read: unknown words, glossary problems, reviewed pages;
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
    unknown: int
    dictionary: str  # "ru_RU (warn)", or why there is none
    glossary: int
    reviewed: int
    pages: int

    @property
    def per_thousand(self) -> str:
        return f"{1000 * self.unknown / self.words:.1f}" if self.words and self.dictionary[:1] != "-" else "-"


def rows(project: Project) -> list[LanguageRow]:
    found = []
    for lang in project.languages:
        pages = [page for page in project.pages if page.lang == lang and page.text is not None and page.matter]
        speller = spelling.speller(project, lang)
        dictionary = f"{speller.name} ({speller.report})" if speller.available else f"- (not installed: {speller.name})" if speller.name else "- (none)"
        words = sum(1 for page in pages for _ in prose.words(spelling.prose_lines(page)))
        unknown = sum(1 for page in pages for item in spelling.unknown_words(page, project) if item.lang == lang) if speller.available else 0
        problems = sum(len(glossary.findings(page, project)) for page in pages)
        reviewed = sum(1 for page in pages if lang != project.default and _reviewed(project, page))
        found.append(LanguageRow(lang, words, unknown, dictionary, problems, reviewed, len(pages)))
    return found


def _reviewed(project: Project, page) -> bool:
    source = project.page(project.default, page.name)
    return source is not None and translations.status(page.meta, source.path) == "reviewed"


def markdown(project: Project) -> str:
    out = ["", "## Languages", "",
           "Unknown words: not in the language's dictionary nor in data/spelling/<lang>.txt (`warn`: `make check` "
           "reports them; `review`: only the review pages mark them, the dictionary being too small to trust).", "",
           "| Language | words | unknown words per 1,000 | dictionary | glossary problems | pages reviewed |",
           "|---|---|---|---|---|---|"]
    for row in rows(project):
        reviewed = "source" if row.lang == project.default else f"{row.reviewed} / {row.pages}"
        out.append(f"| {row.lang} | {row.words} | {row.per_thousand} | {row.dictionary} | "
                   f"{row.glossary if row.lang != project.default else '-'} | {reviewed} |")
    out += ["", f"## Sentences of docs/{project.default}/ (plain language: at most {plain_language.MAX_WORDS} words a sentence)", "",
            "| Page | sentences | average words a sentence | longest |", "|---|---|---|---|"]
    for page in (page for page in project.pages if page.lang == project.default and page.text is not None and page.matter):
        lengths = [prose.word_count(sentence) for block in prose.blocks(page.text, page.body_start)
                   for _, sentence in prose.sentences(block)]
        if lengths:
            out.append(f"| {page.name.removesuffix('.md')} | {len(lengths)} | {sum(lengths) / len(lengths):.1f} | {max(lengths)} |")
    return "\n".join(out) + "\n"
