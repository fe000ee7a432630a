"""Campaign figures from the privacy-preserving access logs: counting, CSV, chart, no personal data."""
from __future__ import annotations

import csv
import datetime as dt
import gzip
import http.client
import xml.etree.ElementTree as ElementTree

import pytest

from scripts import campaign_report
from scripts.core import site_config
from scripts.leaflets import shortlinks
from scripts.partners import campaign, nginx

LINKS = {"s/ky3/": ("ky", "arrival"), "s/ru3/": ("ru", "arrival"), "s/tg5/": ("tg", "work")}
SLUGS = ("index", "arrival", "school")


def site_with_pages(tmp_path):
    """A built site as far as the report reads it: each language's page records."""
    site = tmp_path / "site"
    for lang in site_config.language_codes():
        records = [shortlinks.PageRecord(slug, "guide", slug, ("a",), "2026-11-23", site_config.page_url(lang, slug),
                                         lang, lang, f"docs/{lang}/{slug}.md") for slug in SLUGS]
        shortlinks.write_manifest(site, lang, records)
    return site


def pages_of(tmp_path):
    return campaign.site_pages(site_with_pages(tmp_path))


def write_log(path, lines):
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def test_scans_are_counted_per_short_link_language_and_week(tmp_path):
    log = write_log(tmp_path / "access.log", [
        "2026-11-23 GET /s/ky3/ 301",
        "2026-11-24 GET /s/ky3 301",  # typed without the slash
        "2026-11-29 GET /s/ky3/ 301",  # Sunday: same ISO week
        "2026-11-30 GET /s/ky3/ 301",  # Monday: next week
        "2026-11-23 GET /s/ru3/ 301",
        "2026-11-23 HEAD /s/ru3/ 301",  # a link checker, not a reader
        "2026-11-23 GET /s/zz9/ 404",  # no such link
    ])
    table = campaign.rows(campaign.count([log], LINKS, pages_of(tmp_path)).hits)
    scans = {(row["week"], row["short_link"]): row["count"] for row in table if row["measure"] == "qr_scan"}
    assert scans == {("2026-W48", "s/ky3/"): 3, ("2026-W49", "s/ky3/"): 1, ("2026-W48", "s/ru3/"): 1}
    row = next(row for row in table if row["short_link"] == "s/ky3/")
    assert (row["language"], row["page"], row["week_start"]) == ("ky", "arrival", "2026-11-23")


def test_page_views_are_counted_per_language_and_page(tmp_path):
    log = write_log(tmp_path / "access.log", [
        f"2026-11-23 GET /{site_config.page_url('ky', 'arrival')} 200",
        "2026-11-23 GET /ky/ 200",
        "2026-11-23 GET / 200",
        f"2026-11-23 GET /{site_config.page_url('ru', 'school')} 200",
        "2026-11-23 GET /ky/no-such-page.html 404",
        "2026-11-23 GET /leaflets/ky/arrival.pdf 200",
    ])
    table = campaign.rows(campaign.count([log], LINKS, pages_of(tmp_path)).hits)
    views = {(row["language"], row["page"]): row["count"] for row in table if row["measure"] == "page_view"}
    assert views == {("ky", "arrival"): 1, ("ky", "index"): 1, ("ru", "index"): 1, ("ru", "school"): 1}


def test_weeks_follow_iso_numbering_across_the_new_year():
    assert campaign.week_of(dt.date(2027, 1, 1)) == ("2026-W53", dt.date(2026, 12, 28))
    assert campaign.week_of(dt.date(2027, 1, 4)) == ("2027-W01", dt.date(2027, 1, 4))


def test_command_writes_csv_and_svg_from_rotated_gzipped_logs(tmp_path, capsys):
    write_log(tmp_path / "access.log", ["2026-11-30 GET /s/ky3/ 301"])
    with gzip.open(tmp_path / "access.log.2.gz", "wt", encoding="utf-8") as handle:
        handle.write("2026-11-23 GET /s/ky3/ 301\n2026-11-23 GET /ky/index.html 200\nnot a log line\n")
    out = tmp_path / "report"
    code = campaign_report.main([str(tmp_path / "access.log"), str(tmp_path / "access.log.2.gz"),
                                 "--site", str(site_with_pages(tmp_path)), "--out", str(out)])
    printed = capsys.readouterr()
    assert code == 0, printed.err
    assert "access.log.2.gz:3: Must be a line of the migrant_rights log format" in printed.err
    with open(out / "campaign-figures.csv", encoding="utf-8") as handle:
        table = list(csv.DictReader(handle))
    assert list(table[0]) == ["week", "week_start", "measure", "language", "short_link", "page", "count"]
    assert sum(int(row["count"]) for row in table if row["measure"] == "qr_scan") == 2
    svg = ElementTree.parse(out / "campaign-figures.svg").getroot()
    texts = [element.text for element in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert "QR code scans per week, by language" in texts and "2026-W48" in texts and "2026-W49" in texts


def test_a_log_of_another_format_is_refused_naming_it(tmp_path, capsys):
    log = write_log(tmp_path / "combined.log", ['127.0.0.1 - - [23/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 5 "-" "curl"'])
    assert campaign_report.main([str(log), "--site", str(site_with_pages(tmp_path)), "--out", str(tmp_path / "report")]) == 1
    assert f"{log}: no line of the expected format" in capsys.readouterr().err


def test_the_figures_hold_counts_only(tmp_path):
    log = write_log(tmp_path / "access.log", ["2026-11-23 GET /s/ky3/ 301"])
    table = campaign.rows(campaign.count([log], LINKS, {}).hits)
    assert set(table[0]) == {"week", "week_start", "measure", "language", "short_link", "page", "count"}


def test_nginx_log_and_report_agree(mirror_folder, tmp_path):
    """Requests through the shipped configuration, counted back from its own access log."""
    registry = shortlinks.load_registry()
    links = campaign.short_link_pages()
    assert links, f"{registry.label} lists the issued short links"
    scanned = sorted(links)[:3]
    page = "/" + site_config.page_url("kk", "health")
    with nginx.prepare(mirror_folder, tmp_path / "nginx") as site:
        for path in scanned * 2 + [page]:
            connection = http.client.HTTPConnection("127.0.0.1", site.port, timeout=10)
            connection.request("GET", "/" + path if path.startswith("s/") else path)
            connection.getresponse().read()
            connection.close()
    out = tmp_path / "report"
    assert campaign_report.main([str(site.access_log), "--site", str(mirror_folder / "site"), "--out", str(out)]) == 0
    with open(out / "campaign-figures.csv", encoding="utf-8") as handle:
        table = list(csv.DictReader(handle))
    scans = {row["short_link"]: int(row["count"]) for row in table if row["measure"] == "qr_scan"}
    assert scans == {path: 2 for path in scanned}
    for row in table:
        if row["measure"] == "qr_scan":
            assert (row["language"], row["page"]) == links[row["short_link"]]
    assert [(row["language"], row["page"], row["count"]) for row in table if row["measure"] == "page_view"] \
        == [("kk", "health", "1")]


@pytest.mark.parametrize("line", ["2026-11-23 GET /s/ky3/?utm=1 301", "10.0.0.1 2026-11-23 GET /s/ky3/ 301"])
def test_lines_with_more_than_day_method_path_status_are_not_counted(tmp_path, line):
    log = write_log(tmp_path / "access.log", [line])
    assert not campaign.count([log], LINKS, {}).hits
