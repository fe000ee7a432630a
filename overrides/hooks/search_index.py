"""Search in the reader's language, downloaded only when the reader searches.

Each language build writes assets/search/<lang>.js (title, url, text of its pages); the
search page's script loads that one file on the first query. A script rather than JSON so that
search also works from a copy opened from disk (file://), where fetch() is refused.
"""
import os

import _path  # noqa: F401

from scripts.site import hook_marks, search_page

_entries = {}  # language -> list of index entries, refilled by each language's build


# Hooks

def on_pre_build(config):
    _entries[config.theme["language"]] = []


def on_page_content(html, page, config, files):
    if page.meta.get("type") != "search":
        _entries.setdefault(config.theme["language"], []).append(search_page.entry(page.title, page.url, html))
    return html


def on_page_context(context, page, config, nav):
    if page.meta.get("type") == "search":
        page.content = search_page.render(page.content, nav, page, context["ui"] if "ui" in context else None)
    return context


def on_post_build(config):
    hook_marks.leave(__file__, config)
    lang = config.theme["language"]
    target = os.path.join(config.site_dir, "assets", "search", f"{lang}.js")
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "w", encoding="utf-8") as handle:
        handle.write(search_page.index_script(_entries.get(lang, [])))
