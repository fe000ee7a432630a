"""Letters typed in the wrong script: a Latin "o" inside a Kyrgyz word, a Cyrillic "а" in Uzbek.

Cyrillic-script languages (ru, ky, kk, tg) must not mix Latin letters into Cyrillic words;
Uzbek is written in Latin script, with oʻ and gʻ spelled with U+02BB. A Cyrillic word on a page
whose language has a Cyrillic alphabet (i18n/<lang>.yml: alphabet) uses only that alphabet's
letters: a Kazakh "қ" in a Kyrgyz word, a Tajik "ҳ" in a Kazakh one, a Ukrainian "і" anywhere.
"""
from __future__ import annotations

import re
from typing import Iterator

WORD = re.compile(r"[^\W\d_]+(?:[\u02bb\u02bc'’‘][^\W\d_]+)*")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
# oʻ/gʻ typed with an apostrophe, a typographic quote or a backtick instead of U+02BB.
UZBEK_WRONG_APOSTROPHE = re.compile(r"(?<=[oOgG])['’‘`]")
APOSTROPHES = set("\u02bb\u02bc'’‘-")
URL = re.compile(r"https?://\S+")
SKIP_LINE = re.compile(r"^\s*(url|source_revision|id|type|date|reviewed|source_date|method|- title):", re.I)


def problems(text: str, lang: str, alphabet: str = "") -> Iterator[tuple[int, str]]:
    """Yield (line, message) for mixed-script words, letters of another alphabet and wrong Uzbek apostrophes."""
    letters = set(alphabet.lower()) if CYRILLIC.search(alphabet) else set()
    for number, line in enumerate(text.split("\n"), 1):
        if SKIP_LINE.match(line):
            continue
        prose = URL.sub(" ", _cut(_cut(line, "](", ")"), "<", ">"))  # link targets, tags, URLs
        for word in WORD.findall(prose):
            has_cyrillic, has_latin = CYRILLIC.search(word), LATIN.search(word)
            if has_cyrillic and has_latin:
                yield number, f"Must not mix Latin and Cyrillic letters in one word: '{word}' (retype it in one script)"
            elif lang == "uz" and has_cyrillic:
                yield number, f"Must write Uzbek in Latin script: '{word}' has Cyrillic letters"
            elif letters and has_cyrillic and (foreign := sorted(set(word.lower()) - letters - APOSTROPHES)):
                yield number, (f"Must write {lang} with the letters of its alphabet (i18n/{lang}.yml: alphabet): "
                               f"'{word}' has '{''.join(foreign)}'. Retype the word with the {lang} keyboard")
        if lang == "uz":
            for match in UZBEK_WRONG_APOSTROPHE.finditer(prose):
                yield number, f"Must write oʻ and gʻ with the letter ʻ (U+02BB), not '{match.group()}' (column {match.start() + 1})"


def _cut(line: str, start: str, end: str) -> str:
    """The line without each `start…end` (a link target, a tag), found in one pass: a regular
    expression would scan to the end of the line again from every unclosed `start`."""
    kept, position = [], 0
    while (opening := line.find(start, position)) != -1 and (closing := line.find(end, opening + len(start))) != -1:
        kept += [line[position:opening], " "]
        position = closing + len(end)
    return "".join(kept) + line[position:]
