"""What a page publishes: its HTML after Markdown, through one sanitiser (nh3, Rust's ammonia).

The build publishes only what the sanitiser keeps, and stops when it would remove anything;
`make check` renders each page with the same Markdown settings (mkdocs.yml) and reports the same
removals as `file:line: Must not …`. The check therefore reads what a browser would read, not
the Markdown text: a tag split over two lines, an `{: href=… }` attribute list or a `<!-->`
comment are judged as HTML, after Markdown made them HTML.
"""
from __future__ import annotations

import difflib
import functools
import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable, Iterator

import nh3

from scripts.core import site_config

# What a page may contain: text, headings, lists, tables, links and images.
TAGS = {"p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "kbd", "samp", "em",
        "strong", "b", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup", "abbr", "dfn", "q", "cite",
        "bdi", "bdo", "wbr", "time", "span", "div", "ul", "ol", "li", "dl", "dt", "dd", "table", "caption",
        "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td", "figure", "figcaption", "details",
        "summary", "a", "img", "nav", "section", "article", "aside", "header", "footer"}
ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir", "role", "aria-label", "aria-hidden", "aria-current"},
    "a": {"href", "hreflang", "rel", "download", "type"},
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start", "reversed", "type"}, "li": {"value"}, "col": {"span"}, "colgroup": {"span"},
    "th": {"colspan", "rowspan", "scope", "headers"}, "td": {"colspan", "rowspan", "headers"},
    "time": {"datetime"}, "details": {"open"},
}
# The alignment Markdown's tables write: the only style a page keeps.
ALIGNED = {"style": {f"text-align: {side};" for side in ("left", "center", "right")}}
SCHEMES = {"https", "mailto", "tel"}
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
# "//host/…" and its backslash forms lead to another site though they look relative.
OTHER_HOST = re.compile(r"^[\x00-\x20]*[/\\]{2}")
CODE_SCHEMES = {"javascript", "vbscript", "livescript"}
MOST_REPORTED = 50  # a page's removals reported with their lines; the rest are counted


def _relative_url(url: str) -> str | None:
    return None if OTHER_HOST.match(url) else url


def _only_our_images(tag: str, attribute: str, value: str) -> str | None:
    """An image from another site would make the reader's phone contact that site."""
    if tag == "img" and attribute == "src" and SCHEME.match(_without_controls(value)):
        return None
    return value


CLEANER = nh3.Cleaner(tags=TAGS, attributes=ATTRIBUTES, tag_attribute_values={"th": ALIGNED, "td": ALIGNED},
                      url_schemes=SCHEMES, url_relative=_relative_url, attribute_filter=_only_our_images,
                      link_rel=None, strip_comments=False)  # comments stay: the directory's list places are comments


@dataclass(frozen=True)
class Removed:
    """An element, or one attribute of an element, that the sanitiser leaves out."""
    tag: str
    attribute: str | None = None
    value: str = ""


def clean(fragment: str) -> tuple[str, list[Removed]]:
    """The fragment as published, and what the sanitiser removed from it, in document order."""
    published = CLEANER.clean(fragment).replace("&nbsp;", "\u00a0")  # the serialiser's entity: the same text, 5 bytes fewer
    everything = _keeping_all(fragment).replace("&nbsp;", "\u00a0")
    if everything == published:
        return published, []
    return published, _difference(_start_tags(everything), _start_tags(published))


TAG_NAME = re.compile(r"<([A-Za-z][^\t\n\f\r />]*)")
SCHEME_NAME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")


def _keeping_all(fragment: str) -> str:
    """The fragment as the sanitiser parses and writes it, nothing removed: compared with the
    published fragment, the difference is what the allow-list removed."""
    tags = {name.lower() for name in TAG_NAME.findall(fragment)}
    decoded = html.unescape(fragment)
    schemes = {name.lower() for text in (decoded, re.sub(r"[\t\n\r]", "", decoded)) for name in SCHEME_NAME.findall(text)}
    return nh3.clean(fragment, tags=tags, clean_content_tags=set(), attributes={}, generic_attribute_prefixes={""},
                     url_schemes=schemes, link_rel=None, strip_comments=False)


class _StartTags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def _start_tags(serialised: str) -> list[tuple[str, dict]]:
    """Start tags of the sanitiser's own output (well-formed: a plain tokeniser reads it right)."""
    parser = _StartTags()
    parser.feed(serialised)
    parser.close()
    return parser.found


def _difference(before, after) -> list[Removed]:
    removed = []
    matcher = difflib.SequenceMatcher(None, [tag for tag, _ in before], [tag for tag, _ in after], autojunk=False)
    for operation, first, last, kept_first, kept_last in matcher.get_opcodes():
        if operation != "equal":  # an allowed tag goes only with the element around it, reported itself
            removed += [Removed(tag) for tag, _ in before[first:last] if tag not in TAGS]
            continue
        for (tag, attributes), (_, kept) in zip(before[first:last], after[kept_first:kept_last]):
            removed += [Removed(tag, name, value or "") for name, value in attributes.items()
                        if name not in kept or kept[name] != value]
    return removed


# Where a removal comes from in the Markdown, and what the editor should do.

def locate(lines: list[str], render: Callable[[str], str], removed: list[Removed]) -> list[tuple[int, Removed]]:
    """(0-based line, removal) for each removal: the first beginning of the page whose HTML
    already holds it, found by halving; then back to the line where its tag or attribute starts."""
    found_in: dict[int, list[Removed]] = {}

    def count(length: int, item: Removed) -> int:
        if length not in found_in:
            found_in[length] = clean(render("\n".join(lines[:length])))[1]
        return found_in[length].count(item)

    located, seen = [], {}
    for item in removed[:MOST_REPORTED]:
        seen[item] = occurrence = seen.get(item, 0) + 1
        low, high = 1, len(lines)
        while low < high:
            middle = (low + high) // 2
            if count(middle, item) >= occurrence:
                high = middle
            else:
                low = middle + 1
        located.append((_start_line(lines, low - 1, item), item))
    return located


def _start_line(lines: list[str], index: int, item: Removed) -> int:
    """The line, in the block that ends at `index`, where the element or the address is written."""
    needles = [f"<{item.tag}"] if item.attribute is None else [item.attribute.lower(), item.value.lower()[:40]]
    for back in range(min(index, len(lines) - 1), -1, -1):
        if not lines[back].strip():
            break
        if any(needle and needle in lines[back].lower() for needle in needles):
            return back
    return index


ELEMENT_REASONS = {
    "script": "pages carry no code", "noscript": "pages carry no code", "applet": "it runs code",
    "iframe": "it loads another site into the page", "frame": "it loads another site into the page",
    "frameset": "it loads another site into the page", "portal": "it loads another site into the page",
    "object": "it embeds a plug-in or another site", "embed": "it embeds a plug-in or another site",
    "link": "it loads a file into the page", "style": "styles belong in docs/assets/site.css",
    "meta": "it can redirect or change the page", "base": "it changes where every link leads",
    "form": "it can send what the reader types to another site", "input": "it can collect what the reader types",
    "button": "it can send what the reader types to another site", "svg": "it can run code or load files",
    "math": "it can run code or load files", "video": "it loads a file from wherever it says",
    "audio": "it loads a file from wherever it says", "source": "it loads a file from wherever it says",
    "picture": "it loads a file from wherever it says",
}


def message(item: Removed) -> str:
    if item.attribute is None:
        reason = ELEMENT_REASONS.get(item.tag, "the published page keeps only text, headings, lists, tables, links and images")
        return (f"Must not use the HTML tag <{item.tag}>: {reason}. Remove it; to point to a video, map or form, "
                "write a link instead: [what it is](https://…)")
    name = item.attribute.lower()
    if name.startswith("on"):
        return f"Must not use the inline event handler '{name}=': pages carry no code. Remove the attribute"
    if name in ("href", "src"):
        return _address_message(item)
    if name == "style":
        return "Must not use the attribute 'style': styles belong in docs/assets/site.css. Remove it"
    return (f"Must not use the attribute '{name}' on <{item.tag}>: the published page leaves it out "
            "(it can load, send or hide things). Remove it")


def _address_message(item: Removed) -> str:
    url = _without_controls(html.unescape(item.value))
    match = SCHEME.match(url)
    scheme = match.group(1).lower() if match else None
    shown = item.value[:60]
    if scheme == "data":
        return ("Must not use a 'data:' address: it hides a file or code inside the page. Save the image under "
                "docs/assets/ and link to it: ![description](../assets/name.png)")
    if scheme in CODE_SCHEMES:
        return (f"Must not use a '{scheme}:' address: links may not run code. Link to a page (page.md) or to a "
                "full https:// address")
    if item.tag == "img":
        return (f"Must not show an image or embed from another site ({shown}): the reader's phone would contact "
                "that site. Save the image under docs/assets/ (at most 200 KB) and use "
                "![description](../assets/name.png), or link to the page: [title](https://…)")
    if scheme == "http":
        return (f"Must use an https:// address, not '{shown}': over http:// anyone on the reader's network sees "
                "and can change the page. Write https://")
    if scheme:
        return (f"Must not link to a '{scheme}:' address ({shown}): a page links only to https://, mailto: and "
                "tel: addresses and to its own pages (page.md)")
    return (f"Must write the full https:// address instead of '{shown}': an address starting with // leads to "
            "another site")


def _without_controls(url: str) -> str:
    return re.sub(r"[\x00-\x20]", "", url)


# The check: a page's Markdown rendered as mkdocs renders it.

# mkdocs adds these to every site's markdown_extensions (MkDocsConfig.markdown_extensions.builtins;
# a test holds the two equal). Importing mkdocs.config for them would cost make check a tenth of a second.
BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")


@functools.lru_cache(maxsize=4)
def _markdown(mkdocs_yml: Path):
    import markdown

    settings = site_config.load(mkdocs_yml) or {}
    return markdown.Markdown(**extensions(settings))


def extensions(settings: dict) -> dict:
    """The Markdown extensions and their settings that mkdocs uses for a parsed mkdocs.yml."""
    names, configs = list(BUILTIN_EXTENSIONS), {}
    for item in settings.get("markdown_extensions") or []:
        name, config = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        if config:
            configs[name] = config
        if name not in names:
            names.append(name)
    return {"extensions": names, "extension_configs": configs}


def renderer(mkdocs_yml: Path) -> Callable[[str], str]:
    md = _markdown(mkdocs_yml)
    return lambda text: md.reset().convert(text)


def problems(text: str, first: int, mkdocs_yml: Path) -> Iterator[tuple[int, str]]:
    """Yield (line, message) for what the sanitiser would remove from the page's HTML; `text`
    is the whole file, its Markdown body starting at line `first`."""
    lines = text.split("\n")[first - 1:]
    render = renderer(mkdocs_yml)
    removed = clean(render("\n".join(lines)))[1]
    for index, item in locate(lines, render, removed):
        yield first + index, message(item)
    if len(removed) > MOST_REPORTED:
        yield first + len(lines) - 1, (f"Must not use what the published page would leave out: {len(removed) - MOST_REPORTED} "
                                       "more places on this page are not listed above. Remove them too")
