"""Pages for editors, not for families: editors/translations.html, the translation status table, and
editors/review/<lang>/<page>.html, a review page per translated page, and editors/review/<lang>/directory/<id>.html
per directory entry (markup: editors_review.html beside).

They are made from the sources alone, so a process beside the build writes them while mkdocs
builds the pages (scripts/site/background.py): started once the default language's build has
cleaned the site, awaited after every language's build (the i18n plugin nests them in the first).
Linked from no page of the families' navigation.
"""
from pathlib import Path

import _path  # noqa: F401
from mkdocs.plugins import event_priority
from mkdocs.utils import get_build_datetime

from scripts.core import site_config
from scripts.directory import services
from scripts.editors import review_pages, translation_table
from scripts.editors.checks.project import Project
from scripts.site import background, hook_marks

_job = {}  # the outermost build's process writing the pages
_depth = [0]  # builds running: the i18n plugin nests each language's build in the first one's

# Hooks

def on_pre_build(config):
    _depth[0] += 1


def on_files(files, config):
    hook_marks.leave(__file__, config)
    if _depth[0] == 1 and "pages" not in _job:  # the outermost build, once it has cleaned the site
        _job["pages"] = background.start(_write_pages, Path(config.site_dir), config)
    return files


@event_priority(-250)  # after the other languages' builds, before the stylesheet hook (-300) relinks every page
def on_post_build(config):
    _depth[0] -= 1
    if _depth[0] == 0:
        _job.pop("pages").result()


def on_build_error(error):
    job = _job.pop("pages", None)
    if job is not None:
        job.cancel()
    _depth[0] = 0


# Helpers

REVIEW_TEMPLATE = "hooks/editors_review.html"
REVIEW_CSS = Path(__file__).with_name("editors_review.css")


def _write_pages(site: Path, config) -> None:
    project = Project(site_config.ROOT)
    try:  # the directory's entries as this build has read and checked them (a second call reads nothing)
        review_pages.use_checked(project, services.load(today=get_build_datetime().date()))
    except services.ServicesError:
        pass  # the build stops with the problems; a page reads what it can meanwhile
    stylesheets = _stylesheets(config)
    target = site / "editors" / "translations.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(translation_table.page_html(project, stylesheets), encoding="utf-8")
    (target.parent / translation_table.STYLESHEET).write_text(translation_table.CSS, encoding="utf-8")
    _write_review_pages(site, config, project, stylesheets)


def _write_review_pages(site: Path, config, project: Project, stylesheets: list[str]) -> None:
    env = config.theme.get_env()
    env.autoescape = True  # titles, names and messages come from pull requests: escaped; marked lines are Markup
    template = env.get_template(REVIEW_TEMPLATE)
    (site / "editors" / REVIEW_CSS.name).write_bytes(REVIEW_CSS.read_bytes())
    for url, review in review_pages.every(project):
        up = "../" * (url.count("/") - 1)  # from editors/review/<lang>/[directory/]<name>.html to editors/
        target = site / url
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(template.render(page=review, stylesheets=[up + href for href in stylesheets] + [up + REVIEW_CSS.name],
                                          up=up, reader_link=f"{up}../{review_pages.reader_url(review)}"), encoding="utf-8")


def _stylesheets(config) -> list:
    """Material's stylesheet (from the theme: the site has no copy yet) and the site's own, as '../' links from editors/."""
    material = sorted(path for folder in config.theme.dirs for path in Path(folder).glob("assets/stylesheets/main.*.min.css"))
    return [f"../assets/stylesheets/{path.name}" for path in material[:1]] + [f"../{css}" for css in config.extra_css]
