"""Dates in front matter: guides re-checked within 12 months, no date in the future.

A stale review date is a warning: it does not fail `make check` on a pull request, because the
date passes by itself and must not block an unrelated fix (a wrong phone number, a typo) from
being published; the weekly scheduled run (`make check ARGS=--strict`) fails on it instead.
"""
from __future__ import annotations

import datetime as dt
from typing import Iterator

from scripts.editors.checks.project import Page

MONTHS = 12  # a year: a_year_before


def _date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None  # the schema check reports it


def a_year_before(today: dt.date) -> dt.date:
    try:
        return today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year - 1, day=28)


def stale(page: Page, today: dt.date) -> Iterator[tuple[int, str]]:
    """Warnings: a Russian guide whose facts were last checked more than 12 months ago."""
    reviewed = _date(page.meta.get("reviewed"))
    if page.meta.get("type") == "guide" and reviewed and reviewed < a_year_before(today):
        yield page.key_line("reviewed"), (
            f"Must re-check this guide: its facts were last checked on {reviewed}, more than {MONTHS} months ago. "
            "Check every fact against its sources, then set `reviewed:` to the date of the check")


def future(page: Page, today: dt.date) -> Iterator[tuple[int, str]]:
    """Errors: a review or source date after today."""
    reviewed = _date(page.meta.get("reviewed"))
    if reviewed and reviewed > today:
        yield page.key_line("reviewed"), (f"Must not date `reviewed:` in the future ({reviewed}): use the day a person "
                                          "checked the facts")
    lines = page.text.split("\n") if page.text else []
    start = page.key_line("sources")
    for source in page.meta.get("sources") or []:
        seen = _date(source.get("date")) if isinstance(source, dict) else None
        if seen and seen > today:
            line = next((n for n in range(start, page.body_start) if str(seen) in lines[n - 1]), start)
            yield line, f"Must not date a source in the future ({seen}): use the day you read it"
