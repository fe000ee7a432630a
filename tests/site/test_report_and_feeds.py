"""In the built site, every language: "Report a mistake" on every page and directory entry,
"updated on …", the What changed page and its Atom feed, in Chromium with JavaScript off and
with no third-party request (issue 19)."""
from __future__ import annotations

import os
import posixpath
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import feedparser
import pytest

from conftest import ROOT, languages, page_file
from scripts.core import interface_strings, site_config

PAGES = ["index", "arrival", "changes", "search", "directory/index", "directory/unhcr-almaty", "directory/public-services-1414"]


def _report_href(html: str) -> str:
    match = re.search(r'<p class="site-report"><a href="([^"]+)"', html)
    assert match, "no Report a mistake link"
    return match.group(1).replace("&amp;", "&")


@pytest.mark.parametrize("lang", languages())
def test_every_page_and_entry_offers_a_prefilled_report_with_nothing_about_the_reader(built_site, lang):
    ui = interface_strings.load(lang)
    pages = [path for path in built_site.rglob("*.html")
             # cards/: the situations' screen cards, printed like leaflets (issue of the situation pages)
             if not {"s", "editors", "assets", "leaflets", "cards", "admin"} & set(path.relative_to(built_site).parts[:2])
             and path.name != "404.html" and _lang_of(path.relative_to(built_site)) == lang]
    assert len(pages) > 30
    for path in pages:
        html = path.read_text(encoding="utf-8")
        href = _report_href(html)
        target = urlparse(href)
        assert target.scheme == "mailto", href  # the session's target (tests/conftest.py)
        fields = parse_qs(target.query)
        body = fields["body"][0]
        rel = path.relative_to(built_site).as_posix()
        assert f"{lang}" in fields["subject"][0] and rel in body, f"{rel}: {body}"
        assert ui["report.link"] in html
        assert set(fields) == {"subject", "body"}, "only what the page is"


def _lang_of(rel: Path) -> str:
    first = rel.parts[0]
    return first if first in languages() else site_config.default_language()


def test_a_mirror_sets_its_own_report_target(tmp_path):
    """REPORT_MISTAKE_TO replaces mkdocs.yml's target: here the mirror's own issue form (one language built)."""
    root = ROOT
    env = dict(os.environ, REPORT_MISTAKE_TO="https://github.com/partner-org/mirror/issues/new", NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "scripts.build_site", "--lang", "ky", "--no-leaflets", "--site-dir", str(tmp_path / "ky")],
                            cwd=root, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    href = _report_href((tmp_path / "ky" / "arrival.html").read_text(encoding="utf-8"))
    url = urlparse(href)
    assert (url.scheme, url.netloc, url.path) == ("https", "github.com", "/partner-org/mirror/issues/new")
    fields = parse_qs(url.query)
    assert fields["template"] == ["report-mistake.yml"] and fields["page_id"] == ["arrival"] and fields["language"] == ["ky"]
    assert fields["page"][0].endswith("arrival.html")
    form = (root / ".github/ISSUE_TEMPLATE/report-mistake.yml").read_text(encoding="utf-8")
    for field in ("page", "page_id", "language"):
        assert f"id: {field}\n" in form, f"the issue form has the field the link fills: {field}"


@pytest.mark.parametrize("lang", languages())
def test_feed_parses_and_every_link_opens_a_page_of_the_site(built_site, lang):
    page = page_file(built_site, lang, "changes")
    feed_path = page.parent / "changes.xml"
    raw = feed_path.read_bytes()
    base = "https://mirror.example/some/where/" + feed_path.relative_to(built_site).as_posix()
    parsed = feedparser.parse(raw, response_headers={"content-location": base, "content-type": "application/atom+xml"})
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10" and parsed.feed.language == lang and parsed.entries
    assert b"https://" not in raw and b"http://" not in raw.replace(b"http://www.w3.org/", b"")
    for entry in parsed.entries:
        assert entry.link.startswith("https://mirror.example/some/where/")
        target = built_site / unquote(entry.link.removeprefix("https://mirror.example/some/where/"))
        assert target.is_file(), f"{feed_path}: {entry.link} leads nowhere"
    html = page.read_text(encoding="utf-8")
    assert 'href="changes.xml"' in html
    assert html.count('<li><time datetime="') == len(parsed.entries)


def test_recently_changed_page_says_updated_near_its_title(built_site):
    for lang in languages():
        html = page_file(built_site, lang, "arrival").read_text(encoding="utf-8")
        h1, updated = html.find("<h1"), html.find('class="site-updated"')
        assert 0 < h1 < updated < html.find("</h1>") + 400, f"{lang}: updated note right under the title"
    entry = page_file(built_site, "ru", "directory/unhcr-almaty").read_text(encoding="utf-8")
    assert 'class="site-updated"' in entry


def test_no_dead_end_in_the_built_directory(built_site):
    for lang in languages():
        folder = page_file(built_site, lang, "directory/index").parent
        for path in folder.glob("*.html"):
            if path.stem.startswith(("category-", "city-", "index")):
                continue
            html = path.read_text(encoding="utf-8")
            if "site-notice--closed" in html:
                continue
            contacts = html[html.find('id="contacts"'):html.find('id="where"')]
            assert 'href="tel:' in contacts, f"{path}: nothing to call"
        unhcr = page_file(built_site, lang, "directory/unhcr-almaty")
        assert "2584598" not in unhcr.read_text(encoding="utf-8") and "Байзакова" not in unhcr.read_text(encoding="utf-8")
    published = [path for path in built_site.rglob("*") if path.is_file() and path.suffix in {".html", ".vcf", ".json", ".csv"}
                 and b"2584598" in path.read_bytes()]
    assert not published, f"UNHCR's unconfirmed number published in {published[:3]}"


@pytest.fixture(scope="module")
def tab_without_javascript(browser):
    """One phone-sized tab without JavaScript for every language's test below. A fresh context per
    language started cold each time (a new renderer, nothing cached): 12.7 -> 7.1 CPU-s for the six
    languages' 42 pages. Nothing the test asserts depends on the cache: a third-party or mailto:
    request never succeeds here, so it is never served from the cache; each test sees its own requests."""
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    yield context.new_page()  # one tab, as a reader follows links: each page still loads whole
    context.close()


@pytest.mark.parametrize("lang", languages())
def test_report_link_and_feed_in_chromium_without_javascript(built_site, site_url, tab_without_javascript, lang):
    page, host, requests = tab_without_javascript, urlparse(site_url).netloc, []

    def record(request):
        requests.append(request.url)
    page.on("request", record)
    try:
        for slug in PAGES:
            page.goto(site_url + site_config.page_url(lang, slug))  # third-party requests: tests/site/test_browser.py
            link = page.locator(".site-report a")
            assert link.count() == 1 and link.is_visible(), f"{lang}/{slug}"
            href = link.get_attribute("href")
            assert href.startswith("mailto:") and f"({lang})" in unquote(href), href
            if slug == "changes":
                feed = page.locator('a[type="application/atom+xml"]')
                assert feed.count() == 1
                assert posixpath.basename(feed.get_attribute("href")) == "changes.xml"
                assert page.locator(".site-changes li a").count() >= 1
    finally:
        page.remove_listener("request", record)
    foreign = [url for url in requests if urlparse(url).scheme in ("http", "https") and urlparse(url).netloc != host]
    assert not foreign, f"third-party requests: {foreign[:5]}"
    assert not [url for url in requests if url.startswith("mailto:")], "nothing is sent before the reader taps"


def _report_template():
    import jinja2

    from scripts.site import link_query
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(str(ROOT / "overrides")), autoescape=True)
    environment.filters["query_value"] = link_query.query_value  # as overrides/hooks/interface_strings.py does
    return environment.get_template("partials/report.html")


def test_without_a_target_no_page_offers_a_report_link():
    """mkdocs.yml sets no target by default: an address that reaches nobody is never offered."""
    template = _report_template()
    page = type("Page", (), {"meta": {"id": "work"}, "url": "work.html"})()
    ui = {"language": "ru", "report.subject": "{id} {lang}", "report.body": "{id}", "report.link": "Report",
          "report.note": "note"}
    config = type("Config", (), {"site_url": "", "extra": {"report_mistake": ""}})()
    assert "site-report" not in template.render(config=config, page=page, ui=ui)
    config.extra = {"report_mistake": "mailto:someone@example.kz"}
    assert "mailto:someone@example.kz?subject=" in template.render(config=config, page=page, ui=ui)


@pytest.fixture(scope="module")
def blank_tab(browser):
    """One tab for every language's test below: each sets the link's HTML as the tab's content and
    reads the address Chromium made of it (no request, nothing cached or kept between contents). A
    new tab per language was a new context and a renderer started."""
    tab = browser.new_page()
    yield tab
    tab.close()


@pytest.mark.parametrize("lang", languages())
def test_report_link_fills_the_issue_form_as_the_browser_sends_it(blank_tab, lang):
    """The link keeps its letters (fewer bytes on every page); Chromium encodes them on the tap, so
    GitHub's form receives exactly the page's title, address, id and language, and a mail program
    exactly the subject and body, whatever characters the interface strings hold."""
    template = _report_template()
    ui = interface_strings.load(lang)
    page = type("Page", (), {"meta": {"id": "arrival"}, "url": site_config.page_url(lang, "arrival")})()
    site = "https://example.org/a b&c/"
    subject = ui["report.subject"].replace("{id}", "arrival").replace("{lang}", ui["language"])
    tab = blank_tab
    for target, expected in (
            ("https://github.com/o/r/issues/new", {"template": "report-mistake.yml", "title": subject, "page": site + page.url,
                                                  "page_id": "arrival", "language": ui["language"]}),
            ("mailto:report@example.org", {"subject": subject, "body": ui["report.body"].replace("{id}", "arrival")
                                           .replace("{lang}", ui["language"]).replace("{url}", site + page.url).replace("{br}", "\n")})):
        config = type("Config", (), {"site_url": site, "extra": {"report_mistake": target}})()
        rendered = template.render(config=config, page=page, ui=ui)
        assert not re.search(r"%[C-F][0-9A-F]", rendered), "letters sent as they are, not percent-encoded"
        tab.set_content(rendered)
        sent = tab.evaluate("() => { const url = new URL(document.querySelector('.site-report a').href);"
                            " return [url.href, Object.fromEntries(url.searchParams)] }")
        assert sent[1] == expected, sent[0]
        assert sent[0].isascii()
