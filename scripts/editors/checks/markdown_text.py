"""Reading a page's Markdown body line by line, as the checks need it.

Code (fenced blocks and `inline code`) is shown to the reader as text, never run or loaded, so
the content checks skip it; HTML comments (`<!-- services: ... -->` markers) are skipped too.
"""
from __future__ import annotations

import re
from typing import Iterator

FENCE = re.compile(r"^\s{0,3}(```|~~~)")
CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")
COMMENT = re.compile(r"<!--.*?-->")
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")

# Where a Markdown or HTML page puts an address (group "url").
LINK = re.compile(r"(?P<image>!?)\[(?P<text>(?:[^\[\]]|\[[^\]]*\])*)\]\(\s*(?P<url><[^>]*>|[^)\s]*)")
REFERENCE_USE = re.compile(r"(?P<image>!?)\[(?P<text>[^\]]*)\]\[(?P<ref>[^\]]*)\]")
REFERENCE_DEF = re.compile(r"^\s{0,3}\[(?P<ref>[^\]]+)\]:\s*(?P<url><[^>]*>|\S+)")
TAG = re.compile(r"<(?P<name>[a-zA-Z][a-zA-Z0-9-]*)\b(?P<attrs>[^>]*)>?")
ATTRIBUTE_URL = re.compile(
    r"\b(?P<attr>href|src|srcset|action|formaction|poster|data|xlink:href|background|cite|longdesc)\s*=\s*"
    r"(?P<url>\"[^\"]*\"?|'[^']*'?|[^\s>]+)", re.I)
AUTOLINK = re.compile(r"<(?P<url>[a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*)>")
CSS_URL = re.compile(r"url\(\s*(?P<url>\"[^\"]*\"|'[^']*'|[^)]*)\)", re.I)


def body_lines(text: str, first: int) -> Iterator[tuple[int, str]]:
    """Yield (line number, text) for the body from line `first` on, code and comments blanked."""
    in_fence = None
    for number, line in enumerate(text.split("\n"), 1):
        if number < first:
            continue
        fence = FENCE.match(line)
        if in_fence:
            if fence and fence.group(1) == in_fence:
                in_fence = None
            continue
        if fence:
            in_fence = fence.group(1)
            continue
        yield number, COMMENT.sub(" ", CODE_SPAN.sub(" ", line.rstrip("\r")))


def unquote(url: str) -> str:
    url = url.strip()
    if len(url) >= 2 and url[0] in "<\"'" and url[-1] in ">\"'":
        return url[1:-1].strip()
    return url.strip("\"'<>")


def references(text: str, first: int) -> dict[str, str]:
    """Reference-style link definitions: `[name]: address`, by lower-cased name."""
    found = {}
    for _, line in body_lines(text, first):
        match = REFERENCE_DEF.match(line)
        if match:
            found[match["ref"].strip().lower()] = unquote(match["url"])
    return found


def addresses(line: str, refs: dict[str, str]) -> Iterator[tuple[str, str]]:
    """Yield (kind, address) for every address on a body line; kind is 'link', 'image' or 'html-<tag>'."""
    for match in LINK.finditer(line):
        yield ("image" if match["image"] else "link"), unquote(match["url"])
    for match in REFERENCE_USE.finditer(line):
        name = (match["ref"] or match["text"]).strip().lower()
        if name in refs:
            yield ("image" if match["image"] else "link"), refs[name]
    definition = REFERENCE_DEF.match(line)
    if definition:
        yield "reference", unquote(definition["url"])
    for tag in TAG.finditer(line):
        for attribute in ATTRIBUTE_URL.finditer(tag["attrs"]):
            yield f"html-{tag['name'].lower()}", unquote(attribute["url"])
    for match in AUTOLINK.finditer(line):
        yield "link", match["url"]
    for match in CSS_URL.finditer(line):
        yield "css", unquote(match["url"])


def is_external(url: str) -> bool:
    """An address on another site (or any scheme but a page of ours)."""
    return url.startswith("//") or bool(SCHEME.match(url))
