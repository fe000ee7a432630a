"""The search page: a search box the script runs (no <form>: nothing typed is sent anywhere), and a
list of all pages for readers without JS."""
from __future__ import annotations

import html as html_lib
import json
import re

from mkdocs.utils import get_relative_url

from scripts.core import interface_strings, site_config

MARKER = "<!-- search -->"
TAGS = re.compile(r"<[^>]+>")
INDEX_START, INDEX_END = "window.siteSearchIndex=", ";\n"
SPACES = re.compile(r"\s+")


def entry(title: str, url: str, page_html: str) -> dict:
    """One index entry: plain text of the page, tags and extra spaces removed."""
    text = SPACES.sub(" ", html_lib.unescape(TAGS.sub(" ", page_html))).strip()
    return {"t": title, "u": url, "x": text}


def entry_json(title: str, url: str, text: str) -> str:
    """One index entry of a page whose text is plain already, as the index writes it."""
    return index_json([entry(title, url, text)])[1:-1]


def index_json(entries: list[dict]) -> str:
    return "[" + ",".join(json.dumps(item, ensure_ascii=False, separators=(",", ":")) for item in entries) + "]"


def index_script(entries: list[dict]) -> str:
    """assets/search/<lang>.js: a script, so that search also works from disk (file://)."""
    return f"{INDEX_START}{index_json(entries)}{INDEX_END}"


def add_to_index(path: str, written: list[str]) -> None:
    """Add entries written by entry_json() (pages made outside mkdocs' pipeline) to an index script."""
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    if not (text.startswith(INDEX_START + "[") and text.endswith("]" + INDEX_END)) or not written:
        return
    body = text[len(INDEX_START) + 1:-len(INDEX_END) - 1]
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(f"{INDEX_START}[{','.join(([body] if body else []) + written)}]{INDEX_END}")


def _pages(nav, page) -> list[tuple[str, str]]:
    return [(item.title, get_relative_url(item.url, page.url))
            for item in nav.pages if item.meta.get("type") != "search" and item.url]


def render(content: str, nav, page, _unused=None) -> str:
    lang = getattr(page.file, "locale_alternate_of", None) or site_config.default_language()
    ui = interface_strings.load(lang)
    root = get_relative_url("", page.url).rstrip("/")
    root = "" if root in ("", ".") else root + "/"
    e = html_lib.escape
    items = "".join(f'<li><a href="{e(url)}">{e(title)}</a></li>' for title, url in _pages(nav, page))
    form = (
        f'<div class="site-search" role="search" hidden data-index="{root}assets/search/{lang}.js" '
        f'data-root="{root}" data-loading="{e(ui["search.loading"])}" data-none="{e(ui["search.none"])}" '
        f'data-results="{e(ui["search.results"])}">'
        f'<label for="site-search-q">{e(ui["search.label"])}</label>'
        f'<input id="site-search-q" name="q" type="search" autocomplete="off">'
        f'<button type="button">{e(ui["search.button"])}</button></div>'
        '<p class="site-search__status" aria-live="polite"></p><ol class="site-search__results"></ol>'
        f'<p class="site-search__nojs">{e(ui["search.no_script"])}</p>'
        f'<h2 id="all-pages">{e(ui["search.all_pages"])}</h2><ul class="site-search__all">{items}</ul>'
        f'<script src="{root}assets/search.js" defer></script>'
    )
    return content.replace(MARKER, form)
