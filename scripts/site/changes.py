"""Dated changes of guides and directory entries: the 'What changed' list and the Atom feed.

A guide records them in its front matter (`changes: [{date, text}]`, in its own language), a
directory entry in its YAML (`changes: [{date, text: {ru: …, ky: …}}]`). The feed's links are
relative to the feed's own address, so the same file works on every mirror (RFC 4287 §3.3 with
RFC 3986 resolution, as feed readers do); its ids are URNs that do not name a host.
"""
from __future__ import annotations

import datetime as dt
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass

ATOM = "http://www.w3.org/2005/Atom"
RECENT_DAYS = 30  # a page changed this recently says "updated on …" near its title
FEED_NAME = "changes.xml"
PAGE_NAME = "changes.html"
FEED_SIZE = 50


@dataclass(frozen=True)
class Change:
    date: dt.date
    text: str
    page_id: str
    title: str
    href: str  # relative to the language's root, e.g. "arrival.html", "directory/rodnik.html"
    lang: str  # the language the text is in (the default one when not translated)


def parse_date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def of_page(meta: dict, href: str, lang: str) -> list[Change]:
    return [Change(day, str(item["text"]), str(meta["id"]), str(meta["title"]), href, lang)
            for item in meta.get("changes") or [] if (day := parse_date(item.get("date")))]


def of_entry(data: dict, lang: str, default: str) -> list[Change]:
    name = data["name"].get(lang) or data["name"][default]
    found = []
    for item in data.get("changes") or []:
        day, texts = parse_date(item.get("date")), item.get("text") or {}
        if day and (texts.get(lang) or texts.get(default)):
            text_lang = lang if texts.get(lang) else default
            found.append(Change(day, texts[text_lang], data["id"], name, f"directory/{data['id']}.html", text_lang))
    return found


def latest(changes: list[Change], today: dt.date) -> Change | None:
    """The newest change of one page if it is recent enough to announce near its title."""
    recent = [(c.date, index) for index, c in enumerate(changes) if today - dt.timedelta(days=RECENT_DAYS) <= c.date <= today]
    return changes[max(recent)[1]] if recent else None  # of two on one day, the one written last


def ordered(changes: list[Change], today: dt.date) -> list[Change]:
    """Newest first; a change dated in the future is not announced before its day."""
    return sorted((c for c in changes if c.date <= today), key=lambda c: (c.date, c.page_id), reverse=True)


def _urn(*parts: str) -> str:
    return uuid.uuid5(uuid.NAMESPACE_URL, "migrant-rights:" + "/".join(parts)).urn


def atom(changes: list[Change], lang: str, title: str, subtitle: str, author: str, today: dt.date) -> bytes:
    """An Atom 1.0 feed of `changes` (already ordered), for the language root it is written in."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})

    def sub(parent, tag, text=None, **attrs):
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    newest = changes[0].date if changes else today
    sub(feed, "id", _urn("feed", lang))
    sub(feed, "title", title)
    sub(feed, "subtitle", subtitle)
    sub(feed, "updated", f"{newest.isoformat()}T00:00:00Z")
    sub(sub(feed, "author"), "name", author)
    sub(feed, "link", rel="self", href=FEED_NAME, type="application/atom+xml")
    sub(feed, "link", rel="alternate", href=PAGE_NAME, type="text/html")
    for change in changes[:FEED_SIZE]:
        entry = sub(feed, "entry")
        sub(entry, "id", _urn("change", lang, change.page_id, change.date.isoformat(), change.text))
        sub(entry, "title", change.title)
        sub(entry, "updated", f"{change.date.isoformat()}T00:00:00Z")
        sub(entry, "link", rel="alternate", href=change.href, type="text/html")
        summary = sub(entry, "summary", change.text)
        if change.lang != lang:
            summary.set("{http://www.w3.org/XML/1998/namespace}lang", change.lang)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8") + b"\n"


def updated_meta(meta: dict, today: dt.date) -> dict | None:
    """page.meta.updated for a guide changed in the last 30 days: {date, text}, else None."""
    recent = latest(of_page(meta, "", ""), today) if meta.get("id") and meta.get("title") else None
    return {"date": recent.date.isoformat(), "text": recent.text} if recent else None
