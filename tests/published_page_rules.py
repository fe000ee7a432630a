"""What no published page may hold, as a browser parses it (Lexbor, the WHATWG algorithm): code that
runs, an address that loads from or sends to another site, a redirect outside the short links.
Used by tests/site/test_published_pages.py and tests/test_hostile_input.py."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser

from scripts.site import admin_page

# Elements that load another site, send what the reader types, or change where links lead.
FORBIDDEN = {"base", "form", "iframe", "object", "embed", "frame", "frameset", "applet", "portal"}
URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "poster", "data", "background", "cite", "ping",
                  "xlink:href", "content"}
CODE_URL = re.compile(r"^(javascript|vbscript|livescript|data):", re.I)
SITE_SCRIPTS = {"assets/search.js",  # the search page's script, from docs/assets/
                f"{admin_page.FOLDER}/sveltia-cms.js"}  # the browser editor, admin/ only (issue 17)
EMPTY_ICON = "data:,"  # mkdocs.yml's favicon: no icon file to request (issue 16)
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
                if CODE_URL.match(re.sub(r"[\x00-\x20]", "", url)) and not _empty_icon(tag, attributes, lowered, url):
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


def _empty_icon(tag: str, attributes: dict, name: str, url: str) -> bool:
    """The one data: address a page may carry: the empty icon, data:, (nothing to draw or run; it
    spares the request a browser makes for an icon file after the page and its stylesheet)."""
    return (tag == "link" and name == "href" and (attributes.get("rel") or "").strip().lower() == "icon"
            and url.strip() == EMPTY_ICON)
