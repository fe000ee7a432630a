"""Links between pages, to directory entries, to headings and to files under docs/.

A link is written to the Markdown file (`work.md`, `directory/<id>.md`), relative to the page,
as mkdocs expects; a translation may link to a page only Russian has (the reader gets the
Russian page with a notice), so a page exists if it exists in the page's language or in Russian.
"""
from __future__ import annotations

import html
import posixpath
import re
from typing import Iterator
from urllib.parse import unquote

from scripts.editors.checks import directory, markdown_text
from scripts.editors.checks.project import Page, Project

HEADING = re.compile(r"^(#{1,6})\s+(?P<text>.*?)(?:\s+#+)?\s*$")
HEADING_ID = re.compile(r"\{[^}]*#(?P<id>[\w-]+)[^}]*\}\s*$")
INLINE_MARKUP = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|[*_`]|<[^>]+>")
DIRECTORY = directory.FOLDER


def _slugify():
    # The slugify of mkdocs.yml's toc extension (Cyrillic kept, lower case).
    from pymdownx.slugs import slugify
    return slugify(case="lower")


def heading_ids(page: Page) -> set[str]:
    """The anchors mkdocs gives the page's headings (with _1, _2 for repeats)."""
    if page.text is None:
        return set()
    slug, seen = _slugify(), set()
    for _, line in markdown_text.body_lines(page.text, page.body_start):
        match = HEADING.match(line)
        if not match:
            continue
        explicit = HEADING_ID.search(match["text"])
        if explicit:
            seen.add(explicit["id"])
            continue
        base = slug(INLINE_MARKUP.sub(r"\1", match["text"]).strip(), "-")
        anchor, count = base, 0
        while anchor in seen:
            count += 1
            anchor = f"{base}_{count}"
        seen.add(anchor)
    return seen


def problems(page: Page, project: Project, service_pages: set[str]) -> Iterator[tuple[int, str]]:
    """Yield (line, message) for each link of `page` that leads nowhere.

    `service_pages` holds the directory's page names ('index.md', '<id>.md', ...).
    """
    if page.text is None:
        return
    refs = markdown_text.references(page.text, page.body_start)
    folder = posixpath.dirname(page.name)
    for number, line in markdown_text.body_lines(page.text, page.body_start):
        for kind, url in markdown_text.addresses(line, refs):
            if kind.startswith("html-"):  # an HTML attribute: "jav&#x61;script:" is "javascript:"
                url = html.unescape(url)
            if kind == "css" or not url or markdown_text.is_external(url):
                continue
            if url.startswith("/"):
                yield number, (f"Must use a relative link, not '{url}': a link starting with / breaks on mirrors and "
                               "offline copies. Link to the Markdown file, e.g. [title](work.md)")
                continue
            target, _, anchor = url.partition("#")
            target = unquote(target.split("?", 1)[0])
            yield from _check(page, project, number, folder, target, unquote(anchor), service_pages)


def _check(page, project, number, folder, target, anchor, service_pages):
    if not target:  # a heading on the same page
        if anchor and anchor not in heading_ids(page):
            yield number, f"Must link to an existing heading of this page: there is no '#{anchor}'. Check the heading's words"
        return
    resolved = posixpath.normpath(posixpath.join(folder, target))
    if resolved.startswith("../"):  # a file beside the language folders: docs/assets/...
        path = project.docs / page.lang / resolved
        if not path.resolve().is_file():
            yield number, f"Must link to an existing file: there is no {project.rel(path)} (check the name and the ../)"
        return
    if resolved.endswith(".html"):
        yield number, (f"Must link to the Markdown file, not the built page: write '{target[:-5]}.md' instead of "
                       f"'{target}'")
        return
    if resolved.startswith(DIRECTORY):
        if not directory.is_page_name(resolved[len(DIRECTORY):], service_pages):
            entry = resolved[len(DIRECTORY):].removesuffix(".md")
            yield number, (f"Must link to an existing directory entry: there is no service with id '{entry}' in "
                           "data/services/. Check the id in the entry's file (id: …)")
        return
    if not resolved.endswith(".md"):
        path = project.docs / page.lang / resolved
        if not path.is_file():
            yield number, (f"Must link to an existing page or file: '{target}' is neither. Pages end in .md, "
                           "e.g. [title](work.md)")
        return
    linked = project.page(page.lang, resolved) or project.page(project.default, resolved)
    if linked is None:
        yield number, (f"Must link to an existing page: there is no docs/{project.default}/{resolved}. Check the "
                       "file name (the pages are listed under nav: in mkdocs.yml)")
    elif anchor and anchor not in heading_ids(linked):
        yield number, (f"Must link to an existing heading: {linked.rel} has no heading with the anchor '#{anchor}'. "
                       "Check the heading's words, or link to the page without '#…'")
