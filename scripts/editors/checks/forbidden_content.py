"""Content that would run code or load something from another site on a family's phone.

Pages carry no code and make no request to any third party (README, "Who it is for"): raw HTML
that runs or embeds, inline event handlers, javascript: and data: addresses, external images.
"""
from __future__ import annotations

import html
import re
from typing import Iterator

from scripts.editors.checks import markdown_text

TAGS = {
    "script": "pages carry no code",
    "iframe": "it loads another site into the page",
    "frame": "it loads another site into the page",
    "frameset": "it loads another site into the page",
    "object": "it embeds a plug-in or another site",
    "embed": "it embeds a plug-in or another site",
    "applet": "it runs code",
    "portal": "it loads another site into the page",
    "link": "it loads a file into the page",
    "style": "styles belong in docs/assets/site.css",
    "meta": "it can redirect or change the page",
    "base": "it changes where every link leads",
    "form": "it can send what the reader types to another site",
}
FORBIDDEN_TAG = re.compile(r"<\s*/?\s*(" + "|".join(TAGS) + r")\b", re.I)
# An on...= attribute inside an HTML tag or a Markdown attribute list {: ... }.
ATTRIBUTE_PLACES = re.compile(r"<[a-zA-Z][^>]*>?|\{[^}]*\}")
EVENT_HANDLER = re.compile(r"(?:^|[\s\"'/{;])(on[a-z]{3,})\s*=", re.I)
CODE_SCHEMES = re.compile(r"^(javascript|vbscript|data|livescript):", re.I)
LOADS = {"image", "css"} | {f"html-{tag}" for tag in ("img", "video", "audio", "source", "track", "picture", "input", "image", "svg", "use", "body", "table", "td")}


def _scheme(url: str) -> str | None:
    cleaned = re.sub(r"[\s\x00-\x1f]", "", html.unescape(url))
    match = CODE_SCHEMES.match(cleaned)
    return match.group(1).lower() if match else None


def problems(text: str, first: int, refs: dict[str, str] | None = None) -> Iterator[tuple[int, str]]:
    """Yield (line, message) for forbidden content in a Markdown body starting at line `first`."""
    refs = markdown_text.references(text, first) if refs is None else refs
    for number, line in markdown_text.body_lines(text, first):
        for match in FORBIDDEN_TAG.finditer(line):
            tag = match.group(1).lower()
            if not match.group(0).replace(" ", "").startswith("</"):
                yield number, (f"Must not use the HTML tag <{tag}>: {TAGS[tag]}. Remove it; to point to a video, "
                               "map or form, write a link instead: [what it is](https://…)")
        for place in ATTRIBUTE_PLACES.finditer(line):
            for handler in EVENT_HANDLER.finditer(place.group()):
                yield number, (f"Must not use the inline event handler '{handler.group(1)}=': pages carry no code. "
                               "Remove the attribute")
        for kind, url in markdown_text.addresses(line, refs):
            scheme = _scheme(url)
            if scheme == "data":
                yield number, ("Must not use a 'data:' address: it hides a file or code inside the page. Save the "
                               "image under docs/assets/ and link to it: ![description](../assets/name.png)")
            elif scheme:
                yield number, (f"Must not use a '{scheme}:' address: links may not run code. Link to a page "
                               "(page.md) or to a full https:// address")
            elif kind in LOADS and markdown_text.is_external(url):
                yield number, (f"Must not show an image or embed from another site ({url[:60]}): the reader's phone "
                               "would contact that site. Save the image under docs/assets/ (at most 200 KB) and use "
                               "![description](../assets/name.png), or link to the page: [title](https://…)")
