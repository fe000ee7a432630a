"""Key terms rendered as data/glossary.yml says: none dropped, no forbidden rendering.

A translation whose Russian page uses a term must use one of the term's renderings (`use:`)
somewhere; where a Russian block has the term, the translation's block beside it (prose.align)
must not use a forbidden rendering (`not:`), unless that is how another term of the same Russian
block is rendered. Each word of a rendering is the start of a word ("корт муҳоҷират" finds
"корти муҳоҷиратӣ"); capitals are ignored.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from scripts.core import yaml_source
from scripts.editors import prose
from scripts.editors.checks.project import Page, Project

GLOSSARY = Path("data") / "glossary.yml"
MAX_BYTES = 256 * 1024  # README "Limits"


@dataclass(frozen=True)
class Term:
    line: int  # in data/glossary.yml
    source: tuple[tuple[str, ...], ...]  # the Russian forms, each a tuple of word starts
    use: dict  # lang -> tuple of renderings
    avoid: dict  # lang -> tuple of renderings


@dataclass(frozen=True)
class Finding:
    line: int
    column: int
    length: int  # characters, for marking on review pages
    message: str


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(word.lower() for word in str(text).split())


@functools.lru_cache(maxsize=4)
def _load(path: Path, mtime: float, default: str, languages: tuple) -> tuple[list[Term], list[tuple[int, str]]]:
    try:
        document = yaml_source.read_bytes(path.read_bytes(), MAX_BYTES)
        node, data = document.node, document.data()
    except yaml_source.YamlProblem as problem:
        return [], [(problem.line, problem.message)]
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
        return [], [(1, "Must be 'terms:' with a list of terms (see the comment at the top of the file)")]
    terms_node = next(value for key, value in node.value if key.value == "terms")
    terms, problems = [], []
    for item, item_node in zip(data["terms"], terms_node.value):
        line = item_node.start_mark.line + 1
        if not isinstance(item, dict) or not isinstance(item.get(default), list):
            problems.append((line, f"Must give each term its forms in the default language as a list: '{default}: [..]'"))
            continue
        use, avoid = {}, {}
        for lang, rules in item.items():
            if lang == default:
                continue
            if lang not in languages:
                problems.append((line, f"Must name languages of mkdocs.yml: '{lang}' is not one"))
                continue
            if not isinstance(rules, dict) or not isinstance(rules.get("use", []), list) or not isinstance(rules.get("not", []), list):
                problems.append((line, f"Must write '{lang}: {{use: [..], not: [..]}}' for each language of the term"))
                continue
            use[lang] = tuple(_phrase(text) for text in rules.get("use", []))
            avoid[lang] = tuple(_phrase(text) for text in rules.get("not", []))
        terms.append(Term(line, tuple(_phrase(text) for text in item[default]), use, avoid))
    return terms, problems


def terms(project: Project) -> tuple[list[Term], list[tuple[int, str]]]:
    path = project.root / GLOSSARY
    if not path.is_file():
        return [], []
    return _load(path, path.stat().st_mtime, project.default, tuple(project.languages))


def file_problems(project: Project) -> Iterator[tuple[str, int, str]]:
    for line, message in terms(project)[1]:
        yield GLOSSARY.as_posix(), line, message


def matches(block: prose.Block, phrases) -> list[tuple[int, int, int, tuple[str, ...]]]:
    """(line, column, length, phrase) of each place where a phrase's words start the block's words."""
    tokens, text, starts = block.tokens, block.lowered, block.starts
    found = []
    for phrase in phrases:
        for match in _pattern(phrase).finditer(text):
            index = bisect.bisect_left(starts, match.start())
            first, last = tokens[index], tokens[index + len(phrase) - 1]
            length = last[1] + last[3] - first[1] if last[0] == first[0] else first[3]
            found.append((first[0], first[1], length, phrase))
    return found


@functools.lru_cache(maxsize=1024)
def _pattern(phrase: tuple[str, ...]) -> re.Pattern:
    """Each word of the phrase starts a word, the words in a row: 'корт муҳоҷират' finds 'корти муҳоҷиратӣ'."""
    return re.compile(r"(?<![^ ])" + r"[^ ]* ".join(re.escape(word) for word in phrase))


def findings(page: Page, project: Project) -> list[Finding]:
    """Dropped terms and forbidden renderings in a translated page."""
    source = project.page(project.default, page.name)
    if page.lang == project.default or source is None or source.text is None or page.text is None:
        return []
    glossary = [term for term in terms(project)[0] if page.lang in term.use]
    if not glossary:
        return []
    pairs = prose.align(page_blocks(source), page_blocks(page))
    return _findings(pairs, page.lang, glossary, source.rel, page.body_start, "this page never does")


def entry_findings(project: Project, path: Path, lang: str) -> list[Finding]:
    """Dropped terms and forbidden renderings in one language's texts of a directory entry: each text beside
    the default language's text of the same field; a term of the entry's Russian texts must be rendered somewhere."""
    cache = project.__dict__.setdefault("_entry_glossary", {})
    if (path, lang) not in cache:
        glossary = [term for term in terms(project)[0] if lang in term.use]
        pairs = [(russian, translated) for russian, translated in entry_pairs(project, path, lang) if translated]
        cache[path, lang] = _findings(pairs, lang, glossary, project.rel(path), 1, "the entry never does") if glossary else []
    return cache[path, lang]


def entry_pairs(project: Project, path: Path, lang: str) -> list[tuple[prose.Block, prose.Block | None]]:
    """(default language's text, the language's text) of each field of an entry that has a default-language text."""
    return [(russian, group[lang] if lang in group else None) for russian, group in _entry_blocks(project, path)]


def _entry_blocks(project: Project, path: Path) -> list[tuple[prose.Block, dict[str, prose.Block]]]:
    """Each field's default-language block and its {language: block}, read once a run."""
    cache = project.__dict__.setdefault("_entry_blocks", {})
    if path not in cache:
        cache[path] = [(prose.Block("paragraph", group[project.default]),
                        {lang: prose.Block("paragraph", lines) for lang, lines in group.items()})
                       for group in project.service_fields(path) if project.default in group]
    return cache[path]


def service_problems(project: Project) -> Iterator[tuple[str, int, str]]:
    """Glossary warnings in the directory's translated texts (data/services/*.yml), with their lines."""
    for path in project.service_files:
        if path.is_symlink():
            continue  # never read through a link (published_files reports it)
        for lang in project.languages:
            if lang != project.default:
                for finding in entry_findings(project, path, lang):
                    yield project.rel(path), finding.line, finding.message


def _findings(pairs, lang: str, glossary: list[Term], source_rel: str, fallback_line: int, never: str) -> list[Finding]:
    found = []
    for term in glossary:
        uses = [(russian, translated) for russian, translated in pairs if russian and matches(russian, term.source)]
        if not uses:
            continue
        wrong = [(russian, translated) for russian, translated in uses
                 if translated and matches(translated, term.avoid.get(lang, ()))]
        if not wrong and not any(translated and matches(translated, term.use[lang]) for _, translated in pairs):
            russian, translated = uses[0]
            said = _said(russian, term)
            wanted = " or ".join(f"'{' '.join(phrase)}…'" for phrase in term.use[lang])
            found.append(Finding(translated.line if translated else fallback_line, 0, 0,
                                 f"Must render the glossary term '{said}' ({source_rel}:{russian.line}) as {wanted} "
                                 f"(data/glossary.yml:{term.line}): {never}"))
        for russian, translated in uses:
            if translated is None:
                continue
            allowed = {phrase for other in glossary if other is not term and matches(russian, other.source)
                       for phrase in other.use[lang]}
            for line, column, length, phrase in matches(translated, term.avoid.get(lang, ())):
                if phrase in allowed:
                    continue
                wanted = " or ".join(f"'{' '.join(p)}…'" for p in term.use[lang])
                found.append(Finding(line, column, length,
                                     f"Must not write '{' '.join(phrase)}…' for the glossary term '{_said(russian, term)}' "
                                     f"({source_rel}:{russian.line}): write {wanted} (data/glossary.yml:{term.line})"))
    return found


def page_blocks(page: Page) -> list[prose.Block]:
    """The title, summary and body blocks of a page, read once per page."""
    if "_blocks" not in page.__dict__:
        page.__dict__["_blocks"] = prose.front_matter_prose(page.text) + prose.blocks(page.text, page.body_start)
    return page.__dict__["_blocks"]


def _said(block: prose.Block, term: Term) -> str:
    """The term as the Russian text says it, e.g. 'вида на жительство'."""
    line, column, length, _ = matches(block, term.source)[0]
    text = dict(block.lines)[line]
    return text[column:column + length] if length else " ".join(term.source[0])


def problems(page: Page, project: Project) -> Iterator[tuple[int, str]]:
    for finding in findings(page, project):
        yield finding.line, finding.message
