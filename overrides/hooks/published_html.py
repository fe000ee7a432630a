"""What every page publishes: its content through the sanitiser, every other value escaped.

- on_page_content, before the other hooks: the page's HTML after Markdown as the sanitiser keeps
  it (scripts/core/published_html.py); anything it would remove stops the build with the lines
  `make check` gives. The directory's lists, phone links and the search index come after.
- on_env: the templates escape every value (titles, sources, interface strings, mirrors).
- on_page_context, after the other hooks: page.content, the build's own sanitised HTML, is the
  one value not escaped; the table of contents' titles, HTML text from Markdown, become text.
"""
import html
from pathlib import Path

import _path  # noqa: F401
import markupsafe
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from scripts.core import frontmatter, published_html, site_config
from scripts.core.problems import Problem, editor_path, report
from scripts.site import hook_marks

# Hooks

@event_priority(150)  # before the directory's lists (100) and every reader of the page's HTML
def on_page_content(content, page, config, files):
    published, removed = published_html.clean(content)
    if removed:
        raise PluginError(report(_problems(page, removed)))
    return published


@event_priority(100)
def on_env(env, config, files):
    hook_marks.leave(__file__, config)
    env.autoescape = True
    return env


@event_priority(-100)  # after the hooks that set page.content (the search page)
def on_page_context(context, page, config, nav):
    page.content = markupsafe.Markup(page.content)
    for item in _toc_items(page.toc):
        item.title = html.unescape(item.title)
    return context


# Data

def _problems(page, removed) -> list[Problem]:
    """`make check`'s messages for the page's file; for a page the build made, what was removed."""
    source = Path(page.file.abs_src_path or "")
    if source.is_file():
        rel, text = editor_path(source), source.read_text(encoding="utf-8-sig")
        found = [Problem(rel, line, message) for line, message in
                 published_html.problems(text, _body_line(text), site_config.MKDOCS_YML)]
        if found:
            return found
    else:
        rel = page.file.src_uri
    return [Problem(rel, 1, published_html.message(item)) for item in removed[:published_html.MOST_REPORTED]]


def _body_line(text: str) -> int:
    try:
        return frontmatter.split(text).body_line
    except frontmatter.FrontMatterError:
        return 1


def _toc_items(items):
    for item in items:
        yield item
        yield from _toc_items(item.children)
