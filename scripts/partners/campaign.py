"""Campaign figures: QR scans and page views per week, counted from the privacy-preserving logs.

The shipped nginx configuration (deploy/nginx/http.conf) logs one line per page, leaflet or
short link asked for: `2026-11-23 GET /s/ky3/ 301`, the day, method, path and status, and
nothing about the reader. count() reads such logs line by line, in constant memory (a line
longer than MAX_LINE is passed over, never kept), and counts only:
  qr_scan     a short link the registry issued, opened (a QR code scanned or typed);
  page_view   a page of the built site (its leaflets/pages-<lang>.json), the request path
              normalised as the server does, so that a made-up path never reaches the figures.
A damaged line, an impossible date or a .gz cut short is named (the first few) and skipped:
the figures hold what could be read. The CSV is written for spreadsheets (core/spreadsheet_csv).
"""
from __future__ import annotations

import datetime as dt
import gzip
import posixpath
import re
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator
from urllib.parse import unquote

from scripts.core import site_config, spreadsheet_csv
from scripts.leaflets import shortlinks
from scripts.partners import svg_chart

LINE = re.compile(r"^(\d{4}-\d{2}-\d{2}) ([A-Z]+) (\S+) (\d{3})$")
SHORT_LINK = re.compile(r"^/s/([a-z]{2,3}[0-9a-z]+)(?:/|/index\.html)?$")
COUNTED_METHODS = {"GET"}
MAX_LINE = 4096  # bytes; the log format's lines are far shorter: a longer one is not counted
SHOWN_PROBLEMS = 3  # bad lines quoted per run; the rest are only counted


class ReportError(ValueError):
    pass


@dataclass
class Counts:
    """What the logs held, counted as they are read: its size does not grow with the logs."""
    hits: Counter = field(default_factory=Counter)  # (day, measure, language, short_link, page) -> count
    skipped: int = 0  # lines not in the log format
    not_pages: int = 0  # requests that were for no page or short link of the site
    problems: list[str] = field(default_factory=list)  # "file:line: message", the first few

    def problem(self, message: str) -> None:
        if len(self.problems) < SHOWN_PROBLEMS:
            self.problems.append(message)


def short_link_pages() -> dict[str, tuple[str, str]]:
    """'s/ky3/' -> ('ky', page id), from the short-link registry (scripts/shortlinks.py): every
    link ever issued, so that scans of old leaflets are still named."""
    registry = shortlinks.load_registry(history=False)
    return {shortlinks.link_path(lang, entry.code): (lang, entry.id)
            for entry in registry.entries for lang in entry.languages}


def site_pages(site_dir: Path) -> dict[str, tuple[str, str]]:
    """'ky/arrival.html' -> ('ky', 'arrival'): the pages of a built site (its leaflets/pages-<lang>.json)."""
    pages = {}
    for lang, records in shortlinks.read_manifests(site_dir).items():
        for record in records:
            prefix = "" if lang == site_config.default_language() else f"{lang}/"
            pages[record.url] = (lang, record.url.removeprefix(prefix).removesuffix(".html"))
    if not pages:
        raise ReportError(f"{site_dir / shortlinks.MANIFEST.format(lang=site_config.default_language())}: Must be a "
                          "site built by `make site` (the folder the web server serves, or a mirror's site/): only "
                          "its pages are counted. Pass it with --site")
    return pages


def page_path(path: str) -> str | None:
    """The site file a request path names ('/ky/' -> 'ky/index.html'), or None if it leaves the site."""
    path = unquote(path.split("?", 1)[0])
    if "\\" in path or "\x00" in path:
        return None
    folder = path.endswith("/")
    rest = posixpath.normpath("/" + path.lstrip("/")).lstrip("/")
    if folder or rest == "":
        rest = (rest + "/index.html").lstrip("/")
    return rest


def open_log(path: Path):
    return gzip.open(path, "rb") if path.suffix == ".gz" else open(path, "rb")


def lines(handle) -> Iterator[bytes | None]:
    """The log's lines, each at most MAX_LINE bytes; None for a longer one (read past, never kept)."""
    while raw := handle.readline(MAX_LINE + 1):
        if len(raw) > MAX_LINE and not raw.endswith(b"\n"):
            while (rest := handle.readline(MAX_LINE)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield raw


def count(paths: list[Path], links: dict[str, tuple[str, str]], pages: dict[str, tuple[str, str]],
          since: dt.date | None = None, until: dt.date | None = None) -> Counts:
    counts = Counts()
    for path in paths:
        number = 0
        try:
            with open_log(path) as handle:
                for number, raw in enumerate(lines(handle), 1):
                    _count_line(raw, f"{path}:{number}", counts, links, pages, since, until)
        except (OSError, EOFError, zlib.error) as error:  # a gzip cut short or damaged, a disk error
            counts.problem(f"{path}:{number + 1}: Must be a complete log file: reading stopped here ({error}); the "
                           f"{number} line(s) before were counted. Copy it again from the server")
    return counts


def _count_line(raw: bytes | None, where: str, counts: Counts, links: dict, pages: dict,
                since: dt.date | None, until: dt.date | None) -> None:
    line = raw.decode("utf-8", errors="replace").rstrip("\n") if raw is not None else ""
    match = LINE.match(line)
    day = _day(match[1]) if match else None
    if day is None:
        counts.skipped += 1
        counts.problem(f"{where}: Must be a line of the migrant_rights log format 'day method path status' "
                       f"(deploy/nginx/http.conf), got {line[:80]!r}" if raw is not None else
                       f"{where}: Must be a line of at most {MAX_LINE} bytes; this one is longer")
        return
    _, method, url, status = match.groups()
    if method not in COUNTED_METHODS or (since and day < since) or (until and day > until):
        return
    code = int(status)
    short = SHORT_LINK.match(url)
    key = f"s/{short.group(1)}/" if short else None
    if key in links and 200 <= code < 400:
        lang, page = links[key]
        counts.hits[(day, "qr_scan", lang, key, page)] += 1
    elif code == 200 and (target := page_path(url)) in pages:
        lang, page = pages[target]
        counts.hits[(day, "page_view", lang, "", page)] += 1
    elif code == 200 or (short and 200 <= code < 400):
        counts.not_pages += 1


def _day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:  # 2026-13-45
        return None


def week_of(day: dt.date) -> tuple[str, dt.date]:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}", day - dt.timedelta(days=day.weekday())


def rows(hits: Counter) -> list[dict]:
    weekly = Counter()
    for (day, measure, language, short_link, page), number in hits.items():
        weekly[(week_of(day), measure, language, short_link, page)] += number
    return [{"week": week, "week_start": start.isoformat(), "measure": measure, "language": language,
             "short_link": short_link, "page": page, "count": number}
            for ((week, start), measure, language, short_link, page), number in sorted(weekly.items())]


def write_csv(table: list[dict], target: Path) -> None:
    fields = ["week", "week_start", "measure", "language", "short_link", "page", "count"]
    with open(target, "w", newline="", encoding="utf-8") as handle:
        writer = spreadsheet_csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(table)


def chart(table: list[dict]) -> str:
    names = {language.code: language.name for language in site_config.languages()}
    weeks = sorted({row["week"] for row in table})
    languages = [code for code in site_config.language_codes() if any(row["language"] == code for row in table)]
    languages += sorted({row["language"] for row in table} - set(languages))

    def weekly(measure: str) -> dict[str, list[int]]:
        series = {}
        for code in languages:
            values = [sum(row["count"] for row in table if row["measure"] == measure and row["week"] == week
                          and row["language"] == code) for week in weeks]
            if any(values):
                series[names.get(code, code)] = values
        return series

    per_link = Counter()
    for row in table:
        if row["measure"] == "qr_scan":
            per_link[f"{row['short_link']}  {row['page']} ({names.get(row['language'], row['language'])})"] += row["count"]
    panels = [svg_chart.stacked_columns("QR code scans per week, by language", weeks, weekly("qr_scan")),
              svg_chart.stacked_columns("Pages read per week, by language", weeks, weekly("page_view")),
              svg_chart.horizontal_bars("QR code scans per leaflet (short link), top 25", per_link.most_common(25))]
    return svg_chart.document(panels, caption="Counted from access logs that hold no personal data: "
                                              "day, path and status only. A request is not a person.")
