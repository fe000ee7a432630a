"""sitemap.xml and robots.txt under the address the site is published at (sitemaps.org protocol).

Every page of the build's page records (home, guides, the directory's index, listings and
service pages, in every language; not the search page) with its other languages as hreflang
alternates, and `lastmod` from the page's own date: a guide's `reviewed`; a directory page's
last commit of its entry file (the folder's newest for the index and listings; none outside a
git checkout). The address is the one the leaflets' QR codes lead to (shortlinks.base_url):
the leaflet step writes both, for the site and for a mirror's address alike. The protocol wants absolute addresses: a build
without an address (no SITE_URL, LEAFLET_BASE_URL or mirror --base-url) writes no sitemap,
rather than a wrong one, and says so; robots.txt then names none.
"""
from __future__ import annotations

import functools
import subprocess
from pathlib import Path
from urllib.parse import quote
from xml.sax.saxutils import escape, quoteattr

from scripts.core import site_config
from scripts.leaflets import shortlinks

SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
LEFT_OUT = {"search"}  # a form, not content
NO_ADDRESS = ("No sitemap.xml: the site's address is not known (set SITE_URL, or LEAFLET_BASE_URL or "
              "--base-url for a mirror); the sitemaps protocol allows only absolute addresses")


def write(site_dir: Path, base: shortlinks.BaseUrl) -> str | None:
    """Write sitemap.xml (in place of the theme's) and robots.txt; a message when there is no address."""
    site_dir = Path(site_dir)
    for stale in (SITEMAP, SITEMAP + ".gz"):  # mkdocs' own, with relative addresses
        (site_dir / stale).unlink(missing_ok=True)
    lines = ["# Every page may be read by search engines: families search for help (scripts/leaflets/sitemap.py).",
             "User-agent: *", "Disallow:"]
    message = None
    if base.placeholder:
        message = NO_ADDRESS
    else:
        (site_dir / SITEMAP).write_text(sitemap(shortlinks.read_manifests(site_dir), base.url), encoding="utf-8")
        lines.append(f"Sitemap: {base.url}{SITEMAP}")
    (site_dir / ROBOTS).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return message


def sitemap(pages: dict[str, list], base: str) -> str:
    by_id: dict[str, dict[str, object]] = {}
    for lang, records in pages.items():
        for record in records:
            if record.type not in LEFT_OUT and record.id:
                by_id.setdefault(record.id, {})[lang] = record
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for versions in by_id.values():
        alternates = [f'    <xhtml:link rel="alternate" hreflang={quoteattr(lang)} href={quoteattr(_address(base, record))}/>'
                      for lang, record in versions.items()] if len(versions) > 1 else []
        for record in versions.values():
            out.append("  <url>")
            out.append(f"    <loc>{escape(_address(base, record))}</loc>")
            modified = lastmod(record)
            if modified:
                out.append(f"    <lastmod>{modified}</lastmod>")
            out += alternates
            out.append("  </url>")
    out.append("</urlset>")
    return "\n".join(out) + "\n"


def _address(base: str, record) -> str:
    return base + quote(record.url, safe="/")


def lastmod(record) -> str:
    if record.reviewed:
        return str(record.reviewed)[:10]
    dates = commit_dates()
    source = record.source.split(" ")[0]  # "data/services/ (category health)" for a listing
    if source.endswith("/"):
        return max((date for path, date in dates.items() if path.startswith(source)), default="")
    return dates.get(source, "")


@functools.lru_cache(maxsize=1)
def commit_dates() -> dict[str, str]:
    """Path -> date of its last commit, for the directory's entries; {} outside a git checkout."""
    try:
        result = subprocess.run(["git", "log", "--format=%x00%cs", "--name-only", "--", "data/services"],
                                cwd=site_config.ROOT, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return {}
    dates, current = {}, ""
    for line in result.stdout.splitlines() if result.returncode == 0 else []:
        if line.startswith("\0"):
            current = line[1:]
        elif line:
            dates.setdefault(line, current)
    return dates
