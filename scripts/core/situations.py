"""Situation pages (issue 14): their parts, their "show this" card lines and what each line rests on.

A situation page (`type: situation`) has, as its `## ` sections, numbered steps, rights, the next
door and links to the guides that explain more; its front matter's `card:` lines each cite ids
of the page's `sources:`. A card states only what rests on sources of confidence H; a line that
rests on an M source carries "check before you rely on it"; an L source never reaches a card.
The start page (`type: situations`) links every situation of its language.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from scripts.core import frontmatter, site_config

TYPE = "situation"
START_TYPE = "situations"
CONFIDENCE = ("L", "M", "H")  # weakest first
CARD_KEY = re.compile(r"^card\s*:")
TOP_KEY = re.compile(r"^[A-Za-z_][\w-]*\s*:")
CARD_TEXT = re.compile(r"^\s*-\s+text\s*:")
HEADING = re.compile(r"^##\s+\S")
LIST_ITEM = re.compile(r"^(?:\d+\.|[-*])\s+\S")
PAGE_LINK = re.compile(r"\]\((?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.md(?:#[^)]*)?\)")


@dataclass(frozen=True)
class CardLine:
    text: str
    sources: tuple[str, ...]
    confidence: str | None  # the weakest of its sources; None when one of them is not on the page
    line: int  # line of its `- text:` in the page's file

    @property
    def printable(self) -> bool:
        """H and M reach the card; L and unknown sources never do."""
        return self.confidence in ("H", "M")

    @property
    def needs_check(self) -> bool:
        return self.confidence == "M"


@dataclass(frozen=True)
class Section:
    line: int  # of its `## ` heading in the file
    items: int  # list items (steps, rights, doors, links) directly under it


def source_confidence(meta: dict) -> dict:
    return {str(source.get("id")): source.get("confidence") for source in meta.get("sources") or []
            if isinstance(source, dict) and source.get("id")}


def weakest(confidences) -> str | None:
    values = list(confidences)
    if not values or any(value not in CONFIDENCE for value in values):
        return None
    return min(values, key=CONFIDENCE.index)


def card_text_lines(text: str) -> list[int]:
    """Line numbers of the `- text:` items under the front matter's `card:` key."""
    found, inside = [], False
    for number, line in enumerate(text.split("\n")[1:], 2):
        if line.strip() == frontmatter.FENCE:
            break
        if CARD_KEY.match(line):
            inside = True
        elif inside and TOP_KEY.match(line):
            inside = False
        elif inside and CARD_TEXT.match(line):
            found.append(number)
    return found


def card_lines(matter: frontmatter.FrontMatter, text: str, confidence_from: dict | None = None) -> list[CardLine]:
    """The page's card lines; confidence from `confidence_from` (the Russian page's sources) if given."""
    confidence = source_confidence(confidence_from if confidence_from is not None else matter.data)
    numbers = card_text_lines(text)
    lines = []
    for index, item in enumerate(matter.data.get("card") or []):
        if not isinstance(item, dict):
            continue
        sources = tuple(str(source) for source in item.get("sources") or [])
        line = numbers[index] if index < len(numbers) else matter.key_lines.get("card", 1)
        lines.append(CardLine(str(item.get("text") or ""), sources, weakest(confidence.get(s) for s in sources), line))
    return lines


def sections(matter: frontmatter.FrontMatter) -> list[Section]:
    """The body's `## ` sections with the number of list items in each."""
    found = []
    for offset, line in enumerate(matter.body.split("\n")):
        if HEADING.match(line):
            found.append([matter.body_line + offset, 0])
        elif found and LIST_ITEM.match(line):
            found[-1][1] += 1
    return [Section(line, items) for line, items in found]


def last_section_links(body: str) -> list[str]:
    """Slugs of the pages the last `## ` section links: the guides that explain more."""
    parts = re.split(r"^##\s+.*$", body, flags=re.M)
    return [match["slug"] for match in PAGE_LINK.finditer(parts[-1])] if len(parts) > 1 else []


def page_links(body: str) -> list[str]:
    return [match["slug"] for match in PAGE_LINK.finditer(body)]


# The pages as the build reads them (the checks read them through their Project)

@dataclass(frozen=True)
class Page:
    slug: str
    lang: str  # language of its text
    path: Path
    title: str
    reviewed: str
    guides: tuple[str, ...]
    lines: tuple[CardLine, ...]


def _read(path: Path, slug: str, lang: str, confidence_from: dict | None) -> Page | None:
    try:
        text = path.read_text(encoding="utf-8")
        matter = frontmatter.split(text)
    except (OSError, UnicodeDecodeError, frontmatter.FrontMatterError):
        return None
    if matter.data.get("type") != TYPE:
        return None
    return Page(slug, lang, path, str(matter.data.get("title") or slug), str(matter.data.get("reviewed") or ""),
                tuple(last_section_links(matter.body)), tuple(card_lines(matter, text, confidence_from)))


@functools.lru_cache(maxsize=None)
def situations(lang: str, docs: Path | None = None) -> tuple[Page, ...]:
    """Every situation in `lang` (the Russian page where a translation is missing), card
    confidences taken from the Russian page, which the translations follow."""
    docs = docs or site_config.docs_dir()
    default = site_config.default_language()
    found = []
    for path in sorted((docs / default).glob("*.md")):
        russian = _read(path, path.stem, default, None)
        if russian is None:
            continue
        ru_meta = frontmatter.split(path.read_text(encoding="utf-8")).data
        own = docs / lang / path.name
        page = _read(own, path.stem, lang, ru_meta) if lang != default and own.is_file() else None
        found.append(page or russian)
    return tuple(found)


def situation(lang: str, slug: str, docs: Path | None = None) -> Page | None:
    return next((page for page in situations(lang, docs) if page.slug == slug), None)


def card_path(slug: str) -> str:
    """Where a situation's screen card is, relative to the situation page."""
    return f"cards/{slug}.html"
