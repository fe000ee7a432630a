"""The directory's files, written into the built site beside mkdocs.

For each language: a page per service and per category or city page (directory_pages.py makes
their bodies, page_shell.py the theme's frame around them) and a vCard per service; once: the open
data at the site root, which needs no frame: it is written first. A language's vCards are written
by its pages' job: jobs of about the same size, any of which the build can take back, where one
job writing every vCard made the build wait for it (1.6 s at 2,000 services). Each job runs in
the build's worker process (scripts/site/background.py), so that mkdocs builds the guides
meanwhile; each language's job returns its pages' short-link records and search entries, which the
hook adds to the language's manifest and search index. The pages are also in mkdocs' file list,
so links and anchors to them are checked.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

from scripts.directory import directory_pages, open_data, page_shell, services
from scripts.leaflets import shortlinks
from scripts.site import search_page


@dataclass(frozen=True)
class Build:
    """What every job of one build shares. Its entries are read with services.load(), which in the
    build's worker process returns those its first job checked (they are not sent to it again)."""
    today: object
    site_dir: str

    @property
    def entries(self) -> tuple:
        return services.load(today=self.today)


def language_files(build: Build, lang: str, prefix: str, frames: dict) -> tuple[list[str], list[str]]:
    """Write the language's pages and vCards into <site>/<prefix>directory/; `frames`: fallback
    (bool) -> page_shell.Shell. Returns (short-link manifest lines, search index entries)."""
    entries, view = build.entries, directory_pages.View(lang, build.today)
    folder = os.path.join(build.site_dir, prefix, "directory")
    os.makedirs(folder, exist_ok=True)
    pages = [directory_pages.service_page(entry, view) for entry in entries]
    texts = [directory_pages.search_text(entry, view) for entry in entries]
    for listing in directory_pages.listings(entries, view):
        listing.page.body = directory_pages.listing_body(listing, view)
        pages.append(listing.page)
        texts.append(directory_pages.listing_search_text(listing))
    for page in pages:
        values = page_shell.encoded_values(name=page.name, id=page.id, title=page.title, heading=page.heading,
                                           summary=" ".join(page.summary), body=page.body)
        _write(os.path.join(folder, f"{page.name}.html"), frames[page.fallback].fill_encoded(values))
    for entry in entries:
        if directory_pages.has_vcard(entry):  # bytes: its CRLF line ends stay
            _write(os.path.join(folder, f"{entry.id}.vcf"), directory_pages.vcard_text(entry, view).encode("utf-8"))
    return _records(pages, texts, lang, f"{prefix}directory/")


def open_data_files(build: Build, prefixes: dict[str, str], created: str) -> None:
    """The open data into <site>/data/, linking each service's page in every language."""
    entries = build.entries
    pages = {entry.id: {lang: f"{prefix}directory/{entry.id}.html" for lang, prefix in prefixes.items()}
             for entry in entries}
    view = directory_pages.View(next(iter(prefixes)), build.today)
    folder = os.path.join(build.site_dir, "data")
    os.makedirs(folder, exist_ok=True)
    for name, text in open_data.files(entries, view, pages, created).items():
        _write(os.path.join(folder, name), text.encode("utf-8"))


def _records(pages: list, texts: list[str], lang: str, folder_url: str) -> tuple[list[str], list[str]]:
    records, entries = [], []
    for page, text in zip(pages, texts):
        url = f"{folder_url}{page.name}.html"
        record = shortlinks.PageRecord(id=page.id, type="directory", title=page.title, summary=tuple(page.summary),
                                       reviewed=str(page.reviewed or ""), url=url, lang=lang, text_lang=lang,
                                       source=page.source, lines={})
        records.append(shortlinks.manifest_line(record))
        entries.append(search_page.entry_json(page.title, url, text))
    return records, entries


def _write(path: str, content: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(content)
