"""Campaign figures from the privacy-preserving access logs: QR scans and page views per week.

The shipped nginx configuration (deploy/nginx/http.conf) logs one line per page, leaflet or
short link asked for: `2026-11-23 GET /s/ky3/ 301`, the day, method, path and status, and
nothing about the reader (no IP address, no user agent, no time of day, no query string). This
command only counts those lines:
  qr_scan     a short link opened (a QR code scanned or typed from a leaflet), per short link,
              with the leaflet's page and language from data/shortlinks.yml;
  page_view   a page opened, per page and language.
It writes campaign-figures.csv (week, week_start, measure, language, short_link, page, count) and
campaign-figures.svg (weekly columns by language, and scans per leaflet) for an NGO's report.
Usage: python -m scripts.campaign_report LOG [LOG ...] [--out report/] [--since 2026-11-01]
LOG may be rotated and gzipped (access.log.2.gz). A request is not a person: there is no way,
by design, to tell one reader from another.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from scripts.core import site_config
from scripts.leaflets import shortlinks
from scripts.partners import svg_chart

LINE = re.compile(r"^(\d{4}-\d{2}-\d{2}) ([A-Z]+) (\S+) (\d{3})$")
SHORT_LINK = re.compile(r"^/s/([a-z]{2,3}[0-9a-z]+)(?:/|/index\.html)?$")
COUNTED_METHODS = {"GET"}


class ReportError(ValueError):
    pass


@dataclass(frozen=True)
class Hit:
    day: dt.date
    measure: str  # "qr_scan" or "page_view"
    language: str
    short_link: str  # "s/ky3/" for a scan, "" for a page view
    page: str  # page id (scans) or path without .html (page views), e.g. "arrival"


@dataclass
class Parsed:
    hits: list[Hit]
    skipped: int
    bad_lines: list[str]  # "file:line: message", the first few


def short_link_pages() -> dict[str, tuple[str, str]]:
    """'s/ky3/' -> ('ky', page id), from the short-link registry (scripts/leaflets/shortlinks.py): every
    link ever issued, so that scans of old leaflets are still named."""
    registry = shortlinks.load_registry()
    return {shortlinks.link_path(lang, entry.code): (lang, entry.id)
            for entry in registry.entries for lang in entry.languages}


def page_of(path: str) -> tuple[str, str] | None:
    """(language, page) of a page path, e.g. '/ky/arrival.html' -> ('ky', 'arrival'); None if not a page."""
    if not (path.endswith(".html") or path.endswith("/")) or path.endswith("404.html"):
        return None
    rest = path.lstrip("/")
    first = rest.split("/", 1)[0]
    codes = site_config.language_codes()
    if "/" in rest and first in codes:
        lang, rest = first, rest.split("/", 1)[1]
    else:
        lang = site_config.default_language()
    if rest == "" or rest.endswith("/"):
        rest += "index.html"
    return lang, rest.removesuffix(".html")


def open_log(path: Path):
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8", errors="replace")
    return open(path, encoding="utf-8", errors="replace")


def parse(paths: list[Path], links: dict[str, tuple[str, str]]) -> Parsed:
    result = Parsed([], 0, [])
    for path in paths:
        with open_log(path) as handle:
            for number, raw in enumerate(handle, 1):
                line = raw.rstrip("\n")
                match = LINE.match(line)
                if not match:
                    result.skipped += 1
                    if len(result.bad_lines) < 3:
                        result.bad_lines.append(f"{path}:{number}: Must be a line of the migrant_rights log format "
                                                f"'day method path status' (deploy/nginx/http.conf), got {line[:80]!r}")
                    continue
                day, method, url, status = match.groups()
                if method not in COUNTED_METHODS:
                    continue
                code = int(status)
                short = SHORT_LINK.match(url)
                if short and 200 <= code < 400:
                    key = f"s/{short.group(1)}/"
                    lang, page = links.get(key, ("?", "?"))
                    result.hits.append(Hit(dt.date.fromisoformat(day), "qr_scan", lang, key, page))
                elif code == 200 and (found := page_of(url)):
                    result.hits.append(Hit(dt.date.fromisoformat(day), "page_view", found[0], "", found[1]))
    return result


def week_of(day: dt.date) -> tuple[str, dt.date]:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}", day - dt.timedelta(days=day.weekday())


def rows(hits: list[Hit]) -> list[dict]:
    counts = Counter((week_of(hit.day), hit.measure, hit.language, hit.short_link, hit.page) for hit in hits)
    return [{"week": week, "week_start": start.isoformat(), "measure": measure, "language": language,
             "short_link": short_link, "page": page, "count": count}
            for ((week, start), measure, language, short_link, page), count in sorted(counts.items())]


def write_csv(table: list[dict], target: Path) -> None:
    fields = ["week", "week_start", "measure", "language", "short_link", "page", "count"]
    with open(target, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
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


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("logs", type=Path, nargs="+", help="access log files (plain or .gz)")
    parser.add_argument("--out", type=Path, default=Path("report"))
    parser.add_argument("--since", type=dt.date.fromisoformat, help="first day counted (YYYY-MM-DD)")
    parser.add_argument("--until", type=dt.date.fromisoformat, help="last day counted (YYYY-MM-DD)")
    args = parser.parse_args(argv)
    missing = [str(path) for path in args.logs if not path.is_file()]
    if missing:
        print(f"{missing[0]}: Must be an access log file of the site (deploy/nginx/: "
              "/var/log/nginx/migrant-rights.access.log)", file=sys.stderr)
        return 1
    parsed = parse(args.logs, short_link_pages())
    hits = [hit for hit in parsed.hits if (not args.since or hit.day >= args.since) and (not args.until or hit.day <= args.until)]
    for line in parsed.bad_lines:
        print(line, file=sys.stderr)
    if parsed.skipped and not parsed.hits:
        print(f"{args.logs[0]}: no line of the expected format: is this the log written with "
              "'log_format migrant_rights' (deploy/nginx/http.conf)?", file=sys.stderr)
        return 1
    table = rows(hits)
    args.out.mkdir(parents=True, exist_ok=True)
    write_csv(table, args.out / "campaign-figures.csv")
    (args.out / "campaign-figures.svg").write_text(chart(table), encoding="utf-8")
    scans = sum(hit.measure == "qr_scan" for hit in hits)
    views = sum(hit.measure == "page_view" for hit in hits)
    print(f"{scans} QR scans and {views} page views in {len({row['week'] for row in table})} week(s)"
          f"{f'; {parsed.skipped} lines skipped' if parsed.skipped else ''}")
    print(f"Wrote {args.out / 'campaign-figures.csv'} and {args.out / 'campaign-figures.svg'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
