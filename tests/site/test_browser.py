"""The site in headless Chromium (Debian's), as a family's phone opens it."""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import ROOT, languages, made_once, page_file
from scripts.core import site_config

# axe-core pinned in tests/js/package.json (make setup-test: npm ci); 4.14 checks what 4.12 missed.
AXE = ROOT / "tests" / "js" / "node_modules" / "axe-core" / "axe.min.js"
AXE_RULES = "{runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']}"
# Every page type: home, guide, situations' start page and a situation (when the site has them),
# search, directory index, service page.
PAGE_TYPES = ["index", "arrival", site_config.first_page_of_type("situations"), site_config.first_page_of_type("situation"), "search",
              "directory/index", "directory/birth-certificate"]
# Where the emergency strip (exactly one) and the first article title are, as Playwright's bounding_box
# gives them (null without a layout box): one evaluate instead of two locators, whose first use in
# each page costs Chromium about 0.07 CPU-s (Playwright's selector engine); 42 pages are measured.
BOXES = """() => [[".site-emergency", true], ["article h1", false]].map(([selector, strict]) => {
    const all = document.querySelectorAll(selector);
    if (strict && all.length !== 1) throw new Error(`${all.length} elements match ${selector}`);
    if (!all.length || !all[0].getClientRects().length) return null;
    const box = all[0].getBoundingClientRect();
    return {x: box.x, y: box.y, width: box.width, height: box.height};
})"""
INTERACTIVE = {"link", "button", "checkbox", "textbox", "searchbox", "combobox", "radio", "switch", "slider",
               "menuitem", "tab", "listbox", "option", "spinbutton"}


def _open(context, url, wait="load"):
    """Open `url`; return (page, requests seen, failures). "networkidle" also waits for half a second
    without requests (what a script might send late): the tests about requests wait so."""
    requests, failures = [], []
    page = context.new_page()
    page.on("request", lambda request: requests.append(request.url))
    page.on("requestfailed", lambda request: failures.append(f"{request.url} {request.failure}"))
    page.on("response", lambda response: response.status >= 400 and failures.append(f"{response.url} {response.status}"))
    page.goto(url, wait_until=wait)
    return page, requests, failures


# One visit of every page type in a language records what the five tests below assert: each page is
# opened once, not once per test. The first test process that needs a language records it; the other
# waits for it or reads it (conftest.made_once), so the two processes share the languages.

@pytest.fixture(scope="session")
def visits(built_site, site_url, browser, tmp_path_factory):
    """lang -> {"host": the server's host, "pages": {slug: what the visit found}}."""
    read = {}

    def of(lang: str) -> dict:
        if lang not in read:
            folder = made_once(tmp_path_factory, f"browser-visits-{lang}",
                               lambda target: _record(target / "visits.json", built_site, site_url, browser, lang))
            read[lang] = json.loads((folder / "visits.json").read_text(encoding="utf-8"))
        return read[lang]
    return of


def _record(target: Path, built_site: Path, site_url: str, browser, lang: str) -> None:
    axe = AXE.read_text(encoding="utf-8") if AXE.exists() else None
    phone = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2)
    page = phone.new_page()  # one tab for every page: a new tab per page costs three times the CPU
    seen = {"requests": [], "failures": []}
    page.on("request", lambda request: seen["requests"].append(request.url))
    page.on("requestfailed", lambda request: seen["failures"].append(f"{request.url} {request.failure}"))
    page.on("response", lambda response: response.status >= 400 and seen["failures"].append(f"{response.url} {response.status}"))
    pages, cdp = {}, phone.new_cdp_session(page)  # one session for every page: it follows the tab
    for slug in PAGE_TYPES:
        if slug and page_file(built_site, lang, slug).exists():
            seen["requests"], seen["failures"] = [], []
            pages[slug] = _visit(page, cdp, site_url + site_config.page_url(lang, slug), axe, seen)
    phone.close()
    target.write_text(json.dumps({"host": urlparse(site_url).netloc, "pages": pages}), encoding="utf-8")


def _visit(page, cdp, url: str, axe: str | None, seen: dict) -> dict:
    """A phone-sized page (360 px): its accessibility tree and axe's violations, the requests it made
    until half a second without any; then the same page at 320 px: its width at 100 % and 200 %
    text, and at 200 % where the emergency strip and the title are."""
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(url, wait_until="load")
    nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    named = [(node.get("role", {}).get("value"), (node.get("name") or {}).get("value", "").strip())
             for node in nodes if not node.get("ignored")]
    violations = None
    if axe:
        page.evaluate(axe)
        violations = [{"id": v["id"], "impact": v["impact"], "target": v["nodes"][0]["target"]}
                      for v in page.evaluate(f"axe.run(document, {AXE_RULES})")["violations"]]
    page.wait_for_load_state("networkidle")  # at once if the page was already quiet for half a second
    found = {"requests": list(seen["requests"]), "failures": list(seen["failures"]), "named": named, "axe": violations}
    # The same page made 320 px wide (its device pixels stay doubled): every width, strip and title
    # measured so was the same as on a page opened at 320 px (all pages, 2026-12-07).
    page.set_viewport_size({"width": 320, "height": 640})
    found["width"] = {}
    for zoom in ("100%", "200%"):
        # Material sets the root size to 125 %; doubling it is a 200 % text zoom.
        page.evaluate("z => document.documentElement.style.fontSize = z === '100%' ? '' : '250%'", zoom)
        found["width"][zoom] = page.evaluate("document.documentElement.scrollWidth")
    found["strip"], found["title"] = page.evaluate(BOXES)
    return found


@pytest.mark.parametrize("lang", languages())
def test_no_third_party_and_no_failed_request(visits, lang):
    visited = visits(lang)
    for slug, found in visited["pages"].items():
        requests, failures = found["requests"], found["failures"]
        foreign = [url for url in requests if urlparse(url).scheme in ("http", "https") and urlparse(url).netloc != visited["host"]]
        assert not foreign, f"{lang}/{slug}: third-party requests {foreign}"
        assert not failures, f"{lang}/{slug}: failed requests {failures}"
        assert not any("/assets/search/" in url for url in requests) or slug == "search"


def test_no_cookies_set(site_url, phone):
    _open(phone, site_url + "index.html")
    assert phone.cookies() == []


@pytest.mark.parametrize("lang", languages())
def test_search_loads_only_this_languages_index_and_finds(built_site, site_url, phone, lang):
    page, requests, _ = _open(phone, site_url + site_config.page_url(lang, "search"))
    assert not any("/assets/search/" in url for url in requests), "index must wait for a query"
    title = page.locator("article h1").first.inner_text()
    words = [word for word in page.locator(".site-search__all a").first.inner_text().split() if len(word) > 3]
    page.fill("#site-search-q", words[0])
    page.locator(".site-search__results li").first.wait_for(timeout=5000)
    indexes = [url for url in requests if "/assets/search/" in url]
    assert indexes and all(url.endswith(f"/assets/search/{lang}.js") for url in indexes), indexes
    assert title


def test_readable_and_navigable_without_javascript(built_site, site_url, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()  # one tab for every page: a new tab per page costs three times the CPU
    for lang in languages():
        page.goto(site_url + site_config.page_url(lang, "arrival"))
        assert len(page.locator("article").inner_text()) > 200
        # Up to mkdocs.yml's drawer_pages, the drawer lists every page (tests/site/test_navigation.py: past it)
        shown = min(len(site_config.nav_pages()), site_config.load()["extra"]["drawer_pages"])
        assert page.locator(".md-nav--primary a[href]").count() >= shown - 1
        page.goto(site_url + site_config.page_url(lang, "search"))
        assert page.locator(".site-search__all a").count() >= 10, "no-JS search page lists every page"
    context.close()


def test_all_languages_visible_on_the_first_screen_of_the_root(site_url, phone):
    page, _, _ = _open(phone, site_url)
    links = page.locator(".site-languages a")
    assert links.count() == len(languages())
    for index in range(links.count()):
        box = links.nth(index).bounding_box()
        assert box and box["y"] + box["height"] <= 740, f"{links.nth(index).inner_text()} below the first screen"


@pytest.mark.parametrize("lang", languages())
def test_no_horizontal_scroll_at_320px_even_at_200_percent_text(visits, lang):
    for slug, found in visits(lang)["pages"].items():
        for zoom, width in found["width"].items():
            assert width <= 320, f"{lang}/{slug} at {zoom} text: {width}px wide"


def test_emergency_strip_prints(site_url, phone):
    page = phone.new_page()
    page.goto(site_url + "ky/arrival.html")
    page.emulate_media(media="print")
    assert page.locator(".site-emergency a[href='tel:112']").is_visible()


@pytest.mark.parametrize("lang", languages())
def test_axe_finds_no_serious_or_critical_violation(visits, lang):
    assert AXE.exists(), "axe-core is missing: run `make setup-test` (npm ci --prefix tests/js)"
    problems = [f"{lang}/{slug}: {v['id']} ({v['impact']}) {v['target']}"
                for slug, found in visits(lang)["pages"].items() for v in found["axe"]
                if v["impact"] in ("serious", "critical")]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", languages())
def test_every_control_is_named_in_the_pages_language(visits, lang):
    """Chromium's accessibility tree: every interactive node has a name; the header's controls
    carry this language's interface strings (i18n/<lang>.yml), not another language's."""
    from scripts.core import interface_strings
    ui = interface_strings.load(lang)
    problems = []
    for slug, found in visits(lang)["pages"].items():
        named = found["named"]
        problems += [f"{lang}/{slug}: a {role} without a name" for role, name in named if role in INTERACTIVE and not name]
        names = [name for role, name in named if role in INTERACTIVE]
        for key in ("nav", "search"):
            if not any(name.startswith(ui[key]) for name in names):
                problems.append(f"{lang}/{slug}: no control named {ui[key]!r} ({key} in i18n/{lang}.yml)")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", languages())
def test_emergency_strip_and_title_on_the_first_screen_at_200_percent_text(visits, lang):
    problems = []
    for slug, found in visits(lang)["pages"].items():
        strip, title = found["strip"], found["title"]
        if strip["height"] > 640 / 3:
            problems.append(f"{lang}/{slug}: the emergency strip is {strip['height']:.0f} px of 640")
        if title is None or title["y"] + min(title["height"], 60) > 640:
            problems.append(f"{lang}/{slug}: the title starts at {title and round(title['y'])} px, below the first screen")
    assert not problems, "\n".join(problems)


def test_emergency_strip_shows_that_it_scrolls_at_200_percent_text(built_site, site_url, browser):
    """At 320 px and 200 % text the numbers are one row that scrolls sideways. Its right edge fades
    out over the next number (CSS only), so a reader sees it goes on; scrolled to its end, the last
    number stands whole left of the fade."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    problems = []
    page = context.new_page()  # one tab for every page; each page loads afresh, at the default text size
    for lang in languages():
        page.goto(site_url + site_config.page_url(lang, "arrival"))
        page.evaluate("document.documentElement.style.fontSize = '250%'")  # Material's 125 % doubled
        row = page.locator(".site-emergency__list")
        found = row.evaluate("""list => {
            const style = getComputedStyle(list), mask = style.maskImage || style.webkitMaskImage || "";
            const fade = parseFloat(style.paddingRight), start = list.scrollWidth > list.clientWidth + 1;
            list.scrollLeft = list.scrollWidth;
            const box = list.getBoundingClientRect(), last = list.lastElementChild.getBoundingClientRect();
            return {start, fades: /gradient/.test(mask) && fade > 0, lastWhole: last.right <= box.right - fade + 1};
        }""")
        if not found["start"]:
            problems.append(f"{lang}: the numbers are not one sideways row at 200 % text")
        if not found["fades"]:
            problems.append(f"{lang}: the row's right edge does not fade out: nothing shows that it scrolls")
        if not found["lastWhole"]:
            problems.append(f"{lang}: scrolled to its end, the last number is still under the fade")
    context.close()
    assert not problems, "\n".join(problems)
