"""The directory's files of one language, written into the built site.

A page per service and per category or city page (scripts/directory_pages.py makes their bodies;
scripts/page_shell.py the theme's frame around them), a vCard per service, and, in the build at
the site root, the open data. overrides/hooks/directory.py runs this beside mkdocs
(scripts/background.py); the pages are also registered with mkdocs as files, so links and
anchors to them are checked.
"""
from __future__ import annotations

import os

from scripts import directory_pages, open_data


class Writer:
    """Writes the directory's files, one job per language (see write()), and the open data; keeps
    what languages share (scripts/directory_pages.SharedBodies) from one job to the next."""

    def __init__(self, entries, today):
        self.entries, self.today = entries, today
        self.bodies = directory_pages.SharedBodies()

    def __call__(self, job: tuple) -> None:
        kind, *args = job
        if kind == "pages":
            lang, folder, frames = args
            view = directory_pages.View(lang, self.today)
            write(folder, view, self.entries, directory_pages.listings(self.entries, view), frames, self.bodies)
        elif kind == "open data":
            folder, lang, pages, created = args
            view = directory_pages.View(lang, self.today)
            write_texts(folder, open_data.files(self.entries, view, pages, created))


def write(folder: str, view: directory_pages.View, entries, listings, frames: dict,
          bodies: directory_pages.SharedBodies) -> int:
    """Write into `folder` (<site>/<lang>/directory); `frames`: fallback (bool) -> page_shell.Shell.
    Returns the number of files."""
    os.makedirs(folder, exist_ok=True)
    count = 0
    for entry in entries:
        page = bodies.page(entry, view)
        count += _write(os.path.join(folder, f"{entry.id}.html"), _filled(frames, page))
        if directory_pages.has_vcard(entry):
            count += _write(os.path.join(folder, f"{entry.id}.vcf"), directory_pages.vcard_text(entry, view))
    for listing in listings:
        listing.page.body = directory_pages.listing_body(listing, view)
        count += _write(os.path.join(folder, f"{listing.page.name}.html"), _filled(frames, listing.page))
    return count


def write_texts(folder: str, texts: dict[str, str]) -> int:
    """{file name: text} into `folder` (the open data into <site>/data)."""
    os.makedirs(folder, exist_ok=True)
    return sum(_write(os.path.join(folder, name), text) for name, text in texts.items())


def _filled(frames: dict, page: directory_pages.Page) -> bytes:
    return frames[page.fallback].fill_bytes(name=page.name, id=page.id, title=page.title, heading=page.heading,
                                            summary=" ".join(page.summary), body=page.body)


def _write(path: str, content: str | bytes) -> int:
    with open(path, "wb") as handle:  # bytes: a vCard's CRLF line ends stay as written
        handle.write(content.encode("utf-8") if isinstance(content, str) else content)
    return 1
