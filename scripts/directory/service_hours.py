"""Opening hours in OpenStreetMap `opening_hours` syntax: checked and turned into a week.

opening-hours-py parses the expression; a page shows it as one line per weekday, in the
reader's language, when the hours are the same all year, and as the expression otherwise.
"""
from __future__ import annotations

import datetime as dt
import functools
import re

import opening_hours

DAYS = ("mo", "tu", "we", "th", "fr", "sa", "su")
# Mondays of four seasons without public holidays (no country is given to the parser):
# a week that is the same in all four is taken as the service's regular week.
REFERENCE_MONDAYS = (dt.datetime(2025, 1, 13), dt.datetime(2025, 4, 14), dt.datetime(2025, 7, 14), dt.datetime(2025, 10, 13))
EXAMPLE = "'Mo-Fr 09:00-18:00; Sa 10:00-14:00' or '24/7'"


@functools.lru_cache(maxsize=4096)
def problem(expression: str) -> str | None:
    """A message saying what to write, or None when the expression parses."""
    try:
        opening_hours.OpeningHours(expression)
    except (SyntaxError, ValueError, opening_hours.ParserError) as error:
        text = str(error)
        where = re.search(r"-->\s*\d+:(\d+)", text)
        expected = re.search(r"=\s*(expected .*)", text)
        detail = ""
        if where:
            detail = f" at character {where.group(1)}"
        if expected:
            detail += f" ({expected.group(1).strip()})"
        return (f"Must write opening hours in OpenStreetMap opening_hours syntax, e.g. {EXAMPLE}: "
                f"{expression!r} cannot be read{detail}")
    return None


def _week(hours: opening_hours.OpeningHours, monday: dt.datetime) -> tuple:
    days = [[] for _ in DAYS]
    for start, end, state, _comment in hours.intervals(monday, monday + dt.timedelta(days=7)):
        if state != opening_hours.State.OPEN:
            continue
        day = start
        while day < end:  # split intervals that run over midnight into one piece per day
            midnight = dt.datetime.combine(day.date() + dt.timedelta(days=1), dt.time())
            piece_end = min(end, midnight)
            days[(day - monday).days].append((day.strftime("%H:%M"), "24:00" if piece_end == midnight else piece_end.strftime("%H:%M")))
            day = piece_end
    return tuple(tuple(day) for day in days)


@functools.lru_cache(maxsize=4096)
def week(expression: str) -> tuple | None:
    """Open intervals per weekday, Monday first, e.g. ((('09:00', '18:00'),), ..., ()).

    None when the hours differ between seasons (the page then shows the expression).
    """
    hours = opening_hours.OpeningHours(expression)
    weeks = {_week(hours, monday) for monday in REFERENCE_MONDAYS}
    return weeks.pop() if len(weeks) == 1 else None


def always_open(days: tuple) -> bool:
    return all(day == (("00:00", "24:00"),) for day in days)


def hsds_rows(expression: str) -> list[dict]:
    """HSDS 3.0 schedule rows (freq WEEKLY, byday, opens_at, closes_at) for a regular week."""
    days = week(expression)
    if days is None:
        return [{"description": expression}]
    rows: dict[tuple, list[str]] = {}
    for code, intervals in zip(DAYS, days):
        for opens, closes in intervals:
            rows.setdefault((opens, closes), []).append(code.upper())
    # HSDS times are times of day, HH:MM:SS (its example; frictionless reads them so): the end of
    # the day is 23:59:59, not 24:00.
    return [{"freq": "WEEKLY", "byday": ",".join(byday), "opens_at": f"{opens}:00",
             "closes_at": "23:59:59" if closes == "24:00" else f"{closes}:00",
             "description": expression} for (opens, closes), byday in rows.items()]
