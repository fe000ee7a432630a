"""Which input files may reach the published site: build and `make check` alike.

mkdocs copies every file under docs/ that is not Markdown into the site as it is. Only the kinds
a page needs are allowed (pictures, PDFs, fonts, and the site's own stylesheet and script in
docs/assets/); an SVG only when it holds nothing but drawing; and no symbolic link anywhere in
the inputs, since a link would publish whatever it points to (/etc/passwd, the build's
environment, the repository's configuration).
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Iterator
from xml.parsers import expat

INPUT_FOLDERS = ("docs", "data", "i18n", "overrides", "schemas")
PICTURES = {".png", ".jpg", ".jpeg", ".webp"}
ALLOWED = PICTURES | {".pdf", ".woff2", ".svg"}
SITE_OWN = {".css", ".js"}  # only in docs/assets/: the site's own stylesheet and search script
ASSETS = "assets"


def problems(root: Path, docs: Path) -> Iterator[tuple[str, int, str]]:
    """(path, line, message) for every symbolic link in the inputs and every file under `docs`
    that must not be published; no link is followed and no linked file is read."""
    yield from symlink_problems(root)
    yield from file_problems(docs, root)


def symlink_problems(root: Path) -> Iterator[tuple[str, int, str]]:
    """(path, line, message) for every symbolic link in the input folders, never following one."""
    for name in INPUT_FOLDERS + ("mkdocs.yml",):
        top = root / name
        if top.is_symlink():
            yield _symlink(root, top)
        elif top.is_dir():
            yield from (_symlink(root, Path(path)) for path in _links_under(str(top)))


def _links_under(folder: str) -> Iterator[str]:
    """Symbolic links in the folder (by name), then in its subfolders: scandir knows a link
    without a system call per file (data/services/ may hold thousands)."""
    with os.scandir(folder) as found:
        entries = sorted(found, key=lambda entry: entry.name)
    yield from (entry.path for entry in entries if entry.is_symlink())
    for entry in entries:
        if not entry.is_symlink() and entry.is_dir(follow_symlinks=False):
            yield from _links_under(entry.path)


def _symlink(root: Path, path: Path) -> tuple[str, int, str]:
    return (path.relative_to(root).as_posix(), 1,
            "Must not be a symbolic link: the site would publish whatever it points to, even a file of the machine "
            "that builds it. Remove the link (git rm); if the site needs that file, add the file itself")


def file_problems(docs: Path, root: Path) -> Iterator[tuple[str, int, str]]:
    """(path, line, message) for each file under docs/ that must not be published."""
    for folder, dirs, files in os.walk(docs):
        # Links are reported above; mkdocs leaves out hidden names (.gitkeep of `make add-language`).
        dirs[:] = sorted(name for name in dirs if not name.startswith(".") and not (Path(folder) / name).is_symlink())
        for name in sorted(files):
            path = Path(folder) / name
            if path.is_symlink() or name.endswith(".md") or name.startswith("."):
                continue
            rel = path.relative_to(root).as_posix()
            suffix = path.suffix.lower()
            in_assets = Path(folder) == docs / ASSETS
            if suffix == ".svg":
                yield from ((rel, line, text) for line, text in svg_problems(path.read_bytes()))
            elif suffix in SITE_OWN and in_assets:
                continue
            elif suffix not in ALLOWED:
                yield rel, 1, _not_published(suffix)


def _not_published(suffix: str) -> str:
    kind = f"a '{suffix}' file" if suffix else "a file without an extension"
    what = ("a page must be Markdown (.md): the build makes the HTML" if suffix in (".html", ".htm")
            else "the site's only scripts and stylesheets are docs/assets/site.css and search.js" if suffix in SITE_OWN
            else "a page publishes only pictures (PNG, JPEG, WebP), PDFs and fonts (WOFF2)")
    return f"Must not be published: {kind} under docs/ would be served as it is, and {what}. Remove it"


# SVG: a drawing, and nothing that could run, load or link.
SVG_ELEMENTS = {"svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "title", "desc",
                "defs", "lineargradient", "radialgradient", "stop", "clippath", "use", "symbol", "text", "tspan"}
SVG_ATTRIBUTES = {"xmlns", "xmlns:xlink", "version", "viewbox", "preserveaspectratio", "width", "height", "x", "y",
                  "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "d", "points", "transform", "id",
                  "class", "fill", "fill-rule", "fill-opacity", "stroke", "stroke-width", "stroke-linecap",
                  "stroke-linejoin", "stroke-opacity", "stroke-dasharray", "opacity", "offset", "stop-color",
                  "stop-opacity", "gradientunits", "gradienttransform", "spreadmethod", "clip-path", "clip-rule",
                  "clippathunits", "font-size", "font-family", "font-weight", "text-anchor", "dominant-baseline",
                  "role", "aria-label", "aria-hidden", "href", "xlink:href"}
LOCAL_REFERENCE = re.compile(r"#[\w.-]+")
OUTSIDE_REFERENCE = re.compile(r"url\(\s*['\"]?(?!#)", re.I)


def svg_problems(data: bytes) -> list[tuple[int, str]]:
    """(line, message) for everything in an SVG file but drawing."""
    parser = expat.ParserCreate()
    found: list[tuple[int, str]] = []

    def element(name: str, attributes: dict) -> None:
        line, local = parser.CurrentLineNumber, name.rsplit(":", 1)[-1].lower()
        if local not in SVG_ELEMENTS:
            found.append((line, f"Must not contain <{name}> in an SVG: a published SVG may only draw (no script, "
                                "link, style, image or embedded page). Remove it, or save the picture as PNG"))
        for attribute, value in attributes.items():
            lowered = attribute.lower()
            if lowered not in SVG_ATTRIBUTES:
                found.append((line, f"Must not use the attribute '{attribute}' in an SVG: it can run code or load "
                                    "files. Remove it, or save the picture as PNG"))
            elif (lowered.endswith("href") and not LOCAL_REFERENCE.fullmatch(value)) or OUTSIDE_REFERENCE.search(value):
                found.append((line, f"Must refer only to parts of the same SVG ('#id'), not '{value[:60]}'"))

    def declaration(*_):
        found.append((parser.CurrentLineNumber, "Must not have a <!DOCTYPE> or entities in an SVG: they can read "
                                                "other files. Remove the declaration"))
        raise _Stop

    parser.StartElementHandler = element
    parser.StartDoctypeDeclHandler = declaration
    parser.ProcessingInstructionHandler = lambda target, _: found.append(
        (parser.CurrentLineNumber, f"Must not contain the instruction <?{target} …?> in an SVG. Remove it"))
    try:
        parser.Parse(data, True)
    except _Stop:
        pass
    except expat.ExpatError as error:
        found.append((error.lineno, f"Must be a well-formed SVG: {expat.errors.messages[error.code]}"))
    return found


class _Stop(Exception):
    pass
