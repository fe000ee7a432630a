"""Pages for editors, not for families: editors/translations.html, the translation status table, and
editors/review/<lang>/<page>.html, a review page per translated page, and editors/review/<lang>/directory/<id>.html
per directory entry (markup: editors_review.html beside).

Written once, after the default language's build (the i18n plugin builds the other languages
inside it, so this runs last); linked from no page of the families' navigation.
"""
from pathlib import Path

import _path  # noqa: F401

from scripts.core import site_config
from scripts.editors import review_pages, translation_table
from scripts.editors.checks.project import Project
from scripts.site import hook_marks

# Hooks

def on_post_build(config):
    hook_marks.leave(__file__, config)
    if config.theme["language"] != site_config.default_language():
        return
    site = Path(config.site_dir)
    target = site / "editors" / "translations.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(translation_table.page_html(Project(site_config.ROOT), _stylesheets(site, config)), encoding="utf-8")
    (target.parent / translation_table.STYLESHEET).write_text(translation_table.CSS, encoding="utf-8")
    _write_review_pages(site, config)


# Helpers

REVIEW_TEMPLATE = "hooks/editors_review.html"
REVIEW_CSS = Path(__file__).with_name("editors_review.css")


def _write_review_pages(site: Path, config) -> None:
    project = Project(site_config.ROOT)
    env = config.theme.get_env()
    env.autoescape = True  # titles, names and messages come from pull requests: escaped; marked lines are Markup
    template = env.get_template(REVIEW_TEMPLATE)
    (site / "editors" / REVIEW_CSS.name).write_bytes(REVIEW_CSS.read_bytes())
    for url, review in review_pages.every(project):
        up = "../" * (url.count("/") - 1)  # from editors/review/<lang>/[directory/]<name>.html to editors/
        target = site / url
        target.parent.mkdir(parents=True, exist_ok=True)
        stylesheets = [up + href for href in _stylesheets(site, config)] + [up + REVIEW_CSS.name]
        target.write_text(template.render(page=review, stylesheets=stylesheets, up=up,
                                          reader_link=f"{up}../{review_pages.reader_url(review)}"), encoding="utf-8")


def _stylesheets(site: Path, config) -> list:
    """Material's stylesheet and the site's own, as '../' links from editors/."""
    material = sorted(site.glob("assets/stylesheets/main.*.min.css"))
    return [f"../{path.relative_to(site).as_posix()}" for path in material[:1]] + [f"../{css}" for css in config.extra_css]
