"""The "page not found" page in every language: <lang>/404.html, Russian at the root.

The i18n plugin builds each language into the same site folder, and every build renders the
theme's 404.html at the site root, so the last language built would win. After each language's
build this hook moves that language's page into its folder and puts the default one back.
Web servers then answer a missing /ky/... with ky/404.html (deploy/nginx/, deploy/README.md).
"""
import os
from urllib.parse import urlsplit

import _path  # noqa: F401

from scripts.core import site_config
from scripts.site import hook_marks

_default_page = {}  # site folder -> the default language's 404.html bytes


# Hooks

# The 404 page has no alternates of its own (it would keep the last page's): link each home.
def on_template_context(context, template_name, config):
    if template_name == "404.html" and config.extra.get("alternate"):
        base = urlsplit(config.site_url or "/").path.rstrip("/")
        homes = [dict(alternate, link=f"{base}/{site_config.page_url(alternate['lang'], 'index')}")
                 for alternate in config.extra["alternate"]]
        # The i18n plugin sets the attribute on each page, which then hides the item: set both.
        config.extra["alternate"] = config.extra.alternate = homes
    return context


# Move this language's 404 page into its folder; keep the default language's at the root.
def on_post_build(config):
    hook_marks.leave(__file__, config)
    root_page = os.path.join(config.site_dir, "404.html")
    if not os.path.exists(root_page):
        return
    lang = config.theme["language"]
    # The build's own default: a one-language preview (build_site --lang ky) builds ky at the root.
    default = getattr(config.plugins.get("i18n"), "default_language", None) or site_config.default_language()
    if lang == default:
        with open(root_page, "rb") as handle:
            _default_page[config.site_dir] = handle.read()
        return
    os.makedirs(os.path.join(config.site_dir, lang), exist_ok=True)
    os.replace(root_page, os.path.join(config.site_dir, lang, "404.html"))
    if config.site_dir in _default_page:
        with open(root_page, "wb") as handle:
            handle.write(_default_page[config.site_dir])
