"""The navigation drawer of a site that grew to 100 pages per language (issue 16): short on every
page, the reader's own page always in it, and "All pages" leading to a list of every page."""
from __future__ import annotations

import posixpath

import pytest
from axe_rules import serious_violations
from selectolax.lexbor import LexborHTMLParser

from conftest import copy_project, languages, page_file, run_build
from scripts.bench import synthetic_pages
from scripts.core import interface_strings, site_config

PAGES = 100
LIMIT = site_config.load()["extra"]["drawer_pages"]


@pytest.fixture(scope="module")
def long_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("long-nav") / "project")
    synthetic_pages.grow(project, PAGES)
    _without_editors_pages(project)
    result = run_build(project, None, "--no-leaflets")
    assert result.returncode == 0, result.stderr[-3000:]
    return project / "site", site_config.nav_pages(project / "mkdocs.yml")


# Hooks whose work this module's copies need not do: the editors' pages (a review page per
# translated page: a quarter of the 100-page build's CPU) and the recordings (the copies have none:
# the hook reads every page's text for the recording scripts in editors/recording/, 13 % of what is
# left). No page of the families' site links them, and every file outside editors/ comes out the same
# without them (diff -r, 2026-12-07 and 2026-12-08; only the open data's creation time differs).
EDITORS_ONLY_HOOKS = ["  - overrides/hooks/editors_pages.py\n", "  - overrides/hooks/audio.py\n"]


def _without_editors_pages(project) -> None:
    """The copy built without the hooks that write only editors' pages (EDITORS_ONLY_HOOKS)."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    for hook in EDITORS_ONLY_HOOKS:
        assert hook in text, "mkdocs.yml's hooks changed: update this test"
        text = text.replace(hook, "", 1)
    config.write_text(text, encoding="utf-8")


def _drawer(html: str) -> list[tuple[str, str, bool]]:
    """The drawer's entries: (href, text, current page) of each top-level link."""
    tree = LexborHTMLParser(html)
    entries = []
    for item in tree.css("nav.md-nav--primary > ul > li"):
        link = next(child for child in item.iter() if child.tag == "a")
        entries.append((link.attributes["href"], link.text(strip=True), "md-nav__link--active" in link.attributes["class"]))
    return entries


def test_a_100_page_drawer_is_short_holds_the_readers_page_and_all_pages_in_its_language(long_site):
    site, nav = long_site
    assert len(nav) == PAGES
    for lang in languages():
        all_pages = interface_strings.load(lang)["search.all_pages"]
        for slug in nav:
            path = page_file(site, lang, slug)
            entries = _drawer(path.read_text(encoding="utf-8"))
            assert len(entries) <= LIMIT + 2, f"{lang}/{slug}: {len(entries)} drawer entries"
            hrefs = [href for href, _, _ in entries]
            first = [posixpath.basename(site_config.page_url(lang, name)) for name in nav[:LIMIT]]
            assert [posixpath.basename(href) for href in hrefs[:LIMIT]] == first, f"{lang}/{slug}: the nav's first pages"
            current = [href for href, _, active in entries if active]
            assert [posixpath.basename(href) for href in current] == [posixpath.basename(path.name)], f"{lang}/{slug}: own page"
            href, text, _ = entries[-1]
            assert text == all_pages, f"{lang}/{slug}: last entry {text!r}"
            target, anchor = href.split("#")
            search = posixpath.normpath(posixpath.join(posixpath.dirname(site_config.page_url(lang, slug)), target))
            assert search == site_config.page_url(lang, "search") and anchor == "all-pages", f"{lang}/{slug}: {href}"


def test_all_pages_lists_every_nav_page_in_every_language(long_site):
    site, nav = long_site
    for lang in languages():
        path = page_file(site, lang, "search")
        tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
        heading = tree.css_first("#all-pages")
        assert heading is not None and heading.text(strip=True) == interface_strings.load(lang)["search.all_pages"]
        listed = [link.attributes["href"] for link in tree.css(".site-search__all a")]
        expected = [posixpath.relpath(site_config.page_url(lang, slug), posixpath.dirname(site_config.page_url(lang, "search")))
                    for slug in nav if slug != "search"]
        assert listed == expected, f"{lang}: {len(listed)} of {len(expected)} pages listed"
        for href in listed:
            assert (path.parent / href).is_file(), f"{lang}: {href} leads nowhere"


def test_all_pages_in_chromium_without_javascript(long_site, browser):
    """A phone without JavaScript: open the drawer, tap "All pages", reach the list, open a page far down."""
    from scripts.bench.static_server import Server
    site, nav = long_site
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()  # one tab for every language (a new tab costs three times the CPU of a navigation)
    with Server(site) as base:
        for lang in languages():
            page.goto(base + site_config.page_url(lang, nav[-1]))
            page.locator('label.md-header__button[for="__drawer"]').click()
            link = page.locator("nav.md-nav--primary > ul > li > a").last
            assert link.inner_text().strip() == interface_strings.load(lang)["search.all_pages"]
            assert link.is_visible(), f"{lang}: All pages hidden in the open drawer"
            with page.expect_navigation():
                link.click()
            assert page.url.endswith(site_config.page_url(lang, "search") + "#all-pages")
            far = page.locator(".site-search__all a").nth(len(nav) - 3)
            with page.expect_navigation():
                far.click()
            assert page.url.endswith(site_config.page_url(lang, nav[-2]).rsplit("/", 1)[-1]), page.url
    context.close()


def test_a_shortened_drawer_keeps_axe_clean_and_all_pages_named_in_the_pages_language(long_site, phone):
    """A page past the limit (its own entry added) and the list it leads to, every language, drawer open."""
    from scripts.bench.static_server import Server
    site, nav = long_site
    problems = []
    page = phone.new_page()  # one tab for every page
    with Server(site) as base:
        for lang in languages():
            name = interface_strings.load(lang)["search.all_pages"]
            for slug in (nav[-1], "search"):
                page.goto(base + site_config.page_url(lang, slug))
                page.locator('label.md-header__button[for="__drawer"]').click()
                if page.get_by_role("link", name=name, exact=True).count() != 1:
                    problems.append(f"{lang}/{slug}: no link named {name!r}")
                problems += serious_violations(page, f"{lang}/{slug}")
    page.close()
    assert not problems, "\n".join(problems)


def test_without_a_page_listing_all_pages_the_drawer_keeps_every_page(tmp_path):
    """A project whose nav has no search page (the page that lists every page): nothing is left out."""
    project = copy_project(tmp_path / "project")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace("  - search.md\n", "").replace(f"drawer_pages: {LIMIT}", "drawer_pages: 3"),
                                        encoding="utf-8")
    _without_editors_pages(project)
    lang = site_config.default_language()
    result = run_build(project, None, "--no-leaflets", "--lang", lang)
    assert result.returncode == 0, result.stderr[-3000:]
    nav = site_config.nav_pages(project / "mkdocs.yml")
    entries = _drawer((project / "site" / "arrival.html").read_text(encoding="utf-8"))
    assert len(entries) == len(nav) > 3 and "search" not in nav
