"""Campaign figures from the privacy-preserving access logs: QR scans and page views per week.

It writes campaign-figures.csv (week, week_start, measure, language, short_link, page, count) and
campaign-figures.svg (weekly columns by language, and scans per leaflet) for an NGO's report;
scripts/partners/campaign.py says what is counted.
Usage: python -m scripts.campaign_report LOG [LOG ...] [--site site/] [--out report/] [--since 2026-11-01]
LOG may be rotated and gzipped (access.log.2.gz). --site is the built site the server serves (a
mirror's site/ will do): only its pages are counted. A request is not a person: there is no
way, by design, to tell one reader from another.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from scripts.core import site_config
from scripts.leaflets import shortlinks
from scripts.partners import campaign


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("logs", type=Path, nargs="+", help="access log files (plain or .gz)")
    parser.add_argument("--site", type=Path, default=site_config.ROOT / "site",
                        help="the built site the server serves (default: site/); only its pages are counted")
    parser.add_argument("--out", type=Path, default=Path("report"))
    parser.add_argument("--since", type=dt.date.fromisoformat, help="first day counted (YYYY-MM-DD)")
    parser.add_argument("--until", type=dt.date.fromisoformat, help="last day counted (YYYY-MM-DD)")
    args = parser.parse_args(argv)
    missing = [str(path) for path in args.logs if not path.is_file()]
    if missing:
        print(f"{missing[0]}: Must be an access log file of the site (deploy/nginx/: "
              "/var/log/nginx/migrant-rights.access.log)", file=sys.stderr)
        return 1
    try:
        pages = campaign.site_pages(args.site)
        links = campaign.short_link_pages()
    except (campaign.ReportError, shortlinks.ShortLinkError) as error:
        print(error, file=sys.stderr)
        return 1
    counts = campaign.count(args.logs, links, pages, args.since, args.until)
    for line in counts.problems:
        print(line, file=sys.stderr)
    if counts.skipped and not counts.hits and not counts.not_pages:
        print(f"{args.logs[0]}: no line of the expected format: is this the log written with "
              "'log_format migrant_rights' (deploy/nginx/http.conf)?", file=sys.stderr)
        return 1
    table = campaign.rows(counts.hits)
    args.out.mkdir(parents=True, exist_ok=True)
    campaign.write_csv(table, args.out / "campaign-figures.csv")
    (args.out / "campaign-figures.svg").write_text(campaign.chart(table), encoding="utf-8")
    scans = sum(number for key, number in counts.hits.items() if key[1] == "qr_scan")
    views = sum(number for key, number in counts.hits.items() if key[1] == "page_view")
    notes = [f"{counts.skipped} lines skipped" if counts.skipped else "",
             f"{counts.not_pages} requests for no page of the site not counted" if counts.not_pages else ""]
    print(f"{scans} QR scans and {views} page views in {len({row['week'] for row in table})} week(s)"
          + "".join(f"; {note}" for note in notes if note))
    print(f"Wrote {args.out / 'campaign-figures.csv'} and {args.out / 'campaign-figures.svg'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
