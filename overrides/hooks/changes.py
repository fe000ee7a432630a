"""Dated changes: "updated on …" under a recently changed guide's title, the "What changed" page
and its Atom feed, in each language (scripts/site/changes.py; markup in changes.html beside this).

Runs once per language build: collects the changes of the pages it builds and of the directory's
entries, fills the page whose front matter says `type: changes`, and writes changes.xml beside it.
"""
import dataclasses
import posixpath
from pathlib import Path

import _path  # noqa: F401
from mkdocs.utils import get_build_datetime

from scripts.core import interface_strings, markers, site_config
from scripts.directory import services
from scripts.site import changes, hook_marks

_found = {}  # language -> list of Change of this build's pages
_feed = {}  # language -> (folder of the changes page in the site, its title)
_env = {}  # language -> the build's Jinja environment (its filters: dmy)


def _lang(config) -> str:
    return config.theme["language"]


def _today():
    return get_build_datetime().date()


# Hooks

def on_pre_build(config):
    hook_marks.leave(__file__, config)
    _found[_lang(config)] = []
    _feed.pop(_lang(config), None)


def on_page_markdown(markdown, page, config, files):
    lang = _lang(config)
    if page.meta.get("id") and page.meta.get("title"):
        _found[lang] += changes.of_page(page.meta, page.url, getattr(page.file, "locale", lang))
    page.meta["updated"] = changes.updated_meta(page.meta, _today())
    if page.meta.get("type") == "changes":
        _feed[lang] = (posixpath.dirname(page.url), str(page.meta.get("title") or ""))
    return markdown


def on_env(env, config, files):
    _env[_lang(config)] = env
    return env


def on_page_context(context, page, config, nav):
    if page.meta.get("type") != "changes":
        return context
    lang = _lang(config)
    ui = context.get("ui") or interface_strings.load(lang)
    template = _env[lang].get_template("hooks/changes.html")
    listed = changes.ordered(_all(lang, posixpath.dirname(page.url)), _today())
    page.content = page.content.replace(markers.CHANGES, template.module.render(listed, ui, changes.FEED_NAME))
    return context


def on_post_build(config):
    lang = _lang(config)
    if lang not in _feed:
        return
    folder, title = _feed[lang]
    ui = interface_strings.load(lang)
    feed = changes.atom(changes.ordered(_all(lang, folder), _today()), lang, title, ui["changes.intro"], ui["site_name"], _today())
    target = Path(config.site_dir, folder, changes.FEED_NAME)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(feed)


# Data

def _all(lang: str, folder: str) -> list:
    """This language's changes, their links relative to `folder` (where the page and feed are)."""
    default = site_config.default_language()
    try:
        entries = services.load(today=_today())
    except services.ServicesError:
        entries = ()  # the directory's hook stops the build with the entries' problems
    found = [dataclasses.replace(change, href=posixpath.relpath(change.href, folder or "."))
             for change in _found.get(lang, [])]
    for entry in entries:
        found += changes.of_entry(entry.data, lang, default)
    return found
