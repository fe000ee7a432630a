"""A Kiwix ZIM file per language, so families read the site in the Kiwix app with no connection.

The ZIM of a language holds that language's pages (from its home page, every page its links
reach in the same language), the stylesheets, icon and search files they use, and its leaflets.
Paths stay those of the site (ky/arrival.html, assets/site.css), so the pages' relative links
work as they are. Links to the other languages' pages, which are in their own ZIM files, go to
the online site when its address is known, or become plain text.
Usage: python -m scripts.zim_export SITE_DIR OUT_DIR [--lang ky] [--base-url https://…/]
"""
from __future__ import annotations

import contextlib
import datetime as dt
import html
import io
import mimetypes
import os
import re
import sys
from pathlib import Path

from scripts.core import interface_strings, site_config
from scripts.leaflets import shortlinks
from scripts.partners import site_references

MIME = {".html": "text/html", ".css": "text/css", ".js": "application/javascript", ".svg": "image/svg+xml",
        ".png": "image/png", ".pdf": "application/pdf", ".json": "application/json", ".vcf": "text/vcard",
        ".txt": "text/plain", ".webp": "image/webp", ".jpg": "image/jpeg", ".ics": "text/calendar"}
HREF = re.compile(r'(<(?:a|link)\b[^>]*?)\shref="([^"]*)"')
TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)
NAME = "migrant-rights-kz"
BRAND = (31, 78, 140)  # --md-primary-fg-color in docs/assets/site.css


class ZimError(ValueError):
    pass


def iso3(lang: str) -> str:
    """The language's ISO 639-3 code (i18n/<lang>.yml: iso639_3), which Kiwix names languages by."""
    code = interface_strings.load(lang).get("iso639_3", "")
    if lang != site_config.default_language() and code == interface_strings.load(site_config.default_language())["iso639_3"]:
        code = ""  # inherited from the default language: not this language's code
    if not re.fullmatch(r"[a-z]{3}", code):
        raise ZimError(f"{interface_strings.path_for(lang).relative_to(site_config.ROOT)}:1: Must have "
                       "'iso639_3: <code>', the language's ISO 639-3 code (e.g. kir for Kyrgyz): Kiwix files name "
                       "their language that way")
    return code


def language_of(path: str) -> str:
    """Language of a site path: its first folder if that is a language, else the default one."""
    first = path.split("/", 1)[0]
    codes = site_config.language_codes()
    return first if "/" in path and first in codes else site_config.default_language()


def contents(site: Path, lang: str) -> set[str]:
    """Site paths that go into the language's ZIM."""
    home = site_config.page_url(lang, "index")
    if not (site / home).is_file():
        raise ZimError(f"{site / home}: Must exist: the {lang} home page starts the ZIM file; build the site first")

    def same_language(reference: site_references.Reference) -> bool:
        return not reference.target.endswith(".html") or language_of(reference.target) == lang

    return {path for path in site_references.reachable(site, [home], same_language) if not path.endswith((".gz", ".br"))}


def rewrite_links(text: str, source: str, included: set[str], online: str | None) -> str:
    """Links to pages outside this ZIM go to the online site, or become plain text."""
    def replace(match: re.Match) -> str:
        resolved = site_references.resolve(source, html.unescape(match.group(2)))
        if resolved is None or resolved[0] in included:
            return match.group(0)
        if online:
            return f'{match.group(1)} href="{html.escape(online + resolved[0])}"'
        return match.group(1)
    return HREF.sub(replace, text)


def illustration() -> bytes:
    """The 48x48 PNG Kiwix shows in its library: a house on the site's blue."""
    from PIL import Image, ImageDraw
    image = Image.new("RGB", (48, 48), BRAND)
    draw = ImageDraw.Draw(image)
    draw.polygon([(24, 8), (40, 22), (36, 22), (36, 40), (12, 40), (12, 22), (8, 22)], fill="white")
    draw.rectangle([21, 29, 27, 40], fill=BRAND)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def whole_words(text: str, limit: int) -> str:
    """The text, or as many whole words as fit in `limit` characters with "…" (Kiwix's limits)."""
    if len(text) <= limit:
        return text
    head = text[:limit - 1]
    if not text[limit - 1].isspace() and " " in head:
        head = head.rsplit(" ", 1)[0]
    return head.rstrip(" ,;:-–—") + "…"


def _metadata(site: Path, lang: str, date: dt.date) -> dict[str, str]:
    ui = interface_strings.load(lang)
    home = next((record for record in shortlinks.read_manifests(site).get(lang, []) if record.type == "home"), None)
    summary = list(home.summary) if home else []
    description = summary[0] if summary else ui["site_name"]
    campaign = ui.get("copyright") or str(site_config.load().get("site_name"))
    return {
        "Name": f"{NAME}_{lang}",
        "Title": whole_words(ui["site_name"], 30),
        "Description": whole_words(description, 80),
        "LongDescription": whole_words(" ".join(summary), 4000) or description,
        "Language": iso3(lang),
        "Creator": campaign,
        "Publisher": campaign,
        "Date": date.isoformat(),
        "Tags": "_ftindex:yes;_pictures:no;_videos:no;_details:yes",
    }


@contextlib.contextmanager
def _quiet_stdout():
    """libzim prints its progress ("ZIM file is ready!") straight to the process's stdout."""
    sys.stdout.flush()
    saved = os.dup(1)
    with open(os.devnull, "wb") as devnull:
        os.dup2(devnull.fileno(), 1)
    try:
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def write_zim(site: Path, lang: str, target: Path, date: dt.date | None = None, online: str | None = None) -> int:
    """Write the language's ZIM file; returns how many entries it holds."""
    from libzim.writer import Creator, Hint, Item, StringProvider

    class Entry(Item):
        def __init__(self, path: str, title: str, mimetype: str, data: bytes, front: bool):
            super().__init__()
            self.path, self.title, self.mimetype, self.data, self.front = path, title, mimetype, data, front

        def get_path(self):
            return self.path

        def get_title(self):
            return self.title

        def get_mimetype(self):
            return self.mimetype

        def get_contentprovider(self):
            return StringProvider(self.data)

        def get_hints(self):
            return {Hint.FRONT_ARTICLE: self.front, Hint.COMPRESS: not self.mimetype.startswith(("image/png", "application/pdf"))}

    included = contents(site, lang)
    search_page = site_config.page_url(lang, "search")
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        target.unlink()
    suffix_title = f" – {interface_strings.load(lang)['site_name']}"
    creator = Creator(str(target)).config_indexing(True, iso3(lang)).config_verbose(False).config_nbworkers(2)
    with _quiet_stdout(), creator:
        creator.set_mainpath(site_config.page_url(lang, "index"))
        creator.add_illustration(48, illustration())
        for name, value in _metadata(site, lang, date or dt.date.today()).items():
            creator.add_metadata(name, value)
        for path in sorted(included):
            suffix = Path(path).suffix.lower()
            mimetype = MIME.get(suffix) or mimetypes.guess_type(path)[0] or "application/octet-stream"
            data = (site / path).read_bytes()
            title = Path(path).name
            if suffix == ".html":
                text = rewrite_links(data.decode("utf-8"), path, included, online)
                found = TITLE.search(text)
                title = html.unescape(found.group(1)).strip().removesuffix(suffix_title) if found else title
                data = text.encode("utf-8")
            creator.add_item(Entry(path, title, mimetype, data, suffix == ".html" and path != search_page))
    return len(included)
