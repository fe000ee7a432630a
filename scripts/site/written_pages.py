"""Pages a hook writes itself, not through mkdocs' Markdown pipeline, per language build: their
short-link records and search entries, as lines of JSON.

The services directory writes a page per service and language (thousands; see
overrides/hooks/directory.py); the process that writes them makes these lines too. The hook
registers, for each language, where to get them; the page_records and search_index hooks add
them to what they write for the pages mkdocs built.
"""
from __future__ import annotations

from typing import Callable

_sources: dict[str, Callable[[], tuple[list[str], list[str]]]] = {}
_got: dict[str, tuple[list[str], list[str]]] = {}
_ids: dict[str, dict[str, str]] = {}


def reset(lang: str) -> None:
    _sources.pop(lang, None)
    _got.pop(lang, None)
    _ids.pop(lang, None)


def provide(lang: str, ids: dict[str, str], source: Callable[[], tuple[list[str], list[str]]]) -> None:
    """`ids`: {page id: the file an editor changes} of the pages; `source()` returns their
    (short-link manifest lines, search index entries), each a line of JSON
    (shortlinks.manifest_line, search_page.entry_json); asked once, when first needed."""
    _ids[lang], _sources[lang] = ids, source


def ids(lang: str) -> dict[str, str]:
    return _ids.get(lang, {})


def manifest_lines(lang: str) -> list[str]:
    return _get(lang)[0]


def search_entries(lang: str) -> list[str]:
    return _get(lang)[1]


def _get(lang: str) -> tuple[list[str], list[str]]:
    if lang not in _got:
        source = _sources.get(lang)
        _got[lang] = source() if source else ([], [])
    return _got[lang]
