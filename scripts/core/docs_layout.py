"""Checks on the shape of docs/: language folders, orphan translations, pages mkdocs must not read.

Each problem is `(path, line, message)`; the message says what to do.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from scripts.core import page_status, site_config
from scripts.core.problems import editor_path

# The i18n plugin takes any top-level folder matching this for a language (folder.py).
LOCALE_LIKE = re.compile(r"(^[a-z]{2}(-[A-Za-z]{4})?(-[A-Z]{2})?$)|(^[a-z]{2}_[A-Z]{2}$)")


_relative = editor_path


def unknown_language_folders(docs: Path, codes: list[str]) -> Iterator[tuple[str, int, str]]:
    for folder in sorted(p for p in docs.iterdir() if p.is_dir()):
        if folder.name not in codes and LOCALE_LIKE.match(folder.name):
            yield (_relative(folder), 0,
                   f"Must not be a two-letter folder that is not a language of mkdocs.yml ({', '.join(codes)}): "
                   f"the i18n plugin would take '{folder.name}' for a language. Rename it (e.g. 'assets/{folder.name}') "
                   f"or add the language with `make add-language LANG={folder.name}`")


def unreadable_pages(docs: Path) -> Iterator[tuple[str, int, str]]:
    """Front matter problems (not UTF-8, too large, YAML that could exhaust or crash the reader)
    before mkdocs reads any page: its reader has no bounds. Cached; the page hooks ask again."""
    for page in sorted(docs.rglob("*.md")):
        yield from page_status.front_matter_problems(page)


def orphan_translations(docs: Path, codes: list[str], default: str) -> Iterator[tuple[str, int, str]]:
    source = docs / default
    for lang in codes:
        if lang == default or not (docs / lang).is_dir():
            continue
        for page in sorted((docs / lang).rglob("*.md")):
            if not (source / page.relative_to(docs / lang)).exists():
                yield (_relative(page), 1,
                       f"Must translate an existing Russian page: there is no {_relative(source / page.relative_to(docs / lang))}. "
                       "Use the same file name as the Russian page, or add the Russian page first")


def problems() -> Iterator[tuple[str, int, str]]:
    docs = site_config.docs_dir()
    codes = site_config.language_codes()
    yield from unknown_language_folders(docs, codes)
    yield from unreadable_pages(docs)
    yield from orphan_translations(docs, codes, site_config.default_language())
