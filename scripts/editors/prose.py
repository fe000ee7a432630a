"""A page's prose as its readers read it: blocks, sentences and words, each with its line.

The spelling, glossary and plain-language checks read pages through this module, and the review
pages put a translation's blocks beside the Russian ones (`align`). A block is a heading, a list
item or a paragraph; markers, tables' rules, code and link targets are not prose.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Iterator

HEADING = re.compile(r"^(#{1,6})\s+")
ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
# Letters, with the apostrophes of Uzbek (oʻ, maʼlumot) and hyphens inside a word (көші-қон).
# Not a word: letters glued to a number ("9:00дөн", "112-ga", "2-sinf") or to a closing quote or bracket
# («Taʼlim toʻgʻrisida»gi): the ending of a figure or of a quoted name, not a word of its own.
WORD = re.compile(r"(?<![\w\u02bb\u02bc'’‘»)\]\"”])(?<!\d[-‑])[^\W\d_]+(?:[\u02bb\u02bc'’‘-][^\W\d_]+)*(?!\d)")
# Not read: comments and markers, link and image targets, tags, addresses, inline code, form numbers.
LINK_TARGET = re.compile(r"\]\([^)]*\)")
NOT_PROSE = re.compile(r"<!--.*?-->|<[^>]+>|https?://\S+|`[^`]*`|\d+/\S+")  # 063/у: a form's number
EMPHASIS = re.compile(r"[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}")
SENTENCE_END = re.compile(r"[.!?…]+[»\"”)]*\s+(?=[«\"“(\[]?[^\W_a-zа-яё])")


@dataclass(eq=False)
class Block:
    kind: str  # "heading", "item" or "paragraph"
    lines: list[tuple[int, str]] = field(default_factory=list)  # (line number, its prose)

    @property
    def line(self) -> int:
        return self.lines[0][0]

    @property
    def text(self) -> str:
        return " ".join(text for _, text in self.lines)

    @functools.cached_property
    def tokens(self) -> list[tuple[int, int, str, int]]:
        """(line, column, word in lower case, length) of every word, for matching phrases."""
        return [(number, column, word.lower(), len(word)) for number, column, word in words(self.lines)]

    @functools.cached_property
    def lowered(self) -> str:
        """The block's words in lower case, one space apart: phrases are matched in it."""
        return " ".join(token[2] for token in self.tokens)

    @functools.cached_property
    def starts(self) -> list[int]:
        """Where each token starts in `lowered`."""
        found, position = [], 0
        for token in self.tokens:
            found.append(position)
            position += len(token[2]) + 1
        return found


def prose_of(line: str) -> str:
    """A Markdown line as read: no markup; link texts kept, their targets, tags and addresses dropped."""
    text = LINK_TARGET.sub("]", line)  # "[vakil](directory/x.md)ga" reads "vakilga": the ending stays on its word
    text = NOT_PROSE.sub(" ", text)
    text = HEADING.sub("", ITEM.sub("", text))
    return EMPHASIS.sub("", text.replace("![", "[").replace("[", "").replace("]", ""))


def blocks(text: str, body_start: int) -> list[Block]:
    """The prose blocks of a page's body (lines from `body_start`, 1-based)."""
    found: list[Block] = []
    current: Block | None = None
    fenced = False
    for number, line in enumerate(text.split("\n")[body_start - 1:], body_start):
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            fenced, current = not fenced, None
            continue
        if fenced or not stripped or stripped.startswith(("<!--", "|", "<")):
            current = None
            continue
        kind = "heading" if HEADING.match(stripped) else "item" if ITEM.match(line) else "paragraph"
        if kind == "paragraph" and current is not None and current.kind != "heading":
            current.lines.append((number, prose_of(stripped)))
            continue
        current = Block(kind, [(number, prose_of(line))])
        found.append(current)
        if kind == "heading":
            current = None
    return found


def front_matter_prose(text: str) -> list[Block]:
    """The title and the summary lines of the front matter: readers see them on pages and leaflets."""
    found, in_summary = [], False
    for number, line in enumerate(text.split("\n")[1:], 2):
        if line.strip() == "---":
            break
        if line.startswith("title:"):
            found.append(Block("heading", [(number, prose_of(_scalar(line.split(":", 1)[1])))]))
        in_summary = line.startswith("summary:") or (in_summary and line.startswith(("- ", "  - ")))
        if in_summary and line.lstrip().startswith("- "):
            found.append(Block("item", [(number, prose_of(_scalar(line.lstrip()[2:])))]))
    return found


def _scalar(value: str) -> str:
    value = value.strip()
    if len(value) > 1 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1].replace("''", "'")
    return value


def words(lines: list[tuple[int, str]]) -> Iterator[tuple[int, int, str]]:
    """(line, column, word) for every word of prose lines."""
    for number, text in lines:
        for match in WORD.finditer(text):
            yield number, match.start(), match.group()


def in_brackets(text: str, column: int) -> bool:
    """Whether the word at `column` stands inside round brackets or «quotes» (an official name given in Russian)."""
    before = text[:column]
    return before.count("(") > before.count(")") or before.count("«") > before.count("»")


def sentences(block: Block) -> list[tuple[int, str]]:
    """(line where it starts, sentence) for every sentence of a block."""
    found = []
    for number, text in block.lines:
        start = 0
        for match in SENTENCE_END.finditer(text):
            if _abbreviation(text[:match.start() + 1]):
                continue
            found.append((number, text[start:match.end()].strip()))
            start = match.end()
        rest = text[start:].strip()
        if rest:
            if found and not _ended(found[-1][1]):
                found[-1] = (found[-1][0], f"{found[-1][1]} {rest}")
            else:
                found.append((number, rest))
    return [(number, sentence) for number, sentence in found if WORD.search(sentence)]


def _abbreviation(text: str) -> bool:
    """A full stop after one to three lower-case letters ('г.', 'ул.', 'т. е.') ends no sentence."""
    last = re.search(r"(\S+)\.$", text)
    return bool(last and re.fullmatch(r"[^\W\d_]{1,3}", last.group(1)) and last.group(1).islower())


def _ended(sentence: str) -> bool:
    return bool(re.search(r"[.!?…:;][»\"”)]*$", sentence))


def word_count(sentence: str) -> int:
    return len(re.findall(r"[^\W_]+(?:[\u02bb\u02bc'’-][^\W_]+)*", sentence))


def align(source: list[Block], translation: list[Block]) -> list[tuple[Block | None, Block | None]]:
    """Pairs of blocks that say the same thing: section by section (headings), then block by block."""
    ours, theirs = _sections(source), _sections(translation)
    if len(ours) != len(theirs):
        ours, theirs = [source], [translation]
    pairs = []
    for left, right in zip(ours, theirs):
        for index in range(max(len(left), len(right))):
            pairs.append((left[index] if index < len(left) else None, right[index] if index < len(right) else None))
    return pairs


def _sections(found: list[Block]) -> list[list[Block]]:
    sections: list[list[Block]] = [[]]
    for block in found:
        if block.kind == "heading" and sections[-1]:
            sections.append([])
        sections[-1].append(block)
    return sections
