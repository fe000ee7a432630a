"""Per page: enforce the front matter schema, and tell the template which notices to show.

Runs once per language build (the i18n plugin builds each language in turn); it only reads.
"""
from pathlib import Path

import _path  # noqa: F401
from mkdocs.exceptions import PluginError

from scripts.core import page_status, phone_numbers
from scripts.site import hook_marks

# Hooks

def on_page_markdown(markdown, page, config, files):
    hook_marks.leave(__file__, config)
    path = Path(page.file.abs_src_path or "")
    if not path.is_file():  # generated pages carry checked metadata of their own
        return markdown
    problems = page_status.front_matter_problems(path)
    if problems:
        raise PluginError("\n".join(f"{rel}:{line}: {message}" for rel, line, message in problems))
    build_lang = getattr(page.file, "locale_alternate_of", config.theme["language"])
    page.meta["translation"] = page_status.status(path, build_lang)  # not "status": Material shows that as an icon in the navigation
    return markdown


def on_page_content(html, page, config, files):
    # Allow-listed emergency and helpline numbers in editors' text become one-tap tel: links;
    # generated pages (the directory) write their own tel: links.
    if not Path(page.file.abs_src_path or "").is_file():
        return html
    return phone_numbers.link_numbers(html)
