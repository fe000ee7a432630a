"""The mirror opened from disk (file://) in Debian's Chromium, and the Kiwix ZIM files."""
from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import quote, unquote

import pytest

from conftest import languages
from scripts.core import interface_strings, site_config
from scripts.leaflets import shortlinks
from scripts.partners import bundle, site_references, zim


def file_url(path: Path) -> str:
    return "file://" + quote(str(path))


def open_page(context, url: str):
    """Open `url`; returns (page, failures): failed requests and console errors."""
    failures = []
    page = context.new_page()
    page.set_default_timeout(10_000)
    # ERR_ABORTED: a load cut short by the next navigation (the icon), not a missing file.
    page.on("requestfailed", lambda request: "ERR_ABORTED" not in (request.failure or "")
            and failures.append(f"{request.url} {request.failure}"))
    page.on("console", lambda message: message.type == "error" and failures.append(message.text))
    page.on("pageerror", lambda error: failures.append(str(error)))
    page.goto(url, wait_until="load")
    return page, failures


def test_every_link_of_the_mirror_leads_to_a_file_on_disk(mirror_folder):
    assert bundle.offline_problems(mirror_folder / "site") == []


def test_home_navigation_and_language_switch_from_disk(mirror_folder, phone, tmp_path):
    site = mirror_folder / "site"
    page, failures = open_page(phone, file_url(site / "index.html"))
    page.screenshot(path=str(tmp_path / "home-360.png"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, "no sideways scrolling at 360 px"
    for lang in languages()[1:]:
        page.goto(file_url(site / "index.html"))
        page.click(f'.site-languages a[hreflang="{lang}"]')
        page.wait_for_load_state()
        assert page.url.endswith(site_config.page_url(lang, "index")), page.url
        assert page.evaluate("document.documentElement.lang") == lang
    guide = site_config.nav_pages()[1]
    page.goto(file_url(site / site_config.page_url("ky", "index")))
    page.click('.md-header label[for="__drawer"]')  # the navigation drawer opens without JavaScript
    page.click(f'.md-nav--primary a[href="{guide}.html"]')
    page.wait_for_load_state()
    assert page.url.endswith(site_config.page_url("ky", guide))
    assert not failures, failures


def test_leaflet_links_lead_to_pdf_files_on_disk(mirror_folder, phone):
    site = mirror_folder / "site"
    page, failures = open_page(phone, file_url(site / site_config.page_url("uz", "arrival")))
    hrefs = page.eval_on_selector_all(".site-leaflet a", "links => links.map(link => link.href)")
    assert hrefs, "a guide links its leaflet"
    for href in hrefs:
        path = Path(unquote(href.removeprefix("file://")))
        assert path.is_file() and path.read_bytes()[:5] == b"%PDF-", href
    assert not failures, failures


def test_every_page_type_opens_from_disk_without_a_failed_request(mirror_folder, phone):
    site = mirror_folder / "site"
    pages = [path for path in site_references.site_files(site) if path.endswith(".html")]
    sample = [site_config.page_url(lang, slug) for lang in languages() for slug in ("index", "search")]
    sample += [path for path in pages if "directory/" in path][:6]  # the services directory, where built
    page, failures = open_page(phone, "about:blank")  # one tab for every page: a new one costs three times the CPU
    for path in sample:
        failures.clear()
        page.goto(file_url(site / path), wait_until="load")
        assert not failures, (path, failures)
    page.close()


def test_short_link_pages_lead_on_from_disk(mirror_folder, phone):
    site = mirror_folder / "site"
    rows = {row["link"]: row for row in shortlinks.read_index(site) if not row["removed"]}
    for link in sorted(rows)[:3]:
        page, failures = open_page(phone, file_url(site / link / "index.html"))
        page.wait_for_url("**/" + rows[link]["url"])
        page.wait_for_load_state()
        assert not failures, (link, failures)
        page.close()


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_search_works_from_disk_in_the_readers_language(mirror_folder, phone, lang):
    site = mirror_folder / "site"
    index = (site / "assets" / "search" / f"{lang}.js").read_text(encoding="utf-8")
    title = re.search(r'"t":"([^"]+)"', index).group(1)
    word = max(re.findall(r"\w{5,}", title), key=len)
    page, failures = open_page(phone, file_url(site / site_config.page_url(lang, "search")) + "?q=" + quote(word))
    page.wait_for_selector(".site-search__results li", timeout=5000)
    status = page.inner_text(".site-search__status")
    template = interface_strings.load(lang)["search.results"]
    assert status.startswith(template.split("{count}")[0].strip()), status
    assert page.locator(".site-search__results li").count() >= 1
    assert not failures, failures


# Kiwix

@pytest.fixture(scope="module")
def archives(mirror_dist):
    from libzim.reader import Archive
    dist, manifest = mirror_dist
    return {lang: Archive(str(dist / f"migrant-rights-kz-{manifest['version']}-{lang}.zim")) for lang in languages()}


def test_each_zim_file_opens_on_its_language_home_with_metadata(archives):
    for lang, archive in archives.items():
        assert archive.main_entry.get_item().path == site_config.page_url(lang, "index")
        assert archive.get_metadata("Language").decode() == interface_strings.load(lang)["iso639_3"]
        title, name = archive.get_metadata("Title").decode(), interface_strings.load(lang)["site_name"]
        assert title == zim.whole_words(name, 30) and len(title) <= 30, "Kiwix's limit, never cut inside a word"
        assert archive.get_metadata("Illustration_48x48@1")[:8] == b"\x89PNG\r\n\x1a\n"
        assert archive.has_fulltext_index and archive.has_title_index


def test_zim_pages_are_of_one_language_and_their_links_resolve_inside(archives):
    for lang, archive in archives.items():
        paths = {archive._get_entry_by_id(number).path for number in range(archive.entry_count)}
        pages = {path for path in paths if path.endswith(".html")}
        assert {site_config.page_url(lang, slug) for slug in site_config.nav_pages()} <= pages
        assert all(zim.language_of(path) == lang for path in pages), lang
        for path in pages:
            text = bytes(archive.get_entry_by_path(path).get_item().content).decode("utf-8")
            for value in re.findall(r'(?:href|src|data-index)="([^"]*)"', text):
                resolved = site_references.resolve(path, html.unescape(value))
                assert resolved is None or resolved[0] in paths, (lang, path, value)


def test_zim_full_text_search_finds_a_guide(archives):
    from libzim.search import Query, Searcher
    for lang in ("ru", "ky"):
        archive = archives[lang]
        title = archive.get_entry_by_path(site_config.page_url(lang, "school")).title
        word = max(re.findall(r"\w{4,}", title), key=len)
        results = list(Searcher(archive).search(Query().set_query(word)).getResults(0, 10))
        assert site_config.page_url(lang, "school") in results, (lang, word, results)
