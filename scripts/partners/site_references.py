"""Which files of a built site each page and stylesheet refers to, and which of them are missing.

The mirror ships only the assets the pages use, and checks that a copy opened from disk has
every file its pages point to. References are read from HTML attributes (href, src, srcset,
data-index, a refresh redirect's url=) and from url() in CSS; links to other sites, tel:,
mailto:, data: and fragments are not files and are skipped.
"""
from __future__ import annotations

import functools
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator
from urllib.parse import unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser

URL_ATTRIBUTES = {"href", "src", "data-index", "poster"}
CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)""")
REFRESH_URL = re.compile(r"url\s*=\s*['\"]?([^'\";]+)", re.IGNORECASE)
_WITH_REFERENCES = ",".join(f"[{name}]" for name in (*sorted(URL_ATTRIBUTES), "srcset", "style")) + ",meta"


@dataclass(frozen=True)
class Reference:
    source: str  # site-relative path of the file that refers, e.g. "ky/arrival.html"
    value: str  # the reference as written, e.g. "../assets/site.css"
    target: str  # site-relative path it resolves to, e.g. "assets/site.css"
    absolute: bool  # written from the server root ("/assets/…"): breaks from disk and under a sub-path


def _html_values(text: str) -> tuple[str, ...]:
    """Lexbor reads the page as a browser does (an HTML5 parser, as for the stylesheet: ten times
    faster than html.parser over a mirror's pages, with the same references on every page). What a
    <template> holds is not read, as a browser loads nothing from it until a script uses it: no page has one."""
    values = []
    for element in LexborHTMLParser(text).css(_WITH_REFERENCES):
        attributes = element.attributes
        for name, value in attributes.items():
            if value is None:
                continue
            if name in URL_ATTRIBUTES:
                values.append(value)
            elif name == "srcset":
                values.extend(part.strip().split(" ")[0] for part in value.split(",") if part.strip())
            elif name == "style":
                values.extend(match.group(2) for match in CSS_URL.finditer(value))
        if element.tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh":
            match = REFRESH_URL.search(attributes.get("content") or "")
            if match:
                values.append(match.group(1).strip())
    return tuple(values)


def raw_values(path: Path) -> list[str]:
    """Every URL written in an HTML or CSS file, as written (parsed once per file version)."""
    stat = path.stat()
    return list(_parsed(str(path), stat.st_mtime_ns, stat.st_size))


@functools.lru_cache(maxsize=4096)
def _parsed(path: str, mtime_ns: int, size: int) -> tuple[str, ...]:
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    if path.endswith(".css"):
        return tuple(match.group(2) for match in CSS_URL.finditer(text))
    return _html_values(text)


def resolve(source: str, value: str) -> tuple[str, bool] | None:
    """The site-relative file a reference from `source` points to, or None if it is not a file here."""
    value = value.strip()
    if not value or value.startswith("#"):
        return None
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or value.startswith("//"):
        return None
    path = unquote(parts.path)
    if not path:
        return None
    absolute = path.startswith("/")
    joined = path.lstrip("/") if absolute else posixpath.join(posixpath.dirname(source), path)
    target = posixpath.normpath(joined)
    if target == "." or path.endswith("/"):
        target = posixpath.join("" if target == "." else target, "index.html")
    return target, absolute


def references(site: Path, source: str) -> Iterator[Reference]:
    """The local references of one HTML or CSS file of the site."""
    for value in raw_values(site / source):
        resolved = resolve(source, value)
        if resolved:
            yield Reference(source, value, resolved[0], resolved[1])


def is_document(path: str) -> bool:
    return path.endswith((".html", ".css"))


def site_files(site: Path) -> list[str]:
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file())


def reachable(site: Path, start: Iterable[str], follow=lambda reference: True) -> set[str]:
    """Files reached from `start` by following references (through HTML and CSS files)."""
    seen: set[str] = set()
    queue = [path for path in start if (site / path).is_file()]
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        if is_document(path):
            for reference in references(site, path):
                if reference.target not in seen and (site / reference.target).is_file() and follow(reference):
                    queue.append(reference.target)
    return seen


def broken(site: Path, files: Iterable[str] | None = None) -> list[Reference]:
    """References, from the given HTML and CSS files (all by default), to files that do not exist."""
    checked = [path for path in (files if files is not None else site_files(site)) if is_document(path)]
    return [reference for path in checked for reference in references(site, path)
            if not (site / reference.target).is_file()]
