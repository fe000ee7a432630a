"""The directory's files of every language, written into the built site.

A page per service and per category or city page (scripts/directory/directory_pages.py makes their bodies;
scripts/directory/page_shell.py the theme's frame around them), a vCard per service, and, at the site root,
the open data. overrides/hooks/directory.py runs a Writer beside mkdocs (scripts/site/background.py);
the pages are also registered with mkdocs as files, so links and anchors to them are checked.

The Writer does what needs no page frame (the bodies, the vCards, the open data, the pages'
short-link records and search entries) while it waits for the frames, language by language in
the build's order: when mkdocs sends a language's frame, what is left is to put each body in it
and write the files.
"""
from __future__ import annotations

import os

from scripts.directory import directory_pages, open_data, page_shell, services
from scripts.leaflets import shortlinks
from scripts.site import search_page


class Writer:
    """Writes the directory's files of every language into `site_dir`: `prefixes` is {lang: its
    folder in the site, "" or "ky/"}, in the order the build reaches them.

    Job (see scripts/background.Worker): ("pages", lang, frames) writes that language's files.
    idle() does the rest ahead, in the order the build needs it: every language's answer(), the
    checks the load left out, the pages of each language, the open data. answer(lang) is what the
    language's short-link manifest and search index list for its directory pages."""

    def __init__(self, entries, today, site_dir: str, prefixes: dict[str, str], created: str):
        self.entries, self.today, self.site_dir, self.prefixes, self.created = entries, today, site_dir, prefixes, created
        self.bodies = directory_pages.SharedBodies()
        self.listed = {}  # lang -> _Listed: the pages without their bodies
        self.answers = {}  # lang -> (manifest lines, search index items), until sent
        self.prepared = {}  # lang -> _Prepared, until written
        self.written = []  # languages written, in order
        self.open_data = None  # {file name: text}, until written
        self.open_data_written = False
        self.problems = None  # of the entries, from services.later_problems()

    def idle(self) -> bool:
        """One step of the work ahead; False when none is left."""
        unlisted = [lang for lang in self.prefixes if lang not in self.listed]
        unprepared = [lang for lang in self.prefixes if lang not in self.prepared and lang not in self.written]
        if unlisted:
            self._list(unlisted[0])
        elif self.problems is None:
            self._check()
        elif unprepared:
            self._prepare(unprepared[0])
        elif self.written and (lang := next((lang for lang, ready in self.prepared.items() if ready.cards), None)):
            write_cards(self._folder(lang), self.prepared[lang])  # the site folder is clean: no need to wait for the frame
        elif self.open_data is None and not self.open_data_written:
            self.open_data = self._open_data_texts()
        elif self.written and not self.open_data_written:  # the site folder was cleaned before the first job
            self._write_open_data()
        else:
            return False
        return True

    def answer(self, lang: str) -> tuple[list[str], list[str]]:
        if self.problems:
            self._check()
        if lang not in self.listed:
            self._list(lang)
        return self.answers.pop(lang)

    def ready_answers(self) -> dict:
        ready, self.answers = self.answers, {}
        return ready

    def __call__(self, job: tuple) -> None:
        kind, lang, frames = job
        if kind != "pages":
            raise ValueError(f"unknown job {kind!r}")
        self._check()
        prepared = self.prepared.pop(lang, None) or self._prepare(lang, keep=False)
        self.written.append(lang)
        write(self._folder(lang), prepared, frames)
        if len(self.written) == len(self.prefixes) and not self.open_data_written:  # the last job
            self._write_open_data()

    def _folder(self, lang: str) -> str:
        return os.path.join(self.site_dir, self.prefixes[lang], "directory")

    def _open_data_texts(self) -> dict[str, str]:
        pages = {entry.id: {lang: f"{prefix}directory/{entry.id}.html" for lang, prefix in self.prefixes.items()}
                 for entry in self.entries}
        view = directory_pages.View(next(iter(self.prefixes)), self.today)
        return open_data.files(self.entries, view, pages, self.created)

    def _write_open_data(self) -> None:
        write_texts(os.path.join(self.site_dir, "data"), self.open_data or self._open_data_texts())
        self.open_data, self.open_data_written = None, True

    def _check(self) -> None:
        """The entries were loaded without the checks a schema cannot express: nothing is written
        before they pass (services.later_problems)."""
        if self.problems is None:
            self.problems = services.later_problems(self.entries, self.today)
        if self.problems:
            raise services.ServicesError(self.problems)

    def _list(self, lang: str) -> "_Listed":
        """The language's pages without bodies, and its answer."""
        view = directory_pages.View(lang, self.today)
        pages = [directory_pages.service_meta(entry, view) for entry in self.entries]
        texts = [directory_pages.search_text(entry, view) for entry in self.entries]
        listings = directory_pages.listings(self.entries, view)
        pages += [listing.page for listing in listings]
        texts += [directory_pages.listing_search_text(listing) for listing in listings]
        self.answers[lang] = _listed(pages, texts, lang, f"{self.prefixes[lang]}directory/")
        listed = self.listed[lang] = _Listed(view, pages[:len(self.entries)], listings)
        return listed

    def _prepare(self, lang: str, keep: bool = True) -> "_Prepared":
        try:
            prepared = self._prepared(self.listed.get(lang) or self._list(lang))
        except Exception:
            self._check()  # an entry only the later checks refuse broke it: say which, as `make check` would
            raise
        if keep:
            self.prepared[lang] = prepared
        return prepared

    def _prepared(self, listed: "_Listed") -> "_Prepared":
        view = listed.view
        pages = [self.bodies.page(entry, view, page) for entry, page in zip(self.entries, listed.services)]
        cards = {entry.id: directory_pages.vcard_text(entry, view).encode("utf-8")  # bytes: its CRLF line ends stay
                 for entry in self.entries if directory_pages.has_vcard(entry)}
        for listing in listed.listings:
            listing.page.body = directory_pages.listing_body(listing, view)
            pages.append(listing.page)
        return _Prepared([(page.name, page.fallback, _encoded(page)) for page in pages], cards)


class _Listed:
    """One language's pages before their bodies: its view, the services' pages, the listings."""
    __slots__ = ("view", "services", "listings")

    def __init__(self, view, services: list, listings: list):
        self.view, self.services, self.listings = view, services, listings


def _listed(pages: list, texts: list[str], lang: str, folder_url: str) -> tuple[list[str], list[str]]:
    """The pages' short-link records and search index entries, each as a line of JSON."""
    records, entries = [], []
    for page, text in zip(pages, texts):
        url = f"{folder_url}{page.name}.html"
        record = shortlinks.PageRecord(id=page.id, type="directory", title=page.title, summary=tuple(page.summary),
                                       reviewed=str(page.reviewed or ""), url=url, lang=lang, text_lang=lang,
                                       source=page.source, lines={})
        records.append(shortlinks.manifest_line(record))
        entries.append(search_page.entry_json(page.title, url, text))
    return records, entries


class _Prepared:
    """One language's pages, [(name, fallback, page_shell.encoded_values())], and its vCards
    not written yet, {id: bytes}."""
    __slots__ = ("pages", "cards")

    def __init__(self, pages: list, cards: dict[str, bytes]):
        self.pages, self.cards = pages, cards


def write(folder: str, prepared: _Prepared, frames: dict) -> None:
    """Write into `folder` (<site>/<lang>/directory); `frames`: fallback (bool) -> page_shell.Shell."""
    write_cards(folder, prepared)
    for name, fallback, values in prepared.pages:
        _write(os.path.join(folder, f"{name}.html"), frames[fallback].fill_encoded(values))


def write_cards(folder: str, prepared: _Prepared) -> None:
    os.makedirs(folder, exist_ok=True)
    for name, card in prepared.cards.items():
        _write(os.path.join(folder, f"{name}.vcf"), card)
    prepared.cards = {}


def write_texts(folder: str, texts: dict[str, str]) -> None:
    """{file name: text} into `folder` (the open data into <site>/data)."""
    os.makedirs(folder, exist_ok=True)
    for name, text in texts.items():
        _write(os.path.join(folder, name), text.encode("utf-8"))


def _encoded(page: directory_pages.Page) -> dict[str, bytes]:
    return page_shell.encoded_values(name=page.name, id=page.id, title=page.title, heading=page.heading,
                                     summary=" ".join(page.summary), body=page.body)


def _write(path: str, content: bytes) -> None:
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        view = memoryview(content)
        while view:
            view = view[os.write(handle, view):]
    finally:
        os.close(handle)
