"""The site's page around generated content: rendered by the theme once, filled many times.

Material's main.html takes milliseconds a page, and the services directory has a page per
service per language. Its pages all sit in one folder outside the navigation, so their frame
(header, language menu, navigation drawer, emergency numbers, notices, footer) is the same but
for a few values. The theme renders that frame once per language and kind with placeholder
slots; each page is then the frame with its slots filled: its file name, id, title, heading,
summary and body. The frame passes through the hooks' on_post_page like every page (trimmed,
linking the stylesheet still to be made: overrides/hooks/stylesheet.py). The result is the page
the theme would have rendered, but for the templates' indentation.
"""
from __future__ import annotations

import html
import re
from collections import Counter

from mkdocs.commands.build import get_context
from mkdocs.structure.pages import Page

SLOTS = ("name", "id", "title", "heading", "summary", "body")
SLOT_TEXT = {slot: f"zqx{slot}zqx" for slot in SLOTS}  # letters only: no template escapes them
SLOT_RE = re.compile("zqx(" + "|".join(SLOTS) + ")zqx")


class ShellError(RuntimeError):
    pass


class Shell:
    """A rendered page split at its slots; fill() joins it with one page's values."""

    def __init__(self, rendered: str):
        self.parts = SLOT_RE.split(rendered)
        self.encoded = None
        counts = Counter(self.parts[1::2])
        if counts["body"] != 1 or counts["heading"] != 1 or not counts["title"]:
            raise ShellError(
                "overrides/main.html:1: Must render page.content, page.title (in the h1) and page.meta.title once "
                f"each: the directory's pages fill them in (scripts/directory/page_shell.py; found {dict(counts)})")

    def fill(self, *, name: str, id: str, title: str, heading: str, summary: str, body: str) -> str:
        """title and summary are plain text (escaped here); heading and body are HTML."""
        values = encoded_values(name=name, id=id, title=title, heading=heading, summary=summary, body=body)
        return self.fill_encoded(values).decode("utf-8")

    def fill_encoded(self, values: dict[str, bytes]) -> bytes:
        """The page from encoded_values(), UTF-8 encoded: the frame's parts are encoded once, not
        once a page."""
        if self.encoded is None:
            self.encoded = [part.encode("utf-8") for part in self.parts]
        parts = self.encoded[:]
        for index in range(1, len(parts), 2):
            parts[index] = values[self.parts[index]]
        return b"".join(parts)


def encoded_values(*, name: str, id: str, title: str, heading: str, summary: str, body: str) -> dict[str, bytes]:
    """A page's slot values, escaped and UTF-8 encoded, ready for Shell.fill_encoded()."""
    values = {"name": name, "id": id, "title": html.escape(title, quote=False),
              "summary": html.escape(summary), "heading": heading, "body": body}
    return {slot: value.encode("utf-8") for slot, value in values.items()}


def render(config, env, nav, files, file, meta: dict, template: str = "main.html") -> Shell:
    """Render `template` for a page at `file` (a File outside `files`, its URL containing
    SLOT_TEXT['name']) whose values are the slots; `meta` gives the rest of page.meta."""
    page = Page(None, file, config)
    page.markdown = ""
    page.meta = dict(meta, id=SLOT_TEXT["id"], title=SLOT_TEXT["title"], description=SLOT_TEXT["summary"])
    page.title = SLOT_TEXT["heading"]
    page.content = SLOT_TEXT["body"]
    context = get_context(nav, files, config, page)
    # The language menu: the i18n plugin points it at this page's alternates (slot URLs).
    i18n = config.plugins.get("i18n")
    if i18n is not None:
        context = i18n.on_page_context(context, page=page, config=config, nav=nav)
    try:
        return Shell(config.plugins.on_post_page(env.get_template(template).render(context), page=page, config=config))
    finally:
        file.page = None
