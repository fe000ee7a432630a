"""Situations (issue 14): a situation page links its "show this" card (written with the leaflets,
scripts/leaflets/cards.py); a guide lists the situations whose last section links it.

Markup in situations.html beside this file. Runs once per language build; it only reads.
"""
from pathlib import Path

import _path  # noqa: F401
import jinja2

from scripts.core import interface_strings, situations
from scripts.site import hook_marks

_MARKUP = jinja2.Environment(loader=jinja2.FileSystemLoader(str(Path(__file__).parent)), autoescape=True)
_strings = {}  # language -> interface strings, read again by each build


def _macros():
    return _MARKUP.get_template("situations.html").module


# Hooks

def on_pre_build(config):
    hook_marks.leave(__file__, config)
    situations.situations.cache_clear()  # `mkdocs serve` rebuilds after an edit
    _strings[config.theme["language"]] = interface_strings.load(config.theme["language"])


def on_page_content(html, page, config, files):
    kind, lang = page.meta.get("type"), config.theme["language"]
    if kind == situations.TYPE and page.meta.get("id"):
        link = _macros().card_link(situations.card_path(page.meta["id"]), _strings[lang]["situations.card.link"])
        return f"{link}\n{html}"
    if kind == "guide":
        slug = Path(page.file.src_uri).stem
        items = [(f"{found.slug}.html", found.title) for found in situations.situations(lang) if slug in found.guides]
        if items:
            return f"{html}\n{_macros().guide_list(_strings[lang]['situations.guide'], items)}"
    return html
