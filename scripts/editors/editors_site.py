"""The editors' pages of the built site (overrides/hooks/editors_pages.py starts this as a job beside
the build): editors/translations.html, the translation status table, and a review page per
translated page and per directory entry, editors/review/<lang>/[directory/]<name>.html, from
the template REVIEW_TEMPLATE in the theme's folders."""
from __future__ import annotations

from pathlib import Path

import jinja2

from scripts.core import site_config
from scripts.directory import services
from scripts.editors import review_pages, translation_table
from scripts.editors.checks.project import Project

REVIEW_TEMPLATE = "hooks/editors_review.html"


def write(site: Path, theme_dirs: list[str], stylesheets: list[str], today) -> None:
    """`stylesheets`: '../' links from editors/ to Material's stylesheet and the site's own;
    `today`: the build's date, for the directory's entries as the build has read them."""
    project = Project(site_config.ROOT)
    try:  # the directory's entries as this build has read and checked them (a second call reads nothing)
        review_pages.use_checked(project, services.load(today=today))
    except services.ServicesError:
        pass  # the build stops with the problems; a page reads what it can meanwhile
    target = site / "editors" / "translations.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(translation_table.page_html(project, stylesheets), encoding="utf-8")
    (target.parent / translation_table.STYLESHEET).write_text(translation_table.CSS, encoding="utf-8")
    _write_review_pages(site, theme_dirs, project, stylesheets)


def theme_environment(theme_dirs: list[str]) -> jinja2.Environment:
    """The theme's folders' templates for the editors' pages, every value escaped: titles, names and
    messages come from pull requests (marked lines are Markup)."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(theme_dirs), autoescape=True, auto_reload=False)


def _write_review_pages(site: Path, theme_dirs: list[str], project: Project, stylesheets: list[str]) -> None:
    template = theme_environment(theme_dirs).get_template(REVIEW_TEMPLATE)
    css = Path(template.filename).with_suffix(".css")
    (site / "editors" / css.name).write_bytes(css.read_bytes())
    for url, review in review_pages.every(project):
        up = "../" * (url.count("/") - 1)  # from editors/review/<lang>/[directory/]<name>.html to editors/
        target = site / url
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(template.render(page=review, stylesheets=[up + href for href in stylesheets] + [up + css.name],
                                          up=up, reader_link=f"{up}../{review_pages.reader_url(review)}"), encoding="utf-8")
