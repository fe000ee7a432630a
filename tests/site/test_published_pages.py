"""Every page the build publishes, parsed as a browser parses it (Lexbor, the WHATWG algorithm):
nothing on it runs code, loads from or sends to another site, or sends the reader elsewhere."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from selectolax.lexbor import LexborHTMLParser

from scripts.site import admin_page

# Elements that load another site, send what the reader types, or change where links lead.
FORBIDDEN = {"base", "form", "iframe", "object", "embed", "frame", "frameset", "applet", "portal"}
URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "poster", "data", "background", "cite", "ping",
                  "xlink:href", "content"}
CODE_URL = re.compile(r"^(javascript|vbscript|livescript|data):", re.I)
SITE_SCRIPTS = {"assets/search.js",  # the search page's script, from docs/assets/
                f"{admin_page.FOLDER}/sveltia-cms.js"}  # the browser editor, admin/ only (issue 17)
SHORT_LINKS = "s/"  # s/<lang><code>/: the short links of the leaflets' QR codes redirect


def problems(site: Path, page: Path) -> list[str]:
    rel = page.relative_to(site).as_posix()
    tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
    found = []
    for node in tree.root.traverse(include_text=False):
        if node.tag.startswith("-"):  # comments, doctype
            continue
        found += [f"{rel}: {text}" for text in _element_problems(rel, node)]
    return found


def _element_problems(rel: str, node):
    tag, attributes = node.tag, node.attributes
    if tag in FORBIDDEN:
        yield f"<{tag}>"
    for name, value in attributes.items():
        lowered, value = name.lower(), value or ""
        if lowered.startswith("on"):
            yield f"<{tag} {name}=…>: an event handler"
        if lowered in URL_ATTRIBUTES or lowered.endswith("href"):
            for url in value.split(",") if lowered == "srcset" else [value]:
                if CODE_URL.match(re.sub(r"[\x00-\x20]", "", url)):
                    yield f"<{tag} {name}={value[:50]!r}>: a code or data address"
        if lowered == "style" and re.search(r"url\(|expression\(|javascript:", value, re.I):
            yield f"<{tag} style={value[:50]!r}>: a style that loads"
    if tag == "meta" and (attributes.get("http-equiv") or "").strip().lower() == "refresh":
        target = (attributes.get("content") or "").partition("url=")[2].strip()
        if not rel.startswith(SHORT_LINKS):
            yield "<meta http-equiv=refresh> outside the short links"
        elif not target or re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*:|[/\\]{2})", target):
            yield f"<meta http-equiv=refresh> to {target!r}: a short link leads only to a page of the site"
    if tag == "script":
        source = attributes.get("src")
        if not source or urljoin(rel, source) not in SITE_SCRIPTS or node.text(deep=True).strip():
            yield f"<script src={source!r}>: not the site's own script"


def test_no_published_page_runs_loads_or_sends(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 300, "the whole site: guides, directory, short links, editors' pages"
    found = [problem for page in pages for problem in problems(built_site, page)]
    assert not found, "\n".join(found[:40])


@pytest.mark.parametrize("markup, rel", [
    ('<p onclick="x">a</p>', "a.html"),
    ('<img src="x" ONERROR="x">', "a.html"),
    ('<a href="java\tscript:alert(1)">a</a>', "a.html"),
    ('<a href=" data:text/html,x">a</a>', "a.html"),
    ('<svg><a xlink:href="javascript:x"><text>a</text></a></svg>', "a.html"),
    ('<meta http-equiv="Refresh" content="0;url=https://evil.example/">', "a.html"),
    ('<meta http-equiv="refresh" content="0; url=https://evil.example/">', "s/ru2/index.html"),
    ('<base href="https://evil.example/">', "a.html"),
    ('<form><input name="q"></form>', "a.html"),
    ('<iframe src="https://evil.example/"></iframe>', "a.html"),
    ('<object data="x.swf"></object>', "a.html"),
    ('<embed src="x.swf">', "a.html"),
    ('<script>alert(1)</script>', "a.html"),
    ('<script src="https://evil.example/x.js"></script>', "a.html"),
    ('<script src="assets/search.js">alert(1)</script>', "a.html"),
    ('<p style="background: url(https://evil.example/x.png)">a</p>', "a.html"),
    ('<!--><img src=x onerror=alert(1)>-->', "a.html"),
])
def test_the_audit_finds_what_a_browser_would_run(tmp_path, markup, rel):
    page = tmp_path / rel
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(f"<!doctype html><html><head></head><body>{markup}</body></html>", encoding="utf-8")
    assert problems(tmp_path, page)


def test_the_audit_passes_the_site_s_own_search_script_and_short_links(tmp_path):
    search = tmp_path / "en/search.html"
    search.parent.mkdir()
    search.write_text('<html><body><script src="../assets/search.js" defer></script></body></html>', encoding="utf-8")
    short = tmp_path / "s/en2/index.html"
    short.parent.mkdir(parents=True)
    short.write_text('<html><head><meta http-equiv="refresh" content="0; url=../../en/work.html"></head></html>',
                     encoding="utf-8")
    assert problems(tmp_path, search) == [] and problems(tmp_path, short) == []


def test_every_published_svg_only_draws(built_site):
    from scripts.core import published_files
    svgs = sorted(built_site.rglob("*.svg"))
    assert svgs, "the favicon at least"
    found = {svg.relative_to(built_site).as_posix(): published_files.svg_problems(svg.read_bytes()) for svg in svgs}
    assert not {path: problems for path, problems in found.items() if problems}
