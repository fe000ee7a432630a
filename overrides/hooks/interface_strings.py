"""Interface strings: give the templates `ui`, the strings of the language being built.

Material ships no strings for ky, tg and kk, so every language's strings live in i18n/<lang>.yml
and partials/language.html reads them from here.
"""
import _path  # noqa: F401
from mkdocs.exceptions import PluginError

from scripts.core import interface_strings, site_config
from scripts.site import hook_marks, link_query

# Hooks

def on_env(env, config, files):
    hook_marks.leave(__file__, config)
    lang = config.theme["language"]
    try:
        env.globals["ui"] = interface_strings.load(lang)
    except interface_strings.StringsError as error:
        raise PluginError(str(error)) from None
    env.filters["dmy"] = interface_strings.day_month_year
    env.filters["query_value"] = link_query.query_value  # partials/report.html
    env.globals["default_lang"] = site_config.default_language()  # the language a page falls back to
    # Material's navigation drawer prints config.site_name: give it the reader's language.
    config.site_name = env.globals["ui"]["site_name"]
    return env
