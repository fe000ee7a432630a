"""Pages for editors, not for families: editors/translations.html, the translation status table, and
editors/review/<lang>/<page>.html, a review page per translated page, and editors/review/<lang>/directory/<id>.html
per directory entry (scripts/editors/editors_site.py; markup: editors_review.html beside).

They are made from the sources alone, so a process beside the build writes them while mkdocs
builds the pages (scripts/site/background.py): started once the default language's build has
cleaned the site, awaited after every language's build (the i18n plugin nests them in the first).
Linked from no page of the families' navigation.
"""
from pathlib import Path

import _path  # noqa: F401
from mkdocs.plugins import event_priority
from mkdocs.utils import get_build_datetime

from scripts.editors import editors_site
from scripts.site import background, hook_marks

_job = {}  # the outermost build's process writing the pages
_depth = [0]  # builds running: the i18n plugin nests each language's build in the first one's

# Hooks

def on_pre_build(config):
    _depth[0] += 1


def on_files(files, config):
    hook_marks.leave(__file__, config)
    if _depth[0] == 1 and "pages" not in _job:  # the outermost build, once it has cleaned the site
        _job["pages"] = background.start(editors_site.write, Path(config.site_dir), list(config.theme.dirs),
                                         _stylesheets(config), get_build_datetime().date())
    return files


@event_priority(-250)  # after the other languages' builds, before the stylesheet hook (-300) relinks every page
def on_post_build(config):
    _depth[0] -= 1
    if _depth[0] == 0:
        _job.pop("pages").result()


def on_build_error(error):  # its job is stopped with the worker (overrides/hooks/background.py)
    _job.clear()
    _depth[0] = 0


# Helpers

def _stylesheets(config) -> list:
    """Material's stylesheet (from the theme: the site has no copy yet) and the site's own, as '../' links from editors/."""
    material = sorted(path for folder in config.theme.dirs for path in Path(folder).glob("assets/stylesheets/main.*.min.css"))
    return [f"../assets/stylesheets/{path.name}" for path in material[:1]] + [f"../{css}" for css in config.extra_css]
