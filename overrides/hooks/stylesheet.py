"""One small stylesheet: a page's first view fits in one round trip (and mkdocs.yml's favicon is
an empty data: address, so no third request follows).

- on_post_page, on_post_template (the 404 page): each page without what no reader uses
  (scripts/site/page_trim.py), linking the stylesheet still to be made, its icons drawn by it
  (scripts/site/icons.py); the directory's page frame passes here too (scripts/directory/page_shell.py);
- on_post_build of each language nested in the first one's build (the i18n plugin): a job beside
  the next language's build reads the language's pages, the directory's included (its jobs come
  first: scripts/site/background.py keeps them in order);
- on_post_build of the outermost build, after every language and the directory's pages:
  Material's rules and the site's own (docs/assets/site.css), reduced to those the pages use and
  minified (scripts/site/stylesheet.py), and the rules that draw the pages' icons become one
  stylesheet named by its content, assets/stylesheets/site.<8 hex>.min.css, whose name every page's
  link then gets; hosts cache it for a year (deploy/nginx/http.conf). main.html links no other stylesheet.
"""
from pathlib import Path

import _path  # noqa: F401
from mkdocs.plugins import event_priority

from scripts.site import background, hook_marks, icons, page_trim, stylesheet

_depth = [0]  # the i18n plugin nests each language's build in the first one's
_read = {}  # the outermost build's: the stylesheets' selectors, and the jobs reading each nested language's folder


def on_pre_build(config):
    hook_marks.leave(__file__, config)
    _depth[0] += 1


@event_priority(-100)  # after the hooks that fill the page
def on_post_page(output, page, config):
    return stylesheet.pending(page_trim.trimmed(output), config.extra_css)


def on_post_template(output_content, template_name, config):  # the 404 page, rendered outside on_post_page
    if not template_name.endswith(".html"):
        return output_content
    return stylesheet.pending(page_trim.trimmed(output_content), config.extra_css)


@event_priority(-300)  # after the directory hook (-200) has written its pages (or started the jobs that do)
def on_post_build(config):
    _depth[0] -= 1
    site = Path(config.site_dir)
    if _depth[0] > 0:
        _read_language_beside(site, config.theme["language"], config)
        return
    css = _css(site, config)
    selectors = stylesheet.selectors(css)
    jobs = _read.pop("jobs", {})
    if _read.pop("selectors", None) != selectors:  # the stylesheets changed meanwhile: read every page again
        jobs = {}
    words = stylesheet.vocabulary(site, selectors, skip=("editors", *jobs),
                                  others=lambda: tuple(background.results(list(jobs.values()))))
    stylesheet.publish(site, stylesheet.reduce(css, words) + icons.stylesheet(words.names), replacing=config.extra_css)


def on_build_error(error):  # its jobs are stopped with the worker (overrides/hooks/background.py)
    _read.clear()
    _depth[0] = 0


def _read_language_beside(site: Path, lang: str, config) -> None:
    """A nested language's pages are all in site/<lang>/ now: read them in a job beside the next build."""
    if "selectors" not in _read:
        _read["selectors"] = stylesheet.selectors(_css(site, config))
    _read.setdefault("jobs", {})[lang] = background.start(stylesheet.folder_words, str(site / lang), _read["selectors"])


def _css(site: Path, config) -> str:
    material = next(site.glob("assets/stylesheets/main.*.min.css"))
    own = [site / css for css in config.extra_css]
    return material.read_text(encoding="utf-8") + "".join(path.read_text(encoding="utf-8") for path in own)
