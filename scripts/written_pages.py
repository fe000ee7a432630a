"""Pages a hook writes itself, not through mkdocs' Markdown pipeline, per language build: their
short-link records and search entries.

The services directory writes a page per service and language (thousands; see
overrides/hooks/directory.py). It registers each here when the build lists its files, and the
page_records and search_index hooks add them to the pages mkdocs built.
"""
from __future__ import annotations

from scripts import search_page
from scripts.shortlinks import PageRecord

_records: dict[str, list[PageRecord]] = {}
_search: dict[str, list[dict]] = {}


def reset(lang: str) -> None:
    _records[lang], _search[lang] = [], []


def add(lang: str, record: PageRecord, search_text: str) -> None:
    _records.setdefault(lang, []).append(record)
    _search.setdefault(lang, []).append(search_page.entry(record.title, record.url, search_text))


def records(lang: str) -> list[PageRecord]:
    return list(_records.get(lang, []))


def search_entries(lang: str) -> list[dict]:
    return list(_search.get(lang, []))
